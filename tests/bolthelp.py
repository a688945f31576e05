"""Run a test body inside a private network namespace, where FalkorDB's Bolt port may listen.

FalkorDB's Bolt port listens on every interface with no option to bind, so it is only ever
started in a child process that first moves into a new network namespace (loopback only, brought
up here). The body runs in that (spawned) child; its result (or its failure, with the traceback) comes
back through a pipe. Where no namespace can be made, tests skip with the reason, unless
`UG_REQUIRE_BOLT=1` (CI) turns that skip into a failure.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import socket
import struct
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pytest

from universe_graph.stores.falkordb_server import EmbeddedFalkorDB

BOLT_PORT = 7687  # a fresh namespace has every port free
#: The graph FalkorDB's Bolt port serves (it ignores the database a driver asks for).
BOLT_GRAPH = "falkordb"
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def _loopback_up() -> None:
    """Bring `lo` up in the current namespace (what `ip link set lo up` does), by ioctl."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sh", b"lo", 0)
        flags = struct.unpack("16sh", fcntl.ioctl(s, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, _SIOCSIFFLAGS, struct.pack("16sh", b"lo", flags | _IFF_UP))


def _enter_private_network() -> None:
    """Move this process into a new network namespace (as root, or through a user namespace)."""
    try:
        os.unshare(os.CLONE_NEWNET)
    except PermissionError:
        uid, gid = os.getuid(), os.getgid()
        os.unshare(os.CLONE_NEWUSER | os.CLONE_NEWNET)
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    _loopback_up()


def _nothing() -> None:
    return None


def _child(body: Callable[..., Any], args: tuple[Any, ...], conn: Connection) -> None:
    try:
        _enter_private_network()
    except OSError as e:
        conn.send(("netns", f"{type(e).__name__}: {e}"))
        conn.close()
        return
    try:
        conn.send(("ok", body(*args)))
    except BaseException as e:
        conn.send(("error", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
    finally:
        conn.close()


@cache
def unavailable() -> str | None:
    """Why a private network namespace cannot be made here (None: it can)."""
    if not hasattr(os, "unshare"):
        return "os.unshare is missing (not Linux)"
    try:
        run_isolated(_nothing)
    except _Unavailable as e:
        return str(e)
    return None


class _Unavailable(RuntimeError):
    pass


def require_netns() -> None:
    """Skip (or, with UG_REQUIRE_BOLT=1, fail) where no private network namespace can be made."""
    reason = unavailable()
    if reason is None:
        return
    message = f"FalkorDB's Bolt port needs a private network namespace (unshare -n), and: {reason}"
    if os.environ.get("UG_REQUIRE_BOLT") == "1":
        pytest.fail(message + " (UG_REQUIRE_BOLT=1: Bolt tests must run here)")
    pytest.skip(message)


def run_isolated(body: Callable[..., Any], *args: Any, timeout: float = 600.0) -> Any:
    """Run `body(*args)` in a new process inside a private network namespace; returns its result.

    The process is spawned, not forked: a fork of the multi-threaded test process can inherit
    locks held by threads it does not have (RocksDB's background threads hang a writable open).
    So `body` must be a module-level function, and its arguments and result picklable.
    """
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(body, args, child))
    process.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise AssertionError(f"the isolated test body did not finish within {timeout:.0f} s")
        status, value = parent.recv()
    finally:
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
    if status == "ok":
        return value
    if status == "netns":
        raise _Unavailable(value)
    raise AssertionError(f"in the private network namespace:\n{value}")


@contextmanager
def bolt_server(folder: Path | None = None) -> Iterator[EmbeddedFalkorDB]:
    """FalkorDB with its Bolt port on; call only inside `run_isolated` (asserted)."""
    assert _isolated(), "FalkorDB's Bolt port may only listen inside a private network namespace"
    with tempfile.TemporaryDirectory(prefix="ug-bolt-") as tmp:
        server = EmbeddedFalkorDB(folder or Path(tmp) / "falkordb", bolt_port=BOLT_PORT)
        try:
            _wait_for_port(BOLT_PORT)
            yield server
        finally:
            server.close()


def _isolated() -> bool:
    """Whether this process is in a network namespace other than PID 1's."""
    try:
        return os.readlink("/proc/self/ns/net") != os.readlink("/proc/1/ns/net")
    except OSError:  # /proc/1 not readable (no root): trust the caller, run_isolated made one
        return True


def _wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise AssertionError(f"FalkorDB's Bolt port {port} did not open")


BOLT_URI = f"bolt://127.0.0.1:{BOLT_PORT}"
