"""A fuzzer for the readers: mutate real samples and count located errors, tracebacks and hangs.

    PYTHONPATH=src .venv/bin/python benchmarks/fuzz.py [--per-reader 1000] [--seed 16] [--hang 20]
        [--store]

Each reader gets real samples (the shared TMDb, SWAPI, Wikidata, IMDb and MovieLens files, the
sample universe, a test review) and `--per-reader` mutated copies of them: bytes flipped or
inserted (NUL, CR, BOM, surrogate escapes), cuts, repeats, huge integers, deep nesting, and for
JSON a value swapped for one of the wrong type. Every copy is read as `ingest` reads it; the outcome
is `ok` (read), `located` (BadInput: the error names the file), `traceback` (any other exception)
or `hang` (longer than `--hang` seconds). With `--store`, every accepted copy is also ingested into
one fresh store (both halves), and a source the projection refuses counts as `partial`.
The test suite runs a seeded subset (`tests/test_hardening_fuzz.py`).
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from universe_graph.fixtures import sample_path
from universe_graph.ingest import SourceOptions, read_paths
from universe_graph.model import ClaimSet

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def samples(shared: Path = SHARED) -> dict[str, list[tuple[str, str]]]:
    """Per reader: (file name, text) of the real samples the mutations start from (big files cut)."""

    def text(path: Path, lines: int | None = None) -> str:
        body = path.read_text(encoding="utf-8")
        return body if lines is None else "\n".join(body.splitlines()[:lines]) + "\n"

    tmdb, swapi, wikidata = shared / "tmdb", shared / "swapi", shared / "wikidata"
    imdb, movielens = shared / "imdb" / "heads", shared / "movielens"
    return {
        "tmdb": [
            (p.name, text(p))
            for p in (
                tmdb / "marcospss_mock_john_wick_3_credits_trimmed.json",
                tmdb / "marcospss_mock_john_wick_3_details.json",
                tmdb / "calum4_person_5.json",
            )
        ],
        "swapi": [("films.json", text(swapi / "films.json"))],
        "wikidata": [
            ("Q2262932.json", text(wikidata / "Q2262932.json")),
            ("character-universe.csv", text(wikidata / "character-universe.csv", 40)),
        ],
        "imdb": [
            (n, text(imdb / n)) for n in ("title.basics.tsv", "name.basics.tsv", "title.principals.tsv")
        ],
        "movielens": [
            ("movies.csv", text(movielens / "movies.csv", 40)),
            ("links.csv", text(movielens / "links.csv", 40)),
        ],
        "universe": [("john-wick.yaml", text(sample_path() / "john-wick.universe.yaml"))],
        "review": [("ashfall.txt", text(ROOT / "tests" / "data" / "extract" / "ashfall.txt"))],
    }


# ---------------------------------------------------------------------------------------- mutations
_INSERTS = ["\x00", "\r", "\ufeff", "\\ud800", "\ud7ff", '"', "{", "[", "\t", ",", ":", "&a", "*a", "\u202e"]


def _wrong_value(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            0,
            -1,
            10**30,
            3.5,
            "",
            "x" * 600,
            [],
            {},
            [1, "a"],
            {"a": {"b": []}},
            "\x00",
            "9" * 5000,
        ]
    )


def _json_swap(text: str, rng: random.Random) -> str | None:
    """Parse, replace one value (at any depth) with one of the wrong type, write back; None if not JSON."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    spots: list[tuple[Any, Any]] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 12 or len(spots) > 5000:
            return
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in items:
            spots.append((node, key))
            walk(value, depth + 1)

    walk(data, 0)
    if not spots:
        return None
    node, key = rng.choice(spots)
    value = _wrong_value(rng)
    if isinstance(value, str) and value.startswith("9" * 10):
        marker = "__fuzz_big_int__"
        node[key] = marker
        return json.dumps(data).replace(f'"{marker}"', value)
    node[key] = value
    return json.dumps(data)


def mutate(text: str, rng: random.Random) -> str:
    """One mutated copy of a sample (one to three mutations)."""
    for _ in range(rng.randint(1, 3)):
        choice = rng.randrange(9)
        at = rng.randrange(len(text) + 1)
        if choice == 0:
            text = text[:at] + rng.choice(_INSERTS) + text[at:]
        elif choice == 1 and text:
            text = text[:at] + chr(rng.randrange(32, 0x2FFF)) + text[at + 1 :]
        elif choice == 2:
            text = text[: max(1, at)]
        elif choice == 3 and text:
            end = min(len(text), at + rng.randint(1, 200))
            text = text[:end] + text[at:end] * rng.randint(2, 50) + text[end:]
        elif choice == 4:
            text = text[:at] + "9" * rng.choice([20, 4400, 9000]) + text[at:]
        elif choice == 5:
            depth = rng.choice([50, 2000, 100_000])
            text = text[:at] + "[" * depth + "]" * depth + text[at:]
        elif choice == 6:
            text = text.replace("\n", rng.choice(["\r", "\r\n", "\n\n"]))
        elif choice == 7:
            swapped = _json_swap(text, rng)
            text = swapped if swapped is not None else text[:at] + "\x00" + text[at:]
        else:
            text = "\ufeff" * rng.randint(1, 2) + text
    return text


