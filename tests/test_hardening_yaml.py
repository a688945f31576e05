"""Issue 16, high: a YAML alias bomb is refused in under a second with a located error.

The decision: aliases stay allowed (they are ordinary YAML, and a shared list is a fair use), within a
budget of `ALIAS_BUDGET` values they may add to a document; an alias that contains itself is refused.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from servehelp import post, running
from universe_graph.errors import BadInput
from universe_graph.ingest import load_paths
from universe_graph.ingest.located_yaml import ALIAS_BUDGET

TOKEN = "a-long-test-token"
HEAD = "format: universe-graph/universe@1\nsource: {id: bomb}\nuniverse: {key: bomb-u, name: Bomb}\n"


def bomb() -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) strings from about 400 bytes."""
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join('*' + before for _ in range(9))}]")
    return HEAD + "\n".join(lines) + "\n"


def test_the_alias_bomb_is_refused_in_under_a_second(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(), encoding="utf-8")
    assert path.stat().st_size < 500
    started = time.monotonic()
    with pytest.raises(BadInput) as caught:
        load_paths([path])
    assert time.monotonic() - started < 1.0
    (problem,) = caught.value.problems
    assert problem.file == str(path) and f"more than {ALIAS_BUDGET:,} values" in problem.message
    assert (
        problem.line == 8
    )  # `e:`, where the expansion first passes the budget (9 + 90 + 819 + 7380 > 10,000)
    assert problem.field is not None and problem.field.startswith("e[")


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(
        HEAD.replace("universe: {key: bomb-u, name: Bomb}", "universe: &u {key: u, name: U, self: *u}")
    )
    with pytest.raises(BadInput) as caught:
        load_paths([path])
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.message) == (3, "universe.self", "an alias contains itself")


def test_a_shared_list_by_alias_is_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    path.write_text(
        HEAD
        + "works:\n"
        + "  one: {title: One, kind: film, year: 2001, genres: &g [Action, Thriller]}\n"
        + "  two: {title: Two, kind: film, year: 2003, genres: *g}\n",
        encoding="utf-8",
    )
    (claims,) = load_paths([path]).claimsets
    genres = [r for r in claims.relations if r.predicate == "genre"]
    assert len(genres) == 4, [r.predicate for r in claims.relations]


def test_post_sources_refuses_the_bomb_and_takes_the_next_upload(tmp_path: Path) -> None:
    with running(tmp_path / "store", token=TOKEN) as server:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        started = time.monotonic()
        answer = post(
            server.url + "/sources", params={"name": "bomb.yaml"}, content=bomb().encode(), headers=auth
        )
        assert time.monotonic() - started < 5.0  # the write lock is not held for long
        assert answer.status_code == 400, answer.text
        (item,) = answer.json()["errors"]
        assert item["line"] == 8 and "alias" in item["message"]
        good = HEAD.replace("bomb", "fine").encode()
        after = post(server.url + "/sources", params={"name": "fine.yaml"}, content=good, headers=auth)
        assert after.status_code == 200, after.text
