"""Relation phrases and answer-type words generated from the ontology, never typed by hand.

Each relation predicate reads two ways: its `rdfs:label` ("trained by": subject to object) and its
`ug:inverseLabel` ("trained": object to subject). From those we derive word forms (acted ->
act, acts; directed -> direct; written -> write), agent nouns (directed by -> director, directors;
acted in -> actor) and plurals, so "who trained John Wick", "who directed X", "what did X write"
and "the director of X" are all read from the labels. Class labels ("film", "character") give the
answer-type words. `skos:altLabel`s add other words for a reading ("plays" for portrays, "mentor"
for trained by), on the property (subject to object) or on `[] owl:inverseOf` it (object to subject).
Each phrase also knows which way it reads as a possessive noun ("X's mentor", "the killer of X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from rdflib import OWL, RDF, RDFS, BNode, URIRef
from rdflib.namespace import SKOS

from .. import ontology
from ..model import EntityType
from ..vocab import UG
from .chains import LITERAL, Direction


class Reading(StrEnum):
    LABEL = "label"  # "S trained by O": the topic before the phrase is the subject
    INVERSE = "inverse"  # "O trained S": the topic before the phrase is the object
    NOUN = "noun"  # "the director of X", "X's genre": direction decided by the types


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    predicate: str
    reading: Reading
    owner: Direction | None = None  # as "X's <words>" / "the <words> of X": the hop from X

    def possessive(self) -> Direction:
        """The hop from the owner in "X's mentor" or "the director of X" (the answer is the noun)."""
        if ontology.predicate(self.predicate).symmetric:
            return Direction.BOTH
        if self.owner is not None:
            return self.owner
        return Direction.FORWARD if self.reading is Reading.LABEL else Direction.BACKWARD

    def directions(self, after_topic: bool) -> tuple[Direction, ...]:
        """Which way the hop goes, given whether the phrase comes after the topic in the question."""
        if ontology.predicate(self.predicate).symmetric:
            return (Direction.BOTH,)
        if self.reading is Reading.NOUN:
            return (Direction.FORWARD, Direction.BACKWARD)
        forward = (self.reading is Reading.LABEL) == after_topic
        return (Direction.FORWARD,) if forward else (Direction.BACKWARD,)


PARTICLES = frozenset({"by", "in", "of", "for", "to", "with", "on", "at"})
COPULA_FORMS = frozenset({"is", "are", "was", "were"})


def _verb_forms(word: str) -> set[str]:
    """Plausible other forms of a past tense or participle: directed -> direct, directs, directing."""
    stems = set()
    if word.endswith("ied"):
        stems.add(word[:-3] + "y")
    elif word.endswith("ed"):
        stems |= {word[:-2], word[:-1]}
        if len(word) > 4 and word[-3] == word[-4]:
            stems.add(word[:-3])
    elif word.endswith("tten"):
        stems.add(word[:-4] + "te")
    elif word.endswith("en") and len(word) > 4:
        stems |= {word[:-2], word[:-1]}
    forms = set(stems)
    for stem in stems:
        forms |= {stem + "s", stem + "es", stem.rstrip("e") + "ing"}
    return forms


def _agent_nouns(word: str) -> set[str]:
    """directed -> director, directer; trained -> trainer; produced -> producer; written -> writer."""
    nouns = set()
    for stem in _verb_forms(word):
        if stem.endswith(("s", "ing")):
            continue
        base = stem.rstrip("e")
        nouns |= {base + "er", base + "or"}
    return nouns | {n + "s" for n in nouns}


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def alt_labels(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A predicate's `skos:altLabel`s: (subject to object, object to subject), sorted."""
    g = ontology.graph()
    prop = URIRef(getattr(UG, name))
    forward = sorted(str(v).lower() for v in g.objects(prop, SKOS.altLabel))
    inverse = sorted(
        str(v).lower()
        for node in g.subjects(OWL.inverseOf, prop)
        if isinstance(node, BNode)
        for v in g.objects(node, SKOS.altLabel)
    )
    return tuple(forward), tuple(inverse)


