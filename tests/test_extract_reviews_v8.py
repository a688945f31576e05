"""Review and plot constructions added in rules.v8, on invented sentences: a lead actor a review names
again and again, "A plays his sister X", "Danny Roe as Wade's deputy Mick" in a cast list, "A co-wrote
the script with B", ranks before a name ("Detective Nora Vance"), a pronoun after an apposition, other
works dated or titled with small words ("last year's X", "No Country for Old Men"), and headings that
open with their kind or a quoted title. Each is read, and a near sentence that must not give it."""

from __future__ import annotations

import pytest

from test_extract_rules import extract, triples
from universe_graph.model import ClaimSet, EntityType

HEAD = "Coldwater Creek\n\n"


def types(claims: ClaimSet) -> dict[str, EntityType]:
    return {e.name: e.type for e in claims.entities}


def story(claims: ClaimSet) -> set[str]:
    return {e.name for e in claims.entities if e.in_universe}


def test_a_lead_actor_named_again_and_again_keeps_the_credit() -> None:
    c = extract(
        HEAD + "Coldwater Creek stars Tom Avery as Wade Harlan, a sheriff who returns home after his "
        "father's death. Avery gives Wade a haunted stillness. Wade suspects the rancher Boyd Pruitt. "
        "Avery is never better than when Wade says nothing. It is a showcase for Avery."
    )
    t = triples(c)
    assert ("Wade Harlan", "portrayed_by", "Tom Avery") in t
    assert types(c)["Tom Avery"] is EntityType.PERSON
    assert not any(s == "Tom Avery" and p == "appears_in" for s, p, _ in t)


