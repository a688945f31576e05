"""path: shortest connections with relation, direction and evidence; canon floors and as-of views."""

from __future__ import annotations

import random
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from queryhelp import JW1, c, fan_source, qstore  # noqa: F401
from universe_graph.app import ingest_claims
from universe_graph.errors import NoPath, NotFound
from universe_graph.fixtures import sample, synthetic
from universe_graph.model import CanonTier
from universe_graph.query import path
from universe_graph.query.adjacency import adjacency
from universe_graph.query.names import name_index
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


def _both(store: UniverseStore, a: str, b: str, **options: Any) -> tuple[object, object]:
    """The same question answered on the adjacency index and by asking the engine node by node."""
    answers: list[object] = []
    for index in (True, False):
        try:
            answers.append(path(store, a, b, all_paths=True, index=index, **options).model_dump())
        except NoPath as e:
            answers.append(str(e))
    return answers[0], answers[1]


def test_index_gives_the_engine_walks_paths_at_every_floor(qstore: UniverseStore) -> None:  # noqa: F811
    refs = name_index(qstore).refs
    people = sorted(i for i, r in refs.items() if r.type == "Character")[:9]
    assert len(people) == 9
    compared = 0
    for a, b in combinations(people, 2):
        for canon in (None, CanonTier.CANON, CanonTier.OFFICIAL):
            ours, engine = _both(qstore, a, b, canon=canon, max_hops=4)
            assert ours == engine, (a, b, canon)
            compared += isinstance(ours, dict)
    assert compared > 20  # most pairs are connected: the comparison is of paths, not of errors


def test_index_gives_the_engine_walks_paths_on_a_synthetic_universe(tmp_path: Path) -> None:
    claims = synthetic(3000, seed=5)
    people = [e.id for e in claims.entities]
    with UniverseStore(tmp_path / "store") as store:
        ingest_claims(store, [claims])
        walkable = set(adjacency(store).predicates)
        whole: nx.Graph[str] = nx.Graph()  # an independent answer: networkx on every relation
        whole.add_edges_from((r.subject, str(r.object)) for r in claims.relations if r.predicate in walkable)
        rng = random.Random(3)
        lengths = []
        for _ in range(25):
            a, b = rng.sample(people, 2)
            ours, engine = _both(store, a, b, max_hops=8)
            assert ours == engine, (a, b)
            if isinstance(ours, dict):
                lengths.append(ours["hops"])
                every = sorted(nx.all_shortest_paths(whole, a, b))
                found = [[h["subject"] if h["direction"] == "forward" else h["object"] for h in p] + [b]
                         for p in ours["paths"]]  # fmt: skip
                assert found == every[:100]
                one = path(store, a, b, max_hops=8).model_dump()
                assert one["paths"] == ours["paths"][:1]  # the single path is the first of --all's
        assert len(lengths) > 15 and max(lengths) >= 3


def test_cached_index_follows_ingest_and_retract(tmp_path: Path) -> None:
    with UniverseStore(tmp_path / "store") as store:
        ingest_claims(store, sample().claimsets)
        assert path(store, "Eve", "Viggo").hops == 2
        first = adjacency(store)
        path(store, "Winston", "Viggo")
        assert adjacency(store) is first  # reused while nothing is written
        ingest_claims(store, [fan_source()])  # "Eve Macarro is an ally of Viggo Tarasov"
        result = path(store, "Eve", "Viggo")
        assert result.hops == 1 and result.paths[0][0].predicate == "ally_of"
        assert adjacency(store) is not first
        assert path(store, "Eve", "Viggo", canon=CanonTier.CANON).hops == 2
        store.retract("fan-theories")
        assert path(store, "Eve", "Viggo").hops == 2
        assert _both(store, "Eve", "Viggo")[0] == _both(store, "Eve", "Viggo")[1]
