"""Relations from the dependency parse: verb lexicons with argument types, passive agents,
possessives, appositions, copulas and descriptions ("her adoptive family", "one of X's lieutenants").

Each found relation is a `Found` with the sentence it rests on; negated verbs assert nothing,
except "didn't just kill", which still kills.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import EntityType
from . import lexicon as lx
from .document import NAMING_VERBS, ORG, C, Doc, Ent, L, P, Sentence
from .mentions import in_comparison

#: argument types per predicate: (subject types, object types)
SIGNATURES: dict[str, tuple[frozenset[EntityType], frozenset[EntityType]]] = {
    **{
        p: (frozenset({C}), frozenset({C}))
        for p in (
            "killed",
            "defeated",
            "fought",
            "betrayed",
            "met",
            "trained_by",
            "family_of",
            "ally_of",
            "enemy_of",
        )
    },
    "member_of": (frozenset({C}), frozenset({ORG})),
    "leads": (frozenset({C}), frozenset({ORG})),
    "works_for": (frozenset({C}), frozenset({C, ORG})),
    "resides_in": (frozenset({C}), frozenset({L})),
    "located_in": (frozenset({L}), frozenset({L})),
    "part_of": (frozenset({ORG, L}), frozenset({ORG, L})),
    "portrayed_by": (frozenset({C}), frozenset({P})),
}

EVENT_KIND = {
    "killed": "killing",
    "defeated": "fight",
    "fought": "fight",
    "betrayed": "betrayal",
    "met": "meeting",
    "trained_by": "training",
    "ally_of": "alliance",
}


#: the event (kind, role of the object) a prepositional verb narrates: "meets with X", "teams up with
#: X", "turns against X", "squares off against X"
PREP_EVENTS = {
    "met": ("meeting", "participant"),
    "ally_of": ("alliance", "ally"),
    "betrayed": ("betrayal", "target"),
    "fought": ("fight", "target"),
}

#: verbs that send someone to act for the subject ("selects X to carry out", "sends X to burn")
CONTROL_VERBS = frozenset({"select", "choose", "send", "order", "assign", "task", "dispatch", "appoint"})

#: what a knocked-down character is left ("knocks him unconscious", "knocks Bo out")
KNOCKED_OUT = frozenset({"unconscious", "out", "cold", "senseless"})

#: "Y's death at the hands of X", "Y dies at the hands of X": what X did to Y
HANDS_PREDICATES = {
    **dict.fromkeys(("death", "murder", "killing", "execution", "die", "perish"), "killed"),
    **dict.fromkeys(("defeat", "downfall", "fall"), "defeated"),
}


@dataclass
class Found:
    """A relation found in one sentence, with the verb that carries it (for events)."""

    subject: str
    predicate: str
    object: str
    sentence: int
    confidence: float
    verb: Any = None
    event_kind: str | None = None


@dataclass
class Reader:
    """Walks every prose sentence and collects relations and event seeds."""

    doc: Doc
    found: list[Found] = field(default_factory=list)
    seeds: list[tuple[int, str, dict[str, str], Any]] = field(
        default_factory=list
    )  # (sent, kind, roles, tok)

    def ents_of(self, sent: Sentence, tok: Any) -> list[str]:
        """The entities a token stands for (with its conjuncts): "Ann and Bo" -> both."""
        out = []
        for t in [tok, *_conjuncts(tok)]:
            key = self.doc.ref(sent, t)
            if key is None and t.lemma_.lower() in lx.PLACE_INTRO:  # "the city of Keld"
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            key = key or self.doc.ref(sent, pobj)
            if key is None and t.dep_ == "appos":  # "the Black Lantern, a smuggling ring led by X"
                key = self.doc.ref(sent, t.head)
            if key is None and t.lower_ in ("one", "some", "each", "several"):  # "one of X's men"
                for prep in t.children:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for pobj in prep.children:
                            key = key or self.doc.ref(sent, pobj)
            if key is None and not (
                t.lemma_.lower() in lx.PERSON_NOUNS
                and any(c.dep_ == "appos" and c.i > t.i for c in t.children)
            ):
                for child in t.children:  # "the Orvel River" parsed as compound + head (not "the Los
                    if child.dep_ == "compound":  # Angeles crime boss X": the name in apposition)
                        key = key or self.doc.ref(sent, child)
            if key is None and t.pos_ == "NOUN":  # "a rival club called the Blue Parrot": its given name
                for acl in (c for c in t.children if c.dep_ == "acl" and c.lemma_ in ("call", "name")):
                    for n in (c for c in acl.children if c.dep_ in ("oprd", "attr", "dobj", "xcomp")):
                        key = key or self.doc.ref(sent, n)
            if key is None:  # "her father, Lord Ed Roe", "the twins, Ann and Bo": the names in apposition
                named = [c for c in t.children if c.dep_ == "appos" and c.i > t.i]
                for c in named[:1]:
                    out += [k for k in self.ents_of(sent, c) if k not in out]
            if key is not None and key not in out:
                out.append(key)
        return out

    def add(self, sent: Sentence, s: str, pred: str, o: str, conf: float, verb: Any = None) -> None:
        if s == o:
            return
        se, oe = self.doc.ents.get(s), self.doc.ents.get(o)
        if se is None or oe is None or not se.in_universe or not oe.in_universe:
            return
        subj_types, obj_types = SIGNATURES.get(pred, (frozenset(EntityType), frozenset(EntityType)))
        if se.type not in subj_types or oe.type not in obj_types:
            return
        self.found.append(Found(s, pred, o, sent.index, conf, verb, EVENT_KIND.get(pred)))

    def read(self) -> None:
        for sent in self.doc.sentences:
            if sent.heading or sent.span.text.rstrip().endswith("?"):
                continue
            for tok in sent.span:
                if in_comparison(self.doc, sent, tok.i):
                    continue
                pos, low = tok.pos_, tok.lower_
                if pos in ("VERB", "AUX") or tok.tag_.startswith("VB") or self.misread_verb(sent, tok):
                    self.verb(sent, tok)
                if pos in ("NOUN", "VERB"):
                    self.hands(sent, tok)
                if pos in ("NOUN", "PROPN"):
                    self.noun(sent, tok)
                    self.paid(sent, tok)
                    self.misread_transitive(sent, tok)
                if low == "of":
                    self.of_group(sent, tok)
                if low == "including":
                    self.including(sent, tok)
                if low == ":":
                    self.roster(sent, tok)

    def misread_verb(self, sent: Sentence, tok: Any) -> bool:
        """ "Ann teams up with Bo", "a young Ann trains under Bo": the parser may read the verb as a
        plural noun with the name as its compound; a root like that, with a particle or preposition
        after it, is the verb."""
        if tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "conj") and self.noun_as_verb(sent, tok):
            return True
        if tok.dep_ != "ROOT" or tok.tag_ != "NNS":
            return False
        names = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and self.doc.ref(sent, c)]
        if not names or self.doc.ents[self.doc.ref(sent, names[0]) or ""].type is not C:
            return False
        return any(c.dep_ in ("prt", "prep") and c.i > tok.i for c in tok.children)

    def noun_as_verb(self, sent: Sentence, tok: Any) -> bool:
        """ "Ann and Bo work for Cy" (a root noun with a character subject), "Ann turns informant and
        testifies against Cy" (a noun conjoined to a verb): a noun with a subject, or joined to a
        verb, and a preposition of the verb lexicon after it is that verb."""
        preps = [c.lower_ for c in tok.children if c.dep_ == "prep" and c.i > tok.i]
        if not any((verb_lemma(tok), p) in lx.PREP_VERBS for p in preps):
            return False
        if tok.dep_ == "conj":
            return bool(tok.head.pos_ == "VERB" and tok.head.i < tok.i)
        subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        key = self.doc.ref(sent, subj[0]) if subj else None
        return key is not None and self.doc.ents[key].type is C

    def misread_transitive(self, sent: Sentence, tok: Any) -> None:
        """ "Ann poisons Bo": the parser may read "Ann poisons Bo" as one noun phrase, the verb a plural
        noun between two names; an action verb there, between two characters, is the action."""
        if tok.tag_ != "NNS" or tok.dep_ not in ("compound", "ROOT") or tok.i == sent.span.start:
            return
        lemma = verb_lemma(tok)
        if lemma not in lx.VERBS and lemma not in lx.ACTION_KINDS:
            return
        if tok.dep_ == "ROOT":  # "Tommy Vito stabs Billy Bats in the bar": the second name its apposition
            after = [
                c for c in tok.children if c.dep_ in ("appos", "dobj") and c.i > tok.i and c.pos_ == "PROPN"
            ]
            if not after:
                return
            left, right = self.doc.ref(sent, tok.nbor(-1)), self.doc.ref(sent, after[0])
        else:
            left, right = self.doc.ref(sent, tok.nbor(-1)), self.doc.ref(sent, tok.head)
            if tok.head.i != tok.i + 1 and not (tok.head.i > tok.i and tok.nbor(1).dep_ == "compound"):
                return
        if not left or not right or left == right or self.doc.ents[left].type is not C:
            return
        if self.doc.ents[right].type is not C or tok.nbor(-1).head.i != tok.i:
            return
        if lemma in lx.VERBS:
            pred, direction = lx.VERBS[lemma]
            a, b = (left, right) if direction == "fwd" else (right, left)
            self.add(sent, a, pred, b, 0.75, tok)
            kind = EVENT_KIND.get(pred, "other")
        else:
            kind = lx.ACTION_KINDS[lemma]
            if lemma in lx.BLOW_VERBS:  # "Cy Dunn stabs Ed Roe" read as one noun phrase: an attack
                self.add(sent, left, "fought", right, 0.7, tok)
        role = "victim" if kind == "killing" else "target"
        self.seeds.append((sent.index, kind, {left: "agent", right: role}, tok))

    # verbs -------------------------------------------------------------------------------
    def verb(self, sent: Sentence, v: Any) -> None:
        lemma = verb_lemma(v)
        if not asserted(v):
            return
        subjects, objects, passive = self.arguments(sent, v)
        if lemma in lx.GROUP_LEAD_VERBS and v.tag_ == "VBN" and v.dep_ in ("acl", "conj") and passive:
            head = v.head
            while head.dep_ == "conj" and head.pos_ == "VERB":  # "a band hiding in X and led by Y"
                head = head.head
            if head.pos_ == "VERB" and head.dep_ == "acl":
                head = head.head
            if not self.ents_of(sent, head) and head.dep_ == "pobj" and head.head.lower_ == "of":
                head = head.head.head  # "an order of knights led by Y": the order is led
            groups = [k for k in self.ents_of(sent, head) if self.doc.ents[k].type is ORG]
            if not groups and v.dep_ == "conj":  # the parser hung "and led by Y" on the main verb
                groups = self.group_before(sent, v)
            for group in groups:
                for boss in (k for k in subjects if self.doc.ents[k].type is C):
                    # "the X Compact, a smuggling ring run by Y", "an order of knights led by Y": Y leads it
                    self.add(sent, boss, "leads", group, 0.8)
            return
        told = len(self.seeds)
        self.verb_relations(sent, v, lemma, subjects, objects, passive)
        if len(self.seeds) == told:
            self.action(sent, v, lemma, subjects, objects)

    def place_within(self, sent: Sentence, head: Any, first: tuple[str, ...] = ()) -> str | None:
        """The named place an "in" phrase of `head` reaches, through the nouns it passes on the way
        ("in a stilt house in the Saltings", "in the port city of Vessany", "above a laundry in X"),
        never through another verb: the first Location, or None. `first`: the prepositions the
        path may start with (any, when empty)."""
        stack = [c for c in head.children if c.dep_ == "prep" and (not first or c.lower_ in first)]
        while stack:
            prep = stack.pop(0)
            for o in (c for c in prep.children if c.dep_ == "pobj"):
                if prep.lower_ in ("in", "of", "inside", "within"):
                    places = [k for k in self.ents_of(sent, o) if self.doc.ents[k].type is L]
                    if places:
                        return places[0]
                stack += [c for c in o.children if c.dep_ == "prep"]
        return None

    def lives_in(self, sent: Sentence, v: Any, subjects: list[str]) -> None:
        """ "X lives with his mother Ola and his brother Jonas in Harrowgate", "X, who lives above a
        laundry in the port city of Vessany": the subject, and the characters it lives with, reside
        in the place the verb's "in" reaches (a direct "lives in X" is the lexicon's)."""
        if any(c.dep_ == "prep" and c.lower_ == "in" and self.ents_of(sent, c) for c in v.children):
            return
        place = self.place_within(sent, v)
        if place is None:
            return
        residents = list(subjects)
        if not residents and v.dep_ == "relcl" and v.head.dep_ == "attr":  # "X is a thief who lives in Y"
            residents = [k for c in v.head.head.children if c.dep_ == "nsubj" for k in self.ents_of(sent, c)]
        for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ == "with"):
            for o in (c for c in prep.children if c.dep_ == "pobj"):
                residents += [k for k in self.ents_of(sent, o) if self.doc.ents[k].type is C]
        for r in dict.fromkeys(residents):
            if self.doc.ents[r].type is C:
                self.add(sent, r, "resides_in", place, 0.8, v)

    def crew_owners(self, sent: Sentence, v: Any, passive: bool) -> list[str]:
        """The characters whose men do the killing: "Hadrik Lund's men kill Ivo", "Ivo is killed by
        Lund's thugs" (the gold's convention: a killing by someone's crew is theirs)."""
        if passive:
            toks = [p for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        else:
            toks = [c for c in v.children if c.dep_ == "nsubj"]
        out: list[str] = []
        for t in toks:
            if t.lemma_.lower() not in lx.CREW_NOUNS or self.doc.ref(sent, t) is not None:
                continue
            for poss in (c for c in t.children if c.dep_ == "poss"):
                out += [k for k in self.ents_of(sent, poss) if self.doc.ents[k].type is C]
        return out

    def joined(self, sent: Sentence, v: Any, subjects: list[str], objects: list[str]) -> None:
        """ "She is joined by Pip, a field mouse", "Pip joins Ann on the road": a character joined by
        (or joining) another character is that character's ally ("joins the Guild" is membership;
        "joins Bo for dinner" or "at the inn" is a meeting, no alliance)."""
        if any(c.dep_ == "prep" and c.lower_ in ("for", "at") for c in v.children):
            return
        pairs = [
            (s, o)
            for s in subjects
            for o in objects
            if s != o and self.doc.ents[s].type is C and self.doc.ents[o].type is C
        ]
        for s, o in pairs:
            self.add(sent, s, "ally_of", o, 0.85, v)
        if pairs:
            roles = {pairs[0][0]: "agent"}
            for _, o in pairs:
                roles.setdefault(o, "ally")
            self.seeds.append((sent.index, "alliance", roles, v))

    def married(self, sent: Sentence, v: Any, lemma: str, subjects: list[str], objects: list[str]) -> None:
        """ "Ann and Bo are married", "Ann is married to Bo", "Ann and Bo marry": two characters joined
        by a marriage verb or by "married" after "be" are family ("Ann marries Bo" is the lexicon's)."""
        state = [c for c in v.children if c.dep_ == "acomp" and c.lower_ in ("married", "wed")]
        if v.dep_ in ("aux", "auxpass") and v.head.lower_ in ("married", "wed"):
            state = [v.head]  # the parser may hang the subjects on the "are" of "are married"
        if lemma == "be" and state:
            partners = [
                k
                for prep in state[0].children
                if prep.dep_ == "prep" and prep.lower_ == "to"
                for o in prep.children
                if o.dep_ == "pobj"
                for k in self.ents_of(sent, o)
            ]
            if any(c.dep_ == "prep" and c.lower_ not in ("to", "in", "at", "on") for c in state[0].children):
                return  # "married for money"
            pairs = [(s, p) for s in subjects for p in partners] if partners else []
            if not partners and len(subjects) == 2 and not any(c.dep_ == "prep" for c in state[0].children):
                pairs = [(subjects[0], subjects[1])]
        elif lemma in ("marry", "wed") and not objects and len(subjects) == 2:
            if any(c.dep_ == "prep" and c.lower_ not in ("in", "at", "on") for c in v.children):
                return
            pairs = [(subjects[0], subjects[1])]
        else:
            return
        for a, b in pairs:
            if a != b and self.doc.ents[a].type is C and self.doc.ents[b].type is C:
                self.add(sent, a, "family_of", b, 0.85, v)

    def action(self, sent: Sentence, v: Any, lemma: str, subjects: list[str], objects: list[str]) -> None:
        """A plot event from any action verb with a character on either side ("Ann hides Bo", "Ann
        steals Bo's map", "Ann sends Cy to Bo"); "X shoots Y dead" also kills."""
        if lemma in lx.NON_ACTION_VERBS or v.pos_ != "VERB" or not lemma.isalpha():
            return
        scene = (
            v.dep_ == "relcl"
            and any(  # "on the bridge, where Nell shoots her dead": the story goes on
                c.lower_ in ("where", "when") and c.dep_ == "advmod" for c in v.children
            )
            and not any(c.lower_ in ("once", "previously", "earlier", "formerly") for c in v.children)
        )
        if (v.dep_ in ("relcl", "acl") and not scene) or any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in v.children
        ):
            return  # "a man who once saved her", "had given her hope": a description or backstory
        agents = [k for k in subjects if self.doc.ents[k].type is C]
        own = [c for c in v.children if c.dep_ in ("dobj", "dative", "nsubjpass")]  # not a conjunct's
        own += [  # "shoots her dead": the parser's subject of "dead"
            g
            for c in v.children
            if c.dep_ == "ccomp" and c.pos_ == "ADJ" and c.lower_ in RESULT_ADJECTIVES
            for g in c.children
            if g.dep_ == "nsubj" and g.i < c.i
        ]
        if own:
            objects = [k for k in objects if any(k in self.ents_of(sent, c) for c in own)]
        elif not any(c.dep_ == "agent" for c in v.children):
            objects = []  # a passive's patient may be its head's subject: "turns on X and is shot by her"
        others: list[str] = [k for k in objects if self.doc.ents[k].type is C]
        for obj in (c for c in v.children if c.dep_ in ("dobj", "dative")):  # "refuses Bo's bribe"
            for poss in (c for c in obj.children if c.dep_ == "poss"):
                others += [k for k in self.ents_of(sent, poss) if self.doc.ents[k].type is C]
        for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ in lx.ACTION_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                others += [k for k in self.ents_of(sent, pobj) if self.doc.ents[k].type is C]
        others = [k for k in dict.fromkeys(others) if k not in agents]
        if not agents or not others:
            return
        kind = lx.ACTION_KINDS.get(lemma, "other")
        dead = any(
            c.lower_ in lx.DEAD_WORDS
            or (c.dep_ == "advmod" and c.lower_ in lx.FATAL_ADVERBS)  # "fatally shoots Bo"
            or (c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in lx.DEAD_WORDS for g in c.children))
            for c in v.children
        )
        to_death = any(  # "pushes Bo off the roof to his death": whatever the act, a killing
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.lower_ == "death" and g.dep_ == "pobj" for g in c.children)
            for c in v.children
        )
        if (kind == "fight" and dead) or (kind in ("fight", "other") and to_death):
            kind = "killing"
            for a in agents:
                for o in objects:
                    self.add(sent, a, "killed", o, 0.85, v)
        elif kind == "fight" and lemma in lx.BLOW_VERBS and not _contest(v):  # "Tommy stabs him": an attack
            for a in agents:
                for o in objects:
                    self.add(sent, a, "fought", o, 0.75, v)
        roles = dict.fromkeys(agents, "agent")
        for o in others:
            roles[o] = "victim" if kind == "killing" and o in objects else "target"
        self.seeds.append((sent.index, kind, roles, v))

    def verb_relations(
        self, sent: Sentence, v: Any, lemma: str, subjects: list[str], objects: list[str], passive: bool
    ) -> None:
        """Relations and event seeds from the verb lexicons."""
        conf = 0.9
        knocked_out = lemma == "knock" and any(
            c.lower_ in KNOCKED_OUT for c in v.children
        )  # "knocks him unconscious"
        left_for_dead = lemma == "leave" and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ == "dead" for g in c.children)
            for c in v.children
        )
        if knocked_out or left_for_dead:
            for s in subjects:
                for o in objects:
                    self.add(sent, s, "defeated", o, 0.85, v)
            if subjects and objects:
                self.seeds.append((sent.index, "fight", {subjects[0]: "agent", objects[0]: "target"}, v))
            return
        if lemma in CONTROL_VERBS:  # "X selects Y to carry out the purge": Y acts for X
            for y in self.controlled(sent, v, objects if passive else []):
                for s in subjects:
                    self.add(sent, y, "works_for", s, 0.8, v)
        found_as = lemma == "find" and any(  # "finds Y dead", "finds Y alive": a discovery, no meeting
            c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or c.lower_ in lx.DEAD_WORDS | {"alive"}
            for c in v.children
        )
        if lemma in lx.VERBS and lx.VERBS[lemma][0] == "killed" and not (passive and subjects):
            crew = self.crew_owners(sent, v, passive)  # "Lund's men kill Ivo": Lund's men, for Lund
            if crew and not (subjects if not passive else []):
                subjects = crew
        if lemma in lx.VERBS and not found_as:
            pred, direction = lx.VERBS[lemma]
            for s in subjects:
                for o in objects:
                    a, b = (s, o) if direction == "fwd" else (o, s)
                    self.add(sent, a, pred, b, conf, v)
            kind = EVENT_KIND.get(pred)
            if kind and (subjects or objects):
                roles = {a: "agent" for a in subjects}
                for o in objects:
                    roles.setdefault(o, {"killing": "victim", "alliance": "ally"}.get(kind, "target"))
                if lemma == "interrogate":
                    kind = "investigation"
                self.seeds.append((sent.index, kind, roles, v))
        if lemma == "join":  # "Pip joins Ann", "Ann is joined by Pip": a companion, not a group
            self.joined(sent, v, subjects, objects)
        self.married(sent, v, lemma, subjects, objects)
        if lemma in lx.RESIDE_VERBS and not passive:
            self.lives_in(sent, v, subjects)
        forces = [c for c in v.children if c.dep_ == "dobj" and c.lower_ == "forces" and lemma == "join"]
        for prep in [*v.children, *(c for f in forces for c in f.children)]:
            if prep.dep_ != "prep":
                continue
            pobjs = [c for c in prep.children if c.dep_ == "pobj"]
            for pobj in pobjs:
                targets = self.ents_of(sent, pobj)
                key = ("team", "with") if forces and prep.lower_ == "with" else (lemma, prep.lower_)
                if key in lx.PREP_VERBS:
                    pred, _ = lx.PREP_VERBS[key]
                    for s in subjects:
                        for o in targets:
                            # "grew up in X": a group is joined, a place is lived in
                            at = "resides_in" if pred == "member_of" and self.doc.ents[o].type is L else pred
                            self.add(sent, s, at, o, 0.85, v)
                    if pred in PREP_EVENTS and subjects and targets:  # "meets with", "turns against"
                        kind, role = PREP_EVENTS[pred]
                        roles = {subjects[0]: "agent"}
                        for o in targets:
                            roles.setdefault(o, role)
                        self.seeds.append((sent.index, kind, roles, v))
                if prep.lower_ == "under":  # "raised under the watchful eye of X", "trained under X"
                    mentors = targets
                    if pobj.lemma_.lower() in lx.TUTELAGE_NOUNS:
                        mentors = [
                            k
                            for p2 in pobj.children
                            if p2.dep_ == "prep" and p2.lower_ == "of"
                            for o2 in p2.children
                            if o2.dep_ == "pobj"
                            for k in self.ents_of(sent, o2)
                        ]
                    if lemma in ("raise", "train", "study", "grow", "learn", "serve", "work"):
                        for s in subjects:
                            for m in mentors:
                                pred = "trained_by" if lemma not in ("serve", "work") else "works_for"
                                self.add(sent, s, pred, m, 0.8, v)
                if (
                    lemma in lx.COUNSEL_VERBS
                    and prep.lower_ == "from"
                    and any(c.dep_ == "dobj" and c.lemma_.lower() in lx.COUNSEL_NOUNS for c in v.children)
                ):
                    for s in subjects:
                        for o in targets:
                            self.add(sent, s, "met", o, 0.8, v)
                    if subjects and targets:
                        self.seeds.append(
                            (sent.index, "meeting", {subjects[0]: "agent", targets[0]: "participant"}, v)
                        )
        if v.dep_ == "relcl" and any(c.lower_ == "where" for c in v.children) and lemma in lx.VERBS:
            pred, _ = lx.VERBS[lemma]
            if pred == "resides_in":
                for s in subjects:
                    for place in self.ents_of(sent, v.head):
                        self.add(sent, s, "resides_in", place, 0.85, v)
        tie = "ally_of" if lemma in lx.ALLY_VERBS else "enemy_of" if lemma in lx.ENEMY_VERBS else None
        if tie is not None and asserted(v):  # "Tomas rescues him", "Varga's men kidnap Elena"
            for s in subjects:
                for o in objects:
                    if self.doc.ents[s].type is C and self.doc.ents[o].type is C:
                        self.add(sent, s, tie, o, 0.8)  # no event of its own: the rescue seeds one
        for verbs, kind, role in (
            (lx.RESCUE_VERBS, "rescue", "recipient"),
            (lx.CAPTURE_VERBS, "other", "target"),
            (lx.ESCAPE_VERBS, "escape", "target"),
        ):
            if lemma in verbs and (subjects or objects):
                roles = {a: "agent" for a in subjects}
                for o in objects:
                    roles.setdefault(o, role)
                self.seeds.append((sent.index, kind, roles, v))
        if lemma in lx.CHASE_VERBS and subjects and objects:
            self.seeds.append((sent.index, "chase", {subjects[0]: "agent", objects[0]: "target"}, v))
        elif lemma in lx.INVESTIGATION_VERBS and subjects and self.doc.ents[subjects[0]].type is C:
            roles = {subjects[0]: "agent"}
            for o in objects:
                roles.setdefault(o, "target")
            self.seeds.append((sent.index, "investigation", roles, v))
        clauses = [c for c in v.children if c.dep_ == "ccomp"]
        if lemma in lx.REVELATION_VERBS and subjects and clauses:
            roles = {subjects[0]: "agent"}
            for t in clauses[0].subtree:  # who the revealed clause names takes part
                k = self.doc.ref(sent, t)
                if k and k not in roles and self.doc.ents[k].type is C and not self.doc.ents[k].descriptive:
                    roles[k] = "participant"
            self.seeds.append((sent.index, "revelation", roles, v))
        if (
            lemma == "find"
            and passive
            and objects
            and any(c.dep_ in ("oprd", "acomp", "advmod", "xcomp") and c.lower_ == "dead" for c in v.children)
        ):  # "Ann is found dead": a death
            self.seeds.append((sent.index, "death", {objects[0]: "victim"}, v))
        if lemma in lx.CREDIT_LEMMAS and passive:  # "Ann, played (voiced) by Jo Bloggs"
            for s in subjects:
                for o in objects:
                    self.add(sent, s, "portrayed_by", o, 0.9, v)

    def arguments(self, sent: Sentence, v: Any) -> tuple[list[str], list[str], bool]:
        """(agents, patients, passive): passive agents come from "by", missing subjects from the head."""
        kids = list(v.children)  # spaCy makes the children anew on every walk; walked here up to eight times
        subj_toks = [c for c in kids if c.dep_ == "nsubj"]
        if not subj_toks:  # "X did n't just kill": the parser may hang the subject on the auxiliary
            subj_toks = [g for c in kids if c.dep_ == "aux" for g in c.children if g.dep_ == "nsubj"]
            if v.dep_ == "ccomp" and v.head.lemma_ == "do" and not subj_toks:
                subj_toks = [c for c in v.head.children if c.dep_ == "nsubj" and c.i < v.i]
        pass_toks = [c for c in kids if c.dep_ == "nsubjpass"]
        agent_toks = [p for c in kids if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        obj_toks = [c for c in kids if c.dep_ in ("dobj", "dative")]
        for prt in (c for c in kids if c.dep_ == "prt"):
            obj_toks += [c for c in prt.children if c.dep_ == "dobj"]
        if not obj_toks:  # "shoots her dead" parsed as a clause "her dead": she is the object
            obj_toks = [
                g
                for c in kids
                if c.dep_ == "ccomp" and c.pos_ == "ADJ" and c.lower_ in RESULT_ADJECTIVES
                for g in c.children
                if g.dep_ == "nsubj" and g.i < c.i
            ]
        if not obj_toks and v.lemma_.lower() in lx.VERBS and v.i + 1 < sent.span.end:
            nxt = v.nbor(1)  # "Noor later kills Brannoch": the parser may take the name for an adverb
            if nxt.dep_ == "npadvmod" and nxt.head == v and nxt.tag_ == "NNP":
                obj_toks = [nxt]
        if (
            len(subj_toks) == 1
            and subj_toks[0].i > v.i
            and not obj_toks
            and v.lemma_.lower() in lx.VERBS
            and not sent.span.text.rstrip().endswith("?")
        ):  # "..., then confronts X himself": a name right of an action verb is its object
            obj_toks, subj_toks = subj_toks, []
        if (
            len(subj_toks) == 2
            and subj_toks[0].i < v.i < subj_toks[1].i
            and not obj_toks
            and v.lemma_.lower() in lx.VERBS
            and subj_toks[1].pos_ == "PROPN"
        ):  # "Noor, who was taught by X, drowns Carrick": the parser made the object a second subject
            obj_toks, subj_toks = subj_toks[1:], subj_toks[:1]
        passive = bool(pass_toks) or (v.tag_ == "VBN" and bool(agent_toks))
        if passive:
            patients = [k for t in pass_toks for k in self.ents_of(sent, t)]
            agents = [k for t in agent_toks for k in self.ents_of(sent, t) or self.wielder(sent, t)]
            if not patients and v.dep_ == "relcl" and any(t.lower_ in ("who", "that") for t in pass_toks):
                patients = self.ents_of(sent, v.head)  # "Noor, who was taught by her grandfather"
            if not patients:
                patients = self.inherited_subject(sent, v)
            return agents, patients, True
        if any(self.fused_names(sent, t) for t in subj_toks):
            return [], [], False  # "Ann corners Bo, ..." read as one noun phrase "Ann corners Bo": unreliable
        subjects = [k for t in subj_toks for k in self.ents_of(sent, t)]
        if not subj_toks:  # a misparsed subject: a name hung on the verb from its left ("Anya confronts")
            subjects = self.stray_subjects(sent, v)
        if not subj_toks and not subjects:
            subjects = self.inherited_subject(sent, v) or self.left_clause_subject(sent, v)
        elif subj_toks and subj_toks[0].lower_ in ("who", "that") and v.dep_ == "relcl":
            subjects = self.ents_of(sent, v.head)
        objects = [k for t in obj_toks for k in self.ents_of(sent, t)]
        if v.dep_ == "relcl" and any(t.lower_ in ("whom", "who", "that") for t in obj_toks):
            objects = self.ents_of(sent, v.head)  # "Voss, whom Rook had fought": Voss is the object
        if not obj_toks:  # "betrayed and murdered X": the first verb shares the second's object
            for c in kids:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    objects = [k for o in c.children if o.dep_ == "dobj" for k in self.ents_of(sent, o)]
                    break
        return subjects, objects, False

    def controlled(self, sent: Sentence, v: Any, sent_ones: list[str]) -> list[str]:
        """The characters a control verb sends to act: its object before an infinitive ("selects Y to
        carry out"), the subject the parser gives that infinitive ("selects [Y to carry out]"), or a
        passive's `sent_ones` ("Y and Z are sent by X to get back a briefcase")."""
        infinitives = [
            c
            for c in v.children
            if c.dep_ in ("xcomp", "advcl", "ccomp")
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
        if not infinitives:
            return []
        if sent_ones:
            return [k for k in sent_ones if self.doc.ents[k].type is C]
        toks = [c for c in v.children if c.dep_ == "dobj"]
        toks += [c for inf in infinitives for c in inf.children if c.dep_ == "nsubj"]
        return [k for t in toks for k in self.ents_of(sent, t) if self.doc.ents[k].type is C]

    def fused_names(self, sent: Sentence, tok: Any) -> bool:
        """A name whose modifier on the left is another character's name ("Ann corners Bo" parsed as
        one noun phrase headed by Bo): the parser lost the clause, so who does what is unknown."""
        own = self.doc.ref(sent, tok)
        if own is None:
            return False
        for c in tok.children:
            if c.dep_ not in ("amod", "compound", "nmod") or c.i >= tok.i:
                continue
            subtree = list(c.subtree)
            other = [
                t for t in subtree if (k := self.doc.ref(sent, t)) and k != own and self.doc.ents[k].type is C
            ]
            verbish = [  # the verb read as a noun between the two names ("corners")
                t for t in subtree if self.doc.ref(sent, t) is None and t.tag_ in ("NNS", "VBZ", "VBD")
            ]
            if other and verbish and other[0].i < verbish[-1].i:
                return True
        return False

    def wielder(self, sent: Sentence, tool: Any) -> list[str]:
        """ "killed by a rifle that X fired", "by a blaster X used": the character who used the
        instrument a passive names as its agent."""
        out: list[str] = []
        for rel in (c for c in tool.children if c.dep_ == "relcl"):
            subj = [c for c in rel.children if c.dep_ == "nsubj"]
            objs = [c for c in rel.children if c.dep_ == "dobj"]
            if subj and (not objs or objs[0].lower_ in ("that", "which")):
                out += [k for k in self.ents_of(sent, subj[0]) if self.doc.ents[k].type is C]
        return out

    def at_hands_of(self, sent: Sentence, tok: Any) -> list[str]:
        """ "at the hands of X" hung on `tok` (a verb or a noun): the characters X names."""
        return [
            k
            for at in tok.children
            if at.dep_ == "prep" and at.lower_ == "at"
            for hands in at.children
            if hands.dep_ == "pobj" and hands.lower_ == "hands"
            for of in hands.children
            if of.dep_ == "prep" and of.lower_ == "of"
            for x in of.children
            if x.dep_ == "pobj"
            for k in self.ents_of(sent, x)
            if self.doc.ents[k].type is C
        ]

    def hands(self, sent: Sentence, tok: Any) -> None:
        """ "Y's death at the hands of X", "Y dies at the hands of X": X killed (or defeated) Y."""
        lemma = tok.lemma_.lower()
        pred = HANDS_PREDICATES.get(lemma)
        if pred is None or not asserted(tok):
            return
        if tok.pos_ == "NOUN":
            victims = [k for c in tok.children if c.dep_ == "poss" for k in self.ents_of(sent, c)]
        else:
            victims = [
                k for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for k in self.ents_of(sent, c)
            ]
            victims = victims or self.inherited_subject(sent, tok)
        agents = self.at_hands_of(sent, tok)
        for a in agents:
            for victim in victims:
                self.add(sent, a, pred, victim, 0.85, tok)
        if agents and victims:
            kind = EVENT_KIND[pred]
            roles = dict.fromkeys(agents, "agent")
            for victim in victims:
                roles.setdefault(victim, "victim" if kind == "killing" else "target")
            self.seeds.append((sent.index, kind, roles, tok))

    def stray_subjects(self, sent: Sentence, v: Any) -> list[str]:
        """A name the parser hung on a verb from its left as a compound, modifier or adjective
        ("Anya confronts", "Inside the vault, Ilyan fights": "Ilyan" tagged as an adjective)."""
        stray = [
            c
            for c in v.children
            if c.i < v.i
            and (c.dep_ in ("compound", "npadvmod", "nmod") or (c.dep_ == "amod" and c.text[:1].isupper()))
        ]
        return [k for t in stray for k in self.ents_of(sent, t)]

    def inherited_subject(self, sent: Sentence, v: Any) -> list[str]:
        """A conjoined or participial verb shares its head's subject ("Raised in X, she ...")."""
        dep_verb = v.dep_ == "dep" and v.head.pos_ == "VERB" and v.i > v.head.i  # "X calls Y, then frees Z"
        if (v.dep_ in ("conj", "advcl", "xcomp") or dep_verb) and v.head is not v:
            head = v.head
            for c in head.children:
                after = c.i > head.i and head.lemma_.lower() in lx.VERBS  # a misparsed object
                if c.dep_ in ("nsubj",) and c.i != v.i and not after:
                    return [] if self.fused_names(sent, c) else self.ents_of(sent, c)
            left = self.left_clause_subject(sent, head)
            if left:
                return left
            if not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children) and (
                stray := self.stray_subjects(sent, head)
            ):
                return stray  # "Ilyan fights Brannoch and kills him": the misparsed subject is shared
            if head.dep_ in ("conj", "advcl") and head.head is not head:
                return self.inherited_subject(sent, head)
        if v.dep_ == "acl" or (v.dep_ == "appos" and v.head.pos_ in ("PROPN", "NOUN")):
            return self.ents_of(sent, v.head)
        if v.dep_ == "pcomp" and v.head.lower_ in DONE_BY_PREPS and v.head.head.pos_ in ("VERB", "AUX"):
            return self.arguments(sent, v.head.head)[0]  # "X avenges her by killing Y", "after killing Y"
        return []

    def left_clause_subject(self, sent: Sentence, v: Any) -> list[str]:
        """ "He escapes, fights X": a subjectless verb takes the subject of the clause hung on its left
        (the parser's parataxis or ccomp), when that clause is a plain verb of the same sentence."""
        for c in v.children:
            if c.dep_ in ("parataxis", "ccomp") and c.i < v.i and c.pos_ == "VERB":
                subj = [g for g in c.children if g.dep_ == "nsubj"]
                if subj and not any(g.dep_ == "mark" for g in c.children):
                    return self.ents_of(sent, subj[0])
        return []

    # nouns ---------------------------------------------------------------------------------
    def paid(self, sent: Sentence, n: Any) -> None:
        """ "he is secretly in Carrick's pay", "a guard on Tarrow's payroll", "is in the pay of the
        Compact": whoever the phrase is said of works for the payer."""
        if n.lemma_.lower() not in lx.PAY_NOUNS or n.dep_ != "pobj" or n.head.lower_ not in ("in", "on"):
            return
        payers = [k for c in n.children if c.dep_ == "poss" for k in self.ents_of(sent, c)]
        payers += [
            k
            for of in n.children
            if of.dep_ == "prep" and of.lower_ == "of"
            for o in of.children
            if o.dep_ == "pobj"
            for k in self.ents_of(sent, o)
        ]
        said_of = n.head.head
        if said_of.pos_ in ("VERB", "AUX"):  # "he is in X's pay", "Bo stays on X's payroll"
            workers = [k for c in said_of.children if c.dep_ == "nsubj" for k in self.ents_of(sent, c)]
        elif said_of.dep_ == "appos":  # "Edwin Strand, a guard on X's payroll"
            workers = self.ents_of(sent, said_of.head)
        else:
            workers = [k for k in [self.doc.ref(sent, said_of)] if k]
        for w in workers:
            if self.doc.ents[w].type is C and not asserted_negation(said_of):
                for payer in payers:
                    self.add(sent, w, "works_for", payer, 0.8)

    def whose_leader(self, sent: Sentence, n: Any) -> bool:
        """ "the Gullmen, a gang whose leader, Mother Carrick, takes ...": the name in apposition to a
        leader noun owned by "whose" leads the group the clause hangs on (True when the noun was
        read here, so the apposition is not read the other way round)."""
        if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in n.children):
            return False
        if n.dep_ in ("appos", "conj"):
            antecedent = n.head  # "X, whose leader, Y, ...": the parser hangs the noun on X (or on X's noun)
        elif n.head.dep_ == "relcl":
            antecedent = n.head.head  # "X, whose leader Y founded": the clause's head
        else:
            return True
        groups = [k for k in self.ents_of(sent, antecedent) if self.doc.ents[k].type is ORG]
        while not groups and antecedent.dep_ == "pobj" and antecedent.head.lower_ == "of":
            antecedent = antecedent.head.head  # "the Choir, a cult of divers whose prophet, X,"
            groups = [k for k in self.ents_of(sent, antecedent) if self.doc.ents[k].type is ORG]
        named = [c for c in n.children if c.dep_ == "appos" and c.i > n.i]
        people = [k for c in named[:1] for k in self.ents_of(sent, c) if self.doc.ents[k].type is C]
        for p in people:
            for g in groups:
                self.add(sent, p, "leads", g, 0.85)
        return True

    def roster(self, sent: Sentence, colon: Any) -> None:
        """ "X assembles a crew, the Copper Rooks: A, the driver B and C", "a crew she calls the Copper
        Rooks: A, B and C": the characters listed after a colon that follows a group's name are its
        members; the one who assembles, forms or puts it together leads it."""
        doc, span = self.doc, sent.span
        if colon.i - 1 < span.start:
            return
        group = doc.ref(sent, colon.nbor(-1))
        if group is None or doc.ents[group].type is not ORG:
            return
        members = []
        for t in span.doc[colon.i + 1 : span.end]:
            if t.text in (";", ":"):
                break
            key = doc.ref(sent, t)
            if key is not None and key != group and doc.ents[key].type is C and not doc.ents[key].descriptive:
                members.append(key)
        for m in dict.fromkeys(members):
            self.add(sent, m, "member_of", group, 0.8)
        root = span.root
        founders = [
            k
            for c in root.children
            if c.dep_ == "nsubj"
            for k in self.ents_of(sent, c)
            if self.doc.ents[k].type is C
        ]
        assembles = root.lemma_.lower() in lx.ASSEMBLE_VERBS or (
            root.lemma_.lower() == "put" and any(c.lower_ == "together" for c in root.children)
        )
        if members and assembles and group in {k for t in root.subtree for k in [doc.ref(sent, t)] if k}:
            for f in founders:
                if f not in members:
                    self.add(sent, f, "leads", group, 0.8)

    def group_before(self, sent: Sentence, v: Any) -> list[str]:
        """The group named last before `v` when no character is named between them (places may
        be): "joins the Ash Kestrels, a band hiding in the Forest and led by Y" -> the Ash Kestrels."""
        for t in reversed(list(sent.span.doc[sent.span.start : v.i])):
            key = self.doc.ref(sent, t)
            if key is None or self.doc.ents[key].type is L:
                continue
            return [key] if self.doc.ents[key].type is ORG else []
        return []

    def including(self, sent: Sentence, inc: Any) -> None:
        """ "sends the Lamplighters, including Captain Osk Varney, to break it": the characters named
        after "including" right behind a group's name are its members."""
        doc, span = self.doc, sent.span
        k = inc.i - 1
        if k > span.start and span.doc[k].text == ",":
            k -= 1
        group = doc.ref(sent, span.doc[k]) if k >= span.start else None
        if group is None or doc.ents[group].type is not ORG:
            return
        for o in (c for c in inc.children if c.dep_ == "pobj"):
            for m in self.ents_of(sent, o):
                if doc.ents[m].type is C and not doc.ents[m].descriptive:
                    self.add(sent, m, "member_of", group, 0.8)

    def of_group(self, sent: Sentence, of: Any) -> None:
        """ "Ruth Calder of the Vessany Constabulary", "Benno Hask, one of the Ash Kestrels,": a
        character's name (or "one" in apposition to it) right before "of (the)" and a group's name
        right after it: the character is a member. Read on the words, as the parser often takes
        the verb after the group's name for a noun."""
        doc, span = self.doc, sent.span
        if of.i - 1 <= span.start or of.i + 1 >= span.end:
            return
        before = of.nbor(-1)
        person = doc.ref(sent, before)
        if before.lower_ == "one" and before.dep_ == "appos":
            person = doc.ref(sent, before.head)
        elif person is not None and doc.ref(sent, of.nbor(1)) == person:
            return  # "the Order of the Tide": "of" inside one name
        if person is None or doc.ents[person].type is not C or doc.ents[person].descriptive:
            return
        k = of.i + 1
        if doc_word(span, k) == "the":
            k += 1
        group = doc.ref(sent, span.doc[k]) if k < span.end else None
        if group is not None and group != person and doc.ents[group].type is ORG:
            self.add(sent, person, "member_of", group, 0.8)

    def of_owners(self, sent: Sentence, n: Any) -> list[str]:
        """The characters a relational noun names with "of" ("the daughter of Y", "an apprentice of Y
        and Z"), never "one of" a group; only a definite or indefinite article before the noun, so
        "his daughter of twelve" or "a daughter of the house" name no one here."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in n.children):
            return []
        return [
            k
            for prep in n.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for o in prep.children
            if o.dep_ == "pobj"
            for k in self.ents_of(sent, o)
            if self.doc.ents[k].type is C
        ]

    def noun(self, sent: Sentence, n: Any) -> None:
        """Appositions and copulas: "X, Y's lieutenant", "X is a member of Z", "the leader of Z, X"."""
        lemma = n.lemma_.lower()
        if lemma in ("man", "woman") and any(c.lower_ == "hand" for c in n.children):
            lemma = "right-hand"  # "Y's right-hand man"
        if lemma in lx.OWNED_GROUP_NOUNS:  # "Hammond and his company, InGen,": he runs it
            bosses = [k for c in n.children if c.dep_ == "poss" for k in self.ents_of(sent, c)]
            for c in (c for c in n.children if c.dep_ == "appos"):
                for org in (k for k in self.ents_of(sent, c) if self.doc.ents[k].type is ORG):
                    for boss in bosses:
                        self.add(sent, boss, "leads", org, 0.8)
        people: list[str] = []
        if lemma in lx.LEADER_NOUNS and self.whose_leader(sent, n):
            return
        if n.dep_ == "appos":
            people = self.ents_of(sent, n.head)
        elif (
            (
                lemma in lx.LEADER_OR_MEMBER_NOUNS
                or lx.RELATIONAL_NOUNS.get(lemma, ("",))[0] in ("works_for", "family_of")
            )
            and self.doc.ref(sent, n) is None
            and any(c.dep_ == "appos" and c.i > n.i for c in n.children)
        ):
            named = [c for c in n.children if c.dep_ == "appos" and c.i > n.i]  # "the gang's boss, X"
            heads = [t for c in named[:1] for t in (c, *c.conjuncts)]  # "his grandchildren, Lex and Tim"
            people = [k for c in heads for k in self.ents_of(sent, c) if self.doc.ents[k].type is C]
        elif n.dep_ == "attr" and n.head.lemma_ in ("be", "become"):  # "X becomes Y's mentor" too
            if _denied(n.head):
                return  # "X is not the leader of Z", "wants to be a member of Z"
            people = [k for c in n.head.children if c.dep_ == "nsubj" for k in self.ents_of(sent, c)]
            if not people and n.head.dep_ == "xcomp" and n.head.head.lemma_.lower() in lx.REVEAL_RAISING:
                people = [  # "X is revealed to be / turns out to be the son of Y"
                    k
                    for c in n.head.head.children
                    if c.dep_ in ("nsubj", "nsubjpass")
                    for k in self.ents_of(sent, c)
                ]
            if not people:  # "it is her brother Bo": the name in apposition
                people = [k for c in n.children if c.dep_ == "appos" for k in self.ents_of(sent, c)]
        elif n.dep_ == "pobj" and n.head.lower_ == "as" and n.head.head.pos_ == "VERB":
            verb = n.head.head  # "X moonlights as a killer for Y", "X works as a courier for Y"
            people = [k for c in verb.children if c.dep_ == "nsubj" for k in self.ents_of(sent, c)]
            if any(c.dep_ == "nsubj" and c.lower_ in ("who", "that") for c in verb.children):
                people = self.ents_of(sent, verb.head)
        if not people or (self.doc.ref(sent, n) is not None and self.doc.ref(sent, n) not in people):
            return
        if n.dep_ in ("appos", "attr") and n.pos_ == "NOUN":  # "X is a fisherman in Y" too
            place = self.place_within(sent, n, ("in",))  # "X, a locksmith in the town of Y": X lives there
            for p in people:
                if place is not None and self.doc.ents[p].type is C:
                    self.add(sent, p, "resides_in", place, 0.8)
        if lemma in lx.PERSON_NOUNS:  # "X, a courier for the Syndicate": X works for it
            for prep in (c for c in n.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    for k in self.ents_of(sent, pobj):
                        if prep.lower_ == "at" and self.doc.ents[k].type is not ORG:
                            continue  # "a trainee at the Academy" works there; "a clerk at Bo's" says nothing
                        if prep.lower_ == "of" and (
                            self.doc.ents[k].type is not ORG
                            or lemma in lx.LEADER_OR_MEMBER_NOUNS
                            or lemma in lx.RELATIONAL_NOUNS
                        ):
                            continue  # "the courier of the Guild" works for it; "the son of X" is kin
                        pred = "works_for"
                        if self.doc.ents[k].name.lower().split()[-1] in _SCHOOL_WORDS and lemma not in _STAFF:
                            pred = "member_of"  # "a first-year drummer at the X Conservatory": a student
                        for p in people:
                            self.add(sent, p, pred, k, 0.8)
        owners = [k for c in n.children if c.dep_ == "poss" for k in self.ents_of(sent, c)]
        if not owners and lemma in lx.LEADER_NOUNS:  # "the company's new boss": the company named before
            owners = [k for c in n.children if c.dep_ == "poss" for k in _group_by_noun(self.doc, sent, c)]
        if not owners and lemma in lx.RELATIONAL_NOUNS and n.dep_ in ("attr", "appos"):
            owners = self.of_owners(sent, n)  # "X is the daughter of Y", "X, the apprentice of Y"
        if lemma in lx.RELATIONAL_NOUNS and owners:
            pred, direction = lx.RELATIONAL_NOUNS[lemma]
            for p in people:
                for owner in owners:
                    if direction == "rev" or direction == "sym":
                        self.add(sent, p, pred, owner, 0.85)
                    else:
                        self.add(sent, owner, pred, p, 0.85)
        groups = [
            k
            for prep in n.children
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "within")
            for o in prep.children
            if o.dep_ == "pobj"
            for k in self.ents_of(sent, o)
        ]
        if lemma in lx.LEADER_NOUNS:
            groups += [o for o in owners if self.doc.ents[o].type is ORG]  # "the firm's chief executive, X"
            for p in people:
                for g in groups:
                    self.add(sent, p, "leads", g, 0.85)
        elif lemma in lx.MEMBER_NOUNS:
            for p in people:
                for g in groups:
                    self.add(sent, p, "member_of", g, 0.8)


#: last words of a school's name, whose people are its members unless they teach there
_SCHOOL_WORDS = frozenset({"school", "conservatory", "university", "college"})  # an academy trains its staff
#: who works at a school: "a teacher at X" works for it
_STAFF = frozenset(
    {"teacher", "professor", "instructor", "dean", "principal", "headmaster", "lecturer", "tutor", "coach",
     "conductor", "janitor", "nurse", "librarian", "director"}
)  # fmt: skip

#: prepositions whose gerund shares the subject of the verb they hang on, the action done ("avenges
#: her by killing Y", "after killing Y, X flees"); "without", "from", "instead of" deny it
DONE_BY_PREPS = frozenset({"by", "after", "before", "upon", "on"})
#: prepositions whose gerund did not happen: "escapes without killing Y", "stops X from killing Y"
UNDONE_PREPS = frozenset({"without", "from", "about", "against", "of", "than", "despite"})

#: the state an action leaves its object in ("shoots her dead", "knocks him unconscious")
RESULT_ADJECTIVES = frozenset({"dead", "unconscious", "senseless", "cold"})

#: prepositions that put one place inside or beside another ("a monastery outside X", "a bar in Y")
PLACE_PREPS = frozenset(
    {"in", "inside", "within", "outside", "near", "on", "beneath", "under", "below", "above", "off", "at",
     "of"}
)  # fmt: skip


def place_links(doc: Doc) -> list[Found]:
    """`located_in` between two places, from "X, a Y in Z", "X, Z", "X in Z", "Z's X" and
    "X is a Y in Z"; only when both ends are story locations."""
    found: list[Found] = []
    reader = Reader(doc)
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            inner = doc.token_ent.get((sent.index, tok.i))  # `doc.ref` without a call per token
            if inner is None or in_comparison(doc, sent, tok.i) or doc.ref(sent, tok.head) == inner:
                continue  # not the head word of a place's name
            if doc.ents[inner].type is not L or not doc.ents[inner].in_universe:
                continue
            wholes: list[str] = []
            heads = [tok]
            if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "X is a port town in Z"
                heads += [c for c in tok.head.children if c.dep_ == "attr"]
            for head in heads:
                for c in head.children:
                    if c.dep_ == "appos" and head is tok:
                        named = doc.ref(sent, c)
                        if named is not None:  # "Sorvane, Meridia"
                            wholes.append(named)
                        elif c.lemma_.lower() in lx.PLACE_NOUNS | lx.PLACE_INTRO or c.pos_ == "NOUN":
                            wholes += _inside(reader, sent, c)  # "Mount X, a volcano in Y": a place's noun
                    elif c.dep_ == "prep" and c.lower_ in ("in", "inside", "within", "outside", "near"):
                        wholes += [k for o in c.children if o.dep_ == "pobj" for k in reader.ents_of(sent, o)]
                    elif c.dep_ == "poss" and head is tok:  # "Nova Calder's Drowned Quarter"
                        wholes += reader.ents_of(sent, c)
                if head is not tok and head.lemma_.lower() in lx.PLACE_NOUNS | lx.PLACE_INTRO:
                    wholes += _inside(reader, sent, head)
            for outer in dict.fromkeys(wholes):
                ent = doc.ents[outer]
                if outer != inner and ent.type is L and ent.in_universe:
                    found.append(Found(inner, "located_in", outer, sent.index, 0.8))
    return found


def _inside(reader: Reader, sent: Sentence, noun: Any) -> list[str]:
    """The places a place noun is said to be in: "a monastery outside X", "a town in the province of Y",
    "a fortress on X's southern pole" (the owner of an unnamed part)."""
    out: list[str] = []
    for p in noun.children:
        if p.dep_ != "prep" or p.lower_ not in PLACE_PREPS:
            continue
        for o in (c for c in p.children if c.dep_ == "pobj"):
            named = reader.ents_of(sent, o)
            if not named and o.pos_ == "NOUN":
                named = [k for c in o.children if c.dep_ == "poss" for k in reader.ents_of(sent, c)]
            out += named
    return out


#: verbs whose infinitive complement happened ("manages to kill X", "goes on to free X", "uses the
#: sword to kill X"); after any other verb an infinitive is an aim ("keeps the pistol to kill X")
IMPLICATIVE_HEADS = frozenset(
    {"manage", "proceed", "go", "happen", "continue", "begin", "start", "get", "succeed", "live", "come",
     "help", "force", "compel", "use", "dare", "remember", "teach", "train", "let", "make"}
)  # fmt: skip


def _aim(v: Any) -> bool:
    """An infinitive of purpose or intention ("keeps the pistol to kill X", "vows to kill X", "she
    dances to kill"): an aim, not something that happens; after an implicative verb it happens."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) or v.tag_ != "VB":
        return False
    if v.dep_ not in ("xcomp", "advcl", "acl", "ccomp"):
        return False
    head = v.head.lemma_.lower()
    return not (v.head.pos_ in ("VERB", "AUX") and head in IMPLICATIVE_HEADS)


