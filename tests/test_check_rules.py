"""Each continuity rule on a small crafted universe, both ways: a violation found, a near-miss not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checkhelp import CHAR, FILM, check, event, load, of_rule, review, tiny, write
from universe_graph.check import Severity
from universe_graph.errors import AmbiguousName, NotFound
from universe_graph.model import (
    CanonTier,
    ClaimSet,
    Entity,
    EntityType,
    Evidence,
    Relation,
    Source,
    SourceKind,
)
from universe_graph.vocab import ID_BASE


def findings(tmp_path: Path, data: dict[str, Any], rule: str, *extra: ClaimSet) -> list[Any]:
    return of_rule(check([*load(write(tmp_path, data)), *extra]), rule)


def with_events(**events: list[dict[str, Any]]) -> dict[str, Any]:
    data = tiny()
    for work, listed in events.items():
        data["works"][work]["events"] = listed
    return data


KILL = event("Bo kills Ada", "killing", {"bo": "agent", "ada": "victim"})
WALK = event("Ada walks to Rome", "journey", {"ada": "agent"}, location="rome")


# ---------------------------------------------------------------- 1 dead then alive
def test_dead_then_alive_across_works(tmp_path: Path) -> None:
    [found] = findings(tmp_path, with_events(first=[KILL], second=[WALK]), "dead-then-alive")
    assert found.severity is Severity.ERROR
    assert found.entities == [CHAR + "ada"]
    assert found.works == [FILM + "first", FILM + "second"]
    assert "Ada dies in First" in found.message and "Ada walks to Rome" in found.message
    # both facts carry their evidence: the source, its tier and the line of the universe file
    assert [(c.source, c.tier, c.line is not None) for f in found.facts for c in f.evidence] == [
        ("tiny", CanonTier.CANON, True),
        ("tiny", CanonTier.CANON, True),
    ]


def test_dead_then_alive_within_a_work_by_plot_order(tmp_path: Path) -> None:
    assert findings(tmp_path, with_events(first=[KILL, WALK]), "dead-then-alive")
    assert not findings(tmp_path, with_events(first=[WALK, KILL]), "dead-then-alive")


@pytest.mark.parametrize("framing", ["flashback", "memory", "vision"])
def test_flashback_memory_or_vision_after_death_is_fine(tmp_path: Path, framing: str) -> None:
    seen = {**WALK, "framing": framing}
    assert not findings(tmp_path, with_events(first=[KILL], second=[seen]), "dead-then-alive")


def test_resurrection_between_death_and_return_is_fine(tmp_path: Path) -> None:
    rise = event("Ada rises from the grave", "resurrection", {"ada": "participant"})
    assert not findings(tmp_path, with_events(first=[KILL], second=[rise, WALK]), "dead-then-alive")
    # a resurrection after the return explains nothing
    assert findings(tmp_path, with_events(first=[KILL], second=[WALK, rise]), "dead-then-alive")


def test_death_from_a_fate_relation_at_the_end_of_its_work(tmp_path: Path) -> None:
    data = with_events(first=[WALK], third=[WALK])
    data["characters"]["ada"]["fate"] = [{"status": "dead", "work": "second", "killed_by": ["bo"]}]
    [found] = findings(tmp_path, data, "dead-then-alive")
    assert found.works == [FILM + "second", FILM + "third"]  # the walk in First came before the death
    assert any(f.predicate == "killed" for f in found.facts)


def test_a_survivor_of_a_killing_with_several_victims_is_not_dead(tmp_path: Path) -> None:
    """A gang "kills the dog and robs the man": only a victim whose death is confirmed dies."""
    raid = event(
        "Bo's gang kills Cy and beats Ada", "killing", {"bo": "agent", "cy": "victim", "ada": "victim"}
    )
    data = with_events(first=[raid], second=[WALK])
    data["characters"]["cy"]["fate"] = [{"status": "dead", "work": "first", "killed_by": ["bo"]}]
    assert not findings(tmp_path, data, "dead-then-alive")
    data["works"]["second"]["events"] = [{**WALK, "participants": {"cy": "agent"}}]
    assert findings(tmp_path, data, "dead-then-alive")


def test_in_universe_order_follows_set_after_not_release(tmp_path: Path) -> None:
    """Ada dies in Third, released last; set first (a prequel), Ada's walk in First comes after."""
    data = with_events(third=[KILL], first=[WALK])
    assert not findings(tmp_path, data, "dead-then-alive")  # chronology: first, second, third
    data["works"]["first"]["chronology"], data["works"]["second"]["chronology"] = 2, 3
    data["works"]["third"]["chronology"] = 1
    assert findings(tmp_path, data, "dead-then-alive")


