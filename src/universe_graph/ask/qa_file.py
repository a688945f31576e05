"""Question files in MetaQA's format: `question with [topic]<TAB>answer1|answer2[<TAB>question type]`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from ..ingest.text import read_text

BRACKET_RE = re.compile(r"\[([^\]]+)\]")


@dataclass(frozen=True)
class QARow:
    """One question: its text, the bracketed topic and its span, the answers, and the optional type.

    The type is kept only to report scores per type; nothing that answers reads it.
    """

    line: int
    question: str
    topic: str
    start: int
    end: int
    answers: tuple[str, ...]
    kind: str | None


def read_questions(path: Path, limit: int | None = None) -> Iterator[QARow]:
    """The file's questions in order; a malformed line is an error naming file and line."""
    text = read_text(path).text
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if limit is not None and count >= limit:
            return
        fields = line.split("\t")
        if len(fields) not in (2, 3):
            raise BadInput.at(
                str(path), f"expected 2 or 3 tab-separated fields, found {len(fields)}", line=number
            )
        match = BRACKET_RE.search(fields[0])
        if match is None:
            raise BadInput.at(
                str(path), "the question names no [topic entity]", line=number, field="question"
            )
        answers = tuple(a for a in fields[1].split("|") if a)
        if not answers:
            raise BadInput.at(str(path), "no answers", line=number, field="answers")
        count += 1
        yield QARow(
            line=number,
            question=fields[0],
            topic=match.group(1),
            start=match.start(),
            end=match.end(),
            answers=answers,
            kind=fields[2].strip() if len(fields) == 3 and fields[2].strip() else None,
        )
