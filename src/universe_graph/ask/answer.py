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
from ..model import CanonTier, EntityType, is_placeholder
from ..query import path, profile, timeline
from ..query.evidence import ClaimReader, EvidenceRef, Fact, kept
from ..query.reveal import release_order
from ..resolve import best_name
from ..snapshot import snapshot
from ..stores.sync import UniverseStore
from . import names, parse
from .chains import LITERAL, Chain, Direction, path_sparql, sparql
from .lexicon import phrases, type_words
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
    re.compile(
        r"^what happens (?:at|in|during|towards?) (?:the )?(?P<part>start|beginning|opening|middle|end|ending"
        r"|climax|finale|final act|last act|opening act) of (?P<w>.+?)" + _Q,
        re.I,
    ),
    re.compile(r"^how does (?P<w>.+?) (?P<part>start|begin|open|end|finish|conclude)" + _Q, re.I),
    re.compile(r"^what happens in (?P<w>.+?)" + _Q, re.I),
)
#: where a part of the plot falls among a work's acts: the first, the middle, or the last one
PARTS = {
    **dict.fromkeys(("start", "beginning", "opening", "opening act", "begin", "open"), "first"),
    "middle": "middle",
    **dict.fromkeys(
        ("end", "ending", "climax", "finale", "final act", "last act", "finish", "conclude"), "last"
    ),
}
COUNT_RE = re.compile(r"^how many (?P<rest>.+)$", re.I)
ORDER_RE = re.compile(r"\b(?P<which>first|earliest|last|latest|most recent)\b\s*", re.I)
YES_NO_RE = re.compile(r"^(?P<aux>did|does|do|is|was|are|were|has|have|had)\s+(?P<rest>.+)$", re.I)
IN_WORK_RE = re.compile(
    r"^(?P<aux>is|was|are|were|does|did|do)\s+(?P<a>.+?)\s+(?:(?:appear|star|act|feature)\w*\s+)?in\s+"
    r"(?P<w>.+?)" + _Q,
    re.I,
)
DIE_RE = re.compile(
    r"^(?:does|did|do|is|was)\s+(?P<x>.+?)\s+(?:die|dead|get killed|killed)(?:\s+in\s+(?P<w>.+?))?" + _Q, re.I
)
DIES_WHERE_RE = re.compile(
    r"^(?:in )?(?:which|what) (?:film|movie|work|series|episode|chapter|one)s? (?:does|did|do|is|was) "
    r"(?P<x>.+?) (?:die|dies|died|get killed|gets killed|killed|perish)(?: in)?" + _Q,
    re.I,
)
DIES_IN_RE = re.compile(r"^who (?:dies|died|is killed|was killed|gets killed) in (?P<w>.+?)" + _Q, re.I)
WITHIN_RE = re.compile(r"\s+(?:in|during)\s+$", re.I)
EXTRA_SKIP = frozenset(
    {"film", "films", "movie", "movies", "happens", "happen", "many", "much", "first", "last", "dies", "die",
     "dead", "alive", "live", "lives", "play", "plays", "played", "come", "comes", "came", "out", "after",
     "before", "where", "when", "appear", "appears", "appeared"}
)  # fmt: skip
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


Shape = Literal["list", "count", "yes/no", "first", "last"]


class Answer(BaseModel):
    """What `ask` prints: the answer, how the question was read, the query it ran, and the evidence."""

    question: str
    intent: Literal["relation", "path", "timeline", "profile"]
    reading: str
    sentence: str = ""  # the answer in a sentence, printed first
    shape: Shape = "list"
    verdict: Literal["yes", "not recorded"] | None = None  # for yes/no questions
    count: int | None = None  # for "how many"
    within: str | None = None  # the work a constraint phrase ("in Ballerina") filtered by
    topic: Topic | None = None
    chain: str | None = None
    query: str | None = None
    bindings: dict[str, str] = {}
    answers: list[Item] = []
    support: list[Support] = []
    result: dict[str, Any] | None = None  # the query layer's result for path, timeline, profile


