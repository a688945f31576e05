"""Personal names: honorifics kept inside the name, and variants of one name merged when unambiguous.

"Mr. Bennet" is a name with its honorific: the title tells one Bennet from another ("Mrs. Bennet")
and says the bearer is a person, so it stays in the mention. Variants of one character merge
("Sir Walter Elliot", "Sir Walter", "Elliot") when exactly one longer name fits the shorter one;
two people sharing a family name ("Mr. Bennet", "Mrs. Bennet") never merge, and a bare "Bennet"
that could be either stays apart: the rules refuse to guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..model import EntityType

if TYPE_CHECKING:  # document.py imports this module
    from .document import Doc, Ent

C, P = EntityType.CHARACTER, EntityType.PERSON

#: honorifics written as abbreviations ("Mr." or "Mr"), lower case without the full stop
TITLE_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "rev",
        "sgt",
        "lt",
        "capt",
        "col",
        "gen",
        "det",
        "mme",
        "mlle",
    }
)
#: honorifics written out, lower case; capitalised before a name they are part of it
TITLE_WORDS = frozenset(
    {"miss", "mister", "madam", "madame", "monsieur", "sir", "dame", "lady", "lord", "captain", "colonel",
     "general", "major", "lieutenant", "sergeant", "corporal", "private", "admiral", "commander",
     "professor", "doctor", "judge", "reverend", "father", "mother", "brother", "sister", "uncle", "aunt",
     "king", "queen", "prince", "princess", "duke", "duchess", "count", "countess", "baron", "baroness",
     "earl", "emperor", "empress", "signor", "signora", "senor", "senora", "herr", "frau", "fraulein"}
)  # fmt: skip
#: honorifics that say the bearer is a woman or a man
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "mme", "mlle", "dame", "lady", "mother", "sister", "aunt",
     "queen", "princess", "duchess", "countess", "baroness", "empress", "signora", "senora", "frau",
     "fraulein"}
)  # fmt: skip
MALE_TITLES = frozenset(
    {"mr", "messrs", "mister", "monsieur", "sir", "lord", "father", "brother", "uncle", "king", "prince",
     "duke", "count", "baron", "earl", "emperor", "signor", "senor", "herr"}
)  # fmt: skip

#: last words of a many-word place name beyond the shared lexicon's ("Wexley Hall", "Cobb Lane");
#: only a name of two words or more counts ("Hall" alone is a family name as often as not)
PLACE_HEAD_WORDS = frozenset(
    {"hall", "lane", "alley", "hill", "heath", "moor", "green", "row", "gardens", "wharf", "inn", "house",
     "farm", "ranch", "castle", "tower", "towers", "church", "chapel", "cottage", "lodge", "grange",
     "priory", "mill", "pass", "gate", "crescent", "terrace", "creek", "marsh", "downs", "fields", "wood",
     "glen", "point", "springs", "town", "court", "place", "walk", "hotel", "college", "school", "gaol",
     "prison", "hospital", "theatre", "theater", "cemetery", "market", "dock", "docks", "pier", "bridge",
     "cross", "end", "vale", "land", "bottom", "bottoms", "gulch", "butte", "mesa", "hills", "mountains",
     "ridge", "peak", "cape", "shore", "beach", "harbour", "port", "road", "street", "square", "alps"}
)  # fmt: skip


def title_word(text: str) -> str | None:
    """The honorific a word is ("Mr." -> "mr", "Sir" -> "sir"), or None."""
    low = text.lower().rstrip(".")
    if low in TITLE_ABBREVIATIONS or low in TITLE_WORDS:
        return low
    return None


def honorific_before(span: Any, i: int) -> int:
    """How many tokens of an honorific open the name at token i ("Mr." 1, "Mr" "." 2, none 0).
    Only a capitalised title directly followed by a capitalised word counts ("Mr. Bennet")."""
    doc = span.doc
    tok = doc[i]
    if not tok.text[:1].isupper() or title_word(tok.text) is None:
        return 0
    n = 1
    if (
        tok.lower_ in TITLE_ABBREVIATIONS
        and i + 1 < span.end
        and doc[i + 1].text == "."
        and not tok.whitespace_
    ):
        n = 2  # "MR" "." as two tokens
    k = i + n
    if k >= span.end or not doc[k].text[:1].isupper() or not doc[k].is_alpha or doc[k].pos_ != "PROPN":
        return 0
    if title_word(doc[k].text) is not None and doc[k].lower_ in TITLE_ABBREVIATIONS:
        return 0
    return n


def split_title(name: str) -> tuple[str | None, list[str]]:
    """A name's leading honorific (normalised) and its other words: "Mr. Walter Elliot" ->
    ("mr", ["walter", "elliot"])."""
    words = name.replace("’", "'").split()
    title = title_word(words[0]) if len(words) > 1 else None
    core = words[1:] if title is not None else words
    return title, [w.lower().rstrip(".") for w in core]


def title_votes(ent: Ent, first: Any) -> bool:
    """Votes from an honorific opening a mention: a person, and a gender when the title says one.
    True when there was one (the mention's last word then says nothing about a place: "Mrs. Hall")."""
    title = title_word(first.text)
    if title is None or not first.text[:1].isupper():
        return False
    ent.votes[C] += 4
    if title in FEMALE_TITLES:
        ent.gender["f"] += 2
    elif title in MALE_TITLES:
        ent.gender["m"] += 2
    return True


def _personal(ent: Ent) -> bool:
    return ent.fixed is None and not ent.descriptive and ent.type in (C, P)


def _fits(short: tuple[str | None, list[str]], long: tuple[str | None, list[str]]) -> bool:
    """The shorter name is a variant of the longer: its words open or close the longer's, and a
    title it has the longer has too ("Sir Walter" of "Sir Walter Elliot"; "Elliot" of either;
    never "Mrs. Elliot" of "Walter Elliot", who may be her husband)."""
    (t1, w1), (t2, w2) = short, long
    if not w1 or len(w1) > len(w2) or (t1 is not None and t1 != t2):
        return False
    if len(w1) == len(w2):  # "Bennet" of "Mr. Bennet"; "Mr Bennet" of "Mr. Bennet"
        return w1 == w2 and (t1 == t2 or t1 is None)
    return w2[: len(w1)] == w1 or w2[-len(w1) :] == w1


def merge_variants(doc: Doc, merge: Any) -> None:
    """Merge each person's shorter names into the one longer name they fit, if exactly one fits.

    Titled short names go first, then untitled ones, each longest first, so that "Sir Walter" has
    joined "Sir Walter Elliot" before a bare "Walter" looks for its one candidate. `merge(doc, a, b)`
    folds entity a into b (mentions, votes, aliases)."""
    people = [e for e in doc.ents.values() if _personal(e)]
    shapes = {e.key: split_title(e.name) for e in people}
    order = sorted(people, key=lambda e: (shapes[e.key][0] is None, -len(shapes[e.key][1])))
    for ent in order:
        if ent.key not in doc.ents:
            continue
        short = shapes[ent.key]
        fits = [
            o
            for o in doc.ents.values()
            if o.key != ent.key and o.key in shapes and _fits(short, shapes[o.key])
        ]
        if len(fits) == 1 and fits[0].type in (C, P):
            merge(doc, ent, fits[0])
