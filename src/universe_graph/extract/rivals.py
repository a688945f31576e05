"""Other works a review weighs the film against, and the cast's and crew's careers elsewhere.

"The chase beats anything in [Film]", "the best thriller since [Film]", "the equal of [Film]" rank
the reviewed work against another; "who rose to fame as [Part] in [Series]", "fresh off [Film]",
"who doubled for [Actor] on [Film]", "her Oscar-winning turn in [Film]" tell a person's career.
Neither names anything inside the story: their tokens join `doc.comparison` (the career ones also
`doc.aside`), so the names there stay out of the universe and no relation is read from them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..model import EntityType
from . import lexicon as lx
from .document import Doc
from .mentions import CRAFT_NOUNS
from .mentions import _scope_end as scope_end

#: verbs that rank one work's craft against another's ("the duel tops [Film]"), in the forms
#: spaCy may tag as nouns ("tops", "rivals")
#: words of a box-office ranking ("the highest-grossing film until X overtook it")
BOX_OFFICE_WORDS = frozenset({"grossing", "highest-grossing", "gross", "grosses", "record", "box", "biggest"})
#: verbs by which another work passes the reviewed one ("until X overtook it")
OVERTAKE_FORMS = frozenset({"overtook", "overtake", "overtakes", "outgrossed", "outgrosses", "dethroned"})
RIVAL_FORMS = frozenset(
    {"beat", "beats", "top", "tops", "topped", "rival", "rivals", "rivalled", "rivaled", "outdo", "outdoes",
     "outdid", "surpass", "surpasses", "surpassed", "eclipse", "eclipses", "eclipsed", "trump", "trumps",
     "outclass", "outclasses", "outshine", "outshines", "outshone", "dwarf", "dwarfs", "upstage",
     "upstages", "betters", "bettered"}
)  # fmt: skip
#: words between a ranking verb and the other work ("beats anything in X", "tops even X")
RIVAL_FILLERS = frozenset(
    {"even", "anything", "everything", "nothing", "most", "all", "much", "in", "from", "of"}
)
#: words that make the ranking plain even without a craft noun ("anything in X")
RIVAL_QUANTIFIERS = frozenset({"anything", "everything", "most", "all"})
#: phrases after which a title is the yardstick ("the equal of X", "on par with X")
YARDSTICK_PHRASES = (
    ("equal", "of"), ("par", "with"), ("league", "as"), ("league", "with"), ("up", "there", "with"),
    ("measures", "up", "to"), ("measure", "up", "to"), ("stands", "alongside"), ("holds", "up", "against"),
    ("better", "than"), ("worse", "than"), ("superior", "to"), ("inferior", "to"),
)  # fmt: skip
#: what a review ranks besides the craft nouns ("the final duel tops X", "her performance rivals X")
RANKED_NOUNS = frozenset(
    {"duel", "battle", "showdown", "shootout", "stunt", "stunts", "stunt-work", "stuntwork", "cast",
     "performance", "turn", "effects", "cinematography", "choreography", "finale", "villain", "sequence"}
)  # fmt: skip
#: words that rank ("the best thriller since X", "her finest work since X")
RANK_WORDS = frozenset({"first", "finest", "greatest", "strongest", "scariest", "funniest", "boldest"})
#: phrases that open a person's career elsewhere, up to the aside's end
CAREER_PHRASES = (
    ("rose", "to", "fame"), ("rise", "to", "fame"), ("rising", "to", "fame"), ("shot", "to", "fame"),
    ("broke", "out"), ("breaking", "out"), ("made", "his", "name"), ("made", "her", "name"),
    ("made", "their", "name"), ("fresh", "off"), ("fresh", "from"), ("coming", "off"), ("doubled", "for"),
    ("stunt", "double", "for"), ("stunt", "doubled", "for"), ("best", "remembered", "as"),
    ("best", "remembered", "for"), ("famous", "for"), ("famous", "as"), ("breakout", "role"),
    ("breakout", "turn"), ("long", "way", "from"), ("far", "cry", "from"),
)  # fmt: skip
#: nouns of an actor's part ("her turn as X in Y", "his Oscar-winning role in Y")
PART_NOUNS = frozenset({"turn", "role", "performance", "part", "portrayal", "work", "transformation"})
#: verbs by which a film's look or craft calls up another work ("the vistas recall X")
EVOKE_LEMMAS = frozenset({"recall", "evoke", "echo", "channel", "conjure", "invoke"})
#: words that end an aside
ASIDE_END = frozenset({",", ";", ")", "(", "—", "–", "--", ":"})


def rival_scopes(doc: Doc, title: str | None) -> None:
    """Mark other works the review ranks the film against, and careers told in asides."""
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        for tok in span:
            low = tok.lower_
            if low not in _RIVAL_WORDS and tok.tag_ != "POS" and tok.lemma_ not in EVOKE_LEMMAS:
                continue  # no branch below starts here
            start: int | None = None
            aside = False
            if (
                low in OVERTAKE_FORMS
                and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
                and any(t.lower_ in BOX_OFFICE_WORDS for t in span)
            ):
                for subj in (c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"):
                    doc.mark_outside(sent, (t.i for t in subj.subtree), aside=True)  # "until X overtook it"
                continue
            if low in RIVAL_FORMS:
                start = _rival_target(tok, span)
            elif low == "since":
                start = _ranked_since(tok, span)
            elif (k := _phrase_end(tok, span, _YARDSTICKS)) is not None and _titled_at(span, k):
                start = k
            elif (k := _career_end(tok, span, title, doc.text)) is not None:
                doc.mark_outside(sent, range(tok.i, _aside_end(span, k)), aside=True)
                continue
            elif tok.lemma_ in EVOKE_LEMMAS and tok.pos_ == "VERB" and _thing_subject(tok):
                start = tok.i + 1 if _titled_at(span, tok.i + 1) else None
            elif low in PART_NOUNS and _owned(tok):
                start = _part_elsewhere(tok, span, title)
                aside = True
            elif low in AWARDS and _award(tok, span):
                doc.mark_outside(sent, [tok.i], aside=True)  # "won an Oscar", "whatever the Oscars decide"
                after = tok.doc[tok.i + 1 : min(span.end, tok.i + 6)]  # "an Oscar (two years ago) for X"
                k = next((t.i for t in after if t.lower_ == "for"), None)
                if k is not None and _titled_at(span, k + 1) and not _names_the_work(span, k + 1, title):
                    doc.mark_outside(sent, range(k + 1, title_run_end(span, k + 1)), aside=True)  # "for X"
                continue
            elif low == "from" and _reprised_from(tok) and _titled_at(span, tok.i + 1):
                k = tok.i + 1  # "reprise their roles as X and Y from Raiders of the Lost Ark": that film
                if not _names_the_work(span, k, title):
                    doc.mark_outside(sent, range(k, title_run_end(span, k)), aside=True)
                continue
            elif tok.tag_ == "POS" and (k := _dated_work(tok, span)) is not None:
                if not _names_the_work(span, k, title):  # "last year's X", "2007's X": just the title
                    doc.mark_outside(sent, range(k, title_run_end(span, k)), aside=True)
                continue
            if start is None or _names_the_work(span, start, title):
                continue
            end = scope_end(span, start) if not aside else _aside_end(span, start)
            doc.mark_outside(sent, range(start, end), aside=aside)


def _rival_target(verb: Any, span: Any) -> int | None:
    """Where the other work starts after a ranking verb whose subject is the film's craft ("the chase
    beats anything in X"), or any subject with "anything in"; "Ann beats Bo" is the story's."""
    doc = verb.doc
    k, quantified = verb.i + 1, False
    while k < span.end and doc[k].lower_ in RIVAL_FILLERS and k < verb.i + 4:
        quantified = quantified or doc[k].lower_ in RIVAL_QUANTIFIERS
        k += 1
    if not _titled_at(span, k):
        return None
    if quantified:
        return int(k)
    before = doc[max(span.start, verb.i - 5) : verb.i]
    if any(
        (t.lemma_.lower() in CRAFT_NOUNS or t.lower_ in RANKED_NOUNS) and t.pos_ in ("NOUN", "PRON", "DET")
        for t in before
    ):
        return int(k)
    return None


