"""The stores: both hold the same graph; writes are atomic, idempotent, single-writer, healable."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storehelp import dump
from universe_graph.app import ingest_claims
from universe_graph.errors import BadInput, NotFound, StoreBusy
from universe_graph.fixtures import sample, sample_path
from universe_graph.ingest import SourceOptions, load_paths
from universe_graph.model import ClaimSet
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.sync import UniverseStore

UNIVERSE = sample_path() / "john-wick.universe.yaml"


class Boom(RuntimeError):
    """An injected failure."""


def changed_universe(tmp: Path) -> Path:
    """A second version of the sample: one character more, one relation less, a new alias."""
    text = UNIVERSE.read_text(encoding="utf-8")
    text = text.replace("    works_for: [the-adjudicator]\n", "")
    text = text.replace(
        "  helen-wick:\n    name: Helen Wick\n",
        "  helen-wick:\n    name: Helen Wick\n    aliases: [Helen, Mrs. Wick]\n",
        1,
    ).replace("    aliases: [Helen]\n", "", 1)
    text = text.replace(
        "characters:\n  john-wick:\n",
        "characters:\n  grace:\n    name: Grace\n    member_of: [high-table]\n  john-wick:\n",
        1,
    )
    path = tmp / "john-wick.universe.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> list[ClaimSet]:
    return load_paths([path]).claimsets


@pytest.fixture()
def store_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    with UniverseStore(folder) as store:
        ingest_claims(store, sample().claimsets)
    return folder


def test_both_stores_hold_the_same_graph(store_dir: Path) -> None:
    state = dump(store_dir)  # asserts projection == canonical, fact by fact with sources and tiers
    assert len(state["edges"]) > 500
    assert {c for c in state["canonical"]} == {"john-wick-universe", "ballerina-review"}
    trained = [e for e in state["edges"] if e[1] == "TRAINED_BY" and e[0].endswith("/character/john-wick")]
    assert {(e[4], e[5]) for e in trained} == {(("john-wick-universe",), "canon")}


def test_what_is_stored_is_what_was_read(store_dir: Path) -> None:
    from test_rdf_roundtrip import normal

    state = dump(store_dir)
    for claims in sample().claimsets:
        assert state["canonical"][claims.source.id] == normal(claims)


def test_ingest_twice_changes_nothing(store_dir: Path) -> None:
    before = dump(store_dir)
    with UniverseStore(store_dir) as store:
        changes = ingest_claims(store, sample().claimsets).changes
    assert {c.outcome for c in changes} == {"unchanged"}
    assert dump(store_dir) == before


def test_the_same_bytes_read_into_other_claims_are_stored_again(store_dir: Path) -> None:
    """A newer reader or extractor makes other claims from unchanged bytes: they replace the old ones."""
    universe = next(cs for cs in sample().claimsets if cs.source.id == "john-wick-universe")
    fewer = universe.model_copy(update={"relations": universe.relations[1:]})  # same source, same hash
    with UniverseStore(store_dir) as store:
        (change,) = ingest_claims(store, [fewer]).changes
        assert change.outcome == "replaced"
        assert len(
            store.canonical.claims_of(store.canonical.sources()["john-wick-universe"]).relations
        ) == len(fewer.relations)
        (again,) = ingest_claims(store, [fewer]).changes
        assert again.outcome == "unchanged"
        (back,) = ingest_claims(store, [universe]).changes
        assert back.outcome == "replaced"


def test_a_changed_source_replaces_its_previous_version(store_dir: Path, tmp_path: Path) -> None:
    new = read(changed_universe(tmp_path))[0]
    with UniverseStore(store_dir) as store:
        (change,) = ingest_claims(store, [new]).changes
    assert change.outcome == "replaced"
    state = dump(store_dir)
    assert any(e[0].endswith("/character/grace") and e[1] == "MEMBER_OF" for e in state["edges"])
    assert not any(e[0].endswith("/character/zero") and e[1] == "WORKS_FOR" for e in state["edges"])
    assert state["graph_count"] == 3  # registry + one graph per current source: the old version is gone


def test_retract_keeps_facts_another_source_also_claims(store_dir: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin"
    twin.mkdir()
    second = changed_universe(twin)
    (claims,) = load_paths([second], options=_options("fan-copy")).claimsets
    with UniverseStore(store_dir) as store:
        ingest_claims(store, [claims])
    shared = dump(store_dir)
    trained = next(
        e for e in shared["edges"] if e[1] == "TRAINED_BY" and e[0].endswith("/character/john-wick")
    )
    assert trained[4] == ("fan-copy", "john-wick-universe")
    with UniverseStore(store_dir) as store:
        store.retract("john-wick-universe")
    after = dump(store_dir)
    kept = next(e for e in after["edges"] if e[:4] == trained[:4])
    assert kept[4] == ("fan-copy",)
    assert any(e[0].endswith("/character/grace") for e in after["edges"])  # only the copy says it
    assert not any(e[0].endswith("/character/zero") and e[1] == "WORKS_FOR" for e in after["edges"])
    with UniverseStore(store_dir) as store, pytest.raises(NotFound, match="did you mean"):
        store.retract("ballerina-reveiw")


def _options(source_id: str) -> SourceOptions:
    return SourceOptions(source_id=source_id)


@pytest.mark.parametrize("stage", ["mid-write", "written", "before-commit"])
def test_failure_before_the_commit_leaves_the_previous_state(
    store_dir: Path, tmp_path: Path, stage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(store_dir)
    monkeypatch.setattr(OxigraphStore, "batch_size", 500)
    new = read(changed_universe(tmp_path))

    def hook(at: str) -> None:
        if at == stage:
            raise Boom(at)

    with UniverseStore(store_dir) as store, pytest.raises(Boom):
        ingest_claims(store, new, hook=hook)
    assert dump(store_dir) == before  # reopening also removed the unfinished version graph


@pytest.mark.parametrize("stage", ["after-commit", "projected"])
def test_failure_after_the_commit_heals_to_the_new_state(store_dir: Path, tmp_path: Path, stage: str) -> None:
    new = read(changed_universe(tmp_path))
    reference = tmp_path / "reference"
    with UniverseStore(reference) as store:
        ingest_claims(store, sample().claimsets)
        ingest_claims(store, new)
    expected = dump(reference)

    def hook(at: str) -> None:
        if at == stage:
            raise Boom(at)

    with UniverseStore(store_dir) as store, pytest.raises(Boom):
        ingest_claims(store, new, hook=hook)
    healed = dump(store_dir)
    assert healed["canonical"] == expected["canonical"]
    assert healed["edges"] == expected["edges"]
    assert healed["nodes"] == expected["nodes"]


def _servers(session_dir: Path) -> set[int]:
    """FalkorDB servers working in this test session's folders (a server chdirs into its data folder).

    Only this session's: other pytest runs on the machine start and stop servers of their own.
    """
    base = str(session_dir.resolve())
    out = subprocess.run(["pgrep", "-f", "redis-server"], capture_output=True, text=True, check=False)
    found = set()
    for pid in (int(p) for p in out.stdout.split()):
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(base):
                found.add(pid)
        except OSError:
            continue  # gone meanwhile
    return found


def test_sigkill_of_an_ingest_leaves_before_or_after(
    store_dir: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    new_file = changed_universe(tmp_path)
    before = dump(store_dir)
    reference = tmp_path / "reference"
    with UniverseStore(reference) as store:
        ingest_claims(store, sample().claimsets)
        ingest_claims(store, read(new_file))
    after = dump(reference)
    session = tmp_path_factory.getbasetemp()
    servers_before = _servers(session)
    exe = str(Path(sys.executable).parent / "universe-graph")
    rng = random.Random(20261123)
    outcomes = []
    for _ in range(6):
        # start from the old state each round, then kill an ingest of the new version at a random moment
        with UniverseStore(store_dir) as store:
            ingest_claims(store, read(UNIVERSE))
        child = subprocess.Popen(
            [exe, "--store", str(store_dir), "ingest", str(new_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.2, 2.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
        state = dump(store_dir)
        assert state in (before, after), "a mixture of the old and the new version"
        outcomes.append("after" if state == after else "before")
    assert _servers(session) <= servers_before, "a FalkorDB server outlived its killed owner"
    print("kill outcomes:", outcomes)


def test_a_second_writer_is_told_who_holds_the_store(store_dir: Path) -> None:
    script = (
        "import sys, time; from pathlib import Path; from universe_graph.stores.sync import UniverseStore\n"
        f"s = UniverseStore(Path({str(store_dir)!r})); print('ready', flush=True); time.sleep(30)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy, match=f"in use by PID {holder.pid}"):
            UniverseStore(store_dir)
        reader = OxigraphStore(store_dir, read_only=True)  # readers are welcome beside the writer
        assert set(reader.sources()) == {"john-wick-universe", "ballerina-review"}
        reader.close()
    finally:
        holder.kill()
        holder.wait()
    with UniverseStore(store_dir):  # the lock died with its owner
        pass


def test_sparql_is_read_only(store_dir: Path) -> None:
    store = OxigraphStore(store_dir, read_only=True)
    try:
        with pytest.raises(BadInput, match="SPARQL Update is refused"):
            store.query("PREFIX ex: <http://example.org/> DELETE WHERE { ?s ?p ?o }")
        with pytest.raises(BadInput, match="syntax error"):
            store.query("SELEKT * WHERE { ?s ?p ?o }")
    finally:
        store.close()


def test_query_values_are_bound_not_pasted(store_dir: Path) -> None:
    import pyoxigraph as ox

    store = OxigraphStore(store_dir, read_only=True)
    try:
        query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        query += "SELECT ?x ?name WHERE { ?x rdfs:label ?name }"
        rows = list(store.query(query, {"name": ox.Literal("Winston Scott")}))  # type: ignore[arg-type]
        hostile = list(store.query(query, {"name": ox.Literal('x" } ; DROP ALL ; #')}))  # type: ignore[arg-type]
    finally:
        store.close()
    assert [r["x"].value for r in rows] == [
        "https://w3id.org/universe-graph/id/john-wick-universe/character/winston"
    ]
    assert hostile == []


@pytest.fixture(autouse=True)
def _no_leftover_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    session = tmp_path_factory.getbasetemp()
    before = _servers(session)
    yield
    deadline = time.time() + 5
    while _servers(session) - before and time.time() < deadline:
        time.sleep(0.1)
    assert not (_servers(session) - before), "a test left a FalkorDB server running"


def test_reproject_rebuilds_the_same_projection(store_dir: Path) -> None:
    before = dump(store_dir)
    with UniverseStore(store_dir) as store:
        assert store.reproject() == 2
    assert dump(store_dir) == before


def test_a_missing_marker_is_healed_on_open(store_dir: Path) -> None:
    before = dump(store_dir)
    with UniverseStore(store_dir) as store:
        assert store.projection is not None
        store.projection.clear()
        store.projection.save()
    with UniverseStore(store_dir) as store:
        assert sorted(store.heal()) == []  # opening healed already
    assert dump(store_dir) == before
    assert os.path.isdir(store_dir / "projection")


def test_odd_strings_survive_the_store_exactly(tmp_path: Path) -> None:
    from test_rdf_roundtrip import normal

    claims = sample().claimsets[0].model_copy(deep=True)
    odd = 'He said "run" \\ then\nleft\r\tfor Köln – 東京 \u2018quoted\u2019'
    claims.entities[0].aliases.append(odd)
    rel = claims.relations[0]
    rel.evidence[0] = rel.evidence[0].model_copy(
        update={"line": None, "start": 0, "end": len(odd), "quote": odd}
    )
    store = OxigraphStore(tmp_path / "s")
    try:
        store.put(claims)
        (back,) = store.claimsets()
    finally:
        store.close()
    assert back == normal(claims)
