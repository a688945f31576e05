"""Rule 4, relationship turns without cause: allies and enemies at once, with no betrayal between.

Two characters (or organizations) are allies and enemies at once when both relations hold in the
same work or either is stated for no particular work; an alliance in one work followed by enmity
in a later one is a turn too. A betrayal between the two explains it: a `betrayed` relation
either way, or a betrayal event both take part in, in a work not outside the span of the turn.
Enmity that turns into alliance (a reconciliation) needs no cause and is passed over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import EventKind
from .base import Fact, Finding, Rule, Severity, register
from .facts import RelFact, Universe


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


@register
class TurnWithoutCause(Rule):
    name = "turn-without-cause"
    number = 4
    severity = Severity.WARNING
    summary = "ally and enemy at once (or ally turned enemy) with no betrayal or falling-out between"

    def run(self, universe: Universe) -> Iterable[Finding]:
        stated: dict[tuple[str, str], dict[str, list[RelFact]]] = defaultdict(lambda: defaultdict(list))
        for fact in universe.with_predicate("ally_of", "enemy_of"):
            rel = fact.relation
            stated[_pair(rel.subject, str(rel.object))][rel.predicate].append(fact)
        causes = self._causes(universe)
        order = universe.order
        for (a, b), kinds in sorted(stated.items()):
            for ally in kinds.get("ally_of", []):
                for enemy in kinds.get("enemy_of", []):
                    w_ally, w_enemy = ally.relation.qualifiers.work, enemy.relation.qualifiers.work
                    if w_ally is None or w_enemy is None or w_ally == w_enemy:
                        span: tuple[str | None, str | None] = (w_ally or w_enemy, w_enemy or w_ally)
                        how = "at once"
                    elif order.before(w_ally, w_enemy):
                        span, how = (w_ally, w_enemy), "turned"
                    else:
                        continue  # enemies first, allies later (or order unknown): no claim to check
                    if any(self._within(universe, work, span) for work, _ in causes.get((a, b), [])):
                        continue
                    where = self._where(universe, w_ally, w_enemy, how)
                    yield self.finding(
                        f"{universe.name(a)} and {universe.name(b)} are allies and enemies {where} "
                        "with no betrayal or falling-out between them",
                        works=sorted({w for w in (w_ally, w_enemy) if w}),
                        entities=[a, b],
                        facts=[universe.relation_fact(ally), universe.relation_fact(enemy)],
                    )

    @staticmethod
    def _where(universe: Universe, w_ally: str | None, w_enemy: str | None, how: str) -> str:
        if how == "turned":
            return f"(allies in {universe.name(w_ally)}, enemies in {universe.name(w_enemy)})"
        work = w_ally or w_enemy
        return f"at once (in {universe.name(work)})" if work else "at once"

    @staticmethod
    def _within(universe: Universe, work: str | None, span: tuple[str | None, str | None]) -> bool:
        """True when a cause in `work` can explain a turn over `span` (unknowns give the benefit of doubt)."""
        first, last = span
        if work is None or first is None or last is None or work in (first, last):
            return True
        return not universe.order.before(work, first) and not universe.order.before(last, work)

    @staticmethod
    def _causes(universe: Universe) -> dict[tuple[str, str], list[tuple[str | None, Fact]]]:
        """Pair -> (work, fact) of each betrayal between the two."""
        out: dict[tuple[str, str], list[tuple[str | None, Fact]]] = defaultdict(list)
        for fact in universe.with_predicate("betrayed"):
            rel = fact.relation
            out[_pair(rel.subject, str(rel.object))].append(
                (rel.qualifiers.work, universe.relation_fact(fact))
            )
        for event in universe.events:
            if event.event.kind is not EventKind.BETRAYAL:
                continue
            who = sorted({p.entity for p in event.event.participants})
            for i, a in enumerate(who):
                for b in who[i + 1 :]:
                    out[(a, b)].append((event.event.work, universe.event_fact(event)))
        return out
