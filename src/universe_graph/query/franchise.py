"""The franchise of a universe: its works in release order and in in-universe chronology, with the
links between them (which follows which, which is set after which, spin-offs)."""

from __future__ import annotations

from pydantic import BaseModel

from ..errors import AmbiguousName, NotFound
from ..model import CanonTier
from ..stores.sync import UniverseStore
from .named import run_named
from .names import EntityRef, find_entity, name_index


class WorkEntry(BaseModel):
    """One work of the franchise with its place in both orders (1-based; chronology None if unknown)."""

    work: str
    title: str
    kind: str
    year: int | None
    release_position: int
    chronology_position: int | None
    follows: list[str] = []
    set_after: list[str] = []
    spin_off_of: list[str] = []


class WorkLink(BaseModel):
    """A link between two works, with its sources."""

    work: str
    title: str
    link: str  # follows, set_after, spin_off_of
    other: str
    other_title: str
    sources: list[str]
    tier: str


class Franchise(BaseModel):
    universe: EntityRef
    release_order: list[WorkEntry]
    chronology: list[WorkEntry]
    sequels: list[WorkLink]  # `follows`: the next work in release order
    spin_offs: list[WorkLink]
    links: list[WorkLink]
    canon: str | None = None


def _universe(store: UniverseStore, universe: str | None) -> EntityRef:
    if universe is not None:
        return find_entity(store, universe, type="Universe")
    known = sorted((r for r in name_index(store).refs.values() if r.type == "Universe"), key=lambda r: r.name)
    if not known:
        raise NotFound("universe", "(any)", [])
    if len(known) > 1:
        raise AmbiguousName("(no universe given)", [(r.name, r.type) for r in known], how="naming one")
    return known[0]


def works(store: UniverseStore, universe: str | None = None, *, canon: CanonTier | None = None) -> Franchise:
    """The universe's works (the only universe when none is named) in both orders, with links."""
    ref = _universe(store, universe)
    rows = run_named(store, "works", {"universe": ref.iri}, canon=canon).rows
    links = [
        WorkLink.model_validate(r)
        for r in run_named(store, "franchise_links", {"universe": ref.iri}, canon=canon).rows
    ]
    chained = {link.work for link in links if link.link == "set_after"} | {
        link.other for link in links if link.link == "set_after"
    }
    by_release = sorted(rows, key=lambda r: (r["year"] or 10**6, r["release_position"], str(r["title"])))
    entries = []
    for i, row in enumerate(by_release):
        iri = str(row["work"])
        entries.append(
            WorkEntry(
                work=iri,
                title=str(row["title"] or iri),
                kind=str(row["kind"]),
                year=row["year"],  # type: ignore[arg-type]
                release_position=i + 1,
                chronology_position=None,
                follows=[x.other for x in links if x.work == iri and x.link == "follows"],
                set_after=[x.other for x in links if x.work == iri and x.link == "set_after"],
                spin_off_of=[x.other for x in links if x.work == iri and x.link == "spin_off_of"],
            )
        )
    in_chain = sorted(
        (e for e in entries if e.work in chained),
        key=lambda e: (
            next(int(str(r["chronology_position"])) for r in rows if r["work"] == e.work),
            e.title,
        ),
    )
    for i, entry in enumerate(in_chain):
        entry.chronology_position = i + 1
    chronology = in_chain + [e for e in entries if e.work not in chained]
    return Franchise(
        universe=ref,
        release_order=entries,
        chronology=chronology,
        sequels=[x for x in links if x.link == "follows"],
        spin_offs=[x for x in links if x.link == "spin_off_of"],
        links=links,
        canon=canon.value if canon else None,
    )
