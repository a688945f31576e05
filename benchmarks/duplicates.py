"""Duplicate-groups benchmark: entities that share one normalised name and one type, on a store of
all the metadata samples in ../shared/data ingested together, before and after identity resolution.

    .venv/bin/python benchmarks/duplicates.py --before-src BASE/src [--work /tmp/dups] [--fresh]

Ingests SWAPI, TMDb, MovieLens, IMDb, the Neo4j movies script and the Wikidata files in one
`ingest` command, as a new user would, once with the code under `--before-src` (the baseline: a
checkout before identity resolution, e.g. `git archive e6a6f8a`) and once with this checkout, each
into its own store under `--work` (kept and reused between runs: the ingest takes minutes; `--fresh`
starts again). Prints, for both: entities, groups of entities with one lookup key and one type,
entities in such groups, and the ingest time of the two as a ratio (after / before, only when both
were ingested in this run); then the largest groups left. An older baseline that cannot read a
file (it exits 1 having stored the rest) is counted on what it stored; the refused files are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from pyoxigraph import QuerySolutions

from universe_graph.model import is_placeholder
from universe_graph.resolve import best_name, lookup_key
from universe_graph.stores.oxigraph import OxigraphStore

HERE = Path(__file__).resolve().parent.parent
SAMPLES = ("swapi", "tmdb", "movielens", "imdb", "neo4j-movies/movies.cypher", "wikidata")
_NAMES = """
SELECT ?e ?t ?l WHERE {
  ?e a ?t ; rdfs:label ?l .
  VALUES ?t { ug:Film ug:Series ug:Person ug:Character ug:Organization ug:Location ug:Universe ug:Genre }
}"""


def ingest(src: Path, store: Path, data: Path, samples: list[str]) -> float:
    """Ingest every sample with the code under `src` into `store`; seconds taken (0 if reused)."""
    done = store / "INGESTED"
    if done.exists():
        return 0.0
    shutil.rmtree(store, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    paths = [str(data / s) for s in samples]
    start = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "universe_graph",
            "--store",
            str(store),
            "ingest",
            *paths,
            "--on-error",
            "skip",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    stored = [line for line in run.stdout.splitlines() if line.startswith(("added", "replaced"))]
    if run.returncode != 0 and not (run.returncode == 1 and stored):
        sys.exit(f"ingest with {src} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    refused = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    if refused:  # an older baseline reads fewer formats: it stores the rest and says which it refused
        print(f"{store.name}: {len(refused)} file(s) not stored by {src}:", *refused, sep="\n  ")
    done.write_text(f"{took:.1f}\n", encoding="utf-8")
    return took


def groups(store: Path) -> tuple[int, dict[tuple[str, str], list[str]]]:
    """(entities, groups of more than one entity by (type, lookup key of the display name))."""
    canonical = OxigraphStore(store, read_only=True)
    try:
        names: dict[tuple[str, str], list[str]] = defaultdict(list)
        rows = canonical.query(_NAMES)
        assert isinstance(rows, QuerySolutions)
        for row in rows:
            names[(row["e"].value, row["t"].value.rsplit("#", 1)[-1])].append(row["l"].value)
    finally:
        canonical.close()
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (iri, kind), labels in names.items():
        shown = best_name(labels)
        if shown is not None and not is_placeholder(shown):
            by_key[(kind, lookup_key(shown))].append(iri)
    return len(names), {k: v for k, v in by_key.items() if len(v) > 1}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before-src", type=Path, help="the baseline's src folder (main)")
    parser.add_argument("--data", type=Path, default=HERE.parent / "shared" / "data")
    parser.add_argument("--work", type=Path, default=Path("/tmp/ug-duplicates"))
    parser.add_argument("--fresh", action="store_true", help="ingest again even if the stores exist")
    parser.add_argument("--show", type=int, default=15, help="largest groups left to print")
    parser.add_argument(
        "--samples", nargs="+", default=list(SAMPLES), help="paths under --data to ingest (default: all)"
    )
    parser.add_argument(
        "--stores", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="count two existing stores only"
    )
    args = parser.parse_args()
    if args.stores:
        report({"before": groups(args.stores[0]), "after": groups(args.stores[1])}, {}, args.show)
        return
    if args.before_src is None:
        parser.error("--before-src is required unless --stores is given")
    if args.fresh:
        shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    results: dict[str, tuple[int, dict[tuple[str, str], list[str]]]] = {}
    for label, src in (("before", args.before_src.resolve()), ("after", HERE / "src")):
        store = args.work / label
        times[label] = ingest(src, store, args.data, args.samples)
        results[label] = groups(store)
    report(results, times, args.show)


def report(
    results: dict[str, tuple[int, dict[tuple[str, str], list[str]]]], times: dict[str, float], show: int
) -> None:
    """Print both stores' counts, the ratios, and the largest groups left after."""
    print(f"{'':8}{'entities':>10}{'dup groups':>12}{'in groups':>11}")
    for label, (entities, dups) in results.items():
        print(f"{label:8}{entities:>10}{len(dups):>12}{sum(len(v) for v in dups.values()):>11}")
    kinds = sorted({kind for _, dups in results.values() for kind, _ in dups})
    print(f"{'groups by type':<16}" + "".join(f"{k:>11}" for k in kinds))
    for label, (_, dups) in results.items():
        per = Counter(kind for kind, _ in dups)
        print(f"{label:<16}" + "".join(f"{per[k]:>11}" for k in kinds))
    before, after = len(results["before"][1]), len(results["after"][1])
    print(f"duplicate groups after / before: {after / before:.3f}" if before else "no groups before")
    if times.get("before") and times.get("after"):
        print(f"ingest time after / before: {times['after'] / times['before']:.2f}")
    else:
        print("ingest time ratio: not measured (a store was reused; --fresh to measure)")
    left = sorted(results["after"][1].items(), key=lambda kv: (-len(kv[1]), kv[0]))[:show]
    for (kind, key), iris in left:
        print(f"  {len(iris):>3} {kind:<12} {key!r}")


if __name__ == "__main__":
    main()
