"""The scorer on hand-built exports with hand-computed figures."""

from __future__ import annotations

from typing import Any

from universe_graph.extract.score import kendall_tau, score

GOLD: dict[str, Any] = {
    "entities": {
        "required": [{"name": "Ann", "type": "Character"}, {"name": "Bo", "type": "Character"}],
        "acceptable": [{"name": "Ann's dog", "type": "Character", "aliases": ["dog"]}],
        "not_in_universe": [{"name": "Rocky"}],
    },
    "relations": {
        "vocabulary": {"killed": "", "met": ""},
        "required": [
            {"s": "Ann", "p": "killed", "o": "Bo"},
            {"s": "Ann", "p": "met", "o": "Bo", "symmetric": True},
        ],
        "acceptable": [],
    },
    "events": [
        {"order": 1, "location": None, "participants": ["Ann", "Bo"], "kind": "meeting"},
        {"order": 2, "location": None, "participants": ["Ann", "Bo"], "kind": "killing"},
    ],
}


def ent(i: str, name: str, kind: str = "Character", inside: bool = True) -> dict[str, Any]:
    return {"id": f"x:{i}", "name": name, "type": kind, "in_universe": inside, "evidence": []}


def test_hand_computed_figures() -> None:
    export = {
        "entities": [ent("a", "Ann"), ent("c", "Cy"), ent("r", "Rocky"), ent("d", "the Dog")],
        "relations": [
            {"subject": "x:a", "predicate": "met", "object": "x:c", "evidence": []},  # false (Cy)
            {"subject": "x:c", "predicate": "killed", "object": "x:a", "evidence": []},  # false
            {"subject": "x:a", "predicate": "compared_to", "object": "x:r", "evidence": []},  # not scored
        ],
        "events": [
            {
                "order": 1,
                "kind": "killing",
                "participants": [{"entity": "x:a"}, {"entity": "x:c"}],
                "evidence": [],
            },
        ],
        "sources": [],
    }
    s = score(export, GOLD, "")
    # entities: Ann, Dog (acceptable) good; Cy false; Rocky counted and false -> P 2/4, R 1/2
    assert (s.entities.precision, s.entities.recall) == (0.5, 0.5)
    assert s.entities.f1 == 0.5
    assert s.not_in_universe_errors == ["Rocky"]
    assert s.relations.precision == 0.0 and s.relations.recall == 0.0
    assert s.relations.predicted == 2 and s.unscored_relations == 1  # compared_to: out-of-story end
    assert s.events_found == 0


def test_relations_symmetric_and_events_tau() -> None:
    export = {
        "entities": [ent("a", "Ann"), ent("b", "Bo")],
        "relations": [
            {"subject": "x:b", "predicate": "met", "object": "x:a", "evidence": []},  # symmetric match
            {"subject": "x:a", "predicate": "killed", "object": "x:b", "evidence": []},
            {"subject": "x:b", "predicate": "killed", "object": "x:a", "evidence": []},  # wrong way
        ],
        "events": [
            {
                "order": 1,
                "kind": "killing",
                "participants": [{"entity": "x:a"}, {"entity": "x:b"}],
                "evidence": [],
            },
            {
                "order": 2,
                "kind": "meeting",
                "participants": [{"entity": "x:a"}, {"entity": "x:b"}],
                "evidence": [],
            },
        ],
        "sources": [],
    }
    s = score(export, GOLD, "")
    assert s.relations.recall == 1.0
    assert s.relations.precision == round(2 / 3, 4)
    assert s.relations.f1 == 0.8
    assert s.events_found == 2 and s.event_tau == -1.0  # kinds pick the reversed pairing


def test_kendall_tau_by_hand() -> None:
    assert kendall_tau([(1, 1), (2, 2), (3, 3)]) == 1.0
    assert kendall_tau([(1, 1), (2, 3), (3, 2)]) == round(1 / 3, 4)
    assert kendall_tau([(1, 1)]) is None


def test_quotes_checked_against_the_text() -> None:
    export = {
        "entities": [
            {
                **ent("a", "Ann"),
                "evidence": [{"start": 0, "end": 3, "quote": "Ann"}, {"start": 4, "end": 6, "quote": "Bx"}],
            }
        ],
        "relations": [],
        "events": [],
        "sources": [],
    }
    s = score(export, GOLD, "Ann Bo")
    assert (s.quotes_exact, s.quotes_total) == (1, 2)


