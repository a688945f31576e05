"""The rule extractor "rules.v9": spaCy's parse and NER, read by general rules (no gazetteers).

Order of work: layout and parse; comparisons; the work and its universe; names and their
types; pronouns; descriptions; relations; cast and crew; plot events; the lead; assembly.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..known import KnownName
from ..model import (
    ClaimSet,
    Entity,
    EntityType,
    Event,
    EventKind,
    Evidence,
    Framing,
    Participant,
    Relation,
    Role,
    Source,
    slugify,
)
from ..vocab import entity_iri
from . import lexicon as lx
from . import pool
from .actors import actor_people
from .background import apply_known
from .base import Extraction, Extractor, WorkHint, register
from .billing import (
    at_best_parts,
    billed_parts,
    cast_groups,
    gapped_parts,
    pronoun_parts,
    supporting_cast,
    title_roles,
    verdict_parts,
)
from .casting import credit_phrases, starring_line
from .castlist import cast_lines, credit_block
from .chars import blank_format, clean_name
from .commentary import commentary_scopes, other_work_bracket, other_work_of
from .document import C, Doc, Ent, L, P, Sentence, glued_hyphen, name_cased, name_key
from .framing import clause_framing, frames, framing_seeds
from .layout import Block, blank_html, blocks, looks_like_html
from .marriage import marriages
from .mentions import _merge as merge_into
from .mentions import collect_names, comparison_scopes, find_work, in_comparison, resolve_pronouns
from .nlp import nlp
from .orders import ordered_killings
from .relations import Found, Reader, asserted, descriptions, place_links, place_nouns
from .title_character import hero_key, title_character
from .works import (
    NOT_SCREEN_NOUNS,
    WORK_PREDICATES,
    Literal,
    WorkReader,
    character_cues,
    encyclopedic,
    lead_kind,
    mark_title,
)


@dataclass
class Seed:
    """A plot event as first seen: sentence, kind, participants with roles, where."""

    sentence: int
    kind: str
    roles: dict[str, str]
    location: str | None = None
    sentences: list[int] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # victims whose killers take part ("the men responsible")
    framing: Framing | None = None  # None: the sentence's framing decides


def parse(text: str) -> Doc:
    """Blocks parsed with spaCy (one pipe call), cut into sentences with absolute offsets."""
    return parse_many([text])[0]


def parse_many(texts: Sequence[str], *, batch_size: int = 256) -> list[Doc]:
    """Several texts through one `nlp.pipe`, in this process, or across the workers when one text
    has `pool.PARSE_WORDS` words to parse or more (`pool.extract_many` spreads many texts). The
    batch size is the model's own (256 blocks: about a sixth less CPU than 64, same parses)."""
    work: list[tuple[str, tuple[int, Block]]] = []
    longest = 0
    for t, text in enumerate(texts):
        source = blank_format(blank_html(text) if looks_like_html(text) else text)
        size = len(work)
        for block in blocks(source):
            work.append((source[block.start : block.end], (t, block)))
        longest = max(longest, sum(pool.words(piece) for piece, _ in work[size:]))
    docs = [Doc(text=text, sentences=[]) for text in texts]
    section = [0] * len(texts)
    paragraph = [0] * len(texts)
    pipe = pool.pipe(work, batch_size=batch_size, spread=longest >= pool.PARSE_WORDS)
    for parsed, (t, block) in pipe:
        doc = docs[t]
        if block.piece == 0:  # a long paragraph's later pieces (`layout.pieces`) stay in its section
            section[t] += block.heading
            paragraph[t] += 1
        sents = [parsed[:]] if block.heading else _join_abbreviations(list(parsed.sents))
        for span in sents:
            if not span.text.strip():
                continue
            doc.sentences.append(
                Sentence(len(doc.sentences), span, block, block.start, section[t], paragraph[t])
            )
    return docs


@register
class RulesExtractor(Extractor):
    """Rules over the dependency parse: verb lexicons with argument types, passives, possessives,
    appositions, comparison cues, pronoun resolution, negation."""

    name = "rules"
    version = "v9"

    def __init__(self) -> None:
        self._parsed: dict[str, Doc] = {}  # text hash -> parse, from `prepare`

    def prepare(self, texts: Sequence[str]) -> None:
        """Parse several texts in one `nlp.pipe` (batched across texts); `run` then uses the parses."""
        for text, doc in zip(texts, parse_many(texts), strict=True):
            self._parsed[hashlib.sha256(text.encode("utf-8")).hexdigest()] = doc

    def run(self, text: str, source: Source, about: WorkHint | None = None) -> Extraction:
        doc = self._parsed.pop(hashlib.sha256(text.encode("utf-8")).hexdigest(), None)
        return self.extract(doc if doc is not None and doc.text == text else parse(text), source, about)

    def run_many(self, items: Sequence[tuple[str, Source, WorkHint | None]]) -> list[Extraction]:
        """Parse the texts in one batch, then run the rules on each."""
        docs = parse_many([t for t, _, _ in items])
        return [self.extract(doc, s, a) for doc, (_, s, a) in zip(docs, items, strict=True)]

    def extract(self, doc: Doc, source: Source, about: WorkHint | None = None) -> Extraction:
        with _no_cycle_collection():
            return _Run(doc, source, about or WorkHint(iri=source.about), self).build()


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while the rules read one text: they make many short-lived
    objects (spaCy tokens, strings, claims) and few cycles, and each collection would walk the
    loaded model's objects again (about 7% of the rules' CPU). Collection resumes after, as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: every word (lower case) that one of `credit_pair`'s branches starts from, but a possessive's and a
#: credit lemma's
_CREDIT_WORDS = frozenset({"(", "as", "portrayal", "performance", "turn"})


