"""The rule extractor on invented texts, one construction at a time, with negative cases."""

from __future__ import annotations

import pytest

from extracthelp import run_rules
from universe_graph.extract import DEFAULT_EXTRACTOR, WorkHint, extractors
from universe_graph.model import ClaimSet


def extract(text: str, title: str | None = None) -> ClaimSet:
    return run_rules(text, WorkHint(title=title) if title else None)


def triples(claims: ClaimSet) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in claims.entities}
    return {(names[r.subject], r.predicate, names.get(str(r.object), "")) for r in claims.relations}


def entity(claims: ClaimSet, name: str) -> tuple[str, bool] | None:
    for e in claims.entities:
        if e.name == name:
            return e.type.value, e.in_universe
    return None


def test_registry_names_extractors_by_version() -> None:
    assert DEFAULT_EXTRACTOR == "rules.v9" and DEFAULT_EXTRACTOR in extractors()


def test_killing_with_passive_and_negation() -> None:
    c = extract(
        "Orla Brandt is a courier in the city of Vennmark. Orla was betrayed by Kasimir Dahl. "
        "Kasimir never killed Pieter Voss, but he didn't just threaten Orla's partner - he murdered him."
    )
    t = triples(c)
    assert ("Kasimir Dahl", "betrayed", "Orla Brandt") in t
    assert ("Kasimir Dahl", "killed", "Pieter Voss") not in t  # "never killed" asserts nothing


def test_didnt_just_still_asserts() -> None:
    c = extract("Hale Mercer is a thief. Hale didn't just rob Ivo Sand - Hale killed Ivo Sand on the bridge.")
    assert ("Hale Mercer", "killed", "Ivo Sand") in triples(c)


def test_pronouns_carry_the_subject() -> None:
    c = extract(
        "At the heart of the story is Lira Venn, a young woman raised on a smuggler's barge. "
        "She meets with Tobias Crane in a quiet bar. He offers her a job. She defeats Tobias Crane at dawn."
    )
    t = triples(c)
    assert ("Lira Venn", "met", "Tobias Crane") in t
    assert ("Lira Venn", "defeated", "Tobias Crane") in t


def test_possessive_descriptions_and_one_of() -> None:
    c = extract(
        "Jonah Reyes is a retired boxer. Masked men murder his younger sister in the night. "
        "Jonah hunts one of Dmitri Vale's lieutenants through the old port."
    )
    t = triples(c)
    assert ("Jonah Reyes", "family_of", "Jonah Reyes's younger sister") in t
    assert ("Dmitri Vale's lieutenant", "works_for", "Dmitri Vale") in t


def test_comparisons_stay_out_of_the_story() -> None:
    c = extract(
        "Nadia Frost is a hacker hunting her father's killer, Victor Hale. It plays like Heat meets Drive, "
        "and Victor is basically Hans Gruber (think Hans Gruber from Die Hard). Nadia corners Victor Hale."
    )
    for outside in ("Heat", "Hans Gruber", "Die Hard"):
        found = entity(c, outside)
        assert found is not None and found[1] is False, outside
    assert entity(c, "Nadia Frost") == ("Character", True)
    assert all(r.predicate == "compared_to" for r in c.relations if "mentioned" in str(r.object))


def test_cast_patterns_and_their_negatives() -> None:
    c = extract(
        "The story follows Captain Rhea Moss (Saoirse Ronan) across the sea. "
        "Rhea Moss (Cameo Moment) returns. The film (2019) is long. Rhea Moss (see below) wins. "
        "The film was directed by Greta Gerwig and written by Noah Baumbach.",
        title="Saltline",
    )
    t = triples(c)
    assert ("Rhea Moss", "portrayed_by", "Saoirse Ronan") in t or (
        "Captain Rhea Moss",
        "portrayed_by",
        "Saoirse Ronan",
    ) in t
    assert not any(p == "portrayed_by" and o in ("Cameo Moment", "see below", "2019") for _, p, o in t)
    assert ("Saltline", "directed_by", "Greta Gerwig") in t
    assert ("Saltline", "written_by", "Noah Baumbach") in t


