"""MetaQA-style questions: templates learned from training questions, eval-qa, and the real kb.txt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.app import ingest_claims
from universe_graph.ask.answer import Asker
from universe_graph.ask.chains import Chain
from universe_graph.ask.crossval import cross_validate
from universe_graph.ask.evaluate import evaluate
from universe_graph.ask.learn import learn
from universe_graph.ask.templates import Templates, load, save
from universe_graph.errors import AmbiguousName, BadInput
from universe_graph.ingest import load_paths
from universe_graph.stores.sync import UniverseStore

KB = """\
Heat|directed_by|Michael Mann
Heat|starred_actors|Al Pacino
Heat|starred_actors|Robert De Niro
Heat|release_year|1995
Collateral|directed_by|Michael Mann
Collateral|starred_actors|Tom Cruise
Collateral|release_year|2004
Ronin|directed_by|John Frankenheimer
Ronin|starred_actors|Robert De Niro
Ronin|release_year|1998
HEAT|directed_by|Someone Else
"""
TRAIN = """\
who directed [Ronin]\tJohn Frankenheimer\tmovie_to_director
what films did [Robert De Niro] act in\tHeat|Ronin\tactor_to_movie
what films did [Tom Cruise] act in\tCollateral\tactor_to_movie
when were the films directed by [Michael Mann] released\t1995|2004\tdirector_to_movie_to_year
who acted in the films directed by [John Frankenheimer]\tRobert De Niro\tdirector_to_movie_to_actor
which films share a director with [Collateral]\tHeat\tmovie_to_director_to_movie
"""
TEST = """\
who directed [Collateral]\tMichael Mann\tmovie_to_director
what films did [Al Pacino] act in\tHeat\tactor_to_movie
when were the films directed by [John Frankenheimer] released\t1998\tdirector_to_movie_to_year
which films share a director with [Heat]\tCollateral\tmovie_to_director_to_movie
who acted in the films directed by [Michael Mann]\tRobert De Niro|Al Pacino|Tom Cruise\tdirector_to_movie_to_actor
"""  # noqa: E501


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[UniverseStore, Path]]:
    folder = tmp_path_factory.mktemp("metaqa-small")
    kb = folder / "kb.txt"
    kb.write_text(KB, encoding="utf-8")
    store = UniverseStore(folder / "store", read_only=False, projection=False)
    try:
        ingest_claims(store, load_paths([kb]).claimsets)
        yield store, folder
    finally:
        store.close()


def test_templates_are_learned_from_questions_and_answers(small: tuple[UniverseStore, Path]) -> None:
    store, folder = small
    train = folder / "train.tsv"
    train.write_text(TRAIN, encoding="utf-8")
    data = learn(store.canonical, [train])
    chains = {t: (v.chain, v.distinct) for t, v in data.templates.items()}
    assert chains["who directed NE"] == ("directed_by", False)
    assert chains["what films did NE act in"] == ("^cast_member", False)
    assert chains["when were the films directed by NE released"] == ("^directed_by/release_year", False)
    assert chains["who acted in the films directed by NE"] == ("^directed_by/cast_member", True)
    assert chains["which films share a director with NE"] == ("directed_by/^directed_by", True)
    path = folder / "learned.yaml"
    save(path, data)
    assert load(path).table["which films share a director with NE"] == Chain.parse(
        "directed_by/^directed_by", True
    )


def test_eval_never_reads_the_question_type(small: tuple[UniverseStore, Path]) -> None:
    store, folder = small
    train = folder / "train.tsv"
    train.write_text(TRAIN, encoding="utf-8")
    path = folder / "learned.yaml"
    save(path, learn(store.canonical, [train]))
    asker = Asker(store, templates=load(path))
    typed, untyped = folder / "typed.tsv", folder / "untyped.tsv"
    typed.write_text(TEST, encoding="utf-8")
    untyped.write_text(
        "".join(line.rsplit("\t", 1)[0] + "\n" for line in TEST.splitlines()), encoding="utf-8"
    )
    with_types, without = evaluate(asker, typed), evaluate(asker, untyped)
    assert with_types.hits == without.hits == 5 and with_types.hits_at_1 == 1.0
    assert set(with_types.by_type) == {
        "movie_to_director",
        "actor_to_movie",
        "director_to_movie_to_year",
        "movie_to_director_to_movie",
        "director_to_movie_to_actor",
    }
    assert set(without.by_type) == {"all"}
    # the topic is left out of answers that could include it, as the training answers showed
    answer = asker.ask("which films share a director with [Heat]")
    assert [a.name for a in answer.answers] == ["Collateral"]


def test_a_name_that_fits_two_entities_is_refused(small: tuple[UniverseStore, Path]) -> None:
    store, _ = small
    asker = Asker(store, templates=Templates({"who directed NE": Chain.parse("directed_by")}))
    assert [a.name for a in asker.ask("who directed [HEAT]").answers] == ["Someone Else"]  # exact name first
    with pytest.raises(AmbiguousName) as exc:
        asker.ask("who directed [heat]")  # only case-insensitively: "Heat" and "HEAT", both films
    assert "Heat (Film)" in str(exc.value) and "HEAT (Film)" in str(exc.value)


def test_unseen_templates_borrow_a_near_template_with_its_relation_words_swapped() -> None:
    table = Templates(
        {
            "who directed NE": Chain.parse("directed_by"),
            "what films did NE direct": Chain.parse("^directed_by"),
            "what was written by NE": Chain.parse("^written_by"),
            "who is NE written by": Chain.parse("written_by"),
            "when were the films directed by NE released": Chain.parse("^directed_by/release_year"),
        }
    )
    assert table.word_predicates()["directed"] == "directed_by"
    assert table.word_predicates()["written"] == "written_by"
    (best, *_) = table.analogies("when were the films written by NE released")
    assert best[2] == Chain.parse("^written_by/release_year")


def test_bad_question_files_are_located(tmp_path: Path, small: tuple[UniverseStore, Path]) -> None:
    store, _ = small
    bad = tmp_path / "q.tsv"
    bad.write_text("who directed [Heat]\tMichael Mann\nwho directed Heat\tMichael Mann\n", encoding="utf-8")
    with pytest.raises(BadInput) as exc:
        evaluate(Asker(store, templates=Templates({})), bad)
    assert f"{bad}:2: question: the question names no [topic entity]" in str(exc.value)


def test_metaqa_kb_and_dev_questions(tmp_path: Path, shared: Path, invoke: Invoke) -> None:
    """The real kb.txt (128,185 triples) loads into its own store; eval-qa on a slice of each dev file."""
    store = tmp_path / "metaqa"
    done = invoke("--store", store, "ingest", shared / "data/metaqa/kb.txt")
    assert done.exit_code == 0, done.stderr
    assert "128185 relations" in done.stdout
    for hop in (1, 2, 3):
        ran = invoke("--store", store, "eval-qa", shared / f"data/metaqa/{hop}hop_dev.tsv", "--limit", "150",
                     "--format", "json")  # fmt: skip
        assert ran.exit_code == 0, ran.stderr
        report = json.loads(ran.stdout)
        assert report["questions"] == 150 and report["hits_at_1"] >= 0.99, report["misses"]
    answer = json.loads(
        invoke(
            "--store", store, "ask", "who directed the films that [Keanu Reeves] acted in", "--format", "json"
        ).stdout
    )
    assert answer["chain"].startswith("^cast_member/directed_by")
    assert "Chad Stahelski" in {a["name"] for a in answer["answers"]}
    step = answer["support"][0]["steps"][0]
    assert step["evidence"][0]["source"] == "kb" and step["evidence"][0]["locator"].startswith("line ")


def test_learn_and_eval_through_the_cli(tmp_path: Path, invoke: Invoke) -> None:
    kb, train, test = tmp_path / "kb.txt", tmp_path / "train.tsv", tmp_path / "test.tsv"
    kb.write_text(KB, encoding="utf-8")
    train.write_text(TRAIN, encoding="utf-8")
    test.write_text(TEST, encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", kb).exit_code == 0
    learned = invoke("--store", store, "learn-qa", train, "-o", tmp_path / "learned.yaml")
    assert learned.exit_code == 0 and "5 templates" in learned.stdout
    assert "which films share a director with NE" in (tmp_path / "learned.yaml").read_text(encoding="utf-8")
    report = invoke("--store", store, "eval-qa", test, "--limit", "2")
    assert report.exit_code == 0, report.stderr
    assert (
        "Hits@1" in report.stdout and "questions/s" in report.stdout and "movie_to_director" in report.stdout
    )


CROSS = """\
who directed [Ronin]\tJohn Frankenheimer
who directed [Heat]\tMichael Mann
who is the director of [Collateral]\tMichael Mann
what films did [Robert De Niro] act in\tHeat|Ronin
what movies did [Tom Cruise] act in\tCollateral
what films did [Al Pacino] star in\tHeat
[Heat], is it any good\tgood
[Collateral] zorp\t2004
[Ronin] zorp\t1998
"""


def test_cross_validation_holds_out_each_template_once(small: tuple[UniverseStore, Path]) -> None:
    """Each template is answered by a table learned without it: phrasings the ontology's labels or
    a near template cover are hits, one with no relation word is a located miss."""
    store, folder = small
    questions = folder / "cross.tsv"
    questions.write_text(CROSS, encoding="utf-8")
    result = cross_validate(store, questions, folds=3, per_held=5)
    assert result.templates == 7 and sum(f.templates for f in result.by_fold) == 7
    assert result.questions == 9 and [f.fold for f in result.by_fold] == [1, 2, 3]
    # "NE zorp" is learnable (both its questions have one chain: the release year), never from its own fold
    missed = {m.line: m for m in result.misses}
    assert sorted(missed) == [7, 8, 9]
    assert all("can't answer" in str(m.why) for m in missed.values())
    assert result.hits == 6 and result.hits_at_1 == pytest.approx(6 / 9)
    learned = learn(store.canonical, [questions])
    assert learned.templates["NE zorp"].chain == "release_year"
    with pytest.raises(ValueError, match="at least 2 folds"):
        cross_validate(store, questions, folds=1)


def test_cross_validation_through_the_cli(tmp_path: Path, invoke: Invoke) -> None:
    kb, questions = tmp_path / "kb.txt", tmp_path / "cross.tsv"
    kb.write_text(KB, encoding="utf-8")
    questions.write_text(CROSS, encoding="utf-8")
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", kb).exit_code == 0
    done = invoke("--store", store, "eval-qa", questions, "--cross-validate", "3", "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["hits"] == 6 and json.loads(done.stdout)["questions"] == 9
    both = invoke("--store", store, "eval-qa", questions, "--cross-validate", "3", "--limit", "2")
    assert both.exit_code == 2 and "do not combine" in both.stderr
