"""A small helper for structured readers: collect entities and relations with their evidence.

Structured sources (TMDb, SWAPI, MovieLens, ...) describe some things fully and only point at
others by id; `ref` records the latter as typed entities named by their id (a placeholder that
identity resolution replaces with the real name once another source describes them).
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import Problem
from ..model import (
    ClaimSet,
    Entity,
    EntityType,
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


class ClaimBuilder:
    """Accumulates one source's claims; the same relation twice keeps both pieces of evidence."""

    def __init__(self, source: Source, extractor: str, version: str) -> None:
        self.source, self.extractor, self.version = source, extractor, version
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple[Any, ...], Relation] = {}
        self.problems: list[Problem] = []

    def evidence(
        self, *, pointer: str | None = None, line: int | None = None, row: int | None = None
    ) -> Evidence:
        return Evidence(
            source=self.source.id,
            extractor=self.extractor,
            extractor_version=self.version,
            confidence=1.0,
            pointer=pointer,
            line=line,
            row=row,
        )

    def entity(
        self,
        iri: str,
        kind: EntityType,
        name: str,
        ev: Evidence,
        *,
        aliases: list[str] | None = None,
        ids: dict[str, Any] | None = None,
    ) -> str:
        """Define (or enrich) an entity this source describes."""
        known = self.entities.get(iri)
        external = ExternalIds.model_validate({k: v for k, v in (ids or {}).items() if v is not None})
        if known is None or is_placeholder(known.name):
            merged_aliases = list(known.aliases) if known else []
            self.entities[iri] = Entity(
                id=iri,
                type=kind,
                name=name,
                aliases=[*merged_aliases, *(aliases or [])],
                external_ids=_union(known.external_ids if known else None, external),
                evidence=[*(known.evidence if known else []), ev],
            )
        else:
            for alias in aliases or []:
                if alias != known.name and alias not in known.aliases:
                    known.aliases.append(alias)
            known.external_ids = _union(known.external_ids, external)
            known.evidence.append(ev)
        return iri

    def ref(
        self, iri: str, kind: EntityType, placeholder: str, ev: Evidence, ids: dict[str, Any] | None = None
    ) -> str:
        """An entity this source only points at: typed, named by its id until described."""
        if iri not in self.entities:
            self.entity(iri, kind, placeholder, ev, ids=ids)
        return iri

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
        try:
            rel = Relation(
                subject=subject,
                predicate=predicate,
                object=obj,
                qualifiers=Qualifiers(character=character, work=work),
                evidence=[ev],
            )
        except ValidationError as e:
            where = ev.pointer or (f"line {ev.line}" if ev.line else None)
            self.problems.append(
                Problem(
                    file=self.source.location,
                    message=f"{predicate}: {e.errors()[0]['msg']}",
                    line=ev.line,
                    field=where,
                )
            )
            return
        known = self.relations.get(rel.key())
        if known is None:
            self.relations[rel.key()] = rel
        else:
            known.evidence.append(ev)

    def build(self) -> ClaimSet:
        return ClaimSet(
            source=self.source, entities=list(self.entities.values()), relations=list(self.relations.values())
        )


def _union(a: ExternalIds | None, b: ExternalIds) -> ExternalIds:
    if a is None:
        return b
    return ExternalIds.model_validate({**a.model_dump(exclude_none=True), **b.model_dump(exclude_none=True)})
