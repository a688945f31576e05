"""Issue 16, medium: inputs that raised tracebacks are located errors (the file, and the line where known).

Each case is the fuzzer's finding rebuilt by hand from a real sample: the shared TMDb credits, MovieLens
movies and IMDb title heads, or a small universe file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from universe_graph.errors import BadInput
from universe_graph.ingest import load_paths

CREDITS = "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json"
MOVIES = "data/movielens/movies.csv"
TITLES = "data/imdb/heads/title.basics.tsv"
DEEP = "[" * 100_000 + "]" * 100_000
UNIVERSE = "format: universe-graph/universe@1\nsource: {id: u}\nuniverse: {key: u-u, name: U}\n"


def credits(shared: Path, change: Callable[[dict[str, object]], None]) -> str:
    data = json.loads((shared / CREDITS).read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data, indent=1)


def _rename(data: dict[str, object]) -> None:
    data["cast"][0]["name"] = "N" * 600  # type: ignore[index]


def _movielens(shared: Path, row: str) -> str:
    lines = (shared / MOVIES).read_text(encoding="utf-8").splitlines()
    return "\n".join([*lines[:3], row, *lines[3:6]]) + "\n"


def _imdb_year(shared: Path) -> str:
    lines = (shared / TITLES).read_text(encoding="utf-8").splitlines()
    cols = lines[1].split("\t")
    cols[5] = "9" * 5000
    return "\n".join([lines[0], "\t".join(cols), *lines[2:4]]) + "\n"


#: name -> (file name, content from the shared folder, --format or None, expected line or None, words)
CASES: dict[str, tuple[str, Callable[[Path], str], str | None, int | None, str]] = {
    "json integer past 4,300 digits": (
        "big.json",
        lambda s: '{"id": ' + "9" * 5000 + ', "cast": [], "crew": []}',
        "tmdb",
        1,
        "digits",
    ),
    "json nested 100,000 deep": (
        "deep.json",
        lambda s: DEEP,
        "tmdb",
        None,
        "nested",
    ),
    "json nested 100,000 deep, detected": ("deep.json", lambda s: DEEP, None, 1, ""),
    "a name over 500 characters": ("long.json", lambda s: credits(s, _rename), None, None, "500 characters"),
    "a cast list that is a number": (
        "types.json",
        lambda s: credits(s, lambda d: d.update(cast=5)),
        "tmdb",
        None,
        "",
    ),
    "a double BOM before TMDb JSON is not a review": (
        "bom.json",
        lambda s: "\ufeff\ufeff" + (s / CREDITS).read_text(encoding="utf-8"),
        None,
        None,
        "",
    ),
    "yaml integer past 4,300 digits": (
        "big.yaml",
        lambda s: UNIVERSE + "works:\n  w: {title: W, kind: film, year: " + "9" * 5000 + "}\n",
        None,
        5,
        "digits",
    ),
    "yaml nested 100,000 deep": (
        "deep.yaml",
        lambda s: UNIVERSE + "x: " + DEEP,
        None,
        4,
        "",
    ),
    "a csv field over 128 KiB": (
        "movies.csv",
        lambda s: _movielens(s, '99999,"' + "A" * 140_000 + ' (1999)",Action'),
        "movielens",
        4,
        "field larger",
    ),
    "a csv integer past 4,300 digits": (
        "movies.csv",
        lambda s: _movielens(s, "9" * 5000 + ",Big Film (1999),Action"),
        "movielens",
        4,
        "digits",
    ),
    "a superscript digit in a csv id": (
        "movies.csv",
        lambda s: _movielens(s, "12\u00b2,Small Film (1999),Drama"),
        "movielens",
        4,
        "not a number",
    ),
    "a tsv year past 4,300 digits": ("title.basics.tsv", _imdb_year, "imdb", 2, "digits"),
    "bare CR line endings": ("cr.txt", lambda s: "A first line.\rA second line.\rThe end.\r", None, None, ""),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_located_error_not_a_traceback(shared: Path, tmp_path: Path, case: str) -> None:
    name, content, kind, line, words = CASES[case]
    path = tmp_path / name
    path.write_text(content(shared), encoding="utf-8", newline="")
    try:
        loaded = load_paths([path], kind=kind)
    except BadInput as e:
        problem = e.problems[0]
        assert problem.file == str(path)
        assert words.lower() in problem.message.lower(), problem
        if line is not None:
            assert problem.line == line, problem
        return
    # read without an error: then it must be what it is, not prose made of a damaged file
    assert case == "bare CR line endings", loaded.claimsets
    assert [cs.source.kind.value for cs in loaded.claimsets] == ["review"]