class _Run:
    def __init__(self, doc: Doc, source: Source, about: WorkHint, ex: Extractor) -> None:
        self.doc, self.source, self.about, self.ex = doc, source, about, ex
        self.warnings: list[str] = []
        self.found: list[Found] = []
        self.seeds: list[Seed] = []
        self.known: dict[str, KnownName] = {}  # entity key -> the known entity it names
        self.literals: list[Literal] = []
        self.encyclopedic = False
        self.forms: dict[str, list[str]] = {}  # entity key -> its spaced name forms (`spaced_forms`)
        self.spaced: dict[int, str] = {}  # sentence index -> its spaced, case-folded text (`names`)
        self.credit_cues: list[tuple[Sentence, Any]] | None = None  # `review_credits`' tokens, found once

    # ------------------------------------------------------------------------------------
    def build(self) -> Extraction:
        doc = self.doc
        if looks_like_html(doc.text):
            self.warnings.append(f"{self.source.location}: HTML; tags were skipped, offsets index the file")
        comparison_scopes(doc)
        title, _ = find_work(doc, self.about.title)
        # a text opening "X is a 1961 film ..." is encyclopedic: its names are real people unless
        # it calls them characters (no "appears_in" for the director it names)
        self.encyclopedic = self.about.title is None and encyclopedic(doc)
        if title:
            mark_title(doc, title, self.about.type)
            short = subtitle(title)
            if short:  # "Marrowgate: Ashfall" is also called "Ashfall"
                mark_title(doc, short, self.about.type, work=title)
            initials = initialism(title)
            if initials and re.search(rf"(?<!\w){re.escape(initials)}(?!\w)", doc.text):
                mark_title(doc, initials, self.about.type, work=title)  # "TS3" for "Toy Story 3"
            for other in sibling_titles(doc.text, title):  # "Marrowgate: Ember Road", another film of it
                mark_title(doc, other, EntityType.FILM)
                mark_title(doc, str(subtitle(other)), EntityType.FILM, work=other)
                doc.ents[name_key(other)].in_story = max(doc.ents[name_key(other)].in_story, 1)
        if title and self.about.type is EntityType.FILM:
            title_character(doc, name_key(title), title)  # "Ada Quell", a film about Ada Quell
        commentary_scopes(doc, title)  # an actor's other roles, the reviewer's fandom
        collect_names(doc, title)
        if title:
            work = doc.ent(name_key(title), title)
            work.fixed = self.about.type
            doc.work_key = work.key
            work.in_story = max(work.in_story, 1)
        self.known = apply_known(doc, self.about.known)
        self.cast_and_crew()
        works = WorkReader(
            doc, self.mark, encyclopedic=self.encyclopedic
        )  # credits, release years, sequels and series of the work
        works.read()
        self.found += works.found
        self.found += credit_block(self)  # "Directed by: A", "Starring: A, B and C" (credits what follows)
        self.found += cast_lines(self)  # a cast list's "Carl Brenner as Jack Mercer" lines
        self.review_credits()  # credits naming a credited actor by one word, "A, as the X Y,"
        self.found += supporting_cast(self)  # "It stars A, with B and C in supporting roles"
        self.found += cast_groups(self)  # "a voice cast led by A", "the supporting cast, including A and B"
        self.found += verdict_parts(self)  # "A absolutely eats as X" where the parser missed the "as"
        self.found += at_best_parts(self)  # "X is A at his most helplessly funny"
        self.found += title_roles(self)  # "A returns in the title role"
        self.found += credit_phrases(self)  # "As X, A is terrific", "A, who plays X,", "the role of X"
        self.found += actor_people(self)  # "He is played by A", "Capable (A)", "the script, by A and B"
        self.found += starring_line(self, _name_span, _name_conjuncts)  # "Starring A, B and C."
        self.found += billed_parts(self)  # "Woody (Tom Hanks, at his best)", "A Roe's Alfred, the butler"
        self.found += gapped_parts(self)  # "A plays the pilot X, B the nurse Y and C the cook Z" (once the
        # crew is known: "the script, by A and B ... and B is X")
        self.review_credits()  # again, for people credited since ("Maxim (Crane)" after "Ann Crane as Maxim")
        self.credited_surnames()  # "Dumont, best known for ..." after "Claire Dumont stars as": one person
        self.literals = works.literals
        resolve_pronouns(doc)
        self.found += pronoun_parts(self)  # "Heath Roe plays him with relish"
        place_nouns(doc)  # "the Bellhouse, a flooded vault ... inside the vault": the Bellhouse
        weddings, spouses = marriages(doc)  # "the wedding of his daughter Connie to Carlo"
        self.found += weddings
        self.found += descriptions(doc, spouses)
        parallel_objects(doc)
        reader = Reader(doc)
        reader.read()
        self.found += reader.found
        self.found += ordered_killings(doc)  # "A has B murdered", "A's men murder B"
        self.found += place_links(doc)
        for sent_index, kind, roles, tok in reader.seeds:
            framing = clause_framing(doc, doc.sentences[sent_index], tok) if tok is not None else None
            self.seeds.append(Seed(sent_index, kind, dict(roles), framing=framing))
        self.group_membership()
        self.nominal_events()
        self.universe_links()
        events = self.events()
        claims = self.assemble(events)
        if not any(e.in_universe for e in claims.entities if e.type is not EntityType.FILM):
            self.warnings.append(f"{self.source.location}: no named characters, places or groups found")
        return Extraction(claims, self.warnings)

    # cast and crew -----------------------------------------------------------------------
    def cast_and_crew(self) -> None:
        doc = self.doc
        for sent in doc.sentences:
            if sent.heading:
                continue
            span = sent.span
            for tok in span:
                if tok.text in ("(", "of") and tok.i > span.start:
                    self.aside_actor(sent, tok)  # 'Ada Quill ("Night Lanterns")', 'A of "Burn Signal"'
                if tok.text == "(" and tok.i > span.start:  # "Han Solo (Harrison Ford)"
                    if in_comparison(doc, sent, tok.i + 1):
                        continue  # "played by A (X)": the actor's other work, no actor of A
                    manner = _manner_credit(span, tok)  # "(played astonishingly well by A)"
                    part = doc.ref(sent, tok.nbor(-1)) if manner is not None else None
                    if manner is not None and part is not None and doc.ents[part].type is C:
                        self.bracket_by(sent, part, span.doc[manner[0] + 1 : manner[1]])
                        continue
                    lead = _praise_lead(span, tok)  # "(a never-better A)": the words before the name
                    lead = lead or _manner_lead(span, tok)  # "(perfectly voiced by A)": the adverb
                    by = 2 if tok.i + 2 + lead < span.end and tok.nbor(2 + lead).lower_ == "by" else 0
                    close = next(  # ")" or, in "X (A, best known as Y)", the comma
                        (
                            t
                            for t in span.doc[tok.i + 1 + lead : min(span.end, tok.i + 7 + by + lead)]
                            if (t.text == ")" and t.i < tok.i + 6 + by + lead)
                            or (t.text == "," and t.i > tok.i + 1 and in_comparison(doc, sent, t.i + 1))
                            or (t.text == "," and t.i > tok.i + 2 and _bracket_closes(span, t.i))
                        ),
                        None,
                    )
                    before = doc.ref(sent, tok.nbor(-1)) or _apposed(doc, sent, tok.nbor(-1))
                    if close is None or before is None or before == doc.work_key:
                        continue
                    inner = span.doc[tok.i + 1 + lead : close.i]
                    if lead and (not inner or inner[-1].i + 1 != close.i or close.text != ")"):
                        continue
                    if doc.ents[before].type is not C and not (
                        doc.ents[before].fixed is None
                        and doc.ents[before].type in (L, EntityType.ORGANIZATION)
                        and 2 <= len(_name_words(inner)) <= 4
                        and (_person_name(inner) or self.credit_only(inner))
                        and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "ORG") for t in inner)
                    ):
                        continue  # "Odile Brack (Ines Kovac-Morrow)": a person's name in brackets casts her
                    if len(inner) > 2 and inner[1].lower_ == "by" and inner[0].lemma_ in lx.CREDIT_LEMMAS:
                        self.bracket_by(sent, before, span.doc[inner.start + 2 : inner.end])
                        continue  # "Tibby (voiced by Mira Solberg)", "(played by Solberg)"
                    if _epithet_before(sent, tok, before, doc):
                        continue  # "the Gray Widow (Mara Quell)": a real name behind an alias, not an actor
                    if 2 <= len(_name_words(inner)) <= 4 and (_person_name(inner) or self.credit_only(inner)):
                        doc.ents[before].fixed = C
                        person = self.person(sent, inner)
                        self.found.append(Found(before, "portrayed_by", person, sent.index, 0.9))
                low = tok.lower_
                if (
                    low in lx.CREW_WORDS and not self.encyclopedic and not _after_the(span, tok)
                ):  # "director Jane Roe"
                    names = [t for t in tok.rights if t.dep_ in ("appos", "compound")] or (
                        [tok.head] if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" else []
                    )
                    if not names and tok.i + 1 < span.end and tok.nbor(1).pos_ == "PROPN":
                        names = [tok.nbor(1)]
                    if low in lx.CREW_PLURALS:  # "Directors A and B": each conjunct
                        names = [c for n in names for c in (n, *_name_conjuncts(_name_head(n)))]
                    for n in names:
                        run = _name_span(n)
                        if run is not None and (run[0].ent_type_ == "PERSON" or _person_name(run)):
                            pred = (
                                "directed_by"
                                if low in ("director", "filmmaker", "showrunner", *lx.CREW_PLURALS)
                                and not low.startswith(("writer", "screenwriter"))
                                else "written_by"
                            )
                            self.crew(sent, run, pred)
                if tok.lemma_ in ("direct", "write", "pen") and tok.tag_ == "VBN" and asserted(tok):
                    for agent in (c for c in tok.children if c.dep_ == "agent"):
                        for pobj in (
                            t for c in agent.children if c.dep_ == "pobj" for t in [c, *_name_conjuncts(c)]
                        ):  # "written by A and B": each conjunct a writer
                            run = _name_span(pobj)
                            if run is not None and (run[0].ent_type_ == "PERSON" or len(run) >= 2):
                                self.crew(
                                    sent, run, "directed_by" if tok.lemma_ == "direct" else "written_by"
                                )
                if (
                    tok.lower_ in ("screenplay", "script")
                    and tok.i + 1 < span.end
                    and tok.nbor(1).lower_ == "by"
                ):
                    for pobj in (
                        t for c in tok.nbor(1).children if c.dep_ == "pobj" for t in [c, *_name_conjuncts(c)]
                    ):  # "the script by A and B": each conjunct a writer
                        run = _name_span(pobj)
                        if run is not None:
                            self.crew(sent, run, "written_by")
                if tok.lemma_ == "direct" and tok.tag_ in ("VBD", "VBZ", "VBN") and _other_version(tok):
                    run = _name_span(_maker(tok))
                    if run is not None and len(run) >= 2:  # "A directed a remake in 1998": a film-maker
                        self.person(sent, run)
                if low == "by" and _craft_was_by(tok):  # "the photography was by Jo Roe": crew
                    for pobj in (c for c in tok.children if c.dep_ == "pobj"):
                        run = _name_span(pobj)
                        if run is not None and len(run) >= 2:
                            self.person(sent, run)
                if (
                    tok.lower_ in lx.CRAFT_NOUNS and tok.i + 1 < span.end and tok.nbor(1).lower_ == "by"
                ):  # "the score by Jo Roe": a person of the crew, not a character
                    for pobj in (c for c in tok.nbor(1).children if c.dep_ == "pobj"):
                        run = _name_span(pobj)
                        if run is not None and len(run) >= 2:
                            self.person(sent, run)
                if (
                    tok.lower_ == "as"
                    and tok.dep_ == "prep"
                    and (
                        tok.head.pos_ == "VERB"
                        or _rated(tok.head)
                        or _back(tok.head)
                        or _praise_noun(tok.head)
                    )
                ):
                    self.credit_as(sent, tok)  # "Jo Roe shines as Ann", "Jo Roe is terrific as Ann"
                if tok.lower_ == "as" and tok.i - 1 > span.start and tok.nbor(-1).lower_ in STAR_WORDS:
                    self.stars_as(sent, tok)  # "Rina Dale stars as Tova Merrin"
                if tok.lemma_ in ("play", "portray", "voice") and tok.tag_ in ("VBZ", "VBP", "VBD"):
                    self.credit_active(sent, tok)  # "Jo Roe plays Ann with steel", "A voices X himself"
                if tok.lemma_ in lx.CREDIT_LEMMAS and tok.tag_ == "VBN":  # "Ann, played by Jo Roe"
                    for agent in (c for c in tok.children if c.dep_ == "agent"):
                        for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                            run = _name_span(pobj)
                            target = doc.ref(sent, tok.head) if tok.dep_ in ("acl", "appos") else None
                            if target is None and tok.dep_ in (
                                "acl",
                                "appos",
                            ):  # "her partner, Bo Lund, played by"
                                named = [c for c in tok.head.children if c.dep_ == "appos"]
                                target = doc.ref(sent, named[0]) if named else None
                                if target is None and tok.head.dep_ == "appos":  # "Gill, a fish voiced by A"
                                    target = doc.ref(sent, tok.head.head)
                            passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
                            if target is None and passive:  # "Ann is played by Jo Roe"
                                target = doc.ref(sent, passive[0])
                            if target is not None and doc.ents[target].type is not C:
                                continue
                            if run is None or not _actor_name(run):
                                continue
                            if target is not None:
                                self.found.append(
                                    Found(target, "portrayed_by", self.person(sent, run), sent.index, 0.9)
                                )
                            elif tok.dep_ in ("acl", "appos") and tok.head.pos_ == "NOUN":
                                self.person(sent, run)  # "a detective, played by Jo Roe": an actor still

    def aside_actor(self, sent: Sentence, tok: Any) -> None:
        """The full name before a bracket or "of" that holds another work's quoted title ('Ada Quill
        ("Night Lanterns")', 'Bo Stenmark (the clown in "Crawlspace")', 'Hal Verity of "Burn
        Signal"') is an actor's: a Person, never a character of the story."""
        doc = self.doc
        title = doc.ents[doc.work_key].name if doc.work_key else None
        if not (other_work_bracket(tok, title) if tok.text == "(" else other_work_of(tok, title)):
            return
        run = _name_span(tok.nbor(-1))
        if run is not None and _actor_name(run) and run.end == tok.i:
            key = self.person(sent, run)
            if doc.ents[key].in_story > 2:
                return  # a name the story uses more is not only an actor
            doc.ents[key].fixed = P

    def stars_as(self, sent: Sentence, as_tok: Any) -> None:
        """ "Rina Dale stars as Tova Merrin, a thief": the full name right before "stars" (which the
        parser often reads as a plural noun with the name as its compound) plays the name after
        "as"; the actor must be a person's name the story uses nowhere else, the part a name no
        pattern typed otherwise."""
        doc = self.doc
        star = as_tok.nbor(-1)
        run = _run_before(star)
        key = doc.ref(sent, star.nbor(-1)) if star.i - 1 >= sent.span.start else None
        if key is not None:  # the name as the text's names read it ("Rina" may be tagged a noun)
            k = star.i
            while k - 1 >= sent.span.start and doc.ref(sent, star.doc[k - 1]) == key:
                k -= 1
            run = star.doc[k : star.i] if k < star.i else run
        role_tok = as_tok.nbor(1) if as_tok.i + 1 < sent.span.end else None
        role_run = _name_span(role_tok) if role_tok is not None else None
        if run is None or role_run is None or not _actor_name(run):
            return
        role = doc.ref(sent, role_run[-1])
        actor = doc.ents.get(name_key(run.text))
        if role is None or role == doc.work_key or doc.ents[role].fixed not in (None, C):
            return
        if actor is not None and (actor.key == role or actor.in_story > 1):
            return  # a character named elsewhere "stars as" nothing
        if not (run[0].ent_type_ == "PERSON" or _person_name(run) or self.credit_only(run)):
            return
        doc.ents[role].fixed = C
        person = self.person(sent, run)
        self.found.append(Found(role, "portrayed_by", person, sent.index, 0.9))
        if doc.work_key:
            self.found.append(Found(doc.work_key, "cast_member", person, sent.index, 0.85))

    def bracket_by(self, sent: Sentence, role: str, inner: Any) -> None:
        """ "X (voiced by Ana Brill)": Ana Brill plays X."""
        if _one_word(inner):
            return  # a surname: read with the credits after the cast is known (`credit_pair`)
        if 2 <= len(_name_words(inner)) <= 4 and (_person_name(inner) or self.credit_only(inner)):
            actor = self.person(sent, inner)
            if actor != role:
                self.found.append(Found(role, "portrayed_by", actor, sent.index, 0.9))

    def credit_as(self, sent: Sentence, prep: Any) -> None:
        """ "Jo Roe was praised as Ann", "Jo Roe is terrific as Ann": a credit, when the name is not
        a character elsewhere."""
        doc = self.doc
        pobjs = [o for o in prep.children if o.dep_ == "pobj" and doc.ref(sent, o) is not None]
        part = pobjs[0] if pobjs else self.part_after_as(sent, prep)  # "as Ann", "as the deputy, Rosa"
        between = prep.doc[prep.head.i + 1 : prep.i] if prep.head.i < prep.i else prep.doc[prep.i : prep.i]
        if not pobjs and any(t.pos_ == "PROPN" or t.lower_ in ("and", ",", "-") for t in between):
            part = None  # "A returns in the role, and B co-stars as X": the "as" is B's (a misparse)
        role = doc.ref(sent, part) if part is not None else None
        back = _back(prep.head)  # "A is back as X": no character is "back as" someone
        aside = _as_aside(sent, prep)  # "A, as X, runs a test": a credit set off after the actor
        praised = _praise_noun(prep.head)  # "A is a revelation as X"
        rated = _rated(prep.head) or back or praised
        verb = (
            prep.head.head
            if (_rated(prep.head) and prep.head.pos_ == "ADJ") or back or praised
            else prep.head
        )
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if role is None or doc.ents[role].type is not C or doc.ents[role].descriptive or not subj:
            return
        if verb.lemma_.lower() in lx.GUISE_VERBS:
            return  # "Ann poses as Bo at the bank": a disguise in the story, no credit
        actors = [subj[0], *_name_conjuncts(subj[0])]  # "A and B are terrific as X and Y": in order
        parts = [role, *(k for c in _name_conjuncts(part) if (k := doc.ref(sent, c)))] if part else [role]
        if len(actors) != len(parts):
            actors, parts = actors[:1], parts[:1]
        for actor_tok, role in zip(actors, parts, strict=True):
            run = _name_span(actor_tok)
            actor = doc.ref(sent, actor_tok)
            if (
                run is None
                or actor is None
                or actor == role
                or (
                    doc.ents[actor].in_story > 1
                    and not (back or aside or _billed_here(doc, sent, run, actor))
                )
            ):
                continue  # a name seen elsewhere in the story is a character acting "as" someone
            if doc.ents[role].type is not C or doc.ents[role].descriptive:
                continue
            if run[0].ent_type_ == "PERSON" or _person_name(run) or (rated and self.credit_only(run)):
                person = self.person(sent, run)
                self.found.append(Found(role, "portrayed_by", person, sent.index, 0.8))
                if doc.work_key:  # an actor credited with a part in the text's work is in its cast
                    self.found.append(Found(doc.work_key, "cast_member", person, sent.index, 0.8))

    def credit_active(self, sent: Sentence, verb: Any) -> None:
        """ "Jo Roe plays Ann": a credit when Ann is a character and the player's name is two to four
        capitalised words named nowhere else (a part named only here must not be played "at" or
        "against" something, as in a game)."""
        doc = self.doc
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if len(subj) != 1 or len(objs) != 1 or not asserted(verb):
            return
        objs = [_role_of(objs[0])]  # "A plays the role of X": X
        role = doc.ref(sent, objs[0])
        run = _name_span(subj[0])
        if run is not None and run[0].ent_type_ == "PERSON":  # the tagger may miss a first name
            start = run.start
            while start > sent.span.start and run.doc[start - 1].ent_type_ == "PERSON":
                start -= 1
            run = run.doc[start : run.end]
        if role is None or run is None:
            return
        if (doc.ents[role].in_story < 2 or doc.ents[role].type is not C) and not self.new_part(
            sent, verb, objs[0], role
        ):
            return  # a one-mention name is a credit only as "A plays X" of two proper names
        if not 2 <= len(run) <= 4 or not all((name_cased(t) and t.is_alpha) or _initials(t) for t in run):
            return
        actor = doc.ents.get(name_key(run.text))
        if actor is not None and (actor.key == role or (actor.in_story > 1 and not _introduced(actor, sent))):
            return  # a character named elsewhere plays someone in the story ("Ann plays Bo at chess")
        if run[0].ent_type_ == "PERSON" or _person_name(run) or self.credit_only(run):
            self.found.append(Found(role, "portrayed_by", self.person(sent, run), sent.index, 0.85))

    def new_part(self, sent: Sentence, verb: Any, obj: Any, role: str) -> bool:
        """ "Hal Verity plays Rupert, the owner of the house": the part is named nowhere else, so the
        credit rests on the construction alone: a proper name as the plain object of "plays", no
        game or contest after it ("plays Bo at chess", "plays Bo against Cy", "plays Bo for a fool",
        "plays Bo off"), and a name no pattern has typed as anything but a character. The caller
        still requires the player's name to be a person's named nowhere else."""
        ent = self.doc.ents[role]
        if obj.pos_ != "PROPN" or ent.descriptive or ent.fixed not in (None, C):
            return False
        if ent.type is not C and ent.in_story > 1:
            return False  # a group or place named elsewhere is not a part
        if any(c.dep_ == "prt" for c in verb.children):
            return False
        after = (*verb.children, *obj.children)
        if any(c.dep_ in ("prep", "dative") and c.lower_ in GAME_PREPS for c in after):
            return False
        ent.fixed = C
        return True

    def credit_only(self, run: Any) -> bool:
        """Two or three capitalised words named nowhere else in the story, one of them no English
        dictionary word ("Maya Okafor", not "Cameo Moment"): a credit's person."""
        words = _name_words(run)
        titled = all(t.is_alpha and (name_cased(t) or _hyphen_piece(t)) for t in words)
        if not 2 <= len(words) <= 3 or not titled:
            return False  # "Maya Okafor", "Choi Woo-shik"
        if all(_dictionary_word(t.lower_) for t in words):
            return False
        ent = self.doc.ents.get(name_key(run.text))
        return ent is None or ent.in_story <= 1

    def person(self, sent: Sentence, run: Any) -> str:
        key = name_key(run.text)
        ent = self.doc.ent(key, run.text)
        ent.fixed = P
        if not any(m[0] == sent.index for m in ent.mentions):
            ent.mentions.append((sent.index, sent.offset + run.start_char, sent.offset + run.end_char))
            ent.in_story += 1
        for t in run:
            self.doc.token_ent[(sent.index, t.i)] = key
        return key

    def mark(self, sent: Sentence, run: Any, kind: EntityType) -> str:
        """A name a credit or a work pattern types (`kind`), mentioned in this sentence."""
        key = self.person(sent, run)
        ent = self.doc.ents[key]
        ent.fixed = kind
        if len(run.text) > len(ent.name):  # "A Cry of Gulls", known as "Cry of Gulls"
            ent.aliases.add(ent.name)
            ent.name = run.text
        return key

    def crew(self, sent: Sentence, run: Any, pred: str) -> None:
        person = self.person(sent, run)
        if lead_kind(self.doc) in NOT_SCREEN_NOUNS:
            return  # a song's "written by" is its lyricist, a single's "directed by" its video's
        if self.doc.work_key:
            self.found.append(Found(self.doc.work_key, pred, person, sent.index, 0.9))

    # credits that lean on the cast named before ---------------------------------------------
    def review_credits(self) -> None:
        """Reviews' credits after a cast list, where the actor is a credited Person (often by one word:
        "It stars Ana Brill ... Brill plays Ora", "Ora (Brill)", "Played by Brill, Ora is ...",
        "Brill's portrayal of Ora", "with Brill as the smuggler Ora"), and "Ana Brill, as the shifty
        Ora Vane, steals every scene" for an actor named nowhere else. Only a character on the other
        side gives a credit: "Ora, as the eldest, inherits" and "Ora plays Bo at chess" give none."""
        doc = self.doc
        if self.credit_cues is None:  # the prose tokens a branch of `credit_pair` starts from (the parse's)
            self.credit_cues = [
                (sent, tok)
                for sent in doc.sentences
                if not sent.heading
                for tok in sent.span
                if tok.lower_ in _CREDIT_WORDS or tok.dep_ == "poss" or tok.lemma_.lower() in lx.CREDIT_LEMMAS
            ]
        for sent, tok in self.credit_cues:
            if in_comparison(doc, sent, tok.i):
                continue
            pair = self.credit_pair(sent, tok)
            if pair is not None:
                role, actor = pair
                doc.ents[actor].fixed = P
                self.found.append(Found(role, "portrayed_by", actor, sent.index, 0.85))
                if doc.work_key:  # an actor credited with a part in the text's work is in its cast
                    self.found.append(Found(doc.work_key, "cast_member", actor, sent.index, 0.8))

    def credit_pair(self, sent: Sentence, tok: Any) -> tuple[str, str] | None:
        """(character, actor) of one credit construction anchored on `tok`, or None."""
        doc = self.doc
        low, lemma = tok.lower_, tok.lemma_.lower()
        if lemma in ("play", "portray", "voice") and tok.tag_ in ("VBZ", "VBP", "VBD") and asserted(tok):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            obj = [c for c in tok.children if c.dep_ == "dobj"]
            if len(subj) == 1 and len(obj) == 1:  # "Brill plays Ora", "Brill plays his sister Ora"
                return self.credited(sent, _role_of(obj[0]), subj[0])
        if lemma in lx.CREDIT_LEMMAS and tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i < tok.head.i:
            subj = [c for c in tok.head.children if c.dep_ == "nsubj"]  # "Played by Brill, Ora is"
            agents = [o for a in tok.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
            if len(subj) == 1 and len(agents) == 1:
                return self.credited(sent, subj[0], agents[0])
        if low == "(" and tok.i > sent.span.start:  # "Ora Vane (Brill)", "(voiced by Brill-Lind)"
            first = tok.i + 3 if tok.i + 3 < sent.span.end and tok.nbor(2).lower_ == "by" else tok.i + 1
            if first > tok.i + 1 and tok.nbor(1).lemma_ not in lx.CREDIT_LEMMAS:
                return None
            close = next(
                (t.i for t in sent.span.doc[first : min(sent.span.end, first + 4)] if t.text == ")"), None
            )
            inner = sent.span.doc[first:close] if close is not None else None
            if inner is not None and len(inner) and _one_word(inner):
                return self.credited(sent, tok.nbor(-1), inner[-1])
        if low in ("portrayal", "performance", "turn") and tok.i + 1 < sent.span.end:
            poss = [c for c in tok.children if c.dep_ == "poss"]  # "Brill's portrayal of Ora"
            prep = tok.nbor(1)
            if poss and prep.lower_ in ("of", "as") and prep.head == tok:
                objs = [o for o in prep.children if o.dep_ == "pobj"]
                if objs:
                    return self.credited(sent, _named_in(doc, sent, objs[0]), poss[0])
        if low == "as" and tok.i > sent.span.start:
            return self.credit_as_after(sent, tok)
        if tok.dep_ == "poss" and tok.head.pos_ == "PROPN" and tok.i + 2 <= tok.head.i:
            return self.credited(sent, tok.head, tok)  # "Keaton's Andy Goodwin": a credited actor's part
        return None

    def credit_as_after(self, sent: Sentence, as_tok: Any) -> tuple[str, str] | None:
        """ "with Brill as the smuggler Ora", "Brill reprises her role as Ora", "Ana Brill, as the shifty
        Ora Vane, steals": the actor just before "as" (or the subject of "her role as"), the
        character named in the few words after it."""
        doc = self.doc
        role = self.part_after_as(sent, as_tok)
        if role is None:
            return None
        before = as_tok.nbor(-1)
        starring = self.star_subject(sent, as_tok)
        if starring is not None:  # "Tobin Harlow stars again as Silas Venn"
            return self.credited(sent, role, starring[0], newcomer=True)
        if before.lower_ in ("role", "part") and before.head.pos_ == "VERB":
            subj = [c for c in before.head.children if c.dep_ == "nsubj"]  # "A reprises her role as X"
            return self.credited(sent, role, subj[0]) if len(subj) == 1 else None
        if before.lower_ in ("roles", "parts") and before.head.pos_ == "VERB":
            self.paired_roles(sent, before.head, role)  # "A and B reprise their roles as X and Y"
            return None
        if before.text == "," and as_tok.i - 2 >= sent.span.start:  # "Ana Brill, as the shifty Ora Vane,"
            role_run = _name_span(role)
            last = role_run[-1].i if role_run is not None else role.i
            if last + 1 >= sent.span.end or sent.span.doc[last + 1].text != ",":
                return None
            run = _name_span(as_tok.nbor(-2))
            key = doc.ref(sent, as_tok.nbor(-2))
            if run is None or key is None or doc.ents[key].type is P:
                return self.credited(sent, role, as_tok.nbor(-2))
            one_name = doc.ents[key].in_story <= 1 and 2 <= len(run) <= 4
            whole_role = role_run is not None and role_run.text == doc.ents[doc.ref(sent, role) or ""].name
            credits = any(e.fixed is P for e in doc.ents.values())  # a text that credits actors
            if one_name and whole_role and credits and (run[0].ent_type_ == "PERSON" or _person_name(run)):
                return self.credited(sent, role, as_tok.nbor(-2), newcomer=True)
            return None
        return self.credited(sent, role, before) or self.listed_credit(sent, as_tok, role)

    def part_after_as(self, sent: Sentence, as_tok: Any) -> Any:
        """The token of the character a credit's "as" names: the first name in the few words after it
        ("as the smuggler Ora", "as Ilse's old mentor, Teodor Vask", "as Wade's deputy Mick"), or the
        name in apposition to a plain noun phrase ("as the town's mayor, Ellen Marsh")."""
        doc, span = self.doc, sent.span
        for t in span.doc[as_tok.i + 1 : min(span.end, as_tok.i + 6)]:
            if t.text == "," and t.i + 1 < span.end and doc.ref(sent, span.doc[t.i + 1]) is not None:
                words = span.doc[as_tok.i + 1 : t.i]
                if all(
                    w.pos_ in ("DET", "ADJ", "NOUN", "PART") and w.is_lower for w in words if w.text != "'s"
                ):
                    return span.doc[t.i + 1]  # "as the town's mayor, Ellen Marsh"
            if t.is_punct or t.lower_ in ("and", "as", "who", "which"):
                return None
            if doc.ref(sent, t) is not None:
                return self.owned_role(sent, t)
        return None

    def listed_credit(self, sent: Sentence, as_tok: Any, role: Any) -> tuple[str, str] | None:
        """ "The supporting cast is strong: Danny Roe as Mick, and ...", "with Ana Brill as Ora": a full
        person's name named nowhere else, right before "as" and opening a list item (after a colon,
        a comma, "and" or "with"), plays the character after "as". A subject ("Ana Brill poses as
        Ora") is no list item, so it gives nothing."""
        doc, span = self.doc, sent.span
        run = _name_span(as_tok.nbor(-1))
        if run is None or run.end != as_tok.i or not 2 <= len(run) <= 4:
            return None
        if run.start > span.start and span.doc[run.start - 1].lower_ not in (
            ":",
            ",",
            "and",
            "with",
            ";",
            "to",
            "for",
        ):
            return None
        noun_as = run.start <= as_tok.head.i < run.end or as_tok.head.lemma_ == "be"  # "A as X is superb"
        if run.root.dep_ in ("nsubj", "nsubjpass") and not noun_as:
            return None  # "Ana Brill poses as Ora" (the verb's "as"), not "Ana Brill as Ora is superb"
        key = doc.ref(sent, run[-1])
        if key is None or doc.ents[key].in_story > 1 or doc.ents[key].fixed not in (None, P):
            return None
        if not (_person_name(run) or self.credit_only(run)):
            return None
        return self.credited(sent, role, run[-1], newcomer=True)

    def paired_roles(self, sent: Sentence, verb: Any, first_role: Any) -> None:
        """ "Elliott and Davies reprise their roles as Brody and Sallah": the verb's conjoined subjects
        play the conjoined parts, in order (only when the counts agree)."""
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subj) != 1:
            return
        actors = [subj[0], *_name_conjuncts(subj[0])]
        head = _name_head(first_role)
        parts = [head, *_name_conjuncts(head)]
        if len(actors) < 2 or len(actors) != len(parts):
            return
        for actor_tok, part_tok in zip(actors, parts, strict=True):
            key = self.doc.ref(sent, part_tok)
            if key is not None and self.doc.ents[key].fixed is None and key != self.doc.work_key:
                self.doc.ents[key].fixed = C  # the roles a credit names are characters, whatever the votes
            pair = self.credited(sent, part_tok, actor_tok)
            if pair is not None:
                self.found.append(Found(pair[0], "portrayed_by", pair[1], sent.index, 0.85))

    def star_subject(self, sent: Sentence, as_tok: Any) -> Any:
        """ "Tobin Harlow stars (again) as X", "Ada Roe-Lind co-stars as X": the name run before a
        star verb that opens its clause (the parser often reads "stars" as a noun, so this reads
        the words). A character never "stars as" anyone, so this is a credit even when the actor is
        named again later ("Harlow is superb")."""
        doc, start = sent.span.doc, sent.span.start
        i = as_tok.i - 1
        while i > start and doc[i].lower_ in STAR_ADVERBS:
            i -= 1
        if i <= start or doc[i].lower_ not in STAR_VERBS:
            return None
        if i - 2 > start and doc[i - 1].text == "-" and doc[i - 2].lower_ == "co":
            i -= 2  # "co - stars", split by the tokenizer
        run = _name_span(doc[i - 1])
        if run is None or not 2 <= len(run) <= 5 or not all(t.is_title or t.text == "-" for t in run):
            return None
        if run.start > start and doc[run.start - 1].lower_ not in (",", "and", "while", "but", ";"):
            return None  # "the Guild's Tobin Harlow stars": not a clause's subject
        if self.doc.work_key is not None and name_key(run.text) == self.doc.work_key:
            return None  # "Marrowgate stars X as Y": the work, not an actor
        part = _name_span(doc[as_tok.i + 1]) if as_tok.i + 1 < sent.span.end else None
        k = part.end if part is not None else as_tok.i + 1
        if (
            k + 2 < sent.span.end
            and doc[k].lower_ == "in"
            and doc[k + 1].lower_ in ("the", "a", "an", "her", "his")
            and doc[k + 2].pos_ in ("NOUN", "ADJ")
        ):
            return None  # "stars as Ada Pell in the village pageant": a show inside the story
        key = self.person(sent, run)
        return (doc[run.start], key)

    def owned_role(self, sent: Sentence, role: Any) -> Any:
        """The character a credit's "as" names: `role` itself, or, for "as Ilse's old mentor, Teodor
        Vask", the name after the owned noun (never the owner); None when that name is missing."""
        run = _name_span(role)
        last = run[-1].i if run is not None else role.i
        doc, end = sent.span.doc, sent.span.end
        if last + 1 >= end or doc[last + 1].tag_ != "POS":
            return role
        for t in doc[last + 2 : min(end, last + 8)]:
            if t.pos_ == "PROPN" and t.is_title and self.doc.ref(sent, t) is not None:
                return t  # "as Wade's old deputy Mick": the name right after the owned noun
            if t.text == ",":
                after = doc[t.i + 1] if t.i + 1 < end else None
                return after if after is not None and self.doc.ref(sent, after) is not None else None
            if t.is_punct or t.lower_ in ("and", "who", "which"):
                return None
        return None

    def credited(
        self, sent: Sentence, role_tok: Any, actor_tok: Any, newcomer: bool = False
    ) -> tuple[str, str] | None:
        """(character, actor) when `role_tok` names a character and `actor_tok` a credited Person (or,
        with `newcomer`, a name the caller has checked is an actor's)."""
        if role_tok is None or actor_tok is None:
            return None
        doc = self.doc
        role, actor = doc.ref(sent, role_tok), doc.ref(sent, actor_tok)
        if role is None or actor is None or role == actor:
            return None
        if doc.ents[role].type is not C or doc.ents[role].descriptive:
            return None
        if doc.ents[actor].type is not P and not newcomer:
            actor = self.credited_surname(actor)
        elif " " not in actor:  # "(Solberg-Owusu)" after "Mira Solberg-Owusu" is credited: one person
            actor = self.credited_surname(actor) or actor
        return (role, actor) if actor is not None and actor != role else None

    def credited_surnames(self) -> None:
        """Each one-word name that is the last word of exactly one credited Person (and of no
        character) joins that Person, whatever its type votes said ("Dumont" a place by the NER)."""
        doc = self.doc
        people: dict[str, list[Ent]] = {}
        for e in doc.ents.values():
            if e.fixed is P and " " in e.key:
                people.setdefault(e.key.split()[-1], []).append(e)
        for key in [k for k in doc.ents if " " not in k and k in people]:
            ent = doc.ents[key]
            if ent.fixed is not None or len(people[key]) != 1 or key == doc.work_key:
                continue
            if any(e.key != key and e.type is C and key in e.key.split() for e in doc.ents.values()):
                continue  # a character shares the word
            merge_into(doc, ent, people[key][0])

    def credited_surname(self, key: str) -> str | None:
        """ "Played by Olafsen" after "It stars ... Ruth Olafsen": a one-word name that is the last word
        of exactly one credited Person is that Person (merged into it); otherwise None."""
        doc = self.doc
        if " " in key or not doc.ents[key].in_universe:
            return None
        people = [e for e in doc.ents.values() if e.fixed is P and " " in e.key and e.key.split()[-1] == key]
        if len(people) != 1 or any(
            e.key != key and e.type is C and key in e.key.split() for e in doc.ents.values()
        ):
            return None  # no credited person, two of them, or a character shares the word
        merge_into(doc, doc.ents[key], people[0])
        return people[0].key

    # inferences across sentences -----------------------------------------------------------
    def group_membership(self) -> None:
        """ "They're agents of X. The most dangerous of them? Y" -> Y member_of X."""
        doc, group = self.doc, None
        for sent in doc.sentences:
            if sent.heading:
                group = None
                continue
            for tok in sent.span:
                if tok.lemma_.lower() in lx.MEMBER_NOUNS and tok.dep_ == "attr":
                    subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                    if subj and subj[0].lower_ in ("they", "these", "those"):
                        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
                            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                                key = doc.ref(sent, pobj)
                                if key is None:
                                    for p2 in (c for c in pobj.children if c.dep_ == "prep"):
                                        key = next(
                                            (doc.ref(sent, o) for o in p2.children if doc.ref(sent, o)), None
                                        )
                                group = (
                                    key if key and doc.ents[key].type is EntityType.ORGANIZATION else group
                                )
                                for d in (c for c in pobj.subtree if doc.ref(sent, c)):
                                    k = doc.ref(sent, d)
                                    if (
                                        k
                                        and doc.ents[k].descriptive
                                        and doc.ents[k].type is EntityType.ORGANIZATION
                                    ):
                                        group = k
            text = sent.span.text
            if group and "of them" in text:
                named = [k for t in sent.span if (k := doc.ref(sent, t)) and doc.ents[k].type is C]
                if not named and text.rstrip().endswith("?") and sent.index + 1 < len(doc.sentences):
                    nxt = doc.sentences[sent.index + 1]
                    first = doc.ref(nxt, nxt.span[0])
                    if first and doc.ents[first].type is C:
                        self.found.append(Found(first, "member_of", group, nxt.index, 0.6))
                for k in named[:1]:
                    self.found.append(Found(k, "member_of", group, sent.index, 0.6))

    def nominal_events(self) -> None:
        """Events stated as nouns: "the betrayal is painful", "a fight", "the men responsible for"."""
        doc = self.doc
        for sent in doc.sentences:
            if sent.heading:
                continue
            for tok in sent.span:
                kind = lx.EVENT_NOUNS.get(tok.lemma_.lower())
                if kind is None or tok.pos_ != "NOUN" or in_comparison(doc, sent, tok.i):
                    continue
                has_args = any(
                    c.dep_ in ("poss",) or (c.dep_ == "prep" and c.lower_ in ("of", "by", "with", "between"))
                    for c in tok.children
                )
                definite = any(c.lower_ in ("the", "this") for c in tok.children) or (
                    tok.i > sent.span.start and tok.nbor(-1).lower_ in ("the", "this")
                )
                if kind == "betrayal" and not has_args and definite:
                    self.betrayal(sent)
                elif kind == "fight" and tok.dep_ == "pobj":
                    verb = tok.head.head
                    agents = Reader(doc).inherited_subject(sent, verb) if verb.pos_ == "VERB" else []
                    agents = agents or [
                        k for c in verb.children if c.dep_ == "nsubj" for k in [doc.ref(sent, c)] if k
                    ]
                    if agents and doc.ents[agents[0]].type is C:
                        self.seeds.append(Seed(sent.index, "fight", {agents[0]: "agent"}))
            for tok in sent.span:  # "the men responsible for her family's murder"
                if tok.lower_ in ("responsible", "killers", "murderers", "assassins"):
                    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("for", "of")):
                        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                            if (
                                pobj.lemma_.lower() in ("murder", "death", "killing")
                                or tok.lower_ != "responsible"
                            ):
                                owner = [c for c in pobj.children if c.dep_ == "poss"] or [pobj]
                                victim = doc.ref(sent, owner[0])
                                if victim:
                                    for seed in self.seeds:
                                        if seed.sentence == sent.index and seed.kind == "revelation":
                                            seed.refs.append(victim)

    def betrayal(self, sent: Sentence) -> None:
        """ "X meets Y ... Y has been bought by Z. The betrayal ..." -> Y betrayed X."""
        recent = [f for f in self.found if sent.index - 4 <= f.sentence < sent.index]
        for f in reversed(recent):
            if f.predicate != "works_for":
                continue
            traitor = f.subject
            victims = [
                g.subject if g.object == traitor else g.object
                for g in reversed(recent)
                if g.predicate in ("met", "ally_of") and traitor in (g.subject, g.object)
            ]
            if victims:
                self.found.append(Found(traitor, "betrayed", victims[0], sent.index, 0.6))
                self.seeds.append(Seed(sent.index, "betrayal", {traitor: "agent", victims[0]: "victim"}))
                return

    def universe_links(self) -> None:
        doc = self.doc
        if not doc.work_key:
            return
        cues = {
            "spin",
            "set",
            "part",
            "belong",
            "root",
            "expand",
            "extend",
            "entry",
            "installment",
            "chapter",
            "open",
            "begin",
            "launch",
            "continue",
            "conclude",
        }
        cues |= {"within", "film", "movie", "sequel", "prequel", "spin-off", "spinoff", "episode", "season"}
        if all(e.fixed is not EntityType.UNIVERSE for e in doc.ents.values()):
            return  # no sentence names a universe
        for sent in doc.sentences:
            if sent.heading:
                continue
            keys = {doc.ref(sent, t) for t in sent.span}
            universes = [k for k in keys if k and doc.ents[k].fixed is EntityType.UNIVERSE]
            if not universes:
                continue
            mentions_work = doc.work_key in keys or any(
                (t.lower_ in lx.WORK_NOUNS and any(c.lower_ in ("this", "the") for c in t.children))
                or (t.lower_ == "it" and t.dep_ == "nsubj" and t.head.dep_ == "ROOT")
                for t in sent.span
            )
            if mentions_work and any(t.lemma_.lower() in cues or t.lower_ in cues for t in sent.span):
                for u in universes:
                    self.found.append(Found(doc.work_key, "part_of_universe", u, sent.index, 0.8))

    # events ------------------------------------------------------------------------------
    def events(self) -> list[Seed]:
        doc = self.doc
        self.resolution()
        scene: dict[int, str] = {}  # section -> latest location
        location_of: dict[int, str | None] = {}
        outer = {(f.sentence, f.object) for f in self.found if f.predicate == "located_in"}
        ref = doc.token_ent.get  # `doc.ref` without a call per token
        for sent in doc.sentences:
            placed = [
                (t, k)
                for t in sent.span
                if (k := ref((sent.index, t.i)))
                and doc.ents[k].type is L
                and doc.ents[k].in_universe
                and not in_comparison(doc, sent, t.i)
            ]
            here = [k for _, k in placed]
            # "to Dunmere, a harbor town in Varra": the event is in the innermost place
            here = [k for k in here if (sent.index, k) not in outer] or here
            # "Greyhold, the guild's fortress in the hills above Velmora": Velmora only describes Greyhold
            described = {k for t, k in placed if _describes_place(doc, sent, t, k)}
            here = [k for k in here if k not in described] or here
            if not here and _unnamed_scene(sent):  # "Back in the capital, ...": somewhere not named
                scene.pop(sent.section, None)
            location_of[sent.index] = here[-1] if here else scene.get(sent.section)
            if here:
                scene[sent.section] = here[-1]
                location_of[sent.index] = here[0] if len(set(here)) == 1 else here[-1]
        framed = frames(doc)
        told = {s.sentence for s in self.seeds}
        for sent_index, framing, people in framing_seeds(doc):  # "X remembers Y", "a vision shows X Y"
            if sent_index not in told:
                roles = dict.fromkeys(people, "participant")
                roles[people[0]] = "witness"
                self.seeds.append(Seed(sent_index, "other", roles, framing=framing))
        seeds = sorted(self.seeds, key=lambda s: s.sentence)
        out: list[Seed] = []
        for seed in seeds:
            if seed.framing is None:
                seed.framing = framed.get(seed.sentence, Framing.PRESENT)
            seed.location = location_of.get(seed.sentence)
            seed.sentences = [seed.sentence]
            seed.roles = {
                k: r for k, r in seed.roles.items() if doc.ents[k].in_universe and doc.ents[k].type is C
            }
            if not seed.roles:
                continue
            target = self.merge_target(out, seed)
            if target is None:
                out.append(seed)
                continue
            for k, r in seed.roles.items():
                target.roles.setdefault(k, r)
            target.location = target.location or seed.location
            target.refs += seed.refs
            target.sentences.append(seed.sentence)
            if target.kind == "chase" and seed.kind == "fight":
                target.kind = "fight"
        for seed in out:  # "the men responsible for her family's murder" are the killers
            for victim in seed.refs:
                for other in out:
                    if other.kind == "killing" and other.roles.get(victim) == "victim":
                        for k, r in other.roles.items():
                            if r == "agent":
                                seed.roles.setdefault(k, "participant")
        kept = ("resolution", "revelation", "killing", "death")
        return [s for s in out if len(s.roles) >= 2 or s.location or s.kind in kept]

    def merge_target(self, out: list[Seed], seed: Seed) -> Seed | None:
        victim = next((k for k, r in seed.roles.items() if r == "victim"), None)
        if seed.kind == "killing" and victim:
            for other in out:
                if other.kind == "killing" and other.roles.get(victim) == "victim":
                    return other
        if not out or out[-1].framing != seed.framing:  # a flashback never merges with the present
            return None
        last = out[-1]
        agent = next((k for k, r in seed.roles.items() if r == "agent"), None)
        last_agent = next((k for k, r in last.roles.items() if r == "agent"), None)
        near = seed.sentence - last.sentences[-1] <= 4
        same_section = (
            self.doc.sentences[seed.sentence].section == self.doc.sentences[last.sentences[-1]].section
        )
        others = {k for k, r in seed.roles.items() if r != "agent"}
        last_others = {k for k, r in last.roles.items() if r != "agent"}
        same_cast = not others or not last_others or bool(others & last_others)
        if agent and agent == last_agent and near:
            if seed.kind == last.kind and seed.kind == "investigation":
                return last
            if seed.kind == last.kind and same_section and same_cast:
                return last
            if last.kind == "chase" and seed.kind == "fight" and same_section:
                return last
        if (
            seed.kind == last.kind
            and seed.sentence == last.sentences[-1]
            and set(seed.roles) & set(last.roles)
        ):
            return last
        return None

    def resolution(self) -> None:
        """ "The film ends with ..." / "doesn't end with a smile. X walks ..." -> resolution."""
        doc = self.doc
        pending = False
        for sent in doc.sentences:
            if sent.heading:
                continue
            subj_chars = [
                k
                for t in sent.span
                if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"
                for k in [doc.ref(sent, t)]
                if k and doc.ents[k].type is C
            ]
            opener = doc.ref(sent, sent.span[0])
            if pending and not subj_chars and opener and doc.ents[opener].type is C:
                subj_chars = [opener]  # "Ann sails away": a short sentence the parser may misread
            if pending and subj_chars:
                self.seeds.append(Seed(sent.index, "resolution", {subj_chars[0]: "agent"}))
                pending = False
                continue
            for tok in sent.span:
                if tok.lemma_ in ("end", "close", "conclude") and tok.pos_ == "VERB":
                    subj = [c for c in tok.children if c.dep_ == "nsubj"]
                    if subj and (doc.ref(sent, subj[0]) == doc.work_key or subj[0].lemma_ in lx.WORK_NOUNS):
                        with_chars = [
                            k
                            for p in tok.children
                            if p.dep_ == "prep" and p.lower_ == "with"
                            for o in p.subtree
                            if (k := doc.ref(sent, o)) and doc.ents[k].type is C
                        ]
                        if with_chars:
                            roles = dict.fromkeys(with_chars, "participant")
                            roles[with_chars[0]] = "agent"
                            self.seeds.append(Seed(sent.index, "resolution", roles))
                        else:
                            pending = True

    # assembly ------------------------------------------------------------------------------
    def assemble(self, seeds: list[Seed]) -> ClaimSet:
        doc, source = self.doc, self.source
        ents = {k: e for k, e in doc.ents.items() if e.mentions or k == doc.work_key}
        iris = {k: self.iri(e) for k, e in ents.items()}
        entities = _one_per_iri(
            [self.entity(e, iris[k]) for k, e in sorted(ents.items(), key=lambda p: p[1].first)]
        )
        relations: dict[tuple[str, str, str], Relation] = {}

        def relate(s: str, pred: str, o: str, sent_index: int, conf: float) -> None:
            if s not in iris or o not in iris or iris[s] == iris[o]:  # never a thing related to itself
                return
            if pred in STORY_TIES and P in (ents[s].type, ents[o].type):
                return  # a real person (cast, crew) has no kin, allies or enemies in the story
            ev = self.evidence(self.doc.sentences[sent_index], conf)
            if pred not in ("appears_in", "protagonist", "part_of_universe"):  # a claim between two ends
                ev = self.naming_both(ev, sent_index, (s, o), conf)
            key = (iris[s], pred, iris[o])
            if key in relations:
                if all(e.start != ev.start for e in relations[key].evidence):
                    relations[key].evidence.append(ev)
                return
            relations[key] = Relation(subject=iris[s], predicate=pred, object=iris[o], evidence=[ev])

        bare = self.bare_kin()
        for f in self.found:
            if f.subject in bare or f.object in bare:
                continue
            if f.predicate in ("portrayed_by", *WORK_PREDICATES) or (
                doc.ents[f.subject].in_universe and doc.ents[f.object].in_universe
            ):
                relate(f.subject, f.predicate, f.object, f.sentence, f.confidence)
        for lit in self.literals:
            if lit.subject in iris:
                ev = self.evidence(doc.sentences[lit.sentence], lit.confidence)
                key = (iris[lit.subject], lit.predicate, str(lit.value))
                if key not in relations:
                    relations[key] = Relation(
                        subject=iris[lit.subject], predicate=lit.predicate, object=lit.value, evidence=[ev]
                    )
        if doc.work_key:
            credits = self.credit_sentences()
            # an article's episode or volume: its characters are its series' too (works.py's hook)
            wholes = {
                f.object for f in self.found if f.subject == doc.work_key and f.predicate == "part_of_series"
            }
            wholes = wholes if self.encyclopedic else set()
            cued = None
            if self.encyclopedic:
                cued = character_cues(doc) | {f.subject for f in self.found if f.predicate == "portrayed_by"}
            for k, e in ents.items():
                prose = [m for m in e.story if not doc.sentences[m[0]].heading]
                if (
                    e.type is C
                    and not e.descriptive
                    and e.in_universe
                    and prose
                    and (cued is None or k in cued)
                ):
                    # quote a sentence of the story, not a list of credits that happens to name her first
                    told = [m for m in prose if m[0] not in credits] or prose
                    relate(k, "appears_in", doc.work_key, told[0][0], 0.7)
                    for whole in wholes:  # an episode's characters are its series' characters
                        relate(k, "appears_in", whole, told[0][0], 0.6)
            lead = self.lead()
            if lead is not None and (cued is None or lead[0] in cued):
                relate(doc.work_key, "protagonist", lead[0], lead[1], lead[2])
        for k, sent_index, subject in self.comparisons():
            relate(subject, "compared_to", k, sent_index, 0.7)
        events = []
        act_of = self.acts()
        for order, seed in enumerate(seeds if doc.work_key else [], start=1):
            assert doc.work_key is not None
            sent = doc.sentences[seed.sentence]
            label = _label(sent.span.text)
            events.append(
                Event(
                    id=entity_iri("event", "review", source.id, str(order)),
                    label=label,
                    kind=EventKind(seed.kind),
                    work=iris[doc.work_key],
                    order=order,
                    act=act_of.get(seed.sentence),
                    location=iris.get(seed.location) if seed.location else None,
                    framing=seed.framing or Framing.PRESENT,
                    participants=[Participant(entity=iris[k], role=Role(r)) for k, r in seed.roles.items()],
                    evidence=[self.evidence(doc.sentences[i], 0.6) for i in dict.fromkeys(seed.sentences)],
                )
            )
        if source.about is None and doc.work_key:
            source = source.model_copy(update={"about": iris[doc.work_key]})
        return ClaimSet(source=source, entities=entities, relations=list(relations.values()), events=events)

    def bare_kin(self) -> set[str]:
        """Described kin whose only ties are to the one whose kin they are ("his father beats him":
        Henry family_of "Henry's father"): a tie the role noun itself says, to no one the text names;
        kin who do something or suffer it ("Vader killed Luke's father", "men murder his sister") stay."""
        doc = self.doc
        kin = {k for k, e in doc.ents.items() if e.kin_of is not None}
        kin -= {k for seed in self.seeds if seed.kind in ("killing", "death") for k in seed.roles}
        for f in self.found:
            for end, other in ((f.subject, f.object), (f.object, f.subject)):
                if end in kin and other != doc.ents[end].kin_of and f.predicate not in WORK_PREDICATES:
                    kin.discard(end)
        return kin

    def naming_both(self, ev: Evidence, sent_index: int, ends: tuple[str, str], conf: float) -> Evidence:
        """The evidence widened back to the sentence that names an end the quote leaves to a pronoun
        ("Kell tracks them. He ambushes Rook ...": the quote starts at "Kell"), within its paragraph
        and two sentences; unchanged when no earlier sentence names it."""
        sents = self.doc.sentences
        start = sents[sent_index]
        for key in ends:
            forms = self.spaced_forms(key)
            if not forms or self.names(sent_index, forms):
                continue
            for back in range(sent_index - 1, max(sent_index - 3, -1), -1):
                if sents[back].paragraph != sents[sent_index].paragraph or sents[back].heading:
                    break
                if self.names(back, forms):
                    start = sents[back] if sents[back].start < start.start else start
                    break
        if start.index == sent_index:
            return ev
        return self.make_evidence(start.start, sents[sent_index].end, conf)

    def spaced_forms(self, key: str) -> list[str]:
        """An entity's `_name_forms`, spaced for `names`, made once per entity: assembly (after every
        pass, the entities settled) checks them for each relation."""
        forms = self.forms.get(key)
        if forms is None:
            forms = self.forms[key] = [_spaced(f) for f in _name_forms(self.doc.ents[key])]
        return forms

    def names(self, sent_index: int, forms: list[str]) -> bool:
        """Whether sentence `sent_index` holds one of the spaced `forms` as whole words (case-insensitive);
        each sentence's text spaced once."""
        words = self.spaced.get(sent_index)
        if words is None:
            words = self.spaced[sent_index] = _spaced(self.doc.sentences[sent_index].span.text.casefold())
        return any(f in words for f in forms)

    def credit_sentences(self) -> set[int]:
        """Sentences that credit the film's people (a person named, a cast or crew relation read): an
        `appears_in` quotes the story's own sentences before these."""
        doc = self.doc
        out = {f.sentence for f in self.found if f.predicate in CREDIT_PREDICATES}
        for e in doc.ents.values():
            if e.type is P:
                out |= {m[0] for m in e.mentions}
        return out

    def comparisons(self) -> Iterable[tuple[str, int, str]]:
        """(out-of-story entity, sentence, what it is compared with): a character near it, or the work."""
        doc = self.doc
        for k, e in doc.ents.items():
            if e.in_universe:
                continue
            for sent_index, start, _end in e.mentions:
                sent = doc.sentences[sent_index]
                if any(sent.offset + t.idx == start and (sent_index, t.i) in doc.aside for t in sent.span):
                    continue  # an aside ("A (X, Y) stars as Z"): outside the story, compared to nothing
                candidates = [
                    (abs(sent.offset + t.idx - start), ref)
                    for t in sent.span
                    if (ref := doc.ref(sent, t))
                    and ref != k
                    and not in_comparison(doc, sent, t.i)
                    and doc.ents[ref].in_universe
                    and doc.ents[ref].type in (C, EntityType.FILM)
                ]
                subject = min(candidates)[1] if candidates else doc.work_key
                if subject:
                    yield k, sent_index, subject

    def lead(self) -> tuple[str, int, float] | None:
        """The character the text centres on: cue phrases first, then how often it is named."""
        doc = self.doc
        score: dict[str, float] = {}
        where: dict[str, int] = {}
        for k, e in doc.ents.items():
            if e.type is C and e.in_universe and not e.descriptive and e.in_story:
                score[k] = e.in_story + e.salience
                if doc.work_key is not None and k == hero_key(doc.work_key):
                    score[k] += 10  # the hero the film is named after ("title_character")
                where[k] = e.mentions[0][0]
        best_cue: dict[str, tuple[float, int]] = {}
        for sent in doc.sentences:
            if sent.heading:
                continue
            centred: bool | None = None  # "center", "centre" or "heart" in it: read at its first name
            for tok in sent.span:
                ref = doc.token_ent.get((sent.index, tok.i))  # `doc.ref` without a call per token
                if ref is None or ref not in score:
                    continue
                k = ref
                if k not in score:
                    continue
                if centred is None:
                    centred = any(t.lower_ in ("center", "centre", "heart") for t in sent.span)
                bonus = 0.0
                if centred and tok.dep_ in ("nsubj", "attr", "nsubjpass"):
                    bonus = 10
                if tok.dep_ == "poss" and tok.head.lemma_.lower() in lx.JOURNEY_NOUNS:
                    bonus = max(bonus, 4)
                if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
                    attrs = [
                        c for c in tok.head.children if c.dep_ == "attr" and c.lemma_.lower() in lx.LEAD_NOUNS
                    ]
                    if attrs:
                        bonus = max(bonus, 8)
                if bonus:
                    score[k] += bonus
                    if bonus > best_cue.get(k, (0.0, 0))[0]:
                        best_cue[k] = (bonus, sent.index)
        if not score:
            return None
        best = max(score, key=lambda k: (score[k], -where[k]))
        cue = best_cue.get(best)
        return best, cue[1] if cue else where[best], 0.8 if cue else 0.5

    def acts(self) -> dict[int, int]:
        act: int | None = None
        out: dict[int, int] = {}
        for sent in self.doc.sentences:
            low = sent.span.text.lower()
            for phrase, number in lx.ACT_CUES:
                if phrase in low and (act is None or number >= act):
                    act = number
            if act is not None:
                out[sent.index] = act
        return out

    def iri(self, e: Ent) -> str:
        if e.key == self.doc.work_key and self.about.iri:
            return self.about.iri
        if e.key in self.known and e.in_universe:
            return self.known[e.key].iri
        if e.type is EntityType.UNIVERSE:
            return entity_iri("universe", slugify(e.name))
        scope = "review" if e.in_universe else "mentioned"
        return entity_iri(e.type.value.lower(), scope, self.source.id, slugify(e.key))

    def entity(self, e: Ent, iri: str) -> Entity:
        evidence = [self.mention_evidence(m) for m in e.mentions[:3]]
        if not evidence:
            evidence = [self.evidence(self.doc.sentences[0], 0.5)] if self.doc.sentences else []
        name, aliases_in = clean_name(e.name), {clean_name(a) for a in e.aliases}  # no zero-width, bidi
        if e.key == self.doc.work_key and self.about.title:  # or trailing punctuation characters
            name = self.about.title
        elif e.key == self.doc.work_key and name in {subtitle(a) for a in aliases_in}:
            name, aliases_in = next(a for a in aliases_in if subtitle(a) == name), {*aliases_in, name}
            # "Ashfall" named more often than "Marrowgate: Ashfall": the whole title still names the work
        if e.key in self.known and e.in_universe:  # the stored name wins; the text's is an alias
            name, aliases_in = self.known[e.key].name, {*aliases_in, clean_name(e.name)}
        aliases = sorted(a for a in aliases_in if a != name)
        if e.key == self.doc.work_key:
            aliases += [f"{name} movie"] if self.about.type is EntityType.FILM else [f"{name} series"]
        return Entity(
            id=iri, type=e.type, name=name, aliases=aliases, in_universe=e.in_universe, evidence=evidence
        )

    def mention_evidence(self, m: tuple[int, int, int]) -> Evidence:
        _, start, end = m
        return self.make_evidence(start, end, 0.8)

    def evidence(self, sent: Sentence, conf: float) -> Evidence:
        return self.make_evidence(sent.start, sent.end, conf)

    def make_evidence(self, start: int, end: int, conf: float) -> Evidence:
        text = self.doc.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(
            source=self.source.id,
            extractor=self.ex.name,
            extractor_version=self.ex.version,
            confidence=conf,
            start=start,
            end=end,
            quote=text[start:end],
        )


