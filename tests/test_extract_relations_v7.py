"""Constructions of real reviews and plot summaries of other films (read through the `pages` corpus:
westerns, crime thrillers, period dramas, fantasy and animation; rewritten here as invented sentences
with invented names), each with a positive and a negative case: a reviewer's verdict "A is terrific
as X" and a praising bracket "X (an excellent A)"; a widow named by her late husband; a change of
side ("turns against X") and a face-to-face fight ("squares off against X"); a ruler "queen of" a
group.
"""

from __future__ import annotations

from test_extract_rules import entity, extract, triples
from universe_graph.model import ClaimSet


def kinds(c: ClaimSet) -> set[tuple[str, frozenset[str]]]:
    """Each event's kind with the names of its participants."""
    names = {e.id: e.name for e in c.entities}
    return {(ev.kind.value, frozenset(names.get(p.entity, "?") for p in ev.participants)) for ev in c.events}


# "A is terrific as X": a reviewer's verdict on a performance ----------------------------------
def test_rated_as_a_character_is_a_credit() -> None:
    c = extract(
        "Dry Gulch is a western. Tomas Kellan is terrific as Ray Dunmore, and Ned Fryer is genuinely "
        "menacing as Corvin Lusk. Ray Dunmore hunts Corvin Lusk across the plains.",
        "Dry Gulch",
    )
    t = triples(c)
    assert ("Ray Dunmore", "portrayed_by", "Tomas Kellan") in t
    assert ("Corvin Lusk", "portrayed_by", "Ned Fryer") in t
    assert ("Dry Gulch", "cast_member", "Ned Fryer") in t
    assert entity(c, "Tomas Kellan") == ("Person", True)
    assert ("Tomas Kellan", "appears_in", "Dry Gulch") not in t


def test_rated_as_a_common_noun_credits_nothing() -> None:
    c = extract(
        "Dry Gulch is a western. Ray Dunmore is married to Lisa Dunmore. Lisa Dunmore is great as a "
        "mother, and Ray Dunmore is strong as an ox.",
        "Dry Gulch",
    )
    t = triples(c)
    assert not any(p in ("portrayed_by", "cast_member") for _, p, _ in t)
    assert entity(c, "Lisa Dunmore") == ("Character", True)


# "X (an excellent A)": a bracket that praises the actor ------------------------------------------
def test_praising_bracket_names_the_actor() -> None:
    c = extract(
        "Dry Gulch is a western. Frank Bratton (an excellent Rod Tayner), a cold-blooded outlaw, robs "
        "the bank. Ray Dunmore (a never-better Tomas Kellan) hunts him.",
        "Dry Gulch",
    )
    t = triples(c)
    assert ("Frank Bratton", "portrayed_by", "Rod Tayner") in t
    assert ("Ray Dunmore", "portrayed_by", "Tomas Kellan") in t
    assert entity(c, "Rod Tayner") == ("Person", True)


