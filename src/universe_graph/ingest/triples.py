"""Reader for `subject|relation|object` files (MetaQA's movie knowledge base and the like).

Which relation becomes which ontology predicate is data in `ingest/mappings/*.yaml` (format
`universe-graph/triples-mapping@1`); entity types come from each predicate's domain and range.
Every claim's evidence is the file and line it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, Self
from urllib.parse import quote

from pydantic import StringConstraints, ValidationError, model_validator

from .. import ontology, progress
from ..assets import asset_dir
from ..errors import BadInput, Problem
from ..model import ClaimSet, EntityType, Evidence, Source, SourceKind, Strict
from ..vocab import entity_iri
from . import located_yaml
from .base import NO_OPTIONS, Reader, SourceOptions, register
from .claimbuilder import KEEP, ClaimBuilder, genre_iri
from .text import read_text

FORMAT = "universe-graph/triples-mapping@1"
LINE_RE = re.compile(r"^[^|\n]+\|[^|\n]+\|[^|\n]+$")
#: The share of a file's first lines that must be triples of a known relation to detect the format.
DETECT_SHARE = 0.8


class RelationSpec(Strict):
    """One relation of the file: the predicate it becomes, and the object's type if the range is vague."""

    predicate: str
    object_type: EntityType | None = None

    @model_validator(mode="after")
    def _fits_ontology(self) -> Self:
        info = ontology.predicates().get(self.predicate)
        if info is None:
            raise ValueError(f"unknown predicate {self.predicate!r}")
        if info.is_literal and self.object_type is not None:
            raise ValueError(f"{self.predicate} takes a value, not an entity: drop object_type")
        if self.object_type is not None and not info.admits_object(self.object_type):
            raise ValueError(f"{self.predicate}'s object cannot be a {self.object_type.value}")
        return self


class TriplesMapping(Strict):
    """A triples mapping file: relation names in our vocabulary, and how entities are named."""

    format: Literal["universe-graph/triples-mapping@1"]
    scope: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    subject_type: EntityType
    relations: dict[str, RelationSpec]

    @model_validator(mode="after")
    def _subjects_fit(self) -> Self:
        for name, spec in self.relations.items():
            if not ontology.predicate(spec.predicate).admits_subject(self.subject_type):
                raise ValueError(
                    f"relation {name!r}: {spec.predicate}'s subject cannot be a {self.subject_type.value}"
                )
        return self

    def object_type(self, relation: str) -> EntityType | None:
        """The type of a relation's object entity (None for a value predicate)."""
        spec = self.relations[relation]
        info = ontology.predicate(spec.predicate)
        if info.is_literal:
            return None
        if spec.object_type is not None:
            return spec.object_type
        assert info.range is not None and len(info.range) == 1, "checked when the mapping is loaded"
        return EntityType(next(iter(info.range)))

    @model_validator(mode="after")
    def _ranges_are_definite(self) -> Self:
        for name, spec in self.relations.items():
            info = ontology.predicate(spec.predicate)
            if info.is_literal or spec.object_type is not None:
                continue
            if info.range is None or len(info.range) != 1 or next(iter(info.range)) not in EntityType:
                raise ValueError(
                    f"relation {name!r}: the range of {spec.predicate} is not one class; give object_type"
                )
        return self


def mappings_dir() -> Path:
    return asset_dir("ingest") / "mappings"


@cache
def load_mappings(folder: Path | None = None) -> tuple[TriplesMapping, ...]:
    """Every triples mapping in the mappings folder, validated; errors name file, line and field."""
    out = []
    for path in sorted((folder or mappings_dir()).glob("*.yaml")):
        text = read_text(path).text
        if FORMAT not in text:
            continue
        doc = located_yaml.load(path, text)
        if doc.data.get("format") != FORMAT:
            continue
        try:
            out.append(TriplesMapping.model_validate(doc.data))
        except ValidationError as e:
            raise doc.validation_error(e) from e
    return tuple(out)


def _relations(lines: Iterable[str]) -> list[str]:
    return [line.split("|")[1] for line in lines if LINE_RE.match(line)]


def choose_mapping(lines: list[str], mappings: tuple[TriplesMapping, ...]) -> TriplesMapping | None:
    """The mapping that names most of these lines' relations (None if none names any)."""
    names = _relations(lines)
    best, best_hits = None, 0
    for mapping in mappings:
        hits = sum(1 for name in names if name in mapping.relations)
        if hits > best_hits:
            best, best_hits = mapping, hits
    return best


