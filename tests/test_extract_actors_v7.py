"""People a text credits where no credit pair forms, on invented sentences: "He is played by A",
"Capable (A)" after a word the names missed, "A takes over the role from B", "the script, by A, B
and C"; and works a career aside or a look names ("a long way from X", "her transformation in X",
"the vistas recall X"). Each is read, and a near sentence that must not give it."""

from __future__ import annotations

from test_extract_rules import extract, triples
from universe_graph.model import ClaimSet, EntityType

HEAD = "Ashfall review - a long chase across the salt flats that never slows\n\n"


def types(claims: ClaimSet) -> dict[str, EntityType]:
    return {e.name: e.type for e in claims.entities}


def test_played_by_after_a_pronoun_is_a_person() -> None:
    c = extract(HEAD + "Vell Ardo rules the city. He is played by Tobin Harlow-Reyes, who is superb.")
    assert types(c)["Tobin Harlow-Reyes"] is EntityType.PERSON
    assert not any(s == "Tobin Harlow-Reyes" and p == "appears_in" for s, p, _ in triples(c))


def test_a_bracketed_full_name_after_a_part_is_a_person() -> None:
    c = extract(HEAD + "Vell Ardo keeps two wives, Sela and Steady (Riley Marsh), in the tower.")
    assert types(c)["Riley Marsh"] is EntityType.PERSON


def test_a_bracketed_place_is_no_person() -> None:
    c = extract(HEAD + "Vell Ardo drives to Salt Keep (New Carthage) with Sela.")
    assert types(c).get("New Carthage") is not EntityType.PERSON


def test_taking_over_a_role_from_another_actor_makes_both_people() -> None:
    c = extract(HEAD + "Tobin Harlow takes over the title role from Amos Green. Vell Ardo hunts Sela.")
    assert types(c)["Tobin Harlow"] is EntityType.PERSON
    assert types(c)["Amos Green"] is EntityType.PERSON


def test_the_script_comma_by_lists_its_writers() -> None:
    t = triples(
        extract(HEAD + "The script, by Ida Fenn, Bruno McAvoy and Lea Stone, is lean. Vell hunts Sela.")
    )
    assert {("Ashfall", "written_by", n) for n in ("Ida Fenn", "Bruno McAvoy", "Lea Stone")} <= t


def test_a_story_told_by_someone_is_no_script_credit() -> None:
    t = triples(extract(HEAD + "The story, told by Ida Fenn to her son, is grim. Vell hunts Sela."))
    assert not any(p == "written_by" for _, p, _ in t)


def test_career_and_look_comparisons_stay_outside() -> None:
    c = extract(
        HEAD + "Vell Ardo is played by Tobin Harlow (a long way from the gentle ghost of Wet Paint). "
        "Anyone who saw her transformation in Iron Moth knows Ida Fenn can vanish into Sela. "
        "The desert vistas recall Sand Kings."
    )
    story = {e.name for e in c.entities if e.in_universe}
    assert not {"Wet Paint", "Iron Moth", "Sand Kings"} & story


def test_a_character_recalling_someone_stays_in_the_story() -> None:
    c = extract(HEAD + "Vell Ardo recalls Sela Marr, the wife he lost in the war.")
    assert "Sela Marr" in {e.name for e in c.entities if e.in_universe}


def test_whom_a_plays_credits_the_part_before() -> None:
    t = triples(
        extract(HEAD + "Then there is Vell's son Oren, the black sheep, whom Tobin Harlow plays as a brat.")
    )
    assert ("Oren", "portrayed_by", "Tobin Harlow") in t


def test_whom_a_character_meets_is_no_credit() -> None:
    t = triples(extract(HEAD + "Then there is Vell's son Oren, whom Sela Marr meets at the docks."))
    assert not any(p == "portrayed_by" for _, p, _ in t)


def test_played_by_a_name_with_a_particle() -> None:
    t = triples(extract(HEAD + "The heart of it is Sela Marr, Vell's young nurse, played by Ana de Sousa."))
    assert ("Sela Marr", "portrayed_by", "Ana de Sousa") in t


def test_a_possessive_maker_and_who_wrote_and_directed_it() -> None:
    c = extract(
        "Knives Drawn review: a whodunit\n\nRian Odell's Knives Drawn is great fun. Odell, who wrote and "
        "directed it, loves a twist. Vell Ardo hunts Sela Marr."
    )
    assert types(c)["Rian Odell"] is EntityType.PERSON
    assert ("Knives Drawn", "directed_by", "Rian Odell") in triples(c)


