"""Hostile and long inputs through the review path: seconds per input and its size (never a timed test).

    .venv/bin/python benchmarks/hostile.py [--kb 100 1000] [--only dots ...] [--baseline] [--profile NAME]

Each input is generated (invented names only), written to a temporary file and read the way
`universe-graph ingest TEXT` and `convert TEXT --from review` read it (`read_paths(..., kind="review")`,
one process, so the figure is the text's own cost). The model is loaded and warmed before any timing.
Inputs (each made to about the given size in KB, except the conjunction):

- `dots`: a review whose middle is a run of ". . ." (an ellipsis typed with spaces);
- `bangs`: a review whose middle is a run of "!!!!" and "?!?!" with spaces between them;
- `paragraph`: ordinary sentences in one huge paragraph (no blank line at all);
- `ordinary`: ordinary text, varied invented paragraphs separated by blank lines, with headings;
- `conjunction`: a review naming 1,000 one-word characters in one "X fights A, B, ... and Z" sentence;
- `noends`: long lines of words with no sentence end, one per line, no blank lines;
- `headings`: thousands of short heading lines, each followed by a one-sentence paragraph;
- `repeat`: one short paragraph naming the same characters, repeated (each name said thousands of times).

`--baseline` also times bare `nlp.pipe` over the same text's blank-line paragraphs (spaCy alone, one
process), so a figure can be read against what the parse alone costs on the machine at that moment.
`--profile NAME` runs one input under cProfile and prints the 25 costliest functions (cumulative).
Each input also gets its CPU time: this process's and the worker pool's (a text of
`pool.PARSE_WORDS` words or more is parsed across the workers), so a figure taken on a loaded
machine can be read as what it would take on free cores (parse CPU / cores + the rest); the pool
is started before any timing.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FIRST = ["Mara", "Ivo", "Lena", "Tobin", "Saskia", "Orrin", "Della", "Kasimir", "Nell", "Ruben", "Yara"]
LAST = ["Quell", "Varo", "Brandt", "Okafor", "Lind", "Sorel", "Haddad", "Moreau", "Kessler", "Pike"]
PLACES = ["Calder", "Vennmark", "Oslund", "Port Avel", "Mirrow", "Karsk", "Bellhaven"]
TEMPLATES = [
    "{a} meets with {b} in the city of {p}.",
    "{a} was betrayed by {b}, who had been paid by {c}.",
    "In a brutal fight, {a} defeats {b} near the docks of {p}.",
    "Later, {a} learns that {b} leads the Night Guild.",
    "{a} hunts one of {b}'s lieutenants through the markets of {p}.",
    "I loved the colors, the costumes and the long quiet shots of the harbor.",
    "The second act drags, but the score by the composer keeps it moving.",
    "{c} rescues {a} from the tower and they flee to {p}.",
    "It is a film about grief, and it never quite earns its ending.",
    "{b} warns {c} that the Ashen Court is coming for her.",
]
OPENING = (
    "The Quiet Storm\n\nThe Quiet Storm follows Mara Quell, an assassin who hunts Ivo Varo in Calder.\n\n"
)


def _sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        a=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        b=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        c=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        p=rng.choice(PLACES),
    )


def _paragraphs(size: int, rng: random.Random, *, sep: str = "\n\n", headings: bool = True) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 8)))
        if headings and rng.random() < 0.1:
            para = f"Part {len(out)}: The {rng.choice(PLACES)} Chapter{sep}{para}"
        out.append(para)
        total += len(para) + len(sep)
    return sep.join(out)


def dots(size: int, rng: random.Random) -> str:
    return OPENING + ". " * (size // 2) + "\n\nMara Quell defeats Ivo Varo.\n"


def bangs(size: int, rng: random.Random) -> str:
    return OPENING + "!!!! ?!?! " * (size // 10) + "\n\nMara Quell defeats Ivo Varo.\n"


def paragraph(size: int, rng: random.Random) -> str:
    return OPENING + _paragraphs(size, rng, sep=" ", headings=False) + "\n"


def ordinary(size: int, rng: random.Random) -> str:
    return OPENING + _paragraphs(size, rng) + "\n"


def conjunction(size: int, rng: random.Random) -> str:
    first = [name for name in FIRST if name != "Kasimir"]  # ten: this list once raised RecursionError
    names = [f"{first[i % len(first)]}{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(1000)]
    return "The Quiet Storm\n\nMara Quell fights " + ", ".join(names[:-1]) + f" and {names[-1]}.\n"


def noends(size: int, rng: random.Random) -> str:
    words = [w for t in TEMPLATES for w in t.replace(".", "").replace(",", "").split() if "{" not in w]
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(words) for _ in range(200))
        lines.append(line)
        total += len(line) + 1
    return OPENING + "\n".join(lines) + "\n"


def headings(size: int, rng: random.Random) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        part = f"Chapter {len(out)} The {rng.choice(PLACES)} Road\n\n{_sentence(rng)}"
        out.append(part)
        total += len(part) + 2
    return OPENING + "\n\n".join(out) + "\n"


def repeat(size: int, rng: random.Random) -> str:
    """One short paragraph naming the same two characters, over and over (a name said 50,000 times)."""
    para = "Mara Quell waits for Ivo Varo in Calder. She hides. Ivo Varo finds Mara Quell at dawn."
    return OPENING + "\n\n".join([para] * (size // (len(para) + 2))) + "\n"


INPUTS: dict[str, Callable[[int, random.Random], str]] = {
    "dots": dots,
    "bangs": bangs,
    "paragraph": paragraph,
    "ordinary": ordinary,
    "conjunction": conjunction,
    "noends": noends,
    "headings": headings,
    "repeat": repeat,
}


def _at_most(text: str, size: int) -> str:
    """The text cut at its last space before `size` characters (1,000 KB stays within the limit)."""
    if len(text) <= size:
        return text
    return text[: text.rfind(" ", 0, size)] + "\n"


def run_one(path: Path) -> tuple[float, str]:
    """Seconds to read `path` as a review, and what came of it (claim sets, located errors, a crash,
    CPU seconds here and in the workers)."""
    from universe_graph.extract import pool
    from universe_graph.ingest.collect import read_paths

    start, own, workers = time.perf_counter(), time.process_time(), pool.worker_cpu_seconds()
    try:
        loaded, errors = read_paths([path], kind="review", processes=1)
    except Exception as e:  # a crash is a finding to print, not to stop on
        return time.perf_counter() - start, f"CRASH {type(e).__name__}"
    seconds = time.perf_counter() - start
    own, workers = time.process_time() - own, pool.worker_cpu_seconds() - workers
    outcome = f"{len(loaded.claimsets)} claim set(s), {len(errors)} located error(s); CPU here {own:.1f} s"
    return seconds, outcome + (f", workers {workers:.1f} s" if workers else "")


def bare_parse(text: str) -> tuple[float, float]:
    """Seconds and CPU seconds of bare `nlp.pipe` over the text's blank-line paragraphs (the
    baseline: spaCy alone, one process)."""
    from universe_graph.extract.nlp import nlp

    pipeline = nlp()
    paragraphs = [p[: pipeline.max_length] for p in re.split(r"\n\s*\n", text) if p.strip()]
    start, cpu = time.perf_counter(), time.process_time()
    for _doc in pipeline.pipe(paragraphs):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, nargs="+", default=[100, 1000], help="sizes in KB (1,000 chars)")
    parser.add_argument("--only", nargs="+", choices=sorted(INPUTS), help="only these inputs")
    parser.add_argument("--profile", choices=sorted(INPUTS), help="cProfile one input (at the first --kb)")
    parser.add_argument("--baseline", action="store_true", help="also time bare nlp.pipe on the same text")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (cumulative, tottime)")
    args = parser.parse_args()

    from universe_graph.extract import pool
    from universe_graph.extract.nlp import nlp
    from universe_graph.ingest.collect import read_paths

    nlp()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(ordinary(2000, random.Random(1)), encoding="utf-8")
        read_paths([warm], kind="review", processes=1)  # lazy set-up outside the timings
        pool.warm()  # the workers a long text is parsed on: started outside the timings
        if args.profile:
            path = Path(tmp) / "profiled.txt"
            text = _at_most(INPUTS[args.profile](args.kb[0] * 1000, random.Random(7)), args.kb[0] * 1000)
            path.write_text(text, encoding="utf-8")
            profiler = cProfile.Profile()
            profiler.enable()
            run_one(path)
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.sort).print_stats(25)
            return
        for name in args.only or list(INPUTS):
            sizes = [1] if name == "conjunction" else args.kb
            for kb in sizes:
                text = INPUTS[name](kb * 1000, random.Random(7))
                text = text if name == "conjunction" else _at_most(text, kb * 1000)
                path = Path(tmp) / f"{name}-{kb}.txt"
                path.write_text(text, encoding="utf-8")
                seconds, outcome = run_one(path)
                size = len(text.encode("utf-8")) / 1000
                bare = ""
                if args.baseline:
                    wall, cpu = bare_parse(text)
                    bare = f", bare nlp.pipe {wall:7.2f} s (CPU {cpu:.1f} s)"
                print(f"{name:>12} {size:8.1f} KB: {seconds:7.2f} s ({outcome}){bare}", flush=True)


if __name__ == "__main__":
    main()
