"""The SHACL shapes catch what the readers' own checks would never let through."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from universe_graph.model import (
    CanonTier,
    ClaimSet,
    Entity,
    EntityType,
    Event,
    EventKind,
    Evidence,
    Participant,
    Relation,
    Source,
    SourceKind,
)
from universe_graph.validate import shacl_problems

BASE = "https://w3id.org/universe-graph/id/t/"
EV = Evidence(source="t", extractor="hand", extractor_version="1", confidence=1.0, line=1)


def entity(key: str, kind: EntityType) -> Entity:
    return Entity(id=BASE + key, type=kind, name=key.title(), evidence=[EV])


def claims(
    *, entities: list[Entity], relations: Sequence[Relation] = (), events: Sequence[Event] = ()
) -> ClaimSet:
    """One hand-built source's claims, bypassing the readers' own checks."""
    return ClaimSet(
        source=Source(
            id="t",
            location="hand-built",
            kind=SourceKind.UNIVERSE,
            tier=CanonTier.CANON,
            content_hash="0" * 64,
        ),
        entities=entities,
        relations=list(relations),
        events=list(events),
    )


def rel(s: str, p: str, o: str) -> Relation:
    return Relation(subject=BASE + s, predicate=p, object=BASE + o, evidence=[EV])


PEOPLE = [
    entity("ada", EntityType.CHARACTER),
    entity("bo", EntityType.CHARACTER),
    entity("harbour", EntityType.LOCATION),
    entity("film", EntityType.FILM),
    entity("cy", EntityType.PERSON),
]


def test_well_typed_claims_conform() -> None:
    ok = claims(
        entities=PEOPLE,
        relations=[
            rel("ada", "killed", "bo"),
            rel("film", "directed_by", "cy"),
            rel("ada", "appears_in", "film"),
        ],
    )
    assert shacl_problems([ok]) == []


@pytest.mark.parametrize(
    ("relation", "expected"),
    [
        pytest.param(rel("ada", "killed", "harbour"), "object of killed must be a Character", id="range"),
        pytest.param(
            rel("harbour", "trained_by", "ada"), "subject of trained_by must be a Character", id="domain"
        ),
        pytest.param(
            rel("ada", "directed_by", "cy"), "subject of directed_by must be a Work", id="work-domain"
        ),
        pytest.param(rel("ada", "met", "nobody"), "object of met must be a Character", id="untyped-object"),
    ],
)
def test_domain_and_range_violations_are_found(relation: Relation, expected: str) -> None:
    problems = shacl_problems([claims(entities=PEOPLE, relations=[relation])])
    assert any(expected in p.message for p in problems), problems
    assert all(p.file == "hand-built" for p in problems if "ada" in p.message or "harbour" in p.message)


def test_one_node_cannot_be_character_and_film() -> None:
    twin = Entity(id=BASE + "ada", type=EntityType.FILM, name="Ada", evidence=[EV])
    problems = shacl_problems([claims(entities=[*PEOPLE, twin])])
    assert any("never merged" in p.message for p in problems)
    assert any("exactly one name" in p.message for p in problems) or problems


def test_event_participants_and_places_are_checked() -> None:
    event = Event(
        id=BASE + "e1",
        label="x",
        kind=EventKind.FIGHT,
        work=BASE + "film",
        order=1,
        location=BASE + "ada",
        participants=[Participant(entity=BASE + "cy")],
        evidence=[EV],
    )
    problems = shacl_problems([claims(entities=PEOPLE, events=[event])])
    fields = {p.field for p in problems}
    assert {"at_location", "has_participant"} <= fields, problems


# ---------------------------------------------------------------- the SPARQL engine against pySHACL
BROKEN = """
@prefix ug: <https://w3id.org/universe-graph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <https://w3id.org/universe-graph/id/t/> .

t:src a ug:Source ; ug:about "nowhere" ; ug:source_kind "poem" ; ug:canon_tier "canon" ;
    ug:content_hash "abc" .
t:ev1 a ug:Evidence ; ug:source t:src ; ug:extractor "hand" ; ug:extractor_version "1" ;
    ug:confidence 1.5 ; ug:quote "q" .
t:ev2 a ug:Evidence ; ug:source t:nowhere ; ug:extractor "hand", "other" ;
    ug:extractor_version "1" ; ug:confidence 0.5 ; ug:line 0 .
t:ada a ug:Character ; rdfs:label "Ada", "Ada Two" ; ug:imdb_id "nm12" ; ug:evidence t:ev1 ;
    ug:in_universe "yes" .
t:bo a ug:Character, ug:Film ; ug:alias "" ; ug:evidence t:ev2 .
t:film a ug:Film ; rdfs:label "Film" ; ug:release_year "1999" ; ug:evidence t:ev2 .
t:harbour a ug:Location ; rdfs:label "Harbour"@en ; ug:tmdb_id "movie/0" .
t:ada ug:killed t:harbour .
t:harbour ug:trained_by t:ada .
t:ada ug:directed_by t:film .
t:c1 a ug:Claim ; rdf:subject t:ada, t:bo ; rdf:predicate ug:not_a_relation ; rdf:object t:bo ;
    ug:qualifier_work t:ada .
t:e1 a ug:Event ; rdfs:label "x" ; ug:event_kind "brawl" ; ug:in_work t:film ; ug:plot_order 0 ;
    ug:act 12 ; ug:framing "present" ; ug:at_location t:ada ; ug:has_participant t:film ;
    ug:participation t:p1 ; ug:evidence t:ev1 .
t:p1 a ug:Participation ; ug:participant t:harbour ; ug:role "agent", "victim" .
"""


def _pyshacl_results(data: str) -> set[tuple[str, str | None, str]]:
    """(focus, path, constraint) of pySHACL's top-level results, the reference the engine matches."""
    import pyshacl
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    from universe_graph.assets import ontology_file

    sh = Namespace("http://www.w3.org/ns/shacl#")
    graph = Graph().parse(data=data, format="turtle")
    graph.parse(ontology_file("universe.ttl"), format="turtle")
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    assert isinstance(report, Graph)
    details = set(report.objects(None, sh.detail))
    out = set()
    for result in report.subjects(RDF.type, sh.ValidationResult):
        if result in details:
            continue  # nested under a sh:node result: not a result of its own
        path = report.value(result, sh.resultPath)
        component = str(report.value(result, sh.sourceConstraintComponent))
        name = component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
        out.add(
            (str(report.value(result, sh.focusNode)), str(path) if path else None, name[0].lower() + name[1:])
        )
    return out


def test_the_sparql_engine_finds_what_pyshacl_finds() -> None:
    from rdflib import Graph

    from universe_graph.shapes import validate_ntriples

    lines = Graph().parse(data=BROKEN, format="turtle").serialize(format="nt").splitlines(keepends=True)
    mine = {(str(v.focus), str(v.path) if v.path else None, v.constraint) for v in validate_ntriples(lines)}
    expected = _pyshacl_results(BROKEN)
    assert len(expected) > 25  # the fixture breaks most kinds of constraint the shapes use
    assert mine == expected
