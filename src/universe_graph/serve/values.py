"""FalkorDB result values as JSON in the shape of Neo4j's Query API (nodes, relationships, paths)."""

from __future__ import annotations

import math
from typing import Any

from falkordb import Edge, Node, Path  # type: ignore[import-untyped]


def _properties(props: dict[str, Any]) -> dict[str, Any]:
    """Properties without the projection's internal bookkeeping (names starting with `_`)."""
    return {k: jsonable(v) for k, v in props.items() if not k.startswith("_")}


def node(n: Node) -> dict[str, Any]:
    labels = n.labels if isinstance(n.labels, list) else [n.labels] if n.labels else []
    return {"elementId": str(n.id), "labels": labels, "properties": _properties(n.properties or {})}


def relationship(e: Edge) -> dict[str, Any]:
    start = e.src_node.id if isinstance(e.src_node, Node) else e.src_node
    end = e.dest_node.id if isinstance(e.dest_node, Node) else e.dest_node
    return {
        "elementId": str(e.id),
        "startNodeElementId": str(start),
        "endNodeElementId": str(end),
        "type": e.relation,
        "properties": _properties(e.properties or {}),
    }


def jsonable(value: Any) -> Any:
    """Any FalkorDB value as plain JSON: a path is its nodes and relationships in order."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return node(value)
    if isinstance(value, Edge):
        return relationship(value)
    if isinstance(value, Path):
        nodes, edges = value.nodes(), value.edges()
        out: list[Any] = []
        for i, n in enumerate(nodes):
            out.append(node(n))
            if i < len(edges):
                out.append(relationship(edges[i]))
        return out
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return str(value)
