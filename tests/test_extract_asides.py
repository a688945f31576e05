"""Credits of an encyclopedic lead written as one chain, double-barrelled names, an actor's other
work in brackets, and NER names cut at a verb, on invented sentences: each construction read, and a
near sentence that must not give it."""

from __future__ import annotations

from test_extract_rules import entity, extract, triples

LEAD = (
    "Marrow Gate is a 2014 British thriller film directed by Ann Wolde, written by Piet Krane and "
    "Lisbet Varga-Moss, and starring Ola Brandt-Kerr, Ingrid Sefton and Cal Dorne."
)

REVIEW = (
    "Low Ember Review: A Quiet Heist\n\n"
    "I work late, and Low Ember kept me awake. It stars Dara Quell, Ivo Serrat and Lena Fosse. "
    "Quell (Copper and Ash, The Glass Summer) stars as Mina Hale, a forger who robs the Salt Bank. "
    "Mina is hunted by a detective, played by Lena Fosse (The Glass Summer)."
)


# "directed by A, written by B, and starring C": the parser hangs each credit on the name before ---
def test_credit_chain_credits_the_work() -> None:
    t = triples(extract(LEAD))
    assert ("Marrow Gate", "written_by", "Lisbet Varga-Moss") in t
    for actor in ("Ola Brandt-Kerr", "Ingrid Sefton", "Cal Dorne"):
        assert ("Marrow Gate", "cast_member", actor) in t
    assert ("Marrow Gate", "cast_member", "Ola Brandt") not in t  # the name is not cut at its hyphen


def test_participles_that_credit_nothing_climb_no_chain() -> None:
    c = extract(
        "Marrow Gate is a 2014 British film directed by Ann Wolde. Its hero is guarded by Ivo Serrat, "
        "hunted by Cal Dorne, and haunted by Piet Krane."
    )
    assert not {p for _, p, _ in triples(c)} & {"cast_member", "written_by", "produced_by"}


# a crew member named with a craft noun is a person, not a character of the story ---------------
def test_music_by_a_double_barrelled_name_is_a_person() -> None:
    c = extract(LEAD + " The film has music by Tobin Arlow-Reyes.")
    assert entity(c, "Tobin Arlow-Reyes") == ("Person", True)
    assert ("Tobin Arlow-Reyes", "appears_in", "Marrow Gate") not in triples(c)


# an actor's other work in brackets after a credit ----------------------------------------------
def test_brackets_after_a_credited_actor_are_other_work() -> None:
    c = extract(REVIEW)
    t = triples(c)
    for title in ("Copper and Ash", "The Glass Summer"):
        found = entity(c, title)
        assert found is not None and found[1] is False  # outside the story
        assert (title, "appears_in", "Low Ember") not in t
    assert not any(p == "portrayed_by" and o == "The Glass Summer" for _, p, o in t)


def test_brackets_naming_the_actor_of_a_character_stay_a_credit() -> None:
    credit = REVIEW.replace("Quell (Copper and Ash, The Glass Summer) stars as", "Mina Hale (Dara Quell) is")
    c = extract(credit)
    assert ("Mina Hale", "portrayed_by", "Dara Quell") in triples(c)


def test_best_known_aside_is_outside_the_story_and_keeps_the_credit() -> None:
    c = extract(
        REVIEW.replace(
            "played by Lena Fosse (The Glass Summer)",
            "Bo Kell (Lena Fosse, best known as Nurse Tam on Grey Ward)",
        )
    )
    t = triples(c)
    assert ("Bo Kell", "portrayed_by", "Lena Fosse") in t
    for name in ("Nurse Tam", "Grey Ward"):
        found = entity(c, name)
        assert found is None or found[1] is False
        assert (name, "appears_in", "Low Ember") not in t