def _career_end(tok: Any, span: Any, title: str | None, text: str) -> int | None:
    """Where a career phrase ("rose to fame as", "fresh off") or a past part ("was X in Y") ends."""
    k = _phrase_end(tok, span, _CAREERS)
    if k is None and tok.lower_ == "as":
        k = _past_part_in(tok, span, title, text)
    if k is None and tok.lower_ == "who":
        k = _earlier_work_aside(tok, span, title)
    return k


#: words that set another work against this one ("in the original X"; "does even more here")
ORIGINAL_WORDS = frozenset({"original", "first", "earlier", "previous", "old"})
HERE_WORDS = frozenset({"here", "now"})
#: verbs of acting a part, or of being cast in one
ACTING_LEMMAS = lx.CREDIT_LEMMAS | {"star", "cast"}


def _earlier_work_aside(who: Any, span: Any, title: str | None) -> int | None:
    """ "A, who was the Toecutter in the original X, ...", "A, who did so much with a phone in X, does
    even more here": an aside in the past tense on a name whose "in" names another work, marked as
    such by "the original" before it or "here" after the aside ("Max, who was born in Gas Town,"
    names no other work). Returns where the aside starts being about that work (its verb)."""
    doc = who.doc
    if who.i - 1 <= span.start or doc[who.i - 1].text != ",":
        return None
    end = _aside_end(span, who.i + 1)
    if not any(t.tag_ == "VBD" for t in doc[who.i + 1 : end]):
        return None
    for k in range(who.i + 2, end):
        if doc[k].lower_ != "in":
            continue
        j = k + 1
        while j < end and (doc[j].lower_ == "the" or doc[j].lower_ in ORIGINAL_WORDS):
            j += 1
        if not _titled_at(span, j) or _names_the_work(span, j, title):
            continue
        original = any(t.lower_ in ORIGINAL_WORDS for t in doc[k + 1 : j])
        acted = any(t.lemma_ in ACTING_LEMMAS for t in doc[span.start : who.i])  # "played by A, who"
        here = any(t.lower_ in HERE_WORDS for t in doc[end : span.end])
        if (original and acted) or here:
            return int(who.i + 1)
    return None


