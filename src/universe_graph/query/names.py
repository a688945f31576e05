"""Name lookup: accent-, hyphen-, punctuation-, case- and alias-insensitive, refusing to guess.

Every name is keyed by `resolve.lookup_key`, the one normaliser all lookups share. An entity is
shown by its best real name (`resolve.best_name`); an id (`people/4`, `nm0000148`) is shown only
for an entity no source names, and is never listed among aliases or suggestions.

An ambiguous name (John Wick the film or the character) raises `AmbiguousName` listing every
candidate with its type and how to choose; an unknown name raises `NotFound` with the closest
names. The index of names is read once per store version (four graphs change, it is rebuilt).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox
from pydantic import BaseModel

from ..errors import AmbiguousName, BadInput, NotFound
from ..model import EntityType, is_placeholder
from ..resolve import best_name, lookup_key
from ..stores.base import CanonicalStore
from ..stores.sync import UniverseStore
from ..vocab import UG

_UG = str(UG._NS)
#: Types a user may name with --type: the entity classes, plus Work for films and series.
TYPES: tuple[str, ...] = (*(t.value for t in EntityType), "Work")

_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ALIAS = ox.NamedNode(_UG + "alias")
_CLASSES = {ox.NamedNode(_UG + t.value): t.value for t in EntityType}


class EntityRef(BaseModel):
    """A resolved entity: its IRI, display name, type and aliases."""

    iri: str
    name: str
    type: str
    aliases: list[str] = []

    def __str__(self) -> str:
        return f"{self.name} ({self.type})"


@dataclass
class NameIndex:
    """Every entity's names, by normalised form."""

    refs: dict[str, EntityRef] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    shown: dict[str, str] = field(default_factory=dict)  # normalised -> a form as written


def build_index(store: CanonicalStore, graphs: frozenset[str]) -> NameIndex:
    """Every entity's type, labels and aliases, read straight from the quad index (one scan per
    class, one for labels, one for aliases)."""
    types: dict[str, str] = {}
    for cls, kind in _CLASSES.items():
        for quad in store.quads(None, _RDF_TYPE, cls, graphs):
            types[quad.subject.value] = kind  # type: ignore[union-attr]
    labels: dict[str, list[str]] = defaultdict(list)
    aliases: dict[str, list[str]] = defaultdict(list)
    for predicate, into in ((_RDFS_LABEL, labels), (_ALIAS, aliases)):
        for quad in store.quads(None, predicate, None, graphs):
            iri = quad.subject.value  # type: ignore[union-attr]
            if iri in types and isinstance(quad.object, ox.Literal):
                into[iri].append(quad.object.value)
    index = NameIndex()
    for iri, kind in types.items():
        real = sorted({n for n in [*labels.get(iri, []), *aliases.get(iri, [])] if not is_placeholder(n)})
        ids = sorted({n for n in labels.get(iri, []) if is_placeholder(n)})
        name = best_name([n for n in labels.get(iri, []) if not is_placeholder(n)]) or best_name(real)
        name = name or (ids[0] if ids else iri)  # an id only where no source names the entity
        alias_list = [n for n in real if n != name]
        index.refs[iri] = EntityRef(iri=iri, name=name, type=kind, aliases=alias_list)
        for text in [name, *alias_list, *ids]:  # an id still finds its entity, but is never shown
            key = lookup_key(text)
            index.by_name[key].add(iri)
            index.shown.setdefault(key, text)
    return index


def name_index(store: UniverseStore) -> NameIndex:
    """The name index of the store's current version (its read snapshot's part, built once per
    version and persisted beside the store)."""
    from ..snapshot import snapshot

    shot = snapshot(store)
    return shot.part("names", lambda: build_index(store.canonical, frozenset(shot.view.version)))


def check_type(type: str | None) -> str | None:
    """A --type value in its canonical spelling; an unknown one lists the valid types."""
    if type is None:
        return None
    for known in TYPES:
        if known.casefold() == type.strip().casefold():
            return known
    raise BadInput.at("--type", f"unknown type {type!r}; valid: {', '.join(TYPES)}")


def _fits(ref: EntityRef, type: str | None) -> bool:
    if type is None:
        return True
    if type == "Work":
        return ref.type in ("Film", "Series")
    return ref.type == type


def find_entity(
    store: UniverseStore, name: str, *, type: str | None = None, want: Sequence[str] | None = None
) -> EntityRef:
    """The one entity a name (or alias, or IRI) denotes; refuses to guess.

    `type` restricts the candidates (as --type does); `want` lists preferred types and settles
    an ambiguity only when exactly one candidate has one of them.
    """
    kind = check_type(type)
    index = name_index(store)
    if name in index.refs and _fits(index.refs[name], kind):
        return index.refs[name]
    key = lookup_key(name)
    found = [index.refs[i] for i in sorted(index.by_name.get(key, ())) if _fits(index.refs[i], kind)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1 and want:
        wanted = [check_type(w) for w in want]
        preferred = [r for r in found if any(_fits(r, w) for w in wanted)]
        if len(preferred) == 1:
            return preferred[0]
    if len(found) > 1:
        types = {r.type for r in found}
        same_type = len(types) < len(found)
        candidates = [(f"{r.name} <{r.iri}>" if same_type else r.name, r.type) for r in found]
        how = "--type (" + ", ".join(sorted(types)) + ")"
        if same_type:
            how += " or the IRI"
        raise AmbiguousName(name, candidates, how=how)
    what = "entity" if kind is None else kind
    raise NotFound(what, name, suggestions(index, key, kind))


def suggestions(index: NameIndex, key: str, kind: str | None = None, n: int = 5) -> list[str]:
    """The closest entities' display names, ranked by how close their whole name is to `key`.

    Aliases help find an entity ("Ben" finds Obi-Wan Kenobi) but the suggestion is the entity's
    name, once, never the alias fragment ("Wan"). Names that hold the key as whole words come first
    ("Padme" -> "Padmé Amidala"), then close spellings; a key inside a longer name ("Chapter 4")
    is the fallback when neither is found.
    """
    pool = [k for k, iris in index.by_name.items() if any(_fits(index.refs[i], kind) for i in iris)]
    words = f" {key} "
    inside = [k for k in pool if key and words in f" {k} "]  # "padme" in "padme amidala": first
    close = difflib.get_close_matches(key, pool, n=4 * n, cutoff=0.6)
    if not close and not inside:  # a part of a longer name: "Chapter 4" for "John Wick: Chapter 4"
        close = [k for k in pool if key and key in k]
    scored: dict[str, float] = {}
    for bonus, keys in ((1.0, inside), (0.0, close)):
        for k in keys:
            for iri in index.by_name[k]:
                ref = index.refs[iri]
                if not _fits(ref, kind) or is_placeholder(ref.name):
                    continue
                whole = bonus + difflib.SequenceMatcher(a=key, b=lookup_key(ref.name)).ratio()
                scored[ref.name] = max(scored.get(ref.name, 0.0), whole)
    return sorted(scored, key=lambda name: (-scored[name], name))[:n]
