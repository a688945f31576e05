"""A cast list's lines: "Carl Brenner as Jack Mercer", "* Ana Brill as Sofia, his daughter", and
under a "Cast" heading "Tom Hale - Tito" or "Tom Hale: Tito". The layout reads such short lines as
headings, which the prose rules skip; each line credits one actor (a Person in the work's cast) with
one part (a character of the work). A line is read only when it is an actor's name, the separator,
then the part's name, and nothing but a description after a comma or a bracket."""

from __future__ import annotations

from typing import Any

from ..model import EntityType
from .casting import Crediting
from .document import C, Doc, P, Sentence, name_key
from .mentions import _merge as merge_into
from .relations import Found

#: heading lines that open a cast list (lower case, without a closing colon)
CAST_HEADINGS = frozenset(
    {"cast", "the cast", "main cast", "principal cast", "supporting cast", "voice cast", "cast list",
     "cast and characters", "starring", "characters"}
)  # fmt: skip
#: list bullets that may open a line
BULLETS = frozenset({"*", "-", "•", "–", "—", "·"})
#: separators between the actor and the part under a cast heading ("as" anywhere)
SEPARATORS = frozenset({"–", "—", "-", ":", "...", "…"})
#: words a part's name may hold between capitalised words ("Lady of the Lake")
PART_SMALL_WORDS = frozenset({"of", "the", "de", "da", "van", "von", "le", "la"})


def cast_lines(run: Crediting) -> list[Found]:
    """`portrayed_by` and the work's `cast_member` for each cast-list line."""
    doc = run.doc
    found: list[Found] = []
    under_cast = False
    for sent in doc.sentences:
        if not sent.heading:
            under_cast = False  # prose ends a list
            continue
        if sent.span.text.strip().rstrip(":").strip().lower() in CAST_HEADINGS:
            under_cast = True
            continue
        pair = _line(sent.span, under_cast)
        if pair is None:
            continue
        actor_run, part_runs = pair
        if not (under_cast or _person_like(actor_run)):
            continue
        key = doc.ref(sent, actor_run[-1])
        if key is not None and (key == doc.work_key or doc.ents[key].fixed not in (None, P)):
            continue
        for part_run in part_runs:
            part = part_entity(doc, sent, part_run)
            if part is None:
                continue
            actor = run.person(sent, actor_run)
            if actor == part:
                continue
            found.append(Found(part, "portrayed_by", actor, sent.index, 0.9))
            if doc.work_key is not None:
                found.append(Found(doc.work_key, "cast_member", actor, sent.index, 0.85))
                if not any(not doc.sentences[m[0]].heading for m in doc.ents[part].story):
                    found.append(Found(part, "appears_in", doc.work_key, sent.index, 0.8))  # named only here
    return found


#: the labels of a review's credit block ("Directed by: A", "Starring: A, B, C") and what each gives
CREDIT_LABELS = {
    "directed by": "directed_by", "director": "directed_by", "directors": "directed_by",
    "written by": "written_by", "writer": "written_by", "writers": "written_by",
    "screenplay by": "written_by", "screenplay": "written_by", "written and directed by": "both",
    "produced by": "produced_by", "producer": "produced_by", "producers": "produced_by",
    "starring": "cast_member", "stars": "cast_member", "cast": "cast_member", "with": "cast_member",
    "music by": "", "music": "", "composer": "", "cinematography": "", "cinematographer": "",
    "edited by": "", "editor": "",
}  # fmt: skip


def credit_block(run: Crediting) -> list[Found]:
    """A review's credit block, lines the layout reads as headings: "Directed by: Ana Brill",
    "Starring: Tom Hale, Ida Kell and Bo Lund", "Music by: Ed Marr". Each name is a Person; the label
    says the credit (music, camera and editing give the Person alone)."""
    doc = run.doc
    found: list[Found] = []
    for sent in doc.sentences:
        if not sent.heading:
            continue
        toks = [t for t in sent.span if not t.is_space]
        colon = next((k for k, t in enumerate(toks[:5]) if t.text in (":", "–", "—")), None)
        if colon is None or colon == 0:
            continue
        label = " ".join(t.lower_ for t in toks[:colon])
        pred = CREDIT_LABELS.get(label)
        if pred is None:
            continue
        for name in names_listed(toks[colon + 1 :]):
            key = doc.ref(sent, name[-1])
            if key is not None and (key == doc.work_key or doc.ents[key].fixed not in (None, P)):
                continue
            person = run.person(sent, name)
            if doc.work_key is None or not pred:
                continue
            for p in ("directed_by", "written_by") if pred == "both" else (pred,):
                found.append(Found(doc.work_key, p, person, sent.index, 0.85))
    return found


