"""Relation chains: a question's path from its topic to the answer, compiled into one SPARQL query.

A chain is written like a SPARQL property path: `^cast_member/directed_by` reads "the works that
have the topic as cast member, then who directed them". The topic is always a bound variable,
never pasted into the query text; the canon tier floor is bound too.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Self

from pydantic import BaseModel, ConfigDict, field_validator

from .. import ontology
from ..model import CanonTier, EntityType

LITERAL = "Literal"  # the "type" of a value (a year, a tag) as a chain's start or end


class Direction(StrEnum):
    FORWARD = "forward"  # topic is the subject: topic p ?x
    BACKWARD = "backward"  # topic is the object: ?x p topic
    BOTH = "both"  # symmetric predicates


class Hop(BaseModel):
    """One step of a chain: a predicate walked forward (subject to object) or backward."""

    model_config = ConfigDict(frozen=True)

    predicate: str
    direction: Direction = Direction.FORWARD

    @field_validator("predicate")
    @classmethod
    def _known(cls, value: str) -> str:
        ontology.predicate(value)  # raises with the valid names
        return value

    def notation(self) -> str:
        prefix = {Direction.FORWARD: "", Direction.BACKWARD: "^", Direction.BOTH: "~"}[self.direction]
        return prefix + self.predicate

    @classmethod
    def parse(cls, text: str) -> Hop:
        if text.startswith("^"):
            return cls(predicate=text[1:], direction=Direction.BACKWARD)
        if text.startswith("~"):
            return cls(predicate=text[1:], direction=Direction.BOTH)
        return cls(predicate=text)

    def reading(self) -> str:
        """The hop in English, from the ontology's labels."""
        info = ontology.predicate(self.predicate)
        return info.inverse_label if self.direction is Direction.BACKWARD else info.label

    def accepts(self) -> frozenset[str]:
        """Types this hop can start from (`Literal` for a value)."""
        info = ontology.predicate(self.predicate)
        if self.direction is Direction.BACKWARD:
            return frozenset({LITERAL}) if info.is_literal else _expand(info.range)
        if self.direction is Direction.BOTH:
            return _expand(info.domain) | _expand(info.range)
        return _expand(info.domain)

    def yields(self) -> frozenset[str]:
        """Types this hop can end on."""
        info = ontology.predicate(self.predicate)
        if self.direction is Direction.BACKWARD:
            return _expand(info.domain)
        if info.is_literal:
            return frozenset({LITERAL})
        if self.direction is Direction.BOTH:
            return _expand(info.domain) | _expand(info.range)
        return _expand(info.range)


@cache
def _expand(classes: frozenset[str] | None) -> frozenset[str]:
    """Class names with Work expanded to its subclasses; None (any) to every entity type."""
    if classes is None:
        return frozenset(t.value for t in EntityType)
    out = set(classes)
    if "Work" in out:
        out |= {EntityType.FILM.value, EntityType.SERIES.value}
    return frozenset(out)


class Chain(BaseModel):
    """Hops from the topic to the answer; `distinct`: no node on the way is the topic itself."""

    model_config = ConfigDict(frozen=True)

    hops: tuple[Hop, ...]
    distinct: bool = False

    def notation(self) -> str:
        return "/".join(h.notation() for h in self.hops) + (" (not the topic)" if self.distinct else "")

    @classmethod
    def parse(cls, text: str, distinct: bool = False) -> Chain:
        return cls(hops=tuple(Hop.parse(part) for part in text.split("/")), distinct=distinct)

    def reading(self) -> str:
        return ", then ".join(h.reading() for h in self.hops)

    def start_types(self) -> frozenset[str]:
        return self.hops[0].accepts()

    def answer_types(self) -> frozenset[str]:
        return self.hops[-1].yields()

    def is_well_typed(self) -> bool:
        """Each hop can start where the previous one ends."""
        return all(a.yields() & b.accepts() for a, b in zip(self.hops, self.hops[1:], strict=False))

    def then(self, hop: Hop) -> Self:
        return self.model_copy(update={"hops": (*self.hops, hop)})


def _pattern(hop: Hop, a: str, b: str) -> str:
    p = f"ug:{hop.predicate}"
    if hop.direction is Direction.BACKWARD:
        return f"{b} {p} {a} ."
    if hop.direction is Direction.BOTH:
        return f"{{ {a} {p} {b} }} UNION {{ {b} {p} {a} }}"
    return f"{a} {p} {b} ."


TIER_VALUES = " ".join(f'("{t.value}" {t.rank})' for t in CanonTier)


def sparql(chain: Chain, *, canon: bool = False) -> str:
    """The chain as one SELECT: answers with their name and how many paths support each.

    Bound variables: `?topic`, and `?floor` (a tier rank) when `canon` is set. Results are ordered
    by support, then name, then IRI, so the ranking is deterministic.
    """
    names = ["?topic", *(f"?x{i}" for i in range(1, len(chain.hops) + 1))]
    lines = []
    for i, hop in enumerate(chain.hops):
        pattern = _pattern(hop, names[i], names[i + 1])
        if canon:
            lines.append(f"GRAPH ?g{i} {{ {pattern} ?s{i} ug:canon_tier ?t{i} }}")
            lines.append(f"VALUES (?t{i} ?r{i}) {{ {TIER_VALUES} }} FILTER(?r{i} <= ?floor)")
        else:
            lines.append(pattern)
    if chain.distinct:
        lines.append("FILTER(" + " && ".join(f"!sameTerm({n}, ?topic)" for n in names[1:]) + ")")
    body = "\n    ".join(lines)
    outer = "?topic ?floor" if canon else "?topic"
    return f"""SELECT {outer} ?answer ?support (SAMPLE(?label) AS ?name) WHERE {{
  {{ SELECT {outer} ({names[-1]} AS ?answer) (COUNT(*) AS ?support) WHERE {{
    {body}
  }} GROUP BY {outer} {names[-1]} }}
  OPTIONAL {{ ?answer rdfs:label ?label }}
}} GROUP BY {outer} ?answer ?support ORDER BY DESC(?support) ?name STR(?answer)"""


def path_sparql(chain: Chain) -> str:
    """One path of the chain from a bound `?topic` to a bound `?answer` (for its evidence)."""
    names = ["?topic", *(f"?x{i}" for i in range(1, len(chain.hops))), "?answer"]
    body = " ".join(_pattern(hop, names[i], names[i + 1]) for i, hop in enumerate(chain.hops))
    return f"SELECT {' '.join(names)} WHERE {{ {body} }} LIMIT 1"
