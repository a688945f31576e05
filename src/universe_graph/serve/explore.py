"""What the explorer draws: search hits and a node's neighbourhood, read from the projection.

Profiles, paths and timelines come from the query layer (`universe_graph.query`); every user
value is a bound parameter.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from .. import ontology
from ..errors import BadInput, NotFound
from ..query.names import NameIndex, name_index
from ..resolve import lookup_key
from ..stores import projection as _projection
from ..stores.falkordb import FalkorProjection
from ..stores.sync import UniverseStore

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
    #: how a search found it: the whole name or an alias ("exact"), as whole words of a longer
    #: name ("words"), or as a close spelling when nothing else matched ("suggestion")
    match: Literal["exact", "words", "suggestion"] | None = None


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


def search_names(store: UniverseStore, q: str, limit: int = 20) -> list[NodeRef]:
    """Entities a typed name denotes, by the lookup key every name lookup uses (accents, hyphens,
    punctuation and case aside): whole-name or alias matches first, then names holding the text as
    whole words, shortest first; close spellings only when neither is found. Each entity once,
    under its display name (an id is never shown where a source names the entity)."""
    key = lookup_key(q)
    if not key:
        raise BadInput.at("q", "give a name to search for")
    return name_hits(name_index(store), key, limit)


def name_hits(index: NameIndex, key: str, limit: int) -> list[NodeRef]:
    """The ranked hits of one lookup key in a name index (see `search_names`)."""
    exact = sorted(index.by_name.get(key, ()))
    words = f" {key} "
    longer = sorted((k for k in index.by_name if k != key and words in f" {k} "), key=lambda k: (len(k), k))
    tiers: list[tuple[Literal["exact", "words", "suggestion"], list[str]]] = [
        ("exact", exact),
        ("words", [iri for k in longer for iri in sorted(index.by_name[k])]),
    ]
    if not exact and not longer:
        import difflib

        close = difflib.get_close_matches(key, list(index.by_name), n=limit, cutoff=0.75)
        tiers.append(("suggestion", [iri for k in close for iri in sorted(index.by_name[k])]))
    out: dict[str, NodeRef] = {}
    for match, iris in tiers:
        for iri in iris:
            ref = index.refs[iri]
            if iri not in out and ref.type in SEARCHABLE:
                out[iri] = NodeRef(iri=iri, name=ref.name, type=ref.type, match=match)
    return list(out.values())[:limit]


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