def name_iri(kind: EntityType, scope: str, name: str) -> str:
    """The IRI of a thing a triples file names: its exact text, percent-encoded (genres are shared)."""
    if kind is EntityType.GENRE:
        return genre_iri(name)
    return entity_iri(kind.value.lower(), scope, quote(name, safe=""))


@register
class TriplesReader(Reader):
    """`subject|relation|object` lines mapped onto the ontology by a triples mapping."""

    kind = SourceKind.TRIPLES
    name = "triples"
    version = "1.0"

    @classmethod
    def sniff(cls, head: str) -> bool:
        lines = [line for line in head.splitlines()[:-1] or head.splitlines() if line.strip()]
        if not lines:
            return False
        known = {name for mapping in load_mappings() for name in mapping.relations}
        hits = sum(1 for name in _relations(lines) if name in known)
        return hits >= DETECT_SHARE * len(lines)

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        text = read_text(path)
        lines = text.text.splitlines()
        mapping = choose_mapping(lines[:200], load_mappings())
        if mapping is None:
            known = sorted({n for m in load_mappings() for n in m.relations})
            raise BadInput.at(
                str(path),
                f"no triples mapping names this file's relations; mapped: {', '.join(known)}",
                line=1,
            )
        source = self.source(path, options, text.sha256)
        return _Builder(self, mapping, source.id, str(path), options).read(lines, source)


class _Builder:
    """Turns lines into entities and relations; each entity once, with the line that first names it."""

    def __init__(
        self,
        reader: TriplesReader,
        mapping: TriplesMapping,
        source_id: str,
        file: str,
        options: SourceOptions,
    ) -> None:
        self.reader, self.mapping, self.file, self.options = reader, mapping, file, options
        self.claims = ClaimBuilder(source_id, file, reader.name, reader.version, again=KEEP)
        self.object_types = {name: mapping.object_type(name) for name in mapping.relations}
        self.datatypes = {
            name: ontology.predicate(spec.predicate).datatype for name, spec in mapping.relations.items()
        }

    def read(self, lines: list[str], source: Source) -> ClaimSet:
        """Every line into claims, with a progress bar by rows for a long file on a terminal."""
        step = 1000
        with progress.bar(len(lines), f"reading {Path(self.file).name}") as shown:
            for number, line in enumerate(lines, start=1):
                if number % step == 0:
                    shown.update(step)
                if not line.strip() or line.startswith("#"):
                    continue
                problem = self.line(line, number)
                if problem is not None:
                    self.reader.reject(problem, self.options)
            shown.update(len(lines) % step)
        return self.claims.build(source)

    def entity(self, kind: EntityType, name: str, ev: Evidence) -> str:
        """An entity by name, with the line that first names it."""
        return self.claims.entity(name_iri(kind, self.mapping.scope, name), kind, name, ev)

    def line(self, line: str, number: int) -> Problem | None:
        fields = line.split("|")
        if len(fields) != 3:
            return Problem(
                self.file, f"expected subject|relation|object, found {len(fields)} field(s)", number
            )
        subject, relation, obj = (f.strip() for f in fields)
        for label, text in (("subject", subject), ("relation", relation), ("object", obj)):
            if not text:
                return Problem(self.file, "empty field", number, label)
        if relation not in self.mapping.relations:
            mapped = ", ".join(self.mapping.relations)
            return Problem(self.file, f"unknown relation {relation!r}; mapped: {mapped}", number, "relation")
        kind, datatype = self.object_types[relation], self.datatypes[relation]
        value: int | str
        if kind is not None:
            value = obj
        elif datatype == "integer":
            if not re.fullmatch(r"[+-]?[0-9]{1,18}", obj):  # `int` refuses past 4,300 digits
                shown = repr(obj) if len(obj) <= 40 else f"{obj[:40]!r}... ({len(obj):,} characters)"
                message = f"{relation} needs a whole number of at most 18 digits, not {shown}"
                return Problem(self.file, message, number, "object")
            value = int(obj)
        elif datatype == "string":
            value = obj
        else:
            return Problem(
                self.file, f"{relation}: values of xsd:{datatype} are not read from triples", number
            )
        ev = self.claims.evidence(line=number)
        try:
            s = self.entity(self.mapping.subject_type, subject, ev)
            o = self.entity(kind, value, ev) if kind is not None and isinstance(value, str) else value
        except ValidationError as e:
            return Problem(self.file, f"bad name: {e.errors()[0]['msg']}", number)
        try:
            self.claims.claim(s, self.mapping.relations[relation].predicate, o, ev)
        except ValidationError as e:
            return Problem(self.file, f"{relation}: {e.errors()[0]['msg']}", number, "object")
        return None
