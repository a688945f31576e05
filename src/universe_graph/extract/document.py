"""The parsed document the rules read: sentences with offsets, name mentions, and their entities.

Names come from the parse (proper-noun runs) and the NER; each is typed by document-level
votes from its contexts (apposition, prepositions, possessives, pronouns), and marked out of
the story when every mention sits in a comparison ("think X", "like X", "X meets Y").
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.tokens import Span, Token

from ..model import EntityType
from ..resolve import normal
from . import lexicon as lx
from .layout import Block
from .names import (
    BUSINESS_WORDS,
    JOB_TITLES,
    PLACE_HEAD_WORDS,
    action_votes,
    address_votes,
    group_votes,
    honorific_before,
    locative_votes,
    refine_runs,
    title_votes,
)

#: at most this much of a name's type votes comes from the NER, however often it tags the name
NER_VOTE_CAP = 3.0
BODY = frozenset({"eye", "eyes", "face", "hand", "hands", "heart", "life", "past", "motivation"})
#: unions of word lists, made once (`a in X | Y` inside `vote_context` built a new set per mention)
_PLACE_HEADS_INTRO = lx.PLACE_HEADS | lx.PLACE_INTRO
_MEMBER_OFFICERS = lx.MEMBER_NOUNS | {"officer", "agent", "cop"}
_PLACE_APPOS = lx.PLACE_NOUNS | lx.PLACE_INTRO | lx.PLACE_APPOS_NOUNS
_OWNED_BY_PERSON = lx.PERSON_NOUNS | lx.JOURNEY_NOUNS | BODY
C, L, ORG, P = EntityType.CHARACTER, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.PERSON


class _Remembered:
    """A `Token` attribute read once per token and then kept in the token's `__dict__` (a
    non-data descriptor: the instance's value wins from the second read on)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.read = getattr(Token, name).__get__

    def __get__(self, tok: Any, owner: Any = None) -> Any:
        if tok is None:
            return self
        value = tok.__dict__[self.name] = self.read(tok)
        return value


class _Head:
    """`SentenceToken.head`: spaCy's head, as the block's `SentenceToken`, kept in the token's
    `__dict__` like a `_Remembered` attribute (the rules follow heads about 30,000 times a text)."""

    def __get__(self, tok: Any, owner: Any = None) -> Any:
        if tok is None:
            return self
        block = tok._block
        value = tok.__dict__["head"] = block.token(block.tree()[0][tok.i])
        return value


class _Children:
    """`SentenceToken.children`: spaCy's children in order, as the block's `SentenceToken`s, in a list
    kept in the token's `__dict__` (read about 90,000 times a text; a list, where spaCy gives a
    generator: the rules only walk it, never step it with `next`, nor change it)."""

    def __get__(self, tok: Any, owner: Any = None) -> Any:
        if tok is None:
            return self
        block = tok._block
        value = tok.__dict__["children"] = [block.token(k) for k in block.tree()[1][tok.i]]
        return value


class SentenceToken(Token):
    """A spaCy `Token` of a sentence's walk that reads each string attribute below once: spaCy looks
    each up in its string store and makes a new `str` on every read, and the rules read the same
    few of the same tokens in their forty passes (the lower-case form about 40 times per token, the
    lemma 20, the POS, dependency and text 9: together about a ninth of the rules' time); a block's
    tokens have them read at once from the parse's arrays (`_BlockTokens`). The values are spaCy's;
    nothing changes the parse after it is made. `head` and `children` give the
    block's `SentenceToken`s too; tokens reached otherwise (`nbor`, `doc[i]`, `subtree`) are spaCy's
    own, made anew on each read, as ever."""

    text = _Remembered("text")
    text_with_ws = _Remembered("text_with_ws")  # what `Span.text` joins
    lower_ = _Remembered("lower_")
    lemma_ = _Remembered("lemma_")
    pos_ = _Remembered("pos_")
    tag_ = _Remembered("tag_")
    dep_ = _Remembered("dep_")
    _block: _BlockTokens  # the block's tokens, through which `head` and `children` are reached
    head = _Head()
    children = _Children()