def _name_forms(e: Ent) -> set[str]:
    """The words a sentence may name a named entity by: its name, aliases and their capitalised words
    of three letters or more ("Holt" for "Maren Holt"); none for a description ("her sister")."""
    if e.descriptive:
        return set()
    names = [e.name, *e.aliases]
    return {n.casefold() for n in names} | {
        w.casefold() for n in names for w in n.split() if len(w) >= 3 and w[:1].isupper()
    }


@lru_cache(maxsize=4096)
def _spaced(text: str) -> str:
    """`text` as its runs of letters and digits, one space apart and one either side (cached: the
    same sentences and names are checked again for every relation of a text)."""
    return f" {' '.join(''.join(c if c.isalnum() else ' ' for c in text).split())} "


def _describes_place(doc: Doc, sent: Sentence, tok: Any, key: str) -> bool:
    """Whether the place `tok` names only describes another place named in the same phrase ("Greyhold,
    the guild's fortress in the hills above Velmora": Velmora): the path up from it meets the other
    place's name before any verb."""
    t = tok
    while t.head.i != t.i and t.head.pos_ not in ("VERB", "AUX"):
        t = t.head
        other = doc.ref(sent, t)
        if other is not None and other != key and doc.ents[other].type is L:
            return True
    return False


#: relations that credit a film's people, not its story
CREDIT_PREDICATES = frozenset(
    {"portrayed_by", "directed_by", "written_by", "produced_by", "cast_member", "composer", "music_by"}
)

