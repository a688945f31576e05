"""Finding what a text talks about: the work, its universe, names, comparisons and pronouns.

Pronouns are resolved by recency and gender, the gender learnt from the text itself (a pronoun
right after a lone character, an apposition such as "a trained assassin" is not enough, "a woman"
is). Descriptions ("the man himself") point forward to a name that opens the next sentence.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import EntityType
from . import lexicon as lx
from .document import C, Doc, Ent, Sentence, name_key, name_words, propn_runs, vote_context
from .names import (
    article_before,
    merge_variants,
    named_object,
    not_a_name,
    stated_aliases,
    title_word,
)

_TITLE_SPLIT = re.compile(r"\s*[:|–—-]\s+")
#: a heading's tagline after a spaced dash or bar: "Title review - the saga sinks", "Title | Review"
_TAGLINE_SPLIT = re.compile(r"\s+[|–—-]\s+")
_TITLE_NOTE = re.compile(r"\s*\((\d{4}\s*)?(film|movie|tv series|series|miniseries)?\)\s*$", re.I)
_TITLE_TAIL = re.compile(
    r"(\s+(movie|film|series|show|season))?\s+(review|recap|summary|analysis|plot|synopsis)\s*$", re.I
)
#: a heading that opens with its kind: "Review: X", "Film review - X", "Movie Review | X"
_REVIEW_PREFIX = re.compile(
    r"^\s*(re|fwd?|subject|topic|thread|(((film|movie|tv|series|show)\s+)?review))\s*[:|–—-]\s*", re.I
)
#: a heading that is a sentence about its work: "X is better than the first one", "X still holds up"
_HEADING_SUBJECT = re.compile(
    r"^((?:[A-Z0-9][\w'’.&-]*\s+)+)(?:is|was|remains|still|deserves|holds|has|had)\b"
)
#: a heading's tagline after a colon, in lower case: "Title: a thriller that gets under the skin"
_LOWER_TAGLINE = re.compile(r":\s+(a|an|the|how|why|when|what|it|this|his|her|their)?\s*[a-z][^:]*$")
#: a heading that opens with a quoted title: "'X' review: a tagline", 'Review: "X" is a thriller'
_QUOTED_OPENING = re.compile(r"^\s*[\"\u201c\u2018']([^\"\u201c\u201d\u2018\u2019']{1,80})[\"\u201d\u2019']")
WITH = ("with", "to")
#: NER labels of words before "film" that are never the work: "a 1952 British film", "a Cannes film"
NOT_TITLES = frozenset({"NORP", "GPE", "LANGUAGE", "DATE"})
SMALL_WORDS = frozenset({"for", "of", "the", "and", "in", "on", "a", "an", "to", "at", "with"})


def comparison_scopes(doc: Doc) -> None:
    """Mark tokens inside a comparison with something outside the story."""
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        for tok in span:
            low = tok.lower_
            if low not in _COMPARISON_WORDS and tok.lemma_.lower() not in _COMPARISON_LEMMAS:
                continue  # no branch below can start a comparison here
            start: int | None = None
            if low == "think" and not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
                nxt = tok.nbor(1) if tok.i + 1 < span.end else None
                if nxt is not None and nxt.text[:1].isupper():
                    start = tok.i + 1
            elif (
                (low == "like" and tok.pos_ in ("ADP", "SCONJ", "INTJ") and not _filler_like(tok, span))
                or low in ("reminiscent", "akin", "similar")
                or (low == "vein" and tok.nbor(-1).lower_ == "the")
            ):
                start = tok.i + 1
            elif (
                low in ("mixed", "crossed", "compared", "comparison", "comparisons", "closer", "nearer")
                and tok.i + 1 < span.end
                and tok.nbor(1).lower_ in WITH
                and (
                    low not in ("closer", "nearer")
                    or any(t.lower_ == "than" for t in span[tok.i - span.start :])
                )
            ):  # "closer to a caper than to X" compares; "moves closer to Fairvale" goes somewhere
                start = tok.i + 2
            elif tok.lemma_ in ("compare", "liken") and any(
                c.dep_ == "prep" and c.lower_ in WITH for c in tok.subtree
            ):  # "critics compared the film to X and Y"
                start = next(c for c in tok.subtree if c.dep_ == "prep" and c.lower_ in WITH).i + 1
            elif (
                low in ("basically", "essentially", "channeling", "channelling")
                and tok.i + 1 < span.end
                and (tok.nbor(1).text[:1].isupper())
            ) or (low in ("echoes", "shades", "homage", "nod", "riff") and tok.i + 1 < span.end):
                start = tok.i + 1
            elif (
                low in BORROW_WORDS
                and tok.i + 1 < span.end
                and tok.nbor(1).lower_ == "from"
                and _craft_said(tok)
            ):  # "a submarine sequence feels lifted from X"
                start = tok.i + 2
            elif tok.lemma_ in BORROW_LEMMAS and tok.pos_ == "VERB" and _craft_said(tok):
                frm = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
                start = frm.i + 1 if frm is not None else None  # "the third act borrows too much from X"
            elif tok.lemma_ == "owe" and _craft_said(tok):  # "the climax owes too much to X"
                to = next(
                    (c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None
                )
                start = to.i + 1 if to is not None else None
            elif low == "meets" and _comparative_meets(tok):
                start = _run_start(tok)
            elif tok.lemma_ in _SONG_LEMMAS and (quoted := _quoted_next_to(span, tok)) is not None:
                doc.mark_outside(sent, quoted, aside=True)  # 'sing "Die Wacht am Rhein"', '"X" plays'
            elif tok.lemma_ == "inspire" and tok.tag_ == "VBN":  # "inspired by the crimes of X": the
                for agent in (c for c in tok.children if c.dep_ == "agent"):  # real world behind the story
                    doc.mark_outside(sent, (t.i for t in agent.subtree), aside=True)
            elif tok.lemma_ in _RELEASE_LEMMAS and _work_released(doc, sent, tok):  # "opened in X on <date>"
                for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
                    doc.mark_outside(sent, (t.i for t in prep.subtree), aside=True)
                for agent in _company_agents(tok):  # "released ... by Paramount"
                    doc.mark_outside(sent, (t.i for t in agent.subtree), aside=True)
            elif tok.lemma_ in _MAKER_LEMMAS and tok.tag_ == "VBN" and _work_subject(doc, sent, tok):
                for agent in _company_agents(tok):  # "It was made by Lucasfilm" (a person: a credit)
                    doc.mark_outside(sent, (t.i for t in agent.subtree), aside=True)
            elif tok.lemma_ in _LATER_WORK_LEMMAS and _went_on_to(tok):  # "went on to do X and Y"
                for obj in (c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "PROPN"):
                    doc.mark_outside(
                        sent, (t.i for o in (obj, *obj.conjuncts) for t in o.subtree), aside=True
                    )
            elif tok.lemma_ in _CAREER_LEMMAS and tok.pos_ == "VERB" and _names_object(tok):
                objects = [c for c in tok.children if c.dep_ == "dobj"]  # the parser may hang "in" on either
                for prep in (
                    c for h in (tok, *objects) for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
                ):
                    for obj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                        # "had directed Roe in X and Y": X and Y are the director's other films
                        doc.mark_outside(
                            sent, (t.i for o in (obj, *obj.conjuncts) for t in o.subtree), aside=True
                        )
            elif tok.lemma_.lower() in lx.REVIEWER_VERBS and _said_by_reviewer(tok):
                for obj in _watched(tok):  # "I grew up on X and Y", "as someone raised on X"
                    doc.mark_outside(sent, (t.i for t in obj.subtree))
            if start is None:
                continue
            end = _scope_end(span, start)
            if low == "like":
                end = min(end, _simile_end(span, start))
            doc.mark_outside(sent, range(start, end))


#: participles of taking from another work ("lifted from X", "borrowed from X")
BORROW_WORDS = frozenset({"lifted", "borrowed", "cribbed", "stolen", "ripped", "copied", "taken"})
#: verbs of taking from another work, said of the film's craft ("the finale borrows from X")
BORROW_LEMMAS = frozenset({"borrow", "crib", "lift", "steal", "copy"})
#: nouns of the film's craft: what a reviewer says borrows from or owes to another work
CRAFT_NOUNS = frozenset(
    {"sequence", "scene", "shot", "score", "plot", "climax", "chase", "film", "movie", "finale", "ending",
     "premise", "setup", "twist", "set-piece", "setpiece", "script", "screenplay", "story", "look", "style",
     "sequel", "it", "this", "much", "music", "soundtrack", "design", "action", "fight", "opening",
     "work", "stunt-work", "stuntwork", "stunts", "camerawork", "cinematography", "direction", "visuals",
     "act", "half", "reel"}
)  # fmt: skip


def _filler_like(tok: Any, span: Any) -> bool:
    """A spoken "like" that compares nothing: "in like the first 3 minutes", "I was like 8"."""
    prev = tok.nbor(-1) if tok.i > span.start else None
    nxt = tok.nbor(1) if tok.i + 1 < span.end else None
    if nxt is not None and nxt.like_num:
        return True
    if prev is not None and (
        prev.pos_ == "ADP" or prev.lower_ in ("was", "is", "am", "were", "are", "literally")
    ):
        after = tok.doc[tok.i + 1 : min(span.end, tok.i + 5)]
        return any(t.like_num or t.lower_ in ("first", "last", "every", "half") for t in after)
    return False


#: every word (lower case) and lemma that one of `comparison_scopes`' branches starts from
_COMPARISON_WORDS = frozenset(
    {"think", "like", "reminiscent", "akin", "similar", "vein", "mixed", "crossed", "compared", "comparison",
     "comparisons", "closer", "nearer", "basically",
     "essentially", "channeling", "channelling", "echoes", "shades", "homage", "nod", "riff", "meets"}
    | BORROW_WORDS
)  # fmt: skip
#: verbs of a film-maker's career: "directed A in X", "cast A in X" (X another film)
_CAREER_LEMMAS = frozenset({"direct", "cast"})
#: verbs of music, whose quoted object (or quoted subject: '"X" plays while ...') is a song
_SONG_LEMMAS = frozenset({"sing", "play", "hum", "whistle", "perform"})
_OPEN_QUOTES = frozenset({'"', "\u201c"})
_CLOSE_QUOTES = frozenset({'"', "\u201d"})


def _quoted_next_to(span: Any, verb: Any) -> range | None:
    """The token indices of a quoted title right after the verb ('play "La Marseillaise"') or right
    before it ('"Holding Out for a Hero" plays'), quotes included; None when there is none."""
    doc = span.doc
    if verb.i + 1 < span.end and doc[verb.i + 1].text in _OPEN_QUOTES:
        end = next(
            (t.i for t in doc[verb.i + 2 : min(span.end, verb.i + 14)] if t.text in _CLOSE_QUOTES), None
        )
        return range(verb.i + 1, end + 1) if end is not None else None
    if verb.tag_ in ("VBZ", "NNS") and verb.i - 1 > span.start and doc[verb.i - 1].text in _CLOSE_QUOTES:
        start = next(
            (t.i for t in reversed(doc[max(span.start, verb.i - 14) : verb.i - 1]) if t.text in _OPEN_QUOTES),
            None,
        )
        return range(start, verb.i) if start is not None else None
    return None


#: verbs of a work's release: "it opened in New York City on June 16, 1960", "premiered at X"
_RELEASE_LEMMAS = frozenset({"open", "premiere", "release", "debut", "screen"})


#: verbs of making or handling the work, whose "by" names a company: "It was made by Lucasfilm"
_MAKER_LEMMAS = frozenset({"make", "produce", "distribute", "finance"})


def _work_subject(doc: Doc, sent: Sentence, verb: Any) -> bool:
    """The verb's subject (or, for a conjoined verb, its head's) is the work: "it", "the film", the title."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ == "conj":  # "It was distributed by X and opened in Y"
        subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(
        subj
        and (
            subj[0].lower_ == "it"
            or subj[0].lemma_.lower() in lx.WORK_NOUNS
            or (doc.work_key is not None and doc.ref(sent, subj[0]) == doc.work_key)
        )
    )


def _company_agents(verb: Any) -> list[Any]:
    """The "by" phrases of a passive that name no person (a studio, a distributor)."""
    return [
        c for c in verb.children if c.dep_ == "agent" and not any(t.ent_type_ == "PERSON" for t in c.subtree)
    ]


def _work_released(doc: Doc, sent: Sentence, verb: Any) -> bool:
    """The verb tells the work's release: its subject is the work and a date or year goes with it,
    so its "in X" is a real city or festival and its "by X" a distributor."""
    return _work_subject(doc, sent, verb) and any(t.ent_type_ == "DATE" for t in verb.subtree)


#: verbs of a film-maker's later work: "went on to do / make / direct X"
_LATER_WORK_LEMMAS = frozenset({"do", "make", "direct", "shoot", "write"})
_COMPARISON_LEMMAS = frozenset(
    {"compare", "liken", "owe", "inspire"}
    | BORROW_LEMMAS
    | lx.REVIEWER_VERBS
    | _CAREER_LEMMAS
    | _LATER_WORK_LEMMAS
    | _RELEASE_LEMMAS
    | _MAKER_LEMMAS
    | _SONG_LEMMAS
)


def _went_on_to(verb: Any) -> bool:
    """ "do" of "Nolan went on to do X": a career's later step, told in the past."""
    go = verb.head
    return bool(
        verb.dep_ in ("xcomp", "advcl")
        and go.lemma_ == "go"
        and go.tag_ == "VBD"
        and any(c.dep_ in ("prt", "advmod") and c.lower_ == "on" for c in go.children)
    )


