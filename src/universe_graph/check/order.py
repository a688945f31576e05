"""Rule 5, broken order: cycles in `follows` or `set_after`, and characters needed before they appear.

A character appears in a work through a credit (`cast_member` with the character, `appears_in`,
`portrayed_by` in that work, `protagonist`) or by taking part in one of its events. A work needs
a character when a fact tied to that work names them (killed in it, dead at its end, betrayed in
it, leading something in it...). A work that needs a character set before every work they
appear in is a broken order: they are used before the story has introduced them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx

from .base import Fact, Finding, Rule, Severity, register
from .facts import Universe

APPEARING = ("appears_in", "cast_member", "portrayed_by", "protagonist")


@register
class OrderCycle(Rule):
    name = "order-cycle"
    number = 5
    severity = Severity.ERROR
    summary = "a cycle in release order (follows) or in-universe order (set_after)"

    def run(self, universe: Universe) -> Iterable[Finding]:
        for predicate, what in (("follows", "release order"), ("set_after", "in-universe order")):
            facts = universe.with_predicate(predicate)
            graph: nx.DiGraph[str] = nx.DiGraph()
            graph.add_edges_from((f.relation.subject, str(f.relation.object)) for f in facts)
            for component in nx.strongly_connected_components(graph):
                loop = [w for w in component if graph.has_edge(w, w)]
                if len(component) < 2 and not loop:
                    continue
                cycle = nx.find_cycle(graph.subgraph(component))
                edges = {(str(u), str(v)) for u, v in cycle}
                shown = " -> ".join(universe.name(u) for u, _ in cycle) + f" -> {universe.name(cycle[0][0])}"
                yield self.finding(
                    f"{what} is a cycle ({predicate}): {shown}",
                    works=sorted(component),
                    entities=sorted(component),
                    facts=[
                        universe.relation_fact(f)
                        for f in facts
                        if (f.relation.subject, str(f.relation.object)) in edges
                    ],
                )


@register
class NeededBeforeAppearing(Rule):
    name = "needed-before-appearing"
    number = 5
    severity = Severity.WARNING
    summary = "a character's first appearance comes after a work that already needs them"

    def run(self, universe: Universe) -> Iterable[Finding]:
        appears: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        needs: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for rel_fact in universe.relations:
            rel = rel_fact.relation
            if rel.predicate in APPEARING:
                work, who = _appearance(
                    rel.predicate, rel.subject, rel.object, rel.qualifiers.work, rel.qualifiers.character
                )
                if work and who:
                    appears[who][work].append(universe.relation_fact(rel_fact))
            elif rel.qualifiers.work:
                for named in (rel.subject, rel.object):
                    if isinstance(named, str) and named in universe.types and universe.is_character(named):
                        needs[named][rel.qualifiers.work].append(universe.relation_fact(rel_fact))
        for event in universe.events:
            for p in event.event.participants:
                if universe.is_character(p.entity):
                    appears[p.entity][event.event.work].append(universe.event_fact(event, p.entity))
        order = universe.order
        for who, needed in sorted(needs.items()):
            seen = appears.get(who, {})
            if not seen:
                continue
            first = [w for w in seen if not any(order.before(o, w) for o in seen)]
            for work, facts in sorted(needed.items()):
                if work in seen or not all(order.before(work, w) for w in seen):
                    continue
                yield self.finding(
                    f"{universe.name(work)} needs {universe.name(who)}, who first appears later, in "
                    f"{', '.join(universe.name(w) for w in first)}",
                    works=sorted({work, *first}),
                    entities=[who],
                    facts=[*facts, *(f for w in first for f in seen[w][:1])],
                )


def _appearance(
    predicate: str, subject: str, obj: object, work: str | None, character: str | None
) -> tuple[str | None, str | None]:
    """(work, character) an appearing relation states."""
    if predicate == "appears_in":
        return str(obj), subject
    if predicate == "cast_member":
        return subject, character
    if predicate == "portrayed_by":
        return work, subject
    return subject, str(obj)  # protagonist
