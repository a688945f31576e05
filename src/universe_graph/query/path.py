"""Shortest connections between two entities, each hop with its relation, direction and evidence.

The search is a bidirectional breadth-first search by full layers, so the distances it finds from
both ends mark every shortest path; they are listed in the order of their nodes' IRIs (the single
path shown is the first of `--all`'s). It runs on the adjacency index of the current version
(`query/adjacency.py`, built on the first call after a write and kept for later ones), with a
canon floor as the set of version graphs to keep. With `--as-of` it asks the engine for one
node's facts at a time instead, since what a fact reveals depends on its evidence. Evidence for
each hop is read afterwards, only for the hops shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Literal, Protocol

import networkx as nx
import pyoxigraph as ox
from pydantic import BaseModel

from ..errors import BadInput, NoPath
from ..model import CanonTier
from ..stores.sync import UniverseStore
from ..vocab import UG
from .adjacency import AdjacencyIndex, adjacency, embedded, walkable
from .canon import source_view
from .evidence import ClaimReader, EvidenceRef, facts_about, facts_between
from .groups import SECTIONS, label
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
        self.names = set(walkable())
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
        relations, canonical = self.relations, embedded(self.store)
        for quad in canonical.quads(term, None, None, self.graphs, relations):
            name = relations.get(quad.predicate)
            if name is not None and isinstance(quad.object, ox.NamedNode):
                out[quad.object.value].add((name, "out"))
        for quad in canonical.quads(None, None, term, self.graphs, relations):
            name = relations.get(quad.predicate)
            if name is not None and isinstance(quad.subject, ox.NamedNode):
                out[quad.subject.value].add((name, "in"))
        return out


type Distances[N] = tuple[dict[N, int], dict[N, int], int]


def explore[N: Hashable](
    neighbours: Callable[[N], Iterable[N]], a: N, b: N, max_hops: int
) -> Distances[N] | None:
    """Bidirectional BFS by full layers: the exact distances from `a` and from `b` of every node
    reached, and the length of the shortest path; None if beyond `max_hops`."""
    dist: tuple[dict[N, int], dict[N, int]] = ({a: 0}, {b: 0})
    frontier: tuple[list[N], list[N]] = ([a], [b])
    radius = [0, 0]
    while frontier[0] and frontier[1] and radius[0] + radius[1] < max_hops:
        side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
        seen, other_side, grown = dist[side], dist[1 - side], []
        layer = radius[side] + 1
        for node in frontier[side]:
            for other in neighbours(node):
                if other not in seen:
                    seen[other] = layer
                    grown.append(other)
        radius[side] = layer
        frontier = (grown, frontier[1]) if side == 0 else (frontier[0], grown)
        meet = [m for m in grown if m in other_side]
        if meet:
            return dist[0], dist[1], min(dist[0][m] + dist[1][m] for m in meet)
    return None


def shortest_paths[N: Hashable](
    neighbours: Callable[[N], Iterable[N]], key: Callable[[N], str], a: N, b: N, found: Distances[N]
) -> Iterator[list[N]]:
    """Every shortest path from `a` to `b`, in the order of their nodes' keys (so the first one is
    the same whatever order the engine lists relations in).

    Only grown nodes are known from both ends, and every shortest path passes through one of them
    (the searched radii add up to at least its length); walking back from those to `a` and on to
    `b` by exact distances marks every node of every shortest path with its place along it.
    """
    from_a, from_b, length = found
    small, large = (from_a, from_b) if len(from_a) <= len(from_b) else (from_b, from_a)
    middle = [m for m in small if m in large and from_a[m] + from_b[m] == length]
    place: dict[N, int] = {m: from_a[m] for m in middle}
    for dist, forward in ((from_a, True), (from_b, False)):
        todo, done = list(middle), set(middle)
        while todo:
            node = todo.pop()
            step = dist[node] - 1
            if step < 0:
                continue
            for other in neighbours(node):
                if other not in done and dist.get(other) == step:
                    done.add(other)
                    place[other] = step if forward else length - step
                    todo.append(other)

    def walk(node: N, prefix: list[N]) -> Iterator[list[N]]:
        if node == b:
            yield prefix
            return
        after = place[node] + 1
        for other in sorted({n for n in neighbours(node) if place.get(n) == after}, key=key):
            yield from walk(other, [*prefix, other])

    return walk(a, [a])


class Graph[N: Hashable](Protocol):
    """What the search needs of a graph: neighbours, a sort key, and the relations between two nodes."""

    def neighbours(self, node: N) -> Iterable[N]: ...
    def key(self, node: N) -> str: ...
    def links(self, x: N, y: N) -> set[tuple[str, str, str]]: ...
    def distances(self, a: N, b: N, max_hops: int) -> Distances[N] | None: ...


@dataclass
class IndexGraph:
    """The cached adjacency index, under a canon floor."""

    index: AdjacencyIndex
    kept: frozenset[int] | None

    def neighbours(self, node: int) -> Iterable[int]:
        return self.index.neighbours(node, self.kept)

    def key(self, node: int) -> str:
        return self.index.iris[node]

    def links(self, x: int, y: int) -> set[tuple[str, str, str]]:
        return self.index.links(x, y, self.kept)

    def distances(self, a: int, b: int, max_hops: int) -> Distances[int] | None:
        """networkx searches the index: a bidirectional BFS finds the length, then two BFS balls
        cut off where they meet give the exact distances that mark every shortest path."""
        graph = self.index.graph(self.kept)
        try:
            length = len(nx.bidirectional_shortest_path(graph, a, b)) - 1
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return None
        if length > max_hops:
            return None
        near = (length + 1) // 2 if graph.degree(a) <= graph.degree(b) else length // 2  # the sparser end
        from_a = nx.single_source_shortest_path_length(graph, a, cutoff=near)
        from_b = nx.single_source_shortest_path_length(graph, b, cutoff=length - near)
        return from_a, from_b, length


@dataclass
class WalkerGraph:
    """The engine asked node by node (each node's relations read once per call)."""

    walker: Walker
    seen: dict[str, dict[str, set[Link]]] = field(default_factory=dict)

    def _of(self, node: str) -> dict[str, set[Link]]:
        found = self.seen.get(node)
        if found is None:
            found = self.seen[node] = self.walker.neighbours(node)
            found.pop(node, None)
        return found

    def neighbours(self, node: str) -> Iterable[str]:
        return self._of(node).keys()

    def key(self, node: str) -> str:
        return node

    def distances(self, a: str, b: str, max_hops: int) -> Distances[str] | None:
        """The engine is asked node by node, so the search is ours: the same bidirectional BFS,
        expanding the smaller frontier, never past `max_hops`."""
        return explore(self.neighbours, a, b, max_hops)

    def links(self, x: str, y: str) -> set[tuple[str, str, str]]:
        """The relations between two nodes as (subject, predicate, object), from either end."""
        out = set()
        for node, other in ((x, y), (y, x)):
            for p, d in self._of(node).get(other, ()):
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
    index: bool = True,
) -> PathResult:
    """The shortest connections between two named entities (characters preferred for bare names).

    Without `as_of` the search runs on the cached adjacency index (`index=False` asks the engine
    node by node instead, as `as_of` does: what a fact reveals depends on its evidence).
    """
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
    found: list[Found]
    if cutoff is None and index:
        built = adjacency(store)
        graph = IndexGraph(built, built.kept(frozenset(source_view(store).kept_graphs(canon))))
        ends = built.ids.get(source.iri), built.ids.get(target.iri)
        found = _search(graph, ends[0], ends[1], max_hops, limit + 1 if all_paths else 1)
    else:
        walked = WalkerGraph(Walker(store, canon, cutoff, works))
        found = _search(walked, source.iri, target.iri, max_hops, limit + 1 if all_paths else 1)
    if not found:
        hint = f" using {canon.value} sources or stronger" if canon else ""
        hint += f" as of {cutoff.title}" if cutoff else ""
        raise NoPath(str(source), str(target), max_hops, hint)
    names = name_index(store).refs
    reader = ClaimReader(store)
    hops = [
        [
            _hop(reader, links, x, names, canon, works, cutoff)
            for x, links in zip(nodes, hop_links, strict=False)
        ]
        for nodes, hop_links in found[:limit]
    ]
    return PathResult(
        source=source,
        target=target,
        hops=len(found[0][0]) - 1,
        paths=hops,
        canon=canon.value if canon else None,
        as_of=cutoff.iri if cutoff else None,
        truncated=len(found) > limit,
    )


