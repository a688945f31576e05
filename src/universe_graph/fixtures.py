"""The bundled sample universe, ready for tests, demos and users' own experiments."""

from __future__ import annotations

import random
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
    Evidence,
    Export,
    ExternalIds,
    Relation,
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
    source = Source(
        id="synthetic",
        location="synthetic.yaml",
        kind=SourceKind.UNIVERSE,
        tier=CanonTier.CANON,
        content_hash=f"{seed:064x}",
    )

    def ev(line: int) -> Evidence:
        return Evidence.model_construct(
            source="synthetic",
            extractor="bench",
            extractor_version="1",
            confidence=1.0,
            line=line,
            start=None,
            end=None,
            quote=None,
            row=None,
            pointer=None,
        )

    iris = [f"{ID_BASE}bench/character/c{i}" for i in range(count)]
    no_ids = ExternalIds()
    entities = [
        Entity.model_construct(id=iri, type=EntityType.CHARACTER, name=f"Character {i}", aliases=[],
                               in_universe=True, external_ids=no_ids, evidence=[ev(i + 1)])
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
                evidence=[ev(count + len(rels) + 1)],
            )
        )
    return ClaimSet.model_construct(source=source, entities=entities, relations=rels, events=[])