def _names_object(verb: Any) -> bool:
    """A past "directed Roe": the verb's object a proper name (not "directed traffic in X"), told in
    the past as a career is (a present-tense plot's "Oakes directs Ann in X" is a story's act)."""
    return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children)


def _craft_said(tok: Any) -> bool:
    """Whether the clause of `tok` is said of the film's craft ("the climax owes too much to X",
    "a sequence feels lifted from X"), not of something in the story ("gold lifted from the vault")."""
    t = tok
    for _ in range(4):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return subj[0].lemma_.lower() in CRAFT_NOUNS
        if t.head is t:
            return False
        t = t.head
    return False


def _simile_end(span: Any, start: int) -> int:
    """A simile with a common noun ("waddling like a lizard up Holborn Hill") compares only that
    noun phrase: what follows it is the story again. Another comparison runs on (its end: the
    sentence's)."""
    doc = span.doc
    first = start + 1 if start < span.end and doc[start].lower_ in ("a", "an") else start
    if first >= span.end or not doc[first].text[:1].islower():
        return int(span.end)  # "like Heat", "like a Sarah Connor": a name, compared whole
    k = first
    while k < span.end and doc[k].text[:1].islower() and doc[k].pos_ in ("ADJ", "NOUN", "ADV"):
        k += 1
    if k == first or doc[k - 1].pos_ != "NOUN" or (k < span.end and doc[k].pos_ == "PROPN"):
        return int(span.end)  # "like a younger Sarah Connor": the phrase names someone
    return k  # "waddling like a lizard", "smells like strawberries": the noun phrase alone


def _said_by_reviewer(verb: Any) -> bool:
    """The verb's subject is the reviewer or the audience ("I", "we", "someone who", "anyone who")."""
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        if c.lower_ in ("i", "we", "you"):
            return True
        if c.lower_ in ("who", "that") and verb.dep_ == "relcl":
            return verb.head.lower_ in ("someone", "anyone", "everyone", "people", "those", "viewers", "fans")
    return False


def _watched(verb: Any) -> list[Any]:
    """What the reviewer grew up on or with (a capitalised object of "on" or "with")."""
    out: list[Any] = []
    holders = [verb, *(c for c in verb.children if c.dep_ == "prt")]
    for h in holders:
        out += [
            o
            for p in h.children
            if p.dep_ == "prep" and p.lower_ in ("on", "with")
            for o in p.children
            if o.dep_ == "pobj"
        ]
    return [o for o in out if any(t.text[:1].isupper() for t in o.subtree)]


def _comparative_meets(tok: Any) -> bool:
    """ "X meets Y" as a blend of two works ("like watching X meets Y", "it's X meets Y")."""
    if tok.dep_ == "ROOT" or tok.i + 1 >= len(tok.doc) or not tok.nbor(1).text[:1].isupper():
        return False  # "Ann meets Bo" is a plot sentence; "meets with" is a meeting
    for anc in tok.ancestors:
        if (
            anc.lower_ in ("like", "watching", "think", "imagine", "basically", "essentially")
            or anc.lemma_ == "be"
        ):
            return True
    return tok.dep_ in ("ccomp", "xcomp", "pcomp", "attr", "appos")


def _run_start(tok: Any) -> int:
    i = tok.i
    while i - 1 >= tok.sent.start and (
        tok.doc[i - 1].text[:1].isupper() or tok.doc[i - 1].lower_ in SMALL_WORDS
    ):
        i -= 1
        small = tok.doc[i].lower_ in SMALL_WORDS
        if small and (i - 1 < tok.sent.start or not tok.doc[i - 1].text[:1].isupper()):
            i += 1
            break
    return int(i)


def _scope_end(span: Any, start: int) -> int:
    """A comparison runs to a closing bracket, a dash, a semicolon or the sentence end."""
    depth = 0
    for i in range(start, span.end):
        text = span.doc[i].text
        if text in ("(", "["):
            depth += 1
        elif text in (")", "]"):
            if depth == 0:
                return i
            depth -= 1
        elif text in ("–", "—", ";", "--") or (text == "," and i > start + 1 and _clause_follows(span, i)):
            return i
    return int(span.end)


def _clause_follows(span: Any, i: int) -> bool:
    """A comma followed by a new clause (a pronoun or name subject and a verb) ends a comparison."""
    for j in range(i + 1, min(i + 4, span.end)):
        tok = span.doc[j]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i > i:
            return True
    return False


def in_comparison(doc: Doc, sent: Sentence, i: int) -> bool:
    return (sent.index, i) in doc.comparison


def story_tokens(doc: Doc) -> Iterator[tuple[Sentence, Any]]:
    """Each prose sentence's tokens outside comparisons: where the credit passes look for a cue."""
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            if (sent.index, tok.i) not in doc.comparison:
                yield sent, tok