def test_release_year_orders_works_when_nothing_else_does(tmp_path: Path) -> None:
    data = with_events(first=[KILL], second=[WALK])
    for work in data["works"].values():
        del work["release_order"], work["chronology"]
    assert findings(tmp_path, data, "dead-then-alive")
    data["works"]["second"]["year"] = 1999
    assert not findings(tmp_path, data, "dead-then-alive")


# ---------------------------------------------------------------- 2 one body, two places
def _fan_copy(tmp_path: Path, data: dict[str, Any], source: str = "fan-notes", tier: str = "fan") -> Path:
    copy = {**data, "source": {"id": source, "tier": tier}}
    return write(tmp_path, copy, f"{source}.yaml")


def test_one_event_placed_in_two_places_by_two_sources(tmp_path: Path) -> None:
    canon = with_events(
        first=[event("Ada meets Bo", "meeting", {"ada": "agent", "bo": "participant"}, location="rome")]
    )
    fan = with_events(
        first=[event("Ada meets Bo", "meeting", {"ada": "agent", "bo": "participant"}, location="paris")]
    )
    report = check(load(write(tmp_path, canon), _fan_copy(tmp_path, fan)))
    [found] = of_rule(report, "one-body-two-places")
    assert found.severity is Severity.ERROR
    assert found.entities == [CHAR + "ada", CHAR + "bo"]
    assert {c.source for f in found.facts for c in f.evidence} == {"tiny", "fan-notes"}
    assert "Rome" in found.message and "Paris" in found.message


def test_a_place_inside_the_other_is_no_clash(tmp_path: Path) -> None:
    canon = with_events(first=[event("Ada meets Bo", "meeting", {"ada": "agent"}, location="louvre")])
    fan = with_events(first=[event("Ada meets Bo", "meeting", {"ada": "agent"}, location="paris")])
    assert not of_rule(check(load(write(tmp_path, canon), _fan_copy(tmp_path, fan))), "one-body-two-places")


def test_two_places_at_the_same_moment(tmp_path: Path) -> None:
    at = "1999-12-31 23:59"
    data = with_events(
        first=[event("Ada in Rome", "other", {"ada": "agent"}, location="rome", time=at)],
        third=[event("Ada in Paris", "other", {"ada": "agent"}, location="paris", time=at)],
    )
    [found] = findings(tmp_path, data, "one-body-two-places")
    assert found.entities == [CHAR + "ada"] and at in found.message


@pytest.mark.parametrize(("time", "place"), [("1999", "paris"), ("1999-12-31 23:59", "louvre")])
def test_a_year_is_a_span_and_a_place_inside_is_no_clash(tmp_path: Path, time: str, place: str) -> None:
    data = with_events(
        first=[event("Ada in Paris", "other", {"ada": "agent"}, location="paris", time="1999-12-31 23:59")],
        third=[event("Ada elsewhere", "other", {"ada": "agent"}, location=place, time=time)],
    )
    if time == "1999":
        data["works"]["third"]["events"][0]["location"] = "rome"
    assert not findings(tmp_path, data, "one-body-two-places")


# ---------------------------------------------------------------- 3 sources disagree
def test_director_disagreement_marks_the_higher_tier_preferred(tmp_path: Path) -> None:
    fan = tiny()
    fan["people"]["otto"] = {"name": "Otto Other"}
    fan["works"]["first"]["directors"] = ["otto"]
    report = check(load(write(tmp_path, tiny()), _fan_copy(tmp_path, fan)))
    [found] = of_rule(report, "sources-disagree")
    assert found.severity is Severity.WARNING
    assert "director of First" in found.message
    assert [(s.value, [r.id for r in s.sources], s.tier, s.preferred) for s in found.sides] == [
        ("Pat Director", ["tiny"], CanonTier.CANON, True),
        ("Otto Other", ["fan-notes"], CanonTier.FAN, False),
    ]
    assert all(
        c.source in ("tiny", "fan-notes") and c.line for s in found.sides for f in s.facts for c in f.evidence
    )


def test_a_source_naming_more_directors_does_not_disagree(tmp_path: Path) -> None:
    fan = tiny()
    fan["people"]["otto"] = {"name": "Otto Other"}
    fan["works"]["first"]["directors"] = ["pat", "otto"]
    assert not of_rule(check(load(write(tmp_path, tiny()), _fan_copy(tmp_path, fan))), "sources-disagree")


