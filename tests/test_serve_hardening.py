"""Issue 16, low: HTTP hardening of `serve`, each on its repro.

The Host header is checked (DNS rebinding); every response carries a Content-Security-Policy and
`X-Content-Type-Options: nosniff`, and the explorer still works under that policy in a real browser;
a request uvicorn cannot parse and a comment-prefixed SPARQL update get our error shape; shutting
down while a SPARQL worker is being replaced logs no traceback.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from servehelp import Running, build_store, get, post, running
from universe_graph.serve import sparql_pool
from universe_graph.serve.errors import ApiError, response
from universe_graph.serve.headers import SECURITY_HEADERS
from universe_graph.serve.hosts import accepts, host_name
from universe_graph.stores.oxigraph import QUERY_PREFIXES
from universe_graph.stores.sparql_guard import looks_like_update

CHROMIUM = os.environ.get("UG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("serve-hardening")
    build_store(folder)
    with running(folder, sparql_workers=1) as srv:
        yield srv


def error_code(answer: httpx.Response) -> str:
    assert answer.headers["content-type"].startswith("application/json"), answer.text[:200]
    code: str = answer.json()["errors"][0]["code"]
    return code


def secured(answer: httpx.Response) -> bool:
    return all(answer.headers.get(name) == value for name, value in SECURITY_HEADERS.items())


# ------------------------------------------------------------------------------------------ Host
def test_a_foreign_host_header_is_refused(server: Running) -> None:
    port = server.url.rsplit(":", 1)[1]
    for path in ("/", "/sparql?query=ASK%7B%7D", "/static/explorer.js", "/api/search?q=Winston"):
        refused = get(server.url + path, headers={"Host": f"evil.example:{port}"})
        assert refused.status_code == 400 and error_code(refused) == "UG.ClientError.Security.UnknownHost"
        assert secured(refused)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost", f"[::1]:{port}"):
        assert get(server.url + "/api/search?q=Winston", headers={"Host": host}).status_code == 200, host


def test_accepted_host_names() -> None:
    assert host_name("LocalHost.:80") == "localhost" and host_name("[::1]:8765") == "::1"
    assert accepts("localhost", "127.0.0.1") and accepts("127.0.0.2", "127.0.0.1") and accepts("::1", "::1")
    assert not accepts("evil.example", "127.0.0.1")
    assert not accepts("127.0.0.1.evil.example", "127.0.0.1")
    assert not accepts("192.168.1.9", "127.0.0.1")  # an address it is not bound to
    assert accepts("graph.lan", "graph.lan") and not accepts("evil.example", "graph.lan")
    assert accepts("192.168.1.9", "0.0.0.0") and accepts("fe80::1", "::")  # every interface: any address
    assert not accepts("evil.example", "0.0.0.0")  # ... but still no other name


# ------------------------------------------------------------------------------------------ headers
def test_every_response_carries_the_security_headers(server: Running) -> None:
    answers = [
        get(server.url + "/"),
        get(server.url + "/static/explorer.js"),
        get(server.url + "/static/vendor/cytoscape.min.js"),
        get(server.url + "/sparql", headers={"Accept": "text/html"}),
        get(server.url + "/api/search", params={"q": "Winston"}),
        get(server.url + "/no-such-page"),
        post(
            server.url + "/sparql",
            content=b"x" * 5_000_000,
            headers={"Content-Type": "application/sparql-query"},
        ),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 200, 404, 413]
    for answer in answers:
        assert secured(answer), (answer.request.url, dict(answer.headers))
    policy = answers[0].headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe" not in policy
    # the handler of unexpected errors (Starlette answers those outside every middleware) adds them too
    assert all(response(ApiError(500, "X", "boom")).headers[k] == v for k, v in SECURITY_HEADERS.items())


def test_the_explorer_works_under_the_policy_and_the_policy_bites(server: Running) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert Path(CHROMIUM).exists(), f"Debian's chromium is needed at {CHROMIUM}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            violations: list[str] = []
            page.on(
                "console",
                lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
            )
            page.goto(server.url + "/")
            page.fill("#search", "Winston")
            page.press("#search", "Enter")
            expect(page.locator("#status")).to_contain_text("neighbours", timeout=60_000)
            drawn = page.evaluate("() => window.ugExplorer.cy.nodes().length")
            assert drawn > 1
            assert violations == []  # Cytoscape's own <style> is allowed by its hash; nothing else is inline
            # an injected inline script does not run, and the browser reports it
            ran = page.evaluate(
                """() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                           document.body.appendChild(s); return window.injected === 1; }"""
            )
            assert ran is False
            page.wait_for_timeout(200)
            assert any("script" in v for v in violations), violations
        finally:
            browser.close()


# ------------------------------------------------------------------------------------------ error shape
def raw_request(url: str, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (httpx refuses URLs past 64 KiB) and read the whole answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=120) as sock:
        sock.sendall(request)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, content = received.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, content


def test_an_oversized_request_line_gets_our_error_shape(server: Running) -> None:
    """A request line past h11's buffer (16 KiB, checked while the line is still arriving): the
    first 20 KB of a longer line are sent, then the answer is read (sending the rest into a
    connection the server has closed would reset it before the answer is read)."""
    line = b"GET /sparql?query=ASK%7B%7D" + b"%20" * 7_000
    status, headers, content = raw_request(server.url, line)
    assert status == 400 and headers["content-type"] == "application/json"
    assert json.loads(content)["errors"][0]["code"] == "UG.ClientError.Request.Invalid"
    assert all(headers.get(name.lower()) == value for name, value in SECURITY_HEADERS.items())
    fine = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    assert raw_request(server.url, fine)[0] == 200


def test_a_comment_prefixed_update_is_refused_as_an_update(server: Running) -> None:
    updates = [
        "# tidy up\nINSERT DATA { <urn:x> <urn:y> <urn:z> }",
        "#a\n#b\nPREFIX e: <urn:e#> # INSERT? no: DELETE\nDELETE WHERE { ?s ?p ?o }",
    ]
    for update in updates:
        for answer in (
            get(server.url + "/sparql", params={"query": update}),
            post(
                server.url + "/sparql", content=update, headers={"Content-Type": "application/sparql-query"}
            ),
        ):
            assert answer.status_code == 403 and error_code(answer) == "UG.ClientError.Sparql.UpdateRefused"
    # a comment that names an update keyword makes nothing an update
    fine = get(server.url + "/sparql", params={"query": "# INSERT DATA\nASK { ?s ?p ?o }"})
    assert fine.status_code == 200 and fine.json()["boolean"] is True
    broken = get(server.url + "/sparql", params={"query": "# DELETE\nSELEC * WHERE { }"})
    assert broken.status_code == 400 and error_code(broken) == "UG.ClientError.Sparql.SyntaxError"


def test_looks_like_update_skips_comments_strings_and_iris() -> None:
    assert looks_like_update("# x\nINSERT DATA { <a:b> <a:c> 1 }")
    assert looks_like_update("PREFIX e: <urn:e#>\nBASE <urn:b>\n# c\n  delete where { ?s ?p ?o }")
    assert not looks_like_update("# DELETE\nSELECT * WHERE { ?s ?p 'INSERT' }")
    assert not looks_like_update("PREFIX e: <urn:INSERT> SELEC * { }")


# ------------------------------------------------------------------------------------------ shutdown
def test_shutdown_during_a_worker_respawn_logs_no_traceback(
    server: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The pool closes while a replacement worker is starting (held until the close is done): the
    replacement fails to start, quietly, and no worker is left behind."""
    thread_errors: list[Any] = []
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    closed = threading.Event()
    original = sparql_pool._Worker.wait_ready
    canonical = server.state.store.canonical
    graphs = [g.value for g in canonical.current_graphs()]
    pool = sparql_pool.SparqlPool(
        server.state.store.folder / "canonical", QUERY_PREFIXES, graphs, size=1, timeout=0.5, max_rows=10
    )

    def late(self: sparql_pool._Worker, timeout: float) -> None:
        closed.wait(60)
        original(self, timeout)

    monkeypatch.setattr(sparql_pool._Worker, "wait_ready", late)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    with caplog.at_level(logging.ERROR, logger="universe_graph.serve"):
        with pytest.raises(sparql_pool.QueryTimeout):
            pool.run(slow, [("application/sparql-results+json", 1.0)])
        respawn = [t for t in threading.enumerate() if t.name == "ug-sparql-respawn"]
        assert respawn  # a replacement is on its way
        pool.close()
        closed.set()
        for thread in respawn:
            thread.join(60)
    assert not any(t.is_alive() for t in respawn)
    assert thread_errors == [] and caplog.records == []
    assert pool._all == set()  # nothing left running
