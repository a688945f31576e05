"""The bundled John Wick sample: complete, valid, schema-conformant, and true to real data."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from universe_graph import ontology
from universe_graph.export import merge, schema, to_json_data
from universe_graph.fixtures import sample, sample_path
from universe_graph.model import EntityType, Export, SourceKind
from universe_graph.validate import shacl_problems

JW_FILE = "john-wick.universe.yaml"


@pytest.fixture(scope="module")
def export() -> Export:
    return merge(sample().claimsets)


@pytest.fixture(scope="module")
def data(export: Export) -> dict[str, Any]:
    return to_json_data(export)


def by_name(export: Export, name: str, kind: EntityType) -> str:
    found = [e.id for e in export.entities if e.name == name and e.type is kind]
    assert len(found) == 1, f"{name} ({kind.value}): {found}"
    return found[0]


def objects(export: Export, subject: str, predicate: str) -> set[object]:
    return {r.object for r in export.relations if r.subject == subject and r.predicate == predicate}


def test_sample_passes_shacl() -> None:
    assert shacl_problems(sample().claimsets) == []


def test_export_validates_against_the_contract_schema(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_what_the_contract_forbids(data: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(schema())
    bad = json.loads(json.dumps(data))
    bad["relations"][0]["predicate"] = "likes"
    bad["entities"][0]["type"] = "Hero"
    bad["events"][0]["evidence"] = []
    messages = [e.message for e in validator.iter_errors(bad)]
    assert any("likes" in m for m in messages)
    assert any("Hero" in m for m in messages)
    assert any("[]" in m or "non-empty" in m or "too short" in m for m in messages)


def test_every_predicate_the_sample_uses_is_in_the_ontology(export: Export) -> None:
    used = {r.predicate for r in export.relations}
    assert used <= set(ontology.predicates())
    assert {
        "appears_in",
        "cast_member",
        "portrayed_by",
        "killed",
        "betrayed",
        "trained_by",
        "member_of",
        "follows",
        "set_after",
        "spin_off_of",
        "fate",
        "part_of_universe",
    } <= used


def test_the_sample_has_what_the_issue_names(export: Export) -> None:
    works = {e.name for e in export.entities if e.type.is_work}
    assert {
        "John Wick",
        "John Wick: Chapter 2",
        "John Wick: Chapter 3 – Parabellum",
        "John Wick: Chapter 4",
        "Ballerina",
        "The Continental",
    } <= works
    assert sum(1 for e in export.entities if e.type is EntityType.CHARACTER) >= 30
    orgs = {e.name for e in export.entities if e.type is EntityType.ORGANIZATION}
    assert {"High Table", "The Continental", "Ruska Roma"} <= orgs
    for work in [e for e in export.entities if e.type.is_work and e.in_universe]:  # not compared films
        canon = {"john-wick-universe"}  # the review's plot events are in its own narrative order
        events = [ev for ev in export.events if ev.work == work.id and ev.evidence[0].source in canon]
        assert len(events) >= 5, work.name
        assert [ev.order for ev in events] == list(range(1, len(events) + 1))
        assert all(ev.act is not None for ev in events)


def test_john_wick_is_three_different_things(export: Export) -> None:
    character = by_name(export, "John Wick", EntityType.CHARACTER)
    film = by_name(export, "John Wick", EntityType.FILM)
    universe = by_name(export, "John Wick universe", EntityType.UNIVERSE)
    assert len({character, film, universe}) == 3
    assert objects(export, character, "appears_in") >= {film}
    assert objects(export, film, "part_of_universe") == {universe}


def test_orders_release_and_in_universe(export: Export) -> None:
    ballerina = by_name(export, "Ballerina", EntityType.FILM)
    ch3 = by_name(export, "John Wick: Chapter 3 – Parabellum", EntityType.FILM)
    continental = by_name(export, "The Continental", EntityType.SERIES)
    first = by_name(export, "John Wick", EntityType.FILM)
    ch4 = by_name(export, "John Wick: Chapter 4", EntityType.FILM)
    assert objects(export, ballerina, "set_after") == {ch3}
    assert objects(export, ch4, "set_after") == {ballerina}
    assert objects(export, first, "set_after") == {continental}
    assert objects(export, ballerina, "follows") == {continental}
    assert objects(export, ballerina, "spin_off_of") == {first}


def test_cast_carries_the_character_as_qualifier(export: Export) -> None:
    ballerina = by_name(export, "Ballerina", EntityType.FILM)
    eve = by_name(export, "Eve Macarro", EntityType.CHARACTER)
    ana = by_name(export, "Ana de Armas", EntityType.PERSON)
    casts = [
        r
        for r in export.relations
        if r.subject == ballerina and r.predicate == "cast_member" and r.object == ana
    ]
    assert len(casts) == 1 and casts[0].qualifiers.character == eve
    assert objects(export, eve, "portrayed_by") == {ana}


def test_evidence_points_at_the_yaml_line_that_states_it(export: Export) -> None:
    lines = (sample_path() / JW_FILE).read_text(encoding="utf-8").splitlines()
    winston = by_name(export, "Winston Scott", EntityType.CHARACTER)
    john = by_name(export, "John Wick", EntityType.CHARACTER)
    betrayal = [
        r for r in export.relations if (r.subject, r.predicate, r.object) == (winston, "betrayed", john)
    ]
    assert len(betrayal) == 1
    ev = betrayal[0].evidence[0]
    assert ev.pointer == "/characters/winston/betrayed/0"
    assert ev.line is not None and "john-wick" in lines[ev.line - 1] and "betrayed" in lines[ev.line - 1]
    assert betrayal[0].qualifiers.work == by_name(
        export, "John Wick: Chapter 3 – Parabellum", EntityType.FILM
    )


def test_the_review_is_a_review_source_about_ballerina(export: Export) -> None:
    review = [s for s in export.sources if s.kind is SourceKind.REVIEW]
    assert len(review) == 1
    assert review[0].tier.value == "review"
    assert review[0].about == by_name(export, "Ballerina", EntityType.FILM)
    text = (sample_path() / "reviews" / "ballerina-review.txt").read_bytes()
    import hashlib

    assert review[0].content_hash == hashlib.sha256(text).hexdigest()


# ---------------------------------------------------------------- cross-checks with real third-party files


def test_chapter_3_matches_the_real_tmdb_response(export: Export, shared: Path) -> None:
    details = json.loads((shared / "data/tmdb/marcospss_mock_john_wick_3_details.json").read_text())
    credits = json.loads((shared / "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json").read_text())
    ch3 = next(e for e in export.entities if e.external_ids.tmdb == f"movie/{details['id']}")
    assert ch3.name == details["title"]
    assert ch3.external_ids.imdb == details["imdb_id"]
    assert objects(export, ch3.id, "release_year") == {int(details["release_date"][:4])}
    assert {g["name"] for g in details["genres"]} <= {
        e.name for e in export.entities if e.id in objects(export, ch3.id, "genre")
    }
    directors = {e.name for e in export.entities if e.id in objects(export, ch3.id, "directed_by")}
    assert {c["name"] for c in credits["crew"] if c["job"] == "Director"} <= directors
    for member in credits["cast"]:
        person = next(e for e in export.entities if e.external_ids.tmdb == f"person/{member['id']}")
        character = by_name(export, member["character"], EntityType.CHARACTER)
        assert any(
            r.object == person.id and r.qualifiers.character == character
            for r in export.relations
            if r.subject == ch3.id and r.predicate == "cast_member"
        )


def test_john_wick_credits_match_metaqa(export: Export, shared: Path) -> None:
    rows = [
        line.rstrip("\n").split("|")
        for line in (shared / "data/metaqa/kb.txt").read_text(encoding="utf-8").splitlines()
    ]
    facts = {(p, o) for s, p, o in rows if s == "John Wick"}
    film = by_name(export, "John Wick", EntityType.FILM)
    names: dict[object, str] = {e.id: e.name for e in export.entities}
    ours = {("directed_by", names[o]) for o in objects(export, film, "directed_by")} | {
        ("written_by", names[o]) for o in objects(export, film, "written_by")
    }
    theirs = {(p, o) for p, o in facts if p in ("directed_by", "written_by")}
    assert theirs and theirs <= ours


def test_john_wick_ids_match_movielens_links(export: Export, shared: Path) -> None:
    film = next(e for e in export.entities if e.name == "John Wick" and e.type is EntityType.FILM)
    with (shared / "data/movielens/links.csv").open(encoding="utf-8") as f:  # movieId,imdbId,tmdbId
        _, imdb_id, tmdb_id = next(r for r in csv.reader(f) if r[0] == str(film.external_ids.movielens))
    assert film.external_ids.imdb == f"tt{imdb_id}"
    assert film.external_ids.tmdb == f"movie/{tmdb_id}"