Term = ox.NamedNode | ox.Literal
Mention = tuple[int, int, list[Candidate], bool]  # a name's span in the question, what it may be, near


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
        self._skip_words: frozenset[str] | None = None

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
        if BRACKET_RE.search(text) is None:  # a fan's spelling of the question word; MetaQA's kept as is
            text = parse.normalise(text)
        for rx in PATH_RES:
            m = rx.match(text)
            if m and self._links(m["a"]) and self._links(m["b"]):
                return self._path(text, m["a"], m["b"])
        bracket = BRACKET_RE.search(text) is not None
        for rx in ACT_RES:
            m = rx.match(text)
            if m and self._slot(m["w"]) and ("ord" not in m.groupdict() or m["ord"].lower() in ORDINALS):
                act: int | str | None = ORDINALS[m["ord"].lower()] if m.groupdict().get("ord") else None
                if m.groupdict().get("part"):
                    act = PARTS[m["part"].lower()]
                work = m["w"] if self._links(m["w"]) else self._slot(m["w"])[0].name  # a near name: its own
                return self._timeline(text, work, act)
        for rx in PROFILE_RES:
            m = rx.match(text)
            if m and not bracket and self._links(m["x"]):
                return self._profile(text, m["x"])
        if not bracket:
            shaped = self._shaped(text, evidence)
            if shaped is not None:
                return shaped
        return self._relation(text, evidence=evidence)

    # ------------------------------------------------------------------ answer shapes
    def _shaped(self, text: str, evidence: bool) -> Answer | None:
        """Counts, yes/no, deaths, first and last: the shapes a fan's question takes beyond a list."""
        m = COUNT_RE.match(text)
        if m:
            inner = self._relation("which " + m["rest"], evidence=evidence)
            n = len(inner.answers)
            return inner.model_copy(
                update={"question": text, "shape": "count", "count": n, "sentence": f"{n}: {inner.sentence}"}
            )
        m = DIES_IN_RE.match(text)
        if m and self._slot(m["w"]):
            return self._deaths_in(text, m["w"])
        m = DIE_RE.match(text)
        if m and self._slot(m["x"]):
            return self._dies(text, m["x"], m["w"])
        m = DIES_WHERE_RE.match(text)
        if m and self._slot(m["x"]):
            return self._dies_where(text, m["x"])
        m = IN_WORK_RE.match(text)
        if m and self._slot(m["a"]) and (self._slot(m["w"]) or self._works_inside(m["w"])):
            return self._is_in(text, m["a"], m["w"])
        m = YES_NO_RE.match(text)
        if m:
            verdict = self._yes_no(text, evidence)
            if verdict is None:  # a yes/no question is answered yes/no or refused, never with a list
                raise CannotAnswer(
                    text,
                    "a yes/no question needs two things the store knows and a relation between them",
                    self.closest_forms(text),
                )
            return verdict
        m = ORDER_RE.search(text)
        if m:
            rest = (text[: m.start()] + text[m.end() :]).strip()
            inner = self._relation(rest, evidence=evidence)
            return self._ordered(
                text, inner, "first" if m["which"].lower() in ("first", "earliest") else "last"
            )
        return None

    def _slot(self, mention: str) -> list[Candidate]:
        """What a whole slot of a question names: exactly, or a unique near name (a typo, first names)."""
        mention = names.POSSESSIVE_RE.sub("", mention.strip(" []"))
        found = self.index.lookup(mention)
        if found:
            return found
        near = self.index.near(mention)
        return near if len({c.key for c in near}) == 1 else []

    def _one(self, mention: str, types: frozenset[str], what: str) -> Candidate:
        """The one entity of a usable type a slot names (for a work, else the one work named inside it:
        "Star Wars Episode IV A New Hope"); refuses (with the candidates or suggestions) rather than guess."""
        found = [c for c in self._slot(mention) if c.type in types]
        if not found and types <= WORKS:
            found = self._works_inside(mention)
        if not found:
            raise NotFound(what, mention.strip(" []"), self._suggest(mention))
        if len(found) > 1:
            self._ambiguous(mention, found)
        return found[0]

    def _works_inside(self, slot: str) -> list[Candidate]:
        """The works named inside a slot that is not one known name as a whole, one per entity."""
        out: dict[str, Candidate] = {}
        for _start, _end, found, near in self._cover(slot.strip(" []")):
            for c in found if not near else []:
                if c.type in WORKS:
                    out.setdefault(c.key, c)
        return list(out.values())

    def _ambiguous(self, mention: str, found: list[Candidate]) -> None:
        """Refuse a name that means several things, listing them; two of one name and type are told
        apart by release year (a work) or IRI."""
        shown = [(c.name, c.type) for c in found]
        if len(set(shown)) < len(shown):
            order = release_order(self.store)
            shown = [
                (f"{c.name} ({order[c.key].year})" if c.key in order and order[c.key].year else
                 f"{c.name} <{c.key}>", c.type)
                for c in found
            ]  # fmt: skip
        raise AmbiguousName(mention.strip(" []"), shown, how="a more specific name")

    def _suggest(self, mention: str) -> list[str]:
        near = [c.name for c in self.index.near(mention)]
        return list(dict.fromkeys(near + self.index.suggestions(mention)))[:5]

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
            sentence=f"{result.source.name} is connected to {result.target.name}: {chain}.",
            reading=(
                f"a connection from {result.source}{self._not(a, result.source.iri)} to {result.target}"
                f"{self._not(b, result.target.iri)} (names read as characters first)"
            ),
            query="path (breadth-first search over the canonical graph)",
            bindings={"a": result.source.iri, "b": result.target.iri},
            answers=[Item(name=chain, iri=None, support=len(result.paths))],
            result=result.model_dump(mode="json"),
        )

    def _timeline(self, text: str, work: str, act: int | str | None) -> Answer:
        """The plot, or one act of it; a part ("the start", "the end", "the climax") is the first, the
        middle or the last of the acts the timeline has."""
        result = timeline(self.store, work.strip(" []"), canon=self.canon)
        numbered = sorted({a.act for a in result.acts if a.act is not None})
        part = act if isinstance(act, str) else None
        if part is not None:
            if not numbered:
                raise NothingRecorded(
                    text, f"not recorded: {result.work.name} has no acts in its timeline", ()
                )
            middle = numbered[1:-1] or numbered[len(numbered) // 2 : len(numbered) // 2 + 1]
            chosen = {"first": numbered[:1], "last": numbered[-1:], "middle": middle}[part]
            act = chosen[0] if len(chosen) == 1 else None
            acts = [a for a in result.acts if a.act in chosen]
        else:
            acts = [a for a in result.acts if act is None or a.act == act]
        if act is not None and not acts:
            known = ", ".join(str(a.act) for a in result.acts if a.act is not None) or "none"
            raise NotFound(f"act of {result.work.name}", str(act), [f"acts known: {known}"])
        result = result.model_copy(update={"acts": acts})
        which = f"act {act} of " if act else ""
        if part is not None:
            listed = ", ".join(str(a.act) for a in acts)
            which = f"the {part} act{'s' if len(acts) > 1 else ''} (act {listed}) of "
        told = [e for a in acts for e in a.events]
        events = [e.short or e.label for e in told]
        return Answer(
            question=text,
            intent="timeline",
            sentence=f"In {which}{result.work.name}, {_count(len(events), 'event')}, in order:",
            reading=f"the plot of {which}{result.work} (named query `plot`)",
            query="timeline (named queries plot and participants)",
            bindings={"work": result.work.iri},
            answers=[
                Item(name=e.short or e.label, iri=e.event, support=len(e.sources))
                for a in acts
                for e in a.events
            ],
            result=result.model_dump(mode="json"),
        )

    def _profile(self, text: str, who: str) -> Answer:
        result = profile(self.store, who.strip(" []"), canon=self.canon)
        return Answer(
            question=text,
            intent="profile",
            sentence=f"{result.entity.name} is a {result.entity.type.lower()}; what the store records:",
            reading=f"everything about {result.entity}{self._not(who, result.entity.iri)}",
            query="profile (named queries over the entity's relations and appearances)",
            bindings={"entity": result.entity.iri},
            answers=[Item(name=result.entity.name, iri=result.entity.iri, support=1)],
            result=result.model_dump(mode="json"),
        )

    # ------------------------------------------------------------------ relation questions
    def _mentions(self, text: str, limit: int | None = 3) -> list[tuple[int, int, list[Candidate], bool]]:
        """Names in the question, best first (the first `limit`), each flagged when it is only near a
        known name (a typo, a first name); a near name overlapping a shorter exact one wins ("the phantom
        menance" is not *The Phantom*), and is answered only when it is unique and answers (else it is a
        suggestion)."""
        bracket = BRACKET_RE.search(text)
        if bracket:
            found = self.index.lookup(bracket.group(1))
            if not found:
                raise NotFound("entity or value", bracket.group(1), self.index.suggestions(bracket.group(1)))
            return [(bracket.start(), bracket.end(), found, False)]
        exact = self.index.mentions(text, self._skip())
        near = [
            n for n in self.index.near_mentions(text, self._skip())
            if not any(x[0] <= n[0] and n[1] <= x[1] for x in exact)
        ]  # fmt: skip
        kept = [
            (a, b, f, False)
            for a, b, f in exact
            if not any(n[1] - n[0] > b - a and n[0] < b and a < n[1] for n in near)
        ]
        named = kept + [(a, b, f, True) for a, b, f in near]
        phrased = [(m.start, m.end) for m in parse.phrase_matches(text, (0, 0)) if len(m.phrase.words) > 1]
        inside = [
            x for x in named if not x[3] and any(a <= x[0] and x[1] <= b and x[1] - x[0] < b - a
                                                 for a, b in phrased)
        ]  # fmt: skip
        if len(inside) < len(named):  # "Up" in "show up in" is the phrase's word, not the film, when
            named = [x for x in named if x not in inside]  # another name is left to be the topic
        return named if limit is None else named[:limit]

    def _cover(self, text: str) -> list[tuple[int, int, list[Candidate], bool]]:
        """Every name of the question that no longer one contains, in the question's order: a long
        title is one name, not the names inside it, and no name is dropped for the title's parts."""
        chosen: list[tuple[int, int, list[Candidate], bool]] = []
        for m in self._mentions(text, limit=None):
            if not any(m[0] < c[1] and c[0] < m[1] for c in chosen):
                chosen.append(m)
        return sorted(chosen, key=lambda m: m[0])

    def _skip(self) -> frozenset[str]:
        """Words that are never the start or end of a near name: relation and answer-type words."""
        if self._skip_words is None:
            words = {w for p in phrases() for w in p.words} | set(type_words()) | EXTRA_SKIP
            self._skip_words = frozenset(words)
        return self._skip_words

    def _within(self, text: str) -> tuple[Candidate, str, str] | None:
        """A constraint phrase at the end ("who plays Winston in Ballerina"): the work, its mention, and
        the question without it; only when another name is left to be the topic. A title that names
        several works is refused with them (AmbiguousName)."""
        for start, end, found, _near in self._mentions(text):
            works = [c for c in found if c.type in WORKS]
            tail = text[end:].strip(" ?.!")
            before = WITHIN_RE.search(text[:start])
            if works and not tail and before:
                rest = text[: before.start()] + text[end:]
                if self._mentions(rest):
                    if len(works) > 1:  # never answered as if no work were named
                        self._ambiguous(text[start:end], works)
                    return works[0], text[start:end], rest
        return None

    def _candidates(self, text: str, start: int, end: int, found: list[Candidate]) -> list[tuple[Chain, str]]:
        """Chains to try, best first: the learned template, the ontology's labels, near templates."""
        template = template_of(text, start, end)
        bracketed = BRACKET_RE.search(text) is not None  # MetaQA's templated kind: the labels only
        out: list[tuple[Chain, str]] = []
        known = self.templates.exact(template)
        if known is not None:
            out.append((known, f"learned template '{template}'"))
        for score, near, chain in self.templates.analogies(template):
            if score >= MIN_ANALOGY:
                out.append((chain, f"learned template '{near}' with its relation words swapped"))
        out += [
            (c, "relation words read from the ontology's labels")
            for c in parse.chains(text, (start, end), frozenset(c.type for c in found), fan=not bracketed)
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
        typed = " ".join(text.lower().strip(" ?.!").split())
        forms = [f for f in list(SUPPORTED) + [t.replace(TOPIC, "X") for t in self.templates.table]
                 if f.lower().strip(" ?") != typed]  # fmt: skip
        scored = sorted(
            forms, key=lambda f: (-difflib.SequenceMatcher(a=text.lower(), b=f.lower()).ratio(), f)
        )
        return scored[:n]

    def _relation(self, text: str, *, evidence: bool) -> Answer:
        within = None if BRACKET_RE.search(text) else self._within(text)
        asked = within[2] if within else text
        mentions = self._mentions(asked)
        if not mentions:
            raise CannotAnswer(text, "it names nothing the store knows", self.closest_forms(text))
        tried = False
        near_names: list[str] = []
        quiet: dict[str, list[Candidate]] = {}  # every name a mention is part of, asked, none answered
        spoke = False  # a near name of several names answered: a suggestion, and never "not recorded"
        for start, end, found, near in mentions:
            bracketed = BRACKET_RE.search(asked) is not None
            wanted = frozenset() if bracketed else parse.wanted_types(asked, (start, end))
            typed = asked[start:end]
            for chain, how in self._candidates(asked, start, end, found):
                fitting = [c for c in found if c.type in chain.start_types()]
                several = near and len({c.name for c in fitting}) > 1  # a near name must be one usable name
                beginnings = bool(fitting) and set(fitting) >= set(self.index.parts(typed))  # all it may be
                if several and not beginnings:
                    near_names += [c.name for c in fitting]
                    continue
                tried = tried or bool(fitting)
                results = [(c, self.run(chain, c, within=within[0] if within else None, wanted=wanted))
                           for c in fitting]  # fmt: skip
                answered = [(c, rows) for c, rows in results if rows]
                if several:  # "jabba": asked of every name it begins, to say "not recorded" of them all
                    near_names += [c.name for c in fitting]
                    spoke = spoke or bool(answered)
                    if not answered:
                        quiet.setdefault(typed, fitting)
                    continue
                if len(answered) > 1:
                    shown = [(c.name, c.type) for c, _ in answered]
                    if len(set(shown)) < len(shown):  # two things of one name and type: their IRIs tell
                        shown = [(f"{c.name} <{c.key}>", c.type) for c, _ in answered]
                    raise AmbiguousName(
                        asked[start:end].strip("[]"),
                        shown,
                        how="a more specific name (or [brackets] and a type word in the question)",
                    )
                if answered:
                    topic, rows = answered[0]
                    attempt = Attempt(chain, topic, rows, how)
                    mention = asked[start:end].strip("[]")
                    return self._answer(text, mention, found, attempt, evidence, within, near)
                near_names += [c.name for c in fitting] if near else []
                if near and beginnings:
                    quiet.setdefault(typed, fitting)
        longest = asked[mentions[0][0] : mentions[0][1]]  # the likeliest name, not a word such as "that"
        if longest in quiet and not spoke and all(near for *_, near in mentions):  # "obi wan": part of a name
            mention, known = longest, quiet[longest]
            listed = " or ".join(dict.fromkeys(c.describe() for c in known))
            raise NothingRecorded(
                text,
                f"not recorded: the store has no answer to it for {listed} (every known name "
                f"'{mention}' is part of)" + (f" in {within[0].name}" if within else ""),
                self.closest_forms(text),
            )
        if all(near for *_, near in mentions):  # only near names: suggestions, never an answer
            mention = asked[mentions[0][0] : mentions[0][1]]
            names_ = list(dict.fromkeys(near_names + [c.name for c in mentions[0][2]]))
            raise NotFound("entity or value", mention, names_[:5])
        first = next(m for m in mentions if not m[3])[2]
        if tried:
            where = f" in {within[0].name}" if within else ""
            raise NothingRecorded(
                text,
                "not recorded: the store has no answer to it for "
                + ", ".join(c.describe() for c in first)
                + where,
                self.closest_forms(text),
            )
        raise CannotAnswer(
            text,
            "I found no relation words in it that fit " + " or ".join(c.describe() for c in first),
            self.closest_forms(text),
        )

    def run(
        self,
        chain: Chain,
        topic: Candidate,
        *,
        within: Candidate | None = None,
        wanted: frozenset[str] = frozenset(),
    ) -> list[tuple[Item, Term]]:
        """The chain's answers from one topic: a single query, the topic (and tier floor) bound; then,
        for a fan's question, only answers in the work `within` and of the `wanted` types (when the
        question's type word narrows what the chain can give: "which planets" among what a film features)."""
        rows = self._run(chain, topic)
        narrow = wanted & ENTITY_TYPES
        if narrow and chain.answer_types() - narrow and chain.answer_types() & narrow:
            rows = [(item, term) for item, term in rows if self._types(term) & narrow]
        if within is not None:
            rows = [(item, term) for item, term in rows if self._in_work(topic.term, term, within.term)]
        return rows

    def _types(self, term: Term) -> set[str]:
        if not isinstance(term, ox.NamedNode):
            return {LITERAL}
        found = _rows(self.store.canonical.query("SELECT ?e ?t WHERE { ?e a ?t }", {"e": term}))
        return {row["t"].value.rsplit("#", 1)[-1] for row in found}

    def _in_work(self, topic: Term, answer: Term, work: Term) -> bool:
        """Whether the answer is tied to the work: the claim between it and the topic is qualified by
        the work (a credit's `work`), or it appears in the work, or is in its cast."""
        found = _rows(self.store.canonical.query(IN_WORK, {"topic": topic, "answer": answer, "work": work}))
        return any(True for _ in found)

    def _run(self, chain: Chain, topic: Candidate) -> list[tuple[Item, Term]]:
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
        self,
        text: str,
        mention: str,
        found: list[Candidate],
        attempt: Attempt,
        evidence: bool,
        within: tuple[Candidate, str, str] | None = None,
        near: bool = False,
    ) -> Answer:
        topic, chain = attempt.topic, attempt.chain
        others = [c.describe() for c in found if c != topic]
        reading = f'"{mention}" read as {topic.describe()}'
        if near:
            reading += " (the nearest known name)"
        if others:
            reading += f", not {' or '.join(others)}"
        reading += f"; {chain.reading()} ({attempt.how})"
        if within is not None:
            reading += f"; only what is tied to {within[0].describe()} (a credit's work, or appears in it)"
        bound = {"topic": topic.term.value}
        if within is not None:
            bound["work"] = within[0].term.value
        if self.canon is not None:
            bound["floor"] = f"{self.canon.rank} ({self.canon.value} or stronger)"
        items = [item for item, _ in attempt.rows]
        return Answer(
            question=text,
            intent="relation",
            reading=reading,
            sentence=sentence(
                topic.name, chain, [i.name for i in ranked(items)], within[0].name if within else None
            ),
            within=within[0].name if within else None,
            topic=Topic(
                mention=mention,
                name=topic.name,
                type=topic.type,
                iri=topic.term.value if topic.type != LITERAL else None,
                others=others,
            ),
            chain=chain.notation(),
            query=sparql(chain, canon=self.canon is not None)
            + (f"\n# then, per answer:\n{IN_WORK}" if within else ""),
            bindings=bound,
            answers=items,
            support=self._support(chain, topic, attempt.rows[:MAX_EVIDENCE]) if evidence else [],
        )

    # ------------------------------------------------------------------ yes/no, deaths, order
    def _reader_(self) -> ClaimReader:
        self._reader = self._reader or ClaimReader(self.store)
        return self._reader

    def _facts(self, *, subject: str | None = None, obj: str | None = None) -> list[Fact]:
        """Claims with only the evidence the canon floor keeps (`query.evidence.kept`), so an answer
        never cites a source the floor hides, even beside a stronger one saying the same."""
        return kept(self._reader_().claims(subject=subject, obj=obj), self.canon)

    def _verdict(
        self, text: str, reading: str, yes: str, no: str, steps: list[Step], query: str, bound: dict[str, str]
    ) -> Answer:
        found = bool(steps)
        return Answer(
            question=text,
            intent="relation",
            shape="yes/no",
            reading=reading,
            verdict="yes" if found else "not recorded",
            sentence=f"Yes: {yes}." if found else f"Not recorded: {no}.",
            query=query,
            bindings=bound,
            answers=[Item(name="yes", iri=None, support=len(steps))] if found else [],
            support=[Support(answer="yes", steps=steps)] if found else [],
        )

    def _step(self, fact: Fact) -> Step:
        obj = fact.object if not fact.object_is_iri else self._name(ox.NamedNode(str(fact.object)))
        relation = fact.predicate.replace("_", " ") + (
            f" (in {self._name(ox.NamedNode(fact.work))})" if fact.work else ""
        )
        return Step(
            subject=self._name(ox.NamedNode(fact.subject)),
            relation=relation,
            object=str(obj),
            evidence=fact.evidence,
        )

    def _death(self, who: str, w: Candidate | None = None) -> tuple[Candidate, list[Fact]]:
        """The character a name means and its recorded deaths (in the work `w`, if given). Of several
        characters of that name, the one with a death; none with one: "not recorded", true of them all;
        two with one: refused (AmbiguousName)."""
        found = [c for c in self._slot(who) if c.type == EntityType.CHARACTER.value]
        if not found:
            raise NotFound("character", who.strip(" []"), self._suggest(who))
        dead = [(c, facts) for c in found if (facts := self._deaths(c, w))]
        if len(dead) > 1:
            self._ambiguous(who, [c for c, _ in dead])
        return dead[0] if dead else (found[0], [])  # none dead: true of every character of the name

    def _deaths(self, x: Candidate, w: Candidate | None = None) -> list[Fact]:
        return [
            f
            for f in self._facts(subject=x.key)
            if f.predicate == "fate" and str(f.object) == "dead" and (w is None or f.work == w.key)
        ]

    def _dies(self, text: str, who: str, work: str | None = None) -> Answer:
        """ "does X die?", "does X die in W?" (a death qualified by that work; an ambiguous W refused)."""
        w = self._one(work, WORKS, "work") if work else None
        x, facts = self._death(who, w)
        works = sorted({self._name(ox.NamedNode(f.work)) for f in facts if f.work})
        where = f" (in {', '.join(works)})" if works else ""
        within = f" in {w.name}" if w else ""
        bound = {"subject": x.key} | ({"work": w.key} if w else {})
        return self._verdict(
            text,
            f'"{who}" read as {x.describe()}{"" if facts else self._not(who, x.key)}; a death is a `fate` of '
            '"dead"' + (f", qualified by {w.describe()}" if w else ""),
            f"{x.name} dies{where}",
            f"the store records no death of {x.name}{within}",
            [self._step(f) for f in facts],
            "claims about the character with predicate fate" + (" and work" if w else ""),
            bound,
        )

    def _dies_where(self, text: str, who: str) -> Answer:
        """ "in which film does X die?": the works that qualify the character's recorded death."""
        x, facts = self._death(who)
        works = {f.work: self._name(ox.NamedNode(f.work)) for f in facts if f.work}
        if not works:
            raise NothingRecorded(text, f"not recorded: the store records no death of {x.name} in a work", ())
        items = [
            Item(name=name, iri=iri, support=sum(f.work == iri for f in facts)) for iri, name in works.items()
        ]
        return Answer(
            question=text,
            intent="relation",
            reading=f'"{who}" read as {x.describe()}; a death is a `fate` of "dead", the work its qualifier',
            sentence=f"{x.name} dies in {_join(sorted(works.values()))}.",
            topic=Topic(mention=who, name=x.name, type=x.type, iri=x.key),
            query="claims about the character with predicate fate, and their work",
            bindings={"subject": x.key},
            answers=items,
            support=[Support(answer=works[f.work], steps=[self._step(f)]) for f in facts if f.work][
                :MAX_EVIDENCE
            ],
        )

    def _deaths_in(self, text: str, work: str) -> Answer:
        w = self._one(work, WORKS, "work")
        found = _rows(self.store.canonical.query(DEATHS_IN, {"work": w.term}))
        dead = [row["x"] for row in found if isinstance(row["x"], ox.NamedNode)]
        items, support = [], []
        for term in dead:
            facts = [f for f in self._facts(subject=term.value) if f.predicate == "fate" and f.work == w.key]
            if not facts:
                continue
            name = self._name(term)
            items.append(Item(name=name, iri=term.value, support=len(facts)))
            support.append(Support(answer=name, steps=[self._step(f) for f in facts]))
        if not items:
            raise NothingRecorded(text, f"not recorded: the store records no death in {w.name}", ())
        names_ = [i.name for i in items]
        return Answer(
            question=text,
            intent="relation",
            reading=f'"{work}" read as {w.describe()}; deaths are `fate` "dead" claims qualified by the work',
            sentence=f"{_join(names_)} {'die' if len(names_) > 1 else 'dies'} in {w.name}.",
            within=w.name,
            query=DEATHS_IN,
            bindings={"work": w.key},
            answers=items,
            support=support[:MAX_EVIDENCE],
        )

    def _in_facts(self, a: Candidate, w: Candidate) -> list[Fact]:
        """What puts `a` in the work: a person by its cast or a credit in it, anything else by appearing
        in it or a credit in it."""
        if a.type == EntityType.PERSON.value:
            facts = [
                f for f in self._facts(subject=w.key) if f.predicate == "cast_member" and f.object == a.key
            ]
            return facts + [
                f for f in self._facts(obj=a.key) if f.predicate == "portrayed_by" and f.work == w.key
            ]
        facts = [f for f in self._facts(subject=a.key) if f.predicate == "appears_in" and f.object == w.key]
        return facts + [
            f for f in self._facts(subject=a.key) if f.predicate == "portrayed_by" and f.work == w.key
        ]

    def _is_in(self, text: str, who: str, work: str) -> Answer:
        """ "is A in W?": yes with what puts A in W, else "not recorded". A name that is exactly one
        thing's and the first words of others' ("luke": Luke, Luke Skywalker) is read as the one thing
        that is in W, if only one is; none is: "not recorded", true of every reading."""
        w = self._one(work, WORKS, "work")
        usable = ENTITY_TYPES - WORKS - {EntityType.UNIVERSE.value, EntityType.GENRE.value}
        exact = [c for c in self._slot(who) if c.type in usable]
        if not exact:
            raise NotFound("entity", who.strip(" []"), self._suggest(who))
        longer = [c for c in self.index.parts(who) if c.type in usable]
        a, facts, near = exact[0], list[Fact](), False
        for pool, nearest in ((exact, False), ([c for c in longer if c not in exact], True)):
            placed = [(c, f) for c in pool if (f := self._in_facts(c, w))]
            if len({c.name for c, _ in placed}) > 1:
                self._ambiguous(who, [c for c, _ in placed])
            if placed:
                (a, facts), near = placed[0], nearest
                break
        if not facts and len({c.name for c in exact}) > 1:
            self._ambiguous(who, exact)
        read = f'"{who}" read as {a.describe()}' + (" (the nearest known name that is in it)" if near else "")
        return self._verdict(
            text,
            f'{read}, "{work}" as {w.describe()}; in it: its cast, a credit in it, or appears in it',
            f"{a.name} is in {w.name}",
            f"the store has nothing putting {a.name} in {w.name}",
            [self._step(f) for f in facts],
            "claims: cast member, portrayed by (in work), appears in",
            {"entity": a.key, "work": w.key},
        )

    def _yes_no(self, text: str, evidence: bool) -> Answer | None:
        """ "did X betray Y": read it as a question about one name with the other as the answer; yes
        when the other is among the answers, "not recorded" when the reading runs and it is not."""
        mentions = [m for m in self._cover(text) if not m[3] or len({c.key for c in m[2]}) == 1]
        pairs = [(a, b) for a in mentions for b in mentions if a[0] < b[0] and a[1] <= b[0]]
        if not pairs:
            return None
        first, second = pairs[0]
        understood = None
        for topic, target in ((first, second), (second, first)):
            rest = text[: target[0]] + text[target[1] :]
            try:
                inner = self._relation(rest, evidence=False)
            except NothingRecorded as e:
                understood = understood or e
                continue
            except (CannotAnswer, NotFound):  # this way round reads nothing; the other way may
                continue
            keys = {c.key for c in target[2]}
            hit = [i for i in inner.answers if i.iri in keys]
            if inner.topic is None or not any(c.key == inner.topic.iri for c in topic[2]):
                continue
            chain = Chain.parse(inner.chain or "")
            yes = f"{inner.topic.name} {chain.reading()} {target[2][0].name}"
            if topic is second and len(chain.hops) == 1:  # say it in the question's order
                hop = chain.hops[0]
                flipped = {Direction.FORWARD: Direction.BACKWARD, Direction.BACKWARD: Direction.FORWARD}
                back = hop.model_copy(update={"direction": flipped.get(hop.direction, hop.direction)})
                yes = f"{target[2][0].name} {back.reading()} {inner.topic.name}"
            yes += f" in {inner.within}" if inner.within else ""
            if hit:
                t = self.index.lookup(hit[0].name) or target[2]
                term = next(c for c in t + target[2] if c.key == hit[0].iri).term
                cand = next(c for c in topic[2] if c.key == inner.topic.iri)
                steps = [st for sp in self._support(chain, cand, [(hit[0], term)]) for st in sp.steps]
                out = self._verdict(text, inner.reading, yes, "", steps, inner.query or "", inner.bindings)
                return out.model_copy(update={"chain": inner.chain, "topic": inner.topic})
            understood = understood or NothingRecorded(text, "", ())
            no = f"the store has nothing saying {yes}"
            out = self._verdict(text, inner.reading, yes, no, [], inner.query or "", inner.bindings)
            return out.model_copy(update={"chain": inner.chain, "topic": inner.topic})
        if understood is not None:
            a, b = first[2][0].name, second[2][0].name
            why = "both names found; nothing recorded between them in the question's words"
            return self._verdict(
                text, why, "", f"the store has nothing linking {a} and {b} that way", [], "", {}
            )
        owned = parse.POSSESSIVE_RE.match(text[second[1] :].split(" ")[0] or " ")  # "is A B's dad"
        if len(mentions) == 2 or (owned and pairs[0] == (first, second)):
            return self._unlinked(text, first, second)
        return None

    def _unlinked(self, text: str, first: Mention, second: Mention) -> Answer | None:
        """A yes/no question whose relation word is not known ("is X Y's dad"): "not recorded" when
        nothing at all links any reading of the two names (a longer name they are the first words of
        too: "luke", Luke Skywalker), whatever the word meant; else None (refused)."""
        a, b = first[2], second[2]

        def readings(m: Mention) -> set[str]:
            typed = text[m[0] : m[1]]
            longer = self.index.parts(typed)
            return {c.key for c in m[2] + longer}

        left, right = readings(first), readings(second)
        for key in left:
            for f in self._facts(subject=key) + self._facts(obj=key):
                if f.object_is_iri and {f.subject, str(f.object)} & right:
                    return None
        x, y = a[0].name, b[0].name
        return self._verdict(
            text,
            f"both names found ({a[0].describe()}, {b[0].describe()}); the relation word is not one the "
            "ontology knows, and no relation at all between them is recorded",
            "",
            f"the store records nothing at all linking {x} and {y}",
            [],
            "claims with one name as subject and the other as object, any predicate",
            {"a": a[0].key, "b": b[0].key},
        )

    def _ordered(self, text: str, inner: Answer, which: Literal["first", "last"]) -> Answer:
        """The first or last of the answers that are works, in the store's one release order
        (`query.reveal.release_order`: year, then place in the `follows` chain, then title)."""
        order = release_order(self.store)
        keyed = sorted(
            (order[item.iri].position, item)
            for item in inner.answers
            if item.iri is not None and item.iri in order
        )
        if not keyed:
            raise CannotAnswer(
                text, f"'{which}' orders works by release, and none of the answers is a work", ()
            )
        _, chosen = keyed[0] if which == "first" else keyed[-1]
        assert chosen.iri is not None
        year = order[chosen.iri].year
        when = f" ({year})" if year is not None else ""
        return inner.model_copy(
            update={
                "question": text,
                "shape": which,
                "answers": [chosen],
                "support": [s for s in inner.support if s.answer == chosen.name],
                "sentence": f"{chosen.name}{when}, the {which} by release of: {inner.sentence}",
                "reading": inner.reading
                + f"; the {which} in release order (year, then `follows`, then title)",
            }
        )

    # ------------------------------------------------------------------ evidence
    def _support(self, chain: Chain, topic: Candidate, rows: list[tuple[Item, Term]]) -> list[Support]:
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
                    for f in self._facts(subject=s.value)
                    if f.predicate == hop.predicate and str(f.object) == o.value
                ] if isinstance(s, ox.NamedNode) else []  # fmt: skip
                if not facts and hop.direction is Direction.BOTH and isinstance(o, ox.NamedNode):
                    s, o = o, s
                    facts = [f for f in self._facts(subject=s.value) if f.predicate == hop.predicate
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
WORKS = frozenset({EntityType.FILM.value, EntityType.SERIES.value})
ENTITY_TYPES = frozenset(t.value for t in EntityType)
IN_WORK = """SELECT ?topic ?answer ?work WHERE {
  { ?c rdf:subject ?topic ; rdf:object ?answer ; ug:qualifier_work ?work }
  UNION { ?c rdf:subject ?answer ; rdf:object ?topic ; ug:qualifier_work ?work }
  UNION { ?answer ug:appears_in ?work }
  UNION { ?work ug:cast_member ?answer }
} LIMIT 1"""


DEATHS_IN = """SELECT DISTINCT ?work ?x WHERE {
  ?c rdf:subject ?x ; rdf:predicate ug:fate ; rdf:object "dead" ; ug:qualifier_work ?work
} ORDER BY STR(?x)"""


def ranked(items: list[Item]) -> list[Item]:
    """Most supported first, then by name: the same order whichever engine returned the rows."""
    return sorted(items, key=lambda i: (-i.support, i.name))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _join(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C" (the first 20, then how many more)."""
    shown = names[:20] + ([f"{len(names) - 20} more"] if len(names) > 20 else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


STATIVE = frozenset({"located", "set"})  # "is located in", "is set after"
VERBS = frozenset(
    {"features", "contains", "leads", "follows", "wrote", "portrays", "employs", "met", "fought"}
)


def sentence(topic: str, chain: Chain, answers: list[str], within: str | None = None) -> str:
    """The answer as an English sentence made from the ontology's labels: "John Wick was trained by
    The Director and Ruska Roma.", "The genre of Heat is Crime." """
    if not answers:
        return ""
    listed, where = _join(answers), f" in {within}" if within else ""
    if len(chain.hops) > 1:
        return f"From {topic}, {chain.reading()}: {listed}{where}."
    phrase = chain.hops[0].reading()
    words = phrase.split()
    if words[-1] == "by" or words[0] in STATIVE:
        return f"{topic} {'was' if words[-1] == 'by' else 'is'} {phrase} {listed}{where}."
    if words[0].endswith("ed") or words[0] in VERBS or (len(words) == 2 and words[0].endswith("s")):
        return f"{topic} {phrase} {listed}{where}."
    if words[-1] == "of":
        return f"{topic} is {phrase} {listed}{where}."
    if len(answers) > 1 and phrase in ("cast member", "protagonist", "tag", "genre", "language"):
        phrase += "s"  # a noun label, plural for several answers
    return f"The {phrase} of {topic}{where}: {listed}."


class NothingRecorded(CannotAnswer):
    """The question was understood and its names found, but the store records no answer."""


def _rows(result: object) -> ox.QuerySolutions:
    """A SELECT query's solutions (the chain and path queries are all SELECTs)."""
    assert isinstance(result, ox.QuerySolutions)
    return result
