"""People a text credits even where no credit pair forms: "He is played by A" (the part is a
pronoun), "the wives, among them Capable (A)" (the part is a word the names missed), "the script, by
A, B and C". Each construction says that A acts or writes, so A is a Person, never a character of
the story (a character "appears in" the work; an actor typed as one gives a false relation)."""

from __future__ import annotations

from typing import Any, Protocol

from . import lexicon as lx
from .casting import Crediting
from .document import NAME_PARTICLES, C, Doc, P, Sentence
from .mentions import story_tokens
from .relations import Found

#: nouns of writing whose "by" names writers ("the script, by A and B")
WRITING_NOUNS = frozenset({"script", "screenplay", "teleplay", "story"})
#: NER labels of a bracket that is no actor ("Gotham (New York)")
NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "DATE", "CARDINAL"})


class CrewCrediting(Crediting, Protocol):
    """What the rules' run offers: the credit modules' document and persons, and crew credits."""

    def crew(self, sent: Sentence, run: Any, pred: str) -> None: ...


def actor_people(run: CrewCrediting) -> list[Found]:
    """Type as Person every name the constructions above credit; the credits whose part is named
    ("X, the nurse, played by A de B", "X, whom A plays as a brat")."""
    doc = run.doc
    found: list[Found] = []
    for sent, tok in story_tokens(doc):
        span = sent.span
        if tok.lemma_ in lx.CREDIT_LEMMAS and tok.tag_ == "VBN":
            role = _part_of(doc, sent, tok) if tok.dep_ in ("acl", "appos") else None
            for name in _agents(tok):
                found += credit_found(run, sent, role, run.person(sent, name))
        elif tok.lower_ == "whom" and tok.i > span.start:
            actor = _whom_actor(span, tok)
            if actor is not None:
                role = _part_before(doc, sent, tok)
                found += credit_found(run, sent, role, run.person(sent, actor))
        elif tok.text == "(" and tok.i > span.start:
            name = _bracketed_actor(span, tok)
            if name is not None:
                run.person(sent, name)
        elif tok.tag_ == "POS" and tok.i + 1 < span.end and doc.ref(sent, tok.nbor(1)) == doc.work_key:
            name = _full_name(tok.nbor(-1)) if doc.work_key is not None else None
            if name is not None:  # "Rian Ode's Knives Drawn": the maker of the work
                run.person(sent, name)
        elif tok.lower_ == "who" and tok.i > span.start + 1 and tok.nbor(-1).text == ",":
            maker = doc.ref(sent, tok.nbor(-2))
            preds = _made_it(doc, sent, tok) if maker is not None else []
            for pred in preds:  # "Ode, who wrote and directed it,": the named maker
                doc.ents[str(maker)].fixed = P
                found.append(Found(str(doc.work_key), pred, str(maker), sent.index, 0.85))
        elif tok.lower_ in ("role", "part") and tok.i + 2 < span.end and tok.nbor(1).lower_ == "from":
            for name in _handover(tok):  # "A takes over the title role from B": both act
                run.person(sent, name)
        elif (
            tok.lower_ == "place"
            and span.start < tok.i < span.end - 2
            and tok.nbor(-1).lower_ == "in"
            and tok.nbor(1).lower_ == "of"
            and any(t.lemma_ in lx.CREDIT_LEMMAS for t in span)
        ):
            name = _full_name(tok.nbor(2))  # "now played by A in place of B": B acted the part before
            if name is not None:
                run.person(sent, name)
        elif tok.lemma_ in SCRIPT_VERBS and tok.tag_ in ("VBD", "VBN") and doc.work_key is not None:
            found += _script_writers(run, sent, tok)
        elif tok.lower_ in WRITING_NOUNS and _comma_by(span, tok):
            for name in _by_list(span, tok.i + 3):
                if len([t for t in name if t.text != "-"]) >= 2:  # "Miller" alone: a surname
                    run.crew(sent, name, "written_by")
        elif tok.lower_ in WRITING_NOUNS and _based_on_by(span, tok):
            for name in _by_list(span, tok.i + 2):  # "based on a story by A and B"
                if len([t for t in name if t.text != "-"]) >= 2:
                    run.crew(sent, name, "written_by")
        elif tok.lower_ in ("producers", "producer") and _as_producers(span, tok):
            for name in _by_list(span, _as_producers(span, tok)):  # "with A and B as executive producers"
                if len([t for t in name if t.text != "-"]) >= 2:
                    run.crew(sent, name, "produced_by")
        elif (
            tok.lemma_ in ("compose", "write", "score")
            and tok.tag_ in ("VBD", "VBZ")
            and any(c.dep_ == "dobj" and c.lower_ in ("score", "music", "soundtrack") for c in tok.children)
        ):
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                name = _full_name(subj)  # "John Roe composed the score": a person of the crew
                if name is not None:
                    run.person(sent, name)
    return found


