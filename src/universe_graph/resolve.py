"""Identity across sources: one entity per real thing, never two things merged into one.

Resolution is a stage of its own that decides over everything known at once (the store and the
incoming sources), so neither ingest order nor batch order changes the outcome. Entities of one
family (a film and a series are both works) become one when, in this order, they share an
external id (Wikidata, IMDb, TMDb typed, MovieLens); for groups, places and universes, one name;
for works, one release year and one title (articles, episode numbering and punctuation aside;
a whole title may be the main title or subtitle of another); for people, one name and a shared
work; for characters, one name or alias and a shared work, then one universe. Guards keep apart
two ids of one scheme and a documentary from the work it is about. When one context fits several
entities nothing is merged and the ambiguity is reported: we refuse to guess. Each fact keeps its
own source; the IRI kept for a group is chosen by `rank`, never by who came first.

A person's decisions (`curation` sources, written by `universe-graph merge` and `split`) are input
like any other claim: a `same_as` decision joins two entities before any rule runs, a
`different_from` decision keeps two entities (and the groups that hold them) apart whatever the rules
say. Decision sources are never rewritten, so they keep naming the IRIs the person decided about.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .model import ClaimSet, EntityType, SourceKind, is_placeholder
from .stores.base import CanonicalStore, SourceRecord
from .vocab import ID_BASE, UG

WORK_LINKS = {"cast_member", "directed_by", "written_by", "produced_by"}  # work -> person
CHARACTER_LINKS = {"appears_in"}  # character -> work
#: types merged on a shared name alone (one group, place or universe per name in a graph)
NAME_ONLY = (EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.UNIVERSE)
#: a person's identity decisions (curation sources): predicate -> what resolution does with it
SAME, APART = "same_as", "different_from"
DECIDED = (SAME, APART)


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


name_key = functools.lru_cache(maxsize=1 << 17)(lookup_key)  # identity looks up each name many times


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


# ------------------------------------------------------------------------------------------ titles

_EPISODE_HEAD = re.compile(r"^(?:episode|part|chapter|volume|vol|book)\s+(?:[ivxlcdm]+|\d+)\b\s*")
_EPISODE_TAIL = re.compile(r"\s*\b(?:episode|part|chapter|volume|vol|book)\s+(?:[ivxlcdm]+|\d+)$")
_SEPARATOR = re.compile(r"\s*:\s+|\s+[-\u2013\u2014]\s+")


@functools.lru_cache(maxsize=1 << 17)
def title_keys(title: str) -> tuple[str, frozenset[str]]:
    """A work's title as (whole key, part keys) for matching across sources.

    The whole key is the lookup key of the title without its episode numbering ("Star Wars:
    Episode IV - A New Hope" -> "star wars new hope"); the parts are the main title and the
    subtitle when the title has a colon or a spaced dash ("star wars", "new hope"). A whole title
    may match another's whole or part, never a part another's part ("X: One" is not "X: Two").
    """
    segments = []
    for raw in _SEPARATOR.split(title):
        key = _EPISODE_TAIL.sub("", _EPISODE_HEAD.sub("", lookup_key(raw))).strip()
        if key:
            segments.append(lookup_key(key))
    whole = " ".join(segments) or lookup_key(title)
    parts = frozenset({segments[0], segments[-1]}) - {whole} if len(segments) > 1 else frozenset()
    return whole, parts


_UNIVERSE_WORDS = re.compile(r"\s+(?:cinematic universe|universe|collection|franchise|film series|saga)$")


def universe_key(name: str) -> str:
    """A universe's name without the generic word a source adds ("X Collection", "X universe")."""
    key = normal(name)
    bare = _UNIVERSE_WORDS.sub("", key)
    return bare or key


# ------------------------------------------------------------------------------------------ index


@dataclass
class Node:
    """What identity needs to know of one entity, gathered from every source that mentions it."""

    kind: EntityType
    names: set[str] = field(default_factory=set)  # real names (labels and aliases), as given
    ids: set[tuple[str, str]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    genres: set[str] = field(default_factory=set)
    works: set[str] = field(default_factory=set)  # works a person or character is credited in
    universes: set[str] = field(default_factory=set)  # part_of_universe / part_of_series objects
    in_universe: bool = True
    id_labels: bool = False  # some source labels it by an id only

    @property
    def family(self) -> str:
        return _family(self.kind)

    @property
    def year(self) -> int | None:
        """The earliest release year any source gives."""
        return min(self.years) if self.years else None


DOCUMENTARY = ID_BASE + "genre/documentary"
_EXTERNAL_KEY = re.compile(r"^(?:imdb|tmdb|movielens|swapi|wikidata)-")


def rank(iri: str) -> tuple[bool, str]:
    """Which IRI of a merged group is kept: an IRI a source chose (a universe file's) before one
    minted from an external id, then the smallest, so the choice never depends on ingest order."""
    return (bool(_EXTERNAL_KEY.match(iri.rsplit("/", 1)[-1])) or "/wikidata-label/" in iri, iri)


@dataclass
class Index:
    """Everything identity knows: one `Node` per entity IRI, stored or incoming."""

    nodes: dict[str, Node] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # iri -> its best real name (display name)
    #: a person's decisions: (predicate, one IRI, the other IRI, the deciding source's id)
    decisions: set[tuple[str, str, str, str]] = field(default_factory=set)

    def node(self, iri: str, kind: EntityType) -> Node:
        known = self.nodes.get(iri)
        if known is None:
            known = self.nodes[iri] = Node(kind)
        return known

    def name_of(self, iri: str) -> str:
        """How a decision or candidate shows an entity: its display name, else the id's last part."""
        return self.shown.get(iri, iri.rsplit("/", 1)[-1])

    def add(self, claims: ClaimSet) -> None:
        """Learn one source's entities and the links identity compares."""
        for entity in claims.entities:
            node = self.node(entity.id, entity.type)
            for scheme, value in entity.external_ids.model_dump(exclude_none=True).items():
                node.ids.add((scheme, str(value)))
            real = [n for n in [entity.name, *entity.aliases] if not is_placeholder(n)]
            node.names.update(real)
            node.in_universe = node.in_universe and entity.in_universe
            node.id_labels = node.id_labels or is_placeholder(entity.name)
            self._show(entity.id, [entity.name] if not is_placeholder(entity.name) else real)
        for r in claims.relations:
            if r.predicate in DECIDED and isinstance(r.object, str):
                self.decisions.add((r.predicate, r.subject, r.object, claims.source.id))
            else:
                self._link(r.subject, r.predicate, r.object)

    def _link(self, subject: str, predicate: str, obj: object) -> None:
        node = self.nodes.get(subject)
        if predicate == "release_year" and isinstance(obj, int) and node is not None:
            node.years.add(obj)
        elif not isinstance(obj, str):
            return
        elif predicate == "genre" and node is not None:
            node.genres.add(obj)
        elif predicate in ("part_of_universe", "part_of_series") and node is not None:
            node.universes.add(obj)
        elif predicate in WORK_LINKS and obj in self.nodes:
            self.nodes[obj].works.add(subject)
        elif predicate in CHARACTER_LINKS and node is not None:
            node.works.add(obj)

    def _show(self, iri: str, names: Iterable[str]) -> None:
        """Remember the entity's best real name (ids are never remembered as names)."""
        real = [n for n in names if not is_placeholder(n)]
        if iri in self.shown:
            real.append(self.shown[iri])
        best = best_name(real)
        if best is not None:
            self.shown[iri] = best


_TYPES_QUERY = """
SELECT ?e ?type ?in WHERE {
  ?e a ?type .
  VALUES ?type { ug:Film ug:Series ug:Person ug:Character ug:Organization ug:Location ug:Universe ug:Genre }
  OPTIONAL { ?e ug:in_universe ?in }
}"""
_IDS_QUERY = """
SELECT ?e ?scheme ?value WHERE {
  ?e ?p ?value .
  VALUES (?p ?scheme) { (ug:wikidata_id "wikidata") (ug:imdb_id "imdb") (ug:tmdb_id "tmdb")
                        (ug:movielens_id "movielens") }
}"""
_NAMES_QUERY = "SELECT ?e ?p ?name WHERE { ?e ?p ?name . VALUES ?p { rdfs:label ug:alias } }"
_LINKS_QUERY = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o .
  VALUES ?p { ug:release_year ug:genre ug:part_of_universe ug:part_of_series ug:cast_member
              ug:directed_by ug:written_by ug:produced_by ug:appears_in }
}"""


_DECISIONS_QUERY = """
SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o . VALUES ?p { ug:same_as ug:different_from } } }"""


def decisions_in(
    store: CanonicalStore, leave_out: Collection[str] = (), records: Mapping[str, SourceRecord] | None = None
) -> set[tuple[str, str, str, str]]:
    """A person's identity decisions in the store, by one query: (predicate, IRI, IRI, source id)."""
    ug = str(UG._NS)
    records = store.sources() if records is None else records
    graphs = [r.graph for sid, r in records.items() if sid not in leave_out] if leave_out else None
    if graphs == []:
        return set()
    source_of = {r.graph: sid for sid, r in records.items() if sid not in leave_out}
    found = set()
    for row in store.query(_DECISIONS_QUERY, graphs=graphs):
        if (sid := source_of.get(row["g"].value)) is not None:
            found.add((row["p"].value.removeprefix(ug), row["s"].value, row["o"].value, sid))
    return found


