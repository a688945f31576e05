"""Where the declarative assets (ontology/, ingest/, queries/) are, installed or in a checkout.

A wheel ships them inside the package as `universe_graph/assets/<name>`; an editable install or
a source checkout reads them from the repository's top level, where they are maintained.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import StoreUnavailable

ASSET_DIRS = ("ontology", "ingest", "queries")


@cache
def asset_dir(name: str) -> Path:
    """The folder of one asset kind: `ontology`, `ingest` or `queries`."""
    if name not in ASSET_DIRS:
        raise ValueError(f"unknown asset folder {name!r}; valid: {', '.join(ASSET_DIRS)}")
    package = Path(__file__).resolve().parent
    for candidate in (package / "assets" / name, package.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise StoreUnavailable(f"asset folder {name!r} is missing from the installation ({package})")


def ontology_file(name: str) -> Path:
    """A file of the ontology folder: universe.ttl, shapes.ttl, export.schema.json, context.jsonld."""
    return asset_dir("ontology") / name


def sample_dir(name: str = "john-wick") -> Path:
    """A bundled sample universe under ingest/."""
    return asset_dir("ingest") / name
