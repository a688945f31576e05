"""Other works an encyclopedic text names (`extract/works.py`, round 5): the characters a performer
played in them, the order of a counted or dated list of titles, and release years written before
a kind of work. Invented sentences, each construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import relations_by_name as _rels
from extracthelp import run_rules
from universe_graph.extract import WorkHint


# -------------------------------------------------------------------- a performer's roles
def test_a_performers_role_in_one_work_is_a_character_of_that_work() -> None:
    rels = _rels(
        "Dara Voss (born 1980) is an Irish actor. She is best known for her role as Ann Kell in the drama "
        "Low Tide. In 2010, she played the role of Bo Marr, a lawyer, in the legal drama The Quiet Bench."
    )
    assert ("Low Tide", "cast_member", "Dara Voss") in rels
    assert ("Ann Kell", "appears_in", "Low Tide") in rels
    assert ("Ann Kell", "portrayed_by", "Dara Voss") in rels
    assert ("Bo Marr", "appears_in", "The Quiet Bench") in rels
    assert ("Ann Kell", "appears_in", "The Quiet Bench") not in rels


def test_a_role_with_two_works_in_the_sentence_goes_to_neither() -> None:
    rels = _rels("Dara Voss (born 1980) is an Irish actor. She played Ann Kell in Low Tide and Gray Harbor.")
    assert ("Low Tide", "cast_member", "Dara Voss") in rels
    assert not any(p == "appears_in" for _, p, _ in rels)  # which film Ann Kell is in is unsaid


def test_a_title_joined_by_an_ampersand_is_one_work() -> None:
    rels = _rels(
        "Dara Voss (born 1980) is an Irish actor. He also appeared in the drama series Salt & Pepper as "
        "Detective Nick Vale."
    )
    assert ("Salt & Pepper", "cast_member", "Dara Voss") in rels
    assert ("Nick Vale", "appears_in", "Salt & Pepper") in rels


def test_a_role_as_himself_is_no_character() -> None:
    rels = _rels("Dara Voss (born 1980) is an Irish actor. He appeared in Low Tide as himself.")
    assert ("Low Tide", "cast_member", "Dara Voss") in rels
    assert not any(p in ("appears_in", "portrayed_by") for _, p, _ in rels)


# ----------------------------------------------------------------- the order of a list
def test_a_counted_list_of_singles_is_in_order_of_release() -> None:
    rels = _rels(
        'Gray Harbor is a 1998 album by the band Low Fen. The album spawned three singles: "Ghost Lanes", '
        '"Runaway Hill" and "Tomorrow Bay".'
    )
    assert ("Runaway Hill", "follows", "Ghost Lanes") in rels
    assert ("Tomorrow Bay", "follows", "Runaway Hill") in rels
    assert ("Tomorrow Bay", "follows", "Ghost Lanes") not in rels  # only the next one


def test_a_list_that_is_not_the_whole_set_gives_no_order() -> None:
    rels = _rels(
        'Gray Harbor is a 1998 album by the band Low Fen. Its singles include "Ghost Lanes", "Runaway Hill" '
        'and "Tomorrow Bay". The album has four singles: "Red Mile" and "Cold Quay".'
    )
    assert not any(p == "follows" for _, p, _ in rels)  # "include": a selection; four named two


def test_a_dated_list_whose_years_rise_is_in_order() -> None:
    rels = _rels(
        "Lowmoor is an American series of action films. The series consists of films: Lowmoor (2010), "
        "Lowmoor 2 (2012) and Lowmoor 3 (2014)."
    )
    assert ("Lowmoor 2", "follows", "Lowmoor") in rels
    assert ("Lowmoor 3", "follows", "Lowmoor 2") in rels
    assert ("Lowmoor 3", "release_year", "2014") in rels


def test_a_dated_list_out_of_order_gives_no_order() -> None:
    rels = _rels(
        "Lowmoor is an American series of action films. The series has films such as Lowmoor 3 (2014), "
        "Lowmoor (2010) and Lowmoor 2 (2012)."
    )
    assert not any(p == "follows" for _, p, _ in rels)


# ------------------------------------------------------- a year before a kind of work
def test_a_year_before_a_kind_of_work_dates_the_title_after_it() -> None:
    rels = _rels(
        'Dara Voss (born 1950) is an American singer. She compared it to her 2002 single "Morning Glass". '
        "The game was followed by a 1978 sequel, Iron Tide, which became popular. It was influenced by the "
        "1972 arcade game Brickfall."
    )
    assert ("Morning Glass", "release_year", "2002") in rels
    assert ("Iron Tide", "release_year", "1978") in rels
    assert ("Brickfall", "release_year", "1972") in rels


def test_a_year_before_a_title_and_its_kind_dates_the_title() -> None:
    rels = _rels(
        "Dara Voss (born 1950) is an American singer. It was included on Voss's 1977 Salt in the Wind album. "
        "She starred in a 1985 Disney film."
    )
    assert ("Salt in the Wind", "release_year", "1977") in rels
    assert not any(p == "release_year" and s == "Disney" for s, p, _ in rels)  # a maker, not a title


def test_a_year_before_a_plural_or_untitled_noun_dates_nothing() -> None:
    rels = _rels("Dara Voss (born 1950) is an American singer. In 1990 British films were popular with Voss.")
    assert not any(p == "release_year" for _, p, _ in rels)


def test_released_with_a_work_noun_dates_its_title() -> None:
    rels = _rels(
        "Low Fen is an American rock band. The band released its second studio album Evil Crown in 1996."
    )
    assert ("Evil Crown", "release_year", "1996") in rels


# ------------------------------------------------------------- a character's article
def test_a_characters_lead_places_it_in_its_work() -> None:
    rels = _rels(
        "King Borin is a fictional character introduced in Walt Vell's 1967 animated musical film, The Reed "
        "Basket. He is the king of the apes."
    )
    assert ("King Borin", "appears_in", "The Reed Basket") in rels
    rels = _rels("Olan Vesk is the main protagonist of the Fog Harbor series of computer adventure games.")
    assert ("Olan Vesk", "appears_in", "Fog Harbor") in rels


def test_a_figure_in_something_that_is_no_work_is_no_character() -> None:
    rels = _rels("Aino Lehti is a key figure in the Labour Party of Ostland. She was born in 1950.")
    assert not any(p == "appears_in" for _, p, _ in rels)
    rels = _rels("Aino Lehti is a figure in the Finnish national epic Kalevo.")
    assert ("Aino Lehti", "appears_in", "Kalevo") in rels


# ------------------------------------------------------------ a work's plot, its series
def test_an_episodes_plot_people_are_characters_of_the_episode_and_its_series() -> None:
    rels = _rels(
        '"Dry Well" is the tenth episode of the ninth season of the comedy series Grey Lantern. The episode '
        "follows Pell and Brin as they are forced to join a club. Soon Pell crashes his car. The episode "
        "was written by Bran Scull and directed by Jon Holm."
    )
    for name in ("Pell", "Brin"):
        assert (name, "appears_in", "Dry Well") in rels
        assert (name, "appears_in", "Grey Lantern") in rels
    assert not any(s in ("Bran Scull", "Jon Holm") and p == "appears_in" for s, p, _ in rels)


def test_present_tense_credits_and_past_tense_people_are_not_plot_characters() -> None:
    rels = _rels(
        "Low Harbor is a 1994 film directed by Ann Vell. Mira Tull stars as the widow. Ann Vell praised "
        "the film in 1995. Dex Lorry plays the priest."
    )
    assert not any(p == "appears_in" for _, p, _ in rels)


def test_a_songs_article_has_no_plot_characters() -> None:
    rels = _rels(
        '"Red Wake" is a 1994 song by the band Low Fen. In the video, Mick Dorn escapes from his cell and '
        "finds Mallow."
    )
    assert not any(p == "appears_in" for _, p, _ in rels)
    rels = _rels(
        "Red Wake is a 1994 novel by Ann Vell. In the novel, Mick Dorn escapes from his cell and finds "
        "Mallow."
    )
    assert ("Mick Dorn", "appears_in", "Red Wake") in rels


def test_a_list_of_roles_in_works_gives_each_character_its_work() -> None:
    rels = _rels(
        "Mira Tull is an English actress and writer. She is known for various roles including Merle Jackson "
        "in Salt Street, Mandy Cole in Low Heights and nurse Sarah in Death Becomes Them. She is famed for "
        "her comedic roles in shows such as My Kin and with Ricky Vane in Extras."
    )
    assert ("Merle Jackson", "appears_in", "Salt Street") in rels
    assert ("Mandy Cole", "appears_in", "Low Heights") in rels  # not "Low Heights and nurse Sarah"
    assert ("Sarah", "appears_in", "Death Becomes Them") in rels
    assert ("Low Heights", "cast_member", "Mira Tull") in rels
    assert not any(s == "Ricky Vane" for s, _, _ in rels)  # a co-star "with" her, not a role


def test_release_dates_of_the_own_work_said_around_it() -> None:
    rels = _rels(
        "Red Sky is a song by Ann Vell. It was released as the second single from her self-titled fifth "
        "studio album by Sony Music on August 23, 2013."
    )
    assert ("Red Sky", "release_year", "2013") in rels
    rels = _rels("Red Sky is a song by Ann Vell. It was released as the second single from her 2012 album.")
    assert ("Red Sky", "release_year", "2012") not in rels  # the album's year, not the song's
    rels = _rels(
        "Kiss the Sea is the fourth studio album by Salt & Vine, released January 25, 2011 via Rook."
    )
    assert ("Kiss the Sea", "release_year", "2011") in rels
    rels = _rels("Kiss the Sea is an album by Salt & Vine. The band released the album on May 5, 2004.")
    assert ("Kiss the Sea", "release_year", "2004") in rels
    rels = _rels(
        "Kiss the Sea is an album by Salt & Vine. The band released the album Red Sky on May 5, 2004."
    )
    assert ("Kiss the Sea", "release_year", "2004") not in rels


# ------------------------------------------------------------- a film-maker's article
def test_a_film_makers_article_credits_the_films_they_made() -> None:
    rels = _rels(
        "Abel Kiar (born 1940) is an Iranian film director, screenwriter and poet. Kiar attained acclaim for "
        "directing Close Call (1990), Taste of Plums (1997) and The Wind Will Go (1999). He wrote, directed "
        "and produced the 2012 film The Power of Ten. In 2001 he directed the film Thira."
    )
    for title in ("Close Call", "Taste of Plums", "The Wind Will Go", "The Power of Ten", "Thira"):
        assert (title, "directed_by", "Abel Kiar") in rels
    assert ("The Power of Ten", "written_by", "Abel Kiar") in rels
    assert ("The Power of Ten", "produced_by", "Abel Kiar") in rels


def test_a_film_makers_book_or_anothers_film_is_not_credited_to_them() -> None:
    rels = _rels(
        "Abel Kiar (born 1940) is an Iranian film director. He also wrote the novel Salt Road. His brother "
        "Tam Kiar directed the film Red Hill."
    )
    assert not any(o == "Abel Kiar" and p in ("written_by", "directed_by") for _, p, o in rels)
    rels = _rels("Mira Tull (born 1960) is an American novelist. She wrote and directed the film Low Tide.")
    assert not any(p == "directed_by" for _, p, _ in rels)  # no film-maker's lead


def test_a_film_director_is_no_film() -> None:
    rels = _rels("Abel Kiar (born 1940) is an Iranian film director. He lives in Tehran.")
    assert not any(s == "Abel Kiar" and p == "release_year" for s, p, _ in rels)
    claims = run_rules("Abel Kiar (born 1940) is an Iranian film director. He lives in Tehran.", WorkHint())
    assert claims.source.about is None


def test_a_relative_clause_gives_another_works_cast() -> None:
    rels = _rels(
        "Leo Maro (born 1973) is an American filmmaker. He directed the 2012 film The Power of Ten, which "
        "featured the ensemble cast of Chris Walk, Christa Slate, Ann Dery and others."
    )
    for actor in ("Chris Walk", "Christa Slate", "Ann Dery"):
        assert ("The Power of Ten", "cast_member", actor) in rels
    rels = _rels(
        "Leo Maro (born 1973) is an American singer. He toured with the band Low Fen, which featured Chris "
        "Walk and Ann Dery."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)  # a band is no work with a cast


def test_preceded_by_two_films_follows_the_later_one() -> None:
    rels = _rels(
        "Clear Sky is a 1994 American spy thriller film directed by Phil Noy. It was preceded by the 1990 "
        "film The Hunt for Red Coast and the 1992 film Patriot Hills."
    )
    assert ("Clear Sky", "follows", "Patriot Hills") in rels
    assert ("Clear Sky", "follows", "The Hunt for Red Coast") not in rels  # not just before it
    rels = _rels(
        "Clear Sky is a 1994 film directed by Phil Noy. It was followed by Red Coast and Patriot Hills."
    )
    assert ("Red Coast", "follows", "Clear Sky") in rels
    assert ("Patriot Hills", "follows", "Clear Sky") not in rels


def test_a_persons_film_is_their_direction() -> None:
    rels = _rels(
        "Red Wake is a 1994 song by the band Low Fen. Its best known use was in Olan Vesk's controversial "
        "film Cold Killers. It was also used in Rook's film Salt Road and in the Paramount film Grey Mile."
    )
    assert ("Cold Killers", "directed_by", "Olan Vesk") in rels
    assert not any(p == "directed_by" and s in ("Salt Road", "Grey Mile") for s, p, _ in rels)


def test_a_title_owned_by_a_year_is_released_that_year() -> None:
    rels = _rels(
        "Grey Mile is a 2001 video album. It consists of music videos filmed from 1979's Off the Road to "
        "2001's Unbroken. It came out after 1990's Gulf War."
    )
    assert ("Off the Road", "release_year", "1979") in rels  # not "Off the Road to 2001"
    assert ("Unbroken", "release_year", "2001") in rels
    assert not any(s == "Gulf War" for s, _, _ in rels)  # an event, no work


def test_a_title_opening_with_star_keeps_its_first_word() -> None:
    claims = run_rules(
        "Star Legends II is a 2006 action video game. It is the follow up to 2004's Star Legends.", WorkHint()
    )
    names = {e.id: e.name for e in claims.entities}
    assert names.get(claims.source.about or "") == "Star Legends II"
