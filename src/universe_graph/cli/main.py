"""The root command: global options, and the one place errors become messages and exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import EXIT_ERROR, UniverseGraphError

MAX_ERROR_LINES = 40


class StoreLocation(click.ParamType[Any, "Path | str"]):
    """A store folder (a Path), or the http(s) URL of a SPARQL server (kept as text)."""

    name = "DIR|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if isinstance(value, Path):
            return value
        text = str(value)
        if text.startswith(("http://", "https://")):
            return text
        if "://" in text:
            self.fail(f"{text!r}: a store is a folder or an http(s) URL", param, ctx)
        path = Path(text)
        if path.exists() and not path.is_dir():
            self.fail(f"{text!r} is a file, not a store folder", param, ctx)
        return path


class Root(click.Group):
    """A group that turns our errors into `error: ...` lines and their exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UniverseGraphError as e:
            if (ctx.obj or {}).get("debug"):
                raise
            lines = e.lines()
            for line in lines[:MAX_ERROR_LINES]:
                click.echo(f"error: {line}", err=True)
            if len(lines) > MAX_ERROR_LINES:
                click.echo(f"error: ... and {len(lines) - MAX_ERROR_LINES} more", err=True)
            ctx.exit(e.exit_code)
        except OSError as e:  # disk full, permission denied while writing output...
            if (ctx.obj or {}).get("debug"):
                raise
            click.echo(f"error: {e.filename or ''}: {e.strerror or e}", err=True)
            ctx.exit(EXIT_ERROR)


@click.group(cls=Root, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option(
    "--store",
    type=StoreLocation(),
    envvar="UG_STORE",
    default=".universe-graph",
    show_default=True,
    help="The store folder, or the http(s) URL of a SPARQL 1.1 server as the canonical store (env UG_STORE).",
)
@click.option(
    "--state",
    type=click.Path(path_type=Path, file_okay=False),
    envvar="UG_STATE",
    default=None,
    help="With a SPARQL server as --store: the local folder for the lock and the projection "
    "(env UG_STATE; default .universe-graph/remote/HOST-PORT-HASH).",
)
@click.version_option(__version__, prog_name="universe-graph")
@click.pass_context
def cli(ctx: click.Context, debug: bool, store: Path | str, state: Path | None) -> None:
    """A knowledge graph of film universes, with the evidence behind every fact.

    Exit codes: 0 success; 1 bad input or a runtime error; 2 usage; 3 `check` found problems.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["store"] = store
    ctx.obj["state"] = state


ON_ERROR = click.option(
    "--on-error",
    type=click.Choice(["fail", "skip"]),
    default="fail",
    show_default=True,
    help="A bad row or record: fail (nothing is read from that file) or skip it and count it.",
)
FILTER = click.option(
    "--filter",
    "selection",
    default=None,
    metavar="EXPR",
    help="Take part of a large source, e.g. IMDb title ids 'tt2911666,tt4425200' or 'title:REGEX'.",
)


def out(text: str, output: Path | None) -> None:
    """Write to a file atomically (temp file, then rename), or to standard output."""
    if output is None:
        click.echo(text, nl=False)
        return
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="universe-graph", windows_expand_args=False)
    sys.exit(0)  # pragma: no cover - click exits itself
