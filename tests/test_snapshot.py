"""The read snapshot per store version: parts built once, persisted beside the store, read back by
the next command over the same version, and rebuilt (old files removed) after a new version."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke
from servehelp import build_store, quoted_review
from universe_graph.app import ingest_claims
from universe_graph.fixtures import sample
from universe_graph.query.adjacency import adjacency, build_adjacency
from universe_graph.query.names import build_index, name_index
from universe_graph.snapshot import FOLDER, snapshot, version_key
from universe_graph.stores.sync import UniverseStore


def _files(folder: Path) -> dict[str, float]:
    return {
        str(p.relative_to(folder / FOLDER)): p.stat().st_mtime_ns for p in (folder / FOLDER).rglob("*.pickle")
    }


def test_a_second_open_reads_the_parts_back_and_a_new_version_rebuilds(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    with UniverseStore(folder, read_only=True) as store:
        names, walk = name_index(store), adjacency(store)
        shot = snapshot(store)
        assert sorted(shot.built) == ["adjacency", "names"]
        first = _files(folder)
        assert set(first) == {f"{shot.key}/names.pickle", f"{shot.key}/adjacency.pickle"}
    with UniverseStore(folder, read_only=True) as store:  # another command: a cache hit
        again = name_index(store)
        assert adjacency(store).neighbour == walk.neighbour
        assert snapshot(store).built == []
        assert again.refs == names.refs == build_index(store.canonical, frozenset(shot.view.version)).refs
        assert _files(folder) == first  # read, not written again
        assert version_key(snapshot(store).view.version) == shot.key
    with UniverseStore(folder) as store:  # a new store version
        ingest_claims(store, [quoted_review()])
        fresh = snapshot(store)
        assert fresh.key != shot.key
        assert name_index(store).refs.keys() >= names.refs.keys()
        assert fresh.built == ["names"]
        expected = build_adjacency(store.canonical, fresh.view.version)
        assert adjacency(store).neighbour == expected.neighbour
        assert set(_files(folder)) == {f"{fresh.key}/names.pickle", f"{fresh.key}/adjacency.pickle"}


def test_an_unreadable_part_is_rebuilt_not_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    build_store(folder)
    with UniverseStore(folder, read_only=True) as store:
        names = name_index(store)
        key = snapshot(store).key
    (folder / FOLDER / key / "names.pickle").write_bytes(b"torn")
    with UniverseStore(folder, read_only=True) as store:
        assert name_index(store).refs == names.refs
        assert snapshot(store).built == ["names"]


def test_cli_commands_share_the_persisted_snapshot(tmp_path: Path, invoke: Invoke) -> None:
    folder = tmp_path / "store"
    build_store(folder)
    first = invoke("--store", folder, "profile", "Winston", "--format", "json")
    assert first.exit_code == 0, first.output
    written = _files(folder)
    assert any(name.endswith("/names.pickle") for name in written)
    asked = invoke("--store", folder, "ask", "who trained John Wick?", "--format", "json")
    assert asked.exit_code == 0, asked.output
    after = _files(folder)
    assert {k: v for k, v in after.items() if k in written} == written  # names read back, not rebuilt
    assert any(name.endswith("/ask-names.pickle") for name in after)
    again = invoke("--store", folder, "profile", "Winston", "--format", "json")
    assert again.output == first.output