#: words that open a sentence set somewhere the text does not name ("Back in the capital, ...")
_SCENE_OPENERS = frozenset({"in", "at", "inside", "to"})
#: verbs that set what follows somewhere ("takes place at", "moves to", "is set in")
_SETTING_VERBS = frozenset({"take", "move", "shift", "set", "relocate"})


def _unnamed_scene(sent: Sentence) -> bool:
    """A sentence set at a place it does not name: "Back in the capital, X ...", "At the fort, X ..." (a
    place noun), "the final battle takes place at the refinery"; later events are not set at the scene
    named before."""
    toks = [t for t in sent.span if not t.is_punct]
    if len(toks) < 3:
        return False
    for v in (t for t in toks if t.lemma_.lower() in _SETTING_VERBS):  # "the battle takes place at the mill"
        if v.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in v.children):
            continue
        for prep in (c for c in v.children if c.dep_ == "prep" and c.lower_ in _SCENE_OPENERS):
            if any(c.dep_ == "pobj" and c.pos_ == "NOUN" and c.ent_type_ == "" for c in prep.children):
                return True
    first, second = toks[0], toks[1]
    prep = second if first.lower_ == "back" else first
    if prep.lower_ not in _SCENE_OPENERS:
        return False
    nouns = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    if not nouns:
        return False
    return first.lower_ == "back" or nouns[0].lemma_.lower() in lx.PLACE_NOUNS | lx.PLACE_HEADS