def test_work_universe_and_lead() -> None:
    c = extract(
        "Ember Hollow\n\nThe Ember Hollow movie is a spin-off set in the Ashen Crown universe. "
        "At the center of it all is Tam Okoro, a blacksmith. Tam Okoro joins the Iron Circle. "
        "Tam's journey is long. Bren Kale trains Tam Okoro. Bren Kale appears once."
    )
    t = triples(c)
    assert ("Ember Hollow", "part_of_universe", "Ashen Crown universe") in t
    assert ("Ember Hollow", "protagonist", "Tam Okoro") in t
    assert ("Tam Okoro", "trained_by", "Bren Kale") in t
    assert ("Tam Okoro", "member_of", "Iron Circle") in t
    assert ("Tam Okoro", "appears_in", "Ember Hollow") in t


def test_events_in_narrative_order_with_acts() -> None:
    c = extract(
        "Glasshouse\n\nThe Glasshouse movie opens in the town of Mirrow, where Ada Quill lives. "
        "Raiders murder Ada's husband. In the second act, Ada meets with Cole Brandt in Oslund. "
        "The climax is set in an abandoned cathedral. Ada defeats Cole Brandt there. "
        "The film ends with silence. Ada walks home."
    )
    kinds = [(e.kind.value, e.act) for e in sorted(c.events, key=lambda e: e.order)]
    assert [k for k, _ in kinds] == ["killing", "meeting", "fight", "resolution"]
    assert [a for _, a in kinds] == [1, 2, 3, 3]
    names = {e.id: e.name for e in c.entities}
    assert names[c.events[0].location or ""] == "Mirrow"
    assert ("Ada Quill", "resides_in", "Mirrow") in triples(c)


@pytest.mark.parametrize(
    "text",
    [
        "I loved it. The pacing was slow, but the music was great and the colors were lovely.",
        "what a ride. honestly the best thing i have seen all year, go see it.",
    ],
)
def test_no_names_no_story_claims(text: str) -> None:
    c = extract(text)
    assert not [e for e in c.entities if e.type.value in ("Character", "Organization", "Location")]
    assert not c.events


# rules.v3: framing, places inside places, groups, credits, reviewer commentary -----------------


def framings(claims: ClaimSet) -> list[tuple[str, str, set[str]]]:
    """(kind, framing, participant names) per event, in narrative order."""
    names = {e.id: e.name for e in claims.entities}
    return [
        (e.kind.value, e.framing.value, {names[p.entity] for p in e.participants})
        for e in sorted(claims.events, key=lambda e: e.order)
    ]


def test_flashback_phrase_frames_its_sentence_and_paragraph() -> None:
    c = extract(
        "Tarn Ovell is a locksmith in the city of Brasko. In a flashback, Tarn is trained by Wenna Dosk. "
        "Wenna teaches him to pick any lock.\n\nYears later, Tarn meets Wenna at the docks of Brasko.",
        title="Keyhole",
    )
    got = framings(c)
    assert ("training", "flashback", {"Tarn Ovell", "Wenna Dosk"}) in got
    assert all(f == "flashback" for k, f, _ in got if k == "training")  # the paragraph stays in the flashback
    assert ("meeting", "present", {"Tarn Ovell", "Wenna Dosk"}) in got  # a new paragraph is the present


def test_memory_verb_frames_only_its_clause() -> None:
    c = extract(
        "Ilka Marn is a soldier. Ilka remembers the night Dov Raskin murdered her brother, Pell Marn. "
        "Then Ilka kills Dov Raskin in the snow.",
        title="Frostmark",
    )
    got = framings(c)
    assert ("killing", "memory", {"Dov Raskin", "Pell Marn"}) in got
    assert ("killing", "present", {"Ilka Marn", "Dov Raskin"}) in got


def test_vision_noun_frames_and_is_itself_an_event() -> None:
    c = extract(
        "Oren Tal is a monk. While chained in a cell, Oren has a vision of Sela Voss, his lost teacher.",
        title="Stillwater",
    )
    assert ("other", "vision", {"Oren Tal", "Sela Voss"}) in framings(c)


