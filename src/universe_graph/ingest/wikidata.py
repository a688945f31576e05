"""Reader for Wikidata: entity JSON (Special:EntityData or a dump), SPARQL JSON results, label CSV.

Which property becomes which predicate, and which class which entity type, is data in
`ingest/mappings/wikidata.yaml`; this module only knows Wikidata's shapes. Items a file refers
to without describing become entities typed from the predicate's range and named by their QID.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Annotated, Any, Literal, Self

from pydantic import StringConstraints, ValidationError, model_validator

from .. import ontology
from ..assets import asset_dir
from ..errors import BadInput, Problem
from ..model import (
    QID,
    ClaimSet,
    EntityType,
    Evidence,
    Source,
    SourceKind,
    Strict,
    slugify,
)
from ..vocab import entity_iri
from . import located_yaml
from .base import NO_OPTIONS, SNIFF_BYTES, Reader, SourceOptions, default_source_id, external_iri, register
from .claimbuilder import Again, ClaimBuilder
from .jsonfile import load_json
from .located_yaml import Loc
from .text import open_binary, read_text
from .universe import json_pointer

QID_RE = re.compile(r"^Q[1-9][0-9]*$")
IMDB_RE = re.compile(r"^(tt|nm)[0-9]{7,}$")
ENTITY_IRI_RE = re.compile(r"^https?://www\.wikidata\.org/entity/(.*)$")
#: years of at most 18 digits: `int` refuses more than 4,300, and a longer "year" is malformed anyway
TIME_RE = re.compile(r"^([+-]?)([0-9]{1,18})-[0-9]{2}-[0-9]{2}T")
DATE_LITERAL_RE = re.compile(r"^([+-]?[0-9]{1,18})(?:-[0-9]{2}-[0-9]{2}(?:T.*)?)?$")
#: Datavalue types this reader can read; a mapped property with any other is a bad record.
UNDERSTOOD_DATATYPES = frozenset({"wikibase-entityid", "time", "string", "monolingualtext"})
#: Wikidata's time precision for "year" (9); coarser values (decade, century) name no year.
YEAR_PRECISION = 9
#: The label CSV's columns (a WDQS export of `SELECT ?itemLabel ?universeLabel`).
CSV_ITEM, CSV_UNIVERSE = "itemLabel", "universeLabel"
LABEL_SCHEME = "wikidata-label"

# Counted, not errors: what `WikidataReader.counts` tallies.
UNTYPED = "item without a mapped type (P31)"
NOT_AN_ITEM = "entity that is not an item (property, lexeme, missing)"
OUTSIDE_ONTOLOGY = "statement outside the predicate's domain or range"
DEPRECATED = "deprecated statement"
IMPRECISE_DATE = "date less precise than a year"
BAD_EXTERNAL_ID = "malformed external id"
BARE_QID_LABEL = "row whose label is a bare QID"
UNTYPED_ROW = "SPARQL row whose type maps to nothing"

PID = Annotated[str, StringConstraints(pattern=r"^P[1-9][0-9]*$")]
Shape = Literal["entities", "dump", "sparql", "csv"]
Layout = Literal["document", "dump", "csv"]


# ---------------------------------------------------------------------------------------- mapping


class PropertySpec(Strict):
    """One statement property: the predicate it becomes and what its values are."""

    predicate: str
    value_type: EntityType | Literal["same"] | None = None
    reverse: bool = False
    character_qualifier: PID | None = None
    year: bool = False

    @model_validator(mode="after")
    def _fits_ontology(self) -> Self:
        info = ontology.predicates().get(self.predicate)
        if info is None:
            raise ValueError(f"unknown predicate {self.predicate!r}")
        if self.year:
            if info.datatype != "integer" or self.value_type or self.reverse or self.character_qualifier:
                raise ValueError("a `year` property maps to an integer predicate and takes no other option")
            return self
        if info.is_literal or self.value_type is None:
            raise ValueError(f"{self.predicate} needs an entity value: give value_type (or year: true)")
        if isinstance(self.value_type, EntityType):
            fits = info.admits_subject if self.reverse else info.admits_object
            if not fits(self.value_type):
                role = "subject" if self.reverse else "object"
                raise ValueError(f"{self.predicate}'s {role} cannot be a {self.value_type.value}")
        portrays = ontology.predicate("portrayed_by").admits_object
        if self.character_qualifier and (
            self.reverse or not isinstance(self.value_type, EntityType) or not portrays(self.value_type)
        ):
            raise ValueError("character_qualifier needs a forward property whose values portray characters")
        return self


class SparqlSpec(Strict):
    """The SPARQL results convention: which variables name the item, its type and properties."""

    item: str
    type: str
    label_suffix: Annotated[str, StringConstraints(min_length=1)]
    default_type: EntityType
    variables: dict[str, PID]


class Mapping(Strict):
    """`ingest/mappings/wikidata.yaml`: Wikidata classes and properties in our vocabulary."""

    format: Literal["universe-graph/wikidata-mapping@1"]
    language: Annotated[str, StringConstraints(min_length=1)]
    types: dict[QID, EntityType]
    external_ids: dict[PID, Literal["imdb"]]
    properties: dict[PID, PropertySpec]
    sparql: SparqlSpec

    @model_validator(mode="after")
    def _variables_are_mapped(self) -> Self:
        for var, pid in self.sparql.variables.items():
            if pid not in self.properties and pid not in self.external_ids:
                raise ValueError(f"sparql variable {var!r} names {pid}, which the mapping does not map")
        return self

    def property_of(self, var: str) -> str | None:
        """The property a SPARQL variable stands for, by convention name or P-id; None to ignore."""
        pid = self.sparql.variables.get(var, var)
        return pid if pid in self.properties or pid in self.external_ids else None


def mapping_path() -> Path:
    """Where the installed mapping file is (top-level `ingest/` in a checkout, assets in a wheel)."""
    return asset_dir("ingest") / "mappings" / "wikidata.yaml"


@cache
def load_mapping(path: Path | None = None) -> Mapping:
    """The mapping file, validated against the ontology; its errors name line and field."""
    path = path or mapping_path()
    doc = located_yaml.load(path, read_text(path).text)
    try:
        return Mapping.model_validate(doc.data)
    except ValidationError as e:
        raise doc.validation_error(e) from e


# ---------------------------------------------------------------------------------------- input


def _head_text(head: str) -> str:
    """The head without a BOM and leading blank space, where every shape announces itself."""
    return head.lstrip("\ufeff \t\r\n")


def shape_of(head: str) -> Shape | None:
    """Which Wikidata shape the first characters of a file look like, strictly (for detection)."""
    text = _head_text(head)
    if text.startswith("["):
        has_item = re.search(r'"type"\s*:\s*"item"|"id"\s*:\s*"Q[0-9]+"', text)
        return "dump" if re.match(r"\[[ \t]*\r?\n\s*\{", text) and has_item else None
    if text.startswith("{"):
        if re.match(r'\{\s*"entities"\s*:\s*\{', text):
            return "entities"
        if re.search(r'"type"\s*:\s*"item"', text) and re.search(r'"id"\s*:\s*"Q[0-9]+"', text):
            return "entities"
        if re.match(r'\{\s*"head"\s*:\s*\{', text) and '"vars"' in text and "wikidata.org/entity/" in text:
            return "sparql"
        return None
    first = next(csv.reader([text.split("\n", 1)[0]]), [])
    return "csv" if {CSV_ITEM, CSV_UNIVERSE} <= {c.strip() for c in first} else None


def _open(path: Path) -> IO[bytes]:
    """Open for streaming; an unreadable path is BadInput naming it."""
    return open_binary(path)


def _layout(path: Path) -> Layout:
    """How to read `path`: one JSON document, a line-per-entity dump, or CSV (by its first character)."""
    with _open(path) as f:
        head = f.read(SNIFF_BYTES).decode("utf-8", errors="replace")
    text = _head_text(head)
    if not text:
        raise BadInput.at(str(path), "empty file")
    if text.startswith("["):
        return "dump"
    return "document" if text.startswith("{") else "csv"


class _Lines:
    """A file's lines decoded as UTF-8 one at a time and hashed as they pass; bad bytes are located."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.digest = hashlib.sha256()
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        with _open(self.path) as f:
            for raw in f:
                self.number += 1
                self.digest.update(raw)
                yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        file = str(self.path)
        if b"\x00" in raw:
            raise BadInput.at(file, "binary file (NUL byte), expected UTF-8 text", line=self.number)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            message = f"not UTF-8: byte 0x{raw[e.start]:02x} at column {e.start + 1}"
            raise BadInput.at(file, message, line=self.number) from e
        return text.removeprefix("\ufeff") if self.number == 1 else text


