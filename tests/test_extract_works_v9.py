"""Encyclopedic constructions of round 9 (`extract/works.py`), written as general constructions of
encyclopedic English from Re-DocRED dev's classes of misses. Invented sentences, each construction
with its positive and its negative case."""

from __future__ import annotations

from extracthelp import relations_by_name as _rels
from extracthelp import run_rules
from universe_graph.extract import WorkHint
from universe_graph.model import EntityType


def _film_rels(text: str) -> set[tuple[str, str, str]]:
    """The relations of `text` read as the Re-DocRED evaluation reads it: a film hint, no title."""
    claims = run_rules(text, WorkHint(type=EntityType.FILM))
    names = {e.id: e.name for e in claims.entities}
    return {
        (names.get(r.subject, "?"), r.predicate, names.get(str(r.object), str(r.object)))
        for r in claims.relations
    }


# ------------------------------------------------------------ leads the parser breaks
def test_a_verbless_lead_names_its_title_not_its_alias() -> None:
    rels = _rels(
        "Vase Bleu (also known as Blue Vase and The Blue Pot Movie) a 1974 Belgian art film directed by "
        "Oskar Helm and starring Lise Varde. The film deals openly with grief."
    )
    assert ("Vase Bleu", "directed_by", "Oskar Helm") in rels
    assert ("Vase Bleu", "cast_member", "Lise Varde") in rels
    assert ("Vase Bleu", "release_year", "1974") in rels
    assert not any(p in ("appears_in", "protagonist") for _, p, _ in rels)


def test_a_verbless_opening_without_a_kind_of_work_is_no_lead() -> None:
    rels = _rels(
        "Vase Bleu (also known as Blue Vase) a quiet man from Ghent, directed by nobody. Oskar Helm "
        "later directed a film about him."
    )
    assert not any(s == "Vase Bleu" and p == "directed_by" for s, p, _ in rels)


def test_a_copula_inside_a_quoted_title_is_the_title_s() -> None:
    rels = _film_rels(
        '"I Knew You Were Danger." is a song recorded by American singer Ana Vey for her fourth studio '
        "album, Low Meadow (2012). It was written by Vey, Olan Brill and Sam Roe."
    )
    assert not any(p in ("written_by", "appears_in") for _, p, _ in rels)  # a song's writers: no screenplay
    rels = _rels(
        '"Friends of Peter G." is a 2011 television film directed by Olan Brill. It was written by Sam Roe.'
    )
    assert ("Friends of Peter G.", "directed_by", "Olan Brill") in rels  # an initial keeps its stop
    assert ("Friends of Peter G.", "written_by", "Sam Roe") in rels


# ------------------------------------------------------------ cast lists
def test_a_name_with_an_apostrophe_keeps_a_cast_list_going() -> None:
    rels = _film_rels(
        "Olan Brill (born 1973) is an American filmmaker who wrote the 2012 film The Long Quay, which "
        "featured the ensemble cast of Ana Vey, Ma'ayan Kerr, Sam Roe, Eda Lund and others."
    )
    for name in ("Ana Vey", "Ma'ayan Kerr", "Sam Roe", "Eda Lund"):
        assert ("The Long Quay", "cast_member", name) in rels, name
    assert not any(o.lower() == "others" for _, _, o in rels)


def test_a_cast_list_stops_at_a_word_that_is_no_name() -> None:
    rels = _film_rels(
        "Olan Brill (born 1973) is an American filmmaker who wrote the 2012 film The Long Quay, which "
        "featured the ensemble cast of Ana Vey, 'Tis Brothers and the Harbor Choir."
    )
    assert ("The Long Quay", "cast_member", "Ana Vey") in rels
    assert not any(p == "cast_member" and o in ("'Tis Brothers", "Harbor Choir") for _, p, o in rels)


# ------------------------------------------------------------ a film-maker's credits
def test_a_film_maker_s_listed_credits_and_career_verbs() -> None:
    rels = _film_rels(
        "Olan Brill (born March 28, 1973, Dayton, Ohio) is an American filmmaker, and founder of Film "
        "and Media company Gray Pictures through which he wrote, directed and produced the 2012 film The "
        "Long Quay."
    )
    for pred in ("written_by", "directed_by", "produced_by"):
        assert ("The Long Quay", pred, "Olan Brill") in rels, pred
    rels = _film_rels(
        "Daniel Marsh is an American film director and writer. His first film, Dust, was released in "
        "1996 as a short. He went on to direct and write the screenplay for The Salt Road in 2001. He "
        "later scripted and directed the film Iron Bay."
    )
    assert ("The Salt Road", "directed_by", "Daniel Marsh") in rels
    assert ("The Salt Road", "written_by", "Daniel Marsh") in rels
    assert ("The Salt Road", "release_year", "2001") in rels
    assert ("Iron Bay", "written_by", "Daniel Marsh") in rels


