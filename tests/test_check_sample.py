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
    result = invoke("--store", sample_store, "check", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["error"] == 0
    assert {s["id"]: s["tier"] for s in data["sources"]} == {
        "john-wick-universe": "canon",
        "ballerina-review": "review",
    }


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