def _malformed(
    path: Path, e: json.JSONDecodeError, line: int | None = None, column_offset: int = 0
) -> Problem:
    column = e.colno + column_offset
    return Problem(str(path), f"malformed JSON: {e.msg} at column {column}", line=line or e.lineno)


# ---------------------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class _Ref:
    """An entity of the claim set: its type and IRI."""

    type: EntityType
    iri: str


@dataclass(frozen=True)
class _Record:
    """One entity object of the input and where it is (JSON pointer parts, dump line)."""

    data: Any
    loc: Loc
    line: int | None


#: An entity described again keeps its first name, type and evidence; a different name becomes an alias.
AGAIN = Again(evidence=False, aliases=False, name=True, placeholder=False)


class _Claims:
    """One source's claims by QID (held in a ClaimBuilder); keeps what fits the ontology, counts the rest."""

    def __init__(self, reader: WikidataReader, options: SourceOptions, source_id: str, file: str) -> None:
        self.reader, self.options, self.source_id, self.file = reader, options, source_id, file
        self.builder = ClaimBuilder(source_id, file, reader.name, reader.version, again=AGAIN)
        self.refs: dict[str, _Ref] = {}  # QID -> entity
        self.names: dict[str, str] = {}  # QID -> label, also of items described but not typed
        self.years: dict[str, tuple[int, Evidence]] = {}

    def evidence(self, loc: Loc | None = None, line: int | None = None) -> Evidence:
        return self.builder.evidence(line=line, pointer=None if loc is None else json_pointer(loc))

    def reject(self, message: str, loc: Loc | None = None, line: int | None = None) -> None:
        field = None if loc is None else json_pointer(loc)
        self.reader.reject(Problem(self.file, message, line=line, field=field), self.options)

    def count(self, what: str) -> None:
        self.reader.counts[what] += 1

    def entity(
        self,
        iri: str,
        kind: EntityType,
        name: str,
        ev: Evidence,
        *,
        aliases: Iterable[str] = (),
        qid: str | None = None,
    ) -> _Ref | None:
        """Define an entity once; a second name for the same IRI becomes an alias."""
        try:
            self.builder.entity(
                iri, kind, name, ev, aliases=[a for a in aliases if a != name], ids={"wikidata": qid}
            )
        except ValidationError as e:
            reason = "; ".join(str(x["msg"]) for x in e.errors())
            shown = name if len(name) <= 80 else name[:77] + "..."
            problem = Problem(
                self.file, f"cannot make a {kind.value} of {shown!r}: {reason}", ev.line, ev.pointer
            )
            self.reader.reject(problem, self.options)
            return None
        return _Ref(self.builder.entities[iri].type, iri)

    def item(
        self, qid: str, kind: EntityType, name: str, ev: Evidence, aliases: Iterable[str] = ()
    ) -> _Ref | None:
        """An item by QID: the first definition fixes its type."""
        known = self.refs.get(qid)
        if known is not None:
            return known
        ref = self.entity(external_iri(kind, "wikidata", qid), kind, name, ev, aliases=aliases, qid=qid)
        if ref is not None:
            self.refs[qid] = ref
        return ref

    def refer(
        self, qid: str, kind: EntityType, fits: Callable[[EntityType], bool], ev: Evidence, name: str | None
    ) -> _Ref | None:
        """An item a statement points at: the known entity if it fits, else a new one of `kind`."""
        known = self.refs.get(qid)
        if known is not None:
            return known if fits(known.type) else None
        if not fits(kind):
            return None
        return self.item(qid, kind, name or self.names.get(qid) or qid, ev)

    def link(
        self,
        item: _Ref,
        predicate: str,
        qid: str,
        kind: EntityType,
        ev: Evidence,
        *,
        reverse: bool = False,
        name: str | None = None,
        character: str | None = None,
    ) -> _Ref | None:
        """Relate `item` to the item `qid` (the value), subject first unless `reverse`."""
        info = ontology.predicate(predicate)
        item_fits = info.admits_object(item.type) if reverse else info.admits_subject(item.type)
        other_fits = info.admits_subject if reverse else info.admits_object
        other = self.refer(qid, kind, other_fits, ev, name) if item_fits else None
        if other is None:
            self.count(OUTSIDE_ONTOLOGY)
            return None
        subject, obj = (other, item) if reverse else (item, other)
        self.relate(subject, predicate, obj.iri, ev, character=character)
        return other

    def relate(
        self,
        subject: _Ref,
        predicate: str,
        obj: str | int,
        ev: Evidence,
        *,
        character: str | None = None,
        work: str | None = None,
    ) -> None:
        """The same claim again (a repeated row, P674 and P1441) adds its evidence."""
        self.builder.claim(subject.iri, predicate, obj, ev, character=character, work=work)

    def year(self, subject: _Ref, year: int, ev: Evidence) -> None:
        """Remember a release year; the earliest one becomes the claim."""
        if not ontology.predicate("release_year").admits_subject(subject.type):
            self.count(OUTSIDE_ONTOLOGY)
            return
        known = self.years.get(subject.iri)
        if known is None or year < known[0]:
            self.years[subject.iri] = (year, ev)

    def external_id(self, subject: _Ref, field: str, value: str) -> None:
        ids = self.builder.entities[subject.iri].external_ids
        if field == "imdb" and IMDB_RE.match(value):
            if ids.imdb is None:
                ids.imdb = value
        else:
            self.count(BAD_EXTERNAL_ID)

    def build(self, source: Source) -> ClaimSet:
        for iri, (year, ev) in self.years.items():
            self.builder.claim(iri, "release_year", year, ev)
        return self.builder.build(source)


