"""A profile of one entity: every fact about it, in sections driven by the ontology's predicates.

Type, aliases, then the sections of `groups.SECTIONS` (portrayed by, affiliations, mentors and
students, family, allies and enemies, kills and fate, ...), then appearances per work with the
first one marked; every fact with its sources. `canon` keeps facts backed at that tier or
stronger; `as_of` hides what was revealed after a work and counts what it hid.
"""

from __future__ import annotations

from typing import Any, Literal

import pyoxigraph as ox
from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from ..vocab import UG
from .canon import source_view
from .evidence import EvidenceRef, Fact, facts_about
from .groups import APPEARANCE, SECTIONS, label, section_of
from .names import EntityRef, find_entity, name_index
from .reveal import WorkInfo, fact_work, release_order, visible

_UG = str(UG._NS)


class ProfileFact(BaseModel):
    """One fact seen from the profiled entity: the relation's wording, the other end or value."""

    predicate: str
    label: str
    direction: Literal["out", "in"]
    other: str | None = None
    other_name: str | None = None
    value: str | int | float | bool | None = None
    work: str | None = None
    work_title: str | None = None
    tier: str
    sources: list[str]
    evidence: list[EvidenceRef]
    revealed_in: str | None = None  # None: tied to no work


class ProfileSection(BaseModel):
    key: str
    heading: str
    facts: list[ProfileFact]


class Appearance(BaseModel):
    """A work the entity appears in (credited, or taking part in its events)."""

    work: str
    title: str
    year: int | None
    first: bool
    via: list[str]  # "appears_in", "event"
    sources: list[str]


class Profile(BaseModel):
    entity: EntityRef
    sections: list[ProfileSection]
    appearances: list[Appearance]
    first_appearance: str | None
    canon: str | None = None
    as_of: str | None = None
    hidden: int = 0  # facts hidden by as_of


_PARTICIPANT = ox.NamedNode(_UG + "participant")
_PARTICIPATION = ox.NamedNode(_UG + "participation")
_IN_WORK = ox.NamedNode(_UG + "in_work")


def _event_works(store: UniverseStore, iri: str, canon: CanonTier | None) -> dict[str, set[str]]:
    """Works whose events the entity takes part in, with the sources that say so (from the quads:
    participation -> event -> work, in the version graphs of the sources the floor keeps)."""
    view = source_view(store)
    graphs = frozenset(view.kept_graphs(canon))
    source_of = {g: sid for sid, g in view.graphs.items()}
    canonical = store.canonical
    out: dict[str, set[str]] = {}
    for part in canonical.quads(None, _PARTICIPANT, ox.NamedNode(iri), graphs):
        if not isinstance(part.subject, ox.NamedNode):
            continue
        for link in canonical.quads(None, _PARTICIPATION, part.subject, graphs):
            if not isinstance(link.subject, ox.NamedNode):
                continue
            for work in canonical.quads(link.subject, _IN_WORK, None, graphs):
                graph = work.graph_name.value  # type: ignore[union-attr]
                out.setdefault(work.object.value, set()).add(source_of.get(graph, graph))  # type: ignore[union-attr]
    return out


def profile(
    store: UniverseStore,
    name: str,
    *,
    type: str | None = None,
    canon: CanonTier | None = None,
    as_of: str | None = None,
) -> Profile:
    """Everything known about one entity, sectioned, with sources (and spoiler-safe with `as_of`)."""
    entity = find_entity(store, name, type=type, want=("Character",))
    works = release_order(store)
    cutoff: WorkInfo | None = None
    if as_of is not None:
        cutoff = works[find_entity(store, as_of, type="Work").iri]
    refs = name_index(store).refs
    facts = facts_about(store, entity.iri, canon=canon)
    hidden = 0
    by_section: dict[str, list[ProfileFact]] = {}
    credited: dict[str, set[str]] = {}
    for fact in facts:
        revealed = fact_work(fact, works)
        if not visible(revealed, cutoff, works):
            hidden += 1
            continue
        direction: Literal["out", "in"] = "out" if fact.subject == entity.iri else "in"
        if fact.predicate == APPEARANCE and direction == "out":
            credited.setdefault(str(fact.object), set()).update(e.source for e in fact.evidence)
            continue
        end = refs.get(fact.subject if direction == "in" else str(fact.object))
        key = section_of(fact.predicate, direction, end.type if end else None)
        by_section.setdefault(key, []).append(_seen(fact, entity.iri, direction, revealed, refs, works))
    sections = []
    for section in (*SECTIONS, None):
        key = section.key if section else "other"
        found = by_section.get(key)
        if found:
            found.sort(key=_fact_order(works))
            sections.append(
                ProfileSection(key=key, heading=section.heading if section else "Other", facts=found)
            )
    for work, sources in _event_works(store, entity.iri, canon).items():
        if visible(work, cutoff, works):
            credited.setdefault(work, set())
            credited[work] |= {f"event:{s}" for s in sources}
    appearances = _appearances(credited, works)
    return Profile(
        entity=entity,
        sections=sections,
        appearances=appearances,
        first_appearance=appearances[0].work if appearances else None,
        canon=canon.value if canon else None,
        as_of=cutoff.iri if cutoff else None,
        hidden=hidden,
    )


def _seen(
    fact: Fact,
    me: str,
    direction: Literal["out", "in"],
    revealed: str | None,
    refs: dict[str, EntityRef],
    works: dict[str, WorkInfo],
) -> ProfileFact:
    other = fact.subject if direction == "in" else (str(fact.object) if fact.object_is_iri else None)
    return ProfileFact(
        predicate=fact.predicate,
        label=label(fact.predicate, direction),
        direction=direction,
        other=other,
        other_name=(refs[other].name if other in refs else other) if other else None,
        value=None if fact.object_is_iri else fact.object,
        work=fact.work,
        work_title=works[fact.work].title if fact.work in works else None,
        tier=fact.tier,
        sources=sorted({e.source for e in fact.evidence}),
        evidence=fact.evidence,
        revealed_in=revealed,
    )


def _fact_order(works: dict[str, WorkInfo]) -> Any:
    def key(f: ProfileFact) -> tuple[str, int, str]:
        position = works[f.work].position if f.work in works else -1
        return (f.predicate, position, (f.other_name or str(f.value)).casefold())

    return key


def _appearances(credited: dict[str, set[str]], works: dict[str, WorkInfo]) -> list[Appearance]:
    ordered = sorted(credited, key=lambda w: (works[w].position if w in works else 10**6, w))
    out = []
    for i, work in enumerate(ordered):
        sources = credited[work]
        via = sorted({"event" if s.startswith("event:") else "appears_in" for s in sources} or {"appears_in"})
        info = works.get(work)
        out.append(
            Appearance(
                work=work,
                title=info.title if info else work,
                year=info.year if info else None,
                first=i == 0,
                via=via,
                sources=sorted({s.removeprefix("event:") for s in sources}),
            )
        )
    return out
