"""Encyclopedic constructions of round 6 (`extract/works.py`): a work made or released "in" a
year, and the other constructions written from Re-DocRED dev's misses. Invented sentences, each
construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import run_rules
from universe_graph.extract import WorkHint


def _rels(text: str) -> set[tuple[str, str, str]]:
    """The text's relations by name (literals as their text)."""
    claims = run_rules(text, WorkHint())
    names = {e.id: e.name for e in claims.entities}
    return {
        (names.get(r.subject, "?"), r.predicate, names.get(str(r.object), str(r.object)))
        for r in claims.relations
    }


# ------------------------------------------------------------ a work made in a year
def test_a_work_directed_or_released_in_a_year_came_out_that_year() -> None:
    rels = _rels(
        "Aron Velk (born 1 May 1980) is an Indian actor, director and screenwriter. He directed the film "
        "Marsh Lantern in 2013, which introduced his younger brother Ilo Velk as an actor."
    )
    assert ("Marsh Lantern", "release_year", "2013") in rels
    rels = _rels(
        "Grey Static is an American rock band from Ohio. After a long tour, the band released its second "
        "studio album Iron Meadow in 1996, on which the single was featured."
    )
    assert ("Iron Meadow", "release_year", "1996") in rels


def test_a_work_seen_or_made_somewhere_is_not_dated() -> None:
    rels = _rels(
        "Aron Velk (born 1 May 1980) is an Indian actor. He saw the film Marsh Lantern in 2013 and wept."
    )
    assert not any(p == "release_year" for _, p, _ in rels)  # a viewing, not a release
    rels = _rels(
        "Aron Velk (born 1 May 1980) is an Indian director. He directed the film Marsh Lantern in Pune."
    )
    assert not any(p == "release_year" for _, p, _ in rels)
    rels = _rels(
        "Grey Static is an American rock band from Ohio. The band recorded its second studio album Iron "
        "Meadow in 1995."
    )
    assert ("Iron Meadow", "release_year", "1995") not in rels  # recorded, released later


# ------------------------------------------------------------ a hyphenated dated title
def test_a_hyphenated_title_before_its_year_is_whole() -> None:
    rels = _rels(
        "Oren Saleh (born 1950) is an Iranian film director. He is known for directing Near-Far (1990) and "
        "Taste of Salt (1997)."
    )
    assert ("Near-Far", "release_year", "1990") in rels
    assert ("Far", "release_year", "1990") not in rels
    rels = _rels(
        "Oren Saleh (born 1950) is an Iranian film director. His films - Salt (1990) among them - won."
    )
    assert not any(s.startswith("films") for s, p, _ in rels if p == "release_year")  # a dash, not a title
