"""Rule 2, one body in two places: a character placed at two places in one event or at one moment.

Two places clash unless they are the same or one lies in the other (`located_in`, `part_of`).
One event placed differently by two sources puts its participants in both places. Two events
are at the same moment when their in-universe `time` values are equal and name a time of day
("1975-10-03 21:00", "day 2, 06:30"): a bare year or date is a span, not a moment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .base import Finding, Rule, Severity, register
from .facts import EventFact, EventVersion, Universe

TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")


def is_moment(time: str | None) -> bool:
    """True for an in-universe time precise to the minute (it names a time of day)."""
    return time is not None and bool(TIME_OF_DAY.search(time))


@register
class OneBodyTwoPlaces(Rule):
    name = "one-body-two-places"
    number = 2
    severity = Severity.ERROR
    summary = "a character placed at two different locations in the same event or at the same moment"

    def run(self, universe: Universe) -> Iterable[Finding]:
        yield from self._same_event(universe)
        yield from self._same_moment(universe)

    def _same_event(self, universe: Universe) -> Iterable[Finding]:
        for fact in universe.events:
            placed = [v for v in fact.versions if v.event.location]
            clash = _first_clash(universe, placed)
            if clash is None:
                continue
            who = sorted(
                {p.entity for v in placed for p in v.event.participants if universe.is_character(p.entity)}
            )
            a, b = clash
            names = ", ".join(universe.name(w) for w in who) or "nobody named"
            yield self.finding(
                f'"{fact.event.label}" ({universe.name(fact.event.work)}) is placed at '
                f"{universe.name(a.event.location)} by {a.source} and at {universe.name(b.event.location)} "
                f"by {b.source}: {names} would be in both",
                works=[fact.event.work],
                entities=who,
                facts=[universe.event_fact(fact, version=v) for v in placed],
            )

    def _same_moment(self, universe: Universe) -> Iterable[Finding]:
        at: dict[tuple[str, str], list[EventFact]] = defaultdict(list)  # (character, moment) -> events
        for fact in universe.events:
            event = fact.event
            if event.flashback or not event.location or not is_moment(event.time):
                continue
            assert event.time is not None
            for p in event.participants:
                if universe.is_character(p.entity):
                    at[(p.entity, " ".join(event.time.split()).casefold())].append(fact)
        for (who, _), facts in sorted(at.items()):
            clash = _first_clash(universe, facts)
            if clash is None:
                continue
            a, b = clash
            yield self.finding(
                f"{universe.name(who)} is at {universe.name(a.event.location)} and at "
                f"{universe.name(b.event.location)} at the same moment ({a.event.time})",
                works=sorted({f.event.work for f in facts}),
                entities=[who],
                facts=[universe.event_fact(f, who) for f in facts],
            )


def _first_clash[T: (EventVersion, EventFact)](universe: Universe, told: list[T]) -> tuple[T, T] | None:
    """The first two tellings whose places clash (neither the same place nor one inside the other)."""
    for i, a in enumerate(told):
        for b in told[i + 1 :]:
            if not universe.compatible_places(str(a.event.location), str(b.event.location)):
                return a, b
    return None
