"""Hostile input to the review extractor: what the parser is handed stays bounded, deep lists do not
recurse, invisible characters leave names. Functional checks on small inputs (no timings)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from extracthelp import run_rules
from universe_graph.extract import mentions, pool
from universe_graph.extract import names as names_module
from universe_graph.extract.chars import FORMAT_CLASS, blank_format, clean_name
from universe_graph.extract.layout import MAX_PIECE, blocks, pieces
from universe_graph.extract.nlp import nlp
from universe_graph.extract.relations import _conjuncts
from universe_graph.extract.rules import parse
from universe_graph.model import ClaimSet


def extract(text: str) -> ClaimSet:
    return run_rules(text)


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in pieces(text, 0, len(text))]


# --- punctuation runs and long paragraphs ----------------------------------------------------


def test_a_run_of_punctuation_is_not_parsed() -> None:
    text = "Ann Roe meets Bo Lind. " + ". " * 3000 + "Bo Lind flees!!!! ?!?! !!!! ?!?! Ann waits."
    parts = spans(text)
    assert parts == ["Ann Roe meets Bo Lind.", "Bo Lind flees!", "Ann waits."]


def test_short_punctuation_stays() -> None:
    text = 'Ann waits . . . and Bo comes back?! "Really?!" (No...)'
    assert spans(text) == [text]  # an ellipsis, "?!" and a quote: fewer than ten marks in a row


def test_a_long_paragraph_is_cut_at_sentence_ends() -> None:
    sentences = [f"Dr. Lind meets Ann Roe in room {i} of the tower." for i in range(200)]
    text = " ".join(sentences)
    parts = spans(text)
    assert len(parts) > 1 and all(len(p) <= MAX_PIECE for p in parts)
    assert all(p.endswith("tower.") for p in parts)  # never after "Dr."
    assert " ".join(parts) == text  # nothing lost but the spaces at the cuts


def test_a_long_line_without_sentence_ends_is_cut_at_spaces() -> None:
    words = [f"word{i}" for i in range(2000)]
    text = " ".join(words)
    parts = spans(text)
    assert len(parts) > 1 and all(len(p) <= MAX_PIECE for p in parts)
    assert [w for p in parts for w in p.split()] == words  # no word split


def test_pieces_of_one_paragraph_share_its_paragraph_and_section() -> None:
    long = " ".join(f"Ann Roe meets Bo Lind in hall {i}." for i in range(150))
    text = f"The Quiet Storm\n\n{long}\n\nBo Lind flees."
    assert len(blocks(text)) > 3  # a heading, the long paragraph in pieces, a short one
    doc = parse(text)
    body = [s for s in doc.sentences if not s.heading]
    assert {s.paragraph for s in body[:-1]} == {body[0].paragraph}
    assert body[-1].paragraph == body[0].paragraph + 1
    assert {s.section for s in doc.sentences} == {1}


@dataclass
class _Recorder:
    """Stands for the pipeline: hands every text to the real one, and keeps its length."""

    real: Any
    sizes: list[int] = field(default_factory=list)

    def pipe(self, items: Any, **kwargs: Any) -> Iterator[Any]:
        items = list(items)
        self.sizes += [len(text) for text, _ in items]
        return iter(self.real.pipe(items, **kwargs))


def test_the_parser_is_handed_neither_the_run_nor_a_long_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    real = nlp()
    recorder = _Recorder(real)
    monkeypatch.setattr(pool, "nlp", lambda: recorder)
    long = " ".join(f"Ann Roe meets Bo Lind in hall {i}." for i in range(150))
    text = f"The Quiet Storm\n\nAnn Roe hunts Bo Lind. {'. ' * 20000}Ann Roe kills Bo Lind.\n\n{long}\n"
    claims = extract(text)
    assert max(recorder.sizes) <= MAX_PIECE
    assert sum(recorder.sizes) < len(long) + 200  # the 40,000 characters of dots were never parsed
    names = {e.name for e in claims.entities}
    assert {"Ann Roe", "Bo Lind"} <= names


# --- deep lists ----------------------------------------------------------------------------------


@dataclass
class _Token:
    dep_: str
    children: list[_Token] = field(default_factory=list)


def test_conjuncts_of_a_chain_of_thousands_without_recursion() -> None:
    chain = [_Token("conj") for _ in range(5000)]
    for a, b in itertools.pairwise(chain):
        a.children.append(b)
    head = _Token("dobj", [_Token("punct"), chain[0]])
    chain[10].children.insert(0, _Token("conj"))  # a branch: depth first, left to right
    found = _conjuncts(head)
    assert len(found) == 5001
    assert found[:11] == chain[:11] and found[12] is chain[11]
    assert found[11] is chain[10].children[0]


def test_a_thousand_name_conjunction_is_read() -> None:
    first = ["Mara", "Ivo", "Lena", "Tobin", "Saskia", "Orrin", "Della", "Nell", "Ruben", "Yara"]
    names = [f"{first[i % 10]}{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}" for i in range(1000)]
    text = "The Quiet Storm\n\nMara Quell fights " + ", ".join(names[:-1]) + f" and {names[-1]}.\n"
    claims = extract(text)  # raised RecursionError before
    assert len({e.name for e in claims.entities} & set(names)) > 900


# --- invisible characters and names --------------------------------------------------------------


def test_format_class_is_unicode_cf() -> None:
    pattern = re.compile(f"[{FORMAT_CLASS}]")
    cf = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(0x110000) if pattern.fullmatch(chr(c))}
    assert matched == cf


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("Yara Lind\u2049", "Yara Lind"),
        ("Lena\u200dBrandt", "Lena Brandt"),
        ("\u2067Ivo Varo\u2069", "Ivo Varo"),
        ("Tobin Okafor\u00ad", "Tobin Okafor"),
        ("Mara Quell,", "Mara Quell"),
        ("Ann (Bo).", "Ann (Bo)"),
        ('the "Pale Prince"', 'the "Pale Prince"'),
        ("Jo Roe Jr.", "Jo Roe Jr."),
        ("St. Ives", "St. Ives"),
        ("Bo)", "Bo"),
        ("...", "..."),  # nothing would be left: kept as it was
    ],
)
def test_clean_name(name: str, clean: str) -> None:
    assert clean_name(name) == clean


def test_blank_format_keeps_length_and_offsets() -> None:
    text = "Ann\u200bRoe \u202eBo\u202c."
    blanked = blank_format(text)
    assert len(blanked) == len(text) and blanked == "Ann Roe  Bo ."
    assert blank_format("plain") == "plain"


def test_review_names_lose_zero_width_bidi_and_trailing_punctuation() -> None:
    text = (
        "The Quiet Storm\n\nThe Quiet Storm follows Mara\u200b Quell, an assassin who hunts "
        "\u202eIvo Varo\u202c in Calder. Lena\u200dBrandt betrays Yara Lind\u2049 in Oslund.\n"
    )
    names = {e.name for e in extract(text).entities}
    assert {"Mara Quell", "Ivo Varo", "Lena Brandt", "Yara Lind"} <= names
    assert not any(re.search(f"[{FORMAT_CLASS}\u2049]", n) for n in names)


def test_a_pronoun_is_resolved_among_nearby_names_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each he/she looks at the names of the six sentences before it (and the next one), not at
    every name of the text: the candidates handed to `_antecedent` do not grow with the text."""
    seen: list[int] = []
    original = mentions._antecedent

    def spy(doc: Any, named: list[tuple[int, int, str, bool]], sent: Any, tok: Any, want: str) -> str | None:
        seen.append(len(named))
        return original(doc, named, sent, tok, want)

    monkeypatch.setattr(mentions, "_antecedent", spy)
    names = ["Ann Roe", "Bo Lind", "Cy Marr", "Di Vost"]
    story = " ".join(f"{names[i % 4]} meets {names[(i + 1) % 4]}. She leaves at dawn." for i in range(60))
    claims = extract(f"The Quiet Storm\n\n{story}\n")
    assert len(seen) >= 60
    assert max(seen) <= 8 * 2  # eight sentences of at most two names each
    assert ("Ann Roe", "met", "Bo Lind") in {
        (a.name, r.predicate, b.name)
        for r in claims.relations
        for a in claims.entities
        for b in claims.entities
        if a.id == r.subject and b.id == r.object
    }


