"""Claims as RDF: the direct triples queries read, plus reified claims that carry the evidence.

Each relation becomes `s p o` and a `ug:Claim` (an rdf:Statement naming s, p, o) with its
qualifiers and `ug:evidence` nodes. No RDF 1.2 triple terms: rdflib, pySHACL and Virtuoso 7.2
do not read them. Node IRIs are derived from content, so the same claim maps to the same nodes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import ontology
from .model import ClaimSet, Entity, Event, Evidence, Relation, Source
from .vocab import ID_BASE, UG, predicate_iri, source_iri


class IRI(str):
    """An IRI in the engine-neutral triples `claimset_terms` yields."""

    __slots__ = ()


class Lit(NamedTuple):
    """A literal in the engine-neutral triples: a Python value and, if not implied, its xsd type."""

    value: bool | int | float | str
    datatype: str | None = None  # an xsd local name ("decimal"); None: implied by the Python type


Term = IRI | Lit
PlainTriple = tuple[IRI, IRI, Term]
Triple = tuple[Node, Node, Node]

PREFIXES = {
    "ug": str(UG._NS),
    "id": ID_BASE,
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def _u(term: str) -> IRI:
    return IRI(term)


_TYPE, _LABEL = _u(RDF.type), _u(RDFS.label)
_SUBJECT, _PREDICATE, _OBJECT, _STATEMENT = (
    _u(RDF.subject),
    _u(RDF.predicate),
    _u(RDF.object),
    _u(RDF.Statement),
)


class _UG:
    """The ontology's terms as plain IRIs, made once (attribute access on rdflib namespaces is slow)."""

    def __getattr__(self, name: str) -> IRI:
        value = IRI(getattr(UG, name))
        setattr(self, name, value)
        return value


U = _UG()


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def graph_iri(source: Source) -> URIRef:
    """The named graph that holds one source's claims."""
    return source_iri(source.id)


def claimset_terms(cs: ClaimSet) -> Iterator[PlainTriple]:
    """All triples of one source (for its named graph), as engine-neutral terms."""
    yield from _source_triples(cs.source)
    for entity in cs.entities:
        yield from _entity_triples(entity, cs.source.id)
    for rel in cs.relations:
        yield from _relation_triples(rel, cs.source.id)
    for event in cs.events:
        yield from _event_triples(event, cs.source.id)


def _source_triples(src: Source) -> Iterator[PlainTriple]:
    s = IRI(source_iri(src.id))
    yield s, _TYPE, U.Source
    yield s, U.source_kind, Lit(src.kind.value)
    yield s, U.canon_tier, Lit(src.tier.value)
    yield s, U.content_hash, Lit(src.content_hash)
    yield s, U.source_location, Lit(src.location)
    if src.about:
        yield s, U.about, IRI(src.about)


def _evidence_triples(owner: IRI, evidence: Iterable[Evidence], scope: str) -> Iterator[PlainTriple]:
    for i, ev in enumerate(evidence):
        node = IRI(f"{ID_BASE}evidence/{_digest(scope, owner, i, ev.model_dump_json())}")
        yield owner, U.evidence, node
        yield node, _TYPE, U.Evidence
        yield node, U.source, IRI(source_iri(ev.source))
        yield node, U.extractor, Lit(ev.extractor)
        yield node, U.extractor_version, Lit(ev.extractor_version)
        yield node, U.confidence, Lit(str(ev.confidence), "decimal")
        for term, value in (
            (U.start, ev.start),
            (U.end, ev.end),
            (U.quote, ev.quote),
            (U.line, ev.line),
            (U.row, ev.row),
            (U.pointer, ev.pointer),
        ):
            if value is not None:
                yield node, term, Lit(value)


def _entity_triples(entity: Entity, scope: str) -> Iterator[PlainTriple]:
    s = IRI(entity.id)
    yield s, _TYPE, getattr(U, entity.type.value)
    yield s, _LABEL, Lit(entity.name)
    yield s, U.in_universe, Lit(entity.in_universe)
    for alias in entity.aliases:
        yield s, U.alias, Lit(alias)
    ids = entity.external_ids
    if ids.wikidata:
        yield s, U.wikidata_id, Lit(ids.wikidata)
    if ids.imdb:
        yield s, U.imdb_id, Lit(ids.imdb)
    if ids.tmdb:
        yield s, U.tmdb_id, Lit(ids.tmdb)
    if ids.movielens is not None:
        yield s, U.movielens_id, Lit(ids.movielens)
    yield from _evidence_triples(s, entity.evidence, scope)


def claim_iri(rel: Relation, scope: str) -> URIRef:
    return URIRef(f"{ID_BASE}claim/{_digest(scope, *rel.key())}")