def index_from_store(store: CanonicalStore, leave_out: Collection[str] = ()) -> Index:
    """The identity index of everything a store holds, by six queries (not by reading it all back);
    the sources in `leave_out` are not read (they are about to be replaced)."""
    index = Index()
    ug = str(UG._NS)
    records = store.sources()
    graphs = None
    if leave_out:
        graphs = [r.graph for sid, r in records.items() if sid not in leave_out]
        if not graphs:
            return index
    index.decisions = decisions_in(store, leave_out, records)
    for row in store.query(_TYPES_QUERY, graphs=graphs):
        typed = index.node(row["e"].value, EntityType(row["type"].value.removeprefix(ug)))
        if row["in"] is not None and row["in"].value == "false":
            typed.in_universe = False
    for row in store.query(_IDS_QUERY, graphs=graphs):
        if (node := index.nodes.get(row["e"].value)) is not None:
            node.ids.add((row["scheme"].value, row["value"].value))
    aliases: dict[str, list[str]] = defaultdict(list)
    for row in store.query(_NAMES_QUERY, graphs=graphs):
        iri, name = row["e"].value, row["name"].value
        if (node := index.nodes.get(iri)) is None:
            continue
        if is_placeholder(name):
            node.id_labels = node.id_labels or row["p"].value.endswith("#label")
            continue
        node.names.add(name)
        if row["p"].value.endswith("#label"):
            index._show(iri, [name])
        else:
            aliases[iri].append(name)
    for iri, alias_names in aliases.items():  # an alias is shown only where no label is a name
        if iri not in index.shown:
            index._show(iri, alias_names)
    for row in store.query(_LINKS_QUERY, graphs=graphs):
        obj = row["o"]
        value: object = int(obj.value) if row["p"].value.endswith("release_year") else obj.value
        index._link(row["s"].value, row["p"].value.removeprefix(ug), value)
    return index


