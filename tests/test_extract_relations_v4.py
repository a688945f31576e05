"""Constructions the corpus benchmark's first-contact texts missed, on invented sentences.

Each construction has a positive case (the relation or event is read) and a negative one (a near
sentence that must not give it): intentions, lists after a plural noun, a group's boss, passives with
an instrument, "at the hands of", relative clauses, pronoun objects, control verbs, more verbs.
"""

from __future__ import annotations

from test_extract_rules import entity, extract, triples
from universe_graph.model import ClaimSet


def events(claims: ClaimSet) -> list[tuple[str, set[str]]]:
    """(kind, participant names) of each event, in order."""
    names = {e.id: e.name for e in claims.entities}
    return [(e.kind, {names[p.entity] for p in e.participants}) for e in claims.events]


# intentions are not facts ------------------------------------------------------------------------
def test_an_aim_is_not_a_killing() -> None:
    c = extract("Mara Holm is a courier. Mara keeps her father's rifle to kill Osric Vane.", "Velk")
    assert ("Mara Holm", "killed", "Osric Vane") not in triples(c)
    assert not [k for k, _ in events(c) if k == "killing"]


def test_a_gloss_is_not_an_event() -> None:
    text = "Mara Holm is a dancer in Velk. Mara Holm fights Osric Vane on the roof. She dances to kill."
    c = extract(text, "Velk Nights")
    assert [k for k, _ in events(c)] == ["fight"]  # the fight is told; the gloss is no killing


def test_an_implicative_verb_still_kills() -> None:
    c = extract("Mara Holm is a courier. Mara manages to kill Osric Vane on the bridge.")
    assert ("Mara Holm", "killed", "Osric Vane") in triples(c)


# lists and bosses in apposition --------------------------------------------------------------------
def test_closest_friends_named_in_apposition_are_allies() -> None:
    c = extract(
        "Rafe Ondine flies cargo. Rafe is wary, but his closest friends, Lio Marsh and Tam Sorel, agree."
    )
    t = triples(c)
    assert ("Rafe Ondine", "ally_of", "Lio Marsh") in t
    assert ("Rafe Ondine", "ally_of", "Tam Sorel") in t
    assert not any(p == "met" for _, p, _ in t)


def test_plural_noun_without_names_gives_no_ally() -> None:
    c = extract("Rafe Ondine flies cargo with Lio Marsh. His closest friends agree with Tam Sorel.")
    assert ("Rafe Ondine", "ally_of", "Tam Sorel") not in triples(c)


def test_the_groups_new_boss_leads_it() -> None:
    c = extract(
        "Ivo Pell works for the Brask Syndicate. The syndicate's new boss, Dana Kroll, orders a raid."
    )
    assert ("Dana Kroll", "leads", "Brask Syndicate") in triples(c)


def test_a_boss_of_an_unnamed_group_leads_nothing() -> None:
    c = extract("Ivo Pell works for the Brask Syndicate. The cartel's new boss, Dana Kroll, orders a raid.")
    assert not any(p == "leads" for _, p, _ in triples(c))


# passives with an instrument, "at the hands of", relative clauses ---------------------------------
def test_killed_by_a_weapon_the_killer_used() -> None:
    c = extract("Ansel Rook is a miner. Ansel is killed by a rifle that Vera Quist fired from the gantry.")
    assert ("Vera Quist", "killed", "Ansel Rook") in triples(c)


def test_killed_by_a_weapon_nobody_used_names_no_killer() -> None:
    c = extract("Ansel Rook is a miner who knows Vera Quist. Ansel is killed by a rifle from the gantry.")
    assert not any(p == "killed" for _, p, _ in triples(c))


def test_death_and_defeat_at_the_hands_of() -> None:
    c = extract(
        "Corin Hask betrays Ysolde Marr and her brother Piet Marr. "
        "The war ends with Corin's defeat at the hands of Ysolde Marr. "
        "Later, Piet Marr dies at the hands of Corin's son Edric Hask.",
        "Valley Fire",
    )
    t = triples(c)
    assert ("Ysolde Marr", "defeated", "Corin Hask") in t
    assert ("Edric Hask", "killed", "Piet Marr") in t
    assert ("fight", {"Ysolde Marr", "Corin Hask"}) in events(c)


def test_hands_without_at_is_no_killing() -> None:
    c = extract(
        "Corin Hask is a tyrant. Ysolde Marr is a farmer. Corin's death leaves the hands of Ysolde free."
    )
    assert not any(p in ("killed", "defeated") for _, p, _ in triples(c))


