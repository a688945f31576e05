"""Neo4j's example "movies" graph (`movies.cypher`) loaded into a scratch FalkorDB graph.

The script is Neo4j's own: schema statements in Neo4j 5 syntax, then one large CREATE. FalkorDB
runs the CREATE unchanged; its schema statements differ, so each is translated here (a
uniqueness constraint becomes an exact-match index plus `GRAPH.CONSTRAINT CREATE ... UNIQUE`,
and `IF NOT EXISTS` is dropped, since FalkorDB's `CREATE INDEX` does not take it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BadInput

#: Where the movies script sits beside the project (`../shared`), for tests and demos.
DEFAULT_SCRIPT = Path(__file__).resolve().parents[4] / "shared" / "data" / "neo4j-movies" / "movies.cypher"

_CONSTRAINT = re.compile(
    r"^CREATE\s+CONSTRAINT\s+(?:(?P<name>\w+)\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    r"FOR\s+\((?P<var>\w+):(?P<label>\w+)\)\s+REQUIRE\s+\(?\s*(?P=var)\.(?P<prop>\w+)\s*\)?\s+IS\s+UNIQUE$",
    re.IGNORECASE | re.DOTALL,
)
_INDEX = re.compile(
    r"^CREATE\s+INDEX\s+(?:(?P<name>\w+)\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    r"FOR\s+\((?P<var>\w+):(?P<label>\w+)\)\s+ON\s+\(\s*(?P=var)\.(?P<prop>\w+)\s*\)$",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class Loaded:
    """What loading the script made: counts as FalkorDB reported them."""

    nodes: int
    relationships: int
    indexes: int
    constraints: int


def statements(text: str) -> list[str]:
    """Split a Cypher script at `;` outside string literals and comments; empty statements dropped."""
    out: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            current.append(ch)
            if ch == "\\" and i + 1 < len(text):
                current.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
            current.append(ch)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif ch == ";":
            out.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    out.append("".join(current).strip())
    return [s for s in out if s]


def _index_exists(message: str) -> bool:
    return "already indexed" in message or "already exists" in message


def load_movies(graph: Any, script: Path | None = None) -> Loaded:
    """Load the movies script into `graph` (a falkordb `Graph`, e.g. `EmbeddedFalkorDB.graph(name)`).

    The graph should be empty (a scratch graph): the script CREATEs, so loading twice would fail
    on the uniqueness constraints. Schema statements are translated to FalkorDB's forms.
    """
    path = script or DEFAULT_SCRIPT
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise BadInput.at(str(path), f"cannot read the movies script: {e.strerror or e}") from e
    nodes = relationships = indexes = constraints = 0
    for statement in statements(text):
        constraint = _CONSTRAINT.match(statement)
        index = constraint or _INDEX.match(statement)
        if index:
            label, prop = index.group("label"), index.group("prop")
            try:
                graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
                indexes += 1
            except Exception as e:  # redis ResponseError: an existing index is fine
                if not _index_exists(str(e)):
                    raise
            if constraint:
                graph.create_node_unique_constraint(label, prop)
                constraints += 1
            continue
        if re.match(r"^(CREATE|DROP)\s+(CONSTRAINT|INDEX)\b", statement, re.IGNORECASE):
            raise BadInput.at(str(path), f"schema statement not understood: {statement[:80]}")
        result = graph.query(statement)
        nodes += int(result.nodes_created)
        relationships += int(result.relationships_created)
    return Loaded(nodes, relationships, indexes, constraints)
