"""Identity across sources: one entity per real thing, never two things merged into one.

An incoming entity takes the IRI of a known one when (in this order) they share an external id
(Wikidata, IMDb, TMDb typed, MovieLens); or, for works, the same normalised title and release
year; or, for people and characters, the same normalised name and a shared work. Types must
agree (a film and a series are both works). When several known entities fit, nothing is merged
and the ambiguity is reported: we refuse to guess. Each fact keeps its own source.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import ClaimSet, Entity, EntityType, is_placeholder
from .stores.base import CanonicalStore
from .vocab import UG

WORK_LINKS = {"cast_member", "directed_by", "written_by", "produced_by"}  # work -> person
CHARACTER_LINKS = {"appears_in"}  # character -> work
#: types merged on a shared name alone (one group, place or universe per name in a graph)
NAME_ONLY = (EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.UNIVERSE)


def normal(name: str) -> str:
    """Names compared after NFKC, typographic quotes folded, case folded, a leading article dropped."""
    text = unicodedata.normalize("NFKC", name).replace("’", "'").replace("–", "-").casefold().strip()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


_NOT_WORD = re.compile(r"[^\w]+|_+")


def lookup_key(name: str) -> str:
    """The one key every name lookup compares (CLI, `ask`, API): accents, hyphens, punctuation,
    case and a leading article do not matter ("Obi Wan" and "Obi-Wan" meet, "Padme" and "Padmé").

    Stricter than `normal`, which identity resolution and scoring keep: a lookup is a person typing
    a name, so it forgives more; two names that differ only in punctuation still are one key.
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = " ".join(_NOT_WORD.sub(" ", bare.replace("’", "").replace("'", "").casefold()).split())
    for article in ("the ", "a ", "an "):
        if text.startswith(article) and len(text) > len(article):
            return text[len(article) :]
    return text


def best_name(names: Iterable[str]) -> str | None:
    """The display name among an entity's names: a real name before an id ("Peter Cushing" before
    "person/5"), then the first in sorted order so the choice never depends on ingest order.
    None when there is no name at all."""
    ranked = sorted(set(names), key=lambda n: (is_placeholder(n), n))
    return ranked[0] if ranked else None


def names_work(iri: str, names: Iterable[str], wanted: str) -> bool:
    """Whether a work is the one a user named (`--about`): its key (the IRI's last part), or one
    of its names under the lookup key."""
    key = lookup_key(wanted)
    return iri.rsplit("/", 1)[-1] == wanted or any(lookup_key(n) == key for n in names)


def _family(kind: EntityType) -> str:
    return "Work" if kind.is_work else kind.value


@dataclass
class Index:
    """What is known: entities by external id, works by (title, year), names by shared work."""

    by_id: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    family: dict[str, str] = field(default_factory=dict)
    works_by_title_year: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # iri -> normalised names
    shown: dict[str, str] = field(default_factory=dict)  # iri -> its best real name (display name)
    credited: dict[str, set[str]] = field(
        default_factory=lambda: defaultdict(set)
    )  # work -> people, characters

    def add(self, claims: ClaimSet) -> None:
        years = _years(claims)
        for entity in claims.entities:
            self.family[entity.id] = _family(entity.type)
            for scheme, value in entity.external_ids.model_dump(exclude_none=True).items():
                self.by_id[(scheme, str(value))].add(entity.id)
            self._show(entity.id, [entity.name] if not is_placeholder(entity.name) else entity.aliases)
            for name in _names(entity):
                self.names[entity.id].add(name)
                if entity.type.is_work and entity.id in years:
                    self.works_by_title_year[(name, years[entity.id])].add(entity.id)
        for who, work in _links(claims):
            self.credited[work].add(who)

    def _show(self, iri: str, names: Iterable[str]) -> None:
        """Remember the entity's best real name (ids are never remembered as names)."""
        real = [n for n in names if not is_placeholder(n)]
        if iri in self.shown:
            real.append(self.shown[iri])
        best = best_name(real)
        if best is not None:
            self.shown[iri] = best


_IDS_QUERY = """
SELECT ?e ?type ?scheme ?value WHERE {
  ?e a ?type ; ?p ?value .
  VALUES (?p ?scheme) { (ug:wikidata_id "wikidata") (ug:imdb_id "imdb") (ug:tmdb_id "tmdb")
                        (ug:movielens_id "movielens") }
}"""
_NAMES_QUERY = """
SELECT ?e ?type ?p ?name WHERE {
  ?e a ?type ; ?p ?name .
  VALUES ?p { rdfs:label ug:alias }
  VALUES ?type { ug:Film ug:Series ug:Person ug:Character ug:Organization ug:Location ug:Universe }
}"""
_YEARS_QUERY = "SELECT ?w ?year WHERE { ?w ug:release_year ?year }"
_CREDITS_QUERY = """
SELECT ?who ?work WHERE {
  { ?work ug:cast_member|ug:directed_by|ug:written_by|ug:produced_by ?who } UNION { ?who ug:appears_in ?work }
}"""