class _Counted(tuple[int, int, int]):
    """A mention whose comparisons are counted."""

    compared = 0

    def __lt__(self, other: tuple[int, ...]) -> bool:
        _Counted.compared += 1
        return tuple(self) < tuple(other)


def test_mentions_are_kept_in_order_by_binary_insertion() -> None:
    """A name said thousands of times: each mention costs a binary search, not a sort of the list
    (a sort per mention was about n comparisons each: 2 million for 2,000 mentions)."""
    merged: list[tuple[int, int, int]] = [_Counted((5, 50, 55)), _Counted((1, 10, 15))]  # out of order
    in_order: set[int] = set()
    mentions._add_in_order(merged, _Counted((3, 30, 35)), in_order)
    assert merged == [(1, 10, 15), (3, 30, 35), (5, 50, 55)]  # sorted whole the first time
    _Counted.compared = 0
    added = [_Counted((s, s * 10, s * 10 + 5)) for s in range(6, 2006)]
    for item in added:
        mentions._add_in_order(merged, item, in_order)
    mentions._add_in_order(merged, _Counted((2, 20, 25)), in_order)
    assert merged == sorted([*added, (1, 10, 15), (2, 20, 25), (3, 30, 35), (5, 50, 55)])
    assert _Counted.compared < 2_000 * 20


def test_name_variants_are_matched_through_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many distinct names: a short name is compared only with names that open or close with its
    words, not with every name of the text (300 names were 90,000 comparisons)."""
    calls: list[int] = []
    original = names_module._fits

    def spy(short: tuple[str | None, list[str]], long: tuple[str | None, list[str]]) -> bool:
        calls.append(1)
        return original(short, long)

    monkeypatch.setattr(names_module, "_fits", spy)
    first = ["Mara", "Ivo", "Lena", "Tobin", "Saskia", "Orrin", "Della", "Nell", "Ruben", "Yara"]
    people = [f"{first[i % 10]} {chr(65 + i % 26)}{chr(97 + i // 26 % 26)}son" for i in range(300)]
    story = " ".join(f"{a} meets {b} in Calder." for a, b in itertools.pairwise(people))
    claims = extract(f"The Quiet Storm\n\n{story} Later Ivo Varo waits. Varo leaves.\n")
    assert len(calls) < 20_000  # each name meets the 30 sharing its first word; a scan meets all 300
    found = {e.name: e for e in claims.entities}
    assert "Ivo Varo" in found and "Varo" not in found  # the short name still joins its one long name
    assert "Varo" in found["Ivo Varo"].aliases


def test_names_that_make_one_iri_are_one_entity() -> None:
    """Fuzzing found "Mila" and "Mila" with a stray non-ASCII letter (`tests/data/fuzz`, a mutated
    sample review): both slugify to one IRI, and two entities of one id lost one name in the store.
    One entity, the other name an alias."""
    from pathlib import Path

    from test_extract_rules import extract

    text = (Path(__file__).parent / "data" / "fuzz" / "ashfall-fuzz486.txt").read_text(encoding="utf-8")
    ids = [e.id for e in extract(text).entities]
    assert len(ids) == len(set(ids))
