"""Issue 16, high: a runaway Cypher query stops in FalkorDB at the timeout, its memory is bounded, and
rows past the limit are never read. Real parts: the `serve` HTTP server over a real FalkorDB server.

Kept small for CI on 2 cores: a 2-second timeout, queries that would run for minutes stopped in seconds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from servehelp import Running, post, running
from universe_graph.app import ingest_claims
from universe_graph.ingest import load_paths
from universe_graph.stores.sync import UniverseStore

CREDITS = "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json"
TIMEOUT = 2.0
MEMORY = 128 * 1024 * 1024


@pytest.fixture(scope="module")
def server(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("cypher-bounds")
    with UniverseStore(folder) as store:  # a small graph: the runaway queries make their own rows
        ingest_claims(store, load_paths([shared / CREDITS]).claimsets)
    with running(folder, timeout=TIMEOUT, max_rows=100, query_memory=MEMORY) as srv:
        yield srv


def cypher(server: Running, statement: str) -> httpx.Response:
    return post(server.url + "/db/neo4j/query/v2", json={"statement": statement})


def falkordb_pid(server: Running) -> int:
    projection = server.state.store.projection
    assert projection is not None
    return projection.server.pid


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def test_rows_are_cut_off_while_streaming(server: Running) -> None:
    started = time.monotonic()
    answer = cypher(server, "UNWIND range(1, 1000000) AS x RETURN x")
    elapsed = time.monotonic() - started
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["data"]["values"] == [[x] for x in range(1, 101)]
    assert body["notifications"][0]["code"] == "UG.ClientNotification.Result.Truncated"
    assert elapsed < 10, elapsed  # reading and parsing all million rows took far longer
    exact = cypher(server, "UNWIND range(1, 100) AS x RETURN x")
    assert len(exact.json()["data"]["values"]) == 100 and "notifications" not in exact.json()


def test_a_runaway_query_stops_in_falkordb_at_the_timeout(server: Running) -> None:
    pid = falkordb_pid(server)
    started = time.monotonic()
    answer = cypher(
        server,
        "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b UNWIND range(1, 3000) AS c RETURN count(*)",
    )
    elapsed = time.monotonic() - started
    assert answer.status_code == 408, answer.text
    assert (
        answer.json()["errors"][0]["code"]
        == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
    )
    assert elapsed < TIMEOUT + 3, elapsed
    before = cpu_seconds(pid)
    time.sleep(1.0)
    assert cpu_seconds(pid) - before < 0.3  # nothing is still running in the server
    assert cypher(server, "RETURN 2 AS two").json()["data"]["values"] == [[2]]


def test_a_query_needing_too_much_memory_is_stopped(server: Running) -> None:
    """FalkorDB's memory limit stops a query that grows while it runs."""
    answer = cypher(server, "WITH range(1, 20000000) AS r RETURN size(r)")  # 20 M values: ~320 MB
    assert answer.status_code == 400, answer.text
    assert answer.json()["errors"][0]["code"] == "UG.ClientError.Query.MemoryLimit"
    assert cypher(server, "RETURN 3 AS three").json()["data"]["values"] == [[3]]


def test_a_query_folded_while_planned_ends_the_server_which_comes_back(server: Running) -> None:
    """The issue's repro: `range(1, 400000000)` is built while the query is planned, where neither of
    FalkorDB's bounds applies (it reached about 15 GB); the watch ends the server, which restarts."""
    nodes = "MATCH (n:Node) RETURN count(n) AS n"
    before = cypher(server, nodes).json()["data"]["values"]
    pid = falkordb_pid(server)
    started = time.monotonic()
    answer = cypher(server, "UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 123 RETURN count(x)")
    elapsed = time.monotonic() - started
    assert answer.status_code in (400, 408), answer.text
    assert answer.json()["errors"][0]["code"] in (
        "UG.ClientError.Query.MemoryLimit",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    )
    assert elapsed < TIMEOUT + 5, elapsed
    assert not Path(f"/proc/{pid}").exists() or rss_bytes(pid) < 8 * MEMORY  # ended, not grown
    assert falkordb_pid(server) != pid
    assert rss_bytes(falkordb_pid(server)) < 4 * MEMORY
    assert cypher(server, nodes).json()["data"]["values"] == before  # the same graph, from its save


def test_one_row_larger_than_the_byte_limit_is_an_error(shared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, load_paths([shared / CREDITS]).claimsets)
    with running(folder, timeout=TIMEOUT, max_result_bytes=64 * 1024) as srv:
        huge = cypher(srv, "RETURN [x IN range(1, 100000) | 'some text'] AS big")
        assert huge.status_code == 400, huge.text
        assert huge.json()["errors"][0]["code"] == "UG.ClientError.Result.TooLarge"
        many = cypher(srv, "UNWIND range(1, 100000) AS x RETURN 'some text ' + toString(x) AS row")
        assert many.status_code == 202
        rows = many.json()["data"]["values"]
        assert 100 < len(rows) < 10_000 and rows[0] == ["some text 1"]  # cut by bytes, not by --max-rows
        assert many.json()["notifications"][0]["code"] == "UG.ClientNotification.Result.Truncated"
