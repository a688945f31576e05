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


#: texts written for rules.v2 (first scored before any rule change; see README): (text, entity F1,
#: relation F1, events found, events told with the gold's framing), a little below the measured figures
NEW = [
    ("vermilion", 0.95, 0.95, 9, 8),
    ("saltkingdom", 0.95, 0.95, 8, 5),
    ("glasshouse", 0.95, 0.95, 6, 4),
    # written after rules.v2 and scored once; rules.v3 fixed some of its misses, so no longer held out
    ("cinderline", 0.95, 0.88, 4, 3),
    # written before rules.v3 (first contact 0.593/0.518, 2 events; 0.866/0.782, 6 events), then fixed on
    ("hollowbell", 0.85, 0.68, 7, 6),
    ("orisondrift", 0.95, 0.88, 7, 6),
]


@pytest.mark.parametrize(("name", "entity_f1", "relation_f1", "events", "framed"), NEW)
def test_new_texts_keep_their_figures(
    name: str, entity_f1: float, relation_f1: float, events: int, framed: int
) -> None:
    text_path = DATA / f"{name}.txt"
    gold = json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))
    loaded = load_paths([text_path], kind="review")
    result = score(to_json_data(merge(loaded.claimsets)), gold, text_path.read_text(encoding="utf-8"))
    assert result.entities.f1 >= entity_f1, result.false_entities + result.missed_entities
    assert result.relations.f1 >= relation_f1, result.false_relations + result.missed_relations
    assert result.not_in_universe_errors == []
    assert result.quotes_exact == result.quotes_total > 0
    assert result.events_found >= events
    assert result.framing_correct >= framed
