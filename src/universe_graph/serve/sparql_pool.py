"""A pool of SPARQL worker processes: a query that runs past the timeout is stopped by killing its worker."""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path

from ..errors import StoreUnavailable
from . import sparql_worker

log = logging.getLogger("universe_graph.serve")
START_TIMEOUT = 60.0  # seconds a new worker may take to start and open the store

_CTX = multiprocessing.get_context("spawn")  # no fork of a threaded server


class QueryTimeout(Exception):
    """The query ran longer than allowed and was stopped."""


class PoolBusy(Exception):
    """No worker became free within the timeout."""


@dataclass(frozen=True)
class Answer:
    """A worker's answer: a format key and the serialized body, or an error kind and message."""

    ok: bool
    kind: str  # format key when ok, else the error kind
    body: bytes
    message: str = ""
    truncated: bool = False


class _Worker:
    """One worker process and the pipe to it; `generation` is the store version it has open."""

    def __init__(
        self, path: str, prefixes: dict[str, str], max_rows: int, generation: int, graphs: list[str]
    ):
        self.conn, child = _CTX.Pipe()
        self.process: BaseProcess = _CTX.Process(
            target=sparql_worker.main,
            args=(child, path, prefixes, max_rows, generation, graphs),
            daemon=True,
            name="ug-sparql",
        )
        self.process.start()
        child.close()
        self.generation = generation

    def wait_ready(self, timeout: float) -> None:
        """Wait until the worker has opened the store (so its start never counts against a query)."""
        try:
            if not self.conn.poll(timeout):
                raise StoreUnavailable(f"a SPARQL worker did not start within {timeout:g} s")
            status, _, message, _ = self.conn.recv()
        except (EOFError, OSError) as e:  # killed (and its pipe closed) while starting: the server is closing
            raise StoreUnavailable("a SPARQL worker exited while starting") from e
        if status != "ready":
            raise StoreUnavailable(str(message))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class SparqlPool:
    """Worker processes over the read-only canonical store; bounded in time and in rows."""

    def __init__(
        self,
        canonical: Path,
        prefixes: dict[str, str],
        graphs: list[str],
        *,
        size: int,
        timeout: float,
        max_rows: int,
    ):
        self.path, self.prefixes = str(canonical), dict(prefixes)
        self.timeout, self.max_rows = timeout, max_rows
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._graphs = list(graphs)
        self._generation = 0
        self._closed = False
        self._all: set[_Worker] = set()
        try:
            started = [self._start() for _ in range(size)]
            for worker in started:
                worker.wait_ready(START_TIMEOUT)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    def _start(self) -> _Worker:
        with self._lock:
            generation, graphs = self._generation, list(self._graphs)
            worker = _Worker(self.path, self.prefixes, self.max_rows, generation, graphs)
            self._all.add(worker)
        return worker

    def _replace(self) -> None:
        """Start a worker in place of a killed one, in the background; it joins the idle ones when ready."""

        def start() -> None:
            worker = None
            try:
                worker = self._start()
                worker.wait_ready(START_TIMEOUT)
            except Exception:  # StoreUnavailable, or the spawn itself failing
                if not self._closed:  # a shutdown during the respawn is not a failure
                    log.exception("a replacement SPARQL worker failed to start")
                if worker is not None:
                    self._retire(worker)
                return
            if self._closed:
                self._retire(worker)
            else:
                self._idle.put(worker)

        if not self._closed:
            threading.Thread(target=start, daemon=True, name="ug-sparql-respawn").start()

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop()

    def refresh(self, graphs: list[str]) -> None:
        """New current graphs (after a write): each worker reopens the store before its next query."""
        with self._lock:
            self._graphs = list(graphs)
            self._generation += 1

    def run(self, query: str, prefs: list[tuple[str, float]]) -> Answer:
        """Run one query on a free worker; blocks (call it from a thread)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty as e:
            raise PoolBusy(f"no SPARQL worker became free within {self.timeout:g} s") from e
        with self._lock:
            generation, graphs = self._generation, list(self._graphs)
        send_graphs = graphs if worker.generation != generation else None
        try:
            worker.conn.send((query, prefs, generation, send_graphs))
            if not worker.conn.poll(self.timeout):  # the query's own time; waiting for a worker is apart
                raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped")
            status, kind, body, truncated = worker.conn.recv()
        except BaseException:
            self._retire(worker)
            self._replace()
            raise
        worker.generation = generation
        self._idle.put(worker)
        if status == "ok":
            assert isinstance(body, bytes)
            return Answer(True, kind, body, truncated=truncated)
        return Answer(False, kind, b"", message=str(body))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
