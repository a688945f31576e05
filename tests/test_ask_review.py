"""`ask` after a code review: long titles in yes/no questions, an ambiguous "in WORK", one release
order, and the canon floor applied to the evidence an answer cites. Invented names only.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from universe_graph.app import ingest_claims
from universe_graph.ask.answer import Answer, Asker
from universe_graph.errors import AmbiguousName, CannotAnswer
from universe_graph.ingest import load_paths
from universe_graph.model import CanonTier, ClaimSet, Evidence, Relation, Source, SourceKind
from universe_graph.query.reveal import release_order
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import ID_BASE

TIDEGLASS = """\
format: universe-graph/universe@1
source: {id: tideglass-saga, tier: canon}
universe: {key: tideglass, name: Tideglass saga}
works:
  tideglass-1990:
    title: Tideglass
    kind: film
    year: 1990
    cast:
      - {person: ana-roe, character: mira}
  tideglass-2020:
    title: Tideglass
    kind: film
    year: 2020
    cast:
      - {person: ben-orr, character: mira}
  long-night:
    title: "Tideglass: Episode IV – The Long Night of Mira Vell"
    kind: film
    year: 1995
    cast:
      - {person: ana-roe, character: mira}
      - {person: cal-dunn, character: oskar}
  beta-dawn:
    title: Beta Dawn
    kind: film
    year: 2001
    characters: [oskar]
  alpha-dusk:
    title: alpha dusk
    kind: film
    year: 2001
    characters: [oskar]
characters:
  mira: {name: Mira Vell, trained_by: [oskar]}
  oskar: {name: Oskar Lund}
people:
  ana-roe: {name: Ana Roe}
  ben-orr: {name: Ben Orr}
  cal-dunn: {name: Cal Dunn}
"""
U = ID_BASE + "tideglass/character/"


def fan_source() -> ClaimSet:
    """A fan source repeating a canon fact (Mira trained by Oskar) with its own line, and adding one
    (Oskar trained by Mira) that only it says."""

    def ev(line: int) -> Evidence:
        return Evidence(
            source="tide-fans", extractor="hand", extractor_version="1", confidence=0.5, line=line
        )

    return ClaimSet(
        source=Source(
            id="tide-fans",
            location="tide-fans.txt",
            kind=SourceKind.UNIVERSE,
            tier=CanonTier.FAN,
            content_hash="3" * 64,
        ),
        relations=[
            Relation(subject=U + "mira", predicate="trained_by", object=U + "oskar", evidence=[ev(1)]),
            Relation(subject=U + "oskar", predicate="trained_by", object=U + "mira", evidence=[ev(2)]),
        ],
    )


@pytest.fixture(scope="module")
def tide(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UniverseStore]:
    folder = tmp_path_factory.mktemp("ask-review")
    source = folder / "tideglass.universe.yaml"
    source.write_text(TIDEGLASS, encoding="utf-8")
    store = UniverseStore(folder / "store", read_only=False, projection=False)
    try:
        ingest_claims(store, [*load_paths([source]).claimsets, fan_source()])
        yield store
    finally:
        store.close()


def ask(store: UniverseStore, question: str, canon: CanonTier | None = None) -> Answer:
    return Asker(store, canon=canon).ask(question)


LONG = "Tideglass: Episode IV – The Long Night of Mira Vell"


def test_a_yes_no_question_with_a_long_title_answers_yes_or_no(tide: UniverseStore) -> None:
    """The title holds a name ("Mira Vell") longer than the actor's: every name the title does not
    contain is still read, so the actor is not dropped and the answer is a verdict, not a list."""
    answer = ask(tide, f"did Cal Dunn play Oskar Lund in {LONG}?")
    assert answer.shape == "yes/no" and answer.verdict == "yes", answer.reading
    assert answer.topic is not None and answer.topic.name == "Cal Dunn"
    assert answer.sentence == f"Yes: Cal Dunn portrays Oskar Lund in {LONG}."
    no = ask(tide, f"did Ana Roe play Oskar Lund in {LONG}?")
    assert no.shape == "yes/no" and no.verdict == "not recorded" and not no.support
    inside = ask(tide, f"is Cal Dunn in the {LONG} film?")  # the slot is more than the title
    assert inside.shape == "yes/no" and inside.verdict == "yes", inside.reading


def test_a_yes_no_question_is_never_answered_with_a_list(tide: UniverseStore) -> None:
    with pytest.raises(CannotAnswer) as exc:
        ask(tide, "does Oskar Lund have a dog?")
    assert "yes/no question" in str(exc.value)


def test_an_ambiguous_work_constraint_is_refused_with_the_candidates(tide: UniverseStore) -> None:
    for question in (
        "who plays Mira Vell in Tideglass?",
        "is Ana Roe in Tideglass?",
        "does Mira Vell die in Tideglass?",
    ):
        with pytest.raises(AmbiguousName) as exc:
            ask(tide, question)
        assert "Tideglass (1990)" in str(exc.value) and "Tideglass (2020)" in str(exc.value)
    one = ask(tide, f"who plays Mira Vell in {LONG}?")  # one work of that title: the filter holds
    assert one.within == LONG and [a.name for a in one.answers] == ["Ana Roe"]
    alive = ask(tide, f"does Mira Vell die in {LONG}?")
    assert alive.verdict == "not recorded" and alive.bindings["work"].endswith("/film/long-night")


def test_first_and_last_follow_the_one_release_order(tide: UniverseStore) -> None:
    """Two works of one year and no `follows`: the title decides, case-insensitively, as everywhere."""
    order = release_order(tide)
    appears = ["beta-dawn", "alpha-dusk", "long-night"]
    ranked = sorted((ID_BASE + "film/" + k for k in appears), key=lambda iri: order[iri].position)
    first, last = (
        ask(tide, "what's the first film Oskar Lund appears in?"),
        ask(tide, "what is the last film Oskar Lund appears in?"),
    )
    assert [a.iri for a in first.answers] == ranked[:1] and [a.iri for a in last.answers] == ranked[-1:]
    assert last.answers[0].name == "Beta Dawn"  # "alpha dusk" < "Beta Dawn", whatever the case


def test_the_canon_floor_hides_weaker_evidence_of_a_kept_fact(tide: UniverseStore) -> None:
    """Mira trained by Oskar is said by the canon file and a fan source: under `--canon canon` the
    answer stands on the canon evidence alone; the fan source is cited only without a floor."""
    strict = ask(tide, "who trained Mira Vell?", canon=CanonTier.CANON)
    tiers = {e.tier for s in strict.support for st in s.steps for e in st.evidence}
    assert [a.name for a in strict.answers] == ["Oskar Lund"] and tiers == {"canon"}
    loose = ask(tide, "who trained Mira Vell?")
    assert {e.tier for s in loose.support for st in s.steps for e in st.evidence} == {"canon", "fan"}
    verdict = ask(tide, "was Mira Vell trained by Oskar Lund?", canon=CanonTier.CANON)
    assert verdict.verdict == "yes"
    assert {e.source for s in verdict.support for st in s.steps for e in st.evidence} == {"tideglass-saga"}
