"""Works and credits: the work an encyclopedic lead is about, and what the text says of it.

An encyclopedic lead names its subject first: "Gray Harbor is a 1961 British film directed by Olan
Vesk and starring Mira Tull". The subject of that copula, when its attribute is a kind of work
("film", "album", "novel"), is the text's work; the adjectives in between ("British", "1961") are
never the work. Credits are read from the parse, and credit the work only when the verb or noun is
anchored on it (the lead's attribute, the work's name, "it", "the film"), never another title named
nearby ("he also directed Lowtide" credits nothing to the text's work):

- "directed by", "written by", "written and produced by", "produced by" (a verb and its conjuncts
  share the agent), "starring A and B", "It stars A, B and C" (each conjunct a cast member);
- release years: "is a 1961 film", "Gray Harbor (1961)", "released on 4 May 1961", "first published
  in 1961";
- sequels and series: "the sequel to X", "a prequel to X", "followed by X", "preceded by X", "the
  second film in the X series" / "the X franchise" (a franchise is a Universe);
- cast lists with roles: "starred A as X, B as Y, and C as Z" (each role a character the person
  plays), "The cast included A, P. B, Sakra and C";
- a performer's article ("X (born 1980) is an Irish actor"): each work X, "he" or "she" appeared,
  starred or had a role in ("her role as Ann in Y", "roles in Y (2005) and Z") has X in its cast;
- another dated title's own credits in an article ("Y (2015), directed by A").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ..model import EntityType
from . import lexicon as lx
from .document import C, Doc, Sentence, glued_hyphen, name_key
from .names import title_word
from .relations import Found, asserted
from .story_kin import kin_names

#: nouns that make a lead's subject a work ("X is a 1961 film", "X is the debut album")
LEAD_WORK_NOUNS = frozenset(
    {
        "film", "movie", "documentary", "feature", "short", "album", "ep", "single", "song", "novel",
        "novella", "book", "game", "series", "sitcom", "miniseries", "serial", "show", "programme",
        "program", "telenovela", "opera", "play", "musical", "comic", "manga", "anime", "story",
        "poem", "episode", "mixtape", "soundtrack", "compilation", "anthology", "sequel", "prequel",
        "installment", "instalment", "remake", "trilogy", "cartoon", "drama", "comedy", "thriller",
        "western", "adaptation", "newspaper", "magazine", "periodical", "journal", "strip",
        "painting", "drawing", "volume", "biography", "entry", "record", "lp", "composition", "cd",
        "disc",
    }
)  # fmt: skip
#: nouns that refer back to the work ("the film was released", "the album features")
WORK_REFERENCES = LEAD_WORK_NOUNS - {"feature", "short", "story", "drama", "comedy", "thriller", "western"}
#: credit verbs (past participle with "by", or active) and the predicate each gives
CREDIT_VERBS = {
    "direct": "directed_by",
    "write": "written_by",
    "produce": "produced_by",
    "co-write": "written_by",
    "script": "written_by",
}
#: verbs of release: their date is the release year
RELEASE_VERBS = frozenset({"release", "publish", "premiere", "air", "debut", "issue", "broadcast"})
#: nouns a series or franchise is named with; a franchise is a Universe, the others a Series
SERIES_NOUNS = {
    "series": EntityType.SERIES,
    "saga": EntityType.SERIES,
    "trilogy": EntityType.SERIES,
    "cycle": EntityType.SERIES,
    "franchise": EntityType.UNIVERSE,
}
#: every lemma and word (lower case) that one of `WorkReader.token`'s branches starts from in a text
#: that is not encyclopedic (an encyclopedic text's also start from years and more nouns)
_TOKEN_LEMMAS = frozenset(
    CREDIT_VERBS.keys() | RELEASE_VERBS | LEAD_WORK_NOUNS
    | {"include", "feature", "star", "production", "play", "have", "adapt", "cast", "sequel", "prequel",
       "follow-up", "follow", "precede"}
)  # fmt: skip
_TOKEN_WORDS = frozenset({"stars", "starring", "co-starring", "follow", "("} | SERIES_NOUNS.keys())
WORK_TYPES = (EntityType.FILM, EntityType.SERIES)
COPULAS = frozenset({"is", "was", "are", "were", "’s"})
QUOTES = "\"'\u201c\u201d\u2018\u2019"
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass
class Literal:
    """A datatype fact about an entity ("release_year" 1961), quoted from one sentence."""

    subject: str
    predicate: str
    value: int | str
    sentence: int
    confidence: float


Mark = Callable[[Sentence, Any, EntityType], str]

#: kinds of work without a director, screenwriters or a cast: a song's or novel's "written by" is
#: its lyricist or author, a single's "directed by" is its video's, an album "features" its guests
NOT_SCREEN_NOUNS = frozenset(
    {"album", "ep", "single", "song", "novel", "novella", "book", "poem", "mixtape", "soundtrack",
     "compilation", "anthology", "newspaper", "magazine", "periodical", "journal", "strip", "painting",
     "drawing", "volume", "record", "lp", "composition", "comic", "manga", "story", "cd", "disc"}
)  # fmt: skip
#: words before "film" or "series" that name a medium, never a title ("a Chinese TV series")
MEDIUM_WORDS = frozenset({"tv", "television", "radio", "web", "video", "dvd", "imax", "3d"})
#: first words of an honour's name, which a person's article dates like a title ("Order of the
#: Red Star (1946)", "People's Artist (1983)")
HONOUR_WORDS = frozenset({"order", "medal", "prize", "award", "artist", "hero", "cross", "honour", "honor"})
#: nouns after "X film" that make X a festival or an institution, not a work ("the Cannes Film Festival")
INSTITUTION_NOUNS = frozenset(
    {
        "festival",
        "awards",
        "award",
        "industry",
        "school",
        "critics",
        "society",
        "institute",
        "academy",
        "market",
    }
)


def lead_kind(doc: Doc) -> str | None:
    """The kind of work an encyclopedic lead names ("film", "album"), None without such a lead."""
    lead = _lead(doc)
    return str(lead[1].lemma_.lower()) if lead else None


def _lead(doc: Doc) -> tuple[str, Any] | None:
    """The title and the kind-of-work noun of an encyclopedic first sentence, or None."""
    sent = next((s for s in doc.sentences if not s.heading), None)
    if sent is None:
        return None
    toks = list(sent.span)
    cop = _lead_copula(toks)
    if toks and toks[-1].text in ("?", "!"):
        split = _split_lead(doc, sent)  # "How Far Is Home? is the first album by": split at the "?"
        if split is not None:
            return split
    if cop is None:
        cop = _verbless_kind(toks)  # "X (also known as Y) a 1974 Belgian film directed by Z"
        kind = toks[cop].head if cop is not None else None
    else:
        kind = _work_noun(toks[cop])
    if cop is None or cop == 0 or kind is None:
        return None
    words: list[str] = []
    depth = 0
    quoted = False
    for k, t in enumerate(toks[:cop]):
        nxt = toks[k + 1] if k + 1 < cop else None
        if t.text in QUOTES:
            quoted = not quoted
        if depth == 0 and not quoted and t.text[:1].islower() and t.pos_ in ("VERB", "PRON", "AUX"):
            return None  # "The Hollow Bell opens the cycle, and it is a thriller": no lead
        if depth == 0 and not quoted and t.tag_ == "POS" and nxt is not None and nxt.text[:1].islower():
            return None  # "Jo Roe's adaptation of X is the best film since Y": a review's subject, no title
        if t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and t.text == "," and nxt is not None and nxt.text[:1].islower():
            break  # "X, also known as Y, is", "X, released in the US as Y, is"
        elif depth == 0 and t.lower_ == "or" and t.text == "or" and k > 0:
            break  # "X or Y is": the first name
        elif depth == 0:
            words.append(t.text_with_ws)
    title = "".join(words).strip().rstrip(",").strip()
    last = title[:-2].split()[-1:] if title[-1:] in QUOTES and title[-2:-1] == "." else []
    if last and len(last[0]) > 1 and last[0].lower() + "." not in lx.ABBREVIATIONS:
        title = title[:-2] + title[-1]  # '"X Went Home." is a song', not '"Friends of Peter G."'

    title = title.strip(QUOTES).strip()
    first = title[:1]
    if not first or not (first.isupper() or first.isdigit()) or len(title.split()) > 10:
        return None
    return title, kind


def _lead_copula(toks: list[Any]) -> int | None:
    """The index of a lead's copula among its first 30 tokens: not one inside quotes or brackets
    ("\"I Knew You Were Wrong\" is a song": "Were" is the title's)."""
    quoted = False
    depth = 0
    for k, t in enumerate(toks[:30]):
        if t.text in QUOTES:
            quoted = not quoted
        elif t.text in ("(", "["):
            depth += 1
        elif t.text in (")", "]"):
            depth = max(0, depth - 1)
        elif t.lower_ in COPULAS and t.pos_ == "AUX" and not quoted and not depth:
            return k
    return None


def _verbless_kind(toks: list[Any]) -> int | None:
    """A lead with no verb before its kind of work: "Vase Bleu (also known as Blue Vase) a 1974
    Belgian film directed by A". The index of the article that opens the work noun's phrase, right
    after the title's bracket; None for any other opening."""
    close = next((k for k, t in enumerate(toks[:30]) if t.text == ")"), None)
    if close is None or close + 1 >= len(toks) or toks[close + 1].lower_ not in ("a", "an"):
        return None
    det = toks[close + 1]
    noun = det.head
    if noun.i <= det.i or noun.lemma_.lower() not in LEAD_WORK_NOUNS or noun.dep_ not in ("appos", "ROOT"):
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in toks[close + 1 : noun.i - toks[0].i]):
        return None
    return close + 1


def _split_lead(doc: Doc, sent: Sentence) -> tuple[str, Any] | None:
    """A lead whose title ends in "?" or "!" is split there: "Why Not Me? is the second album by
    X" is two sentences to the parser, the title alone and then "is the second album". The title
    is the whole first sentence when the next opens with a lower-case copula."""
    nxt = next((s for s in doc.sentences if s.index > sent.index), None)
    if nxt is None or not len(nxt.span) or nxt.span[0].text not in COPULAS:
        return None
    kind = _work_noun(nxt.span[0])
    title = sent.span.text.strip().strip(QUOTES).strip()
    if kind is None or not title[:1].isupper() or len(title.split()) > 10:
        return None
    return title, kind


