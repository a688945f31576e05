"""`--state` (and UG_STATE) reaches every command that opens a store on a SPARQL server: the lock,
the Cypher projection and the read snapshot live in that folder, never in the default one under
the working directory (`.universe-graph/remote/...`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from sparqlservers import oxigraph_server
from universe_graph.fixtures import sample_path
from universe_graph.vocab import ID_BASE

JOHN = f"{ID_BASE}john-wick-universe/character/john-wick"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as found:
        yield found


def test_every_store_command_keeps_its_state_in_the_state_folder(
    url: str, tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # where the default state folder would appear
    state = tmp_path / "state"

    def run(*args: str) -> str:
        result = invoke("--store", url, "--state", state, *args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    run("ingest", str(sample_path()))
    assert (state / "projection").is_dir()
    projected = json.loads(run("cypher", "MATCH (n) RETURN count(n) AS n", "--format", "json"))
    assert projected["values"][0][0] > 100  # the projection in the state folder, holding the sample
    for args in (
        ("stats",),
        ("sources",),
        ("export", "--format", "nt"),
        ("sparql", "ASK { ?s ?p ?o }"),
        ("query", "connections", "--param", f"entity={JOHN}", "--engine", "cypher"),
        ("query", "connections", "--param", f"entity={JOHN}"),
        ("path", "John Wick", "Winston"),
        ("profile", JOHN),
        ("timeline", "John Wick"),
        ("works",),
        ("check", "--fail-on", "never"),
        ("candidates",),
    ):
        run(*args)
    monkeypatch.setenv("UG_STATE", str(state))  # the environment variable, as the option
    result = invoke("--store", url, "ask", "who trained John Wick?")
    assert result.exit_code == 0, result.output
    assert (state / "snapshot").is_dir()  # the read snapshot persisted beside the projection
    run("retract", "ballerina-review")
    run("reproject")
    default = work / ".universe-graph"
    assert not default.exists(), sorted(str(p) for p in default.rglob("*"))