def test_known_as_outside_brackets_is_the_story() -> None:
    c = extract(REVIEW + " The forger, known as Grey Ward in the docks, hides at the Salt Bank.")
    assert entity(c, "Grey Ward") != ("Location", False)
    found = entity(c, "Grey Ward")
    assert found is None or found[1] is True


# an NER name never runs over a lower-case verb ---------------------------------------------------
def test_a_name_never_runs_over_a_verb() -> None:
    c = extract(
        "Dusha and the partisans attack the mill with Lev on the night of the flood. "
        "Lev rescues Emil from the cellar, and Dusha kills Haskel on the bridge."
    )
    assert not any("rescues" in e.name for e in c.entities)
    assert entity(c, "Lev") is not None


def test_small_words_inside_a_name_stay() -> None:
    c = extract("Maren Holt sails to the Isle of Rook. Maren Holt hides on the Isle of Rook.")
    assert any(e.name.endswith("Isle of Rook") for e in c.entities)


# an aside names no comparison ------------------------------------------------------------------
def test_an_aside_is_compared_to_nothing() -> None:
    t = triples(extract(REVIEW))
    assert not any(p == "compared_to" for _, p, _ in t)


def test_a_comparison_still_compares() -> None:
    c = extract(REVIEW + " Mina is like Vera Stoll in The Long Coast.")
    assert any(p == "compared_to" for _, p, _ in triples(c))


# the actor of an unnamed part is a person --------------------------------------------------------
def test_played_by_after_an_unnamed_part_is_an_actor() -> None:
    c = extract(REVIEW.replace("Lena Fosse (The Glass Summer)", "Greta Vollmann-Ree"))
    assert entity(c, "Greta Vollmann-Ree") == ("Person", True)
    assert ("Greta Vollmann-Ree", "appears_in", "Low Ember") not in triples(c)


def test_a_character_played_by_someone_else_stays_a_character() -> None:
    c = extract(REVIEW + " Mina is betrayed by Ora Belk, a fence played by Ivo Serrat.")
    assert entity(c, "Ora Belk") == ("Character", True)


# "as X's old mentor, Y": the part is Y, never the owner X ----------------------------------------
CREDITS = (
    "Marrow Gate is a 2014 British thriller film directed by Ann Wolde, and starring Ola Brandt, Ingrid "
    "Sefton and Cal Dorne. Brandt returns as the pilot Ilse Varn, alongside Sefton as the governor Mara "
    "Pell and Dorne as Ilse's old mentor"
)


def test_an_owned_part_credits_the_name_after_it() -> None:
    t = triples(extract(CREDITS + ", Teodor Vask."))
    assert ("Teodor Vask", "portrayed_by", "Cal Dorne") in t
    assert ("Ilse Varn", "portrayed_by", "Cal Dorne") not in t
    assert ("Mara Pell", "portrayed_by", "Ingrid Sefton") in t


def test_an_owned_part_without_a_name_credits_nothing() -> None:
    t = triples(extract(CREDITS + "."))
    assert not any(o == "Cal Dorne" and p == "portrayed_by" for _, p, o in t)


# "produced by A for B Pictures": the company is outside the story --------------------------------
def test_the_company_a_film_was_produced_for_is_outside_the_story() -> None:
    c = extract(
        "Marrow Gate is a 2014 British thriller film directed by Ann Wolde. Produced by Mina Oduya for "
        "Brightfen Pictures, the film follows Ilse Varn."
    )
    found = entity(c, "Brightfen Pictures")
    assert found is None or found[1] is False
    assert ("Brightfen Pictures", "appears_in", "Marrow Gate") not in triples(c)


def test_a_company_the_story_names_stays_in_it() -> None:
    c = extract(
        "Marrow Gate is a 2014 British thriller film directed by Ann Wolde. Produced by Mina Oduya for "
        "Brightfen Pictures, the film follows Ilse Varn. In the film, Ilse Varn works for Brightfen Pictures."
    )
    assert ("Ilse Varn", "works_for", "Brightfen Pictures") in triples(c)
