"""A store for the query tests: the bundled universe file plus two small hand-made sources.

A fan source (tier fan, tied to no work) adds "Nogi was trained by Winston" and "Eve Macarro is
an ally of Viggo Tarasov"; a review of Ballerina (tier review, about the film) adds "Eve Macarro
is an ally of John Wick" and one plot event in Ballerina's third act, with quoted evidence. They
give --canon and --as-of something to hide.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from universe_graph.app import ingest_claims
from universe_graph.fixtures import sample
from universe_graph.model import (
    CanonTier,
    ClaimSet,
    Event,
    EventKind,
    Evidence,
    Participant,
    Relation,
    Role,
    Source,
    SourceKind,
)
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import ID_BASE

U = ID_BASE + "john-wick-universe/"
UNIVERSE = ID_BASE + "universe/john-wick-universe"
BALLERINA = ID_BASE + "film/ballerina-2025"
JW1 = ID_BASE + "film/john-wick-2014"
CH2 = ID_BASE + "film/john-wick-chapter-2"
CH3 = ID_BASE + "film/john-wick-chapter-3"
CH4 = ID_BASE + "film/john-wick-chapter-4"
CONTINENTAL = ID_BASE + "series/the-continental"
#: the sample's works in release order (title, year), written by hand
RELEASE_ORDER = [
    ("John Wick", 2014),
    ("John Wick: Chapter 2", 2017),
    ("John Wick: Chapter 3 – Parabellum", 2019),
    ("John Wick: Chapter 4", 2023),
    ("The Continental", 2023),
    ("Ballerina", 2025),
]
REVIEW_TEXT = "Eve fights beside John Wick. In the end Eve burns Hallstatt to the ground."


def c(key: str) -> str:
    """A character (or organization, location) IRI of the sample universe."""
    for kind in ("character", "organization", "location"):
        if key.startswith(kind + "/"):
            return U + key
    return U + "character/" + key


def fan_source() -> ClaimSet:
    def ev(line: int) -> Evidence:
        return Evidence(
            source="fan-theories", extractor="hand", extractor_version="1", confidence=0.5, line=line
        )

    return ClaimSet(
        source=Source(
            id="fan-theories",
            location="fan-theories.yaml",
            kind=SourceKind.UNIVERSE,
            tier=CanonTier.FAN,
            content_hash="1" * 64,
        ),
        relations=[
            Relation(subject=c("nogi"), predicate="trained_by", object=c("winston"), evidence=[ev(3)]),
            Relation(
                subject=c("eve-macarro"), predicate="ally_of", object=c("viggo-tarasov"), evidence=[ev(4)]
            ),
        ],
    )


def review_source() -> ClaimSet:
    def quoted(fragment: str) -> Evidence:
        start = REVIEW_TEXT.index(fragment)
        return Evidence(
            source="test-review",
            extractor="hand",
            extractor_version="1",
            confidence=0.8,
            start=start,
            end=start + len(fragment),
            quote=fragment,
        )

    return ClaimSet(
        source=Source(
            id="test-review",
            location="test-review.txt",
            kind=SourceKind.REVIEW,
            tier=CanonTier.REVIEW,
            about=BALLERINA,
            content_hash="2" * 64,
        ),
        relations=[
            Relation(
                subject=c("eve-macarro"),
                predicate="ally_of",
                object=c("john-wick"),
                evidence=[quoted("Eve fights beside John Wick")],
            )
        ],
        events=[
            Event(
                id=ID_BASE + "review/test-review/event/1",
                label="Eve burns Hallstatt to the ground",
                kind=EventKind.OTHER,
                work=BALLERINA,
                order=8,
                act=3,
                location=c("location/hallstatt"),
                participants=[Participant(entity=c("eve-macarro"), role=Role.AGENT)],
                evidence=[quoted("Eve burns Hallstatt to the ground")],
            )
        ],
    )


def metadata() -> list[ClaimSet]:
    """The sample's universe file without the bundled review: the review's claims come from the
    extractor, and the expectations here are written by hand for facts that do not move with it."""
    return [cs for cs in sample().claimsets if cs.source.kind is not SourceKind.REVIEW]


@pytest.fixture(scope="session")
def qstore(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UniverseStore]:
    """Both stores (canonical and projection) holding the sample's universe file, the fan source and the
    hand-made review."""
    folder: Path = tmp_path_factory.mktemp("query") / "store"
    store = UniverseStore(folder)
    try:
        ingest_claims(store, [*metadata(), fan_source(), review_source()])
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def qfolder(qstore: UniverseStore) -> Path:
    """The folder of the same store (for CLI tests, which open it read-only beside the fixture)."""
    return qstore.folder
