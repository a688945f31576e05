"""Helpers for store tests: full dumps of both stores, computed independently of each other."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from test_rdf_roundtrip import normal
from universe_graph.model import CanonTier
from universe_graph.stores.merged import MERGED_GRAPH
from universe_graph.stores.oxigraph import OxigraphStore
from universe_graph.stores.sync import UniverseStore

EdgeRow = tuple[str, str, str, str, tuple[str, ...], str]

CANONICAL_EDGES = """
PREFIX ug: <https://w3id.org/universe-graph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?t ?o ?key ?src ?tier WHERE {
  GRAPH ?g {
    ?source a ug:Source ; ug:canon_tier ?tier .
    {
      ?c a ug:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      FILTER(isIRI(?o))
      OPTIONAL { ?c ug:qualifier_character ?ch } OPTIONAL { ?c ug:qualifier_work ?w }
      OPTIONAL { ?c ug:qualifier_time ?tm }
      BIND(UCASE(STRAFTER(STR(?p), "#")) AS ?t)
      BIND(CONCAT(COALESCE(STR(?ch), ""), "|", COALESCE(STR(?w), ""), "|", COALESCE(STR(?tm), "")) AS ?key)
    } UNION {
      ?s a ug:Event ; ug:in_work ?o . BIND("IN_WORK" AS ?t) BIND("" AS ?key)
    } UNION {
      ?s a ug:Event ; ug:at_location ?o . BIND("AT_LOCATION" AS ?t) BIND("" AS ?key)
    } UNION {
      ?s a ug:Event ; ug:participation ?pp . ?pp ug:participant ?o ; ug:role ?key .
      BIND("HAS_PARTICIPANT" AS ?t)
    }
  }
  BIND(STRAFTER(STR(?source), "/source/") AS ?src)
}
"""


def canonical_edges(store: OxigraphStore) -> set[EdgeRow]:
    """(subject, TYPE, object, qualifier key, sources, strongest tier) straight from the RDF."""
    ranks = [t.value for t in CanonTier]
    facts: dict[tuple[str, str, str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in store.query(CANONICAL_EDGES):  # type: ignore[union-attr]
        key = (row["s"].value, row["t"].value, row["o"].value, row["key"].value)
        facts[key].add((row["src"].value, row["tier"].value))
    return {
        (*k, tuple(sorted(s for s, _ in v)), min((t for _, t in v), key=ranks.index))
        for k, v in facts.items()
    }


def dump(folder: Path) -> dict[str, Any]:
    """Everything both stores hold, after opening (which heals); asserts they agree."""
    with UniverseStore(folder) as store:
        assert store.projection is not None
        assert isinstance(store.canonical, OxigraphStore)
        canonical = {cs.source.id: normal(cs) for cs in store.canonical.claimsets()}
        edges = canonical_edges(store.canonical)
        projected = store.projection.edges()
        assert projected == edges, (sorted(projected - edges)[:5], sorted(edges - projected)[:5])
        nodes = sorted((row[0], tuple(sorted(row[1])), row[2]) for row in store.projection.nodes())
        engine = store.canonical._store
        merged = ox.NamedNode(MERGED_GRAPH)
        graphs = sorted(str(g) for g in engine.named_graphs() if g != merged)

        def triples(graph: ox.NamedNode) -> set[tuple[object, object, object]]:
            quads = engine.quads_for_pattern(None, None, None, graph)
            return {(q.subject, q.predicate, q.object) for q in quads}

        union = set().union(*(triples(g) for g in store.canonical.current_graphs()))
        assert triples(merged) == union  # the merged default graph is the set of current triples
    return {"canonical": canonical, "edges": edges, "nodes": nodes, "graph_count": len(graphs)}
