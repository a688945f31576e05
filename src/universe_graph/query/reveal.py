"""Spoiler-safe views: the release order of works, and the work in which each fact is revealed.

A fact's first reveal is the earliest work it is tied to: its `work` qualifier, the work of its
event, the work a review source is `about`, or, for a fact about works themselves (a credit,
`appears_in`, `spin_off_of`), the latest of the works it names. Facts tied to no work are shown
and marked as such (`revealed_in` None).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..stores.sync import UniverseStore
from .evidence import Fact

_WORKS = """
SELECT ?w ?title ?year (COUNT(DISTINCT ?before) AS ?n) WHERE {
  ?w a ?class .
  VALUES ?class { ug:Film ug:Series }
  OPTIONAL { ?w rdfs:label ?title }
  OPTIONAL { ?w ug:release_year ?year }
  # one step then zero or more (not `follows+`): Virtuoso 7.2 drops the unmatched rows of the latter
  OPTIONAL { ?w ug:follows ?prev . ?prev ug:follows* ?before }
} GROUP BY ?w ?title ?year"""


@dataclass(frozen=True)
class WorkInfo:
    iri: str
    title: str
    year: int | None
    position: int  # 0-based place in release order


def release_order(store: UniverseStore) -> dict[str, WorkInfo]:
    """Every work in release order: by year, then by its place in the `follows` chain, then title
    (a part of the store version's read snapshot: read once per version, persisted beside the store)."""
    from ..snapshot import snapshot

    return snapshot(store).part("release-order", lambda: _release_order(store))


def _release_order(store: UniverseStore) -> dict[str, WorkInfo]:
    found: dict[str, tuple[str, int | None, int]] = {}
    for row in store.canonical.query(_WORKS):  # type: ignore[union-attr]
        iri = row["w"].value
        title = row["title"].value if row["title"] is not None else iri
        year = int(row["year"].value) if row["year"] is not None else None
        before = int(row["n"].value)
        known = found.get(iri)
        if known is None or (year is not None and known[1] is None):
            found[iri] = (title, year, before)
    ranked = sorted(found.items(), key=lambda kv: (kv[1][1] or 10**6, kv[1][2], kv[1][0].casefold()))
    return {iri: WorkInfo(iri, title, year, i) for i, (iri, (title, year, _)) in enumerate(ranked)}


def fact_work(fact: Fact, works: dict[str, WorkInfo]) -> str | None:
    """The work that first reveals a fact, or None when it is tied to no work."""
    tied: list[str] = []
    if fact.work and fact.work in works:
        tied.append(fact.work)
    else:
        named = [w for w in (fact.subject, str(fact.object)) if w in works]
        if named:
            tied.append(max(named, key=lambda w: works[w].position))
        abouts = {e.about for e in fact.evidence}
        if fact.evidence and all(a is not None and a in works for a in abouts):
            tied += [a for a in abouts if a is not None]
    if not tied:
        return None
    return min(tied, key=lambda w: works[w].position)


def visible(work: str | None, as_of: WorkInfo | None, works: dict[str, WorkInfo]) -> bool:
    """True when a fact revealed in `work` may be shown as of `as_of` (untied facts always are)."""
    if as_of is None or work is None or work not in works:
        return True
    return works[work].position <= as_of.position
