"""The claim accumulator every reader fills: entities merged as the reader says, relations deduplicated."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from universe_graph.ingest.claimbuilder import ENRICH, KEEP, Again, ClaimBuilder
from universe_graph.model import CanonTier, EntityType, Event, EventKind, Source, SourceKind

FILM, PERSON = EntityType.FILM, EntityType.PERSON
IRI, WHO, ROLE = "ug:film/heat", "ug:person/pacino", "ug:character/hanna"


def builder(again: Again = ENRICH) -> ClaimBuilder:
    return ClaimBuilder("src", "in.json", "test-reader", "1.0", again=again)


def test_enrich_merges_a_second_description() -> None:
    b = builder()
    b.entity(IRI, FILM, "Heat", b.evidence(line=1), aliases=["Heat 1995"], ids={"imdb": "tt0113277"})
    b.entity(
        IRI, FILM, "Heat (film)", b.evidence(line=2), aliases=["Heat", "Hitze"], ids={"tmdb": "movie/949"}
    )
    film = b.entities[IRI]
    assert film.name == "Heat"
    assert film.aliases == ["Heat 1995", "Hitze"]
    assert (film.external_ids.imdb, film.external_ids.tmdb) == ("tt0113277", "movie/949")
    assert [e.line for e in film.evidence] == [1, 2]


def test_a_placeholder_takes_the_real_name_when_enriching() -> None:
    b = builder()
    b.ref(IRI, FILM, "movie/949", b.evidence(pointer="/parts/0"), {"tmdb": "movie/949"})
    b.entity(IRI, FILM, "Heat", b.evidence(pointer="/"), ids={"imdb": "tt0113277"})
    film = b.entities[IRI]
    assert film.name == "Heat"
    assert (film.external_ids.imdb, film.external_ids.tmdb) == ("tt0113277", "movie/949")
    assert [e.pointer for e in film.evidence] == ["/parts/0", "/"]


def test_keep_lets_the_first_description_stand() -> None:
    b = builder(KEEP)
    b.entity(IRI, FILM, "tt0113277", b.evidence(line=1))
    b.entity(IRI, FILM, "Heat", b.evidence(line=2), aliases=["Hitze"], ids={"imdb": "tt0113277"})
    film = b.entities[IRI]
    assert (film.name, film.aliases, [e.line for e in film.evidence]) == ("tt0113277", [], [1])
    assert film.external_ids.imdb == "tt0113277"  # external ids are always united


def test_a_different_name_can_become_an_alias() -> None:
    b = builder(Again(evidence=False, aliases=False, name=True, placeholder=False))
    b.entity(IRI, FILM, "Heat", b.evidence(line=1))
    for line, name in enumerate([" Hitze ", "Heat", "Hitze", "  "], start=2):
        b.entity(IRI, FILM, name, b.evidence(line=line), aliases=["ignored"])
    film = b.entities[IRI]
    assert (film.aliases, len(film.evidence)) == (["Hitze"], 1)


def test_an_invalid_entity_raises_and_is_not_kept() -> None:
    b = builder()
    with pytest.raises(ValidationError):
        b.entity(IRI, FILM, "   ", b.evidence(line=1))
    with pytest.raises(ValidationError):
        b.entity(IRI, FILM, "Heat", b.evidence(line=1), ids={"imdb": "not-an-id"})
    assert b.entities == {}


def test_the_same_relation_twice_is_one_relation_with_both_evidence() -> None:
    b = builder()
    for line in (1, 2):
        b.claim(IRI, "cast_member", WHO, b.evidence(line=line), character=ROLE)
    b.claim(IRI, "cast_member", WHO, b.evidence(line=3))  # no character: another claim
    b.claim(IRI, "release_year", 1995, b.evidence(line=4))
    b.claim(IRI, "release_year", 1995, b.evidence(line=5))
    cast = [r for r in b.relations.values() if r.predicate == "cast_member"]
    assert [([e.line for e in r.evidence], r.qualifiers.character) for r in cast] == [
        ([1, 2], ROLE),
        ([3], None),
    ]
    (year,) = [r for r in b.relations.values() if r.predicate == "release_year"]
    assert [e.line for e in year.evidence] == [4, 5]


def test_relate_keeps_an_invalid_relation_as_a_located_problem_and_claim_raises() -> None:
    b = builder()
    b.relate(IRI, "release_year", "nineteen", b.evidence(pointer="/release_date"))
    b.relate(IRI, "directed_by", WHO, b.evidence(line=7), work="not an iri")
    assert [(p.file, p.field, p.line) for p in b.problems] == [
        ("in.json", "/release_date", None),
        ("in.json", "line 7", 7),
    ]
    assert b.problems[0].message.startswith("release_year: ")
    with pytest.raises(ValidationError):
        b.claim(IRI, "release_year", "nineteen", b.evidence(line=1))
    assert b.relations == {}


def test_build_holds_what_was_accumulated_in_order() -> None:
    b = builder()
    b.entity(IRI, FILM, "Heat", b.evidence(line=1))
    b.entity(WHO, PERSON, "Al Pacino", b.evidence(line=2))
    b.claim(IRI, "cast_member", WHO, b.evidence(line=2))
    event = Event(id="ug:event/1", label="the heist", kind=EventKind.THEFT, work=IRI, order=1,
                  evidence=[b.evidence(line=3)])  # fmt: skip
    b.events.append(event)
    source = Source(
        id="src", location="in.json", kind=SourceKind.TMDB, tier=CanonTier.OFFICIAL, content_hash="0" * 64
    )
    claims = b.build(source)
    assert claims.source is source
    assert [e.id for e in claims.entities] == [IRI, WHO]
    assert [(r.subject, r.object) for r in claims.relations] == [(IRI, WHO)]
    assert claims.events == [event]
    assert {e.source for e in claims.entities[0].evidence} == {"src"}