# ---------------------------------------------------------------------------------------- reader


@register
class WikidataReader(Reader):
    """Wikidata entity JSON, dumps, SPARQL results and label CSV, mapped by the mapping file."""

    kind = SourceKind.WIKIDATA
    name = "wikidata"
    version = "1.0"

    def __init__(self, mapping: Mapping | None = None) -> None:
        super().__init__()
        self._mapping = mapping
        #: what was passed over without being an error: untyped items, bare-QID labels, ...
        self.counts: Counter[str] = Counter()

    @property
    def mapping(self) -> Mapping:
        if self._mapping is None:
            self._mapping = load_mapping()
        return self._mapping

    @classmethod
    def sniff(cls, head: str) -> bool:
        return shape_of(head) is not None

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        self.counts = Counter()
        layout = _layout(path)
        claims = _Claims(self, options, options.source_id or default_source_id(path), str(path))
        if layout == "dump":
            lines = _Lines(path)
            _EntityReader(self.mapping, claims).read(_dump_records(path, lines, claims))
            digest = lines.digest.hexdigest()
        elif layout == "csv":
            lines = _Lines(path)
            _read_label_csv(path, lines, claims)
            digest = lines.digest.hexdigest()
        else:
            doc, text = load_json(path)  # located: malformed, too deep, huge integers, lone surrogates
            digest = text.sha256
            self._read_document(path, doc, claims)
        source = self.source(path, options, digest, source_id=claims.source_id)
        return claims.build(source)

    def _read_document(self, path: Path, doc: Any, claims: _Claims) -> None:
        if not isinstance(doc, dict):
            raise BadInput.at(
                str(path), f"expected a JSON object at the top, found {type(doc).__name__}", line=1
            )
        if "head" in doc:
            _SparqlReader(self.mapping, claims).read(doc)
        elif "entities" in doc:
            entities = doc["entities"]
            if not isinstance(entities, dict):
                raise BadInput.at(
                    str(path), "`entities` must be an object of entities by id", field="/entities"
                )
            records = [_Record(v, ("entities", k), None) for k, v in entities.items()]
            _EntityReader(self.mapping, claims).read(records)
        elif "claims" in doc or "id" in doc:
            _EntityReader(self.mapping, claims).read([_Record(doc, (), None)])
        else:
            keys = ", ".join(sorted(doc)[:5]) or "none"
            raise BadInput.at(
                str(path), f"neither Wikidata entity JSON nor SPARQL results (top-level keys: {keys})", line=1
            )


