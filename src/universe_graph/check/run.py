"""Running the rules: canon filtering, the work a writer asks about, and the report with its verdict."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Sequence

from pydantic import Field

from ..errors import AmbiguousName, NotFound
from ..model import CanonTier, ClaimSet
from ..resolve import normal
from .base import Finding, Report, Rule, Severity, SourceRef, registered
from .facts import Universe

#: Keeps a slow rule's findings per store version: (part name, how to build them) -> the findings.
Cache = Callable[[str, Callable[[], list[Finding]]], list[Finding]]


class CheckReport(Report):
    """What `check` found: the findings, counts by severity, and what was checked."""

    ok: bool
    fail_on: str
    canon: CanonTier | None
    work: str | None
    rules: list[str]
    sources: list[SourceRef]
    counts: dict[str, int]
    findings: list[Finding] = Field(default_factory=list)

    def failing(self) -> list[Finding]:
        """The findings at or above the failing severity (none for `never`)."""
        if self.fail_on == "never":
            return []
        floor = Severity(self.fail_on).level
        return [f for f in self.findings if f.severity.level >= floor]


def within_canon(claimsets: Sequence[ClaimSet], canon: CanonTier | None) -> list[ClaimSet]:
    """The sources at tier `canon` or stronger (all of them for None)."""
    return [cs for cs in claimsets if canon is None or cs.source.tier.at_least(canon)]


def find_work(claimsets: Sequence[ClaimSet], name: str) -> str:
    """The IRI of the work named `name` (its IRI, key, title or an alias); refuses to guess."""
    works: dict[str, set[str]] = {}
    for cs in claimsets:
        for entity in cs.entities:
            if entity.type.is_work:
                keys = works.setdefault(entity.id, set())
                keys |= {entity.id, entity.id.rstrip("/").rsplit("/", 1)[-1]}
                keys |= {normal(n) for n in (entity.name, *entity.aliases)}
    wanted = {name, normal(name)}
    hits = sorted(iri for iri, keys in works.items() if keys & wanted)
    if len(hits) == 1:
        return hits[0]
    titles = {iri: _titles(claimsets, iri)[0] for iri in works}
    if not hits:
        close = difflib.get_close_matches(normal(name), sorted({normal(t) for t in titles.values()}), n=3)
        raise NotFound("work", name, [t for t in sorted(set(titles.values())) if normal(t) in close])
    raise AmbiguousName(name, [(iri, titles[iri]) for iri in hits], how="the work's IRI")


def _titles(claimsets: Sequence[ClaimSet], iri: str) -> list[str]:
    ranked = sorted(claimsets, key=lambda cs: cs.source.tier.rank)
    return [e.name for cs in ranked for e in cs.entities if e.id == iri] or [iri]


def _all(rule: Rule, universe: Universe) -> list[Finding]:
    return list(rule.run(universe))


def run_check(
    claimsets: Sequence[ClaimSet],
    *,
    canon: CanonTier | None = None,
    work: str | None = None,
    fail_on: str = "error",
    rules: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
    cached: Cache | None = None,
) -> CheckReport:
    """Run the rules over the sources at `canon` or stronger; keep findings about `work` if given.

    `progress` is told each rule's name once it has run (for a progress bar). With `cached` (the
    store version's snapshot `part`), a rule with a cache key (SHACL) runs once per store version,
    canon and key; later checks of that version read its findings back."""
    available = registered()
    chosen = list(rules) if rules is not None else list(available)
    unknown = [r for r in chosen if r not in available]
    if unknown:
        raise NotFound("rule", unknown[0], sorted(available))
    work_iri = find_work(claimsets, work) if work else None
    universe = Universe(within_canon(claimsets, canon))
    findings: list[Finding] = []
    for name in chosen:
        rule = available[name]()
        key = rule.cache_key() if cached is not None else None
        if cached is not None and key is not None:
            part = f"check-{name}-{canon.value if canon else 'all'}-{key}"
            findings.extend(cached(part, functools.partial(_all, rule, universe)))
        else:
            findings.extend(rule.run(universe))
        if progress:
            progress(name)
    if work_iri:
        findings = [f for f in findings if work_iri in f.works]
    findings.sort(key=lambda f: (-f.severity.level, f.rule, f.message))
    report = CheckReport(
        ok=True,
        fail_on=fail_on,
        canon=canon,
        work=work_iri,
        rules=chosen,
        sources=[SourceRef(id=s.id, tier=s.tier) for s in universe.sources.values()],
        counts={s.value: sum(f.severity is s for f in findings) for s in reversed(Severity)},
        findings=findings,
    )
    report.ok = not report.failing()
    return report
