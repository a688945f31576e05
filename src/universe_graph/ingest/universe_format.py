"""The native universe format (YAML), as pydantic models that mirror the file one to one.

Validating the parsed YAML against these models makes every error's location a path in the
file, which `located_yaml` turns into a line. The format is documented in `ingest/FORMAT.md`.
Relation fields are named after the ontology's predicates, so the reader maps them generically.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from ..model import CanonTier, EventKind, ExternalIds, Framing, Name, Role, Slug, Strict

FORMAT_TAG = "universe-graph/universe@1"

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]
Year = Annotated[int, Field(ge=1870, le=2200)]
Order = Annotated[int, Field(ge=1)]


class TargetSpec(Strict):
    """A relation target with qualifiers: the work it holds in, or an in-universe time."""

    key: Key
    work: Key | None = None
    time: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None


Targets = list[Key | TargetSpec]


class SourceSpec(Strict):
    id: Slug | None = None
    tier: CanonTier = CanonTier.CANON


class EntitySpec(Strict):
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    external_ids: ExternalIds = Field(default_factory=ExternalIds)


class UniverseSpec(EntitySpec):
    key: Key


class PersonSpec(EntitySpec):
    pass


class LocationSpec(EntitySpec):
    located_in: Targets = Field(default_factory=list)
    part_of: Targets = Field(default_factory=list)


class OrganizationSpec(EntitySpec):
    part_of: Targets = Field(default_factory=list)
    located_in: Targets = Field(default_factory=list)
    ally_of: Targets = Field(default_factory=list)
    enemy_of: Targets = Field(default_factory=list)
    works_for: Targets = Field(default_factory=list)


class FateSpec(Strict):
    """A character's state at the end of a work, and who killed them if they died."""

    status: Literal["alive", "dead", "unknown"]
    work: Key
    killed_by: list[Key] = Field(default_factory=list)


class CharacterSpec(EntitySpec):
    member_of: Targets = Field(default_factory=list)
    leads: Targets = Field(default_factory=list)
    trained_by: Targets = Field(default_factory=list)
    family_of: Targets = Field(default_factory=list)
    ally_of: Targets = Field(default_factory=list)
    enemy_of: Targets = Field(default_factory=list)
    works_for: Targets = Field(default_factory=list)
    betrayed: Targets = Field(default_factory=list)
    killed: Targets = Field(default_factory=list)
    defeated: Targets = Field(default_factory=list)
    met: Targets = Field(default_factory=list)
    fought: Targets = Field(default_factory=list)
    resides_in: Targets = Field(default_factory=list)
    fate: list[FateSpec] = Field(default_factory=list)


class CastSpec(Strict):
    person: Key
    character: Key | None = None


class EventSpec(Strict):
    """One plot event; its order is its position in the work's list."""

    label: Name
    kind: EventKind
    act: Annotated[int, Field(ge=1, le=9)] | None = None
    time: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    location: Key | None = None
    participants: dict[Key, Role] = Field(default_factory=dict)
    framing: Framing = Framing.PRESENT


class WorkSpec(Strict):
    title: Name
    kind: Literal["film", "series"]
    year: Year
    aliases: list[Name] = Field(default_factory=list)
    external_ids: ExternalIds = Field(default_factory=ExternalIds)
    release_order: Order | None = None
    chronology: Order | None = None
    spin_off_of: list[Key] = Field(default_factory=list)
    directors: list[Key] = Field(default_factory=list)
    writers: list[Key] = Field(default_factory=list)
    producers: list[Key] = Field(default_factory=list)
    protagonists: list[Key] = Field(default_factory=list)
    cast: list[CastSpec] = Field(default_factory=list)
    characters: list[Key] = Field(default_factory=list)
    genres: list[Name] = Field(default_factory=list)
    language: Name | None = None
    tags: list[Name] = Field(default_factory=list)
    events: list[EventSpec] = Field(default_factory=list)


class RelationSpec(Strict):
    """Any ontology relation the sections above do not spell out."""

    subject: Key
    predicate: Annotated[str, StringConstraints(min_length=1)]
    object: bool | int | float | str
    work: Key | None = None
    time: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None


class UniverseFile(Strict):
    format: Literal["universe-graph/universe@1"]
    source: SourceSpec = Field(default_factory=SourceSpec)
    universe: UniverseSpec
    people: dict[Key, PersonSpec] = Field(default_factory=dict)
    characters: dict[Key, CharacterSpec] = Field(default_factory=dict)
    organizations: dict[Key, OrganizationSpec] = Field(default_factory=dict)
    locations: dict[Key, LocationSpec] = Field(default_factory=dict)
    works: dict[Key, WorkSpec] = Field(default_factory=dict)
    relations: list[RelationSpec] = Field(default_factory=list)


#: Fields of the entity sections that are relation predicates of the same name.
RELATION_FIELDS: dict[str, tuple[str, ...]] = {
    "characters": (
        "member_of", "leads", "trained_by", "family_of", "ally_of", "enemy_of", "works_for",
        "betrayed", "killed", "defeated", "met", "fought", "resides_in",
    ),
    "organizations": ("part_of", "located_in", "ally_of", "enemy_of", "works_for"),
    "locations": ("located_in", "part_of"),
}  # fmt: skip
