"""Source ids: from the path inside an ingested folder; a clash stores the rest and is reported;
a source never silently replaces a stored source of another kind or location (issue 14).

The files are tiny hand-written SWAPI fixtures with invented names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.ingest.collect import folder_source_id, replacing_others
from universe_graph.model import CanonTier, ClaimSet, Source, SourceKind
from universe_graph.stores.sync import UniverseStore

IMDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "imdb"


def planets(path: Path, *names: str) -> Path:
    """A SWAPI planets fixture naming `names` (pk 1, 2, ...)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [{"model": "resources.planet", "pk": i, "fields": {"name": n}} for i, n in enumerate(names, 1)]
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def stored(store: Path) -> dict[str, str]:
    with UniverseStore(store, read_only=True) as s:
        return {sid: r.source.location for sid, r in s.canonical.sources().items()}


def test_folder_ids_are_relative_paths_and_top_files_keep_their_base_name(tmp_path: Path) -> None:
    assert folder_source_id(tmp_path / "name.basics.tsv", tmp_path) == "name-basics"
    assert folder_source_id(tmp_path / "heads" / "name.basics.tsv", tmp_path) == "heads-name-basics"
    assert folder_source_id(tmp_path / "a b" / "Été" / "x.json", tmp_path) == "a-b-ete-x"


def test_two_files_with_one_base_name_in_a_folder_do_not_clash(tmp_path: Path, invoke: Invoke) -> None:
    data = tmp_path / "data"
    planets(data / "planets.json", "Ord Mantell")
    planets(data / "heads" / "planets.json", "Vesh Prime")
    result = invoke("--store", tmp_path / "store", "ingest", data)
    assert result.exit_code == 0, result.output
    assert set(stored(tmp_path / "store")) == {"planets", "heads-planets"}


def test_a_clash_stores_the_good_sources_and_reports_it(tmp_path: Path, invoke: Invoke) -> None:
    a = planets(tmp_path / "a" / "planets.json", "Ord Mantell")
    b = planets(tmp_path / "b" / "planets.json", "Vesh Prime")
    good = planets(tmp_path / "c" / "worlds.json", "Quellis")
    result = invoke("--store", tmp_path / "store", "ingest", a, b, good)
    assert result.exit_code != 0
    assert "source id 'planets' is used by 2 files" in result.output and str(b) in result.output
    assert set(stored(tmp_path / "store")) == {"worlds"}  # neither clashing file is guessed right
    result = invoke("--store", tmp_path / "other", "ingest", "--all-or-nothing", a, b, good)
    assert result.exit_code != 0
    assert not (tmp_path / "other").exists() or stored(tmp_path / "other") == {}


def test_a_source_never_silently_replaces_one_from_another_place(tmp_path: Path, invoke: Invoke) -> None:
    store = tmp_path / "store"
    first = planets(tmp_path / "a" / "planets.json", "Ord Mantell")
    other = planets(tmp_path / "b" / "planets.json", "Vesh Prime")
    assert invoke("--store", store, "ingest", first).exit_code == 0
    result = invoke("--store", store, "ingest", other)
    assert result.exit_code != 0
    assert (
        f"source id 'planets' is already swapi source {first}" in result.output
        and "--replace" in result.output
    )
    assert stored(store) == {"planets": str(first)}
    planets(first, "Ord Mantell", "Quellis")  # the same place read again (changed): replaced freely
    result = invoke("--store", store, "ingest", first)
    assert result.exit_code == 0 and "replaced" in result.output
    result = invoke("--store", store, "ingest", "--replace", other)
    assert result.exit_code == 0, result.output
    assert stored(store) == {"planets": str(other)}


def source(kind: SourceKind, location: str, digest: str = "1") -> ClaimSet:
    return ClaimSet(
        source=Source(
            id="films", location=location, kind=kind, tier=CanonTier.CANON, content_hash=digest * 64
        )
    )


def test_replacing_others_names_the_kind_and_place() -> None:
    old = source(SourceKind.SWAPI, "/data/swapi/films.json").source
    keep, refused = replacing_others([source(SourceKind.TMDB, "/data/swapi/films.json", "2")], {"films": old})
    assert keep == [] and "already swapi source /data/swapi/films.json" in str(refused[0])
    same_bytes = source(SourceKind.SWAPI, "/copy/films.json")  # the same bytes elsewhere: one source
    assert replacing_others([same_bytes], {"films": old}) == ([same_bytes], [])
    fresh = source(SourceKind.TMDB, "/data/tmdb/films.json", "2")
    assert replacing_others([fresh], {}) == ([fresh], [])


@pytest.mark.skipif(not IMDB.is_dir(), reason="the shared IMDb sample is not here")
def test_ingest_the_imdb_sample_folder(tmp_path: Path, invoke: Invoke) -> None:
    result = invoke("--store", tmp_path / "store", "ingest", IMDB)
    ids = set(stored(tmp_path / "store"))
    assert {"name-basics", "heads-name-basics", "title-basics", "heads-title-basics"} <= ids
    assert "is also used by" not in result.output and "is used by" not in result.output
