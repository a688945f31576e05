"""Commands over the store folder: ingest, export, sparql, cypher, stats, retract, reproject."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import progress
from ..app import App
from ..errors import EXIT_ERROR, BadInput, StoreBusy
from ..export import merge, to_json_data
from ..model import CanonTier
from ..serialize import FORMATS, render
from ..stores.base import CanonicalStore
from .main import FILTER, ON_ERROR, READ_FORMAT, cli, emit_json, out, table

if TYPE_CHECKING:  # imported where used: reading sources pulls spaCy, the projection FalkorDB
    from ..stores.sync import UniverseStore

#: where Cypher goes while `serve` holds the store (the Neo4j Query API shape, port as `serve` defaults)
CYPHER_WHILE_SERVING = (
    "if it is `universe-graph serve`, send the query to its Cypher endpoint instead: "
    'POST http://127.0.0.1:8765/db/neo4j/query/v2 with {"statement": "...", "parameters": {...}}'
)


def app_of(ctx: click.Context) -> App:
    """The application object of the root options `--store` and `--state` (env UG_STORE, UG_STATE):
    every command opens the store through it."""
    return App(ctx.obj["store"], ctx.obj.get("state"))


@contextmanager
def read_only(ctx: click.Context) -> Iterator[CanonicalStore]:
    """The canonical store opened read-only (no lock: fine beside a running ingest)."""
    with app_of(ctx).canonical() as store:
        yield store


def open_store(ctx: click.Context) -> UniverseStore:
    """The store for writing (or Cypher), with the local state folder of a remote one."""
    return app_of(ctx).writer()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--from", "kind", default=None, metavar="KIND", help="Force the input kind (default: by content)."
)
@click.option("--format", "old_kind", default=None, metavar="KIND", hidden=True, help="Deprecated: --from.")
@click.option(
    "--id", "source_id", default=None, help="Source id (one file only; default: from the file name)."
)
@click.option(
    "--tier", type=click.Choice([t.value for t in CanonTier]), default=None, help="Canon tier of the sources."
)
@click.option("--all-or-nothing", is_flag=True, help="Store nothing if any source is bad (or clashes).")
@click.option(
    "--replace",
    "replace_others",
    is_flag=True,
    help="Let a source replace a stored source of another kind or location under the same id.",
)
@click.option(
    "--about", default=None, metavar="WORK", help="The work a review is about: entity id, work key or title."
)
@ON_ERROR
@FILTER
@click.option("--report", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    kind: str | None,
    old_kind: str | None,
    source_id: str | None,
    tier: str | None,
    all_or_nothing: bool,
    replace_others: bool,
    about: str | None,
    on_error: str,
    selection: str | None,
    report: str,
) -> None:
    """Read sources and store them (each atomically); bad ones are reported and change nothing."""
    from ..app import IngestOptions
    from ..ingest.base import parse_kind

    typed = "--from"
    if old_kind is not None:  # --format means the output format everywhere else
        if kind is not None:
            raise click.UsageError("give the input kind once: --from (--format is its deprecated name)")
        click.echo(
            "warning: --format on ingest is deprecated, use --from for the input kind "
            "(for a JSON report, --report json)",
            err=True,
        )
        kind, typed = old_kind, "--format"
    if kind is not None:
        parse_kind(kind, where=typed)  # an unknown kind is named with the option the user typed
    options = IngestOptions(
        kind=kind,
        source_id=source_id,
        tier=CanonTier(tier) if tier else None,
        about=about,
        all_or_nothing=all_or_nothing,
        replace_others=replace_others,
        on_error=on_error,
        selection=selection,
    )
    with ExitStack() as stack:
        bars: list[Callable[[int], None]] = []

        def stored(_: str, claims: int, total: int) -> None:
            # by claims, so one long source (MetaQA's kb.txt) shows a bar too; it moves per source stored
            if not bars:
                bars.append(stack.enter_context(progress.bar(total, "storing")).update)
            bars[0](claims)

        done = app_of(ctx).ingest(paths, options, progress=stored)
    for warning in done.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report == "json":
        emit_json(
            {
                "changes": [c.__dict__ for c in done.changes],
                "errors": [str(p) for e in done.errors for p in e.problems],
                "resolution": done.resolution.model_dump() if done.resolution else None,
            }
        )
    else:
        for change in done.changes:
            click.echo(
                f"{change.outcome:10} {change.source}: {change.entities} entities, "
                f"{change.relations} relations, {change.events} events"
            )
    if done.errors:
        for error in done.errors:
            for line in error.lines():
                click.echo(f"error: {line}", err=True)
        ctx.exit(EXIT_ERROR)


@cli.command()
@click.option("--format", "fmt", type=click.Choice([*FORMATS, "graphml"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None)
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Export the stored graph: json (the contract), RDF formats, or GraphML."""
    with read_only(ctx) as store:
        claimsets = store.claimsets()
    if fmt == "graphml":
        out(_graphml(claimsets), output)
    else:
        out(render(claimsets, fmt), output)


