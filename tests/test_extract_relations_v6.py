"""Constructions of real reviews and plot summaries of other films (read through the `pages` corpus,
rewritten here as invented sentences with invented names), each with a positive and a negative case:
"A plays X" for a part named only there and "A plays the role of X"; an actor's other work in a
bracket or after "of" ('A ("Other Film")', 'A (the clown in "Other Film")', 'A of "Other Show"');
crew lists after a plural credit word or "the script by"; and relational nouns of service, command,
apprenticeship and marriage.
"""

from __future__ import annotations

from test_extract_rules import entity, extract, triples


# "A plays X" where the part is named only there ------------------------------------------------
def test_plays_a_part_named_only_there_is_a_credit() -> None:
    c = extract(
        "Crooked Lanes is a dark comedy. Hal Verity plays Rupert, the owner of the house.", "Crooked Lanes"
    )
    assert ("Rupert", "portrayed_by", "Hal Verity") in triples(c)
    assert entity(c, "Hal Verity") == ("Person", True)
    assert ("Hal Verity", "appears_in", "Crooked Lanes") not in triples(c)


def test_plays_a_named_rival_at_a_game_is_no_credit() -> None:
    c = extract("Tomas Quint runs a card room. Tomas Quint plays Rolf Darby at poker and loses.")
    assert ("Rolf Darby", "portrayed_by", "Tomas Quint") not in triples(c)
    assert entity(c, "Tomas Quint") == ("Character", True)


def test_plays_the_role_of_x() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Gus Harlan plays the role of Rolf Darby well. Rolf is a brute."
    )
    assert ("Rolf Darby", "portrayed_by", "Gus Harlan") in triples(c)


def test_plays_the_role_of_a_common_noun_credits_nothing() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Gus Harlan plays the role of a brute well. Rolf Darby hides."
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


# an actor's other work in a bracket or after "of" -----------------------------------------------
def test_other_work_in_brackets_is_outside_the_story() -> None:
    c = extract(
        'Crooked Lanes is a dark comedy. Ada Quill ("Night Lanterns") and Bo Stenmark (the clown in '
        '"Crawlspace") play a hold-up duo. Hal Verity of "Burn Signal" is the villain.',
        "Crooked Lanes",
    )
    for actor in ("Ada Quill", "Bo Stenmark", "Hal Verity"):
        assert entity(c, actor) == ("Person", True)
        assert (actor, "appears_in", "Crooked Lanes") not in triples(c)
    for other in ("Night Lanterns", "Crawlspace", "Burn Signal"):
        assert entity(c, other) is None or entity(c, other)[1] is False  # type: ignore[index]


def test_a_quoted_nickname_in_brackets_stays_in_the_story() -> None:
    c = extract(
        'Crooked Lanes is a heist film. Sten Arvo ("The Needle") robs the bank for Greta Dalmar. '
        "Later Sten Arvo kills Greta Dalmar.",
        "Crooked Lanes",
    )
    assert ("Sten Arvo", "killed", "Greta Dalmar") in triples(c)
    assert entity(c, "Sten Arvo") == ("Character", True)


# crew lists --------------------------------------------------------------------------------------
def test_plural_crew_word_and_script_by_credit_each_name() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Directors Carl Benn and Rob Ostrow keep it tight. "
        "The script by Greg Hale and Gorm Russo is bland.",
        "Crooked Lanes",
    )
    t = triples(c)
    work = "Crooked Lanes"
    assert {(work, "directed_by", "Carl Benn"), (work, "directed_by", "Rob Ostrow")} <= t
    assert {(work, "written_by", "Greg Hale"), (work, "written_by", "Gorm Russo")} <= t
    assert entity(c, "Rob Ostrow") == ("Person", True) and entity(c, "Gorm Russo") == ("Person", True)


def test_a_characters_directors_are_no_credit() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. The bank's directors, Carl Benn and Rob Ostrow, hire Tomas Quint.",
        "Crooked Lanes",
    )
    assert not any(p == "directed_by" for _, p, _ in triples(c))


# relational nouns after "of", and the nouns of service and marriage -------------------------------
def test_copula_relational_noun_of_a_name() -> None:
    c = extract("Dara Voss is the daughter of Ren Voss. Ren Voss commands the Meridian.")
    t = triples(c)
    assert ("Dara Voss", "family_of", "Ren Voss") in t or ("Ren Voss", "family_of", "Dara Voss") in t