def find_work(doc: Doc, title: str | None) -> tuple[str | None, list[str]]:
    """The work's title: the caller's, else the most frequent "the X movie", else the title line."""
    from .works import INSTITUTION_NOUNS, MEDIUM_WORDS, encyclopedic, lead_title  # works reads this module

    counts: Counter[str] = Counter()
    for sent in doc.sentences:
        toks = list(sent.span)
        for k, tok in enumerate(toks):
            if tok.lower_ in ("movie", "film", "series", "show") and k > 0 and toks[k - 1].text[:1].isupper():
                j = k - 1
                while (
                    j - 1 >= 0
                    and toks[j - 1].text[:1].isupper()
                    and toks[j - 1].lower_ not in ("the", "a", "an")
                ):
                    j -= 1
                while j < k and (
                    toks[j].ent_type_ in NOT_TITLES or toks[j].like_num or toks[j].lower_ in MEDIUM_WORDS
                ):
                    j += 1  # "a 1952 British film": the year and the demonym are never the work
                after = toks[k + 1].lower_ if k + 1 < len(toks) else ""
                e = k
                while e > j and toks[e - 1].lower_ in MEDIUM_WORDS:
                    e -= 1  # "a Chinese TV series": the medium is not the title
                if after in INSTITUTION_NOUNS or j == e:  # "the Cannes Film Festival"
                    continue
                if all(t.pos_ == "ADJ" or t.ent_type_ in NOT_TITLES for t in toks[j:e]):
                    continue  # "a Chinese TV series": a demonym is never the work
                if j > 0 or not sent.heading:
                    words = " ".join(t.text for t in toks[j:e] if t.text != "’s" and t.tag_ != "POS")
                    if words and toks[j].pos_ in ("PROPN", "NOUN", "ADJ"):
                        counts[words] += 1
    aliases: list[str] = []
    if title:
        return title, aliases
    lead = lead_title(doc)  # "X is a 1961 British film directed by Y"
    if lead:
        return lead, aliases
    first = next((s for s in doc.sentences if s.heading), None)
    if counts:
        best, n = counts.most_common(1)[0]
        if encyclopedic(doc):  # "X (born 1950) is a singer ... the Y film": Y is not the text's work
            if n >= 3:
                return best, aliases
        elif n >= 2 or first is None:
            return best, aliases
    if first is not None and first.index == 0:
        whole = _REVIEW_PREFIX.sub("", first.span.text.strip())
        quoted = _QUOTED_OPENING.match(whole)
        whole = quoted.group(1).strip() if quoted else whole
        whole = _LOWER_TAGLINE.sub("", whole).strip() or whole  # "Title: a thriller that ..."
        named = _heading_part_in_prose(whole, doc.text[first.end :])
        if named:  # "Rewatch thread - Finding Nemo (2003) *spoilers*": the part the prose names
            return named, aliases
        full = _TITLE_TAIL.sub("", _TITLE_NOTE.sub("", whole)).strip()
        prose = doc.text[first.end :]
        subject = _HEADING_SUBJECT.match(whole)
        if (
            subject
            and len(whole.split()) > 6
            and re.search(rf"\b{re.escape(subject.group(1).strip())}\b", prose)
        ):
            return subject.group(1).strip(), aliases  # "X is better than the first one": the prose names X
        head = _TAGLINE_SPLIT.split(whole)[0]  # "Franchise: Title review - the saga sinks"
        reviewed = _TITLE_TAIL.search(_TITLE_NOTE.sub("", head)) is not None
        head = _TITLE_TAIL.sub("", _TITLE_NOTE.sub("", head)).strip()
        for cand in (full, head):
            if ":" in cand and cand in prose and len(cand.split()) <= 8:
                return cand, aliases  # "Franchise: Title Review" and the prose names "Franchise: Title"
        if reviewed and ":" in head and len(head.split()) <= 8 and head != whole:
            return head, aliases  # "Franchise: Title review - tagline": the heading names the review's work
        line = str(_TITLE_SPLIT.split(whole)[0])
        line = (
            _TITLE_NOTE.sub("", _TITLE_TAIL.sub("", _TITLE_NOTE.sub("", line))).strip() or line
        )  # "X (2024) Review"
        parts = line.split()
        if 0 < len(parts) <= 6:
            return _named_prefix(parts, prose) or line, aliases
    # "I finally saw <i>Salt and Ember</i>", "saw \"Salt and Ember\"" (a review, not an article)
    marked = None if encyclopedic(doc) else _marked_titles(doc)
    if marked:
        return marked.most_common(1)[0][0], aliases
    return None, aliases


def _named_prefix(parts: list[str], prose: str) -> str | None:
    """The heading's longest leading words the prose names, when it never names the whole heading
    and what is cut is in lower case ("X at 40" of an anniversary piece whose prose says "X"):
    a capitalised run, never one cut from a longer name ("Saltwick Junction" stays whole)."""
    if re.search(rf"\b{re.escape(' '.join(parts))}\b", prose):
        return None
    for n in range(len(parts) - 1, 0, -1):
        words = parts[:n]
        if not parts[n][:1].islower() or any(w[:1].isupper() for w in parts[n:]):
            continue  # "Saltwick Junction", "X and the Last Crusade": the heading's whole title stays
        if not words[-1][:1].isupper() and not words[-1][:1].isdigit():
            continue
        if all(w.lower() in STOP_WORDS for w in words):
            return None  # "The" of "The X at 40": no title
        if re.search(rf"\b{re.escape(' '.join(words))}\b(?!\s+[A-Z])", prose):
            return " ".join(words)
    return None


def _heading_part_in_prose(whole: str, prose: str) -> str | None:
    """Of a heading split at spaced dashes or bars, the one capitalised part (its bracketed year and
    starred note dropped) that the prose names word for word, when the first part is not it."""
    parts = [p.strip() for p in _TAGLINE_SPLIT.split(whole)]
    if len(parts) < 2:
        return None
    found = []
    for part in parts:
        clean = re.sub(r"\*[^*]*\*|\(\d{4}\)", "", part).strip()
        clean = _TITLE_TAIL.sub("", _TITLE_NOTE.sub("", clean)).strip()
        if (
            clean[:1].isupper()
            and 0 < len(clean.split()) <= 8
            and re.search(rf"(?<!\w){re.escape(clean)}(?!\w)", prose)
        ):
            found.append(clean)
    return found[0] if len(found) == 1 and found[0] != parts[0] else None


_ITALIC = re.compile(r"<(i|em|cite)>\s*([^<>]{1,80}?)\s*</\1>", re.I)
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{1,80}?)[\"”]")
#: a speech verb right after a closing quote: the quote is what someone said
_SPOKEN = re.compile(
    r"\s*(said|says|asked|asks|cried|cries|replied|replies|answered|whispered|shouted|called|added)\b", re.I
)


def _marked_titles(doc: Doc) -> Counter[str]:
    """Titles set in italics (HTML <i>, <em>, <cite>), or in double quotes in the first two
    sentences or twice: one to eight words, each capitalised or a small word, the first capitalised
    ("Salt and Ember", not "a real treat"; not a song quoted once in passing)."""
    found: Counter[str] = Counter()
    for m in _ITALIC.finditer(doc.text):
        found[m.group(2)] += 1
    prose = [s for s in doc.sentences if not s.heading]
    early = prose[1].end if len(prose) > 1 else len(doc.text)
    quoted: Counter[str] = Counter()
    first_at: dict[str, int] = {}
    for m in _QUOTED.finditer(doc.text):
        if _SPOKEN.match(doc.text, m.end()) or "," in m.group(1).strip().rstrip(","):
            continue  # '"Good-evening, Mr. Tolliver," said the doctor': speech, not a title
        title = m.group(1).strip().rstrip(",.")
        quoted[title] += 1
        first_at.setdefault(title, m.start())
    for title, n in quoted.items():  # a quoted title named early, or more than once
        if (n >= 2 or first_at[title] < early) and len(title.split()) >= 2:  # not a nickname "Deaw"
            found[title] += n
    out: Counter[str] = Counter()
    for title, n in found.items():
        words = title.split()
        if not 1 <= len(words) <= 8 or not words[0][:1].isupper():
            continue
        if all(w[:1].isupper() or w[:1].isdigit() or w.lower() in SMALL_WORDS for w in words):
            out[title] = n
    return out


