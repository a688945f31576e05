"""Names in invented sentences: honorifics, variants of one name, boundaries, types and aliases.

Each construction is tested with a case that must change and one that must not.
"""

from __future__ import annotations

import hashlib

from universe_graph.extract import get_extractor
from universe_graph.model import CanonTier, ClaimSet, Entity, Source, SourceKind


def extract(text: str) -> ClaimSet:
    source = Source(
        id="t",
        location="t.txt",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    claims = get_extractor("rules.v3").run(text, source).claims
    for e in claims.entities:
        for ev in e.evidence:
            assert ev.quote == text[ev.start : ev.end]
    return claims


def named(claims: ClaimSet, name: str) -> Entity | None:
    """The entity called `name` or having it as an alias."""
    for e in claims.entities:
        if e.name == name or name in e.aliases:
            return e
    return None


def test_honorific_stays_in_the_name() -> None:
    claims = extract("Mr. Tolliver walked into the inn. The landlord greeted Mr. Tolliver warmly.")
    e = named(claims, "Mr. Tolliver")
    assert e is not None and e.name == "Mr. Tolliver" and e.type.value == "Character"
    # without the full stop too
    claims = extract("Mr Tolliver walked into the inn. Everyone stared at Mr Tolliver.")
    assert named(claims, "Mr Tolliver") is not None


def test_two_people_sharing_a_family_name_stay_apart() -> None:
    claims = extract(
        "Mr. Ashcombe read his paper while Mrs. Ashcombe wrote letters. "
        "Later Ashcombe went out into the garden."
    )
    mr, mrs = named(claims, "Mr. Ashcombe"), named(claims, "Mrs. Ashcombe")
    assert mr is not None and mrs is not None and mr.id != mrs.id
    # the bare family name could be either: it joins neither
    assert "Ashcombe" not in mr.aliases and "Ashcombe" not in mrs.aliases


def test_bare_family_name_joins_the_one_titled_bearer() -> None:
    claims = extract("Mr. Ashcombe read his paper by the fire. Ashcombe then went out into the garden.")
    mr = named(claims, "Mr. Ashcombe")
    assert mr is not None and named(claims, "Ashcombe") == mr


def test_variants_of_one_name_merge() -> None:
    claims = extract(
        "Sir Walden Ashby had spent his fortune. Sir Walden would not hear of economy. "
        "Ashby told his daughter that they must leave the house."
    )
    e = named(claims, "Sir Walden Ashby")
    assert e is not None
    assert named(claims, "Sir Walden") == e and named(claims, "Ashby") == e


def test_a_wife_is_not_merged_into_her_husband() -> None:
    claims = extract("Walden Ashby bought a horse. Mrs. Ashby thought the price too high and said so.")
    he, she = named(claims, "Walden Ashby"), named(claims, "Mrs. Ashby")
    assert he is not None and she is not None and he.id != she.id


def test_a_title_makes_a_person_not_a_place() -> None:
    claims = extract("Mrs. Hall lit the fire and left the stranger alone in the parlour.")
    e = named(claims, "Mrs. Hall")
    assert e is not None and e.type.value == "Character"
    claims = extract("The travellers reached Wexley Hall at dusk and knocked at the great door.")
    place = named(claims, "Wexley Hall")
    assert place is not None and place.type.value == "Location"


def test_initials_and_numbers_complete_a_name() -> None:
    claims = extract("Ossa met Tal-Ren K. in the desert. The rebels of Sector 9 rose against the governor.")
    assert named(claims, "Tal-Ren K.") is not None
    assert named(claims, "Sector 9") is not None
    # a number after an ordinary name is not part of it
    claims = extract("Ossa Venn bought 3 horses at the market.")
    assert named(claims, "Ossa Venn") is not None and named(claims, "Ossa Venn 3") is None


def test_possessive_facility_is_one_place() -> None:
    claims = extract("The lawyers met at Pellam's Inn Hall before dawn.")
    place = named(claims, "Pellam's Inn Hall")
    assert place is not None and place.type.value == "Location"
    # an ordinary possessive stays two things: a person and what is theirs
    claims = extract("Ossa Venn found Tam Orrin's sword under the bed.")
    assert named(claims, "Tam Orrin") is not None


def test_quoted_epithet_after_the_is_one_name() -> None:
    claims = extract('The boy finds an old book that belonged to the "Ash-Born Heir" and reads it at night.')
    assert named(claims, "Ash-Born Heir") is not None
    assert named(claims, "Heir") is None


def test_named_objects_are_not_entities() -> None:
    claims = extract("Ossa Venn steals the Ember Stone and hides under the Veiling Cloak in the tower.")
    assert named(claims, "Ossa Venn") is not None
    assert named(claims, "Ember Stone") is None and named(claims, "Veiling Cloak") is None
    # an actor whose family name is an object word is still a person
    claims = extract("Ossa Venn is played by Lena Stone, who gives the film its heart.")
    assert named(claims, "Lena Stone") is not None


def test_a_plural_name_after_the_is_a_group() -> None:
    claims = extract("The Dreadhounds hunted Ossa Venn across the moor. Ossa fled from the Dreadhounds.")
    group = named(claims, "Dreadhounds")
    assert group is not None and group.type.value == "Organization"


def test_speakers_and_who_clauses_are_people() -> None:
    claims = extract('"I shall not go," said Marrow. Marrow was a scrivener of the old school.')
    e = named(claims, "Marrow")
    assert e is not None and e.type.value == "Character"
    claims = extract("Raveloe was a village where the old echoes lingered.")
    place = named(claims, "Raveloe")
    assert place is not None and place.type.value == "Location"


def test_greetings_and_lone_address_words_are_not_names() -> None:
    claims = extract('"Good-evening, Mr. Tolliver," said the doctor. "Mother, come here," said Ann Roe.')
    assert named(claims, "Good") is None and named(claims, "Mother") is None
    assert named(claims, "Mr. Tolliver") is not None and named(claims, "Ann Roe") is not None