def test_relational_noun_of_a_common_noun_names_no_one() -> None:
    c = extract("Dara Voss is the daughter of a farmer. Ren Voss commands the Meridian.")
    assert not any(p == "family_of" for _, p, _ in triples(c))


def test_servant_and_in_law_nouns_in_apposition() -> None:
    c = extract(
        "Ulvar Stane's manservant, Hodd Brenner, answers the door. "
        "Vinzo Gatti's father-in-law, Bertel Ruggiero, is a board member."
    )
    t = triples(c)
    assert ("Hodd Brenner", "works_for", "Ulvar Stane") in t
    assert ("Vinzo Gatti", "family_of", "Bertel Ruggiero") in t or (
        "Bertel Ruggiero",
        "family_of",
        "Vinzo Gatti",
    ) in t


def test_an_unnamed_servant_ties_no_one() -> None:
    c = extract("Ulvar Stane's manservant answers the door. Hodd Brenner waits outside.")
    assert ("Hodd Brenner", "works_for", "Ulvar Stane") not in triples(c)


# "fatally" makes an attack a killing ----------------------------------------------------------
def test_fatally_shoots_kills() -> None:
    c = extract("Tomas Reyl fatally shoots Cardo Blaine.")
    assert ("Tomas Reyl", "killed", "Cardo Blaine") in triples(c)


def test_a_shot_without_a_fatal_word_kills_no_one() -> None:
    c = extract("Tomas Reyl shoots Cardo Blaine in the arm.")
    assert ("Tomas Reyl", "killed", "Cardo Blaine") not in triples(c)


# kinship revealed, marriage, joined forces ----------------------------------------------------
def test_revealed_to_be_the_son_of() -> None:
    c = extract(
        "Vesna Holt turns out to be the sister of Cardo Blaine. "
        "Tomas Reyl is revealed to be the son of Hadrik Lund."
    )
    t = triples(c)
    assert ("Vesna Holt", "family_of", "Cardo Blaine") in t
    assert ("Tomas Reyl", "family_of", "Hadrik Lund") in t


def test_claims_or_seems_to_be_asserts_no_kinship() -> None:
    c = extract(
        "Tomas Reyl claims to be the son of Hadrik Lund. Vesna Holt seems to be the sister of Cardo Blaine."
    )
    assert not any(p == "family_of" for _, p, _ in triples(c))


def test_married_couples() -> None:
    c = extract("Cardo Blaine and Mira Lund are married. Tomas Reyl is married to Dara Voss.")
    t = triples(c)
    assert ("Cardo Blaine", "family_of", "Mira Lund") in t
    assert ("Tomas Reyl", "family_of", "Dara Voss") in t


def test_married_to_a_thing_or_negated_is_no_family() -> None:
    c = extract(
        "Cardo Blaine and Mira Lund are married to their work. Tomas Reyl is not married to Dara Voss."
    )
    assert not any(p == "family_of" for _, p, _ in triples(c))


def test_joins_forces_with_is_an_alliance() -> None:
    c = extract("Tomas Reyl joins forces with Cardo Blaine to stop Hadrik Lund.")
    t = triples(c)
    assert ("Tomas Reyl", "ally_of", "Cardo Blaine") in t or ("Cardo Blaine", "ally_of", "Tomas Reyl") in t


def test_joining_a_group_beside_someone_is_no_alliance() -> None:
    c = extract("Tomas Reyl joins the guild with Cardo Blaine.")
    t = triples(c)
    assert ("Tomas Reyl", "ally_of", "Cardo Blaine") not in t and (
        "Cardo Blaine",
        "ally_of",
        "Tomas Reyl",
    ) not in t


# an actor's earlier part, a film-maker's earlier film --------------------------------------------
def test_who_played_x_in_another_work_is_outside_the_story() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Ivo Marsh, who played the outlaw Jed Crane in Dust Road, is "
        "Tomas Reyl here. Tomas Reyl hunts Hadrik Lund.",
        "Crooked Lanes",
    )
    assert not any(n.startswith("Jed Crane") and p == "appears_in" for n, p, _ in triples(c))
    assert not any(e.name.startswith("Jed Crane") and e.in_universe for e in c.entities)


