"""The JSON API: one error shape for every error (pinned here), guards, the token, CORS, OpenAPI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import pytest

from servehelp import JOHN, QUOTE, WINSTON, Running, build_store, delete, get, post, put, running
from universe_graph import query
from universe_graph.ask.answer import Asker
from universe_graph.serve.errors import ErrorBody

TOKEN = "a-long-test-token"
ERROR_SCHEMA = ErrorBody.model_json_schema()
#: the pinned shape: changing it breaks apps, so it changes only with this test
PINNED = {
    "errors": [
        {
            "code": "UG.ClientError.Request.NotFound",
            "message": "no such endpoint; see /openapi.json",
            "status": 404,
        }
    ]
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve-api")
    build_store(folder)
    return folder


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Running]:
    with running(folder, token=TOKEN, max_body=64 * 1024) as srv:
        yield srv


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    jsonschema.validate(body, ERROR_SCHEMA)
    assert set(body) == {"errors"} and body["errors"]
    for item in body["errors"]:
        assert item["status"] == status and item["message"]
    if code:
        assert body["errors"][0]["code"] == code
    return body  # type: ignore[no-any-return]


def test_the_error_shape_is_pinned(server: Running) -> None:
    assert get(server.url + "/no/such/page").json() == PINNED


def test_every_kind_of_error_has_the_shape(server: Running) -> None:
    u = server.url
    assert_error(get(u + "/nope"), 404, "UG.ClientError.Request.NotFound")
    assert_error(delete(u + "/sparql"), 405, "UG.ClientError.Request.MethodNotAllowed")
    assert_error(put(u + "/db/neo4j/query/v2"), 405)
    assert_error(post(u + "/sparql", data={"query": "x" * 70_000}), 413, "UG.ClientError.Request.TooLarge")
    assert_error(get(u + "/api/search"), 400, "UG.ClientError.Request.Invalid")
    assert_error(get(u + "/api/profile", params={"name": JOHN + "-nobody"}), 404)
    assert_error(get(u + "/api/timeline", params={"work": "John Wick", "canon": "nonsense"}), 400)
    assert_error(post(u + "/sources", params={"name": "x.yaml"}, content=b"x"), 401)
    assert_error(get(u + "/sparql", params={"query": "SELEC"}), 400, "UG.ClientError.Sparql.SyntaxError")
    assert_error(
        post(u + "/db/neo4j/query/v2", json={"statement": "CREATE (n)"}),
        400,
        "Neo.ClientError.Statement.AccessMode",
    )


def test_chunked_body_over_the_limit(server: Running) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"query=" + b"x" * 8192

    response = post(
        server.url + "/sparql",
        content=chunks(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_error(response, 413)


def test_openapi_schema_lists_the_endpoints_and_the_error_shape(server: Running) -> None:
    schema = get(server.url + "/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/db/{database}/query/v2",
        "/api/search",
        "/api/profile",
        "/api/path",
        "/api/timeline",
        "/sources",
    } <= paths
    assert "ErrorBody" in schema["components"]["schemas"]
    assert schema["paths"]["/api/profile"]["get"]["responses"]["404"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/ErrorBody"}


def test_cors_is_off_by_default(server: Running) -> None:
    response = get(
        server.url + "/api/search", params={"q": "wick"}, headers={"Origin": "https://example.org"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_cors_when_configured(tmp_path: Path) -> None:
    build_store(tmp_path)
    with running(tmp_path, cors=("https://app.example",)) as srv:
        ok = get(srv.url + "/api/search", params={"q": "wick"}, headers={"Origin": "https://app.example"})
        assert ok.headers["access-control-allow-origin"] == "https://app.example"
        other = get(srv.url + "/api/search", params={"q": "wick"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_sources_need_the_token(server: Running, tmp_path: Path) -> None:
    universe = b"format: universe-graph/universe@1\nsource: {id: tiny}\nuniverse: {key: tiny-u, name: Tiny}\n"
    wrong = post(
        server.url + "/sources",
        params={"name": "tiny.yaml"},
        content=universe,
        headers={"Authorization": "Bearer nope"},
    )
    assert_error(wrong, 401, "UG.ClientError.Security.Unauthorized")
    bad = post(
        server.url + "/sources",
        params={"name": "bad.yaml"},
        content=b"format: universe-graph/universe@1\nworks: 5\n",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    body = assert_error(bad, 400)
    assert "/tmp" not in str(body)  # problems name the uploaded file, not where it was kept
    good = post(
        server.url + "/sources",
        params={"name": "tiny.yaml"},
        content=universe,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert good.status_code == 200, good.text
    assert [c["source"] for c in good.json()["changes"]] == ["tiny"]
    found = get(server.url + "/api/search", params={"q": "tiny"}).json()
    assert [n["name"] for n in found] == ["Tiny"]


def test_writes_are_off_without_a_token(tmp_path: Path) -> None:
    with running(tmp_path) as srv:
        response = post(
            srv.url + "/sources",
            params={"name": "a.yaml"},
            content=b"x",
            headers={"Authorization": "Bearer anything"},
        )
        assert_error(response, 403, "UG.ClientError.Security.Forbidden")


def test_explorer_data(server: Running) -> None:
    u = server.url
    found = get(u + "/api/search", params={"q": "john wick"}).json()
    assert found[0]["name"] == "John Wick"
    hood = get(u + "/api/neighbourhood", params={"iri": JOHN}).json()
    names = {n["name"] for n in hood["nodes"]}
    assert {"John Wick", "Winston Scott"} <= names
    assert any(e["source"] == JOHN or e["target"] == JOHN for e in hood["edges"])
    assert_error(get(u + "/api/neighbourhood", params={"iri": JOHN + "-nobody"}), 404)


def test_search_uses_the_lookup_key_and_suggests(server: Running) -> None:
    u = server.url
    exact = get(u + "/api/search", params={"q": "WINSTON-scott"}).json()  # case and a hyphen forgiven
    assert [(n["name"], n["match"]) for n in exact][:1] == [("Winston Scott", "exact")]
    words = get(u + "/api/search", params={"q": "wick"}).json()  # whole words of longer names
    order = [n["match"] for n in words]  # an alias "Wick" is exact; then the names holding the word
    assert order == sorted(order) and "words" in order and "suggestion" not in order
    assert {"John Wick", "John Wick universe"} <= {n["name"] for n in words}
    assert len({n["iri"] for n in words}) == len(words)  # each entity once
    close = get(u + "/api/search", params={"q": "Winstn Scott"}).json()  # nothing matches: suggestions
    assert [(n["name"], n["match"]) for n in close][:1] == [("Winston Scott", "suggestion")]
    assert get(u + "/api/search", params={"q": "Sco"}).json() == []  # a fragment is not a word
    assert_error(get(u + "/api/search", params={"q": "--"}), 400)  # no name left to look up


def test_query_layer_over_http(server: Running) -> None:
    u = server.url
    store = server.state.store
    profile = get(u + "/api/profile", params={"name": WINSTON}).json()
    assert profile == query.profile(store, WINSTON).model_dump(mode="json")
    quotes = [
        ev["quote"] for s in profile["sections"] for f in s["facts"] for ev in f["evidence"] if ev["quote"]
    ]
    assert QUOTE in quotes
    path = get(u + "/api/path", params={"a": "John Wick", "b": "Winston Scott"}).json()
    assert path == query.path(store, "John Wick", "Winston Scott").model_dump(mode="json")
    assert path["hops"] >= 1
    film = next(n for n in get(u + "/api/search", params={"q": "john wick"}).json() if n["type"] == "Film")
    timeline = get(u + "/api/timeline", params={"work": film["iri"]}).json()
    assert timeline == query.timeline(store, film["iri"]).model_dump(mode="json")
    assert sum(len(a["events"]) for a in timeline["acts"]) > 3
    works = get(u + "/api/works", params={"universe": "John Wick universe"}).json()
    assert works == query.works(store, "John Wick universe").model_dump(mode="json")
    assert_error(get(u + "/api/profile", params={"name": "Nobody At All"}), 404)
    assert_error(get(u + "/api/path", params={"a": "John Wick", "b": "John Wick"}), 400)
    assert_error(get(u + "/api/path", params={"a": "John Wick", "b": "Winston Scott", "max_hops": 99}), 400)


def test_named_queries_over_http(server: Running) -> None:
    u = server.url
    listed = get(u + "/api/queries").json()
    assert {q["name"] for q in listed} == {q.name for q in query.named_queries()}
    assert len(listed) >= 5
    store = server.state.store
    for engine in ("sparql", "cypher"):
        direct = query.run_named(store, "kills", {"killer": JOHN}, engine=engine).model_dump(mode="json")
        got = get(u + "/api/queries/kills", params={"killer": JOHN, "engine": engine}).json()
        assert got == direct and got["rows"]
        posted = post(u + "/api/queries/kills", json={"params": {"killer": JOHN}, "engine": engine}).json()
        assert posted == direct
    assert_error(get(u + "/api/queries/no-such-query"), 404)
    assert_error(get(u + "/api/queries/kills"), 400)  # its parameter is missing
    assert_error(post(u + "/api/queries/kills", json={"params": {"killer": JOHN}, "engine": "gremlin"}), 400)


def test_ask_over_http(server: Running) -> None:
    store = server.state.store
    got = get(server.url + "/api/ask", params={"q": "who trained John Wick?"}, timeout=60).json()
    direct = Asker(store).ask("who trained John Wick?").model_dump(mode="json")
    assert got == direct and got["answers"]
    refused = get(server.url + "/api/ask", params={"q": "what is the airspeed of a swallow?"}, timeout=60)
    body = assert_error(refused, 422, "UG.ClientError.Ask.CannotAnswer")
    assert body["errors"][0]["suggestions"]  # type: ignore[index]


def test_hostile_requests_get_4xx_never_500(server: Running) -> None:
    u = server.url
    deep_json = '{"statement": "RETURN 1", "parameters": {"a": ' + "[" * 5_000 + "]" * 5_000 + "}}"
    deep_sparql = "SELECT * WHERE " + "{" * 20_000 + "?s ?p ?o" + "}" * 20_000
    cases = [
        post(u + "/db/neo4j/query/v2", content=deep_json, headers={"Content-Type": "application/json"}),
        post(u + "/db/neo4j/query/v2", json={"statement": "RETURN $x", "parameters": {"x}) MATCH (n": 1}}),
        post(u + "/db/neo4j/query/v2", json={"statement": "RETURN $m", "parameters": {"m": {"a`b": 1}}}),
        post(u + "/db/neo4j/query/v2", json={"statement": "RETURN '\x00'"}),
        post(u + "/db/neo4j/query/v2", content=b"\xff\xfe{", headers={"Content-Type": "application/json"}),
        post(
            u + "/sparql", content=deep_sparql, headers={"Content-Type": "application/sparql-query"}
        ),  # pyoxigraph crashes on this: only its worker goes
        get(
            u + "/sparql",
            params={"query": "SELECT * WHERE { ?s ?p ?o FILTER(REGEX(?o, '(a+)+$')) }", "x": "\x00"},
        ),
        get(u + "/api/search", params={"q": "x" * 5000}),
        get(u + "/api/path", params={"a": "John Wick", "b": "\x00"}),
        post(u + "/api/queries/kills", json={"params": {"killer": "not an iri"}}),
        post(
            u + "/sources",
            params={"name": "../../etc/passwd"},
            content=b"x",
            headers={"Authorization": f"Bearer {TOKEN}"},
        ),
    ]
    assert cases[0].status_code == 400 and cases[5].status_code == 400, cases[5].text
    assert cases[5].json()["errors"][0]["code"] == "UG.ClientError.Sparql.EngineCrashed"
    for response in cases:
        assert 400 <= response.status_code < 500 or response.status_code == 200, response.text
        if response.status_code != 200:
            assert_error(response, response.status_code)
    assert get(u + "/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True  # still serving