def test_a_character_named_again_and_again_who_poses_as_someone_is_no_actor() -> None:
    c = extract(
        HEAD + "Wade Harlan returns home. Wade Harlan poses as Boyd Pruitt at the bank. "
        "Wade Harlan is caught. Wade Harlan flees."
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


def test_plays_a_part_described_by_a_kinship_noun() -> None:
    t = triples(
        extract(
            HEAD + "Tom Avery stars as Wade Harlan. Opposite him, Lena Ruiz plays his estranged sister Carla."
        )
    )
    assert ("Carla", "portrayed_by", "Lena Ruiz") in t
    assert ("Wade Harlan", "family_of", "Carla") in t or ("Carla", "family_of", "Wade Harlan") in t
    assert not any("Lena Ruiz" in (s, o) and p == "family_of" for s, p, o in t)


def test_a_character_who_plays_a_game_against_someone_is_no_credit() -> None:
    t = triples(extract(HEAD + "Wade Harlan returns home. Wade Harlan plays his old friend Mick at cards."))
    assert not any(p == "portrayed_by" for _, p, _ in t)


def test_a_cast_list_after_a_colon_credits_each_newcomer() -> None:
    c = extract(
        HEAD + "Tom Avery stars as Wade Harlan. The supporting cast is strong: Danny Chu as Wade's old "
        "deputy Mick, and Ruth Adler as the town's mayor, Ellen Marsh, who has her own secrets."
    )
    t = triples(c)
    assert ("Mick", "portrayed_by", "Danny Chu") in t
    assert ("Ellen Marsh", "portrayed_by", "Ruth Adler") in t
    assert types(c)["Danny Chu"] is EntityType.PERSON


def test_a_subject_that_poses_as_someone_is_no_list_credit() -> None:
    t = triples(extract(HEAD + "Wade Harlan rides out. At the bank, Ruth Adler poses as Ellen Marsh."))
    assert not any(p == "portrayed_by" for _, p, _ in t)


def test_cowrote_the_script_with_credits_both_writers() -> None:
    c = extract(
        HEAD + "Director Anna Kessler co-wrote the screenplay with Jonah Fell. Wade Harlan hunts Boyd Pruitt."
    )
    t = triples(c)
    assert {
        ("Coldwater Creek", "written_by", "Anna Kessler"),
        ("Coldwater Creek", "written_by", "Jonah Fell"),
    } <= t
    assert types(c)["Jonah Fell"] is EntityType.PERSON


def test_a_surname_who_cowrote_the_script_is_a_writer() -> None:
    t = triples(
        extract(HEAD + "Kessler, who co-wrote the script with Jonah Fell, has a good eye. Wade hunts Boyd.")
    )
    assert ("Coldwater Creek", "written_by", "Kessler") in t


@pytest.mark.parametrize(
    "sentence",
    [
        "Ada Brandt writes the script for the school play with Jonah Fell.",  # present tense: the story
        "Ada Brandt wrote the script for the school play.",  # whose script: a play's
    ],
)
def test_a_character_writing_a_script_in_the_story_is_no_credit(sentence: str) -> None:
    t = triples(extract(HEAD + sentence + " Ada Brandt hunts Boyd Pruitt."))
    assert not any(p == "written_by" for _, p, _ in t)


def test_cinematographer_before_a_name_is_a_person() -> None:
    c = extract(
        HEAD + "Wade Harlan hunts Boyd Pruitt, and cinematographer Pia Lund makes the creek look alien."
    )
    assert types(c)["Pia Lund"] is EntityType.PERSON
    assert "Pia Lund" not in {s for s, p, _ in triples(c) if p == "appears_in"}


def test_a_rank_before_a_name_joins_its_short_forms() -> None:
    c = extract(
        HEAD + "Detective Nora Vance is assigned to the case of a murdered dockworker, Eli Drummond. "
        "Her partner, Sergeant Hal Brigg, suspects Victor Crane. Nora learns the truth."
    )
    chars = [e for e in c.entities if e.type is EntityType.CHARACTER]
    nora = [e for e in chars if "Nora" in e.name or "Nora" in e.aliases]
    assert len(nora) == 1 and "Detective" not in nora[0].aliases


def test_a_possessive_pronoun_after_an_apposition_means_the_subject() -> None:
    t = triples(
        extract(
            HEAD + "Detective Nora Vance is assigned to the case of a murdered dockworker, Eli Drummond. "
            "Her partner, Sergeant Hal Brigg, suspects Victor Crane."
        )
    )
    assert not any("Eli Drummond" in (s, o) and p == "ally_of" for s, p, o in t)


def test_a_relation_never_joins_a_thing_to_itself() -> None:
    t = triples(
        extract(HEAD + "Chez Varga runs a bar. Once Chez has killed his brother, he flees to Havana.")
    )
    assert all(s != o for s, _, o in t)


@pytest.mark.parametrize(
    ("sentence", "work"),
    [
        ("Avery, so good in last year's The Long Fall, gives Wade a haunted stillness.", "The Long Fall"),
        ("The third act borrows too much from No Country for Old Men.", "No Country for Old Men"),
        ("It is the best western since 2007's There Will Be Blood.", "There Will Be Blood"),
    ],
)
def test_another_work_dated_or_titled_with_small_words_is_one_work_outside(sentence: str, work: str) -> None:
    c = extract(HEAD + "Tom Avery stars as Wade Harlan. " + sentence)
    outside = {e.name: e for e in c.entities if not e.in_universe}
    assert work in outside and outside[work].type is EntityType.FILM
    assert not any(
        o == "Coldwater Creek" and p == "appears_in" and s != "Wade Harlan" for s, p, o in triples(c)
    )


def test_the_years_end_and_a_theft_from_someone_stay_in_the_story() -> None:
    c = extract(
        HEAD + "Tom Avery stars as Wade Harlan. Wade steals a horse from Ellen Marsh. "
        "By the year's end, Wade Harlan is gone."
    )
    assert "Ellen Marsh" in story(c)


@pytest.mark.parametrize(
    "heading",
    [
        'Review: "Coldwater Creek" is a tense, muddy thriller',
        "'Coldwater Creek' review: a tense, muddy thriller",
        "Coldwater Creek (2024) Review",
        "Film review: Coldwater Creek",
        "Movie Review | Coldwater Creek",
    ],
)
def test_a_heading_that_opens_with_its_kind_or_a_quoted_title_names_the_work(heading: str) -> None:
    c = extract(heading + "\n\nTom Avery stars as Wade Harlan, a sheriff. Wade suspects Boyd Pruitt.\n")
    assert [e.name for e in c.entities if e.type is EntityType.FILM] == ["Coldwater Creek"]


CAST = (
    "Ember Tide\n\nPlot\n\nFormer diver Jack Mercer runs a salvage business with his friend Tito. "
    "Jack hunts Rafael Ochoa, and his daughter Sofia helps.\n\nCast\n"
    "Carl Brenner as Jack Mercer\nMaya Ortiz as Lucia Vega, a DEA agent\n* Ana Brill as Sofia Mercer\n"
    "- Tom Hale - Tito\n"
)


def test_a_cast_lists_lines_credit_each_actor_with_a_part() -> None:
    c = extract(CAST)
    t = triples(c)
    assert {
        ("Jack Mercer", "portrayed_by", "Carl Brenner"),
        ("Lucia Vega", "portrayed_by", "Maya Ortiz"),
        ("Sofia Mercer", "portrayed_by", "Ana Brill"),
        ("Tito", "portrayed_by", "Tom Hale"),
    } <= t
    assert ("Lucia Vega", "appears_in", "Ember Tide") in t  # named only in the list
    assert types(c)["Maya Ortiz"] is EntityType.PERSON
    assert not any(n == "Sofia" for n in types(c))  # the plot's "Sofia" is the list's "Sofia Mercer"


def test_a_heading_that_only_looks_like_a_cast_line_credits_nobody() -> None:
    c = extract(
        "Ember Tide\n\nPlot\n\nJack Mercer hunts Rafael Ochoa.\n\nRise of the Tide\nAftermath - Legacy\n"
    )
    assert not any(p == "portrayed_by" for _, p, _ in triples(c))


def test_a_man_named_like_the_end_of_a_city_is_not_the_city() -> None:
    c = extract(
        "Ember Tide\n\nJack Mercer runs a salvage business in San Diego with Tito. Ochoa's right-hand man, "
        "Diego, tortures Tito and then kills him."
    )
    assert types(c)["San Diego"] is EntityType.LOCATION
    assert ("Diego", "killed", "Tito") in triples(c)


def test_a_right_hand_man_works_for_his_boss() -> None:
    t = triples(
        extract("Ember Tide\n\nJack hunts Rafael Ochoa. Ochoa's right-hand man, Diego, tortures Tito.")
    )
    assert ("Diego", "works_for", "Rafael Ochoa") in t


def test_a_writer_the_tagger_half_named_keeps_the_whole_name() -> None:
    c = extract(
        "Ember Tide\n\nEmber Tide is a 2019 American action film directed by Marcus Dole and written by "
        "Ivy Chen. It stars Carl Brenner."
    )
    writers = {o for s, p, o in triples(c) if p == "written_by"}
    assert writers == {"Ivy Chen"}


GOTHAM = "Harbor Lights\n\nBruce Vane fights crime in the city. "


@pytest.mark.parametrize(
    ("sentence", "part", "actor"),
    [
        (
            "The Joker is the last clown standing, and Heath Ledman plays him with relish.",
            "The Joker",
            "Heath Ledman",
        ),
        ("Christian Bole is back as Bruce Vane.", "Bruce Vane", "Christian Bole"),
        ("Michael Caan's Alfred, the butler, burns a letter.", "Alfred", "Michael Caan"),
        ("Michael Keeton as Ken is the funniest thing in the movie.", "Ken", "Michael Keeton"),
        ("Woody (Tom Hankey, obviously the best) leads the toys.", "Woody", "Tom Hankey"),
        ("Lotso is a teddy bear (Ned Beatie doing a warm southern voice).", "Lotso", "Ned Beatie"),
        (
            "Jodie Fostar, who won an Oscar two years ago for The Accusers, is Clarice Starling, a trainee.",
            "Clarice Starling",
            "Jodie Fostar",
        ),
    ],
)
def test_a_review_bills_an_actor_beside_a_part(sentence: str, part: str, actor: str) -> None:
    c = extract(GOTHAM + sentence)
    assert (part, "portrayed_by", actor) in triples(c)
    assert types(c)[actor] is EntityType.PERSON


@pytest.mark.parametrize(
    "sentence",
    [
        "Bruce Vane's Alfred, the butler, burns a letter. Bruce Vane waits.",  # the story's own possessive
        "Andy Vane's Grace Vane is a painter. Grace Vane hides.",  # kin
        "Alfred is back at the manor.",  # back, but not as anyone
        "Meanwhile Bill, whose real name is Jame Gumbo, waits.",  # a revelation, not an actor
    ],
)
def test_a_story_sentence_bills_nobody(sentence: str) -> None:
    assert not any(p == "portrayed_by" for _, p, _ in triples(extract(GOTHAM + sentence)))


def test_a_real_name_the_text_states_is_one_character() -> None:
    c = extract(GOTHAM + "Meanwhile Bill, whose real name is Jame Gumbo, waits. Bill kills Ann Lee.")
    chars = {e.name: e for e in c.entities if e.type is EntityType.CHARACTER}
    assert "Jame Gumbo" in chars and "Bill" in chars["Jame Gumbo"].aliases
    assert ("Jame Gumbo", "killed", "Ann Lee") in triples(c)
    assert "Meanwhile Bill" not in chars


def test_awards_careers_and_crew_stay_out_of_the_story() -> None:
    c = extract(
        GOTHAM
        + "Jodie Fostar, who won an Oscar two years ago for The Accusers, is Clarice Starling, a trainee. "
        "(Brian Coxe played the same doctor in Michael Mahn's Manhunters five years ago.) Howard Shorr's "
        "score is sparing, and Tak Fujimota's camera makes a storage unit look like a tomb. It is, "
        "whatever the Oscars decide, a triumph."
    )
    outside = {e.name for e in c.entities if not e.in_universe}
    assert {"The Accusers", "Brian Coxe"} <= outside
    assert types(c)["Howard Shorr"] is EntityType.PERSON and types(c)["Tak Fujimota"] is EntityType.PERSON
    assert not any(o == "Harbor Lights" and p == "appears_in" and "Oscar" in s for s, p, o in triples(c))


def test_a_man_named_oscar_stays_in_the_story() -> None:
    c = extract(GOTHAM + "Oscar Diaz hunts Bruce Vane. Oscar wins.")
    assert "Oscar Diaz" in story(c)


def test_playing_a_game_in_a_city_is_no_career() -> None:
    c = extract(GOTHAM + "Ann Leeds played chess in Paris with Bruce Vane.")
    assert "Ann Leeds" in story(c)


def test_an_institution_named_on_after_for_is_one_name() -> None:
    c = extract(
        GOTHAM + "Bruce Vane is locked in a cell at the Baltimore State Hospital for the Criminally Insane."
    )
    assert types(c)["Baltimore State Hospital for the Criminally Insane"] is EntityType.ORGANIZATION


def test_a_trainee_at_an_academy_works_for_it() -> None:
    t = triples(extract(GOTHAM + "Clarice Starling, a trainee at the FBI Academy, is sent to a prison."))
    assert ("Clarice Starling", "works_for", "FBI Academy") in t


def test_a_reviews_possessive_subject_is_no_encyclopedic_title() -> None:
    c = extract(
        "The Quiet Lambs: a thriller that gets under the skin\n\nJonathan Demmy's adaptation of Thomas "
        "Harriss's best-seller is the most frightening film in years. Clarice Starling hunts a killer."
    )
    assert [e.name for e in c.entities if e.type is EntityType.FILM and e.in_universe] == ["The Quiet Lambs"]


def test_a_forum_reply_heading_names_the_work_after_re() -> None:
    c = extract("Re: Toy Box 3 - did anyone else cry?? (SPOILERS)\n\nWoody (Tom Hankey) leads the toys.")
    assert [e.name for e in c.entities if e.type is EntityType.FILM] == ["Toy Box 3"]


PARK = "Isla Park\n\nIsla Park is a 1993 American film directed by Steven Spielbeck. "


def test_supporting_roles_and_gapped_credits_in_an_encyclopedic_lead() -> None:
    c = extract(
        PARK + "It stars Sam Neel, Laura Durn and Jeff Goldbloom, with Bob Peckham and Ariana Richter in "
        "supporting roles. Neel plays the paleontologist Alan Grant, Durn the paleobotanist Ellie Sattler "
        "and Goldbloom the mathematician Ian Malcolm."
    )
    t = triples(c)
    assert {("Isla Park", "cast_member", n) for n in ("Bob Peckham", "Ariana Richter")} <= t
    assert {
        ("Alan Grant", "portrayed_by", "Sam Neel"),
        ("Ellie Sattler", "portrayed_by", "Laura Durn"),
        ("Ian Malcolm", "portrayed_by", "Jeff Goldbloom"),
    } <= t


def test_a_plain_with_after_a_star_verb_is_no_cast() -> None:
    t = triples(extract(PARK + "It stars Sam Neel, and he travels with Bob Peckham to the island."))
    assert ("Isla Park", "cast_member", "Bob Peckham") not in t


def test_a_sequel_whose_title_ends_with_the_works_gives_the_work_no_year() -> None:
    c = extract(PARK + "It was followed by The Lost Isle: Isla Park (1997) and Isla Park III (2001).")
    years = {r.object for r in c.relations if r.predicate == "release_year"}
    assert years == {"1993"} or years == {1993}


def test_a_company_that_released_the_film_and_a_film_that_overtook_it_stay_outside() -> None:
    c = extract(
        PARK + "Universal Pictures released the film on June 11, 1993. It was the highest-grossing film "
        "until Titanic overtook it in 1997. Ann Leeds overtook it on the road."
    )
    outside = {e.name for e in c.entities if not e.in_universe}
    assert {"Universal Pictures", "Titanic"} <= outside
    assert "Ann Leeds" in story(c)


def test_named_grandchildren_are_each_family() -> None:
    t = triples(
        extract(
            PARK + "John Hammond built a park. Hammond's grandchildren, Lex and Tim Murphy, join the tour."
        )
    )
    assert {("John Hammond", "family_of", "Lex"), ("John Hammond", "family_of", "Tim Murphy")} <= t


def test_a_reviews_credit_block_credits_each_name() -> None:
    c = extract(
        "Iron Harvest review\n\nDirected by: Mara Quist\nWritten by: Tom Lenn\nStarring: Paul Mesner, Connie "
        "Vale and Dan Washer\nMusic by: Ed Marrow\n\nIron Harvest fights but fails. Paul Mesner is fine."
    )
    t = triples(c)
    assert {
        ("Iron Harvest", "directed_by", "Mara Quist"),
        ("Iron Harvest", "written_by", "Tom Lenn"),
        ("Iron Harvest", "cast_member", "Paul Mesner"),
        ("Iron Harvest", "cast_member", "Connie Vale"),
        ("Iron Harvest", "cast_member", "Dan Washer"),
    } <= t
    assert types(c)["Ed Marrow"] is EntityType.PERSON


def test_a_heading_with_a_colon_that_is_no_credit_label_credits_nobody() -> None:
    c = extract("Iron Harvest review\n\nThe Verdict: Quiet Harvest\n\nIron Harvest fights but fails.")
    assert not any(p in ("directed_by", "cast_member") for _, p, _ in triples(c))


@pytest.mark.parametrize(
    ("sentence", "part", "actor"),
    [
        ("Robert Pallin's character, Neil, asks too many questions.", "Neil", "Robert Pallin"),
        ("Let's not forget Russell Crane's heroic work as Maxim.", "Maxim", "Russell Crane"),
    ],
)
def test_an_actors_character_or_work_as_a_part(sentence: str, part: str, actor: str) -> None:
    assert (part, "portrayed_by", actor) in triples(extract("Iron Harvest review\n\n" + sentence))


def test_another_actors_version_of_a_part_is_no_credit() -> None:
    c = extract(
        "The Night Knight review\n\nThe Joker is the last clown standing, and Heath Ledman plays him "
        "with relish. Where Jack Nickols's Joker, back in Tim Burtell's 1989 film, was a gangster with a "
        "grin, Ledman's is a drifter."
    )
    t = triples(c)
    assert ("The Joker", "portrayed_by", "Heath Ledman") in t
    assert not any(o == "Jack Nickols" for _, p, o in t if p == "portrayed_by")
    outside = {e.name for e in c.entities if not e.in_universe}
    assert {"Jack Nickols", "Tim Burtell"} <= outside


def test_a_surname_goes_to_the_full_name_named_before_it() -> None:
    c = extract(
        "The Night Knight review\n\nChristopher Nolen returns with a sequel. Nolen, who wrote the script "
        "with his brother Jonathan Nolen, has said he was thinking of heists."
    )
    t = triples(c)
    assert {
        ("The Night Knight", "written_by", "Christopher Nolen"),
        ("The Night Knight", "written_by", "Jonathan Nolen"),
    } <= t
    assert not any(p == "family_of" for _, p, _ in t)  # real people: no kin in the story


def test_a_rescue_makes_allies_and_a_kidnapping_enemies() -> None:
    t = triples(
        extract(
            "Cold Meridian\n\nViktor Kane hunts Anton Varga. Viktor is captured by Nikolai Varga, but Tomas "
            "Reyes rescues him. Nikolai Varga kidnaps Elena Kane."
        )
    )
    assert ("Tomas Reyes", "ally_of", "Viktor Kane") in t
    assert ("Nikolai Varga", "enemy_of", "Elena Kane") in t


TOYS = "Toy Box 3\n\n"


def test_a_fans_credits_a_kin_name_after_a_misparse_and_a_simile() -> None:
    c = extract(
        TOYS
        + "Andy leaves for college. Rex and Barbie go too, because Andy's sister Molly is getting rid of "
        "her. The boss there is Lotso, a big pink teddy bear who smells like strawberries (Ned Beatie "
        "doing a warm southern voice). Shoutout to Joan Cusick as Jessie, who always kills it."
    )
    t = triples(c)
    assert ("Andy", "family_of", "Molly") in t
    assert ("Lotso", "portrayed_by", "Ned Beatie") in t
    assert ("Jessie", "portrayed_by", "Joan Cusick") in t


def test_a_simile_with_a_bare_noun_compares_only_that_noun() -> None:
    c = extract(TOYS + "Lotso smells like strawberries near Bonnie's house, and Ken Doll waits there.")
    assert "Ken Doll" in story(c)


def test_a_titles_initials_are_the_work_and_shouting_is_no_name() -> None:
    c = extract(
        TOYS + "ok so I finally watched TB3 and it hit me HARD. Woody (Tom Hankey, the GOAT) leads the toys."
    )
    films = [e for e in c.entities if e.type is EntityType.FILM]
    assert len(films) == 1 and "TB3" in films[0].aliases
    assert not {"HARD", "GOAT"} & {e.name for e in c.entities}


def test_an_acronym_stays_a_name() -> None:
    c = extract(TOYS + "Ann Leeds works for the FBI. FBI agents hunt her.")
    assert any("FBI" in e.name for e in c.entities)


def test_a_man_and_his_company_lead_it_and_a_pair_the_ner_joined_is_two() -> None:
    c = extract(
        PARK + "John Hammond and his company, InGenix, have built a park. The Joker kidnaps both Rachel "
        "Dawes and Harvey Dent. Rachel and Dent wait."
    )
    t = triples(c)
    assert ("John Hammond", "leads", "InGenix") in t and types(c)["InGenix"] is EntityType.ORGANIZATION
    assert not any(" and " in e.name for e in c.entities)


def test_an_actor_replaced_in_a_part_is_a_person() -> None:
    c = extract(
        PARK + "Rachel Dawes, now played by Maggie Gyllen in place of Katie Holmer, dates Harvey Dent."
    )
    assert types(c)["Katie Holmer"] is EntityType.PERSON


def test_a_passive_credit_on_a_pronoun_credits_the_character_it_stands_for() -> None:
    t = triples(
        extract(
            "Fury Lane review\n\nImmortan Jor, a masked tyrant who hoards the water, rules the Citadel. "
            "He is played by Hugh Keays-Burne, who is superb."
        )
    )
    assert ("Immortan Jor", "portrayed_by", "Hugh Keays-Burne") in t


def test_a_wedding_makes_family_and_names_her_husband_later() -> None:
    c = extract(
        "The Family\n\nDon Vito Corlino hosts the wedding of his daughter Connie to Carlo Rizzo. Carlo beats "
        "Connie. Years later, Connie accuses Michael of murdering her husband."
    )
    t = triples(c)
    assert ("Connie", "family_of", "Carlo Rizzo") in t
    assert not any("husband" in e.name for e in c.entities)


def test_a_husband_with_no_stated_marriage_stays_a_description() -> None:
    c = extract("The Family\n\nConnie Rizzo hosts a party. Her husband kills Bo Lund.")
    assert any("husband" in e.name for e in c.entities)


@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("Lena Ruyz is a revelation as Carla, his estranged sister.", {("Carla", "Lena Ruyz")}),
        ("Sam Ostrov brings real menace to the role of Boyd Pruitt.", {("Boyd Pruitt", "Sam Ostrov")}),
        (
            "Danny Chow and Ruth Adlar are terrific as the feuding siblings Mick and Ellen Marsh.",
            {("Mick", "Danny Chow"), ("Ellen Marsh", "Ruth Adlar")},
        ),
    ],
)
def test_more_ways_a_review_credits_a_part(sentence: str, pairs: set[tuple[str, str]]) -> None:
    t = triples(extract("Salt Road review\n\nWade Harlan rides out. " + sentence))
    assert {(part, "portrayed_by", actor) for part, actor in pairs} <= t


