"""The one claim accumulator every reader fills: entities, relations and events with their evidence.

An entity described again is merged as the reader's `Again` says; the same relation (subject,
predicate, object, qualifiers) twice keeps one relation with both pieces of evidence. Structured
sources (TMDb, SWAPI, MovieLens, ...) describe some things fully and only point at others by id;
`ref` records the latter as typed entities named by their id (a placeholder that identity
resolution replaces with the real name once another source describes them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..model import (
    ClaimSet,
    Entity,
    EntityType,
    Event,
    Evidence,
    ExternalIds,
    Qualifiers,
    Relation,
    Source,
    is_placeholder,
    slugify,
)
from ..vocab import entity_iri


def genre_iri(name: str) -> str:
    """Genres are shared by name across all readers (as in the universe format)."""
    return entity_iri("genre", slugify(name))


@dataclass(frozen=True)
class Again:
    """What describing an entity the builder already holds adds to it; readers differ, so each says.

    External ids are always united (the later description's value wins a clash).
    """

    evidence: bool = True  # the new evidence joins the old
    aliases: bool = True  # the given aliases join the old
    name: bool = False  # a different (stripped) name becomes an alias
    placeholder: bool = True  # an entity still named by its id takes the new name and type


#: Structured sources that describe one thing from several records (TMDb, SWAPI, MovieLens).
ENRICH = Again()
#: The first description stands; later ones add nothing (triples, universe files).
KEEP = Again(evidence=False, aliases=False, placeholder=False)


class ClaimBuilder:
    """Accumulates one source's claims; the same relation twice keeps both pieces of evidence."""

    def __init__(
        self, source_id: str, file: str, extractor: str, version: str, *, again: Again = ENRICH
    ) -> None:
        self.source_id, self.file, self.extractor, self.version = source_id, file, extractor, version
        self.again = again
        #: who says it: the fields every piece of evidence from this builder shares
        self._by: dict[str, Any] = {
            "source": source_id,
            "extractor": extractor,
            "extractor_version": version,
            "confidence": 1.0,
        }
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple[object, ...], Relation] = {}
        self.events: list[Event] = []
        #: invalid relations passed to `relate`, located by their evidence
        self.problems: list[Problem] = []

    def evidence(
        self, *, pointer: str | None = None, line: int | None = None, row: int | None = None
    ) -> Evidence:
        """Evidence from this source at a JSON pointer, a line or a row."""
        if pointer is None and row is None:  # a line alone (millions of rows): no absent locator to check
            return Evidence(**self._by, line=line)
        return Evidence(**self._by, pointer=pointer, line=line, row=row)

    def entity(
        self,
        iri: str,
        kind: EntityType,
        name: str,
        ev: Evidence,
        *,
        aliases: Iterable[str] = (),
        ids: Mapping[str, Any] | None = None,
    ) -> str:
        """Define (or, as `again` says, enrich) an entity; an invalid one raises ValidationError."""
        known = self.entities.get(iri)
        if known is not None and not (self.again.placeholder and is_placeholder(known.name)):
            self._again(known, name, ev, aliases, ids)
            return iri
        external = ExternalIds.model_validate(_given(ids)) if ids else ExternalIds()
        evidence = [ev]
        if known is not None:  # a placeholder takes the new name and type and keeps all it had
            aliases, evidence = [*known.aliases, *aliases], [*known.evidence, ev]
            external = _union(known.external_ids, external)
        self.entities[iri] = Entity(
            id=iri, type=kind, name=name, aliases=list(aliases), external_ids=external, evidence=evidence
        )
        return iri

    def _again(
        self, known: Entity, name: str, ev: Evidence, aliases: Iterable[str], ids: Mapping[str, Any] | None
    ) -> None:
        """Merge a second description of `known` into it, as far as `again` allows."""
        again = self.again
        if ids:  # the ids first, so that an invalid one raises before the entity has changed
            given = _given(ids)
            if any(getattr(known.external_ids, k, None) != v for k, v in given.items()):
                known.external_ids = _union(known.external_ids, ExternalIds.model_validate(given))
        if again.aliases:
            for alias in aliases:
                _alias(known, alias)
        if again.name:
            _alias(known, name.strip())
        if again.evidence:
            known.evidence.append(ev)

    def alias(self, iri: str, name: str, ev: Evidence) -> bool:
        """Another name for a defined entity, with `ev` (the row that gives it) as evidence; False
        when it is already one of its names."""
        known = self.entities[iri]
        before = len(known.aliases)
        _alias(known, name)
        if len(known.aliases) == before:
            return False
        if ev not in known.evidence:  # the row may already be the entity's evidence (it made it)
            known.evidence.append(ev)
        return True

    def ref(
        self, iri: str, kind: EntityType, placeholder: str, ev: Evidence, ids: Mapping[str, Any] | None = None
    ) -> str:
        """An entity this source only points at: typed, named by its id until described."""
        if iri not in self.entities:
            self.entity(iri, kind, placeholder, ev, ids=ids)
        return iri

    def claim(
        self,
        subject: str,
        predicate: str,
        obj: bool | int | float | str,
        ev: Evidence,
        *,
        character: str | None = None,
        work: str | None = None,
        time: str | None = None,
    ) -> None:
        """Add the relation, or `ev` to the same relation made before; invalid, it raises ValidationError."""
        key = (subject, predicate, obj if isinstance(obj, str) else repr(obj), character, work, time)
        known = self.relations.get(key)
        if known is not None:
            known.evidence.append(ev)
            return
        self.relations[key] = Relation(
            subject=subject,
            predicate=predicate,
            object=obj,
            qualifiers=Qualifiers()
            if character is None and work is None and time is None
            else Qualifiers(character=character, work=work, time=time),
            evidence=[ev],
        )

    def relate(
        self,
        subject: str,
        predicate: str,
        obj: Any,
        ev: Evidence,
        *,
        character: str | None = None,
        work: str | None = None,
    ) -> None:
        """`claim`, with an invalid relation kept as a located problem in `problems` instead."""
        try:
            self.claim(subject, predicate, obj, ev, character=character, work=work)
        except ValidationError as e:
            where = ev.pointer or (f"line {ev.line}" if ev.line else None)
            self.problems.append(
                Problem(
                    file=self.file, message=f"{predicate}: {e.errors()[0]['msg']}", line=ev.line, field=where
                )
            )

    def build(self, source: Source) -> ClaimSet:
        """The claim set; every part was validated when it was made, so it is not checked again."""
        return ClaimSet.model_construct(
            source=source,
            entities=list(self.entities.values()),
            relations=list(self.relations.values()),
            events=list(self.events),
        )


def _given(ids: Mapping[str, Any] | None) -> dict[str, Any]:
    """The ids that have a value."""
    return {k: v for k, v in (ids or {}).items() if v is not None}


def _alias(known: Entity, alias: str) -> None:
    """Another name for `known`, unless it is empty or already one of its names. Assigned, not
    appended, so the model validates it as it does a name (at most 500 characters: a longer alias
    was kept, and the store then could not read its own source back); raises ValidationError."""
    if alias and alias != known.name and alias not in known.aliases:
        known.aliases = [*known.aliases, alias]


def _union(a: ExternalIds, b: ExternalIds) -> ExternalIds:
    return ExternalIds.model_validate({**a.model_dump(exclude_none=True), **b.model_dump(exclude_none=True)})
