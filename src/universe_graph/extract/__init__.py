"""Text to claims: extractors behind one interface, registered by name and version."""

from . import rules as _rules  # noqa: F401  (registers "rules.v3")
from .base import Extraction, Extractor, WorkHint, extractors, get_extractor, register

__all__ = ["Extraction", "Extractor", "WorkHint", "extractors", "get_extractor", "register"]