def names_listed(toks: list[Any]) -> list[Any]:
    """The full names of "A, B and C" (or "A & B", "(voices of) A, B"): runs of two to four capitalised
    words between commas, "and" and "&"; anything else in the list ends it."""
    out: list[Any] = []
    run: list[Any] = []
    for t in [*toks, None]:
        if t is not None and _name_word(t):
            run.append(t)
            continue
        if 2 <= len(run) <= 4:
            out.append(run[0].doc[run[0].i : run[-1].i + 1])
        run = []
        if (
            t is not None
            and t.text not in (",", "&", ";", "(", ")")
            and t.lower_ not in ("and", "voices", "of")
        ):
            break
    return out


def _line(span: Any, under_cast: bool) -> tuple[Any, list[Any]] | None:
    """(actor run, part runs) of a line "A as X[, description]", "A as X and Y, two dogs" (one actor
    in two parts), or "A - X" under a cast heading."""
    doc = span.doc
    toks = [t for t in span if not t.is_space]
    k = 0
    while k < len(toks) and toks[k].text in BULLETS:
        k += 1
    start = k
    while k < len(toks) and _name_word(toks[k]):
        k += 1
    if not 2 <= k - start <= 4 or k >= len(toks):
        return None
    sep = toks[k].text
    if sep.lower() != "as" and not (under_cast and sep in SEPARATORS):
        return None
    parts: list[Any] = []
    first = k + 1
    while True:
        j = first
        while j < len(toks) and (
            _name_word(toks[j]) or (toks[j].lower_ in PART_SMALL_WORDS and j > first and j + 1 < len(toks))
        ):
            j += 1
        while j > first and toks[j - 1].lower_ in PART_SMALL_WORDS:
            j -= 1
        if j == first or j - first > 6:
            return None
        parts.append(doc[toks[first].i : toks[j - 1].i + 1])
        if (
            j + 1 < len(toks)
            and toks[j].lower_ in ("and", "&")
            and _name_word(toks[j + 1])
            and len(parts) < 3
        ):
            first = j + 1  # "A as Barkley and Alpha, the dogs": one actor, two parts
            continue
        break
    if j < len(toks) and toks[j].text not in (",", "(", ";", "[") and not toks[j].is_punct:
        return None  # "Ana Brill as Sofia sings": a sentence, not a list line
    return doc[toks[start].i : toks[k - 1].i + 1], parts


def _name_word(tok: Any) -> bool:
    """A capitalised word of a name: "Brill", "O'Hara", "J.", "Harlow-Reyes", "Dr."."""
    text = tok.text
    return bool(text[:1].isupper() and all(ch.isalpha() or ch in "'.-’" for ch in text))


def _keys(ent: Any) -> set[str]:
    return {name_key(n) for n in (ent.name, *ent.aliases)}


def _person_like(run: Any) -> bool:
    """An actor's name outside a cast heading: the NER took a word of it for a person."""
    return any(t.ent_type_ == "PERSON" for t in run)


def part_entity(doc: Doc, sent: Sentence, run: Any) -> str | None:
    """The character the part's name stands for: the entity the prose named (the heading repeats
    it), else a new character, joined with the one plot name that is its first or last word."""
    key = doc.ref(sent, run[-1])
    if key is not None and (doc.ref(sent, run[0]) != key or name_key(run.text) not in _keys(doc.ents[key])):
        key = None  # "Sofia Mercer" where the prose knows only "Jack Mercer": another character
    if key is not None:
        ent = doc.ents[key]
        if key == doc.work_key or ent.fixed not in (None, C) or ent.type not in (C, EntityType.PERSON):
            return None
        ent.fixed = C
        return key
    name = run.text
    new = name_key(name)
    ent = doc.ent(new, name)
    ent.fixed = C
    ent.mentions.append((sent.index, sent.offset + run.start_char, sent.offset + run.end_char))
    ent.in_story += 1
    for t in run:
        doc.token_ent[(sent.index, t.i)] = new
    words = name.split()
    if len(words) >= 2:
        short = [
            e
            for e in doc.ents.values()
            if e.key != new and e.type is C and e.key in (name_key(words[0]), name_key(words[-1]))
        ]
        if len(short) == 1:  # "Sofia" of the plot is "Sofia Mercer" of the cast list
            merge_into(doc, short[0], ent)
    return new
