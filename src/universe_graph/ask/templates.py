"""Question templates learned from training questions: "what movies did NE act in" -> `^cast_member`.

The learned table is a declarative asset (`ingest/mappings/metaqa-questions.yaml`), written by
`universe-graph learn-qa` and read here. A question whose template is not in the table is matched
to the nearest known templates (IDF-weighted word and word-pair overlap); the caller tries their
chains in order and keeps the first that fits the topic's type and answers.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import Field, ValidationError

from ..assets import asset_dir
from ..ingest import located_yaml
from ..ingest.text import read_text
from ..model import Strict
from .chains import Chain

FORMAT = "universe-graph/question-templates@1"
TOPIC = "NE"
BRACKET_RE = re.compile(r"\[([^\]]+)\]")
WORD_MIN_TEMPLATES = 2
WORD_MIN_SHARE = 0.9
#: With a word no learned template has, only templates this similar stand in for the question.
MIN_UNKNOWN_SIMILARITY = 0.6
WORDS_RE = re.compile(r"[a-z0-9']+|NE")


class LearnedTemplate(Strict):
    chain: str
    distinct: bool = False
    questions: Annotated[int, Field(ge=1)]  # how many training questions were looked at
    exact: Annotated[int, Field(ge=0)]  # how many of them the chain answers exactly

    def as_chain(self) -> Chain:
        return Chain.parse(self.chain, distinct=self.distinct)


class TemplateFile(Strict):
    format: Literal["universe-graph/question-templates@1"]
    learned_from: list[str] = Field(default_factory=list)
    templates: dict[str, LearnedTemplate]


def template_of(question: str, start: int, end: int) -> str:
    """The question with the topic's span replaced by NE, lowercased, spaces collapsed."""
    text = question[:start].lower() + f" {TOPIC} " + question[end:].lower()
    return " ".join(text.replace("?", " ").split())


def default_path() -> Path:
    return asset_dir("ingest") / "mappings" / "metaqa-questions.yaml"


def save(path: Path, data: TemplateFile) -> None:
    header = (
        "# Question templates learned by `universe-graph learn-qa` from training questions: each template\n"
        "# (the question with its topic replaced by NE) and the relation chain that answers it, written\n"
        "# like a SPARQL property path (^ walks a predicate backward). Read by src/universe_graph/ask/.\n"
    )
    body = yaml.safe_dump(data.model_dump(), sort_keys=False, allow_unicode=True, width=120)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(path)


@cache
def load(path: Path | None = None) -> Templates:
    """The learned templates (an empty table when the file does not exist)."""
    path = path or default_path()
    if not path.exists():
        return Templates({})
    doc = located_yaml.load(path, read_text(path).text)
    try:
        data = TemplateFile.model_validate(doc.data)
    except ValidationError as e:
        raise doc.validation_error(e) from e
    return Templates({k: v.as_chain() for k, v in data.templates.items()})


