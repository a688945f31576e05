"""TMDb, SWAPI and MovieLens readers on the real samples, bad input, and identity across sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.errors import BadInput
from universe_graph.export import merge
from universe_graph.fixtures import sample_path
from universe_graph.ingest import SourceOptions, load_paths
from universe_graph.model import ClaimSet, EntityType, Export, ExternalIds, SourceKind
from universe_graph.resolve import normal, resolve_all, resolve_batch
from universe_graph.validate import shacl_problems

UNIVERSE = sample_path() / "john-wick.universe.yaml"


def one(path: Path, **options: object) -> ClaimSet:
    (claims,) = load_paths([path], options=SourceOptions(**options)).claimsets  # type: ignore[arg-type]
    return claims


def names(claims: ClaimSet | Export, kind: EntityType) -> set[str]:
    return {e.name for e in claims.entities if e.type is kind}


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        pytest.param("tmdb/marcospss_mock_john_wick_3_details.json", SourceKind.TMDB, id="tmdb-details"),
        pytest.param(
            "tmdb/marcospss_mock_john_wick_3_credits_trimmed.json", SourceKind.TMDB, id="tmdb-credits"
        ),
        pytest.param("tmdb/klammertime_collection_10_star_wars.json", SourceKind.TMDB, id="tmdb-collection"),
        pytest.param("tmdb/calum4_person_5.json", SourceKind.TMDB, id="tmdb-person"),
        pytest.param("tmdb/calum4_person_956_combined_credits.json", SourceKind.TMDB, id="tmdb-combined"),
        pytest.param("swapi/films.json", SourceKind.SWAPI, id="swapi-films"),
        pytest.param("swapi/people.json", SourceKind.SWAPI, id="swapi-people"),
        pytest.param("movielens/links.csv", SourceKind.MOVIELENS, id="movielens-links"),
    ],
)
def test_detected_by_content_and_valid(shared: Path, file: str, kind: SourceKind) -> None:
    claims = one(shared / "data" / file)
    assert claims.source.kind is kind
    assert claims.entities
    if len(claims.entities) < 2000:
        assert shacl_problems([claims]) == []


def test_tmdb_details(shared: Path) -> None:
    data = json.loads((shared / "data/tmdb/marcospss_mock_john_wick_3_details.json").read_text())
    claims = one(shared / "data/tmdb/marcospss_mock_john_wick_3_details.json")
    film = next(e for e in claims.entities if e.type is EntityType.FILM)
    assert film.name == data["title"] and film.external_ids.imdb == data["imdb_id"]
    assert film.external_ids.tmdb == f"movie/{data['id']}"
    facts = {(r.predicate, r.object) for r in claims.relations if r.subject == film.id}
    assert ("release_year", 2019) in facts and ("rating", data["vote_average"]) in facts
    assert ("votes", data["vote_count"]) in facts and ("language", "English") in facts
    assert names(claims, EntityType.GENRE) == {g["name"] for g in data["genres"]}
    assert names(claims, EntityType.UNIVERSE) == {data["belongs_to_collection"]["name"]}


def test_tmdb_credits_and_collection(shared: Path) -> None:
    credits = one(shared / "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json")
    cast = [r for r in credits.relations if r.predicate == "cast_member"]
    assert len(cast) == 1 and cast[0].qualifiers.character is not None
    assert {"John Wick"} == names(credits, EntityType.CHARACTER)
    assert {"Keanu Reeves", "Chad Stahelski"} == names(credits, EntityType.PERSON)
    collection = one(shared / "data/tmdb/klammertime_collection_10_star_wars.json")
    parts = json.loads((shared / "data/tmdb/klammertime_collection_10_star_wars.json").read_text())["parts"]
    assert len([r for r in collection.relations if r.predicate == "part_of_series"]) == len(parts)
    dated = [p for p in parts if p.get("release_date")]
    assert len([r for r in collection.relations if r.predicate == "follows"]) == len(dated) - 1


def test_swapi_links_characters_to_films(shared: Path) -> None:
    films = one(shared / "data/swapi/films.json")
    assert "A New Hope" in names(films, EntityType.FILM)
    assert "George Lucas" in names(films, EntityType.PERSON)
    people = one(shared / "data/swapi/people.json")
    together = merge([films, people, one(shared / "data/swapi/planets.json")])
    luke = next(e for e in together.entities if e.name == "Luke Skywalker")
    film_names: dict[object, str] = {e.id: e.name for e in together.entities}
    appears = {
        film_names[r.object]
        for r in together.relations
        if r.subject == luke.id and r.predicate == "appears_in"
    }
    assert "A New Hope" in appears
    home = [
        film_names[r.object]
        for r in together.relations
        if r.subject == luke.id and r.predicate == "resides_in"
    ]
    assert home == ["Tatooine"]  # a real name replaced the placeholder "planets/1"


def test_movielens_links_and_titles(shared: Path) -> None:
    links = one(shared / "data/movielens/links.csv")
    film = next(e for e in links.entities if e.external_ids.movielens == 115149)
    assert film.external_ids.imdb == "tt2911666" and film.external_ids.tmdb == "movie/245891"
    movies = one(shared / "data/movielens/movies.csv")
    heat = [e for e in movies.entities if e.name == "The Wicker Man"]
    assert len(heat) == 2  # "Wicker Man, The" (1973) and (2006): two films, never merged by title alone


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        pytest.param(
            b'{"id": 1, "title": "X", "poster_path": null', "t.json", "malformed JSON", id="truncated-json"
        ),
        pytest.param(b'{"id": -4, "title": "X", "poster_path": null}', "t.json", "/id", id="bad-tmdb-id"),
        pytest.param(
            b'{"id": 4, "title": "X", "imdb_id": "tt12", "poster_path": null}',
            "t.json",
            "/imdb_id",
            id="imdb-id-wrong-form",
        ),
        pytest.param(b"1,0114709,862\n2,011349x,8844\n", "links.csv", "imdbId", id="movielens-bad-id"),
        pytest.param(
            b"1,0114709,862\n2,0113497\n", "links.csv", "expected 3 columns", id="movielens-columns"
        ),
        pytest.param(
            b'[{"model": "resources.people", "pk": 0, "fields": {"name": "A"}}]',
            "p.json",
            "/0/pk",
            id="swapi-bad-pk",
        ),
    ],
)
def test_bad_input_is_located_or_skipped(tmp_path: Path, content: bytes, name: str, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    kind = {"t.json": "tmdb", "links.csv": "movielens", "p.json": "swapi"}[name]
    with pytest.raises(BadInput) as exc:
        load_paths([path], kind=kind)
    assert expected in str(exc.value) and str(path) in str(exc.value)
    if "malformed" in expected:
        assert exc.value.problems[0].line == 1
        return
    loaded = load_paths([path], kind=kind, options=SourceOptions(on_error="skip"))
    assert any("skipped 1 bad row" in w for w in loaded.warnings)


def test_identity_across_sources(shared: Path) -> None:
    tmdb = shared / "data/tmdb"
    batch = [
        one(UNIVERSE),
        one(tmdb / "marcospss_mock_john_wick_3_details.json"),
        one(tmdb / "marcospss_mock_john_wick_3_credits_trimmed.json"),
        one(shared / "data/movielens/links.csv"),
    ]
    resolved, reports = resolve_all(batch)
    export = merge(resolved)
    ch3 = [e for e in export.entities if e.external_ids.tmdb == "movie/458156"]
    assert len(ch3) == 1 and ch3[0].name == "John Wick: Chapter 3 – Parabellum"  # one film, by its TMDb id
    sources = {ev.source for ev in ch3[0].evidence}
    assert sources == {
        "john-wick-universe",
        "marcospss-mock-john-wick-3-details",
        "marcospss-mock-john-wick-3-credits-trimmed",
    }
    keanu = [e for e in export.entities if e.name == "Keanu Reeves"]
    assert len(keanu) == 1  # by TMDb person id
    wicks = [e for e in export.entities if normal(e.name) == "john wick"]
    assert sorted(e.type.value for e in wicks) == ["Character", "Film"]  # the TMDb character joined ours
    first = [e for e in export.entities if e.external_ids.movielens == 115149]
    assert len(first) == 1 and first[0].name == "John Wick"  # MovieLens links joined by IMDb/TMDb id
    cast = [
        r
        for r in export.relations
        if r.predicate == "cast_member" and r.subject == ch3[0].id and r.object == keanu[0].id
    ]
    assert {ev.source for ev in cast[0].evidence} == {
        "john-wick-universe",
        "marcospss-mock-john-wick-3-credits-trimmed",
    }
    assert reports == []


def test_works_by_title_and_year_and_ambiguity_reported(tmp_path: Path) -> None:
    base = "1,Heat (1995),Action\n2,Heat (1995),Crime\n3,Sabrina (1995),Comedy\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "movies.csv").write_text(base, encoding="utf-8")
    (tmp_path / "b" / "movies.csv").write_text(
        "7,Heat (1995),Drama\n8,Sabrina (1995),Drama\n9,Sabrina (1954),Drama\n", encoding="utf-8"
    )
    first = one(tmp_path / "a" / "movies.csv", source_id="a")
    listed = one(tmp_path / "b" / "movies.csv", source_id="b")
    (_, apart), _ = resolve_all([first, listed])  # two MovieLens ids: two things, whatever the title
    assert {e.id for e in apart.entities} == {e.id for e in listed.entities}
    bare = [e.model_copy(update={"external_ids": ExternalIds()}) for e in listed.entities]
    second = listed.model_copy(update={"entities": bare})  # the same titles from a source without ids
    done = resolve_batch([first, second])
    kept = {e.external_ids.movielens: done.result.mapping.get(e.id, e.id) for e in listed.entities}
    sabrina_1995 = next(e.id for e in first.entities if e.external_ids.movielens == 3)
    assert kept[8] == done.result.mapping.get(sabrina_1995, sabrina_1995)  # same title, same year: one film
    assert kept[9] != kept[8]  # same title, other year: another film
    reports = done.result.reports()
    assert any("Heat" in r and "not merged" in r for r in reports)  # two known Heats (1995): refuse to guess
    assert kept[7].endswith("movielens-7")


def test_an_unknown_character_name_stays_its_own_entity(shared: Path, tmp_path: Path) -> None:
    credits = json.loads((shared / "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json").read_text())
    credits["cast"][0]["character"] = "Jardani's Shadow"
    path = tmp_path / "credits.json"
    path.write_text(json.dumps(credits), encoding="utf-8")
    (_, resolved), _ = resolve_all([one(UNIVERSE), one(path)])
    shadow = [e for e in resolved.entities if e.name == "Jardani's Shadow"]
    assert len(shadow) == 1 and "/tmdb/character/" in shadow[0].id


def test_on_error_through_the_cli(tmp_path: Path, invoke: Invoke) -> None:
    bad = tmp_path / "links.csv"
    rows = [f"{i},{114700 + i:07d},{800 + i}" for i in range(1, 11)]
    rows[1] = "2,011349x,8844"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    failed = invoke("--store", store, "ingest", bad)
    assert (
        failed.exit_code == 1 and f"error: {bad}:2: imdbId: imdbId '011349x' is not a number" in failed.stderr
    )
    skipped = invoke("--store", store, "ingest", bad, "--on-error", "skip", "--report", "json")
    assert skipped.exit_code == 0, skipped.output
    assert "skipped 1 bad row(s) or record(s)" in skipped.stderr
    assert json.loads(skipped.stdout)["changes"][0]["entities"] == 9


def test_identity_against_what_the_store_holds(tmp_path: Path, invoke: Invoke, shared: Path) -> None:
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", UNIVERSE).exit_code == 0
    details = shared / "data/tmdb/marcospss_mock_john_wick_3_details.json"
    assert invoke("--store", store, "ingest", details).exit_code == 0  # a later command, a separate source
    data = json.loads(invoke("--store", store, "export", "--format", "json").stdout)
    films = [e for e in data["entities"] if e["external_ids"].get("tmdb") == "movie/458156"]
    assert len(films) == 1 and films[0]["id"].endswith("/film/john-wick-chapter-3")
    rating = [r for r in data["relations"] if r["subject"] == films[0]["id"] and r["predicate"] == "rating"]
    assert [ev["source"] for ev in rating[0]["evidence"]] == ["marcospss-mock-john-wick-3-details"]
    query = "MATCH (f:Film {iri: $iri}) RETURN f.rating, f.release_year, f.sources"
    result = invoke(
        "--store", store, "cypher", query, "--param", f'iri="{films[0]["id"]}"', "--format", "json"
    )
    assert json.loads(result.stdout)["values"] == [
        [7.5, 2019, ["john-wick-universe", "marcospss-mock-john-wick-3-details"]]
    ]


def test_the_store_index_resolves_like_the_claims_index(tmp_path: Path, shared: Path) -> None:
    import copy

    from universe_graph.resolve import Index, index_from_store, resolve_batch
    from universe_graph.stores.oxigraph import OxigraphStore

    stored = [one(UNIVERSE), one(shared / "data/movielens/links.csv")]
    store = OxigraphStore(tmp_path / "store")
    try:
        for claims in stored:
            store.put(claims)
        from_store = index_from_store(store)
    finally:
        store.close()
    from_claims = Index()
    for claims in stored:
        from_claims.add(claims)
    assert from_store.nodes == from_claims.nodes
    assert from_store.shown == from_claims.shown
    tmdb = shared / "data/tmdb"
    for file in [
        "marcospss_mock_john_wick_3_details.json",
        "marcospss_mock_john_wick_3_credits_trimmed.json",
        "calum4_person_956_combined_credits.json",
    ]:
        incoming = one(tmdb / file)
        a = resolve_batch([incoming], index=copy.deepcopy(from_store)).result  # the stored index alone
        b = resolve_batch([incoming], known=stored).result
        assert a == b, file
        assert a.merged, file  # something was recognised in each
