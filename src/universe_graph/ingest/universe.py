"""Reader for the native universe format: YAML in, claims with line-and-pointer evidence out.

Every reference is checked against the ontology's domain and range; all problems in a file
are reported together, each naming file, line and field.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from pydantic import ValidationError

from .. import ontology
from ..errors import BadInput, Problem
from ..model import (
    ClaimSet,
    EntityType,
    Event,
    Evidence,
    ExternalIds,
    Participant,
    Qualifiers,
    Source,
    SourceKind,
)
from ..vocab import entity_iri
from . import located_yaml
from .base import NO_OPTIONS, Reader, SourceOptions, default_source_id, register
from .claimbuilder import KEEP, ClaimBuilder, genre_iri
from .located_yaml import Loc, LocatedYaml
from .text import read_text
from .universe_format import FORMAT_TAG, RELATION_FIELDS, EventSpec, TargetSpec, UniverseFile

SECTION_TYPES: dict[str, EntityType] = {
    "people": EntityType.PERSON,
    "characters": EntityType.CHARACTER,
    "organizations": EntityType.ORGANIZATION,
    "locations": EntityType.LOCATION,
}


def json_pointer(loc: Loc) -> str:
    """RFC 6901 pointer for a path in the parsed document."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in loc)


@dataclass(frozen=True)
class Known:
    """An entity defined in the file: its type, IRI and where it is defined."""

    type: EntityType
    iri: str
    loc: Loc


@register
class UniverseReader(Reader):
    kind = SourceKind.UNIVERSE
    name = "universe-yaml"
    version = "1.0"

    @classmethod
    def sniff(cls, head: str) -> bool:
        return any(
            line.strip().replace('"', "").replace("'", "") == f"format: {FORMAT_TAG}"
            for line in head.splitlines()[:50]
        )

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        text = read_text(path)
        doc = located_yaml.load(path, text.text)
        try:
            spec = UniverseFile.model_validate(doc.data)
        except ValidationError as e:
            raise doc.validation_error(e) from e
        source = Source(
            id=options.source_id or spec.source.id or default_source_id(path),
            location=str(path),
            kind=SourceKind.UNIVERSE,
            tier=options.tier or spec.source.tier,
            about=options.about or entity_iri("universe", spec.universe.key),
            content_hash=text.sha256,
        )
        return _Builder(self, doc, spec, source).build()


