"""A read snapshot per store version: what every reader of one version shares, built once.

A store version is its set of current version graphs (`SourceView.version`: every ingest or
retract makes a new one). The snapshot holds the source view and named parts built from it (the
name indexes, the adjacency index, ...), each built by the caller's set-oriented builder the first
time a reader needs it, then shared by every reader in the process. Parts that are costly to build
are also persisted beside the store (`DIR/snapshot/KEY/NAME.pickle`, KEY a digest of the version),
so the next CLI command over the same version reads them instead of rebuilding; a new version has
a new KEY, and the folders of other versions are removed when one is written. Persisting is best
effort: a part that cannot be written or read back is rebuilt, never a failure of the read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .query.canon import SourceView, source_view
from .stores.base import CanonicalStore
from .stores.sync import UniverseStore

T = TypeVar("T")

#: Bumped when a persisted part's shape changes, so older files are not read as the new shape.
FORMAT = "1"
FOLDER = "snapshot"


def version_key(version: tuple[str, ...]) -> str:
    """A short digest naming one store version (its sorted current version graphs)."""
    digest = hashlib.sha256("\n".join((FORMAT, *version)).encode("utf-8"))
    return digest.hexdigest()[:24]


@dataclass
class Snapshot:
    """One store version's read model: its source view, and parts built once and shared."""

    view: SourceView
    folder: Path | None  # where persisted parts live (None: in this process only)
    parts: dict[str, Any] = field(default_factory=dict)
    built: list[str] = field(default_factory=list)  # parts built (not read back) in this process

    @property
    def key(self) -> str:
        return version_key(self.view.version)

    def part(self, name: str, build: Callable[[], T], *, persist: bool = True) -> T:
        """The part `name` of this version: in memory, else read back from beside the store,
        else built by `build` (and persisted, with `persist`)."""
        if name in self.parts:
            return self.parts[name]  # type: ignore[no-any-return]
        value: Any = self._load(name) if persist else None
        if value is None:
            value = build()
            self.built.append(name)
            if persist:
                self._save(name, value)
        self.parts[name] = value
        return value  # type: ignore[no-any-return]

    def _path(self, name: str) -> Path | None:
        return None if self.folder is None else self.folder / self.key / f"{name}.pickle"

    def _load(self, name: str) -> Any:
        path = self._path(name)
        if path is None or not path.is_file():
            return None
        try:
            with path.open("rb") as f:
                # the store's own folder, written by this module: trusted as the store itself is
                return pickle.load(f)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None  # unreadable (an older layout, a torn copy): rebuilt and written again

    def _save(self, name: str, value: object) -> None:
        path = self._path(name)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".part") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, path)  # whole or absent: a reader never sees half a file
            self._prune()
        except OSError:
            return  # a read-only folder: the part stays in memory for this process

    def _prune(self) -> None:
        """Remove the persisted parts of other versions (they are never read again)."""
        assert self.folder is not None
        for other in self.folder.iterdir():
            if other.is_dir() and other.name != self.key:
                shutil.rmtree(other, ignore_errors=True)


_SNAPSHOTS: weakref.WeakKeyDictionary[CanonicalStore, Snapshot] = weakref.WeakKeyDictionary()


def snapshot(store: UniverseStore) -> Snapshot:
    """The read snapshot of the store's current version (a new one when the version changes)."""
    view = source_view(store)
    canonical = store.canonical
    cached = _SNAPSHOTS.get(canonical)
    if cached is not None and cached.view.version == view.version:
        cached.view = view
        return cached
    # parts persist in the store folder (a SPARQL server's: its local state folder, `--state`)
    _SNAPSHOTS[canonical] = made = Snapshot(view=view, folder=store.folder / FOLDER)
    return made
