"""The Cypher projection in embedded FalkorDB: a rebuildable cache of the canonical graph.

Nodes are labelled with their entity class (plus `Node`), relationships are typed by predicate
in upper snake case, and both carry the source ids, the strongest canon tier and the highest
confidence. A `Sync` marker per source (in its own graph) records which version of it the projection holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from ..errors import BadInput, StoreUnavailable
from ..model import ClaimSet
from . import cypher
from .base import Capabilities
from .falkordb_server import EmbeddedFalkorDB
from .projection import EdgeState, NodeState, Rows, fresh_rows, plan, rows_of, source_items

BATCH = 2000
GRAPH = "universe"
SYNC_GRAPH = "universe_sync"  # markers live apart, so apps' `MATCH (n)` sees only the universe


def _batches(rows: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _edge_state(row: Sequence[Any]) -> EdgeState:
    a, rel_type, b, key, sources, tiers, confidences, character, work, time, role = row
    state = EdgeState((a, rel_type, b, key or ""), exists=True)
    for sid, rank, confidence in zip(sources or [], tiers or [], confidences or [], strict=True):
        state.entries[sid] = (int(rank), float(confidence))
    state.extra = {
        k: v for k, v in (("character", character), ("work", work), ("time", time), ("role", role)) if v
    }
    return state


def _node_state(row: Sequence[Any]) -> NodeState:
    iri, payloads, labels = row
    node = NodeState(iri, existing=frozenset(label for label in labels or [] if label != cypher.NODE))
    for text in payloads or []:
        payload = json.loads(text)
        node.entries[payload["s"]] = payload
    return node


class FalkorProjection:
    """The property-graph projection, kept per source in an embedded FalkorDB server."""

    name = "falkordb"
    capabilities: ClassVar[Capabilities] = Capabilities(
        atomic_swap=False, read_only_open=False, query_timeout=True
    )

    def __init__(self, folder: Path) -> None:
        self.server = EmbeddedFalkorDB(folder / "projection")
        self.graph = self.server.graph(GRAPH)
        self.sync_graph = self.server.graph(SYNC_GRAPH)
        for graph, statement in [(self.graph, cypher.node_index()), (self.sync_graph, cypher.marker_index())]:
            try:
                graph.query(statement)
            except Exception as e:  # the client raises redis errors; an existing index is fine
                if "already indexed" not in str(e) and "already exists" not in str(e):
                    raise StoreUnavailable(f"cannot prepare the projection: {e}") from e

    def _run(
        self, statement: str, params: Mapping[str, Any] | None = None, *, graph: Any = None
    ) -> list[list[Any]]:
        result = (graph or self.graph).query(statement, dict(params or {}))
        return [list(row) for row in result.result_set]

    # ------------------------------------------------------------------ sync markers
    def markers(self) -> dict[str, str]:
        return {source: version for source, version in self._run(cypher.markers(), graph=self.sync_graph)}

    # ------------------------------------------------------------------ projecting one source
    def project(self, source_id: str, claims: ClaimSet | None, version: str | None) -> None:
        """Replace what the projection holds of one source (None: the source is gone)."""
        tagged_nodes = [_node_state(r) for r in self._run(cypher.tagged_nodes(), {"source": source_id})]
        tagged_edges = [_edge_state(r) for r in self._run(cypher.tagged_edges(), {"source": source_id})]
        touched_nodes: list[NodeState] = []
        touched_edges: list[EdgeState] = []
        items = None
        if claims is not None:
            items = nodes, edges = source_items(claims)
            known_nodes = {n.iri for n in tagged_nodes}
            known_edges = {e.key for e in tagged_edges}
            iris = [iri for iri in nodes if iri not in known_nodes]
            for batch in _batches(iris):
                touched_nodes += [
                    _node_state(r) for r in self._run(cypher.nodes_by_iri(), {"iris": list(batch)})
                ]
            # an edge can only exist already if both its end nodes do
            existing = known_nodes | {n.iri for n in touched_nodes}
            keys = [
                {"s": k[0], "t": k[1], "o": k[2], "k": k[3]}
                for k in edges
                if k not in known_edges and k[0] in existing and k[2] in existing
            ]
            for batch in _batches(keys):
                touched_edges += [
                    _edge_state(r) for r in self._run(cypher.edges_by_key(), {"rows": list(batch)})
                ]
        nothing_there = not (tagged_nodes or tagged_edges or touched_nodes or touched_edges)
        if claims is not None and items is not None and nothing_there:
            self._write(fresh_rows(claims, items))
        else:
            self._write(
                rows_of(
                    plan(source_id, claims, tagged_nodes, tagged_edges, touched_nodes, touched_edges, items)
                )
            )
        if version is None:
            self._run(cypher.delete_marker(), {"source": source_id}, graph=self.sync_graph)
        else:
            self._run(cypher.set_marker(), {"source": source_id, "version": version}, graph=self.sync_graph)

    def _write(self, rows: Rows) -> None:
        """Send the rows: nodes first (edges need their ends), deletions last."""
        for label, created in rows.create_nodes.items():
            for batch in _batches(created):
                self._run(cypher.create_nodes(label), {"rows": list(batch)})
        for (old, label), iris in rows.relabel.items():
            for batch in _batches(iris):
                statement = cypher.relabel_nodes(sorted(x for x in old if x != label), label)
                self._run(statement, {"iris": list(batch)})
        for batch in _batches(rows.update_nodes):
            self._run(cypher.update_nodes(), {"rows": list(batch)})
        for (rel_type, exists), edge_rows in rows.edges.items():
            statement = cypher.merge_edges(rel_type) if exists else cypher.create_edges(rel_type)
            for batch in _batches(edge_rows):
                self._run(statement, {"rows": list(batch)})
        for rel_type, gone in rows.delete_edges.items():
            for batch in _batches(gone):
                self._run(cypher.delete_edges(rel_type), {"rows": list(batch)})
        for batch in _batches(rows.delete_nodes):
            self._run(cypher.delete_nodes(), {"iris": list(batch)})

    def clear(self) -> None:
        self._run(cypher.clear())
        self._run(cypher.clear(), graph=self.sync_graph)

    def save(self) -> None:
        self.server.save()

    # ------------------------------------------------------------------ reads
    def query(
        self, statement: str, params: Mapping[str, Any] | None = None
    ) -> tuple[list[str], list[list[Any]]]:
        """A read-only Cypher query: columns and rows; write clauses are refused by the server."""
        try:
            result = self.graph.ro_query(statement, dict(params or {}))
        except Exception as e:  # redis ResponseError subclasses
            message = str(e)
            if "read-only" in message.lower() or "readonly" in message.lower():
                raise BadInput.at(
                    "query",
                    "Cypher write clauses are refused: the projection is read-only "
                    "(write through `ingest` and `retract`)",
                ) from e
            raise BadInput.at("query", f"Cypher error: {message}") from e
        columns = [str(h[1]) if isinstance(h, list | tuple) else str(h) for h in result.header]
        return columns, [list(row) for row in result.result_set]

    def edges(self) -> set[tuple[str, str, str, str, tuple[str, ...], str]]:
        """Every relationship as (subject, TYPE, object, qualifier key, sources, tier)."""
        return {
            (a, t, b, k or "", tuple(s), tier) for a, t, b, k, s, tier, _ in self._run(cypher.all_edges())
        }

    def nodes(self) -> list[list[Any]]:
        return self._run(cypher.all_nodes())

    def close(self) -> None:
        self.server.close()
