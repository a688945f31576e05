"""A watch over FalkorDB while one Cypher query runs: past the timeout or the memory budget, the
server is ended (and then started again from its last save, healed from the canonical store).

FalkorDB's own TIMEOUT_MAX and QUERY_MEM_CAPACITY stop most runaway queries, but not all: a constant
expression such as `range(1, 400000000)` is folded while the query is planned, on the server's main
thread, where neither bound applies; the server stops answering anyone and grows by gigabytes. So
the server's resident memory and the query's time are sampled, and the server is killed when either
passes its bound: that is what "the query really stops" means here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from types import TracebackType

from ..stores.falkordb_server import EmbeddedFalkorDB

#: seconds past the query's timeout before the server is ended (FalkorDB's TIMEOUT_MAX acts first)
GRACE = 1.0
#: seconds between two looks at the server
INTERVAL = 0.05


class Watch:
    """Context manager: watch `server` for `seconds` and `memory` bytes over its size at the start."""

    def __init__(
        self, server: EmbeddedFalkorDB, seconds: float, memory: int, on_end: Callable[[], None]
    ) -> None:
        self.server, self.on_end = server, on_end
        self.deadline = time.monotonic() + seconds + GRACE
        self.ceiling = server.rss() + memory
        self.ended: str | None = None  # "timeout" or "memory" once the server was ended
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True, name="ug-cypher-watch")

    def _watch(self) -> None:
        while not self._done.wait(INTERVAL):
            if time.monotonic() > self.deadline:
                self.ended = "timeout"
            elif self.server.rss() > self.ceiling:
                self.ended = "memory"
            else:
                continue
            self.server.kill()
            return

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._done.set()
        self._thread.join()
        if self.ended is not None:
            self.on_end()
