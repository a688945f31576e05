"""`universe-graph push neo4j`: project the canonical graph into a Neo4j database over Bolt."""

from __future__ import annotations

from pathlib import Path

import click

from ..stores.config import StoreConfig, load_config, save_config
from ..stores.neo4j import Neo4jProjection, Neo4jSettings
from .main import cli, emit_json
from .store import app_of, read_only


@cli.group()
def push() -> None:
    """Project the canonical graph into another database."""


def _state(ctx: click.Context) -> Path:
    """The local folder that holds the store's config (the store folder, or a remote store's state)."""
    return app_of(ctx).folder


@push.command("neo4j")
@click.option("--uri", default=None, help="Bolt URI, e.g. bolt://localhost:7687 (env NEO4J_URI).")
@click.option("--user", default=None, help="User name (env NEO4J_USER; none: no authentication).")
@click.option(
    "--password", default=None, help="Password (env NEO4J_PASSWORD, preferred: options show in ps)."
)
@click.option("--database", default=None, help="Database name (env NEO4J_DATABASE; default: the server's).")
@click.option(
    "--follow/--no-follow",
    default=None,
    help="Keep this database in sync on every ingest and retract (saved in the store's config.json; "
    "the password is read from NEO4J_PASSWORD then), or stop doing so.",
)
@click.option("--rebuild", is_flag=True, help="Delete what an earlier push wrote, then push everything.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def push_neo4j(
    ctx: click.Context,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
    follow: bool | None,
    rebuild: bool,
    fmt: str,
) -> None:
    """Push the canonical graph into Neo4j: only the sources that changed since the last push.

    Nodes carry their entity class and `Node` (with a uniqueness constraint on `iri`),
    relationships their predicate, as in the embedded projection; each source goes in one
    transaction. A second push with nothing new writes nothing.
    """
    folder = _state(ctx)
    config = load_config(folder)
    settings = (
        config.neo4j
        if (uri is None and config.neo4j is not None)
        else Neo4jSettings.from_env(uri, user, database)
    )
    with read_only(ctx) as canonical, Neo4jProjection(settings, password) as target:
        report = target.rebuild(canonical) if rebuild else target.push(canonical)
    if follow is not None:
        save_config(
            folder, StoreConfig.model_validate({**config.model_dump(), "neo4j": settings if follow else None})
        )
    if fmt == "json":
        emit_json(report.model_dump(mode="json"))
        return
    click.echo(
        f"pushed to {report.target}: {len(report.projected)} source(s) projected, "
        f"{len(report.removed)} removed, {report.current} already current"
    )
    counts = report.counts
    click.echo(
        f"  nodes +{counts.nodes_created} -{counts.nodes_deleted}, relationships "
        f"+{counts.relationships_created} -{counts.relationships_deleted}, "
        f"properties set {counts.properties_set}"
    )
    if follow is not None:
        click.echo(f"  {'following' if follow else 'no longer following'}: saved in {folder / 'config.json'}")