# ---------------------------------------------------------------------------------------- entity JSON


def _dump_records(path: Path, lines: _Lines, claims: _Claims) -> Iterator[_Record]:
    """The entities of a dump: `[`, one entity object a line (ending in `,` but the last), `]`."""
    opened = closed = False
    index = 0
    for text in lines:
        stripped = text.strip()
        if not stripped:
            continue
        if not opened:
            if stripped != "[":
                raise BadInput.at(
                    str(path), "a Wikidata dump starts with a line holding only '['", line=lines.number
                )
            opened = True
        elif closed:
            raise BadInput.at(str(path), "content after the dump's closing ']'", line=lines.number)
        elif stripped == "]":
            closed = True
        else:
            try:
                data = json.loads(stripped.removesuffix(","))
            except json.JSONDecodeError as e:
                offset = len(text) - len(text.lstrip())
                problem = _malformed(path, e, lines.number, offset)
                claims.reader.reject(problem, claims.options)
            except (RecursionError, ValueError) as e:  # nested too deep; an integer past 4,300 digits
                why = "nested too deeply" if isinstance(e, RecursionError) else str(e)
                problem = Problem(str(path), f"malformed JSON: {why}", line=lines.number)
                claims.reader.reject(problem, claims.options)
            else:
                yield _Record(data, (index,), lines.number)
            index += 1
    if not closed:
        raise BadInput.at(str(path), "truncated dump: no closing ']'", line=max(lines.number, 1))


