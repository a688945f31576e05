"""Named queries: every one answers a hand-written question on the sample, and its twin agrees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from queryhelp import BALLERINA, CH2, CH3, CH4, CONTINENTAL, JW1, RELEASE_ORDER, UNIVERSE, c, qstore  # noqa: F401
from universe_graph.app import ingest_claims
from universe_graph.errors import BadInput, NotFound
from universe_graph.fixtures import pick_arguments, synthetic_franchise
from universe_graph.model import CanonTier, ClaimSet
from universe_graph.query import named_queries, named_query, run_named
from universe_graph.query.named import Column, _order_key
from universe_graph.stores.sync import UniverseStore

PARAMS: dict[str, dict[str, object]] = {
    "connections": {"entity": c("winston")},
    "appearances": {"character": c("winston")},
    "portrayals": {"character": c("winston")},
    "works": {"universe": UNIVERSE},
    "franchise_links": {"universe": UNIVERSE},
    "plot": {"work": BALLERINA},
    "participants": {"work": BALLERINA},
    "shared_characters": {"universe": UNIVERSE},
    "trained_by_chain": {"character": c("eve-macarro")},
    "members": {"organization": c("organization/ruska-roma")},
    "at_location": {"location": c("location/paris")},
    "kills": {"killer": c("john-wick")},
    "cast": {"work": JW1},
}


def pick(rows: list[dict[str, object]], *cols: str) -> list[tuple[Any, ...]]:
    return [tuple(r[col] for col in cols) for r in rows]


def test_every_named_query_is_tested_here() -> None:
    assert sorted(q.name for q in named_queries()) == sorted(PARAMS)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_twins_return_the_same_rows(qstore: UniverseStore, name: str) -> None:  # noqa: F811
    sparql = run_named(qstore, name, PARAMS[name])
    cypher = run_named(qstore, name, PARAMS[name], engine="cypher")
    assert sparql.rows, name
    assert sparql.columns == cypher.columns
    assert sorted(map(repr, sparql.rows)) == sorted(map(repr, cypher.rows))
    for canon in CanonTier:
        a = run_named(qstore, name, PARAMS[name], canon=canon)
        b = run_named(qstore, name, PARAMS[name], engine="cypher", canon=canon)
        assert sorted(map(repr, a.rows)) == sorted(map(repr, b.rows)), (name, canon)


@pytest.mark.parametrize("engine", ["sparql", "cypher"])
def test_connections(qstore: UniverseStore, engine: str) -> None:  # noqa: F811
    rows = run_named(qstore, "connections", {"entity": c("winston")}, engine=engine).rows  # type: ignore[arg-type]
    # 18 outgoing (leads, family, ally, betrayed, enemy, killed, 6 appears_in, 6 portrayed_by),
    # 3 incoming from the sample (John Wick's ally_of, Charon's works_for, the series' protagonist)
    # and the fan source's "Nogi trained_by Winston".
    assert len(rows) == 22
    assert set(pick(rows, "predicate", "direction", "name", "work")) >= {
        ("leads", "out", "The Continental", None),
        ("betrayed", "out", "John Wick", CH3),
        ("killed", "out", "Cormac O'Connor", CONTINENTAL),
        ("portrayed_by", "out", "Colin Woodell", CONTINENTAL),
        ("works_for", "in", "Charon", None),
        ("protagonist", "in", "The Continental", None),
        ("trained_by", "in", "Nogi", None),
    }
    fan = [r for r in rows if r["predicate"] == "trained_by"]
    assert fan[0]["sources"] == ["fan-theories"] and fan[0]["tier"] == "fan"
    canon_only = run_named(qstore, "connections", {"entity": c("winston")}, canon=CanonTier.CANON).rows
    assert len(canon_only) == 21 and all(r["tier"] == "canon" for r in canon_only)


def test_appearances_in_release_order(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "appearances", {"character": c("winston")}).rows
    assert pick(rows, "title", "year") == RELEASE_ORDER  # Winston is in every work


def test_portrayals(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "portrayals", {"character": c("winston")}).rows
    assert sorted(pick(rows, "name", "work")) == sorted(
        [("Colin Woodell", CONTINENTAL)] + [("Ian McShane", w) for w in (JW1, CH2, CH3, CH4, BALLERINA)]
    )


def test_works_positions(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "works", {"universe": UNIVERSE}).rows
    assert pick(rows, "title", "kind", "release_position", "chronology_position") == [
        ("John Wick", "Film", 0, 1),
        ("John Wick: Chapter 2", "Film", 1, 2),
        ("John Wick: Chapter 3 – Parabellum", "Film", 2, 3),
        ("John Wick: Chapter 4", "Film", 3, 5),
        ("The Continental", "Series", 4, 0),
        ("Ballerina", "Film", 5, 4),
    ]


def test_franchise_links(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "franchise_links", {"universe": UNIVERSE}).rows
    assert len(rows) == 12  # five `follows`, five `set_after`, two spin-offs
    assert [r for r in pick(rows, "title", "link", "other_title") if r[1] == "spin_off_of"] == [
        ("Ballerina", "spin_off_of", "John Wick"),
        ("The Continental", "spin_off_of", "John Wick"),
    ]
    assert ("The Continental", "follows", "John Wick: Chapter 4") in pick(
        rows, "title", "link", "other_title"
    )


def test_plot_and_participants(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "plot", {"work": BALLERINA}).rows
    assert pick(rows, "order", "act", "location_name") == [
        (1, 1, None),
        (2, 1, "Tarkovsky Theatre"),
        (3, 1, "Tarkovsky Theatre"),
        (4, 1, "Tarkovsky Theatre"),
        (5, 2, "Hallstatt"),
        (6, 3, "Hallstatt"),
        (7, 3, "Hallstatt"),
        (8, 3, "Hallstatt"),  # the review's event
    ]
    assert rows[-1]["sources"] == ["test-review"] and rows[-1]["tier"] == "review"
    canon = run_named(qstore, "plot", {"work": BALLERINA}, canon=CanonTier.OFFICIAL).rows
    assert len(canon) == 7
    people = run_named(qstore, "participants", {"work": BALLERINA}).rows
    assert len(people) == 18  # 3 + 3 + 3 + 2 + 2 + 2 + 2, and the review's one
    assert [(r["name"], r["role"]) for r in people if r["order"] == 3] == [
        ("Eve Macarro", "student"),
        ("Nogi", "mentor"),
        ("The Director", "mentor"),
    ] or sorted((r["name"], r["role"]) for r in people if r["order"] == 3) == [
        ("Eve Macarro", "student"),
        ("Nogi", "mentor"),
        ("The Director", "mentor"),
    ]


def test_shared_characters(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "shared_characters", {"universe": UNIVERSE}).rows
    assert {(r["name"], r["count"]) for r in rows} == {
        ("John Wick", 5),
        ("Winston Scott", 6),
        ("Charon", 6),
        ("The Bowery King", 3),
        ("The Director", 2),
        ("Aurelio", 2),
        ("The Adjudicator", 2),
        ("The Elder", 2),
    }
    director = next(r for r in rows if r["name"] == "The Director")
    assert director["works"] == sorted([CH3, BALLERINA])


def test_trained_by_chain(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "trained_by_chain", {"character": c("eve-macarro")}).rows
    assert pick(rows, "student_name", "mentor_name", "tier") == [
        ("Eve Macarro", "Nogi", "canon"),
        ("Eve Macarro", "The Director", "canon"),
        ("Nogi", "Winston Scott", "fan"),  # one step further up, from the fan source
    ]
    canon = run_named(
        qstore, "trained_by_chain", {"character": c("eve-macarro")}, canon=CanonTier.REVIEW
    ).rows
    assert pick(canon, "mentor_name") == [("Nogi",), ("The Director",)]


def test_members(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "members", {"organization": c("organization/ruska-roma")}).rows
    assert pick(rows, "relation", "name", "work") == [
        ("leads", "Katia", CH4),
        ("leads", "The Director", None),
        ("member_of", "Eve Macarro", None),
        ("member_of", "John Wick", None),
        ("member_of", "Nogi", None),
    ]


def test_at_location_includes_places_inside(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "at_location", {"location": c("location/paris")}).rows
    paris, sacre = c("location/paris"), c("location/sacre-coeur")
    assert sorted(pick(rows, "name", "how", "work", "place")) == sorted(
        [
            ("John Wick", "event", CH4, paris),
            ("Winston Scott", "event", CH4, paris),
            ("Marquis Vincent de Gramont", "event", CH4, paris),
            ("John Wick", "event", CH4, sacre),
            ("Mr. Nobody", "event", CH4, sacre),
            ("Marquis Vincent de Gramont", "event", CH4, sacre),
            ("Caine", "event", CH4, sacre),
        ]
    )


def test_kills(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "kills", {"killer": c("john-wick")}).rows
    assert sorted(pick(rows, "name", "work")) == sorted(
        [
            ("Iosef Tarasov", JW1),
            ("Viggo Tarasov", JW1),
            ("Gianna D'Antonio", CH2),
            ("Santino D'Antonio", CH2),
            ("Ares", CH2),
            ("Zero", CH3),
            ("The Elder", CH4),
            ("Marquis Vincent de Gramont", CH4),
            ("Killa Harkan", CH4),
        ]
    )


def test_cast(qstore: UniverseStore) -> None:  # noqa: F811
    rows = run_named(qstore, "cast", {"work": JW1}).rows
    assert len(rows) == 11
    assert ("Keanu Reeves", "John Wick") in pick(rows, "name", "character_name")
    assert ("Willem Dafoe", "Marcus") in pick(rows, "name", "character_name")


def test_values_are_bound_not_pasted(qstore: UniverseStore) -> None:  # noqa: F811
    hostile = c("o'neil')--(n)//")  # a valid IRI that would break pasted Cypher or SPARQL
    for engine in ("sparql", "cypher"):
        result = run_named(qstore, "kills", {"killer": hostile}, engine=engine)
        assert result.rows == []
        assert hostile not in result.query
    assert run_named(qstore, "kills", {"killer": c("john-wick")}, engine="cypher").rows  # nothing deleted


def test_unknown_query_lists_valid_names(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(NotFound) as info:
        run_named(qstore, "kils", {})
    assert "kills" in str(info.value)
    with pytest.raises(NotFound) as info:
        named_query("zzzz")
    assert "connections" in str(info.value) and "trained_by_chain" in str(info.value)


def test_bad_parameters_are_named(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(BadInput, match="needs killer="):
        run_named(qstore, "kills", {})
    with pytest.raises(BadInput, match="no parameter 'victim'"):
        run_named(qstore, "kills", {"killer": c("john-wick"), "victim": "x"})
    with pytest.raises(BadInput, match="must be an IRI"):
        run_named(qstore, "kills", {"killer": "John Wick"})
    with pytest.raises(BadInput, match="must be an IRI"):
        run_named(qstore, "kills", {"killer": 'https://x/"} } ; MATCH (n) DETACH DELETE n'})
    with pytest.raises(BadInput, match="not a valid IRI"):
        run_named(qstore, "kills", {"killer": "https://x/[1]"})


def test_headers_document_params_and_columns() -> None:
    for query in named_queries():
        assert query.description.endswith("?"), query.name
        assert query.columns and query.params, query.name
        for param in query.params:
            assert f"?{param.name}" in query.sparql and f"${param.name}" in query.cypher
        returned = query.cypher.rsplit("RETURN", 1)[1]
        for column in query.columns:
            if column.type == "tier":  # derived by the loader from the row's sources
                assert "sources" in [c.name for c in query.columns], query.name
                continue
            assert f"?{column.name}" in query.sparql, (query.name, column.name)
            assert (
                f"AS {column.name}" in returned
                or f" {column.name}," in returned
                or returned.rstrip().endswith(f" {column.name}")
            ), (query.name, column.name)


@pytest.fixture(scope="module")
def franchise(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[UniverseStore, ClaimSet]]:
    """The benchmark's synthetic franchise, small: every named query has rows to return on it."""
    claims = synthetic_franchise(4000, seed=3)
    with UniverseStore(tmp_path_factory.mktemp("franchise") / "store") as store:
        ingest_claims(store, [claims])
        yield store, claims