def index_from_store(store: CanonicalStore) -> Index:
    """The identity index of everything a store holds, by four queries (not by reading it all back)."""
    index = Index()
    ug = str(UG._NS)
    families = {ug + kind.value: _family(kind) for kind in EntityType}
    for row in store.query(_IDS_QUERY):
        family = families.get(row["type"].value)
        if family:
            index.family[row["e"].value] = family
            index.by_id[(row["scheme"].value, row["value"].value)].add(row["e"].value)
    names: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_NAMES_QUERY):
        iri = row["e"].value
        index.family[iri] = families[row["type"].value]
        if not is_placeholder(row["name"].value):
            names[iri].add(normal(row["name"].value))
            if row["p"].value.endswith("#label"):
                index._show(iri, [row["name"].value])
            else:
                aliases[iri].append(row["name"].value)
    for iri, alias_names in aliases.items():  # an alias is shown only where no label is a name
        if iri not in index.shown:
            index._show(iri, alias_names)
    years = {row["w"].value: int(row["year"].value) for row in store.query(_YEARS_QUERY)}
    for iri, known in names.items():
        index.names[iri] |= known
        if index.family[iri] == "Work" and iri in years:
            for name in known:
                index.works_by_title_year[(name, years[iri])].add(iri)
    for row in store.query(_CREDITS_QUERY):
        index.credited[row["work"].value].add(row["who"].value)
    return index


def _names(entity: Entity) -> list[str]:
    return [normal(n) for n in [entity.name, *entity.aliases] if not is_placeholder(n)]


def _years(claims: ClaimSet) -> dict[str, int]:
    return {
        r.subject: r.object
        for r in claims.relations
        if r.predicate == "release_year" and isinstance(r.object, int)
    }


def _links(claims: ClaimSet) -> Iterable[tuple[str, str]]:
    """(person or character, work) pairs: who is credited in or appears in which work."""
    for r in claims.relations:
        if r.predicate in WORK_LINKS and isinstance(r.object, str):
            yield r.object, r.subject
        elif r.predicate in CHARACTER_LINKS and isinstance(r.object, str):
            yield r.subject, r.object


@dataclass
class Resolution:
    claims: ClaimSet
    merged: dict[str, str]  # incoming iri -> known iri
    ambiguous: list[str]  # human-readable reports


def resolve(claims: ClaimSet, index: Index, pinned: frozenset[str] = frozenset()) -> Resolution:
    """Map the source's entities onto known ones; returns the rewritten claims and the reports.

    An entity whose IRI is `pinned` (already stored, if only as another source's placeholder) keeps
    it: mapping it by name elsewhere would leave the stored references on a nameless node (SWAPI's
    residents pointing at `planets/1` after a review named Tatooine first). External ids still merge.
    """
    mapping: dict[str, str] = {}
    reports: list[str] = []

    def settle(entity: Entity, candidates: set[str], why: str) -> bool:
        candidates = {c for c in candidates if index.family.get(c) == _family(entity.type) and c != entity.id}
        if len(candidates) == 1:
            mapping[entity.id] = next(iter(candidates))
            return True
        if len(candidates) > 1:
            reports.append(
                f"{entity.name!r} ({entity.type.value}, {claims.source.id}) matches several by {why}: "
                f"{', '.join(sorted(candidates))}; not merged"
            )
            return True  # decided: stay separate
        return False

    for entity in claims.entities:  # 1. external ids, for every type
        found: set[str] = set()
        for scheme, value in entity.external_ids.model_dump(exclude_none=True).items():
            found |= index.by_id.get((scheme, str(value)), set())
        if entity.id in found:
            continue  # already the same IRI
        settle(entity, found, "external id")
    years = _years(claims)
    for entity in claims.entities:  # 2. works by title and year
        if entity.id in mapping or entity.id in pinned or not entity.type.is_work or entity.id not in years:
            continue
        found = set()
        for name in _names(entity):
            found |= index.works_by_title_year.get((name, years[entity.id]), set())
        settle(entity, found, "title and year")
    links: dict[str, set[str]] = defaultdict(set)
    for subject, work in _links(claims):
        links[subject].add(mapping.get(work, work))
    for entity in claims.entities:  # 3. people and characters by name and a shared work
        if (
            entity.id in mapping
            or entity.id in pinned
            or entity.type not in (EntityType.PERSON, EntityType.CHARACTER)
        ):
            continue
        names = set(_names(entity))
        if not names or not links.get(entity.id):
            continue
        found = {
            iri
            for work in links[entity.id]
            for iri in index.credited.get(work, ())
            if index.names[iri] & names
        }
        settle(entity, found, "name and a shared work")
    for entity in claims.entities:  # 4. groups, places and universes by name (and type) alone
        if (
            entity.id in mapping
            or entity.id in pinned
            or entity.type not in NAME_ONLY
            or not entity.in_universe
        ):
            continue
        names = set(_names(entity))
        found = {iri for iri, known in index.names.items() if known & names and iri != entity.id}
        settle(entity, found, "name")
    rewritten = _rewrite(claims, mapping) if mapping else claims
    return Resolution(rewritten, mapping, reports)


