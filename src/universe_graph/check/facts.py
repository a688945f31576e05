"""The universe as the rules see it: facts merged across sources with their evidence, in-universe order.

Relations are merged by what they claim (subject, predicate, object, qualifiers), keeping every
source's evidence; events are grouped by id, keeping each source's version. Works are ordered
in-universe by `set_after`, falling back to release order (`follows`) and then release year.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .. import ontology
from ..model import (
    CanonTier,
    ClaimSet,
    EntityType,
    Event,
    EventKind,
    Evidence,
    Framing,
    Relation,
    Role,
    Source,
    is_placeholder,
)
from .base import Cited, Fact, cite

#: An event's order for "before the work's present" (a flashback) and "at the end of the work".
BEFORE_PRESENT = 0.0
END = math.inf


@dataclass(frozen=True)
class Point:
    """A point in in-universe order: a work, and a position in its plot (0: before it, inf: its end)."""

    work: str
    order: float


@dataclass
class RelFact:
    """A relation as claimed by one or more sources, with all their evidence."""

    relation: Relation
    cited: list[Cited]

    @property
    def sources(self) -> set[str]:
        return {c.source for c in self.cited}

    def by_source(self, source: str) -> list[Cited]:
        return [c for c in self.cited if c.source == source]


@dataclass
class EventVersion:
    """One source's telling of an event."""

    source: str
    event: Event
    cited: list[Cited]


@dataclass
class EventFact:
    """An event (by id) with every source's version of it; `event` is the strongest source's."""

    event: Event
    versions: list[EventVersion]

    @property
    def cited(self) -> list[Cited]:
        return [c for v in self.versions for c in v.cited]

    @property
    def point(self) -> Point:
        """Where it happens in in-universe order (a flashback: before its work's present)."""
        if self.event.framing is Framing.FLASHBACK:
            return Point(self.event.work, BEFORE_PRESENT)
        return Point(self.event.work, float(self.event.order))


class WorkOrder:
    """In-universe order of works: `set_after`, else release order (`follows`), else release year."""

    def __init__(
        self, set_after: Iterable[tuple[str, str]], follows: Iterable[tuple[str, str]], years: dict[str, int]
    ) -> None:
        self.later_by_setting = _successors(set_after)
        self.later_by_release = _successors(follows)
        self.years = years
        self._reach: dict[tuple[int, str], set[str]] = {}

    def _reachable(self, graph: dict[str, set[str]], start: str) -> set[str]:
        key = (id(graph), start)
        if key not in self._reach:
            seen: set[str] = set()
            todo = list(graph.get(start, ()))
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(graph.get(node, ()))
            self._reach[key] = seen
        return self._reach[key]

    def before(self, a: str, b: str) -> bool | None:
        """True when work `a` is set before `b`, False when after, None when unknown or the same."""
        if a == b:
            return None
        for graph in (self.later_by_setting, self.later_by_release):
            forward, backward = b in self._reachable(graph, a), a in self._reachable(graph, b)
            if forward != backward:  # both: a cycle, which says nothing (the order rule reports it)
                return forward
        ya, yb = self.years.get(a), self.years.get(b)
        if ya is not None and yb is not None and ya != yb:
            return ya < yb
        return None

    def precedes(self, p: Point, q: Point) -> bool | None:
        """True when point `p` comes strictly before `q` in in-universe order; None when unknown."""
        if p.work == q.work:
            return p.order < q.order
        return self.before(p.work, q.work)