def test_whom_makes_the_head_the_object() -> None:
    c = extract("Ada Finch hunts smugglers. Bram Holt, whom Ada had fought in the tunnels, surrenders.")
    assert ("Ada Finch", "fought", "Bram Holt") in triples(c)


def test_who_makes_the_head_the_subject_not_the_object() -> None:
    c = extract("Ada Finch hunts smugglers. Bram Holt, who had fought Cy Moss in the tunnels, surrenders.")
    t = triples(c)
    assert ("Bram Holt", "fought", "Cy Moss") in t
    assert ("Ada Finch", "fought", "Bram Holt") not in t


# pronoun objects, more verbs, subjects across "then" ------------------------------------------------
def test_knocks_him_unconscious_defeats_him() -> None:
    c = extract("Ivo Brask guards the gate. Mira Holt ambushes Ivo and knocks him unconscious.")
    assert ("Mira Holt", "defeated", "Ivo Brask") in triples(c)


def test_knocks_on_a_door_defeats_nobody() -> None:
    c = extract("Ivo Brask guards the gate. Mira Holt knocks on his door and waits.")
    assert not any(p == "defeated" for _, p, _ in triples(c))


def test_found_by_contacts_and_petrifies() -> None:
    c = extract(
        "Eli Ward is left in the desert. Eli is found by Nessa Croy, a healer. "
        "Later, Nessa contacts the marshal Ruth Oyelaran. Nessa was petrified by Morga Teal."
    )
    t = triples(c)
    assert ("Nessa Croy", "met", "Eli Ward") in t
    assert ("Nessa Croy", "met", "Ruth Oyelaran") in t
    assert ("Morga Teal", "defeated", "Nessa Croy") in t


def test_found_dead_or_alive_is_no_meeting() -> None:
    c = extract(
        "Eli Ward is a drifter and Nessa Croy is a healer. Nessa finds Eli alive in the cellar. "
        "Later, Eli finds Abel Strand dead.",
        "Dry Wells",
    )
    t = triples(c)
    assert not any(p == "met" for _, p, _ in t)


def test_then_keeps_the_subject_of_the_clause() -> None:
    c = extract(
        "Jona Pike hides in the hills. Jona calls the council, then rescues Ilsa Ferro from the mine.", "Pike"
    )
    assert ("rescue", {"Jona Pike", "Ilsa Ferro"}) in events(c)


def test_a_lost_clause_asserts_nothing() -> None:
    # the parser reads "Tessa corners Vane" as one noun phrase headed by "Vane": who marooned whom is lost
    c = extract(
        "Tessa Rourke is a pilot. Marek Vane is a warden. Vane ambushes Orrin Lusk and knocks him "
        "unconscious. Tessa corners Vane on the crater rim, steals his ship and maroons him in the Ashlands."
    )
    t = triples(c)
    assert ("Marek Vane", "defeated", "Orrin Lusk") in t
    assert ("Marek Vane", "defeated", "Tessa Rourke") not in t


def test_maroons_him_defeats_him() -> None:
    c = extract(
        "Nadia Quell is a pilot. Dorn Kell is a warden. "
        "Nadia corners Dorn on the crater rim, steals his ship and maroons him in the Saltlands."
    )
    assert ("Nadia Quell", "defeated", "Dorn Kell") in triples(c)


# places inside places -----------------------------------------------------------------------------
def test_a_place_described_by_any_noun_in_another() -> None:
    c = extract(
        "Tova Rhee flees to Mount Skarr, a volcano in Orvandy. "
        "She frees Ilsa from Greyhold, a prison fortress on Velin's southern pole."
    )
    t = triples(c)
    assert ("Mount Skarr", "located_in", "Orvandy") in t
    assert ("Greyhold", "located_in", "Velin") in t


def test_a_character_in_apposition_is_no_place_inside() -> None:
    c = extract(
        "Tova Rhee flees to Mount Skarr, a volcano in the Emberlands, with Ilsa Brann, a pilot in the navy."
    )
    assert not any(p == "located_in" and s == "Ilsa Brann" for s, p, _ in triples(c))


# where events happen ------------------------------------------------------------------------------
def places(claims: ClaimSet) -> list[tuple[str, str | None]]:
    """(kind, place name) of each event, in order."""
    names = {e.id: e.name for e in claims.entities}
    return [(e.kind, names.get(str(e.location)) if e.location else None) for e in claims.events]


