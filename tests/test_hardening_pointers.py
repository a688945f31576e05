"""Issue 16 (low): JSON pointers name what they point at. The whole document is `""` (RFC 6901),
never `/` (the member named by the empty string), and a release year points at the date it was read from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from universe_graph.ingest import SourceOptions, read_paths
from universe_graph.model import ClaimSet
from universe_graph.rdf import claimset_triples
from universe_graph.rdf_read import claimset_from_triples


def read(tmp_path: Path, data: dict[str, Any]) -> ClaimSet:
    path = tmp_path / "tmdb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded, errors = read_paths([path], kind="tmdb", options=SourceOptions(source_id="t"))
    assert not errors, errors
    (claims,) = loaded.claimsets
    return claims


def pointers(claims: ClaimSet, predicate: str) -> list[str | None]:
    return [ev.pointer for r in claims.relations if r.predicate == predicate for ev in r.evidence]


def test_a_movie_is_the_document_root_and_its_year_points_at_its_date(tmp_path: Path) -> None:
    claims = read(tmp_path, {"id": 9101, "title": "The Lantern Orchard", "release_date": "1998-04-02"})
    (film,) = claims.entities
    assert [ev.pointer for ev in film.evidence] == [""]
    assert pointers(claims, "release_year") == ["/release_date"]
    # the root pointer survives the store's RDF both ways (an empty literal, not a missing one)
    assert claimset_from_triples(claimset_triples(claims), "t").entities[0].evidence[0].pointer == ""


def test_a_show_year_points_at_its_first_air_date(tmp_path: Path) -> None:
    claims = read(
        tmp_path, {"id": 77, "name": "Harbour Lights", "first_air_date": "2003-01-09", "number_of_seasons": 2}
    )
    assert pointers(claims, "release_year") == ["/first_air_date"]


def test_a_collection_part_year_points_into_its_part(tmp_path: Path) -> None:
    parts = [
        {"id": 5, "title": "Ember Road", "release_date": "2001-05-05"},
        {"id": 6, "title": "Ember Road II", "release_date": ""},  # no date: no year, no pointer
        {"id": 7, "title": "Ember Road III", "release_date": "2009-09-09"},
    ]
    claims = read(tmp_path, {"id": 40, "name": "Ember Road Collection", "parts": parts})
    assert sorted(str(p) for p in pointers(claims, "release_year")) == [
        "/parts/0/release_date",
        "/parts/2/release_date",
    ]
    universe = next(e for e in claims.entities if e.name == "Ember Road Collection")
    assert [ev.pointer for ev in universe.evidence] == [""]


def test_a_person_is_the_document_root(tmp_path: Path) -> None:
    claims = read(
        tmp_path, {"id": 31, "name": "Oda Brenner", "also_known_as": [], "known_for_department": "Acting"}
    )
    (person,) = claims.entities
    assert [ev.pointer for ev in person.evidence] == [""]


def test_a_refused_value_at_the_root_names_the_document_root(tmp_path: Path) -> None:
    path = tmp_path / "tmdb.json"
    path.write_text(json.dumps({"id": 9102, "title": "Night\u0000Ferry", "release_date": "1999-01-01"}))
    _, errors = read_paths([path], kind="tmdb", options=SourceOptions(source_id="t"))
    assert errors and "(evidence at the document root)" in str(errors[0]), errors