# ------------------------------------------------------------------------------------------ result


Outcome = Literal["merged", "kept_apart", "ambiguous"]


class Decision(BaseModel):
    """One identity decision: which entities, by which rule, with what outcome, and why."""

    model_config = ConfigDict(frozen=True)

    outcome: Outcome
    rule: str  # external id, title and year, name, name and a shared work, name and universe
    entities: list[str]
    names: list[str]
    why: str

    def line(self) -> str:
        """The decision as one line for a report."""
        shown = ", ".join(f"{n} <{e}>" for n, e in zip(self.names, self.entities, strict=True))
        return f"{self.outcome.replace('_', ' ')} by {self.rule}: {shown}: {self.why}"


class ResolutionResult(BaseModel):
    """What resolution did: every merge, every pair kept apart by a guard, every ambiguity."""

    merged: list[Decision] = Field(default_factory=list)
    kept_apart: list[Decision] = Field(default_factory=list)
    ambiguous: list[Decision] = Field(default_factory=list)
    mapping: dict[str, str] = Field(default_factory=dict)  # merged IRI -> the IRI kept

    def reports(self, limit: int = 20) -> list[str]:
        """The ambiguities as warning lines (the first `limit`, then how many more)."""
        lines = [d.line() for d in self.ambiguous[:limit]]
        if len(self.ambiguous) > limit:
            lines.append(f"... and {len(self.ambiguous) - limit} more ambiguous identities (not merged)")
        return lines


