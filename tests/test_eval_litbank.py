"""The LitBank benchmark's reading and scorers, on tiny hand-built brat files with hand-computed figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from universe_graph.evaluate import detect
from universe_graph.evaluate.litbank import (
    MatchCounts,
    b_cubed,
    detokenise,
    load_sample,
    muc,
    name_counts,
    read_ann,
    shared_word_clusters,
)

TOKENS = "“ Mr. Oakes said , ” Ann Oakes 's friend said .\nThey sailed to Varrow Bay on the Gull .\n"
# coref layer: every mention once typed, once with its chain (the same offsets)
COREF = """T1\tPROP_PER 2 11\tMr. Oakes
T2\tOak-0 2 11\tMr. Oakes
T3\tPROP_PER 21 30\tAnn Oakes
T4\tAnn-1 21 30\tAnn Oakes
T5\tNOM_PER 21 40\tAnn Oakes ' s friend
T6\tFriend-2 21 40\tAnn Oakes ' s friend
T7\tPROP_GPE 63 73\tVarrow Bay
T8\tVarrow-3 63 73\tVarrow Bay
T9\tPROP_VEH 81 85\tGull
T10\tGull-4 81 85\tGull
R1\tappos Arg1:T1 Arg2:T3
"""


def test_detokenise_glues_punctuation_and_maps_offsets() -> None:
    text, starts, ends = detokenise(TOKENS)
    assert text == "“Mr. Oakes said,” Ann Oakes's friend said. They sailed to Varrow Bay on the Gull."
    assert text[starts[2] : ends[11]] == "Mr. Oakes"
    assert text[starts[21] : ends[30]] == "Ann Oakes"
    assert text[starts[63] : ends[73]] == "Varrow Bay"


def test_detokenise_straight_quotes_alternate() -> None:
    text, _, _ = detokenise('He said " go " and left .')
    assert text == 'He said "go" and left.'


def test_read_sample_keeps_proper_names_and_their_chains(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(TOKENS, encoding="utf-8")
    (tmp_path / "s.ann").write_text(COREF, encoding="utf-8")
    assert read_ann(tmp_path / "s.ann")[0] == ("PROP_PER", 2, 11)
    sample = load_sample(tmp_path / "s.txt", tmp_path / "s.ann")
    names = {sample.text[a:b]: k for (a, b), k in sample.names.items()}
    assert names == {"Mr. Oakes": "PER", "Ann Oakes": "PER", "Varrow Bay": "LOC"}  # GPE is a Location
    assert [sample.text[a:b] for a, b in sample.unscored] == ["Gull"]  # VEH: not scored
    assert sorted(sample.chains.values()) == ["Ann-1", "Oak-0"]  # the nominal is not a name


def test_name_counts_untyped_typed_and_unscored() -> None:
    gold = {(0, 5): "PER", (10, 15): "LOC", (20, 25): "PER"}
    predicted = {(0, 5): "PER", (10, 15): "PER", (30, 35): "ORG", (40, 44): "LOC"}
    untyped, typed = name_counts(predicted, gold, {(40, 44)})
    # 3 predicted once the VEH span is dropped: 2 spans right, 1 with its class
    assert (untyped.tp, untyped.predicted, untyped.gold) == (2, 3, 3)
    assert (typed.tp, typed.predicted, typed.gold) == (1, 3, 3)
    assert untyped.f1 == pytest.approx(2 / 3)
    assert typed.precision == pytest.approx(1 / 3)


def test_b_cubed_by_hand() -> None:
    # gold chains {a, b, c} and {d}; the system puts a, b, d together and misses c
    a, b, c, d = (0, 1), (2, 3), (4, 5), (6, 7)
    gold = {a: "X", b: "X", c: "X", d: "Y"}
    p, r = b_cubed(gold, {a: "1", b: "1", d: "1"})
    # precision: a 2/3, b 2/3, c 1/1 (alone), d 1/3 -> 8/3 over 4 mentions
    assert p.tp == pytest.approx(8 / 3) and p.predicted == 4
    # recall: a 2/3, b 2/3, c 1/3, d 1/1 -> 8/3 over 4
    assert r.tp == pytest.approx(8 / 3) and r.gold == 4


def test_b_cubed_perfect_and_all_singletons() -> None:
    gold = {(0, 1): "X", (2, 3): "X"}
    p, r = b_cubed(gold, {(0, 1): "k", (2, 3): "k"})
    assert p.tp == 2 and r.tp == 2
    p, r = b_cubed(gold, {})
    assert p.tp == 2 and r.tp == 1  # each alone: precision 1, recall 1/2


def test_muc_by_hand() -> None:
    a, b, c, d = (0, 1), (2, 3), (4, 5), (6, 7)
    gold = {a: "X", b: "X", c: "X", d: "Y"}
    counts = muc(gold, {a: "1", b: "1", d: "1"})
    # gold links: 2 (X) + 0 (Y); X split by the system into {a,b},{c}: 3 - 2 = 1 found
    # predicted links: {a,b,d} -> 2; partitioned by gold into {a,b},{d}: 3 - 2 = 1 right
    assert (counts.tp, counts.gold, counts.predicted) == (1, 2, 2)
    assert counts.f1 == pytest.approx(0.5)


def test_shared_word_baseline_skips_honorifics() -> None:
    names = {(0, 9): "Mr. Oakes", (10, 14): "Ann Oakes", (20, 31): "Mr. Bellamy", (40, 43): "Ann"}
    clusters = shared_word_clusters(names)
    # "Mr." links nothing; "Oakes" links the first two, "Ann" the fourth to them
    assert clusters[(0, 9)] == clusters[(10, 14)] == clusters[(40, 43)]
    assert clusters[(20, 31)] != clusters[(0, 9)]


def test_counts_add_up_and_empty_is_zero() -> None:
    total = MatchCounts()
    total += MatchCounts(1, 2, 4)
    total += MatchCounts(1, 2, 0)
    assert (total.precision, total.recall) == (0.5, 0.5)
    assert MatchCounts().f1 == 0.0


def test_detects_a_litbank_folder(tmp_path: Path) -> None:
    (tmp_path / "entities").mkdir()
    (tmp_path / "coref").mkdir()
    (tmp_path / "entities" / "s.ann").write_text("", encoding="utf-8")
    (tmp_path / "coref" / "s.ann").write_text("", encoding="utf-8")
    assert detect(tmp_path) == "litbank"


def test_end_to_end_maps_extractor_mentions_onto_gold_spans(tmp_path: Path) -> None:
    """A one-sample folder through the real extractor: both mentions found, typed and chained."""
    from universe_graph.evaluate import BenchOptions, run_benchmark

    tokens = "Mr. Tolliver walked into the inn .\nThe landlord greeted Mr. Tolliver warmly .\n"
    first, second = tokens.find("Mr. Tolliver"), tokens.rfind("Mr. Tolliver")
    ann = "".join(
        f"T{n}\t{label} {at} {at + 12}\tMr. Tolliver\n"
        for n, (label, at) in enumerate(
            [("PROP_PER", first), ("Tolliver-0", first), ("PROP_PER", second), ("Tolliver-0", second)],
            start=1,
        )
    )
    for sub in ("entities", "coref"):
        (tmp_path / sub).mkdir()
    (tmp_path / "entities" / "s.txt").write_text(tokens, encoding="utf-8")
    (tmp_path / "entities" / "s.ann").write_text("", encoding="utf-8")
    (tmp_path / "coref" / "s.ann").write_text(ann, encoding="utf-8")
    report = run_benchmark(tmp_path, options=BenchOptions())
    figures = report.model_dump()
    assert figures["extractor"]["typed"]["tp"] == 2 and figures["extractor"]["typed"]["gold"] == 2
    assert figures["extractor"]["coref_b3"]["f1"] == 1.0
    assert "names (typed)" in report.render()
