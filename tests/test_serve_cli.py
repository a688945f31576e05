"""`universe-graph serve` as a user starts it: a real process, bound to loopback, stopped by SIGTERM."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from conftest import Invoke
from servehelp import build_store
from universe_graph.stores.sync import UniverseStore

CLI = Path(sys.executable).parent / "universe-graph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def listeners(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp writes them) listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == "0A":  # LISTEN
                found.add(address)
    return found


def test_serve_binds_loopback_answers_and_stops_cleanly(tmp_path: Path) -> None:
    build_store(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [str(CLI), "--store", str(tmp_path), "serve", "--port", str(port)], stderr=subprocess.PIPE
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                page = httpx.get(url + "/", timeout=60)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        assert page.status_code == 200 and "cytoscape" in page.text
        assert 'src="/static/vendor/cytoscape.min.js"' in page.text
        assert httpx.get(url + "/static/vendor/cytoscape.min.js", timeout=60).status_code == 200
        ask = httpx.get(url + "/sparql", params={"query": "ASK { ?s a ug:Character }"}, timeout=60).json()
        assert ask["boolean"] is True
        assert listeners(port) == {"0100007F"}  # 127.0.0.1 only
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    assert code == 0
    with UniverseStore(tmp_path) as store:  # the store was released (lock and FalkorDB server)
        assert store.canonical.sources()


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid`."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_nothing_outlives_a_killed_server(tmp_path: Path) -> None:
    """SIGKILL the server: its SPARQL workers and its FalkorDB server go too."""
    build_store(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [str(CLI), "--store", str(tmp_path), "serve", "--port", str(port), "--workers", "2"],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.2)
        spawned = children(proc.pid)
        assert len(spawned) >= 3  # two SPARQL workers and the FalkorDB server
    finally:
        proc.kill()
        proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in spawned) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in spawned if alive(pid)]


def test_short_tokens_are_refused(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("--store", tmp_path, "serve", "--token", "abc")
    assert result.exit_code == 1
    assert "--token" in result.stderr
