"""Facts with their evidence, read from the canonical store's reified claims, per entity.

A fact is one relation (subject, predicate, object, qualifiers) with every piece of evidence for
it across sources, each naming its source, the source's canon tier, the quote and the locator.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from ..vocab import UG
from .canon import keeps

_UG = str(UG._NS)


class EvidenceRef(BaseModel):
    """One piece of evidence: which source (and its tier), the quote, and where exactly."""

    source: str
    tier: str
    quote: str | None = None
    locator: str
    about: str | None = None  # the work the source is about (for reviews)
    confidence: float | None = None


class Fact(BaseModel):
    """One relation with all its evidence; `object` is an IRI or, for value predicates, a value."""

    subject: str
    predicate: str
    object: str | int | float | bool
    object_is_iri: bool = True
    work: str | None = None
    character: str | None = None
    time: str | None = None
    evidence: list[EvidenceRef] = []

    @property
    def tier(self) -> str:
        """The strongest tier among the fact's sources."""
        return min((CanonTier(e.tier) for e in self.evidence), key=lambda t: t.rank).value

    def key(self) -> tuple[str, str, str, str | None, str | None, str | None]:
        return (self.subject, self.predicate, str(self.object), self.work, self.character, self.time)


_CLAIMS = """
SELECT ?e ?s ?p ?o ?work ?character ?time ?src ?tier ?about ?quote ?line ?row ?pointer ?start ?end ?confidence
WHERE {
  { ?c rdf:subject ?e . BIND(?e AS ?s) ?c rdf:object ?o . }
  UNION
  { ?c rdf:object ?e . BIND(?e AS ?o) ?c rdf:subject ?s . }
  ?c a ug:Claim ; rdf:predicate ?p ; ug:evidence ?ev .
  OPTIONAL { ?c ug:qualifier_work ?work }
  OPTIONAL { ?c ug:qualifier_character ?character }
  OPTIONAL { ?c ug:qualifier_time ?time }
  ?ev ug:source ?source ; ug:confidence ?confidence .
  ?source ug:canon_tier ?tier .
  OPTIONAL { ?source ug:about ?about }
  OPTIONAL { ?ev ug:quote ?quote } OPTIONAL { ?ev ug:line ?line } OPTIONAL { ?ev ug:row ?row }
  OPTIONAL { ?ev ug:pointer ?pointer } OPTIONAL { ?ev ug:start ?start } OPTIONAL { ?ev ug:end ?end }
  BIND(STRAFTER(STR(?source), "/source/") AS ?src)
}"""

_BETWEEN = """
SELECT ?s ?o ?p ?work ?character ?time ?src ?tier ?about ?quote ?line ?row ?pointer ?start ?end ?confidence
WHERE {
  ?c a ug:Claim ; rdf:subject ?s ; rdf:object ?o ; rdf:predicate ?p ; ug:evidence ?ev .
  OPTIONAL { ?c ug:qualifier_work ?work }
  OPTIONAL { ?c ug:qualifier_character ?character }
  OPTIONAL { ?c ug:qualifier_time ?time }
  ?ev ug:source ?source ; ug:confidence ?confidence .
  ?source ug:canon_tier ?tier .
  OPTIONAL { ?source ug:about ?about }
  OPTIONAL { ?ev ug:quote ?quote } OPTIONAL { ?ev ug:line ?line } OPTIONAL { ?ev ug:row ?row }
  OPTIONAL { ?ev ug:pointer ?pointer } OPTIONAL { ?ev ug:start ?start } OPTIONAL { ?ev ug:end ?end }
  BIND(STRAFTER(STR(?source), "/source/") AS ?src)
}"""


def _v(row: Any, name: str) -> Any:
    term = row[name]
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#decimal") or dt.endswith("#double"):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def locator(
    line: int | None, row: int | None, pointer: str | None, start: int | None, end: int | None
) -> str:
    """Where in the source the evidence is, as one readable string."""
    parts = []
    if start is not None and end is not None:
        parts.append(f"chars {start}-{end}")
    if line is not None:
        parts.append(f"line {line}")
    if row is not None:
        parts.append(f"row {row}")
    if pointer:
        parts.append(pointer)
    return ", ".join(parts) or "(no locator)"


def _facts(rows: Iterable[Any], canon: CanonTier | None) -> list[Fact]:
    facts: dict[tuple[str, str, str, str | None, str | None, str | None], Fact] = {}
    seen: set[tuple[object, ...]] = set()
    for row in rows:
        tier = _v(row, "tier")
        if not keeps(tier, canon):
            continue
        obj_term = row["o"]
        fact = Fact(
            subject=_v(row, "s"),
            predicate=str(row["p"].value).removeprefix(_UG),
            object=_v(row, "o"),
            object_is_iri=isinstance(obj_term, ox.NamedNode),
            work=_v(row, "work"),
            character=_v(row, "character"),
            time=_v(row, "time"),
        )
        known = facts.setdefault(fact.key(), fact)
        ev = EvidenceRef(
            source=_v(row, "src"),
            tier=tier,
            quote=_v(row, "quote"),
            locator=locator(
                _v(row, "line"), _v(row, "row"), _v(row, "pointer"), _v(row, "start"), _v(row, "end")
            ),
            about=_v(row, "about"),
            confidence=_v(row, "confidence"),
        )
        mark = (fact.key(), ev.source, ev.locator, ev.quote)
        if mark not in seen:
            seen.add(mark)
            known.evidence.append(ev)
    return list(facts.values())


def facts_about(store: UniverseStore, iri: str, *, canon: CanonTier | None = None) -> list[Fact]:
    """Every relation an entity is the subject or object of, with its evidence (canon-filtered)."""
    rows = store.canonical.query(_CLAIMS, {"e": ox.NamedNode(iri)})
    return _facts(rows, canon)  # type: ignore[arg-type]


def facts_between(
    store: UniverseStore, subject: str, obj: str, *, canon: CanonTier | None = None
) -> list[Fact]:
    """Every relation from `subject` to `obj`, with its evidence."""
    rows = store.canonical.query(_BETWEEN, {"s": ox.NamedNode(subject), "o": ox.NamedNode(obj)})
    return _facts(rows, canon)  # type: ignore[arg-type]
