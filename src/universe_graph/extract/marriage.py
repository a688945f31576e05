"""Marriages a text states: "the wedding of his daughter Connie to Carlo Rizzi", "Ada's marriage to Bo",
"Ada marries Bo Lund". Each gives `family_of` between the two, and tells who "her husband" or "his
wife" is later on ("Connie accuses Michael of murdering her husband": Carlo), so that description
joins the named spouse instead of becoming a new character."""

from __future__ import annotations

from typing import Any

from .document import C, Doc, Sentence
from .mentions import in_comparison
from .relations import Found

#: nouns of a marriage whose "of X to Y" (or "X's ... to Y") names the couple
WEDDING_NOUNS = frozenset({"wedding", "marriage", "engagement"})
#: nouns for a spouse, which name the one a stated marriage gives
SPOUSE_NOUNS = frozenset(
    {"husband", "wife", "spouse", "bride", "groom", "fiance", "fiancee", "fiancé", "fiancée"}
)


def marriages(doc: Doc) -> tuple[list[Found], dict[str, set[str]]]:
    """The `family_of` claims of stated weddings, and each named character's spouses by key."""
    found: list[Found] = []
    spouses: dict[str, set[str]] = {}
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            if tok.lemma_.lower() not in WEDDING_NOUNS or in_comparison(doc, sent, tok.i):
                continue
            couple = _couple(doc, sent, tok)
            if couple is None:
                continue
            _wed(found, spouses, couple, sent.index, 0.85)
        for verb in (t for t in sent.span if t.lemma_ == "marry" and t.pos_ == "VERB"):
            subj = [doc.ref(sent, c) for c in verb.children if c.dep_ == "nsubj"]
            if not subj and verb.dep_ == "conj":  # "Michael returns, marries Kay": the shared subject
                subj = [doc.ref(sent, c) for c in verb.head.children if c.dep_ == "nsubj"]
            obj = [doc.ref(sent, c) for c in verb.children if c.dep_ == "dobj"]
            if len(subj) == 1 and len(obj) == 1 and subj[0] and obj[0] and subj[0] != obj[0]:
                spouses.setdefault(subj[0], set()).add(obj[0])
                spouses.setdefault(obj[0], set()).add(subj[0])
        for tok in (t for t in sent.span if t.lemma_.lower() in HONEYMOON_NOUNS):
            couple = _honeymooners(doc, sent, tok)  # "Shrek and Fiona get back from their honeymoon"
            if couple is not None and not in_comparison(doc, sent, tok.i):
                _wed(found, spouses, couple, sent.index, 0.8)
        for verb in (t for t in sent.span if t.lemma_.lower() == "marry" and _they_marry(t)):
            pair = _last_pair(doc, sent.index)  # "X courts Y ... They are married": the two
            if pair is not None and not in_comparison(doc, sent, verb.i):
                _wed(found, spouses, pair, sent.index, 0.8)
    return found, spouses


def _wed(
    found: list[Found], spouses: dict[str, set[str]], couple: tuple[str, str], sentence: int, conf: float
) -> None:
    """One stated marriage: its `family_of` claim, and each spouse known to the other."""
    a, b = couple
    found.append(Found(a, "family_of", b, sentence, conf))
    spouses.setdefault(a, set()).add(b)
    spouses.setdefault(b, set()).add(a)


#: nouns that only a married couple has: "their honeymoon"
HONEYMOON_NOUNS = frozenset({"honeymoon"})


def _honeymooners(doc: Doc, sent: Sentence, noun: Any) -> tuple[str, str] | None:
    """The two characters of "X and Y get back from their honeymoon": "their" owns the noun, and the
    clause's subject is exactly two conjoined characters."""
    if not any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children):
        return None
    verb = noun
    while verb.dep_ not in ("ROOT", "conj", "advcl", "relcl", "ccomp", "acl") and verb.head is not verb:
        verb = verb.head  # up through the prepositional phrase to its verb
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):  # ("quick recap: A and B get back")
        keys = [k for t in (subj, *subj.conjuncts) if (k := _named(doc, sent, t)) is not None]
        if len(keys) == 2 and keys[0] != keys[1]:
            return keys[0], keys[1]
    return None


def _they_marry(verb: Any) -> bool:
    """ "They are married", "they marry", "the two marry": a marriage whose couple is "they"."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ in ("acomp", "attr") and verb.head.lemma_ in ("be", "get"):
        verb = verb.head  # "They are married" read as an adjective of "are"
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return (
        len(subj) == 1
        and subj[0].lower_ in ("they", "two", "couple", "pair")
        and not any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ == "neg" or c.lower_ in ("never", "not") for c in verb.children)
    )


def _last_pair(doc: Doc, index: int) -> tuple[str, str] | None:
    """The two characters the sentence before names ("Henry courts Karen, a girl from Long Island"),
    or None when it names another number of them (no guess). Read on the surface: the small
    parser often takes such a sentence's verb for a noun ("courts")."""
    if index == 0 or doc.sentences[index - 1].heading:
        return None
    sent = doc.sentences[index - 1]
    keys: list[str] = []
    for tok in sent.span:
        if in_comparison(doc, sent, tok.i):
            continue
        key = doc.ref(sent, tok)
        if key is not None and doc.ents[key].type is C and key not in keys:
            keys.append(key)
    return (keys[0], keys[1]) if len(keys) == 2 else None


def _couple(doc: Doc, sent: Sentence, noun: Any) -> tuple[str, str] | None:
    """(one, other) of "the wedding of X to Y" / "X's marriage to Y" (the "to" may hang on the verb)."""
    firsts = [o for p in noun.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    firsts += [c for c in noun.children if c.dep_ == "poss"]
    tos = [p for p in noun.children if p.lower_ == "to"]
    tos += [p for p in noun.head.children if p.lower_ == "to" and p.i > noun.i] if noun.dep_ == "dobj" else []
    seconds = [o for p in tos for o in p.children if o.dep_ == "pobj"]
    if len(firsts) != 1 or len(seconds) != 1:
        return None
    a, b = _named(doc, sent, firsts[0]), _named(doc, sent, seconds[0])
    if a is None or b is None or a == b:
        return None
    return a, b


def _named(doc: Doc, sent: Sentence, tok: Any) -> str | None:
    """The named character a token stands for: itself, or the name in apposition ("his daughter Connie")."""
    for t in (tok, *(c for c in tok.children if c.dep_ in ("appos", "compound") and c.pos_ == "PROPN")):
        key = doc.ref(sent, t)
        if key is not None and doc.ents[key].type is C and not doc.ents[key].descriptive:
            return key
    return None