def test_reviewer_memories_and_a_filmmakers_vision_frame_nothing() -> None:
    c = extract(
        "Brin Castor is a thief. I remember the night Brin Castor betrayed Olan Vey in the first film. "
        "Filmmaker Mira Solt has a vision, and Brin kills Olan Vey on the bridge. "
        "After the dream, Brin fights Dace Worrel.",
        title="Quicksilver",
    )
    assert all(f == "present" for _, f, _ in framings(c)), framings(c)


def test_located_in_from_apposition_possessive_and_in() -> None:
    c = extract(
        "Kaya Venn lives in Solmarsh, a port city in Delvaria. She trains at Corrow Abbey, a monastery "
        "outside Solmarsh. Later she hides in Solmarsh's Ember Quarter. The Crooked Lamp in the Ember "
        "Quarter is where Kaya meets Ruv Amsel."
    )
    t = triples(c)
    assert ("Solmarsh", "located_in", "Delvaria") in t
    assert ("Corrow Abbey", "located_in", "Solmarsh") in t
    assert ("Ember Quarter", "located_in", "Solmarsh") in t
    assert entity(c, "Corrow Abbey") == ("Location", True)  # typed by its apposition "a monastery"


def test_located_in_needs_two_places() -> None:
    c = extract(
        "Kaya Venn, a courier in Solmarsh, works for the Tide Bureau in Solmarsh. "
        "Kaya meets Ruv Amsel, a smuggler in Solmarsh."
    )
    located = {x for x in triples(c) if x[1] == "located_in"}
    assert located == set()  # a character or a group in a place is not a place inside a place


def test_order_of_the_name_is_one_group() -> None:
    c = extract(
        "Her brothers serve the Order of the Ash, a brotherhood of knights. "
        "Anna Kessler leads the Order of the Ash."
    )
    assert entity(c, "Order of the Ash") == ("Organization", True)
    assert ("Anna Kessler", "leads", "Order of the Ash") in triples(c)
    assert entity(c, "Ash") is None  # not a name of its own
    plain = extract("Isa Kerrow walks out of the Ash Gate at dawn and meets Tomas Bredt.")
    assert entity(plain, "Order of the Ash") is None


def test_named_group_members_and_kin_family_name() -> None:
    c = extract(
        "Joss Harker is a pilot. Joss teams up with the Verel twins, Ana and Tiko, two smugglers. "
        "Ana betrays Joss."
    )
    t = triples(c)
    assert ("Joss Harker", "ally_of", "Ana") in t and ("Joss Harker", "ally_of", "Tiko") in t
    assert entity(c, "Verel") is None  # a family name before "twins" is no character


def test_name_in_apposition_stands_for_the_description() -> None:
    c = extract(
        "Mira Quell is a young woman. Ossian Drake is a cruel man. "
        "Ossian executed her father, Lord Bren Quell, in the courtyard."
    )
    t = triples(c)
    assert ("Ossian Drake", "killed", "Lord Bren Quell") in t
    assert ("Mira Quell", "family_of", "Lord Bren Quell") in t
    alone = extract("Mira Quell is a young woman. Ossian Drake executed her father in the courtyard.")
    assert not any(p == "killed" and o.startswith("Lord") for _, p, o in triples(alone))


def test_group_kept_only_when_it_acts() -> None:
    acting = extract("Hew Talon is a knight. Hew is killed by Isra Vane's guards on the steps.")
    assert ("Isra Vane's guards", "killed", "Hew Talon") in triples(acting)
    idle = extract("Hew Talon is a knight. Not all of Hew's allies stay loyal.")
    assert entity(idle, "Hew Talon's allies") is None