def test_a_character_who_is_a_doctor_as_a_cover_is_no_actor() -> None:
    t = triples(
        extract("Salt Road review\n\nWade Harlan rides out. Wade Harlan is a doctor as well as a thief.")
    )
    assert not any(p == "portrayed_by" for _, p, _ in t)


def test_hyphenated_given_names_are_names_and_credits() -> None:
    c = extract(
        "Basement review\n\nThe father, Ki-tae, is played by Song Kang-ha. His son Ki-wan (Choi Woo-sun) "
        "gets a break. His sister Ki-jin (Park Soo-dam, excellent) joins. Chung-suk kills a guard."
    )
    t = triples(c)
    assert {
        ("Ki-tae", "portrayed_by", "Song Kang-ha"),
        ("Ki-wan", "portrayed_by", "Choi Woo-sun"),
        ("Ki-jin", "portrayed_by", "Park Soo-dam"),
    } <= t
    assert "Chung-suk" in story(c)


def test_an_english_hyphenated_word_is_no_name() -> None:
    c = extract(
        "Basement review\n\nEx-wife Ada Lund returns. Co-star Bo Marr is fine. Anti-hero Cy Dunn waits."
    )
    assert not {"Ex-wife", "Co-star", "Anti-hero"} & {e.name for e in c.entities}