def test_who_played_cards_in_a_place_stays_in_the_story() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Tomas Reyl, who played cards in Vell Harbour, kills Nico Ferr.",
        "Crooked Lanes",
    )
    assert ("Tomas Reyl", "killed", "Nico Ferr") in triples(c)


def test_a_film_makers_previous_film_is_outside_the_story() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. Director Carl Benn's previous film, Salt Harbour, followed the "
        "smuggler Nico Ferr. Here Tomas Reyl hunts Hadrik Lund.",
        "Crooked Lanes",
    )
    assert entity(c, "Nico Ferr") == ("Character", False)
    assert ("Nico Ferr", "appears_in", "Crooked Lanes") not in triples(c)
    assert ("Crooked Lanes", "directed_by", "Carl Benn") in triples(c)


def test_the_previous_film_of_a_sequel_is_the_same_story() -> None:
    c = extract(
        "Crooked Lanes is a crime drama. The previous film followed the smuggler Nico Ferr. "
        "Here Tomas Reyl hunts Nico Ferr.",
        "Crooked Lanes",
    )
    assert entity(c, "Nico Ferr") == ("Character", True)


# where characters live: through the nouns of an "in" phrase, with the ones they live with -------
def test_lives_with_kin_in_a_place() -> None:
    c = extract(
        "Piet Lorn, a ferryman, lives with his mother Ola and his brother Jonas in Harrowgate, a village "
        "on the bank of the Dorn River."
    )
    t = triples(c)
    assert {("Piet Lorn", "resides_in", "Harrowgate"), ("Ola", "resides_in", "Harrowgate")} <= t
    assert ("Jonas", "resides_in", "Harrowgate") in t


def test_lives_above_a_shop_in_a_named_city() -> None:
    c = extract("Tova Merrin is a retired safecracker who lives above a laundry in the port city of Vessany.")
    assert ("Tova Merrin", "resides_in", "Vessany") in triples(c)


def test_apposition_noun_in_a_place() -> None:
    c = extract("Maren Tolle, a locksmith in the mountain town of Hadley Cross, once cracked safes.")
    assert ("Maren Tolle", "resides_in", "Hadley Cross") in triples(c)


def test_a_war_in_a_place_is_no_home() -> None:
    c = extract(
        "Maren Tolle, a veteran of the war in Hadley Cross, cracks safes. Maren meets Ivo Stenn there."
    )
    assert ("Maren Tolle", "resides_in", "Hadley Cross") not in triples(c)


def test_living_without_a_named_place_gives_no_home() -> None:
    c = extract("Piet Lorn lives with his mother Ola in a stilt house near the river. Harrowgate burns.")
    assert not any(p == "resides_in" for _, p, _ in triples(c))


def test_copula_noun_in_a_place() -> None:
    c = extract("Ivo Stenn is a fisherman in the harbour town of Caskmouth. Ivo meets Nell Dorr.")
    assert ("Ivo Stenn", "resides_in", "Caskmouth") in triples(c)


# "A stars as X" with no work named ---------------------------------------------------------------
def test_stars_as_is_a_credit_even_when_stars_is_parsed_a_noun() -> None:
    c = extract(
        "Night Lanterns is a heist film. Rina Dale stars as Tova Merrin, a thief. "
        "Tova Merrin robs Hadrik Lund."
    )
    t = triples(c)
    assert ("Tova Merrin", "portrayed_by", "Rina Dale") in t
    assert ("Rina Dale", "appears_in", "Night Lanterns") not in t


def test_a_character_who_stars_as_someone_in_a_pageant_is_no_actor() -> None:
    c = extract(
        "Tova Merrin hides. Tova Merrin stars as Ada Pell in the village pageant. Ada Pell hides too."
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))
    assert entity(c, "Tova Merrin") == ("Character", True)


# "X of the Group", "X, one of the Group" ---------------------------------------------------------
def test_name_of_a_group_is_a_member() -> None:
    c = extract(
        "Ruth Calder of the Vessany Constabulary chases Tova Merrin. "
        "Benno Hask, one of the Ash Kestrels, sells them out."
    )
    t = triples(c)
    assert ("Ruth Calder", "member_of", "Vessany Constabulary") in t
    assert ("Benno Hask", "member_of", "Ash Kestrels") in t