def _successors(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """`(later, earlier)` pairs as earlier -> {later}."""
    out: dict[str, set[str]] = defaultdict(set)
    for later, earlier in edges:
        out[earlier].add(later)
    return out


@dataclass
class Universe:
    """Every fact of the given claim sets, merged, with names, types, order and places."""

    claimsets: Sequence[ClaimSet]
    sources: dict[str, Source] = field(init=False)
    names: dict[str, str] = field(init=False)
    types: dict[str, EntityType] = field(init=False)
    relations: list[RelFact] = field(init=False)
    events: list[EventFact] = field(init=False)

    def __post_init__(self) -> None:
        self.sources = {cs.source.id: cs.source for cs in self.claimsets}
        ranked = sorted(self.claimsets, key=lambda cs: cs.source.tier.rank)
        self.names, self.types = {}, {}
        for cs in ranked:
            for entity in cs.entities:
                self.types.setdefault(entity.id, entity.type)
                if entity.id not in self.names or (
                    is_placeholder(self.names[entity.id]) and not is_placeholder(entity.name)
                ):
                    self.names[entity.id] = entity.name
        merged: dict[object, RelFact] = {}
        grouped: dict[str, list[EventVersion]] = defaultdict(list)
        for cs in ranked:
            for rel in cs.relations:
                cited = [self._cite(e, cs.source) for e in rel.evidence]
                if rel.key() in merged:
                    merged[rel.key()].cited.extend(cited)
                else:
                    merged[rel.key()] = RelFact(rel, cited)
            for event in cs.events:
                cited = [self._cite(e, cs.source) for e in event.evidence]
                grouped[event.id].append(EventVersion(cs.source.id, event, cited))
        self.relations = list(merged.values())
        self.events = [EventFact(versions[0].event, versions) for versions in grouped.values()]

    def _cite(self, evidence: Evidence, source: Source) -> Cited:
        known = self.sources.get(evidence.source, source)
        return cite(evidence, known.tier, known.location)

    # ------------------------------------------------------------------ lookups
    def name(self, iri: object) -> str:
        """A display name: the strongest source's name, else the IRI's last part."""
        text = str(iri)
        return self.names.get(text, text.rstrip("/").rsplit("/", 1)[-1])

    def is_character(self, iri: str) -> bool:
        return self.types.get(iri, EntityType.CHARACTER) is EntityType.CHARACTER

    def tier(self, source: str) -> CanonTier:
        return self.sources[source].tier

    def with_predicate(self, *predicates: str) -> list[RelFact]:
        return [r for r in self.relations if r.relation.predicate in predicates]

    @cached_property
    def order(self) -> WorkOrder:
        """In-universe order of the works."""
        years: dict[str, tuple[int, int]] = {}  # work -> (tier rank, year): the strongest source wins
        for fact in self.with_predicate("release_year"):
            rank = min(c.tier.rank for c in fact.cited)
            work, year = fact.relation.subject, fact.relation.object
            if isinstance(year, int) and (work not in years or rank < years[work][0]):
                years[work] = (rank, year)
        return WorkOrder(
            self.pairs("set_after"), self.pairs("follows"), {w: y for w, (_, y) in years.items()}
        )

    def pairs(self, predicate: str) -> list[tuple[str, str]]:
        return [(r.relation.subject, str(r.relation.object)) for r in self.with_predicate(predicate)]

    @cached_property
    def _containers(self) -> dict[str, set[str]]:
        """Place -> every place it lies in (located_in, part_of, transitively)."""
        parents: dict[str, set[str]] = defaultdict(set)
        for fact in self.with_predicate("located_in", "part_of"):
            parents[fact.relation.subject].add(str(fact.relation.object))
        out: dict[str, set[str]] = {}
        for place in list(parents):
            seen: set[str] = set()
            todo = list(parents[place])
            while todo:
                node = todo.pop()
                if node not in seen:
                    seen.add(node)
                    todo.extend(parents.get(node, ()))
            out[place] = seen
        return out

    def compatible_places(self, a: str, b: str) -> bool:
        """True when one can be at both at once: the same place, or one lies in the other."""
        return a == b or b in self._containers.get(a, set()) or a in self._containers.get(b, set())

    # ------------------------------------------------------------------ deaths
    @cached_property
    def _dead_in(self) -> set[tuple[str, str | None]]:
        """(victim, work or None) for every `killed` relation and `fate: dead`."""
        out: set[tuple[str, str | None]] = set()
        for fact in self.with_predicate("killed", "fate"):
            rel = fact.relation
            if rel.predicate == "killed":
                out.add((str(rel.object), rel.qualifiers.work))
            elif rel.object == "dead":
                out.add((rel.subject, rel.qualifiers.work))
        return out

    def killed_in(self, victim: str, work: str) -> bool:
        """True when a relation says `victim` was killed in `work` (or in no particular work), or is
        dead at the end of it."""
        return (victim, work) in self._dead_in or (victim, None) in self._dead_in

    @cached_property
    def takes_part(self) -> dict[str, list[EventFact]]:
        """Entity -> the events it takes part in."""
        out: dict[str, list[EventFact]] = defaultdict(list)
        for fact in self.events:
            for who in dict.fromkeys(p.entity for p in fact.event.participants):
                out[who].append(fact)
        return out

    def confirmed_victims(self, fact: EventFact) -> list[str]:
        """The characters an event kills: every victim of a death; of a killing, a lone victim or
        one whose death in that work a relation confirms (a gang "kills the dog, robs the man").
        Memories and visions kill nobody."""
        event = fact.event
        if event.kind not in (EventKind.KILLING, EventKind.DEATH) or event.framing in (
            Framing.MEMORY,
            Framing.VISION,
        ):
            return []
        victims = [
            p.entity for p in event.participants if p.role is Role.VICTIM and self.is_character(p.entity)
        ]
        if event.kind is EventKind.DEATH or len(victims) == 1:
            return victims
        return [v for v in victims if self.killed_in(v, event.work)]

    # ------------------------------------------------------------------ facts as shown
    def relation_fact(self, fact: RelFact, cited: list[Cited] | None = None) -> Fact:
        """A relation as a finding's fact (with all its evidence, or only `cited`)."""
        rel = fact.relation
        return Fact(
            statement=self.say(rel),
            subject=rel.subject,
            predicate=rel.predicate,
            object=rel.object,
            work=rel.qualifiers.work,
            evidence=cited if cited is not None else fact.cited,
        )

    def say(self, rel: Relation) -> str:
        """A relation in plain English."""
        s, o = self.name(rel.subject), rel.object
        shown = self.name(o) if isinstance(o, str) and not ontology.predicate(rel.predicate).is_literal else o
        work = f" in {self.name(rel.qualifiers.work)}" if rel.qualifiers.work else ""
        if rel.predicate == "protagonist":
            return f"{shown} is the protagonist of {s}"
        if rel.predicate == "release_year":
            return f"{s} was released in {shown}"
        if rel.predicate == "fate":
            where = f" at the end of {self.name(rel.qualifiers.work)}" if rel.qualifiers.work else ""
            return f"{s} is {shown}{where}"
        if rel.predicate == "cast_member" and rel.qualifiers.character:
            return f"{shown} plays {self.name(rel.qualifiers.character)} in {s}"
        label = ontology.predicate(rel.predicate).label
        return f"{s} {label} {shown}{work}"

    def event_fact(
        self, fact: EventFact, who: str | None = None, version: EventVersion | None = None
    ) -> Fact:
        """An event (or one participant's part in it) as a finding's fact."""
        event = version.event if version else fact.event
        where = f" at {self.name(event.location)}" if event.location else ""
        framing = f", {event.framing.value}" if event.framing is not Framing.PRESENT else ""
        time = f", time {event.time}" if event.time else ""
        told = f'"{event.label}" ({self.name(event.work)}, event {event.order}{framing}{time}){where}'
        if who is not None:
            roles = ", ".join(p.role.value for p in event.participants if p.entity == who)
            told = f"{self.name(who)} takes part ({roles}) in {told}"
        return Fact(
            statement=told,
            subject=event.id,
            predicate=event.kind.value,
            object=who,
            work=event.work,
            evidence=version.cited if version else fact.cited,
        )