class _EntityReader:
    """Entity objects to claims: types first (so references find described items), then statements."""

    def __init__(self, mapping: Mapping, claims: _Claims) -> None:
        self.mapping, self.claims = mapping, claims

    def read(self, records: Iterable[_Record]) -> None:
        typed = [(record, ref) for record in records if (ref := self.describe(record)) is not None]
        for record, ref in typed:
            self.statements(record, ref)

    def describe(self, record: _Record) -> _Ref | None:
        """Check the entity's id, remember its label, and define it when its P31 maps to a type."""
        data, claims = record.data, self.claims
        if not isinstance(data, dict):
            claims.reject("expected an entity object", record.loc, record.line)
            return None
        if "missing" in data or data.get("type", "item") != "item":
            claims.count(NOT_AN_ITEM)
            return None
        qid = data.get("id")
        if not isinstance(qid, str) or not QID_RE.match(qid):
            claims.reject(
                f"not a Wikidata item id: {qid!r} (expected Q and digits)", (*record.loc, "id"), record.line
            )
            return None
        name, aliases = self.labels(data)
        if name:
            claims.names.setdefault(qid, name)
        kind = self.type_of(record)
        if kind is None:
            claims.count(UNTYPED)
            return None
        return claims.item(qid, kind, name or qid, claims.evidence(record.loc, record.line), aliases)

    def labels(self, data: dict[str, Any]) -> tuple[str | None, list[str]]:
        """The English label and aliases (the mapping's language)."""
        lang = self.mapping.language
        label = _text(_dig(data, "labels", lang))
        name = label.strip() or None if label is not None else None
        raw = _dig(data, "aliases", lang)
        aliases = [text.strip() for a in raw if (text := _text(a))] if isinstance(raw, list) else []
        return name, [a for a in aliases if a]

    def type_of(self, record: _Record) -> EntityType | None:
        """The type of the first P31 value the mapping knows."""
        statements = _dig(record.data, "claims", "P31")
        for i, statement in enumerate(statements if isinstance(statements, list) else []):
            loc = (*record.loc, "claims", "P31", i)
            value = self.value(statement, "P31", "wikibase-entityid", loc, record.line)
            qid = self.item_value(value, _value_loc((*loc, "mainsnak")), record.line)
            if qid is not None and qid in self.mapping.types:
                return self.mapping.types[qid]
        return None

    def statements(self, record: _Record, subject: _Ref) -> None:
        """Every statement of a mapped property or external id; the rest of the entity is not read."""
        claims = _dig(record.data, "claims")
        if not isinstance(claims, dict):
            return
        for pid, statements in claims.items():
            field, spec = self.mapping.external_ids.get(pid), self.mapping.properties.get(pid)
            if field is None and spec is None:
                continue
            if not isinstance(statements, list):
                self.claims.reject("expected a list of statements", (*record.loc, "claims", pid), record.line)
                continue
            for i, statement in enumerate(statements):
                loc = (*record.loc, "claims", pid, i)
                if field is not None:
                    self.external_id(record, subject, pid, field, statement, loc)
                elif spec is not None:
                    self.statement(record, subject, pid, spec, statement, loc)

    def external_id(
        self, record: _Record, subject: _Ref, pid: str, field: str, statement: Any, loc: Loc
    ) -> None:
        value = self.value(statement, pid, "string", loc, record.line)
        if isinstance(value, str):
            self.claims.external_id(subject, field, value)

    def statement(
        self, record: _Record, subject: _Ref, pid: str, spec: PropertySpec, statement: Any, loc: Loc
    ) -> None:
        """One statement of a mapped property: a year, a cast credit, or a link to another item."""
        expected = "time" if spec.year else "wikibase-entityid"
        value = self.value(statement, pid, expected, loc, record.line)
        if value is None:
            return
        ev = self.claims.evidence(loc, record.line)
        if spec.year:
            year = self.year(value, _value_loc((*loc, "mainsnak")), record.line)
            if year is not None:
                self.claims.year(subject, year, ev)
            return
        qid = self.item_value(value, _value_loc((*loc, "mainsnak")), record.line)
        if qid is None:
            return
        kind = subject.type if spec.value_type == "same" or spec.value_type is None else spec.value_type
        if spec.character_qualifier:
            self.cast(record, subject, spec, qid, kind, statement, loc, ev)
        else:
            self.claims.link(subject, spec.predicate, qid, kind, ev, reverse=spec.reverse)

    def cast(
        self,
        record: _Record,
        work: _Ref,
        spec: PropertySpec,
        qid: str,
        kind: EntityType,
        statement: dict[str, Any],
        loc: Loc,
        ev: Evidence,
    ) -> None:
        """A cast credit; each character qualifier adds the role and who portrays whom in which work."""
        qpid = spec.character_qualifier or ""
        snaks = _dig(statement, "qualifiers", qpid)
        characters: list[_Ref] = []
        for j, snak in enumerate(snaks if isinstance(snaks, list) else []):
            qloc = (*loc, "qualifiers", qpid, j)
            value = self.snak_value(snak, qpid, "wikibase-entityid", qloc, record.line)
            char_qid = self.item_value(value, _value_loc(qloc), record.line)
            if char_qid is None:
                continue
            fits = ontology.predicate("portrayed_by").admits_subject
            char = self.claims.refer(
                char_qid, EntityType.CHARACTER, fits, self.claims.evidence(qloc, record.line), None
            )
            if char is None:
                self.claims.count(OUTSIDE_ONTOLOGY)
            else:
                characters.append(char)
        if not characters:
            self.claims.link(work, spec.predicate, qid, kind, ev)
        for char in characters:
            person = self.claims.link(work, spec.predicate, qid, kind, ev, character=char.iri)
            if person is not None:
                self.claims.relate(char, "portrayed_by", person.iri, ev, work=work.iri)
                self.claims.relate(char, "appears_in", work.iri, ev)

    def value(self, statement: Any, pid: str, expected: str, loc: Loc, line: int | None) -> Any:
        """The main snak's value, or None (no value, deprecated, or a bad record already rejected)."""
        if not isinstance(statement, dict):
            self.claims.reject("expected a statement object", loc, line)
            return None
        if statement.get("rank") == "deprecated":
            self.claims.count(DEPRECATED)
            return None
        return self.snak_value(statement.get("mainsnak"), pid, expected, (*loc, "mainsnak"), line)

    def snak_value(self, snak: Any, pid: str, expected: str, loc: Loc, line: int | None) -> Any:
        """A snak's datavalue if it is of the `expected` datatype; any other is a located bad record."""
        if not isinstance(snak, dict):
            self.claims.reject("expected a snak object", loc, line)
            return None
        if snak.get("snaktype", "value") != "value":  # novalue, somevalue: nothing to claim
            return None
        datavalue = snak.get("datavalue")
        if not isinstance(datavalue, dict):
            self.claims.reject("a value snak without a datavalue", loc, line)
            return None
        kind = datavalue.get("type")
        where = (*loc, "datavalue", "type")
        if kind not in UNDERSTOOD_DATATYPES:
            self.claims.reject(f"unknown Wikidata datatype {kind}", where, line)
            return None
        if kind != expected:
            self.claims.reject(f"{pid} takes {expected} values, not {kind}", where, line)
            return None
        return datavalue.get("value")

    def item_value(self, value: Any, loc: Loc, line: int | None) -> str | None:
        """The QID of a wikibase-entityid value (`id`, or the older `numeric-id`) found at `loc`."""
        if value is None:
            return None
        ident: object = None
        if isinstance(value, dict):
            ident = value.get("id")
            numeric = value.get("numeric-id")
            if ident is None and isinstance(numeric, int) and value.get("entity-type", "item") == "item":
                ident = f"Q{numeric}"
        if isinstance(ident, str) and QID_RE.match(ident):
            return ident
        self.claims.reject(f"not a Wikidata item id: {ident!r} (expected Q and digits)", loc, line)
        return None

    def year(self, value: Any, loc: Loc, line: int | None) -> int | None:
        """The year of a time value (`+1931-01-01T00:00:00Z`); None if only a decade or century is known."""
        time = value.get("time") if isinstance(value, dict) else None
        match = TIME_RE.match(time) if isinstance(time, str) else None
        if match is None:
            self.claims.reject(f"malformed Wikidata time {time!r}", (*loc, "time"), line)
            return None
        precision = value.get("precision", 11)
        if not isinstance(precision, int) or precision < YEAR_PRECISION:
            self.claims.count(IMPRECISE_DATE)
            return None
        sign, digits = match.groups()
        return -int(digits) if sign == "-" else int(digits)


