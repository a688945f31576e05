"""Credits as reviews and encyclopedic leads write them, on invented sentences: "A stars (again) as
X", "A plays X" for a part named once, brackets with a double-barrelled actor or an aside, "voiced
by", a voice cast, and a "Franchise: Title review - tagline" heading. Each construction is read, and a
near sentence that must not give it."""

from __future__ import annotations

import pytest

from test_extract_rules import extract, triples
from universe_graph.model import ClaimSet, Entity, EntityType


def entity(claims: ClaimSet, name: str) -> Entity:
    return next(e for e in claims.entities if e.name == name)


# "A stars (again) as X": an actor, even when the review names the actor again ------------------
def test_stars_again_as_credits_an_actor_named_twice() -> None:
    c = extract(
        "Ashfall is a 2020 heist film. Tobin Harlow stars again as Silas Venn, a thief. "
        "Venn robs the bank. Harlow is superb."
    )
    t = triples(c)
    assert ("Silas Venn", "portrayed_by", "Tobin Harlow") in t
    assert ("Ashfall", "cast_member", "Tobin Harlow") in t
    assert entity(c, "Tobin Harlow").type is EntityType.PERSON


def test_a_character_who_acts_as_someone_is_no_star() -> None:
    t = triples(
        extract(
            "Ashfall is a 2020 heist film. Silas Venn poses as Odile Brack at the gala. "
            "Silas Venn robs the bank and Odile Brack hunts him."
        )
    )
    assert not any(p == "portrayed_by" for _, p, _ in t)


# "A plays X": a credit even when the part is named once, but not a game -----------------------
def test_plays_a_part_named_once() -> None:
    t = triples(extract("Ashfall is a 2020 heist film. Tobin Harlow plays Silas Venn, a thief."))
    assert ("Silas Venn", "portrayed_by", "Tobin Harlow") in t


def test_plays_someone_at_cards_is_no_credit() -> None:
    t = triples(extract("Ashfall is a 2020 heist film. Tobin Harlow plays Silas Venn at cards."))
    assert not any(p == "portrayed_by" for _, p, _ in t)


# brackets: a double-barrelled actor, an aside after the actor, "voiced by" ----------------------
BRACKETS = (
    "Ashfall is a heist film. Silas Venn is hired by his old fence, Odile Brack (Ines Kovac-Morrow, "
    "as sharp as she was in the first film), to rob a vault in Keld. Returning faces include Pell "
    "Garrow (Anton Lisle-Baptiste), Silas's driver. Pell betrays Silas."
)


def test_brackets_credit_double_barrelled_actors_and_asides() -> None:
    c = extract(BRACKETS)
    t = triples(c)
    assert ("Odile Brack", "portrayed_by", "Ines Kovac-Morrow") in t
    assert ("Pell Garrow", "portrayed_by", "Anton Lisle-Baptiste") in t
    assert entity(c, "Anton Lisle-Baptiste").type is EntityType.PERSON
    assert ("Pell Garrow", "betrayed", "Silas Venn") in t


def test_brackets_with_a_description_are_no_credit() -> None:
    t = triples(
        extract(
            "Ashfall is a heist film. Silas Venn is hired by his old fence (a woman of few words, as "
            "sharp as ever) to rob a vault in Keld. Pell Garrow (the driver) betrays Silas."
        )
    )
    assert not any(p == "portrayed_by" for _, p, _ in t)


VOICES = (
    "Fernwhistle is a 2027 animated film. The film features the voices of Mira Solberg-Owusu, "
    "Dax Pellinore and Ruth Ambrose. A young otter named Tibby (voiced by Solberg-Owusu) lives with "
    "her uncle Tansy (Pellinore) in Reedholm. Olm is voiced by Ruth Ambrose."
)


def test_voice_cast_and_voiced_by() -> None:
    c = extract(VOICES)
    t = triples(c)
    for actor in ("Mira Solberg-Owusu", "Dax Pellinore", "Ruth Ambrose"):
        assert ("Fernwhistle", "cast_member", actor) in t
        assert entity(c, actor).type is EntityType.PERSON
    assert ("Tibby", "portrayed_by", "Mira Solberg-Owusu") in t  # the surname is the credited actor
    assert ("Tansy", "portrayed_by", "Dax Pellinore") in t


