"""Credit phrasings of reviews that name an actor and a part in one clause, read from the words and
the parse: "As X, A is terrific", "A, who plays X,", "A turns in a fine performance as X", "A takes
on the role of X", "X is played with swagger by A". Each phrasing says that A acts, so A is a
Person and X the character A plays; a name that is the work, or a part that is no character, gives
nothing."""

from __future__ import annotations

from typing import Any, Protocol

from ..model import EntityType
from . import lexicon as lx
from .document import C, Doc, P, Sentence, glued_hyphen, name_cased
from .mentions import story_tokens
from .relations import Found

#: nouns of an actor's work on a part: "a fine performance as X", "her best turn as X"
PERFORMANCE_WORDS = frozenset({"performance", "turn", "work", "job", "portrayal"})
#: verbs by which an actor takes a part: "takes on the role of X", "steps into the role of X"
ROLE_TAKING_VERBS = frozenset(
    {"take", "play", "land", "assume", "step", "inherit", "fill", "reprise", "bring", "lend", "give"}
)  # "brings real menace to the role of X"


class Crediting(Protocol):
    """What the rules' run offers this module: the document and a way to record a person."""

    doc: Doc

    def person(self, sent: Sentence, run: Any) -> str: ...


def credit_phrases(run: Crediting) -> list[Found]:
    """`portrayed_by` (and `cast_member` of the text's work) for each phrasing above."""
    doc = run.doc
    found: list[Found] = []
    for sent, tok in story_tokens(doc):
        pair = _pair(doc, sent, tok)
        if pair is None:
            continue
        role_tok, actor = pair
        role = doc.ref(sent, role_tok)
        if role is None or role == doc.work_key or doc.ents[role].fixed not in (None, C):
            continue
        if doc.ents[role].type is EntityType.LOCATION and doc.ents[role].in_story > 1:
            continue  # a place the story names again is no part; a group's guess gives way to the credit
        key = doc.ref(sent, actor[-1])
        if key is not None and (key == role or key == doc.work_key):
            continue
        if key is not None and doc.ents[key].fixed not in (None, P, C):
            continue  # a place or a group the text has typed is nobody's actor
        person = run.person(sent, actor)
        doc.ents[role].fixed = C
        found.append(Found(role, "portrayed_by", person, sent.index, 0.85))
        if doc.work_key is not None:
            found.append(Found(doc.work_key, "cast_member", person, sent.index, 0.8))
    return found


def starring_line(run: Crediting, name_span: Any, conjuncts: Any) -> list[Found]:
    """ "Starring Ana Brill, Tom Roe and Ida Kell." opening a sentence with no subject: a credit line,
    each listed name a Person in the cast of the text's work. `name_span` and `conjuncts` are the
    rules' helpers for a name's run and its conjoined names."""
    doc = run.doc
    found: list[Found] = []
    for sent in doc.sentences:
        span = sent.span
        first = span[0] if len(span) else None
        if sent.heading or first is None or first.lower_ not in ("starring", "co-starring"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children) or first.dep_ != "ROOT":
            continue
        heads = [c for c in first.children if c.dep_ in ("dobj", "pobj", "attr")]
        for tok in (t for h in heads for t in (h, *conjuncts(h))):
            names = name_span(tok)
            if names is None or not 2 <= len(names) <= 4:
                continue
            key = doc.ref(sent, names[-1])
            if key is not None and (key == doc.work_key or doc.ents[key].fixed not in (None, P)):
                continue
            person = run.person(sent, names)
            if key is not None and key != person and key.split()[0] == first.lower_:
                _forget(doc, sent, key)  # "Starring Ana Brill" read as one name: only Ana Brill
            if doc.work_key is not None:
                found.append(Found(doc.work_key, "cast_member", person, sent.index, 0.85))
    return found


def _forget(doc: Doc, sent: Sentence, key: str) -> None:
    """Drop a name read only in this sentence (a credit word glued to a name), with its tokens."""
    if any(m[0] != sent.index for m in doc.ents[key].mentions):
        return
    del doc.ents[key]
    for where in [w for w, k in doc.token_ent.items() if k == key and w[0] == sent.index]:
        del doc.token_ent[where]


