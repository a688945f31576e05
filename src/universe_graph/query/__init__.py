"""The query layer: named queries, name lookup, paths, profiles, franchise structure, timelines."""

from .evidence import EvidenceRef, Fact, facts_about, facts_between
from .named import NamedQuery, QueryResult, named_queries, named_query, run_named
from .names import EntityRef, find_entity
from .path import Hop, PathResult, path

__all__ = [
    "EntityRef",
    "EvidenceRef",
    "Fact",
    "Hop",
    "NamedQuery",
    "PathResult",
    "QueryResult",
    "facts_about",
    "facts_between",
    "find_entity",
    "named_queries",
    "named_query",
    "path",
    "run_named",
]
