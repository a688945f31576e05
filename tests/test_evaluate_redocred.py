"""The Re-DocRED scorer on a tiny hand-built document, with figures computed by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from universe_graph.evaluate import detect
from universe_graph.evaluate.redocred import (
    IdCounts,
    claim_triples,
    clusters_named,
    cooccurrence,
    film_ids,
    join_tokens,
    own_work,
    score_clusters,
    score_document,
    wikidata_alignment,
)
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
from universe_graph.vocab import entity_iri


def _m(name: str, sent: int, pos: int, kind: str) -> dict[str, Any]:
    return {"name": name, "sent_id": sent, "pos": [pos, pos + len(name.split())], "type": kind}


#: "Gray Harbor is a 1961 film directed by Olan Vesk. It stars Mira Tull. Vesk also directed Lowtide."
DOC: dict[str, Any] = {
    "title": "Gray Harbor",
    "sents": [
        ["Gray", "Harbor", "is", "a", "1961", "film", "directed", "by", "Olan", "Vesk", "."],
        ["It", "stars", "Mira", "Tull", "."],
        ["Vesk", "also", "directed", "Lowtide", "."],
    ],
    "vertexSet": [
        [_m("Gray Harbor", 0, 0, "MISC")],  # 0
        [_m("1961", 0, 4, "TIME")],  # 1
        [_m("Olan Vesk", 0, 8, "PER"), _m("Vesk", 2, 0, "PER")],  # 2
        [_m("Mira Tull", 1, 2, "PER")],  # 3
        [_m("Lowtide", 2, 3, "MISC")],  # 4
    ],
    "labels": [
        {"r": "P57", "h": 0, "t": 2, "evidence": [0]},
        {"r": "P577", "h": 0, "t": 1, "evidence": [0]},
        {"r": "P161", "h": 0, "t": 3, "evidence": [1]},
        {"r": "P57", "h": 4, "t": 2, "evidence": [2]},
        {"r": "P17", "h": 0, "t": 1, "evidence": [0]},  # an id we do not map: never scored
    ],
}
PIDS = ["P57", "P161", "P577", "P1441"]


def test_alignment_is_read_from_the_ontology_with_direction() -> None:
    table = {(a.predicate, a.pid): a.inverse for a in wikidata_alignment()}
    assert table[("directed_by", "P57")] is False
    assert table[("follows", "P156")] is True  # ug:follows owl:inverseOf wdt:P156
    assert table[("appears_in", "P674")] is True
    assert ("cast_member", "P161") in table
    assert "P57" in film_ids() and "P131" not in film_ids()


def test_clusters_match_any_mention_and_years_inside_dates() -> None:
    assert clusters_named(DOC, ["vesk"]) == [2]  # the short mention of cluster 2
    assert clusters_named(DOC, ["Olan  Vesk"]) == [2]
    assert clusters_named(DOC, ["1961"]) == [1]
    assert clusters_named(DOC, ["Olan"]) == []
    dated = {**DOC, "vertexSet": [*DOC["vertexSet"], [_m("4 May 1999", 0, 0, "TIME")]]}
    assert clusters_named(dated, ["1999"]) == [5]


def test_score_document_hand_computed() -> None:
    predicted = [
        ("P57", ("Gray Harbor",), ("Olan Vesk",)),  # true
        ("P57", ("Gray Harbor", "Gray Harbor movie"), ("Vesk",)),  # the same fact again: counted once
        ("P577", ("Gray Harbor",), ("1961",)),  # true
        ("P161", ("Gray Harbor",), ("Olan Vesk",)),  # both ends known, no such relation: false
        ("P1441", ("Tull",), ("Gray Harbor",)),  # "Tull" is no mention: false
        ("P31", ("Gray Harbor",), ("film",)),  # an id not scored: ignored
    ]
    got = score_document(DOC, predicted, PIDS)
    assert (got["P57"].tp, got["P57"].fp, got["P57"].fn) == (1, 0, 1)  # Lowtide's director missed
    assert (got["P577"].tp, got["P577"].fp, got["P577"].fn) == (1, 0, 0)
    assert (got["P161"].tp, got["P161"].fp, got["P161"].fn) == (0, 1, 1)
    assert (got["P1441"].tp, got["P1441"].fp, got["P1441"].fn) == (0, 1, 0)
    total = IdCounts()
    for c in got.values():
        total.add(c)
    # 2 true, 2 false, 2 missed: P = 2/4, R = 2/4, F1 = 0.5
    assert (total.tp, total.fp, total.fn) == (2, 2, 2)
    assert total.precision == 0.5 and total.recall == 0.5 and total.f1 == 0.5


def test_cooccurrence_baseline_hand_computed() -> None:
    pairs = cooccurrence(DOC, ["P57", "P161"])
    # sentence 0 holds Gray Harbor (MISC), 1961 (TIME), Olan Vesk (PER): MISC -> PER fits both ids;
    # sentence 2 holds Vesk (PER) and Lowtide (MISC): Lowtide -> Vesk fits both ids
    assert pairs == [("P161", 0, 2), ("P161", 4, 2), ("P57", 0, 2), ("P57", 4, 2)]
    got = score_clusters(DOC, pairs, ["P57", "P161"])
    assert (got["P57"].tp, got["P57"].fp, got["P57"].fn) == (2, 0, 0)
    assert (got["P161"].tp, got["P161"].fp, got["P161"].fn) == (0, 2, 1)  # Mira Tull's sentence has no work


def test_own_work_is_the_first_entity_only_when_it_heads_a_work_relation() -> None:
    assert own_work(DOC) == 0
    person = {**DOC, "labels": [{"r": "P1441", "h": 0, "t": 4, "evidence": [0]}]}
    assert own_work(person) is None


def test_join_tokens_reads_as_text() -> None:
    sents = [["Ann", "(", "born", "1950", ")", "is", '"', "the", "Duke", '"', "'s", "heir", "."]]
    assert join_tokens(sents) == 'Ann (born 1950) is "the Duke"\'s heir.'


def test_claim_triples_swap_inverse_ids() -> None:
    source = Source(
        id="s", location="x", kind=SourceKind.REVIEW, tier=CanonTier.REVIEW, content_hash="0" * 64
    )
    ev = Evidence(
        source="s", extractor="t", extractor_version="v1", confidence=1.0, start=0, end=1, quote="G"
    )
    a, b = entity_iri("film", "review", "s", "a"), entity_iri("film", "review", "s", "b")
    claims = ClaimSet(
        source=source,
        entities=[
            Entity(id=a, type=EntityType.FILM, name="Gray Harbor", evidence=[ev]),
            Entity(id=b, type=EntityType.FILM, name="Lowtide", evidence=[ev]),
        ],
        relations=[
            Relation(subject=b, predicate="follows", object=a, evidence=[ev]),
            Relation(subject=a, predicate="release_year", object=1961, evidence=[ev]),
        ],
    )
    triples = claim_triples(claims)
    assert ("P155", ("Lowtide",), ("Gray Harbor",)) in triples
    assert ("P156", ("Gray Harbor",), ("Lowtide",)) in triples  # owl:inverseOf: the ends swap
    assert ("P577", ("Gray Harbor",), ("1961",)) in triples
    assert len(triples) == 3


def test_detects_redocred_data(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    path.write_text(json.dumps([DOC]), encoding="utf-8")
    assert detect(path) == "redocred"


def test_a_succession_alone_does_not_make_a_document_about_a_work() -> None:
    from universe_graph.evaluate.redocred import about_work

    company = {**DOC, "labels": [{"r": "P156", "h": 0, "t": 4, "evidence": [0]}]}
    assert not about_work(company) and own_work(company) is None
    assert about_work(DOC)


def test_names_match_across_the_datas_tokenisation() -> None:
    doc = {**DOC, "vertexSet": [[_m("Do n't Look Back", 0, 0, "MISC")]]}
    assert clusters_named(doc, ["Don't Look Back"]) == [0]
    assert clusters_named(doc, ["Look Back"]) == []


def test_inverse_pairs_are_read_from_the_ontology() -> None:
    from universe_graph.evaluate.redocred import canonical, inverse_ids

    pairs = inverse_ids()
    assert pairs["P155"] == "P156" and pairs["P156"] == "P155"
    assert pairs["P674"] == "P1441" and pairs["P1441"] == "P674"
    assert "P57" not in pairs and "P161" not in pairs
    assert canonical(("P1441", 3, 0)) == ("P674", 0, 3)  # the lower id, ends swapped
    assert canonical(("P674", 0, 3)) == ("P674", 0, 3)
    assert canonical(("P57", 0, 2)) == ("P57", 0, 2)


#: "Gray Harbor stars Mira Tull as Ann. Bo Lund plays Cy." with characters Ann (4) and Cy (6):
#: Ann is labelled under both P674 and P1441, Cy under P1441 only
CHARACTERS: dict[str, Any] = {
    **DOC,
    "vertexSet": [
        *DOC["vertexSet"],
        [_m("Ann", 1, 5, "PER")],  # 5
        [_m("Bo Lund", 3, 0, "PER")],  # 6
        [_m("Cy", 3, 3, "PER")],  # 7
    ],
    "labels": [
        {"r": "P674", "h": 0, "t": 5, "evidence": [1]},
        {"r": "P1441", "h": 5, "t": 0, "evidence": [1]},
        {"r": "P1441", "h": 7, "t": 0, "evidence": [3]},
    ],
}


def test_inverse_pair_facts_count_once_hand_computed() -> None:
    # `appears_in` gives each character both ids, as claim_triples does
    predicted = [
        ("P1441", ("Ann",), ("Gray Harbor",)),
        ("P674", ("Gray Harbor",), ("Ann",)),
        ("P1441", ("Cy",), ("Gray Harbor",)),
        ("P674", ("Gray Harbor",), ("Cy",)),
        ("P1441", ("Bo Lund",), ("Gray Harbor",)),  # no such fact
        ("P674", ("Gray Harbor",), ("Bo Lund",)),
    ]
    ids = ["P674", "P1441"]
    each = score_document(CHARACTERS, predicted, ids)
    # each id: P674 finds Ann, Cy and Bo Lund are false (1/2/0); P1441 finds Ann and Cy, Bo Lund false (2/1/0)
    assert (each["P674"].tp, each["P674"].fp, each["P674"].fn) == (1, 2, 0)
    assert (each["P1441"].tp, each["P1441"].fp, each["P1441"].fn) == (2, 1, 0)
    once = score_document(CHARACTERS, predicted, ids, pairs_once=True)
    # once: the facts are {Ann, Cy} (Ann's two labels one fact); predicted {Ann, Cy, Bo Lund}: 2/1/0
    assert (once["P674"].tp, once["P674"].fp, once["P674"].fn) == (2, 1, 0)
    assert (once["P1441"].tp, once["P1441"].fp, once["P1441"].fn) == (0, 0, 0)
    # a miss is counted once too: nothing predicted leaves the two facts missed, not three labels
    missed = score_document(CHARACTERS, [], ids, pairs_once=True)
    assert (missed["P674"].fn, missed["P1441"].fn) == (2, 0)
    nothing = score_document(CHARACTERS, [], ids)
    assert (nothing["P1441"].fn, nothing["P674"].fn) == (2, 1)
    # the baseline's cluster pairs the same way
    clusters = [("P1441", 7, 0), ("P674", 0, 5)]
    assert (score_clusters(CHARACTERS, clusters, ids, pairs_once=True)["P674"].tp) == 2
