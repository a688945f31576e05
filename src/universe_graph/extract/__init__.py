"""Text to claims: extractors behind one interface, registered by name and version."""

from . import rules as _rules  # noqa: F401  (registers "rules.v5")
from .base import DEFAULT_EXTRACTOR, Extraction, Extractor, WorkHint, extractors, get_extractor, register

__all__ = [
    "DEFAULT_EXTRACTOR",
    "Extraction",
    "Extractor",
    "WorkHint",
    "extractors",
    "get_extractor",
    "register",
]
