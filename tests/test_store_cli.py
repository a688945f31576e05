"""The store commands end to end, and bad input through `ingest` leaving the store unchanged."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from rdflib import Dataset

from conftest import Invoke
from storehelp import dump
from test_universe_errors import CASES, GOOD
from universe_graph.export import schema
from universe_graph.fixtures import sample_export, sample_path

UG = str(Path(sys.executable).parent / "universe-graph")


@pytest.fixture()
def store(tmp_path: Path, invoke: Invoke) -> Path:
    folder = tmp_path / "store"
    result = invoke("--store", folder, "ingest", sample_path())
    assert result.exit_code == 0, result.output
    return folder


def test_ingest_reports_what_changed(tmp_path: Path, invoke: Invoke) -> None:
    folder = tmp_path / "s"
    first = invoke("--store", folder, "ingest", sample_path(), "--report", "json")
    assert first.exit_code == 0
    changes = {c["source"]: c["outcome"] for c in json.loads(first.stdout)["changes"]}
    assert changes == {"john-wick-universe": "added", "ballerina-review": "added"}
    again = invoke("--store", folder, "ingest", sample_path())
    assert again.exit_code == 0 and again.stdout.count("unchanged") == 2


def test_store_from_the_environment(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "UG_STORE": str(tmp_path / "env-store")}
    done = subprocess.run(
        [UG, "ingest", str(sample_path() / "john-wick.universe.yaml")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env-store" / "canonical").is_dir()


def test_export_json_is_the_contract(store: Path, invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    assert invoke("--store", store, "export", "--format", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    converted = json.loads(invoke("convert", sample_path()).stdout)
    assert data == converted  # what the store gives back is what the sources say


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_export_rdf_keeps_a_graph_per_source(store: Path, invoke: Invoke, fmt: str) -> None:
    result = invoke("--store", store, "export", "--format", fmt)
    ds = Dataset()
    ds.parse(data=result.stdout, format="trig" if fmt == "trig" else "nquads")
    names = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g)}
    assert {"john-wick-universe", "ballerina-review"} <= names


def test_export_graphml(store: Path, invoke: Invoke) -> None:
    import io

    import networkx as nx

    result = invoke("--store", store, "export", "--format", "graphml")
    graph = nx.read_graphml(io.BytesIO(result.stdout.encode("utf-8")))
    assert graph.number_of_nodes() == len(sample_export().entities)  # the universe's and the review's
    assert any(d["predicate"] == "betrayed" for _, _, d in graph.edges(data=True))


def test_sparql_text_and_json(store: Path, invoke: Invoke) -> None:
    query = (
        "PREFIX ug: <https://w3id.org/universe-graph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        # DISTINCT: the universe and the review both describe John Wick, Ruska Roma and the Director
        "SELECT DISTINCT ?name WHERE { ?c rdfs:label 'John Wick' ; a ug:Character ; ug:trained_by ?m . "
        "?m rdfs:label ?name } ORDER BY ?name"
    )
    text = invoke("--store", store, "sparql", query)
    assert text.exit_code == 0 and text.stdout.split()[1:] == ["Ruska", "Roma", "The", "Director"]
    data = json.loads(invoke("--store", store, "sparql", query, "--format", "json").stdout)
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Ruska Roma", "The Director"]
    refused = invoke("--store", store, "sparql", "DROP ALL")
    assert refused.exit_code == 1 and "SPARQL Update is refused" in refused.stderr


def test_cypher_reads_and_refuses_writes(store: Path, invoke: Invoke) -> None:
    query = "MATCH (c:Character {name: $name})-[r:TRAINED_BY]->(m) "
    query += "RETURN m.name AS mentor, r.tier ORDER BY mentor"
    result = invoke("--store", store, "cypher", query, "--param", "name=John Wick", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "fields": ["mentor", "r.tier"],
        "values": [["Ruska Roma", "canon"], ["The Director", "canon"]],
    }
    for write in ["CREATE (n:X)", "MATCH (n) DETACH DELETE n", "MATCH (n:Character) SET n.name = 'x'"]:
        refused = invoke("--store", store, "cypher", write)
        assert refused.exit_code == 1 and "write clauses are refused" in refused.stderr, write
    expected = sample_export()
    count = invoke("--store", store, "cypher", "MATCH (n) RETURN count(n)").stdout.split()[-1]
    assert count == str(len(expected.entities) + len(expected.events))


def test_stats_and_sources(store: Path, invoke: Invoke) -> None:
    stats = json.loads(invoke("--store", store, "stats", "--format", "json").stdout)
    expected = sample_export()
    characters = sum(1 for e in expected.entities if e.type.value == "Character")
    betrayed = sum(1 for r in expected.relations if r.predicate == "betrayed")
    assert stats["sources"] == 2 and stats["events"] == len(expected.events) > 51
    assert (
        stats["entities"]["Character"] == characters > 40 and stats["relations"]["betrayed"] == betrayed == 2
    )
    listed = json.loads(invoke("--store", store, "sources", "--format", "json").stdout)
    assert {s["id"]: s["tier"] for s in listed} == {
        "john-wick-universe": "canon",
        "ballerina-review": "review",
    }


def test_retract_and_reproject(store: Path, invoke: Invoke) -> None:
    assert invoke("--store", store, "retract", "ballerina-review").exit_code == 0
    assert [s["id"] for s in json.loads(invoke("--store", store, "sources", "--format", "json").stdout)] == [
        "john-wick-universe"
    ]
    unknown = invoke("--store", store, "retract", "nope")
    assert unknown.exit_code == 1 and "no source named 'nope'" in unknown.stderr
    before = dump(store)
    assert invoke("--store", store, "reproject").stdout.strip() == "reprojected 1 source"
    assert dump(store) == before


def test_read_commands_on_a_missing_store(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("--store", tmp_path / "none", "stats")
    assert result.exit_code == 1 and "no store at" in result.stderr


def test_a_second_writer_gets_store_in_use(store: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from universe_graph.stores.sync import UniverseStore; "
            f"s=UniverseStore(Path({str(store)!r})); print('ready', flush=True); sys.stdin.read()",
        ],  # holds the store until the test closes its stdin or kills it: no clock to run out under load
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        done = subprocess.run(
            [UG, "--store", str(store), "ingest", str(sample_path())],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1
        assert done.stderr.splitlines()[-1] == f"error: store {store} is in use by PID {holder.pid}"
    finally:
        holder.kill()
        holder.wait()


# ---------------------------------------------------------------- bad input leaves the store unchanged


@pytest.mark.parametrize(("content", "line", "field", "message"), CASES)
def test_each_located_error_through_ingest(
    store: Path,
    invoke: Invoke,
    tmp_path: Path,
    content: bytes,
    line: int | None,
    field: str | None,
    message: str,
) -> None:
    before = dump(store)
    bad = tmp_path / "bad.universe.yaml"
    bad.write_bytes(content)
    result = invoke("--store", store, "ingest", bad, "--from", "universe")
    assert result.exit_code == 1
    where = f"{bad}:{line}" if line else str(bad)
    assert result.stderr.startswith(f"error: {where}: "), result.stderr
    assert message in result.stderr
    assert dump(store) == before


def test_a_50_mb_text_is_refused_cleanly(store: Path, invoke: Invoke, tmp_path: Path) -> None:
    before = dump(store)
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as f:
        for _ in range(50 * 1024):
            f.write(("The night was long and the city was quiet. " * 30)[:1023] + "\n")
    assert big.stat().st_size >= 50 * 1024 * 1024
    result = invoke("--store", store, "ingest", big)
    assert result.exit_code == 1
    # prose: the review reader recognises it and refuses its size
    assert result.stderr.startswith(f"error: {big}: too long for a review")
    assert dump(store) == before


def _universe(key: str) -> str:
    return GOOD.replace("key: test-verse", f"key: {key}").replace("Test universe", f"Universe {key}")


def test_a_folder_with_one_bad_file(store: Path, invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.yaml").write_text(_universe("aaa"), encoding="utf-8")
    (folder / "b.yaml").write_text(_universe("bbb").replace("[bo]", "[bob]"), encoding="utf-8")
    (folder / "c.yaml").write_text(_universe("ccc"), encoding="utf-8")
    before = dump(store)

    strict = invoke("--store", store, "ingest", folder, "--all-or-nothing")
    assert strict.exit_code == 1 and f"{folder / 'b.yaml'}:8" in strict.stderr
    assert dump(store) == before

    lenient = invoke("--store", store, "ingest", folder)
    assert lenient.exit_code == 1 and f"{folder / 'b.yaml'}:8" in lenient.stderr
    assert "added      a:" in lenient.stdout and "added      c:" in lenient.stdout
    after = dump(store)
    assert set(after["canonical"]) == {*before["canonical"], "a", "c"}
    assert after["canonical"]["john-wick-universe"] == before["canonical"]["john-wick-universe"]
