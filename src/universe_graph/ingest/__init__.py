"""Source readers: one per format, registered by kind, each returning a ClaimSet."""

from . import universe as _universe  # noqa: F401  (registers the reader)
from .base import Reader, SourceOptions, detect_kind, get_reader, readers, register
from .collect import Loaded, load_paths, read_paths

__all__ = [
    "Loaded",
    "Reader",
    "SourceOptions",
    "detect_kind",
    "get_reader",
    "load_paths",
    "read_paths",
    "readers",
    "register",
]
