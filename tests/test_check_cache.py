"""`check` keeps SHACL's findings per store version (issue 15): a second check of an unchanged store
reads them back instead of validating again; a new version, another `--canon` or changed shapes
validate again. Counted by the calls to the per-source validation the structure rule makes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkhelp import CHAR, FILM, load, tiny, write
from conftest import Invoke
from universe_graph.app import ingest_claims
from universe_graph.check import structure
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
from universe_graph.stores.sync import UniverseStore
from universe_graph.validate import shacl_results


def crooked(source_id: str = "crooked") -> ClaimSet:
    """A fan source in which a character directs a film: one SHACL violation."""
    ev = Evidence(source=source_id, extractor="test", extractor_version="1", confidence=1.0, line=2)
    source = Source(
        id=source_id,
        location=f"{source_id}.json",
        kind=SourceKind.TRIPLES,
        tier=CanonTier.FAN,
        content_hash="0" * 64,
    )
    return ClaimSet(
        source=source,
        entities=[
            Entity(id=FILM + "first", type=EntityType.FILM, name="First", evidence=[ev]),
            Entity(id=CHAR + "ada", type=EntityType.CHARACTER, name="Ada", evidence=[ev]),
        ],
        relations=[
            Relation(subject=FILM + "first", predicate="directed_by", object=CHAR + "ada", evidence=[ev])
        ],
    )


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the sources SHACL validates, call by call."""
    seen: list[str] = []

    def counted(claims: ClaimSet) -> object:
        seen.append(claims.source.id)
        return shacl_results(claims)

    monkeypatch.setattr(structure, "shacl_results", counted)
    return seen


def test_shacl_runs_once_per_store_version(tmp_path: Path, invoke: Invoke, calls: list[str]) -> None:
    store = tmp_path / "store"
    with UniverseStore(store, projection=False) as writer:
        ingest_claims(writer, [*load(write(tmp_path, tiny())), crooked()])

    def check(*extra: str) -> dict[str, object]:
        result = invoke("--store", store, "check", "--format", "json", "--fail-on", "never", *extra)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert isinstance(data, dict)
        return data

    first = check()
    assert sorted(calls) == ["crooked", "tiny"]
    assert any("directed_by must be a Person" in f["message"] for f in first["findings"])  # type: ignore[attr-defined]
    assert check() == first and len(calls) == 2  # the same version: read back, not validated again
    check("--canon", "canon")  # another canon is another universe: validated once
    assert calls[2:] == ["tiny"]
    check("--canon", "canon")
    assert len(calls) == 3

    with UniverseStore(store, projection=False) as writer:  # a new store version
        ingest_claims(writer, [crooked("crooked-too")])
    again = check()
    assert sorted(calls[3:]) == ["crooked", "crooked-too", "tiny"]
    assert len(again["findings"]) == len(first["findings"]) + 1  # type: ignore[arg-type]
    assert check() == again and len(calls) == 6


def test_changed_shapes_are_validated_again(
    tmp_path: Path, invoke: Invoke, calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    with UniverseStore(store, projection=False) as writer:
        ingest_claims(writer, [crooked()])
    for _ in range(2):
        assert invoke("--store", store, "check", "--fail-on", "never").exit_code == 0
    assert calls == ["crooked"]
    monkeypatch.setattr(structure.Structure, "cache_key", lambda self: "other shapes")
    assert invoke("--store", store, "check", "--fail-on", "never").exit_code == 0
    assert calls == ["crooked", "crooked"]
