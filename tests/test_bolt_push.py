"""`push neo4j` over real Bolt (FalkorDB's Bolt port, in a private network namespace).

The production code sends Neo4j's Cypher with the official driver. Two FalkorDB divergences are
adapted here, in the tests only (in the forked child that talks to FalkorDB): its Bolt port runs
no Neo4j 5 constraint statements, so `prepare` uses FalkorDB's own index and constraint commands
(the statements themselves are checked by a Cypher parser); it pastes string parameters into
the query text without escaping (a `'` in a value fails, a backslash escapes), so string values
are escaped before they are sent; and a new connection after a driver closed its own can hang in
the handshake, so one driver is shared by everything in the child.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from graphglot.dialect import Dialect  # type: ignore[import-untyped]

from bolthelp import BOLT_GRAPH, BOLT_URI, bolt_server, require_netns, run_isolated
from storehelp import dump
from test_stores import changed_universe, read
from universe_graph.app import ingest_claims
from universe_graph.fixtures import sample
from universe_graph.stores import cypher
from universe_graph.stores.config import StoreConfig, save_config
from universe_graph.stores.falkordb_server import EmbeddedFalkorDB
from universe_graph.stores.neo4j import MARKER, Neo4jProjection, Neo4jSettings, PushReport
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.sync import UniverseStore

SETTINGS = Neo4jSettings(uri=BOLT_URI)


def falkordb_prepare(server: EmbeddedFalkorDB) -> None:
    """What Neo4j's uniqueness constraints do, in FalkorDB's commands (a test-only adaptation)."""
    graph = server.graph(BOLT_GRAPH)
    for label, prop in (("Node", "iri"), (MARKER, "source")):
        try:
            graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
            graph.create_node_unique_constraint(label, prop)
        except Exception as e:
            if "already" not in str(e):
                raise


@pytest.fixture(autouse=True)
def _netns() -> None:
    require_netns()


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    return folder


def _escaped(value: Any) -> Any:
    """A parameter value as FalkorDB's Bolt port needs it: `\\` and `'` escaped in strings."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


class _SharedDriver:
    """One driver for the whole child: `close()` leaves it open."""

    def __init__(self, driver: neo4j.Driver) -> None:
        self._driver = driver

    def __getattr__(self, name: str) -> Any:
        return getattr(self._driver, name)

    def close(self) -> None:
        pass

    def __enter__(self) -> _SharedDriver:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def adapt_to_falkordb(server: EmbeddedFalkorDB) -> None:
    """Patch Neo4jProjection for FalkorDB's Bolt port; call only in the isolated child (it exits)."""
    run = Neo4jProjection._run

    def escaped_run(self: Neo4jProjection, statement: str, params: Any = None) -> list[list[Any]]:
        return run(self, statement, _escaped(dict(params or {})))

    shared = _SharedDriver(neo4j.GraphDatabase.driver(BOLT_URI, auth=None))
    neo4j.GraphDatabase.driver = lambda *args, **kwargs: shared  # type: ignore[method-assign, assignment]
    Neo4jProjection._run = escaped_run  # type: ignore[method-assign]
    Neo4jProjection._run_sync = escaped_run
    Neo4jProjection.prepare = lambda self: falkordb_prepare(server)  # type: ignore[method-assign]


def pushed_graph(target: Neo4jProjection) -> dict[str, Any]:
    """Everything the pushed graph holds, in the shape `storehelp.dump` gives for the embedded one."""
    nodes = sorted((row[0], tuple(sorted(row[1])), row[2]) for row in target.nodes())
    counts = target._run(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n), count(r), "
        "sum(size(keys(n))) AS node_properties"
    )[0]
    return {"edges": target.edges(), "nodes": nodes, "counts": counts}


def push(folder: Path, server: EmbeddedFalkorDB) -> tuple[PushReport, dict[str, Any]]:
    canonical = OxigraphStore(folder, read_only=True)
    try:
        with Neo4jProjection(SETTINGS) as target:
            report = target.push(canonical)
            return report, pushed_graph(target)
    finally:
        canonical.close()


def _push_twice(store_dir: Path) -> Any:
    with bolt_server() as server:
        adapt_to_falkordb(server)
        first, graph = push(store_dir, server)
        second, again = push(store_dir, server)
        return first, graph, second, again


def test_the_sample_pushed_over_bolt_equals_the_embedded_projection(store_dir: Path) -> None:
    embedded = dump(store_dir)  # asserts the embedded projection equals the canonical graph
    first, graph, second, again = run_isolated(_push_twice, store_dir)
    assert sorted(first.projected) == sorted(embedded["canonical"]) and first.removed == []
    assert first.counts.nodes_created > 0 and first.counts.relationships_created > 500
    assert graph["edges"] == embedded["edges"]
    assert graph["nodes"] == embedded["nodes"]
    # idempotent: the second push projects nothing, writes nothing, and the counts stay
    assert second.projected == [] and second.removed == [] and second.current == len(first.projected)
    assert not second.counts.changed
    assert again == graph


def _change_and_retract(store_dir: Path, changed: Path) -> Any:
    with bolt_server() as server:
        adapt_to_falkordb(server)
        push(store_dir, server)
        with UniverseStore(store_dir) as store:
            ingest_claims(store, read(changed))
        update, graph = push(store_dir, server)
        with UniverseStore(store_dir) as store:
            store.retract("ballerina-review")
        retracted, after = push(store_dir, server)
        return update, graph, retracted, after


def test_push_is_incremental_and_follows_retract(store_dir: Path, tmp_path: Path) -> None:
    changed, graph, retracted, after = run_isolated(
        _change_and_retract, store_dir, changed_universe(tmp_path)
    )
    assert changed.projected == ["john-wick-universe"] and changed.current == 1
    assert retracted.projected == [] and retracted.removed == ["ballerina-review"]
    embedded = dump(store_dir)
    assert after["edges"] == embedded["edges"] and after["nodes"] == embedded["nodes"]
    assert any(e[0].endswith("/character/grace") and e[1] == "MEMBER_OF" for e in graph["edges"])
    assert not any("ballerina-review" in e[4] for e in after["edges"])


def _ingest_following(store_dir: Path, changed: Path) -> Any:
    with bolt_server() as server:
        adapt_to_falkordb(server)
        with UniverseStore(store_dir) as store:
            ingest_claims(store, read(changed))
            pushed, reports = store.pushed, store.reports
        with Neo4jProjection(SETTINGS) as target:
            graph = pushed_graph(target)
        return pushed, reports, graph


def test_a_following_neo4j_is_kept_in_sync_on_ingest(store_dir: Path, tmp_path: Path) -> None:
    save_config(store_dir, StoreConfig(neo4j=SETTINGS))
    pushed, reports, graph = run_isolated(_ingest_following, store_dir, changed_universe(tmp_path))
    assert reports == []
    assert pushed is not None and sorted(pushed.projected) == ["ballerina-review", "john-wick-universe"]
    embedded = dump(store_dir)
    assert graph["edges"] == embedded["edges"] and graph["nodes"] == embedded["nodes"]


def _ingest_unreachable(store_dir: Path, changed: Path) -> Any:
    with UniverseStore(store_dir) as store:  # nothing listens in the namespace: the push fails
        changes = ingest_claims(store, read(changed)).changes
        return [c.outcome for c in changes], store.reports


def test_an_unreachable_following_neo4j_is_a_warning_not_a_lost_ingest(
    store_dir: Path, tmp_path: Path
) -> None:
    save_config(store_dir, StoreConfig(neo4j=Neo4jSettings(uri="bolt://127.0.0.1:9")))
    outcomes, reports = run_isolated(_ingest_unreachable, store_dir, changed_universe(tmp_path))
    assert outcomes == ["replaced"]
    assert len(reports) == 1 and "push neo4j" in reports[0] and "cannot reach" in reports[0]


@pytest.fixture(scope="module")
def neo4j_dialect() -> Iterator[Dialect]:
    yield Dialect.get_or_raise("neo4j")


def test_the_constraint_statements_are_neo4j_cypher(neo4j_dialect: Dialect) -> None:
    statements = cypher.unique_constraints(MARKER)
    assert len(statements) == 2
    for statement in statements:
        assert neo4j_dialect.validate(statement).success, statement
    # the parser does refuse what Neo4j 5 refuses (the old ASSERT form, a typo)
    assert not neo4j_dialect.validate("CREATE CONSTRAINT ON (n:Node) ASSERT n.iri IS UNIQUE").success
    assert not neo4j_dialect.validate(statements[0].replace("REQUIRE", "REQUIRES")).success


def test_every_write_statement_is_neo4j_cypher(neo4j_dialect: Dialect) -> None:
    statements = [
        cypher.create_nodes("Character"),
        cypher.create_nodes(None),
        cypher.update_nodes(),
        cypher.relabel_nodes(["Character"], "Person"),
        cypher.delete_nodes(),
        cypher.merge_edges("TRAINED_BY"),
        cypher.create_edges("TRAINED_BY"),
        cypher.delete_edges("TRAINED_BY"),
        cypher.set_marker(MARKER),
        cypher.delete_marker(MARKER),
        cypher.markers(MARKER),
        cypher.tagged_nodes(),
        cypher.tagged_edges(),
        cypher.nodes_by_iri(),
        cypher.edges_by_key(),
        cypher.clear_projection(MARKER),
    ]
    for statement in statements:
        assert neo4j_dialect.validate(statement).success, statement
