"""A SPARQL server as the canonical store: the same store tests against Oxigraph's and Virtuoso's servers.

Each server is started by the tests on loopback with a private data folder (Virtuoso with a
private ini and its shipped 10,000-row result cap, so reads must page). A store on a server must
hold exactly what the embedded store holds for the same sources.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import Invoke
from sparqlservers import oxigraph_server, virtuoso_server
from storehelp import CANONICAL_EDGES, dump
from test_rdf_roundtrip import normal
from test_stores import changed_universe, read
from universe_graph.app import ingest_claims
from universe_graph.errors import BadInput, NotFound
from universe_graph.fixtures import sample
from universe_graph.ingest import SourceOptions, load_paths
from universe_graph.model import CanonTier
from universe_graph.stores.base import engine, engine_for
from universe_graph.stores.merged import MERGED_GRAPH
from universe_graph.stores.sparql_remote import Endpoints, RemoteSparqlStore
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import ID_BASE


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp(request.param)
    start = oxigraph_server if request.param == "oxigraph" else virtuoso_server
    with start(folder) as url:
        yield url


def _wipe(url: str) -> None:
    """Drop every graph of ours on the server (a server shared by the module's tests)."""
    endpoints = Endpoints.of(url)
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ID_BASE}")) }}'
    request = urllib.request.Request(
        endpoints.query,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        graphs = [b["g"]["value"] for b in json.load(response)["results"]["bindings"]]
    for graph in graphs:
        update = urllib.parse.urlencode({"update": f"DROP SILENT GRAPH <{graph}>"}).encode()
        urllib.request.urlopen(urllib.request.Request(endpoints.update, data=update), timeout=60).close()


@pytest.fixture()
def url(server: str) -> Iterator[str]:
    _wipe(server)
    yield server
    _wipe(server)


@pytest.fixture()
def remote(url: str, tmp_path: Path) -> tuple[str, Path]:
    """The sample ingested into the server; returns its URL and the local state folder."""
    state = tmp_path / "state"
    with UniverseStore(url, state=state) as store:
        changes = ingest_claims(store, sample().claimsets).changes
    assert {c.outcome for c in changes} == {"added"}
    return url, state


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("embedded") / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    return dump(folder)


def remote_dump(url: str, state: Path) -> dict[str, Any]:
    """What a remote store holds, read as `storehelp.dump` reads an embedded one.

    Asserts the projection agrees with the canonical edges, from `storehelp`'s query less its
    `FILTER(isIRI(?o))` (Virtuoso 7.2's compiler fails on it: "sparp_gp_deprecate(): equiv
    replaces filter"), the filter applied here instead.
    """
    with UniverseStore(url, state=state) as store:
        assert store.projection is not None
        canonical = {cs.source.id: normal(cs) for cs in store.canonical.claimsets()}
        ranks = [t.value for t in CanonTier]
        facts: dict[tuple[str, str, str, str], set[tuple[str, str]]] = defaultdict(set)
        for row in store.canonical.query(CANONICAL_EDGES.replace("FILTER(isIRI(?o))", "")):  # type: ignore[union-attr]
            if not isinstance(row["o"], ox.NamedNode):
                continue
            facts[(row["s"].value, row["t"].value, row["o"].value, row["key"].value)].add(
                (row["src"].value, row["tier"].value)
            )
        edges = {
            (*k, tuple(sorted(s for s, _ in v)), min((t for _, t in v), key=ranks.index))
            for k, v in facts.items()
        }
        projected = store.projection.edges()
        assert projected == edges, (sorted(projected - edges)[:5], sorted(edges - projected)[:5])
        nodes = sorted((row[0], tuple(sorted(row[1])), row[2]) for row in store.projection.nodes())
        assert isinstance(store.canonical, RemoteSparqlStore)
        graphs = store.canonical._rows(
            f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{ID_BASE}")) }}'
        )
        merges = [row["g"].value for row in graphs if row["g"].value.startswith(MERGED_GRAPH)]
        current = " ".join(f"<{g.value}>" for g in store.canonical.current_graphs())
        if current:  # the merge of the current versions: one graph, their set union
            [merged] = merges
            union = f"GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ {current} }}"
            in_merged = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{merged}> {{ ?s ?p ?o }} }}"
            [count] = store.canonical._rows(in_merged)
            [distinct] = store.canonical._rows(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {union} }} }}"
            )
            assert count["n"].value == distinct["n"].value
            stray = f"ASK {{ GRAPH <{merged}> {{ ?s ?p ?o }} FILTER NOT EXISTS {{ {union} }} }}"
            assert not store.canonical._select(stray)["boolean"]
    return {"canonical": canonical, "edges": edges, "nodes": nodes, "graph_count": len(graphs) - len(merges)}


