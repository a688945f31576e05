"""Commands over sources without a store: `validate` and `convert`."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_ERROR, BadInput
from ..ingest import SourceOptions, load_paths
from ..resolve import resolve_all
from ..serialize import FORMATS, render
from ..validate import ValidationReport, validate_paths
from .main import FILTER, ON_ERROR, cli, emit_json, out

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False))
INPUT_FORMAT = click.option(
    "--from",
    "kind",
    default=None,
    metavar="KIND",
    help="Force the input format instead of detecting it by content.",
)


@cli.command()
@PATHS
@INPUT_FORMAT
@ON_ERROR
@FILTER
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL shapes (models and references only).")
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[Path, ...],
    kind: str | None,
    on_error: str,
    selection: str | None,
    fmt: str,
    no_shacl: bool,
) -> None:
    """Check universe files and other sources against the models and the SHACL shapes.

    With --format json, problems (even unreadable files) come as JSON on standard output.
    """
    try:
        options = SourceOptions(on_error="skip" if on_error == "skip" else "fail", filter=selection)
        report = validate_paths(paths, shacl=not no_shacl, kind=kind, options=options)
    except BadInput as e:
        if fmt != "json":
            raise
        report = ValidationReport.failed(e)
    if fmt == "json":
        emit_json(report.model_dump())
    else:
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        for problem in report.problems:
            click.echo(f"error: {problem}", err=True)
        for s in report.sources:
            click.echo(
                f"{s['location']}: {s['kind']} source {s['id']!r} ({s['tier']}): "
                f"{s['entities']} entities, {s['relations']} relations, {s['events']} events"
            )
        click.echo("ok" if report.ok else f"{len(report.problems)} problem(s)")
    if not report.ok:
        ctx.exit(EXIT_ERROR)


@cli.command()
@PATHS
@INPUT_FORMAT
@ON_ERROR
@FILTER
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json is the export contract (ontology/export.schema.json); the rest are RDF.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write to this file instead of standard output.",
)
@click.option("--about", default=None, metavar="WORK", help="The work a review is about: entity id or title.")
def convert(
    paths: tuple[Path, ...],
    kind: str | None,
    on_error: str,
    selection: str | None,
    fmt: str,
    output: Path | None,
    about: str | None,
) -> None:
    """Turn sources into the export shape (or RDF) without a store; identities resolved across them."""
    is_iri = about is not None and ":" in about and "/" in about
    options = SourceOptions(
        on_error="skip" if on_error == "skip" else "fail",
        filter=selection,
        about=about if is_iri else None,
        about_title=None if is_iri else about,
    )
    loaded = load_paths(paths, kind=kind, options=options)
    claimsets, reports = resolve_all(loaded.claimsets)
    for warning in [*loaded.warnings, *reports]:
        click.echo(f"warning: {warning}", err=True)
    text = render(claimsets, fmt)
    out(text, output)
