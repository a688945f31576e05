"""Entity linking: every name, alias and value the store holds, keyed by `resolve.lookup_key`
(accents, hyphens, punctuation, case and a leading article do not matter).

A question names its topic either in brackets (`[Black Snake Moan]`, MetaQA's convention) or in
plain words; then the longest known name inside the question is taken, but never a part of a
longer capitalised name the store does not know ("Skywalker" inside "Luke Skywalker" is not read
as someone else's alias). One entity is one candidate, shown by its best real name, however many
labels it has, so it is never ambiguous with itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import ontology
from ..model import EntityType, is_placeholder
from ..resolve import best_name, lookup_key
from ..stores.base import CanonicalStore
from .chains import LITERAL

_ENTITIES = """
SELECT ?e ?type ?label ?alias WHERE {
  ?e a ?type ; rdfs:label ?label .
  VALUES ?type { %s }
  OPTIONAL { ?e ug:alias ?alias }
}"""
_VALUES = "SELECT DISTINCT ?v WHERE { ?w ?p ?v . VALUES ?p { %s } }"
WORD_RE = re.compile(r"[\w'’.&:-]+|\S")
MAX_NAME_WORDS = 10


@dataclass(frozen=True)
class Candidate:
    """One thing a name may mean: an entity (with its type) or a value (type `Literal`)."""

    term: ox.NamedNode | ox.Literal
    type: str
    name: str

    @property
    def key(self) -> str:
        return self.term.value

    def describe(self) -> str:
        return f"{self.name} ({self.type.lower() if self.type != LITERAL else 'value'})"


@dataclass
class NameIndex:
    """Names (and aliases, and values) to the things they name."""

    exact: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[str, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    display: dict[str, str] = field(default_factory=dict)  # entity iri -> its display name
    max_words: int = 1
    _near: tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]] | None = None  # on first use

    def add(self, name: str, candidate: Candidate) -> None:
        if candidate not in self.exact[name]:
            self.exact[name].append(candidate)
        key = lookup_key(name)
        if candidate not in self.folded[key]:
            self.folded[key].append(candidate)
        self.max_words = min(MAX_NAME_WORDS, max(self.max_words, len(WORD_RE.findall(name))))

    def lookup(self, name: str) -> list[Candidate]:
        """Exact name first; else case-, typography- and leading-article-insensitive."""
        found = self.exact.get(name.strip())
        if found:
            return list(found)
        return list(self.folded.get(lookup_key(name), ()))

    def mentions(
        self, text: str, skip: frozenset[str] = frozenset()
    ) -> list[tuple[int, int, list[Candidate]]]:
        """Every known name inside `text` as (start, end, candidates), longest first, then leftmost;
        a possessive is not part of the name ("Charon's boss" names Charon), nor one typed without its
        apostrophe before another word ("Charons boss"), unless the word is in `skip` (relation words)."""
        found = []
        for start, span in self._spans(text):
            glued_s = 0  # 1 when the name is read without a possessive's "s" typed onto it
            candidates = self.lookup(span)
            bare = POSSESSIVE_RE.sub("", span)
            if not candidates and bare != span:
                span, candidates = bare, self.lookup(bare)
            if not candidates and _bare_possessive(text, start, span, skip):
                span, candidates, glued_s = span[:-1], self.lookup(span[:-1]), 1
            if (
                candidates
                and any(c.isalnum() for c in span)
                and not _inside_name(text, start, start + len(span) + glued_s)
            ):
                found.append((start, start + len(span), candidates))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        return found

    def _spans(self, text: str) -> Iterator[tuple[int, str]]:
        """Every run of up to `max_words` words of `text` as (start, span), trailing punctuation cut."""
        words = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
        for i in range(len(words)):
            for j in range(i, min(len(words), i + self.max_words)):
                start, end = words[i][0], words[j][1]
                yield start, text[start:end].rstrip("?.!,")

    def near(self, name: str) -> list[Candidate]:
        """Entities a mistyped or shortened name may mean: its first words ("padme", "obi wan", "Said"),
        or its last words ("vader"), or else one edit away from a whole name or alias ("Chewbaca",
        "the phantom menance").
        Values are never near matches; the caller decides whether the match is unique and usable."""
        key = lookup_key(POSSESSIVE_RE.sub("", name))
        if len(key) < MIN_NEAR:
            return []
        if self._near is None:
            self._near = _near_tables(self.folded)
        deletes, prefixes, suffixes = self._near
        keys = _beginning(prefixes, key) or set(suffixes.get(key, ()))  # first words, then last words
        for variant in () if keys else {key} | _deletes(key):
            for known in deletes.get(variant, ()):
                if _one_edit(key, known):
                    keys.add(known)
        out: list[Candidate] = []
        for k in sorted(keys):
            for c in self.folded.get(k, ()):
                if c.type != LITERAL and c not in out:
                    out.append(c)
        return out

    def parts(self, name: str) -> list[Candidate]:
        """Every entity the name is the first or last whole words of ("skywalker": Luke Skywalker, The
        Skywalker Legacy, ...): all a shortened name may mean."""
        key = lookup_key(POSSESSIVE_RE.sub("", name))
        if self._near is None:
            self._near = _near_tables(self.folded)
        _, prefixes, suffixes = self._near
        keys = sorted(_beginning(prefixes, key) | suffixes.get(key, set()))
        return [c for k in keys for c in self.folded.get(k, ()) if c.type != LITERAL]

    def near_mentions(self, text: str, skip: frozenset[str]) -> list[tuple[int, int, list[Candidate]]]:
        """Spans of `text` no known name covers that are near a name (see `near`), longest first; a
        span starts and ends on a word that is neither a question word nor in `skip` (relation words)."""
        found = []
        for start, span in self._spans(text):
            if not span.split():
                continue
            first, last = (POSSESSIVE_RE.sub("", w).casefold() for w in (span.split()[0], span.split()[-1]))
            if any(
                w in QUESTION_WORDS or w in skip or not any(c.isalnum() for c in w) for w in (first, last)
            ):
                continue
            if self.lookup(span) or self.lookup(POSSESSIVE_RE.sub("", span)):
                continue
            if _bare_possessive(text, start, span, skip) and self.lookup(span[:-1]):  # "winstons enemies"
                continue
            candidates, end = self.near(span), start + len(POSSESSIVE_RE.sub("", span))
            if not candidates and _bare_possessive(text, start, span, skip):  # "kiras enemies"
                candidates, end = self.near(span[:-1]), start + len(span) - 1
            if candidates:
                found.append((start, end, candidates))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        return found

    def suggestions(self, name: str, n: int = 5) -> list[str]:
        """Display names of the closest entities, by whole name; never an alias fragment or an id."""
        import difflib

        key = lookup_key(name)
        words = f" {key} "
        inside = [k for k in self.folded if key and words in f" {k} "][: 20 * n]  # whole words first
        close = difflib.get_close_matches(key, list(self.folded), n=4 * n)
        scored: dict[str, float] = {}
        for bonus, keys in ((1.0, inside), (0.0, close)):
            for k in keys:
                for c in self.folded[k]:
                    if c.type != LITERAL and not is_placeholder(c.name):
                        ratio = bonus + difflib.SequenceMatcher(a=key, b=lookup_key(c.name)).ratio()
                        scored[c.name] = max(scored.get(c.name, 0.0), ratio)
        return sorted(scored, key=lambda shown: (-scored[shown], shown))[:n]


POSSESSIVE_RE = re.compile(r"(?<=\w)(?:'s|’s|'|’)$")
NEXT_WORD_RE = re.compile(r"\s+\w")


def _bare_possessive(text: str, start: int, span: str, skip: frozenset[str]) -> bool:
    """Whether `span` may be a possessive typed without its apostrophe ("winstons enemies"): it ends in
    a single "s" that is not part of a relation or type word, and another word follows it."""
    last = span.split()[-1].casefold() if span.split() else ""
    return (
        len(last) >= 4
        and last.endswith("s")
        and not last.endswith("ss")
        and last not in skip
        and NEXT_WORD_RE.match(text, start + len(span)) is not None
    )


def _beginning(prefixes: dict[str, set[str]], key: str) -> set[str]:
    """The names `key` is the first words of ("Kira" of "Kira Solé"); of names that all begin with the
    shortest one ("lando": Lando Calrissian, Lando Calrissian's father), that one only."""
    keys = set(prefixes.get(key, ()))
    shortest = min(keys, key=len, default="")
    return {shortest} if keys and all(k.startswith(shortest) for k in keys) else keys


MIN_NEAR = 4  # shorter names are too easily one edit from another word


def _deletes(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _near_tables(
    folded: dict[str, list[Candidate]],
) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """Each entity key's one-deletion variants, its leading words ("obi wan" of "obi wan kenobi") and
    its trailing words ("vader" of "darth vader")."""
    deletes: dict[str, set[str]] = defaultdict(set)
    prefixes: dict[str, set[str]] = defaultdict(set)
    suffixes: dict[str, set[str]] = defaultdict(set)
    for key, candidates in folded.items():
        if len(key) < MIN_NEAR or all(c.type == LITERAL for c in candidates):
            continue
        deletes[key].add(key)
        for variant in _deletes(key):
            deletes[variant].add(key)
        words = key.split()
        for n in range(1, len(words)):
            head = " ".join(words[:n])
            if len(head) >= MIN_NEAR:
                prefixes[head].add(key)
            tail = " ".join(words[n:])
            if len(tail) >= MIN_NEAR:
                suffixes[tail].add(key)
    return deletes, prefixes, suffixes


#: capitalised words that start a question rather than continue a name
QUESTION_WORDS = frozenset(
    [
        "who",
        "whom",
        "whose",
        "what",
        "which",
        "where",
        "when",
        "why",
        "how",
        "did",
        "does",
        "do",
        "is",
        "was",
        "are",
        "were",
        "has",
        "have",
        "had",
        "in",
        "on",
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "at",
        "tell",
        "list",
        "name",
        "show",
        "give",
    ]
)


def _inside_name(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is glued to a capitalised word next to it, so it is only a part
    of a longer name ("Skywalker" in "who killed Luke Skywalker?"); question words don't count."""

    def capitalised(word: str) -> bool:
        return word[:1].isupper() and word.casefold() not in QUESTION_WORDS

    before = re.search(r"([\w'’-]+)\s+$", text[:start])
    after = re.match(r"\s+([\w'’-]+)", text[end:])
    glued = text[end : end + 1].isalnum() or (start > 0 and text[start - 1].isalnum())
    return (
        glued or bool(before and capitalised(before.group(1))) or bool(after and capitalised(after.group(1)))
    )


def build(store: CanonicalStore) -> NameIndex:
    """The name index of everything the store holds (entities by label and alias, string values)."""
    index = NameIndex()
    types = " ".join(f"ug:{t.value}" for t in EntityType)
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    terms: dict[str, ox.NamedNode] = {}
    for row in store.query(_ENTITIES % types):
        iri, kind = row["e"], row["type"].value.rsplit("#", 1)[-1]
        terms[iri.value] = iri
        labels[(iri.value, kind)].add(row["label"].value)
        if row["alias"] is not None:
            aliases[(iri.value, kind)].add(row["alias"].value)
    for (iri_text, kind), known in sorted(labels.items()):  # one candidate per entity and type
        real = [n for n in known if not is_placeholder(n)]
        shown = best_name(real) or best_name(n for n in aliases[(iri_text, kind)] if not is_placeholder(n))
        shown = shown or best_name(known) or iri_text
        index.display.setdefault(iri_text, shown)
        candidate = Candidate(term=terms[iri_text], type=kind, name=shown)
        for name in sorted(known | aliases[(iri_text, kind)]):
            index.add(name, candidate)
    valued = [info.name for info in ontology.predicates().values() if info.datatype in ("string", "integer")]
    for row in store.query(_VALUES % " ".join(f"ug:{p}" for p in valued)):
        value = row["v"]
        if isinstance(value, ox.Literal):
            index.add(value.value, Candidate(term=value, type=LITERAL, name=value.value))
    return index
