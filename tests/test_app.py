"""The application object: every command opens the store through `App`, so `--state` (the local
folder of a SPARQL server store) reaches every one of them, readers and writers alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, Invoke
from sparqlservers import oxigraph_server
from universe_graph.app import App, ingest_claims
from universe_graph.stores.sync import UniverseStore

UNIVERSE = ROOT / "ingest" / "john-wick" / "john-wick.universe.yaml"
WORK = "https://w3id.org/universe-graph/id/film/john-wick-chapter-2"

#: every command that opens the store, after an ingest (the last ones write)
COMMANDS: list[tuple[str, ...]] = [
    ("stats",),
    ("sources",),
    ("profile", "Winston"),
    ("path", "Winston", "Viggo Tarasov"),
    ("timeline", WORK),
    ("works",),
    ("query", "cast", "--param", f"work={WORK}"),
    ("query", "cast", "--param", f"work={WORK}", "--engine", "cypher"),
    ("cypher", "MATCH (n) RETURN count(n) AS n"),
    ("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
    ("ask", "who trained John Wick?"),
    ("export", "--format", "json"),
    ("check", "--no-shacl"),
    ("candidates",),
    ("reproject",),
    ("retract", "john-wick-universe"),
]


def test_state_reaches_every_command(tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where the default state folder (.universe-graph/remote/...) would go
    state = tmp_path / "state"
    with oxigraph_server(tmp_path / "server") as url:
        base = ("--store", url, "--state", state)
        ingested = invoke(*base, "ingest", UNIVERSE)
        assert ingested.exit_code == 0, ingested.output
        for command in COMMANDS:
            result = invoke(*base, *command)
            assert result.exit_code in (0, 3), (command, result.output)  # 3: check found problems
    assert (state / "snapshot").is_dir()  # the readers' snapshot went to the given state folder
    assert (state / "projection").is_dir()
    assert not (tmp_path / ".universe-graph").exists()  # no command fell back to the default folder


def test_ug_state_is_the_state_option(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("UG_STATE", str(tmp_path / "state"))
    with oxigraph_server(tmp_path / "server") as url:
        for command in (("ingest", str(UNIVERSE)), ("profile", "Winston")):
            result = invoke("--store", url, *command)
            assert result.exit_code == 0, (command, result.output)
    assert (tmp_path / "state" / "projection").is_dir() and (tmp_path / "state" / "snapshot").is_dir()
    assert not (tmp_path / ".universe-graph").exists()


def test_the_app_names_its_local_folder(tmp_path: Path) -> None:
    """Where the lock, projection and snapshot live: the store folder, or a server's state folder."""
    url = "http://127.0.0.1:7878/query"
    assert App(tmp_path).folder == tmp_path
    assert App(url, tmp_path / "state").folder == tmp_path / "state"
    default = App(url).folder
    assert default.parts[:2] == (".universe-graph", "remote") and default != App(url + "2").folder


def test_the_app_opens_a_folder_through_the_engine_registry(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, [])
    app = App(folder)
    assert app.engine == "oxigraph"
    with app.canonical() as canonical:
        assert canonical.name == "oxigraph" and canonical.read_only
    assert App("http://127.0.0.1:7878/query").engine == "sparql"
