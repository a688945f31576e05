"""The query layer over a SPARQL server: path, profile, timeline and named queries give what the
embedded store gives for the same sources (Oxigraph's server; Virtuoso where its SPARQL allows)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from pydantic import BaseModel

from conftest import Invoke
from queryhelp import BALLERINA, JW1, c, fan_source, metadata, qstore, review_source  # noqa: F401
from test_rdf_roundtrip import normal
from test_remote_sparql import server, url  # noqa: F401
from universe_graph.app import ingest_claims
from universe_graph.errors import BadInput
from universe_graph.fixtures import sample, synthetic
from universe_graph.model import CanonTier
from universe_graph.query import path, profile, run_named, timeline
from universe_graph.query.canon import source_view
from universe_graph.query.names import name_index
from universe_graph.stores.sparql_remote import RemoteSparqlStore, _bind
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import UG


@pytest.fixture()
def rstore(url: str, tmp_path: Path) -> Iterator[UniverseStore]:  # noqa: F811
    """The query tests' sources (sample, fan source, review) in the server, opened read-only."""
    with UniverseStore(url, state=tmp_path / "state") as writer:
        ingest_claims(writer, [*metadata(), fan_source(), review_source()])
    with UniverseStore(url, read_only=True, state=tmp_path / "state") as store:
        yield store


def same(model: BaseModel) -> object:
    """A result as data, each list of evidence sorted: evidence comes in the engine's quad order
    (index order embedded, any order from Virtuoso); everything else must match as it is."""

    def walk(value: object, key: str = "") -> object:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            items = [walk(v) for v in value]
            return sorted(items, key=repr) if key == "evidence" else items
        return value

    return walk(model.model_dump())


def virtuoso(url: str) -> bool:  # noqa: F811
    return not url.endswith("/query")  # Oxigraph's server is reached at /query, Virtuoso at /sparql


def test_path_agrees(qstore: UniverseStore, rstore: UniverseStore) -> None:  # noqa: F811
    for a, b, canon in [
        ("Eve", "Viggo", None),
        ("Eve", "Viggo", CanonTier.OFFICIAL),
        ("Nogi", "Iosef", None),
    ]:
        assert same(path(rstore, a, b, canon=canon, all_paths=True)) == same(
            path(qstore, a, b, canon=canon, all_paths=True)
        ), (a, b, canon)


def test_named_query_agrees(qstore: UniverseStore, rstore: UniverseStore) -> None:  # noqa: F811
    for canon in [None, CanonTier.CANON]:
        got = run_named(rstore, "connections", {"entity": c("winston")}, canon=canon)
        want = run_named(qstore, "connections", {"entity": c("winston")}, canon=canon)
        assert got.rows and (got.columns, got.rows) == (want.columns, want.rows), canon


def test_profile_agrees(qstore: UniverseStore, rstore: UniverseStore) -> None:  # noqa: F811
    for name, canon in [("John Wick", None), ("Eve", CanonTier.REVIEW), ("Eve", CanonTier.OFFICIAL)]:
        assert same(profile(rstore, name, canon=canon)) == same(profile(qstore, name, canon=canon)), (
            name,
            canon,
        )


def test_timeline_and_lateral_queries(qstore: UniverseStore, rstore: UniverseStore, url: str) -> None:  # noqa: F811
    if virtuoso(url):  # Virtuoso's SPARQL has no LATERAL, which `plot` (and so timeline) uses
        with pytest.raises(BadInput, match="LATERAL"):
            timeline(rstore, BALLERINA)
        return
    for canon in [None, CanonTier.CANON]:
        assert same(timeline(rstore, BALLERINA, canon=canon)) == same(
            timeline(qstore, BALLERINA, canon=canon)
        )
    as_of = "John Wick: Chapter 2"
    assert same(timeline(rstore, "Ballerina", as_of=as_of)) == same(
        timeline(qstore, "Ballerina", as_of=as_of)
    )
    params = {"work": BALLERINA}
    assert run_named(rstore, "plot", params).rows == run_named(qstore, "plot", params).rows


