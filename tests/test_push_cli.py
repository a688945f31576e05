"""`universe-graph push neo4j` as a user runs it: over real Bolt, and its errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bolthelp import BOLT_URI, bolt_server, require_netns, run_isolated
from conftest import Invoke
from test_bolt_push import adapt_to_falkordb
from universe_graph.app import ingest_claims
from universe_graph.cli import cli
from universe_graph.fixtures import sample_path
from universe_graph.stores.config import load_config


def _push_by_cli(store: Path) -> list[Any]:
    with bolt_server() as server:
        adapt_to_falkordb(server)
        runner = CliRunner()
        env = {"NEO4J_URI": BOLT_URI, "NEO4J_USER": "", "NEO4J_PASSWORD": ""}
        out = []
        for extra in (["--format", "json", "--follow"], ["--format", "json"], []):
            result = runner.invoke(cli, ["--store", str(store), "push", "neo4j", *extra], env=env)
            out.append((result.exit_code, result.stdout, result.stderr))
        return out


def test_push_neo4j_from_the_command_line(tmp_path: Path, invoke: Invoke) -> None:
    require_netns()
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", sample_path()).exit_code == 0
    first, second, text = run_isolated(_push_by_cli, store)
    assert first[0] == 0, first[2]
    report = json.loads(first[1])
    assert sorted(report["projected"]) == ["ballerina-review", "john-wick-universe"]
    assert report["counts"]["relationships_created"] > 500
    again = json.loads(second[1])
    assert again["projected"] == [] and again["current"] == 2 and not any(again["counts"].values())
    assert text[0] == 0 and "0 source(s) projected, 0 removed, 2 already current" in text[1]
    settings = load_config(store).neo4j  # --follow saved the target, without a password
    assert settings is not None and settings.uri == BOLT_URI
    assert "password" not in (store / "config.json").read_text()


def test_push_without_a_target_says_what_to_set(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", sample_path()).exit_code == 0
    result = invoke("--store", store, "push", "neo4j")
    assert result.exit_code == 1 and "NEO4J_URI" in result.stderr


def test_push_to_nothing_listening_is_a_clear_error(tmp_path: Path, invoke: Invoke) -> None:
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", sample_path()).exit_code == 0
    result = invoke("--store", store, "push", "neo4j", "--uri", "bolt://127.0.0.1:9")
    assert result.exit_code == 1 and "cannot reach Neo4j at bolt://127.0.0.1:9" in result.stderr
    result = invoke("--store", store, "push", "neo4j", "--uri", "nonsense://x")
    assert result.exit_code == 1 and "bad Neo4j URI" in result.stderr


def _push_from_a_server(tmp: Path) -> Any:
    from sparqlservers import oxigraph_server
    from test_bolt_push import pushed_graph
    from universe_graph.fixtures import sample
    from universe_graph.stores.neo4j import Neo4jProjection, Neo4jSettings
    from universe_graph.stores.sync import UniverseStore

    with bolt_server() as server, oxigraph_server(tmp / "oxigraph") as url:
        adapt_to_falkordb(server)
        with UniverseStore(url, state=tmp / "state") as store:
            ingest_claims(store, sample().claimsets)
        env = {"NEO4J_URI": BOLT_URI}
        result = CliRunner().invoke(
            cli, ["--store", url, "--state", str(tmp / "state"), "push", "neo4j"], env=env
        )
        with Neo4jProjection(Neo4jSettings(uri=BOLT_URI)) as target:
            return result.exit_code, result.stdout + result.stderr, pushed_graph(target)


def test_push_from_a_sparql_server(tmp_path: Path) -> None:
    """The canonical graph in Oxigraph's server, pushed to Bolt: the same graph as from a folder."""
    from storehelp import dump
    from universe_graph.fixtures import sample
    from universe_graph.stores.sync import UniverseStore

    require_netns()
    folder = tmp_path / "local"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    embedded = dump(folder)
    code, output, graph = run_isolated(_push_from_a_server, tmp_path)
    assert code == 0, output
    assert "2 source(s) projected" in output
    assert graph["edges"] == embedded["edges"] and graph["nodes"] == embedded["nodes"]
