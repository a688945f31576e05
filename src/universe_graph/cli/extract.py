"""`universe-graph eval`: score the extractor on one text with its gold, or on a whole benchmark."""

from __future__ import annotations

from pathlib import Path

import click

from ..evaluate import BenchOptions, run_benchmark
from ..evaluate.text import score_text
from ..extract.score import Score
from .main import cli, emit_json


@cli.command("eval")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--gold", "gold_path", default=None, type=click.Path(path_type=Path), help="Gold JSON file for one text."
)
@click.option(
    "--about", default=None, metavar="WORK", help="The work the text is about (title or entity id)."
)
@click.option(
    "--background",
    "background",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A source describing the text's work (repeatable): the extractor knows its cast and characters.",
)
@click.option(
    "--benchmark",
    default=None,
    metavar="NAME",
    help="The benchmark PATH holds (default: recognised from its shape); see the list below.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N items.")
@click.option("--no-baseline", is_flag=True, help="Skip the benchmark's baseline.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def eval_command(
    path: Path,
    gold_path: Path | None,
    about: str | None,
    background: tuple[Path, ...],
    benchmark: str | None,
    limit: int | None,
    no_baseline: bool,
    fmt: str,
) -> None:
    """Score the extractor on PATH: one text with --gold, or a benchmark's data.

    Benchmarks: a folder of TEXT.txt and TEXT.gold.json pairs (corpus), Re-DocRED's JSON
    (redocred), LitBank's folder (litbank). Each prints per-item lines, totals and its baseline.
    """
    if gold_path is None:
        options = BenchOptions(limit=limit, baseline=not no_baseline)
        report = run_benchmark(path, benchmark, options)
        if fmt == "json":
            emit_json(report.model_dump())
        else:
            click.echo(report.render())
        return
    result = score_text(path, gold_path, about, background)
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
