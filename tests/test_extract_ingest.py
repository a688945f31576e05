"""Reviews through `ingest` and `eval`: claims stored with resolution, bad input changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from storehelp import dump
from universe_graph.fixtures import sample_path

GOLD = Path(__file__).parent.parent.parent / "shared" / "gold" / "ballerina-review.gold.json"
STORY = (
    "Saltmarsh\\n\\nThe Saltmarsh movie follows Ines Varo, a ferry pilot in the town of Calder. "
    "At the center of it all is Ines Varo. She meets with Oskar Lind, a smuggler. "
    "Oskar has been paid by Mara Quell. The betrayal hurts. Ines defeats Mara Quell at the docks.\\n"
).replace("\\\\n", "\\n")


def test_review_ingest_with_about_title(tmp_path: Path, invoke: Invoke) -> None:
    review = tmp_path / "saltmarsh.txt"
    review.write_text(STORY.replace("\\\\n", "\\n"), encoding="utf-8")
    result = invoke("--store", tmp_path / "s", "ingest", review, "--about", "Saltmarsh", "--report", "json")
    assert result.exit_code == 0, result.output
    data = dump(tmp_path / "s")
    assert data  # both stores agree (dump asserts it)


def _about_of(invoke: Invoke, store: Path, source: str) -> object:
    listed = json.loads(invoke("--store", store, "sources", "--format", "json").stdout)
    return next(s["about"] for s in listed if s["id"] == source)


def test_about_a_title_only_the_review_itself_minted_takes_the_other_work(
    tmp_path: Path, invoke: Invoke
) -> None:
    """Read again with --about TITLE, a review does not meet its own earlier work as a rival: the
    title names the one other stored work; two other works of that title are still refused."""
    store, review = tmp_path / "s", tmp_path / "saltmarsh.txt"
    review.write_text(STORY, encoding="utf-8")
    assert invoke("--store", store, "ingest", review, "--about", "Saltmarsh").exit_code == 0  # a new work
    (tmp_path / "kb.txt").write_text("Saltmarsh|directed_by|Ada Quell\n", encoding="utf-8")
    assert (
        invoke("--store", store, "ingest", tmp_path / "kb.txt").exit_code == 0
    )  # another work of that title
    review.write_text(STORY + "\nThe ferry sails at dawn.\n", encoding="utf-8")
    again = invoke("--store", store, "ingest", review, "--about", "Saltmarsh")
    assert again.exit_code == 0, again.output
    [film] = [e.id for e in dump(store)["canonical"]["kb"].entities if e.type == "Film"]
    assert _about_of(invoke, store, "saltmarsh") == film
    film_records = [{"model": "resources.film", "pk": 1, "fields": {"title": "Saltmarsh"}}]
    (tmp_path / "films.json").write_text(json.dumps(film_records), encoding="utf-8")
    assert invoke("--store", store, "ingest", tmp_path / "films.json").exit_code == 0  # a third work
    review.write_text(STORY, encoding="utf-8")
    refused = invoke("--store", store, "ingest", review, "--about", "Saltmarsh")
    assert refused.exit_code != 0 and "is ambiguous" in refused.output


def test_sample_review_merges_known_characters(tmp_path: Path, invoke: Invoke) -> None:
    folder = tmp_path / "s"
    assert invoke("--store", folder, "ingest", sample_path()).exit_code == 0
    out = invoke("--store", folder, "export", "--format", "json")
    export = json.loads(out.stdout)
    review = [r for r in export["relations"] if any(e["source"] == "ballerina-review" for e in r["evidence"])]
    preds = {
        (r["subject"].rsplit("/", 1)[-1], r["predicate"], str(r["object"]).rsplit("/", 1)[-1]) for r in review
    }
    assert ("the-director", "appears_in", "ballerina-2025") in preds  # merged with the universe's Director
    assert ("ballerina-2025", "protagonist", "rooney") in preds  # the review's lead, a review-tier entity
    kinds = {e["id"]: e["type"] for e in export["entities"] if e["name"] == "John Wick"}
    assert sorted(kinds.values()) == ["Character", "Film"]  # character and film stay apart


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t\n", "empty file"),
        (b"An \xff\xfe review of nothing at all, with bad bytes.", "not UTF-8"),
        (b"x" * 10 + b" word" * 1_100_000, "too long"),
    ],
)
def test_bad_reviews_change_nothing(tmp_path: Path, invoke: Invoke, content: bytes, message: str) -> None:
    folder = tmp_path / "s"
    assert invoke("--store", folder, "ingest", sample_path()).exit_code == 0
    before = dump(folder)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = invoke("--store", folder, "ingest", bad, "--from", "review")
    assert result.exit_code == 1
    assert message in result.output and "bad.txt" in result.output
    assert dump(folder) == before


def test_html_review_keeps_exact_offsets(tmp_path: Path, invoke: Invoke) -> None:
    page = tmp_path / "page.html"
    html = "<html><body><h1>Saltmarsh</h1><p>" + STORY.split("\\n\\n", 1)[1] + "</p></body></html>"
    page.write_text(html, encoding="utf-8")
    result = invoke("convert", page, "--from", "review")
    assert result.exit_code == 0, result.output
    export = json.loads(result.stdout)
    for item in [*export["entities"], *export["relations"]]:
        for ev in item["evidence"]:
            assert html[ev["start"] : ev["end"]] == ev["quote"]


def test_no_named_entities_is_a_warning(tmp_path: Path, invoke: Invoke) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(
        "i liked it a lot. the music was loud and the seats were soft. would watch again.\\n" * 3
    )
    result = invoke("convert", plain, "--from", "review")
    assert result.exit_code == 0
    assert "no named characters" in result.output


@pytest.mark.skipif(not GOLD.exists(), reason="the shared gold file is beside the repository")
def test_eval_prints_scores(invoke: Invoke) -> None:
    corpus = GOLD.parent.parent / "corpus" / "ballerina-review.txt"
    result = invoke("eval", "--gold", GOLD, corpus, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["quotes_exact"] == data["quotes_total"] > 0
