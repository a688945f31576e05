"""The JSON API: what the explorer draws (search, neighbourhood), and POST /sources (token-guarded)."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from ..errors import BadInput
from ..ingest import SourceOptions
from ..ingest.collect import read_paths
from ..model import CanonTier
from . import explore
from .errors import ApiError, ErrorBody
from .guards import require_token
from .state import ServerState

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 404, 405, 408, 409, 413, 503)
}
router = APIRouter(prefix="/api", tags=["explore"], responses=ERRORS)
sources_router = APIRouter(
    tags=["write"], responses={**ERRORS, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}}
)


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.server
    return state


def _projection(request: Request) -> Any:
    projection = _state(request).store.projection
    if projection is None:
        raise ApiError(503, "UG.TransientError.Store.Unavailable", "the projection is not open")
    return projection


@router.get("/search", response_model=list[explore.NodeRef], summary="Find characters, organizations, works")
async def search(request: Request, q: str = Query(min_length=1, max_length=200)) -> list[explore.NodeRef]:
    return await run_in_threadpool(explore.search, _projection(request), q)


@router.get("/neighbourhood", response_model=explore.Neighbourhood, summary="An entity and its neighbours")
async def neighbourhood(
    request: Request, iri: str = Query(min_length=1, max_length=2000)
) -> explore.Neighbourhood:
    return await run_in_threadpool(explore.neighbourhood, _projection(request), iri)


@router.get("/nodes", response_model=list[explore.NodeRef], summary="Entities by IRI, in the order asked")
async def nodes(
    request: Request, iri: Annotated[list[str], Query(min_length=1, max_length=explore.MAX_NODES)]
) -> list[explore.NodeRef]:
    return await run_in_threadpool(explore.nodes, _projection(request), iri)


class IngestChange(BaseModel):
    source: str
    outcome: str
    entities: int
    relations: int
    events: int


class IngestReport(BaseModel):
    changes: list[IngestChange]
    warnings: list[str]


@sources_router.post("/sources", response_model=IngestReport, summary="Ingest one source (needs the token)")
async def post_source(
    request: Request,
    name: str = Query(
        min_length=1,
        max_length=200,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="the source's file name (its id comes from it, as on the command line)",
    ),
    kind: str | None = Query(default=None, max_length=40, description="force the input format"),
    tier: Annotated[CanonTier | None, Query()] = None,
) -> IngestReport:
    """Ingest the request body as one source file, by the same path as `universe-graph ingest`."""
    state = _state(request)
    require_token(request, state.settings.token)
    data = await request.body()
    if not data:
        raise ApiError(400, "UG.ClientError.Request.Invalid", "the request body (the source file) is empty")
    return await run_in_threadpool(_ingest, state, name, data, kind, tier)


def _ingest(
    state: ServerState, name: str, data: bytes, kind: str | None, tier: CanonTier | None
) -> IngestReport:
    """Keep the upload beside the store (its evidence locators point into it), then ingest it."""
    uploads = state.store.folder / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    path = uploads / name
    with state.write_lock:
        previous = path.read_bytes() if path.exists() else None
        tmp = uploads / f".{name}.part"
        tmp.write_bytes(data)
        tmp.replace(path)
        try:
            loaded, errors = read_paths([path], kind=kind, options=SourceOptions(tier=tier))
            if errors:
                raise BadInput(
                    [replace(p, file=p.file.replace(str(path), name)) for e in errors for p in e.problems]
                )
            changes = state.store.ingest(loaded.claimsets)
        except BaseException:
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(previous)
            raise
        state.refresh()
    return IngestReport(
        changes=[IngestChange(**c.__dict__) for c in changes],
        warnings=[w.replace(str(path), name) for w in [*loaded.warnings, *state.store.reports]],
    )
