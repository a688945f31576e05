"""Encyclopedic constructions of round 6 (`extract/works.py`): a work made or released "in" a
year, and the other constructions written from Re-DocRED dev's misses. Invented sentences, each
construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import relations_by_name as _rels
from extracthelp import run_rules
from universe_graph.extract import WorkHint


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


# ------------------------------------------------------------ a performer with a hyphenated name
def test_a_performer_whose_name_ends_in_a_lower_case_part_is_read() -> None:
    rels = _rels(
        "Lin Ha-yeon (born February 22, 1994) is a South Korean actress who has gained attention for her "
        "roles in Blue Heron (2005) and The Otter Family (2006)."
    )
    assert ("Blue Heron", "cast_member", "Lin Ha-yeon") in rels
    assert ("The Otter Family", "cast_member", "Lin Ha-yeon") in rels
    rels = _rels(
        "Lin Ha-yeon (born February 22, 1994) is a South Korean painter who has gained attention for her "
        "works in Blue Heron (2005)."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)  # no performer


def test_a_role_on_a_show_as_a_character_after_a_medium_phrase() -> None:
    rels = _rels(
        "Dara Voss (born 1980) is an Irish actor. On television, Voss had a recurring role on The Wardens "
        "as Agent Bo Marr."
    )
    assert ("The Wardens", "cast_member", "Dara Voss") in rels
    assert ("Bo Marr", "appears_in", "The Wardens") in rels
    rels = _rels(
        "Dara Voss (born 1980) is an Irish actor. In Dublin, Voss had a recurring role on The Wardens as "
        "Agent Bo Marr."
    )
    assert ("The Wardens", "cast_member", "Dara Voss") in rels
    assert not any(p == "appears_in" for _, p, _ in rels)  # two named places: which is the show's, unsaid


# ------------------------------------------------------------ "this feature", "and stars A, B"
def test_this_feature_is_the_film_and_its_misparsed_stars_list_its_cast() -> None:
    rels = _rels(
        "Brass Meadow is a 1952 American film biography of the composer Elo Vant. This 20th Century Fox "
        "feature was produced by Ira Lomb, directed by Henk Oster, and stars Clem Weber, Dora Pagett, Rob "
        "Wagen, and Ruth Hessel."
    )
    assert ("Brass Meadow", "produced_by", "Ira Lomb") in rels
    assert ("Brass Meadow", "cast_member", "Clem Weber") in rels
    assert ("Brass Meadow", "cast_member", "Ruth Hessel") in rels
    rels = _rels("Brass Meadow is a 1952 album by Elo Vant. This feature was produced by Ira Lomb.")
    assert not any(p == "produced_by" for _, p, _ in rels)  # an album's "feature" is no reference


# ------------------------------------------------------------ "A and B play roles in the film"
def test_people_playing_roles_in_the_film_are_its_cast() -> None:
    rels = _rels(
        "Salt Hollow is a 2014 Indian drama film directed by Ravi Menon. Narain Das, Innocent, Kalan Shaj, "
        "and Lena play significant roles in the film."
    )
    assert ("Salt Hollow", "cast_member", "Narain Das") in rels
    assert ("Salt Hollow", "cast_member", "Kalan Shaj") in rels
    rels = _rels(
        "Salt Hollow is a 2014 Indian drama film directed by Ravi Menon. Critics and Dora Pagett play a role "
        "in the film's success. Dora Pagett has a small part in Lowtide."
    )
    assert not any(p in ("cast_member", "appears_in") for _, p, _ in rels)


# ------------------------------------------------------------ what the text's work is
def test_a_title_ending_in_a_question_mark_is_the_leads_work() -> None:
    rels = _rels(
        "How Far Is Home? is the first full-length album by American punk rock band Grey Static, released "
        "on January 19, 1982 by Tin Records."
    )
    assert ("How Far Is Home", "release_year", "1982") in rels
    rels = _rels("Why Is It? Ask the band. They released it in 1990.")
    assert not any(p == "release_year" for _, p, _ in rels)  # no lead: the next sentence is no copula


def test_a_compact_disc_is_a_work() -> None:
    rels = _rels(
        "Lowtide Blues is a compact disc credited to the jazz musician Ole Marr, released in 1999 on Blue "
        "Quay Records."
    )
    assert ("Lowtide Blues", "release_year", "1999") in rels
    rels = _rels("Ole Marr is a disc jockey from Lowtide, born in 1999.")
    assert not any(p == "release_year" for _, p, _ in rels)


def test_a_persons_dates_make_an_article_whatever_the_parse() -> None:
    text = (
        "Bo Lin (; born February 23, 1968), also known in Mongolian as Senbor, is a Chinese folk and pop "
        'singer - songwriter. He performed the theme "Xiang Tian" in the Zhao Ming film Coming Rain.'
    )
    claims = run_rules(text, WorkHint())
    assert claims.source.about is None or all(
        e.name != "Zhao Ming" for e in claims.entities if e.id == claims.source.about
    )  # an article about a singer: "the Zhao Ming film" is not the text's work
    plain = "Bo Lin went to see the Zhao Ming film Coming Rain. It was long."
    about = run_rules(plain, WorkHint()).source.about
    assert about is not None  # a plain text keeps its guess from "the X film"


def test_a_film_makers_title_and_an_album_named_in_apposition_are_dated() -> None:
    rels = _rels(
        "Pell Stanner is an American film director and writer. In 2006, he then wrote and directed The Night "
        "Caller, an adaptation of a 2000 novel."
    )
    assert ("The Night Caller", "release_year", "2006") in rels
    rels = _rels(
        "Grey Static is an American rock band from Ohio. In 1999 the band released its final album of "
        "original material, The Long Road, which again credited all four members."
    )
    assert ("The Long Road", "release_year", "1999") in rels
    rels = _rels("Pell Stanner is an American film director. In 2006 he directed Ann Kell in a play.")
    assert not any(p == "release_year" for _, p, _ in rels)  # a person directed is no title


def test_a_foreign_titles_small_words_stay_in_it() -> None:
    rels = _rels(
        "Lou Faure (1 May 1880 – 1950) was a French writer. Her 1928 novel Blanche et Noir reflects her hope."
    )
    assert ("Blanche et Noir", "release_year", "1928") in rels
    assert ("Blanche", "release_year", "1928") not in rels


# ------------------------------------------------------------ neighbours in a series
def test_a_predecessor_or_sequel_set_off_by_a_comma_is_the_works_neighbour() -> None:
    rels = _rels(
        '"Lookin Back" is a song by American rapper Ana Brill. It was sent to radio stations on March 18, '
        '2014, two weeks after its predecessor, "Trophy Room".'
    )
    assert ("Lookin Back", "follows", "Trophy Room") in rels
    rels = _rels(
        "Night Harbor is a 2003 video game developed by Ubi. A sequel, Night Harbor 2, is in development."
    )
    assert ("Night Harbor 2", "follows", "Night Harbor") in rels
    rels = _rels(
        "Brickfall is an arcade game developed by Atari, released on May 13, 1976. The game was followed "
        "by a 1978 sequel, Super Brickfall, which became a pack-in game."
    )
    assert ("Super Brickfall", "follows", "Brickfall") in rels


def test_a_persons_predecessor_or_a_sequel_to_another_title_is_no_neighbour() -> None:
    rels = _rels(
        "Night Harbor is a 2003 video game developed by Ubi. His predecessor, Ola Brandt, ran the studio. "
        "Its developers also made a sequel to Grey Mile, the game Lowtide."
    )
    assert not any(p == "follows" and "Night Harbor" in (s, o) for s, p, o in rels)


# ------------------------------------------------------------ a performer's other credits
def test_an_owned_dated_title_is_dated_without_its_owner() -> None:
    rels = _rels(
        "Dan Orlo (born March 23, 1981) is a Thai martial arts film actor. He has also appeared in Nonzee "
        "Varin's Queen of Lanka (2008) and Somsak (2008)."
    )
    assert ("Queen of Lanka", "release_year", "2008") in rels
    assert ("Queen of Lanka", "cast_member", "Dan Orlo") in rels
    assert not any(s.startswith("Nonzee") for s, p, _ in rels if p == "release_year")


def test_going_on_to_roles_in_a_film_is_acting_in_it() -> None:
    rels = _rels(
        "Dan Orlo (born March 23, 1981) is a Thai martial arts film actor. He then went on to leading roles "
        "in the 2004 film, Salt Quay, and the 2006 film Grey Mile."
    )
    assert ("Grey Mile", "cast_member", "Dan Orlo") in rels
    rels = _rels("Dan Orlo (born March 23, 1981) is a Thai actor. He went on to Lowtide in 2004.")
    assert not any(p == "cast_member" for _, p, _ in rels)  # going to a place is no role


def test_the_last_film_to_feature_a_as_x_gives_roles() -> None:
    rels = _rels(
        "Clear Water is a 1994 American spy thriller film directed by Phil Noy. It is the last film to "
        "feature "
        "Harlan Ford as Rowan and Jim Earl as Admiral Jim Greer."
    )
    assert ("Clear Water", "cast_member", "Harlan Ford") in rels
    assert ("Rowan", "portrayed_by", "Harlan Ford") in rels
    assert ("Admiral Jim Greer", "appears_in", "Clear Water") in rels
    rels = _rels(
        "Clear Water is a 1994 American spy thriller film directed by Phil Noy. It is the last film to "
        "feature "
        "the song Grey Mile as a theme."
    )
    assert not any(p in ("cast_member", "portrayed_by") for _, p, _ in rels)


def test_a_film_makers_directorial_debut_is_their_direction() -> None:
    rels = _rels(
        "Ravi Menon (born 1 October 1985) is an Indian actor, director and screenwriter. His directorial "
        "debut was in 2010 with Salt Quay Club, also written by him. His most recent directorial was Low "
        "Tide (2016)."
    )
    assert ("Salt Quay Club", "directed_by", "Ravi Menon") in rels
    assert ("Low Tide", "directed_by", "Ravi Menon") in rels
    rels = _rels(
        "Ravi Menon (born 1 October 1985) is an Indian director. Ana Brill's directorial debut Salt Quay "
        "was a hit."
    )
    assert ("Salt Quay", "directed_by", "Ravi Menon") not in rels  # another person's debut


def test_with_production_by_credits_the_works_producer() -> None:
    rels = _rels(
        '"Blank Note" is a song recorded by American singer Ana Brill. It was written by Ana Brill, with '
        "production by Chris Bray."
    )
    assert ("Blank Note", "produced_by", "Chris Bray") in rels
    rels = _rels(
        '"Blank Note" is a song recorded by American singer Ana Brill. Her brother grew up with production '
        "by Chris Bray."
    )
    assert not any(p == "produced_by" for _, p, _ in rels)  # said of the brother, not the work


def test_a_quoted_title_released_in_a_year_after_a_comma_or_which() -> None:
    rels = _rels(
        "Lin Ha (born 1940) is a Korean singer. Lin gained fame as the singing prince with the wedding "
        'favorite "Dove House", released in 1967.'
    )
    assert ("Dove House", "release_year", "1967") in rels
    rels = _rels(
        '"Snow Baron" is a song by the Guards. The group is best known for their hit recording of "Snoopy '
        'Baron", which was first released in 1966 as a single.'
    )
    assert ("Snoopy Baron", "release_year", "1966") in rels
    rels = _rels(
        "Lin Ha (born 1940) is a Korean singer. She met Ana Brill, who was released in 1990 from prison."
    )
    assert not any(p == "release_year" for _, p, _ in rels)  # a person released is no work


def test_an_opening_participle_dates_the_work_after_its_comma() -> None:
    lead = '"Cry Again" is the first single from singer Rick Ashby\'s third album, Free. '
    rels = _rels(lead + 'Released as a single in January 1991, "Cry Again" reached number seven.')
    assert ("Cry Again", "release_year", "1991") in rels
    rels = _rels(lead + 'Released as a single in January 1991, "Lowtide" reached number seven.')
    assert ("Cry Again", "release_year", "1991") not in rels  # another title's release