def _pair(doc: Doc, sent: Sentence, tok: Any) -> tuple[Any, Any] | None:
    """(a token of the part's name, the actor's name run) of one phrasing anchored on `tok`."""
    span, low = sent.span, tok.lower_
    if low == "as" and tok.i == span.start:  # "As Silas Venn, Tobin Harlow is terrific"
        role = _name_at(span, tok.i + 1)
        if role is None or role.end >= span.end or span.doc[role.end].text != ",":
            return None
        actor = _name_at(span, role.end + 1)
        if actor is None or actor.end >= span.end or span.doc[actor.end].pos_ not in ("AUX", "VERB"):
            return None
        return role[-1], actor
    if low == "who" and tok.i - 1 > span.start and span.doc[tok.i - 1].text == ",":  # "A, who plays X,"
        verb = span.doc[tok.i + 1] if tok.i + 1 < span.end else None
        if verb is None or verb.lemma_ not in lx.CREDIT_LEMMAS or verb.tag_ not in ("VBZ", "VBD", "VBP"):
            return None
        actor = _name_ending(span, tok.i - 2)
        role = _name_at(span, tok.i + 2)
        if role is not None and role.end < span.end and span.doc[role.end].lower_ in ("at", "against", "for"):
            return None  # "A, who plays X at cards": a game
        return (role[-1], actor) if actor is not None and role is not None else None
    if low == "as" and tok.i > span.start and span.doc[tok.i - 1].lemma_ in PERFORMANCE_WORDS:
        noun = span.doc[tok.i - 1]  # "A turns in a fine performance as X"
        role = _name_at(span, tok.i + 1)
        actor = _subject_name(span, noun.head) if noun.dep_ in ("dobj", "pobj") else None
        if noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
            actor = _subject_name(span, noun.head.head)
        owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        if owners:  # "Russell Roe's heroic work as Maxim"
            actor = _name_ending(span, owners[0].i)
        return (role[-1], actor) if actor is not None and role is not None else None
    if low in ("role", "part") and tok.i + 2 < span.end and span.doc[tok.i + 1].lower_ == "of":
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head  # "steps into the role of X"
        if verb.pos_ != "VERB" or verb.lemma_ not in ROLE_TAKING_VERBS:
            return None
        role = _name_at(span, tok.i + 2)
        actor = _subject_name(span, verb)
        return (role[-1], actor) if actor is not None and role is not None else None
    if tok.lemma_ in lx.CREDIT_LEMMAS and tok.tag_ == "VBN":  # "The thief X is played with swagger by A"
        by = next((t for t in span.doc[tok.i + 1 : min(span.end, tok.i + 7)] if t.lower_ == "by"), None)
        if by is None:
            return None
        between = span.doc[tok.i + 1 : by.i]
        if any(t.is_punct for t in between):
            return None
        if len(between) and between[0].lower_ != "with" and not all(t.tag_.startswith("RB") for t in between):
            return None  # "played for a fool by X" is a trick; only manner: "with swagger", "brilliantly"
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not subj or (by.i == tok.i + 1 and doc.ref(sent, subj[0]) is not None):
            return None  # "X is played by A": read by the plain passive rule
        role_tok = subj[0] if doc.ref(sent, subj[0]) is not None else None
        if role_tok is None:  # "the thief Silas Venn": the name in apposition
            named = [c for c in subj[0].children if c.dep_ == "appos" and doc.ref(sent, c) is not None]
            role_tok = named[0] if named else None
        actor = _name_at(span, by.i + 1)
        return (role_tok, actor) if role_tok is not None and actor is not None else None
    return None


def _subject_name(span: Any, verb: Any) -> Any:
    """The person-like name run that is the verb's subject."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return _name_ending(span, subj[0].i) if subj else None


def _name_at(span: Any, i: int) -> Any:
    """The name run of title-case words opening at token i (a double-barrelled one whole)."""
    doc, j = span.doc, i
    while j < span.end and doc[j].is_title and doc[j].is_alpha and doc[j].pos_ in ("PROPN", "NOUN", "ADJ"):
        j += 1
        if j + 1 < span.end and doc[j].text == "-" and glued_hyphen(doc, j, span.end):
            j += 1
            if not doc[j].is_title:  # "Kang-ho": the second piece in lower case ends the name
                j += 1
                break
    return doc[i:j] if 1 <= j - i <= 5 else None


def _name_ending(span: Any, i: int) -> Any:
    """A person's name run of two to four title-case words ending at token i."""
    doc, k = span.doc, i
    while k - 1 >= span.start and (
        (doc[k - 1].is_title and doc[k - 1].is_alpha and doc[k - 1].pos_ == "PROPN")
        or (doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and k - 2 >= span.start)
    ):
        k -= 1
    run = doc[k : i + 1]
    words = [t for t in run if t.text != "-"]
    if not 2 <= len(words) <= 4 or not all(name_cased(t) and t.is_alpha for t in words):
        return None
    return run
