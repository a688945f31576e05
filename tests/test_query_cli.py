"""The query commands end to end on a store built by `ingest`: text and JSON, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.fixtures import sample_path
from universe_graph.query import named_queries


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from universe_graph.cli import cli

    store = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(
        # the universe file alone: the bundled review's claims come from the extractor, and these
        # expectations are written by hand for facts that do not move with it
        cli,
        ["--store", str(store), "ingest", str(sample_path() / "john-wick.universe.yaml")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return store


def test_path_text_and_json(invoke: Invoke, folder: Path) -> None:
    result = invoke("--store", folder, "path", "Viggo", "Iosef")
    assert result.exit_code == 0, result.output
    assert "Viggo Tarasov (Character) -> Iosef Tarasov (Character): 1 hop(s)" in result.output
    assert "Viggo Tarasov --family of--> Iosef Tarasov" in result.output
    assert "source john-wick-universe (canon), line" in result.output
    data = json.loads(
        invoke("--store", folder, "path", "Iosef", "Charon", "--all", "--format", "json").output
    )
    assert data["hops"] == 2 and len(data["paths"]) == 2
    assert all(hop["evidence"] for p in data["paths"] for hop in p)


def test_profile_with_as_of(invoke: Invoke, folder: Path) -> None:
    result = invoke("--store", folder, "profile", "john wick", "--as-of", "John Wick: Chapter 3")
    assert result.exit_code == 0, result.output
    assert "John Wick (Character)" in result.output and "Mentors:" in result.output
    assert "fate dead" not in result.output and "hidden" in result.output
    full = json.loads(invoke("--store", folder, "profile", "john wick", "--format", "json").output)
    fate = next(s for s in full["sections"] if s["key"] == "fate")
    assert fate["facts"][0]["value"] == "dead"
    assert full["first_appearance"].endswith("film/john-wick-2014")


def test_works_and_timeline(invoke: Invoke, folder: Path) -> None:
    result = invoke("--store", folder, "works")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[lines.index("Release order:") + 5].strip() == "5. The Continental (2023, Series)"
    assert lines[lines.index("In-universe chronology:") + 1].strip() == "1. The Continental"
    assert "Ballerina is a spin-off of John Wick" in result.output
    result = invoke("--store", folder, "timeline", "Ballerina")
    assert result.exit_code == 0, result.output
    assert "Act 3:" in result.output
    assert "7. Eve kills the Chancellor at Hallstatt  [killing; act 3]" in result.output
    assert "Eve Macarro (agent), The Chancellor (victim)" in result.output
    hidden = invoke("--store", folder, "timeline", "Ballerina", "--as-of", "The Continental")
    assert "7 event(s) hidden" in hidden.output


def test_named_query_by_name_on_both_engines(invoke: Invoke, folder: Path) -> None:
    listed = invoke("--store", folder, "queries").output
    for query in named_queries():
        assert query.name in listed
    sparql = json.loads(
        invoke("--store", folder, "query", "kills", "--param", "killer=John Wick", "--format", "json").output
    )
    assert len(sparql["rows"]) == 9 and sparql["engine"] == "sparql"
    cypher = json.loads(
        invoke(
            "--store",
            folder,
            "query",
            "kills",
            "--param",
            "killer=John Wick",
            "--engine",
            "cypher",
            "--format",
            "json",
        ).output
    )
    assert cypher["rows"] == sparql["rows"]
    table = invoke("--store", folder, "query", "members", "--param", "organization=Ruska Roma")
    assert "The Director" in table.output and "(5 rows)" in table.output


def test_errors_and_exit_codes(invoke: Invoke, folder: Path) -> None:
    ambiguous = invoke("--store", folder, "profile", "Continental")
    assert ambiguous.exit_code == 1
    assert "is ambiguous" in ambiguous.stderr and "--type" in ambiguous.stderr
    unknown = invoke("--store", folder, "query", "kils")
    assert unknown.exit_code == 1 and "kills" in unknown.stderr
    missing = invoke("--store", folder, "query", "kills")
    assert missing.exit_code == 1 and "needs killer=" in missing.stderr
    nopath = invoke("--store", folder, "path", "Viggo", "Charon", "--max-hops", "1")
    assert nopath.exit_code == 1 and "no connection" in nopath.stderr
    usage = invoke("--store", folder, "path", "Viggo", "Charon", "--canon", "gospel")
    assert usage.exit_code == 2
    canon = invoke("--store", folder, "profile", "Eve", "--canon", "canon", "--format", "json")
    assert canon.exit_code == 0