def _contest(v: Any) -> bool:
    """ "beats Bo at chess", "beats her in the race": a game or a contest won, no blow."""
    return v.lemma_ == "beat" and any(c.dep_ == "prep" and c.lower_ in ("at", "in", "to") for c in v.children)


def verb_lemma(v: Any) -> str:
    """The lemma of a verb, also when the parser took it for a noun ("testifies": the noun
    lemmatizer's "testifie"): the verb form the lexicon knows, else the token's lemma."""
    lemma = str(v.lemma_.lower())
    if v.pos_ != "NOUN" or lemma in lx.VERBS:
        return lemma
    low = str(v.lower_)
    for form in (low[:-3] + "y" if low.endswith("ies") else "", low[:-2], low[:-1]):
        if form and (form in lx.VERBS or form in lx.PREP_VERB_LEMMAS):
            return form
    return lemma


def asserted(v: Any) -> bool:
    """False for a negated, hypothetical, merely attempted or merely intended action ("never killed",
    "tries to", "keeps the pistol to kill")."""
    children = list(v.children)
    if _aim(v):
        return False
    if any(c.dep_ == "neg" for c in children) and not any(c.lower_ in lx.NOT_JUST for c in children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "should") for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return False
    if v.dep_ == "xcomp" and v.head.lemma_.lower() in lx.UNREAL_HEADS:
        return False
    if v.dep_ == "pcomp" and v.head.lower_ in UNDONE_PREPS:
        return False  # "escapes without killing Y", "instead of killing Y", "stops X from killing Y"
    if v.dep_ in ("acl", "relcl") and v.head.lemma_.lower() in ("mission", "plan", "attempt", "need"):
        return False
    if v.dep_ == "pobj" and v.head.lower_ == "for" and v.head.head.tag_ == "VBN":
        return False
    if any(c.dep_ == "nsubj" and _after_stranded_prep(c) for c in children):
        return False  # "a bomb meant for Michael kills Ann": a verb read as a preposition's object
    if v.dep_ == "ccomp" and v.head.lemma_.lower() in BELIEF_LEMMAS:
        return False  # "she believes she killed him": a belief, not a fact
    return not (v.dep_ == "xcomp" and v.head.dep_ == "acl")


