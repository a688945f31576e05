"""The corpus benchmark: a folder of `NAME.txt` + `NAME.gold.json` pairs in our gold format.

Each text goes through the real review path (`load_paths(kind="review")`, merged and exported as
`ingest` would store it) and is scored by `extract/score.py` against its gold. The report prints one
line per text, then micro and macro precision, recall and F1 for entities by name alone, entities
by name and type, and relations; events found with their Kendall tau; commentary (not-in-universe)
errors; exact quotes; and relation quotes that name both ends.

Micro sums the counts over texts before dividing; macro averages each text's figure, over the texts
where that figure is defined (precision over texts that predicted something, recall over texts whose
gold has something, F1 over texts with either), so an empty text neither helps nor hurts.

A gold file may name the work its text is about under `"about_title"` (as `eval --about` would);
otherwise the text is read with no hint, the way a new user's `ingest TEXT` reads it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from ..extract.score import PRF, Score
from .base import BenchOptions, BenchReport, register
from .text import read_gold, score_text

GOLD_SUFFIX = ".gold.json"


def pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """The (name, text, gold) pairs in `folder`, sorted by name: each `NAME.txt` with a `NAME.gold.json`."""
    if not folder.is_dir():
        return []
    out = []
    for gold in sorted(folder.glob(f"*{GOLD_SUFFIX}")):
        name = gold.name[: -len(GOLD_SUFFIX)]
        text = folder / f"{name}.txt"
        if text.is_file():
            out.append((name, text, gold))
    return out


def is_corpus(path: Path) -> bool:
    """A folder holding at least one text with its gold file."""
    return bool(pairs(path))


class Averages(BaseModel):
    """Micro and macro precision, recall and F1 of one measure over the texts."""

    micro_precision: float
    micro_recall: float
    micro_f1: float
    macro_precision: float
    macro_recall: float
    macro_f1: float
    correct: int  # predicted items matching the gold, summed
    predicted: int
    found: int  # gold items found, summed
    gold: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def average(scores: list[PRF]) -> Averages:
    """Micro (summed counts) and macro (mean of defined per-text figures) averages of `scores`."""
    correct = sum(s.correct for s in scores)
    predicted = sum(s.predicted for s in scores)
    found = sum(s.true_positives for s in scores)
    gold = sum(s.gold for s in scores)
    mp = correct / predicted if predicted else 0.0
    mr = found / gold if gold else 0.0
    return Averages(
        micro_precision=round(mp, 4),
        micro_recall=round(mr, 4),
        micro_f1=round(_f1(mp, mr), 4),
        macro_precision=round(_mean([s.precision for s in scores if s.predicted]), 4),
        macro_recall=round(_mean([s.recall for s in scores if s.gold]), 4),
        macro_f1=round(_mean([s.f1 for s in scores if s.predicted or s.gold]), 4),
        correct=correct,
        predicted=predicted,
        found=found,
        gold=gold,
    )


class TextRow(BaseModel):
    """One text's name and score."""

    name: str
    score: Score


