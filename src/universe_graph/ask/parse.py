"""Relation chains read from a question's words with the ontology's labels (see `lexicon`).

The relation phrases around the topic are taken nearest first: in "who directed the films that
Keanu Reeves acted in", "acted in" (after the topic, an inverse label: walk cast_member backward)
comes before "directed" (before the topic, an inverse label: walk directed_by forward). With no
relation phrase, the predicates that lead from the topic's type to the wanted answer type
("which films ...") are tried, those sharing a word with the question first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from .. import ontology
from .chains import Chain, Direction, Hop
from .lexicon import PARTICLES, Phrase, phrases, tokens, type_words

MAX_PHRASES = 4


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    phrase: Phrase


def phrase_matches(question: str, span: tuple[int, int]) -> list[Match]:
    """Relation phrases in the question outside the topic's span, longest at each place, left to right."""
    words = [w for w in tokens(question) if w[2] <= span[0] or w[1] >= span[1]]
    found: list[Match] = []
    i = 0
    table = phrases()
    while i < len(words):
        for phrase in table:
            n = len(phrase.words)
            window = words[i : i + n]
            if len(window) == n and tuple(w[0] for w in window) == phrase.words:
                contiguous = all(b[1] - a[2] <= 2 for a, b in itertools.pairwise(window))
                if contiguous:
                    found.append(Match(window[0][1], window[-1][2], phrase))
                    i += n - 1
                    break
        i += 1
    return found


def wanted_types(question: str, span: tuple[int, int]) -> frozenset[str]:
    """Answer types the question's words ask for ("which films" -> Film, Series; "who" -> people)."""
    table = type_words()
    out: set[str] = set()
    for word, start, end in tokens(question):
        if (end <= span[0] or start >= span[1]) and word in table:
            out |= table[word]
    return frozenset(out)


def chains(question: str, span: tuple[int, int], topic_types: frozenset[str] | None = None) -> list[Chain]:
    """Candidate chains for a question whose topic (of one of `topic_types`) is at `span`, best first."""
    matches = phrase_matches(question, span)[:MAX_PHRASES]
    wanted = wanted_types(question, span)
    if matches:
        ordered = sorted(
            matches,
            key=lambda m: (m.start - span[1]) if m.start >= span[1] else (span[0] - m.end),
        )
        options = [
            [Hop(predicate=m.phrase.predicate, direction=d) for d in m.phrase.directions(m.start >= span[1])]
            for m in ordered
        ]
        out = [Chain(hops=tuple(hops)) for hops in itertools.product(*options)]
        good = [c for c in out if c.is_well_typed()]
        typed = [c for c in good if not wanted or c.answer_types() & wanted]
        return typed or good
    return _by_types(question, span, wanted, topic_types)


def _by_types(
    question: str, span: tuple[int, int], wanted: frozenset[str], topic_types: frozenset[str] | None
) -> list[Chain]:
    """One-hop chains from the topic's type to the wanted type that share a word with the question.

    A shared content word is enough; a shared particle ("in", "of") only when a single predicate
    fits the types ("which films is the Director in": only `appears in` leads a character to films).
    """
    if not wanted:
        return []
    words = {w for w, start, end in tokens(question) if end <= span[0] or start >= span[1]}
    scored = []
    for info in ontology.predicates().values():
        for direction, label in ((Direction.FORWARD, info.label), (Direction.BACKWARD, info.inverse_label)):
            if info.symmetric and direction is Direction.BACKWARD:
                continue
            hop = Hop(predicate=info.name, direction=Direction.BOTH if info.symmetric else direction)
            if not hop.yields() & wanted or (topic_types is not None and not hop.accepts() & topic_types):
                continue
            shared = words & set(label.lower().split())
            if shared:
                content = len(shared - PARTICLES)
                scored.append((-content, -len(shared), hop.notation(), Chain(hops=(hop,))))
    scored.sort(key=lambda x: (x[0], x[1], x[2]))
    if any(s[0] < 0 for s in scored):
        return [c for content, _, _, c in scored if content < 0]
    return [scored[0][3]] if len(scored) == 1 else []
