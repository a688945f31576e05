"""`sources` from the listing saved beside the store: the same rows as the full way, never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.fixtures import sample_path
from universe_graph.stores import listing, registry
from universe_graph.vocab import REGISTRY_GRAPH, UG

UNIVERSE = sample_path() / "john-wick.universe.yaml"


@pytest.fixture()
def store(tmp_path: Path, invoke: Invoke) -> Path:
    folder = tmp_path / "store"
    assert invoke("--store", folder, "ingest", UNIVERSE).exit_code == 0
    return folder


def _listed(invoke: Invoke, store: Path) -> list[dict[str, object]]:
    done = invoke("--store", store, "sources", "--format", "json")
    assert done.exit_code == 0, done.output
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_the_registry_terms_are_the_ontology_s() -> None:
    assert registry.RECORD_OF.value == str(UG.record_of)
    assert registry.SEQUENCE.value == str(UG.sequence)
    assert registry.VERSION_GRAPH.value == str(UG.version_graph)
    assert registry.REGISTRY.value == REGISTRY_GRAPH


def test_the_first_listing_is_saved_and_the_next_one_reads_it(store: Path, invoke: Invoke) -> None:
    assert not (store / listing.FILE).exists()
    first = _listed(invoke, store)
    assert [(r["id"], r["kind"], r["version"]) for r in first] == [("john-wick-universe", "universe", 1)]
    assert listing.cached(store) == first
    assert _listed(invoke, store) == first


def test_a_write_makes_the_saved_listing_stale(store: Path, invoke: Invoke) -> None:
    _listed(invoke, store)
    assert invoke("--store", store, "retract", "john-wick-universe").exit_code == 0
    assert listing.cached(store) is None
    assert _listed(invoke, store) == []
    assert invoke("--store", store, "ingest", UNIVERSE).exit_code == 0
    assert listing.cached(store) is None
    assert [r["id"] for r in _listed(invoke, store)] == ["john-wick-universe"]


def test_a_torn_or_foreign_listing_is_listed_the_full_way(store: Path, invoke: Invoke) -> None:
    first = _listed(invoke, store)
    (store / listing.FILE).write_text('{"key": ', encoding="utf-8")
    assert listing.cached(store) is None
    assert _listed(invoke, store) == first
    saved = json.loads((store / listing.FILE).read_text(encoding="utf-8"))
    (store / listing.FILE).write_text(json.dumps({**saved, "key": "another version"}), encoding="utf-8")
    assert listing.cached(store) is None
    assert _listed(invoke, store) == first


def test_no_store_is_still_an_error(tmp_path: Path, invoke: Invoke) -> None:
    done = invoke("--store", tmp_path / "none", "sources")
    assert done.exit_code == 1
    assert "no store at" in done.output
