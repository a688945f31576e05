"""Relation chains read from a question's words with the ontology's labels (see `lexicon`).

The relation phrases around the topic are taken nearest first: in "who directed the films that
Keanu Reeves acted in", "acted in" (after the topic, an inverse label: walk cast_member backward)
comes before "directed" (before the topic, an inverse label: walk directed_by forward). With no
relation phrase, the predicates that lead from the topic's type to the wanted answer type
("which films ...") are tried, those sharing a word with the question first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .. import ontology
from ..model import EntityType
from .chains import Chain, Direction, Hop
from .lexicon import PARTICLES, Phrase, alt_labels, phrases, tokens, type_words

MAX_PHRASES = 4
LOCATION = EntityType.LOCATION.value
COPULAS = frozenset({"is", "was", "are", "were", "be", "been"})


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: Phrase


def phrase_matches(question: str, span: tuple[int, int], fan: bool = True) -> list[Match]:
    """Relation phrases in the question outside the topic's span, longest at each place, left to right
    (one match per phrase; the phrases of one place and length are alternatives, see `places`).
    Without `fan` (a [bracketed] templated question): the labels only, the first phrase at a place."""
    words = [w for w in tokens(question) if w[2] <= span[0] or w[1] >= span[1]]
    found: list[Match] = []
    i = 0
    table = phrases(fan)
    while i < len(words):
        length = 0
        for phrase in table:
            n = len(phrase.words)
            if length and n < length:
                break
            window = words[i : i + n]
            if len(window) == n and tuple(w[0] for w in window) == phrase.words:
                contiguous = all(b[1] - a[2] <= 2 for a, b in itertools.pairwise(window))
                if contiguous:
                    found.append(Match(window[0][1], window[-1][2], phrase))
                    length = n
                    if not fan:
                        break
        i += max(length, 1)
    return found


def places(matches: list[Match]) -> list[list[Match]]:
    """Matches grouped by where they are: the phrases one place could be, in table order."""
    grouped: dict[tuple[int, int], list[Match]] = {}
    for m in matches:
        grouped.setdefault((m.start, m.end), []).append(m)
    return list(grouped.values())


POSSESSIVE_RE = re.compile(r"^(?:'s|’s|'|’|s)?\s*$")  # "s": "Winstons enemies", a name read without it
OF_RE = re.compile(r"^\s*(?:of|for)\s+(?:the\s+)?$", re.I)


#: how fans type a question's first word: a contraction without its apostrophe, a common misspelling
QUESTION_SPELLINGS = {
    **dict.fromkeys(("whos", "who's", "who’s"), "who is"),
    **dict.fromkeys(("whats", "what's", "what’s"), "what is"),
    **dict.fromkeys(("wheres", "where's", "where’s"), "where is"),
    **dict.fromkeys(("whens", "when's", "when’s"), "when is"),
    **dict.fromkeys(("hows", "how's", "how’s"), "how is"),
    **dict.fromkeys(("wat", "wut"), "what"),
    **dict.fromkeys(("wich", "whitch"), "which"),
}
FIRST_WORD_RE = re.compile(r"^\s*(?P<w>[^\s]+)")


def normalise(question: str) -> str:
    """The question with its first word spelt out ("whos" -> "who is", "wat" -> "what"), so the
    question-word patterns read it; only the first word, so a name such as "Wat Tambor" stays."""
    m = FIRST_WORD_RE.match(question)
    if m is None or m["w"].lower() not in QUESTION_SPELLINGS:
        return question
    return QUESTION_SPELLINGS[m["w"].lower()] + question[m.end() :]


def possessive(question: str, span: tuple[int, int], match: Match) -> bool:
    """Whether the phrase is a noun owned by the topic: "X's mentor", "the mentor of X"."""
    if match.start >= span[1]:
        return bool(POSSESSIVE_RE.match(question[span[1] : match.start].lower()))
    return bool(OF_RE.match(question[match.end : span[0]]))


def wanted_types(question: str, span: tuple[int, int], fan: bool = True) -> frozenset[str]:
    """Answer types the question's words ask for ("which films" -> Film, Series; "who" -> people)."""
    table = type_words(fan)
    out: set[str] = set()
    for word, start, end in tokens(question):
        if (end <= span[0] or start >= span[1]) and word in table:
            out |= table[word]
    return frozenset(out)


