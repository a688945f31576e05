"""The `universe-graph` command line: thin click commands over library functions."""

from . import check as _check  # noqa: F401
from . import extract as _extract  # noqa: F401
from . import sources as _sources  # noqa: F401  (registers its commands on the root group)
from . import store as _store  # noqa: F401
from .main import cli, main

__all__ = ["cli", "main"]
