"""Scale benchmark: `ask`, `profile`, `check` and `export` on the all-samples store against the bundled
sample or that store's own ingest, in one run.

    .venv/bin/python benchmarks/scale.py [--dir /tmp/ug-scale] [--rebuild] [--rounds 3] [--no-check]

The all-samples store is the bundled sample (`ingest/john-wick/`) plus every metadata sample in
`../shared/data` (IMDb, TMDb, SWAPI, Wikidata, MovieLens, the Neo4j movies script): about 54,000
entities. Ingesting it takes minutes, so it is built once under `--dir` (its ingest time kept
beside it in `ingest.json`) and reused by later runs; `--rebuild` builds it again in this run.
Every command runs as a user runs it, one CLI process per call, so start-up and the store's read
snapshot (built by the first call over a store version, read back by the next ones) are counted.
Printed: for `ask` and `profile`, the first call and the best of `--rounds` later calls on each
store, and the ratio all-samples / sample of the later calls (goal <= 2); `check` (with SHACL) and
`export --format json` on the all-samples store against its ingest time (goals <= 1 and <= 2);
for `check`, also in CPU seconds of the two processes, which the machine's other load does not
inflate as it does wall time; then `check` once more over the same store version, which reads SHACL's
findings back from the read snapshot instead of validating again (its ratio to the first check).
Seconds are printed for context only: this machine is shared, the ratios are what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UG_SHARED", ROOT.parent / "shared")) / "data"
SAMPLE = ROOT / "ingest" / "john-wick"
METADATA = ["imdb", "tmdb", "swapi", "wikidata", "movielens", "neo4j-movies"]
JOHN = "https://w3id.org/universe-graph/id/john-wick-universe/character/john-wick"
QUESTION = "who trained John Wick?"


#: CPU seconds (user + system) of the last `run`'s process: on a shared machine, wall time
#: measures the neighbours too, so the check/ingest ratio is also printed in CPU time.
LAST_CPU = [0.0]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(store: Path, *args: str, timeout: float | None = None) -> tuple[float, int]:
    """Seconds and exit code of one CLI call over `store` (output discarded; a timeout is -1)."""
    command = [sys.executable, "-m", "universe_graph", "--store", str(store), *args]
    start, cpu = time.perf_counter(), _children_cpu()
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        LAST_CPU[0] = _children_cpu() - cpu
        return time.perf_counter() - start, -1
    LAST_CPU[0] = _children_cpu() - cpu
    if done.returncode not in (0, 3):  # 3: check found problems, an answer all the same
        sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
    return time.perf_counter() - start, done.returncode


def ingest(store: Path, paths: list[Path]) -> float:
    """Build a store from scratch; seconds (a file no reader knows is reported, not fatal)."""
    shutil.rmtree(store, ignore_errors=True)
    seconds, code = run(store, "ingest", *map(str, paths))
    if not (store / "canonical").is_dir():
        raise SystemExit(f"ingest into {store} failed (exit {code})")
    return seconds


def all_samples(folder: Path, rebuild: bool) -> tuple[Path, float, float | None, bool]:
    """The all-samples store, its ingest seconds and CPU seconds (None: not recorded when it was
    built); True when it was built in this run."""
    store, record = folder / "all", folder / "ingest.json"
    if not rebuild and (store / "canonical").is_dir() and record.is_file():
        kept = json.loads(record.read_text())
        return store, float(kept["seconds"]), kept.get("cpu"), False
    seconds = ingest(store, [SAMPLE, *(SHARED / name for name in METADATA)])
    cpu = LAST_CPU[0]
    record.write_text(json.dumps({"seconds": seconds, "cpu": cpu}))
    return store, seconds, cpu, True


def calls(store: Path, args: list[str], rounds: int) -> tuple[float, float]:
    """The first call (the read snapshot is built if this version has none) and the best later one."""
    first, code = run(store, *args)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed on {store} (exit {code})")
    later = min(run(store, *args)[0] for _ in range(rounds))
    return first, later


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=Path("/tmp/ug-scale"))
    parser.add_argument("--rebuild", action="store_true", help="ingest the all-samples store again")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="skip `check` (SHACL) on the large store")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sample = args.dir / "sample"
    sample_ingest = ingest(sample, [SAMPLE])
    big, big_ingest, big_cpu, built = all_samples(args.dir, args.rebuild)
    how = "built in this run" if built else "reused; ingest time as measured when it was built"
    print(f"ingest: sample {sample_ingest:.1f} s; all samples {big_ingest:.1f} s ({how})")
    for label, command in (("ask", ["ask", QUESTION]), ("profile", ["profile", JOHN])):
        s_first, s_later = calls(sample, command, args.rounds)
        b_first, b_later = calls(big, command, args.rounds)
        print(
            f"{label:8} sample first {s_first:6.2f} s, later {s_later:6.2f} s | all samples first "
            f"{b_first:6.2f} s, later {b_later:6.2f} s | ratio later {b_later / s_later:.2f} (goal <= 2)"
        )
    seconds, code = run(big, "export", "--format", "json", "-o", str(args.dir / "export.json"))
    ratio = seconds / big_ingest
    print(f"export   json {seconds:.1f} s (exit {code}) | ratio to ingest {ratio:.2f} (goal <= 2)")
    if not args.no_check:
        limit = 2 * big_ingest
        shutil.rmtree(big / "snapshot", ignore_errors=True)  # the first check validates, as after an ingest
        seconds, code = run(big, "check", "--format", "json", timeout=limit)
        cpu = LAST_CPU[0]
        shown = f"stopped at {limit:.0f} s" if code == -1 else f"exit {code}"
        ratio = seconds / big_ingest
        in_cpu = f"; CPU {cpu:.1f} s, ratio {cpu / big_cpu:.2f}" if big_cpu else ""
        print(f"check    SHACL {seconds:.1f} s ({shown}) | ratio to ingest {ratio:.2f} (goal <= 1){in_cpu}")
        again, code = run(big, "check", "--format", "json", timeout=limit)
        cpu_again = LAST_CPU[0]
        print(
            f"check    again, same store version: {again:.1f} s (exit {code}; CPU {cpu_again:.1f} s) | "
            f"ratio to the first check {again / seconds:.2f}, in CPU {cpu_again / cpu:.2f}"
        )


if __name__ == "__main__":
    main()