def test_voices_heard_in_the_story_are_no_cast() -> None:
    t = triples(
        extract(
            "Fernwhistle is a 2027 animated film. In the dark, Tibby hears the voices of Olm and Tansy. "
            "Tibby (frightened) runs to Reedholm."
        )
    )
    assert not any(p in ("cast_member", "portrayed_by") for _, p, _ in t)


# "Franchise: Title review - tagline": the whole title is the work, its subtitle an alias ---------
HEADED = (
    "Marrowgate: Ashfall review - the heist saga loses its nerve\n\n"
    "Marrowgate: Ashfall is directed by Osric Vale. Silas Venn is a thief. He is summoned by his old "
    "fence, Odile Brack. Ashfall is built from spare parts."
)


def test_a_tagline_heading_names_the_whole_title() -> None:
    c = extract(HEADED)
    work = entity(c, "Marrowgate: Ashfall")
    assert work.type is EntityType.FILM
    assert "Ashfall" in work.aliases
    t = triples(c)
    assert ("Marrowgate: Ashfall", "directed_by", "Osric Vale") in t
    assert ("Silas Venn", "appears_in", "Marrowgate: Ashfall") in t
    assert not any(e.name == "Ashfall" and e.type is EntityType.CHARACTER for e in c.entities)


def test_a_numbered_part_is_no_alias() -> None:
    c = extract(
        "Marrowgate: Part Two review - more of the same\n\n"
        "Marrowgate: Part Two is directed by Osric Vale. Silas Venn is a thief."
    )
    work = next(e for e in c.entities if e.type is EntityType.FILM)
    assert "Part Two" not in work.aliases


# the companies that make and sell the film are the world's, not the story's ----------------------
def test_studio_and_distributor_are_outside_the_story() -> None:
    c = extract(
        "Fernwhistle is a 2027 animated film produced by Gorsemoor Studios and distributed by "
        "Bellweather Pictures. Tibby, an otter, lives in Reedholm."
    )
    assert not entity(c, "Gorsemoor Studios").in_universe
    assert not entity(c, "Bellweather Pictures").in_universe


def test_a_company_in_the_story_stays_in_it() -> None:
    c = extract(
        "Fernwhistle is a 2027 animated film. Tibby, an otter, is hunted by the Gorse Company. "
        "The Gorse Company produced fake maps."
    )
    assert entity(c, "The Gorse Company").in_universe


# creatures that act like people are characters -----------------------------------------------
def test_creatures_named_or_described_are_characters() -> None:
    c = extract(
        "A young otter named Tibby lives with her uncle Tansy in Reedholm. She is joined by Pennywort, "
        "a scatterbrained field mouse who claims to know the way. Olm hunts Tibby."
    )
    for name in ("Tibby", "Tansy", "Pennywort"):
        assert entity(c, name).type is EntityType.CHARACTER
    assert entity(c, "Reedholm").type is EntityType.LOCATION


def test_a_place_named_like_a_creature_stays_a_place() -> None:
    c = extract("Tibby lives in Reedholm, a village of otters. They reach a village named Brightwater.")
    assert entity(c, "Reedholm").type is EntityType.LOCATION
    assert entity(c, "Brightwater").type is EntityType.LOCATION
    assert entity(c, "Tibby").type is EntityType.CHARACTER


# plot relations as reviews and summaries write them -------------------------------------------
def test_lives_on_the_island_of() -> None:
    t = triples(extract("Silas Venn lives on the island of Corran. Odile Brack hunts him."))
    assert ("Silas Venn", "resides_in", "Corran") in t


def test_lives_on_a_figure_of_speech_is_no_home() -> None:
    t = triples(extract("Silas Venn lives on the edge of the law. Odile Brack hunts him."))
    assert not any(p == "resides_in" for _, p, _ in t)


def test_the_courier_of_a_group_works_for_it() -> None:
    t = triples(extract("Silas Venn, the weary courier of the Lantern Guild, meets Odile Brack."))
    assert ("Silas Venn", "works_for", "Lantern Guild") in t


def test_the_enemy_of_a_group_does_not_work_for_it() -> None:
    t = triples(extract("Silas Venn, the sworn enemy of the Lantern Guild, meets Odile Brack."))
    assert ("Silas Venn", "works_for", "Lantern Guild") not in t


