"""Compatibility with apps written for Neo4j: its example graph, loaded into FalkorDB."""
