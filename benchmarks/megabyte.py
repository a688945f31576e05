"""One megabyte through the review path against bare `nlp.pipe` on the same text, in one run (issue 13:
no input of 1 MB may take more than 30 s on two free cores).

    .venv/bin/python benchmarks/megabyte.py [--kb 1000] [--only litbank paragraph repeat ...]

Inputs, each cut to `--kb` KB: `litbank`, real fiction: the shared LitBank development texts
(`--shared`/data/litbank/entities/*.txt) joined with blank lines, then again in a shuffled order
until the size is reached; and `hostile.py`'s generated inputs (`paragraph`, `repeat`, `headings`,
`noends`, `dots`, ...). Each is read the way `universe-graph ingest TEXT` reads it (`read_paths(...,
kind="review")`: a text of `pool.PARSE_WORDS` words or more is parsed across the worker pool, then
the rules run on the whole text in this process), against the baseline in the same run: bare
`nlp.pipe` of the review path's own pipeline over the same blocks, in this process.

Printed per input: wall seconds of both; CPU seconds (ours split into this process and the pool's
workers, which the machine's other jobs disturb less than the wall clock); the CPU ratio bare / ours;
and what the input would take on free cores: the workers' CPU spread over the cores, plus this
process's CPU (the rules wait for the whole parse). The model is loaded, one-time set-up run and the
pool started before any timing. Never a timed test: a figure for the README.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import hostile

ROOT = Path(__file__).resolve().parent.parent


def litbank(size: int, shared: Path) -> str:
    """The LitBank development texts joined, then again shuffled, up to `size` characters."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((shared / "data" / "litbank" / "entities").glob("*.txt"))
    ]
    if not texts:
        raise SystemExit(f"no LitBank texts under {shared}/data/litbank/entities")
    rng, total = random.Random(3), 0
    out: list[str] = []
    while total < size:
        batch = texts[:]
        if out:
            rng.shuffle(batch)
        for text in batch:
            out.append(text)
            total += len(text) + 2
    return hostile._at_most("\n\n".join(out), size)


def bare(text: str) -> tuple[float, float]:
    """Wall and CPU seconds of bare `nlp.pipe` over the blocks the review path parses, here."""
    from universe_graph.extract.chars import blank_format
    from universe_graph.extract.layout import blocks
    from universe_graph.extract.nlp import nlp

    source = blank_format(text)
    pieces = [source[b.start : b.end] for b in blocks(source)]
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp().pipe(pieces, batch_size=256):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def ours(path: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds here and CPU seconds in the pool's workers of reading `path`."""
    from universe_graph.extract import pool
    from universe_graph.ingest.collect import read_paths

    start, here, workers = time.perf_counter(), time.process_time(), pool.worker_cpu_seconds()
    loaded, errors = read_paths([path], kind="review", processes=1)
    assert len(loaded.claimsets) == 1 and not errors, errors
    return time.perf_counter() - start, time.process_time() - here, pool.worker_cpu_seconds() - workers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=1000, help="size of each input in KB (1,000 characters)")
    parser.add_argument("--only", nargs="+", help="only these inputs (litbank, or hostile.py's names)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    from universe_graph.extract import pool
    from universe_graph.extract.nlp import nlp
    from universe_graph.ingest.collect import read_paths

    names = args.only or ["litbank", "paragraph", "repeat", "headings", "noends", "dots"]
    nlp()
    cores = pool.cores()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(hostile.ordinary(2000, random.Random(1)), encoding="utf-8")
        read_paths([warm], kind="review", processes=1)  # lazy set-up outside the timings
        pool.warm()
        for name in names:
            size = args.kb * 1000
            if name == "litbank":
                text = litbank(size, args.shared)
            else:
                text = hostile._at_most(hostile.INPUTS[name](size, random.Random(7)), size)
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            wall, here, workers = ours(path)
            bare_wall, bare_cpu = bare(text)
            free = workers / cores + here
            print(
                f"{name:>10} {len(text.encode('utf-8')) / 1000:7.1f} KB: ours {wall:6.1f} s "
                f"(CPU here {here:5.1f} s, workers {workers:5.1f} s), bare nlp.pipe {bare_wall:6.1f} s "
                f"(CPU {bare_cpu:5.1f} s); CPU ratio bare/ours {bare_cpu / max(here + workers, 1e-9):.2f}; "
                f"on {cores} free cores about {free:5.1f} s (goal <= 30)",
                flush=True,
            )


if __name__ == "__main__":
    main()