def test_a_forum_heading_names_the_part_the_post_names() -> None:
    c = extract(
        "Re: Rewatch thread - Finding Nema (2003) *spoilers obv*\n\nrewatched Finding Nema with my nephew "
        "and it holds up. Marlo is a clownfish, and in like the first 3 minutes a barracuda eats his wife "
        "Coralie. Ellen DeGenner as Dory is the best voice casting ever. Gill, a scarred fish voiced by "
        "Willem Dafay, plans the escape. Nigel the pelican (Geoffrey Rusk) brings the news."
    )
    t = triples(c)
    assert [e.name for e in c.entities if e.type is EntityType.FILM] == ["Finding Nema"]
    assert "Coralie" in story(c)  # a spoken "like" compares nothing
    assert {
        ("Dory", "portrayed_by", "Ellen DeGenner"),
        ("Gill", "portrayed_by", "Willem Dafay"),
        ("Nigel", "portrayed_by", "Geoffrey Rusk"),
    } <= t


def test_a_simile_like_still_compares() -> None:
    c = extract("Reef\n\nMarlo swims like Ghost Shark through the reef. Marlo finds Nema.")
    assert "Ghost Shark" not in story(c)


CRUSADE = "Ivory Crusade\n\nIvory Crusade is a 1989 American film directed by Stevan Spielmann. "


