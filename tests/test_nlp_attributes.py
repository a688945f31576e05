"""The attribute ruler's indexed matches are exactly the stock matcher's (so tags, POS, morphology
and lemmas, and every claim, are unchanged), on sentences that exercise each kind of pattern."""

from __future__ import annotations

from typing import Any

import pytest

from universe_graph.extract.nlp import IndexedMatches, nlp

SENTENCES = [
    # tag alone, lower-case form and tag, two tokens ("ai n't", "gon na", "got ta", "let 's")
    "I ai n't gon na lie: we got ta go, so let 's leave before the guards wake.",
    # regular expressions on the lower-case form ("nothin'", "y' all"), "c'm on"
    "There 's nothin' left for y' all here , c'm on . Y all stay .",
    # dependency labels: "I"/"you"/"it" as subject and object, auxiliaries, "there is", "but" as adverb
    "You saw it and it saw you; I have been warned, but I did not listen to them.",
    "Mara Quell, who had never trusted him, is the one that Ivo Varo betrays in Calder.",
    # spaces: a run of spaces is its own token
    "The heist   fails .\n\n  The crew scatters.",
    "",
]


def _stock(ruler: Any, doc: Any) -> list[tuple[int, int, int, int]]:
    from spacy.pipeline.attributeruler import AttributeRuler

    return sorted(set(AttributeRuler.match(ruler, doc)))


def _parsed(text: str) -> Any:
    pipeline = nlp()
    with pipeline.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return pipeline(text)


def test_the_pipeline_uses_the_index() -> None:
    assert isinstance(nlp().get_pipe("attribute_ruler").match, IndexedMatches)


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_the_stock_matcher(text: str) -> None:
    ruler = nlp().get_pipe("attribute_ruler")
    doc = _parsed(text)
    indexed = ruler.match(doc)
    assert indexed == _stock(ruler, doc)
    assert len(indexed) >= len(doc)  # every token has a tag pattern at least


def test_two_token_and_regex_patterns_do_match() -> None:
    """Not vacuous: the rare patterns (two tokens, regular expressions) are found at all."""
    ruler = nlp().get_pipe("attribute_ruler")
    doc = _parsed(SENTENCES[1])
    lemmas = {t.text: t.lemma_ for t in nlp()(SENTENCES[1])}
    assert (lemmas["nothin'"], lemmas["Y"], lemmas["c'm"]) == ("nothing", "you", "come")
    assert any(end - start == 2 for _, _, start, end in ruler.match(doc))  # "Y all", "c'm on"
    assert [t.lemma_ for t in nlp()("We are gon na win .")][2:4] == ["go", "to"]


def test_an_unknown_test_keeps_the_stock_matcher() -> None:
    """A pattern this index cannot read (here a test of the exact text) gives None: no index."""
    from spacy.lang.en import English

    blank = English()
    ruler: Any = blank.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "Calder"}]], {"POS": "PROPN"})
    assert IndexedMatches.of(ruler) is None
    other: Any = English().add_pipe("attribute_ruler")
    other.add([[{"LOWER": "calder"}]], {"POS": "PROPN"})
    assert IndexedMatches.of(other) is not None


def test_cached_lemmas_are_the_rule_lemmatizers() -> None:
    """Every token's remembered lemmas are what the rule lemmatizer computes afresh, the same word
    gets different lemmas by POS ("saw" the verb and the noun), and the memory is used at all."""
    from universe_graph.extract.nlp import CachedLemmas

    lemmatizer: Any = nlp().get_pipe("lemmatizer")
    assert isinstance(lemmatizer.lemmatize, CachedLemmas)
    lemmatizer.lemmatize.cache.clear()
    texts = [*SENTENCES, "She saw the saw. He sees them; they saw us and sawed wood."]
    docs = [nlp()(text) for text in texts]
    for doc in docs:
        for token in doc:
            assert lemmatizer.lemmatize(token) == lemmatizer.rule_lemmatize(token), token.text
    saws = {t.lemma_ for doc in docs for t in doc if t.lower_ == "saw"}
    assert saws == {"see", "saw"}
    assert len(lemmatizer.lemmatize.cache) < sum(len(doc) for doc in docs)  # repeated words hit it