def parallel_objects(doc: Doc) -> None:
    """ "Ann confronts Bo's guard and defeats him": him is the first verb's object, by parallelism."""
    for sent in doc.sentences:
        for tok in sent.span:
            if tok.lower_ not in ("him", "her") or tok.dep_ != "dobj" or tok.head.dep_ != "conj":
                continue
            first = [c for c in tok.head.head.children if c.dep_ == "dobj"]
            key = doc.ref(sent, first[0]) if first else None
            if key is not None and doc.ents[key].type is C and key != doc.ref(sent, tok):
                want, other = ("m", "f") if tok.lower_ == "him" else ("f", "m")
                if doc.ents[key].gender[other] <= doc.ents[key].gender[want]:
                    doc.token_ent[(sent.index, tok.i)] = key


def _after_the(span: Any, tok: Any) -> bool:
    """A crew word after "the", a possessive or "a noun," names a character's title ("the Combine's
    director, X", "his old handler, Director X"), not the film's crew."""
    return bool(
        tok.i > span.start
        and (
            tok.nbor(-1).lower_ in ("the", "his", "her", "their", "its")
            or tok.nbor(-1).tag_ == "POS"
            or (tok.nbor(-1).text == "," and tok.i - 1 > span.start and tok.nbor(-2).pos_ == "NOUN")
        )
    )