def _work_noun(cop: Any) -> Any:
    """The copula's attribute when it names a kind of work ("a 1961 film", "a film biography",
    "the title of the first single"); the parse's attribute first, else the first noun after."""
    head = cop.head if cop.dep_ != "ROOT" else cop
    attrs = [c for c in (*cop.children, *head.children) if c.dep_ == "attr" and c.i > cop.i]
    if not attrs or attrs[0].lemma_.lower() not in LEAD_WORK_NOUNS:
        # a quoted title may derail the parse ("a rhythm and blues single" with "single" an
        # adjective): the first kind-of-work word heading its phrase, before any verb or preposition
        for t in cop.doc[cop.i + 1 : min(cop.sent.end, cop.i + 10)]:
            nxt = t.nbor(1) if t.i + 1 < cop.sent.end else None
            heads = nxt is None or nxt.pos_ not in ("NOUN", "PROPN")
            if (t.lower_ in LEAD_WORK_NOUNS and heads and t.dep_ not in ("amod", "compound")) or (
                attrs and t == attrs[0]
            ):
                attrs = [t]
                break
            if t.pos_ in ("VERB", "ADP", "SCONJ") and t.dep_ != "amod":  # "a racing video game"
                break
    if not attrs:
        return None
    noun = attrs[0]
    if noun.lemma_.lower() in ("title", "name"):  # "is the title of the first single"
        inner = [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        noun = inner[0] if inner else noun
    if noun.lemma_.lower() in LEAD_WORK_NOUNS:
        return noun
    head = noun.lemma_.lower()
    if head.endswith(("er", "or", "ist", "ian", "ess")) or head in NOT_WORK_HEADS:
        return None  # "an Iranian film director", "a film company": a person or a firm of the trade
    kinds = [c for c in noun.children if c.dep_ == "compound" and c.lemma_.lower() in LEAD_WORK_NOUNS]
    return kinds[0] if kinds else None  # "a 1952 film biography"


#: nouns a kind of work may qualify that are no work: "a film company", "a film star"
NOT_WORK_HEADS = frozenset(
    {"company", "studio", "festival", "award", "industry", "star", "character", "genre", "technique",
     "format", "theatre", "theater", "school", "label", "group", "band", "house", "network", "channel",
     "personality", "icon", "figure", "person", "man", "woman", "family", "magnate"}
)  # fmt: skip


def lead_title(doc: Doc) -> str | None:
    """The subject of an encyclopedic first sentence, "X is a 1961 British film ...": the words
    before the copula (a bracket after the title, an "also known as" clause and surrounding
    quotes dropped) when the copula's attribute is a kind of work. None otherwise."""
    lead = _lead(doc)
    return lead[0] if lead else None


#: sentences back that "it" may reach for the work it stands for
IT_LOOKBACK = 6


def _credited_name(tok: Any) -> bool:
    """Whether `tok` is a name credited by a participle ("directed by A"): the parser hangs the
    next credit of a list ("directed by A, written by B, and starring C") on A."""
    agent = tok.head
    return (
        tok.dep_ in ("pobj", "conj")
        and tok.pos_ == "PROPN"
        and agent.dep_ == "agent"
        and agent.head.lemma_.lower() in CREDIT_VERBS
        and agent.head.tag_ == "VBN"
    )


def _year(tok: Any) -> int | None:
    return int(tok.text) if _YEAR.match(tok.text) else None


def _name_run(tok: Any) -> Any:
    """The name a token ends or belongs to: the NER entity holding it, else its title-case
    compounds and itself ("J. Elder Wills"). None for a common word."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in ("PERSON", "ORG", "WORK_OF_ART", "GPE", "NORP"):
            span = ent
            if span[0].lower_ == "the":
                span = span[1:]
            start = span.start if len(span) else tok.i
            while (  # "Ivy Chen" where the NER took only "Chen": the name's first words too
                ent.label_ == "PERSON"
                and start - 1 >= tok.sent.start
                and tok.doc[start - 1].pos_ == "PROPN"
                and tok.doc[start - 1].is_title
                and tok.doc[start - 1].dep_ == "compound"
                and title_word(tok.doc[start - 1].text) is None  # not "Detective" of "Detective Nick Vale"
            ):
                start -= 1
            return tok.doc[start : span.end] if len(span) else None
    if not tok.text[:1].isupper():
        return None
    start = tok.i
    for c in tok.lefts:
        if c.dep_ in ("compound", "flat", "nmod") and c.text[:1].isupper():
            start = min(start, c.left_edge.i)
    span = tok.doc[start : tok.i + 1]
    if not all(t.text[:1].isupper() or t.is_punct or t.lower_ in ("of", "de", "the") for t in span):
        return None
    return span


#: lower-case words inside a title: English function words and the articles, conjunctions and
#: prepositions of titles in other languages ("Blanche et Noir", "La prima notte di quiete")
TITLE_SMALL_WORDS = frozenset(
    {"of", "the", "a", "an", "and", "in", "on", "to", "for", "from", "with", "at", "de", "la", "del", "le",
     "et", "di", "du", "des", "les", "y", "von", "und", "der", "die", "das"}
)  # fmt: skip


def _name_word(text: str) -> bool:
    """Letters, with an apostrophe inside a name ("O'Dea", "D'Arcy"): a word of a person's name."""
    return text.replace("'", "").replace("’", "").isalpha() and text[:1].isalpha() and text[-1:].isalpha()


def _title_word(tok: Any) -> bool:
    return bool(tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.tag_ == "POS")


def _title_before(paren: Any) -> Any:
    """The title right before a bracket: title-case words (small words between them, quotes
    around them); None when there is none."""
    doc, start = paren.doc, paren.sent.start
    end = paren.i
    if end - 1 >= start and doc[end - 1].text in QUOTES:
        end -= 1
        back = range(end - 1, max(start, end - 16) - 1, -1)
        opening = next((k for k in back if doc[k].text in QUOTES), None)
        if opening is not None and opening + 1 < end and _title_word(doc[opening + 1]):
            return doc[opening + 1 : end]  # '"Ain't No Mountain High" (1981)': the quotes hold the title
    i = end
    while i - 1 >= start:
        if _title_word(doc[i - 1]):
            i -= 1
            continue
        if doc[i - 1].text == "-" and i < end and i - 2 >= start and _title_word(doc[i - 2]):
            i -= 2  # "Close-Up (1990)": the tokenizer splits a hyphenated title
            continue
        k = i - 1  # "The Princess and the Frog": small words between title words
        while k >= start and doc[k].lower_ in TITLE_SMALL_WORDS and i < end:
            k -= 1
        if k < i - 1 and k >= start and _title_word(doc[k]):
            i = k
            continue
        break
    owners = [k for k in range(i, end) if doc[k].tag_ == "POS"]
    if owners:
        i = owners[-1] + 1  # "Nonzee Varin's Queen of Lanka (2008)": the owner is not the title
    if i == end or not _title_word(doc[i]) or doc[i].tag_ == "POS":
        return None
    if doc[i].lower_ in HONOUR_WORDS or any(t.lower_ in HONOUR_WORDS for t in doc[i:end]):
        return None
    return doc[i:end]


def _title_after(noun: Any, *, comma: bool = False) -> Any:
    """The title right after a work noun ("the 2012 film The Power of Few"; with `comma` also
    "a 1978 sequel, Iron Tide"); None without one."""
    doc, end = noun.doc, noun.sent.end
    i = j = noun.i + 1
    if comma and i < end and doc[i].text == ",":
        i = j = i + 1
    if i < end and doc[i].text in QUOTES:
        i = j = i + 1
    while j < end and (
        _title_word(doc[j])
        or (
            doc[j].lower_ in TITLE_SMALL_WORDS
            and j + 1 < end
            and _title_word(doc[j + 1])
            and _year(doc[j + 1]) is None  # "Born to Run and 2006 film X": a new item
            and j > i
        )
        or (  # "A Cry in the Dark": a preposition and an article, not a place ("X in the United States")
            j > i
            and j + 2 < end
            and doc[j].lower_ in TITLE_SMALL_WORDS - {"and", "the", "a", "an"}
            and doc[j + 1].lower_ in ("the", "a", "an")
            and _title_word(doc[j + 2])
            and doc[j + 2].ent_type_ not in NOT_WORK_LABELS | {"ORG"}
        )
        or (doc[j].text in ("&", "-") and j > i and j + 1 < end and _title_word(doc[j + 1]))  # "Law & Order"
    ):
        j += 1
    if j == i or not doc[i].text[:1].isupper():
        return None
    return doc[i:j]


def _the_work_part(tok: Any) -> bool:
    """A noun with "the", "this" or "its" ("the film", "its screenplay", "the cast")."""
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    if not dets and tok.i > tok.sent.start:
        dets = [tok.nbor(-1).lower_]
    return bool(dets) and dets[0] in ("the", "this", "its")


def _conjuncts(tok: Any) -> list[Any]:
    """A token and the tokens conjoined with it ("A, B and C")."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos") and c.pos_ in ("PROPN", "NOUN", "VERB", "X"):
            out += _conjuncts(c)
    return out


#: nouns of a performer's trade: the subject of "X (born 1980) is an Irish actor" is a cast member
#: of the works the text says X acted in
PERFORMER_NOUNS = frozenset({"actor", "actress", "comedian", "performer", "entertainer"})
#: verbs of acting in a work ("appeared in X", "starred in X", "played Ann in X")
ACTING_VERBS = frozenset({"appear", "star", "co-star", "play", "portray", "guest"})
#: nouns of acting in a work ("a minor role in X", "roles in films including X and Y")
ACTING_NOUNS = frozenset({"role", "part", "appearance", "cameo"})
#: verbs that hold an acting noun ("had a role in X", "landed a part in X")
ROLE_VERBS = frozenset(
    {"have", "play", "land", "get", "take", "be", "go", "win", "earn"}
)  # "went on to roles in"
#: subjects that stand for a performer article's own subject when they act ("He appeared in X")
PERFORMER_PRONOUNS = frozenset({"he", "she"})
#: named-entity labels that are never a work acted in ("appeared in London", "starred in 1990")
NOT_WORK_LABELS = frozenset({"PERSON", "GPE", "LOC", "DATE", "NORP", "TIME", "CARDINAL", "ORDINAL", "FAC"})
#: labels of a number or date, never a title even with a year after it
DATE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})


#: nouns of a film-maker's trade: the subject of "X (born 1940) is an Iranian film director" directed,
#: wrote or produced the films the text says he directed, wrote or produced
MAKER_NOUNS = frozenset({"director", "filmmaker", "film-maker", "screenwriter", "producer"})


def _performer(doc: Doc, kinds: frozenset[str] = PERFORMER_NOUNS) -> tuple[Sentence, Any] | None:
    """The subject of a performer's encyclopedic lead ("Dara Voss (born 1980) is an Irish actor and
    singer") with its sentence, or None when the lead defines no performer (with `kinds`: no
    person of those trades, "an Iranian film director")."""
    sent = next((s for s in doc.sentences if not s.heading), None)
    if sent is None:
        return None
    for tok in list(sent.span)[:45]:
        if tok.lower_ in COPULAS and tok.pos_ == "AUX" and tok.dep_ == "ROOT":
            attrs = [c for c in tok.children if c.dep_ == "attr"]
            nouns = [t for a in attrs for t in _conjuncts(a)]
            subj = [  # "Lin Ha-yeon (born 1994) is": the parser may tag a hyphenated name's end a noun
                c
                for c in tok.children
                if c.dep_ == "nsubj" and c.i < tok.i and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")
            ]
            subj = subj or _dated_lead_name(sent)
            if subj and any(n.lemma_.lower() in kinds for n in nouns):
                return sent, subj[0]
            return None
    return None


def _compound_name(tok: Any) -> Any:
    """A proper noun with the title-case compounds before it ("Ganja Karuppu")."""
    start = tok.i
    for c in tok.lefts:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper():
            start = min(start, c.i)
    return tok.doc[start : tok.i + 1]


def _shared_with_starring(agent: Any) -> list[Any]:
    """The names after "by and starring" ("written by and starring A and B"): an agent left
    without its object shares the object of the "starring" conjoined right after it."""
    doc = agent.doc
    k = agent.i + 1
    if k + 1 >= len(doc) or doc[k].lower_ != "and" or doc[k + 1].lower_ not in ("starring", "co-starring"):
        return []
    return [o for o in doc[k + 1].children if o.dep_ in ("dobj", "pobj") and o.pos_ == "PROPN"]


def _lead_language(words: Any) -> str | None:
    """The language a lead's words before its kind of work name: "a 2008 Tamil-language drama
    film" (any capitalised word before "-language"), "a 2014 Malayalam film" (a language that is
    no nationality: "a 1993 Japanese film" says where, not in what language)."""
    toks = list(words)
    for k, t in enumerate(toks):
        after = [x.lower_ for x in toks[k + 1 : k + 3]]
        if t.text[:1].isupper() and t.is_alpha and (after[:1] == ["language"] or after == ["-", "language"]):
            return str(t.text)
        if t.text.lower().endswith("-language") and t.text[:1].isupper():
            return str(t.text[: -len("-language")])
    named = [t for t in toks if t.text[:1].isupper() and t.lower_ in lx.LANGUAGE_NAMES]
    return str(named[0].text) if len(named) == 1 else None


def _short_range(paren: Any) -> bool:
    """ "(1989 – 94)": a bracketed run of years whose end is written with two digits."""
    doc = paren.doc
    if paren.i + 4 >= len(doc) or doc[paren.i + 4].text != ")":
        return False
    start, dash, end = doc[paren.i + 1], doc[paren.i + 2], doc[paren.i + 3]
    return _year(start) is not None and dash.text in ("-", "–", "—") and len(end.text) == 2 and end.is_digit


def _noun_titles_before(verb: Any) -> list[Any]:
    """The titles a kind-of-work noun introduces just before ", released" ("the film Dough Street,
    released in 2008"), or before ", both released" all the titles of its list ("her albums Neon
    Hearts and Velvet Road, both released in 2010"). The noun says they are works."""
    doc = verb.doc
    k = verb.i - 1
    both = k > 0 and doc[k].lower_ in ("both", "all")
    if both:
        k -= 1
    if k < 2 or doc[k].text != "," or doc[k - 1].pos_ != "PROPN":
        return []
    head = doc[k - 1]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    first = head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if not both and first is not head:
        return []  # "A and B, released in": which one, unsaid
    start = _compound_name(first).start
    if start == 0 or doc[start - 1].lemma_.lower() not in LEAD_WORK_NOUNS or doc[start - 1].pos_ != "NOUN":
        return []
    items = [c for c in _conjuncts(first) if c.dep_ != "appos" and c.pos_ == "PROPN"] if both else [head]
    return [_compound_name(c) for c in items]


def _named_subject(tok: Any) -> bool:
    """A name as a verb's subject: a proper noun, or a capitalised word the parser took for a
    common noun at the start of a list of names ("Narain, Innocent and Lena play ...")."""
    if tok.pos_ == "PROPN":
        return True
    return (
        tok.pos_ == "NOUN"
        and tok.text[:1].isupper()
        and tok.i == tok.sent.start
        and any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in tok.children)
    )


def _dated_lead_name(sent: Sentence) -> list[Any]:
    """The person a lead opens with when the parser found no subject: a PERSON name at the very
    start, right before its bracketed dates ("Lin Ha - yeon (born 1994) is an actress", where the
    parser makes "born" the subject)."""
    start = sent.span.start
    for ent in sent.span.ents:
        if ent.start == start and ent.label_ == "PERSON" and ent.end < sent.span.end:
            return [ent[-1]] if ent.doc[ent.end].text.startswith("(") else []
    return []


def _own_title(tok: Any) -> Any:
    """The title a token heads: its words to the left ("The Pale Vine", not a conjoined title's)
    and the title words after it ("Hart of Dixie", "Miles to Graceland"); the NER's span when that
    holds a title the parser split at "and" or "&" ("Parks and Recreation", "Law & Order")."""
    doc = tok.doc
    for ent in doc.ents:
        if (
            ent.start <= tok.i < ent.end
            and ent.label_ in ("WORK_OF_ART", "ORG", "PRODUCT", "EVENT")
            and any(t.lower_ in ("and", "&") for t in ent)
            and all(_title_word(t) or t.lower_ in TITLE_SMALL_WORDS or t.text == "&" for t in ent)
        ):
            return ent
    start, end = tok.left_edge.i, tok.i + 1
    owners = [t.i for t in doc[start : tok.i] if t.tag_ == "POS"]
    if owners:
        start = owners[-1] + 1  # "the BBC's My Family": the owner is not the title
    number = doc[end] if end < tok.sent.end else None
    if number is not None and number.dep_ == "nummod" and number.head.i == tok.i and number.text.isdigit():
        end += 1  # "Spider - Man 2": the sequel's number
    if (
        start - 2 >= tok.sent.start
        and start == tok.i
        and doc[start - 1].text.isdigit()
        and _year(doc[start - 1]) is None
        and doc[start - 2].text == ","
    ):
        start -= 1  # "..., 3000 Miles to Graceland, ...": a list's title opening with a number
    while (
        end + 1 < tok.sent.end
        and (doc[end].lower_ in TITLE_SMALL_WORDS - {"and"} or doc[end].text == "&")
        and _title_word(doc[end + 1])
        and (doc[end] in tok.subtree or doc[end].text == "&")
    ):
        end += 2
        while end < tok.sent.end and _title_word(doc[end]) and doc[end].tag_ != "POS":
            end += 1
    return doc[start:end]


def verb_between(tok: Any) -> bool:
    """Is the token a verb's subject rather than a noun a participle describes? ("X (2015)
    became ... directed by A" is not X's credit unless the participle hangs off X.)"""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX")


def _such(noun: Any) -> bool:
    """ "films such as X", "such shows as X": the noun's examples follow "as"."""
    return any(c.lower_ == "such" for c in noun.children) or any(
        c.lower_ == "such" for p in noun.children if p.lower_ == "as" for c in p.children
    )