def _after_stranded_prep(subj: Any) -> bool:
    """ "a bomb meant for Michael kills Ann": the "subject" follows a preposition whose object it is."""
    k = subj.left_edge.i - 1
    if k < 0:
        return False
    prev = subj.doc[k]
    if prev.dep_ != "prep" or prev.lower_ not in ("for", "at", "to", "towards", "toward", "against"):
        return False
    return bool(k >= subj.sent.start)  # the sentence found last: spaCy walks back to its start


#: verbs whose clause is someone's belief, not the story's fact ("believes she killed him"); "learns",
#: "discovers" and "realises" are facts the story confirms, so not these
BELIEF_LEMMAS = frozenset(
    {"believe", "think", "suspect", "fear", "assume", "suppose", "imagine", "claim", "insist", "pretend",
     "dream", "convince", "wonder", "allege", "doubt", "guess"}
)  # fmt: skip


def _denied(be: Any) -> bool:
    """A copula that does not state its attribute: negated, modal, or wished ("is not the leader",
    "would be", "wants to be a member"); "is revealed to be" still states it."""
    children = list(be.children)
    if any(c.dep_ == "neg" for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "should") for c in children):
        return True
    return bool(be.dep_ == "xcomp" and be.head.lemma_.lower() in lx.UNREAL_HEADS)


