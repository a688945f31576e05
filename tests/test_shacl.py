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
