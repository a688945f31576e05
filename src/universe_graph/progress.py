"""Progress bars for long reads, projections and checks: on stderr when it is a terminal, never when piped.

Short work shows nothing (a bar that appears and ends at once is noise); the caller says how long its
work is, in rows, and reports each step with `update`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

#: below this many rows a read ends before a bar would help
MIN_ROWS = 5000


def on_terminal() -> bool:
    """Whether progress may be drawn: stderr is a terminal (not a pipe, a file or a test runner)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def bar(length: int, label: str, *, size: int | None = None) -> Iterator[Any]:
    """A click progress bar of `length` rows, hidden when it would not help.

    `size` is how much work it stands for in rows when its steps are coarser (rules over many claims).
    """
    rows = size if size is not None else length
    shown = rows >= MIN_ROWS and on_terminal()
    with click.progressbar(length=max(length, 1), label=label, file=sys.stderr, hidden=not shown) as progress:
        yield progress
