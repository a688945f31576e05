"""Personal names: honorifics kept inside the name, and variants of one name merged when unambiguous.

"Mr. Bennet" is a name with its honorific: the title tells one Bennet from another ("Mrs. Bennet")
and says the bearer is a person, so it stays in the mention. Variants of one character merge
("Sir Walter Elliot", "Sir Walter", "Elliot") when exactly one longer name fits the shorter one;
two people sharing a family name ("Mr. Bennet", "Mrs. Bennet") never merge, and a bare "Bennet"
that could be either stays apart: the rules refuse to guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..model import EntityType

if TYPE_CHECKING:  # document.py imports this module
    from .document import Doc, Ent

C, L, P = EntityType.CHARACTER, EntityType.LOCATION, EntityType.PERSON

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
     "earl", "emperor", "empress", "signor", "signora", "senor", "senora", "herr", "frau", "fraulein",
     "don", "donna"}
)  # fmt: skip
#: job titles before a name: part of a surname's name ("Detective Vance"), but a first and last name
#: after one are the whole name ("Detective Nora Vance" is Nora Vance)
JOB_TITLES = frozenset(
    {"detective", "inspector", "agent", "officer", "constable", "sheriff", "deputy", "marshal", "senator",
     "governor", "mayor", "chief", "commissioner", "president", "chancellor", "ambassador", "nurse", "coach",
     "pastor", "rabbi"}
)  # fmt: skip
#: honorifics that say the bearer is a woman or a man
FEMALE_TITLES = frozenset(
    {"mrs", "ms", "miss", "madam", "madame", "mme", "mlle", "dame", "lady", "mother", "sister", "aunt",
     "queen", "princess", "duchess", "countess", "baroness", "empress", "signora", "senora", "frau",
     "fraulein"}
)  # fmt: skip
MALE_TITLES = frozenset(
    {"mr", "messrs", "mister", "monsieur", "sir", "lord", "father", "brother", "uncle", "king", "prince",
     "duke", "count", "baron", "earl", "emperor", "signor", "senor", "herr", "don"}
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
     "ridge", "peak", "cape", "shore", "beach", "harbour", "port", "road", "street", "square", "alps",
     "barn", "den", "well", "cave", "caves", "grove", "orchard", "meadow", "pond", "hollow", "tavern",
     "yard", "keep", "rest", "landing", "crossing", "reach", "falls", "woods", "forest", "bay", "cove"}
)  # fmt: skip
#: words that make an owner's possessive a business's name ("Rick's Café Américain", "Molly's Bar")
BUSINESS_WORDS = frozenset(
    {"café", "cafe", "bar", "club", "diner", "saloon", "pub", "shop", "store", "restaurant", "casino",
     "motel", "lounge", "grill", "emporium", "nightclub", "bistro", "brasserie", "cantina"}
)  # fmt: skip


def title_word(text: str) -> str | None:
    """The honorific a word is ("Mr." -> "mr", "Sir" -> "sir"), or None."""
    low = text.lower().rstrip(".")
    if low in TITLE_ABBREVIATIONS or low in TITLE_WORDS or low in JOB_TITLES:
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
    named = [e for e in doc.ents.values() if e.fixed is None and not e.descriptive]
    shapes = {e.key: split_title(e.name) for e in named}
    order = sorted(named, key=lambda e: (shapes[e.key][0] is None, -len(shapes[e.key][1])))
    # a name fits only names that open or close with its words: the candidates by first and last
    # word (an index, not a scan of every name per name: 1,000 names were a million pairs)
    by_end: dict[tuple[int, str], list[Ent]] = {}
    for e in named:
        words = shapes[e.key][1]
        if words:
            by_end.setdefault((0, words[0]), []).append(e)
            by_end.setdefault((-1, words[-1]), []).append(e)
    for ent in order:
        if ent.key not in doc.ents or not _personal(ent):
            continue
        short = shapes[ent.key]
        if not short[1]:
            continue
        near = {o.key: o for end in (0, -1) for o in by_end.get((end, short[1][end]), [])}
        # every name it could be part of, people or not: "Castell" of "Lionel Castell" and of
        # "Castell Industries" is unsure, and stays apart (a name merged away already is no more)
        fits = [
            o
            for o in near.values()
            if o.key != ent.key and doc.ents.get(o.key) is o and _fits(short, shapes[o.key])
        ]
        if len(fits) == 1 and _personal(fits[0]):
            merge(doc, ent, fits[0])


# types from what a name does -------------------------------------------------------------------
#: verbs whose subject is a person: speaking, thinking, feeling, perceiving ("said Nippers")
PERSON_SUBJECT_VERBS = frozenset(
    {"say", "reply", "answer", "ask", "cry", "exclaim", "shout", "whisper", "murmur", "mutter", "call",
     "tell", "speak", "talk", "laugh", "smile", "sigh", "nod", "weep", "sob", "grin", "frown", "blush",
     "think", "know", "believe", "feel", "wish", "want", "hope", "fear", "love", "hate", "like", "remember",
     "forget", "wonder", "suppose", "imagine", "decide", "intend", "mean", "prefer", "doubt", "realise",
     "realize", "understand", "see", "look", "watch", "hear", "listen", "notice", "read", "write",
     "marry", "kiss", "eat", "drink", "sleep", "wake", "sit", "stand", "walk", "die", "dress", "promise",
     "agree", "refuse", "declare", "insist", "observe", "remark", "add", "continue", "begin", "explain",
     "suggest", "admit", "confess", "complain", "protest", "inquire", "enquire", "demand", "beg", "pray"}
)  # fmt: skip
#: what a person has and a place or group has not ("Nippers's temper", "Ann's hand")
PERSON_POSSESSIONS = frozenset(
    {"head", "arm", "arms", "voice", "mind", "lip", "lips", "shoulder", "shoulders", "hair", "foot", "feet",
     "finger", "fingers", "cheek", "cheeks", "mouth", "nose", "brow", "forehead", "temper", "manner",
     "smile", "words", "thoughts", "opinion", "letter", "name", "room", "coat", "hat", "dress", "age",
     "health", "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "friend",
     "servant", "master", "mistress", "uncle", "aunt", "cousin", "nephew", "niece", "children", "child"}
)  # fmt: skip
#: adjectives said of a person before their name ("poor Florence", "old Pontifex", "dear Jo")
PERSON_EPITHETS = frozenset(
    {"poor", "dear", "old", "young", "little", "sweet", "beloved", "late", "kind", "good", "honest",
     "wicked", "pretty", "handsome", "lovely", "brave", "gentle", "unhappy", "wretched", "darling"}
)  # fmt: skip
#: nouns that say "a place" when a name is one ("Raveloe was a village")
PLACE_ATTR_NOUNS = frozenset(
    {"village", "town", "city", "hamlet", "place", "country", "county", "parish", "port", "river",
     "island", "valley", "district", "street", "house", "estate", "farm", "capital", "region", "province",
     "kingdom", "realm", "land", "world", "planet", "mountain", "hill", "lake", "sea", "suburb", "spot"}
)  # fmt: skip


#: verbs of travel and dwelling whose prepositional object is a place ("stopped at X", "set off
#: for X", "was born in X", "lived in X"); "goes to X" is left out ("the estate goes to Harvey")
TRAVEL_VERBS = frozenset(
    {"arrive", "travel", "sail", "journey", "return", "flee", "emigrate", "settle", "live", "reside",
     "dwell", "bear", "stop", "drive", "ride", "march", "retire", "set", "head", "move", "walk", "fly",
     "hurry", "hasten", "proceed", "remove", "stay", "land", "reach", "embark", "voyage", "wander"}
)  # fmt: skip
TRAVEL_PREPS = frozenset({"to", "in", "at", "for", "from", "into", "towards", "toward", "through"})
#: nouns whose "of" names a place ("the plains of X", "the streets of X", "the outskirts of X")
PLACE_OF_NOUNS = frozenset(
    {"plains", "plain", "streets", "street", "outskirts", "banks", "bank", "shores", "shore", "coast",
     "hills", "mountains", "heart", "centre", "center", "gates", "walls", "port", "parish", "borough",
     "suburbs", "environs", "neighbourhood", "neighborhood", "capital", "inhabitants", "people", "citizens",
     "map", "climate", "road", "roads", "town", "city", "village", "county", "state", "province"}
)  # fmt: skip


_QUOTES = frozenset({'"', "“", "”", "\u2018", "’", "'"})
_VOCATIVE_END = frozenset({",", ";", "!", "?", ".", "”", '"', "’", "--", "—"})


def vocative(first: Any, last: Any) -> bool:
    """A name said to someone inside a quotation: "Have a troche, Kronborg," ... ("Don't, Huck;").
    The name stands between a comma (or the opening quote) and closing punctuation, and the
    sentence holds a quotation mark: only a person is spoken to."""
    doc = first.doc
    if first.i == 0 or last.i + 1 >= len(doc):  # no token either side, in the sentence or not
        return False
    before, after = doc[first.i - 1], doc[last.i + 1]
    spoken = (before.text == "," and after.text in _VOCATIVE_END) or (
        before.text in ("“", '"') and after.text == ","  # "“Kronborg, come in.”"
    )
    if not spoken:  # tested before `first.sent`, which spaCy finds by walking the tokens
        return False
    sent = first.sent
    if first.i == sent.start or last.i + 1 >= sent.end:
        return False
    return any(t.text in _QUOTES for t in sent)


def action_votes(ent: Ent, head: Any, is_person_noun: Any) -> None:
    """Type votes from what the name's head does or is: the subject of a verb of speech, thought or
    feeling is a person ("said Nippers", "Ann wondered"); "X was a scrivener" a person and "X was a
    village" a place; "X's voice" belongs to a person. `is_person_noun` tests a common noun token."""
    if head.dep_ == "nsubj" and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
        if verb.lemma_.lower() in PERSON_SUBJECT_VERBS and verb.lemma_ != "be":
            ent.votes[C] += 1.5
        if verb.lemma_ == "be":
            for attr in (c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"):
                if attr.lemma_.lower() in PLACE_ATTR_NOUNS:
                    ent.votes[L] += 3
                elif is_person_noun(attr):
                    ent.votes[C] += 2
    if head.dep_ == "poss" and head.head.lemma_.lower() in PERSON_POSSESSIONS:
        ent.votes[C] += 1
    if head.dep_ == "pobj" and head.head.lower_ in TRAVEL_PREPS:
        verb = head.head.head
        if verb.lower_ == "off" or verb.dep_ == "prt":  # "set off for X"
            verb = verb.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in TRAVEL_VERBS:
            ent.votes[L] += 1.5
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in PLACE_OF_NOUNS:
        ent.votes[L] += 2  # "the plains of Languedoc"
    if (
        head.dep_ == "pobj"
        and head.head.lower_ == "of"
        and head.head.head.lemma_.lower() in PERSON_POSSESSIONS
    ):
        ent.votes[C] += 1  # "the two daughters of Agnes"
    for child in head.children:
        if child.dep_ == "amod" and child.i < head.i and child.lower_ in PERSON_EPITHETS:
            ent.votes[C] += 1  # "poor Florence", "old Pontifex"
        if child.dep_ == "relcl" and any(c.lower_ == "who" and c.dep_ == "nsubj" for c in child.children):
            ent.votes[C] += 1.5  # "Washington, who ...": with the shared rule's 1, a person over a place


# capitalised words that are not names ----------------------------------------------------------
#: alone, capitalised, these address or point at someone or somewhere but do not name them
#: ("Mother", "your Ladyship", "the East"), or name a day of the calendar ("Christmas")
NOT_NAMES_ALONE = frozenset(
    {"mother", "father", "papa", "mamma", "mama", "mammy", "pa", "ma", "granny", "grandpa", "grandma",
     "son", "sir", "madam", "ma'am", "ladyship", "lordship", "majesty", "highness", "excellency", "honour",
     "honor", "grace", "reverence", "north", "south", "east", "west", "christmas", "easter", "michaelmas",
     "sabbath", "lent", "advent", "whitsuntide", "midsummer", "chapter", "book", "part", "volume"}
)  # fmt: skip
_ROMAN = frozenset("ivxlcdm")
_DEMONYM_NOUN = re.compile(r"^[A-Z][a-z]+(ish|ch|sh)(wo)?m[ae]n$")  # "Englishman", "Dutchwomen"


def _not_proper(tok: Any) -> bool:
    """One capitalised word that is an adjective, adverb or interjection ("Good." as a reply), a
    people's adjective before a common noun ("a Gothic window", "the Welsh puddler") or a word for
    one of a people ("a pursy Englishman")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
        return False  # "an Interpol officer": a named group used as a modifier is still named
    if tok.pos_ in ("ADJ", "ADV", "INTJ"):
        return True
    if tok.tag_ == "JJ" and tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN":
        return True
    return bool(_DEMONYM_NOUN.match(tok.text))


def not_a_name(toks: Any) -> bool:
    """A capitalised run that is no name: one word of `NOT_NAMES_ALONE` or a title alone, a
    heading word with a Roman numeral ("CHAPTER II"), a numeral alone, or a word glued by a
    hyphen to a lower-case one ("Good-evening": a greeting)."""
    if not any(c.isalnum() for c in toks.text):
        return True
    words = [t for t in toks if t.is_alpha]  # "R2-D2" has none, and is a name
    if len(words) == 1 and (words[0].lower_ in NOT_NAMES_ALONE or _not_proper(words[0])):
        return True
    if len(toks) == 1 and toks[0].lower_ in TITLE_WORDS:
        return True  # "the Judge", "General": a role, standing for a person the rules cannot name
    if words and all(w.lower_ in NOT_NAMES_ALONE or set(w.lower_) <= _ROMAN for w in words):
        return words[0].lower_ in NOT_NAMES_ALONE or (len(words) == 1 and words[0].is_upper)
    last = toks[-1]
    doc = last.doc
    return (
        last.i + 2 < len(doc)
        and not last.whitespace_
        and doc[last.i + 1].text == "-"
        and not doc[last.i + 1].whitespace_
        and doc[last.i + 2].text[:1].islower()
        and doc[last.i + 2].lower_ not in PLACE_HEAD_WORDS  # "Wall-street" is a name
    )


# name boundaries -------------------------------------------------------------------------------
#: place or unit words a number completes ("District 12", "Sector 7", "Platform 9")
NUMBERED_HEADS = frozenset(
    {"district", "sector", "zone", "area", "block", "ward", "level", "gate", "camp", "station", "room",
     "platform", "hangar", "building", "unit", "base", "section", "bay", "dock", "pier", "route",
     "highway", "floor", "cell", "apartment", "suite", "squad", "division", "precinct", "lab", "site",
     "vault", "tower", "terminal", "outpost", "colony", "habitat", "deck", "wing"}
)  # fmt: skip
_OPEN_QUOTES = frozenset({'"', "“", "'", "\u2018"})
_CLOSE_QUOTES = frozenset({'"', "”", "'", "\u2019"})


def _initial(tok: Any) -> bool:
    """A capital initial with its full stop ("K.", "F.")."""
    return len(tok.text) == 2 and tok.text[0].isupper() and tok.text[1] == "."


#: last words of an institution whose name goes on after "for" ("Hospital for the Criminally Insane")
INSTITUTION_HEADS = frozenset(
    {"hospital", "institute", "school", "home", "asylum", "society", "center", "centre", "academy",
     "college", "foundation", "bureau", "department", "ministry", "office", "council", "committee",
     "association", "fund", "league", "commission", "agency", "sanatorium", "orphanage", "prison"}
)  # fmt: skip


def refine_runs(span: Any, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Name boundaries the proper-noun runs miss: an initial inside or after a name ("Obi-Wan K.",
    "John F. Kennedy"), a number completing a numbered place ("District 12"), a possessive
    facility ("Lincoln's Inn Hall": one place, not a person and a hall), and a quoted epithet after
    "the" ('the "Half-Blood Prince"': the words inside the quotes)."""
    doc = span.doc
    out = sorted(runs)
    merged: list[tuple[int, int]] = []
    for a, b in out:
        while b < span.end and _initial(doc[b]) and doc[b - 1].text[:1].isupper():
            b += 1  # "Obi-Wan K.", "John F." (then "Kennedy" joins below)
        if (
            b + 1 < span.end
            and doc[b - 1].lower_ in NUMBERED_HEADS
            and doc[b].text.isdigit()
            and len(doc[b].text) <= 4
        ):
            b += 1
        if merged:
            pa, pb = merged[-1]
            if pb == a and _initial(doc[a - 1]):
                merged[-1] = (pa, b)
                continue
            if (
                pb + 1 == a
                and doc[pb].tag_ == "POS"
                and (
                    doc[b - 1].lower_ in PLACE_HEAD_WORDS | {"street", "road", "square"}
                    or any(t.lower_ in BUSINESS_WORDS for t in doc[a:b])
                )
            ):
                merged[-1] = (pa, b)  # "Lincoln's Inn Hall", "Rick's Café Américain"
                continue
            head = pb - 1 if doc[pb - 1].lower_ != "for" else pb - 2  # the NER may keep the "for"
            gap = [t.lower_ for t in doc[head + 1 : a]]
            if gap in (["for"], ["for", "the"]) and head > pa and doc[head].lower_ in INSTITUTION_HEADS:
                merged[-1] = (pa, b)  # "the State Hospital for the Criminally Insane": one institution
                continue
        merged.append((a, b))
    i = span.start
    while i + 2 < span.end:
        if doc[i].text in _OPEN_QUOTES and i > span.start and doc[i - 1].lower_ == "the":
            k = i + 1
            while k < span.end and k - i <= 6 and (doc[k].text[:1].isupper() or doc[k].text in ("-", "of")):
                k += 1
            if k < span.end and k > i + 1 and doc[k].text in _CLOSE_QUOTES and doc[k - 1].text != "of":
                inner = (i + 1, k)
                merged = [r for r in merged if r[1] <= inner[0] or r[0] >= inner[1]]
                merged.append(inner)
                i = k
        i += 1
    return sorted(merged)


#: the last word of a named object, which is neither a character nor a place ("the Time Stone",
#: "the Invisibility Cloak"); such names are not kept as entities
OBJECT_HEADS = frozenset(
    {"stone", "stones", "cloak", "sword", "ring", "diamond", "amulet", "crown", "wand", "gem", "jewel",
     "orb", "chalice", "cup", "grail", "mirror", "necklace", "pendant", "blade", "hammer", "shield",
     "staff", "scroll", "tablet", "talisman", "locket", "dagger", "spear", "bow", "helm", "helmet",
     "gauntlet", "medallion", "key", "map", "book", "diary", "codex", "tome", "box", "cube", "device",
     "serum", "potion", "elixir", "relic", "artifact", "artefact", "horn", "lamp", "compass", "coin"}
)  # fmt: skip


def named_object(toks: Any) -> bool:
    """ "the Time Stone", "the Yellow Diamond": a name ending in an object word, of two words or
    after "the", that the NER does not call a person ("Emma Stone" stays a name)."""
    last = toks[-1]
    if last.lower_ not in OBJECT_HEADS or last.ent_type_ == "PERSON":
        return False
    first = toks[0]
    after_the = first.i > 0 and first.doc[first.i - 1].lower_ == "the"
    return len(toks) > 1 or after_the


def article_before(span: Any, i: int, j: int) -> int:
    """1 when a lower-case "the" before the name belongs to its mention ("the Arno", "the Claytons"):
    the name heads its noun phrase (not "the Essex marshes") and does not open with a title (not
    "the Lord Chancellor", a role). 0 otherwise."""
    doc = span.doc
    if i <= span.start or doc[i - 1].text != "the":
        return 0
    last = doc[j - 1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= j:
        return 0
    return 0 if title_word(doc[i].text) is not None else 1


#: prepositions of place: "at the Burrow", "into the Maze"
LOCATIVE_PREPS = frozenset({"at", "in", "into", "inside", "near", "outside", "towards", "toward", "within"})


def locative_votes(ent: Ent, first: Any, last: Any) -> None:
    """ "at the Burrow", "into the Hollow": a singular name after "the" as the object of a
    preposition of place is a place (outweighing the "the" that suggests a group)."""
    doc = first.doc
    after_the = first.i > 0 and doc[first.i - 1].lower_ == "the"
    if not after_the or last.tag_ in ("NNPS", "NNS") or last.dep_ != "pobj":
        return
    if last.head.lower_ in LOCATIVE_PREPS:
        ent.votes[L] += 1.5


def address_votes(ent: Ent, first: Any, last: Any) -> None:
    """A name spoken to is a person's ("Have a troche, Kronborg,")."""
    if vocative(first, last):
        ent.votes[C] += 2


def group_votes(ent: Ent, first: Any, last: Any) -> None:
    """A plural proper name after "the" names a group of people ("the Ringwraiths", "the Claytons"),
    not a place, unless the NER or its head word says place ("the Carpathians", "the Hebrides")."""
    doc = first.doc
    after_the = first.lower_ == "the" or (first.i > 0 and doc[first.i - 1].lower_ == "the")
    plural = last.tag_ in ("NNPS", "NNS") and last.text[:1].isupper() and last.lower_.endswith("s")
    if not after_the or not plural or last.lower_.endswith("ss"):
        return
    if last.ent_type_ in ("LOC", "GPE", "FAC") or last.lower_ in PLACE_HEAD_WORDS:
        return
    ent.votes[EntityType.ORGANIZATION] += 2.5


# aliases the text states -----------------------------------------------------------------------
ALIAS_NOUNS = frozenset({"alias", "pseudonym", "codename", "nom"})
#: every word (lower case) that one of `_alias_pair`'s branches starts from
_ALIAS_CUES = ALIAS_NOUNS | {"/", "name", "known", "a.k.a.", "aka", "a.k.a"}


def stated_aliases(doc: Doc, merge: Any) -> None:
    """Merge two names the text says are one: "A/B" (a slash between two names, no spaces), "A
    travels under the alias B", "A, alias B", "A, also known as B", "A (a.k.a. B)". The second
    name joins the first, which keeps its name. `merge(doc, a, b)` folds entity a into b."""
    for sent in doc.sentences:
        if sent.heading:
            continue
        for tok in sent.span:
            if tok.lower_ not in _ALIAS_CUES:
                continue  # no branch of `_alias_pair` starts here
            pair = _alias_pair(doc, sent, tok)
            if pair is None:
                continue
            main, alias = (doc.ents.get(k) for k in pair)
            if main is None or alias is None or main.key == alias.key:
                continue
            if main.fixed is not None or alias.fixed is not None:
                continue
            merge(doc, alias, main)


def _alias_pair(doc: Doc, sent: Any, tok: Any) -> tuple[str, str] | None:
    """(the named one's key, the alias's key) when `tok` is the cue of a stated alias."""
    span = sent.span
    ref = doc.token_ent.get
    if tok.text == "/" and span.start < tok.i < span.end - 1 and not tok.whitespace_:
        before, after = tok.nbor(-1), tok.nbor(1)
        if before.whitespace_:
            return None
        a, b = ref((sent.index, before.i)), ref((sent.index, after.i))
        return (a, b) if a and b else None
    if tok.lower_ == "name" and any(c.lower_ in ("real", "true", "birth") for c in tok.children):
        verb = tok.head  # "Bill, whose real name is Jame Gumb": Jame Gumb, also called Bill
        real = [ref((sent.index, c.i)) for c in verb.children if c.dep_ == "attr"]
        bearer = ref((sent.index, verb.head.i)) if verb.dep_ == "relcl" and tok.dep_ == "nsubj" else None
        return (real[0], bearer) if len(real) == 1 and real[0] and bearer else None
    cue_end: int | None = None
    if tok.lower_ in ALIAS_NOUNS:
        cue_end = tok.i + 1
    elif tok.lower_ == "known" and tok.i + 1 < span.end and tok.nbor(1).lower_ == "as":
        cue_end = tok.i + 2
    elif tok.lower_ in ("a.k.a.", "aka", "a.k.a"):
        cue_end = tok.i + 1
    if cue_end is None or cue_end >= span.end:
        return None
    k = cue_end + (1 if span.doc[cue_end].lower_ == "the" else 0)
    alias = ref((sent.index, k)) if k < span.end else None
    if alias is None:
        return None
    main = _named_one(doc, sent, tok)
    return (main, alias) if main else None


def _named_one(doc: Doc, sent: Any, cue: Any) -> str | None:
    """Who bears the alias: the subject of the verb the cue hangs from ("A travels under the alias
    B"), or the name the cue's clause modifies ("A, also known as B"; "A, alias B")."""
    ref = doc.token_ent.get
    node = cue
    for _ in range(6):
        if node.dep_ in ("acl", "appos") and ref((sent.index, node.head.i)):
            return ref((sent.index, node.head.i))
        if node.pos_ in ("VERB", "AUX"):
            subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            return ref((sent.index, subj[0].i)) if subj else None
        if node.head is node:
            return None
        node = node.head
    return None