def test_bracket_with_a_common_noun_phrase_credits_nothing() -> None:
    c = extract(
        "Dry Gulch is a western. Frank Bratton (a cold-blooded outlaw) robs the bank in Silver Fork "
        "(the old mining town).",
        "Dry Gulch",
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


# a widow or widower named by the late spouse -----------------------------------------------------
def test_widow_of_a_character_is_family() -> None:
    c = extract(
        "Dry Gulch is a thriller. Milo Brandt visits Ray Osgood's widow, Kathleen Osgood, in Harrow. "
        "Kathleen Osgood hides the ledger."
    )
    assert ("Ray Osgood", "family_of", "Kathleen Osgood") in triples(c)


def test_a_widow_with_no_owner_is_no_family() -> None:
    c = extract(
        "Dry Gulch is a thriller. Milo Brandt visits a widow, Kathleen Osgood, in Harrow. Ray Osgood "
        "hides the ledger."
    )
    assert not any(p == "family_of" for _, p, _ in triples(c))


# a change of side and a face-to-face fight -----------------------------------------------------
def test_turns_against_is_a_betrayal_and_squares_off_a_fight() -> None:
    c = extract(
        "Dry Gulch is a thriller. Vic Sarro is Ray Dunmore's partner. Vic Sarro turns against Ray "
        "Dunmore. In the final act Ray Dunmore squares off against Corvin Lusk on the bridge."
    )
    t = triples(c)
    assert ("Vic Sarro", "betrayed", "Ray Dunmore") in t
    assert ("Ray Dunmore", "fought", "Corvin Lusk") in t
    k = kinds(c)
    assert ("betrayal", frozenset({"Vic Sarro", "Ray Dunmore"})) in k
    assert ("fight", frozenset({"Ray Dunmore", "Corvin Lusk"})) in k


def test_turning_against_an_idea_or_a_place_is_no_betrayal() -> None:
    c = extract(
        "Dry Gulch is a thriller. Vic Sarro turns against the plan. Ray Dunmore squares off against "
        "the storm in Silver Fork. Corvin Lusk turns on the lights."
    )
    assert not any(p in ("betrayed", "fought") for _, p, _ in triples(c))


# a ruler of a group ---------------------------------------------------------------------------
def test_queen_of_a_group_leads_it() -> None:
    c = extract(
        "Dry Gulch is a fantasy. Delia Marrow, queen of the Fairfolk Guild, falls ill. Her son Avon "
        "Marrow guards the Fairfolk Guild."
    )
    t = triples(c)
    assert ("Delia Marrow", "leads", "Fairfolk Guild") in t
    assert ("Delia Marrow", "works_for", "Fairfolk Guild") not in t


def test_a_courier_of_a_group_does_not_lead_it() -> None:
    c = extract(
        "Dry Gulch is a fantasy. Delia Marrow, a courier of the Fairfolk Guild, falls ill. Avon Marrow "
        "guards the Fairfolk Guild."
    )
    assert ("Delia Marrow", "leads", "Fairfolk Guild") not in triples(c)


def test_famous_as_an_alias_is_no_credit() -> None:
    c = extract(
        "Dry Gulch is a western. In Silver Fork, Ann Rowan is famous as the Gray Widow. The Gray Widow "
        "robs the bank.",
        "Dry Gulch",
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


# a bracket after a noun in apposition to a character ------------------------------------------
def test_bracket_after_an_apposed_noun_credits_the_character() -> None:
    c = extract(
        "Glass Slipper is an animated film. Frieda Vane, Ella's scheming stepmother (voiced by Sigra "
        "Welling), forms an alliance with the Wolf King. Ella escapes.",
        "Glass Slipper",
    )
    t = triples(c)
    assert ("Frieda Vane", "portrayed_by", "Sigra Welling") in t
    assert entity(c, "Sigra Welling") == ("Person", True)


def test_bracket_after_an_apposed_noun_with_a_place_credits_nobody() -> None:
    c = extract(
        "Glass Slipper is an animated film. Frieda Vane, Ella's scheming stepmother (in Westmarch), "
        "forms an alliance with the Wolf King. Ella escapes.",
        "Glass Slipper",
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


# "X and her brother Y": the pronoun is X's, even when X was not read as a name -------------------
def test_her_after_an_unread_conjoined_name_is_not_an_earlier_character() -> None:
    c = extract(
        "Glass Slipper is an animated film. The Snow Queen lives in an icy palace in Norrland. Ellie "
        "and her brother Tom live with their grandmother."
    )
    assert ("The Snow Queen", "family_of", "Tom") not in triples(c) and (
        "Snow Queen",
        "family_of",
        "Tom",
    ) not in triples(c)


def test_her_after_a_named_conjoined_character_is_that_character() -> None:
    c = extract(
        "Glass Slipper is an animated film. Ellie Marsh meets the Snow Queen. Ellie Marsh and her "
        "brother Tom Marsh live with their grandmother."
    )
    assert ("Ellie Marsh", "family_of", "Tom Marsh") in triples(c)


# a companion who joins a character, and a friendship made --------------------------------------
def test_joined_by_a_character_is_an_alliance() -> None:
    c = extract(
        "Thornwood is an animated film. Tansy Brook sets out for the Moonwell. She is joined by Pip "
        "Wort, a field mouse who knows the way. Bolt Arden befriends Mitta Vale, an alley cat."
    )
    t = triples(c)
    assert ("Pip Wort", "ally_of", "Tansy Brook") in t
    assert ("Bolt Arden", "ally_of", "Mitta Vale") in t
    assert ("alliance", frozenset({"Pip Wort", "Tansy Brook"})) in kinds(c)


def test_joining_a_group_or_a_dinner_is_no_alliance() -> None:
    c = extract(
        "Thornwood is an animated film. Tansy Brook joins the Thornguard. Later Ann Roe joins Bo Lusk "
        "for dinner at the Gilded Goose."
    )
    t = triples(c)
    assert ("Tansy Brook", "member_of", "Thornguard") in t
    assert not any(p == "ally_of" for _, p, _ in t)
    assert not any(p == "member_of" and o == "Bo Lusk" for _, p, o in t)


# "(perfectly voiced by A)": an adverb before the credit verb in a bracket -----------------------
def test_bracket_credit_with_an_adverb() -> None:
    c = extract(
        "Sand Crown is an animated film. Alad Ross reunites with his father Cassim Ross (perfectly "
        "voiced by John Rhysel).",
        "Sand Crown",
    )
    assert ("Cassim Ross", "portrayed_by", "John Rhysel") in triples(c)
    assert entity(c, "John Rhysel") == ("Person", True)


def test_bracket_with_an_adverb_and_no_credit_verb_credits_nobody() -> None:
    c = extract(
        "Sand Crown is an animated film. Alad Ross reunites with his father Cassim Ross (finally "
        "freed by Jafir Dune).",
        "Sand Crown",
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


def test_a_credit_after_the_main_verb_is_not_its_subjects() -> None:
    c = extract(
        "Sand Crown is an animated film. Alad reunites with his father Cassim (voiced by John "
        "Rhysel). Cassim is a thief.",
        "Sand Crown",
    )
    t = triples(c)
    assert ("Alad", "portrayed_by", "John Rhysel") not in t
    assert ("Cassim", "portrayed_by", "John Rhysel") in t


# "in X's pay", "on X's payroll": who is paid works for the payer ----------------------------------
def test_in_the_pay_of_is_working_for() -> None:
    c = extract(
        "Saltmarsh is a thriller. Corwin Hale promises to protect Noor Brecker, but he is secretly in "
        "Mother Carrick's pay. Edwin Strand, a guard on Gideon Tarrow's payroll, hides. Nell Voss is in "
        "the pay of the Ember Compact."
    )
    t = triples(c)
    assert ("Corwin Hale", "works_for", "Mother Carrick") in t
    assert ("Edwin Strand", "works_for", "Gideon Tarrow") in t
    assert ("Nell Voss", "works_for", "Ember Compact") in t


def test_pay_that_is_not_a_payer_or_is_negated_is_no_employment() -> None:
    c = extract(
        "Saltmarsh is a thriller. Corwin Hale is not in Mother Carrick's pay. Nell Voss lives on Gideon "
        "Tarrow's land and asks about the pay."
    )
    assert not any(p == "works_for" for _, p, _ in triples(c))


# servants and accomplices named by their master ------------------------------------------------
def test_bookkeeper_driver_and_accomplice_of_a_character() -> None:
    c = extract(
        "Saltmarsh is a thriller. Gideon Tarrow executes his own bookkeeper, Osric Penhallow. "
        "Tarrow's driver, Ned Pike, flees. His accomplice, Lars Fenn, hides."
    )
    t = triples(c)
    assert ("Osric Penhallow", "works_for", "Gideon Tarrow") in t
    assert ("Ned Pike", "works_for", "Gideon Tarrow") in t
    assert ("Gideon Tarrow", "ally_of", "Lars Fenn") in t or ("Lars Fenn", "ally_of", "Gideon Tarrow") in t


def test_a_driver_of_no_one_works_for_nobody() -> None:
    c = extract("Saltmarsh is a thriller. Ned Pike, a driver, flees Gideon Tarrow. Lars Fenn is a spy.")
    assert not any(p in ("works_for", "ally_of") for _, p, _ in triples(c))


# "turns on X and is shot dead by her": a betrayal and a killing --------------------------------
def test_turns_on_and_a_conjoined_passive_killing() -> None:
    c = extract(
        "Saltmarsh is a thriller. Corwin Hale hides. Corwin Hale turns on Mother Carrick and is shot "
        "dead by her on the stairs."
    )
    t = triples(c)
    assert ("Corwin Hale", "betrayed", "Mother Carrick") in t
    assert ("Mother Carrick", "killed", "Corwin Hale") in t
    assert ("killing", frozenset({"Mother Carrick", "Corwin Hale"})) in kinds(c)


def test_a_conjoined_passive_wound_is_no_killing() -> None:
    c = extract(
        "Saltmarsh is a thriller. Corwin Hale hides. Corwin Hale turns on Mother Carrick and is shot "
        "in the arm by her on the stairs."
    )
    assert not any(p == "killed" for _, p, _ in triples(c))


# relative clauses of teaching, and an object the parser took for a second subject -------------------
def test_taught_by_in_a_relative_clause_and_who_taught_her() -> None:
    c = extract(
        "Cinder is a western. Noor Brecker hides. In the climax, Noor Brecker, who was taught by Ambrose "
        "Brecker to swim, drowns Mother Carrick. Maeve Orrin's only friend is the blacksmith Hana Vetch, "
        "who taught her to pick locks."
    )
    t = triples(c)
    assert ("Noor Brecker", "trained_by", "Ambrose Brecker") in t
    assert ("Noor Brecker", "killed", "Mother Carrick") in t
    assert ("Maeve Orrin", "trained_by", "Hana Vetch") in t


def test_who_was_taught_nothing_trains_nobody() -> None:
    c = extract(
        "Cinder is a western. Noor Brecker, who was never taught by Ambrose Brecker, hides. Hana Vetch, "
        "who wanted to teach her, leaves."
    )
    assert not any(p == "trained_by" for _, p, _ in triples(c))


# kin named back: only a converse noun stands for the owner ---------------------------------------
def test_grandfather_of_a_named_daughter_is_not_her_father() -> None:
    c = extract(
        "Cinder is a drama. Ilyan Brecker lives with his daughter Noor and his father Ambrose in Lowquay. "
        "Noor is taught by her grandfather to swim."
    )
    t = triples(c)
    assert ("Noor", "trained_by", "Ilyan Brecker") not in t
    assert ("Noor", "trained_by", "Ambrose") not in t  # right, but no quote would name Ambrose
    assert not any("grandfather" in e.name for e in c.entities)  # nor a new character


def test_father_of_a_named_daughter_is_the_owner() -> None:
    c = extract(
        "Cinder is a drama. Ilyan Brecker lives with his daughter Noor in Lowquay. Noor is taught by her "
        "father to swim."
    )
    assert ("Noor", "trained_by", "Ilyan Brecker") in triples(c)


# "by killing Y": the gerund's subject is its verb's; "without killing Y" kills nobody --------------
def test_by_killing_shares_the_subject() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Tobin Rast hides. Tobin Rast avenges her death by killing Lord "
        "Vexel in the throne room."
    )
    assert ("Tobin Rast", "killed", "Lord Vexel") in triples(c)
    assert ("killing", frozenset({"Tobin Rast", "Lord Vexel"})) in kinds(c)


def test_without_or_from_killing_is_no_killing() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Tobin Rast hides. Tobin Rast escapes without killing Lord Vexel. "
        "Oswin Grey stops Kara Venn from killing Mira Holt."
    )
    assert not any(p == "killed" for _, p, _ in triples(c))
    assert not any(kind == "killing" for kind, _ in kinds(c))


# "X becomes Y's mentor", "X is the leader of Z", "X is a member of Z" ----------------------------
def test_becomes_and_is_with_a_relational_noun() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Oswin Grey, a former knight, becomes Tobin Rast's mentor. Mira Holt "
        "is the leader of the Silver Order. Kara Venn is a member of the Silver Order."
    )
    t = triples(c)
    assert ("Tobin Rast", "trained_by", "Oswin Grey") in t
    assert ("Mira Holt", "leads", "Silver Order") in t
    assert ("Kara Venn", "member_of", "Silver Order") in t


def test_negated_or_wished_roles_are_not_held() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Oswin Grey never becomes Tobin Rast's mentor. Mira Holt is not the "
        "leader of the Silver Order. Kara Venn wants to be a member of the Silver Order."
    )
    t = triples(c)
    assert not any(p in ("trained_by", "leads") for _, p, _ in t)


