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
from ..query.timeline import Timeline
from .main import cli, emit_json
from .query import CANON, FORMAT, opened, timeline_lines

SHOW = 20


@cli.command("ask")
@click.argument("question")
@click.option(
    "--explain",
    is_flag=True,
    help="Also print how the question was read and the query it ran, bound values too.",
)
@CANON
@FORMAT
@click.pass_context
def ask_command(ctx: click.Context, question: str, explain: bool, canon: str | None, fmt: str) -> None:
    """Answer a question in English: the answer in a sentence, then the evidence for each answer."""
    with opened(ctx) as store:
        answer = Asker(store, canon=CanonTier(canon) if canon else None).ask(question)
    if fmt == "json":
        emit_json(answer.model_dump(mode="json"))
        return
    for line in render(answer, explain=explain):
        click.echo(line)


def render(answer: Answer, *, explain: bool = False) -> list[str]:
    """The answer as text: the sentence first, then each answer with its evidence under it (one line
    per source, no repeats); with `explain`, the reading, the chain and the query with its bindings."""
    names = [a.name for a in answer.answers]
    shown = ", ".join(names[:SHOW]) + (f" (and {len(names) - SHOW} more)" if len(names) > SHOW else "")
    out = [answer.sentence or f"answer: {shown or '(nothing)'}"]
    if answer.support:
        out.append("evidence:")
        for support in answer.support:
            if answer.shape != "yes/no":
                out.append(f"  {support.answer}")
            for step in support.steps:
                out.append(f"    {step.subject} --{step.relation}--> {step.object}")
                out += _evidence(step.evidence)
    if answer.result is not None and answer.intent == "timeline":
        out += ["  " + line for line in timeline_lines(Timeline.model_validate(answer.result))]
    if answer.result is not None and answer.intent == "path":
        out.append("evidence:")
        for hop in answer.result["paths"][0] if answer.result["paths"] else []:
            x, y = (hop["subject_name"], hop["object_name"])
            out.append(f"    {x} --{hop['predicate'].replace('_', ' ')}--> {y}")
            out += _evidence([EvidenceRef.model_validate(e) for e in hop["evidence"]])
    if answer.result is not None and answer.intent == "profile":
        for section in answer.result["sections"]:
            by_label: dict[str, list[str]] = {}
            for f in section["facts"]:
                by_label.setdefault(f["label"], []).append(str(f["other_name"] or f["value"]))
            said = "; ".join(f"{label} {_and(list(dict.fromkeys(ns)))}" for label, ns in by_label.items())
            out.append(f"  {section['heading']}: {said}")
    if explain:
        out.append(f"reading: {answer.reading}")
        if answer.chain:
            out.append(f"chain: {answer.chain}")
        if answer.query:
            out.append("query:")
            out += [f"  {line}" for line in answer.query.splitlines()]
            out += [f"  bound ?{key} = {value}" for key, value in answer.bindings.items()]
    return out


def _and(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C": each label said once before its names."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _evidence(evidence: list[EvidenceRef]) -> list[str]:
    lines = []
    for e in evidence:
        quote = f' "{e.quote}"' if e.quote else ""
        lines.append(f"      {e.source} ({e.tier}), {e.locator}{quote}")
    return list(dict.fromkeys(lines))


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