class WorkReader:
    """Credits, release years, sequels and series of the text's work, read sentence by sentence."""

    def __init__(self, doc: Doc, mark: Mark, *, encyclopedic: bool = False) -> None:
        self.doc, self.mark, self.encyclopedic = doc, mark, encyclopedic
        self.found: list[Found] = []
        self.literals: list[Literal] = []
        kind = lead_kind(doc)
        self.screen = kind not in NOT_SCREEN_NOUNS
        lead = _lead(doc)
        self.lead_noun = lead[1] if lead else None  # "single" in '"X" is a 1967 single'

    def read(self) -> None:
        doc = self.doc
        if doc.work_key is None and not self.encyclopedic:
            return
        for ent in doc.ents.values():  # "the Ironclad Cinematic Universe", "the Ironclad Franchise", "Saga"
            if ent.fixed is None and ent.name.split()[-1:] in (
                ["Universe"],
                ["Multiverse"],
                ["Franchise"],
                ["Saga"],
            ):
                ent.fixed = EntityType.UNIVERSE
        if self.lead_noun is not None and doc.work_key is not None:  # '"X" is a 1967 single'
            noun = self.lead_noun
            cop = next((t.i for t in noun.sent if t.lower_ in COPULAS and t.i < noun.i), noun.left_edge.i)
            years = [y for t in noun.doc[cop : noun.i] if (y := _year(t)) is not None]  # not the title's
            first = next(s for s in doc.sentences if not s.heading)
            if years:
                self.literal(first, "release_year", years[-1], 0.85)
            language = _lead_language(noun.doc[cop : noun.i])
            if language is not None:
                self.literal(first, "language", language, 0.8)
        if self.encyclopedic and doc.work_key is not None:
            for key in character_cues(doc):  # "The protagonist is Florin": a character, whatever the NER says
                if key != doc.work_key and doc.ents[key].fixed is None:
                    doc.ents[key].fixed = EntityType.CHARACTER
        portrayals = Portrayals(self)
        performer = self.performer() if doc.work_key is None else None
        maker = self.performer(MAKER_NOUNS) if doc.work_key is None else None
        maker = maker or performer  # "Lo Marr (born 1968) is an actor. He also directed the film X"
        if doc.work_key is None and self.encyclopedic:
            self.character_lead()
        for sent in doc.sentences:
            if sent.heading:
                continue
            for tok in sent.span:
                self.token(sent, tok)
                portrayals.token(sent, tok)
                if performer is not None:
                    self.acted_in(sent, tok, performer)
                    self.role_list(sent, tok, performer)
                if maker is not None:
                    self.made(sent, tok, maker)
                    self.directorial(sent, tok, maker)

    # a character's article -------------------------------------------------------------------
    def character_lead(self) -> None:
        """ "Mira Tull is a main character who appears in the film The Glass Owl", "King Borin is a
        fictional character introduced in the 1967 film, The Reed Basket", "Olan Vesk is the
        protagonist of the Fog Harbor series", "Aino Lehti is a figure in the epic Kalevo": the
        subject of a character's lead is present in the work its attribute names; so are the kin
        the article names (`story_kin`)."""
        sent = next((s for s in self.doc.sentences if not s.heading), None)
        if sent is None:
            return
        found = self.character_attribute(sent) or self.story_told(sent)
        if found is None:
            return
        run, title, kind, where = found
        work = self.mark(where, title, kind)
        character = self.mark(sent, run, EntityType.CHARACTER)
        if character == work:
            return
        self.found.append(Found(character, "appears_in", work, where.index, 0.85))
        for kin_sent, tok in kin_names(self.doc):  # "He was the son of Indra": Indra is of the story too
            kin_run = _name_run(tok)
            if kin_run is None or (kin_sent is where and kin_run.start <= title.start < kin_run.end):
                continue
            kin = self.mark(kin_sent, kin_run, EntityType.CHARACTER)
            if kin not in (work, character):
                self.found.append(Found(kin, "appears_in", work, kin_sent.index, 0.7))

    def character_attribute(self, sent: Sentence) -> tuple[Any, Any, EntityType, Sentence] | None:
        """The name, work title, kind and sentence of a lead "X is a character in W"."""
        root = sent.span.root
        if root.lower_ not in COPULAS:
            return None
        subj = [c for c in root.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        attrs = [c for c in root.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        if not subj or not attrs or attrs[0].lemma_.lower() not in CHARACTER_NOUNS | {"figure"}:
            return None
        attr = attrs[0]
        holders = [attr] + [
            v
            for v in attr.children
            if v.dep_ in ("relcl", "acl") and v.lemma_.lower() in ("appear", "introduce", "feature", "star")
        ]
        preps = ("in", "of", "from") if attr.lemma_.lower() != "figure" else ("in",)
        pobjs = [
            o
            for h in holders
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children
            if o.dep_ == "pobj"
        ]
        run = _name_run(subj[0])
        if not pobjs or run is None:
            return None
        found = self.lead_work(sent, pobjs[0], figure=attr.lemma_.lower() == "figure")
        return (run, found[0], found[1], sent) if found is not None else None

    def story_told(self, sent: Sentence) -> tuple[Any, Any, EntityType, Sentence] | None:
        """ "Kiran and his brother Avel were the sons of Omar. Their story is recounted in the epic,
        the Suryagatha": a lead about a named figure whose next sentence says "his/her/their story
        is told in" a work (an epic, a novel: a kind of work must be named, as for "a figure in")
        is a character's article; the lead's subject is present in that work. A person's dated
        lead ("X (born 1950) is") is a real person, whose story a biopic may tell."""
        subj = [c for c in sent.span.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
        if not subj or any(t.lower_ == "born" for t in sent.span):
            return None
        run = _name_run(subj[0])
        nxt = next((s for s in self.doc.sentences if s.index == sent.index + 1 and not s.heading), None)
        if run is None or nxt is None:
            return None
        for tok in nxt.span:
            owner = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "their")]
            verb = tok.head
            if tok.lemma_.lower() != "story" or not owner or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if verb.lemma_.lower() not in STORY_VERBS or not asserted(verb):
                continue
            for p in verb.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    for o in p.children:
                        found = self.lead_work(nxt, o, figure=True) if o.dep_ == "pobj" else None
                        if found is not None:
                            return run, found[0], found[1], nxt
        return None

    def lead_work(self, sent: Sentence, tok: Any, *, figure: bool) -> tuple[Any, EntityType] | None:
        """The titled work a character's lead places it in: "the film The Glass Owl", "the Fog
        Harbor series", "the epic Kalevo", "The Glass Owl"; with `figure` ("a figure in X") only a
        title a kind-of-work word goes with ("a figure in the Labour Party" names no work)."""
        kinds = LEAD_WORK_NOUNS | {"epic", "myth", "legend", "saga", "mythology", "scripture"}
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in kinds:
            kind = SERIES_NOUNS.get(lemma, EntityType.FILM)
            if kind is EntityType.UNIVERSE:
                kind = EntityType.SERIES
            named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if named:
                title = _own_title(named[0])
                if title[0].text == "the" and len(title) > 1:
                    title = title[1:]  # "the epic, the Suryagatha"
                return title, kind
            run = _title_after(tok, comma=True)
            if run is not None:
                return run, kind
            before = [c for c in tok.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
            if before:  # "the Fog Harbor series"
                span = tok.doc[before[0].left_edge.i : tok.i]
                if all(t.text[:1].isupper() or t.is_punct for t in span):
                    return span, kind
            return None
        if tok.pos_ != "PROPN":
            return None
        marked = any(t.lower_ in kinds for t in tok.subtree)  # "the Finnish national epic Kalevo"
        if figure and not marked:
            return None
        if not marked and tok.ent_type_ in NOT_WORK_LABELS:
            return None
        run = _own_title(tok)
        plain = [t.i for t in run if t.i < tok.i and not _title_word(t) and t.lower_ not in TITLE_SMALL_WORDS]
        start = plain[-1] + 1 if plain else run.start  # "the Finnish national epic Kalevo": Kalevo
        while start < tok.i and not _title_word(run.doc[start]):
            start += 1
        return run.doc[start : run.end], EntityType.FILM

    # a performer's works -----------------------------------------------------------------------
    def performer(self, kinds: frozenset[str] = PERFORMER_NOUNS) -> str | None:
        """The key of the person a performer's article is about (marked a Person), or None (with
        `kinds`: of a person of those trades)."""
        found = _performer(self.doc, kinds)
        if found is None:
            return None
        sent, subj = found
        run = _name_run(subj)
        return self.mark(sent, run, EntityType.PERSON) if run is not None else None

    def acted_in(self, sent: Sentence, tok: Any, person: str) -> None:
        """ "He appeared in Gray Harbor (2004) and Lowtide", "she had a minor role in the film Cold
        Quay", "roles in films including A and B": in a performer's article, each work the
        performer acted in has the performer as a cast member. The actor of the verb (or of the
        verb holding the noun) must be the performer: a name of theirs or "he"/"she"; "She
        directed X", "Bo Lund appeared in X" credit nothing."""
        lemma = tok.lemma_.lower()
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if lemma == "debut" and any(  # "made his acting debut in X": an acting noun
            c.dep_ in ("amod", "compound") and c.lower_ in ("acting", "screen", "film", "movie")
            for c in tok.children
        ):
            lemma = "role"
        if lemma in ACTING_VERBS and tok.pos_ == "VERB" and asserted(tok):
            verb = tok
        elif lemma in ACTING_NOUNS and tok.pos_ == "NOUN" and owner:  # "known for her roles in X"
            if owner[0].lower_ not in ("his", "her") and self.doc.ref(sent, owner[0]) != person:
                return
            verb = None
        elif lemma in ACTING_NOUNS and tok.pos_ == "NOUN":
            verb = tok.head
            while verb.dep_ in ("dobj", "conj", "pobj", "prep") and verb.head is not verb:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ROLE_VERBS:
                return
        else:
            return
        if verb is not None:
            head = verb
            while head.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in head.children):
                head = head.head
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj:
                return
            who = subj[0]
            if who.lower_ not in PERFORMER_PRONOUNS and self.doc.ref(sent, who) != person:
                return
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        if verb is not None and verb is not tok:  # "had roles in X": the phrase hangs off the verb
            holders.append(verb)
        if verb is None and tok.dep_ == "pobj" and tok.head.lower_ == "for":
            holders.append(tok.head.head)  # "known for her role as Ann in X"
        # "his role as Ann in X": the work phrase may hang off the role's name
        holders += [o for h in list(holders) for p in h.children if p.lower_ == "as" for o in p.children]
        pobjs = [
            o
            for h in holders
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in ("in", "on")
            for o in p.children
            if o.dep_ == "pobj"
        ]
        works: list[str] = []
        for o in pobjs:
            for c in _conjuncts(o):
                works += self.acted_work(sent, c)
        for w in works:
            if w != person:
                self.found.append(Found(w, "cast_member", person, sent.index, 0.8))
        places = [  # not "In 2010, she played" nor "On television, she had a role on X as C"
            o
            for o in pobjs
            if o.ent_type_ not in DATE_LABELS and (o.pos_ == "PROPN" or o.lemma_.lower() in LEAD_WORK_NOUNS)
        ]
        if len(set(works)) == 1 and len(places) == 1 and not _listed(places[0]):
            self.played_role(sent, tok, verb, person, works[0])

    def made(self, sent: Sentence, verb: Any, person: str) -> None:
        """ "He directed Low Tide (1990)", "known for directing Salt Quay (1997) and Cold Road
        (1999)", "he wrote, directed and produced the 2012 film Grey Mile": in a film-maker's
        article, each film the person directed, wrote or produced has them as its director, writer
        or producer. The verb is active and its actor the person ("he", "she" or a name of
        theirs); a book or a song written is no screenplay."""
        pred = CREDIT_VERBS.get(verb.lemma_.lower())
        if pred is None or verb.pos_ != "VERB" or not asserted(verb):
            return
        shared = verb.tag_ == "VBN" and (verb.dep_ in ("conj", "xcomp") or _listed_credit(verb))
        shared = shared or _went_on_to(verb) or (verb.dep_ == "conj" and _went_on_to(verb.head))
        if verb.tag_ not in ("VBD", "VBG", "VBZ") and not shared:  # "wrote, directed and produced"
            return  # "directed by X" is no act of the article's person
        head = verb
        while (head.dep_ in ("conj", "xcomp") or _listed_credit(head) or _went_on_to(head)) and not any(
            c.dep_ == "nsubj" for c in head.children
        ):
            head = head.head
        subj = [c for c in head.children if c.dep_ in ("nsubj",)]
        if verb.tag_ == "VBG" and not subj:  # "known for directing X": the sentence's subject
            subj = [c for c in sent.span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or (subj[0].lower_ not in PERFORMER_PRONOUNS and self.doc.ref(sent, subj[0]) != person):
            return
        chain = [
            verb,
            *(c for c in head.subtree if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB" and c.i > verb.i),
        ]
        objs = [o for v in chain for o in v.children if o.dep_ == "dobj"][:1]  # the verbs share it
        works: list[str] = []
        for o in objs:
            if o.lemma_.lower() in NOT_SCREEN_NOUNS:
                return  # "she wrote the novel X"
            script = _scripted_title(o)
            if script is not None:  # "wrote the screenplay for X"
                works.append(self.mark(sent, script, EntityType.FILM))
                continue
            first = _series_title_start(o)  # "directing the Koker trilogy (1987-94), A (1990) and B"
            if _title_word(o) or first is not None:  # "directing A (1990), B (1997) and C (1999)": the
                first = first if first is not None else _own_title(o).start  # parse breaks such lists
                items = _title_list(o.doc, first, sent.span.end)
                if len(items) > 1 and all(y is not None for _, y in items):
                    works += [self.mark(sent, run, EntityType.FILM) for run, _ in items]
                    continue
            for c in _conjuncts(o):
                works += self.acted_work(sent, c)
        for w in works:
            if w != person:
                self.found.append(Found(w, pred, person, sent.index, 0.8))

    def directorial(self, sent: Sentence, adj: Any, person: str) -> None:
        """ "His directorial debut was Salt Quay", "her second directorial venture Grey Mile (2012)",
        "His directorial debut was in 2010 with Low Tide": in a film-maker's article, the title a
        directorial noun of theirs names is their direction. The noun must be theirs ("his", "her"
        or their name's possessive: "Ana Brill's directorial debut" in Ola Vesk's article is not)."""
        if adj.lower_ != "directorial" or adj.dep_ not in ("amod", "compound", "nsubj"):
            return
        noun = adj if adj.dep_ == "nsubj" else adj.head  # "His most recent directorial was X"
        owner = [c for c in noun.children if c.dep_ == "poss"]
        if not owner or (owner[0].lower_ not in ("his", "her") and self.doc.ref(sent, owner[0]) != person):
            return
        run = _title_after(noun, comma=True)
        cop = noun.head if noun.dep_ == "nsubj" and noun.head.lower_ in COPULAS else None
        if run is None and cop is not None:
            named = [c for c in cop.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
            named += [  # "was in 2010 with Low Tide"
                o
                for p in cop.children
                if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children
                if o.dep_ == "pobj" and o.pos_ == "PROPN"
            ]
            run = _own_title(named[0]) if len(named) == 1 else None
        if run is None or not len(run) or run[-1].ent_type_ in DATE_LABELS:
            return
        end = run.end
        dated = end + 2 < sent.span.end and run.doc[end].text == "(" and _year(run.doc[end + 1]) is not None
        if run[-1].ent_type_ == "PERSON" and not dated:
            return  # "Her directorial debut was Ana Vey (2012)": a title the NER took for a person
        key = self.doc.ref(sent, run[-1])
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return
        work = self.mark(sent, run, EntityType.FILM)
        if work != person:
            self.found.append(Found(work, "directed_by", person, sent.index, 0.8))
        years = _in_year(cop) if cop is not None else []
        if work != person and len(years) == 1 and not dated:  # "His directorial debut was in 2010 with X"
            self.literal(sent, "release_year", years[0], 0.75, work)

    def role_list(self, sent: Sentence, noun: Any, person: str) -> None:
        """ "She is known for roles including Merle Jackson in Salt Street, Mandy Cole in Low
        Heights and nurse Sarah in Red Tide": after a noun of roles in a sentence about the
        performer, each "CHARACTER in TITLE" is a character of that work, played by the performer
        (who is in its cast). A name after "with" or "alongside" is a co-star, never a role."""
        if noun.lemma_.lower() not in ("role", "character", "part") or noun.pos_ != "NOUN":
            return
        subj = [c for c in sent.span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or (subj[0].lower_ not in PERFORMER_PRONOUNS and self.doc.ref(sent, subj[0]) != person):
            return
        doc, start, end = noun.doc, sent.span.start, sent.span.end
        for k in range(noun.i + 2, end - 1):
            if doc[k].lower_ != "in":
                continue
            role = _run_ending(doc, k, noun.i + 1)
            if role is None or len(role) > 4 or not all(t.is_title or t.text == "-" for t in role):
                continue
            before = doc[role.start - 1] if role.start > start else None
            if before is None or not (
                before.text == ","
                or before.lower_ in ("and", "including", "as", "like")
                or (
                    before.pos_ == "NOUN"
                    and before.text.islower()
                    and before.lemma_.lower() not in ACTING_NOUNS
                )  # "nurse Sarah in X"
            ):
                continue  # "with Ricky Vane in Extras": a co-star
            title = _title_after(doc[k])
            cut = next((t.i for t in title if t.lower_ == "and"), None) if title is not None else None
            if title is not None and cut is not None and any(t.lower_ == "in" for t in doc[cut : title.end]):
                title = doc[title.start : cut]  # "in Low Heights and Mand in ...": the next item
            if not title or _year(title[0]) is not None or title[-1].ent_type_ in DATE_LABELS:
                continue
            key = self.doc.ref(sent, title[-1])
            if key == person or (key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES)):
                continue
            work = self.mark(sent, title, EntityType.FILM)
            character = self.mark(sent, role, EntityType.CHARACTER)
            if len({work, character, person}) < 3:
                continue
            self.found.append(Found(work, "cast_member", person, sent.index, 0.8))
            self.found.append(Found(character, "appears_in", work, sent.index, 0.8))
            self.found.append(Found(character, "portrayed_by", person, sent.index, 0.8))

    def played_role(self, sent: Sentence, tok: Any, verb: Any, person: str, work: str) -> None:
        """The character a performer played in one work: "her role as Ann Kell in Low Tide",
        "starred as Cy Dunn in Gray Harbor", "played Bo Marr in Salt Quay", "the role of Bo Marr":
        the character is present in that work and portrayed by the performer. Only when the
        sentence names exactly one work there (with two, which role belongs to which is unsaid)."""
        holders = [tok] if verb is None or verb is tok else [tok, verb]
        roles = [o for h in holders for p in h.children if p.lower_ == "as" for o in p.children]
        roles += [o for p in tok.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        if tok.lemma_.lower() in lx.CREDIT_LEMMAS and tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            roles += objs
            roles += [
                o
                for d in objs
                if d.lemma_.lower() in ACTING_NOUNS
                for p in d.children
                if p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj"
            ]  # "played the role of X"
        for role in roles:
            if role.pos_ != "PROPN" or role.ent_type_ in NOT_WORK_LABELS - {"PERSON"} or _listed(role):
                continue  # "played Ann Kell in Low Tide and Gray Harbor": which is where, unsaid
            run = _name_run(role)
            if run is None or not all(t.text[:1].isupper() or t.is_punct for t in run):
                continue
            key = self.doc.ref(sent, run[-1])
            if key in (person, work) or (
                key is not None and self.doc.ents[key].fixed not in (None, EntityType.CHARACTER)
            ):
                continue
            character = self.mark(sent, run, EntityType.CHARACTER)
            if character in (person, work):
                continue
            self.found.append(Found(character, "appears_in", work, sent.index, 0.8))
            self.found.append(Found(character, "portrayed_by", person, sent.index, 0.8))

    def acted_work(self, sent: Sentence, tok: Any, *, listed: bool = False) -> list[str]:
        """The works a noun of "appeared in ___" names: a title ("Gray Harbor"), or the titles a
        work noun introduces ("the 2004 film, Born to Fight", "the film Cold Quay", "films
        including A and B": with `listed`, an item of such a list, a work whatever the NER says).
        Places, dates and people are none."""
        if tok.lemma_.lower() in LEAD_WORK_NOUNS and tok.pos_ == "NOUN":
            if tok.lemma_.lower() in NOT_SCREEN_NOUNS:
                return []  # "appeared in magazines such as X", "on the album X": no cast
            named = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            named += [
                o
                for p in tok.children
                if p.dep_ == "prep"
                and (p.lower_ in ("including", "like") or (p.lower_ == "as" and _such(tok)))
                for o in p.children
                if o.dep_ == "pobj"
            ]
            named += [  # "films of the 1950s such as X": the examples hang off the decade
                x
                for p in tok.children
                if p.lower_ == "of"
                for o in p.children
                if o.dep_ == "pobj" and o.ent_type_ in DATE_LABELS and _such(o)
                for a in o.children
                if a.lower_ == "as"
                for x in a.children
                if x.dep_ == "pobj"
            ]
            out: list[str] = []
            for n in named:
                for c in _conjuncts(n):
                    out += self.acted_work(sent, c, listed=True)
            run = _title_after(tok, comma=True)  # "the film Thira", "the 2004 film, Born to Run": the noun
            # says what it is, whatever the NER says
            if not out and run is not None and run[-1].ent_type_ not in DATE_LABELS | {"PERSON"}:
                out.append(self.mark(sent, run, EntityType.FILM))
            return out
        doc = tok.doc
        run = _own_title(tok)
        kind = [  # "the horror film Epitaph": the kind-of-work noun says what the title is
            c
            for c in tok.children
            if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in WORK_REFERENCES
        ]
        if kind and run.start <= kind[-1].i < tok.i:
            run = doc[kind[-1].i + 1 : run.end]
        if run[0].lower_ == "the" and run[0].text != "The":
            run = run[1:]
        if (
            not len(run)
            or not _title_word(run[0])
            or not all(_title_word(t) or t.lower_ in TITLE_SMALL_WORDS or t.text == "-" for t in run)
        ):
            return []
        end = run.end
        dated = end + 2 < sent.span.end and doc[end].text == "(" and _year(doc[end + 1]) is not None
        dated = dated or bool(kind) or listed
        if tok.ent_type_ in DATE_LABELS or (not dated and tok.ent_type_ in NOT_WORK_LABELS):
            return []  # "in London" is a place, "in Gray Harbor (2004)" a work whatever the NER says
        key = self.doc.ref(sent, tok)
        if key == self.doc.work_key or (
            key is not None and not dated and self.doc.ents[key].fixed not in (None, *WORK_TYPES)
        ):
            return []
        return [self.mark(sent, run, EntityType.FILM)]

    # the work a phrase is anchored on ------------------------------------------------------
    def is_work(self, sent: Sentence, tok: Any) -> bool:
        """Does this token stand for the text's work: its name, "it" early on, "the film", or the
        attribute of a copula whose subject is the work ("X is a film ...")?"""
        doc = self.doc
        if doc.work_key is None:
            return False
        if self.lead_noun is not None and tok == self.lead_noun:
            return True  # the lead's kind of work, however the parser attached it
        if (
            self.lead_noun is not None
            and tok.dep_ == "pobj"
            and tok.lemma_.lower() in WORK_REFERENCES
            and tok.head.lower_ == "of"
            and tok.head.head == self.lead_noun
        ):
            return True  # "a series of action films written by A": the lead's series
        ref = doc.ref(sent, tok)
        if ref is not None:
            return ref == doc.work_key
        low = tok.lower_
        if low == "it" and tok.dep_ in ("nsubj", "nsubjpass"):
            return self.last_work(sent, tok) == doc.work_key
        if tok.lemma_.lower() in LEAD_WORK_NOUNS:
            if tok.dep_ in ("attr", "conj"):
                head = tok
                while head.dep_ == "conj":
                    head = head.head
                if head.dep_ == "attr":
                    cop = head.head
                    subj = [c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")]
                    while not subj and cop.dep_ == "conj" and cop.head is not cop:
                        cop = cop.head  # "It was developed by A and is the sequel to X": it
                        subj = [c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")]
                    return bool(subj) and self.is_work(sent, subj[0])
            if tok.dep_ in ("nsubj", "nsubjpass") and (
                tok.lemma_.lower() in WORK_REFERENCES or self.feature(tok)
            ):
                dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
                return bool(dets) and dets[0] in ("the", "this", "its")
        return False

    def feature(self, tok: Any) -> bool:
        """ "This 20th Century Fox feature was produced by A": in a film's article "the feature" or
        "this feature" is the film ("feature" alone is no reference: "a feature of the plot")."""
        return (
            self.lead_noun is not None
            and self.screen
            and tok.lemma_.lower() == "feature"
            and tok.pos_ == "NOUN"
        )

    def cast_cue(self, sent: Sentence, tok: Any) -> bool:
        """ "The film stars" misparsed as a noun, or "the cast included/includes/featured"."""
        if tok.lower_ == "stars" and tok.pos_ == "NOUN" and tok.i > sent.span.start:
            before = tok.nbor(-1)
            return before.lemma_.lower() in WORK_REFERENCES and _the_work_part(before)
        if tok.lemma_ in ("include", "feature") and tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            return bool(subj) and subj[0].lemma_.lower() == "cast" and _the_work_part(subj[0])
        return False

    def last_work(self, sent: Sentence, tok: Any) -> str | None:
        """The work last named as a subject before `tok` ("it" stands for it): the text's work,
        or another title a pattern typed as a work."""
        doc = self.doc
        # "it" stands for something named in the last few sentences: a bounded look back (a scan to
        # the start of the text for every "it" was quadratic on long texts)
        for s in reversed(doc.sentences[max(0, sent.index - IT_LOOKBACK) : sent.index + 1]):
            for t in reversed(s.span):
                if s.index == sent.index and t.i >= tok.i:
                    continue
                if (
                    t.dep_ in ("nsubj", "nsubjpass")
                    and t.lemma_.lower() in WORK_REFERENCES
                    and _the_work_part(t)
                ):
                    return doc.work_key  # "The film premiered ... It was released"
                ref = doc.ref(s, t) if t.dep_ in ("nsubj", "nsubjpass") else None
                if ref is not None and (ref == doc.work_key or doc.ents[ref].fixed in WORK_TYPES):
                    return ref
        return doc.work_key if _after_headline(doc, sent) else None

    def anchor(self, verb: Any) -> Any:
        """The noun a credit verb or noun is said of: through conjuncts and "by" phrases up to an
        adjectival clause's noun, else the verb's subject."""
        t = verb
        while t.dep_ in ("conj", "pobj", "agent", "prep", "dobj", "cc") and t.head is not t:
            t = t.head
        if t.dep_ == "acl" and _credited_name(t.head):
            return self.anchor(t.head.head.head)  # "directed by A, written by B": B's verb is A's
        if t.dep_ in ("acl", "relcl", "appos"):
            return t.head
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and t.dep_ == "advcl":  # "Released as a single in 1991, X reached ..."
            subj = [c for c in t.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subj[0] if subj else None

    # one token -------------------------------------------------------------------------------
    def token(self, sent: Sentence, tok: Any) -> None:
        lemma = tok.lemma_.lower()
        if not self.encyclopedic and lemma not in _TOKEN_LEMMAS and tok.lower_ not in _TOKEN_WORDS:
            return  # no branch below starts here
        if lemma in CREDIT_VERBS and tok.tag_ == "VBN" and asserted(tok):
            self.credit_by(sent, tok)
        elif self.screen and self.cast_cue(sent, tok):
            self.cast_list(sent, tok)
        elif self.screen and (
            tok.lower_ in ("starring", "co-starring")
            or (lemma in ("star", "feature") and tok.tag_ in ("VBZ", "VBD") and tok.pos_ == "VERB")
        ):
            self.starring(sent, tok)
        elif (
            self.screen
            and lemma in ("star", "feature")
            and tok.tag_ == "VB"
            and tok.dep_ in ("acl", "relcl")
            and self.is_work(sent, tok.head)
        ):  # "It is the last film to feature A as X and B as Y": the roles only
            self.as_roles(sent, tok)
        if lemma in RELEASE_VERBS and tok.pos_ == "VERB" and asserted(tok):
            self.released(sent, tok)
        if lemma == "production" and tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "with":
            self.with_production(sent, tok)  # "It was written by A, with production by B"
        if self.screen and lemma in ("play", "have") and tok.pos_ == "VERB" and asserted(tok):
            self.roles_in_work(sent, tok)  # "A, B and C play significant roles in the film"
        if self.screen and lemma == "adapt" and tok.pos_ == "VERB":
            self.adapted_for_screen(sent, tok)  # "and adapted for the screen by A": A wrote it
        if self.screen and lemma == "cast" and tok.pos_ == "VERB" and tok.tag_ == "VBD" and asserted(tok):
            self.cast_in_roles(sent, tok)  # "Vesk cast newcomers A, B and himself in the lead roles"
        if self.encyclopedic and lemma in MAKING_VERBS and tok.pos_ == "VERB" and tok.tag_ != "VBN":
            self.made_in_year(sent, tok)  # "he directed the film Thira in 2013"
        if tok.lemma_.lower() in ("sequel", "prequel", "follow-up") and tok.pos_ == "NOUN":
            self.sequel(sent, tok)
        if tok.lower_ == "follow" and tok.pos_ == "NOUN":
            self.follow_up(sent, tok)  # "It is the follow up to X", "the follow - up to X"
        if tok.lemma_.lower() in NEIGHBOUR_NOUNS and tok.pos_ == "NOUN" and self.encyclopedic:
            self.neighbour(sent, tok)  # "two weeks after its predecessor, "Trophy Room""
        if lemma in ("follow", "precede") and tok.tag_ == "VBN" and asserted(tok):
            self.followed(sent, tok)
        if self.encyclopedic and tok.pos_ == "NOUN" and lemma in WORK_REFERENCES:
            self.adjacent(sent, tok)  # "the previous episode, "Tin Crown""
        if tok.lower_ in SERIES_NOUNS and tok.pos_ == "NOUN":
            self.series(sent, tok)
        if tok.text == "(" and tok.i > sent.span.start:
            self.dated_title(sent, tok)  # "Gray Harbor (1961)"
        if (
            self.encyclopedic
            and _year(tok) is not None
            and tok.i > sent.span.start
            and tok.nbor(-1).text != "("
        ):
            self.year_noun(sent, tok)  # "her 2002 single "Morning Glass"", "Voss's 1977 Salt Flats album"
        if self.encyclopedic and lemma in ("film", "movie") and tok.pos_ == "NOUN":
            self.owned_film(sent, tok)  # "Olan Vesk's 1994 film Low Tide", "the Olan Vesk film Low Tide"
        if tok.tag_ == "NNS" and lemma in SEQUENCE_NOUNS and self.encyclopedic:
            self.sequence(sent, tok)  # "three singles: A, B and C"
        if tok.pos_ == "NOUN" and lemma in WORK_REFERENCES:
            self.titled_noun(sent, tok)
        if tok.dep_ == "attr" and lemma == "episode" and self.is_work(sent, tok):
            self.episode_of(sent, tok)
        if tok.dep_ == "attr" and lemma in LEAD_WORK_NOUNS and self.is_work(sent, tok):
            for c in tok.children:  # "is a 1961 film"
                year = _year(c) if c.dep_ in ("nummod", "amod", "compound", "npadvmod") else None
                if year is not None:
                    self.literal(sent, "release_year", year, 0.85)

    def literal(
        self, sent: Sentence, pred: str, value: int | str, conf: float, subject: str | None = None
    ) -> None:
        """A datatype fact of the text's work (or of `subject`, another work it names)."""
        key = subject or self.doc.work_key
        assert key is not None
        self.literals.append(Literal(key, pred, value, sent.index, conf))

    def people(self, sent: Sentence, heads: list[Any], *, allow_org: bool = False) -> list[str]:
        """Each named conjunct as a Person (an Organization when `allow_org` and the NER says so:
        "produced by Capistrano Films")."""
        out: list[str] = []
        for h in heads:
            for c in _conjuncts(h):
                if any(v.dep_ == "amod" and v.pos_ == "VERB" and v.i < c.i for v in c.children):
                    break  # "directed by A and starred B": B is no director (a misparse)
                run = _name_run(c)
                if run is None or name_key(run.text) == self.doc.work_key:
                    continue
                this = EntityType.PERSON
                if allow_org and run[-1].ent_type_ == "ORG":
                    this = EntityType.ORGANIZATION
                out.append(self.mark(sent, run, this))
        return out

    def credit_by(self, sent: Sentence, verb: Any) -> None:
        """ "directed by A", "written and produced by A and B": the verb credits its own agent's
        people, or, with no agent of its own, those of the next verb it is conjoined with ("written
        and produced by A"); "written by A and directed by B" gives A no direction."""
        pred = CREDIT_VERBS.get(verb.lemma_.lower())
        if pred is None or (pred != "produced_by" and not self.screen):
            return
        agents = [a for a in verb.children if a.dep_ == "agent"]
        if not agents:  # a shared agent: on the next conjoined participle
            chain = [verb]
            t = verb
            while t.dep_ == "conj" and t.head.tag_ == "VBN":
                t = t.head
                chain.append(t)
            chain += [c for c in verb.subtree if c.dep_ == "conj" and c.tag_ == "VBN"]
            later = sorted((v for v in chain if v.i > verb.i), key=lambda v: v.i)
            for v in later:
                agents = [a for a in v.children if a.dep_ == "agent"]
                if agents:
                    break
        if not agents:
            return
        anchor = self.anchor(verb)
        screenplay = anchor is not None and _the_work_part(anchor) and pred == "written_by"
        work = self.doc.work_key or ""
        if not screenplay and (anchor is None or not self.is_work(sent, anchor)):
            other = self.dated_work(sent, anchor) if anchor is not None else None
            if other is None:
                return  # "The screenplay was written by A" is the work's writer too
            work = other
        pobjs = [o for a in agents for o in a.children if o.dep_ == "pobj"]
        if not pobjs and len(agents) == 1:
            pobjs = _shared_with_starring(agents[0])  # "written by and starring A": A wrote it
        for p in self.people(sent, pobjs, allow_org=pred == "produced_by"):
            if pred != "produced_by" and self.doc.ents[p].fixed is EntityType.ORGANIZATION:
                continue
            if p != work:
                self.found.append(Found(work, pred, p, sent.index, 0.9))

    def dated_work(self, sent: Sentence, tok: Any) -> str | None:
        """In an encyclopedic text, another work a credit hangs off: a title with its year in
        brackets right after it ("Salt Quay (2015), directed by A"), already typed a work; its
        credits are its own, never the text's work's."""
        if not self.encyclopedic or tok.pos_ != "PROPN" or verb_between(tok):
            return None
        doc, end = tok.doc, sent.span.end
        if not (tok.i + 3 < end and doc[tok.i + 1].text == "(" and _year(doc[tok.i + 2]) is not None):
            return None
        key = self.doc.ref(sent, tok)
        if key is None or key == self.doc.work_key or self.doc.ents[key].fixed not in WORK_TYPES:
            return None
        return key

    def starring(self, sent: Sentence, verb: Any) -> None:
        """ "starring A and B", "It stars A, B and C": cast members of the work; "starred A as X,
        B as Y, and C as Z": each person a cast member, each name after "as" a character the
        person plays (the list is read word by word, as the parser often breaks it)."""
        anchor = self.anchor(verb)
        if anchor is None and verb.lower_ in ("starring", "co-starring"):  # "X, starring A, is loud"
            before = sent.span.doc[sent.span.start : verb.i]
            anchor = next((t for t in reversed(before) if self.is_work(sent, t)), None)
        if anchor is not None and not self.is_work(sent, anchor) and verb.dep_ == "relcl":
            self.other_cast(sent, verb, anchor)  # "the 2012 film Grey Mile, which featured A, B and C"
            return
        if anchor is None or not self.is_work(sent, anchor):
            root = sent.span.root  # "The film was directed by A and starred B as X" (misparsed)
            subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                verb.dep_ == "compound"
                and verb.tag_ == "VBZ"
                and verb.i > root.i
                and subj
                and self.is_work(sent, subj[0])
            ):  # "X was produced by A, directed by B, and stars C, D and E": "stars" a compound of C
                self.cast_list(sent, verb)
                return
            if verb.dep_ != "amod" or not subj or not self.is_work(sent, subj[0]):
                return
            self.as_roles(sent, verb)
            return
        self.as_roles(sent, verb)
        objs = [c for c in verb.children if c.dep_ in ("dobj", "pobj", "attr")]
        voices = [
            p for o in objs if o.lemma_.lower() in ("voice", "talent") for p in o.children if p.lower_ == "of"
        ]
        if voices:  # "The film features the voices of A, B and C": a voice cast
            for p in self.listed(sent, voices[0].i + 1, single=True):
                self.found.append(Found(self.doc.work_key or "", "cast_member", p, sent.index, 0.85))
            return
        for p in self.people(sent, objs):
            if self.doc.ents[p].fixed is EntityType.PERSON:
                self.found.append(Found(self.doc.work_key or "", "cast_member", p, sent.index, 0.9))

    def other_cast(self, sent: Sentence, verb: Any, anchor: Any) -> None:
        """ "the 2012 film Grey Mile, which featured the ensemble cast of A, B and C", "Low Tide,
        which starred A and B": in an encyclopedic text, the cast of another work the relative
        clause hangs off (a title already typed a work, or the title after a work noun)."""
        if not self.encyclopedic:
            return
        key = self.doc.ref(sent, anchor)
        if anchor.pos_ == "NOUN" and anchor.lemma_.lower() in LEAD_WORK_NOUNS:
            named = [c for c in anchor.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            key = self.doc.ref(sent, named[0]) if named else None
        if key is None or key == self.doc.work_key or self.doc.ents[key].fixed not in WORK_TYPES:
            return
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not objs:
            return
        start = objs[0].left_edge.i
        if objs[0].lemma_.lower() == "cast":  # "the ensemble cast of A, B"
            of = [p for p in objs[0].children if p.lower_ == "of"]
            if not of:
                return
            start = of[0].i + 1
        for p in self.listed(sent, start, single=True):
            if p != key and self.doc.ents[p].fixed is EntityType.PERSON:
                self.found.append(Found(key, "cast_member", p, sent.index, 0.8))

    def as_roles(self, sent: Sentence, verb: Any) -> None:
        """ "A as X, B as Y, and C as Z" right after a cast verb: cast members and the characters
        they play. Every item must be a person's name (two to five title-case words) with its
        role; the list ends at the first item that is not one."""
        doc, end = sent.span.doc, sent.span.end
        work = self.doc.work_key
        if work is None:
            return
        i = verb.i + 1
        while i < end:
            actor = _run_starting(doc, i, end)
            if actor is None or len(actor) < 2 or actor.end >= end:
                return
            role = None
            if doc[actor.end].lower_ == "as":
                role = _run_starting(doc, actor.end + 1, end)
                if role is None:
                    return
            person = self.mark(sent, actor, EntityType.PERSON)
            if person != work:
                self.found.append(Found(work, "cast_member", person, sent.index, 0.85))
            if role is not None:
                character = self.mark(sent, role, EntityType.CHARACTER)
                if person != character and work not in (person, character):
                    self.found.append(Found(character, "portrayed_by", person, sent.index, 0.85))
            j = (role or actor).end
            if j < end and doc[j].text == ",":
                j += 1
            if j < end and doc[j].lower_ == "and":
                j += 1
            if j == (role or actor).end:
                return
            i = j

    def cast_list(self, sent: Sentence, tok: Any) -> None:
        """ "The film stars A, B and C" (parsed as the noun "film stars"), "The cast included A,
        B and C": each name of the list after the cue is a cast member."""
        if self.doc.work_key is None:
            return
        for p in self.listed(sent, tok.i + 1, single=True):
            self.found.append(Found(self.doc.work_key, "cast_member", p, sent.index, 0.85))

    def listed(self, sent: Sentence, start: int, *, single: bool = False) -> list[str]:
        """The people of a list "A, B, C and D" opening at token `start`: each item two to four
        title-case words (an initial "P." counts as one); the list ends at the first item that is
        not one. With `single` (a cast list: "The cast included A, B, Sakra and C"), a one-word
        proper name between separators is an item too (a stage name)."""
        doc, end = sent.span.doc, sent.span.end
        out: list[str] = []
        i = start
        while i < end:
            j = i
            while (
                j < end
                and (doc[j].text[:1].isupper() or doc[j].text in (".", "-"))
                and doc[j].text not in QUOTES
            ):
                j += 1
            while j > i and doc[j - 1].text in (".", "-"):  # the sentence's full stop
                j -= 1
            run = doc[i:j]
            lone = (
                single
                and len(run) == 1
                and run[0].pos_ == "PROPN"
                and run[0].is_alpha
                and j < end
                and (doc[j].text in (",", ".") or doc[j].lower_ in ("and", "&"))
                and bool(out)
            )
            if not (2 <= len(run) <= 5 or lone) or not _name_word(run[0].text.rstrip(".")):
                break
            out.append(self.mark(sent, run, EntityType.PERSON))
            if j < end and doc[j].text == ",":
                j += 1
            if j < end and doc[j].lower_ in ("and", "&"):
                j += 1
            if j == i + len(run):  # no separator: the list is over
                break
            i = j
        return out

    def released(self, sent: Sentence, verb: Any) -> None:
        """ "It was released on 4 May 1961", "first published in 1961", "released January 25,
        2011": the release year of the work; in an encyclopedic text also of another title the
        verb releases ("the label released Nightfall in 1975")."""
        anchor = self.anchor(verb)
        subject: str | None = None
        if (
            (anchor is None or not self.is_work(sent, anchor))
            and not self.own_release(sent, verb)
            and not self.opening_participle(sent, verb)
        ):
            if not self.encyclopedic:
                return
            objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if verb.dep_ == "acl" and verb.tag_ == "VBN":
                objs.append(verb.head)
            if verb.dep_ == "relcl" and any(o.lower_ in ("which", "that") for o in objs):
                objs.append(verb.head)  # '"Snow Baron", which was first released in 1966'
            doc = verb.doc
            if (
                verb.tag_ == "VBN"
                and verb.i >= sent.span.start + 3
                and doc[verb.i - 1].text == ","
                and doc[verb.i - 2].text in QUOTES
            ):  # 'the favourite "Dove House", released in 1967': the quoted title before the comma
                quoted = _title_before(doc[verb.i - 1])
                if quoted is not None and self.doc.ref(sent, quoted[-1]) != self.doc.work_key:
                    key = self.doc.ref(sent, quoted[-1])
                    if key is None or self.doc.ents[key].fixed in (None, *WORK_TYPES):
                        subject = self.mark(sent, quoted, EntityType.FILM)
            listed = _noun_titles_before(verb) if subject is None and verb.tag_ == "VBN" else []
            if listed:  # "the film Dough Street, released in 2008", "albums A and B, both released in"
                keys = [self.mark(sent, run, EntityType.FILM) for run in listed]
                years = [y for p in verb.children if p.lower_ == "in" for t in p.subtree if (y := _year(t))]
                for key in keys if len(years) == 1 and self.doc.work_key not in keys else []:
                    self.literal(sent, "release_year", years[0], 0.8, key)
                return
            named = [o for o in objs if o.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG")]
            named = [o for o in named if o.pos_ != "PRON"]  # "It was released": not a title "It"
            if subject is None:
                subject = self.other_work(sent, named[0]) if named else None  # not "by the group ABBA"
            nouns = [o for o in objs if o.pos_ == "NOUN" and o.lemma_.lower() in LEAD_WORK_NOUNS]
            if nouns and not self.is_work(sent, nouns[0]):  # "released its second album, Evil Crown, in"
                run = _title_after(nouns[0], comma=True)
                if run is not None and self.doc.ref(sent, run[-1]) != self.doc.work_key:
                    subject = self.mark(sent, run, EntityType.FILM)
            if subject is None:
                return
        dated = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "on")]
        dated += [c for c in verb.children if c.dep_ in ("npadvmod", "dobj", "obl") and c.ent_type_ == "DATE"]
        # "released as the second single from the album on 23 August 2013": a full date further down,
        # under nouns only (not "from her 2012 album", a year without a day, nor another verb's date)
        dated += [
            p
            for p in verb.subtree
            if p.dep_ == "prep"
            and p.lower_ == "on"
            and p.head is not verb
            and any(o.ent_type_ == "DATE" and o.dep_ == "pobj" for o in p.children)
            and not any(a.pos_ in ("VERB", "AUX") for a in p.ancestors if verb in a.ancestors)
        ]
        for holder in dated:
            years = [y for t in holder.subtree if (y := _year(t)) is not None]
            if years:
                self.literal(sent, "release_year", years[0], 0.85, subject)
                return

    def opening_participle(self, sent: Sentence, verb: Any) -> bool:
        """ "Released as a single in January 1991, "Cry Again" reached number seven": a participle
        opening the sentence is said of the subject after its comma; True when that subject is
        the text's work (its name, quoted or not, or "it" / "the song"), however the parser hangs
        the title."""
        doc, end = verb.doc, sent.span.end
        if verb.i != sent.span.start or verb.tag_ != "VBN" or self.doc.work_key is None:
            return False
        comma = next((t.i for t in doc[verb.i : min(end, verb.i + 15)] if t.text == ","), None)
        if comma is None or comma + 2 >= end:
            return False
        first = doc[comma + 1]
        if first.text in QUOTES:
            first = doc[comma + 2]
        if first.lower_ == "it":
            return self.last_work(sent, first) == self.doc.work_key
        return self.doc.ref(sent, first) == self.doc.work_key or (
            first.lower_ in ("the", "this")
            and first.i + 1 < end
            and doc[first.i + 1].lemma_.lower() in WORK_REFERENCES
        )

    def own_release(self, sent: Sentence, verb: Any) -> bool:
        """Is a release verb said of the text's own work though its anchor is not the work?
        "X is the fourth album by Iron & Wine, released January 25, 2011" (the participle hangs
        off the maker's name, within the lead's attribute), "the band released the album on"."""
        if self.doc.work_key is None:
            return False
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs and objs[0].lemma_.lower() in WORK_REFERENCES and _the_work_part(objs[0]):
            return not _title_after(objs[0])  # "released the album Red Sky": another one
        if verb.dep_ != "acl" or self.lead_noun is None:
            return False
        t = verb.head
        for _ in range(4):  # up through "by X" and conjuncts to the lead's noun
            if t == self.lead_noun:
                return True
            if t.dep_ not in ("pobj", "prep", "conj", "appos", "agent") or t.head is t:
                return False
            t = t.head
        return False

    def with_production(self, sent: Sentence, noun: Any) -> None:
        """ "It was written by A and B, with production by B", "with production done by B": the
        people "by" whom the production was done produced the work the clause's verb is said of
        (its subject the work: "it", its name, "the song")."""
        work = self.doc.work_key
        verb = noun.head.head
        if work is None or verb.pos_ not in ("VERB", "AUX"):
            return
        anchor = self.anchor(verb)
        if anchor is None or not self.is_work(sent, anchor):
            return
        holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
        bys = [p for h in holders for p in h.children if p.lower_ == "by" and p.dep_ in ("prep", "agent")]
        pobjs = [o for b in bys for o in b.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
        for p in self.people(sent, pobjs):
            if p != work:
                self.found.append(Found(work, "produced_by", p, sent.index, 0.8))

    def roles_in_work(self, sent: Sentence, verb: Any) -> None:
        """ "Narain, Innocent and Lena play significant roles in the film", "A has a small part in
        it": the people who play or have roles "in" the text's work (its name, "the film", "it")
        are in its cast. Only a named subject (never "critics", never "he"), and only a role in the
        work itself ("roles in the film's success" names no part)."""
        if self.doc.work_key is None:
            return
        roles = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ("role", "part")]
        places = [
            o
            for h in (verb, *roles)
            for p in h.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if not roles or len(places) != 1:
            return
        place = places[0]
        if any(c.dep_ == "poss" or c.tag_ == "POS" for c in place.children):
            return  # "roles in the film's success"
        referred = (
            place.lemma_.lower() in WORK_REFERENCES and _the_work_part(place) and _title_after(place) is None
        )  # "in the film", not "in the film Lowtide"
        if not referred and not self.is_work(sent, place):
            return
        subj = [c for c in verb.children if c.dep_ == "nsubj" and _named_subject(c)]
        if not subj:
            return
        listed = self.listed(sent, subj[0].left_edge.i, single=True)  # the parser may split a name
        for p in listed if len(listed) > 1 else self.people(sent, subj):
            if p != self.doc.work_key and self.doc.ents[p].fixed in (None, EntityType.PERSON):
                self.found.append(Found(self.doc.work_key, "cast_member", p, sent.index, 0.8))

    def adapted_for_screen(self, sent: Sentence, verb: Any) -> None:
        """ "X is a 1927 film based on the novel by A, and adapted to screen by B": whoever adapted
        the text's work "for the screen" or "to screen" wrote its screenplay. Read off the words
        (the parser often takes "to screen" for a verb); the sentence's subject must be the work,
        and "adapted from the novel by A" credits nobody."""
        doc, end = verb.doc, sent.span.end
        k = verb.i + 1
        if k < end and doc[k].lower_ in ("to", "for"):
            k += 1
            if k < end and doc[k].lower_ == "the":
                k += 1
            if k + 1 < end and doc[k].lower_ in ("screen", "film") and doc[k + 1].lower_ == "by":
                k += 2
            else:
                return
        else:
            return
        subj = [c for c in sent.span.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if self.doc.work_key is None or not subj or not self.is_work(sent, subj[0]):
            return
        names = [t for t in doc[k:end] if t.pos_ == "PROPN" and t.dep_ in ("pobj", "conj", "dobj")]
        for p in self.people(sent, names[:1]):
            if p != self.doc.work_key:
                self.found.append(Found(self.doc.work_key, "written_by", p, sent.index, 0.85))

    def cast_in_roles(self, sent: Sentence, verb: Any) -> None:
        """ "Olan Vesk cast newcomers Ada Quell, Bo Marr and himself in pivotal roles": in a screen
        work's article, the people an active "cast" puts "in" roles (or in the work itself) are in
        its cast, "himself"/"herself" being the caster. Only named objects; "cast doubt on" and
        "cast a spell" name nobody, and "cast him in Lowtide" names another work."""
        work = self.doc.work_key
        if work is None:
            return
        places = [
            o
            for p in verb.children
            if p.dep_ == "prep" and p.lower_ == "in"
            for o in p.children
            if o.dep_ == "pobj"
        ]
        if len(places) != 1:
            return
        place = places[0]
        in_role = place.lemma_.lower() in ("role", "part") and place.pos_ == "NOUN"
        if not in_role and not (
            place.lemma_.lower() in WORK_REFERENCES and _the_work_part(place) and _title_after(place) is None
        ):
            return
        objs = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
        if not objs:
            return
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        out: list[str] = []
        for c in _conjuncts(objs[0]):
            caster = c.lower_ in ("himself", "herself") and bool(subj) and subj[0].pos_ == "PROPN"
            if caster:
                c = subj[0]  # a person, whatever the NER says
            elif c.pos_ != "PROPN":
                continue
            run = _name_run(c)
            if run is not None and any(t.text == "," for t in run):  # the NER's "Jai, Swathi"
                run = _compound_name(c)
            if run is None or name_key(run.text) == work:
                continue
            key = self.doc.ref(sent, run[-1])
            if not caster and key is not None and self.doc.ents[key].fixed not in (None, EntityType.PERSON):
                continue
            out.append(self.mark(sent, run, EntityType.PERSON))
        for p in out:
            if p != work:
                self.found.append(Found(work, "cast_member", p, sent.index, 0.8))

    def made_in_year(self, sent: Sentence, verb: Any) -> None:
        """ "He directed the film Thira in 2013", "the band released its second album Evil Empire in
        1996", "she produced its debut film Aanandam in May 2017": in an encyclopedic text, a work
        named by a kind-of-work noun and made, released or published by an active verb "in" a year
        came out that year. Only a verb of making or release ("saw the film X in 2013" dates a
        viewing), only a title the noun introduces (never a bare name the NER may take for a
        person), and never a year of another clause."""
        if not asserted(verb):
            return
        years = _in_year(verb)
        if not years and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            years = _in_year(verb.head)  # "In 2006, he wrote and directed X": the year is the first verb's
        run = _work_object(verb)
        if len(years) != 1 or run is None or run[-1].ent_type_ in DATE_LABELS:
            return
        key = self.doc.ref(sent, run[-1])
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return  # a person or a place named elsewhere
        if key is not None and key == self.doc.work_key:
            self.literal(sent, "release_year", years[0], 0.75)
            return
        self.literal(sent, "release_year", years[0], 0.75, self.mark(sent, run, EntityType.FILM))

    def dated_title(self, sent: Sentence, paren: Any) -> None:
        """ "Nightfall (1975)", "\"Nightfall\" (1975)": a title with its year in brackets, in an
        encyclopedic text (a person's dates read "(born 1975)" or "(1911-1971)"); a run's first
        year, "May to December (1989 – 94)" (a person's dates never shorten the second year)."""
        span = sent.span
        if paren.i + 2 >= span.end or (paren.nbor(2).text != ")" and not _short_range(paren)):
            return
        year = _year(paren.nbor(1))
        if year is None:
            return
        run = _title_before(paren)
        if run is None or (paren.nbor(2).text != ")" and run[-1].ent_type_ == "PERSON"):
            return  # "Ann Kell (1925 – 31)": a person's years, however written
        key = self.doc.ref(sent, run[-1])
        before = self.doc.text[: sent.offset + run.start_char].rstrip()
        if before.endswith(":") and before[:-1].rstrip()[-1:].isalnum():
            return  # "The Lost World: Jurassic Park (1997)": the year of a title that ends with the work's
        if key is not None and key == self.doc.work_key:
            self.literal(sent, "release_year", year, 0.85)
            return
        if not self.encyclopedic:
            return
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return
        self.literal(sent, "release_year", year, 0.8, self.mark(sent, run, EntityType.FILM))

    def titled_noun(self, sent: Sentence, noun: Any) -> None:
        """ "the 1988 feature film A Cry of Gulls": a work noun with a year, the title after it."""
        if not self.encyclopedic or self.is_work(sent, noun):
            return
        years = [y for c in noun.children if c.dep_ in ("nummod", "amod", "compound") and (y := _year(c))]
        run = _title_after(noun)
        if years and run is not None and run[-1].ent_type_ != "PERSON":
            key = self.doc.ref(sent, run[-1])
            if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
                return
            if key != self.doc.work_key:
                self.literal(sent, "release_year", years[0], 0.8, self.mark(sent, run, EntityType.FILM))

    def other_work(self, sent: Sentence, tok: Any) -> str | None:
        """A named work other than the text's own, marked a Film when it has no fixed type."""
        run = _name_run(tok)
        if run is None:
            return None
        key = self.doc.ref(sent, run[-1]) or name_key(run.text)
        if key == self.doc.work_key:
            return None
        return self.mark(sent, run, EntityType.FILM)

    def sequel(self, sent: Sentence, noun: Any) -> None:
        """ "X is the sequel to Y" (X follows Y), "a prequel to Y" (Y follows X)."""
        if not self.is_work(sent, noun):
            return
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("to", "of")):
            for o in (c for c in prep.children if c.dep_ == "pobj"):
                other = self.other_work(sent, o)
                if other is None or self.doc.work_key is None:
                    continue
                if noun.lemma_.lower() == "prequel":
                    self.found.append(Found(other, "follows", self.doc.work_key, sent.index, 0.85))
                else:
                    self.found.append(Found(self.doc.work_key, "follows", other, sent.index, 0.85))

    def follow_up(self, sent: Sentence, follow: Any) -> None:
        """ "It is the follow up to 2004's Star Saga", "the follow - up to Star Saga": a "follow-up"
        the tokenizer split is a sequel; the work follows the title after "to". The noun phrase
        must be the copula's attribute said of the work."""
        doc, end = follow.doc, sent.span.end
        k = follow.i + 1
        if k < end and doc[k].text == "-":
            k += 1
        if k + 1 >= end or doc[k].lower_ != "up" or doc[k + 1].lower_ != "to":
            return
        noun = next((t for t in (follow, doc[k]) if t.dep_ == "attr"), None)
        subj = [c for c in noun.head.children if c.dep_ == "nsubj"] if noun is not None else []
        if not subj or not self.is_work(sent, subj[0]) or self.doc.work_key is None:
            return
        for o in (c for c in doc[k + 1].children if c.dep_ == "pobj"):
            other = self.other_work(sent, o)
            if other is not None and other != self.doc.work_key:
                self.found.append(Found(self.doc.work_key, "follows", other, sent.index, 0.85))

    def neighbour(self, sent: Sentence, noun: Any) -> None:
        """ "its predecessor, "Trophy Room"", "A sequel, Iron Tide, is in development", "its
        follow-up, Red Sky": in an article about a work, the title in apposition to such a noun
        comes just before (predecessor) or after (sequel, successor, follow-up) the work. The noun
        must be the work's ("its", or "a"/"the" with no other owner) and name no other work ("a
        sequel to X" is `sequel`'s; "the band's follow-up" is not the work's)."""
        work = self.doc.work_key
        if work is None or any(c.dep_ == "prep" and c.lower_ in ("to", "of") for c in noun.children):
            return
        dets = [c for c in noun.children if c.dep_ in ("det", "poss")]
        if len(dets) != 1 or dets[0].lower_ not in ("its", "a", "the"):
            return  # "his predecessor" is a person's, "the band's follow-up" the band's
        run = _title_after(noun, comma=True)
        if run is None or noun.i + 1 >= sent.span.end or noun.nbor(1).text != ",":
            return  # "a sequel film": only the title set off after a comma
        other = self.titled_other(sent, run, work)
        if other is None:
            return
        if noun.lemma_.lower() == "predecessor":
            self.found.append(Found(work, "follows", other, sent.index, 0.8))
        else:
            self.found.append(Found(other, "follows", work, sent.index, 0.8))

    def titled_other(self, sent: Sentence, run: Any, work: str | None) -> str | None:
        """The work a title run names, marked a film, when it is neither the text's own work nor a
        name a pattern typed as something else."""
        key = self.doc.ref(sent, run[-1])
        if key == work or (key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES)):
            return None
        other = self.mark(sent, run, EntityType.FILM)
        return None if other == work else other

    def adjacent(self, sent: Sentence, noun: Any) -> None:
        """ "up from the previous episode, "Tin Crown"", "who also produced Vesk's previous record,
        Low Tide", "the next episode, "Salt"": in an article about a work, a work of the same kind
        called the previous (or next) one, its title set off after a comma, comes just before (or
        after) the work. Only one ("the previous two albums, A and B" gives no order) and only of
        the work's own kind (a song's article calls an album "her previous album")."""
        work, kind = self.doc.work_key, lead_kind(self.doc)
        if work is None or kind is None or _kin_of_work(noun.lemma_.lower()) != _kin_of_work(kind):
            return
        order = {a.lower_ for a in noun.children if a.dep_ == "amod"}
        if not order & (EARLIER_WORDS | LATER_WORDS) or any(c.dep_ == "nummod" for c in noun.children):
            return
        if noun.tag_ == "NNS" or noun.i + 1 >= sent.span.end or noun.nbor(1).text != ",":
            return  # "the previous episodes", "the previous episode's ratings"
        run = _title_after(noun, comma=True)
        quoted = run is not None and run.start > 0 and run.doc[run.start - 1].text in QUOTES
        if run is None or (not quoted and run[-1].ent_type_ in DATE_LABELS | {"PERSON"}):
            return  # a quoted title is one whatever the NER makes of its words ("Hold On to Sixteen")
        other = self.titled_other(sent, run, work)
        if other is None:
            return
        if order & EARLIER_WORDS:
            self.found.append(Found(work, "follows", other, sent.index, 0.8))
        else:
            self.found.append(Found(other, "follows", work, sent.index, 0.8))

    def followed(self, sent: Sentence, verb: Any) -> None:
        """ "It was followed by Y" (Y follows the work), "preceded by Y" (the work follows Y)."""
        anchor = self.anchor(verb)
        if anchor is None or not self.is_work(sent, anchor) or self.doc.work_key is None:
            return
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for o in (c for c in agent.children if c.dep_ == "pobj"):
                # "followed by A and B": A comes next; "preceded by the 1990 film A and the 1992 film
                # B": B came just before
                items = [c for c in _conjuncts(o) if c.dep_ != "appos" or c.head.pos_ != "NOUN"]
                for c in items[:1] if verb.lemma_.lower() == "follow" else items[-1:]:
                    if c.pos_ == "NOUN" and c.lemma_.lower() in LEAD_WORK_NOUNS:
                        run = _title_after(c, comma=True)  # "the 1992 film Grey Mile", "a sequel, Iron Tide"
                        ref = self.doc.ref(sent, run[-1]) if run is not None else None
                        other = (
                            self.mark(sent, run, EntityType.FILM)
                            if run is not None and ref != self.doc.work_key
                            else None
                        )
                    else:
                        other = self.other_work(sent, c)
                    if other is None:
                        continue
                    if verb.lemma_.lower() == "follow":
                        self.found.append(Found(other, "follows", self.doc.work_key, sent.index, 0.85))
                    else:
                        self.found.append(Found(self.doc.work_key, "follows", other, sent.index, 0.85))

    def year_noun(self, sent: Sentence, year_tok: Any) -> None:
        """A year before a kind of work and its title, in an encyclopedic text: "her 2002 single
        "Morning Glass"", "a 1978 sequel, Iron Tide", "the 1972 arcade game Brickfall" (the title
        after the noun), "Voss's 1977 Salt in the Wind album" (the title between year and noun).
        The title's release year is that year. Up to three words may stand between the year and
        the noun ("1972 Atari arcade game"); a name the NER takes for a person or place is none."""
        doc, end = year_tok.doc, sent.span.end
        year = _year(year_tok)
        assert year is not None
        k = year_tok.i + 1
        if k < end and doc[k].tag_ == "POS":
            self.year_owned(sent, year_tok)
            return
        noun = None
        plain = 0  # lower-case words between ("arcade"), at most three
        for t in doc[k : min(end, k + 9)]:
            if t.text.islower() and t.lower_ in LEAD_WORK_NOUNS and t.tag_ != "NNS":
                noun = t  # the parser may take "single" for an adjective
                break
            if t.text.islower() and t.pos_ in ("ADJ", "NOUN") and t.lower_ not in TITLE_SMALL_WORDS:
                plain += 1
                if plain > 3:
                    break
            elif not (_title_word(t) or t.lower_ in TITLE_SMALL_WORDS - {"and"}) or t.text in QUOTES:
                break
        if noun is None:
            return
        between = doc[k : noun.i]
        run = None
        if (
            len(between)
            and all(_title_word(t) or t.lower_ in TITLE_SMALL_WORDS - {"and"} for t in between)
            and _title_word(between[0])
            and _title_word(between[-1])
        ):  # "1977 Salt in the Wind album": the title stands between (a maker's name is none)
            if len(between) < 2 or any(
                t.ent_type_ in ("PERSON", "GPE", "NORP", "DATE", "ORG") for t in between
            ):
                return  # "a 1985 Disney film", "a 1990 Mel Vane film": a maker, not a title
            run = between
        else:  # "2002 single X", "1972 arcade game Brickfall": the title follows the noun (whatever
            run = _title_after(noun, comma=True)  # the NER makes of it: the noun says what it is)
        if run is None or not len(run) or run[-1].ent_type_ in DATE_LABELS:
            return
        if noun is not None and noun.i == run.end and noun.i + 1 < end and _title_word(doc[noun.i + 1]):
            return  # "1977 Salt Flats album Red Sky": which is the title is unclear
        key = self.doc.ref(sent, run[-1])
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return
        if key == self.doc.work_key and key is not None:
            self.literal(sent, "release_year", year, 0.8)
            return
        self.literal(sent, "release_year", year, 0.8, self.mark(sent, run, EntityType.FILM))

    def year_owned(self, sent: Sentence, year_tok: Any) -> None:
        """ "the follow-up to 2004's Star Legends", "from 1979's Off the Road to 2001's Unbroken":
        a title owned by a year is that year's release, in an article about a work (an article
        about anything else writes "1990's Gulf War" too, and a named event or place is none)."""
        if self.doc.work_key is None:
            return
        doc, end = year_tok.doc, sent.span.end
        i = j = year_tok.i + 2
        while j < end and (
            (_title_word(doc[j]) and doc[j].tag_ != "POS" and doc[j].text not in QUOTES)
            or (doc[j].text == "-" and j > i and j + 1 < end and _title_word(doc[j + 1]))
            or (
                doc[j].lower_ in TITLE_SMALL_WORDS - {"and"}
                and j > i
                and j + 1 < end
                and _title_word(doc[j + 1])
                and _year(doc[j + 1]) is None  # "from 1979's A to 2001's B"
            )
        ):
            j += 1
        run = doc[i:j]
        if not len(run) or not run[0].text[:1].isupper():
            return
        if any(t.ent_type_ in ("EVENT", "GPE", "LOC", "FAC", "NORP", "DATE", "LAW") for t in run):
            return
        key = self.doc.ref(sent, run[-1])
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return
        year = _year(year_tok)
        assert year is not None
        if key == self.doc.work_key:
            self.literal(sent, "release_year", year, 0.8)
        else:
            self.literal(sent, "release_year", year, 0.8, self.mark(sent, run, EntityType.FILM))

    def owned_film(self, sent: Sentence, noun: Any) -> None:
        """ "Olan Vesk's controversial film Low Tide", "the Olan Vesk film Low Tide": a film said to
        be a person's is that person's direction. The owner must be a person's name (the NER's,
        two words at least: "Rook's film", "the Paramount film" credit nothing) and the title must
        follow the noun."""
        owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        owners += [  # "the Olan Vesk film": the name right before the noun
            c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == noun.i - 1
        ]
        if not owners:
            return
        run = _name_run(owners[0])
        while run is not None and len(run) and run[-1].tag_ == "POS":
            run = run[:-1]  # the NER's "Olan Vesk's"
        if run is None or len(run) < 2 or any(t.ent_type_ != "PERSON" for t in run):
            return
        named = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        title = _title_after(noun, comma=True)
        if title is None and named:
            title = _own_title(named[0])
        if title is None or not len(title) or title[-1].ent_type_ in DATE_LABELS:
            return
        key = self.doc.ref(sent, title[-1])
        if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
            return
        work = self.mark(sent, title, EntityType.FILM)
        person = self.mark(sent, run, EntityType.PERSON)
        if work != person:
            self.found.append(Found(work, "directed_by", person, sent.index, 0.75))

    def sequence(self, sent: Sentence, noun: Any) -> None:
        """ "the album's three singles, "A", "B" and "C"", "the series consists of three films: A
        (2010), B (2012) and C (2014)": a list of titles that is the whole set the noun counts, or
        whose years rise, is given in order of release: each title follows the one before.
        A list with neither ("singles including A and B", "other songs such as A and B") gives no
        order."""
        counted = [c for c in noun.children if c.dep_ == "nummod" and c.like_num and c.ent_type_ != "DATE"]
        doc, end = noun.doc, sent.span.end
        i = noun.i + 1
        if i < end and doc[i].text in (":", ",", "–", "-", "—"):
            i += 1
        items = _title_list(doc, i, end)
        if len(items) < 2:
            return
        years = [y for _, y in items]
        rising = all(y is not None for y in years) and all(
            a is not None and b is not None and a < b for a, b in pairwise(years)
        )
        if not rising and _number(counted[0] if counted else None) != len(items):
            return
        keys: list[str] = []
        for run, year in items:
            key = self.doc.ref(sent, run[-1])
            if key is not None and self.doc.ents[key].fixed not in (None, *WORK_TYPES):
                return  # "three members: A, B and C" named as people elsewhere
            key = self.mark(sent, run, EntityType.FILM)
            keys.append(key)
            if year is not None and key != self.doc.work_key:
                self.literal(sent, "release_year", year, 0.8, key)
        if len(set(keys)) != len(keys):
            return
        for earlier, later in pairwise(keys):
            self.found.append(Found(later, "follows", earlier, sent.index, 0.8))

    def episode_of(self, sent: Sentence, noun: Any) -> None:
        """ "X is the second episode of The Wardens' twentieth season", "the tenth episode of the
        ninth season of the comedy series Grey Lantern": the work is part of that series."""
        cur = noun
        if not any(p.lower_ == "of" for p in noun.children):  # "the ninth episode and finale of ..."
            cur = next((c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"), noun)
        for _ in range(3):
            of = [o for p in cur.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            if not of:
                return
            target = of[0]
            named = [target] if target.pos_ == "PROPN" else []
            named += [c for c in target.children if c.dep_ in ("poss", "appos") and c.pos_ == "PROPN"]
            if named:
                run = _name_run(named[0])
                if run is None:
                    return
                if run.start > sent.span.start and run.doc[run.start - 1].text == "The":
                    run = run.doc[run.start - 1 : run.end]  # "The Wardens'"
                key = self.mark(sent, run, EntityType.SERIES)
                if key != self.doc.work_key and self.doc.work_key is not None:
                    self.found.append(Found(self.doc.work_key, "part_of_series", key, sent.index, 0.85))
                return
            cur = target

    def series(self, sent: Sentence, noun: Any) -> None:
        """ "the second film in the X series", "part of the X franchise", "the series X": the work is
        part of a series (a Universe for a franchise)."""
        kind = EntityType.UNIVERSE if noun.lower_ in lx.UNIVERSE_NAME_NOUNS else SERIES_NOUNS[noun.lower_]
        names = [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        compounds = [c for c in noun.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
        run = _name_run(names[0]) if names else None
        if run is None and compounds:
            run = noun.doc[compounds[0].left_edge.i : noun.i]
            if not all(t.text[:1].isupper() or t.is_punct for t in run):
                return
        if run is None or not len(run) or noun.dep_ not in ("pobj",):
            return
        prep = noun.head
        if prep.lower_ not in ("in", "of", "from"):
            return
        holder = prep.head  # "the second film in", or "part of" said of the work
        if not self.is_work(sent, holder):
            subj = [c for c in holder.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if (
                holder.lower_ != "part"
                or holder.dep_ != "attr"
                or not subj
                or not self.is_work(sent, subj[0])
            ):
                return
        known = self.doc.ref(sent, run[-1])
        if known is not None and self.doc.ents[known].fixed in (EntityType.UNIVERSE, EntityType.SERIES):
            key = known  # "the Hollowmere saga": named a Universe already
        else:
            key = self.mark(sent, run, kind)
        if key != self.doc.work_key and self.doc.work_key is not None:
            self.found.append(Found(self.doc.work_key, "part_of_series", key, sent.index, 0.85))


#: nouns of a work's neighbour in a series, with the title set off after them ("its predecessor, X")
NEIGHBOUR_NOUNS = frozenset({"predecessor", "successor", "sequel", "follow-up"})
#: verbs with which an article says in which work a figure's story is told
STORY_VERBS = frozenset({"recount", "tell", "narrate", "relate", "recite", "chronicle"})
#: adjectives that place a work of the same kind just before or just after the text's work
EARLIER_WORDS = frozenset({"previous", "preceding", "prior"})
LATER_WORDS = frozenset({"next", "following", "subsequent", "succeeding"})
#: kinds of work that are one kind for "the previous ___" (an album's previous record)
RECORD_NOUNS = frozenset({"album", "record", "lp", "ep", "cd"})


def _listed_credit(verb: Any) -> bool:
    """A credit verb the parser hangs off the one before it as a clause, in a list of credits
    ("he wrote, directed and produced X": "directed" a clause of "wrote")."""
    return (
        verb.dep_ == "advcl"
        and verb.head.lemma_.lower() in CREDIT_VERBS
        and verb.i > verb.head.i
        and verb.doc[verb.i - 1].text == ","
    )


#: verbs a career goes on with ("went on to direct X", "continued to write")
GO_ON_VERBS = frozenset({"go", "continue", "return", "begin", "start"})
#: nouns of a film's text: "the screenplay for X" names the film X
SCRIPT_NOUNS = frozenset({"screenplay", "script", "teleplay"})


def _went_on_to(verb: Any) -> bool:
    """A bare verb whose actor is that of the verb it completes: "he went on to direct X"."""
    return (
        verb.tag_ == "VB"
        and verb.dep_ in ("advcl", "xcomp")
        and verb.head.lemma_.lower() in GO_ON_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _scripted_title(noun: Any) -> Any:
    """The title of "the screenplay for X" ("of X"): a run of title-case words that is no person
    or date (the NER may take a title for a place or a firm); None for any other noun."""
    if noun.lemma_.lower() not in SCRIPT_NOUNS or noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None  # "wrote scripts for Paramount", "a script for a friend": no one film
    named = [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ in ("for", "of")
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ == "PROPN"
    ]
    if len(named) != 1 or named[0].ent_type_ in DATE_LABELS | {"PERSON", "NORP"} or _listed(named[0]):
        return None
    run = _own_title(named[0])
    if run[0].lower_ == "the" and run[0].text != "The":
        run = run[1:]
    return run if len(run) and _title_word(run[0]) else None


def _kin_of_work(noun: str) -> str:
    """The kind "the previous ___" compares: every recording is a record, a movie a film."""
    if noun in RECORD_NOUNS:
        return "record"
    return "film" if noun == "movie" else noun


#: active verbs of making or releasing a work: "in YEAR" after them dates the work they take (not
#: "recorded" or "shot": a recording or shoot often comes a year before the release)
MAKING_VERBS = frozenset(CREDIT_VERBS) | RELEASE_VERBS | {"make"}


def _in_year(verb: Any) -> list[int]:
    """The years of a verb's own "in" phrases: "in 2013", "in May 2017" (not "in the 2013
    festival", not a year inside a longer phrase)."""
    out: list[int] = []
    for p in verb.children:
        if p.dep_ != "prep" or p.lower_ != "in":
            continue
        objs = [o for o in p.children if o.dep_ == "pobj"]
        if len(objs) != 1 or objs[0].ent_type_ != "DATE":
            continue
        date = next((e for e in verb.doc.ents if e.start <= objs[0].i < e.end), None)
        words = list(date) if date is not None else [objs[0]]
        years = [y for t in words if (y := _year(t)) is not None]
        if len(years) == 1 and len(words) <= 3:
            out += years
    return out


def _work_object(verb: Any) -> Any:
    """The title a verb's object introduces with a kind-of-work noun: "the film Thira" (the title
    in apposition or after the noun), "its second studio album Evil Empire" (the parser makes the
    noun a compound of the title). None for any other object."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objs) != 1:
        return None
    obj = objs[0]
    script = _scripted_title(obj)
    if script is not None and verb.lemma_.lower() in CREDIT_VERBS:  # "wrote the screenplay for X in 2001"
        return script
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in LEAD_WORK_NOUNS:
        run = _title_after(obj, comma=True)
        named = [c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if run is None and len(named) == 1:  # "its final album of new songs, The Long Road"
            run = _own_title(named[0])
        return run
    if (
        obj.pos_ == "PROPN"
        and verb.lemma_.lower() in CREDIT_VERBS
        and obj.ent_type_ not in NOT_WORK_LABELS | {"ORG"}
        and not _listed(obj)
    ):  # "he wrote and directed The Night Listener in 2006": a film-maker's title as it stands
        run = _own_title(obj)
        return run if len(run) and _title_word(run[0]) else None
    nouns = [
        c
        for c in obj.children
        if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in LEAD_WORK_NOUNS
    ]
    if obj.pos_ == "PROPN" and nouns:
        run = _title_after(nouns[-1])
        return run if run is not None and run.end == obj.i + 1 else None
    return None


#: plural work nouns whose counted list of titles is in order of release ("its three singles")
SEQUENCE_NOUNS = frozenset(
    {"film", "movie", "album", "single", "novel", "book", "game", "sequel", "installment", "instalment",
     "episode", "ep", "record", "volume", "entry"}
)  # fmt: skip
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _number(tok: Any) -> int | None:
    """A small cardinal ("three", "3"), None for anything else."""
    if tok is None:
        return None
    if tok.text.isdigit():
        return int(tok.text)
    return _NUMBER_WORDS.get(tok.lower_)


def _listed(tok: Any) -> bool:
    """Does the phrase under `tok` hold a list ("A and B"), not a title joined by "&"?"""
    return any(t.dep_ == "conj" and not any(c.text == "&" for c in t.head.children) for t in tok.subtree)


#: dashes that open and close an aside ("A (1997) – which won a prize – and B")
DASHES = frozenset({"–", "—"})


def _series_title_start(noun: Any) -> int | None:
    """Where "the Koker trilogy (1987-94)" opens its name: the title-case words before a dated
    series noun; None for any other noun."""
    if noun.lower_ not in SERIES_NOUNS or not noun.is_lower:
        return None
    doc, end = noun.doc, noun.sent.end
    if not (noun.i + 2 < end and doc[noun.i + 1].text == "(" and _year(doc[noun.i + 2]) is not None):
        return None
    start = noun.i
    while start - 1 >= noun.sent.start and doc[start - 1].pos_ == "PROPN" and _title_word(doc[start - 1]):
        start -= 1
    return start if start < noun.i else None


def _year_range(doc: Any, j: int, end: int) -> bool:
    """Does a bracketed span of years open at `j`: "(1987 – 94)", "(1987-1994)"?"""
    return (
        j + 4 < end
        and doc[j].text == "("
        and _year(doc[j + 1]) is not None
        and doc[j + 2].text in ("-", *DASHES)
        and doc[j + 3].text.isdigit()
        and doc[j + 4].text == ")"
    )


def _title_list(doc: Any, start: int, end: int) -> list[tuple[Any, int | None]]:
    """The titles of a list opening at token `start`: each a quoted title or a run of title-case
    words (small words between them), with its year when "(1997)" follows; items separated by
    commas and "and". The list ends at the first item that is not a title."""
    out: list[tuple[Any, int | None]] = []
    i = start
    while i < end:
        if doc[i].text in QUOTES:
            close = next((k for k in range(i + 1, min(end, i + 16)) if doc[k].text in QUOTES), None)
            if close is None or close == i + 1 or not _title_word(doc[i + 1]):
                break
            run, j = doc[i + 1 : close], close + 1
        else:
            j = i
            while j < end and (
                (_title_word(doc[j]) and doc[j].text not in QUOTES and doc[j].tag_ != "POS")
                or (
                    doc[j].lower_ in TITLE_SMALL_WORDS - {"and"}
                    and j > i
                    and j + 1 < end
                    and _title_word(doc[j + 1])
                )
                or (doc[j].text == "-" and j > i and j + 1 < end and _title_word(doc[j + 1]))  # "Close-Up"
            ):
                j += 1
            if j == i:
                break
            if j < end and doc[j].lower_ in SERIES_NOUNS and doc[j].is_lower:
                j += 1  # "the Koker trilogy (1987-94)": a series named by its noun
            run = doc[i:j]
        year = None
        if j + 2 < end and doc[j].text == "(" and doc[j + 2].text == ")":
            year = _year(doc[j + 1])
            j += 3
        elif _year_range(doc, j, end):  # "(1987 – 94)": the first year
            year = _year(doc[j + 1])
            j += 5
        if year is None and run.start == i and doc[i].ent_type_ in ("PERSON", "GPE", "DATE", "NORP"):
            break  # an unquoted, undated name the NER takes for a person or place is no title
        out.append((run, year))
        if j < end and doc[j].text in DASHES:  # "A (1997) – which won a prize – and B (1999)"
            close = next((k for k in range(j + 1, end) if doc[k].text in DASHES), None)
            j = close + 1 if close is not None else j
        if j < end and doc[j].text == ",":
            j += 1
        if j < end and doc[j].lower_ == "and":
            j += 1
        if j == run.end or (year is not None and j == run.end + 3):
            break  # no separator: the list is over
        i = j
    return out


#: predicates kept between a work and people or other works, who are outside the story
WORK_PREDICATES = frozenset(
    {"directed_by", "written_by", "produced_by", "cast_member", "follows", "part_of_series"}
)


def _fold_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def mark_title(doc: Doc, title: str, kind: EntityType, *, work: str | None = None) -> None:
    """Every prose occurrence of the work's title, small words and quotes included ("Song of
    Freedom", "Extreme Makeover: Home Edition"), as a mention of the work, before names are
    collected (so "Freedom" is not a character of its own). The first word keeps its capital.
    With `work`, `title` is a short form of that work's title (its subtitle)."""
    from .mentions import _mention  # mentions reads this module's lead_title

    want = _fold_words(title)
    if not want:
        return
    key = name_key(work or title)
    if work is not None:
        doc.ent(key, work)  # the short form is an alias: the work keeps its whole title
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        toks = list(span)  # the sentence's own tokens: their text is read once
        i = span.start
        while i < span.end:
            tok = toks[i - span.start]
            matched = 0
            if tok.text[:1].isupper() or tok.text[:1].isdigit():
                got = _fold_words(tok.text)  # the first piece, span.doc[i : i + 1].text, read cheaply
                if got == want:
                    matched = i + 1
                elif len(got) < len(want) and got == want[: len(got)]:
                    for j in range(i + 2, min(span.end, i + 3 * len(want) + 2) + 1):
                        got = _fold_words(span.doc[i:j].text)
                        if got == want:
                            matched = j
                            break
                        if len(got) > len(want) or got != want[: len(got)]:
                            break
            if matched and (sent.index, i) not in doc.token_ent:
                _mention(doc, sent, title, i, matched, key=key, fixed=kind)
                i = matched
            else:
                i += 1


#: nouns that say a name is a character of the work ("the protagonist, X"; "X is a main character")
CHARACTER_NOUNS = frozenset(
    {"character", "protagonist", "antagonist", "hero", "heroine", "villain", "narrator", "title character"}
)


def character_cues(doc: Doc) -> set[str]:
    """Names the text itself calls characters: "X is a main character", "the character X", "X,
    the protagonist". In an encyclopedic text the other names are people of the real world."""
    out: set[str] = set()
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            if tok.lemma_.lower() not in CHARACTER_NOUNS or tok.pos_ != "NOUN":
                continue
            near = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN"]
            if tok.dep_ == "appos":
                near.append(tok.head)
            if tok.dep_ == "attr":
                near += [c for c in tok.head.children if c.dep_ == "nsubj"]
            if tok.dep_ == "nsubj" and tok.head.lower_ in COPULAS:  # "The protagonist is Florin"
                named = [c for c in tok.head.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
                if tok.tag_ == "NNS":  # "The main protagonists are A and B": each of them
                    named = [c for a in named for c in _conjuncts(a) if c.pos_ == "PROPN"]
                near += named
            out |= {k for t in near if (k := doc.ref(sent, t)) is not None}
    return out | plot_subjects(doc)


#: kinds of work without a screen that still tell a story
STORY_NOUNS = frozenset({"novel", "novella", "book", "story", "comic", "manga", "volume"})
#: present-tense verbs said of real people in an article, never of a plot's characters ("A stars
#: as X", "A directs"); their subjects are not characters
PEOPLE_VERBS = frozenset(
    {"star", "co-star", "play", "portray", "voice", "direct", "write", "produce", "compose", "host",
     "narrate", "perform", "sing", "record", "release", "appear", "guest", "reprise", "say", "state",
     "describe", "call", "note", "praise", "give", "rate", "review", "criticize", "believe"}
)  # fmt: skip
#: verbs with which a work's article introduces its plot's people ("The episode follows A and B")
PLOT_VERBS = frozenset({"follow", "see", "center", "centre", "focus", "revolve", "feature"})


def plot_subjects(doc: Doc) -> set[str]:
    """The people of a work's plot, in an encyclopedic text about a work: the subjects of its
    present-tense narration ("Bart becomes jealous", "Peter and Brian join a club"; the lead's
    real people are told in the past tense, or by credit verbs: "A stars as X" is none), and whom
    "the episode follows" or "the film centers on"."""
    out: set[str] = set()
    kind = lead_kind(doc)
    if kind is None or (kind in NOT_SCREEN_NOUNS and kind not in STORY_NOUNS):
        return out  # a song, an album or a painting has no plot
    first = next((s.index for s in doc.sentences if not s.heading), 0)
    for sent in doc.sentences:
        if sent.heading or sent.index == first:
            continue
        for tok in sent.span:
            verb = tok.head
            people: list[Any] = []
            if (
                tok.dep_ == "nsubj"
                and verb.tag_ == "VBZ"
                and verb.pos_ == "VERB"
                and verb.lemma_.lower() not in PEOPLE_VERBS
                and not any(c.dep_ == "dobj" and c.lemma_.lower() in ACTING_NOUNS for c in verb.children)
                and asserted(verb)
            ):  # "A has a small part in it" is said of an actor
                people = [tok]
            elif (
                tok.dep_ in ("dobj", "pobj")
                and verb.lemma_.lower() in PLOT_VERBS | {"on", "around"}
                and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in WORK_REFERENCES
                    for v in (verb, verb.head)
                    for c in v.children
                )
            ):
                people = [tok]  # "The episode follows Peter", "The film centers on Ann"
            for p in (q for t in people for q in _conjuncts(t)):
                if p.pos_ == "PROPN" and p.ent_type_ not in NOT_WORK_LABELS - {"PERSON"}:
                    key = doc.ref(sent, p)
                    if key is not None and key != doc.work_key:
                        out.add(key)
    return out


def encyclopedic(doc: Doc) -> bool:
    """A text that opens, with no title line, by defining its subject: "X (born 1911) was an
    American songwriter", "X is a 1961 film". Its names are people and things of the real world;
    a review (a title line, then prose) or a plot summary is not read this way."""
    if not doc.sentences or doc.sentences[0].heading:
        return False
    span = doc.sentences[0].span
    if not span.text[:1].isupper() and span.text[:1] not in QUOTES:
        return False
    if lead_title(doc) is not None:
        return True
    opening = list(span)[:12]
    bracket = next((t.i for t in opening if t.text.startswith("(")), None)
    if bracket is not None and any(t.lower_ == "born" and t.i > bracket for t in opening):
        return True  # "Han Lei (; born 1968), also known as ..., is": a person's dates, however it parses
    for tok in list(span)[:45]:
        if tok.lower_ in COPULAS and tok.pos_ == "AUX" and tok.dep_ == "ROOT":
            attrs = [c for c in tok.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
            named = (
                bool(subj)
                and (  # "Lin Ha-yeon (born 1994) is": a name ending in a lower-case part
                    subj[0].text[:1].isupper() or subj[0].ent_type_ == "PERSON" or span.text[:1] in QUOTES
                )
            )
            return bool(attrs) and named  # "X (born 1950) is a singer", a quoted title
    return False


#: nouns of a performance: "A, in her last appearance as X", "A's turn as X", "A's portrayal of X"
PERFORMANCE_NOUNS = frozenset({"appearance", "turn", "role", "performance", "outing", "portrayal", "debut"})
#: words before a name that make it a real person of the cast or crew ("star A", "directors A and B")
PERSON_CUES = {
    "star": "cast_member",
    "stars": "cast_member",
    "co-star": "cast_member",
    "actor": "cast_member",
    "actress": "cast_member",
    "director": "directed_by",
    "directors": "directed_by",
    "writer": "written_by",
    "writers": "written_by",
    "producer": "produced_by",
    "producers": "produced_by",
    "composer": "",
    "newcomer": "cast_member",
    "screenwriter": "written_by",
    "screenwriters": "written_by",
    "co-writer": "written_by",
    "co-director": "directed_by",
    "cinematographer": "",
    "filmmaker": "",
}
#: verbs of a craft that are not a role ("The score, composed by A"): the agent is a person of the crew
CRAFT_VERBS = frozenset({"compose", "score", "shoot", "edit", "design", "choreograph", "photograph"})
#: every word (lower case) and lemma that one of `Portrayals.token`'s branches starts from
_PORTRAYAL_WORDS = frozenset({"played", "portrayed", "("} | PERSON_CUES.keys())
_PORTRAYAL_LEMMAS = frozenset({"play", "portray"} | PERFORMANCE_NOUNS | CRAFT_VERBS)


def _run_ending(doc: Any, end: int, start: int) -> Any:
    """The proper-name run whose last token is `end - 1` (two to five title-case words)."""
    i = end
    while i - 1 >= start and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper():
        i -= 1
    run = doc[i:end]
    return run if 1 <= len(run) <= 5 else None


def _run_starting(doc: Any, start: int, end: int) -> Any:
    """The proper-name run opening at `start`."""
    j = start
    while j < end and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
        if glued_hyphen(doc, j, end):
            j += 2  # "Ola Brandt-Kerr": a double-barrelled name is one run
    run = doc[start:j]
    return run if 1 <= len(run) <= 7 else None


class Portrayals:
    """Cast constructions of reviews: who plays whom, and which names are real people."""

    def __init__(self, reader: WorkReader) -> None:
        self.r = reader
        self.doc = reader.doc

    def person_run(self, run: Any, credited: bool = False) -> bool:
        """Two to four title-case words the NER or a credit probe takes for a person, named
        nowhere else as acting in the story (unless `credited`: the construction alone says the
        name is an actor's, as "stars A as X" does; a review names its lead actor again and again)."""
        from .rules import _actor_name, _credited_person, _dictionary_word  # rules reads this module

        if run is None or not 2 <= len(run) <= 6 or not _actor_name(run):  # "Han Jin-won" too
            return False
        key = self.doc.ents.get(name_key(run.text))
        if key is not None and key.in_story > 2 and not credited:
            return False

        if any(t.ent_type_ == "PERSON" for t in run) or _credited_person(run.text):
            return True
        return not all(_dictionary_word(t.lower_) for t in run)

    def role(self, sent: Sentence, run: Any) -> str | None:
        """The character a name run stands for (an entity of the text, not the work)."""
        if run is None:
            return None
        key = self.doc.ref(sent, run[-1])
        if (
            key is None
            or key == self.doc.work_key
            or self.doc.ents[key].fixed not in (None, EntityType.CHARACTER)
        ):
            return None
        return key

    def credit(self, sent: Sentence, role: str | None, actor: Any) -> None:
        if role is None or not self.person_run(actor):
            return
        person = self.r.mark(sent, actor, EntityType.PERSON)
        if person != role:
            self.doc.ents[role].fixed = EntityType.CHARACTER
            self.r.found.append(Found(role, "portrayed_by", person, sent.index, 0.85))

    def token(self, sent: Sentence, tok: Any) -> None:
        low = tok.lower_
        if low not in _PORTRAYAL_WORDS and tok.lemma_.lower() not in _PORTRAYAL_LEMMAS:
            return  # no branch below starts here
        doc, span = tok.doc, sent.span
        if (
            low in ("played", "portrayed")
            and tok.i == span.start
            and tok.i + 1 < span.end
            and tok.nbor(1).lower_ == "by"
        ):
            comma = next((t for t in span if t.text == "," and t.i > tok.i), None)  # "Played by A, X is"
            if comma is not None:
                self.credit(
                    sent, self.role(sent, _run_starting(doc, comma.i + 1, span.end)), doc[tok.i + 2 : comma.i]
                )
        if (
            tok.lemma_ in ("play", "portray")
            and tok.tag_ == "VB"
            and tok.i - 2 >= span.start
            and tok.nbor(-1).lower_ == "to"
        ):
            actor = _run_ending(doc, tok.i - 1, span.start)  # "enables A to play X"
            self.credit(sent, self.role(sent, _run_starting(doc, tok.i + 1, span.end)), actor)
        if (
            tok.lemma_.lower() in PERFORMANCE_NOUNS
            and tok.i + 2 < span.end
            and tok.nbor(1).lower_ in ("as", "of")
        ):
            role = self.role(sent, _run_starting(doc, tok.i + 2, span.end))
            owner = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if owner:  # "A's portrayal of X", "A's turn as X"
                self.credit(sent, role, _run_ending(doc, owner[0].i + 1, span.start))
            elif tok.nbor(1).lower_ == "as":  # "A, in her last appearance as X,"
                k = tok.i - 1
                while (
                    k > span.start
                    and doc[k].text != ","
                    and doc[k].pos_ in ("ADJ", "PRON", "DET", "ADP", "NUM")
                ):
                    k -= 1
                if doc[k].text == ",":
                    self.credit(sent, role, _run_ending(doc, k, span.start))
        if low == "(" and tok.i > span.start:
            self.pair(sent, tok)
        if low in PERSON_CUES and tok.i + 1 < span.end:
            self.cued(sent, tok)
        if tok.lemma_.lower() in CRAFT_VERBS and tok.tag_ == "VBN" and not self.someone_crafted(sent, tok):
            for agent in (c for c in tok.children if c.dep_ == "agent"):
                for o in (c for c in agent.children if c.dep_ == "pobj"):
                    run = _run_ending(doc, o.i + 1, span.start)
                    if self.person_run(run):
                        self.r.mark(sent, run, EntityType.PERSON)  # "the score, composed by A"

    def someone_crafted(self, sent: Sentence, verb: Any) -> bool:
        """ "Vic is shot dead by Ann": the passive's subject is a character or a pronoun, so the "by" is
        who did it to them, not a craftsman of the film ("The film was shot by A")."""
        doc = self.r.doc
        for subj in (c for c in verb.children if c.dep_ == "nsubjpass"):
            if subj.lower_ in ("he", "she", "him", "her", "they", "who"):
                return True
            key = doc.ref(sent, subj)
            if key is not None and key != doc.work_key and doc.ents[key].type is C:
                return True
        return False

    def pair(self, sent: Sentence, paren: Any) -> None:
        """ "X and Y (A and B)": the two names in brackets play the two before, in order."""
        doc, span = paren.doc, sent.span
        close = next((t for t in doc[paren.i + 1 : min(span.end, paren.i + 12)] if t.text == ")"), None)
        second = _run_ending(doc, paren.i, span.start)
        if (
            close is None
            or second is None
            or second.start - 2 < span.start
            or doc[second.start - 1].lower_ != "and"
        ):
            return
        first = _run_ending(doc, second.start - 1, span.start)
        inner = doc[paren.i + 1 : close.i]
        cut = next((t.i for t in inner if t.lower_ == "and"), None)
        if first is None or cut is None:
            return
        a, b = doc[paren.i + 1 : cut], doc[cut + 1 : close.i]
        roles = (self.role(sent, first), self.role(sent, second))
        if all(roles) and self.person_run(a) and self.person_run(b):
            self.credit(sent, roles[0], a)
            self.credit(sent, roles[1], b)

    def cued(self, sent: Sentence, cue: Any) -> None:
        """ "star A's willingness", "directors A, B and C": real people, not characters; an
        entity that took the cue word into its name ("Star A") loses it."""
        doc, span = cue.doc, sent.span
        if cue.i > span.start and cue.nbor(-1).tag_ == "POS":
            return  # "the Combine's director, X": a character's title
        if cue.i - 1 > span.start and cue.nbor(-1).text == "," and cue.nbor(-2).pos_ == "NOUN":
            return  # "his old handler, Director X": a character's title in apposition
        people = self.r.listed(sent, cue.i + 1) if cue.lower_.endswith("s") and cue.lower_ != "stars" else []
        if not people:
            run = _run_starting(doc, cue.i + 1, span.end)
            if run is not None and cue.text[:1].isupper():
                key = self.doc.ref(sent, run[-1])  # "Star Jon Hale" taken as one name
                if (
                    key is not None
                    and key != self.doc.work_key  # "Star Legends II is a 2006 game": a title, whole
                    and self.doc.ents[key].fixed not in WORK_TYPES
                    and self.doc.ents[key].name.lower().startswith(cue.lower_ + " ")
                ):
                    ent = self.doc.ents[key]
                    ent.aliases.add(ent.name)
                    ent.name = run.text
                    ent.fixed = EntityType.PERSON
                    people = [key]
            if not people and self.person_run(run, credited=_stars_as(cue, run)):
                people = [self.r.mark(sent, run, EntityType.PERSON)]
        pred = PERSON_CUES[cue.lower_]
        work = self.doc.work_key
        subj = [t for t in span if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"]
        about_work = work is not None and bool(subj) and self.r.is_work(sent, subj[0])
        for p in people:
            if pred and about_work and work is not None and pred != "cast_member":
                self.r.found.append(Found(work, pred, p, sent.index, 0.8))


def _stars_as(cue: Any, run: Any) -> bool:
    """ "stars A as X": a star verb, a name, then "as" and a capitalised word (the part)."""
    doc, end = cue.doc, cue.sent.end
    return (
        cue.lower_ in ("stars", "starring", "co-stars", "co-starring")
        and run is not None
        and run.end + 1 < end
        and doc[run.end].lower_ == "as"
        and doc[run.end + 1].is_title
    )


def _after_headline(doc: Doc, sent: Sentence) -> bool:
    """ "Title review - tagline. It stars A": `sent` is among the first three prose sentences, after a
    heading (a scan that stops at the fourth prose sentence, so no "it" reads the whole text)."""
    prose = headed = 0
    for s in doc.sentences[: sent.index + 1]:
        if s.heading:
            headed += s.index < sent.index
            continue
        prose += 1
        if prose > 3:
            return False
    return headed > 0