def asserted_negation(head: Any) -> bool:
    """Whether a verb or noun is negated ("is not in X's pay", "no longer on X's payroll")."""
    return any(c.dep_ == "neg" or (c.lower_ == "longer" and c.dep_ == "advmod") for c in head.children)


def _conjuncts(tok: Any) -> list[Any]:
    """The token's conjuncts, depth first (a loop, not recursion: a list of 1,000 names is a chain
    of 1,000 `conj` arcs)."""
    out: list[Any] = []
    stack = [c for c in reversed(list(tok.children)) if c.dep_ == "conj"]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(k for k in reversed(list(c.children)) if k.dep_ == "conj")
    return out


#: nouns of a group's members a description may take ("a Syndicate cop")
_MEMBER_NOUNS = lx.MEMBER_NOUNS | {"cop", "detective"}
#: every lemma one of `descriptions`' branches starts from (and the relational nouns' words)
_DESCRIBED_NOUNS = frozenset(lx.RELATIONAL_NOUNS.keys() | lx.ORG_NOUNS | _MEMBER_NOUNS | lx.PLACE_NOUNS)


def descriptions(doc: Doc, spouses: dict[str, set[str]] | None = None) -> list[Found]:
    """Entities stated by description, and their tie to the named one they hang on; "her husband" is
    the one spouse a stated marriage gives (`spouses`), no description."""
    found: list[Found] = []
    kin: dict[tuple[str, str], str] = {}  # (owner, relational noun) -> the name it was given
    for sent in doc.sentences:
        if sent.heading:
            continue
        reviewer = any(t.lower_ in ("i", "me", "my", "we", "us", "our") for t in sent.span)
        for tok in sent.span:
            if in_comparison(doc, sent, tok.i) or tok.pos_ != "NOUN":
                continue
            lemma = tok.lemma_.lower()
            low = tok.lower_
            if low not in lx.RELATIONAL_NOUNS and lemma not in _DESCRIBED_NOUNS:
                continue  # no branch below starts here
            poss = [c for c in tok.children if c.dep_ == "poss"]
            named_head = doc.ref(sent, tok.head) if tok.dep_ == "compound" else None
            if (low in lx.RELATIONAL_NOUNS or lemma in lx.RELATIONAL_NOUNS) and named_head and not poss:
                owner_toks = [c for c in tok.head.children if c.dep_ == "poss"]  # "his partner Chewbacca"
                owner = doc.ref(sent, owner_toks[0]) if owner_toks else None
                if (
                    owner
                    and owner != named_head
                    and doc.ents[owner].type is C
                    and doc.ents[named_head].type is C
                ):
                    noun = lemma if lemma in lx.RELATIONAL_NOUNS else low
                    pred, direction = lx.RELATIONAL_NOUNS[noun]
                    kin.setdefault((owner, noun), named_head)
                    pair = (owner, named_head) if direction in ("fwd", "sym") else (named_head, owner)
                    found.append(Found(pair[0], pred, pair[1], sent.index, 0.85))
                continue
            if (
                (low in lx.RELATIONAL_NOUNS or lemma in lx.RELATIONAL_NOUNS)
                and poss
                and doc.ref(sent, tok) is None
            ):
                owner = doc.ref(sent, poss[0]) or _whose(doc, sent, poss[0])
                owner_ent = doc.ents.get(owner) if owner else None
                if owner_ent is None or owner_ent.type is not C or tok.dep_ == "appos" or tok.dep_ == "attr":
                    continue
                one_of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "one"
                group = tok.tag_ == "NNS" and not one_of and low not in ("parents", "children", "siblings")
                if group and (listed := _named_list(doc, sent, tok)):  # "his closest friends, Ann and Bo"
                    pred, direction = lx.RELATIONAL_NOUNS[low if low in lx.RELATIONAL_NOUNS else lemma]
                    for one in listed:
                        pair = (owner_ent.key, one) if direction in ("fwd", "sym") else (one, owner_ent.key)
                        found.append(Found(pair[0], pred, pair[1], sent.index, 0.85))
                    continue
                if group and not _acting(tok):
                    continue  # "her allies stay loyal": a group, kept only when it acts or is acted on
                noun = low if group else lemma if lemma in lx.RELATIONAL_NOUNS else low
                if noun not in lx.RELATIONAL_NOUNS:
                    noun = lemma
                pred, direction = lx.RELATIONAL_NOUNS[noun]
                named = [
                    k for c in tok.children if c.dep_ in ("appos", "compound") and (k := doc.ref(sent, c))
                ]
                if not named and tok.dep_ == "compound" and (k := doc.ref(sent, tok.head)):
                    named = [k]  # "her younger brother Kofi Eze" parsed as a compound of the name
                if not named:  # "Carrick's enforcer, a one-eyed giant called Brannoch"
                    named = _called(doc, sent, tok)
                if (
                    not named and tok.i + 2 < sent.span.end and tok.nbor(1).text == ","
                ):  # "his guard, Dax Moreno,"
                    k = doc.ref(sent, tok.nbor(2))
                    named = [k] if k and doc.ents[k].type is C and not doc.ents[k].descriptive else []
                if not named:  # "take Calla's daughter Juno hostage", "X's only friend is Y"
                    named = _name_after(doc, sent, tok) or _copula_named(doc, sent, tok)
                if named and doc.ents[named[0]].type is P:
                    continue  # "his brother Jonathan Roe", a writer of the film: a real person
                if named and doc.ents[named[0]].type is C:  # "her brother Tomas": the name, no description
                    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):  # "X's enforcer, a giant
                        doc.token_ent[(sent.index, tok.i)] = named[0]  # called B, drowns him": B acts
                    if pred == "family_of" and poss[0].pos_ == "PRON":
                        owner_ent = _kin_by_surname(doc, sent, owner_ent, named[0])
                    kin[(owner_ent.key, noun)] = named[0]
                    pair = (
                        (owner_ent.key, named[0])
                        if direction in ("fwd", "sym")
                        else (named[0], owner_ent.key)
                    )
                    found.append(Found(pair[0], pred, pair[1], sent.index, 0.85))
                    if tok.tag_ == "NNS":  # "Hammond's grandchildren, Lex and Tim Murphy": each named one
                        apposed = [a for a in tok.children if a.dep_ in ("appos", "conj") and a.i > tok.i]
                        for c in (c for a in apposed for c in (a, *a.conjuncts) if c.i > tok.i):
                            k = doc.ref(sent, c)
                            if k and k != named[0] and doc.ents[k].type is C and not doc.ents[k].descriptive:
                                pair = (
                                    (owner_ent.key, k) if direction in ("fwd", "sym") else (k, owner_ent.key)
                                )
                                found.append(Found(pair[0], pred, pair[1], sent.index, 0.85))
                    continue
                wed = (spouses or {}).get(owner_ent.key, set())
                if noun in ("husband", "wife", "spouse") and len(wed) == 1:
                    doc.token_ent[(sent.index, tok.i)] = next(
                        iter(wed)
                    )  # "her husband": Carlo, married before
                    continue
                if (owner_ent.key, noun) in kin:  # "her sister Bo Lund ... frees her sister": Bo Lund
                    doc.token_ent[(sent.index, tok.i)] = kin[(owner_ent.key, noun)]
                    continue
                if pred == "family_of" and (back := _kin_back(kin, owner_ent.key, noun)):
                    if noun not in ("grandfather", "grandmother"):  # "her brother Piet ... Piet's sister"
                        doc.token_ent[(sent.index, tok.i)] = back
                    continue  # a grandparent found through two kin words is known, but no quote names it
                if not _acting(tok) and not _acting_through(tok):
                    continue  # "his father's successor": a role noun that does nothing names nobody new
                mods = [c.lower_ for c in tok.children if c.dep_ == "amod" and c.i < tok.i and c.is_alpha]
                key = f"{owner_ent.key}'s {noun}"
                name = " ".join([f"{_owner_as_written(poss[0], owner_ent)}'s", *mods, noun])
                ent = _describe(doc, sent, tok, key, name, C)
                if pred in ("family_of", "ally_of"):
                    ent.kin_of = owner_ent.key
                pair = (owner_ent.key, ent.key) if direction == "fwd" else (ent.key, owner_ent.key)
                if direction == "sym":
                    pair = (owner_ent.key, ent.key)
                found.append(Found(pair[0], pred, pair[1], sent.index, 0.8))
            elif lemma in lx.ORG_NOUNS and tok.dep_ != "compound":
                groups = [
                    k
                    for p in tok.children
                    if p.dep_ == "prep" and p.lower_ in ("within", "of", "inside")
                    for o in p.children
                    if o.dep_ == "pobj"
                    for k in [doc.ref(sent, o)]
                    if k
                ]
                groups = [g for g in groups if doc.ents[g].type is ORG]
                mods = [c.lower_ for c in tok.children if c.dep_ == "amod" and c.i < tok.i]
                if groups and mods:
                    ent = _describe(doc, sent, tok, f"{mods[-1]} {lemma}", f"{mods[-1]} {lemma}", ORG)
                    found.append(Found(ent.key, "part_of", groups[0], sent.index, 0.8))
            elif lemma in _MEMBER_NOUNS and lemma not in ("part",):
                comp = [c for c in tok.children if c.dep_ == "compound" and doc.ref(sent, c)]
                if comp and tok.tag_ == "NN":
                    org = doc.ref(sent, comp[0])
                    assert org is not None
                    bearer = doc.ref(sent, tok.head) if tok.dep_ == "compound" else None
                    if doc.ents[org].type is ORG and bearer and doc.ents[bearer].type is C:
                        found.append(
                            Found(bearer, "member_of", org, sent.index, 0.8)
                        )  # "NYPD detective Jo Roe"
                    elif doc.ents[org].type is ORG:
                        name = f"{doc.ents[org].name} {lemma}"
                        ent = _describe(doc, sent, tok, name.lower(), name, C)
                        found.append(Found(ent.key, "member_of", org, sent.index, 0.8))
            elif (
                lemma in lx.PLACE_NOUNS
                and tok.dep_ == "pobj"
                and tok.head.lower_ in ("in", "at", "inside")
                and not reviewer
                and doc.ref(sent, tok) is None  # "inside the vault": already the named vault
            ):
                dets = [c for c in tok.children if c.dep_ == "det"]
                mods = [c.lower_ for c in tok.children if c.dep_ == "amod" and c.i < tok.i and c.is_alpha]
                nouns = [
                    c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.is_alpha
                ]
                if dets and (mods or nouns):
                    name = " ".join([*mods[-1:], *nouns, lemma])
                    _describe(doc, sent, tok, name, name, L)
    return found