# ------------------------------------------------------------------------------------------ clustering


class _Groups:
    """Union-find over IRIs; the representative of a group is its best-ranked IRI."""

    def __init__(self, iris: Iterable[str]) -> None:
        self.parent = {iri: iri for iri in iris}

    def find(self, iri: str) -> str:
        root = iri
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[iri] != root:
            self.parent[iri], iri = root, self.parent[iri]
        return root

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        keep, drop = (ra, rb) if rank(ra) <= rank(rb) else (rb, ra)
        self.parent[drop] = keep
        return True


class _Resolver:
    """Decides identity over a whole index at once, stage by stage, so order never matters."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.nodes = index.nodes
        self.groups = _Groups(sorted(self.nodes))
        self.result = ResolutionResult()
        self._ids: dict[str, dict[str, set[str]]] = {}
        self._decided: set[tuple[str, str, tuple[str, ...]]] = set()
        self._with_ids = [iri for iri, node in self.nodes.items() if node.ids]
        known = [d for d in sorted(index.decisions) if d[1] in self.nodes and d[2] in self.nodes]
        self._same = [(a, b, sid) for p, a, b, sid in known if p == SAME]
        self._apart = [(a, b, sid) for p, a, b, sid in known if p == APART]

    def name_of(self, iri: str) -> str:
        return self.index.name_of(iri)

    def decide(self, outcome: Outcome, rule: str, iris: Iterable[str], why: str) -> Decision:
        entities = sorted(set(iris))
        decision = Decision(
            outcome=outcome, rule=rule, entities=entities, names=[self.name_of(i) for i in entities], why=why
        )
        seen = (outcome, decision.rule, tuple(entities))
        if seen not in self._decided:  # one report per set of entities, not one per member
            self._decided.add(seen)
            getattr(self.result, outcome).append(decision)
        return decision

    def run(self) -> ResolutionResult:
        self.by_decision()
        self.by_ids()
        self.by_name_alone()
        self._ids = self.group_ids()  # kept up to date by `settle` from here on
        for stage in (self.works, self.people, self.characters):
            for _ in range(10):  # a merge may reveal another (three sources, one film)
                if not stage(final=False):
                    break
            stage(final=True)
        for iri in self.nodes:
            root = self.groups.find(iri)
            if root != iri:
                self.result.mapping[iri] = root
        return self.result

    # -- guards ---------------------------------------------------------------------------------
    def group_ids(self) -> dict[str, dict[str, set[str]]]:
        """Each group's external ids by scheme (two values of one scheme: two things)."""
        out: dict[str, dict[str, set[str]]] = {}
        for iri in self._with_ids:
            group = out.setdefault(self.groups.find(iri), {})
            for scheme, value in self.nodes[iri].ids:
                group.setdefault(scheme, set()).add(value)
        return out

    def clash(self, a: str, b: str) -> str | None:
        """Why two groups must stay apart whatever their names say (different ids of one scheme,
        or a person's decision that two of their members are different)."""
        ids_a, ids_b = self._ids.get(a, {}), self._ids.get(b, {})
        for scheme in sorted(set(ids_a) & set(ids_b)):
            if not ids_a[scheme] & ids_b[scheme]:
                return f"different {scheme} ids ({', '.join(sorted(ids_a[scheme] | ids_b[scheme]))})"
        return self.split(a, b)

    def split(self, a: str, b: str) -> str | None:
        """The decision that keeps groups `a` and `b` apart, if a person made one."""
        for x, y, sid in self._apart:
            if {self.groups.find(x), self.groups.find(y)} == {a, b}:
                return f"a person decided they are different (source {sid})"
        return None

    def join(self, a: str, b: str, rule: str, why: str) -> bool:
        """Union two entities' groups unless a decision keeps them apart (then say so)."""
        ra, rb = self.groups.find(a), self.groups.find(b)
        if ra == rb:
            return False
        apart = self.split(ra, rb)
        if apart is not None:
            self.decide("kept_apart", rule, [a, b], f"{why}, but {apart}")
            return False
        return self.groups.union(ra, rb)

    # -- stages ---------------------------------------------------------------------------------
    def by_decision(self) -> None:
        """A person's `same_as` decisions join two entities of one family, before any rule runs."""
        for a, b, sid in self._same:
            na, nb = self.nodes[a], self.nodes[b]
            if na.family != nb.family:
                why = f"a person decided they are one (source {sid}), but a {na.kind} is never a {nb.kind}"
                self.decide("kept_apart", "decision", [a, b], why)
            elif self.join(a, b, "decision", f"a person decided they are one (source {sid})"):
                self.decide("merged", "decision", [a, b], f"a person decided they are one (source {sid})")

    def by_ids(self) -> None:
        """Entities of one family that share any external id are one."""
        holders: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for iri, node in sorted(self.nodes.items()):
            for scheme, value in node.ids:
                holders[(node.family, scheme, value)].append(iri)
        for (_, scheme, value), iris in sorted(holders.items()):
            why = f"same {scheme} id {value}"
            merged = [b for b in iris[1:] if self.join(iris[0], b, "external id", why)]
            if merged:
                self.decide("merged", "external id", [iris[0], *merged], why)

    def by_name_alone(self) -> None:
        """Groups, places and universes (in the story) of one type and one name are one."""
        holders: dict[tuple[EntityType, str], list[str]] = defaultdict(list)
        for iri, node in sorted(self.nodes.items()):
            if node.kind in NAME_ONLY and node.in_universe:
                keyer = universe_key if node.kind is EntityType.UNIVERSE else normal
                for key in {keyer(n) for n in node.names}:
                    holders[(node.kind, key)].append(iri)
        for (_, key), iris in sorted(holders.items()):
            why = f"same type and name {key!r}"
            merged = [b for b in iris[1:] if self.join(iris[0], b, "name", why)]
            if merged:
                self.decide("merged", "name", [iris[0], *merged], why)

    def settle(self, rule: str, contexts: Mapping[str, list[tuple[str, set[str]]]], *, final: bool) -> bool:
        """Merge each entity with every group it matches, unless in one context it matches two
        groups (then it is ambiguous: reported, never guessed). Decided from one state, applied
        after, so the order of entities does not matter. Returns whether anything merged."""
        unions: list[tuple[str, str, str]] = []
        blocked: set[str] = set()  # groups with an ambiguous member: nobody merges into them
        for iri in sorted(contexts):
            mine = self.groups.find(iri)
            found: dict[str, str] = {}
            ambiguous: tuple[str, set[str]] | None = None
            for why, others in contexts[iri]:
                groups = {self.groups.find(o) for o in others} - {mine}
                kept = {g for g in groups if self.clash(mine, g) is None}
                if final:
                    for g in sorted(groups - kept):
                        self.decide("kept_apart", rule, [iri, g], f"{why}, but {self.clash(mine, g)}")
                if len(kept) > 1:
                    ambiguous = (why, kept)
                    break
                for g in kept:
                    found.setdefault(g, why)
            if ambiguous is not None:
                blocked.add(mine)
                if final:
                    why, kept = ambiguous
                    self.decide(
                        "ambiguous", rule, [iri, *kept], f"{why} fits {len(kept)} entities; not merged"
                    )
                continue
            unions += [(iri, g, why) for g, why in sorted(found.items())]
        merged = False
        for iri, other, why in unions:
            a, b = self.groups.find(iri), self.groups.find(other)
            if a == b or {a, b} & blocked or self.clash(a, b) is not None:
                continue  # two merges into one group must not join two things apart
            self.groups.union(a, b)
            keep, drop = (a, b) if self.groups.find(a) == a else (b, a)
            ids = self._ids.setdefault(keep, {})
            for scheme, values in self._ids.pop(drop, {}).items():
                ids[scheme] = ids.get(scheme, set()) | values
            merged = True
            self.decide("merged", rule, [iri, other], why)
        return merged

    def works(self, *, final: bool) -> bool:
        """Works: one release year and one title (whole, or a part of the other's), never a
        documentary with a work that is not one."""
        whole: dict[tuple[str, int], set[str]] = defaultdict(set)
        part: dict[tuple[str, int], set[str]] = defaultdict(set)
        keys: dict[str, list[tuple[str, frozenset[str], int]]] = {}
        for iri, node in self.nodes.items():
            if node.family != "Work" or node.year is None or not node.names:
                continue
            year = node.year
            mine = [(*title_keys(n), year) for n in sorted(node.names)]
            keys[iri] = mine
            for w, parts, _ in mine:
                whole[(w, year)].add(iri)
                for p in parts:
                    part[(p, year)].add(iri)
        contexts: dict[str, list[tuple[str, set[str]]]] = {}
        for iri, mine in keys.items():
            doc = DOCUMENTARY in self.nodes[iri].genres
            found: list[tuple[str, set[str]]] = []
            for w, parts, year in mine:
                matches = [(f"title {w!r} ({year})", whole[(w, year)] | part[(w, year)])]
                matches += [(f"title {p!r} ({year}) within a longer title", whole[(p, year)]) for p in parts]
                for why, others in matches:
                    others = others - {iri}
                    apart = {o for o in others if (DOCUMENTARY in self.nodes[o].genres) != doc}
                    if final:
                        for o in sorted(apart):
                            if self.groups.find(o) != self.groups.find(iri):
                                self.decide(
                                    "kept_apart",
                                    "title and year",
                                    [iri, o],
                                    f"{why}, but one is a documentary",
                                )
                    if others - apart:
                        found.append((why, others - apart))
            if found:
                contexts[iri] = found
        if final:
            self._years_apart(whole)
        return self.settle("title and year", contexts, final=final)

    def _years_apart(self, whole: Mapping[tuple[str, int], set[str]]) -> None:
        """Report works of one title in different years (kept apart: remakes, not duplicates)."""
        by_title: dict[str, set[str]] = defaultdict(set)
        for (w, _), iris in whole.items():
            by_title[w] |= {self.groups.find(i) for i in iris}
        for w, groups in sorted(by_title.items()):
            if len(groups) > 1:
                years = sorted({y for g in groups for y in self.nodes[g].years if self.nodes[g].years})
                self.decide("kept_apart", "title and year", groups, f"title {w!r} in different years {years}")

    def _named_in(self, places: Mapping[str, set[str]], label: str) -> dict[str, list[tuple[str, set[str]]]]:
        """Contexts for people or characters: per place (a work or universe group), the others
        of that place with one of the entity's names."""
        holders: dict[tuple[str, str], set[str]] = defaultdict(set)
        mine: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for iri, where in places.items():
            for key in {name_key(n) for n in self.nodes[iri].names}:
                for place in where:
                    holders[(place, key)].add(iri)
                    mine[iri].append((place, key))
        contexts: dict[str, list[tuple[str, set[str]]]] = {}
        for iri, pairs in mine.items():
            found = [
                (f"name {key!r} {label} {self.name_of(place)!r}", holders[(place, key)] - {iri})
                for place, key in sorted(pairs)
                if holders[(place, key)] - {iri}
            ]
            if found:
                contexts[iri] = found
        return contexts

    def people(self, *, final: bool) -> bool:
        """People: one name and a shared work."""
        places = {
            iri: {self.groups.find(w) for w in node.works if w in self.nodes}
            for iri, node in self.nodes.items()
            if node.kind is EntityType.PERSON and node.names
        }
        return self.settle("name and a shared work", self._named_in(places, "in"), final=final)

    def characters(self, *, final: bool) -> bool:
        """Characters: one name (or alias) and a shared work, then one name and one universe."""
        chars = {
            iri: node for iri, node in self.nodes.items() if node.kind is EntityType.CHARACTER and node.names
        }
        works = {
            iri: {self.groups.find(w) for w in node.works if w in self.nodes} for iri, node in chars.items()
        }
        merged = self.settle("name and a shared work", self._named_in(works, "in"), final=final)
        series: dict[str, set[str]] = defaultdict(set)  # work group -> its universes
        for iri, node in self.nodes.items():
            if node.family == "Work":
                series[self.groups.find(iri)] |= {
                    self.groups.find(u) for u in node.universes if u in self.nodes
                }
        universes = {
            iri: {self.groups.find(u) for u in node.universes if u in self.nodes}
            | {u for w in node.works if w in self.nodes for u in series.get(self.groups.find(w), set())}
            for iri, node in chars.items()
        }
        contexts = self._named_in(universes, "of the universe")
        return self.settle("name and universe", contexts, final=final) or merged


