"""What a person reads in `timeline` and `profile`: short event labels with kind and act, review events
marked against the curated ones, and each profile fact once with its quotes and locators."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke
from queryhelp import qfolder, qstore  # noqa: F401
from universe_graph.query.timeline import EventParticipant, TimelineEvent, short_label, timeline
from universe_graph.stores.sync import UniverseStore


def event(label: str, kind: str, people: list[tuple[str, str]], place: str | None = None) -> TimelineEvent:
    return TimelineEvent(
        event="urn:x:1", order=1, label=label, kind=kind, act=2, time=None, framing="present",
        location="urn:x:place" if place else None, location_name=place,
        participants=[EventParticipant(iri=f"urn:x:{n}", name=n, role=r) for n, r in people],
        sources=["r"], source_kinds=["review"], tier="review", evidence=[], from_review=True,
    )  # fmt: skip


def test_a_review_sentence_becomes_agent_verb_object_place() -> None:
    said = event(
        "In Varn, she meets with Oda Fenn, a former ballet sister turned broker.",
        "meeting",
        [("Ilse Karr", "agent"), ("Oda Fenn", "participant")],
        "Varn",
    )
    assert short_label(said) == "Ilse Karr meets with Oda Fenn at Varn"
    adverb = event(
        "Oda Fenn quietly betrays Ilse Karr.", "betrayal", [("Oda Fenn", "agent"), ("Ilse Karr", "victim")]
    )
    assert short_label(adverb) == "Oda Fenn betrays Ilse Karr"
    # no verb after the agent in its words: the kind's verb
    kind = event("The duel ends badly for Brand.", "killing", [("Oda Fenn", "agent"), ("Brand", "victim")])
    assert short_label(kind) == "Oda Fenn kills Brand"
    # no agent: its first words, cut
    bare = event("A long storm sweeps over the harbour for three whole nights and days.", "other", [])
    assert short_label(bare) == "A long storm sweeps over the harbour for…"


def test_review_events_are_marked_against_the_curated_ones(qstore: UniverseStore) -> None:  # noqa: F811
    result = timeline(qstore, "Ballerina")
    events = [e for act in result.acts for e in act.events]
    review = [e for e in events if e.from_review]
    curated = [e for e in events if not e.from_review]
    assert [e.label for e in review] == ["Eve burns Hallstatt to the ground"]
    burn = review[0]
    assert burn.short == "Eve Macarro burns at Hallstatt"
    # the curated event of the same act with the same agent and place: "Eve kills the Chancellor"
    retold = next(e for e in curated if e.order == burn.retells)
    assert retold.act == burn.act == 3 and retold.location == burn.location
    assert all(e.retells is None and e.short.startswith(e.label) for e in curated)


def test_timeline_text_prints_the_short_label_kind_act_and_review_mark(invoke: Invoke, qfolder: Path) -> None:  # noqa: F811
    done = invoke("--store", qfolder, "timeline", "Ballerina")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    burn = next(ln for ln in lines if "Eve Macarro burns" in ln)
    assert burn.strip().startswith("8. Eve Macarro burns at Hallstatt  [other; act 3; review, retells ")
    assert "  7. Eve kills the Chancellor at Hallstatt  [killing; act 3]" in lines
    assert sum("Eve burns Hallstatt to the ground" in ln for ln in lines) == 1  # the quote, once


def test_profile_text_shows_each_fact_once_with_quotes_and_locators(invoke: Invoke, qfolder: Path) -> None:  # noqa: F811
    done = invoke("--store", qfolder, "profile", "Winston")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    mcshane = [ln for ln in lines if ln.strip().startswith("portrayed by Ian McShane")]
    assert len(mcshane) == 1 and "(in John Wick, John Wick: Chapter 2," in mcshane[0]
    i = lines.index(mcshane[0])
    under = [ln.strip() for ln in lines[i + 1 : i + 6]]
    assert all(ln.startswith("source john-wick-universe (canon), line ") for ln in under), under
    assert "/works/john-wick-2014/cast/" in "\n".join(under)
    ally = invoke("--store", qfolder, "profile", "Eve Macarro").output.splitlines()
    quoted = [ln for ln in ally if '"Eve fights beside John Wick"' in ln]
    assert len(quoted) == 1 and "source test-review (review), chars " in quoted[0]


def test_ask_profile_says_each_label_once(invoke: Invoke, qfolder: Path) -> None:  # noqa: F811
    done = invoke("--store", qfolder, "ask", "who is Winston?")
    assert done.exit_code == 0, done.output
    line = next(ln for ln in done.stdout.splitlines() if ln.strip().startswith("Portrayed by:"))
    assert line.strip() == "Portrayed by: portrayed by Ian McShane and Colin Woodell"
