"""Helpers for the check tests: small crafted universes written as universe files, and a review source."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import yaml

from universe_graph.check import CheckReport, Finding, run_check
from universe_graph.ingest import load_paths
from universe_graph.model import (
    CanonTier,
    ClaimSet,
    Entity,
    EntityType,
    Evidence,
    Relation,
    Source,
    SourceKind,
)
from universe_graph.resolve import resolve_all
from universe_graph.vocab import ID_BASE

FILM = ID_BASE + "film/"
CHAR = ID_BASE + "tiny/character/"


def tiny() -> dict[str, Any]:
    """A small universe: three films in order, three characters, places with one inside another."""
    return copy.deepcopy(
        {
            "format": "universe-graph/universe@1",
            "source": {"id": "tiny", "tier": "canon"},
            "universe": {"key": "tiny", "name": "Tiny universe"},
            "works": {
                "first": {
                    "title": "First",
                    "kind": "film",
                    "year": 2001,
                    "release_order": 1,
                    "chronology": 1,
                    "directors": ["pat"],
                    "protagonists": ["ada"],
                    "cast": [{"person": "pia", "character": "ada"}, {"person": "pete", "character": "bo"}],
                    "events": [],
                },
                "second": {
                    "title": "Second",
                    "kind": "film",
                    "year": 2003,
                    "release_order": 2,
                    "chronology": 2,
                    "directors": ["pat"],
                    "cast": [{"person": "pia", "character": "ada"}, {"person": "pete", "character": "bo"}],
                    "events": [],
                },
                "third": {
                    "title": "Third",
                    "kind": "film",
                    "year": 2005,
                    "release_order": 3,
                    "chronology": 3,
                    "cast": [{"person": "pia", "character": "ada"}, {"person": "pete", "character": "bo"}],
                    "events": [],
                },
            },
            "characters": {"ada": {"name": "Ada"}, "bo": {"name": "Bo"}, "cy": {"name": "Cy"}},
            "locations": {
                "rome": {"name": "Rome"},
                "paris": {"name": "Paris"},
                "louvre": {"name": "Louvre", "located_in": ["paris"]},
            },
            "people": {
                "pat": {"name": "Pat Director"},
                "pia": {"name": "Pia Actor"},
                "pete": {"name": "Pete Actor"},
            },
        }
    )


def event(label: str, kind: str, who: dict[str, str], **more: Any) -> dict[str, Any]:
    return {"label": label, "kind": kind, "participants": who, **more}


def write(folder: Path, data: dict[str, Any], name: str = "tiny.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def load(*paths: Path) -> list[ClaimSet]:
    """Sources read and resolved among themselves, as `convert` and `check PATH` do."""
    claimsets, _ = resolve_all(load_paths(list(paths)).claimsets)
    return claimsets


def review(
    text: str, about: str, protagonist: str, source_id: str = "a-review", tier: CanonTier = CanonTier.REVIEW
) -> ClaimSet:
    """A review source that names `protagonist` as the lead of the work `about`, quoting `text`."""
    start = text.index(protagonist)
    evidence = Evidence(
        source=source_id,
        extractor="test",
        extractor_version="1",
        confidence=0.9,
        start=start,
        end=start + len(protagonist),
        quote=protagonist,
    )
    lead = ID_BASE + "tiny/character/" + protagonist.lower()
    return ClaimSet(
        source=Source(
            id=source_id,
            location=f"reviews/{source_id}.txt",
            kind=SourceKind.REVIEW,
            tier=tier,
            about=about,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
        ),
        entities=[
            Entity(
                id=about, type=EntityType.FILM, name=about.rsplit("/", 1)[-1].title(), evidence=[evidence]
            ),
            Entity(id=lead, type=EntityType.CHARACTER, name=protagonist, evidence=[evidence]),
        ],
        relations=[Relation(subject=about, predicate="protagonist", object=lead, evidence=[evidence])],
    )


def check(claimsets: list[ClaimSet], **options: Any) -> CheckReport:
    return run_check(claimsets, **options)


def of_rule(report: CheckReport, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]