def resolve_index(index: Index) -> ResolutionResult:
    """Decide identity over everything an index knows: merges, pairs kept apart, ambiguities."""
    return _Resolver(index).run()


# ------------------------------------------------------------------------------------------ applying


@dataclass
class Resolution:
    """Claims rewritten onto one IRI per real thing, and the result that says why."""

    claims: list[ClaimSet]
    result: ResolutionResult
    index: Index


def resolve_batch(
    batch: Iterable[ClaimSet], known: Iterable[ClaimSet] = (), index: Index | None = None
) -> Resolution:
    """Resolve sources against each other and what is known (claims, or a ready index).

    The whole index is resolved at once, so neither the batch's order nor the order in which
    sources were stored matters: the kept IRI of each group is chosen by `rank`.
    """
    index = index or Index()
    for claims in known:
        index.add(claims)
    batch = list(batch)
    for claims in batch:
        index.add(claims)
    result = resolve_index(index)
    out = [claims if is_decision(claims) else apply(claims, result.mapping, index) for claims in batch]
    return Resolution(out, result, index)


def is_decision(claims: ClaimSet) -> bool:
    """A person's identity decision: never rewritten by a merge, so it keeps naming the IRIs it
    decided about (and a re-ingested source meets them again)."""
    return claims.source.kind is SourceKind.CURATION


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


