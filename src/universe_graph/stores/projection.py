"""The property-graph projection as pure data: what each node and edge holds, per source.

Every projected node and edge keeps one entry per source that claims it, so re-projecting or
retracting one source is local: drop that source's entries, add its new ones, recompute the
visible properties (name from the strongest source, the union of sources, the strongest tier,
the highest confidence). No I/O here; `falkordb.py` reads and writes these states.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import CanonTier, ClaimSet, Relation, is_placeholder

TIERS = [t.value for t in CanonTier]
#: Literal predicates projected as node properties; the rest are relationships.
SCALAR_LITERALS = ("release_year", "language", "rating", "votes", "rating_class", "popularity")
LIST_LITERALS = ("tag", "fate")
EVENT_EDGES = ("IN_WORK", "AT_LOCATION", "HAS_PARTICIPANT")


def rel_type(predicate: str) -> str:
    """Relationship type of a predicate: `trained_by` -> `TRAINED_BY`."""
    return predicate.upper()


def qualifier_key(character: str | None, work: str | None, time: str | None) -> str:
    return f"{character or ''}|{work or ''}|{time or ''}"


EdgeKey = tuple[str, str, str, str]  # (subject iri, TYPE, object iri, qualifier key)


@dataclass
class EdgeState:
    """One relationship and the sources that claim it: source -> (tier rank, confidence)."""

    key: EdgeKey
    entries: dict[str, tuple[int, float]] = field(default_factory=dict)
    extra: dict[str, str | None] = field(default_factory=dict)  # character, work, time, role
    exists: bool = False  # already in the projection (read from it), so it is updated, not created

    def props(self) -> dict[str, Any]:
        if len(self.entries) == 1:  # the common case, without the sorting and list building
            ((source, (rank, confidence)),) = self.entries.items()
            out: dict[str, Any] = {
                "key": self.key[3],
                "sources": [source],
                "tiers": [rank],
                "confidences": [confidence],
                "tier": TIERS[rank],
                "confidence": confidence,
            }
            for k, v in self.extra.items():
                if v is not None:
                    out[k] = v
            return out
        sources = sorted(self.entries)
        ranks = [self.entries[s][0] for s in sources]
        confidences = [self.entries[s][1] for s in sources]
        out = {
            "key": self.key[3],
            "sources": sources,
            "tiers": ranks,
            "confidences": confidences,
            "tier": TIERS[min(ranks)],
            "confidence": max(confidences),
        }
        out.update({k: v for k, v in self.extra.items() if v is not None})
        return out


@dataclass
class NodeState:
    """One node (entity, event, or an entity only referenced) and each source's payload."""

    iri: str
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: labels it has in the projection now besides `Node`; None when it does not exist there yet
    existing: frozenset[str] | None = None

    def label(self) -> str | None:
        best = self._best()
        return None if best is None else str(best.get("type"))

    def _defining(self) -> list[dict[str, Any]]:
        """Payloads that describe the node, best first: real names before ids, then tier, then source."""
        return sorted(
            (p for p in self.entries.values() if "type" in p),
            key=lambda p: (is_placeholder(str(p.get("name", ""))), p["t"], p["s"]),
        )

    def _best(self) -> dict[str, Any] | None:
        defining = self._defining()
        return defining[0] if defining else None

    def props(self) -> dict[str, Any]:
        sources = sorted(self.entries)
        out: dict[str, Any] = {
            "iri": self.iri,
            "sources": sources,
            "tier": TIERS[min(p["t"] for p in self.entries.values())],
            "_payloads": [json.dumps(self.entries[s], sort_keys=True) for s in sources],
        }
        best = self._best()
        if best is None:
            out["name"] = self.iri
            return out
        if best["type"] == "Event":
            out.update({k: v for k, v in best["event"].items() if v is not None})
            out["name"] = best["event"]["label"]
            return out
        defining = self._defining()
        out["name"] = best["name"]
        aliases: dict[str, None] = {}
        for payload in defining:
            for alias in [payload["name"], *payload["aliases"]]:
                if alias != best["name"] and not is_placeholder(alias):
                    aliases.setdefault(alias, None)
        out["aliases"] = list(aliases)
        out["in_universe"] = any(p["u"] for p in defining)
        for payload in reversed(defining):  # the strongest source's ids win
            out.update(payload["ids"])
        literals: list[tuple[int, str, str, Any, str | None]] = [
            (p["t"], p["s"], pred, value, work)
            for p in self.entries.values()
            for pred, value, work in p.get("lit", [])
        ]
        literals.sort(key=lambda x: (x[0], x[1]))
        for pred in SCALAR_LITERALS:
            values = [value for _, _, name, value, _ in literals if name == pred]
            if values:
                out[pred] = values[0]
        tags = [value for _, _, name, value, _ in literals if name == "tag"]
        if tags:
            out["tags"] = list(dict.fromkeys(tags))
        fates = [(value, work) for _, _, name, value, work in literals if name == "fate"]
        if fates:
            out["fates"] = [value for value, _ in fates]
            out["fate_works"] = [work or "" for _, work in fates]
        return out