def test_a_place_that_only_describes_another_is_not_the_scene() -> None:
    c = extract(
        "Wren Sallow is a dancer in the river city of Velmora. The third act moves to Greystone Abbey, "
        "the guild's fortress in the hills above Velmora. Wren rescues Pip Marl from the bell tower.",
        "Lantern Nights",
    )
    assert ("rescue", "Greystone Abbey") in places(c)


def test_an_unnamed_place_ends_the_scene() -> None:
    c = extract(
        "Jessa Marr rescues Nim Sato from Brightfall, a prison on Carrowmere. "
        "Back in the capital, Viktor Sable betrays Jessa. "
        "The final battle takes place at the refinery, where Jessa kills Ansel Voss.",
        "Iron Moon",
    )
    assert places(c) == [("rescue", "Brightfall"), ("betrayal", None), ("killing", None)]


def test_a_named_scene_carries_to_the_next_sentence() -> None:
    c = extract(
        "Jessa Marr rescues Nim Sato from Brightfall, a prison on Carrowmere. "
        "There Viktor Sable betrays Jessa.",
        "Iron Moon",
    )
    assert places(c) == [("rescue", "Brightfall"), ("betrayal", "Brightfall")]


# commentary stays out of the universe -------------------------------------------------------------
def test_an_actors_other_roles_are_outside_the_story() -> None:
    c = extract(
        "Wren Sallow hunts the magistrate Corvin Aske. Tomas Reyes plays Aske, and unlike the smirking "
        "villain he played in Copper Saints, his magistrate is almost kind. Reyes has also dropped his "
        "Captain Harrow voice, which is a relief.",
        "Lantern Nights",
    )
    assert entity(c, "Copper Saints") in (None, ("Film", False), ("Character", False), ("Location", False))
    harrow = entity(c, "Captain Harrow")
    assert harrow is None or harrow[1] is False
    assert entity(c, "Corvin Aske") == ("Character", True)


def test_a_part_in_the_reviewed_film_and_a_story_voice_stay_in() -> None:
    c = extract(
        "In Lantern Nights, Wren Sallow hunts Corvin Aske, the man Wren played cards with in Velmora. "
        "Corvin Aske drops his voice to a whisper.",
        "Lantern Nights",
    )
    assert entity(c, "Velmora") == ("Location", True)
    assert entity(c, "Corvin Aske") == ("Character", True)


def test_the_reviewers_fandom_is_outside_the_story() -> None:
    for opening, name in (
        ("As a longtime fan of Captain Moray, I expected more.", "Captain Moray"),
        ("I am a huge fan of Dr. Ash Quill and his books.", "Dr. Ash Quill"),  # the title is in the name
        ("My fellow fans of Tarn Hollow will cheer.", "Tarn Hollow"),
    ):
        c = extract(f"{opening} Wren Sallow hunts Corvin Aske through Velmora.", "Lantern Nights")
        found = entity(c, name)
        assert found is not None and found[1] is False, (opening, found)
        assert entity(c, "Velmora") == ("Location", True)


def test_a_characters_fandom_is_in_the_story() -> None:
    c = extract("Wren Sallow is a fan of the Velmora Lions, and she hunts Corvin Aske.", "Lantern Nights")
    lions = entity(c, "Velmora Lions")
    assert lions is not None and lions[1] is True


# evidence -----------------------------------------------------------------------------------------
def appears_quote(claims: ClaimSet, name: str) -> str:
    """The quote of the character's `appears_in`."""
    ids = {e.id for e in claims.entities if e.name == name}
    quotes = [
        r.evidence[0].quote for r in claims.relations if r.predicate == "appears_in" and r.subject in ids
    ]
    return quotes[0] or ""


def test_appears_in_quotes_the_story_not_the_credits() -> None:
    c = extract(
        "Directed by Jo Marsh, Lantern Nights stars Mira Osei as Wren Sallow. "
        "Wren Sallow hunts Corvin Aske through Velmora.",
        "Lantern Nights",
    )
    assert appears_quote(c, "Wren Sallow") == "Wren Sallow hunts Corvin Aske through Velmora."


def test_appears_in_keeps_a_story_sentence_that_comes_first() -> None:
    c = extract(
        "Wren Sallow hunts Corvin Aske through Velmora. Mira Osei plays Wren Sallow with quiet menace.",
        "Lantern Nights",
    )
    assert appears_quote(c, "Wren Sallow") == "Wren Sallow hunts Corvin Aske through Velmora."


# control verbs ------------------------------------------------------------------------------------
def test_selects_or_sends_someone_to_act() -> None:
    c = extract(
        "Viktor Sable runs the mines. Back in the capital, Sable selects his deputy, Ansel Voss, to carry "
        "out the purge. Later, Sable sends Idris Kell to burn the village."
    )
    t = triples(c)
    assert ("Ansel Voss", "works_for", "Viktor Sable") in t
    assert ("Idris Kell", "works_for", "Viktor Sable") in t


def test_asking_or_sending_a_thing_employs_nobody() -> None:
    c = extract(
        "Viktor Sable runs the mines. Sable asks Ansel Voss to leave the city. "
        "Sable sends a letter to Idris Kell."
    )
    assert not any(p == "works_for" for _, p, _ in triples(c))


# quotes name both ends ----------------------------------------------------------------------------
def quotes_of(claims: ClaimSet, subject: str, predicate: str, obj: str) -> list[str]:
    """The evidence quotes of one relation."""
    names = {e.id: e.name for e in claims.entities}
    return [
        ev.quote or ""
        for r in claims.relations
        if (names[r.subject], r.predicate, names.get(str(r.object))) == (subject, predicate, obj)
        for ev in r.evidence
    ]


def test_a_pronoun_end_widens_the_quote_to_its_name() -> None:
    c = extract("Idris Kell tracks them to the volcano. He ambushes Rook Danner and knocks him unconscious.")
    assert quotes_of(c, "Idris Kell", "defeated", "Rook Danner") == [
        "Idris Kell tracks them to the volcano. He ambushes Rook Danner and knocks him unconscious."
    ]


def test_a_new_paragraph_keeps_one_sentence() -> None:
    c = extract(
        "Idris Kell tracks them to the volcano.\n\nHe ambushes Rook Danner and knocks him unconscious."
    )
    assert quotes_of(c, "Idris Kell", "defeated", "Rook Danner") == [
        "He ambushes Rook Danner and knocks him unconscious."
    ]


# "as a N for X", "a N for X" ----------------------------------------------------------------------
def test_a_killer_for_a_guild_works_for_it() -> None:
    c = extract(
        "Wren Sallow, a dancer who moonlights as a killer for the Quiet Lamp, hunts Corvin Aske. "
        "Pip Marl, a courier for Corvin Aske, warns her."
    )
    t = triples(c)
    assert ("Wren Sallow", "works_for", "Quiet Lamp") in t
    assert ("Pip Marl", "works_for", "Corvin Aske") in t


def test_a_gift_for_someone_employs_nobody() -> None:
    c = extract("Wren Sallow dances as a favour for Corvin Aske. Pip Marl, a stranger to Corvin Aske, waits.")
    assert not any(p == "works_for" for _, p, _ in triples(c))


def test_a_name_given_by_a_naming_verb_stands_for_its_noun() -> None:
    c = extract(
        "In Saltmere, Carrick's enforcer, a one-eyed giant called Brannoch, guards the pier. "
        "Noor Vey meets Brannoch at dawn.",
        "Saltmere",
    )
    assert entity(c, "Brannoch") == ("Character", True)
    assert ("Brannoch", "works_for", "Carrick") in triples(c)
    assert entity(c, "Carrick's enforcer") is None  # the description is the named man, not a second one
    c = extract("In Saltmere, Noor Vey rides to a fishing village called Orrow.", "Saltmere")
    assert entity(c, "Orrow") == ("Location", True)


def test_a_name_the_parser_takes_for_an_adverb_is_the_object() -> None:
    met = "Noor Brecker meets Brannoch Vale in the harbor."
    t = triples(extract(f"{met} Noor later kills Brannoch.", "Saltmere"))
    assert ("Noor Brecker", "killed", "Brannoch Vale") in t
    t = triples(extract(f"{met} Noor later kills time.", "Saltmere"))
    assert not any(p == "killed" for _, p, _ in t)


def test_drowning_someone_kills_them_but_drowning_is_a_death() -> None:
    t = triples(extract("In Saltmere, Brannoch Hale drowns Ilyan Vey beneath the pier.", "Saltmere"))
    assert ("Brannoch Hale", "killed", "Ilyan Vey") in t
    t = triples(extract("In Saltmere, Brannoch Hale fights Ilyan Vey, and Brannoch Hale drowns.", "Saltmere"))
    assert not any(p == "killed" for _, p, _ in t)
