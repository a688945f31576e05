"""What the explorer draws: search hits and a node's neighbourhood, read from the projection.

Profiles, paths and timelines come from the query layer (`universe_graph.query`); every user
value is a bound parameter.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .. import ontology
from ..errors import BadInput, NotFound
from ..stores.falkordb import FalkorProjection

#: node classes a search offers (events are reached from works)
SEARCHABLE = ("Character", "Organization", "Film", "Series", "Person", "Location", "Universe")
MAX_NEIGHBOURS = 150


class NodeRef(BaseModel):
    iri: str
    name: str
    type: str


class EdgeRef(BaseModel):
    source: str
    target: str
    type: str
    label: str


class Neighbourhood(BaseModel):
    center: NodeRef
    nodes: list[NodeRef]
    edges: list[EdgeRef]


def _type(labels: list[str]) -> str:
    return next((label for label in labels if label != "Node"), "Node")


def _label(rel_type: str) -> str:
    name = rel_type.lower()
    try:
        return ontology.predicate(name).label
    except KeyError:
        return name.replace("_", " ")


def search(projection: FalkorProjection, q: str, limit: int = 20) -> list[NodeRef]:
    """Entities whose name or alias contains `q` (case-insensitive), exact and prefix matches first."""
    text = q.strip().lower()
    if not text:
        raise BadInput.at("q", "give a name to search for")
    _, rows = projection.query(
        "MATCH (n:Node) WHERE NOT n:Event AND (toLower(n.name) CONTAINS $q OR "
        "any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS $q)) "
        "RETURN n.iri, n.name, labels(n) LIMIT 200",
        {"q": text},
    )
    found = [NodeRef(iri=iri, name=name or iri, type=_type(labels)) for iri, name, labels in rows]
    found = [n for n in found if n.type in SEARCHABLE]

    def rank(n: NodeRef) -> tuple[int, str]:
        name = n.name.lower()
        return (0 if name == text else 1 if name.startswith(text) else 2, name)

    return sorted(found, key=rank)[:limit]


def node(projection: FalkorProjection, iri: str) -> NodeRef:
    _, rows = projection.query("MATCH (n:Node {iri: $iri}) RETURN n.iri, n.name, labels(n)", {"iri": iri})
    if not rows:
        raise NotFound("entity", iri)
    found_iri, name, labels = rows[0]
    return NodeRef(iri=found_iri, name=name or found_iri, type=_type(labels))


def neighbourhood(projection: FalkorProjection, iri: str) -> Neighbourhood:
    """The entity and everything one relationship away (events left out), for drawing."""
    center = node(projection, iri)
    _, rows = projection.query(
        "MATCH (n:Node {iri: $iri})-[r]-(m:Node) WHERE NOT m:Event "
        "RETURN startNode(r).iri, type(r), endNode(r).iri, m.iri, m.name, labels(m) LIMIT $limit",
        {"iri": iri, "limit": MAX_NEIGHBOURS},
    )
    nodes = {center.iri: center}
    edges: dict[tuple[str, str, str], EdgeRef] = {}
    for start, rel_type, end, other, name, labels in rows:
        nodes.setdefault(other, NodeRef(iri=other, name=name or other, type=_type(labels)))
        edges.setdefault(
            (start, rel_type, end), EdgeRef(source=start, target=end, type=rel_type, label=_label(rel_type))
        )
    return Neighbourhood(center=center, nodes=list(nodes.values()), edges=list(edges.values()))


def as_json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
