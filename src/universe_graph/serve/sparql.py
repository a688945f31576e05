"""`/sparql`: the W3C SPARQL 1.1 Protocol (query operation) over the canonical graph, read-only."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..stores.sparql_guard import ServiceRefused, check_service, looks_like_update
from .errors import ApiError, ErrorBody
from .media import CONTENT_TYPES, GRAPH_TYPES, RESULT_TYPES, SHORT, preferences
from .pages import sparql_page, wants_page
from .sparql_pool import PoolBusy, QueryTimeout
from .state import ServerState

router = APIRouter()

_UPDATE_REFUSED = (
    "SPARQL Update is refused: the graph is read-only here "
    "(writes go through POST /sources, so claims keep their evidence and the projection follows)"
)
_FORM = "application/x-www-form-urlencoded"


def _refuse_update() -> ApiError:
    return ApiError(403, "UG.ClientError.Sparql.UpdateRefused", _UPDATE_REFUSED)


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ApiError(400, "UG.ClientError.Request.Invalid", f"give `{name}` once, not {len(values)} times")
    return values[0] if values else None


async def _query_text(request: Request) -> tuple[str, dict[str, list[str]]]:
    """The query and the protocol parameters, from the URL, a form, or a direct POST body."""
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        raw = await request.body()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ApiError(400, "UG.ClientError.Request.Invalid", "the request body is not UTF-8") from e
        if media == _FORM:
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                raise ApiError(
                    400, "UG.ClientError.Request.Invalid", "a direct POST carries its query in the body"
                )
            params["query"] = [text]
        elif media == "application/sparql-update":
            raise _refuse_update()
        else:
            raise ApiError(
                415,
                "UG.ClientError.Request.UnsupportedMediaType",
                f"POST a query as {_FORM} or application/sparql-query, not {media or 'no type'}",
            )
    if "update" in params:
        raise _refuse_update()
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise ApiError(
                400,
                "UG.ClientError.Request.Invalid",
                f"`{name}` is not supported: the dataset is the union of the current sources",
            )
    query = _one(params, "query")
    if query is None or not query.strip():
        raise ApiError(400, "UG.ClientError.Request.Invalid", "no `query` given")
    return query, params


def _format_key(value: str) -> str | None:
    """A format parameter's value (a short name, a media type, or a list of them) as a format key."""
    for piece in value.split(","):
        piece = piece.split(";")[0].strip()
        key = SHORT.get(piece) or RESULT_TYPES.get(piece) or GRAPH_TYPES.get(piece)
        if key:
            return key
    return None


def _prefs(request: Request, params: dict[str, list[str]]) -> list[tuple[str, float]]:
    """A `format` (or `output`) parameter, short name or media type, overrides the Accept header."""
    given = {v.strip().lower() for name in ("format", "output") for v in params.get(name, []) if v.strip()}
    if not given:
        return preferences(request.headers.get("accept"))
    keys = {_format_key(v) for v in given}
    if None in keys:
        raise ApiError(
            400,
            "UG.ClientError.Request.Invalid",
            f"unknown format in {sorted(given)}; valid: {', '.join(sorted(SHORT))}",
        )
    if len(keys) > 1:
        raise ApiError(
            400, "UG.ClientError.Request.Invalid", f"conflicting formats asked for: {sorted(given)}"
        )
    key = keys.pop()
    assert key is not None
    return [(CONTENT_TYPES[key].split(";")[0], 1.0)]


_DOC: dict[str, Any] = {
    "summary": "SPARQL 1.1 Protocol query operation (read-only)",
    "description": "`query` in the URL or a form, or a direct `application/sparql-query` body; results by "
    "Accept (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for graphs) or `format`.",
    "tags": ["sparql"],
    "responses": {code: {"model": ErrorBody} for code in (400, 403, 406, 408, 413, 415, 503)},
    "openapi_extra": {
        "parameters": [
            {"name": "query", "in": "query", "required": False, "schema": {"type": "string"}},
            {"name": "format", "in": "query", "required": False, "schema": {"type": "string"}},
        ]
    },
}


@router.get("/sparql", operation_id="sparql_get", **_DOC)
@router.post("/sparql", operation_id="sparql_post", **_DOC)
async def sparql(request: Request) -> Response:
    """Answer a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) by content negotiation."""
    if wants_page(request):  # a browser opening /sparql: the query form, not a protocol error
        return sparql_page()
    state: ServerState = request.app.state.server
    query, params = await _query_text(request)
    try:
        check_service(query, state.settings.service_allow)
    except ServiceRefused as e:
        raise ApiError(403, "UG.ClientError.Sparql.ServiceRefused", e.problems[0].message) from e
    prefs = _prefs(request, params)
    try:
        answer = await run_in_threadpool(state.pool.run, query, prefs)
    except QueryTimeout as e:
        raise ApiError(408, "UG.ClientError.Query.Timeout", str(e)) from e
    except PoolBusy as e:
        raise ApiError(503, "UG.TransientError.Query.Busy", str(e), headers={"Retry-After": "1"}) from e
    except (
        EOFError,
        OSError,
    ) as e:  # the engine crashed on this query (pyoxigraph does on very deep nesting)
        raise ApiError(
            400,
            "UG.ClientError.Sparql.EngineCrashed",
            "the query stopped the SPARQL engine (e.g. nesting too deep); its worker was replaced",
        ) from e
    if not answer.ok:
        if answer.kind == "syntax":
            if looks_like_update(query):
                raise _refuse_update()
            raise ApiError(400, "UG.ClientError.Sparql.SyntaxError", f"SPARQL syntax error: {answer.message}")
        if answer.kind == "not_acceptable":
            raise ApiError(406, "UG.ClientError.Request.NotAcceptable", answer.message)
        if answer.kind == "unavailable":
            raise ApiError(503, "UG.TransientError.Store.Unavailable", answer.message)
        raise ApiError(400, "UG.ClientError.Sparql.EvaluationError", answer.message)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["X-Result-Truncated"] = "true"
        headers["X-Max-Rows"] = str(state.settings.max_rows)
    return Response(answer.body, media_type=CONTENT_TYPES[answer.kind], headers=headers)