def test_a_url_picks_the_sparql_engine() -> None:
    assert engine_for("http://127.0.0.1:7878/query") == "sparql"
    assert engine_for(Path(".universe-graph")) == "oxigraph"
    assert engine("sparql") is not engine("oxigraph")
    assert Endpoints.of("http://h:1/query") == Endpoints(
        "http://h:1/query", "http://h:1/update", "http://h:1/store"
    )
    assert Endpoints.of("http://h:1/sparql") == Endpoints("http://h:1/sparql", "http://h:1/sparql")
    with pytest.raises(BadInput, match="not an http"):
        Endpoints.of("http:///nohost")


def test_the_server_holds_what_the_embedded_store_holds(
    remote: tuple[str, Path], embedded: dict[str, Any]
) -> None:
    state = remote_dump(*remote)
    assert state["canonical"] == embedded["canonical"]
    assert state["edges"] == embedded["edges"]
    assert state["nodes"] == embedded["nodes"]
    assert state["graph_count"] == 3  # the registry and one graph per source


def test_export_equals_the_embedded_export(remote: tuple[str, Path], tmp_path: Path, invoke: Invoke) -> None:
    folder = tmp_path / "local"
    assert invoke("--store", folder, "ingest", *(str(p) for p in [sample_dir()])).exit_code == 0
    local = invoke("--store", folder, "export", "--format", "nt")
    url, state = remote
    served = invoke("--store", url, "--state", state, "export", "--format", "nt")
    assert served.exit_code == 0, served.stderr
    assert served.stdout == local.stdout and served.stdout.count("\n") > 1000


def sample_dir() -> Path:
    from universe_graph.fixtures import sample_path

    return sample_path()


def test_the_graph_store_protocol_where_offered(remote: tuple[str, Path], tmp_path: Path) -> None:
    """Oxigraph's `/store` takes the large writes and whole-graph reads; Virtuoso's URL offers none."""
    url, state = remote
    new = read(changed_universe(tmp_path))
    with UniverseStore(url, state=state) as store:
        assert isinstance(store.canonical, RemoteSparqlStore)
        (change,) = ingest_claims(store, new).changes
        assert change.outcome == "replaced"
        assert store.canonical.uses_graph_store == url.endswith("/query")
        (record,) = [r for r in store.canonical.sources().values() if r.source.id == "john-wick-universe"]
        assert normal(store.canonical.claims_of(record)) == normal(new[0])


def test_a_server_without_the_graph_store_gets_sparql_update(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded: dict[str, Any]
) -> None:
    """A Graph Store URL that answers 404 is dropped at once; writes and reads go by SPARQL."""
    real = Endpoints.of

    def no_store(location: str) -> Endpoints:
        found = real(location)
        return Endpoints(found.query, found.update, location.rsplit("/", 1)[0] + "/no-graph-store")

    monkeypatch.setattr(Endpoints, "of", staticmethod(no_store))
    state = tmp_path / "state"
    with UniverseStore(url, state=state) as store:
        ingest_claims(store, sample().claimsets)
        assert isinstance(store.canonical, RemoteSparqlStore) and not store.canonical.uses_graph_store
    assert remote_dump(url, state)["canonical"] == embedded["canonical"]


def test_ingest_twice_changes_nothing(remote: tuple[str, Path]) -> None:
    before = remote_dump(*remote)
    with UniverseStore(remote[0], state=remote[1]) as store:
        changes = ingest_claims(store, sample().claimsets).changes
    assert {c.outcome for c in changes} == {"unchanged"}
    assert remote_dump(*remote) == before


def test_a_changed_source_replaces_its_version(remote: tuple[str, Path], tmp_path: Path) -> None:
    new = read(changed_universe(tmp_path))
    with UniverseStore(remote[0], state=remote[1]) as store:
        (change,) = ingest_claims(store, new).changes
    assert change.outcome == "replaced"
    state = remote_dump(*remote)
    assert any(e[0].endswith("/character/grace") and e[1] == "MEMBER_OF" for e in state["edges"])
    assert not any(e[0].endswith("/character/zero") and e[1] == "WORKS_FOR" for e in state["edges"])
    assert state["graph_count"] == 3  # the old version graph is gone


def test_retract_keeps_facts_another_source_also_claims(remote: tuple[str, Path], tmp_path: Path) -> None:
    url, folder = remote
    twin = tmp_path / "twin"
    twin.mkdir()
    (claims,) = load_paths([changed_universe(twin)], options=SourceOptions(source_id="fan-copy")).claimsets
    with UniverseStore(url, state=folder) as store:
        ingest_claims(store, [claims])
    trained = next(
        e
        for e in remote_dump(url, folder)["edges"]
        if e[1] == "TRAINED_BY" and e[0].endswith("/character/john-wick")
    )
    assert trained[4] == ("fan-copy", "john-wick-universe")
    with UniverseStore(url, state=folder) as store:
        store.retract("john-wick-universe")
    after = remote_dump(url, folder)
    kept = next(e for e in after["edges"] if e[:4] == trained[:4])
    assert kept[4] == ("fan-copy",)
    assert not any(e[0].endswith("/character/zero") and e[1] == "WORKS_FOR" for e in after["edges"])
    assert set(after["canonical"]) == {"ballerina-review", "fan-copy"}
    with UniverseStore(url, state=folder) as store, pytest.raises(NotFound, match="did you mean"):
        store.retract("ballerina-reveiw")


