"""Killings a character has done by others, as plot summaries tell them: "A has B murdered", "A had
B killed", "A's men murder B and C". The parser often misreads both (the participle as a relative
clause, "murder" as a noun), so this reads the words: a named subject, a causative "has"/"had", the
victim's name, the killing participle closing the clause; or a name's possessive on a henchmen noun
right before a killing verb. The story says the killing happened, so A `killed` B.
"""

from __future__ import annotations

from typing import Any

from .document import C, Doc, Sentence
from .relations import Found

#: causative verbs: "A has B killed", "A got B shot"
CAUSATIVES = frozenset({"has", "had", "have", "gets", "got", "get"})
#: participles of a killing that close a causative clause
KILLED = frozenset({"killed", "murdered", "executed", "assassinated", "slain", "whacked", "eliminated"})
#: verb forms of a killing after a henchmen noun ("A's men murder B")
KILLS = frozenset(
    {"kill", "kills", "killed", "murder", "murders", "murdered", "execute", "executes", "executed",
     "assassinate", "assassinates", "assassinated"}
)  # fmt: skip
#: nouns of the people who kill for someone
HENCHMEN = frozenset(
    {"men", "henchmen", "thugs", "goons", "soldiers", "gunmen", "assassins", "killers", "hitmen", "agents",
     "minions", "lackeys", "enforcers", "troops", "guards", "followers", "forces"}
)  # fmt: skip
#: words that may close a causative clause after its participle
CLOSERS = frozenset({".", ",", ";", "and", "then", "but", "before", "after", "while", "when", "in", "at"})


def ordered_killings(doc: Doc) -> list[Found]:
    """`killed` for each killing a named character has others do."""
    found: list[Found] = []
    for sent in doc.sentences:
        if sent.heading:
            continue
        span = sent.span
        for tok in span:
            if tok.lower_ in CAUSATIVES and tok.i > span.start:
                found += _causative(doc, sent, tok)
            elif tok.lower_ in HENCHMEN and tok.i - 2 >= span.start and tok.nbor(-1).tag_ == "POS":
                found += _henchmen(doc, sent, tok)
    return found


def _character(doc: Doc, sent: Sentence, tok: Any) -> str | None:
    key = doc.ref(sent, tok)
    return key if key is not None and doc.ents[key].type is C and not doc.ents[key].descriptive else None


def _causative(doc: Doc, sent: Sentence, verb: Any) -> list[Found]:
    """ "A has Vito's enforcer B murdered": A, then up to eight words ending in B, then the participle."""
    span, d = sent.span, sent.span.doc
    boss = _character(doc, sent, d[verb.i - 1])
    if boss is None:
        return []
    for k in range(verb.i + 2, min(span.end, verb.i + 10)):
        if d[k].lower_ not in KILLED:
            continue
        if k + 1 < span.end and d[k + 1].lower_ not in CLOSERS:
            return []  # "has B killed by noon"? "has killed B": the participle must close the clause
        victim = _character(doc, sent, d[k - 1])
        if victim is None or victim == boss:
            return []
        if any(t.text in (",", ";") for t in d[verb.i + 1 : k]) or d[verb.i + 1].lower_ in KILLED:
            return []
        return [Found(boss, "killed", victim, sent.index, 0.75)]
    return []


def _henchmen(doc: Doc, sent: Sentence, noun: Any) -> list[Found]:
    """ "A's men murder B and C": every named character the killing verb takes, up to the clause end."""
    span, d = sent.span, sent.span.doc
    boss = _character(doc, sent, d[noun.i - 2])
    if boss is None or noun.i + 1 >= span.end or d[noun.i + 1].lower_ not in KILLS:
        return []
    out: list[Found] = []
    for t in d[noun.i + 2 : span.end]:
        if t.text in (";", ".") or t.pos_ == "VERB":
            break
        victim = _character(doc, sent, t)
        if victim is not None and victim != boss and all(f.object != victim for f in out):
            out.append(Found(boss, "killed", victim, sent.index, 0.75))
    return out
