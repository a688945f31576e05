"""ask: questions in English over the sample universe, mapped onto the ontology and the named queries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from queryhelp import qfolder, qstore  # noqa: F401
from universe_graph.app import ingest_claims
from universe_graph.ask.answer import SUPPORTED, Asker
from universe_graph.ask.chains import Chain
from universe_graph.ask.lexicon import Reading, phrases
from universe_graph.ask.templates import Templates
from universe_graph.errors import CannotAnswer
from universe_graph.fixtures import sample
from universe_graph.model import CanonTier
from universe_graph.ontology import predicates
from universe_graph.stores.sync import UniverseStore

NO_TEMPLATES = Templates({})


def names(store: UniverseStore, question: str, **kw: object) -> list[str]:
    return [a.name for a in Asker(store, templates=NO_TEMPLATES, **kw).ask(question).answers]  # type: ignore[arg-type]


def test_who_trained_john_wick_reads_the_character(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("who trained John Wick?")
    assert {a.name for a in answer.answers} == {"The Director", "Ruska Roma"}
    assert answer.topic is not None and answer.topic.type == "Character"
    assert "John Wick (character)" in answer.reading and "not John Wick (film)" in answer.reading
    assert answer.chain == "trained_by"
    # the topic is bound, never pasted into the query text
    assert answer.query is not None and answer.topic.iri is not None
    assert answer.topic.iri not in answer.query and "?topic" in answer.query
    assert answer.bindings["topic"] == answer.topic.iri
    steps = [s for support in answer.support for s in support.steps]
    assert steps and all(s.evidence for s in steps)
    assert {e.source for s in steps for e in s.evidence} == {"john-wick-universe"}
    assert all(e.locator.startswith("line ") for s in steps for e in s.evidence)


def test_who_directed_x_reads_the_film(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("who directed John Wick?")
    assert {a.name for a in answer.answers} == {"Chad Stahelski", "David Leitch"}
    assert answer.topic is not None and answer.topic.type == "Film"
    assert "John Wick (film), not John Wick (character)" in answer.reading


def test_a_relation_chain_is_one_query(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("who directed the films that Keanu Reeves acted in?")
    assert answer.chain == "^cast_member/directed_by"
    assert {a.name for a in answer.answers} == {"Chad Stahelski", "David Leitch", "Len Wiseman"}
    assert answer.answers[0].name == "Chad Stahelski"  # three of Keanu Reeves's films: most support first
    assert answer.query is not None and answer.query.count("SELECT") == 2  # one query with one subquery
    first = answer.support[0]
    assert [s.relation for s in first.steps] == ["cast member", "directed by"]


def test_which_films_is_the_director_in(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("which films is the Director in?")
    assert answer.chain == "appears_in"
    assert {a.name for a in answer.answers} == {"Ballerina", "John Wick: Chapter 3 – Parabellum"}


def test_phrases_come_from_every_label_of_the_ontology() -> None:
    table = phrases()
    for info in predicates().values():
        assert any(" ".join(p.words) == info.label.lower() and p.predicate == info.name for p in table), (
            info.name
        )
        assert any(" ".join(p.words) == info.inverse_label.lower() for p in table), info.name
    derived = {(" ".join(p.words), p.predicate, p.reading) for p in table}
    assert ("director", "directed_by", Reading.NOUN) in derived  # agent noun of "directed by"
    assert ("actors", "cast_member", Reading.NOUN) in derived  # of the inverse reading "acted in"
    assert ("releaser", "release_year", Reading.NOUN) not in derived  # no doer for a literal value
    assert ("kill", "killed", Reading.LABEL) in derived  # base form of "killed"


def test_questions_no_one_typed_in(qstore: UniverseStore) -> None:  # noqa: F811
    # word forms and readings derived from labels, not hand-written sentences
    assert "Winston Scott" in names(qstore, "who was Nogi trained by?")
    assert set(names(qstore, "who is the director of Ballerina?")) == {"Len Wiseman"}
    killed = names(qstore, "who killed Iosef Tarasov?")
    assert killed == ["John Wick"]


def test_canon_floor_hides_weaker_sources(qstore: UniverseStore) -> None:  # noqa: F811
    assert "Winston Scott" in names(qstore, "who trained Nogi?")  # a fan source says so
    with pytest.raises(CannotAnswer):
        names(qstore, "who was Nogi trained by?", canon=CanonTier.OFFICIAL)
    strict = names(qstore, "who trained John Wick?", canon=CanonTier.CANON)
    assert set(strict) == {"The Director", "Ruska Roma"}
    answer = Asker(qstore, templates=NO_TEMPLATES, canon=CanonTier.CANON).ask("who trained John Wick?")
    assert answer.query is not None and "?floor" in answer.query  # the tier floor is bound, too
    assert answer.bindings["floor"] == "0 (canon or stronger)"


def test_connection_wants_characters(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("how is Winston connected to John Wick?")
    assert answer.intent == "path" and answer.result is not None
    assert answer.result["source"]["type"] == "Character" and answer.result["target"]["type"] == "Character"
    assert answer.result["target"]["name"] == "John Wick" and answer.result["hops"] == 1
    hop = answer.result["paths"][0][0]
    assert hop["evidence"] and "characters first" in answer.reading


@pytest.fixture(scope="module")
def whole_sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UniverseStore]:
    """The bundled sample as `ingest` stores it, the example review's extracted claims included."""
    store = UniverseStore(tmp_path_factory.mktemp("ask-sample") / "store")
    try:
        ingest_claims(store, sample().claimsets)
        yield store
    finally:
        store.close()