def _alt_phrases(name: str) -> set[Phrase]:
    """Phrases from the alternative labels, with their verb forms ("lives in" -> live, lived, living,
    and without the particle: "where does X live")."""
    out: set[Phrase] = set()
    forward, inverse = alt_labels(name)
    for texts, reading in ((forward, Reading.LABEL), (inverse, Reading.INVERSE)):
        for text in texts:
            words = tuple(text.split())
            out.add(Phrase(words, name, reading))
            head, rest = words[0], words[1:]
            forms: set[str] = set()
            if head.endswith(("ed", "en")):
                forms = _verb_forms(head)
            elif head == "is":  # "is in": "which planets are in W", "who was in W"
                forms = {"are", "was", "were"}
            elif head.endswith("s") and not head.endswith("ss") and head not in ("is", "was", "has"):
                stem = head[:-1]
                forms = {stem, stem.rstrip("e") + "ing", stem + "d" if stem.endswith("e") else stem + "ed"}
            for form in forms:
                out.add(Phrase((form, *rest), name, reading))
            if rest[-1:] and rest[-1] in PARTICLES and head not in COPULA_FORMS:
                for form in forms | {head}:
                    out.add(Phrase((form, *rest[:-1]), name, reading))
    return out


@cache
def phrases(alternatives: bool = True) -> tuple[Phrase, ...]:
    """Every relation phrase, longest first (so "directed by" wins over "directed"); without
    `alternatives`, from the labels and inverse labels only (how [bracketed] questions are read)."""
    out: set[Phrase] = set()
    for info in ontology.predicates().values():
        if alternatives:
            out |= _alt_phrases(info.name)
        for text, reading in ((info.label, Reading.LABEL), (info.inverse_label, Reading.INVERSE)):
            words = tuple(text.lower().split())
            out.add(Phrase(words, info.name, reading))
            head, rest = words[0], words[1:]
            verbal = head.endswith(("ed", "en")) or head in (
                "wrote",
                "features",
                "contains",
                "leads",
                "follows",
            )
            if head.endswith("s") and rest[-1:] and rest[-1] in PARTICLES and not verbal:  # appears in
                stem = head[:-1]
                for form in (stem, stem + "ed", stem + "ing"):
                    out.add(Phrase((form, *rest), info.name, reading))
            if verbal:
                for form in _verb_forms(head):
                    out.add(Phrase((form, *rest), info.name, reading))
                if reading is Reading.LABEL and rest[-1:] == ("by",):  # directed by -> director
                    for noun in _agent_nouns(head):
                        out.add(Phrase((noun,), info.name, Reading.NOUN, Direction.FORWARD))
                if (
                    reading is Reading.INVERSE
                    and len(rest) == 1
                    and rest[0] in PARTICLES
                    and not info.is_literal
                ):
                    # acted in -> actor (the inverse reading's subject); killed by -> killer (its agent)
                    owner = Direction.BACKWARD if rest == ("by",) else Direction.FORWARD
                    for noun in _agent_nouns(head):
                        out.add(Phrase((noun,), info.name, Reading.NOUN, owner))
            elif not rest or rest[-1] not in PARTICLES:  # a noun phrase: "cast member", "genre"
                owner = Direction.FORWARD if reading is Reading.LABEL else Direction.BACKWARD
                out.add(Phrase(words, info.name, Reading.NOUN, owner))
                out.add(Phrase((*words[:-1], _plural(words[-1])), info.name, Reading.NOUN, owner))
    cleaned = {p for p in out if not (p.reading is not Reading.NOUN and _noun_twin(p, out))}
    return tuple(sorted(cleaned, key=lambda p: (-len(p.words), p.words, p.predicate, p.reading)))


def _noun_twin(phrase: Phrase, out: set[Phrase]) -> bool:
    return any(p.words == phrase.words and p.predicate == phrase.predicate and p.reading is Reading.NOUN
               for p in out)  # fmt: skip


@cache
def type_words(alternatives: bool = True) -> dict[str, frozenset[str]]:
    """Words that say what kind of answer is wanted: class labels and their plurals, and wh-words."""
    g = ontology.graph()
    out: dict[str, set[str]] = {}
    for cls in g.subjects(RDF.type, OWL.Class):
        name = str(cls).rsplit("#", 1)[-1]
        label = g.value(cls, RDFS.label)
        if label is None or name not in {t.value for t in EntityType} | {"Work"}:
            continue
        kinds = {EntityType.FILM.value, EntityType.SERIES.value} if name == "Work" else {name}
        alts = [str(v) for v in g.objects(cls, SKOS.altLabel)] if alternatives else []
        for text in [str(label), *alts]:
            for word in (text.lower(), _plural(text.lower())):
                out.setdefault(word, set()).update(kinds)
    people = {EntityType.PERSON.value, EntityType.CHARACTER.value, EntityType.ORGANIZATION.value}
    out.setdefault("who", set()).update(people)
    out.setdefault("whom", set()).update(people)
    out.setdefault("where", set()).add(EntityType.LOCATION.value)
    out.setdefault("when", set()).add(LITERAL)
    return {k: frozenset(v) for k, v in out.items()}


TOKEN_RE = re.compile(r"[a-z0-9'-]+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Lowercase words with their character spans."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text.lower())]
