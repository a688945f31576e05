"""Rule 3, sources disagree: two sources give different values where only one can hold.

Who killed a character, who trained them, a work's director, year or protagonist. Each source's
values for one question form a side; sources disagree when two of them have nothing in common
(a source naming two directors does not contradict one naming either). The side backed by the
strongest tier alone is marked preferred. A protagonist that no other source's cast list knows
(a review naming a lead the film's credits do not have) is reported even without a rival claim.
Values are compared by entity, then by normalised name, so unresolved duplicates still agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import CanonTier, Role, SourceKind
from ..resolve import normal
from .base import Cited, Fact, Finding, Rule, Severity, Side, SourceRef, cite, register
from .facts import Universe

#: question -> (predicate, which end is the key: the thing asked about).
QUESTIONS = {
    "killer": ("killed", "object"),
    "trainer": ("trained_by", "subject"),
    "director": ("directed_by", "subject"),
    "release year": ("release_year", "subject"),
    "protagonist": ("protagonist", "subject"),
}
CREDITS = ("cast_member", "portrayed_by")


@dataclass
class Answer:
    """One value as some sources give it."""

    value: str | int | float | bool
    facts: list[Fact] = field(default_factory=list)


Answers = dict[str, dict[object, Answer]]  # source -> value key -> answer


@register
class SourcesDisagree(Rule):
    name = "sources-disagree"
    number = 3
    severity = Severity.WARNING
    summary = "two sources give different values where only one can hold (an error when both are canon)"

    def run(self, universe: Universe) -> Iterable[Finding]:
        asked = self._answers(universe)
        cast = self._cast(universe)
        for (question, key), answers in sorted(asked.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            disjoint = [
                (a, b) for a in answers for b in answers if a < b and not set(answers[a]) & set(answers[b])
            ]
            unknown: dict[str, str] = {}  # source -> note, for protagonists no other cast list knows
            if question == "protagonist":
                for source, values in answers.items():
                    others = {s: names for s, names in cast.get(key, {}).items() if s != source}
                    missing = [
                        v for v in values if others and not any(v in names for names in others.values())
                    ]
                    if missing:
                        listed = ", ".join(f"{s} ({universe.tier(s).value})" for s in sorted(others))
                        unknown[source] = f"not in the cast of {universe.name(key)} per {listed}"
            if not disjoint and not unknown:
                continue
            yield self._finding(universe, question, key, answers, disjoint, unknown)

    def _finding(
        self,
        universe: Universe,
        question: str,
        key: str,
        answers: Answers,
        disjoint: list[tuple[str, str]],
        unknown: dict[str, str],
    ) -> Finding:
        by_values: dict[tuple[object, ...], list[str]] = defaultdict(list)
        for source, given in answers.items():
            by_values[tuple(sorted(given, key=str))].append(source)
        sides = []
        for values, sources in by_values.items():
            picked = [answers[sources[0]][v] for v in values]
            facts = {id(f): f for s in sources for v in values for f in answers[s][v].facts}
            sides.append(
                Side(
                    value=", ".join(self._show(universe, a.value) for a in picked),
                    value_ids=[a.value for a in picked],
                    sources=[SourceRef(id=s, tier=universe.tier(s)) for s in sorted(sources)],
                    tier=min((universe.tier(s) for s in sources), key=lambda t: t.rank),
                    note="; ".join(unknown[s] for s in sorted(sources) if s in unknown) or None,
                    facts=list(facts.values()),
                )
            )
        sides.sort(key=lambda s: (s.tier.rank, s.value))
        if len(sides) > 1 and sides[0].tier is not sides[1].tier:
            sides[0].preferred = True  # a lone side (a lead no cast list knows) is not preferred to anything
        canon_clash = any(universe.tier(a) is universe.tier(b) is CanonTier.CANON for a, b in disjoint)
        told = "; ".join(
            f"{', '.join(f'{r.id} ({r.tier.value})' for r in side.sources)} "
            f"{'says' if len(side.sources) == 1 else 'say'} {side.value}"
            + (f" ({side.note})" if side.note else "")
            + (" [preferred]" if side.preferred else "")
            for side in sides
        )
        works = {key} if question != "killer" and question != "trainer" else set()
        works |= {f.work for side in sides for f in side.facts if f.work}
        return self.finding(
            f"sources disagree on the {question} of {universe.name(key)}: {told}",
            severity=Severity.ERROR if canon_clash else None,
            works=sorted(works),
            entities=sorted({key, *(str(v) for side in sides for v in side.value_ids if isinstance(v, str))}),
            facts=[f for side in sides for f in side.facts],
            sides=sides,
        )

    @staticmethod
    def _show(universe: Universe, value: object) -> str:
        return universe.name(value) if isinstance(value, str) and ":" in value else str(value)

    def _value_key(self, universe: Universe, value: object) -> object:
        if isinstance(value, str) and ":" in value:
            return normal(universe.name(value))
        return value

    def _answers(self, universe: Universe) -> dict[tuple[str, str], Answers]:
        """(question, thing asked about) -> source -> value key -> answer with its facts."""
        out: dict[tuple[str, str], Answers] = defaultdict(lambda: defaultdict(dict))

        def add(question: str, key: str, source: str, value: str | int | float | bool, fact: Fact) -> None:
            answer = out[(question, key)][source].setdefault(self._value_key(universe, value), Answer(value))
            answer.facts.append(fact)

        for question, (predicate, end) in QUESTIONS.items():
            for rel_fact in universe.with_predicate(predicate):
                rel = rel_fact.relation
                key, value = (rel.subject, rel.object) if end == "subject" else (str(rel.object), rel.subject)
                for source in sorted(rel_fact.sources):
                    add(
                        question,
                        key,
                        source,
                        value,
                        universe.relation_fact(rel_fact, rel_fact.by_source(source)),
                    )
        for event in universe.events:
            victims = universe.confirmed_victims(event)
            for version in event.versions:
                killers = [p.entity for p in version.event.participants if p.role is Role.AGENT]
                for victim in victims:
                    for killer in killers:
                        fact = universe.event_fact(event, version=version)
                        add("killer", victim, version.source, killer, fact)
        return out

    def _cast(self, universe: Universe) -> dict[str, dict[str, set[object]]]:
        """Work -> source -> normalised names of the characters that source knows in the work, for
        the sources with a cast list for it (cast credits with the character, portrayals in the work);
        such a source also knows the characters it says appear in the work and the leads it names.
        A review saying who appears has no cast list."""
        credited: dict[str, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
        mentioned: dict[str, dict[str, set[object]]] = defaultdict(lambda: defaultdict(set))
        for rel_fact in universe.with_predicate(*CREDITS, "appears_in", "protagonist"):
            rel = rel_fact.relation
            if rel.predicate == "cast_member" and rel.qualifiers.character:
                table, work, who = credited, rel.subject, rel.qualifiers.character
            elif rel.predicate == "portrayed_by" and rel.qualifiers.work:
                table, work, who = credited, rel.qualifiers.work, rel.subject
            elif rel.predicate == "appears_in":
                table, work, who = mentioned, str(rel.object), rel.subject
            elif rel.predicate == "protagonist":
                table, work, who = mentioned, rel.subject, str(rel.object)
            else:
                continue
            for source in rel_fact.sources:
                table[work][source].add(self._value_key(universe, who))
        for work, by_source in credited.items():
            for source, names in by_source.items():
                names |= mentioned.get(work, {}).get(source, set())
        return credited


@register
class UnlinkedWork(Rule):
    """Sources can only disagree about a work they share: a work known under the same title as
    another but stored apart (a review naming "Ballerina" with no year, never linked to the film)
    keeps its claims out of every comparison. Identity is not guessed here; the user is told to link
    them with `ingest --about`, which only a review takes: an undated work that only structured
    sources name (IMDb, TMDb, Wikidata, ...) is never the reason for a report, as those sources
    tell works apart by their own ids and nothing the user writes would link them."""

    name = "unlinked-work"
    number = 3
    severity = Severity.INFO
    summary = "a review's undated work stored apart from one of the same title (link: `ingest --about`)"

    def run(self, universe: Universe) -> Iterable[Finding]:
        years = {f.relation.subject for f in universe.with_predicate("release_year")}
        by_title: dict[str, dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        reviews: dict[str, set[str]] = defaultdict(set)  # work -> the reviews naming it
        for claims in universe.claimsets:
            source = claims.source
            for entity in claims.entities:
                if not entity.type.is_work or not entity.in_universe:
                    continue
                cited = [cite(e, source.tier, source.location) for e in entity.evidence] or [
                    Cited(
                        source=source.id,
                        tier=source.tier,
                        location=source.location,
                        extractor="source",
                        confidence=1.0,
                    )
                ]
                fact = Fact(
                    statement=f'{source.id} names a work "{entity.name}"', subject=entity.id, evidence=cited
                )
                if source.kind is SourceKind.REVIEW:
                    reviews[entity.id].add(source.id)
                for title in {normal(n) for n in (entity.name, *entity.aliases)}:
                    by_title[title][entity.id].append(fact)
        seen: set[tuple[str, ...]] = set()
        for _, works in sorted(by_title.items()):
            # only a review's work can be linked by the user (`--about`); a universe file's works
            # all have a year, and structured sources tell works apart by their own ids
            undated = [w for w in works if w not in years and w in reviews]
            if len(works) < 2 or not undated or tuple(sorted(works)) in seen:
                continue
            seen.add(tuple(sorted(works)))
            shown = "; ".join(
                f"{w} ({', '.join(sorted({c.source for f in facts for c in f.evidence}))})"
                for w, facts in sorted(works.items())
            )
            yield self.finding(
                f'{len(works)} works titled "{universe.name(undated[0])}" are stored apart, '
                f"{len(undated)} with no release year, so their sources are not compared: {shown}; "
                "if they are one work, ingest the review "
                f"({', '.join(sorted({r for w in undated for r in reviews[w]}))}) again with --about WORK",
                works=sorted(works),
                entities=sorted(works),
                facts=[f for facts in works.values() for f in facts],
            )