@lru_cache(maxsize=16)
def _occurrences(text: str, name: str) -> int:
    """How often `name` stands in the text (one scan of the text per name, not per mention)."""
    return text.count(name)


def _past_part_in(as_tok: Any, span: Any, title: str | None, text: str) -> int | None:
    """ "(A, as stern as he was as Captain X in The Y)", "a drawl he first tried out as the safecracker
    X in Y": a part told in the past tense ("was", "played", "tried") whose "in" names a titled work
    the text names only there, not this one. Returns the index of that work's first word."""
    doc = as_tok.doc
    if not any(t.tag_ == "VBD" for t in doc[max(span.start, as_tok.i - 5) : as_tok.i]):
        return None
    for k in range(as_tok.i + 1, min(span.end - 1, as_tok.i + 8)):
        if doc[k].text in ASIDE_END:
            return None
        if doc[k].lower_ == "in" and _titled_at(span, k + 1) and doc[k - 1].text[:1].isupper():
            if _names_the_work(span, k + 1, title):
                return None
            j = k + 1
            while j < span.end and (doc[j].lower_ == "the" or doc[j].text[:1].isupper()):
                j += 1
            other = doc[k + 1 : j].text
            return k + 1 if other and _occurrences(text, other) == 1 else None
    return None


def _thing_subject(verb: Any) -> bool:
    """The verb's subject is a common noun, a thing of the film ("the desert vistas recall X"), not a
    name or a pronoun of someone in the story ("Max recalls Glory")."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return len(subj) == 1 and subj[0].pos_ == "NOUN" and subj[0].ent_type_ == ""


def _ranked_since(since: Any, span: Any) -> int | None:
    """ "the best crime picture since X", "her finest work since X": a ranking before "since", and a
    title (not a date) after it."""
    doc = since.doc
    before = doc[max(span.start, since.i - 10) : since.i]
    if not any(t.tag_ in ("JJS", "RBS") or t.lower_ in RANK_WORDS for t in before):
        return None
    k = since.i + 1
    if not _titled_at(span, k) or doc[k].ent_type_ in ("DATE", "TIME", "EVENT"):
        return None
    return int(k)


def _part_elsewhere(noun: Any, span: Any, title: str | None) -> int | None:
    """ "her turn as the spy X in Y", "his Oscar-winning role in Y": an owned part whose "in" names a
    titled work other than this one; "Ann's turn as X" alone is this film's credit."""
    doc = noun.doc
    end = _aside_end(span, noun.i + 1)
    for k in range(noun.i + 1, min(end, noun.i + 10)):
        if doc[k].lower_ in ("in", "on") and _titled_at(span, k + 1):
            if _names_the_work(span, k + 1, title):
                return None
            return int(noun.i) + 1
    return None


