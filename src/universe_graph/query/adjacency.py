"""The walkable relations of the current graph as compact adjacency arrays, built once per store version.

`path` between two characters of a million-relation universe visits a few thousand nodes; asking
the engine for each one's relations costs far more than the search. This index reads every walkable
relation once (one scan per predicate) into per-node arrays of neighbour ids and packed
(predicate, direction, version graph) codes, so a canon floor is a set of graph ids to keep. It is
a part of the store version's read snapshot (`snapshot.py`): built once per version, shared in
the process and persisted beside the store, as the name index is.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from ..ontology import predicates
from ..stores.base import CanonicalStore
from ..stores.sync import UniverseStore
from ..vocab import UG
from .groups import PATH_SKIP

_UG = str(UG._NS)


def walkable() -> list[str]:
    """The relations a path may walk: entity-to-entity predicates, less the hubs that say nothing."""
    return sorted(n for n, i in predicates().items() if not i.is_literal and n not in PATH_SKIP)


@dataclass
class AdjacencyIndex:
    """Per node id: neighbour ids, and a parallel code `(predicate * 2 + incoming) * G + graph`."""

    version: tuple[str, ...]
    iris: list[str]
    ids: dict[str, int]
    predicates: list[str]
    graphs: list[str]  # version graph IRIs, by graph id
    neighbour: list[array[int]]
    code: list[array[int]]
    _graphs: dict[frozenset[int] | None, nx.Graph[int]] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the networkx graphs (rebuilt per floor on demand, and larger)."""
        return {**self.__dict__, "_graphs": {}}

    def graph(self, kept: frozenset[int] | None) -> nx.Graph[int]:
        """The index as a networkx graph of node ids under a canon floor (built once per floor), for
        networkx's searches."""
        built = self._graphs.get(kept)
        if built is None:
            built = nx.Graph()
            for node in range(len(self.iris)):
                built.add_edges_from((node, other) for other in self.neighbours(node, kept) if other > node)
            self._graphs[kept] = built
        return built

    def kept(self, graphs: frozenset[str]) -> frozenset[int] | None:
        """The graph ids among `graphs`; None when that is every graph (no filtering needed)."""
        ids = frozenset(i for i, g in enumerate(self.graphs) if g in graphs)
        return None if len(ids) == len(self.graphs) else ids

    def neighbours(self, node: int, kept: frozenset[int] | None) -> Iterator[int]:
        """The nodes linked to `node` by a relation in a kept graph (repeats possible)."""
        if kept is None:
            return iter(self.neighbour[node])
        g = len(self.graphs)
        return (n for n, c in zip(self.neighbour[node], self.code[node], strict=True) if c % g in kept)

    def links(self, x: int, y: int, kept: frozenset[int] | None) -> set[tuple[str, str, str]]:
        """The relations between two nodes, as (subject, predicate, object) IRIs and names."""
        g, out = len(self.graphs), set()
        for n, c in zip(self.neighbour[x], self.code[x], strict=True):
            if n != y or (kept is not None and c % g not in kept):
                continue
            predicate, incoming = divmod(c // g, 2)
            name = self.predicates[predicate]
            out.add((self.iris[y], name, self.iris[x]) if incoming else (self.iris[x], name, self.iris[y]))
        return out


def build_adjacency(store: CanonicalStore, version: tuple[str, ...]) -> AdjacencyIndex:
    """Read every walkable relation of the version graphs once, straight from the quad index."""
    names = walkable()
    graphs = list(version)
    graph_id = {g: i for i, g in enumerate(graphs)}
    g = len(graphs)
    iris: list[str] = []
    ids: dict[str, int] = {}
    neighbour: list[list[int]] = []
    code: list[list[int]] = []

    def intern(iri: str) -> int:
        node = ids.get(iri)
        if node is None:
            node = ids[iri] = len(iris)
            iris.append(iri)
            neighbour.append([])
            code.append([])
        return node

    wanted = frozenset(graphs)
    for p, name in enumerate(names):
        out_code, in_code = (p * 2) * g, (p * 2 + 1) * g
        for quad in store.quads(None, ox.NamedNode(_UG + name), None, wanted):
            s, o = quad.subject, quad.object
            if not (isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode)) or s == o:
                continue
            gi = graph_id[quad.graph_name.value]  # type: ignore[union-attr]
            si, oi = intern(s.value), intern(o.value)
            neighbour[si].append(oi)
            code[si].append(out_code + gi)
            neighbour[oi].append(si)
            code[oi].append(in_code + gi)
    return AdjacencyIndex(
        version=version,
        iris=iris,
        ids=ids,
        predicates=names,
        graphs=graphs,
        neighbour=[array("q", n) for n in neighbour],
        code=[array("q", c) for c in code],
    )


def embedded(store: UniverseStore) -> CanonicalStore:
    """The canonical store whose quads a walk reads (the embedded quad index, or a remote store's
    VALUES-bound SELECTs: one per predicate to build the index, one per node and hop for --as-of)."""
    return store.canonical


def adjacency(store: UniverseStore) -> AdjacencyIndex:
    """The adjacency index of the store's current version (its read snapshot's part, built once
    per version and persisted beside the store)."""
    from ..snapshot import snapshot

    shot = snapshot(store)
    return shot.part("adjacency", lambda: build_adjacency(embedded(store), shot.view.version))
