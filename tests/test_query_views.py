"""profile, works and timeline on the sample: sections, orders, acts, evidence; --canon and --as-of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from queryhelp import BALLERINA, CH3, CH4, CONTINENTAL, JW1, RELEASE_ORDER, c, qstore  # noqa: F401
from universe_graph.errors import AmbiguousName, NotFound
from universe_graph.model import CanonTier
from universe_graph.query import profile, timeline, works
from universe_graph.query.profile import Profile
from universe_graph.stores.sync import UniverseStore


def section(p: Profile, key: str) -> list[tuple[str, str | None, str | None]]:
    found = [s for s in p.sections if s.key == key]
    if not found:
        return []
    return [(f.label, f.other_name if f.other else str(f.value), f.work) for f in found[0].facts]


def test_profile_sections_and_appearances(qstore: UniverseStore) -> None:  # noqa: F811
    p = profile(qstore, "John Wick")
    assert (p.entity.iri, p.entity.type) == (c("john-wick"), "Character")
    assert "Baba Yaga" in p.entity.aliases
    assert section(p, "mentors") == [("trained by", "Ruska Roma", None), ("trained by", "The Director", None)]
    assert section(p, "fate") == [("fate", "dead", CH4)]
    assert ("killed", "Zero", CH3) in section(p, "kills") and len(section(p, "kills")) == 9
    assert ("betrayed by", "Winston Scott", CH3) in section(p, "enemies")
    assert ("family of", "Katia", CH4) in section(p, "family")
    assert {x[1] for x in section(p, "portrayed_by")} == {"Keanu Reeves"}
    assert [a.work for a in p.appearances] == [JW1, ID("film/john-wick-chapter-2"), CH3, CH4, BALLERINA]
    assert p.first_appearance == JW1 and p.appearances[0].first
    fate = next(s for s in p.sections if s.key == "fate").facts[0]
    assert fate.sources == ["john-wick-universe"] and fate.tier == "canon"
    assert fate.evidence[0].locator.startswith("line ")


def ID(path: str) -> str:
    return "https://w3id.org/universe-graph/id/" + path


def test_profile_canon_floor_drops_weaker_sources(qstore: UniverseStore) -> None:  # noqa: F811
    everything = profile(qstore, "Eve")
    assert ("ally of", "Viggo Tarasov", None) in section(everything, "allies")  # fan
    assert ("ally of", "John Wick", None) in section(everything, "allies")  # review
    official = profile(qstore, "Eve", canon=CanonTier.OFFICIAL)
    assert section(official, "allies") == [("ally of", "Daniel Pine", None)]
    review = profile(qstore, "Eve", canon=CanonTier.REVIEW)
    ally = next(f for f in review.sections if f.key == "allies").facts
    assert [(f.other_name, f.tier, f.sources) for f in ally] == [
        ("Daniel Pine", "canon", ["john-wick-universe"]),
        ("John Wick", "review", ["test-review"]),
    ]
    assert ally[1].evidence[0].quote == "Eve fights beside John Wick"


def test_profile_as_of_hides_a_later_death(qstore: UniverseStore) -> None:  # noqa: F811
    before = profile(qstore, "John Wick", as_of="John Wick: Chapter 3")
    assert section(before, "fate") == []  # he dies in Chapter 4
    assert ("killed", "Zero", CH3) in section(before, "kills")
    assert all(w in (JW1, ID("film/john-wick-chapter-2"), CH3, None) for _, _, w in section(before, "kills"))
    assert [a.work for a in before.appearances] == [JW1, ID("film/john-wick-chapter-2"), CH3]
    assert before.hidden > 0
    untied = [f for s in before.sections for f in s.facts if f.revealed_in is None]
    assert ("member of", "Ruska Roma") in [(f.label, f.other_name) for f in untied]  # shown, marked
    after = profile(qstore, "John Wick", as_of="John Wick: Chapter 4")
    assert section(after, "fate") == [("fate", "dead", CH4)]
    eve = profile(qstore, "Eve", canon=CanonTier.REVIEW, as_of="John Wick: Chapter 4")
    assert ("ally of", "John Wick", None) not in section(eve, "allies")  # the review is about Ballerina


def test_profile_of_an_ambiguous_name(qstore: UniverseStore) -> None:  # noqa: F811
    assert profile(qstore, "John Wick", type="Film").entity.iri == JW1
    with pytest.raises(AmbiguousName):
        profile(qstore, "Continental")


def test_works_in_both_orders(qstore: UniverseStore) -> None:  # noqa: F811
    f = works(qstore)
    assert f.universe.name == "John Wick universe"
    assert [(e.title, e.year) for e in f.release_order] == RELEASE_ORDER
    assert [e.work for e in f.chronology] == [
        CONTINENTAL,
        JW1,
        ID("film/john-wick-chapter-2"),
        CH3,
        BALLERINA,
        CH4,
    ]
    assert [(x.work, x.other) for x in f.spin_offs] == [(BALLERINA, JW1), (CONTINENTAL, JW1)]
    assert (CONTINENTAL, CH4) in [(x.work, x.other) for x in f.sequels]
    assert works(qstore, "John Wick franchise").universe.iri == f.universe.iri  # an alias
    with pytest.raises(NotFound):
        works(qstore, "Star Wars")


def test_timeline_by_act_with_review_events(qstore: UniverseStore) -> None:  # noqa: F811
    t = timeline(qstore, "Ballerina")
    assert [(a.act, [e.order for e in a.events]) for a in t.acts] == [
        (1, [1, 2, 3, 4]),
        (2, [5]),
        (3, [6, 7, 8]),
    ]
    training = t.acts[0].events[2]
    assert training.kind == "training" and training.location_name == "Tarkovsky Theatre"
    assert {(p.name, p.role) for p in training.participants} == {
        ("Eve Macarro", "student"),
        ("The Director", "mentor"),
        ("Nogi", "mentor"),
    }
    assert training.evidence[0].source == "john-wick-universe" and training.evidence[0].locator.startswith(
        "line"
    )
    review = t.acts[2].events[-1]
    assert (review.label, review.sources, review.source_kinds, review.tier) == (
        "Eve burns Hallstatt to the ground",
        ["test-review"],
        ["review"],
        "review",
    )
    assert review.evidence[0].quote == "Eve burns Hallstatt to the ground"
    strict = timeline(qstore, "Ballerina", canon=CanonTier.OFFICIAL)
    assert [e.order for a in strict.acts for e in a.events] == [1, 2, 3, 4, 5, 6, 7]


def test_timeline_as_of(qstore: UniverseStore) -> None:  # noqa: F811
    hidden = timeline(qstore, "Ballerina", as_of="John Wick: Chapter 4")
    assert hidden.acts == [] and hidden.hidden == 8
    shown = timeline(qstore, "John Wick: Chapter 3", as_of="John Wick: Chapter 4")
    assert sum(len(a.events) for a in shown.acts) == 8 and shown.hidden == 0
    continental = timeline(qstore, "The Continental")
    assert continental.acts[0].events[0].time == "1975"


def test_a_planet_in_a_film_is_a_place_not_a_character(tmp_path: Path, invoke: Invoke) -> None:
    """SWAPI's films name their characters and planets alike (`appears_in`): the profile sorts them
    by the type of the thing that appears."""
    film = {"title": "Harbour of Ash", "episode_id": 1, "director": "Ada Quell", "producer": "Ben Oru",
            "release_date": "1990-01-01", "characters": [1], "planets": [1]}  # fmt: skip
    person = {"name": "Orrin Vale", "homeworld": 1}
    files = {
        "films.json": [{"model": "resources.film", "pk": 1, "fields": film}],
        "people.json": [{"model": "resources.people", "pk": 1, "fields": person}],
        "planets.json": [{"model": "resources.planet", "pk": 1, "fields": {"name": "Caldera"}}],
    }
    for name, records in files.items():
        (tmp_path / name).write_text(json.dumps(records), encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", *(tmp_path / n for n in files)).exit_code == 0
    shown = invoke("--store", store, "profile", "Harbour of Ash", "--format", "json")
    assert shown.exit_code == 0, shown.output
    sections = {s["key"]: [f["other_name"] for f in s["facts"]] for s in json.loads(shown.stdout)["sections"]}
    assert sections["places"] == ["Caldera"]
    assert sections["characters"] == ["Orrin Vale"]


def test_swapi_films_make_a_universe_in_episode_order(tmp_path: Path, invoke: Invoke) -> None:
    """SWAPI's films are one universe's, and `episode_id` is its in-universe order (not release)."""
    released = ["Harbour of Ash", "Ember Road", "Before the Ash"]
    episodes = [2, 3, 1]
    films = [
        {
            "model": "resources.film",
            "pk": pk,
            "fields": {"title": t, "episode_id": e, "release_date": f"{1990 + pk}-01-01"},
        }
        for pk, (t, e) in enumerate(zip(released, episodes, strict=True), start=1)
    ]
    (tmp_path / "films.json").write_text(json.dumps(films), encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", tmp_path / "films.json").exit_code == 0
    shown = invoke("--store", store, "works", "Star Wars", "--format", "json")
    assert shown.exit_code == 0, shown.output
    franchise = json.loads(shown.stdout)
    assert [w["title"] for w in franchise["release_order"]] == released
    assert [w["title"] for w in franchise["chronology"]] == ["Before the Ash", "Harbour of Ash", "Ember Road"]