def test_an_encyclopedic_cast_paragraph() -> None:
    c = extract(
        CRUSADE + "Harrison Fordham returns in the title role, and Sean Conroy co-stars as Indiana's father, "
        "Henry Jones. The supporting cast includes Denholm Elliot, Alison Doodie and Julian Glove. Elliot "
        "and Doodie reprise their roles as Marcus Brody and Sallah from Raiders of the Lost Cart, and Glove "
        "plays the Austrian businessman Walter Donovan. In 1912, teenage Ivory Crusader steals a cross."
    )
    t = triples(c)
    assert {
        ("Henry Jones", "portrayed_by", "Sean Conroy"),
        ("Marcus Brody", "portrayed_by", "Denholm Elliot"),
        ("Sallah", "portrayed_by", "Alison Doodie"),
        ("Walter Donovan", "portrayed_by", "Julian Glove"),
    } <= t
    assert not any(o == "Harrison Fordham" and s == "Henry Jones" for s, p, o in t)
    outside = {e.name for e in c.entities if not e.in_universe}
    assert "Raiders of the Lost Cart" in outside


def test_the_title_role_is_the_character_the_title_opens_with() -> None:
    c = extract(
        "Indigo Jones and the Last Crusade\n\nHarrison Fordham returns in the title role. In 1912, teenage "
        "Indigo Jones steals a cross from a band of treasure hunters."
    )
    assert ("Indigo Jones", "portrayed_by", "Harrison Fordham") in triples(c)