# ---------------------------------------------------------------------------------------- running
class Hang(Exception):
    """A read ran past its time limit."""


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Raise Hang in this (main) thread after `seconds`."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Tally:
    """What happened to the fuzzed inputs of one reader, and the first tracebacks (to fix them)."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    accepted: list[ClaimSet] = field(default_factory=list)


def read_one(path: Path, kind: str | None, hang: float, tally: Tally) -> None:
    """Read one fuzzed file as `ingest` does and count the outcome."""
    try:
        with limit(hang):
            loaded, errors = read_paths([path], kind=kind, options=SourceOptions(source_id=path.stem))
    except Hang:
        tally.counts["hang"] += 1
        tally.failures.append(f"{path.name}: hang")
        return
    except Exception:
        tally.counts["traceback"] += 1
        tally.failures.append(f"{path.name}: {traceback.format_exc(limit=-3)}")
        return
    if errors:
        bad = [p for e in errors for p in e.problems if not p.file.startswith(str(path))]
        tally.counts["located" if not bad else "traceback"] += 1
        if bad:
            tally.failures.append(f"{path.name}: unlocated {bad[0]}")
        return
    tally.counts["ok"] += 1
    tally.accepted.extend(loaded.claimsets)


def fuzz(
    folder: Path,
    per_reader: int,
    seed: int,
    hang: float = 20.0,
    only: Callable[[str], bool] = lambda _: True,
    shared: Path = SHARED,
) -> dict[str, Tally]:
    """Write and read `per_reader` mutated copies per reader under `folder`; the tallies by reader."""
    rng = random.Random(seed)
    tallies: dict[str, Tally] = {}
    for reader, sources in samples(shared).items():
        if not only(reader):
            continue
        tally = tallies[reader] = Tally()
        for i in range(per_reader):
            name, text = sources[i % len(sources)]
            stem, _, suffix = name.rpartition(".")
            path = folder / reader / f"{stem.replace('.', '-')}-fuzz{i}.{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = mutate(text, rng).encode("utf-8", "surrogatepass")
            path.write_bytes(data)
            read_one(path, reader if rng.random() < 0.5 else None, hang, tally)
    return tallies


def round_trip(store: Path, claimsets: list[ClaimSet]) -> Counter[str]:
    """Ingest the accepted claim sets into one fresh store in one batch (as one `ingest` of many
    files): `stored` per source written, `partial` per source the projection refused."""
    from universe_graph.stores.sync import UniverseStore

    counts: Counter[str] = Counter()
    with UniverseStore(store) as universe:
        changes = universe.ingest(claimsets)
        broken = {r.split("'")[1] for r in universe.reports if "could not be projected" in r}
    for change in changes:
        counts["partial" if change.source in broken else "stored"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-reader", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--hang", type=float, default=20.0, help="seconds before a read counts as a hang")
    parser.add_argument("--reader", action="append", help="only these readers (repeatable)")
    parser.add_argument("--store", action="store_true", help="also ingest every accepted copy into a store")
    args = parser.parse_args()
    chosen = set(args.reader or [])
    with tempfile.TemporaryDirectory(prefix="ug-fuzz-") as tmp:
        tallies = fuzz(Path(tmp), args.per_reader, args.seed, args.hang, lambda r: not chosen or r in chosen)
        print(f"{'reader':10} {'inputs':>7} {'ok':>6} {'located':>8} {'traceback':>10} {'hang':>5}")
        for reader, tally in tallies.items():
            c = tally.counts
            total = sum(c.values())
            print(f"{reader:10} {total:7} {c['ok']:6} {c['located']:8} {c['traceback']:10} {c['hang']:5}")
        for reader, tally in tallies.items():
            for failure in tally.failures[:3]:
                print(f"\n[{reader}] {failure}", file=sys.stderr)
        if args.store:
            accepted = [cs for tally in tallies.values() for cs in tally.accepted]
            print("round trip:", dict(round_trip(Path(tmp) / "store", accepted)))


if __name__ == "__main__":
    main()