def collect_names(doc: Doc, work_title: str | None) -> None:
    """Name mentions of prose sentences, typed by votes; headings only repeat names known from prose."""
    work_key = name_key(work_title) if work_title else None
    words = name_words(doc.sentences)
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        for i, j in propn_runs(sent, words):
            if (sent.index, i) in doc.token_ent:  # inside a title taken already
                continue
            toks = span.doc[i:j]
            if toks[0].lower_ == "the" and toks[0].text == "the":
                continue
            nxt = span.doc[j] if j < span.end else None
            name = toks.text
            if toks[-1].text in ("Sr", "Jr") and j < span.end and span.doc[j].text == ".":
                name += "."  # "Henry Jones Sr." closing a sentence: the abbreviation keeps its dot
            if nxt is not None and nxt.lower_ in lx.UNIVERSE_NAME_NOUNS:
                _mention(doc, sent, f"{name} universe", i, j + 1, fixed=EntityType.UNIVERSE)
                continue
            if (
                nxt is not None
                and nxt.lower_ in ("family", "clan")
                and j - i == 1 + (toks[0].lower_ == "the")
            ):
                surname = span.doc[j - 1].text  # "The Kim family live in Seoul": the family, one group
                _mention(doc, sent, f"{surname} family", j - 1, j + 1, fixed=EntityType.ORGANIZATION)
                continue
            key = name_key(name)
            if work_key and key == work_key:
                end = j + 1 if nxt is not None and nxt.lower_ in lx.WORK_NOUNS else j
                _mention(doc, sent, work_title or name, i, end, key=work_key)
                continue
            if _franchise_entry(span, i, j):
                universe = f"{name} universe"
                if name_key(universe) not in doc.ents:
                    universe = name  # "the fourth Salt Runner film": "Salt Runner", unless named already
                _mention(doc, sent, universe, i, j, fixed=EntityType.UNIVERSE)
                continue  # "the fourth Salt Runner film": a franchise, no character
            if in_comparison(doc, sent, i):
                i = _extend_left(doc, sent, i)
                name, j = _extend_title(
                    span,
                    i,
                    j,
                    aside=(sent.index, i) in doc.aside,
                    outside=lambda k, s=sent: in_comparison(doc, s, k),
                )
                before = span.doc[i - 1].lower_ if i > span.start else ""
                after = span.doc[j].lower_ if j < span.end else ""
                if "meets" in (before, after) or before == "from":  # "X meets Y", "Z from X": works
                    ent = _mention(doc, sent, name, i, j)
                    ent.work_votes += 1
                    continue
            if i == span.start and j - i == 1 and not toks[0].ent_type_ and toks[0].pos_ != "PROPN":
                continue
            if (j - i == 1 and _demonym(toks[0])) or not_a_name(toks) or _shouted(toks):
                continue
            if named_object(toks) and not _serves(toks[-1]):
                continue
            ent = _mention(doc, sent, name, i, j, lead=article_before(span, i, j))
            vote_context(doc, sent, ent, span[i - span.start], span[j - 1 - span.start])  # the kept tokens
    _drop_lone_openers(doc)
    _merge_short_names(doc)
    merge_variants(doc, _merge)
    stated_aliases(doc, _merge)
    known = _known_names(doc)
    mapped: dict[int, set[int]] = {}
    for s, i in doc.token_ent:
        mapped.setdefault(s, set()).add(i)
    in_order: set[int] = set()  # the mention lists sorted in this pass (`_add_in_order`)
    for sent in doc.sentences:  # headings, and names the tagger missed in prose ("Maren sails away")
        _heading_mentions(doc, sent, known, mapped.get(sent.index, set()), in_order)


def _shouted(toks: Any) -> bool:
    """Capitals for emphasis, not a name: "this one hit me HARD", "the GOAT" (every word an English
    word of three letters or more that the NER does not take for a group or a place: "the FBI",
    "NASA" stay names)."""
    from .rules import _dictionary_word  # rules reads this module

    return all(
        t.is_upper
        and t.is_alpha
        and len(t.text) >= 3
        and t.ent_type_ not in ("ORG", "GPE", "LOC", "NORP", "FAC", "PERSON")
        and _dictionary_word(t.lower_)
        for t in toks
    )


def _serves(head: Any) -> bool:
    """ "a killer for the Quiet Lamp", "a member of the Iron Key": a name that people work for or
    belong to is a group, whatever word it ends in."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("for", "of"):
        return False
    noun = prep.head.lemma_.lower()
    return noun in lx.PERSON_NOUNS or noun in lx.MEMBER_NOUNS


def _demonym(tok: Any) -> bool:
    """ "Imperial stormtroopers", "Russian mobsters": a modifier of a plural noun, not a name;
    "the Roe twins", "the Roe brothers": a family name before a plural kin noun, not one character."""
    if tok.ent_type_ == "NORP":
        return not _norp_name(tok)
    kin = lx.RELATIONAL_NOUNS.get(tok.head.lemma_.lower(), ("", ""))[0] == "family_of"
    if tok.dep_ == "compound" and tok.head.tag_ == "NNS" and kin:
        return True
    return tok.ent_type_ != "PERSON" and tok.dep_ in ("amod", "compound") and tok.head.tag_ == "NNS"


#: words that number a film within its franchise ("the fourth X film", "the latest X movie")
ENTRY_WORDS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "latest", "newest", "next", "previous", "last", "final", "original", "other", "earlier", "new"}
)  # fmt: skip
#: nouns of one film of a franchise
ENTRY_NOUNS = frozenset(
    {"film", "movie", "instalment", "installment", "entry", "chapter", "sequel", "outing"}
)


def _franchise_entry(span: Any, i: int, j: int) -> bool:
    """ "the fourth Salt Runner film", "the latest Salt Runner outing": a name between a word that
    numbers an entry and a film noun names the franchise."""
    doc = span.doc
    if j >= span.end or doc[j].lower_ not in ENTRY_NOUNS or i - 1 < span.start:
        return False
    return doc[i - 1].lower_ in ENTRY_WORDS


#: endings of nationality and group words ("Russian", "Chinese", "British", "Pakistani", "Czech")
DEMONYM_ENDINGS = ("an", "ans", "ese", "ish", "ic", "i", "ch", "ss")


def _norp_name(tok: Any) -> bool:
    """A singular proper noun the NER calls a nationality or group, standing where a person's name
    stands ("his father Cassim", "Cassim is a thief"), with no article and no demonym ending: a name."""
    if tok.tag_ != "NNP" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"):
        return False
    if any(c.dep_ == "det" for c in tok.children) or tok.lower_.endswith(DEMONYM_ENDINGS):
        return False
    return bool(tok.is_title and tok.is_alpha)


def _extend_left(doc: Doc, sent: Sentence, i: int) -> int:
    """ "On the Waterfront": a title may open with capitalised small words."""
    d = sent.span.doc
    k = i
    while k - 1 >= sent.span.start and in_comparison(doc, sent, k - 1):
        prev = d[k - 1]
        if (prev.lower_ in SMALL_WORDS and prev.text[:1].isupper()) or (
            prev.lower_ in SMALL_WORDS
            and k - 2 >= sent.span.start
            and d[k - 2].text[:1].isupper()
            and (d[k - 2].lower_ in SMALL_WORDS)
        ):
            k -= 1
        else:
            break
    return k


def _extend_title(
    span: Any, i: int, j: int, *, aside: bool = False, outside: Any = lambda k: True
) -> tuple[str, int]:
    """In a comparison, a title may hold small words and possessives: "Gone with the Wind". In an
    aside on a career, "in", "on", "for" and "as" join a part to its work ("X in Y"): no title. A
    possessive joins only a word still outside the story (`outside(k)`): in "Jack Roe's Joker", with
    the part the story's, "Jack Roe" is a name of its own."""
    k = j
    while (
        k + 1 < span.end
        and span.doc[k].tag_ == "POS"
        and span.doc[k + 1].text[:1].isupper()
        and outside(k + 1)
    ):
        k += 2  # "Dante's Peak"
        while k < span.end and span.doc[k].text[:1].isupper() and span.doc[k].is_alpha:
            k += 1
    while k + 1 < span.end and span.doc[k].lower_ in SMALL_WORDS and span.doc[k + 1].text[:1].isupper():
        if aside and span.doc[k].lower_ in ("in", "on", "for", "as"):
            break
        k += 2
        while k < span.end and span.doc[k].text[:1].isupper() and span.doc[k].is_alpha:
            k += 1
    return span.doc[i:k].text, k


