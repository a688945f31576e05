"""One projection logic for every Cypher target (embedded FalkorDB, Neo4j over Bolt).

A target only says how to run a statement (`_run`) and where its sync markers live
(`_run_sync`); reading what a source holds, planning (`projection.py`) and writing the rows
with the builders of `cypher.py` are the same for all of them.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..model import ClaimSet
from . import cypher
from .base import CanonicalStore
from .projection import EdgeState, NodeState, Rows, fresh_rows, plan, rows_of, source_items

BATCH = 2000


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


class CypherProjection(ABC):
    """The property-graph projection kept per source in some Cypher database."""

    #: label of the per-source sync markers
    marker_label = "Sync"

    @abstractmethod
    def _run(self, statement: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        """Run a statement on the projected graph; its rows."""

    @abstractmethod
    def _run_sync(self, statement: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        """Run a statement on wherever the sync markers live."""

    # ------------------------------------------------------------------ sync markers
    def markers(self) -> dict[str, str]:
        """Which version of each source the projection holds: source id -> version graph."""
        return {source: version for source, version in self._run_sync(cypher.markers(self.marker_label))}

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
        label = self.marker_label
        if version is None:
            self._run_sync(cypher.delete_marker(label), {"source": source_id})
        else:
            self._run_sync(cypher.set_marker(label), {"source": source_id, "version": version})

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

    # ------------------------------------------------------------------ following the canonical graph
    def follow(
        self,
        canonical: CanonicalStore,
        project: Callable[[str, ClaimSet | None, str | None], object] | None = None,
    ) -> list[str]:
        """Project every source whose marker is missing or stale, drop the gone ones; their ids.

        Only the stale sources are read back from the canonical store, so a second call with
        nothing new changes nothing. `project` replaces `project_one` (the store passes one that
        reports and skips a source the engine refuses, so opening never fails on one source).
        """
        run = project or self.project_one
        markers = self.markers()
        current = canonical.sources()
        changed = []
        for sid, record in current.items():
            if markers.get(sid) != record.graph:
                run(sid, canonical.claims_of(record), record.graph)
                changed.append(sid)
        for sid in markers:
            if sid not in current:
                run(sid, None, None)
                changed.append(sid)
        return changed

    def project_one(self, source_id: str, claims: ClaimSet | None, version: str | None) -> None:
        """Project one source as one unit of work (a target with transactions makes it one)."""
        self.project(source_id, claims, version)

    # ------------------------------------------------------------------ reads
    def edges(self) -> set[tuple[str, str, str, str, tuple[str, ...], str]]:
        """Every relationship as (subject, TYPE, object, qualifier key, sources, tier)."""
        return {
            (a, t, b, k or "", tuple(s), tier) for a, t, b, k, s, tier, _ in self._run(cypher.all_edges())
        }

    def nodes(self) -> list[list[Any]]:
        return self._run(cypher.all_nodes())
