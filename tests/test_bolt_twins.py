"""The query layer's `.cypher` twins over real Bolt: the same rows as on the embedded projection.

The sample is pushed over Bolt (`push neo4j`'s code, adapted to FalkorDB's Bolt port as in
`test_bolt_push.py`), then every named query's Cypher runs both there, through the neo4j
driver, and on the embedded projection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import test_query_named as named_tests
import universe_graph.query as query_layer
from bolthelp import BOLT_URI, bolt_server, require_netns, run_isolated
from test_bolt_push import _escaped, adapt_to_falkordb
from universe_graph.app import ingest_claims
from universe_graph.fixtures import sample
from universe_graph.query import canon
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.sync import UniverseStore


def _rows(rows: list[list[Any]]) -> list[str]:
    """Rows as comparable text: collected lists have no order of their own (it follows storage)."""
    return sorted(repr([sorted(map(repr, v)) if isinstance(v, list) else v for v in row]) for row in rows)


def _both(folder: Path, params: dict[str, dict[str, object]]) -> dict[str, Any]:
    import neo4j

    from universe_graph.stores.neo4j import Neo4jProjection, Neo4jSettings

    answers: dict[str, Any] = {}
    with bolt_server() as server:
        adapt_to_falkordb(server)
        canonical = OxigraphStore(folder, read_only=True)
        with Neo4jProjection(Neo4jSettings(uri=BOLT_URI)) as target:
            target.push(canonical)
        canonical.close()
        with UniverseStore(folder) as store, neo4j.GraphDatabase.driver(BOLT_URI, auth=None) as driver:
            assert store.projection is not None
            for query in query_layer.named_queries():
                bound = {**params[query.name], "max_rank": canon.max_rank(None)}
                _, embedded = store.projection.query(query.cypher, bound)
                with driver.session() as session:
                    bolt = [list(r.values()) for r in session.run(query.cypher, _escaped(bound))]
                answers[query.name] = (_rows(embedded), _rows(bolt))
    return answers


def test_every_cypher_twin_answers_the_same_over_bolt(tmp_path: Path) -> None:
    require_netns()
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    answers = run_isolated(_both, folder, named_tests.PARAMS)
    assert set(answers) == {q.name for q in query_layer.named_queries()}
    for name, (embedded, bolt) in answers.items():
        assert bolt == embedded, name
    assert sum(1 for embedded, _ in answers.values() if embedded) >= len(answers) // 2  # not all empty