def _mention(
    doc: Doc,
    sent: Sentence,
    name: str,
    i: int,
    j: int,
    *,
    key: str | None = None,
    fixed: EntityType | None = None,
    lead: int = 0,
) -> Ent:
    """Record a mention of `name` at tokens [i, j) of the sentence; its offsets also cover `lead`
    tokens before i (an article that belongs to the mention: "the Arno")."""
    key = key or name_key(name)
    ent = doc.ent(key, name)
    if fixed is not None:
        ent.fixed = fixed
    if len(name) > len(ent.name) and fixed is None and ent.fixed is None:
        ent.aliases.add(ent.name)
        ent.name = name
    elif name != ent.name:
        ent.aliases.add(name)
    tok_start, tok_end = sent.span.doc[i - lead], sent.span.doc[j - 1]
    start = sent.offset + tok_start.idx
    end = sent.offset + tok_end.idx + len(tok_end.text)
    ent.mentions.append((sent.index, start, end))
    if in_comparison(doc, sent, i):
        ent.compared += 1
    else:
        ent.in_story += 1
        ent.story.append((sent.index, start, end))
    for t in range(i, j):
        doc.token_ent[(sent.index, t)] = key
    return ent


def _drop_lone_openers(doc: Doc) -> None:
    """A capitalised word seen only at a sentence start, untagged by the NER, is not a name."""
    for key, ent in list(doc.ents.items()):
        if ent.fixed is not None or ent.ner:
            continue
        if "-" in ent.name and ent.name.split("-")[-1].islower():
            continue  # "Ki-woo tutors Da-hye": a hyphenated given name (run-finding kept English words out)
        if ent.votes[C] >= 2 and max(ent.votes.values()) == ent.votes[C]:
            continue  # "Nils, Sand's bodyguard, ambushes her": the context says who it is
        if all(_sentence_initial(doc, m) for m in ent.mentions) and " " not in ent.name:
            _forget(doc, key)


def _sentence_initial(doc: Doc, mention: tuple[int, int, int]) -> bool:
    sent = doc.sentences[mention[0]]
    first = next((t for t in sent.span if t.is_alpha), None)
    return first is None or mention[1] == sent.offset + first.idx


def _forget(doc: Doc, key: str) -> None:
    del doc.ents[key]
    for where in [w for w, k in doc.token_ent.items() if k == key]:
        del doc.token_ent[where]


def _merge_short_names(doc: Doc) -> None:
    """ "Marlowe" is "Ada Marlowe" when one longer name of the same type ends or starts with it."""
    # the longer names by their first word, last word and the parts of a hyphenated first word, in
    # the text's order: an index, not a scan of every name per short name (1,000 names: a million
    # pairs). Only one-word names are merged or forgotten below, so the index stays true.
    by_word: dict[str, list[Ent]] = {}
    for other in doc.ents.values():
        if " " in other.key and other.fixed is None:
            words = other.key.split()
            for w in dict.fromkeys([words[-1], words[0], *words[0].split("-")]):
                by_word.setdefault(w, []).append(other)
    for key, ent in list(doc.ents.items()):
        if " " in key or ent.fixed is not None:
            continue
        longer = [other for other in by_word.get(key, []) if other.key != key]
        if ent.type is EntityType.LOCATION:
            # "Corin" of "Corin Ash": the NER's guess alone, or a place that also acts as a person
            weak = ent.votes[EntityType.LOCATION] <= 1.5 or ent.votes[EntityType.CHARACTER] >= 1
            longer = [
                o
                for o in longer
                if o.key.split()[-1] in lx.PLACE_HEADS
                or (weak and o.key.split()[0] == key)
                or (weak and o.type is C and title_word(o.name.split()[0]) is not None)  # "Prince X"
            ]
        elif ent.type in (EntityType.CHARACTER, EntityType.PERSON):
            # "Diego", a man who acts, is not "San Diego", a place named with a place's first word
            longer = [o for o in longer if o.key.split()[0] not in lx.PLACE_PREFIXES]
        earlier = [o for o in longer if o.first < ent.first]
        if len(longer) == 1:
            _merge(doc, ent, longer[0])
        elif (
            len(longer) > 1
            and len(earlier) == 1
            and len(longer) - 1 == len([o for o in longer if o.first > ent.first])
            and all(o.key.split()[-1] == key for o in longer)  # a surname, never a title ("Regent")
        ):
            _merge(doc, ent, earlier[0])  # "Christopher Roe ... Roe, who co-wrote it with Jonathan Roe"
        elif len(longer) > 1 and not ent.ner:  # "Castell" of "Lionel Castell" or "Castell Industries": unsure
            _forget(doc, key)


def _merge(doc: Doc, ent: Ent, into: Ent) -> None:
    into.aliases |= {ent.name, *ent.aliases} - {into.name}
    into.mentions = sorted([*into.mentions, *ent.mentions])
    into.story = sorted([*into.story, *ent.story])
    for kind, weight in ent.votes.items():
        into.votes[kind] += weight
    into.gender += ent.gender
    into.in_story += ent.in_story
    into.compared += ent.compared
    for where, k in list(doc.token_ent.items()):
        if k == ent.key:
            doc.token_ent[where] = into.key
    del doc.ents[ent.key]


