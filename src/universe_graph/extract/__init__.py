"""Text to claims: extractors behind one interface, registered by name and version.

The built-in extractor (`rules`, which loads spaCy) is imported on first use, by `get_extractor` or
`extractors`, so that importing the package (the review reader does, for every command) stays light.
"""

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
