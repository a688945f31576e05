"""Claims as RDF: the direct triples queries read, plus reified claims that carry the evidence.

Each relation becomes `s p o` and a `ug:Claim` (an rdf:Statement naming s, p, o) with its
qualifiers and `ug:evidence` nodes. No RDF 1.2 triple terms: rdflib, pySHACL and Virtuoso 7.2
do not read them. Node IRIs are derived from content, so the same claim maps to the same nodes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import ontology
from .model import ClaimSet, Entity, Event, Evidence, Relation, Source
from .vocab import ID_BASE, UG, predicate_iri, source_iri

Triple = tuple[Node, Node, Node]

PREFIXES = {
    "ug": str(UG._NS),
    "id": ID_BASE,
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def graph_iri(source: Source) -> URIRef:
    """The named graph that holds one source's claims."""
    return source_iri(source.id)


def literal(value: bool | int | float | str, datatype: str | None = None) -> Literal:
    """A typed literal for a relation value; `datatype` is the ontology's xsd local name."""
    if isinstance(value, bool):
        return Literal(value)
    if datatype == "decimal" and isinstance(value, int | float):
        return Literal(str(value), datatype=XSD.decimal)
    return Literal(value)


def claimset_triples(cs: ClaimSet) -> Iterator[Triple]:
    """All triples of one source (for its named graph)."""
    yield from _source_triples(cs.source)
    for entity in cs.entities:
        yield from _entity_triples(entity, cs.source.id)
    for rel in cs.relations:
        yield from _relation_triples(rel, cs.source.id)
    for event in cs.events:
        yield from _event_triples(event, cs.source.id)


def _source_triples(src: Source) -> Iterator[Triple]:
    s = source_iri(src.id)
    yield s, RDF.type, UG.Source
    yield s, UG.source_kind, Literal(src.kind.value)
    yield s, UG.canon_tier, Literal(src.tier.value)
    yield s, UG.content_hash, Literal(src.content_hash)
    yield s, UG.source_location, Literal(src.location)
    if src.about:
        yield s, UG.about, URIRef(src.about)


def _evidence_triples(owner: URIRef, evidence: Iterable[Evidence], scope: str) -> Iterator[Triple]:
    for i, ev in enumerate(evidence):
        node = URIRef(f"{ID_BASE}evidence/{_digest(scope, owner, i, ev.model_dump_json())}")
        yield owner, UG.evidence, node
        yield node, RDF.type, UG.Evidence
        yield node, UG.source, source_iri(ev.source)
        yield node, UG.extractor, Literal(ev.extractor)
        yield node, UG.extractor_version, Literal(ev.extractor_version)
        yield node, UG.confidence, Literal(str(ev.confidence), datatype=XSD.decimal)
        for term, value in (
            (UG.start, ev.start),
            (UG.end, ev.end),
            (UG.quote, ev.quote),
            (UG.line, ev.line),
            (UG.row, ev.row),
            (UG.pointer, ev.pointer),
        ):
            if value is not None:
                yield node, term, Literal(value)


def _entity_triples(entity: Entity, scope: str) -> Iterator[Triple]:
    s = URIRef(entity.id)
    yield s, RDF.type, getattr(UG, entity.type.value)
    yield s, RDFS.label, Literal(entity.name)
    yield s, UG.in_universe, Literal(entity.in_universe)
    for alias in entity.aliases:
        yield s, UG.alias, Literal(alias)
    ids = entity.external_ids
    if ids.wikidata:
        yield s, UG.wikidata_id, Literal(ids.wikidata)
    if ids.imdb:
        yield s, UG.imdb_id, Literal(ids.imdb)
    if ids.tmdb:
        yield s, UG.tmdb_id, Literal(ids.tmdb)
    if ids.movielens is not None:
        yield s, UG.movielens_id, Literal(ids.movielens)
    yield from _evidence_triples(s, entity.evidence, scope)


def claim_iri(rel: Relation, scope: str) -> URIRef:
    return URIRef(f"{ID_BASE}claim/{_digest(scope, *rel.key())}")


def _relation_triples(rel: Relation, scope: str) -> Iterator[Triple]:
    s, p = URIRef(rel.subject), predicate_iri(rel.predicate)
    info = ontology.predicate(rel.predicate)
    o: Node = literal(rel.object, info.datatype) if info.is_literal else URIRef(str(rel.object))
    yield s, p, o
    claim = claim_iri(rel, scope)
    yield claim, RDF.type, UG.Claim
    yield claim, RDF.type, RDF.Statement
    yield claim, RDF.subject, s
    yield claim, RDF.predicate, p
    yield claim, RDF.object, o
    q = rel.qualifiers
    if q.character:
        yield claim, UG.qualifier_character, URIRef(q.character)
    if q.work:
        yield claim, UG.qualifier_work, URIRef(q.work)
    if q.time:
        yield claim, UG.qualifier_time, Literal(q.time)
    yield from _evidence_triples(claim, rel.evidence, scope)


def _event_triples(event: Event, scope: str) -> Iterator[Triple]:
    e = URIRef(event.id)
    yield e, RDF.type, UG.Event
    yield e, RDFS.label, Literal(event.label)
    yield e, UG.event_kind, Literal(event.kind.value)
    yield e, UG.in_work, URIRef(event.work)
    yield e, UG.plot_order, Literal(event.order)
    yield e, UG.framing, Literal(event.framing.value)
    if event.act is not None:
        yield e, UG.act, Literal(event.act)
    if event.time is not None:
        yield e, UG.in_universe_time, Literal(event.time)
    if event.location is not None:
        yield e, UG.at_location, URIRef(event.location)
    for i, part in enumerate(event.participants):
        node = URIRef(f"{event.id}/participant/{i + 1}")
        yield e, UG.has_participant, URIRef(part.entity)
        yield e, UG.participation, node
        yield node, RDF.type, UG.Participation
        yield node, UG.participant, URIRef(part.entity)
        yield node, UG.role, Literal(part.role.value)
    yield from _evidence_triples(e, event.evidence, scope)


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