class NameFinder:
    """Whole-word occurrences of any of `names`, as `re` finds `(?<!\\w)(n1|n2|...)(?!\\w)`: left to
    right, without overlaps, the first name in order that fits at a place winning. Built per text,
    where compiling that pattern cost more than searching with it. Names are indexed by their first
    word, so a search looks up each word of the text once instead of scanning the text once per name
    (names x sentences was most of the rules' time on a long text)."""

    def __init__(self, names: list[str]) -> None:
        self.names = [n for n in names if n]
        #: a name's leading run of word characters -> (order, name) of the names that open with it
        self.by_word: dict[str, list[tuple[int, str]]] = {}
        #: names that open with a character that is no word character: searched name by name
        self.others: list[tuple[int, str]] = []
        for order, name in enumerate(self.names):
            lead = _WORD_RUN.match(name)
            if lead is None:
                self.others.append((order, name))
            else:
                self.by_word.setdefault(lead.group(), []).append((order, name))

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of each occurrence."""
        found: list[tuple[int, int, int]] = []
        by_word = self.by_word
        if by_word:
            # a name that opens with the word w fits only where a whole word of the text is w (the
            # character after w in the name is no word character, and neither is the one before)
            for run in _WORD_RUN.finditer(text):
                for order, name in by_word.get(run.group(), ()):
                    start = run.start()
                    end = start + len(name)
                    if text.startswith(name, start) and (end == len(text) or not _word(text[end])):
                        found.append((start, order, end))
        for order, name in self.others:
            start = text.find(name)
            while start != -1:
                end = start + len(name)
                if (start == 0 or not _word(text[start - 1])) and (end == len(text) or not _word(text[end])):
                    found.append((start, order, end))
                start = text.find(name, start + 1)
        found.sort()
        out, pos = [], 0
        for start, order, end in found:
            if start >= pos:
                out.append((start, end, self.names[order]))
                pos = end
        return out


#: a maximal run of word characters (`\w` is `_word`: alphanumeric or "_")
_WORD_RUN = re.compile(r"\w+")


def _word(char: str) -> bool:
    """What `re` counts as `\\w` in a str pattern."""
    return char.isalnum() or char == "_"


def _known_names(doc: Doc) -> tuple[NameFinder | None, dict[str, Ent]]:
    """A finder for every known name (longest first), and the entity of each name."""
    owner: dict[str, Ent] = {}
    parts: dict[str, list[Ent]] = {}
    for e in doc.ents.values():
        if e.fixed is EntityType.PERSON:
            continue
        for n in [e.name, *e.aliases]:
            owner.setdefault(n, e)
        words = e.name.split()
        if e.type is C and e.fixed is None and 2 <= len(words) <= 3:  # "Ilse" for "Ilse Marr"
            for w in (words[0], words[-1]):
                plain = w.lower() in lx.NOT_NAMES or w.lower() in STOP_WORDS or title_word(w) is not None
                if w[:1].isupper() and w.isalpha() and not plain and len(w) > 2:
                    parts.setdefault(w, []).append(e)
    for w, ents in parts.items():
        if len(ents) == 1 and w not in owner:
            owner[w] = ents[0]
            ents[0].aliases.add(w)
    if not owner:
        return None, owner
    return NameFinder(sorted(owner, key=len, reverse=True)), owner


def _add_in_order(items: list[tuple[int, int, int]], item: tuple[int, int, int], in_order: set[int]) -> None:
    """Add a mention and keep the list sorted: sorted whole the first time (merged names may have
    left it out of order), then by binary insertion (a sort per mention was quadratic in a name's
    mentions: minutes for a name said 50,000 times)."""
    if id(items) in in_order:
        bisect.insort(items, item)
    else:
        items.append(item)
        items.sort()
        in_order.add(id(items))


def _heading_mentions(
    doc: Doc,
    sent: Sentence,
    known: tuple[NameFinder | None, dict[str, Ent]],
    taken: set[int],
    in_order: set[int],
) -> None:
    pattern, owner = known
    if pattern is None:
        return
    if not sent.heading and all(t.i in taken or not t.text[:1].isupper() for t in sent.span):
        return
    for m_start, m_end, name in pattern.finditer(sent.span.text):
        ent = owner[name]
        if ent.fixed is not None and not sent.heading:
            continue
        toks = sent.span.char_span(m_start, m_end, alignment_mode="expand")
        if toks is None or any(t.i in taken for t in toks):
            continue
        taken |= {t.i for t in toks}
        for t in toks:
            doc.token_ent[(sent.index, t.i)] = ent.key
        where = (sent.index, sent.offset + toks.start_char, sent.offset + toks.end_char)
        _add_in_order(ent.mentions, where, in_order)
        if in_comparison(doc, sent, toks.start):
            ent.compared += 1
        else:
            ent.in_story += 1
            _add_in_order(ent.story, where, in_order)


def resolve_pronouns(doc: Doc) -> None:
    """Gender from lone antecedents, then each he/she to the most salient compatible character."""
    named: list[tuple[int, int, str, bool]] = []  # (sentence, token, key, prominent) of story characters
    pronouns: list[tuple[Sentence, Any]] = []
    for sent in doc.sentences:
        if sent.heading:
            continue
        seen: set[str] = set()
        for tok in sent.span:
            key = doc.token_ent.get((sent.index, tok.i))
            if key is not None and key not in seen:
                ent = doc.ents.get(key)
                if ent is not None and ent.type is C and not in_comparison(doc, sent, tok.i):
                    named.append((sent.index, tok.i, key, _prominent(tok)))
                    seen.add(key)
            elif tok.lower_ in lx.GENDERED_PRONOUNS and not in_comparison(doc, sent, tok.i):
                pronouns.append((sent, tok))
            if key is not None and tok.pos_ == "PROPN":  # "phoned Strasser, who drives off. Rick shoots
                for who in _relative_subjects(tok):  # him": the name is the later clause's subject
                    named.append((sent.index, who.i, key, True))
    by_sentence: dict[int, list[tuple[int, int, str, bool]]] = {}  # only nearby names count: no scan
    for item in named:  # of the whole text per pronoun
        by_sentence.setdefault(item[0], []).append(item)
    weak: list[tuple[str, str]] = []  # (character, "f" or "m") said by a pronoun a sentence later
    for sent, tok in pronouns:  # 1. learn genders from a lone prominent antecedent
        if tok.dep_ in ("dobj", "dative", "pobj"):
            continue  # "X offers Y gold to hand her over": an object pronoun often means someone else
        here = by_sentence.get(sent.index, [])
        earlier = {k for s, t, k, _ in here if t < tok.i and not _same_clause(sent, t, tok)}
        before = [k for s, t, k, p in here if t < tok.i and p and not _same_clause(sent, t, tok)]
        if len(earlier) > 1:
            continue  # "Ann teaches Bo to fight, a lesson that saves her life": either could be meant
        later = not before and not earlier
        if later:
            before = [k for s, t, k, p in by_sentence.get(sent.index - 1, []) if p]
        if len(set(before)) == 1 and not any(k == before[0] and t > tok.i for _, t, k, _ in here):
            said = "f" if tok.lower_ in lx.FEMALE_PRONOUNS else "m"
            if later:  # the sentence before is weaker evidence ("...; she had promised"): counted
                weak.append((before[0], said))  # only where no stronger evidence says otherwise
            else:
                doc.ents[before[0]].gender[said] += 1
    for key, said in weak:
        if not doc.ents[key].gender["m" if said == "f" else "f"]:
            doc.ents[key].gender[said] += 1
    for sent, tok in pronouns:  # 2. resolve
        want = "f" if tok.lower_ in lx.FEMALE_PRONOUNS else "m"
        near = [n for i in range(sent.index - 6, sent.index + 2) for n in by_sentence.get(i, [])]
        key = _antecedent(doc, near, sent, tok, want)  # looks 6 sentences back, and 1 on
        if key is not None:
            doc.token_ent[(sent.index, tok.i)] = key
            if tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT" and doc.ents[key].gender[want]:
                # "She tracks Sand. Nils ambushes her. She kills Nils": a main clause's subject, resolved
                # to a character known to be "she", keeps that character near
                by_sentence.setdefault(sent.index, []).append((sent.index, tok.i, key, True))
            if tok.lower_ in ("himself", "herself") and tok.head.pos_ == "NOUN":
                doc.token_ent[(sent.index, tok.head.i)] = key
            doc.ents[key].salience += 1
            doc.ents[key].votes[C] += 0.5


def _same_clause(sent: Sentence, t: int, pronoun: Any) -> bool:
    """A plain object pronoun never means its own clause's subject ("Ann waits for her")."""
    result = pronoun.dep_ == "nsubj" and pronoun.head.dep_ == "ccomp" and pronoun.head.pos_ == "ADJ"
    if (pronoun.dep_ not in ("dobj", "pobj", "dative") and not result) or pronoun.lower_ in (
        "himself",
        "herself",
    ):
        return False  # ("shoots her dead": the parser makes "her" the subject of "dead")
    verb = pronoun.head.head if pronoun.dep_ == "pobj" or result else pronoun.head
    name = sent.span.doc[t]
    while name.head is not name and (
        name.dep_ in ("compound", "conj") or (name.dep_ == "appos" and _set_off(name))
    ):
        name = name.head  # "Sand and his men Nils and Bo ambush her": her is none of them
    if name.dep_ == "poss" and pronoun.dep_ != "pobj":  # "Nils, Sand's bodyguard, ambushes her"
        owned = name.head.head if name.head.dep_ == "appos" else name.head
        if owned.dep_ == "nsubj" and owned.head.i == verb.i:
            return True
    if (
        verb.dep_ == "relcl"
        and name.i == verb.head.i
        and any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children)
    ):
        return True  # "Hana Vetch, who taught her to pick locks": her is not Hana
    if name.dep_ != "nsubj" and name.head.i != verb.i:
        return False
    # "Ann fights Bo and kills him": a conjoined verb shares its head's subject
    return bool(name.head.i == verb.i or (verb.dep_ == "conj" and name.head.i == verb.head.i))