def remapped(claims: ClaimSet, mapping: Mapping[str, str]) -> dict[str, Any]:
    """The claims as data with every entity reference renamed by `mapping`: entity ids, relation
    ends and qualifiers, events' work, location and participants, and the source's `about`."""
    data = claims.model_dump()

    def m(value: object) -> object:
        return mapping.get(value, value) if isinstance(value, str) else value

    for entity in data["entities"]:
        entity["id"] = m(entity["id"])
    for rel in data["relations"]:
        rel["subject"], rel["object"] = m(rel["subject"]), m(rel["object"])
        rel["qualifiers"]["character"] = m(rel["qualifiers"]["character"])
        rel["qualifiers"]["work"] = m(rel["qualifiers"]["work"])
    for event in data["events"]:
        event["work"], event["location"] = m(event["work"]), m(event["location"])
        for part in event["participants"]:
            part["entity"] = m(part["entity"])
    data["source"]["about"] = m(data["source"]["about"])
    return data


def _rewrite(claims: ClaimSet, mapping: dict[str, str]) -> ClaimSet:
    data = remapped(claims, mapping)
    merged: dict[str, dict[str, Any]] = {}
    for entity in data["entities"]:  # two incoming entities that became one
        known = merged.get(entity["id"])
        if known is None:
            merged[entity["id"]] = entity
        else:
            known["evidence"] = [*known["evidence"], *entity["evidence"]]
    data["entities"] = list(merged.values())
    return ClaimSet.model_validate(data)


def resolve_all(
    batch: Iterable[ClaimSet], known: Iterable[ClaimSet] = (), index: Index | None = None
) -> tuple[list[ClaimSet], list[str]]:
    """Resolve each source against what is known (claims, or a ready index) and the sources before it.

    Two passes, so the batch's order does not matter: every merge decided anywhere in the batch is
    applied to every source of it (a film file's `planets/1` follows the planet file's merge), and
    an entity a source only points at by id is then named by its entity's best real name, so an id
    never becomes a second label of a named entity.
    """
    index = index or Index()
    for claims in known:
        index.add(claims)
    pinned = frozenset(index.family)  # IRIs already stored keep their identity
    resolved, reports = [], []
    mapping: dict[str, str] = {}
    for claims in batch:
        result = resolve(claims, index, pinned)
        index.add(result.claims)
        resolved.append(result.claims)
        mapping.update(result.merged)
    for iri in mapping:  # a chain (X merged into Y, Y later into Z) ends at its last IRI
        seen = {iri}
        while mapping[iri] in mapping and mapping[iri] not in seen:
            seen.add(mapping[iri])
            mapping[iri] = mapping[mapping[iri]]
        reports += result.ambiguous
    return [_named(_rewrite(c, mapping) if _refers(c, mapping) else c, index) for c in resolved], reports


def _refers(claims: ClaimSet, mapping: Mapping[str, str]) -> bool:
    """True when any entity, relation end, qualifier, event reference or `about` is in `mapping`."""
    if not mapping:
        return False
    ends: list[object] = [e.id for e in claims.entities]
    for r in claims.relations:
        ends += [r.subject, r.object, r.qualifiers.character, r.qualifiers.work]
    for event in claims.events:
        ends += [event.work, event.location, *(p.entity for p in event.participants)]
    ends.append(claims.source.about)
    return any(isinstance(end, str) and end in mapping for end in ends)


def _named(claims: ClaimSet, index: Index) -> ClaimSet:
    """Placeholders (entities named only by an id) renamed to their entity's best real name."""
    renames = {
        e.id: index.shown[e.id]
        for e in claims.entities
        if is_placeholder(e.name) and not e.aliases and e.id in index.shown
    }
    if not renames:
        return claims
    entities = [
        e.model_copy(update={"name": renames[e.id]}) if e.id in renames else e for e in claims.entities
    ]
    return claims.model_copy(update={"entities": entities})