def test_played_by_and_parenthesised_credits() -> None:
    c = extract(
        "Kell Varo is a retired courier. Kell is played by Lucan Ferro, who is superb. "
        "Detective Nia Sorrel (Maya Okonjo) hunts Kell. The score by Enno Larkin is loud."
    )
    assert ("Kell Varo", "portrayed_by", "Lucan Ferro") in triples(c)
    credited = {name for name, p, o in triples(c) if p == "portrayed_by" and o == "Maya Okonjo"}
    assert credited & {"Nia Sorrel", "Detective Nia Sorrel"}
    for person in ("Lucan Ferro", "Maya Okonjo", "Enno Larkin"):
        assert entity(c, person) == ("Person", True)


def test_what_the_reviewer_grew_up_on_is_out_of_the_story() -> None:
    c = extract(
        "As someone who grew up on Chainfall and Dust Harbor, I loved Nightjar. "
        "Vera Holt hunts Sam Dust in Keld. Nightjar is the best film of the year."
    )
    assert entity(c, "Vera Holt") == ("Character", True)
    assert not [e.name for e in c.entities if e.in_universe and "Chainfall" in e.name]
    loved = entity(c, "Nightjar")  # the work the reviewer loves is not a comparison
    assert loved is not None and loved[1]


def test_subject_from_a_left_clause_and_a_name_right_of_its_verb() -> None:
    c = extract(
        "Rook Adler is a smuggler. He escapes, fights Vanna Steel on the roof and kills her. "
        "Lena Brisk fights Oskar Crane's guards, then confronts Oskar Crane himself and kills him."
    )
    t = triples(c)
    assert ("Rook Adler", "killed", "Vanna Steel") in t
    assert ("Lena Brisk", "killed", "Oskar Crane") in t
    assert ("Oskar Crane", "killed", "Lena Brisk") not in t


# rules.v3: actions as events, active credits, places by apposition, kin owners, plural "cycle" -------


def kinds(claims: ClaimSet) -> list[tuple[str, set[str]]]:
    names = {e.id: e.name for e in claims.entities}
    return [(e.kind.value, {names[p.entity] for p in e.participants}) for e in claims.events]


def test_an_action_verb_outside_the_lexicons_makes_an_event() -> None:
    c = extract(
        "Nell Garrow is a thief in the port of Lusk. Nell hides Abel Quist in the cellar. "
        "Later, Nell steals Abel's compass and sends him to Oda Renn.",
        "Some Film",
    )
    k = kinds(c)
    assert ("other", {"Nell Garrow", "Abel Quist"}) in k
    assert ("theft", {"Nell Garrow", "Abel Quist"}) in k  # the owner of what is stolen takes part


def test_feelings_perception_and_lone_actions_make_no_event() -> None:
    c = extract(
        "Nell Garrow is a thief in the port of Lusk. Nell loves Abel Quist. Nell watches Abel Quist. "
        "Nell paints the harbor.",
        "Some Film",
    )
    assert kinds(c) == []


def test_shot_dead_is_a_killing_and_shot_alone_is_not() -> None:
    c = extract(
        "Nell Garrow is a thief. Abel Quist is a guard. Oda Renn is a smuggler. "
        "Nell shoots Abel Quist dead. Oda Renn stabs Nell.",
        "Some Film",
    )
    t = triples(c)
    assert ("Nell Garrow", "killed", "Abel Quist") in t
    assert ("Oda Renn", "killed", "Nell Garrow") not in t
    k = kinds(c)
    assert ("killing", {"Nell Garrow", "Abel Quist"}) in k
    assert ("fight", {"Oda Renn", "Nell Garrow"}) in k


def test_active_credit_only_for_a_character_named_elsewhere() -> None:
    c = extract(
        "The film follows Hester Quill, a widowed rancher. Hester rides out at dawn. "
        "Mirela Santoro plays Hester with steel. The band plays music all night.",
        "Some Film",
    )
    assert ("Hester Quill", "portrayed_by", "Mirela Santoro") in triples(c)
    assert entity(c, "Mirela Santoro") == ("Person", True)
    assert not any(p == "portrayed_by" and o == "music" for _, p, o in triples(c))


def test_active_play_between_two_characters_is_no_credit() -> None:
    c = extract(
        "Hester Quill is a rancher. Abel Quist is a gambler. Abel Quist plays Hester at cards.", "Some Film"
    )
    assert not any(p == "portrayed_by" for _, p, _o in triples(c))
    assert entity(c, "Abel Quist") == ("Character", True)


