"""Entity linking: every name, alias and value the store holds, case- and article-insensitively.

A question names its topic either in brackets (`[Black Snake Moan]`, MetaQA's convention) or in
plain words; then the longest known name inside the question is taken.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from .. import ontology
from ..model import EntityType
from ..resolve import normal
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
    max_words: int = 1

    def add(self, name: str, candidate: Candidate) -> None:
        if candidate not in self.exact[name]:
            self.exact[name].append(candidate)
        key = normal(name)
        if candidate not in self.folded[key]:
            self.folded[key].append(candidate)
        self.max_words = min(MAX_NAME_WORDS, max(self.max_words, len(WORD_RE.findall(name))))

    def lookup(self, name: str) -> list[Candidate]:
        """Exact name first; else case-, typography- and leading-article-insensitive."""
        found = self.exact.get(name.strip())
        if found:
            return list(found)
        return list(self.folded.get(normal(name), ()))

    def mentions(self, text: str) -> list[tuple[int, int, list[Candidate]]]:
        """Every known name inside `text` as (start, end, candidates), longest first, then leftmost."""
        words = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
        found = []
        for i in range(len(words)):
            for j in range(i, min(len(words), i + self.max_words)):
                start, end = words[i][0], words[j][1]
                span = text[start:end].rstrip("?.!,")
                candidates = self.lookup(span)
                if candidates and any(c.isalnum() for c in span):
                    found.append((start, start + len(span), candidates))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        return found

    def suggestions(self, name: str, n: int = 5) -> list[str]:
        import difflib

        close = difflib.get_close_matches(normal(name), list(self.folded), n=n)
        return [self.folded[c][0].name for c in close]


def build(store: CanonicalStore) -> NameIndex:
    """The name index of everything the store holds (entities by label and alias, string values)."""
    index = NameIndex()
    types = " ".join(f"ug:{t.value}" for t in EntityType)
    for row in store.query(_ENTITIES % types):
        iri, kind = row["e"], row["type"].value.rsplit("#", 1)[-1]
        candidate = Candidate(term=iri, type=kind, name=row["label"].value)
        index.add(row["label"].value, candidate)
        if row["alias"] is not None:
            index.add(row["alias"].value, candidate)
    valued = [info.name for info in ontology.predicates().values() if info.datatype in ("string", "integer")]
    for row in store.query(_VALUES % " ".join(f"ug:{p}" for p in valued)):
        value = row["v"]
        if isinstance(value, ox.Literal):
            index.add(value.value, Candidate(term=value, type=LITERAL, name=value.value))
    return index
