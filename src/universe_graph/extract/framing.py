"""How a plot event is told: in the story's present, or as a flashback, memory or vision.

Cues are general English: a framing phrase that covers its sentence ("In a flashback, ...",
"a vision shows ...", "she has a dream of ..."), or a framing verb whose clause holds the event
("she remembers the night X killed Y", "he dreams that ..."). A flashback opened by a leading
phrase runs on through its paragraph until a cue brings the story back ("back in the present").
Cues said by the reviewer ("I remember the first film") or in comparisons frame nothing.
"""

from __future__ import annotations

from typing import Any

from ..model import Framing
from .document import C, Doc, Sentence
from .mentions import in_comparison

FLASHBACK_NOUNS = frozenset({"flashback", "flashbacks", "flash-back", "flash-backs"})
MEMORY_NOUNS = frozenset({"memory", "memories", "recollection", "recollections", "reminiscence"})
VISION_NOUNS = frozenset(
    {"vision", "visions", "dream", "dreams", "nightmare", "nightmares", "hallucination", "hallucinations",
     "premonition", "premonitions", "daydream", "daydreams", "apparition"}
)  # fmt: skip
MEMORY_VERBS = frozenset({"remember", "recall", "recollect", "relive", "reminisce"})
VISION_VERBS = frozenset({"dream", "hallucinate", "foresee", "envision"})
#: verbs whose subject a framing noun can be ("a vision shows her ...", "a flashback reveals ...")
SHOWING_VERBS = frozenset({"show", "reveal", "depict", "take", "bring", "return", "recount"})
#: verbs whose object a framing noun can be ("she has a vision of ...", "he sees a dream")
HAVING_VERBS = frozenset({"have", "see", "experience", "suffer", "get", "receive", "relive"})
#: prepositions that put a whole sentence inside the frame ("in a flashback", "through memories")
FRAMING_PREPS = frozenset({"in", "through", "during", "via", "by"})
#: phrases that bring the story back to its present
PRESENT_CUES = ("back in the present", "in the present", "present day", "present-day", "years later")
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "you", "your"})


def noun_framing(word: str) -> Framing | None:
    low = word.lower()
    if low in FLASHBACK_NOUNS:
        return Framing.FLASHBACK
    if low in MEMORY_NOUNS:
        return Framing.MEMORY
    if low in VISION_NOUNS:
        return Framing.VISION
    return None


def verb_framing(lemma: str) -> Framing | None:
    low = lemma.lower()
    if low in MEMORY_VERBS:
        return Framing.MEMORY
    if low in VISION_VERBS:
        return Framing.VISION
    return None


def _reviewer(tok: Any) -> bool:
    """Said by the reviewer or the audience: a first-person subject or possessor nearby."""
    near = [*tok.children, *(tok.head.children if tok.head is not tok else [])]
    return any(c.dep_ in ("nsubj", "poss") and c.lower_ in FIRST_PERSON for c in near)