def test_names_with_inner_capitals_and_a_singers_song() -> None:
    c = extract(
        "Dream Heist review\n\nLeonardo DiCapri plays Dom Cobb, a thief who steals secrets while people "
        "dream. Hans Zimmerly's score, built from a slowed-down Edith Piafe song, shakes the seats. Cobb "
        "meets Arthur."
    )
    assert ("Dom Cobb", "portrayed_by", "Leonardo DiCapri") in triples(c)
    assert "Edith Piafe" not in story(c)


def test_a_praised_bracket_a_surname_later_and_an_audiences_film() -> None:
    c = extract(
        "Night Rail review\n\nClaire Dumonte stars as Nadia Petrova, a retired spy. Viktor Sorel (a wry Paul "
        "Keane) waits on the platform. Fans of Murder on the Orient Rail will find much to enjoy. Dumonte, "
        "best known for a French series, is excellent."
    )
    assert ("Viktor Sorel", "portrayed_by", "Paul Keane") in triples(c)
    assert "Murder on the Orient Rail" not in story(c)
    assert "Dumonte" not in {e.name for e in c.entities}  # the credited actor, by surname


def test_a_family_named_by_surname_and_hyphenated_names_opening_a_sentence() -> None:
    c = extract(
        "Basement review\n\nThe Lim family live in Seoul. Ki-wan tutors Da-hee. Bong and his co-writer Han "
        "Jin-wook keep every turn tied to the house."
    )
    names = types(c)
    assert names["Lim family"] is EntityType.ORGANIZATION
    assert {"Ki-wan", "Da-hee"} <= story(c)
    assert names["Han Jin-wook"] is EntityType.PERSON


