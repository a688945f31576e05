"""Neo4j's movie guide through the Cypher endpoint: movies.cypher in a scratch graph, answers as expected."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from servehelp import Running, post, running
from test_bolt_movies import COUNTS, GUIDE, shape
from universe_graph.compat.movies import load_movies

DB = "movies"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("serve-movies")) as srv:
        projection = srv.state.store.projection
        assert projection is not None
        load_movies(projection.server.graph(DB), shared / "data" / "neo4j-movies" / "movies.cypher")
        yield srv


@pytest.fixture(scope="module")
def expected(shared: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (shared / "data" / "neo4j-movies" / "expected-answers.json").read_text()
    )
    return data


def rows(srv: Running, statement: str, params: dict[str, Any]) -> list[list[Any]]:
    response = post(f"{srv.url}/db/{DB}/query/v2", json={"statement": statement, "parameters": params})
    assert response.status_code == 202, response.text
    values: list[list[Any]] = response.json()["data"]["values"]
    return values


def test_counts(server: Running, expected: dict[str, Any]) -> None:
    counts = expected["counts"]
    assert rows(server, COUNTS["movies"], {}) == [[counts["movies"]]]
    assert rows(server, COUNTS["people"], {}) == [[counts["people"]]]
    assert dict((t, n) for t, n in rows(server, COUNTS["by_type"], {})) == counts["by_type"]


@pytest.mark.parametrize("key", list(GUIDE))
def test_guide_query_over_http(server: Running, expected: dict[str, Any], key: str) -> None:
    as_neo4j, adapted, params = GUIDE[key]
    got = shape(key, rows(server, adapted or as_neo4j, params))
    if key == "bacon_to_meg_ryan_all_shortest_paths":
        five = expected[key]
        assert got and all(path in five for path in got)  # any of the five Bacon paths
        assert all(len(path) - 1 == expected["bacon_to_meg_ryan_shortest_length"] for path in got)
    else:
        assert got == expected[key]


def test_neo4j_only_form_gets_a_neo4j_style_error(server: Running) -> None:
    statement, _, params = GUIDE["bacon_to_meg_ryan_all_shortest_paths"]
    response = post(f"{server.url}/db/{DB}/query/v2", json={"statement": statement, "parameters": params})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"].startswith("Neo.ClientError.Statement.")


def test_the_universe_is_not_the_movies(server: Running) -> None:
    assert rows(server, "MATCH (m:Movie) RETURN count(m)", {}) == [[38]]
    universe = post(f"{server.url}/db/neo4j/query/v2", json={"statement": "MATCH (m:Movie) RETURN count(m)"})
    assert universe.json()["data"]["values"] == [[0]]
