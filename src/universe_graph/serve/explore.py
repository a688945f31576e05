"""What the explorer draws: search hits and a node's neighbourhood, read from the projection.

Profiles, paths and timelines come from the query layer (`universe_graph.query`); every user
value is a bound parameter.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .. import ontology
from ..errors import BadInput, NotFound
from ..stores import projection as _projection
from ..stores.falkordb import FalkorProjection

#: node classes a search offers (events are reached from works)
SEARCHABLE = ("Character", "Organization", "Film", "Series", "Person", "Location", "Universe")
MAX_NEIGHBOURS = 150
MAX_NODES = 50
#: the relation a reviewer's likening makes: outside the story, never an in-universe fact
COMPARISON = _projection.rel_type("compared_to")


class NodeRef(BaseModel):
    iri: str
    name: str
    type: str
    in_universe: bool = True  # False: mentioned only outside the story (a reviewer's comparison)


class EdgeRef(BaseModel):
    source: str
    target: str
    type: str
    label: str
    outside: bool = False  # an out-of-universe comparison, drawn apart from the story's relations


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


def _ref(iri: str, name: str | None, labels: list[str], in_universe: bool | None) -> NodeRef:
    return NodeRef(iri=iri, name=name or iri, type=_type(labels), in_universe=in_universe is not False)


def node(projection: FalkorProjection, iri: str) -> NodeRef:
    _, rows = projection.query(
        "MATCH (n:Node {iri: $iri}) RETURN n.iri, n.name, labels(n), n.in_universe", {"iri": iri}
    )
    if not rows:
        raise NotFound("entity", iri)
    return _ref(*rows[0])


def nodes(projection: FalkorProjection, iris: list[str]) -> list[NodeRef]:
    """Several entities by IRI, in the order asked (for drawing a found path's middle like its ends)."""
    if not iris:
        raise BadInput.at("iri", "give at least one IRI")
    if len(iris) > MAX_NODES:
        raise BadInput.at("iri", f"at most {MAX_NODES} IRIs at once, not {len(iris)}")
    _, rows = projection.query(
        "MATCH (n:Node) WHERE n.iri IN $iris RETURN n.iri, n.name, labels(n), n.in_universe", {"iris": iris}
    )
    found = {row[0]: _ref(*row) for row in rows}
    missing = [iri for iri in iris if iri not in found]
    if missing:
        raise NotFound("entity", missing[0])
    return [found[iri] for iri in iris]


def neighbourhood(projection: FalkorProjection, iri: str) -> Neighbourhood:
    """The entity and everything one relationship away (events left out), for drawing; comparisons
    and entities known only from them are marked, so the page can set them apart from the story."""
    center = node(projection, iri)
    _, rows = projection.query(
        "MATCH (n:Node {iri: $iri})-[r]-(m:Node) WHERE NOT m:Event "
        "RETURN startNode(r).iri, type(r), endNode(r).iri, m.iri, m.name, labels(m), m.in_universe "
        "LIMIT $limit",
        {"iri": iri, "limit": MAX_NEIGHBOURS},
    )
    found = {center.iri: center}
    edges: dict[tuple[str, str, str], EdgeRef] = {}
    for start, rel_type, end, other, name, labels, in_universe in rows:
        found.setdefault(other, _ref(other, name, labels, in_universe))
        edges.setdefault(
            (start, rel_type, end),
            EdgeRef(
                source=start,
                target=end,
                type=rel_type,
                label=_label(rel_type),
                outside=rel_type == COMPARISON,
            ),
        )
    return Neighbourhood(center=center, nodes=list(found.values()), edges=list(edges.values()))


def as_json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
