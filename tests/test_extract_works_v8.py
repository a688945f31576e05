"""Encyclopedic constructions of round 8 (`extract/works.py`, `extract/story_kin.py`), written as
general constructions of encyclopedic English from Re-DocRED dev's classes of misses. Invented
sentences, each construction with its positive and its negative case."""

from __future__ import annotations

from extracthelp import relations_by_name as _rels


# ------------------------------------------------------------ a character's kin share its story
def test_the_kin_a_character_article_names_are_characters_of_its_work() -> None:
    rels = _rels(
        "Vardan is the main character of the ancient epic Suryagatha and plays a key role in its last "
        "book. Vardan was the son of Oshmir, born of Kelani, the first wife of King Tarvesh. He was "
        "married to Ilmara and Dushi at different times. His children included Perun, Sotak and Hemla. "
        "His twin brother Arvan ruled the hills."
    )
    kin = ("Oshmir", "Kelani", "King Tarvesh", "Ilmara", "Dushi", "Perun", "Sotak", "Hemla", "Arvan")
    for name in ("Vardan", *kin):
        assert (name, "appears_in", "Suryagatha") in rels, name


def test_names_near_a_character_without_kinship_are_not_its_story() -> None:
    rels = _rels(
        "Vardan is the main character of the ancient epic Suryagatha. The scholar Emil Rusk translated "
        "the epic in 1902, and Nora Pell studied its sources."
    )
    assert ("Vardan", "appears_in", "Suryagatha") in rels
    assert not any(s in ("Emil Rusk", "Nora Pell") and p == "appears_in" for s, p, _ in rels)
    rels = _rels(  # kin in an article about a real person are not characters of anything
        "Oda Renn (born 1950) is a Norwegian actress. She was the daughter of Karl Renn and was married "
        "to Ivar Holm."
    )
    assert not any(p == "appears_in" for _, p, _ in rels)


# ------------------------------------------------------------ the previous work of the same kind
def test_the_previous_or_next_work_of_the_same_kind_is_its_neighbour() -> None:
    rels = _rels(
        '"Tin Crown" is the ninth episode of the third season of the American television series Harbor '
        'Lights. The total viewership was up marginally from the previous episode, "Salt Road". The '
        'next episode, "Iron Gate", aired a week later.'
    )
    assert ("Tin Crown", "follows", "Salt Road") in rels
    assert ("Iron Gate", "follows", "Tin Crown") in rels
    rels = _rels(
        "Low Meadow is the sixth studio album by folk singer Ana Vey. Vey produced the album with Olan "
        "Brill, who also produced her previous record, Grey Water."
    )
    assert ("Low Meadow", "follows", "Grey Water") in rels


def test_a_previous_work_of_another_kind_or_a_counted_one_is_no_neighbour() -> None:
    rels = _rels(
        '"Paper Moon" is a song by singer Ana Vey, taken from her album Low Meadow. It was written '
        "with Olan Brill, who had worked on her previous album, Grey Water."
    )
    assert not any(p == "follows" for _, p, _ in rels)  # the album's predecessor, not the song's
    rels = _rels(
        "Low Meadow is the sixth studio album by folk singer Ana Vey. Olan Brill produced her previous "
        "albums, Grey Water and Red Field."
    )
    assert not any(p == "follows" for _, p, _ in rels)


# ------------------------------------------------------------ "their story is told in" a work
def test_a_figure_whose_story_is_told_in_an_epic_is_its_character() -> None:
    rels = _rels(
        "Kiran and his twin brother Avel were the sons of Omar and Lesa. Their story is recounted in the "
        "ancient epic, the Suryagatha."
    )
    for name in ("Kiran", "Avel", "Omar", "Lesa"):
        assert (name, "appears_in", "Suryagatha") in rels, name


def test_a_real_persons_story_told_in_a_film_is_no_character() -> None:
    rels = _rels(
        "Ola Brenn (born 1950) is a Norwegian sailor, the son of Karl Brenn. His story is told in the "
        "2010 film Grey Water."
    )
    assert not any(p == "appears_in" for _, p, _ in rels)
    rels = _rels(  # no kind of work named: a place is no story
        "Kiran and Avel were the sons of Omar. Their story is told in Varnesh, where they ruled."
    )
    assert not any(p == "appears_in" for _, p, _ in rels)
