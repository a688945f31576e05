"""`candidates`: pairs of entities identity resolution would not merge alone, with the evidence;
`merge` and `split`: a person's decision about two of them, recorded as a source of its own."""

from __future__ import annotations

import click

from ..candidates import store_candidates
from ..curation import decide
from ..ingest.curation import Verdict
from ..model import CanonTier
from .main import COMMANDS, READ_FORMAT, cli, emit_json
from .store import open_store, read_only


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


def _decision_command(verdict: Verdict) -> click.Command:
    """`merge` or `split`: one command per verdict, the same options."""
    verb = "merge" if verdict == "same_as" else "split"

    @click.argument("a")
    @click.argument("b")
    @click.option("--type", "kind", default=None, help="Entity type of both names, when a name is ambiguous.")
    @click.option("--note", default=None, help="Why: kept with the decision and quoted as its evidence.")
    @click.option("--by", default=None, help="Who decides (default: $UG_USER, else the login name).")
    @click.option(
        "--tier",
        type=click.Choice([t.value for t in CanonTier]),
        default=CanonTier.FAN.value,
        show_default=True,
        help="Canon tier of the decision's source.",
    )
    @READ_FORMAT
    @click.pass_context
    def command(
        ctx: click.Context,
        a: str,
        b: str,
        kind: str | None,
        note: str | None,
        by: str | None,
        tier: str,
        fmt: str,
    ) -> None:
        with open_store(ctx) as store:
            report = decide(store, verdict, a, b, by=by, note=note, kind=kind, tier=CanonTier(tier))
            for line in report.warnings:
                click.echo(f"warning: {line}", err=True)
        if fmt == "json":
            emit_json(report.model_dump(mode="json"))
            return
        x, y = report.entities
        said = "one entity" if verdict == "same_as" else "two entities"
        click.echo(f"decided: {x.name} <{x.iri}> and {y.name} <{y.iri}> are {said}")
        click.echo(f"  source {report.source} ({report.tier}), by {report.by} at {report.at}: {report.file}")
        for line in [*report.merged, *report.kept_apart]:
            click.echo(f"  {line}")
        click.echo(f"  undo with: universe-graph retract {report.source}")

    command.__doc__ = COMMANDS[verb][1]
    return cli.command(verb)(command)


merge = _decision_command("same_as")
split = _decision_command("different_from")
