"""The stored sources as `universe-graph sources` lists them, persisted beside an embedded store.

The listing (`DIR/sources.json`) is keyed by the store's version (its current version graphs, each
naming one version of one source), read from the registry with pyoxigraph alone: when the key
matches, the sources are listed without loading rdflib or the models; when it does not (a write
since), the caller lists them the full way and saves the listing again. Saving is best effort: a
read-only folder just means the full way every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .registry import open_read_only, records

if TYPE_CHECKING:
    from .base import SourceRecord

FILE = "sources.json"
#: Bumped when a row's shape changes, so an older listing is not read as the new shape.
FORMAT = "1"

Row = dict[str, Any]


def version_key(graphs: Iterable[str]) -> str:
    """A digest of a store version (its current version graphs) and of the code that wrote the rows."""
    text = "\n".join((FORMAT, __version__, *sorted(graphs)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def rows_of(sources: Mapping[str, SourceRecord]) -> list[Row]:
    """The listing's rows: each source's metadata as JSON, and its version (the registry's sequence)."""
    return [{**r.source.model_dump(mode="json"), "version": r.sequence} for r in sources.values()]


def cached(folder: Path) -> list[Row] | None:
    """The saved listing, if it is the store's current version's (else None: list the full way)."""
    try:
        saved = json.loads((folder / FILE).read_text(encoding="utf-8"))
        store = open_read_only(folder / "canonical")
    except (OSError, ValueError):  # no listing yet, a torn one, no store
        return None
    try:
        current = [graph.value for _, graph, _ in records(store).values() if graph is not None]
    finally:
        del store
    if not isinstance(saved, dict) or saved.get("key") != version_key(current):
        return None
    rows = saved.get("rows")
    return rows if isinstance(rows, list) else None


def save(folder: Path, sources: Mapping[str, SourceRecord]) -> list[Row]:
    """Save the listing of these sources (one read of the store) under their version; the rows."""
    rows = rows_of(sources)
    data = {"key": version_key(r.graph for r in sources.values()), "rows": rows}
    try:
        with tempfile.NamedTemporaryFile(
            "w", dir=folder, delete=False, suffix=".part", encoding="utf-8"
        ) as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(f.name, folder / FILE)  # whole or absent: a reader never sees half a file
    except OSError:
        pass  # a read-only folder: listed the full way next time too
    return rows
