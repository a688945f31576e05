"""The `universe-graph` command line: thin click commands over library functions."""

# Each module registers its commands on the root group when imported.
from . import ask as _ask  # noqa: F401
from . import check as _check  # noqa: F401
from . import extract as _extract  # noqa: F401
from . import identity as _identity  # noqa: F401
from . import push as _push  # noqa: F401
from . import query as _query  # noqa: F401
from . import serve as _serve  # noqa: F401
from . import sources as _sources  # noqa: F401
from . import store as _store  # noqa: F401
from .main import cli, main

__all__ = ["cli", "main"]