def apply(claims: ClaimSet, mapping: Mapping[str, str], index: Index) -> ClaimSet:
    """One source's claims on the kept IRIs, each placeholder named by its entity's best name."""
    rewritten = _rewrite(claims, mapping) if _refers(claims, mapping) else claims
    return _named(rewritten, index, mapping)


def resolve_all(
    batch: Iterable[ClaimSet], known: Iterable[ClaimSet] = (), index: Index | None = None
) -> tuple[list[ClaimSet], list[str]]:
    """`resolve_batch` for callers that want the claims and the ambiguity warnings only."""
    done = resolve_batch(batch, known, index)
    return done.claims, done.result.reports()


def _rewrite(claims: ClaimSet, mapping: Mapping[str, str]) -> ClaimSet:
    data = remapped(claims, mapping)
    merged: dict[str, dict[str, Any]] = {}
    for entity in data["entities"]:  # two entities of one source that became one
        known = merged.get(entity["id"])
        if known is None:
            merged[entity["id"]] = entity
            continue
        known["evidence"] = [*known["evidence"], *entity["evidence"]]
        if is_placeholder(known["name"]) and not is_placeholder(entity["name"]):
            known["name"], entity["name"] = entity["name"], known["name"]
        extra = [n for n in [entity["name"], *entity["aliases"]] if not is_placeholder(n)]
        known["aliases"] = [a for a in dict.fromkeys([*known["aliases"], *extra]) if a != known["name"]]
        for scheme, value in entity["external_ids"].items():
            if known["external_ids"].get(scheme) is None:
                known["external_ids"][scheme] = value
    data["entities"] = list(merged.values())
    return ClaimSet.model_validate(data)


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


def _named(claims: ClaimSet, index: Index, mapping: Mapping[str, str] | None = None) -> ClaimSet:
    """Placeholders (entities named only by an id) renamed to their entity's best real name."""
    groups: dict[str, list[str]] = defaultdict(list)
    for iri, kept in (mapping or {}).items():
        groups[kept].append(iri)
    renames = {}
    for e in claims.entities:
        if is_placeholder(e.name) and not e.aliases:
            names = [index.shown[i] for i in {e.id, *groups.get(e.id, [])} if i in index.shown]
            best = best_name(names)
            if best is not None:
                renames[e.id] = best
    if not renames:
        return claims
    entities = [
        e.model_copy(update={"name": renames[e.id]}) if e.id in renames else e for e in claims.entities
    ]
    return claims.model_copy(update={"entities": entities})
