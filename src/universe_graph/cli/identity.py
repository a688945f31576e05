"""`candidates`: pairs of entities identity resolution would not merge alone, with the evidence."""

from __future__ import annotations

import click

from ..candidates import store_candidates
from .main import cli, emit_json
from .store import READ_FORMAT, read_only


@cli.command()
@click.option("--type", "kind", default=None, help="Only this entity type (Film, Character, Work, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@READ_FORMAT
@click.pass_context
def candidates(ctx: click.Context, kind: str | None, limit: int, fmt: str) -> None:
    """Pairs that may be one entity but are not merged (near names, same type, shared context),
    with the evidence for and against; ambiguities first."""
    with read_only(ctx) as store:
        found = store_candidates(store, kind, limit)
    if fmt == "json":
        emit_json([c.model_dump(mode="json") for c in found])
        return
    if not found:
        click.echo("no merge candidates")
    for c in found:
        click.echo(f"{c.names[0]} <{c.entities[0]}>  ~  {c.names[1]} <{c.entities[1]}>  ({c.type})")
        click.echo(f"  listed: {c.listed}")
        for line in c.evidence_for:
            click.echo(f"  for: {line}")
        for line in c.evidence_against:
            click.echo(f"  against: {line}")
