"""`universe-graph check`: continuity rules over the store (or given files), exit 3 on problems."""

from __future__ import annotations

from pathlib import Path

import click

from .. import progress
from ..check import registered, run_check
from ..check.render import render_text
from ..check.run import Cache
from ..errors import ProblemsFound
from ..ingest import load_paths
from ..model import CanonTier, ClaimSet
from ..resolve import resolve_all
from .main import cli, emit_json
from .store import app_of


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--work", default=None, metavar="W", help="Only findings about this work (title, key or IRI).")
@click.option(
    "--canon",
    type=click.Choice([t.value for t in CanonTier]),
    default=None,
    help="Use only facts backed by a source at this tier or stronger (canon > official > review > fan).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
    help="Exit 3 when a finding at or above this severity is found (never: always exit 0).",
)
@click.option("--rule", "rules", multiple=True, metavar="NAME", help="Run only this rule (repeatable).")
@click.option(
    "--no-shacl",
    is_flag=True,
    help="Skip the structure rule (SHACL is slow on sources of many thousand facts).",
)
@click.pass_context
def check(
    ctx: click.Context,
    paths: tuple[Path, ...],
    work: str | None,
    canon: str | None,
    fmt: str,
    fail_on: str,
    rules: tuple[str, ...],
    no_shacl: bool,
) -> None:
    """Check continuity: dead then alive, one body in two places, sources that disagree, relationships
    that turn without cause, broken order, and the SHACL shapes; every finding cites its evidence.

    Reads the store; with PATHS, checks those sources instead (identities resolved among them).
    Exit 0 when nothing at or above --fail-on is found, 3 otherwise, 1 for bad input.
    """
    chosen = list(rules) or list(registered())
    if no_shacl:
        chosen = [r for r in chosen if r != "structure"]
    claimsets, cached = (_from_paths(paths), None) if paths else _from_store(ctx)
    claims = sum(len(c.entities) + len(c.relations) + len(c.events) for c in claimsets)
    with progress.bar(len(chosen), "checking", size=claims) as bar:
        report = run_check(
            claimsets,
            canon=CanonTier(canon) if canon else None,
            work=work,
            fail_on=fail_on,
            rules=chosen,
            progress=lambda _: bar.update(1),
            cached=cached,
        )
    if fmt == "json":
        emit_json(report.model_dump(mode="json"))
    else:
        click.echo(render_text(report), nl=False)
    failing = report.failing()
    if failing:
        worst = failing[0].severity.value
        raise ProblemsFound(f"check found {len(failing)} finding(s) at or above {fail_on} (worst: {worst})")


def _from_store(ctx: click.Context) -> tuple[list[ClaimSet], Cache]:
    """Every current source's claims, from the store the root options name (a folder or a server),
    and where slow rules keep their findings for this store version (its read snapshot)."""
    from ..snapshot import snapshot

    with app_of(ctx).reader() as store:
        return store.canonical.claimsets(), snapshot(store).part


def _from_paths(paths: tuple[Path, ...]) -> list[ClaimSet]:
    loaded = load_paths(paths)
    claimsets, reports = resolve_all(loaded.claimsets)
    for warning in [*loaded.warnings, *reports]:
        click.echo(f"warning: {warning}", err=True)
    return claimsets
