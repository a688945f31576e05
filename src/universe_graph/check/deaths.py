"""Rule 1, dead then alive: a character killed in one event appears, acts or speaks in a later one.

In-universe order: within a work by plot order, across works by `set_after`, falling back to
release order and year. A later event framed as a flashback, memory or vision, and anything after
a resurrection of the character, is no contradiction. A death is placed by its event (a killing
or death; a flashback's before the work's present), else by a `killed` relation or a `fate: dead`
qualified by a work (at that work's end); deaths no work places cannot be ordered and are passed over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import EventKind
from .base import Fact, Finding, Rule, Severity, register
from .facts import END, Point, Universe


@dataclass
class Death:
    """A character's death in one work: the earliest point the facts give, and those facts."""

    point: Point
    facts: list[Fact] = field(default_factory=list)


@dataclass(frozen=True)
class Sighting:
    """The character alive at a point: taking part in an event, or said alive or killed in a work."""

    point: Point
    fact: Fact


def deaths(universe: Universe) -> dict[str, dict[str, Death]]:
    """Character -> work -> its death there."""
    out: dict[str, dict[str, Death]] = defaultdict(dict)

    def add(who: str, point: Point, fact: Fact) -> None:
        known = out[who].get(point.work)
        if known is None:
            out[who][point.work] = Death(point, [fact])
        else:
            known.facts.append(fact)
            if point.order < known.point.order:
                known.point = point

    for event in universe.events:
        for victim in universe.confirmed_victims(event):
            add(victim, event.point, universe.event_fact(event, victim))
    for rel_fact in universe.with_predicate("killed", "fate"):
        rel = rel_fact.relation
        work = rel.qualifiers.work
        if work is None or (rel.predicate == "fate" and rel.object != "dead"):
            continue
        who = str(rel.object) if rel.predicate == "killed" else rel.subject
        add(who, Point(work, END), universe.relation_fact(rel_fact))
    return out


def sightings(universe: Universe, who: str, dead: dict[str, Death]) -> tuple[list[Sighting], list[Point]]:
    """Where `who` is seen alive (present-framed events, `fate: alive`, deaths in other works),
    and the points of their resurrections."""
    seen, risen = [], []
    for event in universe.takes_part.get(who, []):
        if event.event.flashback:
            continue
        if event.event.kind is EventKind.RESURRECTION:
            risen.append(event.point)
        else:
            seen.append(Sighting(event.point, universe.event_fact(event, who)))
    for rel_fact in universe.with_predicate("fate"):
        rel = rel_fact.relation
        if rel.subject == who and rel.object == "alive" and rel.qualifiers.work:
            seen.append(Sighting(Point(rel.qualifiers.work, END), universe.relation_fact(rel_fact)))
    for death in dead.values():  # dying again means being alive until then
        seen.extend(Sighting(death.point, fact) for fact in death.facts)
    return seen, risen


@register
class DeadThenAlive(Rule):
    name = "dead-then-alive"
    number = 1
    severity = Severity.ERROR
    summary = "a character killed in an event appears, acts or speaks in a later event"

    def run(self, universe: Universe) -> Iterable[Finding]:
        order = universe.order
        for who, dead in sorted(deaths(universe).items()):
            seen, risen = sightings(universe, who, dead)
            for death in sorted(dead.values(), key=lambda d: (d.point.work, d.point.order)):
                later = [s for s in seen if order.precedes(death.point, s.point)]
                later = [
                    s
                    for s in later
                    if not any(
                        order.precedes(death.point, r) and (r == s.point or order.precedes(r, s.point))
                        for r in risen
                    )
                ]
                if not later:
                    continue
                first = later[0].fact
                more = (
                    f" and {len(later) - 1} more time{'s' if len(later) > 2 else ''}"
                    if len(later) > 1
                    else ""
                )
                yield self.finding(
                    f"{universe.name(who)} dies in {universe.name(death.point.work)} "
                    f"but is seen alive later: {first.statement}{more}",
                    works=sorted({death.point.work, *(s.point.work for s in later)}),
                    entities=[who],
                    facts=[*death.facts, *(s.fact for s in later)],
                )
