"""Issue 16, critical: a NUL (or a lone surrogate) in a value never reaches a store, and a store that
already holds one (written by an older version) still opens, retracts and serves.

The repro is the issue's: the shared TMDb credits file with a NUL inside a cast name, copied to tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from servehelp import get, post, running
from universe_graph.errors import BadInput
from universe_graph.ingest import load_paths
from universe_graph.ingest.safety import unsafe_values
from universe_graph.ingest.text import decode
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.sync import UniverseStore

CREDITS = "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json"
TOKEN = "a-long-test-token"


def credits_with(shared: Path, folder: Path, name: str) -> Path:
    """The shared credits file with the first cast member renamed to `name`, written to `folder`."""
    data = json.loads((shared / CREDITS).read_text(encoding="utf-8"))
    data["cast"][0]["name"] = name
    path = folder / "credits.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # json.dumps escapes: the file has no NUL byte
    return path


def test_the_text_decoder_finds_a_nul_past_the_first_64_kib(tmp_path: Path) -> None:
    data = b"line\n" * 20_000 + b"late \x00 byte\n"  # 100,000 bytes before the NUL
    with pytest.raises(BadInput) as caught:
        decode(tmp_path / "late.txt", data)
    assert caught.value.problems[0].line == 20_001
    assert "NUL" in str(caught.value)
    decode(tmp_path / "clean.txt", b"line\n" * 20_000)  # the same text without it is fine


def test_a_nul_is_a_located_error_in_ingest_convert_validate(
    shared: Path, tmp_path: Path, invoke: Invoke
) -> None:
    path = credits_with(shared, tmp_path, "Keanu\x00Reeves")
    with pytest.raises(BadInput) as caught:
        load_paths([path])
    (problem,) = caught.value.problems
    assert problem.file == str(path) and problem.field == "entities[1].name"
    assert "NUL" in problem.message and "/cast/0" in problem.message
    store = tmp_path / "store"
    for args in (["--store", store, "ingest", path], ["convert", path], ["validate", path]):
        result = invoke(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "entities[1].name" in result.stderr
    assert not (store / "projection").exists()  # the store was never opened


def test_a_lone_surrogate_escape_in_json_is_a_located_error(shared: Path, tmp_path: Path) -> None:
    data = json.loads((shared / CREDITS).read_text(encoding="utf-8"))
    data["cast"][0]["name"] = "Keanu \ud800 Reeves"
    data["crew"][0]["name"] = "Paired \U0001f600 Emoji"  # a surrogate pair in the file is fine
    path = tmp_path / "credits.json"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "\\ud800" in text and "\\ud83d\\ude00" in text
    with pytest.raises(BadInput) as caught:
        load_paths([path])
    (problem,) = caught.value.problems
    assert "surrogate" in problem.message
    assert problem.line == text[: text.index("\\ud800")].count("\n") + 1


def test_the_clean_file_still_reads(shared: Path, tmp_path: Path) -> None:
    (claims,) = load_paths([credits_with(shared, tmp_path, "Keanu Reeves")]).claimsets
    assert unsafe_values(claims) == []
    assert "Keanu Reeves" in {e.name for e in claims.entities}


def _store_with_a_nul(shared: Path, tmp_path: Path) -> Path:
    """A store as an older version left it: a NUL-bearing source committed to the canonical store only."""
    (claims,) = load_paths([credits_with(shared, tmp_path, "Keanu Reeves")]).claimsets
    entities = [
        e.model_copy(update={"name": "Keanu\x00Reeves"}) if e.name == "Keanu Reeves" else e
        for e in claims.entities
    ]
    bad = claims.model_copy(update={"entities": entities})
    assert [p.field for p in unsafe_values(bad)] == ["entities[1].name"]  # only the check refuses it
    folder = tmp_path / "store"
    canonical = OxigraphStore(folder)
    try:
        canonical.put(bad)
    finally:
        canonical.close()
    return folder


def test_a_store_holding_a_nul_opens_reports_retracts_and_serves(
    shared: Path, tmp_path: Path, invoke: Invoke
) -> None:
    folder = _store_with_a_nul(shared, tmp_path)
    with UniverseStore(folder) as store:  # healing tries to project it: reported and skipped, not raised
        assert list(store.canonical.sources()) == ["credits"]
        assert any("'credits' could not be projected" in r for r in store.reports), store.reports
        assert store.projection is not None and store.projection.nodes() == []
    result = invoke("--store", folder, "cypher", "MATCH (n) RETURN count(n)")
    assert result.exit_code == 0, result.output
    with running(folder) as server:
        answer = post(server.url + "/db/neo4j/query/v2", json={"statement": "RETURN 1"})
        assert answer.status_code == 202, answer.text
        assert get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    result = invoke("--store", folder, "retract", "credits")
    assert result.exit_code == 0, result.output
    with UniverseStore(folder) as store:
        assert store.canonical.sources() == {}
        assert store.reports == []  # nothing left that cannot be projected


def test_post_sources_refuses_a_nul_with_the_error_shape_and_keeps_nothing(
    shared: Path, tmp_path: Path
) -> None:
    body = credits_with(shared, tmp_path, "Keanu\x00Reeves").read_bytes()
    folder = tmp_path / "store"
    with running(folder, token=TOKEN) as server:
        answer = post(
            server.url + "/sources",
            params={"name": "credits.json"},
            content=body,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert answer.status_code == 400, answer.text
        (item,) = answer.json()["errors"]
        assert item["status"] == 400 and item["field"] == "entities[1].name"
        assert "NUL" in item["message"] and str(tmp_path) not in item["message"]
        assert server.state.store.canonical.sources() == {}
        assert not (folder / "uploads" / "credits.json").exists()
        clean = post(
            server.url + "/sources",
            params={"name": "credits.json"},
            content=credits_with(shared, tmp_path, "Keanu Reeves").read_bytes(),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert clean.status_code == 200, clean.text  # the store took the next upload
        assert (folder / "uploads" / "credits.json").exists()