def test_how_is_the_reviews_lead_connected_to_john_wick(whole_sample: UniverseStore) -> None:
    answer = Asker(whole_sample, templates=NO_TEMPLATES).ask("how is Rooney connected to John Wick?")
    assert answer.intent == "path" and answer.result is not None and answer.result["paths"]
    assert answer.result["target"]["type"] == "Character"
    hop = answer.result["paths"][0][0]
    assert any(ev["source"] == "ballerina-review" and ev["quote"] for ev in hop["evidence"])


def test_what_happens_in_the_second_act(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("what happens in the second act of Ballerina?")
    assert answer.intent == "timeline" and answer.result is not None
    acts = answer.result["acts"]
    assert [a["act"] for a in acts] == [2]
    labels = [e["label"] for e in acts[0]["events"]]
    assert "Against the Director's orders, Eve follows the cult's trail to Hallstatt" in labels
    assert all(e["evidence"] for e in acts[0]["events"])


def test_who_is(qstore: UniverseStore) -> None:  # noqa: F811
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("who is Winston?")
    assert answer.intent == "profile" and answer.result is not None
    assert answer.result["entity"]["name"] == "Winston Scott"


def test_unmappable_questions_are_refused_with_supported_forms(qstore: UniverseStore) -> None:  # noqa: F811
    asker = Asker(qstore, templates=NO_TEMPLATES)
    with pytest.raises(CannotAnswer) as exc:
        asker.ask("what is the meaning of life?")
    assert "I can't answer that" in str(exc.value)
    assert exc.value.forms and all(form in SUPPORTED for form in exc.value.forms)
    assert all(form in str(exc.value) for form in exc.value.forms)
    with pytest.raises(CannotAnswer):
        asker.ask("how tall is John Wick?")


def test_an_ambiguous_reading_is_refused_not_guessed(qstore: UniverseStore) -> None:  # noqa: F811
    # "which films is John Wick in": the character appears in the films; the film has no films.
    answer = Asker(qstore, templates=NO_TEMPLATES).ask("which films is John Wick in?")
    assert answer.topic is not None and answer.topic.type == "Character"
    about = Asker(qstore, templates=NO_TEMPLATES).ask("tell me about John Wick")
    assert about.intent == "profile" and "John Wick (Character), not John Wick (film)" in about.reading
    universe = Asker(qstore, templates=NO_TEMPLATES).ask("what universe contains John Wick?")
    assert universe.topic is not None and universe.topic.type == "Film"  # only the film's reading answers


def test_chain_notation_round_trips() -> None:
    chain = Chain.parse("^cast_member/directed_by", distinct=True)
    assert chain.notation() == "^cast_member/directed_by (not the topic)"
    assert chain.is_well_typed() and chain.start_types() == {"Person"}


def test_cli(qfolder: Path, invoke: Invoke) -> None:  # noqa: F811
    done = invoke("--store", qfolder, "ask", "who trained John Wick?")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("John Wick was trained by ")  # the answer first, in a sentence
    assert "evidence:" in done.stdout and "query:" not in done.stdout
    explained = invoke("--store", qfolder, "ask", "who trained John Wick?", "--explain")
    assert "query:" in explained.stdout and "bound ?topic = " in explained.stdout
    data = json.loads(invoke("--store", qfolder, "ask", "who trained John Wick?", "--format", "json").stdout)
    assert {a["name"] for a in data["answers"]} == {"The Director", "Ruska Roma"}
    refused = invoke("--store", qfolder, "ask", "what is the meaning of life?")
    assert refused.exit_code == 1 and "error: I can't answer that" in refused.stderr


def test_learned_templates_do_not_answer_what_they_do_not_know(qstore: UniverseStore) -> None:  # noqa: F811
    asker = Asker(qstore)  # with the MetaQA templates shipped in ingest/mappings/
    with pytest.raises(CannotAnswer) as exc:
        asker.ask("who is the father of John Wick?")  # "father" is in no template and no label
    assert "who is the author of X" in exc.value.forms  # the closest supported forms
    assert asker.ask("which films is Keanu Reeves in?").chain == "^cast_member"
    assert asker.ask("who trained John Wick?").chain == "trained_by"