def test_quads_match_the_embedded_store(qstore: UniverseStore, rstore: UniverseStore) -> None:  # noqa: F811
    graphs = frozenset(source_view(qstore).graphs.values())
    rgraphs = frozenset(source_view(rstore).graphs.values())
    local, remote = qstore.canonical, rstore.canonical

    def norm(quads: Iterator[ox.Quad], graph_of: dict[str, str]) -> set[tuple[str, str, str, str]]:
        return {
            (str(q.subject), str(q.predicate), str(q.object), graph_of[str(q.graph_name)[1:-1]])
            for q in quads
        }

    lsrc = {g: sid for sid, g in source_view(qstore).graphs.items()}
    rsrc = {g: sid for sid, g in source_view(rstore).graphs.items()}
    wick = ox.NamedNode(c("john-wick"))
    name = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    label = ox.Literal("John Wick")
    cases = [
        ((wick, None, None, None), 20),
        ((None, None, wick, None), 20),
        ((None, name, label, None), 1),
        ((wick, None, None, [ox.NamedNode(str(UG.killed)), name]), 9),
        ((None, None, None, None), 9_000),  # the whole dataset (past the cap: the next test)
    ]
    for (s, p, o, preds), least in cases:
        want = norm(local.quads(s, p, o, graphs, preds), lsrc)
        assert len(want) >= least and norm(remote.quads(s, p, o, rgraphs, preds), rsrc) == want
    assert list(remote.quads(wick, None, None, frozenset())) == []
    # a value is an escaped term: quotes and braces in a literal match nothing and break nothing
    assert list(remote.quads(None, name, ox.Literal('x" } ?s ?p ?o { "'), rgraphs)) == []


def test_generation_notices_another_writer(url: str, tmp_path: Path) -> None:  # noqa: F811
    """A read-only remote store is no snapshot: a writer's ingest and retraction change what it sees."""
    claimsets = sample().claimsets
    with UniverseStore(url, state=tmp_path / "w") as writer:
        ingest_claims(writer, claimsets)
        with UniverseStore(url, read_only=True, state=tmp_path / "r") as reader:
            assert isinstance(reader.canonical, RemoteSparqlStore)
            first = reader.canonical.generation
            assert first == reader.canonical.generation
            index = name_index(reader)
            assert name_index(reader) is index  # nothing changed: the cached index
            ingest_claims(writer, [fan_source()])
            assert reader.canonical.generation != first
            assert "fan-theories" in source_view(reader).sources
            assert name_index(reader) is not index
            writer.retract("fan-theories")
            assert "fan-theories" not in source_view(reader).sources
            assert reader.canonical.generation == first  # the same current versions as at first


def test_values_bind_first_in_the_where_group() -> None:
    """Braces in strings, IRIs and comments are skipped; a CONSTRUCT's template is not its WHERE."""
    block = "VALUES ?e { <urn:x> }"
    q = 'SELECT ("{" AS ?x) ?e # {\nWHERE { ?e <urn:p{> "}" FILTER(?e < 3) } GROUP BY ?e'
    assert _bind(q, block) == q.replace("WHERE {", "WHERE { " + block + " ")
    c = "CONSTRUCT { ?e ?p ?o } WHERE { ?e ?p ?o }"
    assert _bind(c, block) == "CONSTRUCT { ?e ?p ?o } WHERE { " + block + "  ?e ?p ?o }"


def test_query_commands_over_a_server(url: str, tmp_path: Path, invoke: Invoke) -> None:  # noqa: F811
    """`path`, `query`, `ask`, `works`, `profile` and `timeline` with `--store http://...` print
    what they print for the embedded store holding the same sample."""
    folder, state = tmp_path / "store", tmp_path / "state"
    with UniverseStore(folder) as local, UniverseStore(url, state=state) as remote:
        ingest_claims(local, sample().claimsets)
        ingest_claims(remote, sample().claimsets)
    commands = [
        ["path", "Eve", "Viggo", "--all"],
        ["query", "connections", "--param", "entity=Winston"],
        ["ask", "Who trained John Wick?"],
    ]
    if not virtuoso(url):  # release order needs `follows+` in OPTIONAL, timeline LATERAL: see above
        commands += [["works"], ["profile", "Iosef"], ["timeline", "Ballerina"]]
    for command in commands:
        here = invoke("--store", folder, *command, "--format", "json")
        there = invoke("--store", url, "--state", state, *command, "--format", "json")
        assert here.exit_code == 0 and there.exit_code == 0, (command, here.stderr, there.stderr)
        assert same_json(json.loads(there.stdout)) == same_json(json.loads(here.stdout)), command


def same_json(value: object, key: str = "") -> object:
    """JSON output with each list of evidence sorted (evidence comes in the engine's quad order),
    and ask's answers (equally ranked answers come in the engine's row order)."""
    if isinstance(value, dict):
        return {k: same_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [same_json(v) for v in value]
        return sorted(items, key=repr) if key in ("evidence", "answers", "support") else items
    return value


def test_a_graph_beyond_the_result_cap_reads_back_whole(url: str, tmp_path: Path) -> None:  # noqa: F811
    """A version graph larger than Virtuoso's 10,000-row cap is read back in sorted pages."""
    claims = synthetic(800)
    with UniverseStore(url, state=tmp_path / "state", projection=False) as store:
        ingest_claims(store, [claims])
        assert isinstance(store.canonical, RemoteSparqlStore)
        (record,) = store.canonical.sources().values()
        graph = frozenset([record.graph])
        assert sum(1 for _ in store.canonical.quads(None, None, None, graph)) > 10_000
        assert normal(store.canonical.claims_of(record)) == normal(claims)
