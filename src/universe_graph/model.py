"""The claim model: sources, entities, relations and events, each carrying its evidence.

These pydantic models are the one contract every reader produces and every store, exporter
and evaluator consumes; `Export` is the shape of `ontology/export.schema.json`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from .vocab import predicate_names


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, values are checked on assignment too."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, frozen=False)


class CanonTier(StrEnum):
    """How authoritative a source is, strongest first; `--canon T` means "T or stronger"."""

    CANON = "canon"  # the works themselves and their credits
    OFFICIAL = "official"  # studio material and curated databases
    REVIEW = "review"  # critics and bloggers
    FAN = "fan"  # wikis, fan theories

    @property
    def rank(self) -> int:
        """0 for the strongest tier; a smaller rank is stronger."""
        return _TIER_RANK[self]

    def at_least(self, floor: CanonTier) -> bool:
        """True when this tier is `floor` or stronger."""
        return self.rank <= floor.rank

    @classmethod
    def strongest(cls, tiers: Iterable[CanonTier | str]) -> CanonTier | None:
        """The strongest of some tiers (by value or member); None when there are none."""
        return min((cls(t) for t in tiers), key=lambda t: _TIER_RANK[t], default=None)


_TIER_RANK: dict[CanonTier, int] = {tier: i for i, tier in enumerate(CanonTier)}


class SourceKind(StrEnum):
    UNIVERSE = "universe"
    REVIEW = "review"
    TRIPLES = "triples"
    WIKIDATA = "wikidata"
    TMDB = "tmdb"
    IMDB = "imdb"
    SWAPI = "swapi"
    MOVIELENS = "movielens"
    CURATION = "curation"  # a person's identity decision (`merge`, `split`)

    @property
    def default_tier(self) -> CanonTier:
        """The tier a source of this kind gets unless it says otherwise."""
        if self is SourceKind.UNIVERSE:
            return CanonTier.CANON
        if self is SourceKind.REVIEW:
            return CanonTier.REVIEW
        if self is SourceKind.CURATION:
            return CanonTier.FAN
        return CanonTier.OFFICIAL


class EntityType(StrEnum):
    """Entity classes of the ontology (class local names); Film and Series are Works."""

    UNIVERSE = "Universe"
    FILM = "Film"
    SERIES = "Series"
    CHARACTER = "Character"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    LOCATION = "Location"
    GENRE = "Genre"

    @property
    def is_work(self) -> bool:
        return self in (EntityType.FILM, EntityType.SERIES)


class EventKind(StrEnum):
    KILLING = "killing"
    DEATH = "death"
    RESURRECTION = "resurrection"
    BETRAYAL = "betrayal"
    FIGHT = "fight"
    CHASE = "chase"
    MEETING = "meeting"
    INVESTIGATION = "investigation"
    REVELATION = "revelation"
    TRAINING = "training"
    ALLIANCE = "alliance"
    AGREEMENT = "agreement"
    THEFT = "theft"
    ESCAPE = "escape"
    RESCUE = "rescue"
    PUNISHMENT = "punishment"
    JOURNEY = "journey"
    RESOLUTION = "resolution"
    OTHER = "other"


class Framing(StrEnum):
    """How an event is shown: in the story's present, or as a flashback, memory or vision."""

    PRESENT = "present"
    FLASHBACK = "flashback"
    MEMORY = "memory"
    VISION = "vision"


class Role(StrEnum):
    AGENT = "agent"
    VICTIM = "victim"
    TARGET = "target"
    ALLY = "ally"
    MENTOR = "mentor"
    STUDENT = "student"
    WITNESS = "witness"
    RECIPIENT = "recipient"
    PARTICIPANT = "participant"


QID = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]
IMDB_ID = Annotated[str, StringConstraints(pattern=r"^(tt|nm)[0-9]{7,}$")]
TMDB_ID = Annotated[str, StringConstraints(pattern=r"^(movie|person|collection|tv)/[1-9][0-9]*$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
EntityId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9+.-]*:\S+$", max_length=2000)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

PREDICATES: frozenset[str] = predicate_names()


class ExternalIds(Strict):
    """Identifiers in the big public sources; they make one entity of one thing across sources.

    `tmdb` is typed, because TMDb numbers movies, people and collections separately:
    `movie/458156`, `person/6384`, `collection/404609`, `tv/1399`.
    """

    wikidata: QID | None = None
    imdb: IMDB_ID | None = None
    tmdb: TMDB_ID | None = None
    movielens: Annotated[int, Field(ge=1)] | None = None

    def is_empty(self) -> bool:
        return all(v is None for v in self.model_dump().values())


class Source(Strict):
    """Where claims come from; one named graph per source in the canonical store."""

    id: Slug
    location: Annotated[str, StringConstraints(min_length=1)]  # path or URI
    kind: SourceKind
    tier: CanonTier
    about: EntityId | None = None  # the work (or universe) the source is about
    content_hash: Sha256


class Evidence(Strict):
    """Why a claim is believed: which source, which extractor, how sure, and where exactly.

    Text sources give `start`/`end` (Python string indices into the decoded text) and
    `quote == text[start:end]`; structured sources give a `line`, a `row` or a JSON `pointer`.
    """

    source: Slug
    extractor: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    extractor_version: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    confidence: Annotated[float, Field(ge=0.0, le=1.0)]
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None
    quote: str | None = None
    line: Annotated[int, Field(ge=1)] | None = None
    row: Annotated[int, Field(ge=1)] | None = None
    pointer: Annotated[str, StringConstraints(pattern=r"^(/([^~/]|~[01])*)*$")] | None = None

    @model_validator(mode="after")
    def _has_locator(self) -> Self:
        start, end, quote = self.start, self.end, self.quote  # no generators: one per claim's evidence
        if start is not None or end is not None or quote is not None:
            if start is None or end is None or quote is None:
                raise ValueError("a text locator needs start, end and quote together")
            if end < start:
                raise ValueError(f"end ({end}) is before start ({start})")
            if end - start != len(quote):
                raise ValueError("quote length does not match end - start")
        elif self.line is None and self.row is None and self.pointer is None:
            raise ValueError("evidence needs a locator: start/end/quote, line, row or pointer")
        return self

    def quote_matches(self, text: str) -> bool:
        """True when this evidence quotes `text` exactly at its offsets (structured: vacuous)."""
        if self.start is None or self.end is None:
            return True
        return text[self.start : self.end] == self.quote


class Entity(Strict):
    """One real or fictional thing; `in_universe` is false for out-of-story mentions."""

    id: EntityId
    type: EntityType
    name: Name
    aliases: list[Name] = Field(default_factory=list)
    in_universe: bool = True
    external_ids: ExternalIds = Field(default_factory=ExternalIds)
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("aliases")
    @classmethod
    def _unique_aliases(cls, value: list[str]) -> list[str]:
        seen: dict[str, None] = {}
        for alias in value:
            seen.setdefault(alias, None)
        return list(seen)


class Qualifiers(Strict):
    """What makes a relation precise: a cast member's character, the work or time it holds in."""

    character: EntityId | None = None
    work: EntityId | None = None
    time: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None

    def key(self) -> tuple[str | None, str | None, str | None]:
        return (self.character, self.work, self.time)


_ENTITY_ID_RE = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$")
_LITERAL_TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "decimal": (int, float),
    "string": (str,),
    "boolean": (bool,),
}