#: prepositions of where something happens ("inside the vault", "beneath the fortress")
SCENE_PREPS = frozenset({"in", "inside", "at", "into", "beneath", "under", "within", "outside", "near", "to"})


def place_nouns(doc: Doc) -> None:
    """ "the Bellhouse, a flooded vault ... Inside the vault, ...": a definite common noun after a
    preposition of place stands for the one named place the text described by that noun before
    (in apposition or with a copula); two places described by one noun name neither."""
    described: dict[str, set[str]] = {}
    for sent in doc.sentences:
        if sent.heading:
            continue
        later: list[tuple[Any, str]] = []
        for tok in sent.span:
            if tok.pos_ != "NOUN" or in_comparison(doc, sent, tok.i):
                continue
            lemma = tok.lemma_.lower()
            place = _described_place(doc, sent, tok)
            if place is not None:
                described.setdefault(lemma, set()).add(place)
                continue
            definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            if (
                definite
                and doc.ref(sent, tok) is None
                and tok.dep_ == "pobj"
                and tok.head.lower_ in SCENE_PREPS
            ):
                later.append((tok, lemma))
        for tok, lemma in later:
            places = described.get(lemma, set())
            if len(places) == 1 and not any(c.dep_ in ("compound", "poss") for c in tok.children):
                doc.token_ent[(sent.index, tok.i)] = next(iter(places))


