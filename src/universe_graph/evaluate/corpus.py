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

from ..export import merge, to_json_data
from ..extract.score import PRF, Score, score
from ..ingest import SourceOptions, load_paths
from ..ingest.text import read_text
from .base import BenchOptions, BenchReport, register
from .text import read_gold

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
        return "\n".join(lines)


def _prf(p: PRF) -> str:
    return f"{p.precision:.3f}/{p.recall:.3f}/{p.f1:.3f}"


def score_pair(text: Path, gold_path: Path) -> Score:
    """One text read as a review (with the gold's `about_title`, if any) and scored against its gold."""
    gold = read_gold(gold_path)
    about = gold.get("about_title")
    options = SourceOptions(about_title=about if isinstance(about, str) else None)
    loaded = load_paths([text], kind="review", options=options, processes=1)
    return score(to_json_data(merge(loaded.claimsets)), gold, read_text(text).text)


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
    reader's extractor (`rules.v3`; `options.extractor` names no other yet)."""
    found = pairs(path)[: options.limit]
    rows = [TextRow(name=name, score=score_pair(text, gold)) for name, text, gold in found]
    return summarise(str(path), rows)
