"""The bundled sample universe, ready for tests, demos and users' own experiments."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .assets import sample_dir
from .export import merge
from .ingest import Loaded, load_paths
from .model import Export


def sample_path(name: str = "john-wick") -> Path:
    """The folder of a bundled sample (with its manifest)."""
    return sample_dir(name)


@cache
def sample() -> Loaded:
    """The John Wick sample read into claim sets (cached; treat as read-only)."""
    return load_paths([sample_path()])


def sample_export() -> Export:
    """The John Wick sample in the export shape."""
    return merge(sample().claimsets)
