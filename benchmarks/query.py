"""Query benchmark: each named query and `path` through our layer against the same work done directly
on the engine, on a synthetic universe, in one run.

    .venv/bin/python benchmarks/query.py [--relations 1000000] [--samples 200] [--pairs 100]

The universe is `synthetic_franchise`: universes of ten films with cast, directors, spin-offs,
characters in organizations and places, training chains, kills, and plot events, so every named
query has rows to return. For every named query: p50 and p95 of `run_named` (parameter checks,
binding, typed rows, pydantic result) over random entities of the type each parameter takes,
against the same query text with the same bindings run straight on
the engine (pyoxigraph `Store.query`, FalkorDB `ro_query`) and read to the last row; the ratio
ours / engine (goal <= 1.2). For `path` between random character pairs: our `path` (names, the
search on the adjacency index, evidence for each hop, pydantic result) against the same
bidirectional breadth-first search done with bare `quads_for_pattern` calls on the engine
(FalkorDB's `shortestPath` is directed only, so it cannot answer the same question); goal ratio
<= 1.2 and our p50 < 50 ms. The index is built once per store version (on the first `path` after
a write); its build time is printed on its own line, before the timed calls. Ours and the
baseline alternate sample by sample, so load on this shared machine hits both alike.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from universe_graph.app import ingest_claims
from universe_graph.errors import NoPath
from universe_graph.fixtures import pick_arguments, synthetic_franchise
from universe_graph.ontology import predicates
from universe_graph.query import named_queries, path, run_named
from universe_graph.query.adjacency import adjacency
from universe_graph.query.groups import PATH_SKIP
from universe_graph.query.named import CANON_PARAM, Engine
from universe_graph.query.names import name_index
from universe_graph.stores.oxigraph import QUERY_PREFIXES, OxigraphStore
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import UG


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def figures(ours: list[float], base: list[float]) -> str:
    """p50 and p95 of ours and of the baseline in ms, and their ratios, as one table row."""
    o50, o95, b50, b95 = pct(ours, 0.5), pct(ours, 0.95), pct(base, 0.5), pct(base, 0.95)
    cells = [f"{v * 1000:8.2f}m" for v in (o50, o95, b50, b95)] + [f"{o50 / b50:9.2f}", f"{o95 / b95:9.2f}"]
    return " ".join(cells)


def paired(
    ours: Callable[[Any], object], base: Callable[[Any], object], args: list[Any]
) -> tuple[list[float], list[float]]:
    a: list[float] = []
    b: list[float] = []
    for i, arg in enumerate(args):
        first, second = (ours, base) if i % 2 == 0 else (base, ours)
        t0 = time.perf_counter()
        first(arg)
        t1 = time.perf_counter()
        second(arg)
        t2 = time.perf_counter()
        (a if first is ours else b).append(t1 - t0)
        (b if first is ours else a).append(t2 - t1)
    return a, b


def raw_bfs(
    raw: ox.Store,
    graphs: frozenset[ox.NamedNode | ox.BlankNode],
    relations: set[ox.NamedNode],
    a: str,
    b: str,
    max_hops: int,
) -> int:
    """The same bidirectional BFS, on bare engine calls: neighbours by quads_for_pattern."""

    def neighbours(node: str) -> set[str]:
        term = ox.NamedNode(node)
        out = set()
        for q in raw.quads_for_pattern(term, None, None, None):
            if q.predicate in relations and isinstance(q.object, ox.NamedNode) and q.graph_name in graphs:
                out.add(q.object.value)
        for q in raw.quads_for_pattern(None, None, term, None):
            if q.predicate in relations and isinstance(q.subject, ox.NamedNode) and q.graph_name in graphs:
                out.add(q.subject.value)
        return out

    dist = ({a: 0}, {b: 0})
    frontier = [[a], [b]]
    radius = [0, 0]
    while frontier[0] and frontier[1] and radius[0] + radius[1] < max_hops:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        grown = []
        for node in frontier[side]:
            for other in neighbours(node):
                if other not in dist[side]:
                    dist[side][other] = radius[side] + 1
                    grown.append(other)
        radius[side] += 1
        frontier[side] = grown
        meet = dist[0].keys() & dist[1].keys()
        if meet:
            return min(dist[0][m] + dist[1][m] for m in meet)
    return -1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--max-hops", type=int, default=8)
    parser.add_argument("--path-only", action="store_true", help="Skip the named queries.")
    args = parser.parse_args()
    rng = random.Random(11)
    claims = synthetic_franchise(args.relations)
    of_type: dict[str, list[str]] = {}
    for entity in claims.entities:
        of_type.setdefault(entity.type.value, []).append(entity.id)
    characters = of_type["Character"]
    entities = claims.entities
    counts = ", ".join(f"{len(v)} {k}" for k, v in of_type.items())
    print(f"synthetic franchise: {counts}; {len(claims.relations)} relations, {len(claims.events)} events")
    with tempfile.TemporaryDirectory() as tmp, UniverseStore(Path(tmp) / "store") as store:
        start = time.perf_counter()
        ingest_claims(store, [claims])
        print(f"ingested both stores in {time.perf_counter() - start:.1f} s")
        del claims
        canonical = store.canonical
        projection = store.projection
        assert isinstance(canonical, OxigraphStore) and projection is not None
        engine: ox.Store = canonical._store
        graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = list(canonical.current_graphs())
        named: list[ox.NamedNode | ox.BlankNode] = list(canonical.current_graphs())
        start = time.perf_counter()
        name_index(store)
        print(f"name index (once per store version): {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        built = adjacency(store)
        built.graph(None)  # the networkx graph the search runs on, built with the index
        took = time.perf_counter() - start
        edges = sum(len(n) for n in built.neighbour) // 2
        print(
            f"path adjacency index (once per store version): {took:.2f} s,"
            f" {len(built.iris)} nodes, {edges} edges"
        )
        print()
        heads = ("ours p50", "ours p95", "base p50", "base p95", "ratio p50", "ratio p95")
        print(f"{'query':<20} {'engine':<7} " + " ".join(f"{h:>9}" for h in heads) + " mean rows")
        for query in [] if args.path_only else named_queries():
            picks = pick_arguments(
                entities, [p.name for p in query.params], args.samples, rng.randrange(1 << 30)
            )
            kinds = {p.name: p.type for p in query.params}

            def subst(
                params: dict[str, object], kinds: dict[str, str] = kinds
            ) -> dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]:
                out: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
                    ox.Variable(k): ox.NamedNode(str(v)) if kinds[k] == "iri" else ox.Literal(str(v))
                    for k, v in params.items()
                }
                return out

            def base_sparql(params: dict[str, object], text: str = query.sparql) -> object:
                solutions = engine.query(
                    text,
                    prefixes=QUERY_PREFIXES,
                    default_graph=graphs,
                    named_graphs=named,
                    substitutions=subst(params),
                )
                assert isinstance(solutions, ox.QuerySolutions)
                return [tuple(s) for s in solutions]

            def base_cypher(params: dict[str, object], text: str = query.cypher) -> object:
                return projection.graph.ro_query(text, {**params, CANON_PARAM: 3}).result_set

            rows = statistics.mean(len(run_named(store, query.name, p).rows) for p in picks[:20])
            bases: tuple[tuple[Engine, Callable[[dict[str, object]], object]], ...] = (
                ("sparql", base_sparql),
                ("cypher", base_cypher),
            )
            for kind, base in bases:

                def ours_named(p: dict[str, object], e: Engine = kind, n: str = query.name) -> object:
                    return run_named(store, n, p, engine=e)

                ours, baseline = paired(ours_named, base, picks)
                print(f"{query.name:<20} {kind:<7} {figures(ours, baseline)} {rows:.0f}")
        relations = {
            ox.NamedNode(str(UG._NS) + n)
            for n, i in predicates().items()
            if not i.is_literal and n not in PATH_SKIP
        }
        current = frozenset(named)
        pairs: list[tuple[str, str]] = [
            (a, b) for a, b in (rng.sample(characters, 2) for _ in range(args.pairs))
        ]
        lengths: list[int] = []
        unreachable: list[tuple[str, str]] = []

        def ours_path(pair: tuple[str, str]) -> object:
            try:
                result = path(store, pair[0], pair[1], max_hops=args.max_hops)
            except NoPath:
                unreachable.append(pair)
                return None
            lengths.append(result.hops)
            return result

        def base_path(pair: tuple[str, str]) -> object:
            return raw_bfs(engine, current, relations, pair[0], pair[1], args.max_hops)

        for pair in pairs[:3]:  # warm-up
            ours_path(pair)
        lengths.clear()
        unreachable.clear()
        ours, baseline = paired(ours_path, base_path, pairs)
        print(f"{'path':<20} {'quads':<7} {figures(ours, baseline)}")
        mean, longest, p50 = statistics.mean(lengths), max(lengths), pct(ours, 0.5) * 1000
        print(f"path lengths: mean {mean:.2f} hops, max {longest}; our p50 {p50:.1f} ms (goal < 50 ms)")
        print(f"pairs with no path within {args.max_hops} hops: {len(unreachable)} of {len(pairs)}")


if __name__ == "__main__":
    main()
