"""Bad universe files: each gives an error naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.errors import BadInput, Problem
from universe_graph.ingest import load_paths
from universe_graph.ingest.universe import UniverseReader

GOOD = """\
format: universe-graph/universe@1
universe:
  key: test-verse
  name: Test universe
characters:
  ada:
    name: Ada
    trained_by: [bo]
  bo:
    name: Bo
people:
  cy: {name: Cy Actor}
locations:
  harbour: {name: The Harbour}
works:
  first-film:
    title: First Film
    kind: film
    year: 2001
    release_order: 1
    directors: [cy]
    cast:
      - {person: cy, character: ada}
    events:
      - label: Ada meets Bo
        kind: meeting
        location: harbour
        participants: {ada: agent, bo: participant}
"""


def edit(old: str, new: str) -> bytes:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1).encode("utf-8")


def problems_of(tmp_path: Path, content: bytes) -> list[Problem]:
    path = tmp_path / "bad.universe.yaml"
    path.write_bytes(content)
    with pytest.raises(BadInput) as exc:
        UniverseReader().run(path)
    assert all(p.file == str(path) for p in exc.value.problems)
    return list(exc.value.problems)


def test_the_base_file_is_good(tmp_path: Path) -> None:
    path = tmp_path / "good.universe.yaml"
    path.write_text(GOOD, encoding="utf-8")
    claims = UniverseReader().run(path)
    assert {e.name for e in claims.entities} >= {"Ada", "Bo", "First Film", "Test universe"}


CASES = [
    pytest.param(edit("trained_by: [bo]", "trained_by: [bo"), 9, None, "malformed YAML", id="malformed-yaml"),
    pytest.param(
        edit("    name: Ada\n", "    name: Ada\n    nickname: Adie\n"),
        8,
        "characters.ada.nickname",
        "unknown field",
        id="unknown-field",
    ),
    pytest.param(edit("year: 2001", "year: soon"), 19, "works.first-film.year", "integer", id="wrong-type"),
    pytest.param(
        edit("trained_by: [bo]", "trained_by: [bob]"),
        8,
        "characters.ada.trained_by[0]",
        "'bob' is not defined in this file; did you mean 'bo'",
        id="dangling-reference",
    ),
    pytest.param(
        edit("participants: {ada: agent, bo: participant}", "participants: {ada: agent, zed: ally}"),
        28,
        "works.first-film.events[0].participants.zed",
        "'zed' is not defined",
        id="dangling-participant",
    ),
    pytest.param(
        edit("directors: [cy]", "directors: [ada]"),
        21,
        "works.first-film.directors[0]",
        "directed_by cannot point to a Character; its object is Person",
        id="wrong-kind-of-reference",
    ),
    pytest.param(
        edit("location: harbour", "location: bo"),
        27,
        "works.first-film.events[0].location",
        "expected a Location",
        id="event-location-not-a-place",
    ),
    pytest.param(
        edit("kind: meeting", "kind: meetup"),
        26,
        "works.first-film.events[0].kind",
        "'meeting'",
        id="unknown-event-kind-lists-valid",
    ),
    pytest.param(
        edit("  bo:\n    name: Bo\n", "  bo:\n    name: Bo\n  ada:\n    name: Ada again\n"),
        11,
        "characters.ada",
        "duplicate key (first at line 6)",
        id="duplicate-key",
    ),
    pytest.param(
        edit("  harbour: {name: The Harbour}\n", "  cy: {name: Cy Town}\n"),
        14,
        "locations.cy",
        "key 'cy' is already used by a Person",
        id="key-used-twice",
    ),
    pytest.param(
        edit("format: universe-graph/universe@1\n", "format: universe-graph/universe@1\nuniverse: 3\n"),
        3,
        "universe",
        "duplicate key (first at line 2)",
        id="duplicate-top-level",
    ),
    pytest.param(
        edit("format: universe-graph/universe@1", "format: universe-graph/universe@9"),
        1,
        "format",
        "universe-graph/universe@1",
        id="wrong-format-version",
    ),
    pytest.param(b"", None, None, "empty file", id="empty-file"),
    pytest.param(b"  \n\n\t\n", None, None, "empty file", id="whitespace-only"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, None, "binary file", id="binary-file"),
    pytest.param(
        edit("name: Bo", "name: B\xf6").replace(b"B\xc3\xb6", b"B\xf6"),
        10,
        None,
        "not UTF-8: byte 0xf6 at column 12",
        id="non-utf8-bytes",
    ),
    pytest.param(b"- just\n- a list\n", 1, None, "expected a mapping", id="top-level-list"),
    pytest.param(
        b"format: universe-graph/universe@1\n",
        1,
        "universe",
        "required field is missing",
        id="missing-universe",
    ),
    pytest.param(
        edit("year: 2001\n", "year: 2001\n    external_ids: {imdb: 'tt12'}\n"),
        20,
        "works.first-film.external_ids.imdb",
        "should match pattern",
        id="imdb-id-wrong-form",
    ),
]


@pytest.mark.parametrize(("content", "line", "field", "message"), CASES)
def test_bad_file_gives_a_located_error(
    tmp_path: Path, content: bytes, line: int | None, field: str | None, message: str
) -> None:
    problems = problems_of(tmp_path, content)
    first = problems[0]
    assert message in first.message, first
    assert first.line == line, first
    assert first.field == field, first


def test_all_problems_of_a_file_are_reported_together(tmp_path: Path) -> None:
    content = edit("trained_by: [bo]", "trained_by: [bob]").replace(b"directors: [cy]", b"directors: [dee]")
    problems = problems_of(tmp_path, content)
    assert {p.line for p in problems} == {8, 21}


def test_release_orders_must_be_unique(tmp_path: Path) -> None:
    second = (
        GOOD + "  second-film:\n    title: Second\n    kind: film\n    year: 2003\n    release_order: 1\n"
    )
    problems = problems_of(tmp_path, second.encode())
    assert problems[0].field == "works.second-film.release_order"
    assert "also given to 'first-film'" in problems[0].message


def test_killed_by_needs_a_dead_character(tmp_path: Path) -> None:
    content = edit(
        "    name: Bo\n", "    name: Bo\n    fate: [{status: alive, work: first-film, killed_by: [ada]}]\n"
    )
    problems = problems_of(tmp_path, content)
    assert problems[0].line == 11 and "status 'dead'" in problems[0].message


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(edit("trained_by: [bo]", "trained_by: [bob]"), id="dangling"),
        pytest.param(b"\x00\x00", id="binary"),
    ],
)
def test_cli_exits_1_with_file_and_line(tmp_path: Path, invoke: Invoke, content: bytes) -> None:
    path = tmp_path / "bad.universe.yaml"
    path.write_bytes(content)
    for command in ("validate", "convert"):
        result = invoke(command, "--from", "universe", path)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(f"error: {path}:"), result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_content_not_extension_decides_the_format(tmp_path: Path) -> None:
    disguised = tmp_path / "notes.txt"
    disguised.write_text(GOOD, encoding="utf-8")
    loaded = load_paths([disguised])
    assert loaded.claimsets[0].source.kind.value == "universe"
    unknown = tmp_path / "data.yaml"
    unknown.write_text("hello: world\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"unrecognised content.*--format"):
        load_paths([unknown])


def test_a_folder_reports_every_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD.replace("[bo]", "[bob]"), encoding="utf-8")
    (tmp_path / "b.yaml").write_bytes(b"\xff\xfe")
    (tmp_path / "README.md").write_text("not a source", encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        load_paths([tmp_path])
    files = {Path(p.file).name for p in exc.value.problems}
    assert files == {"a.yaml", "b.yaml"}


def test_missing_path_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file or folder"):
        load_paths([tmp_path / "nope.yaml"])


def test_manifest_errors_are_located(tmp_path: Path) -> None:
    (tmp_path / "u.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text(
        "format: universe-graph/manifest@1\nsources:\n  - path: u.yaml\n"
        "  - path: gone.txt\n    kind: review\n",
        encoding="utf-8",
    )
    with pytest.raises(BadInput) as exc:
        load_paths([tmp_path])
    problem = exc.value.problems[0]
    assert problem.file == f"{tmp_path / 'manifest.yaml'}:4" and "gone.txt" in problem.message
    (tmp_path / "manifest.yaml").write_text(
        "format: universe-graph/manifest@1\nsources:\n  - path: ../u.yaml\n", encoding="utf-8"
    )
    with pytest.raises(BadInput, match="leaves the manifest's folder"):
        load_paths([tmp_path])


def test_free_relations_and_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    extra = (
        "relations:\n"
        "  - {subject: first-film, predicate: rating, object: 7.4}\n"
        "  - {subject: ada, predicate: ally_of, object: bo, work: first-film}\n"
    )
    path.write_text(GOOD + extra, encoding="utf-8")
    claims = UniverseReader().run(path)
    rating = [r for r in claims.relations if r.predicate == "rating"]
    assert [r.object for r in rating] == [7.4]
    ally = [r for r in claims.relations if r.predicate == "ally_of"]
    assert ally[0].qualifiers.work is not None and ally[0].qualifiers.work.endswith("/film/first-film")

    bad = extra.replace("predicate: rating", "predicate: ratin").replace("object: bo,", "object: 3,")
    problems = problems_of(tmp_path, (GOOD + bad).encode())
    assert [(p.line, p.field) for p in problems] == [
        (30, "relations[0].predicate"),
        (31, "relations[1].object"),
    ]
    assert "did you mean 'rating'" in problems[0].message
    assert "needs the key of an entity" in problems[1].message
