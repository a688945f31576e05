"""The Cypher projection in embedded FalkorDB: a rebuildable cache of the canonical graph.

Nodes are labelled with their entity class (plus `Node`), relationships are typed by predicate
in upper snake case, and both carry the source ids, the strongest canon tier and the highest
confidence. A `Sync` marker per source (in its own graph) records which version of it the projection holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from ..errors import BadInput, StoreUnavailable
from . import cypher
from .base import Capabilities
from .cypher_target import CypherProjection
from .cypher_target import _batches as _batches
from .falkordb_server import EmbeddedFalkorDB

GRAPH = "universe"
SYNC_GRAPH = "universe_sync"  # markers live apart, so apps' `MATCH (n)` sees only the universe


class FalkorProjection(CypherProjection):
    """The property-graph projection, kept per source in an embedded FalkorDB server."""

    name = "falkordb"
    capabilities: ClassVar[Capabilities] = Capabilities(
        atomic_swap=False, read_only_open=False, query_timeout=True
    )

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "projection"
        self._open()

    def _open(self) -> None:
        self.server = EmbeddedFalkorDB(self.folder)
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

    def _run_sync(self, statement: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        return self._run(statement, params, graph=self.sync_graph)

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

    def restart(self) -> None:
        """End the server without saving (a runaway query holds it) and start it again from its
        last save; the caller heals what that save lacks (`UniverseStore.restart_projection`)."""
        self.server.kill()
        self._open()

    def close(self) -> None:
        self.server.close()