class _BlockTokens:
    """The `SentenceToken`s of one parsed block, each made once, with each token's head and children
    (as indices, read once from the parse): the rules step from token to head or children about
    60,000 times a text, and spaCy makes a new `Token` on each step, which reads its strings anew."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.made: list[Any] = [None] * len(doc)
        self._tree: tuple[list[int], list[list[int]]] | None = None

    def token(self, i: int) -> Any:
        tok = self.made[i]
        if tok is None:
            self._make_all()
            tok = self.made[i]
        return tok

    def _make_all(self) -> None:
        """Every token of the block, its `_Remembered` strings read at once from the parse's arrays
        (the rules read all seven of nearly every token; one array read, one `str` per distinct string)."""
        doc = self.doc
        vocab, strings = doc.vocab, doc.vocab.strings
        columns = doc.to_array(["ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "SPACY"]).T.tolist()
        # a POS id is a symbol, whose name the string store gives too
        named = {h: strings[h] for h in set(itertools.chain.from_iterable(columns[:6]))}
        texts, lowers, lemmas, poses, tags, deps = ([named[h] for h in column] for column in columns[:6])
        for i, (text, space) in enumerate(zip(texts, columns[6], strict=True)):
            tok = self.made[i] = SentenceToken(vocab, doc, i)
            tok.__dict__.update(
                _block=self,
                text=text,
                text_with_ws=text + " " if space else text,
                lower_=lowers[i],
                lemma_=lemmas[i],
                pos_=poses[i],
                tag_=tags[i],
                dep_=deps[i],
            )

    def tree(self) -> tuple[list[int], list[list[int]]]:
        """(head index, child indices in order) of each token, as spaCy's `head` and `children` give them."""
        if self._tree is None:
            offsets = self.doc.to_array("HEAD").view(numpy.int64).tolist()  # head minus token, wrapped
            heads = [i + d for i, d in enumerate(offsets)]
            kids: list[list[int]] = [[] for _ in heads]
            for i, h in enumerate(heads):
                if h != i:
                    kids[h].append(i)
            self._tree = (heads, kids)
        return self._tree


def _block_tokens(doc: Any) -> _BlockTokens:
    """The `_BlockTokens` of a parsed block, made on first need and kept in its `user_data`."""
    block: _BlockTokens | None = doc.user_data.get(_BLOCK_KEY)
    if block is None:
        block = doc.user_data[_BLOCK_KEY] = _BlockTokens(doc)
    return block


_BLOCK_KEY = "universe_graph.block_tokens"


class SentenceSpan(Span):
    """A sentence's span whose tokens are made once, on the first walk over it (or the first
    `span[i]`): the rules walk each sentence's tokens some forty times, and spaCy makes a new
    `Token` for every token of every walk (about a sixth of the rules' time). The tokens are
    `SentenceToken`s (one per token of the block, shared by its sentences), which keep the string
    attributes they have read (compare tokens by `.i`, as ever); everything else is spaCy's `Span`."""

    _tokens: list[Any]

    def _made(self) -> list[Any]:
        try:
            return self._tokens
        except AttributeError:
            token = _block_tokens(self.doc).token
            self._tokens = [token(i) for i in range(self.start, self.end)]
            return self._tokens

    def __iter__(self) -> Iterator[Any]:
        try:  # the made tokens without a second call: the rules walk each sentence about fifty times
            return iter(self._tokens)
        except AttributeError:
            return iter(self._made())

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, int):
            return self._made()[i]
        return Span.__getitem__(self, i)


@dataclass
class Sentence:
    """One sentence (or heading) of the text, parsed; its span a `SentenceSpan` (tokens made once)."""

    index: int
    span: Any  # spacy Span
    block: Block
    offset: int  # absolute offset of the block's first character
    section: int  # headings start sections
    paragraph: int

    def __post_init__(self) -> None:
        if type(self.span) is Span and not self.span.label:  # a sentence: no label, vector or id
            self.span = SentenceSpan(self.span.doc, self.span.start, self.span.end)

    @property
    def start(self) -> int:
        return int(self.offset + self.span.start_char)

    @property
    def end(self) -> int:
        return int(self.offset + self.span.end_char)

    @property
    def heading(self) -> bool:
        return self.block.heading


@dataclass
class Ent:
    """One thing the text names or describes, with its mentions and type votes."""

    key: str
    name: str
    votes: defaultdict[EntityType, float] = field(default_factory=lambda: defaultdict(float))
    gender: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end) chars
    story: list[tuple[int, int, int]] = field(default_factory=list)  # the mentions outside comparisons
    aliases: set[str] = field(default_factory=set)
    in_story: int = 0  # mentions outside comparisons
    compared: int = 0  # mentions inside comparisons
    fixed: EntityType | None = None  # set by a pattern (work, universe, cast, descriptions)
    descriptive: bool = False
    kin_of: str | None = None  # "X's father": the named character whose kin (or friend) this is
    ner: bool = False  # the NER labelled at least one mention
    ner_votes: defaultdict[EntityType, float] = field(default_factory=lambda: defaultdict(float))
    work_votes: int = 0  # named as one side of "X meets Y" or after "from" in a comparison
    salience: float = 0.0

    @property
    def type(self) -> EntityType:
        if self.fixed is not None:
            return self.fixed
        if not self.in_universe:  # named only in comparisons: a character if the NER saw a person
            return C if self.votes[C] >= 1 and not self.work_votes else EntityType.FILM
        if not self.votes:
            return C
        best = max(self.votes.values())
        for kind in (C, ORG, L, P, EntityType.FILM):
            if self.votes[kind] == best:
                return kind
        return C

    @property
    def in_universe(self) -> bool:
        return self.in_story > 0 or self.compared == 0

    @property
    def first(self) -> int:
        return self.mentions[0][1] if self.mentions else 0


@dataclass
class Doc:
    """Everything the rules need: the text, sentences, entities and token-to-entity maps."""

    text: str
    sentences: list[Sentence]
    ents: dict[str, Ent] = field(default_factory=dict)
    #: (sentence index, token index in the sentence's doc) -> entity key
    token_ent: dict[tuple[int, int], str] = field(default_factory=dict)
    comparison: set[tuple[int, int]] = field(default_factory=set)
    #: the part of `comparison` that is an aside about the real world (an actor's other work, a
    #: production company), not a comparison: its names are outside the story and compared to nothing
    aside: set[tuple[int, int]] = field(default_factory=set)
    work_key: str | None = None

    def mark_outside(self, sent: Sentence, indices: Iterable[int], aside: bool = False) -> None:
        """Put tokens of `sent` outside the story: in a comparison, and with `aside` in an aside about
        the real world (an actor's other work), whose names are compared to nothing."""
        for i in indices:
            self.comparison.add((sent.index, i))
            if aside:
                self.aside.add((sent.index, i))

    def ent(self, key: str, name: str) -> Ent:
        if key not in self.ents:
            self.ents[key] = Ent(key=key, name=name)
        return self.ents[key]

    def ref(self, sent: Sentence, token: Any) -> str | None:
        return self.token_ent.get((sent.index, token.i))


def name_key(name: str) -> str:
    return normal(name).replace("'s", "").strip()


def name_words(sentences: list[Sentence]) -> frozenset[str]:
    """The words of the text's multi-word proper names that are no English word ("Nell" of "Nell
    Ostrander"): the tagger may call one of them a common noun where it stands alone ("Nell shoots")."""
    from .rules import _dictionary_word  # rules reads this module

    out: set[str] = set()
    for sent in sentences:
        if sent.heading:
            continue
        toks = list(sent.span)
        for a, b in itertools.pairwise(toks):
            if a.pos_ == b.pos_ == "PROPN" and a.is_title and b.is_title and a.is_alpha and b.is_alpha:
                out.update(t.text for t in (a, b) if len(t.text) > 2 and not _dictionary_word(t.lower_))
    return frozenset(out)


def propn_runs(sent: Sentence, known: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Token ranges [i, j) of proper-noun runs and NER names in one sentence (a heading: none);
    `known`: words of the text's names that count as name tokens whatever their tag."""
    span = sent.span
    runs: list[tuple[int, int]] = []
    toks = list(span)  # toks[k - base] is doc token k (the sentence's own tokens)
    # every branch below needs a capital first letter at token i (an honorific, a name token, "Order
    # of"); a token without one only moves on (the abbreviation skip passes over a ".", which has
    # none either), so it is skipped with one string test instead of five look-ups
    capital = [t.text[:1].isupper() for t in toks]
    base, end = span.start, span.end
    i = base
    while i < end:
        if not capital[i - base]:
            i += 1
            continue
        tok = toks[i - base]
        titled = honorific_before(span, i)  # "Mr. Bennet", "Sgt. Anya Kovac": the title is in the name
        if (
            not titled
            and tok.lower_ + "." in lx.ABBREVIATIONS
            and i + 1 < end
            and toks[i + 1 - base].text == "."
        ):
            i += 2
            continue
        if i == base and tok.lower_ in lx.OPENING_ADVERBS:
            i += 1  # "Meanwhile Bill waits": a sentence adverb, never a name's first word
            continue
        if (
            tok.lower_ in JOB_TITLES
            and i + 2 < end
            and capital[i + 1 - base]
            and capital[i + 2 - base]
            and toks[i + 1 - base].is_alpha
            and toks[i + 2 - base].is_alpha
        ):
            i += 1  # "Detective Nora Vance": a first and last name after a job title are the name
            continue
        if tok.lower_ in lx.CREW_WORDS and i + 1 < end and (i == base or toks[i - 1 - base].lower_ != "the"):
            i += 1  # "Director Jane Roe": a credit, the name follows
            continue
        hyphenated = i + 2 < end and glued_hyphen(span.doc, i + 1, end)  # "Da-hye", tagged a noun
        if titled or _name_token(tok) or hyphenated or (tok.text in known and tok.pos_ in ("NOUN", "ADJ")):
            j = i + max(titled, 1)
            while j < end:
                if _name_token(toks[j - base]):
                    j += 1
                elif glued_hyphen(span.doc, j, end):  # "Obi-Wan", "R2-D2"
                    j += 2
                else:
                    break
            if i > base and toks[i - 1 - base].text == "The":  # "The Baron" mid-sentence
                i -= 1
            while (
                i - 2 >= base
                and toks[i - 1 - base].pos_ in ("ADJ", "VERB")
                and toks[i - 1 - base].is_title
                and toks[i - 2 - base].text == "the"
            ):  # "the Drowned Quarter", "the Forbidden City": a capitalised modifier inside the name
                i -= 1
            runs.append((i, j))
            i = j
        elif (of_end := _of_name(span, i)) is not None:  # "the Order of the Tide", "the Isle of Rook"
            runs.append((i, of_end))
            i = of_end
        else:
            i += 1
    for ent in span.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "WORK_OF_ART"):
            continue
        a, b = ent.start, ent.end  # inside the span: its `ents` end in it
        cut = next((k for k in range(a + 1, b) if _breaks_name(toks[k - base])), None)
        b = cut if cut is not None else b  # never over a dash or a verb
        while a < b and toks[a - base].lower_ in ("the", "a", "an"):
            a += 1
        while b > a and (
            toks[b - 1 - base].is_punct
            or toks[b - 1 - base].tag_ == "POS"
            or toks[b - 1 - base].lower_ == "and"
        ):  # "Elliot and" of the NER: the name alone
            b -= 1
        while b > a + 1 and (
            _lower_word(last := toks[b - 1 - base]) or not any(c.isalnum() for c in last.text)
        ):
            b -= 1  # "Blue Anchor Inn in", "Henry $" of the NER: no name ends in a lower-case word or a sign
        if ent.label_ == "PERSON":  # "Henry courts Karen" of the NER: a verb it took for a noun
            low = next((k for k in range(a + 1, b) if _lower_word(toks[k - base])), None)
            b = low if low is not None else b  # ends the first name there
        if a >= b or not toks[a - base].text[:1].isupper():
            continue
        if b - a == 1 and toks[a - base].lower_ + "." in lx.ABBREVIATIONS:
            continue
        overlapping = [r for r in runs if r[0] < b and a < r[1]]
        if len(overlapping) > 1 and any(span.doc[k].lower_ == "and" for k in range(a, b)):
            continue  # "kidnaps both Rachel and Dent": the NER's one name is two people
        if not overlapping:
            runs.append((a, b))
        elif len(overlapping) > 1 or (overlapping[0][0] >= a and overlapping[0][1] <= b):
            for r in overlapping:
                runs.remove(r)
            runs.append((min(a, *(r[0] for r in overlapping)), max(b, *(r[1] for r in overlapping))))
    return refine_runs(span, runs)


#: lower-case words inside people's names ("Ludwig van Beethoven", "Omar bin Said")
NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le", "bin", "al"}
)


def _lower_word(tok: Any) -> bool:
    """A lower-case word that is not a name particle: no part of a person's name."""
    return bool(tok.is_alpha and tok.text[:1].islower() and tok.lower_ not in NAME_PARTICLES)


def _breaks_name(tok: Any) -> bool:
    """A token an NER name never runs over: punctuation but a full stop ("Ivo Sand - Hale"), or a
    verb written in lower case ("Lev rescues Emil" taken as one organisation)."""
    if tok.is_punct:
        return bool(tok.text != ".")
    return tok.pos_ in ("VERB", "AUX") and tok.text[:1].islower()


def _of_name(span: Any, i: int) -> int | None:
    """The end of "Order of the Tide" when token i is a capitalised group or place word ("Order",
    "Isle", "Bay") followed by "of" (and "the") and a name; None otherwise."""
    tok = span.doc[i]
    if i == span.start or not tok.text[:1].isupper() or tok.lower_ not in lx.OF_NAME_HEADS:
        return None
    k = i + 1
    if k >= span.end or span.doc[k].lower_ != "of":
        return None
    k += 1
    if k < span.end and span.doc[k].lower_ == "the":
        k += 1
    j = k
    while j < span.end and _name_token(span.doc[j]):
        j += 1
    return j if j > k else None


def name_cased(tok: Any) -> bool:
    """A name's word: a capital first ("Roe", "DeGeneres", "McAvoy"), not all capitals ("HARD")."""
    return bool(tok.text[:1].isupper() and (len(tok.text) == 1 or not tok.is_upper))


def glued_hyphen(doc: Any, j: int, end: int) -> bool:
    """Whether token `j` is a hyphen with no space either side, before a capitalised piece of one
    name within `end` ("Obi-Wan", "R2-D2", "Ola Brandt-Kerr")."""
    if j < 1 or j + 1 >= end or doc[j].text not in ("-", "\u2010"):
        return False
    if doc[j - 1].whitespace_ or doc[j].whitespace_:
        return False
    if doc[j + 1].text[:1].isupper():
        return True
    before, after = doc[j - 1], doc[j + 1]  # "Ki-taek", "Yeon-kyo": a given name of two short syllables
    return bool(
        before.pos_ in ("PROPN", "NOUN")
        and before.text[:1].isupper()
        and before.is_alpha
        and len(before.text) <= 5
        and before.lower_ not in lx.HYPHEN_PREFIXES
        and after.is_alpha
        and after.is_lower
        and len(after.text) <= 5
    )


def _name_token(tok: Any) -> bool:
    if tok.text[:1].isupper() and tok.is_ascii and tok.text.isalnum() and any(c.isdigit() for c in tok.text):
        return tok.pos_ in ("PROPN", "NOUN", "NUM") and len(tok.text) <= 6  # "R2", "C3PO"
    if tok.pos_ == "NOUN" and tok.is_upper and tok.is_alpha and 3 <= len(tok.text) <= 6:
        from .rules import _dictionary_word  # rules reads this module

        return not _dictionary_word(tok.lower_)  # "the LAPD" tagged a noun: an acronym, a name
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha:
        return tok.pos_ == "PROPN" and "-" in tok.text and tok.text[:1].isupper()
    return tok.lower_ not in lx.NOT_NAMES


#: "a giant called X", "a village named Y": the name is what the noun before the verb is
NAMING_VERBS = frozenset({"call", "name", "dub", "nickname"})


#: last words of a place's name that are never a family name ("Gas Town", "Port City")
SETTLEMENT_WORDS = frozenset(
    {"town", "city", "village", "citadel", "castle", "tower", "street", "avenue", "harbour", "harbor",
     "island", "valley", "prison", "palace", "temple", "station", "fortress"}
)  # fmt: skip


def vote_context(doc: Doc, sent: Sentence, ent: Ent, first: Any, last: Any) -> None:
    """Type votes from one mention's neighbourhood (tokens `first`..`last`)."""
    head = last
    for kind, weight in _ner_votes(first, last):
        # the NER's guesses for one name are one model's, not independent evidence: capped
        given = ent.ner_votes[kind]
        ent.votes[kind] += max(0.0, min(weight, NER_VOTE_CAP - given))
        ent.ner_votes[kind] = given + weight
        ent.ner = True
    low = last.lower_
    # each spaCy attribute read makes a new string or Token: the head's are read once here
    dep, hh, first_low = head.dep_, head.head, first.lower_
    hh_lemma, hh_dep, hh_lower = hh.lemma_, hh.dep_, hh.lower_
    hh_lemma_low = hh_lemma.lower()
    children = list(head.children)
    titled = first.i < last.i and title_votes(ent, first)  # "Mrs. Hall" is a person, not a hall
    if low in lx.PLACE_HEADS and not titled:
        ent.votes[L] += 3
    elif low in PLACE_HEAD_WORDS and first.i < last.i and not titled and last.ent_type_ != "PERSON":
        ent.votes[L] += 3  # "Wexley Hall", not "Hetty Green" (a person by the NER)
    elif low in SETTLEMENT_WORDS and first.i < last.i and not titled:
        ent.votes[L] += 3  # "Gas Town", "Bright City": no one's surname, whatever the NER says
    elif low in PLACE_HEAD_WORDS and first.i < last.i and last.nbor(-1).tag_ == "POS":
        ent.votes[L] += 3  # "Miller's Barn": a possessive facility, whatever the NER says
    elif any(t.tag_ == "POS" for t in first.doc[first.i : last.i]) and any(
        t.lower_ in BUSINESS_WORDS for t in first.doc[first.i : last.i + 1]
    ):
        ent.votes[L] += 3  # "Rick's Café Américain": an owner's business
    if low in lx.ORG_HEADS and not titled:
        ent.votes[ORG] += 3
    elif first.i < last.i and last.tag_ == "NNP" and low in lx.PERSON_NOUNS:
        ent.votes[C] += 2  # "the Fairy Godmother", "the Muffin Man": a name whose head says a person
    if first.i < last.i and first_low in lx.PLACE_PREFIXES:  # "Fort Ardel", "Port Lune"
        ent.votes[L] += 3
    if first.i + 1 < last.i and first.nbor(1).lower_ == "of":  # "Order of the Tide", "Bay of Storms"
        if first_low in lx.ORG_HEADS:
            ent.votes[ORG] += 3
        elif first_low in _PLACE_HEADS_INTRO:
            ent.votes[L] += 3
    if dep in ("oprd", "attr", "xcomp", "dobj") and hh_lemma in NAMING_VERBS:
        noun = hh.head  # "a one-eyed giant called Brannoch", "a village named Orrow"
        nouns = [noun, noun.head] if noun.dep_ == "appos" else [noun]  # "X's enforcer, a giant called Y"
        if hh_dep == "acl" and any(_is_person_noun(n) for n in nouns):
            ent.votes[C] += 3
        elif hh_dep == "acl" and noun.lemma_.lower() in _PLACE_HEADS_INTRO:
            ent.votes[L] += 3
    for child in children:  # "the smuggler Han Solo", "aunt Beru"
        if child.dep_ in ("compound", "amod", "nmod") and child.i < first.i and _is_person_noun(child):
            ent.votes[C] += 2
            _gender_noun(ent, child.lemma_.lower())
        if (
            child.dep_ in ("compound", "nmod")
            and child.i < first.i
            and child.lemma_.lower() in lx.PLACE_INTRO
        ):
            ent.votes[L] += 3
    if dep in ("appos", "compound") and hh.i < first.i and _is_person_noun(hh):
        ent.votes[C] += 2
        if hh.i == first.i - 1 or (hh.i == first.i - 2 and first.nbor(-1).text == ","):
            _gender_noun(
                ent, hh_lemma_low
            )  # "his sister Lila", not the gapped "sister Lila, Gavin her lover Sam"
    if _listed_after_people(sent, first):
        ent.votes[C] += 2
    if dep in ("appos", "compound") and hh.i < first.i and hh_lemma_low in lx.PLACE_INTRO:
        ent.votes[L] += 3
    if dep == "appos" and hh.i < first.i and hh_lemma_low in lx.ORG_NOUNS:
        ent.votes[ORG] += 3  # "Hammond and his company, InGen,"
    before = first.nbor(-1) if first.i > sent.span.start else None
    if before is not None and before.lower_ == "the" and before.text == "the":
        ent.votes[ORG] += 1.0
    if dep == "pobj" and hh_dep == "prep" and hh_lower == "of":
        owner_low = hh.head.lemma_.lower()
        if owner_low in lx.PLACE_INTRO:
            ent.votes[L] += 3
        if owner_low in RULER_NOUNS:  # "the King and Queen of Far Far Away": a realm
            ent.votes[L] += 3
        if owner_low in lx.TUTELAGE_NOUNS or owner_low in lx.LEADER_NOUNS:
            ent.votes[C] += 1
        if owner_low in lx.MEMBER_NOUNS or owner_low in lx.ORG_NOUNS:
            ent.votes[ORG] += 1.5
    if dep == "pobj" and hh_dep == "prep":
        verb = hh.head
        if hh_lower in ("in", "into", "inside", "within") and verb.lemma_ in (
            "raise",
            "grow",
            "join",
        ):
            ent.votes[ORG] += 1.5
        elif hh_lower in (
            "in",
            "to",
            "from",
            "across",
            "through",
            "into",
            "near",
            "outside",
            "at",
            "on",
        ):
            ent.votes[L] += 0.5
            if (
                hh.i == sent.span.start
                and last.i + 1 < sent.span.end
                and last.nbor(1).text == ","
                and len(ent.mentions) == 1  # a name met before as someone is no opening place
            ):
                ent.votes[L] += 2  # "In Keld, a car bomb ...": a scene's opening place
        if hh_lower == "within" and verb.lemma_.lower() in lx.ORG_NOUNS:
            ent.votes[ORG] += 2
    if dep == "compound" and hh_lemma_low in _MEMBER_OFFICERS:
        ent.votes[ORG] += 2
    if dep == "dobj" and hh_lemma == "join" and last.ent_type_ != "PERSON":  # "joins Bo Lusk": a companion
        ent.votes[ORG] += 1.5
    for child in children:
        if child.dep_ == "appos" and (is_being(child) or _person_suffix(child)):
            ent.votes[C] += 2
            _gender_noun(ent, child.lemma_.lower())
        elif child.dep_ == "appos" and child.lemma_.lower() in _PLACE_APPOS:
            ent.votes[L] += 3  # "Hollin Abbey, a monastery outside X"; "Keld, a port town"
        elif child.dep_ == "appos" and child.lemma_.lower() in lx.ORG_NOUNS:
            ent.votes[ORG] += 3  # "the Choir, a cult led by X"
        if child.dep_ == "relcl" and any(c.lower_ == "where" for c in child.children):
            ent.votes[L] += 1
        if child.dep_ == "relcl" and any(c.lower_ == "who" and c.dep_ == "nsubj" for c in child.children):
            ent.votes[C] += 1
    if dep == "appos" and hh_lemma_low in lx.PLACE_INTRO:
        ent.votes[L] += 3
    if dep in ("nsubj", "nsubjpass") and hh.pos_ == "VERB":
        ent.votes[C] += 0.6
    action_votes(ent, head, _is_person_noun)
    group_votes(ent, first, last)
    locative_votes(ent, first, last)
    address_votes(ent, first, last)
    while head.dep_ == "conj" and head.head is not head:  # "kill Owen and Beru": Beru is an object too
        head = head.head
    verb = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "agent" else head.head
    person_verb = verb.lemma_.lower() in lx.PERSON_VERBS
    if person_verb and (head.dep_ in ("nsubj", "nsubjpass", "dobj") or head.head.dep_ == "agent"):
        ent.votes[C] += 1.5  # who kills, is killed, betrays or meets is a character
    if head.dep_ == "nsubj" and head.head.lemma_.lower() in lx.ANIMATE_SUBJECT_VERBS:
        ent.votes[C] += 1  # "X lives with her uncle": a being
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        for attr in (c for c in head.head.children if c.dep_ == "attr"):
            if is_being(attr):
                ent.votes[C] += 2
                _gender_noun(ent, attr.lemma_.lower())
    if head.dep_ == "poss":
        owned = head.head.lemma_.lower()
        if owned in lx.RELATIONAL_NOUNS or owned in _OWNED_BY_PERSON:
            ent.votes[C] += 1


#: rulers whose "of X" is their realm ("the King of X", "the Duke of X")
RULER_NOUNS = frozenset(
    {"king", "queen", "prince", "princess", "duke", "duchess", "emperor", "empress", "baron", "baroness",
     "earl", "count", "countess", "sultan", "tsar", "czar", "khan", "pharaoh", "mayor", "governor", "lord"}
)  # fmt: skip


def _listed_after_people(sent: Sentence, first: Any) -> bool:
    """A name in a list right after a plural person noun ("her deputies Pruitt, Hale and Osei"), read
    on the surface: the parser often breaks such a list (the first name made the sentence's root)."""
    doc, k = first.doc, first.i - 1
    while k > sent.span.start and (doc[k].text == "," or doc[k].lower_ == "and" or doc[k].pos_ == "PROPN"):
        k -= 1
    return k >= sent.span.start and doc[k].tag_ == "NNS" and _is_person_noun(doc[k])


def is_being(tok: Any) -> bool:
    """A noun for a person or a creature that acts like one ("an assassin", "a field mouse")."""
    word = tok.lemma_.lower()
    return word in lx.PERSON_NOUNS or word in lx.CREATURE_NOUNS


def _is_person_noun(tok: Any) -> bool:
    word = tok.lemma_.lower()
    return is_being(tok) or word in lx.RELATIONAL_NOUNS or _person_suffix(tok)


def _person_suffix(tok: Any) -> bool:
    """A common noun ending like a word for a person ("ferrywoman", "innkeeper", "watchman")."""
    word = tok.lower_
    return (
        tok.pos_ == "NOUN"
        and word.isalpha()
        and any(word.endswith(s) and len(word) > len(s) + 2 for s in lx.PERSON_SUFFIXES)
    )


def _gender_noun(ent: Ent, noun: str) -> None:
    if noun in lx.FEMALE_NOUNS:
        ent.gender["f"] += 2
    elif noun in lx.MALE_NOUNS:
        ent.gender["m"] += 2


def _ner_votes(first: Any, last: Any) -> list[tuple[EntityType, float]]:
    label = first.ent_type_ or last.ent_type_
    return {
        "PERSON": [(C, 1.0)],
        "GPE": [(L, 1.5)],
        "LOC": [(L, 1.5)],
        "FAC": [(L, 0.3)],
        "ORG": [(ORG, 0.4)],
        "WORK_OF_ART": [(EntityType.FILM, 0.5)],
    }.get(label, [])
