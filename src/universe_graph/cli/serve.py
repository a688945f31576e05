"""`universe-graph serve`: the HTTP API (SPARQL, Cypher, JSON) and the web explorer, on loopback."""

from __future__ import annotations

import signal
import sys
from types import FrameType

import click

from ..errors import BadInput
from .main import cli
from .store import open_store


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="UG_TOKEN",
    default=None,
    help="Enable POST /sources with this bearer token (env UG_TOKEN).",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a query may run: SPARQL and Cypher are stopped, query-API answers dropped.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Rows (or triples) a query may return; more are cut off and flagged.",
)
@click.option(
    "--max-body",
    default=4 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bytes a request body may have.",
)
@click.option(
    "--cors", multiple=True, metavar="ORIGIN", help="Allow cross-origin requests from ORIGIN (repeatable)."
)
@click.option(
    "--service-allow",
    multiple=True,
    metavar="ENDPOINT",
    help="A SPARQL endpoint IRI that SERVICE may name (repeatable); none: SERVICE is refused (403).",
)
@click.option(
    "--query-memory",
    default=1024 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bytes of memory one Cypher query may use in FalkorDB; past it the query is stopped.",
)
@click.option(
    "--max-result-bytes",
    default=64 * 1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bytes of a Cypher answer read before it is cut off.",
)
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1, 32), help="SPARQL worker processes."
)
@click.option(
    "--json-workers",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Query-API requests (named queries, path, profile, timeline, works, ask) computed at once.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    token: str | None,
    timeout: float,
    max_rows: int,
    max_body: int,
    cors: tuple[str, ...],
    service_allow: tuple[str, ...],
    query_memory: int,
    max_result_bytes: int,
    workers: int,
    json_workers: int,
) -> None:
    """Serve /sparql, /db/{name}/query/v2 (Cypher), the JSON API and the explorer at /."""
    import uvicorn

    from ..serve.app import create_app
    from ..serve.protocol import UVICORN_OPTIONS
    from ..serve.settings import ServeSettings
    from ..serve.state import ServerState

    if token is not None and len(token) < 8:
        raise BadInput.at("--token", "use a token of at least 8 characters")
    settings = ServeSettings(
        host=host,
        port=port,
        token=token,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        cors=cors,
        service_allow=service_allow,
        query_memory=query_memory,
        max_result_bytes=max_result_bytes,
        sparql_workers=workers,
        json_workers=json_workers,
    )
    with open_store(ctx) as store:
        state = ServerState(store=store, settings=settings)
        # uvicorn shuts down gracefully on SIGINT/SIGTERM, then raises the signal again for the handler
        # that was there before it: ours ends the command normally, so the store is closed and saved.
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _stop)
        try:
            click.echo(f"serving {store.folder} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
            uvicorn.run(create_app(state), host=host, port=port, **UVICORN_OPTIONS)
        finally:
            state.close()


def _stop(signum: int, frame: FrameType | None) -> None:
    """End `serve` normally (closing the store) when a stop signal arrives after uvicorn's shutdown."""
    sys.exit(0)