class _Builder:
    """Turns one validated universe file into a ClaimSet, collecting located problems."""

    def __init__(self, reader: Reader, doc: LocatedYaml, spec: UniverseFile, source: Source) -> None:
        self.reader, self.doc, self.spec, self.source = reader, doc, spec, source
        self.problems: list[Problem] = []
        self.known: dict[str, Known] = {}
        self.claims = ClaimBuilder(source.id, source.location, reader.name, reader.version, again=KEEP)
        self.universe_key = spec.universe.key

    # ------------------------------------------------------------------ helpers
    def evidence(self, loc: Loc) -> Evidence:
        return self.claims.evidence(line=self.doc.line_of(loc), pointer=json_pointer(loc))

    def problem(self, loc: Loc, message: str) -> None:
        self.problems.append(self.doc.problem(loc, message))

    def iri_for(self, kind: EntityType, key: str) -> str:
        if kind is EntityType.UNIVERSE:
            return entity_iri("universe", key)
        if kind in (EntityType.PERSON, EntityType.FILM, EntityType.SERIES, EntityType.GENRE):
            return entity_iri(kind.value.lower(), key)
        return entity_iri(self.universe_key, kind.value.lower(), key)

    def define(
        self, key: str, kind: EntityType, name: str, aliases: list[str], external_ids: ExternalIds, loc: Loc
    ) -> None:
        if key in self.known:
            first = self.known[key]
            self.problem(
                loc,
                f"key {key!r} is already used by a {first.type.value} "
                f"(line {self.doc.line_of(first.loc)}); keys are unique in a file",
            )
            return
        iri = self.iri_for(kind, key)
        self.known[key] = Known(kind, iri, loc)
        ids = external_ids.model_dump(exclude_none=True)
        self.claims.entity(iri, kind, name, self.evidence(loc), aliases=aliases, ids=ids)

    def lookup(self, key: str, loc: Loc) -> Known | None:
        found = self.known.get(key)
        if found is None:
            close = difflib.get_close_matches(key, list(self.known), n=3)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            self.problem(loc, f"{key!r} is not defined in this file{hint}")
        return found

    def relate(
        self,
        subject: Known,
        predicate: str,
        target: str | TargetSpec,
        loc: Loc,
        *,
        character: str | None = None,
    ) -> None:
        key, work_key, time = (
            (target, None, None) if isinstance(target, str) else (target.key, target.work, target.time)
        )
        obj = self.lookup(key, loc)
        work = self.lookup_work(work_key, (*loc, "work")) if work_key else None
        if obj is None or (work_key and work is None):
            return
        self.add(subject, predicate, obj, loc, Qualifiers(character=character, work=work, time=time))

    def lookup_work(self, key: str, loc: Loc) -> str | None:
        found = self.lookup(key, loc)
        if found is None:
            return None
        if not found.type.is_work:
            self.problem(loc, f"{key!r} is a {found.type.value}; expected a work (Film or Series)")
            return None
        return found.iri

    def add(
        self,
        subject: Known,
        predicate: str,
        obj: Known | bool | int | float | str,
        loc: Loc,
        qualifiers: Qualifiers | None = None,
    ) -> None:
        info = ontology.predicate(predicate)
        if not info.admits_subject(subject.type):
            self.problem(
                loc,
                f"{predicate} cannot start at a {subject.type.value}; its subject is {_one_of(info.domain)}",
            )
            return
        if isinstance(obj, Known):
            if info.is_literal:
                self.problem(loc, f"{predicate} takes a value, not the entity {obj.iri}")
                return
            if not info.admits_object(obj.type):
                self.problem(
                    loc,
                    f"{predicate} cannot point to a {obj.type.value}; its object is {_one_of(info.range)}",
                )
                return
            value: bool | int | float | str = obj.iri
        else:
            value = obj
        q = qualifiers or Qualifiers()
        try:
            self.claims.claim(
                subject.iri,
                predicate,
                value,
                self.evidence(loc),
                character=q.character,
                work=q.work,
                time=q.time,
            )
        except ValidationError as e:
            self.problem(loc, "; ".join(str(x["msg"]).removeprefix("Value error, ") for x in e.errors()))

    # ------------------------------------------------------------------ build
    def build(self) -> ClaimSet:
        spec = self.spec
        uni = spec.universe
        self.define(uni.key, EntityType.UNIVERSE, uni.name, uni.aliases, uni.external_ids, ("universe",))
        for section, kind in SECTION_TYPES.items():
            for key, ent in getattr(spec, section).items():
                self.define(key, kind, ent.name, ent.aliases, ent.external_ids, (section, key))
        for key, work in spec.works.items():
            kind = EntityType.FILM if work.kind == "film" else EntityType.SERIES
            self.define(key, kind, work.title, work.aliases, work.external_ids, ("works", key))

        for section, fields in RELATION_FIELDS.items():
            for key, ent in getattr(spec, section).items():
                subject = self.known[key]
                for name in fields:
                    for i, target in enumerate(getattr(ent, name)):
                        self.relate(subject, name, target, (section, key, name, i))
        for key, character in spec.characters.items():
            for i, fate in enumerate(character.fate):
                self.fate(
                    self.known[key], fate.status, fate.work, fate.killed_by, ("characters", key, "fate", i)
                )

        self.works()
        for i, rel in enumerate(spec.relations):
            self.free_relation(rel.subject, rel.predicate, rel.object, rel.work, rel.time, ("relations", i))

        if self.problems:
            raise BadInput(self.problems)
        return self.claims.build(self.source)

    def fate(self, who: Known, status: str, work_key: str, killers: list[str], loc: Loc) -> None:
        work = self.lookup_work(work_key, (*loc, "work"))
        if work is None:
            return
        self.add(who, "fate", status, loc, Qualifiers(work=work))
        for i, killer_key in enumerate(killers):
            killer = self.lookup(killer_key, (*loc, "killed_by", i))
            if killer is not None:
                if status != "dead":
                    self.problem((*loc, "killed_by", i), f"killed_by needs status 'dead', not {status!r}")
                    continue
                self.add(killer, "killed", who, (*loc, "killed_by", i), Qualifiers(work=work))

    def free_relation(
        self,
        subject_key: str,
        predicate: str,
        obj: bool | int | float | str,
        work_key: str | None,
        time: str | None,
        loc: Loc,
    ) -> None:
        if predicate not in ontology.predicates():
            close = difflib.get_close_matches(predicate, list(ontology.predicates()), n=3)
            self.problem(
                (*loc, "predicate"),
                f"unknown predicate {predicate!r}"
                + (f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""),
            )
            return
        subject = self.lookup(subject_key, (*loc, "subject"))
        work = self.lookup_work(work_key, (*loc, "work")) if work_key else None
        if subject is None or (work_key and work is None):
            return
        info = ontology.predicate(predicate)
        target: Known | bool | int | float | str = obj
        if not info.is_literal:
            if not isinstance(obj, str):
                self.problem((*loc, "object"), f"{predicate} needs the key of an entity, not {obj!r}")
                return
            found = self.lookup(obj, (*loc, "object"))
            if found is None:
                return
            target = found
        self.add(subject, predicate, target, loc, Qualifiers(work=work, time=time))

    def works(self) -> None:
        spec = self.spec
        universe = self.known[spec.universe.key]
        self.order_chain("release_order", "follows")
        self.order_chain("chronology", "set_after")
        for key, work in spec.works.items():
            me = self.known[key]
            base: Loc = ("works", key)
            self.add(me, "part_of_universe", universe, base)
            self.add(me, "release_year", work.year, (*base, "year"))
            if work.language:
                self.add(me, "language", work.language, (*base, "language"))
            for i, tag in enumerate(work.tags):
                self.add(me, "tag", tag, (*base, "tags", i))
            for field, predicate in (
                ("spin_off_of", "spin_off_of"),
                ("directors", "directed_by"),
                ("writers", "written_by"),
                ("producers", "produced_by"),
                ("protagonists", "protagonist"),
            ):
                for i, target in enumerate(getattr(work, field)):
                    self.relate(me, predicate, target, (*base, field, i))
            for i, genre in enumerate(work.genres):
                self.genre(me, genre, (*base, "genres", i))
            for i, credit in enumerate(work.cast):
                self.cast(me, credit.person, credit.character, (*base, "cast", i))
            for i, char_key in enumerate(work.characters):
                found = self.lookup(char_key, (*base, "characters", i))
                if found is not None:
                    self.add(found, "appears_in", me, (*base, "characters", i))
            for i, event in enumerate(work.events):
                self.event(me, key, event, i, (*base, "events", i))

    def order_chain(self, field: str, predicate: str) -> None:
        seen: dict[int, str] = {}
        for key, work in self.spec.works.items():
            number = getattr(work, field)
            if number is None:
                continue
            if number in seen:
                self.problem(("works", key, field), f"{field} {number} is also given to {seen[number]!r}")
            seen[number] = key
        ranked = sorted(seen.items())
        for (_, earlier), (_, later) in pairwise(ranked):
            self.add(self.known[later], predicate, self.known[earlier], ("works", later, field))

    def genre(self, work: Known, name: str, loc: Loc) -> None:
        """A genre by name; the first work that names it gives its evidence."""
        iri = self.claims.entity(genre_iri(name), EntityType.GENRE, name, self.evidence(loc))
        self.add(work, "genre", Known(EntityType.GENRE, iri, loc), loc)

    def cast(self, work: Known, person_key: str, character_key: str | None, loc: Loc) -> None:
        person = self.lookup(person_key, (*loc, "person"))
        character = self.lookup(character_key, (*loc, "character")) if character_key else None
        if person is None or (character_key and character is None):
            return
        if character is not None and character.type is not EntityType.CHARACTER:
            self.problem(
                (*loc, "character"), f"{character_key!r} is a {character.type.value}, expected a Character"
            )
            return
        self.add(work, "cast_member", person, loc, Qualifiers(character=character.iri if character else None))
        if character is not None:
            self.add(character, "portrayed_by", person, loc, Qualifiers(work=work.iri))
            self.add(character, "appears_in", work, loc)

    def event(self, work: Known, work_key: str, spec: EventSpec, index: int, loc: Loc) -> None:
        location = None
        if spec.location is not None:
            found = self.lookup(spec.location, (*loc, "location"))
            if found is not None and found.type is not EntityType.LOCATION:
                self.problem(
                    (*loc, "location"), f"{spec.location!r} is a {found.type.value}, expected a Location"
                )
            elif found is not None:
                location = found.iri
        participants = []
        for key, role in spec.participants.items():
            found = self.lookup(key, (*loc, "participants", key))
            if found is None:
                continue
            if found.type not in (EntityType.CHARACTER, EntityType.ORGANIZATION):
                self.problem(
                    (*loc, "participants", key),
                    f"{key!r} is a {found.type.value}; participants are Characters or Organizations",
                )
                continue
            participants.append(Participant(entity=found.iri, role=role))
            if found.type is EntityType.CHARACTER:
                self.add(found, "appears_in", work, (*loc, "participants", key))
        self.claims.events.append(
            Event(
                id=entity_iri(self.universe_key, "event", work_key, str(index + 1)),
                label=spec.label,
                kind=spec.kind,
                work=work.iri,
                order=index + 1,
                act=spec.act,
                time=spec.time,
                location=location,
                framing=spec.framing,
                participants=participants,
                evidence=[self.evidence(loc)],
            )
        )


def _one_of(classes: Iterable[str] | None) -> str:
    if classes is None:
        return "anything"
    names = sorted(classes)
    return names[0] if len(names) == 1 else "one of " + ", ".join(names)
