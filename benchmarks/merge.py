"""Merge cost on a large store (issue 14): `merge A B` and its `retract`, each against ingesting a tiny
source into the same store in the same run.

    .venv/bin/python benchmarks/merge.py --store /tmp/ug-duplicates/after [--work /tmp/ug-merge]

`--store` is a store of every metadata sample (what `benchmarks/duplicates.py` builds as `after`, or
`benchmarks/scale.py`'s `all`); it is copied under `--work` first and never changed. On the copy,
one CLI process per command, as a user runs them:
  1. `ingest` of a tiny hand-written universe file (one film, two characters): the baseline;
  2. `merge` of two characters the resolver keeps apart (the first pair of one name and one type
     left in the store, chosen by the query below);
  3. `retract` of that decision (the merge undone: the sources holding it read again);
  4. `ingest` of the tiny file changed, again: the baseline once more, so drift shows.
Prints seconds and each command's ratio to the mean of the two baselines. Every ingest resolves
identity over the whole store (that is what makes it independent of order), so a merge costs one
such resolution plus the rewrite of the sources that hold the two entities.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from pyoxigraph import QuerySolutions

from universe_graph.resolve import lookup_key
from universe_graph.stores.oxigraph import OxigraphStore

TINY = """\
format: universe-graph/universe@1
source: {{id: merge-bench, tier: fan}}
universe: {{key: quillon, name: Quillon Reach}}
works:
  quillon-one:
    title: Quillon Reach
    kind: film
    year: {year}
    characters: [orra, tamsin]
characters:
  orra: {{name: Orra Fenwick}}
  tamsin: {{name: Tamsin Hale}}
"""
_PAIRS = """
SELECT ?e ?l WHERE { ?e a ug:Character ; rdfs:label ?l }"""


def pair(store: Path) -> tuple[str, str]:
    """Two characters of one display name the resolver left apart (the first such pair by key)."""
    canonical = OxigraphStore(store, read_only=True)
    try:
        rows = canonical.query(_PAIRS)
        assert isinstance(rows, QuerySolutions)
        by_key: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            by_key[lookup_key(row["l"].value)].add(row["e"].value)
    finally:
        canonical.close()
    for _, iris in sorted(by_key.items()):
        if len(iris) == 2:
            a, b = sorted(iris)
            return a, b
    raise SystemExit("no pair of characters of one name left apart in the store")


def run(store: Path, *args: str) -> tuple[float, str]:
    """Seconds of one CLI call and its stdout; a failure stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "universe_graph", "--store", str(store), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return took, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--store", type=Path, required=True, help="a store of every metadata sample")
    parser.add_argument("--work", type=Path, default=Path("/tmp/ug-merge"))
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    store = args.work / "store"
    shutil.copytree(args.store, store, ignore=shutil.ignore_patterns("snapshot", "lock"))
    tiny = args.work / "tiny.yaml"
    a, b = pair(store)
    print(f"pair: <{a}> and <{b}>")

    tiny.write_text(TINY.format(year=1901), encoding="utf-8")
    first, _ = run(store, "ingest", str(tiny))
    merged, out = run(store, "merge", a, b, "--format", "json", "--note", "benchmark")
    report = json.loads(out)
    rewritten = [c["source"] for c in report["changes"] if c["source"] != report["source"]]
    undone, _ = run(store, "retract", report["source"])
    tiny.write_text(TINY.format(year=1902), encoding="utf-8")
    second, _ = run(store, "ingest", str(tiny))
    base = (first + second) / 2
    print(f"ingest of a tiny source: {first:.1f} s, then {second:.1f} s (baseline {base:.1f} s)")
    print(f"merge:   {merged:.1f} s, ratio {merged / base:.2f} (sources rewritten: {', '.join(rewritten)})")
    print(f"retract: {undone:.1f} s, ratio {undone / base:.2f} (the merge undone)")


if __name__ == "__main__":
    main()
