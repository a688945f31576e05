"""The root command: global options, and the one place errors become messages and exit codes."""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import EXIT_ERROR, UniverseGraphError

MAX_ERROR_LINES = 40
#: the exit code of a writer whose reader closed the pipe: 128 + SIGPIPE, what a shell reports
EXIT_BROKEN_PIPE = 128 + 13


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the flush at exit does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, io.UnsupportedOperation):  # no real file descriptor (a test runner)
        pass


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


# Each command's module (under universe_graph.cli) and the first paragraph of its help. The root
# imports a command's module only when that command runs, so `--help` starts without spaCy, FastAPI
# or FalkorDB; tests/test_startup.py checks this table against the commands themselves.
COMMANDS: dict[str, tuple[str, str]] = {
    "ask": (
        "ask",
        "Answer a question in English: the answer in a sentence, then the evidence for each answer.",
    ),
    "candidates": (
        "identity",
        "Pairs that may be one entity but are not merged (near names, same type, shared context), "
        "with the evidence for and against; ambiguities first.",
    ),
    "check": (
        "check",
        "Check continuity: dead then alive, one body in two places, sources that disagree, "
        "relationships that turn without cause, broken order, and the SHACL shapes; every finding "
        "cites its evidence.",
    ),
    "convert": (
        "sources",
        "Turn sources into the export shape (or RDF) without a store; identities resolved across them.",
    ),
    "cypher": ("store", "Run a read-only Cypher query over the projection (write clauses are refused)."),
    "eval": ("extract", "Score the extractor on PATH: one text with --gold, or a benchmark's data."),
    "eval-qa": ("ask", "Hits@1 of `ask` on a question file (MetaQA format), overall and per question type."),
    "export": ("store", "Export the stored graph: json (the contract), RDF formats, or GraphML."),
    "ingest": (
        "store",
        "Read sources and store them (each atomically); bad ones are reported and change nothing.",
    ),
    "learn-qa": (
        "ask",
        "Learn question templates -> relation chains from training questions against the store.",
    ),
    "merge": (
        "identity",
        "Record that A and B are one entity (a source of its own, tier fan): resolution joins them, "
        "now and on every re-ingest; `retract` undoes it.",
    ),
    "path": (
        "query",
        "The shortest connections between A and B, each hop with its relation, direction and evidence.",
    ),
    "profile": (
        "query",
        "Everything about one entity: type, aliases, relations by section, appearances, with sources.",
    ),
    "push": ("push", "Project the canonical graph into another database."),
    "queries": ("query", "List the named queries with their parameters and result columns."),
    "query": (
        "query",
        "Run a named query (see `queries`); IRI parameters also take names, resolved like `profile`.",
    ),
    "reproject": ("store", "Rebuild the Cypher projection from the canonical graph."),
    "retract": ("store", "Remove what one source claimed; facts other sources also claim stay."),
    "serve": ("serve", "Serve /sparql, /db/{name}/query/v2 (Cypher), the JSON API and the explorer at /."),
    "split": (
        "identity",
        "Record that A and B are two entities (a source of its own, tier fan): resolution never "
        "merges them; `retract` undoes it.",
    ),
    "sources": ("listing", "The stored sources: id, kind, tier, what they are about, where they came from."),
    "sparql": ("store", "Run a read-only SPARQL query over the canonical graph (SPARQL Update is refused)."),
    "stats": ("store", "Counts: sources, entities by type, relations by predicate, events."),
    "timeline": ("query", "A work's plot in order, grouped by act, with places, participants and evidence."),
    "validate": (
        "sources",
        "Check universe files and other sources against the models and the SHACL shapes.",
    ),
    "works": (
        "query",
        "The franchise in release order and in in-universe chronology, with sequels and spin-offs.",
    ),
}


class Root(click.Group):
    """A group that loads each command's module on first use, and turns our errors into
    `error: ...` lines and their exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            known = COMMANDS.get(cmd_name)  # every command is in the table (tests/test_startup.py)
            if known is not None:
                importlib.import_module(f"{__package__}.{known[0]}")
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the table, without importing the commands' modules."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            if name in COMMANDS:
                placeholder = click.Command(name, help=COMMANDS[name][1])  # shortened as click does
                rows.append((name, placeholder.get_short_help_str(limit)))
            elif (cmd := self.commands.get(name)) is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
            _quiet_stdout()
            ctx.exit(EXIT_BROKEN_PIPE)
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
READ_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
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


def table(columns: list[str], rows: list[list[Any]]) -> None:
    """Rows as aligned text columns on standard output; their count on standard error."""
    text = [[str(c) for c in row] for row in rows]
    widths = [max([len(col), *(len(r[i]) for r in text)]) for i, col in enumerate(columns)]
    click.echo("  ".join(col.ljust(w) for col, w in zip(columns, widths, strict=True)).rstrip())
    for row in text:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="universe-graph", windows_expand_args=False)
    sys.exit(0)  # pragma: no cover - click exits itself
