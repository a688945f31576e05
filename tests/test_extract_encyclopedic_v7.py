"""Encyclopedic constructions of round 7 (`extract/works.py`), written from Re-DocRED dev's misses:
a performer's lead the parser gave no subject, a title a kind-of-work noun introduces whatever the
NER says, a cast list opening with a name tagged a common noun, "X cast A, B and himself in the
lead roles". Invented sentences, each construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import relations_by_name as _rels


# ------------------------------------------------------------ a performer's lead with no subject
def test_a_performer_whose_dates_the_parser_took_for_the_subject_still_acted() -> None:
    rels = _rels(
        "Sun Ha - rim (born March 3, 1991) is a South Korean actress who has gained attention for her "
        "roles in Paper Kite (2004) and The Salt Road (2007)."
    )
    assert ("Paper Kite", "cast_member", "Sun Ha - rim") in rels
    assert ("The Salt Road", "cast_member", "Sun Ha - rim") in rels


def test_a_lead_that_defines_no_performer_credits_no_role() -> None:
    rels = _rels(
        "Sun Ha - rim (born March 3, 1991) is a South Korean chemist who has gained attention for her "
        "roles in Paper Kite (2004) and The Salt Road (2007)."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


# ------------------------------------------------------------ "the horror film Epitaph"
def test_a_title_after_a_kind_of_work_noun_is_a_work_acted_in() -> None:
    rels = _rels(
        "Mara Tensing (born 4 June 1990) is a Danish actress. In 2007 she appeared in the horror film "
        "Ophelia as Ines, a young girl suffering from nightmares."
    )
    assert ("Ophelia", "cast_member", "Mara Tensing") in rels  # the NER takes "Ophelia" for a person


def test_a_name_with_no_kind_of_work_noun_is_still_a_place_or_person() -> None:
    rels = _rels(
        "Mara Tensing (born 4 June 1990) is a Danish actress. In 2009 she appeared in London with her mother."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)
    rels = _rels(
        "Mara Tensing (born 4 June 1990) is a Danish actress. In 2009 she appeared in the film alongside "
        "Peter Holm."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)  # a co-star, no title


# ------------------------------------------------------------ a cast list led by a "noun"
def test_a_list_of_names_playing_roles_in_the_film_are_its_cast() -> None:
    rels = _rels(
        "Rain Over Kettle is a 2011 Indian drama film directed by Osk Varma. Narain, Innocent, Kalabhavan "
        "Shajon and Lena play significant roles in the film."
    )
    for name in ("Narain", "Innocent", "Kalabhavan Shajon", "Lena"):
        assert ("Rain Over Kettle", "cast_member", name) in rels


def test_common_nouns_playing_roles_are_no_cast() -> None:
    rels = _rels(
        "Rain Over Kettle is a 2011 Indian drama film directed by Osk Varma. Music, light and weather play "
        "significant roles in the film."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


# ------------------------------------------------------------ "X cast A, B and himself in roles"
def test_people_cast_in_roles_are_in_the_cast() -> None:
    rels = _rels(
        "Harbor Lights is a 2008 Tamil - language drama film written and directed by Oren Vask. Vask cast "
        "then relatively new actors Jai Rell, Swathi Omar, Tam Kuppu and himself in pivotal roles."
    )
    for name in ("Jai Rell", "Swathi Omar", "Tam Kuppu"):
        assert ("Harbor Lights", "cast_member", name) in rels


def test_casting_doubt_or_another_work_gives_no_cast() -> None:
    rels = _rels(
        "Harbor Lights is a 2008 drama film directed by Oren Vask. Critics cast doubt on the ending in "
        "their reviews."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)
    rels = _rels(
        "Harbor Lights is a 2008 drama film directed by Oren Vask. In 2012 Vask cast Jai Rell in Lowtide, "
        "his next project."
    )
    assert ("Harbor Lights", "cast_member", "Jai Rell") not in rels


# ------------------------------------------------------------ "written by and starring A"
def test_written_by_and_starring_credits_both() -> None:
    rels = _rels("Iron Wake is a 1999 American action film written by and starring Bram Tolleson.")
    assert ("Iron Wake", "written_by", "Bram Tolleson") in rels
    assert ("Iron Wake", "cast_member", "Bram Tolleson") in rels
    rels = _rels(
        "Iron Wake is an American series of action films written by and starring Bram Tolleson and "
        "originally created by Dave Corlin."
    )
    assert ("Iron Wake", "written_by", "Bram Tolleson") in rels  # the series' films are the series


def test_a_writer_and_a_star_named_apart_stay_apart() -> None:
    rels = _rels("Iron Wake is a 1999 American action film written by Dan Olk and starring Bram Tolleson.")
    assert ("Iron Wake", "written_by", "Dan Olk") in rels
    assert ("Iron Wake", "written_by", "Bram Tolleson") not in rels


# ------------------------------------------------------------ "adapted for the screen by A"
def test_adapted_for_the_screen_by_is_the_screenwriter() -> None:
    rels = _rels(
        "Red Harbor is a 1927 American silent film based on the 1925 novel of the same name by Ian Erl, "
        "and adapted to screen by Gerald Dunn."
    )
    assert ("Red Harbor", "written_by", "Gerald Dunn") in rels
    assert ("Red Harbor", "written_by", "Ian Erl") not in rels  # the novelist
    rels = _rels(
        "Red Harbor is a 1927 American silent film adapted for the screen by Gerald Dunn and Mia Holt."
    )
    assert ("Red Harbor", "written_by", "Gerald Dunn") in rels


def test_adapted_from_a_novel_credits_no_screenwriter() -> None:
    rels = _rels("Red Harbor is a 1927 American silent film adapted from the novel by Ian Erl.")
    assert not any(p == "written_by" for _, p, _ in rels)


# ------------------------------------------------------------ the lead's language
def test_a_language_before_the_kind_of_work_is_its_language() -> None:
    rels = _rels("Rain Over Kettle is a 2014 Malayalam family drama film directed by Osk Varma.")
    assert ("Rain Over Kettle", "language", "Malayalam") in rels
    rels = _rels("Harbor Lights is a 2008 Tamil - language period drama film directed by Oren Vask.")
    assert ("Harbor Lights", "language", "Tamil") in rels


def test_a_nationality_before_the_kind_of_work_is_no_language() -> None:
    rels = _rels("Ocean Lane is a 1993 Japanese anime television film directed by Tomo Ikeda.")
    assert not any(p == "language" for _, p, _ in rels)
    rels = _rels(
        "Bright Lane is a 1936 British film directed by Tom Ikeda. It was shot in Hindi and English."
    )
    assert not any(p == "language" for _, p, _ in rels)  # only the lead's words before the kind of work


# ------------------------------------------------------------ an episode "and finale of" a series
def test_an_episode_and_finale_of_a_series_is_part_of_it() -> None:
    rels = _rels(
        '"Winter Lights" is the ninth episode and mid - season finale of the third season of the American '
        "musical television series Harbor Street, and the fifty - third overall."
    )
    assert ("Winter Lights", "part_of_series", "Harbor Street") in rels


def test_an_episode_of_no_named_series_is_part_of_none() -> None:
    rels = _rels(
        '"Winter Lights" is the ninth episode and mid - season finale of the third season, and the fifty - '
        "third overall."
    )
    assert not any(p == "part_of_series" for _, p, _ in rels)


# ------------------------------------------------------------ sequels said in a conjoined clause
def test_a_sequel_in_a_conjoined_copula_follows() -> None:
    rels = _rels(
        "Iron Wake is a 2009 racing video game. It was developed by Monster Works and is the sequel "
        "to Iron Truck."
    )
    assert ("Iron Wake", "follows", "Iron Truck") in rels
    rels = _rels("Star Saga II is an action role - playing game. It is the follow up to 2004's Star Saga.")
    assert ("Star Saga II", "follows", "Star Saga") in rels
    rels = _rels("Star Saga II is an action role - playing game. It is the follow - up to Star Saga.")
    assert ("Star Saga II", "follows", "Star Saga") in rels


def test_a_follow_up_of_something_else_is_no_sequel() -> None:
    rels = _rels(
        "Star Saga II is an action role - playing game. Its studio did a follow up to the interview "
        "with Dan Olk."
    )
    assert not any(p == "follows" for _, p, _ in rels)
    rels = _rels(
        "Iron Wake is a 2009 racing video game. Its designer was hired by Monster Works and is the "
        "author of Iron Truck."
    )
    assert not any(p == "follows" for _, p, _ in rels)


# ------------------------------------------------------------ a crew word in an article
def test_a_crew_word_in_an_article_credits_no_one_with_the_articles_work() -> None:
    rels = _rels(
        "Harbor Lights is a 2008 drama film written and directed by Oren Vask. Director Ilse Marrow had "
        "revealed twice that this movie was the inspiration for her Salt Quay series."
    )
    assert ("Harbor Lights", "directed_by", "Oren Vask") in rels
    assert ("Harbor Lights", "directed_by", "Ilse Marrow") not in rels  # another film's director
    rels = _rels(
        "Night Shift is the fourth episode of the second season of the drama series Ward Nine. The episode "
        "was written by showrunner Dana Rusk and directed by Rob Hale."
    )
    assert ("Night Shift", "written_by", "Dana Rusk") in rels
    assert ("Night Shift", "directed_by", "Rob Hale") in rels
    assert ("Night Shift", "directed_by", "Dana Rusk") not in rels  # a showrunner is no director


# ------------------------------------------------------------ a performer who also directed
def test_a_performer_who_directed_a_film_directed_it() -> None:
    rels = _rels(
        "Lo Marr (born January 17, 1968) is an American actor. He also wrote and directed the film Dough "
        "Street, released in 2008."
    )
    assert ("Dough Street", "directed_by", "Lo Marr") in rels
    assert ("Dough Street", "written_by", "Lo Marr") in rels


def test_someone_else_directing_credits_not_the_performer() -> None:
    rels = _rels(
        "Lo Marr (born January 17, 1968) is an American actor. His brother Tam Marr directed the film Dough "
        "Street in 2008."
    )
    assert ("Dough Street", "directed_by", "Lo Marr") not in rels


# ------------------------------------------------------------ "roles in films including A, B and C"
def test_each_film_of_a_performers_list_is_acted_in_whatever_the_ner_says() -> None:
    rels = _rels(
        "Dom Rallo (born January 17, 1968) is an American actor. He has had roles in films including Beer "
        "Garden, Natural Born Thieves, Suicide Queens, Beverly Hills Patrol III and Jersey Girls."
    )
    for title in (
        "Beer Garden",
        "Natural Born Thieves",
        "Suicide Queens",
        "Beverly Hills Patrol III",
        "Jersey Girls",
    ):
        assert (title, "cast_member", "Dom Rallo") in rels


def test_magazines_a_performer_appeared_in_have_no_cast() -> None:
    rels = _rels(
        "Ela Varro (born 1 February 1955) is an Italian actress and model. In the same years she appeared in "
        "several men's magazines such as Playmen and the Italian edition of Playboy."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


# ------------------------------------------------------------ "Title (1989 – 94)"
def test_a_title_with_a_short_run_of_years_came_out_in_the_first() -> None:
    rels = _rels(
        "Vera Lamb (22 February 1930 – 3 October 2007) was an English television producer. Her company "
        "produced two sitcoms for BBC1, May to December (1989 – 94) and So Haunt Me (1992 – 94)."
    )
    assert ("May to December", "release_year", "1989") in rels
    assert ("So Haunt Me", "release_year", "1992") in rels


def test_a_persons_years_are_no_release() -> None:
    rels = _rels(
        "Vera Lamb (1930 – 2007) was an English producer. She worked with Tom Reed (1921 – 1990) and Ann "
        "Kell (1925 – 31)."
    )
    assert not any(p == "release_year" for _, p, _ in rels)


# ------------------------------------------------------------ "the film X, released in 2008"
def test_titles_a_noun_introduces_before_released_are_dated() -> None:
    rels = _rels(
        "Mia Stone (born 1980) is an American singer. Stone had worked with Lars Furl on her previous two "
        "albums Neon Hearts and Velvet Road, both released in 2010."
    )
    assert ("Neon Hearts", "release_year", "2010") in rels
    assert ("Velvet Road", "release_year", "2010") in rels
    rels = _rels(
        "Lo Marr (born January 17, 1968) is an American actor. He also wrote and directed the film Dough "
        "Street, released in 2008."
    )
    assert ("Dough Street", "release_year", "2008") in rels


def test_people_released_are_no_titles() -> None:
    rels = _rels(
        "Lo Marr (born January 17, 1968) is an American actor. He worked with Dan Olk and Tam Reed, both "
        "released in 2008 from prison."
    )
    assert not any(p == "release_year" for _, p, _ in rels)


# ---------------------------------------------- "films of the 1950s such as X", "acting debut in X"
def test_examples_of_films_of_a_decade_and_an_acting_debut_are_acted_in() -> None:
    rels = _rels(
        "Tony Steele (21 May 1920 – 21 March 2001) was an English actor and singer best known for his "
        "appearances in British war films of the 1950s such as The Timber Horse (1950), and his marriage to "
        "Anita Berg."
    )
    assert ("The Timber Horse", "cast_member", "Tony Steele") in rels
    rels = _rels(
        "Vin Sree (born 1 October 1985) is an Indian actor and singer. Vin made his acting debut in Wheel "
        "(2008), and since then he has acted in numerous films."
    )
    assert ("Wheel", "cast_member", "Vin Sree") in rels


def test_examples_of_places_and_a_singing_debut_are_not_acted_in() -> None:
    rels = _rels(
        "Tony Steele (21 May 1920 – 21 March 2001) was an English actor best known for his appearances in "
        "the towns of the north such as Leeds."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)
    rels = _rels(
        "Vin Sree (born 1 October 1985) is an Indian actor and singer. Vin made his singing debut in Wheel "
        "(2008), a stage show."
    )
    assert ("Wheel", "cast_member", "Vin Sree") not in rels


# ------------------------------------------------------------ "The main protagonists are A and B"
def test_each_of_the_protagonists_named_is_a_character() -> None:
    rels = _rels(
        "Maria of the Hills is a Mexican telenovela produced by Ana Medina for Televisa in 1995. The main "
        "protagonists are Tala Rios and Fernan Colon."
    )
    assert ("Tala Rios", "appears_in", "Maria of the Hills") in rels
    assert ("Fernan Colon", "appears_in", "Maria of the Hills") in rels


def test_a_name_after_the_one_protagonist_is_not_one() -> None:
    rels = _rels(
        "Maria of the Hills is a Mexican telenovela produced by Ana Medina for Televisa in 1995. The "
        "protagonist is Tala Rios and Fernan Colon directed it."
    )
    assert ("Fernan Colon", "appears_in", "Maria of the Hills") not in rels