@dataclass
class Plan:
    """What one source's projection changes: nodes and edges to write, and to delete."""

    nodes: dict[str, NodeState] = field(default_factory=dict)
    edges: dict[EdgeKey, EdgeState] = field(default_factory=dict)

    def upserts(self) -> tuple[list[NodeState], list[EdgeState]]:
        return ([n for n in self.nodes.values() if n.entries], [e for e in self.edges.values() if e.entries])

    def deletions(self) -> tuple[list[str], list[EdgeKey]]:
        return (
            [n.iri for n in self.nodes.values() if not n.entries],
            [e.key for e in self.edges.values() if not e.entries],
        )


SourceItems = tuple[dict[str, dict[str, Any]], dict[EdgeKey, tuple[float, dict[str, str | None]]]]


def source_items(claims: ClaimSet) -> SourceItems:
    """One source's node payloads and edges (with their best confidence and qualifiers)."""
    sid, rank = claims.source.id, claims.source.tier.rank
    nodes: dict[str, dict[str, Any]] = {}

    def ref(iri: str) -> None:
        nodes.setdefault(iri, {"s": sid, "t": rank, "ref": True})

    for entity in claims.entities:
        nodes[entity.id] = {
            "s": sid, "t": rank, "type": entity.type.value, "name": entity.name, "aliases": entity.aliases,
            "u": entity.in_universe, "ids": entity.external_ids.model_dump(exclude_none=True), "lit": [],
        }  # fmt: skip
    edges: dict[EdgeKey, tuple[float, dict[str, str | None]]] = {}

    def edge(key: EdgeKey, confidence: float, extra: dict[str, str | None]) -> None:
        known = edges.get(key)
        edges[key] = (max(confidence, known[0]) if known else confidence, extra)

    literal_predicates = frozenset(SCALAR_LITERALS + LIST_LITERALS)
    for rel in claims.relations:
        evidence = rel.evidence
        confidence = evidence[0].confidence if len(evidence) == 1 else max(e.confidence for e in evidence)
        if isinstance(rel.object, str) and rel.predicate not in literal_predicates:
            ref(rel.subject)
            ref(rel.object)
            q = rel.qualifiers
            key = (
                rel.subject,
                rel_type(rel.predicate),
                rel.object,
                qualifier_key(q.character, q.work, q.time),
            )
            edge(key, confidence, {"character": q.character, "work": q.work, "time": q.time})
        else:
            _literal(nodes, rel, sid, rank)
    for event in claims.events:
        nodes[event.id] = {
            "s": sid, "t": rank, "type": "Event",
            "event": {"label": event.label, "kind": event.kind.value, "order": event.order, "act": event.act,
                      "time": event.time, "framing": event.framing.value, "flashback": event.flashback,
                      "work": event.work},
        }  # fmt: skip
        confidence = max(e.confidence for e in event.evidence)
        ref(event.work)
        edge((event.id, "IN_WORK", event.work, ""), confidence, {})
        if event.location:
            ref(event.location)
            edge((event.id, "AT_LOCATION", event.location, ""), confidence, {})
        for part in event.participants:
            ref(part.entity)
            edge(
                (event.id, "HAS_PARTICIPANT", part.entity, part.role.value),
                confidence,
                {"role": part.role.value},
            )
    return nodes, edges


