"""Questions over the store: path, profile, works, timeline, named queries (`query`, `queries`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..errors import BadInput
from ..model import CanonTier
from ..query import find_entity, named_queries, named_query, path, run_named
from ..query.evidence import EvidenceRef
from ..query.franchise import works
from ..query.names import TYPES
from ..query.profile import Profile, ProfileFact, profile
from ..query.timeline import Timeline, TimelineEvent, timeline
from ..stores.sync import UniverseStore
from .main import cli, emit_json
from .store import app_of

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
CANON = click.option(
    "--canon",
    type=click.Choice([t.value for t in CanonTier]),
    default=None,
    help="Use only facts backed by a source of this tier or stronger (canon > official > review > fan).",
)
AS_OF = click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="WORK",
    help="Spoiler-safe: only what works released up to WORK reveal.",
)


@contextmanager
def opened(ctx: click.Context, *, projection: bool = False) -> Iterator[UniverseStore]:
    """The store, read-only (canonical only) unless the Cypher projection is needed; with `--state`
    honoured (a SPARQL server's projection lives in its state folder)."""
    with app_of(ctx).reader(projection=projection) as store:
        yield store


def _tier(canon: str | None) -> CanonTier | None:
    return CanonTier(canon) if canon else None


def _ev(evidence: list[EvidenceRef], indent: str = "      ") -> None:
    for line in _ev_lines(evidence, indent):
        click.echo(line)


def _ev_lines(evidence: list[EvidenceRef], indent: str = "      ") -> list[str]:
    """One line per piece of evidence (source, tier, locator, quote), none repeated."""
    lines = []
    for e in evidence:
        quote = f' "{e.quote}"' if e.quote else ""
        lines.append(f"{indent}source {e.source} ({e.tier}), {e.locator}{quote}")
    return list(dict.fromkeys(lines))


@cli.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", default=6, show_default=True, type=click.IntRange(1, 20))
@click.option("--all", "all_paths", is_flag=True, help="All shortest paths, not just one.")
@click.option("--type", "type_both", default=None, help="Entity type of both names (e.g. Character).")
@click.option("--type-a", default=None, help="Entity type of A.")
@click.option("--type-b", default=None, help="Entity type of B.")
@CANON
@AS_OF
@FORMAT
@click.pass_context
def path_command(
    ctx: click.Context,
    a: str,
    b: str,
    max_hops: int,
    all_paths: bool,
    type_both: str | None,
    type_a: str | None,
    type_b: str | None,
    canon: str | None,
    as_of: str | None,
    fmt: str,
) -> None:
    """The shortest connections between A and B, each hop with its relation, direction and evidence."""
    with opened(ctx) as store:
        result = path(
            store,
            a,
            b,
            max_hops=max_hops,
            all_paths=all_paths,
            type_a=type_a or type_both,
            type_b=type_b or type_both,
            canon=_tier(canon),
            as_of=as_of,
        )
    if fmt == "json":
        emit_json(result.model_dump(mode="json"))
        return
    count = len(result.paths)
    plural = "s" if count > 1 else ""
    click.echo(f"{result.source} -> {result.target}: {result.hops} hop(s), {count} path{plural}")
    for i, hops in enumerate(result.paths, 1):
        if count > 1:
            click.echo(f"path {i}:")
        for hop in hops:
            x, y = (
                (hop.subject_name, hop.object_name)
                if hop.direction == "forward"
                else (hop.object_name, hop.subject_name)
            )
            also = f" (also: {', '.join(hop.also)})" if hop.also else ""
            click.echo(f"  {x} --{hop.label}--> {y}{also}")
            _ev(hop.evidence)
    if result.truncated:
        click.echo("(more shortest paths exist; showing the first ones)")


@cli.command("profile")
@click.argument("name")
@click.option("--type", "type_", default=None, help="Entity type, when the name is ambiguous.")
@CANON
@AS_OF
@FORMAT
@click.pass_context
def profile_command(
    ctx: click.Context, name: str, type_: str | None, canon: str | None, as_of: str | None, fmt: str
) -> None:
    """Everything about one entity: type, aliases, relations by section, appearances, with sources."""
    with opened(ctx) as store:
        result = profile(store, name, type=type_, canon=_tier(canon), as_of=as_of)
    if fmt == "json":
        emit_json(result.model_dump(mode="json"))
        return
    entity = result.entity
    click.echo(f"{entity.name} ({entity.type})  <{entity.iri}>")
    if entity.aliases:
        click.echo(f"  also known as: {', '.join(entity.aliases)}")
    for line in profile_lines(result):
        click.echo(line)
    if result.appearances:
        click.echo("Appearances:")
        for app in result.appearances:
            first = "  (first appearance)" if app.first else ""
            year = f" ({app.year})" if app.year else ""
            click.echo(f"  {app.title}{year}{first}  [{', '.join(app.sources)}]")
    if result.hidden:
        click.echo(f"({result.hidden} fact(s) hidden: revealed after the --as-of work)")


@cli.command("works")
@click.argument("universe", required=False)
@CANON
@FORMAT
@click.pass_context
def works_command(ctx: click.Context, universe: str | None, canon: str | None, fmt: str) -> None:
    """The franchise in release order and in in-universe chronology, with sequels and spin-offs."""
    with opened(ctx) as store:
        result = works(store, universe, canon=_tier(canon))
    if fmt == "json":
        emit_json(result.model_dump(mode="json"))
        return
    click.echo(f"{result.universe.name}")
    click.echo("Release order:")
    for e in result.release_order:
        click.echo(f"  {e.release_position}. {e.title} ({e.year or '?'}, {e.kind})")
    click.echo("In-universe chronology:")
    for e in result.chronology:
        pos = f"{e.chronology_position}." if e.chronology_position else "?"
        click.echo(f"  {pos} {e.title}")
    if result.spin_offs:
        click.echo("Spin-offs:")
        for link in result.spin_offs:
            click.echo(f"  {link.title} is a spin-off of {link.other_title}  [{', '.join(link.sources)}]")
    if result.sequels:
        click.echo("Follows (release sequence):")
        for link in result.sequels:
            click.echo(f"  {link.title} follows {link.other_title}")


@cli.command("timeline")
@click.argument("work")
@CANON
@AS_OF
@FORMAT
@click.pass_context
def timeline_command(ctx: click.Context, work: str, canon: str | None, as_of: str | None, fmt: str) -> None:
    """A work's plot in order, grouped by act, with places, participants and evidence."""
    with opened(ctx) as store:
        result = timeline(store, work, canon=_tier(canon), as_of=as_of)
    if fmt == "json":
        emit_json(result.model_dump(mode="json"))
        return
    click.echo(f"{result.work.name} ({result.work.type})")
    for line in timeline_lines(result):
        click.echo(line)
    if result.hidden:
        click.echo(f"({result.hidden} event(s) hidden: this work comes out after the --as-of work)")


def profile_lines(result: Profile) -> list[str]:
    """The sections as text: each fact once (the works it holds in listed together), with its tier,
    then every quote and locator that backs it, none repeated."""
    out = []
    for section in result.sections:
        out.append(f"{section.heading}:")
        groups: dict[tuple[str, str, bool], list[ProfileFact]] = {}
        for fact in section.facts:
            what = (fact.other_name or fact.other or "") if fact.other else str(fact.value)
            untied = not fact.revealed_in and result.as_of is not None
            groups.setdefault((fact.label, what, untied), []).append(fact)
        for (label, what, untied), facts in groups.items():
            titles = list(dict.fromkeys(f.work_title for f in facts if f.work_title))
            where = f" (in {', '.join(titles)})" if titles else ""
            tier = CanonTier.strongest(f.tier for f in facts)
            mark = " [tied to no work]" if untied else ""
            out.append(f"  {label} {what}{where}{mark}  [{tier.value if tier else '?'}]")
            out += _ev_lines([e for f in facts for e in f.evidence])
    return out


def timeline_lines(result: Timeline) -> list[str]:
    """The acts and their events as text: each event's short label, kind and act, marked when only a
    review tells it (and which curated event it retells), then who takes part and the evidence."""
    out = []
    for act in result.acts:
        out.append(f"Act {act.act}:" if act.act is not None else "Act unknown:")
        for e in act.events:
            out.append(f"  {e.order}. {e.short or e.label}  [{event_tags(e)}]")
            if e.participants:
                out.append("      " + ", ".join(f"{p.name} ({p.role})" for p in e.participants))
            out += _ev_lines(e.evidence)
    return out


def event_tags(e: TimelineEvent) -> str:
    """ "killing; act 3; review, retells 7": what an event is, where, and who tells it."""
    tags = [e.kind, f"act {e.act}" if e.act is not None else "act unknown"]
    if e.time:
        tags.append(e.time)
    if e.framing != "present":
        tags.append(e.framing)
    if e.from_review:
        tags.append(f"review, retells {e.retells}" if e.retells is not None else "review only")
    return "; ".join(tags)


@cli.command("queries")
@FORMAT
def queries_command(fmt: str) -> None:
    """List the named queries with their parameters and result columns."""
    items = named_queries()
    if fmt == "json":
        emit_json([q.model_dump(exclude={"sparql", "cypher"}) for q in items])
        return
    for q in items:
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in q.params)
        click.echo(
            f"{q.name} {params}\n    {q.description}\n    returns: {', '.join(c.name for c in q.columns)}"
        )


