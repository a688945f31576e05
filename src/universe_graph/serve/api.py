"""The JSON API: what the explorer draws (search, neighbourhood), and POST /sources (token-guarded)."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from ..app import App, IngestOptions
from ..errors import BadInput
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
    """Entities by the lookup key (forgiving accents, hyphens, punctuation, case), each with how
    it matched; close spellings come back as suggestions when nothing matches."""
    return await run_in_threadpool(explore.search_names, _state(request).store, q)


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


class UploadReport(BaseModel):
    """What `POST /sources` stored: the JSON form of `app.IngestReport` for one upload."""

    changes: list[IngestChange]
    warnings: list[str]


@sources_router.post("/sources", response_model=UploadReport, summary="Ingest one source (needs the token)")
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
    about: str | None = Query(
        default=None,
        min_length=1,
        max_length=2000,
        description="the work a review is about: entity id, work key or title (as `ingest --about`)",
    ),
    replace: bool = Query(
        default=False,
        description="replace a stored source of another kind or place of the same id (`ingest --replace`)",
    ),
) -> UploadReport:
    """Ingest the request body as one source file, by the same use case as `universe-graph ingest`
    (`App.ingest`): the same reading, `--about`, refusal to replace another kind's source unless
    `replace=true`."""
    state = _state(request)
    require_token(request, state.settings.token)
    data = await request.body()
    if not data:
        raise ApiError(400, "UG.ClientError.Request.Invalid", "the request body (the source file) is empty")
    options = IngestOptions(kind=kind, tier=tier, about=about, replace_others=replace)
    return await run_in_threadpool(_ingest, state, name, data, options)


def _ingest(state: ServerState, name: str, data: bytes, options: IngestOptions) -> UploadReport:
    """Keep the upload beside the store (its evidence locators point into it), then ingest it."""
    uploads = state.store.folder / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    path = uploads / name

    def shown(text: str) -> str:  # uploads by their names: where the server keeps them is its own
        return text.replace(f"{uploads}{os.sep}", "")

    with state.write_lock:
        previous = path.read_bytes() if path.exists() else None
        tmp = uploads / f".{name}.part"
        tmp.write_bytes(data)
        tmp.replace(path)
        try:
            done = App(state.store.folder).ingest([path], options, store=state.store)
            if done.errors:  # nothing of the upload was stored
                problems = [p for e in done.errors for p in e.problems]
                raise BadInput([replace(p, file=shown(p.file), message=shown(p.message)) for p in problems])
        except BaseException:
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(previous)
            raise
        state.refresh()
    return UploadReport(
        changes=[IngestChange(**c.__dict__) for c in done.changes],
        warnings=[shown(w) for w in done.warnings],
    )
