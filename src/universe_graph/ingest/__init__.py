"""Source readers: one per format, registered by kind, each returning a ClaimSet."""

from . import curation as _curation  # noqa: F401  (each import registers a reader)
from . import imdb as _imdb  # noqa: F401
from . import movielens as _movielens  # noqa: F401
from . import review as _review  # noqa: F401
from . import swapi as _swapi  # noqa: F401
from . import tmdb as _tmdb  # noqa: F401
from . import triples as _triples  # noqa: F401
from . import universe as _universe  # noqa: F401
from . import wikidata as _wikidata  # noqa: F401
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
