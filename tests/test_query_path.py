"""path: shortest connections with relation, direction and evidence; canon floors and as-of views."""

from __future__ import annotations

import pytest

from queryhelp import JW1, c, qstore  # noqa: F401
from universe_graph.errors import NoPath, NotFound
from universe_graph.model import CanonTier
from universe_graph.query import path
from universe_graph.stores.sync import UniverseStore


def steps(hops: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    """(from, label, to) read along the path."""
    out = []
    for h in hops:
        x, y = (
            (h.subject_name, h.object_name) if h.direction == "forward" else (h.object_name, h.subject_name)
        )
        out.append((x, h.label, y))
    return out


def test_one_hop_from_the_fan_source_and_two_without_it(qstore: UniverseStore) -> None:  # noqa: F811
    result = path(qstore, "Eve", "Viggo")
    assert result.hops == 1
    (hop,) = result.paths[0]
    assert (hop.predicate, hop.tier) == ("ally_of", "fan")
    assert [(e.source, e.tier, e.locator) for e in hop.evidence] == [("fan-theories", "fan", "line 4")]
    strict = path(qstore, "Eve", "Viggo", canon=CanonTier.OFFICIAL)
    assert strict.hops == 2
    assert steps(strict.paths[0])[1] == ("John Wick", "enemy of", "Viggo Tarasov")
    assert strict.paths[0][0].object_name == "Eve Macarro" or strict.paths[0][0].subject_name == "Eve Macarro"


def test_each_hop_has_direction_label_and_quoted_evidence(qstore: UniverseStore) -> None:  # noqa: F811
    result = path(qstore, "Viggo", "Iosef", canon=CanonTier.CANON)
    assert result.hops == 1
    (hop,) = result.paths[0]
    assert hop.subject == c("viggo-tarasov") and hop.object == c("iosef-tarasov")
    assert hop.direction == "forward" and hop.predicate == "family_of"
    backwards = path(qstore, "Nogi", "Winston").paths[0][0]  # "Nogi trained_by Winston", walked from Nogi
    assert (backwards.direction, backwards.label) == ("forward", "trained by")
    forwards = path(qstore, "Winston", "Nogi").paths[0][0]
    assert (forwards.direction, forwards.label) == ("backward", "trained")
    every = path(qstore, "Eve", "John Wick", all_paths=True)
    assert every.hops == 1
    (hop,) = every.paths[0]  # one pair, one hop: the other relations between them are listed
    assert hop.predicate == "ally_of" and hop.also == ["fought", "met"]
    assert {(e.source, e.tier, e.quote) for e in hop.evidence} == {
        ("test-review", "review", "Eve fights beside John Wick")
    }
    assert hop.evidence[0].locator == "chars 0-27"


def test_all_shortest_paths(qstore: UniverseStore) -> None:  # noqa: F811
    # Iosef and Charon share two neighbours: the first film (both appear in it) and John Wick
    # (who killed Iosef and is Charon's ally).
    one = path(qstore, "Iosef", "Charon", canon=CanonTier.CANON)
    every = path(qstore, "Iosef", "Charon", canon=CanonTier.CANON, all_paths=True)
    assert one.hops == every.hops == 2
    assert len(one.paths) == 1
    middles = sorted(p[0].object if p[0].direction == "forward" else p[0].subject for p in every.paths)
    assert middles == sorted([JW1, c("john-wick")])
    via_john = next(p for p in every.paths if c("john-wick") in (p[0].subject, p[0].object))
    assert steps(via_john) == [
        ("Iosef Tarasov", "killed by", "John Wick"),
        ("John Wick", "ally of", "Charon"),
    ]
    assert via_john[0].work == JW1


def test_as_of_hides_later_links(qstore: UniverseStore) -> None:  # noqa: F811
    # Eve and John meet, fight and are allies only in Ballerina (2025); as of Chapter 3 the
    # only link left is through the Ruska Roma (facts tied to no work stay visible).
    now = path(qstore, "Eve", "John Wick", canon=CanonTier.REVIEW)
    assert now.hops == 1
    before = path(qstore, "Eve", "John Wick", canon=CanonTier.REVIEW, as_of="John Wick: Chapter 3")
    assert before.hops == 2
    assert all(h.revealed_in is None for h in before.paths[0])


def test_no_path_within_max_hops(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(NoPath, match="within 1 hops"):
        path(qstore, "Iosef", "Charon", max_hops=1)
    with pytest.raises(NotFound):  # NoPath is a kind of NotFound
        path(qstore, "Viggo", "Charon", max_hops=1, canon=CanonTier.CANON)
    assert path(qstore, "Viggo", "Charon", max_hops=2).hops == 2
    with pytest.raises(NotFound, match="did you mean"):
        path(qstore, "Iosif", "Charon")
