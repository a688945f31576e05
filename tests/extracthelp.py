"""The default extractor run on an invented text as the review reader runs it: one review source,
every evidence quote exact and recorded with the extractor's name and version."""

from __future__ import annotations

import hashlib

from universe_graph.extract import DEFAULT_EXTRACTOR, WorkHint, get_extractor
from universe_graph.model import CanonTier, ClaimSet, Entity, Event, Relation, Source, SourceKind


def review_source(text: str) -> Source:
    """The source record of an in-memory review."""
    return Source(
        id="t",
        location="t.txt",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )


def run_rules(text: str, about: WorkHint | None = None) -> ClaimSet:
    """The claims of `text`; fails unless every quote is the exact text at its offsets."""
    claims = get_extractor(DEFAULT_EXTRACTOR).run(text, review_source(text), about).claims
    name, version = DEFAULT_EXTRACTOR.rsplit(".", 1)
    items: list[Entity | Relation | Event] = [*claims.entities, *claims.relations, *claims.events]
    for item in items:
        for ev in item.evidence:
            assert ev.quote == text[ev.start : ev.end]  # every quote exact
            assert (ev.extractor, ev.extractor_version) == (name, version)
    return claims


def relations_by_name(text: str) -> set[tuple[str, str, str]]:
    """The relations of `text` read with no work hint, by entity name (literals as their text)."""
    claims = run_rules(text, WorkHint())
    names = {e.id: e.name for e in claims.entities}
    return {
        (names.get(r.subject, "?"), r.predicate, names.get(str(r.object), str(r.object)))
        for r in claims.relations
    }
