"""Other works a review ranks the film against, and careers told in asides, on invented sentences:
"beats anything in X", "tops even X", "the best thriller since X", "the equal of X", "who rose to
fame as P in X", "fresh off X", "who doubled for A on X", "her turn as P in X". Each keeps its names
out of the story; a near sentence inside the story keeps its names in."""

from __future__ import annotations

import pytest

from test_extract_rules import extract, triples
from universe_graph.model import ClaimSet

LEAD = "Harrow Bay is a 2019 thriller directed by Nadia Pell. Tomas Reyna plays Vic Calder, a dock worker. "


def story(claims: ClaimSet) -> set[str]:
    return {e.name for e in claims.entities if e.in_universe}


def outside(claims: ClaimSet) -> set[str]:
    return {e.name for e in claims.entities if not e.in_universe}


@pytest.mark.parametrize(
    ("sentence", "other"),
    [
        ("The chase through the market beats anything in Silver Run.", "Silver Run"),
        ("The final duel tops even Copper Sky.", "Copper Sky"),
        ("Its climactic shootout rivals Copper Sky.", "Copper Sky"),
        ("It is the best crime picture since Lowtown Blues.", "Lowtown Blues"),
        ("The film is easily the equal of Grey Harbour.", "Grey Harbour"),
        ("Its finale is on par with Red Wharf.", "Red Wharf"),
    ],
)
def test_a_work_the_film_is_ranked_against_is_outside(sentence: str, other: str) -> None:
    c = extract(LEAD + sentence)
    assert other not in story(c)
    assert "Vic Calder" in story(c)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Calder beats Sal Dresner at cards in Silver Run.", {"Sal Dresner", "Silver Run"}),  # the story's
        ("Calder has not seen Maya Holt since Easter.", {"Maya Holt"}),  # "since" without a ranking
        ("Calder tops the list of suspects after Sal Dresner dies.", {"Sal Dresner"}),  # no craft ranked
    ],
)
def test_the_story_keeps_its_own_beats_and_sinces(sentence: str, kept: set[str]) -> None:
    assert kept <= story(extract(LEAD + sentence))


def test_an_actor_named_again_keeps_the_credit() -> None:
    """ "A plays X" introduces A; "A is superb" later is the review's, not a character's."""
    c = extract(LEAD + "Reyna is superb, and Calder is the film's heart.")
    assert ("Vic Calder", "portrayed_by", "Tomas Reyna") in triples(c)
    assert "Tomas Reyna" not in {e.name for e in c.entities if e.type.value == "Character"}


def test_a_player_named_before_the_game_is_no_actor() -> None:
    c = extract("Harrow Bay is a 2019 thriller. Ann Holt meets Bo Lund. Ann Holt plays Bo Lund at chess.")
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Reyna, who rose to fame as the con man Jasper Fell in Dustbowl Kings, has never been better.",
            {"Jasper Fell", "Dustbowl Kings"},
        ),
        ("Fresh off Copper Sky, Lina Oduya plays Maya with real bite.", {"Copper Sky"}),
        (
            "Pell, who once doubled for Gina Marr on Copper Sky, stages the fights well.",
            {"Gina Marr", "Copper Sky"},
        ),
        (
            "After her turn as the spy Ada Vole in Night Harbour, Oduya is a revelation.",
            {"Ada Vole", "Night Harbour"},
        ),
    ],
)
def test_a_career_aside_is_outside_and_keeps_the_actor_a_person(sentence: str, names: set[str]) -> None:
    c = extract(LEAD + sentence)
    assert not names & story(c)
    assert ("Vic Calder", "portrayed_by", "Tomas Reyna") in triples(c)
    assert not any(n in names for s, _, o in triples(c) for n in (s, o) if _ != "compared_to")


def test_a_turn_in_the_reviewed_film_is_its_own_credit() -> None:
    c = extract(LEAD + "Lina Oduya's turn as Maya Calder in Harrow Bay is the best thing in it.")
    assert "Maya Calder" in story(c)


def test_stunt_work_owing_to_someone_keeps_them_outside() -> None:
    c = extract(LEAD + "Pell's stunt work owes something to the silent comedies of Edda Varn.")
    assert "Edda Varn" not in story(c)


def test_a_character_owing_someone_stays_in_the_story() -> None:
    c = extract(LEAD + "Calder owes money to Sal Dresner, who wants it back.")
    assert "Sal Dresner" in story(c)


def test_don_opens_a_persons_name() -> None:
    c = extract("At the compound on Gull Island, Don Aldo Varese, head of the family, hosts a wedding.")
    assert {e.name: e.type.value for e in c.entities}.get("Don Aldo Varese") == "Character"


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "He is played by Tomas Reyna, who was the Rat King in the original Dust Road back in 1979.",
            {"Dust Road"},
        ),
        ("Reyna, who did so much with a car and a phone in Lockjaw, does even more here.", {"Lockjaw"}),
    ],
)
def test_an_aside_on_an_earlier_work_is_outside(sentence: str, names: set[str]) -> None:
    assert not names & story(extract(LEAD + sentence))


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Calder, who was born in Gas Town, hunts Sal Dresner.", "Gas Town"),
        ("Calder, who was the first in the original Salt Guild, hunts Sal Dresner.", "Salt Guild"),
    ],
)
def test_a_characters_past_stays_in_the_story(sentence: str, kept: str) -> None:
    assert kept in story(extract(LEAD + sentence))