def test_an_acronym_group_a_job_before_a_name_and_whose_kin() -> None:
    t = triples(
        extract(
            "Iron Tower\n\nNYPD detective John Kain arrives at the tower. Kain contacts Sergeant Al Powel of "
            "the LAPD by radio. Kain kills one of the gunmen, Tony, whose brother Karl swears revenge."
        )
    )
    assert ("John Kain", "member_of", "NYPD") in t
    assert any(s.endswith("Al Powel") and p == "member_of" and o == "LAPD" for s, p, o in t)
    assert ("Tony", "family_of", "Karl") in t or ("Karl", "family_of", "Tony") in t


def test_an_encyclopedic_leads_writers_producers_composer_and_a_senior() -> None:
    c = extract(
        CRUSADE
        + "It is from a screenplay by Jeffrey Bohm, based on a story by George Lukas and Menno Meyer. "
        "The film was produced by Robert Watt, with Lukas and Frank Marshal as executive producers, and John "
        "Willams composed the score. Sean Conroy co-stars as Indiana's father, Henry Jones Sr."
    )
    t = triples(c)
    assert {("Ivory Crusade", "written_by", n) for n in ("George Lukas", "Menno Meyer")} <= t
    assert ("Ivory Crusade", "produced_by", "Frank Marshal") in t
    assert types(c)["John Willams"] is EntityType.PERSON
    assert ("Henry Jones Sr.", "portrayed_by", "Sean Conroy") in t


def test_a_story_told_by_a_character_is_no_writing_credit() -> None:
    t = triples(
        extract(CRUSADE + "Henry Jones tells a story by the fire with Marcus Brody and Sallah Faisal.")
    )
    assert not any(p == "written_by" for _, p, _ in t)
