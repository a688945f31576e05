"""Names of real plot summaries the NER misreads (rewritten with invented names): a singular name the
NER calls a nationality or group ("his father Cassim") is a character's name; a real demonym or a
plural group word stays no name."""

from __future__ import annotations

from test_extract_rules import entity, extract, triples


def test_a_name_tagged_as_a_nationality_is_a_character() -> None:
    c = extract(
        "Sand Crown is an animated film. Alad Ross meets his father Cassim in the desert. Cassim is a thief."
    )
    assert entity(c, "Cassim") == ("Character", True)
    assert ("Alad Ross", "family_of", "Cassim") in triples(c)


def test_a_demonym_is_no_character() -> None:
    c = extract(
        "Sand Crown is an animated film. Alad Ross meets the Russians in the desert. Russian smugglers "
        "follow him. A Pakistani guide helps him."
    )
    for word in ("Russians", "Russian", "Pakistani"):
        assert entity(c, word) is None
