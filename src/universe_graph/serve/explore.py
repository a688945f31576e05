"""What the explorer page shows: search, a node's neighbourhood, its profile with evidence, paths, timelines.

Reads the projection for graph shape (names, labels, edges) and the canonical graph for evidence;
every user value is a bound parameter.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from pydantic import BaseModel

from .. import ontology
from ..errors import BadInput, NotFound
from ..stores.falkordb import FalkorProjection
from ..stores.oxigraph import OxigraphStore
from ..vocab import source_iri

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


class EvidenceRef(BaseModel):
    source: str
    quote: str | None = None
    line: int | None = None
    pointer: str | None = None


class Fact(BaseModel):
    predicate: str
    label: str
    direction: str  # "out": this entity is the subject; "in": the object
    other: str
    other_name: str
    evidence: list[EvidenceRef]


class Profile(BaseModel):
    iri: str
    name: str
    type: str
    aliases: list[str]
    facts: list[Fact]


class PathView(BaseModel):
    nodes: list[NodeRef]
    edges: list[EdgeRef]


class TimelineEvent(BaseModel):
    order: int | None
    act: int | None
    label: str
    kind: str | None
    framing: str | None
    participants: list[str]


class Timeline(BaseModel):
    work: NodeRef
    events: list[TimelineEvent]


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


_PROFILE = """
SELECT ?s ?dir ?p ?other ?otherName ?src ?quote ?line ?pointer WHERE {
  { ?c a ug:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?other . BIND("out" AS ?dir) }
  UNION
  { ?c a ug:Claim ; rdf:subject ?other ; rdf:predicate ?p ; rdf:object ?s . BIND("in" AS ?dir) }
  ?c ug:evidence ?ev . ?ev ug:source ?src .
  OPTIONAL { ?ev ug:quote ?quote } OPTIONAL { ?ev ug:line ?line } OPTIONAL { ?ev ug:pointer ?pointer }
  OPTIONAL { ?other rdfs:label ?otherName }
}
"""


def profile(projection: FalkorProjection, canonical: OxigraphStore, iri: str) -> Profile:
    """The entity's facts, each with the evidence that states it (quotes where a source has them)."""
    _, rows = projection.query("MATCH (n:Node {iri: $iri}) RETURN n.name, labels(n), n.aliases", {"iri": iri})
    if not rows:
        raise NotFound("entity", iri)
    name, labels, aliases = rows[0]
    result = canonical.query(_PROFILE, {"s": ox.NamedNode(iri)})
    assert isinstance(result, ox.QuerySolutions)
    facts: dict[tuple[str, str, str], Fact] = {}
    source_prefix = str(source_iri("x"))[:-1]
    for row in result:
        p, other, direction = row["p"].value, row["other"], row["dir"].value
        predicate = p.rsplit("#", 1)[-1]
        other_value = other.value if other is not None else ""
        key = (predicate, direction, other_value)
        if key not in facts:
            info = ontology.predicates().get(predicate)
            label = (
                (info.label if direction == "out" else info.inverse_label)
                if info
                else predicate.replace("_", " ")
            )
            other_name = row["otherName"].value if row["otherName"] is not None else other_value
            facts[key] = Fact(
                predicate=predicate,
                label=label,
                direction=direction,
                other=other_value,
                other_name=other_name,
                evidence=[],
            )
        line = row["line"]
        evidence = EvidenceRef(
            source=row["src"].value.removeprefix(source_prefix),
            quote=row["quote"].value if row["quote"] is not None else None,
            line=int(line.value) if line is not None else None,
            pointer=row["pointer"].value if row["pointer"] is not None else None,
        )
        if evidence not in facts[key].evidence:
            facts[key].evidence.append(evidence)
    ordered = sorted(
        facts.values(), key=lambda f: (not any(e.quote for e in f.evidence), f.label, f.other_name)
    )
    return Profile(iri=iri, name=name or iri, type=_type(labels), aliases=list(aliases or []), facts=ordered)


def path(projection: FalkorProjection, a: str, b: str, max_hops: int = 6) -> PathView:
    """A shortest connection between two entities, whichever way its relationships point."""
    if a == b:
        raise BadInput.at("b", "pick two different entities")
    node(projection, a), node(projection, b)
    _, rows = projection.query(
        f"MATCH (a:Node {{iri: $a}}), (b:Node {{iri: $b}}) WITH a, b "
        f"MATCH p = allShortestPaths((a)-[*1..{int(max_hops)}]-(b)) "
        "RETURN [n IN nodes(p) | [n.iri, n.name, labels(n)]], "
        "[r IN relationships(p) | [startNode(r).iri, type(r), endNode(r).iri]] LIMIT 1",
        {"a": a, "b": b},
    )
    if not rows:
        raise NotFound("connection within 6 hops between", f"{a} and {b}")
    node_rows, edge_rows = rows[0]
    nodes = [NodeRef(iri=i, name=n or i, type=_type(labels)) for i, n, labels in node_rows]
    edges = [EdgeRef(source=s, target=o, type=t, label=_label(t)) for s, t, o in edge_rows]
    return PathView(nodes=nodes, edges=edges)


def timeline(projection: FalkorProjection, work: str) -> Timeline:
    """A work's plot events in order, with who takes part."""
    center = node(projection, work)
    if center.type not in ("Film", "Series"):
        raise BadInput.at("work", f"{center.name} is a {center.type}, not a work")
    _, rows = projection.query(
        "MATCH (e:Event)-[:IN_WORK]->(w:Node {iri: $work}) "
        "OPTIONAL MATCH (e)-[h:HAS_PARTICIPANT]->(p:Node) "
        "RETURN e.order, e.act, e.label, e.kind, e.framing, collect(p.name) ORDER BY e.order",
        {"work": work},
    )
    events = [
        TimelineEvent(
            order=o,
            act=act,
            label=label or "",
            kind=kind,
            framing=framing,
            participants=sorted(n for n in names if n),
        )
        for o, act, label, kind, framing, names in rows
    ]
    return Timeline(work=center, events=events)


def as_json(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json")