def _relative_subjects(tok: Any) -> list[Any]:
    """The "who" of a relative clause on a name ("Strasser, who drives to the airfield")."""
    return [
        c
        for rc in tok.children
        if rc.dep_ == "relcl"
        for c in rc.children
        if c.dep_ == "nsubj" and c.lower_ == "who"
    ]


def _set_off(appos: Any) -> bool:
    """An apposition the parse can be trusted on: between commas ("the boss's man, Diego,") or after
    a plural noun ("his men Nils and Bo"), not a name the parser hung on a noun ("man tortures Tito")."""
    doc, start, end = appos.doc, appos.left_edge.i, appos.right_edge.i  # the commas may hang on it
    before = doc[start].text == "," or (start > 0 and doc[start - 1].text == ",")
    after = doc[end].text == "," or (end + 1 < len(doc) and doc[end + 1].text == ",")
    return bool(appos.head.tag_ == "NNS" or (before and after))


def _prominent(tok: Any) -> bool:
    """A subject, possessor or apposition head, not a name buried in a prepositional phrase (nor in
    apposition to one: "assigned to the case of a dockworker, Eli Roe")."""
    head = tok
    while head.dep_ in ("compound", "flat", "det", "appos") and head.head is not head:
        head = head.head
    if head.dep_ == "poss":  # "To Ilsa's surprise, he ...": a possessor inside a phrase is buried too
        return bool(head.head.dep_ != "pobj")
    return head.dep_ not in ("pobj", "dobj", "dative")


def _antecedent(
    doc: Doc, named: list[tuple[int, int, str, bool]], sent: Sentence, tok: Any, want: str
) -> str | None:
    if tok.lower_ in ("himself", "herself") and tok.dep_ != "dobj":  # "the man himself": next sentence's name
        head = tok.head
        if head.pos_ == "NOUN" and head.lemma_ in ("man", "woman", "legend", "boss", "master"):
            return _next_name(doc, named, sent)
    other = "f" if want == "m" else "m"
    owned = tok.head
    if tok.dep_ == "poss" and owned.dep_ == "conj":  # "Han Solo and his partner": Han Solo
        key = doc.token_ent.get((sent.index, owned.head.i))
        if (
            key is not None
            and doc.ents[key].type is C
            and doc.ents[key].gender[other] <= doc.ents[key].gender[want]
        ):
            return key
        if key is None and owned.head.pos_ == "PROPN" and owned.head.i < tok.i:
            return None  # "Ellie and her brother Tom" with Ellie unread: her, not an earlier name
    best: tuple[float, str] | None = None
    for s, t, key, prominent in named:
        if not (s < sent.index or (s == sent.index and t < tok.i)) or s < sent.index - 6:
            continue
        if s == sent.index and _same_clause(sent, t, tok):
            continue
        gender = doc.ents[key].gender
        if gender[other] > gender[want]:
            continue
        score = -(sent.index - s) + (1.0 if prominent else 0.0) + (0.5 if gender[want] else 0.0) + t * 1e-4
        if best is None or score >= best[0]:
            best = (score, key)
    return best[1] if best else None


def _next_name(doc: Doc, named: list[tuple[int, int, str, bool]], sent: Sentence) -> str | None:
    following = doc.sentences[sent.index + 1] if sent.index + 1 < len(doc.sentences) else None
    if following is None:
        return None
    for s, t, key, _ in named:
        if s == following.index and t - following.span.start <= 1:
            return key
    return None
