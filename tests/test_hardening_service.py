"""Issue 16, high: SPARQL SERVICE makes no outbound request unless an allow-list names the endpoint.

A local port listens; every refused query is sent through the real `serve` HTTP server, then the port
is checked for a connection attempt. The allow-listed case shows that the check can see one.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from servehelp import get, post, running
from universe_graph.errors import BadInput
from universe_graph.stores.sparql_guard import check_service, service_targets


@pytest.fixture()
def listener() -> Iterator[socket.socket]:
    """A TCP socket listening on a loopback port, never accepting: a connection attempt stays queued."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock
    sock.close()


def contacted(sock: socket.socket, wait: float = 0.5) -> bool:
    """Whether anybody connected to the listener (a queued connection makes it readable)."""
    readable, _, _ = select.select([sock], [], [], wait)
    return bool(readable)


def queries(endpoint: str) -> list[str]:
    """SERVICE written in several ways a naive check could miss."""
    return [
        f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{endpoint}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment with SERVICE\n ?a ?b ?c . }}SERVICE<{endpoint}>{{?s ?p ?o}}",
        f"SELECT * WHERE {{ ?a ?b ?c .SERVICE <{endpoint}> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{endpoint}>\nSELECT * WHERE {{ SERVICE e: {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }} }}",
    ]


def test_the_scan_finds_the_keyword_not_names_or_strings() -> None:
    assert service_targets("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }") == ["http://a/"]
    assert service_targets("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }") == [None]
    assert service_targets('SELECT ?service WHERE { ?service ?p "SERVICE <http://a/>" }') == []
    assert service_targets("PREFIX service: <http://a/> SELECT * WHERE { ?s service:x ex:service }") == []
    assert service_targets("SELECT * WHERE { ?s <http://a/#SERVICE> ?o } # SERVICE <http://b/>") == []
    check_service("SELECT * WHERE { SERVICE <http://a/> { } }", allowed=["http://a/"])
    with pytest.raises(BadInput):
        check_service("SELECT * WHERE { SERVICE <http://b/> { } }", allowed=["http://a/"])
    with pytest.raises(BadInput):
        check_service("SELECT * WHERE { SERVICE ?x { } }", allowed=["http://a/"])


def test_service_is_refused_with_403_and_makes_no_request(
    tmp_path: Path, listener: socket.socket, invoke: Invoke
) -> None:
    endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    with running(tmp_path / "store") as server:
        for query in queries(endpoint):
            for answer in (
                get(server.url + "/sparql", params={"query": query}),
                post(server.url + "/sparql", data={"query": query}),  # a cross-origin form needs no preflight
                post(
                    server.url + "/sparql",
                    content=query.encode(),
                    headers={"content-type": "application/sparql-query"},
                ),
            ):
                assert answer.status_code == 403, (query, answer.text)
                (item,) = answer.json()["errors"]
                assert item["code"] == "UG.ClientError.Sparql.ServiceRefused" and item["status"] == 403
        fine = get(
            server.url + "/sparql", params={"query": 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }'}
        )
        assert fine.status_code == 200, fine.text
    result = invoke("--store", tmp_path / "store", "sparql", queries(endpoint)[0])
    assert result.exit_code == 1 and "SERVICE" in result.stderr
    assert not contacted(listener)


def test_an_allow_listed_endpoint_is_followed(tmp_path: Path, listener: socket.socket) -> None:
    endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    with running(tmp_path / "store", service_allow=(endpoint,), timeout=2.0) as server:
        other = get(server.url + "/sparql", params={"query": queries("http://127.0.0.1:9/x")[0]})
        assert other.status_code == 403, other.text
        assert not contacted(listener, wait=0.2)
        query = f"SELECT * WHERE {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} }}"
        get(server.url + "/sparql", params={"query": query})  # answers or times out; we never reply
        assert contacted(listener)