def _features(template: str) -> Counter[str]:
    words = WORDS_RE.findall(template)
    feats = Counter(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return feats


@dataclass
class Templates:
    """Template -> chain, with nearest-template matching for templates never seen."""

    table: dict[str, Chain]
    _idf: dict[str, float] = field(default_factory=dict)
    _vectors: list[tuple[str, dict[str, float], float]] = field(default_factory=list)
    _words: dict[str, str] | None = None
    _vocabulary: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        docs = {t: _features(t) for t in self.table}
        self._vocabulary = frozenset(w for t in self.table for w in WORDS_RE.findall(t))
        df: Counter[str] = Counter()
        for feats in docs.values():
            df.update(feats.keys())
        n = max(1, len(docs))
        self._idf = {f: math.log((n + 1) / (c + 0.5)) for f, c in df.items()}
        for template, feats in docs.items():
            vec = {f: self._idf[f] for f in feats}
            self._vectors.append((template, vec, math.sqrt(sum(v * v for v in vec.values())) or 1.0))

    def word_predicates(self) -> dict[str, str]:
        """Words that, across the learned templates, go with one predicate ("starred" -> cast_member)."""
        if self._words is None:
            seen: Counter[str] = Counter()
            with_pred: Counter[tuple[str, str]] = Counter()
            for template, chain in self.table.items():
                preds = {h.predicate for h in chain.hops}
                for word in set(WORDS_RE.findall(template)) - {TOPIC}:
                    seen[word] += 1
                    with_pred.update((word, p) for p in preds)
            out: dict[str, str] = {}
            for (word, pred), count in sorted(with_pred.items()):
                share = count / seen[word]
                rivals = [c for (w, p), c in with_pred.items() if w == word and p != pred and c >= count]
                if seen[word] >= WORD_MIN_TEMPLATES and share >= WORD_MIN_SHARE and not rivals:
                    out[word] = pred
            self._words = out
        return self._words

    def analogies(self, template: str, n: int = 12) -> list[tuple[float, str, Chain]]:
        """Chains of near templates with their relation words swapped for the question's.

        "when did the films written by NE release" is like "when did the films directed by NE
        release" (^directed_by/release_year) with "directed" -> "written": ^written_by/release_year.
        """
        words_of = self.word_predicates()
        mine = WORDS_RE.findall(template)
        out: list[tuple[float, str, Chain]] = []
        seen: set[Chain] = set()
        for score, known in self._similar(template)[:n]:
            theirs = WORDS_RE.findall(known)
            swap: dict[str, str] = {}
            fits = True
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
                a=theirs, b=mine, autojunk=False
            ).get_opcodes():
                if tag == "equal":
                    continue
                if not self._explained(mine, score) and any(w not in self._vocabulary for w in mine[j1:j2]):
                    fits = False  # a word no template has may carry the relation: this one says nothing
                    break
                old = {words_of[w] for w in theirs[i1:i2] if w in words_of}
                new = {words_of[w] for w in mine[j1:j2] if w in words_of}
                if old == new:
                    continue
                if len(old) == 1 and len(new) == 1:
                    swap[old.pop()] = new.pop()
                else:
                    fits = False
                    break
            chain = self.table[known]
            if not fits or not set(swap) <= {h.predicate for h in chain.hops}:
                continue
            hops = tuple(
                h.model_copy(update={"predicate": swap.get(h.predicate, h.predicate)}) for h in chain.hops
            )
            candidate = chain.model_copy(update={"hops": hops})
            if candidate.is_well_typed() and candidate not in seen:
                seen.add(candidate)
                out.append((score, known, candidate))
        return out

    def _explained(self, words: list[str], score: float) -> bool:
        """Whether a question with words no template has may still borrow a template's chain: when
        it has a known relation word ("release date": "release") or the template is very close."""
        return score >= MIN_UNKNOWN_SIMILARITY or any(w in self.word_predicates() for w in words)

    def exact(self, template: str) -> Chain | None:
        return self.table.get(template)

    def nearest(self, template: str, n: int = 8) -> list[tuple[float, str, Chain]]:
        """Known templates by similarity, best first; one entry per distinct chain."""
        out: list[tuple[float, str, Chain]] = []
        seen: set[Chain] = set()
        mine = WORDS_RE.findall(template)
        unknown = any(w not in self._vocabulary for w in mine)
        for score, known in self._similar(template):
            if unknown and not self._explained(mine, score):
                break  # a word no template has may carry the relation: only a close template will do
            chain = self.table[known]
            if chain not in seen:
                seen.add(chain)
                out.append((score, known, chain))
            if len(out) >= n:
                break
        return out

    def _similar(self, template: str) -> list[tuple[float, str]]:
        """Known templates by IDF-weighted cosine similarity of words and word pairs, best first."""
        feats = _features(template)
        vec = {f: self._idf.get(f, math.log(len(self.table) + 1)) for f in feats}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        scored = []
        for known, kvec, knorm in self._vectors:
            dot = sum(w * kvec[f] for f, w in vec.items() if f in kvec)
            if dot > 0:
                scored.append((dot / (norm * knorm), known))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored
