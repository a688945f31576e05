"""What the graph knows of a work types and links a text's names: actors are people, known
characters are the stored entities; an unknown or ambiguous name is left to the rules."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke
from extracthelp import run_rules
from universe_graph.extract import WorkHint
from universe_graph.ingest import load_paths
from universe_graph.known import KnownName, known_for_work, merge_known
from universe_graph.model import ClaimSet, EntityType
from universe_graph.vocab import entity_iri

TEXT = (
    "Harbor Lights\n\nCorin Vale is superb, and Vale's quiet menace carries the film. "
    "Ilsa escapes the harbor with the map, and Ilsa Brandt later betrays Otto Kern in Vostok.\n"
)
ACTOR = KnownName(entity_iri("person", "corin-vale"), EntityType.PERSON, "Corin Vale")
HEROINE = KnownName(entity_iri("harbor", "character", "ilsa"), EntityType.CHARACTER, "Ilsa Brandt", ("Ilsa",))


def extract(text: str, known: tuple[KnownName, ...]) -> ClaimSet:
    return run_rules(text, WorkHint(title="Harbor Lights", known=known))


def by_name(claims: ClaimSet) -> dict[str, tuple[str, str]]:
    return {e.name: (e.type.value, e.id) for e in claims.entities}


def rels(claims: ClaimSet) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in claims.entities}
    return {(names[r.subject], r.predicate, names.get(str(r.object), "")) for r in claims.relations}


def test_without_background_the_actor_is_read_as_a_character() -> None:
    claims = extract(TEXT, ())
    assert by_name(claims)["Corin Vale"][0] == "Character"  # what the rules alone make of it
    assert ("Corin Vale", "appears_in", "Harbor Lights") in rels(claims)


def test_known_actor_is_a_person_and_known_character_is_the_stored_entity() -> None:
    claims = extract(TEXT, (ACTOR, HEROINE))
    names = by_name(claims)
    assert names["Corin Vale"] == ("Person", ACTOR.iri)
    assert names["Ilsa Brandt"] == ("Character", HEROINE.iri)
    assert "Otto Kern" in names and names["Otto Kern"][1] not in (ACTOR.iri, HEROINE.iri)  # unknown: kept
    found = rels(claims)
    assert ("Corin Vale", "appears_in", "Harbor Lights") not in found  # a person is not in the story
    assert ("Ilsa Brandt", "betrayed", "Otto Kern") in found
    assert ("Harbor Lights", "protagonist", "Ilsa Brandt") in found  # the lead is no longer the actor


def test_stored_name_wins_and_the_text_name_becomes_an_alias() -> None:
    text = "Harbor Lights\n\nIlsa escapes the harbor with the map. Ilsa then betrays Otto Kern in Vostok.\n"
    claims = extract(text, (HEROINE,))
    heroine = next(e for e in claims.entities if e.id == HEROINE.iri)
    assert heroine.name == "Ilsa Brandt" and "Ilsa" in heroine.aliases


def test_a_word_shared_by_two_known_names_links_neither() -> None:
    text = "Harbor Lights\n\nBrandt escapes the harbor with the map, and Brandt later betrays Otto Kern.\n"
    uncle = KnownName(entity_iri("harbor", "character", "max"), EntityType.CHARACTER, "Max Brandt")
    claims = extract(text, (HEROINE, uncle))
    assert all(e.id not in (HEROINE.iri, uncle.iri) for e in claims.entities)  # refuse to guess
    claims = extract(text, (HEROINE,))
    assert any(e.id == HEROINE.iri for e in claims.entities)  # one known name with that word: linked


def test_known_for_work_gathers_credits_and_characters_of_that_work_only(shared: Path) -> None:
    from universe_graph.fixtures import sample_path

    loaded = load_paths([sample_path() / "john-wick.universe.yaml"])
    film = entity_iri("film", "ballerina-2025")
    known = {k.name: k for k in known_for_work(loaded.claimsets, film)}
    assert known["Ana de Armas"].type is EntityType.PERSON
    assert known["Len Wiseman"].type is EntityType.PERSON  # crew count too
    assert known["Eve Macarro"].type is EntityType.CHARACTER
    assert "Javier Macarro" in known  # appears without a credit
    assert all(k.type in (EntityType.PERSON, EntityType.CHARACTER) for k in known.values())
    other = {k.name for k in known_for_work(loaded.claimsets, entity_iri("film", "john-wick-2014"))}
    assert "Eve Macarro" not in other  # another work's characters are not this work's
    assert merge_known(tuple(known.values()), tuple(known.values())) == tuple(known.values())


def test_ingest_about_a_stored_work_types_its_actor_as_a_person(tmp_path: Path, invoke: Invoke) -> None:
    from universe_graph.fixtures import sample_path

    folder = tmp_path / "s"
    assert invoke("--store", folder, "ingest", sample_path() / "john-wick.universe.yaml").exit_code == 0
    review = tmp_path / "fan.txt"
    review.write_text(
        "Ballerina\n\nNorman Reedus turns up for one scene, and Reedus makes it count. Eve Macarro hunts "
        "Tova Rinn across the city, and Eve finally defeats Tova Rinn in a snowed-in village.\n",
        encoding="utf-8",
    )
    result = invoke("--store", folder, "ingest", review, "--about", "ballerina-2025")
    assert result.exit_code == 0, result.output
    export = json.loads(invoke("--store", folder, "export", "--format", "json").stdout)
    from_review = {
        e["id"]: e for e in export["entities"] if any(ev["source"] == "fan" for ev in e["evidence"])
    }
    reedus = [e for e in from_review.values() if e["name"] == "Norman Reedus"]
    assert [e["type"] for e in reedus] == ["Person"]
    assert reedus[0]["id"] == entity_iri("person", "norman-reedus")  # the stored person, not a new node
    eve = [e for e in from_review.values() if e["name"] == "Eve Macarro"]
    assert [e["id"] for e in eve] == [entity_iri("john-wick-universe", "character", "eve-macarro")]


UNIVERSE = """format: universe-graph/universe@1
universe: {key: harbor, name: Harbor universe}
works:
  harbor-lights:
    title: Harbor Lights
    kind: film
    year: 2031
    cast:
      - {person: corin-vale, character: ilsa}