def test_a_belief_is_no_killing() -> None:
    t = triples(extract(HEAD + "Sela Marr believes she killed Vell Ardo. Later Oren Dace kills Vell Ardo."))
    assert ("Sela Marr", "killed", "Vell Ardo") not in t
    assert ("Oren Dace", "killed", "Vell Ardo") in t


def test_a_part_played_in_another_work_and_a_film_since_a_year() -> None:
    c = extract(
        HEAD + "Vell Ardo (Tobin Harlow, as warm here as he was cold as Captain Roan Vail in The Long Frost) "
        "rules the flats. It is the most fun I have had in years since the 1985 Gull Point."
    )
    story = {e.name for e in c.entities if e.in_universe}
    assert not {"Captain Roan Vail", "Roan Vail", "The Long Frost", "Long Frost", "Gull Point"} & story
    assert "Vell Ardo" in story


def test_a_role_noun_that_does_nothing_names_nobody_new() -> None:
    c = extract(HEAD + "Oren Dace wins the race and the praise of his uncle.")
    assert not any("'s" in e.name for e in c.entities)


def test_a_role_noun_that_acts_is_kept() -> None:
    c = extract(HEAD + "Oren Dace hunts the salt flats. His bodyguard betrays him to the Vultures.")
    assert any(e.name.endswith("bodyguard") for e in c.entities)


def test_a_bomb_meant_for_someone_is_not_their_killing() -> None:
    t = triples(extract("In Sicily, a car bomb meant for Michael kills Apollonia."))  # the parse
    assert ("Michael", "killed", "Apollonia") not in t  # reads "Michael kills Apollonia" under "for"


def test_after_a_killing_the_killing_stands() -> None:
    t = triples(extract(HEAD + "Oren Dace flees Keld after Vell Ardo kills Sela Marr."))
    assert ("Vell Ardo", "killed", "Sela Marr") in t


def test_a_numbered_entry_names_the_franchise() -> None:
    c = extract(HEAD + "The fourth Salt Runner film is loud. Vell Ardo hunts Sela Marr across the flats.")
    assert types(c)["Salt Runner"] is EntityType.UNIVERSE
    assert ("Ashfall", "part_of_universe", "Salt Runner") in triples(c)


def test_a_character_before_a_film_noun_without_a_number_stays_a_character() -> None:
    c = extract(HEAD + "Vell Ardo hunts Sela Marr. The film belongs to Sela Marr.")
    assert types(c)["Sela Marr"] is EntityType.CHARACTER


def test_a_scene_opening_place_is_a_location() -> None:
    c = extract(HEAD + "In Keld, a car bomb kills Sela Marr. Oren Dace mourns her.")
    assert types(c)["Keld"] is EntityType.LOCATION


def test_in_a_name_of_a_person_is_no_opening_place() -> None:
    c = extract(HEAD + "Oren Dace trusts Sela Marr. In Sela Marr, he finds a friend.")
    assert types(c)["Sela Marr"] is EntityType.CHARACTER


def test_starring_after_the_title_and_it_stars_after_the_headline() -> None:
    t = triples(
        extract(HEAD + "Ashfall, starring Tobin Harlow and Ida Fenn, is loud. Vell Ardo hunts Sela Marr.")
    )
    assert {("Ashfall", "cast_member", "Tobin Harlow"), ("Ashfall", "cast_member", "Ida Fenn")} <= t
    t = triples(extract(HEAD + "It stars Tobin Harlow and Ida Fenn. Vell Ardo hunts Sela Marr."))
    assert ("Ashfall", "cast_member", "Ida Fenn") in t


def test_a_character_starring_in_a_nightmare_is_no_cast() -> None:
    t = triples(extract(HEAD + "Vell Ardo, starring in his own nightmare, hunts Sela Marr."))
    assert not any(p == "cast_member" for _, p, _ in t)


def test_a_town_is_a_place_whatever_the_ner_says() -> None:
    c = extract(HEAD + "Vell Ardo sends Sela Marr on a fuel run to Gas Town, but she turns into the desert.")
    assert types(c)["Gas Town"] is EntityType.LOCATION


def test_a_surname_that_is_a_place_word_stays_a_person() -> None:
    c = extract(HEAD + "Hetty Green hunts Vell Ardo across the flats. Green is relentless.")
    assert types(c)["Hetty Green"] is EntityType.CHARACTER


def test_a_kin_or_role_noun_right_before_a_name_parsed_as_two_subjects_is_that_name() -> None:
    c = extract(
        "Michael flees to Sicily, where he marries Lucia. In Sicily, a car bomb meant for Michael kills "
        "Lucia; his bodyguard Fabrizio has betrayed him."
    )
    assert not any(e.name.endswith("bodyguard") for e in c.entities)
    assert ("Fabrizio", "works_for", "Michael") in triples(c)