def _literal(nodes: dict[str, dict[str, Any]], rel: Relation, sid: str, rank: int) -> None:
    payload = nodes.setdefault(rel.subject, {"s": sid, "t": rank, "ref": True})
    payload.setdefault("lit", []).append([rel.predicate, rel.object, rel.qualifiers.work])


def plan(
    source_id: str,
    claims: ClaimSet | None,
    tagged_nodes: Iterable[NodeState],
    tagged_edges: Iterable[EdgeState],
    touched_nodes: Iterable[NodeState] = (),
    touched_edges: Iterable[EdgeState] = (),
    items: SourceItems | None = None,
) -> Plan:
    """Replace one source's entries: `tagged_*` carry it now, `touched_*` are what its new claims hit.

    `items` are the claims' `source_items`, when the caller has them already.
    """
    result = Plan()
    for node in [*tagged_nodes, *touched_nodes]:
        result.nodes.setdefault(node.iri, node).entries.pop(source_id, None)
    for edge_state in [*tagged_edges, *touched_edges]:
        result.edges.setdefault(edge_state.key, edge_state).entries.pop(source_id, None)
    if claims is not None:
        nodes, edges = items if items is not None else source_items(claims)
        rank = claims.source.tier.rank
        known_nodes, known_edges = result.nodes, result.edges
        for iri, payload in nodes.items():
            found = known_nodes.get(iri)
            if found is None:
                known_nodes[iri] = NodeState(iri, {source_id: payload})
            else:
                found.entries[source_id] = payload
        for key, (confidence, extra) in edges.items():
            state = known_edges.get(key)
            if state is None:
                known_edges[key] = EdgeState(key, {source_id: (rank, confidence)}, extra)
            else:
                state.entries[source_id] = (rank, confidence)
                state.extra.update(extra)
    return result


Row = dict[str, Any]


@dataclass
class Rows:
    """What one source's projection writes: every statement's `$rows`, grouped by label or type."""

    create_nodes: dict[str | None, list[Row]] = field(default_factory=lambda: defaultdict(list))
    relabel: dict[tuple[frozenset[str], str | None], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    update_nodes: list[Row] = field(default_factory=list)
    edges: dict[tuple[str, bool], list[Row]] = field(
        default_factory=lambda: defaultdict(list)
    )  # (TYPE, exists)
    delete_edges: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    delete_nodes: list[str] = field(default_factory=list)


def rows_of(result: Plan) -> Rows:
    """The rows that carry out a plan: create, relabel or update nodes, create or merge edges, delete."""
    rows = Rows()
    nodes, edges = result.upserts()
    for node in nodes:
        row = {"iri": node.iri, "props": node.props()}
        label = node.label()
        if node.existing is None:
            rows.create_nodes[label].append(row)
            continue
        rows.update_nodes.append(row)
        if node.existing != frozenset({label} - {None}):
            rows.relabel[(node.existing, label)].append(node.iri)
    for edge in edges:
        s, rel_type, o, key = edge.key
        rows.edges[(rel_type, edge.exists)].append({"s": s, "o": o, "k": key, "props": edge.props()})
    gone_nodes, gone_edges = result.deletions()
    for s, rel_type, o, key in gone_edges:
        rows.delete_edges[rel_type].append({"s": s, "o": o, "k": key})
    rows.delete_nodes = gone_nodes
    return rows


def fresh_rows(claims: ClaimSet, items: SourceItems) -> Rows:
    """The rows of a source none of whose nodes or edges are in the projection yet, in one pass.

    Nothing to merge with, so this skips the per-entry machinery of `plan`; it must give exactly
    the rows `rows_of(plan(...))` gives for the same case (a test holds the two together).
    """
    rows = Rows()
    sid, rank = claims.source.id, claims.source.tier.rank
    tier = TIERS[rank]
    nodes, edges = items
    for iri, payload in nodes.items():
        node = NodeState(iri, {sid: payload})
        rows.create_nodes[node.label()].append({"iri": iri, "props": node.props()})
    for (s, rel_type, o, key), (confidence, extra) in edges.items():
        props: Row = {
            "key": key,
            "sources": [sid],
            "tiers": [rank],
            "confidences": [confidence],
            "tier": tier,
            "confidence": confidence,
        }
        for name, value in extra.items():
            if value is not None:
                props[name] = value
        rows.edges[(rel_type, False)].append({"s": s, "o": o, "k": key, "props": props})
    return rows
