"""End to end on texts written for these tests: extraction scored against hand annotation.

These texts were written for the project (invented films, and one plot summary in our own words) and
were used while developing the rules, so the figures guard against regressions; they are not a
measure on unseen text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from universe_graph.export import merge, to_json_data
from universe_graph.extract.score import score
from universe_graph.ingest import SourceOptions, load_paths

DATA = Path(__file__).parent / "data" / "extract"
CASES = {"tidewater": None, "frostline": None, "newhope": "Star Wars", "ashfall": None}


@pytest.mark.parametrize("name", sorted(CASES))
def test_scores_meet_the_targets(name: str) -> None:
    text_path = DATA / f"{name}.txt"
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    loaded = load_paths([text_path], kind="review", options=SourceOptions(about_title=CASES[name]))
    result = score(to_json_data(merge(loaded.claimsets)), gold, text_path.read_text(encoding="utf-8"))
    assert result.entities.f1 >= 0.9, result.false_entities + result.missed_entities
    assert result.relations.f1 >= 0.8, result.false_relations + result.missed_relations
    assert result.not_in_universe_errors == []
    assert result.quotes_exact == result.quotes_total > 0
    assert result.events_found >= len(gold["events"]) - 2
