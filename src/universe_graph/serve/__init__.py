"""The HTTP server: SPARQL protocol, Cypher in the shape of Neo4j's Query API, JSON, the explorer."""

from .settings import ServeSettings

__all__ = ["ServeSettings"]