class Relation(Strict):
    """A claim `subject predicate object`; the object is an entity id or, for a datatype
    predicate (release_year, rating, fate, ...), a literal value."""

    subject: EntityId
    predicate: str
    object: bool | int | float | str
    qualifiers: Qualifiers = Field(default_factory=Qualifiers)
    evidence: Annotated[list[Evidence], Field(min_length=1)]

    @field_validator("predicate")
    @classmethod
    def _known_predicate(cls, value: str) -> str:
        if value not in PREDICATES:
            close = _closest(value, PREDICATES)
            raise ValueError(f"unknown predicate {value!r}; did you mean {close}?")
        return value

    @model_validator(mode="after")
    def _object_fits_predicate(self) -> Self:
        from .ontology import predicate  # the ontology imports this module

        info = predicate(self.predicate)
        if info.datatype is None:
            if not (isinstance(self.object, str) and _ENTITY_ID_RE.match(self.object)):
                raise ValueError(f"{self.predicate} needs an entity id as object, not {self.object!r}")
        else:
            allowed = _LITERAL_TYPES.get(info.datatype, (str,))
            value = self.object
            if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
                raise ValueError(f"{self.predicate} needs an xsd:{info.datatype} value, not {value!r}")
        return self

    def key(self) -> tuple[str, str, str, tuple[str | None, str | None, str | None]]:
        """Identity of the claim regardless of evidence (objects compared by their JSON text)."""
        obj = self.object if isinstance(self.object, str) else repr(self.object)
        return (self.subject, self.predicate, obj, self.qualifiers.key())


class Participant(Strict):
    entity: EntityId
    role: Role = Role.PARTICIPANT


class Event(Strict):
    """A plot event of one work, in narrative order, with where, who, and how it is framed."""

    id: EntityId
    label: Name
    kind: EventKind
    work: EntityId
    order: Annotated[int, Field(ge=1)]
    act: Annotated[int, Field(ge=1, le=9)] | None = None
    time: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None
    location: EntityId | None = None
    framing: Framing = Framing.PRESENT
    participants: list[Participant] = Field(default_factory=list)
    evidence: Annotated[list[Evidence], Field(min_length=1)]

    @property
    def flashback(self) -> bool:
        """True for anything not in the story's present (flashback, memory, vision)."""
        return self.framing is not Framing.PRESENT


class ClaimSet(Strict):
    """What one reader produced from one source: the unit the stores write atomically."""

    source: Source
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class ExportEvent(Strict):
    """An event as exported: `flashback` is spelled out for consumers of the JSON."""

    id: EntityId
    label: str
    kind: EventKind
    work: EntityId
    order: int
    act: int | None
    time: str | None
    location: EntityId | None
    flashback: bool
    framing: Framing
    participants: list[Participant]
    evidence: list[Evidence]


class Export(Strict):
    """The export contract (`ontology/export.schema.json`)."""

    entities: list[Entity]
    relations: list[Relation]
    events: list[ExportEvent]
    sources: list[Source]


ExportFormat = Literal["json", "ttl", "nt", "trig", "jsonld"]


def _closest(word: str, options: frozenset[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(options), n=3)
    return " or ".join(repr(c) for c in close) if close else f"one of {', '.join(sorted(options))}"


#: Names that are only an id: a placeholder until a source that describes the thing arrives.
PLACEHOLDER_NAME = re.compile(r"^(Q[1-9]\d*|tt\d{7,}|nm\d{7,}|[a-z][a-z-]*/\d+)$")


def is_placeholder(name: str) -> bool:
    """True for a name that is only an id ("nm0000206", "movie/458156"), never a real name."""
    return bool(PLACEHOLDER_NAME.match(name))


SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A lowercase, dash-separated ASCII slug (used for IRIs and source ids)."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = SLUG_RE.sub("-", folded).strip("-")
    return slug or "x"
