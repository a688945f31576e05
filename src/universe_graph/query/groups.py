"""Predicate groups: which relations make up each profile section, and which a path may walk.

Sections name (predicate, direction) pairs of the ontology; their headings come from the
ontology's labels and inverse labels, so nothing here repeats the vocabulary's wording. A
predicate no section claims still shows, under "other", so a new predicate is never lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..ontology import predicates

Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Section:
    """One profile section: its key, heading and the (predicate, direction) pairs it gathers."""

    key: str
    heading: str
    members: tuple[tuple[str, Direction], ...]


SECTIONS: tuple[Section, ...] = (
    Section("portrayed_by", "Portrayed by", (("portrayed_by", "out"),)),
    Section("portrays", "Portrays", (("portrayed_by", "in"),)),
    Section("affiliations", "Affiliations", (("member_of", "out"), ("leads", "out"), ("works_for", "out"),
                                              ("part_of", "out"))),
    Section("members", "Members and parts", (("member_of", "in"), ("leads", "in"), ("works_for", "in"),
                                             ("part_of", "in"))),
    Section("mentors", "Mentors", (("trained_by", "out"),)),
    Section("students", "Students", (("trained_by", "in"),)),
    Section("family", "Family", (("family_of", "out"), ("family_of", "in"))),
    Section("allies", "Allies", (("ally_of", "out"), ("ally_of", "in"))),
    Section("enemies", "Enemies", (("enemy_of", "out"), ("enemy_of", "in"), ("betrayed", "out"),
                                   ("betrayed", "in"))),
    Section("encounters", "Encounters", (("met", "out"), ("met", "in"), ("fought", "out"), ("fought", "in"),
                                         ("defeated", "out"), ("defeated", "in"))),
    Section("kills", "Kills", (("killed", "out"),)),
    Section("fate", "Fate", (("killed", "in"), ("fate", "out"))),
    Section("places", "Places", (("resides_in", "out"), ("located_in", "out"), ("located_in", "in"),
                                 ("resides_in", "in"))),
    Section("credits", "Credits", (("cast_member", "out"), ("cast_member", "in"), ("directed_by", "out"),
                                   ("directed_by", "in"), ("written_by", "out"), ("written_by", "in"),
                                   ("produced_by", "out"), ("produced_by", "in"), ("protagonist", "out"),
                                   ("protagonist", "in"))),
    Section("characters", "Characters", (("appears_in", "in"),)),
    Section("works", "Works and franchise", (
        ("follows", "out"), ("follows", "in"), ("set_after", "out"), ("set_after", "in"),
        ("spin_off_of", "out"), ("spin_off_of", "in"), ("part_of_series", "out"), ("part_of_series", "in"),
        ("part_of_universe", "out"), ("part_of_universe", "in"))),
    Section("about", "About", (("genre", "out"), ("language", "out"), ("tag", "out"), ("rating", "out"),
                               ("votes", "out"), ("release_year", "out"), ("genre", "in"))),
    Section("compared_to", "Compared to (outside the story)",
            (("compared_to", "out"), ("compared_to", "in"))),
    Section("identity", "Identity decisions", (("same_as", "out"), ("same_as", "in"),
                                               ("different_from", "out"), ("different_from", "in"))),
)  # fmt: skip

#: Relations a path does not walk: hubs that tie everything together without saying anything.
PATH_SKIP = frozenset({"part_of_universe", "genre"})

#: Appearances are a section of their own (per work, first appearance first).
APPEARANCE = "appears_in"


#: What appears in a work goes under its own kind when it is no character: a planet is a place.
APPEARING_BY_TYPE = {"Location": "places"}


def section_of(predicate: str, direction: Direction, other_type: str | None = None) -> str:
    """The key of the section a (predicate, direction) belongs to, given the type of the other end;
    "other" when none claims it."""
    if (predicate, direction) == (APPEARANCE, "in") and other_type in APPEARING_BY_TYPE:
        return APPEARING_BY_TYPE[other_type]
    for section in SECTIONS:
        if (predicate, direction) in section.members:
            return section.key
    return "other"


def label(predicate: str, direction: Direction) -> str:
    """The ontology's wording of a relation read in one direction ("trained by" / "trained")."""
    info = predicates().get(predicate)
    if info is None:
        return predicate
    if direction == "in" and not info.symmetric:
        return info.inverse_label
    return info.label