def _described_place(doc: Doc, sent: Sentence, tok: Any) -> str | None:
    """The named story place a noun describes: "X, a flooded vault" (apposition) or "X is a vault"."""
    dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
    if tok.dep_ == "appos":
        key = doc.ref(sent, tok.head)
    elif tok.dep_ == "attr" and tok.head.lemma_ == "be":
        subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
        key = doc.ref(sent, subj[0]) if subj else None
    elif dets and dets[0].i - 2 >= sent.span.start and dets[0].nbor(-1).text == ",":
        key = doc.ref(sent, dets[0].nbor(-2))  # "lock her in the X, a flooded vault": misparsed apposition
    else:
        return None
    if key is None or doc.ents[key].type is not L or not doc.ents[key].in_universe:
        return None
    return key


def _group_by_noun(doc: Doc, sent: Sentence, tok: Any) -> list[str]:
    """The one group named before `sent` whose name ends in the common noun `tok` ("the company" for
    "the Halden Company", "the guild" for "the Tallow Guild"); none when no group or several fit."""
    if tok.pos_ != "NOUN":
        return []
    noun = tok.lemma_.lower()
    fits = [
        k
        for k, e in doc.ents.items()
        if e.type is ORG
        and e.in_universe
        and not e.descriptive
        and e.name.split()[-1].lower() in (noun, tok.lower_)
        and any(m[0] < sent.index for m in e.mentions)
    ]
    return fits if len(fits) == 1 else []