# "leaves him for dead": a beating, no killing ----------------------------------------------------
def test_leaves_for_dead_is_a_defeat_and_a_fight() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Tobin Rast hides. Kara Venn lures Tobin Rast into a trap and "
        "leaves him for dead in the mine."
    )
    t = triples(c)
    assert ("Kara Venn", "defeated", "Tobin Rast") in t
    assert ("Kara Venn", "killed", "Tobin Rast") not in t
    assert ("fight", frozenset({"Kara Venn", "Tobin Rast"})) in kinds(c)


def test_leaves_for_a_place_or_a_time_is_no_fight() -> None:
    c = extract(
        "Iron Vale is a fantasy film. Kara Venn leaves Tobin Rast for the night. Kara Venn leaves Tobin "
        "Rast for the Silver Order."
    )
    assert not any(p in ("defeated", "fought") for _, p, _ in triples(c))


# "Keaton's Andy Goodwin": a credited actor's possessive names the part ---------------------------
def test_a_credited_actors_possessive_is_a_credit() -> None:
    c = extract(
        "Goodwin is a drama starring Michael Keeton and Mila Kunes. Keeton's Andy Goodwin is a "
        "workaholic art dealer.",
        "Goodwin",
    )
    assert ("Andy Goodwin", "portrayed_by", "Michael Keeton") in triples(c)


