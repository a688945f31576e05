"""How `ask` does on phrasings it never learned: k-fold cross-validation over question templates.

A question file's templates (questions with the topic replaced) are dealt into k folds; for each
fold a template table is learned from the other folds' questions only, and `ask` answers up to
`per_held` questions of each held-out template with it. The learned table never holds the exact
phrasing asked, so the score estimates how the shipped table does on phrasings the dev files
lack (the learned dev score itself is training accuracy).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from .answer import Asker
from .evaluate import Miss, answer_one
from .learn import PER_TEMPLATE, Learner
from .qa_file import QARow, read_questions
from .templates import Templates, template_of


class Fold(BaseModel):
    """One fold: its held-out templates and how their questions were answered."""

    fold: int
    templates: int
    questions: int
    hits: int


class CrossValidation(BaseModel):
    """Hits@1 on held-out templates, overall and per fold."""

    file: str
    folds: int
    templates: int
    questions: int
    hits: int
    hits_at_1: float
    by_fold: list[Fold]
    misses: list[Miss]


def cross_validate(
    store: UniverseStore,
    path: Path,
    *,
    folds: int = 5,
    per_template: int = PER_TEMPLATE,
    per_held: int = 5,
    canon: CanonTier | None = None,
    keep_misses: int = 20,
) -> CrossValidation:
    """Learn on k-1 folds of the file's templates, answer the held-out fold's questions; k times."""
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, not {folds}")
    groups: dict[str, list[QARow]] = defaultdict(list)
    for row in read_questions(path):
        groups[template_of(row.question, row.start, row.end)].append(row)
    templates = sorted(groups)
    learner = Learner(store.canonical)
    scores: list[Fold] = []
    misses: list[Miss] = []
    for k in range(folds):
        held = templates[k::folds]
        kept = set(templates) - set(held)
        learned = learner.learn({t: groups[t] for t in templates if t in kept}, per_template)
        asker = Asker(store, templates=Templates({t: v.as_chain() for t, v in learned.items()}), canon=canon)
        asked = hits = 0
        for template in held:
            for row in groups[template][:per_held]:
                hit, got, why = answer_one(asker, row)
                asked += 1
                hits += hit
                if not hit and len(misses) < keep_misses:
                    misses.append(
                        Miss(
                            line=row.line, question=row.question, expected=list(row.answers), got=got, why=why
                        )
                    )
        scores.append(Fold(fold=k + 1, templates=len(held), questions=asked, hits=hits))
    questions = sum(f.questions for f in scores)
    hits = sum(f.hits for f in scores)
    return CrossValidation(
        file=str(path),
        folds=folds,
        templates=len(templates),
        questions=questions,
        hits=hits,
        hits_at_1=hits / questions if questions else 0.0,
        by_fold=scores,
        misses=misses,
    )
