"""Shortest connections between two entities, each hop with its relation, direction and evidence.

The search walks the canonical store hop by hop (a bidirectional breadth-first search that asks
the engine for one node's relations at a time, in the version graphs of the sources the canon
floor keeps), so a path between two characters of a million-relation universe touches a few
thousand nodes, not the whole graph. Full layers are expanded, so the explored subgraph holds
every shortest path; networkx then finds them (`shortest_path`, or `all_shortest_paths` for
`--all`). Evidence for each hop is read afterwards, only for the hops shown.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import islice, pairwise
from typing import Literal

import networkx as nx
import pyoxigraph as ox
from pydantic import BaseModel

from ..errors import BadInput, NoPath
from ..model import CanonTier
from ..ontology import predicates
from ..stores.sync import UniverseStore
from ..vocab import UG
from .canon import source_view
from .evidence import ClaimReader, EvidenceRef, facts_about, facts_between
from .groups import PATH_SKIP, SECTIONS, label
from .names import EntityRef, find_entity, name_index
from .reveal import WorkInfo, fact_work, release_order, visible

_UG = str(UG._NS)
#: Preference among several relations linking the same two nodes: the profile's section order.
_RANK = {p: i for i, p in enumerate(dict.fromkeys(m[0] for s in SECTIONS for m in s.members))}
Link = tuple[str, str]  # (predicate, "out" | "in") seen from the node that was expanded


class Hop(BaseModel):
    """One step of a path: the relation as stored (subject, predicate, object) and how it is walked."""

    subject: str
    subject_name: str
    predicate: str
    label: str  # the relation read along the path ("trained by" forwards, "trained" backwards)
    direction: Literal["forward", "backward"]
    object: str
    object_name: str
    work: str | None = None
    tier: str | None = None  # the strongest tier among the hop's evidence
    also: list[str] = []  # other relations between the same two entities
    evidence: list[EvidenceRef] = []
    revealed_in: str | None = None


class PathResult(BaseModel):
    """The shortest paths from `source` to `target` (one, or all with `all_paths`)."""

    source: EntityRef
    target: EntityRef
    hops: int
    paths: list[list[Hop]]
    canon: str | None = None
    as_of: str | None = None
    truncated: bool = False


class Walker:
    """Asks the canonical engine for one node's relations at a time."""

    def __init__(
        self,
        store: UniverseStore,
        canon: CanonTier | None,
        as_of: WorkInfo | None = None,
        works: dict[str, WorkInfo] | None = None,
    ) -> None:
        self.store = store
        self.canon = canon
        self.as_of = as_of
        self.works = works or {}
        self.graphs = frozenset(source_view(store).kept_graphs(canon))
        self.names = {n for n, i in predicates().items() if not i.is_literal and n not in PATH_SKIP}
        self.relations = {ox.NamedNode(_UG + name): name for name in self.names}
        self.reader = ClaimReader(store)

    def neighbours(self, node: str) -> dict[str, set[Link]]:
        """Every entity linked to `node` by a relation, with the predicates and their direction."""
        out: dict[str, set[Link]] = defaultdict(set)
        if self.as_of is not None:
            for fact in facts_about(self.store, node, canon=self.canon, reader=self.reader):
                walkable = fact.object_is_iri and fact.predicate in self.names
                if not walkable:
                    continue
                if not visible(fact_work(fact, self.works), self.as_of, self.works):
                    continue
                if fact.subject == node:
                    out[str(fact.object)].add((fact.predicate, "out"))
                if fact.object == node:
                    out[fact.subject].add((fact.predicate, "in"))
            return out
        term = ox.NamedNode(node)
        relations, canonical = self.relations, self.store.canonical
        for quad in canonical.quads(term, None, None, self.graphs, relations):
            name = relations.get(quad.predicate)
            if name is not None and isinstance(quad.object, ox.NamedNode):
                out[quad.object.value].add((name, "out"))
        for quad in canonical.quads(None, None, term, self.graphs, relations):
            name = relations.get(quad.predicate)
            if name is not None and isinstance(quad.subject, ox.NamedNode):
                out[quad.subject.value].add((name, "in"))
        return out


Adjacency = dict[str, dict[str, set[Link]]]  # expanded node -> neighbour -> links seen from the node


