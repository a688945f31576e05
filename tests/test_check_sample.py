"""`check` on the bundled John Wick universe (and its example review), through a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkhelp import load
from conftest import Invoke
from universe_graph.check import run_check
from universe_graph.fixtures import sample_path

CHARACTER = "https://w3id.org/universe-graph/id/john-wick-universe/character/"
FILM = "https://w3id.org/universe-graph/id/film/"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample ingested with `universe-graph ingest ingest/john-wick` (both stores)."""
    from click.testing import CliRunner

    from universe_graph.cli import cli

    folder = tmp_path_factory.mktemp("sample") / "store"
    result = CliRunner().invoke(cli, ["--store", str(folder), "ingest", str(sample_path())])
    assert result.exit_code == 0, result.output
    return folder


def test_the_sample_is_clean_at_error_level(sample_store: Path, invoke: Invoke) -> None:
    """Nothing at error level; its one finding is the review's lead (the worked example below)."""
    result = invoke("--store", sample_store, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0}
    assert {s["id"]: s["tier"] for s in data["sources"]} == {
        "john-wick-universe": "canon",
        "ballerina-review": "review",
    }
    assert invoke("--store", sample_store, "check", "--fail-on", "warning").exit_code == 3


def test_worked_example_the_reviews_protagonist_is_not_in_the_films_cast(
    sample_store: Path, invoke: Invoke
) -> None:
    """The example review calls Ballerina's lead "Rooney"; the canon's cast has Eve Macarro."""
    result = invoke("--store", sample_store, "check", "--work", "Ballerina", "--format", "json")
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)["findings"]
    assert (found["rule"], found["severity"]) == ("sources-disagree", "warning")
    assert found["works"] == [FILM + "ballerina-2025"]
    assert found["message"].startswith("sources disagree on the protagonist of Ballerina")
    canon, review = found["sides"]
    assert (canon["value"], canon["sources"], canon["preferred"], canon["note"]) == (
        "Eve Macarro",
        [{"id": "john-wick-universe", "tier": "canon"}],
        True,
        None,
    )
    assert canon["value_ids"] == [CHARACTER + "eve-macarro"]
    [stated] = canon["facts"]
    assert stated["statement"] == "Eve Macarro is the protagonist of Ballerina"
    [line] = stated["evidence"]
    assert (line["source"], line["tier"]) == ("john-wick-universe", "canon")
    assert line["location"].endswith("john-wick.universe.yaml")
    yaml_lines = (sample_path() / "john-wick.universe.yaml").read_text(encoding="utf-8").splitlines()
    assert "protagonists: [eve-macarro]" in yaml_lines[line["line"] - 1]
    assert (review["value"], review["sources"], review["preferred"]) == (
        "Rooney",
        [{"id": "ballerina-review", "tier": "review"}],
        False,
    )
    assert review["note"] == "not in the cast of Ballerina per john-wick-universe (canon)"
    [said] = review["facts"]
    [quoted] = said["evidence"]
    assert (quoted["source"], quoted["tier"]) == ("ballerina-review", "review")
    text = (sample_path() / "reviews" / "ballerina-review.txt").read_text(encoding="utf-8")
    assert quoted["quote"] == text[quoted["start"] : quoted["end"]] and "Rooney" in quoted["quote"]


def test_worked_example_as_text(sample_store: Path, invoke: Invoke) -> None:
    out = invoke("--store", sample_store, "check", "--work", "Ballerina").stdout
    assert "warning: [sources-disagree] sources disagree on the protagonist of Ballerina" in out
    assert "side: Eve Macarro -- john-wick-universe (canon)  [preferred]" in out
    assert "side: Rooney -- ballerina-review (review)" in out
    assert "checked 2 sources (work " in out and "0 errors, 1 warning, 0 info; ok" in out


def test_the_sample_at_canon_tier_has_no_findings_at_all(sample_store: Path, invoke: Invoke) -> None:
    result = invoke("--store", sample_store, "check", "--canon", "canon", "--fail-on", "info")
    assert result.exit_code == 0, result.output
    assert (
        "checked 1 source (canon tier canon or stronger): 0 errors, 0 warnings, 0 info; ok" in result.stdout
    )


def test_the_sample_with_ballerina_set_after_chapter_4(tmp_path: Path) -> None:
    """Moved after John's death in Chapter 4, Ballerina's fight between John and Eve is dead then alive."""
    text = (sample_path() / "john-wick.universe.yaml").read_text(encoding="utf-8")
    moved = text.replace(
        "    release_order: 6\n    chronology: 5\n", "    release_order: 6\n    chronology: 7\n"
    )
    assert moved != text
    path = tmp_path / "moved.yaml"
    path.write_text(moved, encoding="utf-8")
    report = run_check(load(path), rules=["dead-then-alive"])
    [found] = report.findings
    assert found.entities == [CHARACTER + "john-wick"]
    assert found.message.startswith("John Wick dies in John Wick: Chapter 4 but is seen alive later:")
    assert FILM + "ballerina-2025" in found.works
    assert any("Sent to stop her, John Wick fights Eve" in f.statement for f in found.facts)
    assert all(c.source == "john-wick-universe" and c.line for f in found.facts for c in f.evidence)