def _epithet_before(sent: Sentence, paren: Any, key: str, doc: Doc) -> bool:
    """The name before a bracket is an epithet with "the" ("the Gray Widow (Mara Quell)", "the
    masked rider (Ezra Vane)"): what the bracket holds is who that is, not who plays them."""
    last = paren.nbor(-1)
    if (
        last.is_lower
        and last.dep_ == "appos"
        and last.head.i < last.i - 1
        and doc.ref(sent, last.head) == key
    ):
        return False  # "Nigel the pelican (A)": the name comes first, the noun only says what he is
    i = paren.i - 1
    while i > sent.span.start and doc.ref(sent, paren.doc[i - 1]) == key:
        i -= 1
    if paren.doc[i].lower_ == "the":  # "The Gray Widow" opening the sentence
        return True
    return bool(i > sent.span.start and paren.doc[i - 1].lower_ == "the")


#: prepositions after "A plays B" that make it a game or a ruse, not a part ("plays Bo at chess")
GAME_PREPS = frozenset({"at", "against", "for", "off", "into", "to", "like", "in"})


#: the words of "A stars as X" ("stars" is often parsed a plural noun)
STAR_WORDS = frozenset({"stars", "starred", "star", "co-stars", "costars"})


def _run_before(tok: Any) -> Any:
    """The title-case proper-noun run that ends right before `tok`, or None."""
    doc, k = tok.doc, tok.i
    while k - 1 >= tok.sent.start and doc[k - 1].pos_ == "PROPN" and doc[k - 1].is_title:
        k -= 1
    return doc[k : tok.i] if k < tok.i else None