def test_the_son_of_someone_is_kin() -> None:
    t = triples(extract("Silas Venn, the son of Odile Brack, meets Pell Garrow in Keld."))
    assert ("Silas Venn", "family_of", "Odile Brack") in t or ("Odile Brack", "family_of", "Silas Venn") in t


def test_shoots_her_dead_kills_the_other_one() -> None:
    t = triples(
        extract("Silas Venn and Nell Ostrander corner Odile Brack on the bridge, where Nell shoots her dead.")
    )
    assert ("Nell Ostrander", "killed", "Odile Brack") in t


def test_wanting_someone_dead_kills_nobody() -> None:
    t = triples(
        extract("Nell Ostrander finds Odile Brack. Nell wants her dead. Nell thinks Silas Venn dead.")
    )
    assert not any(p == "killed" for _, p, _ in t)


def test_a_first_name_the_tagger_calls_a_noun_is_still_the_character() -> None:
    t = triples(extract("Nell Ostrander meets Silas Venn in Keld. Nell shoots Silas dead."))
    assert ("Nell Ostrander", "killed", "Silas Venn") in t


def test_an_order_of_knights_led_by_someone() -> None:
    t = triples(
        extract(
            "Tibby lives in Reedholm. The village is guarded by the Ashguard, an order of otter knights "
            "led by Captain Olm."
        )
    )
    assert ("Captain Olm", "leads", "Ashguard") in t


def test_an_order_led_by_a_feeling_has_no_leader() -> None:
    t = triples(
        extract(
            "Tibby lives in Reedholm. The village is guarded by the Ashguard, an order of knights led by "
            "fear and led by Tansy's memory."
        )
    )
    assert not any(p == "leads" for _, p, _ in t)


def test_a_possessive_facility_is_one_place() -> None:
    c = extract(
        "Tibby and Tansy are captured and locked in Grisel's den inside the abandoned Miller's Barn. "
        "They flee to the Moonwell, a spring hidden in the Old Orchard."
    )
    assert entity(c, "Miller's Barn").type is EntityType.LOCATION
    assert not any(e.name in ("Miller", "Barn") for e in c.entities)


# one clause naming an actor and a part (extract/casting.py) -----------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Tobin Harlow turns in a fine performance as Silas Venn, a thief who robs banks.",
        "Tobin Harlow, who plays Silas Venn, is superb. Silas robs the bank.",
        "As Silas Venn, Tobin Harlow is terrific. Silas robs the bank.",
        "Tobin Harlow takes on the role of Silas Venn, a thief.",
        "The thief Silas Venn is played with swagger by Tobin Harlow.",
    ],
)
def test_one_clause_credits(sentence: str) -> None:
    c = extract(f"Ashfall is a heist film. {sentence}")
    assert ("Silas Venn", "portrayed_by", "Tobin Harlow") in triples(c)
    assert entity(c, "Tobin Harlow").type is EntityType.PERSON


@pytest.mark.parametrize(
    "sentence",
    [
        "As Silas Venn, the thief is terrific. Silas robs the bank.",
        "Odile Brack, who plays Silas Venn at cards, wins. Silas robs the bank.",
        "Silas Venn is played for a fool by Odile Brack, who robs him.",
        "Silas Venn takes on the role of leader.",
    ],
)
def test_near_clauses_credit_nobody(sentence: str) -> None:
    t = triples(extract(f"Ashfall is a heist film. {sentence}"))
    assert not any(p == "portrayed_by" for _, p, _ in t)


# a crew word as a character's title ------------------------------------------------------------
def test_a_title_in_apposition_is_no_credit() -> None:
    c = extract(
        "Ashfall is a heist film. Silas Venn is summoned back by his old handler, Director Odile Brack, "
        "after a cipher vanishes. Brack sends Silas to Keld."
    )
    t = triples(c)
    assert ("Ashfall", "directed_by", "Odile Brack") not in t
    assert ("Silas Venn", "works_for", "Odile Brack") in t
    assert entity(c, "Odile Brack").type is EntityType.CHARACTER


def test_a_director_named_as_crew_is_still_credited() -> None:
    t = triples(extract("Ashfall is a heist film from director Odile Brack. Silas Venn robs a bank in Keld."))
    assert ("Ashfall", "directed_by", "Odile Brack") in t


