"""Claims -> RDF -> claims is lossless: what a store returns is what was written."""

from __future__ import annotations

from universe_graph.fixtures import sample
from universe_graph.model import ClaimSet
from universe_graph.rdf import claimset_triples
from universe_graph.rdf_read import claimset_from_triples


def normal(cs: ClaimSet) -> ClaimSet:
    """Order-insensitive form: aliases, evidence and lists sorted the way the reader sorts them."""
    data = cs.model_copy(deep=True)
    for entity in data.entities:
        entity.evidence = sorted(entity.evidence, key=lambda e: e.model_dump_json())
    for relation in data.relations:
        relation.evidence = sorted(relation.evidence, key=lambda e: e.model_dump_json())
    for event in data.events:
        event.evidence = sorted(event.evidence, key=lambda e: e.model_dump_json())
    for entity in data.entities:
        entity.aliases = sorted(entity.aliases)
    data.entities.sort(key=lambda e: e.id)
    data.relations.sort(key=lambda r: r.key())
    data.events.sort(key=lambda e: (e.work, e.order, e.id))
    return data


def test_every_sample_source_round_trips() -> None:
    for cs in sample().claimsets:
        back = claimset_from_triples(claimset_triples(cs), cs.source.id)
        assert back == normal(cs), cs.source.id


def test_text_evidence_and_literals_round_trip() -> None:
    cs = sample().claimsets[0].model_copy(deep=True)
    rel = next(r for r in cs.relations if r.predicate == "release_year")
    rel.evidence[0] = rel.evidence[0].model_copy(
        update={"line": None, "pointer": None, "start": 5, "end": 9, "quote": "2014"}
    )
    cs.relations.append(rel.model_copy(update={"predicate": "rating", "object": 7.4}))
    back = claimset_from_triples(claimset_triples(cs), cs.source.id)
    assert back == normal(cs)
