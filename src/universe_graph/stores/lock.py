"""One writer per store: an exclusive advisory lock on `DIR/lock` that records the owner's PID.

The kernel releases the lock when the owner dies, even by SIGKILL, so a stale PID never blocks.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from ..errors import StoreBusy


class WriterLock:
    """Held for as long as a process writes to a store folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "lock"
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as e:
            handle.seek(0)
            text = handle.read().strip()
            handle.close()
            raise StoreBusy(str(self.path.parent), int(text) if text.isdigit() else None) from e
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None
