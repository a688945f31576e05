"""Serve benchmark: 16 concurrent clients against `/sparql` and the Cypher endpoint on the sample universe,
and Oxigraph's own server answering the same named queries over the same data, in the same run.

    .venv/bin/python benchmarks/serve.py [--seconds 30] [--clients 16] [--workers 2]

Prints requests/s, p50/p99 latency and errors for each target, and the ratio of our `/sparql`
throughput on the named queries to Oxigraph's server's (goal >= 0.7; errors: goal zero).
Both servers run as their own processes on loopback; the clients are asyncio tasks here.
The named queries' parameters are given to both SPARQL servers as an inline `VALUES` block (IRIs
read from the store itself, not user input); the Cypher endpoint gets them as bound parameters.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from universe_graph import query
from universe_graph.app import ingest_claims
from universe_graph.errors import UniverseGraphError
from universe_graph.fixtures import sample
from universe_graph.query.canon import max_rank
from universe_graph.query.named import CANON_PARAM
from universe_graph.stores.oxigraph import QUERY_PREFIXES, OxigraphStore
from universe_graph.stores.sync import UniverseStore

BIN = Path(sys.executable).parent
#: which entity type fills a named query's parameter, by the parameter's name
PARAM_TYPES = {
    "character": "Character",
    "killer": "Character",
    "entity": "Character",
    "location": "Location",
    "organization": "Organization",
    "universe": "Universe",
    "work": "Work",
}


@dataclass
class Job:
    name: str
    sparql: str  # parameters inlined as VALUES
    cypher: str
    params: dict[str, Any]
    rows: int


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def jobs(store: UniverseStore) -> list[Job]:
    """Each named query with the parameters (entities of the store) that give it the most rows."""
    index = query.names.name_index(store)
    out = []
    for named in query.named_queries():
        best: tuple[int, dict[str, Any]] | None = None
        kinds = [PARAM_TYPES.get(p.name, "Character") for p in named.params]
        pools = [[r.iri for r in index.refs.values() if query.names._fits(r, k)][:40] for k in kinds]
        for i in range(max(len(p) for p in pools) if pools else 1):
            params = {
                p.name: pool[i % len(pool)] for p, pool in zip(named.params, pools, strict=True) if pool
            }
            try:
                rows = len(query.run_named(store, named.name, params).rows)
            except UniverseGraphError:
                continue
            if best is None or rows > best[0]:
                best = (rows, params)
        if best is None:
            continue
        rows, params = best
        values = {**params, CANON_PARAM: max_rank(None)}
        names = " ".join(f"?{k}" for k in values)
        terms = " ".join(f"<{v}>" if isinstance(v, str) else str(v) for v in values.values())
        inline = f"VALUES ({names}) {{ ({terms}) }} "

        # in every group a WHERE opens, subqueries included (as the engine's substitution binds them)
        def bind(m: re.Match[str], v: str = inline) -> str:
            return m.group(0) + " " + v

        text = re.sub(r"WHERE\s*\{", bind, named.sparql, flags=re.IGNORECASE)
        prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in QUERY_PREFIXES.items())
        out.append(Job(named.name, prefixes + text, named.cypher, values, rows))
    return out


async def hammer(url: str, make: Any, seconds: float, clients: int, jobs: list[Job]) -> Tally:
    """`clients` tasks sending requests in turn through the jobs until `seconds` pass."""
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        deadline = time.monotonic() + seconds

        async def one(start: int) -> None:
            i = start
            while time.monotonic() < deadline:
                job = jobs[i % len(jobs)]
                i += 1
                t = time.perf_counter()
                try:
                    response = await client.send(make(client, url, job))
                    await response.aread()
                    ok = response.status_code in (200, 202)
                    detail = f"{response.status_code} {response.text[:200]}"
                except httpx.HTTPError as e:
                    ok, detail = False, repr(e)
                tally.latencies.append(time.perf_counter() - t)
                if not ok:
                    tally.errors += 1
                    tally.first_error = tally.first_error or f"{job.name}: {detail}"

        await asyncio.gather(*(one(k) for k in range(clients)))
    return tally


def sparql_request(client: httpx.AsyncClient, url: str, job: Job) -> httpx.Request:
    return client.build_request(
        "POST",
        url,
        content=job.sparql.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )


def cypher_request(client: httpx.AsyncClient, url: str, job: Job) -> httpx.Request:
    return client.build_request("POST", url, json={"statement": job.cypher, "parameters": job.params})


def report(name: str, tally: Tally, seconds: float) -> float:
    rate = len(tally.latencies) / seconds
    lat = sorted(tally.latencies) or [0.0]
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(
        f"{name:34} {rate:8.1f} req/s   p50 {statistics.median(lat) * 1000:7.1f} ms   "
        f"p99 {p99 * 1000:7.1f} ms   errors {tally.errors}"
    )
    if tally.first_error:
        print(f"    first error: {tally.first_error}")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds the seconds are split into")
    parser.add_argument("--workers", type=int, default=2, help="our server's SPARQL worker processes")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ug-bench-serve-"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        folder = tmp / "store"
        with UniverseStore(folder) as store:
            ingest_claims(store, sample().claimsets)
            work = jobs(store)
            canonical = store.canonical
            assert isinstance(canonical, OxigraphStore)
            graphs = canonical.current_graphs()
            dump = tmp / "current.nq"
            with dump.open("wb") as out:
                for graph in graphs:
                    ox.serialize(
                        canonical._store.quads_for_pattern(None, None, None, graph),
                        out,
                        format=ox.RdfFormat.N_QUADS,
                    )
        print(f"{len(work)} named queries ({', '.join(f'{j.name}:{j.rows}' for j in work)} rows)")
        oxi = tmp / "oxigraph"
        subprocess.run(
            [str(BIN / "oxigraph"), "load", "--location", str(oxi), "--file", str(dump)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [str(BIN / "oxigraph"), "optimize", "--location", str(oxi)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        oxi_port, our_port = free_port(), free_port()
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "oxigraph"),
                    "serve-read-only",
                    "--location",
                    str(oxi),
                    "--bind",
                    f"127.0.0.1:{oxi_port}",
                    "--union-default-graph",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "universe-graph"),
                    "--store",
                    str(folder),
                    "serve",
                    "--port",
                    str(our_port),
                    "--workers",
                    str(args.workers),
                    "--timeout",
                    "30",
                ],
                stderr=subprocess.DEVNULL,
            )
        )
        oxi_url, our_url = f"http://127.0.0.1:{oxi_port}/query", f"http://127.0.0.1:{our_port}"
        wait_http(oxi_url)
        wait_http(our_url + "/openapi.json")
        # the same answers from both SPARQL servers, before timing anything
        for job in work:
            a = httpx.post(
                oxi_url,
                content=job.sparql,
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json",
                },
                timeout=120,
            ).json()
            b = httpx.post(
                our_url + "/sparql",
                content=job.sparql,
                headers={
                    "Content-Type": "application/sparql-query",
                    "Accept": "application/sparql-results+json",
                },
                timeout=120,
            ).json()
            assert len(a["results"]["bindings"]) == len(b["results"]["bindings"]) == job.rows, job.name
        s, c, rounds = args.seconds, args.clients, args.rounds
        print(
            f"{c} clients, {s:g} s per target in {rounds} alternating rounds, "
            f"{os.cpu_count()} cores shared by clients and servers"
        )
        targets = [
            ("oxigraph serve /query (baseline)", oxi_url, sparql_request),
            ("universe-graph /sparql", our_url + "/sparql", sparql_request),
            ("universe-graph /db/neo4j/query/v2", our_url + "/db/neo4j/query/v2", cypher_request),
        ]
        tallies = {name: Tally() for name, _, _ in targets}
        for _ in range(rounds):  # alternating, so the shared machine's load drifts over all targets alike
            for name, url, make in targets:
                got = asyncio.run(hammer(url, make, s / rounds, c, work))
                tally = tallies[name]
                tally.latencies += got.latencies
                tally.errors += got.errors
                tally.first_error = tally.first_error or got.first_error
        rates = {name: report(name, tally, s) for name, tally in tallies.items()}
        ratio = rates["universe-graph /sparql"] / rates["oxigraph serve /query (baseline)"]
        print(f"/sparql throughput vs Oxigraph's server: {ratio:.2f} (goal >= 0.7)")
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