def explore(walker: Walker, a: str, b: str, max_hops: int) -> tuple[nx.Graph[str], Adjacency, int] | None:
    """Bidirectional BFS by full layers: the explored graph (it holds every shortest path), the
    links of each explored edge, and the length of the shortest path; None if beyond `max_hops`."""
    dist = ({a: 0}, {b: 0})
    frontier: tuple[list[str], list[str]] = ([a], [b])
    radius = [0, 0]
    adjacency: Adjacency = {}
    while frontier[0] and frontier[1] and radius[0] + radius[1] < max_hops:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        seen, other_side, grown = dist[side], dist[1 - side], []
        for node in frontier[side]:
            found = walker.neighbours(node)
            found.pop(node, None)
            adjacency[node] = found
            for other in found:
                if other not in seen:
                    seen[other] = radius[side] + 1
                    grown.append(other)
        radius[side] += 1
        frontier = (grown, frontier[1]) if side == 0 else (frontier[0], grown)
        meet = [m for m in grown if m in other_side]
        if meet:
            graph: nx.Graph[str] = nx.Graph()
            graph.add_edges_from((u, v) for u, found in adjacency.items() for v in found)
            return graph, adjacency, min(dist[0][m] + dist[1][m] for m in meet)
    return None


def _links(adjacency: Adjacency, x: str, y: str) -> set[tuple[str, str, str]]:
    """The relations between two explored nodes as (subject, predicate, object), from either end."""
    out = set()
    for node, other in ((x, y), (y, x)):
        for p, d in adjacency.get(node, {}).get(other, ()):
            out.add((node, p, other) if d == "out" else (other, p, node))
    return out


def path(
    store: UniverseStore,
    a: str,
    b: str,
    *,
    max_hops: int = 6,
    all_paths: bool = False,
    type_a: str | None = None,
    type_b: str | None = None,
    canon: CanonTier | None = None,
    as_of: str | None = None,
    limit: int = 100,
) -> PathResult:
    """The shortest connections between two named entities (characters preferred for bare names)."""
    if max_hops < 1:
        raise BadInput.at("--max-hops", f"must be at least 1, not {max_hops}")
    want = ("Character",)
    source = find_entity(store, a, type=type_a, want=want)
    target = find_entity(store, b, type=type_b, want=want)
    if source.iri == target.iri:
        raise BadInput.at("path", f"{a!r} and {b!r} are the same entity: {source}")
    works: dict[str, WorkInfo] = {}
    cutoff: WorkInfo | None = None
    if as_of is not None:
        works = release_order(store)
        cutoff = works[find_entity(store, as_of, type="Work").iri]
    walker = Walker(store, canon, cutoff, works)
    found = explore(walker, source.iri, target.iri, max_hops)
    if found is None:
        hint = f" using {canon.value} sources or stronger" if canon else ""
        hint += f" as of {cutoff.title}" if cutoff else ""
        raise NoPath(str(source), str(target), max_hops, hint)
    graph, adjacency, length = found
    if all_paths:
        node_paths = list(islice(nx.all_shortest_paths(graph, source.iri, target.iri), limit + 1))
        node_paths.sort()
    else:
        node_paths = [nx.shortest_path(graph, source.iri, target.iri)]
    truncated = len(node_paths) > limit
    names = name_index(store).refs
    hops = [
        [_hop(walker.reader, adjacency, x, y, names, canon, works, cutoff) for x, y in pairwise(p)]
        for p in node_paths[:limit]
    ]
    return PathResult(
        source=source,
        target=target,
        hops=length,
        paths=hops,
        canon=canon.value if canon else None,
        as_of=cutoff.iri if cutoff else None,
        truncated=truncated,
    )


def _hop(
    reader: ClaimReader,
    adjacency: Adjacency,
    x: str,
    y: str,
    names: dict[str, EntityRef],
    canon: CanonTier | None,
    works: dict[str, WorkInfo],
    cutoff: WorkInfo | None,
) -> Hop:
    links = _links(adjacency, x, y)
    ranked = sorted(links, key=lambda t: (_RANK.get(t[1], len(_RANK)), t[0] != x, t[1]))
    subject, predicate, obj = ranked[0]
    facts = [
        f
        for f in facts_between(reader.store, subject, obj, canon=canon, reader=reader)
        if f.predicate == predicate
    ]
    if cutoff is not None:
        facts = [f for f in facts if visible(fact_work(f, works), cutoff, works)]
    evidence = [e for f in facts for e in f.evidence]
    work = next((f.work for f in facts if f.work), None)
    forward = subject == x
    return Hop(
        subject=subject,
        subject_name=_name(names, subject),
        predicate=predicate,
        label=label(predicate, "out" if forward else "in"),
        direction="forward" if forward else "backward",
        object=obj,
        object_name=_name(names, obj),
        work=work,
        tier=min((CanonTier(e.tier) for e in evidence), key=lambda t: t.rank).value if evidence else None,
        also=sorted({p for _, p, _ in ranked[1:]} - {predicate}),
        evidence=evidence,
        revealed_in=min((w for f in facts if (w := fact_work(f, works))), key=lambda w: works[w].position,
                        default=None) if works else None,
    )  # fmt: skip


def _name(names: dict[str, EntityRef], iri: str) -> str:
    ref = names.get(iri)
    return ref.name if ref else iri
