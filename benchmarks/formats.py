"""IMDb TSV benchmark: our reader against Python's csv module on the same synthetic file, in one run.

    .venv/bin/python benchmarks/formats.py [--rows 1000000]

Generates a synthetic title.principals.tsv (--rows rows, about ten per title) in a temporary folder,
then prints (1) rows/second of `csv.reader(delimiter="\\t", quoting=csv.QUOTE_NONE)` merely reading
the file; rows/second of our reader's full run on it (rows to claims) and as a ratio of csv's (higher
is better; no goal is set: the reader checks every field and builds validated pydantic claims, csv
only splits lines); the same for a run with a --filter that keeps five titles (every row is still
read); (2) this process's peak RSS (getrusage) before reading, after the filtered run and after the
full run, in that order, since the peak only grows. Rates and ratios, not seconds, because these
machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from universe_graph.ingest.base import SourceOptions
from universe_graph.ingest.imdb import COLUMNS, ImdbReader, TsvKind

#: categories with roughly the weights of the real dump's principals
CATEGORIES = {"actor": 24, "actress": 18, "self": 4, "director": 15, "writer": 9, "producer": 12,
              "composer": 6, "cinematographer": 7, "editor": 4, "production_designer": 1}  # fmt: skip
FIRST = ["John", "Mary", "Viktor", "Maya", "Einar", "Nicole", "Terry", "Ana", "Kenji", "Olga", "Sam", "Lea"]
LAST = ["Wick", "Steiner", "Falkland", "Bollea", "Hogan", "Novak", "Silva", "Tanaka", "Berg", "Moreau"]


def tconst(i: int) -> str:
    return f"tt{1_000_000 + i:07d}"


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A title.principals.tsv with `rows` rows: ~10 credits per title, people drawn from a pool."""
    rng = random.Random(seed)
    categories, weights = list(CATEGORIES), list(CATEGORIES.values())
    people = max(10, rows // 3)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS[TsvKind.PRINCIPALS]) + "\n")
        title, ordering = 0, 0
        for _ in range(rows):
            ordering += 1
            if ordering > 10:
                title, ordering = title + 1, 1
            category = rng.choices(categories, weights)[0]
            if category in ("actor", "actress"):
                names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(1 + (rng.random() < 0.1))]
                characters = json.dumps(names, ensure_ascii=False)
            elif category == "self":
                characters = '["Self"]'
            else:
                characters = "\\N"
            job = "producer" if category == "producer" else "\\N"
            nconst = f"nm{1_000_000 + rng.randrange(people):07d}"
            f.write(f"{tconst(title)}\t{ordering}\t{nconst}\t{category}\t{job}\t{characters}\n")


def csv_rate(path: Path) -> float:
    """Rows per second of csv.reader just reading every row."""
    start = time.perf_counter()
    count = 0
    with path.open(encoding="utf-8", newline="") as f:
        for _row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            count += 1
    return (count - 1) / (time.perf_counter() - start)


def ours_rate(path: Path, rows: int, options: SourceOptions) -> tuple[float, int]:
    """Rows per second of one run of our reader on every row of the file, and the relations it made."""
    gc.collect()
    start = time.perf_counter()
    claims = ImdbReader().run(path, options)
    elapsed = time.perf_counter() - start
    return rows / elapsed, len(claims.relations)


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ug-bench-imdb-") as tmp:
        warm = Path(tmp) / "warm" / "title.principals.tsv"
        warm.parent.mkdir()
        generate(warm, 100)
        ImdbReader().run(warm)  # one-time costs (the ontology is parsed on the first claim) are not timed
        path = Path(tmp) / "title.principals.tsv"
        generate(path, args.rows)
        titles = args.rows // 10
        keep = ",".join(tconst(i * max(1, titles // 5)) for i in range(5))
        print(f"synthetic title.principals.tsv: {args.rows:,} rows, {path.stat().st_size / 2**20:,.0f} MiB")
        before = peak_rss_mib()
        baseline = csv_rate(path)
        filtered, kept = ours_rate(path, args.rows, SourceOptions(filter=keep))
        after_filtered = peak_rss_mib()
        full, relations = ours_rate(path, args.rows, SourceOptions())
        after_full = peak_rss_mib()
    print(f"csv.reader, reading only: {baseline:,.0f} rows/s")
    print(f"our reader, full run ({relations:,} relations): {full:,.0f} rows/s; "
          f"ratio to csv {full / baseline:.3f}")  # fmt: skip
    print(f"our reader, --filter of 5 titles ({kept} relations): {filtered:,.0f} rows/s; "
          f"ratio to csv {filtered / baseline:.3f}")  # fmt: skip
    print(f"peak RSS of this process: {before:,.0f} MiB before reading, {after_filtered:,.0f} MiB after the "
          f"filtered run, {after_full:,.0f} MiB after the full run")  # fmt: skip


if __name__ == "__main__":
    main()