def chains(
    question: str, span: tuple[int, int], topic_types: frozenset[str] | None = None, fan: bool = True
) -> list[Chain]:
    """Candidate chains for a question whose topic (of one of `topic_types`) is at `span`, best first.

    `fan` (a plain question, not MetaQA's [bracketed] templated kind) adds the alternative labels,
    every phrase a place could be, possessive nouns read one way, and "where" for any place."""
    groups = places(phrase_matches(question, span, fan))[:MAX_PHRASES]
    wanted = wanted_types(question, span, fan)
    if fan:
        groups, asked_for = _answer_nouns(question, groups)
        wanted |= asked_for
    if groups:
        ordered = sorted(
            groups,
            key=lambda g: (g[0].start - span[1]) if g[0].start >= span[1] else (span[0] - g[0].end),
        )
        options = [_hops(question, span, group, fan) for group in ordered]
        out = [Chain(hops=tuple(hops)) for hops in itertools.product(*options)]
        good = [c for c in out if c.is_well_typed()]
        typed = [c for c in good if not wanted or c.answer_types() & wanted]
        return typed or good
    return _by_types(question, span, wanted, topic_types, fan)


WHICH_RE = re.compile(r"\b(?:which|what)\s+$", re.I)


def _answer_nouns(question: str, groups: list[list[Match]]) -> tuple[list[list[Match]], frozenset[str]]:
    """A one-word relation noun right after "which"/"what" and right before another relation phrase
    says what the answer is, not a hop ("which actor played Zero": a person who played Zero): the
    groups without it, and the types its hops end on."""
    for group in groups:
        head = group[0]
        follows = any(0 <= g[0].start - head.end <= 1 for g in groups if g is not group)
        if len(head.phrase.words) == 1 and follows and WHICH_RE.search(question[: head.start]):
            types = frozenset(
                t
                for m in group
                for t in Hop(predicate=m.phrase.predicate, direction=m.phrase.possessive()).yields()
            )
            return [g for g in groups if g is not group], types
    return groups, frozenset()


def _hops(question: str, span: tuple[int, int], group: list[Match], fan: bool = True) -> list[Hop]:
    """The hops one place's phrases can mean: a possessive noun reads one way, a verb by its side."""
    out: list[Hop] = []
    for m in group:
        if fan and possessive(question, span, m):
            directions: tuple[Direction, ...] = (m.phrase.possessive(),)
        else:
            directions = m.phrase.directions(m.start >= span[1])
        for d in directions:
            hop = Hop(predicate=m.phrase.predicate, direction=d)
            if hop not in out:
                out.append(hop)
    return out


def _by_types(
    question: str,
    span: tuple[int, int],
    wanted: frozenset[str],
    topic_types: frozenset[str] | None,
    fan: bool = True,
) -> list[Chain]:
    """One-hop chains from the topic's type to the wanted type that share a word with the question.

    A shared content word is enough; a shared particle ("in", "of") only when a single predicate
    fits the types ("which films is the Director in": only `appears in` leads a character to films).
    """
    if not wanted:
        return []
    words = {w for w, start, end in tokens(question) if end <= span[0] or start >= span[1]}
    scored = []
    fitting = []
    for info in ontology.predicates().values():
        forward, inverse = alt_labels(info.name) if fan else ((), ())
        for direction, labels in (
            (Direction.FORWARD, (info.label, *forward)),
            (Direction.BACKWARD, (info.inverse_label, *inverse)),
        ):
            if info.symmetric and direction is Direction.BACKWARD:
                continue
            hop = Hop(predicate=info.name, direction=Direction.BOTH if info.symmetric else direction)
            if not hop.yields() & wanted or (topic_types is not None and not hop.accepts() & topic_types):
                continue
            fitting.append(hop)
            shared = words & {w for label in labels for w in label.lower().split()} - COPULAS
            if shared:
                content = len(shared - PARTICLES)
                scored.append((-content, -len(shared), hop.notation(), Chain(hops=(hop,))))
    scored.sort(key=lambda x: (x[0], x[1], x[2]))
    if any(s[0] < 0 for s in scored):
        return [c for content, _, _, c in scored if content < 0]
    if len(scored) == 1:
        return [scored[0][3]]
    if fan and "where" in words and wanted == {LOCATION} and not scored:  # "where is X": any way to a place
        return [Chain(hops=(hop,)) for hop in fitting if hop.yields() == {LOCATION}]
    typed = [hop for hop in fitting if not hop.yields() >= ANY_ENTITY]  # not "compared to": any to any
    if fan and not scored and len(typed) == 1 and words & class_words():  # "X's role": the one way from a
        return [Chain(hops=(typed[0],))]  # person to a character; a class word, not just "who"
    return []


def class_words() -> frozenset[str]:
    """The answer-type words that name a class ("role", "planet"), not a question word ("who")."""
    return frozenset(w for w in type_words() if w not in QUESTION_TYPE_WORDS)


QUESTION_TYPE_WORDS = frozenset({"who", "whom", "where", "when"})
ANY_ENTITY = frozenset(t.value for t in EntityType) - {EntityType.GENRE.value, EntityType.UNIVERSE.value}
