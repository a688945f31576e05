"""The query API's computations, bounded: at most `json_workers` at once, answers within `timeout`.

Named queries, path, profile, timeline, works and ask run Python over the store in a thread, and a
Python thread cannot be stopped. So a request that runs past the timeout gets its 408 on time and
its thread is abandoned; the thread keeps its slot until it ends, so abandoned work can never pile
up past `json_workers`, and a request that finds no free slot gets 503 with Retry-After.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import anyio.to_thread

from .errors import ApiError
from .state import ServerState


class _Busy(Exception):
    """Every slot is taken."""


async def bounded[T](state: ServerState, work: Callable[[], T]) -> T:
    """Run `work` in a thread under the server's slot count and timeout (408 / 503 otherwise)."""
    slots, timeout = state.json_slots, state.settings.timeout

    def run() -> T:  # the slot is taken in the thread: a job dropped before it starts holds none
        if not slots.acquire(blocking=False):
            raise _Busy
        try:
            return work()
        finally:
            slots.release()

    try:
        with anyio.fail_after(timeout):
            return await anyio.to_thread.run_sync(run, abandon_on_cancel=True)
    except _Busy as e:
        raise ApiError(
            503,
            "UG.TransientError.Query.Busy",
            f"{state.settings.json_workers} query-API requests are already running; try again",
            headers={"Retry-After": "1"},
        ) from e
    except TimeoutError as e:
        raise ApiError(
            408,
            "UG.ClientError.Query.Timeout",
            f"the request ran longer than {timeout:g} s; its answer was dropped",
        ) from e