def test_a_name_of_a_place_is_no_membership() -> None:
    c = extract("Ruth Calder of Vessany chases Tova Merrin. The Ash Kestrels hide in Vessany.")
    assert not any(p == "member_of" for _, p, _ in triples(c))


# a killing by someone's men ----------------------------------------------------------------------
def test_a_killing_by_someones_men_is_theirs() -> None:
    c = extract("Hadrik Lund's men kill Ivo Stenn at the docks. Later Nell Dorr is killed by Lund's men.")
    t = triples(c)
    assert ("Hadrik Lund", "killed", "Ivo Stenn") in t
    assert ("Hadrik Lund", "killed", "Nell Dorr") in t


def test_someones_daughter_killing_is_not_theirs() -> None:
    c = extract("Hadrik Lund's daughter kills Ivo Stenn at the docks. Nell Dorr hides.")
    assert ("Hadrik Lund", "killed", "Ivo Stenn") not in triples(c)


# a group's leader and members told around the group's name -------------------------------------
def test_led_by_hung_on_the_main_verb_still_leads_the_group() -> None:
    c = extract(
        "Anton Varro joins the Ash Kestrels, a band of partisans hiding in the Tammer Wood and led by a "
        "former schoolteacher, Captain Dora Pell."
    )
    assert ("Captain Dora Pell", "leads", "Ash Kestrels") in triples(c)


def test_led_by_after_a_character_leads_no_group() -> None:
    c = extract("Anton Varro fights the Ash Kestrels beside Tova Merrin and is led by Oska Brenn to safety.")
    assert ("Oska Brenn", "leads", "Ash Kestrels") not in triples(c)


def test_whose_prophet_of_a_cult_of_divers() -> None:
    c = extract(
        "The thieves find the engine guarded by the Sunken Chorus, a cult of divers whose prophet, "
        "Mother Orlaine, believes the engine will wake the sea."
    )
    assert ("Mother Orlaine", "leads", "Sunken Chorus") in triples(c)


def test_group_including_names_its_members() -> None:
    c = extract("The Lamplighters, including the hot-headed Osk Varney and Tam Ruddock, storm the mill.")
    t = triples(c)
    assert {
        ("Osk Varney", "member_of", "The Lamplighters"),
        ("Tam Ruddock", "member_of", "The Lamplighters"),
    } <= t


def test_including_after_a_person_names_no_members() -> None:
    c = extract("Lord Fenwick hires everyone, including Osk Varney. The Lamplighters storm the mill.")
    assert not any(p == "member_of" for _, p, _ in triples(c))


# a roster after a colon ----------------------------------------------------------------------
def test_a_crew_named_before_a_colon_lists_its_members_and_its_founder() -> None:
    c = extract(
        "Tova Merrin puts together a crew she calls the Copper Rooks: Pell Anders, the driver Rosa Fenn "
        "and an ageing forger named Ivo Stenn."
    )
    t = triples(c)
    for m in ("Pell Anders", "Rosa Fenn", "Ivo Stenn"):
        assert (m, "member_of", "Copper Rooks") in t
    assert ("Tova Merrin", "leads", "Copper Rooks") in t


def test_a_colon_after_a_person_is_no_roster() -> None:
    c = extract("The Copper Rooks hide. Their target is Tova Merrin: Pell Anders and Rosa Fenn rob her.")
    assert not any(p == "member_of" for _, p, _ in triples(c))


# "best known as" between commas ---------------------------------------------------------------
def test_best_known_as_between_commas_is_outside_the_story() -> None:
    c = extract(
        "Crooked Lanes is a dark comedy. Hal Verity plays Rupert, the owner of the house. Verity, best known "
        'as the spy Emrys Blake on "Burn Signal", is wonderful.',
        "Crooked Lanes",
    )
    assert entity(c, "Emrys Blake") == ("Character", False)
    assert ("Emrys Blake", "appears_in", "Crooked Lanes") not in triples(c)


def test_known_for_without_best_stays_in_the_story() -> None:
    c = extract(
        "Crooked Lanes is a heist film. Ivo Stenn, known for robbing Emrys Blake, hides in the cellar.",
        "Crooked Lanes",
    )
    assert entity(c, "Emrys Blake") == ("Character", True)