def test_framing_of_matched_events() -> None:
    gold = {
        **GOLD,
        "events": [
            {**g, "framing": f} for g, f in zip(GOLD["events"], ("flashback", "present"), strict=True)
        ],
    }
    both = [{"entity": "x:a"}, {"entity": "x:b"}]
    export = {
        "entities": [ent("a", "Ann"), ent("b", "Bo")],
        "relations": [],
        "events": [
            {"order": 1, "kind": "meeting", "framing": "flashback", "participants": both, "evidence": []},
            {"order": 2, "kind": "killing", "framing": "memory", "participants": both, "evidence": []},
        ],
        "sources": [],
    }
    s = score(export, gold, "")
    assert (s.events_found, s.framing_scored, s.framing_correct) == (2, 2, 1)  # the memory is no present
    plain = score(export, GOLD, "")  # a gold without framing scores none
    assert (plain.framing_scored, plain.framing_correct) == (0, 0)


def test_names_alone_ignore_the_type() -> None:
    export = {
        "entities": [ent("a", "Ann", "Location"), ent("b", "Bo"), ent("c", "Cy")],
        "relations": [],
        "events": [],
        "sources": [],
    }
    s = score(export, GOLD, "")
    # typed: only Bo fits -> P 1/3, R 1/2; by name: Ann and Bo fit -> P 2/3, R 2/2
    assert (s.entities.correct, s.entities.predicted, s.entities.true_positives) == (1, 3, 1)
    assert s.names is not None
    assert (s.names.correct, s.names.predicted, s.names.true_positives, s.names.gold) == (2, 3, 2, 2)
    assert s.names.precision == round(2 / 3, 4) and s.names.recall == 1.0 and s.names.f1 == 0.8


def quoted(text: str, quote: str) -> dict[str, Any]:
    """Evidence quoting `quote` at its place in `text`."""
    start = text.index(quote)
    return {"start": start, "end": start + len(quote), "quote": quote}


def test_relation_quotes_must_name_both_ends() -> None:
    text = "Ann Lund kills Bo. She kills him. Lund betrays Bo's sister. The betrayal stings."
    sister = {**ent("s", "Bo's sister"), "aliases": []}
    export = {
        "entities": [{**ent("a", "Ann Lund"), "aliases": []}, ent("b", "Bo"), sister],
        "relations": [
            {
                "subject": "x:a",
                "predicate": "killed",
                "object": "x:b",
                "evidence": [
                    quoted(text, "Ann Lund kills Bo."),  # both named
                    quoted(text, "She kills him."),  # pronouns hide both
                ],
            },
            {  # "Lund" (a capitalised word of the name) and "sister" (the description without owner)
                "subject": "x:a",
                "predicate": "betrayed",
                "object": "x:s",
                "evidence": [
                    quoted(text, "Lund betrays Bo's sister."),
                    quoted(text, "The betrayal stings."),  # neither
                ],
            },
            {  # a work-level relation is not checked
                "subject": "x:a",
                "predicate": "appears_in",
                "object": "x:f",
                "evidence": [quoted(text, "She kills him.")],
            },
        ],
        "events": [],
        "sources": [],
    }
    export["entities"].append(ent("f", "Film X", "Film"))
    s = score(export, GOLD, text)
    assert (s.quotes_naming_ends, s.quotes_relation_total) == (2, 4)
    assert s.quotes_hiding_an_end == [
        "Ann Lund killed Bo: She kills him.",
        "Ann Lund betrayed Bo's sister: The betrayal stings.",
    ]
    assert s.quotes_exact == s.quotes_total == 5


def test_a_name_listed_twice_keeps_both_entries_aliases() -> None:
    gold: dict[str, Any] = {
        "entities": {
            "required": [
                {"name": "Indy", "type": "Character", "aliases": ["Henry Jones Jr."]},
                {"name": "Indy", "type": "Universe", "aliases": ["the Indy films"]},
            ],
            "acceptable": [],
        },
        "relations": {"vocabulary": {}, "required": [], "acceptable": []},
        "events": [],
    }
    export = {"entities": [ent("h", "Henry Jones Jr.")], "relations": [], "events": []}
    assert score(export, gold).entities.recall == 0.5  # the character's alias still names it
