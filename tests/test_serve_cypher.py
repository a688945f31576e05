"""Cypher over HTTP in the shape of Neo4j's Query API: read-only, bounded, Neo4j-style errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from servehelp import JOHN, TIMEOUT, Running, build_store, running
from universe_graph.fixtures import synthetic


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("serve-cypher")
    build_store(folder, extra=[synthetic(2000)])
    with running(folder, timeout=2.0, max_rows=100) as srv:
        yield srv


def post(
    srv: Running, statement: str, parameters: dict[str, Any] | None = None, db: str = "neo4j"
) -> httpx.Response:
    body: dict[str, Any] = {"statement": statement}
    if parameters is not None:
        body["parameters"] = parameters
    return httpx.post(f"{srv.url}/db/{db}/query/v2", json=body, timeout=TIMEOUT)


def test_query_with_parameters(server: Running) -> None:
    response = post(
        server,
        "MATCH (c:Character {iri: $iri})-[:TRAINED_BY]->(t) RETURN t.name AS trainer ORDER BY trainer",
        {"iri": JOHN},
    )
    assert response.status_code == 202, response.text
    data = response.json()["data"]
    assert data["fields"] == ["trainer"]
    direct = server.state.store.projection.query(  # type: ignore[union-attr]
        "MATCH (c:Character {iri: $iri})-[:TRAINED_BY]->(t) RETURN t.name ORDER BY t.name", {"iri": JOHN}
    )[1]
    assert data["values"] == direct and direct


def test_nodes_relationships_and_paths_in_query_api_shape(server: Running) -> None:
    response = post(
        server,
        "MATCH p = (c:Character {iri: $iri})-[r:TRAINED_BY]->(t) RETURN c, r, p LIMIT 1",
        {"iri": JOHN},
    )
    assert response.status_code == 202
    node, rel, path = response.json()["data"]["values"][0]
    assert set(node) == {"elementId", "labels", "properties"}
    assert "Character" in node["labels"] and node["properties"]["name"] == "John Wick"
    assert not any(k.startswith("_") for k in node["properties"])  # internal bookkeeping stays inside
    assert rel["type"] == "TRAINED_BY" and rel["startNodeElementId"] == node["elementId"]
    assert [part.get("type", "node") for part in path] == ["node", "TRAINED_BY", "node"]


def test_default_database_names(server: Running) -> None:
    for db in ("neo4j", "universe"):
        assert post(server, "RETURN 1 AS one", db=db).json()["data"]["values"] == [[1]]
    for db in ("universe_sync", "nope", "bad name!"):
        response = post(server, "RETURN 1 AS one", db=db)
        assert response.status_code == 404, (db, response.text)
        assert response.json()["errors"][0]["code"] == "Neo.ClientError.Database.DatabaseNotFound"


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE (n:Hack) RETURN n",
        "MATCH (n:Character) SET n.name = 'x'",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:Hack {a: 1})",
        "MATCH (n:Character) REMOVE n.name",
    ],
)
def test_writes_are_refused(server: Running, statement: str) -> None:
    response = post(server, statement)
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["code"] == "Neo.ClientError.Statement.AccessMode"
    assert "read-only" in error["message"]
    assert post(server, "MATCH (n:Hack) RETURN count(n) AS n").json()["data"]["values"] == [[0]]
    assert post(server, "MATCH (n:Character {iri: $i}) RETURN n.name AS n", {"i": JOHN}).json()["data"][
        "values"
    ] == [["John Wick"]]


def test_syntax_and_type_errors(server: Running) -> None:
    syntax = post(server, "MATC (n) RETURN n")
    assert syntax.status_code == 400
    assert syntax.json()["errors"][0]["code"] == "Neo.ClientError.Statement.SyntaxError"
    typed = post(server, "RETURN $x.y AS v", {"x": 1})
    assert typed.status_code == 400
    assert typed.json()["errors"][0]["code"].startswith("Neo.ClientError.Statement.")


def test_values_are_parameters_not_text(server: Running) -> None:
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    response = post(server, "MATCH (c:Character {name: $name}) RETURN c.name AS name", {"name": hostile})
    assert response.status_code == 202 and response.json()["data"]["values"] == []
    assert post(server, "MATCH (n:Node) RETURN count(n) > 0 AS some").json()["data"]["values"] == [[True]]


def test_row_limit_and_timeout(server: Running) -> None:
    many = post(server, "MATCH (n:Node) RETURN n.iri AS iri")
    assert many.status_code == 202
    body = many.json()
    assert len(body["data"]["values"]) == 100
    assert body["notifications"][0]["code"] == "UG.ClientNotification.Result.Truncated"
    slow = post(
        server, "MATCH (a:Character), (b:Character), (c:Character), (d:Character) RETURN count(*) AS n"
    )
    assert slow.status_code == 408
    assert (
        slow.json()["errors"][0]["code"]
        == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
    )
    assert post(server, "RETURN 2 AS two").json()["data"]["values"] == [[2]]


@pytest.mark.parametrize(
    "body",
    [{}, {"statement": ""}, {"statement": 5}, {"statement": "RETURN 1", "parameters": [1, 2]}, "not json"],
)
def test_malformed_requests(server: Running, body: object) -> None:
    if isinstance(body, str):
        response = httpx.post(
            f"{server.url}/db/neo4j/query/v2",
            content=body,
            headers={"Content-Type": "application/json"},
            timeout=TIMEOUT,
        )
    else:
        response = httpx.post(f"{server.url}/db/neo4j/query/v2", json=body, timeout=TIMEOUT)
    assert response.status_code == 400, response.text
    assert set(response.json()) == {"errors"}
