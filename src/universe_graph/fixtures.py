"""The bundled sample universe, ready for tests, demos and users' own experiments."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from .assets import sample_dir
from .export import merge
from .ingest import Loaded, load_paths
from .model import (
    CanonTier,
    ClaimSet,
    Entity,
    EntityType,
    Event,
    EventKind,
    Evidence,
    Export,
    ExternalIds,
    Framing,
    Participant,
    Qualifiers,
    Relation,
    Role,
    Source,
    SourceKind,
)
from .vocab import ID_BASE


def sample_path(name: str = "john-wick") -> Path:
    """The folder of a bundled sample (with its manifest)."""
    return sample_dir(name)


@cache
def sample() -> Loaded:
    """The John Wick sample read into claim sets, identities resolved across its sources (as `ingest`
    stores them: the review's John Wick is the universe's); cached, treat as read-only."""
    from .resolve import resolve_all

    loaded = load_paths([sample_path()])
    loaded.claimsets, _ = resolve_all(loaded.claimsets)
    return loaded


def sample_export() -> Export:
    """The John Wick sample in the export shape."""
    return merge(sample().claimsets)


PREDICATES = ["killed", "met", "fought", "ally_of", "enemy_of", "betrayed", "works_for", "trained_by",
              "family_of", "defeated"]  # fmt: skip


def synthetic(relations: int, seed: int = 7) -> ClaimSet:
    """A synthetic universe source of `relations` character-to-character relations (for benchmarks and
    scale tests): one character per five relations, each claim with line evidence; built unvalidated
    (`model_construct`) because it is generated, not read."""
    rng = random.Random(seed)
    count = max(10, relations // 5)
    source = _generated_source("synthetic", seed)

    evidence = _line_evidence("synthetic")

    iris = [f"{ID_BASE}bench/character/c{i}" for i in range(count)]
    no_ids = ExternalIds()
    entities = [
        Entity.model_construct(id=iri, type=EntityType.CHARACTER, name=f"Character {i}", aliases=[],
                               in_universe=True, external_ids=no_ids, evidence=[evidence()])
        for i, iri in enumerate(iris)
    ]  # fmt: skip
    seen: set[tuple[int, int, str]] = set()
    rels: list[Relation] = []
    qualifiers = Relation.model_fields["qualifiers"].get_default(call_default_factory=True)
    while len(rels) < relations:
        a, b, p = rng.randrange(count), rng.randrange(count), rng.choice(PREDICATES)
        if a == b or (a, b, p) in seen:
            continue
        seen.add((a, b, p))
        rels.append(
            Relation.model_construct(
                subject=iris[a],
                predicate=p,
                object=iris[b],
                qualifiers=qualifiers,
                evidence=[evidence()],
            )
        )
    return ClaimSet.model_construct(source=source, entities=entities, relations=rels, events=[])


def synthetic_franchise(relations: int, seed: int = 7) -> ClaimSet:
    """A synthetic franchise of about `relations` relations in the shape the named queries ask about
    (for the query benchmark): universes of ten works in release order with spin-offs, directors,
    cast with their characters and protagonists; characters appearing in works, portrayed, in
    organizations, living in nested locations, trained, killing and meeting each other; and plot
    events with acts, places and participants. Built unvalidated, like `synthetic`."""
    rng = random.Random(seed)
    evidence = _line_evidence("synthetic-franchise")
    source = _generated_source("synthetic-franchise", seed)
    no_ids = ExternalIds()
    no_qualifiers = Qualifiers()
    entities: list[Entity] = []
    rels: list[Relation] = []
    events: list[Event] = []

    def entity(kind: str, etype: EntityType, i: int, name: str) -> str:
        iri = f"{ID_BASE}bench/{kind}/{kind[0]}{i}"
        entities.append(
            Entity.model_construct(id=iri, type=etype, name=name, aliases=[], in_universe=True,
                                   external_ids=no_ids, evidence=[evidence()])
        )  # fmt: skip
        return iri

    def relate(subject: str, predicate: str, obj: object, qualifiers: Qualifiers = no_qualifiers) -> None:
        rels.append(
            Relation.model_construct(subject=subject, predicate=predicate, object=obj,
                                     qualifiers=qualifiers, evidence=[evidence()])
        )  # fmt: skip

    n_chars = max(20, relations // 15)
    n_works = max(10, relations // 2000)
    chars = [entity("character", EntityType.CHARACTER, i, f"Character {i}") for i in range(n_chars)]
    actors = [entity("person", EntityType.PERSON, i, f"Actor {i}") for i in range(n_chars // 2 + 1)]
    orgs = [
        entity("organization", EntityType.ORGANIZATION, i, f"Guild {i}") for i in range(n_chars // 50 + 1)
    ]
    places = [entity("location", EntityType.LOCATION, i, f"Place {i}") for i in range(n_chars // 100 + 2)]
    for i, place in enumerate(places[1:], start=1):  # a tree of places
        relate(place, "located_in", places[rng.randrange(i)])
    works: list[str] = []
    for u in range(n_works // 10):
        universe = entity("universe", EntityType.UNIVERSE, u, f"Universe {u}")
        for k in range(10):
            work = entity("work", EntityType.FILM, len(works), f"Film {len(works)}")
            relate(work, "part_of_universe", universe)
            relate(work, "release_year", 1980 + k * 3)
            relate(work, "directed_by", rng.choice(actors))
            if k:
                relate(work, "spin_off_of" if k % 4 == 0 else "follows", works[-1])
            works.append(work)
    cast: dict[str, list[str]] = {w: [] for w in works}
    for i, char in enumerate(chars):
        actor = actors[i // 2]
        home = i % (len(works) // 10)  # characters recur within their own universe
        for work in rng.sample(works[home * 10 : home * 10 + 10], 2):
            cast[work].append(char)
            relate(char, "appears_in", work)
            relate(char, "portrayed_by", actor, Qualifiers(work=work))
            relate(work, "cast_member", actor, Qualifiers(character=char))
        relate(char, "member_of" if i % 3 else "leads", rng.choice(orgs))
        relate(char, "resides_in", rng.choice(places))
        if i:
            relate(char, "trained_by", chars[rng.randrange(i)])
    for work in works:
        relate(work, "protagonist", cast[work][0] if cast[work] else chars[0])
    kinds = list(EventKind)
    for n, work in enumerate(works):
        for order in range(1, 21):
            who = rng.sample(cast[work], min(2, len(cast[work]))) or [chars[0]]
            events.append(
                Event.model_construct(
                    id=f"{ID_BASE}bench/event/w{n}e{order}", label=f"Event {order} of film {n}",
                    kind=kinds[order % len(kinds)], work=work, order=order, act=1 + (order - 1) // 7,
                    time=None, location=rng.choice(places), framing=Framing.PRESENT,
                    participants=[Participant.model_construct(entity=c, role=r)
                                  for c, r in zip(who, (Role.AGENT, Role.VICTIM), strict=False)],
                    evidence=[evidence()],
                )
            )  # fmt: skip
    predicates = ["killed", "met", "fought", "ally_of", "enemy_of", "betrayed", "family_of"]
    seen: set[tuple[int, int, str]] = set()
    while len(rels) < relations:
        a, b, p = rng.randrange(n_chars), rng.randrange(n_chars), rng.choice(predicates)
        if a != b and (a, b, p) not in seen:
            seen.add((a, b, p))
            relate(chars[a], p, chars[b], Qualifiers(work=rng.choice(works)))
    return ClaimSet.model_construct(source=source, entities=entities, relations=rels, events=events)


#: The entity type each named-query parameter takes, by parameter name (for picking arguments).
PARAM_TYPES: dict[str, EntityType] = {
    "character": EntityType.CHARACTER,
    "killer": EntityType.CHARACTER,
    "entity": EntityType.CHARACTER,
    "work": EntityType.FILM,
    "universe": EntityType.UNIVERSE,
    "organization": EntityType.ORGANIZATION,
    "location": EntityType.LOCATION,
}


def pick_arguments(
    entities: Sequence[Entity], params: list[str], count: int, seed: int = 11
) -> list[dict[str, object]]:
    """`count` random argument sets for a named query's parameters, each an entity of the type the
    parameter takes (see `PARAM_TYPES`), drawn from `entities`."""
    rng = random.Random(seed)
    of_type: dict[EntityType, list[str]] = {}
    for entity in entities:
        of_type.setdefault(entity.type, []).append(entity.id)
    unknown = [p for p in params if p not in PARAM_TYPES]
    if unknown:
        raise ValueError(f"no entity type for parameter {unknown[0]!r}; known: {', '.join(PARAM_TYPES)}")
    return [{p: rng.choice(of_type[PARAM_TYPES[p]]) for p in params} for _ in range(count)]


def _generated_source(name: str, seed: int) -> Source:
    """A canon universe source for generated claims; its content hash is the seed's."""
    return Source(
        id=name,
        location=f"{name}.yaml",
        kind=SourceKind.UNIVERSE,
        tier=CanonTier.CANON,
        content_hash=f"{seed:064x}",
    )


def _line_evidence(source: str) -> Callable[[], Evidence]:
    """Evidence for generated claims: one line each, numbered in the order they are made."""
    lines = iter(range(1, 1 << 62))

    def evidence() -> Evidence:
        return Evidence.model_construct(source=source, extractor="bench", extractor_version="1",
                                        confidence=1.0, line=next(lines), start=None, end=None,
                                        quote=None, row=None, pointer=None)  # fmt: skip

    return evidence
