"""Killings a character has done by others, on invented sentences: "A has B murdered", "A had B
killed, and then ...", "A's men murder B and C". Each is read, and a near sentence that must not give
it ("A has killed B" is A's own killing, read elsewhere; "A has B's killer arrested" kills nobody)."""

from __future__ import annotations

import pytest

from test_extract_rules import extract, triples

INTRO = "Sal Dresner meets Tom Calder and Ada Vole at the docks. "


@pytest.mark.parametrize(
    ("sentence", "victims"),
    [
        ("Dresner has Calder's partner Ada Vole murdered.", {"Ada Vole"}),
        ("Dresner had Tom Calder killed, and then fled.", {"Tom Calder"}),
        ("Later, Dresner's men murder Tom Calder and Ada Vole.", {"Tom Calder", "Ada Vole"}),
    ],
)
def test_a_killing_ordered_by_a_character_is_theirs(sentence: str, victims: set[str]) -> None:
    t = triples(extract(INTRO + sentence))
    assert {("Sal Dresner", "killed", v) for v in victims} <= t


@pytest.mark.parametrize(
    "sentence",
    [
        "Dresner has Tom Calder's killer arrested.",  # the participle is no killing
        "Dresner has Tom Calder followed by the police.",  # no killing at all
        "Dresner's men fear Tom Calder.",  # the henchmen do not kill
    ],
)
def test_no_killing_is_read_from_a_near_sentence(sentence: str) -> None:
    t = triples(extract(INTRO + sentence))
    assert not any(p == "killed" for _, p, _ in t)
