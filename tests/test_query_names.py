"""Name lookup: case, NFKC and aliases do not matter; ambiguity and unknown names are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from queryhelp import CONTINENTAL, JW1, c, qstore  # noqa: F401
from universe_graph.app import ingest_claims
from universe_graph.errors import AmbiguousName, BadInput, NotFound
from universe_graph.query import find_entity
from universe_graph.stores.sync import UniverseStore


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Winston", c("winston")),
        ("WINSTON SCOTT", c("winston")),
        ("baba yaga", c("john-wick")),  # an alias
        ("Sacre-Coeur", c("location/sacre-coeur")),
        ("ＳＡＣＲÉ-CŒUR", c("location/sacre-coeur")),  # full-width letters fold under NFKC
        ("Marquis", c("marquis")),
        ("the bowery king", c("bowery-king")),
    ],
)
def test_names_aliases_case_and_width(qstore: UniverseStore, name: str, iri: str) -> None:  # noqa: F811
    assert find_entity(qstore, name).iri == iri


def test_an_iri_is_taken_as_is(qstore: UniverseStore) -> None:  # noqa: F811
    ref = find_entity(qstore, c("winston"))
    assert (ref.name, ref.type) == ("Winston Scott", "Character")
    assert "Winston" in ref.aliases


def test_ambiguous_name_lists_candidates_and_how_to_choose(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(AmbiguousName) as info:
        find_entity(qstore, "john wick")
    message = str(info.value)
    assert "John Wick (Film)" in message and "John Wick (Character)" in message and "--type" in message
    assert find_entity(qstore, "john wick", type="film").iri == JW1
    assert find_entity(qstore, "john wick", type="Work").iri == JW1
    assert find_entity(qstore, "John Wick", want=("Character",)).iri == c("john-wick")
    with pytest.raises(AmbiguousName, match="Organization"):
        find_entity(qstore, "Continental")
    assert find_entity(qstore, "Continental", want=("Work",)).iri == CONTINENTAL


def test_unknown_name_gets_suggestions(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(NotFound) as info:
        find_entity(qstore, "Jon Wik")
    assert "John Wick" in str(info.value)
    with pytest.raises(NotFound) as info:
        find_entity(qstore, "Chapter 4", type="Work")
    assert "John Wick: Chapter 4" in str(info.value)
    with pytest.raises(NotFound):
        find_entity(qstore, "Winston", type="Film")


def test_unknown_type_lists_valid_types(qstore: UniverseStore) -> None:  # noqa: F811
    with pytest.raises(BadInput, match="Character"):
        find_entity(qstore, "Winston", type="hero")


def test_cached_views_follow_the_stores_own_writes(tmp_path: Path) -> None:
    from queryhelp import fan_source
    from universe_graph.fixtures import sample
    from universe_graph.query import run_named

    with UniverseStore(tmp_path / "store", projection=False) as store:
        ingest_claims(store, sample().claimsets)
        before = run_named(store, "trained_by_chain", {"character": c("eve-macarro")}).rows
        assert find_entity(store, "Nogi").iri == c("nogi")
        ingest_claims(store, [fan_source()])  # adds "Nogi trained_by Winston"
        after = run_named(store, "trained_by_chain", {"character": c("eve-macarro")}).rows
        assert len(after) == len(before) + 1
        store.retract("fan-theories")
        assert run_named(store, "trained_by_chain", {"character": c("eve-macarro")}).rows == before
