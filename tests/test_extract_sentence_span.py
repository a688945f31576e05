"""A sentence's tokens are made once (`SentenceSpan`): the tokens and claims of spaCy's own `Span`."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from universe_graph.extract.document import Sentence, SentenceSpan, SentenceToken
from universe_graph.extract.rules import RulesExtractor, parse
from universe_graph.model import CanonTier, Source, SourceKind

TEXT = (
    "The Salt Road\n\n"
    "Mara Quell, a smuggler from Port Avel, meets Ivo Varo in Calder. She defeats him near the docks. "
    "Later, Ivo Varo (Tobin Lind) learns that Della Sorel leads the Ashen Court.\n\n"
    "Lena Brandt plays Della Sorel with steel, and Mr. Haddad betrays Mara Quell.\n"
)


def _source() -> Source:
    return Source(
        id="s", location="s.txt", kind=SourceKind.REVIEW, tier=CanonTier.REVIEW, content_hash="0" * 64
    )


def test_sentence_span_walks_the_same_tokens_each_time() -> None:
    doc = parse(TEXT)
    assert doc.sentences and all(isinstance(s.span, SentenceSpan) for s in doc.sentences)
    for sent in doc.sentences:
        plain = Span(sent.span.doc, sent.span.start, sent.span.end)
        first, again = list(sent.span), list(sent.span)
        assert [(t.i, t.text) for t in first] == [(t.i, t.text) for t in plain]
        assert all(a is b for a, b in zip(first, again, strict=True))  # made once
        ours = sent.span
        assert (ours.text, ours.start_char, ours.root.i) == (plain.text, plain.start_char, plain.root.i)
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [
            (e.start, e.end, e.label_) for e in plain.ents
        ]


def test_rules_read_the_same_claims_from_plain_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    cached = RulesExtractor().extract(parse(TEXT), _source())
    # spaCy's own Span: its tokens made anew on every walk
    monkeypatch.setattr(Sentence, "__post_init__", lambda self: None)
    plain_doc = parse(TEXT)
    assert not any(isinstance(s.span, SentenceSpan) for s in plain_doc.sentences)
    plain = RulesExtractor().extract(plain_doc, _source())
    assert len(cached.claims.relations) >= 3
    assert cached.claims.model_dump_json() == plain.claims.model_dump_json()
    assert cached.warnings == plain.warnings


def test_sentence_tokens_read_what_spacy_reads() -> None:
    """A `SentenceToken` keeps each string attribute after its first read: the same values as
    spaCy's own token, read once or again; `span[i]` is the walk's token, indexed as spaCy does."""
    doc = parse(TEXT)
    names = ("text", "text_with_ws", "lower_", "lemma_", "pos_", "tag_", "dep_", "ent_type_", "is_alpha")
    for sent in doc.sentences:
        walked = list(sent.span)
        assert all(type(t) is SentenceToken for t in walked)
        for tok in walked:
            plain = sent.span.doc[tok.i]
            assert type(plain) is not SentenceToken
            for name in names:
                assert getattr(tok, name) == getattr(plain, name) == getattr(tok, name), (tok.i, name)
            assert tok == plain and hash(tok) == hash(plain) and tok.head.i == plain.head.i
        assert sent.span[0] is walked[0] and sent.span[-1] is walked[-1]
        assert sent.span.text == Span(sent.span.doc, sent.span.start, sent.span.end).text
        assert [t.i for t in sent.span[1:3]] == [t.i for t in walked[1:3]]
        with pytest.raises(IndexError):
            sent.span[len(walked)]


def test_heads_and_children_are_the_blocks_tokens() -> None:
    """`head` and `children` of a walked token give spaCy's tokens (same indices, same order) as the
    block's `SentenceToken`s, the very ones the sentences walk; spaCy's own tokens give new ones."""
    doc = parse(TEXT)
    for sent in doc.sentences:
        walked = {t.i: t for t in sent.span}
        for tok in sent.span:
            plain = sent.span.doc[tok.i]
            assert tok.head.i == plain.head.i and type(tok.head) is SentenceToken
            assert [c.i for c in tok.children] == [c.i for c in plain.children]
            assert all(type(c) is SentenceToken for c in tok.children)
            assert tok.children is tok.children  # kept on the token
            if tok.head.i in walked:
                assert tok.head is walked[tok.head.i]
            assert (tok.head is tok) == (tok.dep_ == "ROOT")
            assert plain.head is not plain  # spaCy's own: a new token on every read
