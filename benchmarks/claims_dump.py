"""Dump the claim sets of a fixed set of texts, or compare them with an earlier dump (speed work must
never change what is extracted).

    .venv/bin/python benchmarks/claims_dump.py dump OUT.json [--litbank 20] [--long]
    .venv/bin/python benchmarks/claims_dump.py compare OLD.json [--litbank 20] [--long]

Texts: tests/data/{corpus,heldout,heldout2,heldout3,heldout4,extract}/*.txt, the example review
(/work/shared/corpus/ballerina-review.txt, or `--shared`), and the first `--litbank` LitBank texts
(`--shared`/data/litbank/entities), each read alone the way `ingest` reads a review (`read_paths`, one
process). `--long` adds those LitBank texts concatenated into one text (blank lines between): over
`pool.PARSE_WORDS` words, so its parse goes across the worker pool. Each claim set is dumped as
sorted JSON; `compare` prints every text whose claims differ and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def texts(shared: Path, litbank: int) -> list[Path]:
    """The texts to dump, in a fixed order."""
    out: list[Path] = []
    for folder in ("corpus", "heldout", "heldout2", "heldout3", "heldout4", "extract"):
        out += sorted((ROOT / "tests" / "data" / folder).glob("*.txt"))
    out.append(shared / "corpus" / "ballerina-review.txt")
    out += sorted((shared / "data" / "litbank" / "entities").glob("*.txt"))[:litbank]
    return out


def claims(path: Path) -> Any:
    """The claim sets read from `path` as a review, as plain JSON (warnings included)."""
    from universe_graph.ingest.collect import read_paths

    loaded, errors = read_paths([path], kind="review", processes=1)
    dumped = json.loads(
        json.dumps([c.model_dump(mode="json") for c in loaded.claimsets]).replace(str(path), "<path>")
    )
    return {
        "claimsets": dumped,
        "warnings": sorted(w.replace(str(path), "<path>") for w in loaded.warnings),
        "errors": [str(e).replace(str(path), "<path>") for e in errors],
    }


def dump(shared: Path, litbank: int, long: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    paths = texts(shared, litbank)
    for path in paths:
        start = time.perf_counter()
        out[path.name] = claims(path)
        print(f"{path.name}: {time.perf_counter() - start:.2f} s", file=sys.stderr, flush=True)
    if long:
        lit = [p for p in paths if p.parent.name == "entities"]
        with tempfile.TemporaryDirectory() as tmp:
            joined = Path(tmp) / "litbank-joined.txt"
            joined.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in lit), encoding="utf-8")
            start = time.perf_counter()
            out["litbank-joined"] = claims(joined)
            print(f"litbank-joined: {time.perf_counter() - start:.2f} s", file=sys.stderr, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["dump", "compare"])
    parser.add_argument("file", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--litbank", type=int, default=20)
    parser.add_argument("--long", action="store_true", help="also the LitBank texts joined into one")
    args = parser.parse_args()
    new = json.loads(json.dumps(dump(args.shared, args.litbank, args.long), sort_keys=True))
    if args.action == "dump":
        args.file.write_text(json.dumps(new, sort_keys=True, indent=1), encoding="utf-8")
        print(f"{len(new)} texts dumped to {args.file}")
        return
    old = json.loads(args.file.read_text(encoding="utf-8"))
    differ = [name for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)]
    for name in differ:
        print(f"DIFFERENT: {name}")
    print(f"{len(new) - len(differ)} of {len(set(old) | set(new))} texts identical")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
