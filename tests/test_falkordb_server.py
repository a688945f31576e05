"""The embedded FalkorDB server: persistence, dying with its owner, clean close, bad folders.

Real redis-server + FalkorDB module processes, no mocks. Every test checks that no server it
started is left running.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from universe_graph.errors import StoreBusy, StoreUnavailable
from universe_graph.stores.falkordb_server import RDB_FILE, EmbeddedFalkorDB


def _alive(pid: int) -> bool:
    """Whether `pid` runs; a zombie counts as dead (PID 1 here may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _servers_using(folder: Path) -> list[int]:
    """Live redis-server processes whose command line mentions `folder`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = proc.joinpath("cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        mentions = argv[0].endswith(b"redis-server") and os.fsencode(folder) in b" ".join(argv)
        if mentions and _alive(int(proc.name)):
            found.append(int(proc.name))
    return found


@pytest.fixture(autouse=True)
def no_leftover_servers(tmp_path: Path) -> Iterator[None]:
    """Fail any test that leaves a server running on its tmp_path (and kill it)."""
    yield
    leftovers = _servers_using(tmp_path)
    for pid in leftovers:
        os.kill(pid, signal.SIGKILL)
    assert not leftovers, f"server processes left behind: {leftovers}"


def test_data_survives_close_and_reopen(tmp_path: Path) -> None:
    data = tmp_path / "store"
    with EmbeddedFalkorDB(data) as db:
        graph = db.graph("universe")
        graph.query("CREATE (:T {v: 1})")
        result = graph.query("MATCH (n:T) WHERE n.v = $v RETURN n.v", {"v": 1})
        assert result.result_set == [[1]]
        db.save()
        assert (data / RDB_FILE).stat().st_size > 0
        graph.query("CREATE (:T {v: 2})")  # only saved by close()
    with EmbeddedFalkorDB(data) as db:
        result = db.graph("universe").query("MATCH (n:T) RETURN n.v ORDER BY n.v")
        assert result.result_set == [[1], [2]]


_OWNER = """
import sys, time
from pathlib import Path
from universe_graph.stores.falkordb_server import EmbeddedFalkorDB
db = EmbeddedFalkorDB(Path(sys.argv[1]))
db.graph("g").query("CREATE (:T {v: 1})")
print(db.pid, db.socket_path, flush=True)
time.sleep(60)
"""


def test_server_dies_when_owner_is_sigkilled(tmp_path: Path) -> None:
    data = tmp_path / "store"
    owner = subprocess.Popen([sys.executable, "-c", _OWNER, str(data)], stdout=subprocess.PIPE, text=True)
    server_pid = 0
    try:
        assert owner.stdout is not None
        ready, _, _ = select.select([owner.stdout], [], [], 30)
        assert ready, "the owner process did not start a server within 30 s"
        pid_text, socket_path = owner.stdout.readline().split(maxsplit=1)
        server_pid = int(pid_text)
        assert b"redis-server" in Path(f"/proc/{server_pid}/cmdline").read_bytes()
        assert _alive(server_pid)

        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(server_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(server_pid), f"server {server_pid} outlived its SIGKILLed owner"
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait()
        if server_pid and _alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)

    # The folder is free again, and the dead owner's socket folder is swept on the next start.
    with EmbeddedFalkorDB(data) as db:
        assert db.graph("g").query("MATCH (n:T) RETURN count(n)").result_set == [[0]]  # never saved
    leftover = Path(socket_path.strip()).parent
    assert not leftover.exists(), (
        f"stale socket folder kept: {sorted(p.name for p in leftover.iterdir())}; "
        f"owner {owner.pid} alive: {_alive(owner.pid)}; server {server_pid} alive: {_alive(server_pid)}"
    )


_FORGETFUL_OWNER = """
import sys
from pathlib import Path
from universe_graph.stores.falkordb_server import EmbeddedFalkorDB
db = EmbeddedFalkorDB(Path(sys.argv[1]))
db.graph("g").query("CREATE (:T {v: 7})")
print(db.pid, flush=True)
"""


def test_a_normal_exit_without_close_saves_and_stops(tmp_path: Path) -> None:
    data = tmp_path / "store"
    done = subprocess.run(
        [sys.executable, "-c", _FORGETFUL_OWNER, str(data)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert not _alive(int(done.stdout))
    with EmbeddedFalkorDB(data) as db:
        assert db.graph("g").query("MATCH (n:T) RETURN n.v").result_set == [[7]]


def test_close_is_idempotent_and_removes_the_socket(tmp_path: Path) -> None:
    db = EmbeddedFalkorDB(tmp_path / "store")
    pid, socket_path = db.pid, db.socket_path
    assert socket_path.exists()
    assert len(os.fsencode(socket_path)) < 108
    db.close()
    assert db.closed
    assert not socket_path.exists()
    assert not socket_path.parent.exists()
    assert not _alive(pid)
    db.close()  # a second close does nothing
    with pytest.raises(StoreUnavailable, match="closed"):
        db.graph("g")
    with pytest.raises(StoreUnavailable, match="closed"):
        db.save()


def test_missing_parents_are_created(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "store"
    with EmbeddedFalkorDB(data) as db:
        db.graph("g").query("CREATE (:T)")
    assert (data / RDB_FILE).is_file()


def test_a_file_in_place_of_the_folder_is_unavailable(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="data folder"):
        EmbeddedFalkorDB(not_a_folder)
    with pytest.raises(StoreUnavailable, match="data folder"):
        EmbeddedFalkorDB(not_a_folder / "inside")


def test_one_owner_per_folder(tmp_path: Path) -> None:
    with EmbeddedFalkorDB(tmp_path / "store") as db:
        with pytest.raises(StoreBusy, match=f"PID {os.getpid()}"):
            EmbeddedFalkorDB(tmp_path / "store")
        assert db.graph("g").query("RETURN 1").result_set == [[1]]


def test_a_corrupt_rdb_is_unavailable(tmp_path: Path) -> None:
    data = tmp_path / "store"
    data.mkdir()
    (data / RDB_FILE).write_bytes(b"REDIS0011 this is not an rdb file")
    with pytest.raises(StoreUnavailable, match="exited during startup"):
        EmbeddedFalkorDB(data)


def _dead_pid() -> int:
    """A pid that is surely gone: a child that has exited and been reaped."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_sweep_keeps_a_folder_whose_server_answers_and_drops_a_silent_socket(tmp_path: Path) -> None:
    import socket

    from universe_graph.stores.falkordb_server import _RUN_PREFIX, _sweep_stale_run_dirs

    base = tmp_path / "run"
    base.mkdir()
    with EmbeddedFalkorDB(tmp_path / "store") as db:
        # a folder of a dead owner whose socket still reaches a live server: kept
        live = base / f"{_RUN_PREFIX}{_dead_pid()}-live"
        live.mkdir()
        (live / "redis.sock").symlink_to(db.socket_path)
        # a folder of a dead owner whose socket is held open by something that never answers
        # (as a dead server's background-save fork would): swept
        silent = base / f"{_RUN_PREFIX}{_dead_pid()}-silent"
        silent.mkdir()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as holder:
            holder.bind(str(silent / "redis.sock"))
            holder.listen(1)
            _sweep_stale_run_dirs(base)
        assert live.exists() and not silent.exists()
