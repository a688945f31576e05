"""`universe-graph eval`: extract a text in memory and score it against a gold annotation."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import BadInput
from ..export import merge, to_json_data
from ..extract.score import Score, score
from ..ingest import SourceOptions, load_paths
from ..ingest.text import read_text
from .main import cli, emit_json


def about_options(about: str | None) -> SourceOptions:
    """`--about`: an entity id (has a colon) or the work's title."""
    if about is None:
        return SourceOptions()
    if ":" in about and "/" in about:
        return SourceOptions(about=about)
    return SourceOptions(about_title=about)


@cli.command("eval")
@click.argument("text", type=click.Path(path_type=Path))
@click.option("--gold", "gold_path", required=True, type=click.Path(path_type=Path), help="Gold JSON file.")
@click.option(
    "--about", default=None, metavar="WORK", help="The work the text is about (title or entity id)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_command(text: Path, gold_path: Path, about: str | None, fmt: str) -> None:
    """Extract TEXT as a review (in memory) and score it per the gold file's scoring rules."""
    gold_text = read_text(gold_path).text
    try:
        gold = json.loads(gold_text)
    except json.JSONDecodeError as e:
        raise BadInput.at(str(gold_path), f"not JSON: {e.msg}", line=e.lineno) from e
    if not isinstance(gold, dict) or "entities" not in gold or "relations" not in gold:
        raise BadInput.at(str(gold_path), "a gold file needs 'entities' and 'relations'")
    loaded = load_paths([text], kind="review", options=about_options(about))
    export = to_json_data(merge(loaded.claimsets))
    result = score(export, gold, read_text(text).text)
    if fmt == "json":
        emit_json(result.model_dump())
    else:
        click.echo(render(result))


def render(s: Score) -> str:
    """The score as a few readable lines."""
    e, r = s.entities, s.relations
    tau = "n/a" if s.event_tau is None else f"{s.event_tau:.3f}"
    lines = [
        f"entities   P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}  "
        f"({e.true_positives}/{e.gold} gold found, "
        f"{e.predicted} predicted)",
        f"relations  P {r.precision:.3f}  R {r.recall:.3f}  F1 {r.f1:.3f}  "
        f"({r.true_positives}/{r.gold} gold found, "
        f"{r.predicted} scored, {s.unscored_relations} not scored)",
        f"not-in-universe errors: {len(s.not_in_universe_errors)}"
        + (f" ({', '.join(s.not_in_universe_errors)})" if s.not_in_universe_errors else ""),
        f"events     {s.events_found}/{s.events_gold} found, Kendall tau {tau}"
        + (f", framing {s.framing_correct}/{s.framing_scored} right" if s.framing_scored else ""),
        f"quotes     {s.quotes_exact}/{s.quotes_total} exact",
    ]
    for label, items in (
        ("missed entities", s.missed_entities),
        ("false entities", s.false_entities),
        ("missed relations", s.missed_relations),
        ("false relations", s.false_relations),
    ):
        if items:
            lines.append(f"{label}: {'; '.join(items)}")
    return "\n".join(lines)