def _graphml(claimsets: list[Any]) -> str:
    import networkx as nx

    data = to_json_data(merge(claimsets))
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for e in data["entities"]:
        graph.add_node(e["id"], name=e["name"], type=e["type"], in_universe=e["in_universe"])
    for r in data["relations"]:
        if r["object"] in graph:
            sources = ",".join(sorted({ev["source"] for ev in r["evidence"]}))
            graph.add_edge(r["subject"], r["object"], predicate=r["predicate"], sources=sources)
    return "\n".join(nx.generate_graphml(graph)) + "\n"


@cli.command()
@click.argument("query")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "csv", "tsv", "xml"]),
    default="text",
    show_default=True,
)
@click.pass_context
def sparql(ctx: click.Context, query: str, fmt: str) -> None:
    """Run a read-only SPARQL query over the canonical graph (SPARQL Update is refused)."""
    import pyoxigraph as ox

    with read_only(ctx) as store:
        result = store.query(query)
        if isinstance(result, ox.QueryBoolean):
            click.echo(
                json.dumps({"head": {}, "boolean": bool(result)})
                if fmt == "json"
                else str(bool(result)).lower()
            )
        elif isinstance(result, ox.QuerySolutions):
            if fmt == "text":
                variables = [v.value for v in result.variables]
                rows = [[_term_text(solution[v]) for v in variables] for solution in result]
                table(variables, rows)
            else:
                formats = {
                    "json": ox.QueryResultsFormat.JSON,
                    "csv": ox.QueryResultsFormat.CSV,
                    "tsv": ox.QueryResultsFormat.TSV,
                    "xml": ox.QueryResultsFormat.XML,
                }
                data = result.serialize(format=formats[fmt])
                assert data is not None
                click.echo(data.decode("utf-8"), nl=False)
        else:
            for triple in result:
                click.echo(f"{triple.subject} {triple.predicate} {triple.object} .")


def _term_text(term: object) -> str:
    if term is None:
        return ""
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


@cli.command()
@click.argument("query")
@click.option(
    "--param", "params", multiple=True, metavar="KEY=VALUE", help="A bound parameter ($KEY in the query)."
)
@READ_FORMAT
@click.pass_context
def cypher(ctx: click.Context, query: str, params: tuple[str, ...], fmt: str) -> None:
    """Run a read-only Cypher query over the projection (write clauses are refused)."""
    bound = _params(params)
    try:
        with open_store(ctx) as store:
            assert store.projection is not None
            columns, rows = store.projection.query(query, bound)
    except StoreBusy as e:  # most often `serve` holds it: its endpoint answers Cypher meanwhile
        raise StoreBusy(e.location, e.pid, hint=CYPHER_WHILE_SERVING) from e
    if fmt == "json":
        emit_json({"fields": columns, "values": [[_jsonable(v) for v in row] for row in rows]})
    else:
        table(columns, [[_jsonable(v) for v in row] for row in rows])


def _params(pairs: tuple[str, ...]) -> dict[str, Any]:
    bound: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.isidentifier():
            raise BadInput.at("--param", f"expected KEY=VALUE with KEY a name, got {pair!r}")
        try:
            bound[key] = json.loads(value)
        except json.JSONDecodeError:
            bound[key] = value
    return bound


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    properties = getattr(value, "properties", None)
    if isinstance(properties, dict):
        return {k: _jsonable(v) for k, v in properties.items() if not k.startswith("_")}
    return str(value)


@cli.command()
@READ_FORMAT
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts: sources, entities by type, relations by predicate, events."""
    with read_only(ctx) as store:
        export = merge(store.claimsets())
    data = {
        "sources": len(export.sources),
        "entities": dict(sorted(Counter(e.type.value for e in export.entities).items())),
        "relations": dict(sorted(Counter(r.predicate for r in export.relations).items())),
        "events": len(export.events),
    }
    if fmt == "json":
        emit_json(data)
        return
    click.echo(f"sources: {data['sources']}")
    click.echo(f"events: {data['events']}")
    for section in ("entities", "relations"):
        counts: dict[str, int] = data[section]  # type: ignore[assignment]
        click.echo(f"{section}: {sum(counts.values())}")
        for name, count in counts.items():
            click.echo(f"  {name}: {count}")


@cli.command()
@click.argument("source")
@click.pass_context
def retract(ctx: click.Context, source: str) -> None:
    """Remove what one source claimed; facts other sources also claim stay."""
    from ..app import retract as retract_source

    with open_store(ctx) as store:
        retract_source(store, source)
        for report_line in store.reports:
            click.echo(f"warning: {report_line}", err=True)
    click.echo(f"retracted {source}")


@cli.command()
@click.pass_context
def reproject(ctx: click.Context) -> None:
    """Rebuild the Cypher projection from the canonical graph."""
    with open_store(ctx) as store:
        count = store.reproject()
    click.echo(f"reprojected {count} source{'s' if count != 1 else ''}")
