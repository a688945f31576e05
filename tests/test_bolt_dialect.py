"""FalkorDB's Bolt port as the neo4j driver meets it: what the README's list of differences says.

Pinned so the list stays true: when a FalkorDB upgrade fixes one, this fails and the README changes.
"""

from __future__ import annotations

from typing import Any

import pytest

from bolthelp import BOLT_GRAPH, BOLT_URI, bolt_server, require_netns, run_isolated


def _probe() -> dict[str, Any]:
    import neo4j

    seen: dict[str, Any] = {}
    with bolt_server() as server, neo4j.GraphDatabase.driver(BOLT_URI, auth=None) as driver:
        for database in ("movies", "universe"):
            with driver.session(database=database) as session:
                session.run("CREATE (:Probe {n: 1})").consume()
        seen["graphs"] = sorted(server.graph(BOLT_GRAPH).execute_command("GRAPH.LIST"))
        with driver.session() as session:
            tx = session.begin_transaction()
            tx.run("CREATE (:Probe {n: 2})").consume()
            tx.rollback()
            seen["after_rollback"] = session.run("MATCH (p:Probe) RETURN count(p)").single()[0]  # type: ignore[index]
            for key, statement, params in [
                ("syntax_error", "MATCH (n RETURN n", {}),
                ("quote_in_parameter", "RETURN $v", {"v": "O'Connor"}),
                ("element_id", "MATCH (p:Probe) RETURN elementId(p)", {}),
                ("constraint", "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:Probe) REQUIRE n.n IS UNIQUE", {}),
                ("shortest_path_in_match", "MATCH p = shortestPath((a:Probe)-[*]-(b:Probe)) RETURN p", {}),
            ]:
                try:
                    seen[key] = session.run(statement, params).data()
                except neo4j.exceptions.Neo4jError as e:
                    seen[key] = type(e).__name__
        with neo4j.GraphDatabase.driver(BOLT_URI.replace("bolt:", "neo4j:"), auth=None) as routed:
            seen["routing"] = routed.execute_query("RETURN 1 AS x").records[0]["x"]
    return seen


@pytest.fixture(scope="module")
def seen() -> dict[str, Any]:
    require_netns()
    result: dict[str, Any] = run_isolated(_probe)
    return result


def test_database_names_are_not_honoured(seen: dict[str, Any]) -> None:
    """Every named database lands in one graph, `db`; a session without one uses `falkordb`."""
    assert seen["graphs"] == ["db"]


def test_rollback_is_ignored(seen: dict[str, Any]) -> None:
    assert seen["after_rollback"] == 1  # the rolled-back CREATE stayed


@pytest.mark.parametrize(
    "key", ["syntax_error", "quote_in_parameter", "element_id", "constraint", "shortest_path_in_match"]
)
def test_refused_as_a_generic_database_error(seen: dict[str, Any], key: str) -> None:
    assert seen[key] == "DatabaseError"  # Neo4j: ClientError (syntax) or an answer


def test_the_routing_scheme_works(seen: dict[str, Any]) -> None:
    assert seen["routing"] == 1
