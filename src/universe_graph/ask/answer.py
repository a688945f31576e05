"""Answering a question: intent, topic, relation chain, one bound SPARQL query, evidence.

Intents: "how is X connected to Y" (the query layer's `path`), "what happens in the second act
of W" (`timeline`), "who is X" / "tell me about X" (`profile`), and relation questions ("who
trained X", "who directed the films that X acted in", "which films is X in"), which become one
SPARQL query over a relation chain with the topic bound as a parameter.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

import pyoxigraph as ox
from pydantic import BaseModel

from ..errors import AmbiguousName, CannotAnswer, NotFound
from ..model import CanonTier, is_placeholder
from ..query import path, profile, timeline
from ..query.evidence import ClaimReader, EvidenceRef
from ..resolve import best_name
from ..snapshot import snapshot
from ..stores.sync import UniverseStore
from . import names, parse
from .chains import LITERAL, Chain, Direction, path_sparql, sparql
from .names import Candidate, NameIndex
from .templates import BRACKET_RE, TOPIC, Templates, template_of
from .templates import load as load_templates

#: The intents' shapes, offered (with the learned templates) when a question cannot be read.
SUPPORTED = (
    "who trained X?",
    "who directed the films that X acted in?",
    "which films is X in?",
    "how is X connected to Y?",
    "what happens in the second act of W?",
    "who is X?",
)
MAX_EVIDENCE = 5
MIN_SIMILARITY = 0.3  # a near template's chain as it is
MIN_ANALOGY = 0.1  # a near template whose every differing relation word was swapped for the question's
ORDINALS = {
    w: i
    for i, words in enumerate(
        [("first", "1st", "one"), ("second", "2nd", "two"), ("third", "3rd", "three"),
         ("fourth", "4th", "four"), ("fifth", "5th", "five"), ("sixth", "6th", "six"),
         ("seventh", "7th", "seven"), ("eighth", "8th", "eight"), ("ninth", "9th", "nine")],
        start=1,
    )
    for w in words
}  # fmt: skip
_Q = r"\s*[?.!]*\s*$"
PATH_RES = (
    re.compile(
        r"^how (?:is|are|was|were) (?P<a>.+?) (?:connected|related|linked|tied) (?:to|with) (?P<b>.+?)" + _Q,
        re.I,
    ),
    re.compile(r"^how (?:is|are|was|were) (?P<a>.+?) and (?P<b>.+?) (?:connected|related|linked)" + _Q, re.I),
    re.compile(r"^what (?:connects|links) (?P<a>.+?) (?:and|to|with) (?P<b>.+?)" + _Q, re.I),
)  # fmt: skip
ACT_RES = (
    re.compile(r"^what happens in (?:the )?(?P<ord>\w+) act of (?P<w>.+?)" + _Q, re.I),
    re.compile(r"^what happens in act (?P<ord>\w+) of (?P<w>.+?)" + _Q, re.I),
    re.compile(r"^what happens in (?P<w>.+?)" + _Q, re.I),
)
PROFILE_RES = (
    re.compile(r"^(?:who|what) (?:is|was|are|were) (?P<x>.+?)" + _Q, re.I),
    re.compile(r"^tell me (?:about|everything about) (?P<x>.+?)" + _Q, re.I),
)


class Topic(BaseModel):
    mention: str
    name: str
    type: str
    iri: str | None  # None for a value (a year, a tag)
    others: list[str] = []  # what else the mention could have meant


class Item(BaseModel):
    name: str
    iri: str | None
    support: int


class Step(BaseModel):
    """One hop of the path that supports an answer, with the sources that say so."""

    subject: str
    relation: str
    object: str
    evidence: list[EvidenceRef]


class Support(BaseModel):
    answer: str
    steps: list[Step]


class Answer(BaseModel):
    """What `ask` prints: the answer, how the question was read, the query it ran, and the evidence."""

    question: str
    intent: Literal["relation", "path", "timeline", "profile"]
    reading: str
    topic: Topic | None = None
    chain: str | None = None
    query: str | None = None
    bindings: dict[str, str] = {}
    answers: list[Item] = []
    support: list[Support] = []
    result: dict[str, Any] | None = None  # the query layer's result for path, timeline, profile


Term = ox.NamedNode | ox.Literal


@dataclass
class Attempt:
    chain: Chain
    topic: Candidate
    rows: list[tuple[Item, Term]]
    how: str


class Asker:
    """Answers questions against one store; keeps the name index and templates between questions."""

    def __init__(
        self, store: UniverseStore, *, templates: Templates | None = None, canon: CanonTier | None = None
    ) -> None:
        self.store, self.canon = store, canon
        self.templates = templates if templates is not None else load_templates()
        self._index: NameIndex | None = None
        self._reader: ClaimReader | None = None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = snapshot(self.store).part("ask-names", lambda: names.build(self.store.canonical))
        return self._index

    # ------------------------------------------------------------------ intents
    def ask(self, question: str, *, evidence: bool = True) -> Answer:
        """Answer one question; raises CannotAnswer (with supported forms), NotFound or AmbiguousName."""
        text = " ".join(question.split())
        if not text:
            raise CannotAnswer(question, "the question is empty", self.closest_forms(""))
        for rx in PATH_RES:
            m = rx.match(text)
            if m and self._links(m["a"]) and self._links(m["b"]):
                return self._path(text, m["a"], m["b"])
        for rx in ACT_RES:
            m = rx.match(text)
            if m and self._links(m["w"]) and ("ord" not in m.groupdict() or m["ord"].lower() in ORDINALS):
                act = ORDINALS[m["ord"].lower()] if m.groupdict().get("ord") else None
                return self._timeline(text, m["w"], act)
        for rx in PROFILE_RES:
            m = rx.match(text)
            if m and BRACKET_RE.search(text) is None and self._links(m["x"]):
                return self._profile(text, m["x"])
        return self._relation(text, evidence=evidence)

    def _not(self, mention: str, iri: str) -> str:
        """ ", not X (film) or Y (universe)": the other things a mention could have meant."""
        others = [c.describe() for c in self.index.lookup(mention.strip(" []")) if c.term.value != iri]
        return f", not {' or '.join(others)}" if others else ""

    def _links(self, mention: str) -> bool:
        """True when the whole mention is a known name (an intent's slot must be one thing, exactly)."""
        return bool(self.index.lookup(mention.strip(" []")))

    def _path(self, text: str, a: str, b: str) -> Answer:
        result = path(self.store, a.strip(" []"), b.strip(" []"), canon=self.canon)
        hops = result.paths[0] if result.paths else []
        names = [h.object_name if h.direction == "forward" else h.subject_name for h in hops]
        chain = " -> ".join([result.source.name, *names])
        return Answer(
            question=text,
            intent="path",
            reading=(
                f"a connection from {result.source}{self._not(a, result.source.iri)} to {result.target}"
                f"{self._not(b, result.target.iri)} (names read as characters first)"
            ),
            query="path (breadth-first search over the canonical graph)",
            bindings={"a": result.source.iri, "b": result.target.iri},
            answers=[Item(name=chain, iri=None, support=len(result.paths))],
            result=result.model_dump(mode="json"),
        )

    def _timeline(self, text: str, work: str, act: int | None) -> Answer:
        result = timeline(self.store, work.strip(" []"), canon=self.canon)
        acts = [a for a in result.acts if act is None or a.act == act]
        if act is not None and not acts:
            known = ", ".join(str(a.act) for a in result.acts if a.act is not None) or "none"
            raise NotFound(f"act of {result.work.name}", str(act), [f"acts known: {known}"])
        result = result.model_copy(update={"acts": acts})
        which = f"act {act} of " if act else ""
        return Answer(
            question=text,
            intent="timeline",
            reading=f"the plot of {which}{result.work} (named query `plot`)",
            query="timeline (named queries plot and participants)",
            bindings={"work": result.work.iri},
            answers=[Item(name=e.label, iri=e.event, support=len(e.sources)) for a in acts for e in a.events],
            result=result.model_dump(mode="json"),
        )

    def _profile(self, text: str, who: str) -> Answer:
        result = profile(self.store, who.strip(" []"), canon=self.canon)
        return Answer(
            question=text,
            intent="profile",
            reading=f"everything about {result.entity}{self._not(who, result.entity.iri)}",
            query="profile (named queries over the entity's relations and appearances)",
            bindings={"entity": result.entity.iri},
            answers=[Item(name=result.entity.name, iri=result.entity.iri, support=1)],
            result=result.model_dump(mode="json"),
        )

    # ------------------------------------------------------------------ relation questions
    def _mentions(self, text: str) -> list[tuple[int, int, list[Candidate]]]:
        bracket = BRACKET_RE.search(text)
        if bracket:
            found = self.index.lookup(bracket.group(1))
            if not found:
                raise NotFound("entity or value", bracket.group(1), self.index.suggestions(bracket.group(1)))
            return [(bracket.start(), bracket.end(), found)]
        return self.index.mentions(text)[:3]

    def _candidates(self, text: str, start: int, end: int, found: list[Candidate]) -> list[tuple[Chain, str]]:
        """Chains to try, best first: the learned template, the ontology's labels, near templates."""
        template = template_of(text, start, end)
        out: list[tuple[Chain, str]] = []
        known = self.templates.exact(template)
        if known is not None:
            out.append((known, f"learned template '{template}'"))
        for score, near, chain in self.templates.analogies(template):
            if score >= MIN_ANALOGY:
                out.append((chain, f"learned template '{near}' with its relation words swapped"))
        out += [
            (c, "relation words read from the ontology's labels")
            for c in parse.chains(text, (start, end), frozenset(c.type for c in found))
        ]
        near_chains = [(s, n, c) for s, n, c in self.templates.nearest(template) if s >= MIN_SIMILARITY]
        for score, near, chain in near_chains:
            out.append((chain, f"nearest learned template '{near}' (similarity {score:.2f})"))
        for score, near, chain in near_chains:  # its last hops, when the question has fewer
            for cut in range(1, len(chain.hops)):
                tail = chain.model_copy(update={"hops": chain.hops[cut:]})
                out.append((tail, f"the last hops of learned template '{near}' (similarity {score:.2f})"))
        unique: dict[Chain, str] = {}
        for chain, how in out:
            unique.setdefault(chain, how)
        return list(unique.items())

    def closest_forms(self, text: str, n: int = 4) -> list[str]:
        """Supported questions closest to `text`: the examples and the learned templates (NE as X)."""
        forms = list(SUPPORTED) + [t.replace(TOPIC, "X") for t in self.templates.table]
        scored = sorted(
            forms, key=lambda f: (-difflib.SequenceMatcher(a=text.lower(), b=f.lower()).ratio(), f)
        )
        return scored[:n]

    def _relation(self, text: str, *, evidence: bool) -> Answer:
        mentions = self._mentions(text)
        if not mentions:
            raise CannotAnswer(text, "it names nothing the store knows", self.closest_forms(text))
        tried = False
        for start, end, found in mentions:
            for chain, how in self._candidates(text, start, end, found):
                fitting = [c for c in found if c.type in chain.start_types()]
                tried = tried or bool(fitting)
                results = [(c, self.run(chain, c)) for c in fitting]
                answered = [(c, rows) for c, rows in results if rows]
                if len(answered) > 1:
                    shown = [(c.name, c.type) for c, _ in answered]
                    if len(set(shown)) < len(shown):  # two things of one name and type: their IRIs tell
                        shown = [(f"{c.name} <{c.key}>", c.type) for c, _ in answered]
                    raise AmbiguousName(
                        text[start:end].strip("[]"),
                        shown,
                        how="a more specific name (or [brackets] and a type word in the question)",
                    )
                if answered:
                    topic, rows = answered[0]
                    attempt = Attempt(chain, topic, rows, how)
                    return self._answer(text, text[start:end].strip("[]"), found, attempt, evidence)
        why = (
            "no relation in it leads anywhere from " + ", ".join(c.describe() for c in mentions[0][2])
            if tried
            else "I found no relation words in it that fit " + mentions[0][2][0].describe()
        )
        raise CannotAnswer(text, why, self.closest_forms(text))

    def run(self, chain: Chain, topic: Candidate) -> list[tuple[Item, Term]]:
        """The chain's answers from one topic: a single query, the topic (and tier floor) bound."""
        bindings: dict[str, ox.NamedNode | ox.Literal] = {"topic": topic.term}
        if self.canon is not None:
            bindings["floor"] = ox.Literal(str(self.canon.rank), datatype=ox.NamedNode(XSD_INTEGER))
        rows = []
        for row in _rows(self.store.canonical.query(sparql(chain, canon=self.canon is not None), bindings)):
            answer, name = row["answer"], row["name"]
            iri = answer.value if isinstance(answer, ox.NamedNode) else None
            shown = name.value if name is not None else answer.value
            if iri is not None and (
                name is None or is_placeholder(shown)
            ):  # a real name, if any source has one
                shown = self.index.display.get(iri, shown)
            rows.append((Item(name=shown, iri=iri, support=int(row["support"].value)), answer))
        return rows

    def _answer(
        self, text: str, mention: str, found: list[Candidate], attempt: Attempt, evidence: bool
    ) -> Answer:
        topic, chain = attempt.topic, attempt.chain
        others = [c.describe() for c in found if c != topic]
        reading = f'"{mention}" read as {topic.describe()}'
        if others:
            reading += f", not {' or '.join(others)}"
        reading += f"; {chain.reading()} ({attempt.how})"
        bound = {"topic": topic.term.value}
        if self.canon is not None:
            bound["floor"] = f"{self.canon.rank} ({self.canon.value} or stronger)"
        return Answer(
            question=text,
            intent="relation",
            reading=reading,
            topic=Topic(
                mention=mention,
                name=topic.name,
                type=topic.type,
                iri=topic.term.value if topic.type != LITERAL else None,
                others=others,
            ),
            chain=chain.notation(),
            query=sparql(chain, canon=self.canon is not None),
            bindings=bound,
            answers=[item for item, _ in attempt.rows],
            support=self._support(chain, topic, attempt.rows[:MAX_EVIDENCE]) if evidence else [],
        )

    # ------------------------------------------------------------------ evidence
    def _support(self, chain: Chain, topic: Candidate, rows: list[tuple[Item, Term]]) -> list[Support]:
        reader = self._reader = self._reader or ClaimReader(self.store)
        out = []
        for item, answer in rows:
            bound = {"topic": topic.term, "answer": answer}
            found = list(_rows(self.store.canonical.query(path_sparql(chain), bound)))
            if not found:
                continue
            row = found[0]
            nodes = [topic.term, *(row[f"x{i}"] for i in range(1, len(chain.hops))), answer]
            steps = []
            for hop, a, b in zip(chain.hops, nodes, nodes[1:], strict=False):
                s, o = (b, a) if hop.direction is Direction.BACKWARD else (a, b)
                facts = [
                    f
                    for f in reader.claims(subject=s.value)
                    if f.predicate == hop.predicate and str(f.object) == o.value
                ] if isinstance(s, ox.NamedNode) else []  # fmt: skip
                if not facts and hop.direction is Direction.BOTH and isinstance(o, ox.NamedNode):
                    s, o = o, s
                    facts = [f for f in reader.claims(subject=s.value) if f.predicate == hop.predicate
                             and str(f.object) == o.value]  # fmt: skip
                steps.append(
                    Step(
                        subject=self._name(s),
                        relation=hop.predicate.replace("_", " "),
                        object=self._name(o),
                        evidence=[e for f in facts for e in f.evidence],
                    )
                )
            out.append(Support(answer=item.name, steps=steps))
        return out

    def _name(self, term: object) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        assert isinstance(term, ox.NamedNode)
        if term.value in self.index.display:  # the entity's best real name, never an id beside it
            return self.index.display[term.value]
        rows = list(_rows(self.store.canonical.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l }", {"e": term})))
        return best_name(r["l"].value for r in rows) or term.value


XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"


def _rows(result: object) -> ox.QuerySolutions:
    """A SELECT query's solutions (the chain and path queries are all SELECTs)."""
    assert isinstance(result, ox.QuerySolutions)
    return result
