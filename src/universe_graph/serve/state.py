"""What the running server holds: the store (both halves), the SPARQL workers, the settings, a write lock."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..ask.answer import Asker
from ..errors import StoreUnavailable
from ..model import CanonTier
from ..stores.oxigraph import QUERY_PREFIXES
from ..stores.sync import UniverseStore
from .settings import ServeSettings
from .sparql_pool import SparqlPool


@dataclass
class ServerState:
    """The store opened for writing by the server (one owner), and the workers that read it."""

    store: UniverseStore
    settings: ServeSettings
    pool: SparqlPool = field(init=False)
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    #: held while the projection's server is restarted after a runaway Cypher query
    restart_lock: threading.Lock = field(default_factory=threading.Lock)
    askers: dict[CanonTier | None, Asker] = field(default_factory=dict)  # their name indexes, per canon floor
    #: one per query-API computation running, released when its thread ends (even after a timeout)
    json_slots: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        if not self.store.canonical.capabilities.local_files:  # the SPARQL workers open its files
            raise StoreUnavailable(
                "serve answers SPARQL from the embedded store; "
                "a remote SPARQL store is queried at its own endpoint"
            )
        s = self.settings
        if self.store.projection is not None:  # runaway Cypher stops in FalkorDB itself
            self.store.projection.server.bound_queries(max(1, int(s.timeout * 1000)), s.query_memory)
        self.json_slots = threading.BoundedSemaphore(s.json_workers)
        graphs = [g.value for g in self.store.canonical.current_graphs()]
        self.pool = SparqlPool(
            self.store.folder / "canonical",
            QUERY_PREFIXES,
            graphs,
            size=s.sparql_workers,
            timeout=s.timeout,
            max_rows=s.max_rows,
        )

    def refresh(self) -> None:
        """After a write: SPARQL workers reopen the store with the new current graphs; askers start anew."""
        self.pool.refresh([g.value for g in self.store.canonical.current_graphs()])
        self.askers.clear()

    def asker(self, canon: CanonTier | None) -> Asker:
        """The `ask` answerer for a canon floor (kept until a write changes the store)."""
        found = self.askers.get(canon)
        if found is None:
            found = self.askers[canon] = Asker(self.store, canon=canon)
        return found

    def close(self) -> None:
        self.pool.close()