def _relation_triples(rel: Relation, scope: str) -> Iterator[PlainTriple]:
    s, p = IRI(rel.subject), IRI(predicate_iri(rel.predicate))
    info = ontology.predicate(rel.predicate)
    o: Term = _literal(rel.object, info.datatype) if info.is_literal else IRI(str(rel.object))
    yield s, p, o
    claim = IRI(claim_iri(rel, scope))
    yield claim, _TYPE, U.Claim
    yield claim, _TYPE, _STATEMENT
    yield claim, _SUBJECT, s
    yield claim, _PREDICATE, p
    yield claim, _OBJECT, o
    q = rel.qualifiers
    if q.character:
        yield claim, U.qualifier_character, IRI(q.character)
    if q.work:
        yield claim, U.qualifier_work, IRI(q.work)
    if q.time:
        yield claim, U.qualifier_time, Lit(q.time)
    yield from _evidence_triples(claim, rel.evidence, scope)


def _literal(value: bool | int | float | str, datatype: str | None) -> Lit:
    """A relation value; decimals are written as xsd:decimal, the rest by their Python type."""
    if datatype == "decimal" and isinstance(value, int | float) and not isinstance(value, bool):
        return Lit(str(value), "decimal")
    return Lit(value)


def _event_triples(event: Event, scope: str) -> Iterator[PlainTriple]:
    e = IRI(event.id)
    yield e, _TYPE, U.Event
    yield e, _LABEL, Lit(event.label)
    yield e, U.event_kind, Lit(event.kind.value)
    yield e, U.in_work, IRI(event.work)
    yield e, U.plot_order, Lit(event.order)
    yield e, U.framing, Lit(event.framing.value)
    if event.act is not None:
        yield e, U.act, Lit(event.act)
    if event.time is not None:
        yield e, U.in_universe_time, Lit(event.time)
    if event.location is not None:
        yield e, U.at_location, IRI(event.location)
    for i, part in enumerate(event.participants):
        node = IRI(f"{event.id}/participant/{i + 1}")
        yield e, U.has_participant, IRI(part.entity)
        yield e, U.participation, node
        yield node, _TYPE, U.Participation
        yield node, U.participant, IRI(part.entity)
        yield node, U.role, Lit(part.role.value)
    yield from _evidence_triples(e, event.evidence, scope)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt(term: Term) -> str:
    """A term in N-Triples syntax (the same lexical forms and datatypes as `to_rdflib`)."""
    if isinstance(term, IRI):
        if _BAD_IRI.search(term):
            raise ValueError(f"not a valid IRI: {term!r}")
        return f"<{term}>"
    value, datatype = term
    if datatype is not None:
        lexical, dt = str(value), _XSD + datatype
    elif isinstance(value, bool):
        lexical, dt = ("true" if value else "false"), _XSD + "boolean"
    elif isinstance(value, int):
        lexical, dt = str(value), _XSD + "integer"
    elif isinstance(value, float):
        lexical, dt = repr(value), _XSD + "double"
    else:
        lexical, dt = value, ""
    escaped = lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"^^<{dt}>' if dt else f'"{escaped}"'


def ntriples(cs: ClaimSet) -> Iterator[str]:
    """One source's triples as N-Triples lines, for engines that load text faster than objects."""
    cache: dict[str, str] = {}
    for s, p, o in claimset_terms(cs):
        subject = cache.get(s) or cache.setdefault(s, _nt(s))
        predicate = cache.get(p) or cache.setdefault(p, _nt(p))
        if len(cache) > 100_000:
            cache.clear()
        yield f"{subject} {predicate} {_nt(o)} .\n"


def to_rdflib(term: Term) -> Node:
    """An engine-neutral term as an rdflib term."""
    if isinstance(term, IRI):
        return URIRef(term)
    if term.datatype is not None:
        return Literal(term.value, datatype=XSD[term.datatype])
    return Literal(term.value)


def claimset_triples(cs: ClaimSet) -> Iterator[Triple]:
    """All triples of one source as rdflib terms (validation, serialization, reading back)."""
    for s, p, o in claimset_terms(cs):
        yield URIRef(s), URIRef(p), to_rdflib(o)


def to_dataset(claimsets: Iterable[ClaimSet]) -> Dataset:
    """A dataset with one named graph per source (the canonical store's layout)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    for cs in claimsets:
        g = ds.graph(graph_iri(cs.source))
        for triple in claimset_triples(cs):
            g.add(triple)
    return ds


def to_graph(claimsets: Iterable[ClaimSet]) -> Graph:
    """The union of all sources as one graph (for validation and single-graph formats)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for cs in claimsets:
        for triple in claimset_triples(cs):
            g.add(triple)
    return g