def test_killer_disagreement_from_relations_and_events(tmp_path: Path) -> None:
    canon = with_events(first=[KILL])
    fan = with_events(first=[event("Cy kills Ada", "killing", {"cy": "agent", "ada": "victim"})])
    report = check(load(write(tmp_path, canon), _fan_copy(tmp_path, fan)))
    [found] = of_rule(report, "sources-disagree")
    assert "killer of Ada" in found.message
    assert [(s.value, s.preferred) for s in found.sides] == [("Bo", True), ("Cy", False)]


def test_two_canon_sources_disagreeing_is_an_error_with_no_side_preferred(tmp_path: Path) -> None:
    other = tiny()
    other["works"]["first"]["year"] = 2002
    report = check(load(write(tmp_path, tiny()), _fan_copy(tmp_path, other, "other-canon", "canon")))
    [found] = of_rule(report, "sources-disagree")
    assert found.severity is Severity.ERROR and "release year of First" in found.message
    assert [s.value_ids for s in found.sides] == [[2001], [2002]] and not any(
        s.preferred for s in found.sides
    )


def test_trainer_disagreement(tmp_path: Path) -> None:
    canon, fan = tiny(), tiny()
    canon["characters"]["ada"]["trained_by"] = ["bo"]
    fan["characters"]["ada"]["trained_by"] = ["cy"]
    [found] = of_rule(check(load(write(tmp_path, canon), _fan_copy(tmp_path, fan))), "sources-disagree")
    assert "trainer of Ada" in found.message


TEXT = "A thrilling sequel. At the center of it all is Rooney, a trained assassin."


def test_review_naming_a_lead_the_cast_does_not_know(tmp_path: Path) -> None:
    [found] = findings(tmp_path, tiny(), "sources-disagree", review(TEXT, FILM + "first", "Rooney"))
    assert found.severity is Severity.WARNING
    assert "protagonist of First" in found.message and "not in the cast of First" in found.message
    rooney, ada = found.sides[1], found.sides[0]
    assert (rooney.value, rooney.tier, rooney.preferred) == ("Rooney", CanonTier.REVIEW, False)
    assert rooney.note == "not in the cast of First per tiny (canon)"
    [quoted] = [c for f in rooney.facts for c in f.evidence]
    assert (quoted.source, quoted.tier, quoted.quote, TEXT[quoted.start or 0 : quoted.end]) == (
        "a-review",
        CanonTier.REVIEW,
        "Rooney",
        "Rooney",
    )
    assert (ada.value, ada.tier, ada.preferred, ada.note) == ("Ada", CanonTier.CANON, True, None)


def test_review_naming_the_credited_lead_agrees(tmp_path: Path) -> None:
    assert not findings(tmp_path, tiny(), "sources-disagree", review("Ada leads it.", FILM + "first", "Ada"))


def test_review_naming_a_cast_member_as_lead_disagrees_without_the_cast_note(tmp_path: Path) -> None:
    [found] = findings(tmp_path, tiny(), "sources-disagree", review("Bo leads it.", FILM + "first", "Bo"))
    assert [s.note for s in found.sides] == [None, None]


def test_review_naming_a_lead_for_a_work_with_no_stated_lead_but_a_cast(tmp_path: Path) -> None:
    [found] = findings(tmp_path, tiny(), "sources-disagree", review(TEXT, FILM + "second", "Rooney"))
    [side] = found.sides
    assert side.value == "Rooney" and side.note == "not in the cast of Second per tiny (canon)"
    assert not side.preferred


def test_a_reviewed_work_stored_apart_from_the_film_is_reported_as_info(tmp_path: Path) -> None:
    """A review whose "First" was never linked to the film: its lead cannot be compared, and we say so."""
    apart = review(TEXT.replace("sequel", "First"), ID_BASE + "film/review/a-review/first", "Rooney")
    report = check([*load(write(tmp_path, tiny())), apart])
    assert not of_rule(report, "sources-disagree")
    [found] = of_rule(report, "unlinked-work")
    assert found.severity is Severity.INFO
    assert found.works == [FILM + "first", ID_BASE + "film/review/a-review/first"]
    assert "ingest the review (a-review) again with --about WORK" in found.message
    assert {(c.source, c.tier) for f in found.facts for c in f.evidence} == {
        ("tiny", CanonTier.CANON),
        ("a-review", CanonTier.REVIEW),
    }


