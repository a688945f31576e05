"""Cypher for the projection as pure builder functions: text in, text out, values only as $params.

Labels and relationship types come from the ontology's closed vocabularies (entity classes,
predicate names), never from user input, so they may appear in the text; every value is a
parameter, written in batches with `UNWIND $rows`. The dialect is the common subset of
FalkorDB and Neo4j.
"""

from __future__ import annotations

import re

NODE = "Node"  # every projected node carries it; `iri` is indexed on it
_EDGE_COLUMNS = (
    "a.iri, type(r), b.iri, r.key, r.sources, r.tiers, r.confidences, r.character, r.work, r.time, r.role"
)
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _checked(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a safe label or relationship type: {name!r}")
    return name


def node_index() -> str:
    return f"CREATE INDEX FOR (n:{NODE}) ON (n.iri)"


def marker_index(label: str = "Sync") -> str:
    return f"CREATE INDEX FOR (m:{_checked(label)}) ON (m.source)"


def tagged_nodes() -> str:
    """Nodes that a source has entries in."""
    return f"MATCH (n:{NODE}) WHERE $source IN n.sources RETURN n.iri, n._payloads, labels(n)"


def tagged_edges() -> str:
    """Relationships that a source has entries in, with their per-source lists."""
    return f"MATCH (a:{NODE})-[r]->(b:{NODE}) WHERE $source IN r.sources RETURN {_EDGE_COLUMNS}"


def nodes_by_iri() -> str:
    return f"UNWIND $iris AS iri MATCH (n:{NODE} {{iri: iri}}) RETURN n.iri, n._payloads, labels(n)"


def edges_by_key() -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{NODE} {{iri: row.s}})-[r]->(b:{NODE} {{iri: row.o}}) "
        "WHERE type(r) = row.t AND r.key = row.k "
        f"RETURN {_EDGE_COLUMNS}"
    )


def create_nodes(label: str | None) -> str:
    """Create nodes known not to exist yet, with their class label from the start.

    (Adding a label to an existing node costs time in proportion to the graph in FalkorDB 4.18,
    so labels are given at creation and changed only when a node's class really changes.)
    """
    extra = f":{_checked(label)}" if label else ""
    return f"UNWIND $rows AS row CREATE (n:{NODE}{extra}) SET n = row.props"


def update_nodes() -> str:
    """Replace the properties of existing nodes (their labels stay)."""
    return f"UNWIND $rows AS row MATCH (n:{NODE} {{iri: row.iri}}) SET n = row.props"


def relabel_nodes(remove: list[str], add: str | None) -> str:
    """Change the class label of existing nodes (rare: a referenced node gets described, or not)."""
    clauses = [f"REMOVE n:{_checked(label)}" for label in remove]
    if add:
        clauses.append(f"SET n:{_checked(add)}")
    return f"UNWIND $iris AS iri MATCH (n:{NODE} {{iri: iri}}) " + " ".join(clauses)


def delete_nodes() -> str:
    return f"UNWIND $iris AS iri MATCH (n:{NODE} {{iri: iri}}) DETACH DELETE n"


def merge_edges(rel_type: str) -> str:
    """Upsert relationships of one type between existing nodes, keyed by their qualifier key."""
    return (
        f"UNWIND $rows AS row MATCH (a:{NODE} {{iri: row.s}}), (b:{NODE} {{iri: row.o}}) "
        f"MERGE (a)-[r:{_checked(rel_type)} {{key: row.k}}]->(b) SET r = row.props"
    )


def create_edges(rel_type: str) -> str:
    """Create relationships known not to exist yet (the projection read what exists)."""
    return (
        f"UNWIND $rows AS row MATCH (a:{NODE} {{iri: row.s}}), (b:{NODE} {{iri: row.o}}) "
        f"CREATE (a)-[r:{_checked(rel_type)}]->(b) SET r = row.props"
    )


def delete_edges(rel_type: str) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{NODE} {{iri: row.s}})-[r:{_checked(rel_type)} {{key: row.k}}]->"
        f"(b:{NODE} {{iri: row.o}}) DELETE r"
    )


def set_marker(label: str = "Sync") -> str:
    return f"MERGE (m:{_checked(label)} {{source: $source}}) SET m.version = $version"


def delete_marker(label: str = "Sync") -> str:
    return f"MATCH (m:{_checked(label)} {{source: $source}}) DELETE m"


def markers(label: str = "Sync") -> str:
    return f"MATCH (m:{_checked(label)}) RETURN m.source, m.version"


def unique_constraints(marker: str) -> list[str]:
    """Neo4j 5 uniqueness constraints (each backed by an index): node IRIs and sync markers.

    Neo4j-only syntax (FalkorDB creates constraints with `GRAPH.CONSTRAINT`); tests check it
    with a Cypher parser.
    """
    return [
        f"CREATE CONSTRAINT ug_node_iri IF NOT EXISTS FOR (n:{NODE}) REQUIRE n.iri IS UNIQUE",
        f"CREATE CONSTRAINT ug_sync_source IF NOT EXISTS FOR (m:{_checked(marker)}) "
        "REQUIRE m.source IS UNIQUE",
    ]


def clear_projection(marker: str) -> str:
    """Remove the projected nodes and the markers only (a Neo4j database may hold other data)."""
    return f"MATCH (n) WHERE n:{NODE} OR n:{_checked(marker)} DETACH DELETE n"


def all_edges() -> str:
    return (
        f"MATCH (a:{NODE})-[r]->(b:{NODE}) "
        "RETURN a.iri, type(r), b.iri, r.key, r.sources, r.tier, r.confidence "
        "ORDER BY a.iri, type(r), b.iri, r.key"
    )


def all_nodes() -> str:
    return f"MATCH (n:{NODE}) RETURN n.iri, labels(n), n.name, n.sources, n.tier ORDER BY n.iri"


def clear() -> str:
    return "MATCH (n) DETACH DELETE n"
