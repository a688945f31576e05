"""Questions in English: `ask`, and `eval-qa` / `learn-qa` for MetaQA-style question files."""

from __future__ import annotations

from pathlib import Path

import click

from ..ask.answer import Answer, Asker
from ..ask.crossval import cross_validate
from ..ask.evaluate import evaluate
from ..ask.learn import PER_TEMPLATE, learn
from ..ask.templates import default_path, save
from ..model import CanonTier
from ..query.evidence import EvidenceRef
from .main import cli, emit_json
from .query import CANON, FORMAT, opened

SHOW = 20


@cli.command("ask")
@click.argument("question")
@CANON
@FORMAT
@click.pass_context
def ask_command(ctx: click.Context, question: str, canon: str | None, fmt: str) -> None:
    """Answer a question in English, with the query it ran and the evidence."""
    with opened(ctx) as store:
        answer = Asker(store, canon=CanonTier(canon) if canon else None).ask(question)
    if fmt == "json":
        emit_json(answer.model_dump(mode="json"))
        return
    _print(answer)


def _print(answer: Answer) -> None:
    names = [a.name for a in answer.answers]
    shown = ", ".join(names[:SHOW]) + (f" (and {len(names) - SHOW} more)" if len(names) > SHOW else "")
    click.echo(f"answer: {shown or '(nothing)'}")
    click.echo(f"reading: {answer.reading}")
    if answer.chain:
        click.echo(f"chain: {answer.chain}")
    if answer.query:
        click.echo("query:")
        for line in answer.query.splitlines():
            click.echo(f"  {line}")
        for key, value in answer.bindings.items():
            click.echo(f"  bound ?{key} = {value}")
    if answer.support:
        click.echo("evidence:")
        for support in answer.support:
            click.echo(f"  {support.answer}:")
            for step in support.steps:
                click.echo(f"    {step.subject} --{step.relation}--> {step.object}")
                _evidence(step.evidence)
    if answer.result is not None and answer.intent == "timeline":
        click.echo("evidence:")
        for act in answer.result["acts"]:
            for event in act["events"]:
                click.echo(f"  act {act['act']}, {event['order']}. {event['label']}")
                _evidence([EvidenceRef.model_validate(e) for e in event["evidence"]])
    if answer.result is not None and answer.intent == "path":
        click.echo("evidence:")
        for hop in answer.result["paths"][0] if answer.result["paths"] else []:
            x, y = (hop["subject_name"], hop["object_name"])
            click.echo(f"  {x} --{hop['predicate'].replace('_', ' ')}--> {y}")
            _evidence([EvidenceRef.model_validate(e) for e in hop["evidence"]])
    if answer.result is not None and answer.intent == "profile":
        for section in answer.result["sections"]:
            facts = ", ".join(f"{f['label']} {f['other_name'] or f['value']}" for f in section["facts"])
            click.echo(f"  {section['heading']}: {facts}")


def _evidence(evidence: list[EvidenceRef]) -> None:
    for e in evidence:
        quote = f' "{e.quote}"' if e.quote else ""
        click.echo(f"      source {e.source} ({e.tier}), {e.locator}{quote}")


@cli.command("eval-qa")
@click.argument("questions", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N questions.")
@click.option(
    "--cross-validate",
    "folds",
    type=click.IntRange(2),
    default=None,
    help="Instead: learn templates from K-1 folds of this file's templates and ask the held-out fold's "
    "questions, K times (how `ask` does on phrasings it never learned).",
)
@click.option(
    "--per-held",
    type=click.IntRange(1),
    default=5,
    show_default=True,
    help="With --cross-validate: questions asked per held-out template.",
)
@CANON
@FORMAT
@click.pass_context
def eval_qa_command(
    ctx: click.Context,
    questions: Path,
    limit: int | None,
    folds: int | None,
    per_held: int,
    canon: str | None,
    fmt: str,
) -> None:
    """Hits@1 of `ask` on a question file (MetaQA format), overall and per question type."""
    floor = CanonTier(canon) if canon else None
    if folds is not None:
        if limit is not None:
            raise click.UsageError(
                "--limit and --cross-validate do not combine: every template is held out once"
            )
        with opened(ctx) as store:
            crossed = cross_validate(store, questions, folds=folds, per_held=per_held, canon=floor)
        if fmt == "json":
            emit_json(crossed.model_dump(mode="json"))
            return
        click.echo(
            f"{crossed.file}: Hits@1 on held-out templates {crossed.hits_at_1:.4f} "
            f"({crossed.hits}/{crossed.questions}; {crossed.templates} templates, {crossed.folds} folds)"
        )
        for fold in crossed.by_fold:
            click.echo(f"  fold {fold.fold}: {fold.hits}/{fold.questions} ({fold.templates} templates)")
        for miss in crossed.misses[:10]:
            click.echo(f"  miss line {miss.line}: {miss.question} -> {miss.got or miss.why}", err=True)
        return
    with opened(ctx) as store:
        report = evaluate(Asker(store, canon=floor), questions, limit=limit)
    if fmt == "json":
        emit_json(report.model_dump(mode="json"))
        return
    click.echo(f"{report.file}: Hits@1 {report.hits_at_1:.4f} ({report.hits}/{report.questions})")
    click.echo(f"{report.questions_per_second} questions/s ({report.seconds} s)")
    for kind, score in report.by_type.items():
        click.echo(f"  {kind:40} {score.hits_at_1:.4f} ({score.hits}/{score.questions})")
    for miss in report.misses[:10]:
        click.echo(f"  miss line {miss.line}: {miss.question} -> {miss.got or miss.why}", err=True)


@cli.command("learn-qa")
@click.argument(
    "questions", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the templates (default: the installed ingest/mappings/metaqa-questions.yaml).",
)
@click.option("--per-template", type=click.IntRange(1), default=PER_TEMPLATE, show_default=True)
@click.pass_context
def learn_qa_command(
    ctx: click.Context, questions: tuple[Path, ...], output: Path | None, per_template: int
) -> None:
    """Learn question templates -> relation chains from training questions against the store."""
    with opened(ctx) as store:
        data = learn(store.canonical, list(questions), per_template=per_template)
    target = output or default_path()
    save(target, data)
    exact = sum(1 for t in data.templates.values() if t.exact == t.questions)
    click.echo(f"{target}: {len(data.templates)} templates ({exact} answered exactly on every question seen)")
