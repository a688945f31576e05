"""The default graph is a set (SPARQL 1.1's merge of the current versions): a triple that two
sources state comes back as one row, through `sparql`, `/sparql`, named queries and in-process
queries alike; the merge follows every replace and retract, and older stores are upgraded."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, Invoke
from servehelp import JOHN, get, running
from universe_graph.stores.merged import MERGE_OF, MERGED_GRAPH
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.vocab import UG

UNIVERSE = ROOT / "ingest" / "john-wick" / "john-wick.universe.yaml"
LABELS = f"SELECT ?name WHERE {{ <{JOHN}> rdfs:label ?name }}"
MENTORS = f"SELECT ?mentor WHERE {{ <{JOHN}> ug:trained_by ?mentor }}"


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample universe stored twice, as two sources: every triple is stated by both."""
    from click.testing import CliRunner

    from universe_graph.cli import cli

    folder = tmp_path_factory.mktemp("twice")
    for source_id in ("first", "second"):
        result = CliRunner().invoke(cli, ["--store", str(folder), "ingest", "--id", source_id, str(UNIVERSE)])
        assert result.exit_code == 0, result.output
    return folder


def _cli_rows(folder: Path, query: str) -> list[str]:
    from click.testing import CliRunner

    from universe_graph.cli import cli

    result = CliRunner().invoke(cli, ["--store", str(folder), "sparql", "--format", "json", query])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    return [next(iter(b.values()))["value"] for b in data["results"]["bindings"]]


def _http_rows(folder: Path, query: str) -> list[str]:
    with running(folder) as srv:
        accept = {"Accept": "application/sparql-results+json"}
        response = get(srv.url + "/sparql", params={"query": query}, headers=accept)
    assert response.status_code == 200, response.text
    return [next(iter(b.values()))["value"] for b in response.json()["results"]["bindings"]]


def _store_rows(folder: Path, query: str) -> list[str]:
    store = OxigraphStore(folder, read_only=True)
    try:
        return [s[0].value for s in store.query(query)]  # type: ignore[union-attr]
    finally:
        store.close()


Reader = Callable[[Path, str], list[str]]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(_cli_rows, id="sparql-cli"),
        pytest.param(_http_rows, id="sparql-http"),
        pytest.param(_store_rows, id="in-process"),
    ],
)
@pytest.mark.parametrize("query", [pytest.param(LABELS, id="label"), pytest.param(MENTORS, id="mentors")])
def test_a_triple_two_sources_state_is_one_row(twice: Path, rows: Reader, query: str) -> None:
    found = rows(twice, query)
    assert found, "the sample states John Wick's label and mentors"
    assert len(found) == len(set(found)), found


def test_named_query_rows_are_distinct_and_list_both_sources(twice: Path, invoke: Invoke) -> None:
    character = f"character={JOHN}"
    result = invoke("--store", twice, "query", "trained_by_chain", "--param", character, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["rows"]
    mentors = [r["mentor"] for r in rows]
    assert mentors and len(mentors) == len(set(mentors))
    assert all(r["sources"] == ["first", "second"] for r in rows)


def _merged(folder: Path) -> set[tuple[str, str, str]]:
    store = OxigraphStore(folder, read_only=True)
    try:
        engine = store._store
        quads = engine.quads_for_pattern(None, None, None, ox.NamedNode(MERGED_GRAPH))
        merged = {(str(q.subject), str(q.predicate), str(q.object)) for q in quads}
        union = {
            (str(q.subject), str(q.predicate), str(q.object))
            for g in store.current_graphs()
            for q in engine.quads_for_pattern(None, None, None, g)
        }
        assert merged == union
        return merged
    finally:
        store.close()


def test_the_merge_follows_replace_and_retract(tmp_path: Path, invoke: Invoke) -> None:
    text = UNIVERSE.read_text(encoding="utf-8")
    changed = tmp_path / "changed.universe.yaml"
    changed.write_text(text.replace("John Wick", "Jonathan Wick"), encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", "--id", "a", UNIVERSE).exit_code == 0
    assert invoke("--store", store, "ingest", "--id", "b", UNIVERSE).exit_code == 0
    both = _merged(store)
    assert invoke("--store", store, "ingest", "--id", "b", "--replace", changed).exit_code == 0
    replaced = _merged(store)
    assert any("Jonathan Wick" in o for _, _, o in replaced)
    assert any(o == '"John Wick"' for _, _, o in replaced)
    assert invoke("--store", store, "retract", "a").exit_code == 0
    alone = _merged(store)
    assert not any(o == '"John Wick"' for _, _, o in alone) and alone != both
    assert invoke("--store", store, "retract", "b").exit_code == 0
    assert _merged(store) == set()
    assert _cli_rows(store, LABELS) == []


def test_a_store_written_before_the_merge_is_upgraded_by_a_writer(twice: Path, tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "old"
    shutil.copytree(twice, old)
    engine = ox.Store(str(old / "canonical"))
    engine.remove_graph(ox.NamedNode(MERGED_GRAPH))
    marker = engine.quads_for_pattern(ox.NamedNode(MERGED_GRAPH), ox.NamedNode(MERGE_OF), None, None)
    for quad in list(marker):
        engine.remove(quad)
    engine.flush()
    del engine, marker  # the engine closes when nothing refers to it
    names = _store_rows(old, LABELS)
    assert len(names) == 2 * len(set(names))  # the bag a multi-graph default graph gives
    OxigraphStore(old).close()  # a writer's open builds the merge
    assert _store_rows(old, LABELS) == sorted(set(names))
    assert str(UG.merge_of_current) == MERGE_OF


def test_a_floor_that_was_every_source_excludes_a_later_one(tmp_path: Path) -> None:
    """A dataset that was every current version is a floor once another source is stored in the same
    process: the query must not read the merged graph, which now holds the new source too."""
    from universe_graph.fixtures import synthetic
    from universe_graph.model import ClaimSet

    store = OxigraphStore(tmp_path / "store")
    try:
        store.put(synthetic(5, seed=1))
        store.collect_garbage()
        first = tuple(g.value for g in store.current_graphs())
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

        def counted() -> list[str]:
            rows = store.query(count, graphs=first)
            assert isinstance(rows, ox.QuerySolutions)
            return [r[0].value for r in rows]

        before = counted()
        other = synthetic(40, seed=2).model_dump()
        other["source"].update(id="other", location="other.yaml")
        store.put(ClaimSet.model_validate(other))
        assert len(store.current_graphs()) == 2
        assert counted() == before
    finally:
        store.close()