def _whose(doc: Doc, sent: Sentence, poss: Any) -> str | None:
    """The name "whose" stands for: the head of its relative clause ("Tony, whose brother Karl ...")."""
    if poss.lower_ != "whose":
        return None
    t = poss.head
    for _ in range(4):
        if t.dep_ == "relcl":
            return doc.ref(sent, t.head)
        if t.head is t or t.head.i == t.i:
            return None
        t = t.head
    return None


def _named_list(doc: Doc, sent: Sentence, tok: Any) -> list[str]:
    """The named characters in apposition to a plural noun, with their conjuncts ("his closest friends,
    Ann Roe and Bo Lund"); none when any of them is not a named character."""
    out: list[str] = []
    for c in tok.children:
        if c.dep_ != "appos" or c.i < tok.i:
            continue
        for t in [c, *_conjuncts(c)]:
            k = doc.ref(sent, t)
            if k is None or doc.ents[k].type is not C or doc.ents[k].descriptive:
                return []
            out.append(k)
    return list(dict.fromkeys(out))


def _owner_as_written(poss: Any, owner: Ent) -> str:
    """The owner of a description as the text writes it ("Steck's soldiers", not the full name's
    "Yara Steck's soldiers"), so the description keeps the text's own words; a pronoun owner
    ("her daughter") is named by the owner's name."""
    words = [t.text for t in poss.subtree if t.dep_ != "case" and t.pos_ == "PROPN"]
    written = " ".join(words)
    return written if words and written in owner.name else owner.name