def _owned(noun: Any) -> bool:
    """The part is someone's: "his", "her", "their" or a name's possessive."""
    return any(c.dep_ == "poss" for c in noun.children) or any(
        t.lower_ in ("his", "her", "their") or t.tag_ == "POS" for t in noun.doc[max(0, noun.i - 4) : noun.i]
    )


def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases by their first word, in their order (`_phrase_end` runs on every token)."""
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for phrase in phrases:
        out[phrase[0]] = (*out.get(phrase[0], ()), phrase)
    return out


_YARDSTICKS, _CAREERS = _by_first(YARDSTICK_PHRASES), _by_first(CAREER_PHRASES)


def _phrase_end(tok: Any, span: Any, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> int | None:
    """The index after one of `phrases` (by first word, `_by_first`) starting at `tok`, or None."""
    doc = tok.doc
    for phrase in phrases.get(tok.lower_, ()):
        if tok.i + len(phrase) > span.end:
            continue
        if all(doc[tok.i + j].lower_ == w for j, w in enumerate(phrase)):
            return int(tok.i + len(phrase))
    return None


def _titled_at(span: Any, k: int) -> bool:
    """A capitalised word (a title or a name) at index k, skipping an opening quote or "the"."""
    doc = span.doc
    while k < span.end and (
        doc[k].text in ('"', "\u201c", "'", "\u2018") or doc[k].lower_ == "the" or _year(doc[k])
    ):
        k += 1  # 'the "X"', "the 1985 X"
    return k < span.end and bool(doc[k].text[:1].isupper() and doc[k].pos_ != "PRON")


#: the small words a title keeps inside it ("No Country for Old Men", "Murder on the Night Train"); not
#: "and", which joins two titles, nor "in", "from", "at", "with" or "by", which join a part to its work
#: ("Hans Gruber from Die Hard") as often as they sit inside a title
TITLE_SMALL_WORDS = frozenset({"of", "for", "the", "a", "an", "to", "on"})
#: nouns of a time whose possessive dates a work ("last year's X", "this summer's X")
TIME_NOUNS = frozenset({"year", "summer", "winter", "spring", "autumn", "season", "decade", "month", "week"})


#: the real world's film awards: never a character or a group of the story
AWARDS = frozenset({"oscar", "oscars", "emmy", "emmys", "bafta", "baftas", "golden", "academy"})
#: every word (lower case) that one of `rival_scopes`' branches starts from, but a possessive's
#: and an evoking lemma's
_RIVAL_WORDS = frozenset(
    OVERTAKE_FORMS | RIVAL_FORMS | {"since", "as", "who", "from"} | _YARDSTICKS.keys() | _CAREERS.keys()
    | PART_NOUNS | AWARDS
)  # fmt: skip


def _award(tok: Any, span: Any) -> bool:
    """ "an Oscar", "two Oscars", "the Oscars", "Oscar-winning", "Golden Globe", "Academy Award": an
    award, where "Oscar" alone could be a man's name."""
    doc, low = tok.doc, tok.lower_
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < span.end else ""
    if low == "golden":
        return nxt in ("globe", "globes")
    if low == "academy":
        return nxt in ("award", "awards")
    if low.endswith("s") or nxt in ("-", "nomination", "nominations", "winner", "winning", "nod"):
        return True
    prev = doc[tok.i - 1] if tok.i > span.start else None
    return prev is not None and (prev.lower_ in ("an", "the", "his", "her", "their") or prev.like_num)