Found = tuple[list[str], list[set[tuple[str, str, str]]]]  # a path's IRIs, and each hop's relations


def _search[N: Hashable](graph: Graph[N], a: N | None, b: N | None, max_hops: int, most: int) -> list[Found]:
    """Up to `most` shortest paths with the relations of each hop; none beyond `max_hops`."""
    if a is None or b is None:  # an entity with no walkable relation
        return []
    found = graph.distances(a, b, max_hops)
    if found is None:
        return []
    return [
        ([graph.key(n) for n in nodes], [graph.links(x, y) for x, y in pairwise(nodes)])
        for nodes in islice(shortest_paths(graph.neighbours, graph.key, a, b, found), most)
    ]


def _hop(
    reader: ClaimReader,
    links: set[tuple[str, str, str]],
    x: str,
    names: dict[str, EntityRef],
    canon: CanonTier | None,
    works: dict[str, WorkInfo],
    cutoff: WorkInfo | None,
) -> Hop:
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
        tier=strongest.value if (strongest := CanonTier.strongest(e.tier for e in evidence)) else None,
        also=sorted({p for _, p, _ in ranked[1:]} - {predicate}),
        evidence=evidence,
        revealed_in=min((w for f in facts if (w := fact_work(f, works))), key=lambda w: works[w].position,
                        default=None) if works else None,
    )  # fmt: skip


def _name(names: dict[str, EntityRef], iri: str) -> str:
    ref = names.get(iri)
    return ref.name if ref else iri
