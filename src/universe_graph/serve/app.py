"""The ASGI app: routers, guards (body size, Host), security headers, one error shape, the explorer."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.staticfiles import StaticFiles

from .. import __version__
from . import api, cypher, errors, pages, query_api, sparql
from .guards import BodyLimit
from .headers import SecurityHeaders
from .hosts import HostCheck
from .state import ServerState

STATIC = Path(str(files("universe_graph.serve") / "static"))


def create_app(state: ServerState) -> FastAPI:
    """The app over an opened store; the caller owns (and closes) the state."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        title="universe-graph",
        version=__version__,
        description="Film universes as a knowledge graph: SPARQL, Cypher, JSON, and an explorer.",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.server = state
    errors.install(app)
    app.include_router(sparql.router)
    app.include_router(cypher.router)
    app.include_router(api.router)
    app.include_router(query_api.router)
    app.include_router(api.sources_router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.add_middleware(BodyLimit, limit=state.settings.max_body)
    if state.settings.cors:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(state.settings.cors),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept", "Authorization"],
        )
    app.add_middleware(HostCheck, bound=state.settings.host)  # before CORS and the rest: outside them
    app.add_middleware(SecurityHeaders)  # outermost, so the guards' refusals carry the headers too
    return app