def test_synthetic_franchise_is_valid_claims() -> None:
    claims = synthetic_franchise(2000, seed=3)
    assert ClaimSet.model_validate(claims.model_dump()) == claims  # built unvalidated, but valid
    assert len(claims.relations) == 2000


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_twins_agree_on_the_synthetic_franchise(franchise: tuple[UniverseStore, ClaimSet], name: str) -> None:
    """Many more rows than the sample (the benchmark's data): each query answers for random
    arguments of the right type, and both engines give the same typed, ordered rows."""
    store, claims = franchise
    query = named_query(name)
    picks = pick_arguments(claims.entities, [p.name for p in query.params], 6, seed=5)
    counts = []
    for params in picks:
        sparql = run_named(store, name, params, engine="sparql").rows
        assert run_named(store, name, params, engine="cypher").rows == sparql, params
        counts.append(len(sparql))
    assert sum(counts) > 0, f"{name} returned no rows for {picks}"


def test_rows_are_ordered_case_folded_numbers_by_value_unbound_last() -> None:
    columns = [Column(name="name", type="string"), Column(name="year", type="integer")]
    key = _order_key(columns, ["name", "year"])
    rows: list[dict[str, object]] = [
        {"name": None, "year": 1},
        {"name": "b", "year": 3},
        {"name": "B", "year": -5},
        {"name": "a", "year": None},
        {"name": "a", "year": 10},
        {"name": "ab", "year": 2},
        {"name": "a", "year": 9},
    ]
    ordered = [(r["name"], r["year"]) for r in sorted(rows, key=key)]
    assert ordered == [("a", 9), ("a", 10), ("a", None), ("ab", 2), ("B", -5), ("b", 3), (None, 1)]
