"""A person's identity decision as a source: the JSON file `universe-graph merge` and `split` write.

The file says which two entities (by IRI, with the names and types they had when decided), what
was decided (`same_as`: they are one; `different_from`: they are two), who decided, when, and an
optional note. It reads into one relation whose evidence quotes the file's `statement` line, so the
decision is evidence like any other claim: it has a source (tier `fan` unless `--tier` says
otherwise), is shown by `sources` and `profile`, and is withdrawn with `retract`. Detected by content
(its `format` key), so `ingest` of a decision file works like any other file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import BadInput
from ..model import ClaimSet, EntityType, Evidence, Relation, SourceKind
from .base import NO_OPTIONS, Reader, SourceOptions, register
from .jsonfile import load_json

FORMAT = "universe-graph decision"
Verdict = Literal["same_as", "different_from"]


class DecidedEntity(BaseModel):
    """One side of a decision: the IRI decided about, and how it was shown then."""

    model_config = ConfigDict(extra="forbid")

    iri: str = Field(pattern=r"^[a-z][a-z0-9+.-]*:\S+$", max_length=2000)
    name: str = Field(min_length=1, max_length=500)
    type: EntityType

    @field_validator("iri")
    @classmethod
    def _engine_iri(cls, iri: str) -> str:
        """An IRI the store's engine takes (no `[`, `{`, bad `%` escapes ...): the one raw IRI a
        user writes, refused here rather than by the canonical store halfway through `ingest`."""
        from pyoxigraph import NamedNode

        try:
            NamedNode(iri)
        except ValueError as e:
            raise ValueError(f"not a valid IRI: {e}") from None
        return iri


class DecisionFile(BaseModel):
    """The decision file's contract (unknown keys refused, so a typo is a located error)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["universe-graph decision"]
    decision: Verdict
    entities: list[DecidedEntity] = Field(min_length=2, max_length=2)
    by: str = Field(min_length=1, max_length=200)
    at: str = Field(min_length=1, max_length=100)
    note: str | None = Field(default=None, max_length=2000)
    statement: str = Field(min_length=1, max_length=3000)


def statement(verdict: Verdict, entities: list[DecidedEntity], by: str, at: str, note: str | None) -> str:
    """The decision as one sentence: what the evidence quotes."""
    a, b = entities
    said = "are one" if verdict == "same_as" else "are different"
    text = f"{by} decided at {at} that {a.name} ({a.type}) <{a.iri}> and {b.name} ({b.type}) <{b.iri}> {said}"
    return f"{text}: {note}" if note else text


def render(decision: DecisionFile) -> str:
    """The file's text: one key a line, so an error in it is located by line."""
    return json.dumps(decision.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f'"{key}"'):
            return number
    return None


@register
class CurationReader(Reader):
    """Reads a decision file (`universe-graph merge` / `split`) into one `same_as` or
    `different_from` relation, quoted from the file."""

    kind = SourceKind.CURATION
    name = "curation"
    version = "1"

    @classmethod
    def sniff(cls, head: str) -> bool:
        return head.lstrip().startswith("{") and f'"format": "{FORMAT}"' in head

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        data, text = load_json(path)
        try:
            decision = DecisionFile.model_validate(data)
        except ValidationError as e:
            error = e.errors()[0]
            where = ".".join(str(p) for p in error["loc"]) or "(file)"
            key = str(error["loc"][0]) if error["loc"] else ""
            raise BadInput.at(str(path), error["msg"], line=_line_of(text.text, key), field=where) from e
        a, b = decision.entities
        if a.iri == b.iri:
            raise BadInput.at(
                str(path),
                "a decision is about two entities; both are the same IRI",
                line=_line_of(text.text, "entities"),
                field="entities",
            )
        relation = Relation(
            subject=a.iri,
            predicate=decision.decision,
            object=b.iri,
            evidence=[self._evidence(decision, text.text, path, options)],
        )
        source = self.source(path, options, text.sha256)
        return ClaimSet(source=source, relations=[relation])

    def _evidence(self, decision: DecisionFile, text: str, path: Path, options: SourceOptions) -> Evidence:
        """Evidence quoting the statement where it stands in the file (the JSON pointer besides);
        a statement that JSON escapes (quotes, backslashes) is located by its pointer alone."""
        source_id = options.source_id or self.source(path, options, "0" * 64).id
        located: dict[str, Any] = {"pointer": "/statement"}
        encoded = json.dumps(decision.statement, ensure_ascii=False)
        start = text.find(f'"statement": {encoded}')
        if encoded[1:-1] == decision.statement and start >= 0:
            begin = start + len('"statement": "')
            located |= {"start": begin, "end": begin + len(decision.statement), "quote": decision.statement}
        return Evidence(
            source=source_id,
            extractor=self.name,
            extractor_version=self.version,
            confidence=1.0,
            **located,
        )
