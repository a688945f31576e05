"""The query layer over HTTP: named queries, path, profile, timeline, works (JSON, typed by pydantic)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from .. import query
from ..ask.answer import Answer
from ..model import CanonTier
from .bounded import bounded
from .errors import ApiError, ErrorBody
from .state import ServerState

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 408, 409, 413, 422, 503)
}
router = APIRouter(prefix="/api", tags=["query"], responses=ERRORS)

Name = Annotated[str, Query(min_length=1, max_length=2000, description="a name, alias or IRI")]
Canon = Annotated[
    CanonTier | None, Query(description="keep only facts from sources at this tier or stronger")
]
AsOf = Annotated[str | None, Query(max_length=2000, description="spoiler-safe: as seen after this work")]
#: query-string names that are options, not a named query's parameters
_OPTIONS = {"engine", "canon"}


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


def _store(request: Request) -> Any:
    return _state(request).store


@router.get(
    "/queries", response_model=list[query.NamedQuery], summary="The named queries and their parameters"
)
async def queries() -> list[query.NamedQuery]:
    return query.named_queries()


class NamedRequest(BaseModel):
    """A named query's parameters (values are bound by the engine, never pasted into the text)."""

    model_config = ConfigDict(extra="forbid")

    params: dict[str, str | int] = Field(default_factory=dict)
    engine: Literal["sparql", "cypher"] = "sparql"
    canon: CanonTier | None = None


@router.get(
    "/queries/{name}", response_model=query.QueryResult, summary="Run a named query (parameters in the URL)"
)
async def run_get(
    request: Request,
    name: str,
    engine: Literal["sparql", "cypher"] = "sparql",
    canon: Canon = None,
) -> query.QueryResult:
    params: dict[str, str | int] = {k: v for k, v in request.query_params.items() if k not in _OPTIONS}
    return await _run(request, name, NamedRequest(params=params, engine=engine, canon=canon))


@router.post(
    "/queries/{name}", response_model=query.QueryResult, summary="Run a named query (parameters as JSON)"
)
async def run_post(request: Request, name: str, body: NamedRequest) -> query.QueryResult:
    return await _run(request, name, body)


async def _run(request: Request, name: str, body: NamedRequest) -> query.QueryResult:
    if len(name) > 100:
        raise ApiError(400, "UG.ClientError.Request.Invalid", "query names are short")
    store = _store(request)
    return await bounded(
        _state(request),
        lambda: query.run_named(store, name, body.params, engine=body.engine, canon=body.canon),
    )


@router.get("/path", response_model=query.PathResult, summary="The shortest connections between two entities")
async def path(
    request: Request,
    a: Name,
    b: Name,
    max_hops: Annotated[int, Query(ge=1, le=8)] = 6,
    all_paths: bool = False,
    canon: Canon = None,
    as_of: AsOf = None,
) -> query.PathResult:
    store = _store(request)
    return await bounded(
        _state(request),
        lambda: query.path(store, a, b, max_hops=max_hops, all_paths=all_paths, canon=canon, as_of=as_of),
    )


@router.get(
    "/profile", response_model=query.Profile, summary="Everything known about one entity, with evidence"
)
async def profile(
    request: Request,
    name: Name,
    type: Annotated[str | None, Query(max_length=40)] = None,
    canon: Canon = None,
    as_of: AsOf = None,
) -> query.Profile:
    store = _store(request)
    return await bounded(
        _state(request), lambda: query.profile(store, name, type=type, canon=canon, as_of=as_of)
    )


@router.get("/timeline", response_model=query.Timeline, summary="A work's plot events in order, by act")
async def timeline(request: Request, work: Name, canon: Canon = None, as_of: AsOf = None) -> query.Timeline:
    store = _store(request)
    return await bounded(_state(request), lambda: query.timeline(store, work, canon=canon, as_of=as_of))


@router.get("/works", response_model=query.Franchise, summary="A universe's works in release and story order")
async def works(
    request: Request, universe: Annotated[str | None, Query(max_length=2000)] = None, canon: Canon = None
) -> query.Franchise:
    store = _store(request)
    return await bounded(_state(request), lambda: query.works(store, universe, canon=canon))


@router.get(
    "/ask", response_model=Answer, summary="Ask a question in English (answers with the query and evidence)"
)
async def ask(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="the question")],
    canon: Canon = None,
    evidence: bool = True,
) -> Answer:
    state = _state(request)
    return await bounded(state, lambda: state.asker(canon).ask(q, evidence=evidence))