def _reprised_from(frm: Any) -> bool:
    """ "from" of "reprise their roles ... from X", "her part from X": the film the part was first in."""
    head = frm.head
    return bool(
        head.lemma_ in ("reprise", "return", "role", "part", "character")
        or (head.dep_ == "pobj" and head.head.head.lemma_ in ("reprise",))
    )


def _dated_work(pos: Any, span: Any) -> int | None:
    """Where the title starts after a time's possessive: "last year's X", "2007's X" (a year's "'s"
    before a capitalised word is a work's date; "the year's end" names no title)."""
    if pos.i - 1 < span.start or pos.i + 1 >= span.end:
        return None
    prev = pos.nbor(-1)
    dated = _year(prev) or (
        prev.lower_ in TIME_NOUNS
        and prev.i - 1 >= span.start
        and prev.nbor(-1).lower_ in ("last", "this", "next", "that")
    )
    nxt = pos.nbor(1)
    return int(nxt.i) if dated and nxt.text[:1].isupper() and nxt.is_alpha else None


def _capital(tok: Any) -> bool:
    return bool(tok.text[:1].isupper() and (tok.is_alpha or tok.like_num))


def title_run_end(span: Any, start: int) -> int:
    """The end of the title opening at `start`: capitalised words, with small words between two of
    them ("No Country for Old Men")."""
    doc, j = span.doc, start
    while j < span.end:
        if _capital(doc[j]):
            j += 1
            continue
        k = j  # "of the" in "Raiders of the Lost Ark": small words up to the next capital
        while k < span.end and k - j < 3 and doc[k].lower_ in TITLE_SMALL_WORDS:
            k += 1
        if k > j and j > start and k < span.end and _capital(doc[k]):
            j = k
        else:
            break
    return int(j)


def outside_titles(doc: Doc, title: str | None) -> None:
    """Name as one work each title outside the story that the name reader would break: one with
    small words inside ("borrows from No Country for Old Men") or dated by a possessive ("2007's
    There Will Be Blood"). A capitalised run without either stays for the names (a comparison's
    "like a younger Ana Brill" names a person)."""
    from .mentions import _mention  # mentions reads this module's scopes

    for sent in doc.sentences:
        if sent.heading:
            continue
        span, i = sent.span, sent.span.start
        while i < span.end:
            if (
                (sent.index, i) not in doc.comparison
                or not _capital(span.doc[i])
                or doc.ref(sent, span.doc[i])
            ):
                i += 1
                continue
            j = title_run_end(span, i)
            while j > i and (sent.index, j - 1) not in doc.comparison:
                j -= 1
            words = span.doc[i:j]
            small = any(t.lower_ in TITLE_SMALL_WORDS for t in words)
            dated = i - 1 > span.start and _dated_work(span.doc[i - 1], span) == i
            if len(words) >= 2 and (small or dated) and not _names_the_work(span, i, title):
                _mention(doc, sent, words.text, i, j, fixed=EntityType.FILM)
            i = max(j, i + 1)


def _year(tok: Any) -> bool:
    return tok.like_num and len(tok.text) == 4 and tok.text.isdigit()


def _names_the_work(span: Any, k: int, title: str | None) -> bool:
    """The capitalised run at k is the reviewed work's own title."""
    if title is None:
        return False
    doc, words = span.doc, list[str]()
    while k < span.end and doc[k].text not in ASIDE_END and len(words) < 12:
        words.append(doc[k].text)
        k += 1
    return title.casefold().removeprefix("the ") in " ".join(words).casefold()


def _aside_end(span: Any, start: int) -> int:
    """An aside runs to its closing comma, bracket, dash or colon, or the sentence end."""
    doc = span.doc
    for i in range(start, span.end):
        if doc[i].text in ASIDE_END:
            return i
    return int(span.end)
