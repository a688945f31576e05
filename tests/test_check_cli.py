"""`universe-graph check` end to end over a real store: exit codes, --canon, --work, JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkhelp import FILM, event, load, review, tiny, write
from conftest import Invoke
from universe_graph.app import ingest_claims
from universe_graph.stores.sync import UniverseStore

TEXT = "A thrilling sequel. At the center of it all is Rooney, a trained assassin."


def _store(tmp_path: Path, data: dict[str, object], with_review: bool = True) -> Path:
    """A store holding a crafted universe (and a review naming a lead the cast does not know)."""
    folder = tmp_path / "store"
    claimsets = load(write(tmp_path, data))
    if with_review:
        claimsets.append(review(TEXT, FILM + "first", "Rooney"))
    with UniverseStore(folder, projection=False) as store:
        ingest_claims(store, claimsets)
    return folder


@pytest.fixture()
def warned(tmp_path: Path) -> Path:
    """A store whose only finding is a warning: the review's lead is not in the cast."""
    return _store(tmp_path, tiny())


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A store with an error (Ada killed in First, walking in Second) and the review's warning."""
    data = tiny()
    data["works"]["first"]["events"] = [event("Bo kills Ada", "killing", {"bo": "agent", "ada": "victim"})]
    data["works"]["second"]["events"] = [event("Ada walks", "journey", {"ada": "agent"}, location="rome")]
    return _store(tmp_path, data)


@pytest.mark.parametrize(
    ("fail_on", "code"), [(None, 0), ("error", 0), ("warning", 3), ("info", 3), ("never", 0)]
)
def test_exit_codes_with_a_warning(warned: Path, invoke: Invoke, fail_on: str | None, code: int) -> None:
    args = ["--fail-on", fail_on] if fail_on else []
    result = invoke("--store", warned, "check", *args)
    assert result.exit_code == code, result.output
    assert "warning: [sources-disagree] sources disagree on the protagonist of First" in result.stdout
    if code == 3:
        assert "error: check found 1 finding(s) at or above" in result.stderr


@pytest.mark.parametrize(("fail_on", "code"), [(None, 3), ("warning", 3), ("never", 0)])
def test_exit_codes_with_an_error(broken: Path, invoke: Invoke, fail_on: str | None, code: int) -> None:
    args = ["--fail-on", fail_on] if fail_on else []
    result = invoke("--store", broken, "check", *args)
    assert result.exit_code == code, result.output
    assert result.stdout.index("error: [dead-then-alive]") < result.stdout.index(
        "warning: [sources-disagree]"
    )
    assert "1 error, 1 warning, 0 info" in result.stdout


def test_text_shows_each_side_with_sources_tiers_and_evidence(warned: Path, invoke: Invoke) -> None:
    out = invoke("--store", warned, "check").stdout
    assert "side: Ada -- tiny (canon)  [preferred]" in out
    assert "side: Rooney -- a-review (review)" in out
    assert "note: not in the cast of First per tiny (canon)" in out
    assert 'a-review (review) reviews/a-review.txt@47-53 "Rooney"' in out
    assert "tiny (canon) " in out and "tiny.yaml:" in out


def test_canon_filters_on_the_store(warned: Path, invoke: Invoke) -> None:
    result = invoke("--store", warned, "check", "--canon", "official", "--fail-on", "info")
    assert result.exit_code == 0, result.output
    assert "checked 1 source (canon tier official or stronger): 0 errors" in result.stdout
    assert invoke("--store", warned, "check", "--canon", "review", "--fail-on", "warning").exit_code == 3


def test_work_filters_findings(broken: Path, invoke: Invoke) -> None:
    second = invoke("--store", broken, "check", "--work", "Second", "--format", "json")
    assert second.exit_code == 3
    assert [f["rule"] for f in json.loads(second.stdout)["findings"]] == ["dead-then-alive"]
    third = invoke("--store", broken, "check", "--work", "third")
    assert third.exit_code == 0 and "0 errors, 0 warnings" in third.stdout


def test_json_shape(broken: Path, invoke: Invoke) -> None:
    result = invoke("--store", broken, "check", "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"ok", "fail_on", "canon", "work", "rules", "sources", "counts", "findings"}
    assert data["ok"] is True and data["fail_on"] == "never" and data["canon"] is None
    assert data["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert data["sources"] == [{"id": "a-review", "tier": "review"}, {"id": "tiny", "tier": "canon"}]
    assert data["rules"] == [
        "dead-then-alive",
        "one-body-two-places",
        "sources-disagree",
        "unlinked-work",
        "turn-without-cause",
        "needed-before-appearing",
        "order-cycle",
        "structure",
    ]
    for finding in data["findings"]:
        assert set(finding) == {"rule", "severity", "message", "works", "entities", "facts", "sides"}
        for fact in finding["facts"]:
            assert fact["statement"] and fact["evidence"]
            for cited in fact["evidence"]:
                assert {"source", "tier", "location", "extractor", "confidence"} <= set(cited)
                assert any(cited[k] is not None for k in ("quote", "line", "row", "pointer"))
    dead, disagree = data["findings"]
    assert (dead["rule"], dead["severity"]) == ("dead-then-alive", "error")
    assert [s["value"] for s in disagree["sides"]] == ["Ada", "Rooney"]
    assert [(s["tier"], s["preferred"]) for s in disagree["sides"]] == [("canon", True), ("review", False)]
    assert set(disagree["sides"][0]) == {
        "value",
        "value_ids",
        "sources",
        "tier",
        "preferred",
        "note",
        "facts",
    }


def test_bad_input_exits_1(warned: Path, invoke: Invoke, tmp_path: Path) -> None:
    unknown = invoke("--store", warned, "check", "--work", "Frist")
    assert unknown.exit_code == 1 and "no work named 'Frist'; did you mean: First?" in unknown.stderr
    nothing = invoke("--store", tmp_path / "empty", "check")
    assert nothing.exit_code == 1 and "no store at" in nothing.stderr
    rule = invoke("--store", warned, "check", "--rule", "nope")
    assert rule.exit_code == 1 and "no rule named 'nope'" in rule.stderr
    assert invoke("--store", warned, "check", "--canon", "gospel").exit_code == 2


def test_no_shacl_leaves_out_the_structure_rule(warned: Path, invoke: Invoke) -> None:
    data = json.loads(invoke("--store", warned, "check", "--no-shacl", "--format", "json").stdout)
    assert "structure" not in data["rules"] and "dead-then-alive" in data["rules"]


def test_check_files_without_a_store(tmp_path: Path, invoke: Invoke) -> None:
    data = tiny()
    data["characters"]["ada"].update(ally_of=["bo"], enemy_of=["bo"])
    path = write(tmp_path, data)
    assert invoke("check", path).exit_code == 0
    result = invoke("check", path, "--fail-on", "warning", "--rule", "turn-without-cause")
    assert (
        result.exit_code == 3
        and "[turn-without-cause] Ada and Bo are allies and enemies at once" in result.stdout
    )


def test_a_bad_file_is_bad_input(tmp_path: Path, invoke: Invoke) -> None:
    data = tiny()
    data["works"]["first"]["directors"] = ["ada"]  # a character cannot direct
    result = invoke("check", write(tmp_path, data))
    assert result.exit_code == 1
    assert "tiny.yaml:" in result.stderr and "works.first.directors[0]" in result.stderr
