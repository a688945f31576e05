"""The kin a character's article names: "X was the son of A", "married to B and C", "His children
included D and E", "his twin brother F", "G's sister". In the article about a character of a work
(a myth's hero, a novel's heroine), the family it names belongs to the same story, so each of them
is a character of that work too. Only the syntax of kinship counts: a name merely mentioned near
the character (a creator, a voice actor, a scholar) is never taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .document import Doc, Sentence
from .lexicon import KIN_CLASS

#: verbs whose "to" names a spouse ("married to A", "betrothed to B")
WED_WORDS = frozenset({"married", "marry", "wed", "wedded", "betrothed", "engaged"})
#: verbs and copulas whose object lists the kin their subject names ("His children included A, B")
LIST_VERBS = frozenset({"include", "be", "comprise", "number"})


def _kin_noun(tok: Any) -> bool:
    return tok.pos_ == "NOUN" and tok.lower_ in KIN_CLASS


def _kin_anchor(tok: Any) -> bool:
    """The name token itself stands in a kinship construction."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of":  # "the son of A", "born of A"
        return _kin_noun(head.head) or head.head.lower_ == "born"
    if tok.dep_ == "pobj" and head.lower_ == "to":  # "married to A"
        return head.head.lower_ in WED_WORDS
    if tok.dep_ in ("appos", "poss") and _kin_noun(head):  # "his brother A", "A's sister"
        return True
    if any(c.dep_ in ("compound", "nmod") and _kin_noun(c) for c in tok.children):  # "brother A"
        return True
    if tok.dep_ in ("dobj", "attr") and head.lemma_.lower() in LIST_VERBS:  # "His children included A"
        return any(c.dep_ == "nsubj" and _kin_noun(c) for c in head.children)
    return False


def _with_conjuncts(tok: Any) -> Iterator[Any]:
    yield tok
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "PROPN":
            yield from _with_conjuncts(c)


def kin_names(doc: Doc) -> list[tuple[Sentence, Any]]:
    """Each proper-name token the text places in a kinship construction (with its conjuncts:
    "married to A, B and C"), with its sentence, in text order and once each."""
    out: list[tuple[Sentence, Any]] = []
    seen: set[int] = set()
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            if tok.pos_ != "PROPN" or not _kin_anchor(tok):
                continue
            for name in _with_conjuncts(tok):
                if name.i not in seen:
                    seen.add(name.i)
                    out.append((sent, name))
    return out
