"""Works and credits of encyclopedic leads (`extract/works.py`), on invented sentences: each
construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import run_rules
from universe_graph.extract import WorkHint


def _facts(text: str) -> tuple[str | None, set[tuple[str, str, str]]]:
    """The work the extractor took the text to be about, and its relations by name."""
    claims = run_rules(text, WorkHint())
    names = {e.id: e.name for e in claims.entities}
    work = names.get(claims.source.about or "")
    rels = {
        (names.get(r.subject, "?"), r.predicate, names.get(str(r.object), str(r.object)))
        for r in claims.relations
    }
    return work, rels


def test_lead_names_the_work_not_its_demonym() -> None:
    work, rels = _facts("Gray Harbor is a 1961 British film directed by Olan Vesk and starring Mira Tull.")
    assert work == "Gray Harbor"
    assert ("Gray Harbor", "directed_by", "Olan Vesk") in rels
    assert ("Gray Harbor", "cast_member", "Mira Tull") in rels
    assert ("Gray Harbor", "release_year", "1961") in rels
    assert not any(s in ("British", "Olan Vesk", "Mira Tull") and p == "appears_in" for s, p, _ in rels)


def test_a_lead_that_is_not_about_a_work_names_no_work_from_it() -> None:
    work, _ = _facts("Olan Vesk (born 1931) is a Danish director and painter. He lives in Aarhus.")
    assert work != "Olan Vesk"


def test_title_with_small_words_and_a_colon_is_one_work() -> None:
    work, rels = _facts(
        "Song of Brass: The Long Road is a 2004 American drama film written and produced by Tom Vell."
    )
    assert work == "Song of Brass: The Long Road"
    assert ("Song of Brass: The Long Road", "written_by", "Tom Vell") in rels
    assert ("Song of Brass: The Long Road", "produced_by", "Tom Vell") in rels
    assert not any(p == "appears_in" for _, p, _ in rels)  # neither "Brass" nor "The Long Road" a character


def test_it_stars_lists_every_cast_member() -> None:
    _, rels = _facts(
        "Lowmoor is a 1998 film directed by Ada Rune. It stars Jon Hale, Mara Vint and Cole Dray."
    )
    for actor in ("Jon Hale", "Mara Vint", "Cole Dray"):
        assert ("Lowmoor", "cast_member", actor) in rels


def test_credits_of_another_title_are_not_the_works() -> None:
    _, rels = _facts(
        "Lowmoor is a 1998 film directed by Ada Rune. Rune later made Brightwater, which was produced by "
        "Kel Darrow and starring Pia Sand."
    )
    assert ("Lowmoor", "directed_by", "Ada Rune") in rels
    assert not any(o in ("Kel Darrow", "Pia Sand") for s, _, o in rels if s == "Lowmoor")


def test_release_date_gives_the_year_only_when_said_of_the_work() -> None:
    _, rels = _facts("Lowmoor is a film directed by Ada Rune. The film was released on 11 March 2014.")
    assert ("Lowmoor", "release_year", "2014") in rels
    _, rels = _facts("Lowmoor is a film directed by Ada Rune. Her first novel was released in 2009.")
    assert not any(p == "release_year" for _, p, _ in rels)


def test_sequels_followed_by_and_series() -> None:
    _, rels = _facts(
        "Dark Tide is a 2003 horror film directed by Ada Rune. It is the second film in the Ocean Dread "
        "series and the sequel to Deep Tide. It was followed by Black Tide in 2006."
    )
    assert ("Dark Tide", "part_of_series", "Ocean Dread") in rels
    assert ("Dark Tide", "follows", "Deep Tide") in rels
    assert ("Black Tide", "follows", "Dark Tide") in rels
    assert ("Deep Tide", "follows", "Dark Tide") not in rels


def test_a_prequel_is_followed_by_the_work() -> None:
    _, rels = _facts("Dark Dawn is a 2009 film directed by Ada Rune. It is a prequel to Dark Tide.")
    assert ("Dark Tide", "follows", "Dark Dawn") in rels
    assert ("Dark Dawn", "follows", "Dark Tide") not in rels


def test_a_named_character_still_appears_in_an_encyclopedic_work() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1961 film directed by Olan Vesk. "
        "The protagonist, Ilse Marr, is a lighthouse keeper."
    )
    assert ("Ilse Marr", "appears_in", "Gray Harbor") in rels
    assert ("Olan Vesk", "appears_in", "Gray Harbor") not in rels


def test_titles_with_a_year_in_an_encyclopedic_text() -> None:
    _, rels = _facts(
        "Ada Rune (born 1950) is a Danish director. Her films include Nightfall (1975) and the 1988 "
        "feature film A Cry of Gulls. The label released Lowtide in 1991."
    )
    assert ("Nightfall", "release_year", "1975") in rels
    assert ("A Cry of Gulls", "release_year", "1988") in rels
    assert ("Lowtide", "release_year", "1991") in rels
    assert not any(s == "Ada Rune" and p == "release_year" for s, p, _ in rels)  # "(born 1950)"


def test_a_review_does_not_date_other_titles() -> None:
    _, rels = _facts(
        "Lowmoor Review\n\nLowmoor is a patient thriller. Unlike Nightfall (1975), it never hurries. "
        "Jo Roe plays Ann with steel."
    )
    assert not any(s == "Nightfall" and p == "release_year" for s, p, _ in rels)


def test_lead_title_drops_alternative_names_and_follows_title_of() -> None:
    work, rels = _facts("Salt Moon, also known as Moon of Salt, is a 1993 anime film directed by Rei Tano.")
    assert work == "Salt Moon"
    assert ("Salt Moon", "directed_by", "Rei Tano") in rels
    work, _ = _facts('"Paper Lanterns" is the title of the second single by the band Low Orchard.')
    assert work == "Paper Lanterns"


def test_a_review_sentence_with_its_own_clause_is_no_lead() -> None:
    work, _ = _facts("The Glass Owl opens the Vey cycle, and it is a fine thriller. Ann Roe hunts Bo Lund.")
    assert work != "The Glass Owl opens the Vey cycle"


def test_a_song_written_by_has_no_screenwriter() -> None:
    _, rels = _facts('"Paper Lanterns" is a 1999 song written and produced by Mae Dorn.')
    assert ("Paper Lanterns", "produced_by", "Mae Dorn") in rels
    assert ("Paper Lanterns", "written_by", "Mae Dorn") not in rels


def test_titles_with_small_words_are_dated_whole_and_honours_never() -> None:
    _, rels = _facts(
        "Ada Rune (born 1950) is a Danish composer. She scored The Owl and the Lantern (1979). "
        "She was awarded the Order of the Silver Gull (1984)."
    )
    assert ("The Owl and the Lantern", "release_year", "1979") in rels
    assert not any(p == "release_year" and "Gull" in s for s, p, _ in rels)


def test_a_person_article_is_not_about_the_tv_series_it_names() -> None:
    work, rels = _facts(
        "Mei Lan (born 1980) is a Chinese singer. She starred in a Chinese TV series in 2004. "
        "Her song was used in a Chinese TV series."
    )
    assert work is None or "TV" not in work
    assert not any(p == "appears_in" for _, p, _ in rels)


def test_cast_lists_after_the_film_stars_and_the_cast_included() -> None:
    _, rels = _facts(
        "Lowmoor is a 1998 film directed by Ada Rune. The screenplay was written by Tam Oduya. "
        "The film stars Jon Hale, Mara Vint and Cole Dray. The cast included Pia Sand and Kel Darrow."
    )
    for actor in ("Jon Hale", "Mara Vint", "Cole Dray", "Pia Sand", "Kel Darrow"):
        assert ("Lowmoor", "cast_member", actor) in rels
    assert ("Lowmoor", "written_by", "Tam Oduya") in rels


def test_a_named_list_of_other_things_is_no_cast() -> None:
    _, rels = _facts(
        "Lowmoor is a 1998 film directed by Ada Rune. Its crew visited Paris, Lyon and Nantes. "
        "The film's stars praised the script."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


def _review(body: str) -> set[tuple[str, str, str]]:
    """A short review of an invented film (a title line, then prose), its relations by name."""
    return _facts(f"Lowmoor Review\n\nLowmoor is a tense thriller. {body}")[1]


def test_played_by_before_the_character() -> None:
    rels = _review("Played by Jon Hale, Captain Ezra Vane is a tired smuggler. Vane hunts Mara Quell.")
    assert ("Captain Ezra Vane", "portrayed_by", "Jon Hale") in rels
    assert ("Jon Hale", "appears_in", "Lowmoor") not in rels


def test_enables_an_actor_to_play_and_not_a_game() -> None:
    rels = _review("The script enables Jon Hale to play Ezra Vane with menace. Vane hunts Mara Quell.")
    assert ("Ezra Vane", "portrayed_by", "Jon Hale") in rels
    rels = _review("Ezra Vane lets Mara Quell play chess. Vane hunts Mara Quell.")
    assert not any(p == "portrayed_by" for _, p, _ in rels)


def test_last_appearance_as_and_portrayal_of() -> None:
    rels = _review("Mara Tull, in her last appearance as Ilse Marr, is superb. Ilse Marr hunts Bo Lund.")
    assert ("Ilse Marr", "portrayed_by", "Mara Tull") in rels
    rels = _review("Jon Hale's portrayal of Ezra Vane is chilling. Vane hunts Mara Quell.")
    assert ("Ezra Vane", "portrayed_by", "Jon Hale") in rels
    rels = _review("Ezra Vane's defeat of Mara Quell is chilling. Vane hunts Bo Lund.")
    assert not any(p == "portrayed_by" for _, p, _ in rels)


def test_two_characters_and_their_two_actors_in_brackets() -> None:
    rels = _review("Ezra Vane and Ilse Marr (Jon Hale and Mara Tull) hunt Bo Lund across the marsh.")
    assert ("Ezra Vane", "portrayed_by", "Jon Hale") in rels
    assert ("Ilse Marr", "portrayed_by", "Mara Tull") in rels


def test_people_named_after_a_cue_word_are_persons() -> None:
    rels = _review("Star Jon Hale's willingness to look foolish helps. Ezra Vane hunts Bo Lund.")
    assert not any("Star" in s or "Jon Hale" in s for s, p, _ in rels if p == "appears_in")
    rels = _review("It comes from directors Ada Rune, Tam Oduya and Kel Darrow. Ezra Vane hunts Bo Lund.")
    assert not any(s in ("Ada Rune", "Tam Oduya", "Kel Darrow") for s, p, _ in rels if p == "appears_in")


def test_crew_of_the_score_is_no_character() -> None:
    rels = _review("The score, composed by Kel Darrow, hums. Ezra Vane hunts Bo Lund.")
    assert ("Kel Darrow", "appears_in", "Lowmoor") not in rels


def test_an_alias_with_its_real_name_in_brackets_is_no_credit() -> None:
    text = "Lowmoor Plot\n\nThe Gray Widow (Mara Quell) hunts Bo Lund. Later the Widow betrays Bo Lund."
    rels = _facts(text)[1]
    assert not any(p == "portrayed_by" for _, p, _ in rels)
    rels = _review("Captain Ezra Vane (Jon Hale) hunts Bo Lund across the marsh.")
    assert ("Captain Ezra Vane", "portrayed_by", "Jon Hale") in rels


def test_a_cinematic_universe_is_a_universe() -> None:
    _, rels = _facts(
        "Lowmoor Review\n\nLowmoor expands the Ironclad Cinematic Universe. Ezra Vane hunts Bo Lund."
    )
    assert ("Lowmoor", "part_of_universe", "Ironclad Cinematic Universe") in rels


def test_franchise_colon_title_from_the_title_line_is_one_work() -> None:
    work, rels = _facts(
        "Ironclad: Salt and Ember Review\n\nIronclad: Salt and Ember is grim fun. Ezra Vane hunts Bo Lund."
    )
    assert work == "Ironclad: Salt and Ember"
    assert not any(s in ("Salt", "Ember") for s, p, _ in rels if p == "appears_in")


def test_a_title_in_quotes_or_italics_is_the_work() -> None:
    work, _ = _facts('I finally saw "Salt and Ember" last night. Ezra Vane hunts Bo Lund across the marsh.')
    assert work == "Salt and Ember"
    html = (
        "<html><body><p>I finally saw <i>Salt and Ember</i> last night. "
        "Ezra Vane hunts Bo Lund across the marsh.</p></body></html>"
    )
    assert _facts(html)[0] == "Salt and Ember"
    work, _ = _facts('It was, as she said, "a real treat". Ezra Vane hunts Bo Lund across the marsh.')
    assert work != "a real treat"
    work, _ = _facts('Mae Dorn, known as "Wren", sings again. Ezra Vane hunts Bo Lund across the marsh.')
    assert work != "Wren"  # a quoted nickname is no title


def test_a_fan_of_the_tv_series_names_no_work() -> None:
    work, _ = _facts(
        "As a fan of the '60s TV series, I expected more. Ezra Vane hunts Bo Lund across the marsh."
    )
    assert work is None or "TV" not in work


def test_an_episode_is_part_of_its_series() -> None:
    _, rels = _facts(
        '"Lost Harbor" is the second episode of The Wardens\' twentieth season. It aired in 2009.'
    )
    assert ("Lost Harbor", "part_of_series", "The Wardens") in rels
    _, rels = _facts(
        '"Lost Harbor" is the tenth episode of the ninth season of the comedy series Grey Lantern.'
    )
    assert ("Lost Harbor", "part_of_series", "Grey Lantern") in rels
    _, rels = _facts('"Lost Harbor" is the tenth episode of the season, written by Tam Oduya.')
    assert not any(p == "part_of_series" for _, p, _ in rels)


def test_lead_years_and_release_phrases_of_a_song() -> None:
    _, rels = _facts('"Paper Lanterns" is a 1967 single credited to Mae Dorn.')
    assert ("Paper Lanterns", "release_year", "1967") in rels
    _, rels = _facts('Released as a single in January 1991, "Paper Lanterns" reached number seven.')
    assert ("Paper Lanterns", "release_year", "1991") in rels
    _, rels = _facts("Blade 2049 is a film directed by Ada Rune.")
    assert not any(p == "release_year" for _, p, _ in rels)  # a number in the title is no year


def test_a_lead_with_a_foreign_name_clause_and_a_demonym_series() -> None:
    work, _ = _facts("Wirebots: Trick Circuit, known in Japan as, is a racing video game published by Kelvo.")
    assert work == "Wirebots: Trick Circuit"
    work, _ = _facts(
        "Mei Lan sang the theme of a Chinese TV series. The Chinese TV series ran for years. Later a Chinese "
        "TV series used her song."
    )
    assert work != "Chinese"


def test_each_credit_verb_keeps_its_own_agent() -> None:
    _, rels = _facts(
        "Lowmoor is a 2004 film. It was written by Tam Oduya and Pia Sand, and was produced by Kel Darrow. "
        "The sequel was written by Ada Rune and directed by Jon Hale."
    )
    assert ("Lowmoor", "written_by", "Tam Oduya") in rels
    assert ("Lowmoor", "produced_by", "Kel Darrow") in rels
    assert ("Lowmoor", "produced_by", "Tam Oduya") not in rels
    assert ("Lowmoor", "written_by", "Kel Darrow") not in rels


def test_a_performer_article_makes_the_performer_cast_of_the_works_acted_in() -> None:
    _, rels = _facts(
        "Dara Voss (born 4 May 1980) is an Irish actor and singer. He appeared in Gray Harbor (2004)"
        " and Lowtide (2006). In 2009, he had a minor role in the Welsh film Cold Quay."
    )
    for work in ("Gray Harbor", "Lowtide", "Cold Quay"):
        assert (work, "cast_member", "Dara Voss") in rels


def test_a_performer_article_credits_nothing_the_performer_did_not_act_in() -> None:
    _, rels = _facts(
        "Dara Voss (born 4 May 1980) is an Irish actor and singer. She directed Brine Hill (2010)."
        " Mira Tull appeared in Salt Quay (2011). He appeared in London."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


def test_acting_verbs_in_an_article_about_a_director_credit_no_cast() -> None:
    _, rels = _facts(
        "Olan Vesk (born 1931) is a Danish director and painter. He appeared in Gray Harbor (2004)."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


def test_starred_a_as_x_lists_cast_and_characters() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1961 British film. The film was directed by Olan Vesk and starred Mira Tull"
        " as Helen, Jon Hale as Marcus, and Cole Dray as Petra."
    )
    for actor, role in (("Mira Tull", "Helen"), ("Jon Hale", "Marcus"), ("Cole Dray", "Petra")):
        assert ("Gray Harbor", "cast_member", actor) in rels
        assert (role, "portrayed_by", actor) in rels
    assert ("Gray Harbor", "directed_by", "Mira Tull") not in rels  # the verb's misparse
    assert ("Gray Harbor", "directed_by", "Olan Vesk") in rels


def test_a_cast_list_ends_at_an_item_that_is_no_name() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1961 British film. It stars Lara Finch as Dot, and was shot in the Dark Vale."
    )
    assert ("Gray Harbor", "cast_member", "Lara Finch") in rels
    assert not any(o in ("Dark Vale", "the Dark Vale") for _, p, o in rels if p == "cast_member")


def test_a_dated_title_in_a_list_has_its_year_whatever_the_ner_calls_it() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1930 Indian silent film directed by Olan Vesk. Gray Harbor was the first of"
        " them, followed by Rani Tell (1930) and Zulom (1931)."
    )
    assert ("Rani Tell", "release_year", "1930") in rels
    assert ("Zulom", "release_year", "1931") in rels


def test_a_person_with_dates_is_no_dated_title() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1930 Indian silent film directed by Olan Vesk (1901–1966). Olan Vesk"
        " (born 1901) wrote it."
    )
    assert not any(s == "Olan Vesk" and p == "release_year" for s, p, _ in rels)


def test_the_protagonist_is_x_makes_x_a_character_of_the_work() -> None:
    _, rels = _facts(
        "Salt Row is the third novel in Ada Rune's series The Wardens. The protagonist is Florin, an"
        " escaped prisoner. The publisher is Gale Press."
    )
    assert ("Florin", "appears_in", "Salt Row") in rels
    assert not any(s == "Gale Press" and p == "appears_in" for s, p, _ in rels)


def test_a_performer_is_cast_of_the_work_of_her_role_and_titles_keep_their_words() -> None:
    _, rels = _facts(
        "Dara Voss (born 4 May 1980) is an Irish actor known for her role as Mira Quell in the drama"
        " Cold Quay. She has gained attention for her roles in Blue Finch (2005). She appeared in"
        " Hart of Dixon and the BBC's Lantern Row."
    )
    for work in ("Cold Quay", "Blue Finch", "Hart of Dixon", "Lantern Row"):
        assert (work, "cast_member", "Dara Voss") in rels
    assert not any(w in ("Hart", "BBC's Lantern Row") for w, p, _ in rels if p == "cast_member")


def test_someone_elses_roles_credit_the_performer_nothing() -> None:
    _, rels = _facts(
        "Dara Voss (born 4 May 1980) is an Irish actor. Her sister Mira Voss's roles in Iron Bell were"
        " praised. Mira Voss had a role in Salt Quay (2001)."
    )
    assert not any(p == "cast_member" for _, p, _ in rels)


def test_a_cast_list_takes_initials_and_one_word_stage_names() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1930 Indian silent film directed by Olan Vesk. The cast included Mane Tol,"
        " P. Jairon, Sakrel and Shankar Bhol."
    )
    for actor in ("Mane Tol", "P. Jairon", "Sakrel", "Shankar Bhol"):
        assert ("Gray Harbor", "cast_member", actor) in rels


def test_a_cast_list_stops_at_a_common_phrase() -> None:
    _, rels = _facts(
        "Gray Harbor is a 1930 Indian silent film directed by Olan Vesk. The cast included Mane Tol,"
        " several Dutch extras and Sakrel."
    )
    assert ("Gray Harbor", "cast_member", "Mane Tol") in rels
    assert ("Gray Harbor", "cast_member", "Sakrel") not in rels


def test_a_dated_title_in_an_article_keeps_its_own_credits() -> None:
    _, rels = _facts(
        "Olan Vesk (born 1960) is an Indian actor and writer. His first script for another director"
        " was Salt Quay (2015), directed by Ada Rune."
    )
    assert ("Salt Quay", "directed_by", "Ada Rune") in rels


def test_an_undated_name_before_a_credit_gets_none() -> None:
    _, rels = _facts(
        "Olan Vesk (born 1960) is an Indian actor and writer. He met Mara Lind, directed by Ada Rune"
        " in a play."
    )
    assert not any(p == "directed_by" for _, p, _ in rels)