def _story_owner(doc: Doc, sent: Sentence, tok: Any) -> bool:
    """ "her visions", "Ann's dream": fine; "the filmmaker's vision", "my memories": not the story."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if not owners:
        return True
    key = doc.ref(sent, owners[0])
    return key is not None and doc.ents[key].type is C and doc.ents[key].in_universe


def sentence_frame(doc: Doc, sent: Sentence) -> tuple[Framing, bool] | None:
    """(framing, leading) when a framing phrase covers the whole sentence ("In a flashback, ...",
    "a vision shows ..."); leading: it opens the sentence. "X has a vision of ..." frames only what
    hangs on the noun (`clause_framing`)."""
    for tok in sent.span:
        framing = noun_framing(tok.lower_)
        if framing is None or tok.pos_ not in ("NOUN", "PROPN") or in_comparison(doc, sent, tok.i):
            continue
        if _reviewer(tok) or not _story_owner(doc, sent, tok):
            continue
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in FRAMING_PREPS:
            leading = head.i == sent.span.start or (
                head.i == sent.span.start + 1 and not sent.span[0].is_alpha
            )
            return framing, leading
        if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in SHOWING_VERBS:
            return framing, False
        if tok.dep_ == "pobj" and head.head.lemma_.lower() in ("haunt", "plague", "torment", "flood"):
            return framing, False  # "she is haunted by flashbacks of ..."
    return None


def clause_framing(doc: Doc, sent: Sentence, tok: Any) -> Framing | None:
    """The framing of the event a verb tells: a framing verb or noun that governs it."""
    for anc in tok.ancestors:
        if in_comparison(doc, sent, anc.i):
            return None
        framing = verb_framing(anc.lemma_) if anc.pos_ in ("VERB", "AUX") else None
        if framing is None and anc.pos_ == "NOUN" and _story_owner(doc, sent, anc):
            framing = noun_framing(anc.lower_)
        if framing is not None and not _reviewer(anc):
            return framing
    return None


def frames(doc: Doc) -> dict[int, Framing]:
    """Sentence index -> framing, for sentences told inside a frame (the present is left out)."""
    out: dict[int, Framing] = {}
    running: tuple[Framing, int] | None = None  # a leading flashback and its paragraph
    for sent in doc.sentences:
        if sent.heading:
            running = None
            continue
        low = sent.span.text.lower()
        if running is not None and (running[1] != sent.paragraph or any(cue in low for cue in PRESENT_CUES)):
            running = None
        found = sentence_frame(doc, sent)
        if found is not None:
            out[sent.index] = found[0]
            if found[1] and found[0] is Framing.FLASHBACK:
                running = (found[0], sent.paragraph)
        elif running is not None:
            out[sent.index] = running[0]
    return out


def framing_seeds(doc: Doc) -> list[tuple[int, Framing, list[str]]]:
    """Events that are the frame itself: "X remembers Y", "X has a vision of Y", "a dream shows X Y".

    (sentence, framing, characters: the one who remembers or sees first) for each framing verb or
    framing noun with at least two story characters in its sentence.
    """
    out: list[tuple[int, Framing, list[str]]] = []
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            candidate = verb_framing(tok.lemma_) if tok.pos_ == "VERB" else noun_framing(tok.lower_)
            if candidate is None or in_comparison(doc, sent, tok.i) or _reviewer(tok):
                continue  # the cheap test first: `_reviewer` reads the head's children (many on a long list)
            framing: Framing | None = None
            experiencer: list[str] = []
            if tok.pos_ == "VERB" and verb_framing(tok.lemma_) is not None:
                framing = verb_framing(tok.lemma_)
                experiencer = [k for c in tok.children if c.dep_ == "nsubj" for k in [doc.ref(sent, c)] if k]
            elif tok.pos_ == "NOUN" and noun_framing(tok.lower_) is not None and _story_owner(doc, sent, tok):
                head = tok.head
                if tok.dep_ == "dobj" and head.lemma_.lower() in HAVING_VERBS:
                    experiencer = [
                        k for c in head.children if c.dep_ == "nsubj" for k in [doc.ref(sent, c)] if k
                    ]
                    if experiencer and doc.ents[experiencer[0]].type is C:  # not "the filmmaker has a vision"
                        framing = noun_framing(tok.lower_)
                elif tok.dep_ == "nsubj" and head.lemma_.lower() in SHOWING_VERBS:
                    framing = noun_framing(tok.lower_)
                    experiencer = [
                        k
                        for c in head.children
                        if c.dep_ in ("dobj", "dative", "nsubj") and c.i != tok.i
                        for k in [doc.ref(sent, c)]
                        if k
                    ]
            if framing is None:
                continue
            people: list[str] = []
            named = [doc.ref(sent, t) for t in sent.span if not in_comparison(doc, sent, t.i)]
            for k in [*experiencer, *named]:
                if k and k not in people and doc.ents[k].type is C and doc.ents[k].in_universe:
                    people.append(k)
            if len(people) >= 2:
                out.append((sent.index, framing, people))
            break
    return out