def _listing(kind: SourceKind, key: str, title: str) -> ClaimSet:
    """A source of `kind` naming one work `title` with no year (as a metadata dump may)."""
    ev = Evidence(source="listing", extractor="test", extractor_version="1", confidence=1.0, row=2)
    return ClaimSet(
        source=Source(
            id="listing", location="listing.tsv", kind=kind, tier=CanonTier.OFFICIAL, content_hash="0" * 64
        ),
        entities=[Entity(id=ID_BASE + "film/" + key, type=EntityType.FILM, name=title, evidence=[ev])],
    )


def test_an_undated_work_only_structured_sources_name_is_not_reported(tmp_path: Path) -> None:
    """IMDb's undated "First" beside the universe file's: `--about` cannot link it, so nothing is said."""
    assert not findings(tmp_path, tiny(), "unlinked-work", _listing(SourceKind.IMDB, "tt0000001", "First"))


def test_works_with_the_same_title_and_their_own_years_are_not_reported(tmp_path: Path) -> None:
    """A remake: the same title, two years; two works, nothing to link."""
    data = tiny()
    data["works"]["second"]["title"] = "First"
    assert not findings(tmp_path, data, "unlinked-work")
    assert not findings(tmp_path, tiny(), "unlinked-work", review(TEXT, FILM + "first", "Rooney"))


