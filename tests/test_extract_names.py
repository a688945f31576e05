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