def test_credits_of_another_actor_or_another_act_are_not_the_film_maker_s() -> None:
    rels = _film_rels(
        "Daniel Marsh is an American film director and writer. His brother Sam went on to direct The "
        "Salt Road in 2001. He went on to watch The Iron Bay in 2003, and wrote the screenplay for Tom "
        "Rusk."
    )
    assert not any(o == "Daniel Marsh" and p in ("directed_by", "written_by") for _, p, o in rels)
    assert not any(s == "Tom Rusk" for s, _, _ in rels)


def test_a_directorial_noun_names_a_dated_title_the_ner_took_for_a_person() -> None:
    rels = _film_rels(
        "Vineet Raman (born 1 October 1985) is an Indian actor, director and screenwriter. His "
        "directorial debut was in 2010 with Kovalam Arts Club. Vineet's second directorial venture "
        "Thattil Marayathu (2012) became a hit. His most recent directorial was Jacobin Swargam (2016)."
    )
    assert ("Kovalam Arts Club", "directed_by", "Vineet Raman") in rels
    assert ("Kovalam Arts Club", "release_year", "2010") in rels
    assert ("Thattil Marayathu", "directed_by", "Vineet Raman") in rels
    assert ("Jacobin Swargam", "directed_by", "Vineet Raman") in rels


def test_an_undated_person_after_a_directorial_noun_is_no_title() -> None:
    rels = _film_rels(
        "Vineet Raman (born 1 October 1985) is an Indian actor, director and screenwriter. His "
        "directorial debut was produced by Ana Vey. Kiran Das's directorial debut was Salt Quay (2012)."
    )
    assert not any(p == "directed_by" and o == "Vineet Raman" for _, p, o in rels)


def test_a_film_maker_s_dated_list_reads_hyphens_ranges_asides_and_a_series() -> None:
    rels = _film_rels(
        "Abbas Varan (22 June 1940 – 4 July 2016) was an Iranian film director and producer. Varan "
        "attained critical acclaim for directing the Gilan trilogy (1987 – 94), Close - Up (1990), "
        "Taste of Honey (1997) – which won a prize at the festival that year – and The Wind Will "
        "Carry Us (1999)."
    )
    for title in ("Gilan trilogy", "Close - Up", "Taste of Honey", "The Wind Will Carry Us"):
        assert (title, "directed_by", "Abbas Varan") in rels, title


def test_a_dated_list_after_another_act_credits_no_direction() -> None:
    rels = _film_rels(
        "Abbas Varan (22 June 1940 – 4 July 2016) was an Iranian film director and producer. Varan "
        "attained critical acclaim for praising the Gilan trilogy (1987 – 94), Close - Up (1990) and "
        "Taste of Honey (1997)."
    )
    assert not any(p == "directed_by" and o == "Abbas Varan" for _, p, o in rels)


# ------------------------------------------------------------ the title reader
def test_titles_with_two_small_words_a_number_or_a_hyphen() -> None:
    rels = _film_rels(
        "Grey Lantern was a British film production company, founded in 1985 by Vera Holt. The "
        "company's first major venture was the 1988 feature film A Song in the Night, which was "
        "produced by Holt herself."
    )
    assert ("A Song in the Night", "release_year", "1988") in rels
    rels = _film_rels(
        "Luca Ferri (born January 17, 1968) is an American actor. He has had roles in films including "
        "Pale Harbor, The Quiet Suspects, Lonely Born Singers, Midnight Kings, Silver Hills Cop III, The "
        "Badger, Iron - Man 2, 4000 Miles to Dixieland, The Boat, The Hot Aunt, The Ghost, Cruiser, and "
        "Jersey Girls."
    )
    for title in ("Iron - Man 2", "4000 Miles to Dixieland", "Jersey Girls"):
        assert (title, "cast_member", "Luca Ferri") in rels, title


def test_a_place_after_a_title_and_a_year_before_one_are_not_the_title_s() -> None:
    rels = _film_rels(
        "Grey Lantern was a British film production company, founded in 1985 by Vera Holt. It "
        "released the 1988 feature film Cold Harbor in the United States."
    )
    assert ("Cold Harbor", "release_year", "1988") in rels
    rels = _film_rels(
        "Luca Ferri (born January 17, 1968) is an American actor. He has had roles in films including "
        "Beer Garden, The Usual Faces, and Jersey Nights. In 2004 Miles Dunn cast him again."
    )
    assert not any("2004" in s for s, p, _ in rels if p == "cast_member")


def test_a_quoted_title_before_its_year_is_read_whole() -> None:
    rels = _film_rels(
        "Outer Glow was an American soul studio project formed in 1979 that enjoyed success with "
        '"Caught Up in Love" (1979) and "Ain\'t No River Wide Enough" (1981).'
    )
    assert ("Ain't No River Wide Enough", "release_year", "1981") in rels
    assert ("Caught Up in Love", "release_year", "1979") in rels


def test_an_unquoted_title_before_its_year_stops_at_a_lower_case_word() -> None:
    rels = _film_rels(
        "Outer Glow was an American soul studio project formed in 1979 that enjoyed success with the "
        "hit they called River Wide Enough (1981)."
    )
    assert ("River Wide Enough", "release_year", "1981") in rels
    assert not any(s.startswith("called") or "they" in s for s, p, _ in rels if p == "release_year")
