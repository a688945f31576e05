"""`/sparql` as the W3C SPARQL 1.1 Protocol, with SPARQLWrapper as a real client on a real server."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from servehelp import JOHN, Running, build_store, get, post, running
from universe_graph.fixtures import synthetic

TRAINERS = f"""
SELECT ?trainer ?name WHERE {{ <{JOHN}> ug:trained_by ?trainer . ?trainer rdfs:label ?name }} ORDER BY ?name
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("serve-sparql")
    build_store(folder, extra=[synthetic(2000)])
    with running(folder, timeout=3.0, max_rows=500, sparql_workers=2) as srv:
        yield srv


def client(srv: Running, method: str = "GET") -> SPARQLWrapper:
    wrapper = SPARQLWrapper(srv.url + "/sparql")
    wrapper.setMethod(method)
    return wrapper


def answer(wrapper: SPARQLWrapper) -> Any:
    """Run the query and convert its result (SPARQLWrapper's types vary by format)."""
    return wrapper.query().convert()


def expected_trainers(srv: Running) -> list[str]:
    """The same question asked of the store directly, in process."""
    rows = srv.state.store.canonical.query(
        "PREFIX ug: <https://w3id.org/universe-graph/ontology#>" + TRAINERS
    )
    return [row["name"].value for row in rows]  # type: ignore[union-attr]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_json_with_sparqlwrapper(server: Running, method: str) -> None:
    wrapper = client(server, method)
    wrapper.setQuery(TRAINERS)
    wrapper.setReturnFormat(JSON)
    result = answer(wrapper)
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert names == expected_trainers(server)
    assert names  # the sample says who trained John Wick


def test_direct_post_body(server: Running) -> None:
    response = post(
        server.url + "/sparql",
        content=TRAINERS.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["trainer", "name"]
    assert [r[1] for r in rows[1:]] == expected_trainers(server)


@pytest.mark.parametrize("fmt", [XML, CSV, TSV])
def test_select_formats_by_negotiation(server: Running, fmt: str) -> None:
    wrapper = client(server)
    wrapper.setQuery(TRAINERS)
    wrapper.setReturnFormat(fmt)
    body = answer(wrapper)
    names = expected_trainers(server)
    if fmt == XML:
        values = [n.firstChild.data for n in body.getElementsByTagName("literal")]
        assert values == names
    else:
        text = body.decode() if isinstance(body, bytes) else body
        for name in names:
            assert name in text
        if fmt == TSV:
            assert text.splitlines()[0] == "?trainer\t?name"


def test_ask(server: Running) -> None:
    wrapper = client(server)
    wrapper.setQuery(f"ASK {{ <{JOHN}> a ug:Character }}")
    wrapper.setReturnFormat(JSON)
    assert answer(wrapper)["boolean"] is True


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD])
def test_construct_as_rdf(server: Running, fmt: str) -> None:
    wrapper = client(server)
    wrapper.setQuery(f"CONSTRUCT {{ <{JOHN}> ug:trained_by ?t }} WHERE {{ <{JOHN}> ug:trained_by ?t }}")
    wrapper.setReturnFormat(fmt)
    graph = answer(wrapper)
    if not isinstance(graph, Graph):  # SPARQLWrapper hands some formats back as text
        graph = Graph().parse(data=graph, format="json-ld" if fmt == JSONLD else "turtle")
    # one triple per trainer, however many sources say so
    assert len(graph) == len(set(expected_trainers(server))) > 0


def test_describe_as_ntriples(server: Running) -> None:
    response = get(
        server.url + "/sparql",
        params={"query": f"DESCRIBE <{JOHN}>"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200
    graph = Graph().parse(data=response.text, format="nt")
    assert len(graph) > 0


def test_update_is_refused_every_way(server: Running) -> None:
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    answers = [
        post(server.url + "/sparql", data={"update": update}),
        post(server.url + "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}),
        post(server.url + "/sparql", data={"query": update}),
        get(server.url + "/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"}),
    ]
    for response in answers:
        assert response.status_code == 403, response.text
        assert response.json()["errors"][0]["code"] == "UG.ClientError.Sparql.UpdateRefused"
    assert expected_trainers(server) != []  # nothing was deleted
    ask = get(server.url + "/sparql", params={"query": "ASK { <urn:x> ?p ?o }"}).json()
    assert ask["boolean"] is False


def test_syntax_error_is_400_for_sparqlwrapper(server: Running) -> None:
    wrapper = client(server)
    wrapper.setQuery("SELEC ?x WHERE { ?x ?y ?z }")
    wrapper.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed):
        wrapper.query()


def test_row_limit_cuts_and_says_so(server: Running) -> None:
    response = get(
        server.url + "/sparql",
        params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.headers["x-result-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == 500


def test_slow_query_is_stopped_and_the_server_goes_on(server: Running) -> None:
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    response = get(server.url + "/sparql", params={"query": cartesian}, timeout=60)
    assert response.status_code == 408
    assert response.json()["errors"][0]["code"] == "UG.ClientError.Query.Timeout"
    # the killed worker was replaced: later queries are answered
    for _ in range(3):
        wrapper = client(server)
        wrapper.setQuery(TRAINERS)
        wrapper.setReturnFormat(JSON)
        assert answer(wrapper)["results"]["bindings"]


def test_not_acceptable_and_bad_requests(server: Running) -> None:
    base = server.url + "/sparql"
    cases = [
        (
            get(base, params={"query": "SELECT * WHERE {?s ?p ?o} LIMIT 1"}, headers={"Accept": "image/png"}),
            406,
        ),
        (get(base), 400),
        (get(base, params={"query": "ASK {}", "default-graph-uri": "urn:g"}), 400),
        (post(base, content=b"query=ASK{}", headers={"Content-Type": "text/plain"}), 415),
        (post(base, content=b"\xff\xfe", headers={"Content-Type": "application/sparql-query"}), 400),
        (get(base, params={"query": "ASK {}", "format": "png"}), 400),
    ]
    for response, status in cases:
        assert response.status_code == status, response.text
        assert set(json.loads(response.text)) == {"errors"}


def test_reads_beside_files(tmp_path: Path) -> None:
    """A server over an empty store answers (no sources yet), then sees a source posted with the token."""
    with running(tmp_path, token="secret-token-1") as srv:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ug:Character }"
        first = get(srv.url + "/sparql", params={"query": count}).json()
        assert first["results"]["bindings"][0]["n"]["value"] == "0"
        universe = (Path(__file__).parents[1] / "ingest/john-wick/john-wick.universe.yaml").read_bytes()
        posted = post(
            srv.url + "/sources",
            params={"name": "jw.universe.yaml"},
            content=universe,
            headers={"Authorization": "Bearer secret-token-1"},
            timeout=120,
        )
        assert posted.status_code == 200, posted.text
        assert posted.json()["changes"][0]["outcome"] == "added"
        after = get(srv.url + "/sparql", params={"query": count}).json()
        assert int(after["results"]["bindings"][0]["n"]["value"]) > 10