@cli.command("query")
@click.argument("name")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE", help="A parameter (an IRI or a name).")
@click.option("--engine", type=click.Choice(["sparql", "cypher"]), default="sparql", show_default=True)
@CANON
@FORMAT
@click.pass_context
def query_command(
    ctx: click.Context, name: str, params: tuple[str, ...], engine: str, canon: str | None, fmt: str
) -> None:
    """Run a named query (see `queries`); IRI parameters also take names, resolved like `profile`."""
    query = named_query(name)
    kinds = {p.name: p.type for p in query.params}
    raw: dict[str, str] = {}
    for pair in params:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise BadInput.at("--param", f"expected KEY=VALUE, got {pair!r}")
        raw[key] = value
    with opened(ctx, projection=engine == "cypher") as store:
        bound: dict[str, object] = {}
        for key, value in raw.items():
            if kinds.get(key) == "iri" and "://" not in value:
                bound[key] = _resolve(store, key, value)
            else:
                bound[key] = value
        result = run_named(
            store, name, bound, engine="cypher" if engine == "cypher" else "sparql", canon=_tier(canon)
        )
    if fmt == "json":
        emit_json(result.model_dump(mode="json"))
        return
    _table(result.columns, result.rows)


def _resolve(store: UniverseStore, key: str, name: str) -> str:
    """A name given for an IRI parameter: a parameter named after a type takes that type."""
    kind = key.capitalize()
    if kind in TYPES:
        return find_entity(store, name, type=kind).iri
    return find_entity(store, name, want=("Character",)).iri


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _table(columns: list[str], rows: list[dict[str, object]]) -> None:
    cells = [[_cell(r[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
