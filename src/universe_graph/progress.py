"""Progress bars for long reads, projections and checks: on stderr when it is a terminal, never when piped.

Short work shows nothing (a bar that appears and ends at once is noise); the caller says how long its
work is, in rows (or characters, for a text), and reports each step with `update`. A text's reading
is advanced from where its parse runs (`advance`), which knows nothing of the bar it moves.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from typing import Any

import click

#: below this many rows a read ends before a bar would help
MIN_ROWS = 5000
#: below this many characters a text is parsed before a bar would help (about 2 s of parsing)
MIN_CHARS = 50_000

_TEXT: ContextVar[Callable[[int], None] | None] = ContextVar("text_progress", default=None)


def on_terminal() -> bool:
    """Whether progress may be drawn: stderr is a terminal (not a pipe, a file or a test runner)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def bar(
    length: int, label: str, *, size: int | None = None, least: int = MIN_ROWS, eta: bool = True
) -> Iterator[Any]:
    """A click progress bar of `length` steps, hidden when it would not help.

    `size` is how much work it stands for when its steps are coarser (rules over many claims),
    `least` the size below which it is hidden, `eta` whether the time left can be told from the
    steps so far.
    """
    rows = size if size is not None else length
    shown = rows >= least and on_terminal()
    with click.progressbar(
        length=max(length, 1), label=label, file=sys.stderr, hidden=not shown, show_eta=eta
    ) as progress:
        yield progress


@contextmanager
def text(chars: int, label: str) -> Iterator[None]:
    """A bar by characters parsed while one text is read: its parse moves it through `advance`;
    it ends full when the reading succeeds (the parse skips blank lines and markup). No time left
    is shown: the model loads before the first step, and the rules run after the last."""
    with bar(chars, label, least=MIN_CHARS, eta=False) as shown:
        done = [0]

        def step(n: int) -> None:
            n = min(n, chars - done[0])
            done[0] += n
            shown.update(n)

        token = _TEXT.set(step)
        try:
            yield
        finally:
            _TEXT.reset(token)
        shown.update(chars - done[0])


@contextmanager
def counter(label: str, *, least: int = MIN_ROWS) -> Iterator[Callable[[int], None]]:
    """Work whose size is known only as it goes (the triples of one long source as they are
    written): a running count on the terminal, shown once `least` are done, so a short write shows
    nothing. Yields the function that counts each step."""
    done = 0
    with ExitStack() as stack:
        shown: Any = None

        def step(n: int) -> None:
            nonlocal done, shown
            done += n
            if shown is None and done >= least and on_terminal():
                shown = stack.enter_context(
                    click.progressbar(
                        iter(int, 1),
                        label=label,
                        file=sys.stderr,
                        show_pos=True,
                        bar_template="%(label)s  %(info)s",
                    )
                )
                shown.update(done)
            elif shown is not None:
                shown.update(n)

        yield step


def advance(chars: int) -> None:
    """Move the bar of the text being read by `chars` parsed characters (nothing when none is shown:
    several texts at once, a worker process, a short text)."""
    step = _TEXT.get()
    if step is not None:
        step(chars)