def test_a_write_that_dies_before_its_switch_leaves_the_previous_state(
    remote: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = remote_dump(*remote)
    monkeypatch.setattr(RemoteSparqlStore, "batch_triples", 300)
    new = read(changed_universe(tmp_path))

    def hook(at: str) -> None:
        if at == "before-commit":
            raise RuntimeError("killed")

    with UniverseStore(remote[0], state=remote[1]) as store, pytest.raises(RuntimeError, match="killed"):
        ingest_claims(store, new, hook=hook)
    assert remote_dump(*remote) == before  # reopening also dropped the unfinished version graph


def test_sparql_and_cypher_commands_over_a_server(remote: tuple[str, Path], invoke: Invoke) -> None:
    url, state = remote
    query = (
        "SELECT ?name WHERE { ?c ug:trained_by ?t . ?c rdfs:label ?name . "
        "FILTER(STRENDS(STR(?t), '/character/the-director')) } ORDER BY ?name"
    )
    result = invoke("--store", url, "--state", state, "sparql", query, "--format", "json")
    assert result.exit_code == 0, result.stderr
    names = [b["name"]["value"] for b in json.loads(result.stdout)["results"]["bindings"]]
    assert "John Wick" in names
    refused = invoke("--store", url, "sparql", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert refused.exit_code == 1 and "SPARQL Update is refused" in refused.stderr
    assert remote_dump(*remote)["graph_count"] == 3  # nothing was deleted
    cypher = invoke(
        "--store", url, "--state", state, "cypher",
        "MATCH (c:Character {name: $name})-[:TRAINED_BY]->(t) RETURN t.name", "--param", "name=John Wick",
        "--format", "json",
    )  # fmt: skip
    assert cypher.exit_code == 0, cypher.stderr
    assert json.loads(cypher.stdout)["values"]


def test_an_unreachable_server_is_a_clear_error(invoke: Invoke, tmp_path: Path) -> None:
    from sparqlservers import free_port

    result = invoke("--store", f"http://127.0.0.1:{free_port()}/query", "--state", tmp_path, "stats")
    assert result.exit_code == 1
    assert "cannot reach the SPARQL server" in result.stderr


# ---------------------------------------------------------------- the default graph is a set
JOHN = f"{ID_BASE}john-wick-universe/character/john-wick"


def _values(store: UniverseStore, query: str) -> list[str]:
    """The first column of a SELECT through the store's canonical half."""
    solutions = store.canonical.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return [s[0].value for s in solutions]


def test_a_triple_two_sources_state_is_one_row_on_a_server(url: str, tmp_path: Path, invoke: Invoke) -> None:
    """SPARQL 1.1's default graph is the merge of the current versions: the servers take several
    `default-graph-uri`s as a bag, so the store keeps the merge as a graph of its own."""
    from universe_graph.query import run_named

    universe = Path(__file__).resolve().parents[1] / "ingest" / "john-wick" / "john-wick.universe.yaml"
    state = tmp_path / "state"
    for source_id in ("first", "second"):
        result = invoke("--store", url, "--state", state, "ingest", "--id", source_id, universe)
        assert result.exit_code == 0, result.output
    labels = f"SELECT ?name WHERE {{ <{JOHN}> rdfs:label ?name }}"
    trainers = f"SELECT ?m WHERE {{ <{JOHN}> ug:trained_by ?m }}"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{JOHN}> ug:trained_by ?mentor }}"
    result = invoke("--store", url, "sparql", "--format", "json", labels)
    assert result.exit_code == 0, result.output
    assert [b["name"]["value"] for b in json.loads(result.output)["results"]["bindings"]] == ["John Wick"]
    with UniverseStore(url, read_only=True, state=state) as store:
        mentors = _values(store, trainers)
        assert mentors and len(mentors) == len(set(mentors))
        assert _values(store, count) == [str(len(mentors))]
        if url.endswith("/query"):  # Oxigraph's server: the named query uses LATERAL, which Virtuoso lacks
            rows = run_named(store, "trained_by_chain", {"character": JOHN}).rows
            assert rows and len(rows) == len({json.dumps(r, sort_keys=True) for r in rows})
    result = invoke("--store", url, "--state", state, "retract", "first")
    assert result.exit_code == 0, result.output
    with UniverseStore(url, read_only=True, state=state) as store:  # the merge follows the retract
        assert _values(store, labels) == ["John Wick"]
        assert sorted(_values(store, trainers)) == sorted(mentors)