def _value_loc(snak: Loc) -> Loc:
    """Where a snak's value is, for a located problem about it."""
    return (*snak, "datavalue", "value")


def _dig(data: Any, *keys: str) -> Any:
    """`data[k1][k2]...`, or None where a level is missing or not an object."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(term: Any) -> str | None:
    """The string `value` of a label, alias or SPARQL term object, if it has one."""
    value = term.get("value") if isinstance(term, dict) else None
    return value if isinstance(value, str) else None


# ---------------------------------------------------------------------------------------- SPARQL results


class _SparqlReader:
    """SPARQL JSON results to claims, by the convention documented in the mapping file."""

    def __init__(self, mapping: Mapping, claims: _Claims) -> None:
        self.mapping, self.claims, self.spec = mapping, claims, mapping.sparql

    def read(self, doc: dict[str, Any]) -> None:
        file = self.claims.file
        variables = _dig(doc, "head", "vars")
        if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
            raise BadInput.at(
                file, "SPARQL results need head.vars, a list of variable names", field="/head/vars"
            )
        if self.spec.item not in variables:
            raise BadInput.at(
                file,
                f"SPARQL results without an {self.spec.item!r} variable: each row must say which "
                "Wikidata item it is about (see ingest/mappings/wikidata.yaml)",
                field="/head/vars",
            )
        bindings = _dig(doc, "results", "bindings")
        if not isinstance(bindings, list):
            raise BadInput.at(
                file, "SPARQL results need results.bindings, a list of rows", field="/results/bindings"
            )
        columns = {
            v: pid
            for v in variables
            if v not in (self.spec.item, self.spec.type) and (pid := self.mapping.property_of(v))
        }
        rows = self.items(bindings, self.spec.type in variables)
        for i, row, qid in rows:
            ref = self.claims.refs.get(qid)
            if ref is None:
                self.claims.count(UNTYPED_ROW)
                continue
            for var, pid in columns.items():
                term = row.get(var)
                if term is not None:
                    self.cell(ref, pid, var, row, term, ("results", "bindings", i, var))

    def items(self, bindings: list[Any], typed: bool) -> list[tuple[int, dict[str, Any], str]]:
        """Define every row's item with the first type any of its rows maps to."""
        rows: list[tuple[int, dict[str, Any], str]] = []
        for i, row in enumerate(bindings):
            loc: Loc = ("results", "bindings", i)
            if not isinstance(row, dict):
                self.claims.reject("expected a row object", loc)
                continue
            term = row.get(self.spec.item)
            if term is None:
                self.claims.reject(f"row without an {self.spec.item!r} value", loc)
                continue
            qid = self.qid(term, (*loc, self.spec.item))
            if qid is None:
                continue
            rows.append((i, row, qid))
            kind = self.type_of(row, loc) if typed else self.spec.default_type
            if kind is not None:
                name = self.label(row, self.spec.item) or qid
                self.claims.item(qid, kind, name, self.claims.evidence((*loc, self.spec.item)))
        return rows

    def type_of(self, row: dict[str, Any], loc: Loc) -> EntityType | None:
        """The row's `type` class mapped to an entity type (unbound: the default type)."""
        term = row.get(self.spec.type)
        if term is None:
            return self.spec.default_type
        qid = self.qid(term, (*loc, self.spec.type))
        return self.mapping.types.get(qid) if qid else None

    def cell(self, item: _Ref, pid: str, var: str, row: dict[str, Any], term: Any, loc: Loc) -> None:
        """One bound variable of a row: an external id, a year, or a link named by its label column."""
        ev = self.claims.evidence(loc)
        field = self.mapping.external_ids.get(pid)
        if field is not None:
            value = self.literal(term, loc)
            if value is not None:
                self.claims.external_id(item, field, value)
            return
        spec = self.mapping.properties[pid]
        if spec.year:
            self.year(item, term, loc, ev)
            return
        qid = self.qid(term, loc)
        if qid is not None:
            kind = item.type if spec.value_type == "same" or spec.value_type is None else spec.value_type
            self.claims.link(
                item, spec.predicate, qid, kind, ev, reverse=spec.reverse, name=self.label(row, var)
            )

    def year(self, item: _Ref, term: Any, loc: Loc, ev: Evidence) -> None:
        value = self.literal(term, loc)
        if value is None:
            return
        match = DATE_LITERAL_RE.match(value.strip())
        if match is None:
            self.claims.reject(f"expected a date or a year, not {value!r}", loc)
            return
        self.claims.year(item, int(match.group(1)), ev)

    def qid(self, term: Any, loc: Loc) -> str | None:
        """The QID of an entity IRI term; anything else is a bad row."""
        value = term.get("value") if isinstance(term, dict) else None
        match = ENTITY_IRI_RE.match(value) if isinstance(value, str) and term.get("type") == "uri" else None
        if match is None:
            self.claims.reject(
                f"expected a Wikidata entity IRI (http://www.wikidata.org/entity/Q...), not {value!r}", loc
            )
            return None
        if not QID_RE.match(match.group(1)):
            self.claims.reject(f"not a Wikidata item id: {match.group(1)!r} (expected Q and digits)", loc)
            return None
        return match.group(1)

    def literal(self, term: Any, loc: Loc) -> str | None:
        """A literal term's text; an IRI or blank node where a literal belongs is a bad row."""
        value = _text(term)
        if value is None or term.get("type") not in ("literal", "typed-literal"):
            self.claims.reject("expected a literal", loc)
            return None
        return value

    def label(self, row: dict[str, Any], var: str) -> str | None:
        label = _text(row.get(var + self.spec.label_suffix))
        return label.strip() or None if label is not None else None