def test_a_characters_possessive_is_no_credit() -> None:
    c = extract(
        "Goodwin is a drama starring Michael Keeton. Andy Goodwin's Grace Goodwin is a painter. Grace "
        "Goodwin hides.",
        "Goodwin",
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


# "Starring A, B and C." as a sentence of its own -------------------------------------------------
def test_a_starring_line_casts_each_name() -> None:
    c = extract(
        "Dry Gulch is a western. Starring Rachel Wyse, Sam Claffey and Ian Mackle. Directed by Rob "
        "Mitchum. Philip Ashby inherits the estate.",
        "Dry Gulch",
    )
    t = triples(c)
    for actor in ("Rachel Wyse", "Sam Claffey", "Ian Mackle"):
        assert ("Dry Gulch", "cast_member", actor) in t
        assert entity(c, actor) == ("Person", True)
    assert not any(n.startswith("Starring") for n in (e.name for e in c.entities))


def test_starring_in_a_story_show_casts_nobody() -> None:
    c = extract(
        "Dry Gulch is a western. Starring in the school play, Philip Ashby forgets his lines. Philip "
        "Ashby meets Rachel Wyse.",
        "Dry Gulch",
    )
    assert not any(p == "cast_member" for _, p, _ in triples(c))
    assert entity(c, "Philip Ashby") == ("Character", True)