def _role_of(obj: Any) -> Any:
    """The object of "plays" that names the part: "the role of X" / "the part of X" give X, and "his
    estranged sister X" / "the rancher X" the name in apposition right after the noun."""
    if obj.lemma_.lower() in ("role", "part"):
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"):
            if prep.i + 1 < obj.sent.end and obj.doc[prep.i + 1].pos_ == "PROPN":
                run = _name_span(obj.doc[prep.i + 1])  # the parser may hang the name on "well"
                return run[-1] if run is not None else obj
    elif obj.pos_ == "NOUN" and obj.i + 1 < obj.sent.end:
        named = [c for c in obj.children if c.dep_ in ("appos", "compound") and c.left_edge.i == obj.i + 1]
        if named and named[0].pos_ == "PROPN":
            run = _name_span(named[0])
            return run[-1] if run is not None else named[0]
    return obj


def _name_head(tok: Any) -> Any:
    """The last word of the name `tok` belongs to (where the parser hangs its conjuncts)."""
    run = _name_span(tok)
    return run[-1] if run is not None else tok


def _name_conjuncts(tok: Any) -> list[Any]:
    """The proper nouns conjoined to `tok` ("A and B", "A, B and C"), in order; a name after a verb
    ("directed by A and starred B": the parser's conjunct) is not one of them."""
    out: list[Any] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        run = _name_span(c)
        first = run[0] if run is not None else c
        if c.pos_ == "PROPN" and first.i > 0 and first.nbor(-1).lower_ in (",", "and", "&"):
            out.append(c)
            stack.extend(k for k in c.children if k.dep_ == "conj")
    return out


def _named_in(doc: Doc, sent: Sentence, tok: Any) -> Any:
    """The token that names a character in a noun phrase: `tok` itself, or its named apposition
    ("the astronaut Calla Renn")."""
    if doc.ref(sent, tok) is not None:
        return tok
    return next((c for c in tok.children if c.dep_ in ("appos", "compound") and doc.ref(sent, c)), None)


def _praise_noun(tok: Any) -> bool:
    """ "a revelation" of "A is a revelation as X": a noun the copula says of its subject."""
    return bool(tok.pos_ == "NOUN" and tok.dep_ == "attr" and tok.head.lemma_ == "be")


#: what a film-maker makes of another's work: "A directed a remake in 1998"
VERSION_NOUNS = frozenset({"remake", "sequel", "prequel", "reboot", "adaptation", "version"})


def _maker(verb: Any) -> Any:
    """The named subject of a verb, through "who" ("Ivo Roe, who had directed A in X")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ == "who" and verb.dep_ == "relcl":
        return verb.head
    return subj


def _other_version(verb: Any) -> bool:
    """ "directed a remake", "had directed Roe in X": a named subject (or "who" after a name) and an
    object that is another version of the work, or an actor in another film."""
    maker = _maker(verb)
    if maker is None or maker.pos_ != "PROPN":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(o.lemma_.lower() in VERSION_NOUNS for o in objects):
        return True
    return verb.tag_ in ("VBD", "VBN") and any(  # "directed Murray in Meatballs"
        o.pos_ == "PROPN"
        and any(p.dep_ == "prep" and p.lower_ == "in" for h in (verb, o) for p in h.children)
        for o in objects
    )


def _initials(tok: Any) -> bool:
    """ "J.K." or "L." of a person's name."""
    return re.fullmatch(r"(?:[A-Z]\.)+", tok.text) is not None


def _craft_was_by(by: Any) -> bool:
    """ "by" of "the photography was by A": a craft the copula credits to a person."""
    verb = by.head
    if verb.lemma_ != "be":
        return False
    before = verb.doc[verb.i - 1] if verb.i > 0 else verb  # the parser may make the craft a conjunct
    return bool(
        any(c.dep_ == "nsubj" and c.lower_ in lx.CRAFT_NOUNS for c in verb.children)
        or before.lower_ in lx.CRAFT_NOUNS
    )


def _as_aside(sent: Sentence, prep: Any) -> bool:
    """ "Bill Roe, as Dr. Ann Vey, runs a test": "as" and its name between commas right after a
    subject's name, so the subject is the actor and the name the part."""
    span, i = sent.span, prep.i
    if i - 2 < span.start or prep.nbor(-1).text != "," or prep.nbor(-2).pos_ != "PROPN":
        return False
    if prep.nbor(-2).dep_ != "nsubj" or prep.nbor(-2).head.i != prep.head.i:
        return False
    end = prep.right_edge.i + 1
    return bool(end < span.end and prep.doc[end].text == ",")


def _back(tok: Any) -> bool:
    """ "back" of "A is back as X" (or "A comes back as X")."""
    return bool(tok.lower_ == "back" and tok.head.lemma_ in ("be", "come"))


def _bracket_closes(span: Any, comma: int) -> bool:
    """Whether a bracket opened before `comma` closes later in the sentence: "X (A, as icy as in
    the first film)" names the actor before its comma, and an aside follows."""
    doc = span.doc
    for t in doc[comma + 1 : min(span.end, comma + 30)]:
        if t.text == "(":
            return False
        if t.text == ")":
            return True
    return False