def _based_on_by(span: Any, noun: Any) -> bool:
    """ "based on a story by A", "from a screenplay by A": the writing the work comes from, and "by"."""
    if noun.i + 2 >= span.end or noun.nbor(1).lower_ != "by" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return bool(prep.lower_ in ("on", "from") and prep.head.lemma_ in ("base", "adapt", "direct", "film"))


def _as_producers(span: Any, noun: Any) -> int:
    """The index where the names start in "with A and B as (executive) producers" (0 when not that)."""
    k = noun.i - 1
    while k > span.start and span.doc[k].is_lower and span.doc[k].lower_ != "as":
        k -= 1
    if span.doc[k].lower_ != "as":
        return 0
    j = k - 1
    while j > span.start and (span.doc[j].text[:1].isupper() or span.doc[j].lower_ in ("and", ",", "-")):
        j -= 1
    return int(j + 1) if span.doc[j].lower_ == "with" and j + 1 < k else 0


#: verbs of writing a script ("A co-wrote the screenplay with B")
SCRIPT_VERBS = frozenset({"write", "co-write", "cowrite", "pen", "co-pen"})


def _script_writers(run: CrewCrediting, sent: Sentence, verb: Any) -> list[Found]:
    """ "A co-wrote the script with B", "A, who wrote the screenplay," and "A has written the script":
    A (and B) wrote the text's work. Only the past tense of a reviewer's credit counts (a plot is told
    in the present: "Ada writes the script for the school play" is a story's event), and only "the"
    or "its" script, with nothing after it saying whose ("the script for the play")."""
    doc = run.doc
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return []
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objs) != 1 or objs[0].lower_ not in WRITING_NOUNS:
        return []
    obj = objs[0]
    if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its") for c in obj.children):
        return []
    if any(c.dep_ == "prep" and c.lower_ != "with" for c in obj.children):
        return []
    heads = [c for c in verb.children if c.dep_ == "nsubj"]
    if heads and heads[0].lower_ == "co" and heads[0].i >= 1:  # "A co-wrote": "co" parsed as the subject
        heads = [heads[0].nbor(-1)] if heads[0].i - 1 >= sent.span.start else []
    if heads and heads[0].lower_ in ("who", "that") and verb.dep_ == "relcl":
        heads = [verb.head]
    heads += [o for p in (*verb.children, *obj.children) if p.dep_ == "prep" and p.lower_ == "with"
              for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    heads += [
        a for h in heads if h.pos_ == "NOUN" for a in h.children if a.dep_ == "appos"
    ]  # "his brother A"
    found: list[Found] = []
    for head in (t for h in heads for t in (h, *h.conjuncts)):
        name = _full_name(head)
        if name is not None:
            run.crew(sent, name, "written_by")
            continue
        key = doc.ref(sent, head) if head.pos_ == "PROPN" else None
        if key is not None and key != doc.work_key and doc.ents[key].fixed in (None, P):
            doc.ents[key].fixed = P  # "Kessler, who co-wrote the script": a surname named before
            found.append(Found(str(doc.work_key), "written_by", key, sent.index, 0.85))
    return found


#: verbs of making the work, with the credit each gives
MAKING = {"direct": "directed_by", "write": "written_by", "produce": "produced_by", "co-write": "written_by"}


def _made_it(doc: Doc, sent: Sentence, who: Any) -> list[str]:
    """ "A, who wrote and directed it": the credits of a relative clause whose verbs make the work
    ("it", "the film" or its title) and whose antecedent is a name."""
    verb = who.head
    if who.dep_ != "nsubj" or verb.dep_ != "relcl" or verb.head.pos_ != "PROPN":
        return []
    verbs = [verb, *verb.conjuncts]
    objs = [o for v in verbs for o in v.children if o.dep_ == "dobj"]
    if not objs or not all(
        o.lower_ in ("it", "film", "movie", "picture", "thing") or doc.ref(sent, o) == doc.work_key
        for o in objs
    ):
        return []
    if doc.work_key is None or who.i - 2 < sent.span.start or doc.ref(sent, verb.head) is None:
        return []
    return [MAKING[v.lemma_] for v in verbs if v.lemma_ in MAKING]


def credit_found(run: Crediting, sent: Sentence, role: str | None, actor: str) -> list[Found]:
    """`portrayed_by` (and the work's `cast_member`) when the part is a character."""
    doc = run.doc
    if role is None or role == actor or role == doc.work_key or doc.ents[role].type is not C:
        return []
    out = [Found(role, "portrayed_by", actor, sent.index, 0.85)]
    if doc.work_key is not None:
        out.append(Found(doc.work_key, "cast_member", actor, sent.index, 0.8))
    return out


def _part_of(doc: Doc, sent: Sentence, verb: Any) -> str | None:
    """The named part a "played by" participle hangs on ("Marta, Harlan's nurse, played by A")."""
    head = verb.head
    key = doc.ref(sent, head)
    return key if key is not None and doc.ents[key].fixed in (None, C) else None


def _whom_actor(span: Any, whom: Any) -> Any:
    """ "X, the black sheep, whom A plays as a brat": the actor's full name between "whom" and an
    acting verb."""
    doc, j = span.doc, whom.i + 1
    while j < span.end and (_capital(doc[j]) or doc[j].text == "-" or doc[j].lower_ in PARTICLES):
        j += 1
    if j >= span.end or doc[j].lemma_ not in lx.CREDIT_LEMMAS or doc[j].tag_ not in ("VBZ", "VBD", "VBP"):
        return None
    run = doc[whom.i + 1 : j]
    return run if _full_name(run[-1]) is not None and len(run) >= 2 else None


def _part_before(doc: Doc, sent: Sentence, whom: Any) -> str | None:
    """The nearest named character before "whom", across an apposition ("Ransom, the black sheep,")."""
    for t in reversed(sent.span.doc[max(sent.span.start, whom.i - 8) : whom.i]):
        key = doc.ref(sent, t)
        if key is not None:
            return key if doc.ents[key].fixed in (None, C) else None
    return None


def _agents(verb: Any) -> list[Any]:
    """The actor names of "played by A" (and "by A and B")."""
    out = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
            for head in (pobj, *(c for c in pobj.conjuncts)):
                name = _full_name(head)
                if name is not None:
                    out.append(name)
    return out


#: verbs of taking a part over from another actor
HANDOVER_LEMMAS = frozenset({"take", "inherit", "assume"})


def _handover(role: Any) -> list[Any]:
    """The two actors of "A takes over the role from B" (and "inherits the part from B")."""
    verb = role.head
    if verb.lemma_ not in HANDOVER_LEMMAS or role.dep_ != "dobj":
        return []
    froms = [p for p in (*role.children, *verb.children) if p.lower_ == "from"]
    names = [_full_name(o) for p in froms for o in p.children if o.dep_ == "pobj"]
    names += [_full_name(s) for s in verb.children if s.dep_ == "nsubj"]
    return [n for n in names if n is not None]


def _bracketed_actor(span: Any, paren: Any) -> Any:
    """ "Capable (Riley Keough)": a bracket holding only a person's full name, right after a
    capitalised word (a part's name), is the actor of that part."""
    doc = span.doc
    before = doc[paren.i - 1]
    if not before.text[:1].isupper() or before.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    close = next((t.i for t in doc[paren.i + 1 : min(span.end, paren.i + 7)] if t.text == ")"), None)
    if close is None:
        return None
    inner = doc[paren.i + 1 : close]
    words = [t for t in inner if t.text != "-"]
    if not 2 <= len(words) <= 4 or not all(_capital(t) for t in words):
        return None
    if any(t.ent_type_ in NOT_PEOPLE for t in inner):
        return None
    from .rules import _person_name  # rules imports this module

    return inner if _person_name(inner) else None


def _comma_by(span: Any, noun: Any) -> bool:
    """ "The script, by A": the noun, a comma, then "by"."""
    doc = span.doc
    if noun.i + 3 >= span.end:
        return False
    return doc[noun.i + 1].text == "," and bool(doc[noun.i + 2].lower_ == "by")


def _by_list(span: Any, start: int) -> list[Any]:
    """The names of "A, B and C" from `start` to the list's end (a verb, a bracket or the end)."""
    doc, out, k = span.doc, [], start
    while k < span.end:
        j = k
        while j < span.end and (_capital(doc[j]) or doc[j].text == "-"):
            j += 1
        if j == k:
            break
        out.append(doc[k:j])
        nxt = doc[j + 1] if j + 1 < span.end else None
        if nxt is not None and doc[j].text == "," and nxt.lower_ == "and":
            k = j + 2  # "A, B, and C"
        elif nxt is not None and (doc[j].lower_ == "and" or (doc[j].text == "," and _capital(nxt))):
            k = j + 1
        else:
            break
    return out


def _full_name(tok: Any) -> Any:
    """The two-to-four-word title-case name run a token ends or belongs to, or None."""
    if tok.pos_ != "PROPN":
        return None
    doc, sent = tok.doc, tok.sent
    i = j = tok.i
    while i - 1 >= sent.start and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].text == "-"):
        i -= 1
    while j + 1 < sent.end and (doc[j + 1].pos_ == "PROPN" or doc[j + 1].text == "-"):
        j += 1
    run = doc[i : j + 1]
    words = [t for t in run if t.text != "-"]
    inner = words[1:-1]
    if not 2 <= len(words) <= 4 or not _capital(words[0]) or not _capital(words[-1]):
        return None
    if not all(_capital(t) or t.lower_ in PARTICLES for t in inner):
        return None
    return run


#: small words inside a person's name ("Ana de Armas", "Ludwig van Horn")
PARTICLES = NAME_PARTICLES


def _capital(tok: Any) -> bool:
    """A capitalised alphabetic word ("Keough", "McCarthy", "O'Neil" is two tokens' worth)."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper
