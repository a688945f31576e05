"""A film named after its hero ("Ada Quell", a film about Ada Quell): the title's mentions that act
in the story ("Ada Quell hunts Ivo", "as Ada Quell, a retired assassin", "Ada Quell's dog") name a
character of its own, the others ("Ada Quell is a lean revenge film") the film.

Without this the character is lost: every mention of the title is taken for the work, so a review of
such a film has no hero, no kills and no credits for the part.
"""

from __future__ import annotations

from typing import Any

from . import lexicon as lx
from .document import C, Doc, Ent, is_being

#: verbs said of a film, never of its hero: its subject is the work ("Ada Quell opens with a chase")
FILM_VERBS = frozenset(
    {"be", "direct", "write", "produce", "release", "premiere", "gross", "open", "debut", "star", "feature",
     "earn", "run", "arrive", "hit", "deliver", "offer", "lack", "feel", "look", "seem", "work", "succeed",
     "fail", "expand", "build", "begin", "end", "close", "follow", "make", "spend", "take", "set", "have"}
)  # fmt: skip


def title_character(doc: Doc, work_key: str, title: str) -> str | None:
    """Split the character off a film named after a person; returns the character's key (None when
    the title names no one in the story, or is no person-like name)."""
    words = title.split()
    if not 1 <= len(words) <= 3 or ":" in title or words[0].lower() in ("the", "a", "an"):
        return None
    if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words):
        return None
    work = doc.ents.get(work_key)
    if work is None:
        return None
    acting: list[tuple[int, list[int]]] = []  # (sentence, token indices) of the title's acting mentions
    for sent in doc.sentences:
        if sent.heading:
            continue
        run: list[int] = []
        for tok in sent.span:
            if doc.token_ent.get((sent.index, tok.i)) == work_key:
                run.append(tok.i)
                continue
            if run and _acts(sent.span.doc[run[-1]]):
                acting.append((sent.index, run))
            run = []
        if run and _acts(sent.span.doc[run[-1]]):
            acting.append((sent.index, run))
    if not acting:
        return None
    key = hero_key(work_key)
    hero = doc.ent(key, title)
    hero.fixed = C
    for sent_index, toks in acting:
        sent = doc.sentences[sent_index]
        for i in toks:
            doc.token_ent[(sent_index, i)] = key
        first, last = sent.span.doc[toks[0]], sent.span.doc[toks[-1]]
        start, end = sent.offset + first.idx, sent.offset + last.idx + len(last.text)
        _move_mention(work, hero, (sent_index, start, end))
    return key


def hero_key(work_key: str) -> str:
    """The entity key of the hero a film is named after (distinct from the film's own key)."""
    return f"{work_key} (character)"


def _acts(head: Any) -> bool:
    """Whether a mention (its last token) names someone in the story rather than the film."""
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in lx.PLACE_INTRO:
        return False  # "the city of Burrowtown, a rabbit named Judy ...": a place the film is named after
    if head.dep_ == "poss" and (is_being(head.head) or head.head.lemma_.lower() in lx.RELATIONAL_NOUNS):
        return True  # "Ada Quell's dog", "Ada Quell's mentor"
    if any(c.dep_ == "appos" and is_being(c) for c in head.children):
        return True  # "Ada Quell, a retired assassin"
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "as"
        and head.head.head.lemma_ in ("star", "play", "return")
    ):
        return True  # "Mira Holt stars as Ada Quell"
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ == "VERB":
        lemma = verb.lemma_.lower()
        if lemma in FILM_VERBS:
            return False
        return lemma in lx.VERBS or lemma in lx.PERSON_VERBS or lemma in lx.ANIMATE_SUBJECT_VERBS
    return False


def _move_mention(work: Ent, hero: Ent, mention: tuple[int, int, int]) -> None:
    """A mention of the title that names the hero: counted for the hero, no longer for the work."""
    if mention in work.mentions:
        work.mentions.remove(mention)
        work.in_story = max(work.in_story - 1, 1)
    if mention in work.story:
        work.story.remove(mention)
    hero.mentions.append(mention)
    hero.story.append(mention)
    hero.in_story += 1
