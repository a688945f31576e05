"""Canon tiers as the engines see them, and the current sources of a store (cached per version).

A canon floor becomes, for SPARQL, the set of version graphs of the sources it keeps (the query's
dataset), and for Cypher the weakest tier rank an edge may carry (`$max_rank`).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from ..model import CanonTier, Source
from ..stores.base import CanonicalStore
from ..stores.sync import UniverseStore

WEAKEST = len(CanonTier) - 1


def max_rank(canon: CanonTier | None) -> int:
    """The weakest tier rank kept under `--canon TIER` (no floor: every tier)."""
    return WEAKEST if canon is None else canon.rank


def keeps(tier: CanonTier | str, canon: CanonTier | None) -> bool:
    """True when a fact backed at `tier` is shown under the floor `canon`."""
    return canon is None or CanonTier(tier).at_least(canon)


@dataclass(frozen=True)
class SourceView:
    """The store's current sources: their metadata and the version graph each lives in."""

    version: tuple[str, ...]  # the current version graphs, sorted
    generation: int  # the store's generation when read
    sources: dict[str, Source]
    graphs: dict[str, str]  # source id -> version graph
    _kept: dict[CanonTier | None, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _strongest: dict[tuple[str, ...], str | None] = field(default_factory=dict, compare=False, repr=False)

    def tier(self, source_id: str) -> CanonTier | None:
        source = self.sources.get(source_id)
        return source.tier if source else None

    def strongest(self, source_ids: tuple[str, ...]) -> str | None:
        """The strongest tier among some sources (None if none is current), remembered per set."""
        try:
            return self._strongest[source_ids]
        except KeyError:
            strongest = CanonTier.strongest(t for s in source_ids if (t := self.tier(s)))
            best = strongest.value if strongest else None
            if len(self._strongest) < 4096:
                self._strongest[source_ids] = best
            return best

    def kept_graphs(self, canon: CanonTier | None) -> tuple[str, ...]:
        """The version graphs of the sources a canon floor keeps (worked out once per floor)."""
        kept = self._kept.get(canon)
        if kept is None:
            kept = tuple(g for sid, g in self.graphs.items() if keeps(self.sources[sid].tier, canon))
            self._kept[canon] = kept
        return kept


_VIEWS: weakref.WeakKeyDictionary[CanonicalStore, SourceView] = weakref.WeakKeyDictionary()


def source_view(store: UniverseStore) -> SourceView:
    """The current sources, read once per store version (the engine's `generation`: an embedded
    read-only open is a snapshot, an embedded writer counts its own commits, a SPARQL server's
    registry is read again, so another writer's change is noticed)."""
    canonical = store.canonical
    cached = _VIEWS.get(canonical)
    generation = canonical.generation
    if cached is not None and cached.generation == generation:
        return cached
    version = tuple(sorted(g.value for g in canonical.current_graphs()))
    if cached is not None and cached.version == version:
        _VIEWS[canonical] = SourceView(version, generation, cached.sources, cached.graphs)
        return _VIEWS[canonical]
    records = canonical.sources()
    view = SourceView(
        version=version,
        generation=generation,
        sources={sid: r.source for sid, r in records.items()},
        graphs={sid: r.graph for sid, r in records.items()},
    )
    _VIEWS[canonical] = view
    return view
