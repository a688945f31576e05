"""The plot of one work, event by event, grouped by act: place, participants with their roles,
framing and the evidence and source of each event, from the universe's own events and from
reviews alike (events of every source that places them in the work)."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from .canon import source_view
from .evidence import EvidenceRef, locator
from .named import run_named
from .names import EntityRef, find_entity
from .reveal import WorkInfo, release_order


class EventParticipant(BaseModel):
    iri: str
    name: str
    role: str


class TimelineEvent(BaseModel):
    """One plot event with where, who, how it is framed, and which sources tell it."""

    event: str
    order: int
    label: str
    kind: str
    act: int | None
    time: str | None
    framing: str
    location: str | None
    location_name: str | None
    participants: list[EventParticipant]
    sources: list[str]
    source_kinds: list[str]
    tier: str
    evidence: list[EvidenceRef]


class Act(BaseModel):
    act: int | None  # None: events whose act is not known
    events: list[TimelineEvent]


class Timeline(BaseModel):
    work: EntityRef
    acts: list[Act]
    canon: str | None = None
    as_of: str | None = None
    hidden: int = 0  # events hidden by as_of (the work comes out after it)


_EVIDENCE = """
SELECT ?work ?event ?g ?quote ?line ?row ?pointer ?start ?end WHERE {
  GRAPH ?g { ?event ug:in_work ?work }
  LATERAL {
    GRAPH ?g {
      ?event ug:evidence ?ev .
      OPTIONAL { ?ev ug:quote ?quote } OPTIONAL { ?ev ug:line ?line } OPTIONAL { ?ev ug:row ?row }
      OPTIONAL { ?ev ug:pointer ?pointer } OPTIONAL { ?ev ug:start ?start } OPTIONAL { ?ev ug:end ?end }
    }
  }
}"""


def _int(term: object) -> int | None:
    return int(term.value) if isinstance(term, ox.Literal) else None


def _evidence(
    store: UniverseStore, work: str, canon: CanonTier | None
) -> tuple[dict[str, list[EvidenceRef]], dict[str, set[str]]]:
    evidence: dict[str, list[EvidenceRef]] = defaultdict(list)
    kinds: dict[str, set[str]] = defaultdict(set)
    view = source_view(store)
    source_of = {g: sid for sid, g in view.graphs.items()}
    rows = store.canonical.query(_EVIDENCE, {"work": ox.NamedNode(work)}, graphs=view.kept_graphs(canon))
    for row in rows:  # type: ignore[union-attr]
        sid = source_of.get(row["g"].value)
        source = view.sources.get(sid) if sid else None
        if source is None:
            continue
        tier = source.tier.value
        kinds[row["event"].value].add(source.kind.value)
        event = row["event"].value
        where = locator(
            _int(row["line"]),
            _int(row["row"]),
            row["pointer"].value if row["pointer"] is not None else None,
            _int(row["start"]),
            _int(row["end"]),
        )
        quote = row["quote"].value if row["quote"] is not None else None
        evidence[event].append(EvidenceRef(source=source.id, tier=tier, quote=quote, locator=where))
    return evidence, kinds


def timeline(
    store: UniverseStore, work: str, *, canon: CanonTier | None = None, as_of: str | None = None
) -> Timeline:
    """The work's events in order, grouped by act (acts in order; events of unknown act last)."""
    ref = find_entity(store, work, type="Work")
    cutoff: WorkInfo | None = None
    hidden = 0
    plot = run_named(store, "plot", {"work": ref.iri}, canon=canon).rows
    if as_of is not None:
        works = release_order(store)
        cutoff = works[find_entity(store, as_of, type="Work").iri]
        if ref.iri in works and works[ref.iri].position > cutoff.position:
            hidden, plot = len(plot), []
    people: dict[str, list[EventParticipant]] = defaultdict(list)
    for row in run_named(store, "participants", {"work": ref.iri}, canon=canon).rows:
        people[str(row["event"])].append(
            EventParticipant(iri=str(row["participant"]), name=str(row["name"]), role=str(row["role"]))
        )
    evidence, kinds = _evidence(store, ref.iri, canon)
    acts: dict[int | None, list[TimelineEvent]] = defaultdict(list)
    for row in plot:
        event = str(row["event"])
        acts[row["act"]].append(  # type: ignore[index]
            TimelineEvent(
                event=event,
                order=int(str(row["order"])),
                label=str(row["label"]),
                kind=str(row["kind"]),
                act=row["act"],  # type: ignore[arg-type]
                time=row["time"],  # type: ignore[arg-type]
                framing=str(row["framing"]),
                location=row["location"],  # type: ignore[arg-type]
                location_name=row["location_name"],  # type: ignore[arg-type]
                participants=people.get(event, []),
                sources=row["sources"],  # type: ignore[arg-type]
                source_kinds=sorted(kinds.get(event, ())),
                tier=str(row["tier"]),
                evidence=evidence.get(event, []),
            )
        )
    ordered = sorted(acts, key=lambda a: (a is None, a or 0))
    for events in acts.values():
        events.sort(key=lambda e: (e.order, CanonTier(e.tier).rank, e.event))
    return Timeline(
        work=ref,
        acts=[Act(act=a, events=acts[a]) for a in ordered],
        canon=canon.value if canon else None,
        as_of=cutoff.iri if cutoff else None,
        hidden=hidden,
    )