def test_a_capitalised_saga_is_the_universe() -> None:
    c = extract("The Lantern Throne is the first film of the Starward Saga. Kael lives in Tesk.")
    assert entity(c, "Starward Saga").type is EntityType.UNIVERSE
    assert ("The Lantern Throne", "part_of_universe", "Starward Saga") in triples(c)


# a reviewer's "lifted from X", "owes too much to X": other works, outside the story ----------------
def test_borrowed_from_other_films_is_commentary() -> None:
    c = extract(
        "Ashfall is a heist film. Silas Venn robs a bank in Keld. A chase through the tunnels is clean, "
        "though a submarine sequence feels lifted from Depth Charge Sonata, and the climax aboard the "
        "freighter owes too much to Harbour of Knives."
    )
    assert not entity(c, "Depth Charge Sonata").in_universe
    assert not entity(c, "Harbour of Knives").in_universe


def test_things_lifted_and_debts_owed_in_the_story_stay_in_it() -> None:
    c = extract(
        "Ashfall is a heist film. Silas Venn robs a bank in Keld. The gold lifted from the Bank of Keld "
        "is hidden. Silas owes a debt to Odile Brack."
    )
    assert entity(c, "Bank of Keld").in_universe
    assert entity(c, "Odile Brack").in_universe


# another film of the work's franchise is a film of the same story -------------------------------
SEQUEL = (
    "Marrowgate: Ashfall review - the heist saga loses its nerve\n\n"
    "Marrowgate: Ashfall is directed by Osric Vale. Odile Brack (Ines Kovac-Morrow, as icy as she was "
    "in Marrowgate: Ember Road) hires Silas Venn. Anyone who has seen Ember Road will guess the "
    "ending. Silas robs a bank in Keld."
)


def test_a_sibling_title_is_a_film_of_the_story() -> None:
    c = extract(SEQUEL)
    sibling = entity(c, "Marrowgate: Ember Road")
    assert sibling.type is EntityType.FILM and sibling.in_universe
    assert "Ember Road" in sibling.aliases
    assert not any(e.name == "Ember Road" and e.type is not EntityType.FILM for e in c.entities)


def test_an_unrelated_colon_title_is_no_sibling() -> None:
    c = extract(SEQUEL.replace("Marrowgate: Ember Road", "Gallowmere: Ember Road"))
    assert not any(e.name == "Marrowgate: Ember Road" for e in c.entities)


# a film named after its hero: the hero is a character of its own --------------------------------
HERO = (
    "Ada Quell review - a lean revenge thriller\n\n"
    "Ada Quell is a lean, mean revenge film. Mira Holt stars as Ada Quell, a retired assassin who is "
    "drawn back in when Ivo Tarasov steals her car and kills her dog. Ada Quell kills Ivo in the rain."
)


def test_the_hero_a_film_is_named_after() -> None:
    c = extract(HERO)
    kinds = {e.type for e in c.entities if e.name == "Ada Quell"}
    assert kinds == {EntityType.FILM, EntityType.CHARACTER}
    t = triples(c)
    assert ("Ada Quell", "portrayed_by", "Mira Holt") in t
    assert ("Ada Quell", "killed", "Ivo Tarasov") in t
    assert ("Ada Quell", "protagonist", "Ada Quell") in t


def test_a_title_that_only_names_the_film_has_no_hero() -> None:
    c = extract(
        "Ballerina Review\n\nBallerina is a slick action film that expands its world. Eve Macarro, a "
        "dancer, hunts the men who killed her father. Ballerina delivers the goods."
    )
    assert {e.type for e in c.entities if e.name == "Ballerina"} == {EntityType.FILM}


def test_a_natural_place_in_apposition_is_a_place() -> None:
    c = extract("Tibby sets out to find the Moonwell, a spring hidden in the ruined Old Orchard.")
    assert entity(c, "Moonwell").type is EntityType.LOCATION


def test_a_star_in_apposition_is_a_person() -> None:
    c = extract("Silas Venn meets Odile Brack, a star of the Keld opera, in Keld. Silas robs Odile.")
    assert entity(c, "Odile Brack").type is EntityType.CHARACTER
