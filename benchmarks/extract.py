"""Review extraction benchmark: the whole review path against bare spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/extract.py [--texts 6] [--processes 1 2]

Generates synthetic reviews (invented names, template sentences in paragraphs with headings) of
100, 1,000 and 10,000 words, writes them to a temporary folder, then for each size prints words/second
of (1) bare `nlp.pipe` over the texts and (2) the whole review path: read and decode each file, lay out
blocks, parse, rules, pydantic claims (`read_paths`, as `ingest` and `convert` call it, which parses
the files in one batch; `RulesExtractor.run_many` for two processes), and the ratio (2)/(1)
(goal >= 0.8), single process and with n_process=2. Rates and ratios,
not seconds, because these machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import tempfile
import time
from pathlib import Path

from universe_graph.extract import get_extractor
from universe_graph.extract.nlp import nlp
from universe_graph.extract.rules import RulesExtractor
from universe_graph.ingest.collect import read_paths
from universe_graph.model import CanonTier, Source, SourceKind

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=6, help="texts per size")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000], help="words per text")
    args = parser.parse_args()
    rng = random.Random(11)
    pipeline = nlp()  # loaded once, outside the timings
    extractor = get_extractor("rules.v1")
    assert isinstance(extractor, RulesExtractor)
    with tempfile.TemporaryDirectory() as tmp:
        read_paths([], kind="review")  # warm up the code paths once, outside the timings
        for size in args.sizes:
            texts = [review(size, rng) for _ in range(args.texts)]
            paths = []
            for i, text in enumerate(texts):
                path = Path(tmp) / f"review-{size}-{i}.txt"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            words = sum(len(t.split()) for t in texts)
            for processes in args.processes:
                start = time.perf_counter()
                for _ in pipeline.pipe(texts, n_process=processes):
                    pass
                bare = words / (time.perf_counter() - start)
                start = time.perf_counter()
                if processes == 1:  # what `ingest` does: read_paths batches the parse across files
                    read_paths(paths, kind="review")
                else:
                    items = []
                    for path in paths:
                        data = path.read_bytes()
                        source = Source(
                            id=path.stem,
                            location=str(path),
                            kind=SourceKind.REVIEW,
                            tier=CanonTier.REVIEW,
                            content_hash=hashlib.sha256(data).hexdigest(),
                        )
                        items.append((data.decode("utf-8"), source, None))
                    extractor.run_many(items, n_process=processes)
                ours = words / (time.perf_counter() - start)
                print(
                    f"{size:>6} words x {args.texts}, n_process={processes}: "
                    f"bare nlp.pipe {bare:8.0f} words/s, "
                    f"review path {ours:8.0f} words/s, ratio {ours / bare:.2f} (goal >= 0.8)"
                )


if __name__ == "__main__":
    main()
