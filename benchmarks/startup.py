"""Start-up benchmark: `universe-graph --help` and `sources` against `python -c pass`, in one run.

    .venv/bin/python benchmarks/startup.py [--runs 15]

Stores the bundled sample's universe file in a temporary store (once, not timed), then runs
`python -c pass`, `python -m universe_graph --help` and `python -m universe_graph --store S sources`
in turn (interleaved, so load on the shared machine hits all three alike) and prints, for each, the
median wall time and median CPU time (user + system of the child) and both as a ratio of the
baseline's. `sources` runs twice: with the store's saved listing current (`stores/listing.py`:
every `sources` after the first over one store version), and with it removed first (the first
`sources` after a write, which lists the full way and saves it). The goal is `--help` and
`sources` under 0.5 s; the ratio is what carries between machines (on an idle one
`python -c pass` takes about 0.02 s, so the goal is a wall ratio of ~25).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from universe_graph.fixtures import sample_path
from universe_graph.stores import listing

GOAL_SECONDS = 0.5


def timed(argv: list[str], env: dict[str, str], stale: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run of argv (`stale` removed first, untimed);
    fails loudly if it fails."""
    if stale is not None:
        stale.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    with tempfile.TemporaryDirectory(prefix="ug-startup-") as tmp:
        store = str(Path(tmp) / "store")
        universe = sample_path() / "john-wick.universe.yaml"
        ug = [sys.executable, "-m", "universe_graph"]
        subprocess.run([*ug, "--store", store, "ingest", str(universe)], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "universe-graph --help": [*ug, "--help"],
            "universe-graph sources": [*ug, "--store", store, "sources"],
            "sources, after a write": [*ug, "--store", store, "sources"],
        }
        stale = {"sources, after a write": Path(store) / listing.FILE}
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for name, argv in commands.items():  # one warm-up each (file cache, .pyc)
            timed(argv, env, stale.get(name))
        for _ in range(args.runs):
            for name, argv in commands.items():
                wall, cpu = timed(argv, env, stale.get(name))
                walls[name].append(wall)
                cpus[name].append(cpu)
    base_wall = statistics.median(walls["python -c pass"])
    base_cpu = statistics.median(cpus["python -c pass"])
    print(f"{args.runs} runs each, interleaved; medians (goal: under {GOAL_SECONDS} s on an idle machine)")
    for name in commands:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:24} wall {wall:6.3f} s ({wall / base_wall:5.1f}x pass)"
            f"   cpu {cpu:6.3f} s ({cpu / base_cpu:5.1f}x pass)"
        )


if __name__ == "__main__":
    main()
