"""Facts with their evidence, read from the canonical store's reified claims, per entity.

A fact is one relation (subject, predicate, object, qualifiers) with every piece of evidence for
it across sources, each naming its source, the source's canon tier, the quote and the locator.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from ..vocab import UG
from .canon import keeps, source_view

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
        strongest = CanonTier.strongest(e.tier for e in self.evidence)
        assert strongest is not None, "a fact always has evidence"
        return strongest.value

    def key(self) -> tuple[str, str, str, str | None, str | None, str | None]:
        return (self.subject, self.predicate, str(self.object), self.work, self.character, self.time)


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_SUBJECT, _OBJECT = ox.NamedNode(_RDF + "subject"), ox.NamedNode(_RDF + "object")


def _value(term: object) -> Any:
    """A pyoxigraph term as a Python value (IRIs as strings, typed literals by their type)."""
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith("#integer"):
            return int(term.value)
        if dt.endswith("#decimal") or dt.endswith("#double"):
            return float(term.value)
        if dt.endswith("#boolean"):
            return term.value == "true"
        return term.value
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return None


class ClaimReader:
    """Reads reified claims and their evidence straight from the engine's quad index.

    (A SPARQL query per entity with bound variables is planned before the values are known,
    which made a lookup with several OPTIONALs take seconds; the quads are direct.)
    """

    def __init__(self, store: UniverseStore) -> None:
        self.store = store
        self.canonical = store.canonical
        view = source_view(store)
        self.graphs = frozenset(view.graphs.values())
        self.sources = view.sources

    def _props(self, node: ox.NamedNode | ox.BlankNode) -> dict[str, list[Any]]:
        props: dict[str, list[Any]] = defaultdict(list)
        for quad in self.canonical.quads(node, None, None, self.graphs):
            props[quad.predicate.value].append(quad.object)
        return props

    def claims(self, *, subject: str | None = None, obj: str | None = None) -> list[Fact]:
        """Claims with that subject (and object, if given) or, with only `obj`, that object."""
        if subject is None and obj is None:
            raise ValueError("claims() needs a subject or an object")
        found: set[ox.NamedNode | ox.BlankNode | ox.Triple] | None = None
        for role, value in ((_SUBJECT, subject), (_OBJECT, obj)):
            if value is not None:
                these = {
                    q.subject for q in self.canonical.quads(None, role, ox.NamedNode(value), self.graphs)
                }
                found = these if found is None else found & these
        facts: dict[tuple[str, str, str, str | None, str | None, str | None], Fact] = {}
        nodes = found or set()
        for node in nodes:
            if not isinstance(node, ox.NamedNode | ox.BlankNode):
                continue
            props = self._props(node)
            p, s, o = props.get(_RDF + "predicate"), props.get(_RDF + "subject"), props.get(_RDF + "object")
            if not (p and s and o):
                continue
            if obj is not None and _value(o[0]) != obj:
                continue
            work, character, time = (props.get(_UG + "qualifier_" + k) for k in ("work", "character", "time"))
            fact = Fact(
                subject=s[0].value,
                predicate=p[0].value.removeprefix(_UG),
                object=_value(o[0]),
                object_is_iri=isinstance(o[0], ox.NamedNode),
                work=work[0].value if work else None,
                character=character[0].value if character else None,
                time=time[0].value if time else None,
            )
            known = facts.setdefault(fact.key(), fact)
            for ev in props.get(_UG + "evidence", []):
                known.evidence.append(self._evidence(ev))
        return list(facts.values())

    def _evidence(self, node: ox.NamedNode) -> EvidenceRef:
        props = {k: _value(v[0]) for k, v in self._props(node).items()}
        sid = str(props.get(_UG + "source", "")).rsplit("/source/", 1)[-1]
        source = self.sources.get(sid)
        u = _UG
        return EvidenceRef(
            source=sid,
            tier=source.tier.value if source else "fan",
            quote=props.get(u + "quote"),
            locator=locator(props.get(u + "line"), props.get(u + "row"), props.get(u + "pointer"),
                            props.get(u + "start"), props.get(u + "end")),
            about=source.about if source else None,
            confidence=props.get(u + "confidence"),
        )  # fmt: skip


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


def kept(facts: list[Fact], canon: CanonTier | None) -> list[Fact]:
    """Facts with only the evidence the canon floor keeps (each piece by its own source's tier, never
    the fact's strongest); facts left without any are dropped. The one place the floor meets evidence."""
    out = []
    for fact in facts:
        evidence = [e for e in fact.evidence if keeps(e.tier, canon)]
        if evidence:
            out.append(fact.model_copy(update={"evidence": _unique(evidence)}))
    return out


def _unique(evidence: list[EvidenceRef]) -> list[EvidenceRef]:
    seen: dict[tuple[str, str, str | None], EvidenceRef] = {}
    for e in evidence:
        seen.setdefault((e.source, e.locator, e.quote), e)
    return list(seen.values())


def facts_about(
    store: UniverseStore, iri: str, *, canon: CanonTier | None = None, reader: ClaimReader | None = None
) -> list[Fact]:
    """Every relation an entity is the subject or object of, with its evidence (canon-filtered)."""
    reader = reader or ClaimReader(store)
    facts = reader.claims(subject=iri) + [f for f in reader.claims(obj=iri) if f.subject != iri]
    return kept(facts, canon)


def facts_between(
    store: UniverseStore,
    subject: str,
    obj: str,
    *,
    canon: CanonTier | None = None,
    reader: ClaimReader | None = None,
) -> list[Fact]:
    """Every relation from `subject` to `obj`, with its evidence."""
    return kept((reader or ClaimReader(store)).claims(subject=subject, obj=obj), canon)