class CorpusReport(BenchReport):
    """Per-text scores and their micro and macro totals."""

    folder: str
    rows: list[TextRow]
    names: Averages
    entities: Averages
    relations: Averages
    events_found: int
    events_gold: int
    mean_event_tau: float | None  # over the texts with at least two matched events
    not_in_universe_errors: int
    quotes_exact: int
    quotes_total: int
    quotes_naming_ends: int
    quotes_relation_total: int
    #: the texts that have background sources, scored with them, and the same texts without them
    with_background: CorpusReport | None = None
    without_background: CorpusReport | None = None

    def render(self) -> str:
        lines = [f"corpus {self.folder}: {len(self.rows)} texts (P/R/F1; events found, Kendall tau)"]
        width = max((len(r.name) for r in self.rows), default=4)
        for row in self.rows:
            s = row.score
            n = s.names
            tau = "n/a" if s.event_tau is None else f"{s.event_tau:.3f}"
            lines.append(
                f"  {row.name:<{width}}  names {n.f1 if n else 0.0:.3f}  "
                f"typed {_prf(s.entities)}  relations {_prf(s.relations)} ({s.relations.true_positives}/"
                f"{s.relations.gold})  events {s.events_found}/{s.events_gold} ({tau})  "
                f"commentary {len(s.not_in_universe_errors)}  quotes {s.quotes_exact}/{s.quotes_total}  "
                f"both ends {s.quotes_naming_ends}/{s.quotes_relation_total}"
            )
        for label, avg in (
            ("entities (name)", self.names),
            ("entities (typed)", self.entities),
            ("relations", self.relations),
        ):
            lines.append(
                f"{label:<17} micro P {avg.micro_precision:.3f} R {avg.micro_recall:.3f} "
                f"F1 {avg.micro_f1:.3f}  macro P {avg.macro_precision:.3f} R {avg.macro_recall:.3f} "
                f"F1 {avg.macro_f1:.3f}  ({avg.found}/{avg.gold} gold found, "
                f"{avg.correct}/{avg.predicted} predicted right)"
            )
        tau = "n/a" if self.mean_event_tau is None else f"{self.mean_event_tau:.3f}"
        lines += [
            f"events           {self.events_found}/{self.events_gold} found, mean Kendall tau {tau}",
            f"commentary       {self.not_in_universe_errors} not-in-universe errors",
            f"quotes           {self.quotes_exact}/{self.quotes_total} exact, "
            f"{self.quotes_naming_ends}/{self.quotes_relation_total} relation quotes name both ends",
            "baseline         none (the corpus is our own format; see litbank and redocred for baselines)",
        ]
        if self.with_background is not None and self.without_background is not None:
            count = len(self.with_background.rows)
            lines.append(f"with a background source ({count} texts: NAME.background.*):")
            for label, report in (("without", self.without_background), ("with", self.with_background)):
                e, r = report.entities, report.relations
                lines.append(
                    f"  {label:<8} typed entities micro F1 {e.micro_f1:.3f} (P {e.micro_precision:.3f})  "
                    f"relations micro P {r.micro_precision:.3f} R {r.micro_recall:.3f} F1 {r.micro_f1:.3f}  "
                    f"events {report.events_found}/{report.events_gold}"
                )
        return "\n".join(lines)


def _prf(p: PRF) -> str:
    return f"{p.precision:.3f}/{p.recall:.3f}/{p.f1:.3f}"


def backgrounds(text: Path) -> list[Path]:
    """The background sources of a corpus text: `NAME.background.*` beside `NAME.txt` (credits a
    metadata source would give for its work), read first as a store would hold them."""
    name = text.name[: -len(".txt")]
    return sorted(text.parent.glob(f"{name}.background.*"))


def score_pair(text: Path, gold_path: Path, background: list[Path] | None = None) -> Score:
    """One text read as a review (with the gold's `about_title`, if any) and scored against its gold;
    with `background`, as `ingest --about` reads it into a store that holds those sources."""
    about = read_gold(gold_path).get("about_title")
    return score_text(text, gold_path, about if isinstance(about, str) else None, background or ())


def summarise(folder: str, rows: list[TextRow]) -> CorpusReport:
    """The report over already scored texts (a pure function: the tests build rows by hand)."""
    scores = [r.score for r in rows]
    taus = [s.event_tau for s in scores if s.event_tau is not None]
    return CorpusReport(
        benchmark="corpus",
        folder=folder,
        rows=rows,
        names=average([s.names for s in scores if s.names is not None]),
        entities=average([s.entities for s in scores]),
        relations=average([s.relations for s in scores]),
        events_found=sum(s.events_found for s in scores),
        events_gold=sum(s.events_gold for s in scores),
        mean_event_tau=round(_mean(taus), 4) if taus else None,
        not_in_universe_errors=sum(len(s.not_in_universe_errors) for s in scores),
        quotes_exact=sum(s.quotes_exact for s in scores),
        quotes_total=sum(s.quotes_total for s in scores),
        quotes_naming_ends=sum(s.quotes_naming_ends for s in scores),
        quotes_relation_total=sum(s.quotes_relation_total for s in scores),
    )


@register("corpus", is_corpus)
def run_corpus(path: Path, options: BenchOptions) -> CorpusReport:
    """Score every text of the folder `path` (the first `options.limit` by name) with the review
    reader's extractor (`DEFAULT_EXTRACTOR`; `options.extractor` names no other yet)."""
    found = pairs(path)[: options.limit]
    rows = [TextRow(name=name, score=score_pair(text, gold)) for name, text, gold in found]
    report = summarise(str(path), rows)
    known = [(row, text, gold) for row, (_, text, gold) in zip(rows, found, strict=True) if backgrounds(text)]
    if known:
        report.without_background = summarise(str(path), [row for row, _, _ in known])
        with_known = [
            TextRow(name=row.name, score=score_pair(text, gold, backgrounds(text)))
            for row, text, gold in known
        ]
        report.with_background = summarise(str(path), with_known)
    return report
