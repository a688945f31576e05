"""The merged default graph of the embedded store: SPARQL 1.1's merge of the current versions.

Oxigraph's default graph made of several named graphs is a bag (a triple two sources state
matches twice), so the embedded store keeps the merge as one more graph, changed in the same
transaction as each version record, and marks it complete in the registry. Only pyoxigraph is
imported here: the `/sparql` worker processes use it too.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

#: The set union of the current versions (the registry graph and this IRI share the id base).
MERGED_GRAPH = "https://w3id.org/universe-graph/id/merged"
#: Registry predicate marking the merged graph complete (`ug:merge_of_current` in the ontology).
MERGE_OF = "https://w3id.org/universe-graph/ontology#merge_of_current"
_REGISTRY = ox.NamedNode("https://w3id.org/universe-graph/id/registry")


def has_merged(store: ox.Store) -> bool:
    """Whether an engine store keeps the merged default graph, complete."""
    marker = store.quads_for_pattern(ox.NamedNode(MERGED_GRAPH), ox.NamedNode(MERGE_OF), None, _REGISTRY)
    return any(True for _ in marker)


#: A default graph as pyoxigraph takes it.
DefaultGraph = ox.DefaultGraph | list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph]


def default_graph_of(store: ox.Store, current: Sequence[ox.NamedNode]) -> DefaultGraph:
    """The default graph of a query over every current version: the merged graph (a set) where
    the store keeps it, else the versions themselves (a bag), else the empty default graph."""
    if not current:
        return ox.DefaultGraph()
    if has_merged(store):
        return [ox.NamedNode(MERGED_GRAPH)]
    return list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph](current)
