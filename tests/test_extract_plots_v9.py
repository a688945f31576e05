"""Plot-summary constructions added in rules.v9, on invented sentences: a pronoun subject that
follows a chain of "she" rather than the last name, lists of people after a plural noun, a name
that only opens sentences but is described as someone, and pronoun objects that cannot mean a name
inside their own clause's subject. Each is read, and a near sentence that must not give it."""

from __future__ import annotations

from test_extract_reviews_v8 import types
from test_extract_rules import extract, triples
from universe_graph.model import EntityType

HEAD = "Night Ledger\n\n"


def test_a_she_chain_outlasts_the_last_name() -> None:
    t = triples(
        extract(
            HEAD + "Marla Quinn vows revenge. She tracks Victor Sand to his casino, where his bodyguard "
            "Nils ambushes her. She kills Nils."
        )
    )
    assert ("Marla Quinn", "killed", "Nils") in t
    assert ("Nils", "fought", "Marla Quinn") in t


def test_a_he_of_unknown_gender_does_not_take_over_a_she_chain() -> None:
    t = triples(
        extract(
            HEAD + "Marla Quinn vows revenge. She meets with Tobias Crane in a bar. He offers her a job. "
            "She defeats Tobias Crane at dawn."
        )
    )
    assert ("Marla Quinn", "defeated", "Tobias Crane") in t
    assert not any(s == o for s, _, o in t)


def test_names_listed_after_a_plural_person_noun_are_people() -> None:
    c = extract(HEAD + "Inspector Dana Kell and her deputies Pruitt, Hale and Osei take up the hunt.")
    kinds = types(c)
    assert [kinds[n] for n in ("Pruitt", "Hale", "Osei")] == [EntityType.CHARACTER] * 3


def test_places_after_a_plural_noun_and_a_preposition_stay_places() -> None:
    c = extract(HEAD + "Marla Quinn visits her cousins in Lisbon. She hides in Lisbon for a week.")
    assert types(c)["Lisbon"] is EntityType.LOCATION


def test_a_name_that_only_opens_sentences_is_kept_when_described_as_someone() -> None:
    c = extract(HEAD + "Marla Quinn hunts Victor Sand. Nils, Sand's bodyguard, ambushes her.")
    t = triples(c)
    assert types(c)["Nils"] is EntityType.CHARACTER
    assert ("Nils", "works_for", "Victor Sand") in t
    assert ("Nils", "fought", "Marla Quinn") in t
    assert ("Nils", "fought", "Victor Sand") not in t  # her is not the bodyguard's boss


def test_a_lone_sentence_opener_without_a_description_is_no_name() -> None:
    c = extract(HEAD + "Marla Quinn hunts Victor Sand. Tonight, she waits. Meanwhile Sand sleeps.")
    assert "Tonight" not in types(c)


def test_an_object_pronoun_means_none_of_a_listed_subject() -> None:
    t = triples(
        extract(HEAD + "Marla Quinn hunts Victor Sand. Sand and his henchmen Nils and Bo ambush her.")
    )
    assert ("Bo", "fought", "Marla Quinn") in t
    assert ("Nils", "works_for", "Victor Sand") in t
    assert not {("Nils", "fought", "Bo"), ("Victor Sand", "fought", "Bo")} & t
