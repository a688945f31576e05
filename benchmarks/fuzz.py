"""A fuzzer for the readers: mutate real samples and count located errors, tracebacks and hangs.

    PYTHONPATH=src .venv/bin/python benchmarks/fuzz.py [--per-reader 1000] [--seed 16] [--hang 20]
        [--reader NAME ...] [--store] [--keep DIR] [--format text|json] [--log FILE]

Every registered reader (`universe_graph.ingest.readers()`) gets real samples (the shared TMDb,
SWAPI, Wikidata, IMDb, MovieLens and MetaQA files, the sample universe, a test review) and
`--per-reader` mutated copies of them: bytes flipped or inserted (NUL, CR, BOM, surrogate escapes),
cuts, repeats, huge integers, deep nesting, and for JSON a value swapped for one of the wrong type.
Every copy is read as `ingest` reads it (half with the reader named, half detected by content);
the outcome is `ok` (accepted), `located` (BadInput naming the file and a line or field),
`file_only` (BadInput naming the file alone), `traceback` (any other exception, or a BadInput
about another file) or `hang` (more than `--hang` seconds of CPU time, or ten times that on the clock).

With `--store`, every accepted copy goes through both stores, one input at a time, in one store
per reader that retracting empties again (`round_trip`): the canonical read-back (what `export`
prints) must equal the claims the store was given (after identity resolution), the FalkorDB
projection must hold exactly the nodes and relationships, labels and properties that the pure
planner makes of them, and the retract must leave both halves empty; at the end the store must
open again, empty. About half a second per accepted input.
`--keep DIR` copies every input that gave a traceback, a hang or a failed round trip to DIR, to
rebuild it as a test.
The test suite runs a seeded subset (`tests/test_hardening_fuzz.py`).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from universe_graph.app import ingest_claims
from universe_graph.errors import BadInput
from universe_graph.fixtures import sample_path
from universe_graph.ingest import SourceOptions, read_paths, readers
from universe_graph.ingest.curation import DecidedEntity, DecisionFile, render, statement
from universe_graph.model import ClaimSet, EntityType
from universe_graph.vocab import entity_iri

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def samples(shared: Path = SHARED) -> dict[str, list[tuple[str, str]]]:
    """Per reader: (file name, text) of the real samples the mutations start from (big files cut)."""

    def text(path: Path, lines: int | None = None) -> str:
        body = path.read_text(encoding="utf-8")
        return body if lines is None else "\n".join(body.splitlines()[:lines]) + "\n"

    tmdb, swapi, wikidata = shared / "tmdb", shared / "swapi", shared / "wikidata"
    imdb, movielens, metaqa = shared / "imdb" / "heads", shared / "movielens", shared / "metaqa"
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
        "triples": [("kb.txt", text(metaqa / "kb.txt", 60))],
        "universe": [("john-wick.yaml", text(sample_path() / "john-wick.universe.yaml"))],
        "review": [("ashfall.txt", text(ROOT / "tests" / "data" / "extract" / "ashfall.txt"))],
        "curation": [("decision.json", _decision_sample())],
    }


def _decision_sample() -> str:
    """A `merge` decision file as the command writes it (no shared sample holds one)."""
    people = [
        DecidedEntity(iri=entity_iri("character", "ada-quell"), name="Ada Quell", type=EntityType.CHARACTER),
        DecidedEntity(iri=entity_iri("character", "the-exile"), name="The Exile", type=EntityType.CHARACTER),
    ]
    at = "2026-12-07T12:00:00+00:00"
    return render(
        DecisionFile(
            format="universe-graph decision",
            decision="same_as",
            entities=people,
            by="fuzz",
            at=at,
            note="the exile is Ada in hiding",
            statement=statement("same_as", people, "fuzz", at, "the exile is Ada in hiding"),
        )
    )


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
    except (ValueError, RecursionError):  # not JSON, or nested too deep to parse
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
class Hang(BaseException):
    """A read ran past its time limit (a BaseException, so no reader's `except Exception` hides it)."""


#: how many times the CPU limit a read may take on the clock before it counts as a hang anyway
WALL_FACTOR = 10


@contextmanager
def limit(seconds: float) -> Iterator[None]:
    """Raise Hang in this (main) thread after `seconds` of this process's CPU time, or after
    WALL_FACTOR times that on the clock. CPU time, because on a shared machine the clock also
    counts every other process's work: a 1 s read took over 20 s under load. The clock still
    catches a read that waits instead of working."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGPROF, alarm), signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds * WALL_FACTOR)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous[0])
        signal.signal(signal.SIGALRM, previous[1])


@dataclass
class Tally:
    """What happened to the fuzzed inputs of one reader, and the first tracebacks (to fix them)."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    #: each accepted input and the claim sets read from it
    accepted: list[tuple[Path, list[ClaimSet]]] = field(default_factory=list)
    #: the inputs that gave a traceback or a hang
    failed_inputs: list[Path] = field(default_factory=list)
    #: the first problem of each refusal that named the file alone (no line, no field)
    file_only: list[str] = field(default_factory=list)


def outcome(path: Path, errors: list[BadInput]) -> tuple[str, str | None]:
    """How well a refusal is located: `located` (this file and a line or field), `file_only`
    (this file alone), or `traceback` with the problem that names another file."""
    problems = [p for e in errors for p in e.problems]
    bad = [p for p in problems if not p.file.startswith(str(path))]
    if bad:
        return "traceback", f"unlocated {bad[0]}"
    if all(p.line is None and p.field is None for p in problems):
        return "file_only", None
    return "located", None


def read_one(path: Path, kind: str | None, hang: float, tally: Tally) -> None:
    """Read one fuzzed file as `ingest` does and count the outcome."""
    try:
        with limit(hang):
            loaded, errors = read_paths([path], kind=kind, options=SourceOptions(source_id=path.stem))
    except Hang:
        tally.counts["hang"] += 1
        tally.failures.append(f"{path.name} (as {kind or 'detected'}): hang")
        tally.failed_inputs.append(path)
        return
    except Exception:
        tally.counts["traceback"] += 1
        tally.failures.append(f"{path.name} (as {kind or 'detected'}): {traceback.format_exc(limit=-3)}")
        tally.failed_inputs.append(path)
        return
    if errors:
        result, why = outcome(path, errors)
        tally.counts[result] += 1
        if result == "file_only":
            tally.file_only.append(f"{path.name} (as {kind or 'detected'}): {errors[0].problems[0]}")
        if why is not None:
            tally.failures.append(f"{path.name} (as {kind or 'detected'}): {why}")
            tally.failed_inputs.append(path)
        return
    tally.counts["ok"] += 1
    tally.accepted.append((path, list(loaded.claimsets)))


def fuzz(
    folder: Path,
    per_reader: int,
    seed: int,
    hang: float = 20.0,
    only: Callable[[str], bool] = lambda _: True,
    shared: Path = SHARED,
    log: Callable[[str], None] | None = None,
) -> dict[str, Tally]:
    """Write and read `per_reader` mutated copies per reader under `folder`; the tallies by reader.

    Each reader has its own random stream (from `seed` and its name), so one reader's inputs are
    the same whether it is fuzzed alone or with the others. `log` gets one line per input."""
    tallies: dict[str, Tally] = {}
    found = samples(shared)
    missing = sorted(kind.value for kind in readers() if kind.value not in found)
    assert not missing, f"readers with no sample to fuzz: {missing}"
    for reader, sources in found.items():
        if not only(reader):
            continue
        tally = tallies[reader] = Tally()
        rng = random.Random(f"{seed}:{reader}")
        for i in range(per_reader):
            name, text = sources[i % len(sources)]
            stem, _, suffix = name.rpartition(".")
            path = folder / reader / f"{stem.replace('.', '-')}-fuzz{i}.{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = mutate(text, rng).encode("utf-8", "surrogatepass")
            path.write_bytes(data)
            before, started = Counter(tally.counts), time.perf_counter()
            read_one(path, reader if rng.random() < 0.5 else None, hang, tally)
            if log is not None:
                result = next(iter(tally.counts - before))
                log(f"{reader} {path.name} {result} {time.perf_counter() - started:.1f}s")
    return tallies


def normal(cs: ClaimSet) -> dict[str, Any]:
    """A claim set as order-insensitive data: aliases, evidence and lists sorted (a store keeps
    sets, not the order they were written in)."""
    data = cs.model_dump(mode="json")
    for group in ("entities", "relations", "events"):
        for item in data[group]:
            item["evidence"] = sorted(item["evidence"], key=lambda e: json.dumps(e, sort_keys=True))
            if "aliases" in item:
                item["aliases"] = sorted(item["aliases"])
        data[group].sort(key=lambda item: json.dumps(item, sort_keys=True))
    return data


#: a projection as data: node iri -> (class labels, properties); (subject, TYPE, object, key) -> properties
Nodes = dict[str, tuple[frozenset[str], dict[str, Any]]]
Edges = dict[tuple[str, str, str, str], dict[str, Any]]


def expected_projection(sources: list[ClaimSet]) -> tuple[Nodes, Edges]:
    """What the Cypher projection must hold for these sources alone (an otherwise empty store),
    computed by the pure planner from the claims the store was given."""
    from universe_graph.stores.projection import EdgeKey, EdgeState, NodeState, plan, rows_of

    nodes: Nodes = {}
    edges: Edges = {}
    states: dict[str, NodeState] = {}
    edge_states: dict[EdgeKey, EdgeState] = {}
    for claims in sources:  # one after another, as the store projects them
        step = plan(claims.source.id, claims, [], [], states.values(), edge_states.values())
        states |= step.nodes
        edge_states |= step.edges
    rows = rows_of(plan("", None, [], [], states.values(), edge_states.values()))
    for label, created in rows.create_nodes.items():
        for row in created:
            nodes[row["iri"]] = (frozenset() if label is None else frozenset({label}), row["props"])
    for (rel_type, _), made in rows.edges.items():
        for row in made:
            edges[(row["s"], rel_type, row["o"], row["k"])] = row["props"]
    return nodes, edges


def held_projection(projection: Any) -> tuple[Nodes, Edges]:
    """What a FalkorDB projection holds, read back in the shape of `expected_projection`."""
    node_rows = projection._run("MATCH (n:Node) RETURN n.iri, labels(n), properties(n)")
    edge_rows = projection._run("MATCH (a:Node)-[r]->(b:Node) RETURN a.iri, type(r), b.iri, properties(r)")
    nodes = {iri: (frozenset(labels) - {"Node"}, props) for iri, labels, props in node_rows}
    edges = {(a, rel_type, b, props.get("key", "")): props for a, rel_type, b, props in edge_rows}
    return nodes, edges


def round_trip(universe: Any, sources: list[ClaimSet]) -> list[str]:
    """Ingest one accepted input (its claim sets, as one `ingest` of the file) into an empty
    store, read it back from both halves and retract it; what went wrong (empty: nothing).

    Canonical: every source read back (what `export` prints) equals what the store was given
    (the claims after identity resolution). Projection: every node and relationship FalkorDB
    holds, with its labels and properties, equals what the planner makes of those claims.
    Retract: both halves are empty again."""
    from universe_graph.resolve import resolve_batch

    wrong: list[str] = []
    given = resolve_batch(sources).claims
    changes = ingest_claims(universe, sources).changes
    refused = [r for r in universe.reports if "could not be projected" in r]
    if refused:
        wrong.append(f"partial: {refused[0]}")
    if len(changes) != len(given):
        wrong.append(f"stored {len(changes)} sources of {len(given)}")
    back = {cs.source.id: normal(cs) for cs in universe.canonical.claimsets()}
    expected = {cs.source.id: normal(cs) for cs in given}
    if back != expected:
        differs = sorted(sid for sid in {*back, *expected} if back.get(sid) != expected.get(sid))
        wrong.append(f"canonical differs: {differs[:3]}")
    if not refused and held_projection(universe.projection) != expected_projection(given):
        wrong.append("projection differs")
    for claims in given:
        universe.retract(claims.source.id)
    left = universe.projection._run("MATCH (n) RETURN count(n)")[0][0]
    canonical = universe.canonical
    if canonical.sources() or canonical.current_graphs() or left or universe.projection.markers():
        wrong.append(f"retract left: {len(universe.canonical.sources())} sources, {left} projected nodes")
    return wrong


def round_trips(
    folder: Path,
    inputs: list[tuple[Path, list[ClaimSet]]],
    log: Callable[[str], None] | None = None,
    failed: list[Path] | None = None,
) -> Counter[str]:
    """Every accepted input through `round_trip`, in one store reused (and emptied by retracting)
    input after input: a fresh store per input costs a FalkorDB start. At the end the store is
    opened again and must be empty. Counts `passed` and `failed` per input and each kind of
    failure (`partial`, `canonical differs`, ...); the failed inputs are added to `failed`."""
    from universe_graph.stores.sync import UniverseStore

    counts: Counter[str] = Counter()
    universe = UniverseStore(folder)
    try:
        for path, sources in inputs:
            started = time.perf_counter()
            try:
                wrong = round_trip(universe, sources)
            except Exception:  # the store refused or broke on an accepted input: a failure, and a fresh store
                wrong = [f"error: {traceback.format_exc(limit=-3)}"]
                universe.close()
                folder = folder.with_name(folder.name + "+")
                universe = UniverseStore(folder)
            counts["failed" if wrong else "passed"] += 1
            if wrong and failed is not None:
                failed.append(path)
            for problem in wrong:
                counts[problem.split(":")[0]] += 1
                print(f"round trip {path.name}: {problem}", file=sys.stderr)
            if log is not None:
                took = time.perf_counter() - started
                log(f"round trip {path.name} {'failed' if wrong else 'passed'} {took:.1f}s")
    finally:
        universe.close()
    try:  # what the last command left must open again (healing included) and hold nothing
        with UniverseStore(folder) as again:
            if again.canonical.sources() or again.projection is None or again.projection.markers():
                counts["reopened not empty"] += 1
    except Exception as e:
        print(f"round trip: the store did not open again: {type(e).__name__}: {e}", file=sys.stderr)
        counts["unopenable"] += 1
    return counts


COLUMNS = ("inputs", "ok", "located", "file_only", "traceback", "hang")
STORE_COLUMNS = ("passed", "failed")


def table(tallies: dict[str, Tally], stores: dict[str, Counter[str]]) -> list[dict[str, Any]]:
    """One row per reader: its outcomes, and with a store the round trip of what it accepted."""
    rows = []
    for reader, tally in tallies.items():
        row: dict[str, Any] = {"reader": reader, "inputs": sum(tally.counts.values())}
        row |= {column: tally.counts[column] for column in COLUMNS[1:]}
        if reader in stores:
            row |= {column: stores[reader][column] for column in STORE_COLUMNS}
            row["problems"] = {k: v for k, v in stores[reader].items() if k not in STORE_COLUMNS}
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--per-reader", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--hang", type=float, default=20.0, help="CPU seconds before a read counts as a hang")
    parser.add_argument("--reader", action="append", help="only these readers (repeatable)")
    parser.add_argument("--store", action="store_true", help="round-trip what is accepted through a store")
    parser.add_argument(
        "--keep", type=Path, help="copy inputs that gave a traceback, a hang or a failed round trip here"
    )
    parser.add_argument("--format", dest="fmt", choices=["text", "json"], default="text")
    parser.add_argument("--log", type=Path, help="append one line per input here as it is read")
    args = parser.parse_args()
    chosen = set(args.reader or [])
    with tempfile.TemporaryDirectory(prefix="ug-fuzz-") as tmp:
        logged = args.log.open("a", encoding="utf-8", buffering=1) if args.log else None
        log = None if logged is None else lambda line: print(line, file=logged)
        only = lambda r: not chosen or r in chosen  # noqa: E731
        tallies = fuzz(Path(tmp), args.per_reader, args.seed, args.hang, only, log=log)
        stores: dict[str, Counter[str]] = {}
        if args.store:
            for reader, tally in tallies.items():
                folder = Path(tmp) / f"store-{reader}"
                stores[reader] = round_trips(folder, tally.accepted, log=log, failed=tally.failed_inputs)
        if logged is not None:
            logged.close()
        if args.keep:
            for reader, tally in tallies.items():
                (args.keep / reader).mkdir(parents=True, exist_ok=True)
                for path in tally.failed_inputs:
                    shutil.copy(path, args.keep / reader / path.name)
        rows = table(tallies, stores)
        if args.fmt == "json":
            failures = {reader: tally.failures for reader, tally in tallies.items()}
            file_only = {reader: tally.file_only for reader, tally in tallies.items()}
            report = {"seed": args.seed, "hang": args.hang, "rows": rows, "failures": failures}
            report["file_only"] = file_only
            print(json.dumps(report, indent=1))
        else:
            columns = [c for c in (*COLUMNS, *STORE_COLUMNS) if any(c in row for row in rows)]
            print(f"{'reader':10} " + " ".join(f"{c:>10}" for c in columns))
            for row in rows:
                print(f"{row['reader']:10} " + " ".join(f"{row[c]:>10}" for c in columns))
            for reader, tally in tallies.items():
                for failure in tally.failures[:3]:
                    print(f"\n[{reader}] {failure}", file=sys.stderr)


if __name__ == "__main__":
    main()