# ---------------------------------------------------------------------------------------- label CSV


def _read_label_csv(path: Path, lines: _Lines, claims: _Claims) -> None:
    """Rows `itemLabel,universeLabel`: a Character part_of_universe a Universe, scoped by the universe."""
    reader = csv.reader(lines)
    try:
        header = next(reader, None)
    except csv.Error as e:
        raise BadInput.at(str(path), f"malformed CSV header: {e}", line=1) from e
    if header is None or not {CSV_ITEM, CSV_UNIVERSE} <= {h.strip() for h in header}:
        raise BadInput.at(
            str(path), f"expected a header with {CSV_ITEM} and {CSV_UNIVERSE}, found {header!r}", line=1
        )
    columns = [h.strip() for h in header]
    item_at, universe_at = columns.index(CSV_ITEM), columns.index(CSV_UNIVERSE)
    end = reader.line_num
    while True:
        try:
            row = next(reader, None)
        except csv.Error as e:  # a field over the CSV limit, a stray CR: a bad row, at its line
            line, end = end + 1, reader.line_num
            claims.reject(f"malformed CSV row: {e}", line=line)
            continue
        if row is None:
            break
        line, end = end + 1, reader.line_num
        if not row:
            continue
        if len(row) != len(columns):
            claims.reject(f"expected {len(columns)} fields, found {len(row)}", line=line)
            continue
        name, universe = row[item_at].strip(), row[universe_at].strip()
        if not name or not universe:
            claims.reject(f"empty {CSV_ITEM if not name else CSV_UNIVERSE}", line=line)
        elif QID_RE.match(name) or QID_RE.match(universe):
            claims.count(BARE_QID_LABEL)
        else:
            _label_row(claims, name, universe, line)


def _label_row(claims: _Claims, name: str, universe: str, line: int) -> None:
    """No QIDs here: IRIs come from the names, the character's scoped by its universe."""
    ev = claims.evidence(line=line)
    world = slugify(universe)
    uni = claims.entity(entity_iri(LABEL_SCHEME, "universe", world), EntityType.UNIVERSE, universe, ev)
    char_iri = entity_iri(LABEL_SCHEME, "character", world, slugify(name))
    char = claims.entity(char_iri, EntityType.CHARACTER, name, ev)
    if uni is not None and char is not None:
        claims.relate(char, "part_of_universe", uni.iri, ev)
