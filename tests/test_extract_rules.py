"""The rule extractor on invented texts, one construction at a time, with negative cases."""

from __future__ import annotations

import hashlib

import pytest

from universe_graph.extract import WorkHint, extractors, get_extractor
from universe_graph.model import CanonTier, ClaimSet, Entity, Event, Relation, Source, SourceKind


def extract(text: str, title: str | None = None) -> ClaimSet:
    source = Source(
        id="t",
        location="t.txt",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    claims = get_extractor("rules.v2").run(text, source, WorkHint(title=title) if title else None).claims
    items: list[Entity | Relation | Event] = [*claims.entities, *claims.relations, *claims.events]
    for item in items:
        for ev in item.evidence:
            assert ev.quote == text[ev.start : ev.end]  # every quote exact
            assert (ev.extractor, ev.extractor_version) == ("rules", "v2")
    return claims


def triples(claims: ClaimSet) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in claims.entities}
    return {(names[r.subject], r.predicate, names.get(str(r.object), "")) for r in claims.relations}


def entity(claims: ClaimSet, name: str) -> tuple[str, bool] | None:
    for e in claims.entities:
        if e.name == name:
            return e.type.value, e.in_universe
    return None


def test_registry_names_extractors_by_version() -> None:
    assert "rules.v2" in extractors()


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
        "Emberfall\n\nThe Emberfall movie is a spin-off set in the Ashen Crown universe. "
        "At the center of it all is Tam Okoro, a blacksmith. Tam Okoro joins the Iron Circle. "
        "Tam's journey is long. Bren Kale trains Tam Okoro. Bren Kale appears once."
    )
    t = triples(c)
    assert ("Emberfall", "part_of_universe", "Ashen Crown universe") in t
    assert ("Emberfall", "protagonist", "Tam Okoro") in t
    assert ("Tam Okoro", "trained_by", "Bren Kale") in t
    assert ("Tam Okoro", "member_of", "Iron Circle") in t
    assert ("Tam Okoro", "appears_in", "Emberfall") in t


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