def _apposed(doc: Doc, sent: Sentence, noun: Any) -> str | None:
    """The character a common noun before a bracket is in apposition to ("Frieda, Ella's scheming
    stepmother (voiced by A)", "Bo Lund, a hired gun (A)"): the bracket credits that character."""
    if (
        noun.pos_ not in ("NOUN", "PROPN")
        or not noun.is_lower
        or noun.dep_ != "appos"
        or noun.head.i >= noun.i
    ):
        return None  # "Nigel the pelican (A)": a lower-case noun, whatever tag the parser gives it
    key = doc.ref(sent, noun.head)
    return key if key is not None and doc.ents[key].type is C and not doc.ents[key].descriptive else None


#: what opens a reviewer's praise of an actor in a bracket: "(a never-better A)", "(the excellent A)"
PRAISE_DETERMINERS = frozenset({"a", "an", "the"})


def _praise_lead(span: Any, paren: Any) -> int:
    """The number of words between a bracket and the actor's name it praises: a determiner and
    lower-case modifiers ("(an excellent A B)", "(a never-better A B)"); 0 for any other bracket."""
    doc, i = span.doc, paren.i + 1
    if i >= span.end or doc[i].lower_ not in PRAISE_DETERMINERS:
        return 0
    j = i + 1
    while j < min(span.end, i + 5) and (
        (doc[j].is_lower and doc[j].pos_ in ("ADJ", "ADV", "NOUN"))
        or (doc[j].text == "-" and not doc[j].whitespace_)
    ):
        j += 1  # "(a wry A B)": the parser may take the adjective for a noun
    if j == i + 1 or j >= span.end or not name_cased(doc[j]) or doc[j - 1].text == "-":
        return 0
    return int(j - paren.i - 1)


def _manner_credit(span: Any, paren: Any) -> tuple[int, int] | None:
    """(the "by", the ")") of "(played astonishingly well by A)", "(voiced with glee by A)": a credit
    verb, two or three lower-case words of manner, "by" and a name; None otherwise (one word or none
    is the other bracket readers')."""
    doc, i = span.doc, paren.i + 1
    if i >= span.end or doc[i].lemma_ not in lx.CREDIT_LEMMAS:
        return None
    by = next((t.i for t in doc[i + 1 : min(span.end, i + 5)] if t.lower_ == "by"), None)
    if by is None or by - i < 3 or not all(t.is_lower and t.is_alpha for t in doc[i + 1 : by]):
        return None
    close = next((t.i for t in doc[by + 1 : min(span.end, by + 6)] if t.text == ")"), None)
    return (by, close) if close is not None and close > by + 1 else None


def _manner_lead(span: Any, paren: Any) -> int:
    """1 for a bracket whose credit opens with an adverb ("(perfectly voiced by A)", "(played with
    relish by A)" has none); 0 otherwise."""
    doc, i = span.doc, paren.i + 1
    if i + 2 >= span.end or doc[i].pos_ != "ADV" or not doc[i].is_lower:
        return 0
    return int(doc[i + 1].lemma_ in lx.CREDIT_LEMMAS and doc[i + 2].lower_ == "by")


def _rated(head: Any) -> bool:
    """The head of "as" in "A is terrific as X", "B is genuinely menacing as Y": an adjective said of
    a subject by "be", or that "be" itself (where the parser hangs "as"); a reviewer's verdict on a
    performance when "as" names a character after it."""
    if head.pos_ == "ADJ":
        return bool(
            head.dep_ == "acomp" and head.head.lemma_ == "be" and head.lower_ not in lx.REPUTE_ADJECTIVES
        )
    return bool(
        head.lemma_ == "be"
        and any(
            c.dep_ == "acomp" and c.pos_ == "ADJ" and c.lower_ not in lx.REPUTE_ADJECTIVES
            for c in head.children
        )
    )


def _one_word(run: Any) -> bool:
    """One title-case word, a double-barrelled one included ("Brill", "Solberg-Owusu")."""
    words = _name_words(run)
    return (
        bool(words)
        and not any(t.whitespace_ for t in run[:-1])
        and all(name_cased(t) and t.is_alpha for t in words)
        and len(words) == len([t for t in run if t.text != "-"])
        and len(run) in (1, 3)
    )


def initialism(title: str) -> str | None:
    """The letters fans shorten a title to: "Toy Story 3" -> "TS3", "Rust and Bone" -> "RB" (each
    capitalised word's first letter, a number whole); None under two letters."""
    parts = [w[0] if w[:1].isupper() else w if w.isdigit() else "" for w in re.findall(r"[\w']+", title)]
    letters = "".join(parts)
    return letters if sum(c.isalpha() for c in letters) >= 2 else None


def sibling_titles(text: str, title: str) -> list[str]:
    """Other titles of the work's franchise the text names ("Marrowgate: Ember Road" in a review of
    "Marrowgate: Ashfall"): films of the same story, whatever sentence they stand in."""
    if subtitle(title) is None:
        return []
    prefix = title.split(":", 1)[0].strip()
    found = re.findall(
        re.escape(prefix) + r": ((?:[A-Z0-9][\w'’-]*)(?: (?:[A-Z0-9][\w'’-]*|of|the|and|in))*)", text
    )
    out: list[str] = []
    for sub in found:
        sub = re.sub(r"( (of|the|and|in))+$", "", sub)
        full = f"{prefix}: {sub}"
        if name_key(full) != name_key(title) and subtitle(full) and full not in out:
            out.append(full)
    return out


def subtitle(title: str) -> str | None:
    """The part of a "Franchise: Title" after its colon, when it reads as a title of its own (one to
    five words, the first capitalised, not a numbered part: "Part Two" is no name)."""
    if title.count(":") != 1:
        return None
    short = title.split(":", 1)[1].strip()
    words = short.split()
    if (
        not 1 <= len(words) <= 5
        or not words[0][:1].isupper()
        or words[0].lower() in ("part", "chapter", "episode", "volume", "vol.")
    ):
        return None
    return short


def _name_words(run: Any) -> list[Any]:
    """The words of a name run without the hyphens that glue a double-barrelled name."""
    return [t for t in run if t.text != "-" or not glued_hyphen(run.doc, t.i, run.end)]


def _actor_name(run: Any) -> bool:
    """Two to four title-case words, a double-barrelled one counted as one ("Jo Arlow-Reyes")."""
    words = _name_words(run)
    return 2 <= len(words) <= 4 and all(t.is_alpha and (name_cased(t) or _hyphen_piece(t)) for t in words)


def _hyphen_piece(tok: Any) -> bool:
    """The lower-case second piece of a hyphenated given name ("ho" of "Kang-ho")."""
    return tok.i > 1 and tok.doc[tok.i - 1].text == "-" and glued_hyphen(tok.doc, tok.i - 1, tok.sent.end)


def _name_span(tok: Any) -> Any:
    """The proper-noun run a token belongs to ("Jane" in "Jane Roe"), or None."""
    if tok.pos_ != "PROPN":
        return None
    doc = tok.doc
    start, end = tok.sent.start, tok.sent.end
    i = j = tok.i
    while True:
        if i - 1 >= start and doc[i - 1].pos_ == "PROPN" and doc[i - 1].lower_ not in lx.CREW_WORDS:
            i -= 1
        elif i - 2 >= start and glued_hyphen(doc, i - 1, end) and doc[i - 2].pos_ == "PROPN":
            i -= 2  # "Arlow-Reyes": a double-barrelled name is one name
        else:
            break
    while True:
        if j + 1 < end and doc[j + 1].pos_ == "PROPN":
            j += 1
        elif glued_hyphen(doc, j + 1, end) and doc[j + 2].pos_ == "PROPN":
            j += 2
        else:
            break
    return doc[i : j + 1]


#: participles that credit an actor with a part: "played by", "portrayed by", "voiced by"


def _one_per_iri(entities: list[Entity]) -> list[Entity]:
    """Names that make one IRI ("Mila" and "Mila" with a stray mark) are one entity: the first
    keeps its name, the others become its aliases and add their evidence."""
    kept: dict[str, Entity] = {}
    for e in entities:
        first = kept.get(e.id)
        if first is None:
            kept[e.id] = e
            continue
        aliases = [a for a in (e.name, *e.aliases) if a != first.name and a not in first.aliases]
        kept[e.id] = first.model_copy(
            update={"aliases": [*first.aliases, *aliases], "evidence": [*first.evidence, *e.evidence]}
        )
    return list(kept.values())


def _billed_here(doc: Doc, sent: Sentence, run: Any, actor: str) -> bool:
    """ "with Janet Roe receiving special billing as X": a full name the NER calls a person, named in
    full here for the first time (the later "Roe's death" is the review's word on the actress)."""
    return len(run) >= 2 and run[0].ent_type_ == "PERSON" and _introduced(doc.ents[actor], sent)


def _introduced(ent: Any, sent: Sentence) -> bool:
    """The text names `ent` in full for the first time in `sent` ("Tomas Reyna plays Vic Calder.
    ... Reyna is superb"): the credit introduces the actor, whose later mentions are the review's."""
    return bool(ent.story) and ent.story[0][0] == sent.index and " " in ent.name


#: the story's ties between beings, which a real person of the cast or crew never has in it
STORY_TIES = frozenset(
    {"killed", "defeated", "fought", "betrayed", "met", "family_of", "ally_of", "enemy_of", "trained_by"}
)
#: verbs by which an actor, never a character, is named with the part: "A stars (again) as X"
STAR_VERBS = frozenset({"stars", "starred", "co-stars", "co-starred", "costars", "costarred"})
#: words that may stand between the star verb and its "as"
STAR_ADVERBS = frozenset({"again", "also", "once", "more", "now", "here", "too"})


#: titles after which the parser may wrongly end a sentence ("The story follows Sgt. Anya Kovac")
ABBREVIATIONS = frozenset(
    {"sgt.", "dr.", "mr.", "mrs.", "ms.", "lt.", "capt.", "col.", "gen.", "prof.", "st.", "det."}
)


def _join_abbreviations(sents: list[Any]) -> list[Any]:
    out: list[Any] = []
    for span in sents:
        if out and (
            out[-1][-1].lower_ in lx.ABBREVIATIONS
            or (
                out[-1][-1].text == "."
                and (out[-1][-2].lower_ + "." in lx.ABBREVIATIONS if len(out[-1]) > 1 else False)
            )
        ):
            out[-1] = span.doc[out[-1].start : span.end]
        else:
            out.append(span)
    return out


def _person_name(inner: Any) -> bool:
    """Title-case words the NER takes for a person, here or in a plain credit sentence (the hyphen
    of a double-barrelled name, "Lisle-Baptiste", is part of it)."""
    words = _name_words(inner)
    if not words or not all(t.is_alpha and (name_cased(t) or _hyphen_piece(t)) for t in words):
        return False
    if all(t.ent_type_ == "PERSON" for t in words):
        return True
    return _credited_person(inner.text)


@cache
def _dictionary() -> frozenset[str]:
    """The English base forms spaCy's lemmatizer knows (its `lemma_index` table): common words."""
    table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for key in table for w in table[key])


def _dictionary_word(word: str) -> bool:
    return word in _dictionary()


@cache
def _credited_person(name: str) -> bool:
    probe = nlp()(f"The role is played by {name}.")
    return any(e.label_ == "PERSON" and e.text == name for e in probe.ents)


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:157] + "..."
