"""The application object: one per store, what every CLI command and `serve` open the store through.

It holds where the store is (`--store` / `UG_STORE`: a folder, or a SPARQL server's URL) and, for a
server, the local state folder (`--state` / `UG_STATE`: lock, projection, snapshot files), and opens
the canonical store through the engine registry (`stores.base.engine`), or the whole store (canonical
and Cypher projection, `UniverseStore`) with that state folder, in this one place. Readers then share
the store version's read snapshot (`snapshot.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .stores.base import CanonicalStore, engine, engine_for

if TYPE_CHECKING:  # imported where used: the projection pulls FalkorDB, which a command may not need
    from .stores.sync import UniverseStore


@dataclass(frozen=True)
class App:
    """One store, as the user named it: how every command opens it."""

    location: Path | str  # a store folder, or the http(s) URL of a SPARQL server
    state: Path | None = None  # with a server: the local state folder (None: the default one)

    @property
    def engine(self) -> str:
        """The canonical engine the location names (`oxigraph` for a folder, `sparql` for a URL)."""
        return engine_for(self.location)

    @contextmanager
    def canonical(self) -> Iterator[CanonicalStore]:
        """The canonical store alone, read-only, through the engine registry (no lock: fine beside a
        running ingest)."""
        store = engine(self.engine)(self.location, True)
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def reader(self, *, projection: bool = False) -> Iterator[UniverseStore]:
        """The store for reading: canonical only (read-only), or with the Cypher projection (which
        opens the store for writing, as the projection's server needs its folder)."""
        from .stores.sync import UniverseStore

        with UniverseStore(self.location, read_only=not projection, state=self.state) as store:
            yield store

    def writer(self) -> UniverseStore:
        """The store for writing (ingest, retract, reproject, serve), with its projection."""
        from .stores.sync import UniverseStore

        return UniverseStore(self.location, state=self.state)