# ---------------------------------------------------------------- 4 relationship turns without cause
def test_allies_and_enemies_at_once(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["ada"].update(ally_of=["bo"], enemy_of=["bo"])
    [found] = findings(tmp_path, data, "turn-without-cause")
    assert found.severity is Severity.WARNING and found.entities == [CHAR + "ada", CHAR + "bo"]
    assert [f.predicate for f in found.facts] == ["ally_of", "enemy_of"]


def test_a_betrayal_explains_the_turn(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["ada"].update(ally_of=["bo"], enemy_of=["bo"])
    data["characters"]["bo"]["betrayed"] = ["ada"]
    assert not findings(tmp_path, data, "turn-without-cause")


def test_turn_across_works_needs_a_betrayal_event_between(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["ada"].update(
        ally_of=[{"key": "bo", "work": "first"}], enemy_of=[{"key": "bo", "work": "third"}]
    )
    [found] = findings(tmp_path, data, "turn-without-cause")
    assert "allies in First, enemies in Third" in found.message
    data["works"]["second"]["events"] = [
        event("Bo sells Ada out", "betrayal", {"bo": "agent", "ada": "victim"})
    ]
    assert not findings(tmp_path, data, "turn-without-cause")


def test_a_betrayal_after_the_turn_explains_nothing(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["ada"].update(
        ally_of=[{"key": "bo", "work": "first"}], enemy_of=[{"key": "bo", "work": "second"}]
    )
    data["works"]["third"]["events"] = [
        event("Bo sells Ada out", "betrayal", {"bo": "agent", "ada": "victim"})
    ]
    assert findings(tmp_path, data, "turn-without-cause")


def test_enemies_reconciling_need_no_cause(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["ada"].update(
        enemy_of=[{"key": "bo", "work": "first"}], ally_of=[{"key": "bo", "work": "third"}]
    )
    assert not findings(tmp_path, data, "turn-without-cause")


# ---------------------------------------------------------------- 5 broken order
@pytest.mark.parametrize("predicate", ["follows", "set_after"])
def test_cycle_in_order(tmp_path: Path, predicate: str) -> None:
    data = tiny()
    data["relations"] = [{"subject": "first", "predicate": predicate, "object": "third"}]
    [found] = findings(tmp_path, data, "order-cycle")
    assert found.severity is Severity.ERROR and predicate in found.message
    assert sorted(found.works) == [FILM + "first", FILM + "second", FILM + "third"]
    assert len(found.facts) == 3 and all(f.evidence for f in found.facts)


def test_no_cycle_in_a_plain_order(tmp_path: Path) -> None:
    assert not findings(tmp_path, tiny(), "order-cycle")


def test_needed_before_first_appearance(tmp_path: Path) -> None:
    data = tiny()
    data["characters"]["bo"]["betrayed"] = [{"key": "cy", "work": "first"}]
    data["works"]["third"]["characters"] = ["cy"]
    [found] = findings(tmp_path, data, "needed-before-appearing")
    assert (
        found.entities == [CHAR + "cy"]
        and "First needs Cy, who first appears later, in Third" in found.message
    )
    data["works"]["first"]["characters"] = ["cy"]
    assert not findings(tmp_path, data, "needed-before-appearing")


# ---------------------------------------------------------------- 6 structure
def _crooked() -> ClaimSet:
    """A source (as another reader might produce it) where a character directs a film."""
    ev = Evidence(source="crooked", extractor="test", extractor_version="1", confidence=1.0, line=3)
    return ClaimSet(
        source=Source(
            id="crooked",
            location="crooked.json",
            kind=SourceKind.TRIPLES,
            tier=CanonTier.FAN,
            content_hash="0" * 64,
        ),
        entities=[
            Entity(id=FILM + "first", type=EntityType.FILM, name="First", evidence=[ev]),
            Entity(id=CHAR + "ada", type=EntityType.CHARACTER, name="Ada", evidence=[ev]),
        ],
        relations=[
            Relation(subject=FILM + "first", predicate="directed_by", object=CHAR + "ada", evidence=[ev])
        ],
    )


def test_shacl_violation_is_a_structure_error_with_its_evidence(tmp_path: Path) -> None:
    report = check([*load(write(tmp_path, tiny())), _crooked()], rules=["structure"])
    assert report.findings and all(f.severity is Severity.ERROR for f in report.findings)
    [found] = report.findings
    assert "the object of directed_by must be a Person" in found.message
    assert found.entities == [CHAR + "ada"]
    assert [(c.source, c.tier, c.location, c.line) for c in found.facts[0].evidence] == [
        ("crooked", CanonTier.FAN, "crooked.json", 3)
    ]


def test_a_clean_universe_has_no_structure_findings(tmp_path: Path) -> None:
    assert not check(load(write(tmp_path, tiny())), rules=["structure"]).findings


# ---------------------------------------------------------------- canon tiers, works, verdicts
def test_canon_keeps_only_facts_at_that_tier_or_stronger(tmp_path: Path) -> None:
    claimsets = [*load(write(tmp_path, tiny())), review(TEXT, FILM + "first", "Rooney")]
    assert of_rule(check(claimsets, canon=CanonTier.REVIEW), "sources-disagree")
    assert of_rule(check(claimsets, canon=CanonTier.FAN), "sources-disagree")
    report = check(claimsets, canon=CanonTier.OFFICIAL)
    assert not report.findings and [s.id for s in report.sources] == ["tiny"]


def test_canon_drops_a_fan_death_that_breaks_continuity(tmp_path: Path) -> None:
    fan = with_events(first=[KILL])
    paths = (write(tmp_path, with_events(second=[WALK])), _fan_copy(tmp_path, fan))
    assert of_rule(check(load(*paths)), "dead-then-alive")
    assert not of_rule(check(load(*paths), canon=CanonTier.OFFICIAL), "dead-then-alive")


def test_work_keeps_the_findings_about_that_work(tmp_path: Path) -> None:
    data = with_events(first=[KILL], second=[WALK])
    data["characters"]["ada"].update(ally_of=["bo"], enemy_of=["bo"])
    claimsets = load(write(tmp_path, data))
    assert {f.rule for f in check(claimsets).findings} == {"dead-then-alive", "turn-without-cause"}
    for name in ("Second", "second", FILM + "second"):
        report = check(claimsets, work=name)
        assert report.work == FILM + "second" and [f.rule for f in report.findings] == ["dead-then-alive"]
    assert not check(claimsets, work="Third").findings


def test_unknown_or_ambiguous_work_refuses_to_guess(tmp_path: Path) -> None:
    data = tiny()
    data["works"]["third"]["aliases"] = ["Sequel"]
    data["works"]["second"]["aliases"] = ["Sequel"]
    claimsets = load(write(tmp_path, data))
    with pytest.raises(NotFound, match="did you mean: First"):
        check(claimsets, work="Frist")
    with pytest.raises(AmbiguousName, match=r"Second.*Third"):
        check(claimsets, work="sequel")
    with pytest.raises(NotFound, match="no rule named 'nope'"):
        check(claimsets, rules=["nope"])


@pytest.mark.parametrize(
    ("fail_on", "ok"), [("error", True), ("warning", False), ("info", False), ("never", True)]
)
def test_fail_on_a_warning(tmp_path: Path, fail_on: str, ok: bool) -> None:
    report = check([*load(write(tmp_path, tiny())), review(TEXT, FILM + "first", "Rooney")], fail_on=fail_on)
    assert report.counts == {"error": 0, "warning": 1, "info": 0}
    assert report.ok is ok