def test_a_fort_and_an_army_post_in_apposition_are_places() -> None:
    c = extract(
        "Hester Quill is a rancher. Hester follows the gang to Fort Kessing, an abandoned army post "
        "on the river. Later she reaches Dunmarrow, a mining platform in orbit.",
        "Some Film",
    )
    assert entity(c, "Fort Kessing") == ("Location", True)
    assert entity(c, "Dunmarrow") == ("Location", True)


def test_a_person_noun_in_apposition_keeps_a_character() -> None:
    c = extract(
        "Hester Quill is a rancher. Hester meets Ansel Brody, an old army friend, and Ida Morrow, "
        "the ferrywoman who hides her.",
        "Some Film",
    )
    assert entity(c, "Ansel Brody") == ("Character", True)
    assert entity(c, "Ida Morrow") == ("Character", True)


def test_kin_owner_by_family_name() -> None:
    c = extract(
        "Tobin Hask is a gunman. He confronts Calder Voss in the chapel and kills him. "
        "His younger brother Jory Voss surrenders to the marshal.",
        "Some Film",
    )
    t = triples(c)
    assert ("Calder Voss", "family_of", "Jory Voss") in t or ("Jory Voss", "family_of", "Calder Voss") in t
    assert ("Tobin Hask", "family_of", "Jory Voss") not in t


def test_kin_owner_stays_the_pronouns_without_a_shared_family_name() -> None:
    c = extract(
        "Calder Voss is a gambler. His younger brother Jory Pike runs the saloon.",
        "Some Film",
    )
    assert ("Calder Voss", "family_of", "Jory Pike") in triples(c)


def test_a_named_kin_noun_is_the_name_later() -> None:
    c = extract(
        "Hester Quill keeps a lighthouse. Hester sends Abel Quist to her older sister Ida Quill. "
        "Later, Hester frees her sister from the cells.",
        "Some Film",
    )
    assert entity(c, "Hester Quill's sister") is None
    assert ("rescue", {"Hester Quill", "Ida Quill"}) in kinds(c)


def test_a_cycle_is_a_universe_that_a_film_opens() -> None:
    c = extract(
        "Ember Hollow opens the Marrowind cycle, and it is a moody thriller. Hester Quill is a rancher.",
        "Ember Hollow",
    )
    assert ("Ember Hollow", "part_of_universe", "Marrowind universe") in triples(c)
    c = extract("Ember Hollow is a slow film. Hester Quill rides a bicycle.", "Ember Hollow")
    assert not any(p == "part_of_universe" for _, p, _o in triples(c))


def test_a_verb_misread_as_a_noun_between_two_names_is_the_action() -> None:
    from universe_graph.extract.nlp import nlp

    sentence = "In a flashback, Tamm poisons Alder that winter."
    verb = next(t for t in nlp()(sentence) if t.text == "poisons")
    text = f"Osric Tamm is a magistrate. Alder Voss is a keeper. {sentence}"
    assert ("fight", {"Osric Tamm", "Alder Voss"}) in kinds(extract(text, "Some Film"))
    assert verb.tag_ == "NNS" or verb.pos_ == "VERB"  # misread as a plural noun by this model


def test_relative_clauses_and_backstory_make_no_action_event() -> None:
    c = extract(
        "Nell Garrow is a thief. Abel Quist is a guard. Oda Renn, the smuggler who once hid Nell, "
        "waits. Abel had sheltered Nell for years.",
        "Some Film",
    )
    assert kinds(c) == []


def test_a_characters_director_is_no_crew_credit() -> None:
    c = extract(
        "Vera Lind is a pilot. Vera reports to the agency's director, Halden Mosk. "
        "Director Ines Arkwright keeps the pace brisk.",
        "Some Film",
    )
    assert entity(c, "Halden Mosk") == ("Character", True)
    assert ("Some Film", "directed_by", "Ines Arkwright") in triples(c)
