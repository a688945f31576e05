"""Scoring `ask` on question files (MetaQA's format): Hits@1 overall and per question type.

Each question goes through `Asker.ask`, the same path as `universe-graph ask`; the question-type
column is read only to group the scores, never to answer.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from ..errors import UniverseGraphError
from .answer import Asker
from .qa_file import QARow, read_questions


class Score(BaseModel):
    questions: int
    hits: int

    @property
    def hits_at_1(self) -> float:
        return self.hits / self.questions if self.questions else 0.0


class Miss(BaseModel):
    line: int
    question: str
    expected: list[str]
    got: str | None
    why: str | None = None

    @classmethod
    def of(cls, row: QARow, got: str | None, why: str | None) -> Miss:
        return cls(line=row.line, question=row.question, expected=list(row.answers), got=got, why=why)


class Report(BaseModel):
    file: str
    questions: int
    hits: int
    hits_at_1: float
    by_type: dict[str, Score]
    seconds: float
    questions_per_second: float
    misses: list[Miss]


def answer_one(asker: Asker, row: QARow) -> tuple[bool, str | None, str | None]:
    """Whether `ask`'s top answer is one of the row's answers, the answer, and why none came."""
    try:
        answer = asker.ask(row.question, evidence=False)
    except UniverseGraphError as e:
        return False, None, str(e)
    got = answer.answers[0].name if answer.answers else None
    return got is not None and got in row.answers, got, None


def evaluate(asker: Asker, path: Path, *, limit: int | None = None, keep_misses: int = 20) -> Report:
    """Answer every question of the file and score the top answer against its answer set."""
    rows = list(read_questions(path, limit=limit))
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[Miss] = []
    hits = 0
    started = time.perf_counter()
    for row in rows:
        hit, got, why = answer_one(asker, row)
        hits += hit
        counts = by_type[row.kind or "all"]
        counts[0] += 1
        counts[1] += hit
        if not hit and len(misses) < keep_misses:
            misses.append(Miss.of(row, got, why))
    seconds = time.perf_counter() - started
    return Report(
        file=str(path),
        questions=len(rows),
        hits=hits,
        hits_at_1=hits / len(rows) if rows else 0.0,
        by_type={k: Score(questions=v[0], hits=v[1]) for k, v in sorted(by_type.items())},
        seconds=round(seconds, 3),
        questions_per_second=round(len(rows) / seconds, 1) if seconds > 0 else 0.0,
        misses=misses,
    )