def _name_after(doc: Doc, sent: Sentence, tok: Any) -> list[str]:
    """ "take Calla's daughter Juno hostage": a named character right after a relational noun, when the
    parser hung both on a later noun instead of making the name the noun's head or apposition."""
    if tok.i + 1 >= sent.span.end:
        return []
    nxt = tok.nbor(1)
    twin = (  # "his bodyguard X has betrayed", "Andy's sister Molly is getting rid of" (X an adverb)
        tok.dep_ in ("nsubj", "nsubjpass")
        and nxt.dep_ in ("nsubj", "nsubjpass", "advmod", "npadvmod")
        and nxt.head.i == tok.head.i
    )
    if nxt.pos_ != "PROPN" or (nxt.dep_ not in ("compound", "appos") and not twin):
        return []
    if in_comparison(doc, sent, nxt.i):
        return []
    if nxt.dep_ == "compound" and nxt.head.i <= nxt.i:
        return []
    key = doc.ref(sent, nxt)
    if key is None or doc.ents[key].type is not C or doc.ents[key].descriptive:
        return []
    return [key]


def _copula_named(doc: Doc, sent: Sentence, tok: Any) -> list[str]:
    """ "Maeve's only friend is the blacksmith Hana Vetch": the named character a copula equates
    with the relational noun that is its subject (never under negation: "is not Y")."""
    if tok.dep_ != "nsubj" or tok.head.lemma_ != "be" or not asserted(tok.head):
        return []
    for attr in (c for c in tok.head.children if c.dep_ == "attr"):
        key = doc.ref(sent, attr)
        if key is None and attr.pos_ == "NOUN":  # "is the old smith, Hana Vetch"
            key = next((k for c in attr.children if c.dep_ == "appos" and (k := doc.ref(sent, c))), None)
        if key is not None and doc.ents[key].type is C and not doc.ents[key].descriptive:
            return [key]
    return []


def _kin_back(kin: dict[tuple[str, str], str], named: str, noun: str) -> str | None:
    """ "her younger brother Piet ... Piet's sister": the one character whose named kin `named` is,
    standing for the kin noun `noun` that `named` owns, when the two nouns are each other's converse
    ("his daughter Noor ... Noor's father", never "... Noor's grandfather"); none when two
    characters name `named` as kin."""
    converse = lx.KIN_CONVERSE.get(lx.KIN_CLASS.get(noun, ""), "")
    owners = {
        owner
        for (owner, said), k in kin.items()
        if k == named and owner != named and converse and lx.KIN_CLASS.get(said) == converse
    }
    if not owners and noun in ("grandfather", "grandmother"):  # "his daughter Noor and his father
        parents = {o for (o, said), k in kin.items() if k == named and lx.KIN_CLASS.get(said) == "child"}
        step = "father" if noun == "grandfather" else "mother"  # Ambrose ... Noor's grandfather": Ambrose
        owners = {kin[(p, step)] for p in parents if (p, step) in kin and kin[(p, step)] != named}
    return owners.pop() if len(owners) == 1 else None


def _called(doc: Doc, sent: Sentence, tok: Any) -> list[str]:
    """ "X's enforcer, a giant called Brannoch": the name a noun in apposition is given by a naming
    verb ("called", "named"), standing for the description."""
    for appos in (c for c in tok.children if c.dep_ == "appos"):
        for verb in (c for c in appos.children if c.dep_ == "acl" and c.lemma_ in NAMING_VERBS):
            for name in (c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj")):
                key = doc.ref(sent, name)
                if key is not None and doc.ents[key].type is C:
                    return [key]
    return []


def _kin_by_surname(doc: Doc, sent: Sentence, owner: Ent, named: str) -> Ent:
    """ "His younger brother Jed Roe": the owner is the one character named so far who shares the
    name's family name, when the pronoun's choice does not."""
    words = doc.ents[named].name.split()
    if len(words) < 2 or owner.name.split()[-1] == words[-1]:
        return owner
    kin = [
        e
        for k, e in doc.ents.items()
        if k != named
        and e.type is C
        and e.in_universe
        and not e.descriptive
        and len(e.name.split()) >= 2
        and e.name.split()[-1] == words[-1]
        and any(m[0] <= sent.index for m in e.mentions)
    ]
    return kin[0] if len(kin) == 1 else owner


def _acting(tok: Any) -> bool:
    """A noun that is the subject, object or passive agent of a relation verb ("killed by her guards")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return tok.head.lemma_.lower() in lx.VERBS
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head.lemma_.lower() in lx.VERBS
    return False


def _acting_through(tok: Any) -> bool:
    """ "stalks one of Krall's lieutenants", "memories of her mother braiding her hair": the noun acts
    through the word that holds it (a quantifier, or a memory of someone doing something)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        holder = tok.head.head
        if holder.lower_ in ("one", "two", "three", "some", "several", "each", "all", "both", "none"):
            return holder.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
    if tok.dep_ == "poss":  # "her family's murder": someone things happen to
        return True
    if (
        tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.pos_ == "VERB"
    ):  # "reunited with her"
        return True
    return any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in tok.children)


def _describe(doc: Doc, sent: Sentence, tok: Any, key: str, name: str, kind: EntityType) -> Ent:
    ent = doc.ent(key, name)
    ent.fixed, ent.descriptive = kind, True
    if len(name) > len(ent.name):
        ent.aliases.add(ent.name)
        ent.name = name
    elif name != ent.name:
        ent.aliases.add(name)
    ent.in_story += 1
    subtree = [t for t in tok.subtree if t.i <= tok.i]
    first = subtree[0]
    while first.dep_ in ("det", "poss", "case") or first.lower_ in ("the", "a", "an"):
        nxt = first.nbor(1)
        if nxt.i > tok.i:
            break
        first = nxt
    ent.mentions.append((sent.index, sent.offset + first.idx, sent.offset + tok.idx + len(tok.text)))
    ent.story.append(ent.mentions[-1])
    doc.token_ent[(sent.index, tok.i)] = key
    return ent


def doc_word(span: Any, i: int) -> str:
    """The lower-case word at document index `i` inside `span`, or "" outside it."""
    return str(span.doc[i].lower_) if span.start <= i < span.end else ""