characters:
  ilsa: {name: Ilsa Brandt, aliases: [Ilsa]}
people:
  corin-vale: {name: Corin Vale}
"""
GOLD = {
    "work": {"name": "Harbor Lights", "type": "Film"},
    "entities": {
        "required": [
            {"name": "Harbor Lights", "type": "Film"},
            {"name": "Ilsa Brandt", "type": "Character", "aliases": ["Ilsa"]},
            {"name": "Otto Kern", "type": "Character"},
            {"name": "Vostok", "type": "Location"},
        ]
    },
    "relations": {"required": [{"s": "Ilsa Brandt", "p": "betrayed", "o": "Otto Kern"}]},
}


def test_eval_with_a_background_source(tmp_path: Path, invoke: Invoke) -> None:
    text, gold, universe = tmp_path / "t.txt", tmp_path / "t.gold.json", tmp_path / "harbor.yaml"
    text.write_text(TEXT, encoding="utf-8")
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    universe.write_text(UNIVERSE, encoding="utf-8")
    alone = json.loads(invoke("eval", text, "--gold", gold, "--format", "json").stdout)
    known = json.loads(
        invoke("eval", text, "--gold", gold, "--background", universe, "--format", "json").stdout
    )
    # alone: Corin Vale counted as a fifth, false, character: P 4/5; with the background: a person
    assert (alone["entities"]["precision"], alone["entities"]["recall"]) == (0.8, 1.0)
    assert (known["entities"]["precision"], known["entities"]["recall"]) == (1.0, 1.0)
    assert known["relations"]["recall"] == 1.0
    wrong = invoke("eval", text, "--gold", gold, "--background", universe, "--about", "Another Film")
    assert wrong.exit_code == 1 and "harbor.yaml" in wrong.output and "one work" in wrong.output
