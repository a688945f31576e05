"""Load benchmark: our ingest against the engines' own fastest paths, on the same data, in one run.

    .venv/bin/python benchmarks/load.py [--relations 1000000]

Prints (1) canonical: pyoxigraph `bulk_load` of the very quads our ingest writes, divided by our
ingest time for the same source (higher is better; goal >= 0.5); (2) projection: FalkorDB
`UNWIND $rows MERGE` of the very rows our projection writes, run directly, divided by our
projection time (goal >= 0.7); (3) peak memory of this process and of the FalkorDB server.
Ratios, not seconds, because these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from universe_graph.fixtures import synthetic
from universe_graph.model import (
    ClaimSet,
)
from universe_graph.rdf import graph_iri, ntriples
from universe_graph.stores import cypher
from universe_graph.stores.falkordb import FalkorProjection, _batches
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.projection import fresh_rows, source_items


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def server_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def bench_canonical(claims: ClaimSet, work: Path) -> tuple[float, float, int]:
    graph = ox.NamedNode(f"{graph_iri(claims.source)}/baseline")
    dump = work / "same-triples.nt"
    with dump.open("w", encoding="utf-8") as f:  # streamed: 1M relations' triples do not fit in memory twice
        f.writelines(ntriples(claims))
    baseline_store = ox.Store(str(work / "baseline"))
    start = time.perf_counter()
    baseline_store.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    baseline = time.perf_counter() - start
    count = len(baseline_store)
    del baseline_store
    dump.unlink()
    ours_store = OxigraphStore(work / "ours")
    start = time.perf_counter()
    ours_store.put(claims)
    ours = time.perf_counter() - start
    ours_store.close()
    return baseline, ours, count


def bench_projection(claims: ClaimSet, work: Path) -> tuple[float, float, float]:
    ours_projection = FalkorProjection(work / "proj-ours")
    start = time.perf_counter()
    ours_projection.project(claims.source.id, claims, "v1")
    ours = time.perf_counter() - start
    memory = server_mib(ours_projection.server.pid)
    ours_projection.close()

    # the same rows, written straight to a fresh FalkorDB with the same index and batch size
    rows = fresh_rows(claims, source_items(claims))
    direct = FalkorProjection(work / "proj-direct")
    start = time.perf_counter()
    for label, node_rows in rows.create_nodes.items():
        labels = f":{cypher.NODE}" + (f":{label}" if label else "")
        statement = f"UNWIND $rows AS row MERGE (n{labels} {{iri: row.iri}}) SET n = row.props"
        for batch in _batches(node_rows):
            direct.graph.query(statement, {"rows": list(batch)})
    for (rel_type, _), edge_rows in rows.edges.items():
        for batch in _batches(edge_rows):
            direct.graph.query(cypher.merge_edges(rel_type), {"rows": list(batch)})
    baseline = time.perf_counter() - start
    direct.close()
    return baseline, ours, memory


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--relations", type=int, default=1_000_000)
    args = parser.parse_args()
    claims = synthetic(args.relations)
    print(f"synthetic universe: {len(claims.entities):,} characters, {len(claims.relations):,} relations")
    with tempfile.TemporaryDirectory(prefix="ug-bench-") as tmp:
        work = Path(tmp)
        baseline, ours, quads = bench_canonical(claims, work)
        print(
            f"canonical: {quads:,} quads; bulk_load {baseline:.1f} s, our ingest {ours:.1f} s; "
            f"ratio {baseline / ours:.2f} (goal >= 0.5)"
        )
        baseline, ours, server = bench_projection(claims, work)
        print(
            f"projection: direct UNWIND/MERGE {baseline:.1f} s, our projection {ours:.1f} s; "
            f"ratio {baseline / ours:.2f} (goal >= 0.7)"
        )
    print(f"peak memory: this process {peak_mib():,.0f} MiB, FalkorDB server {server:,.0f} MiB")


if __name__ == "__main__":
    main()
