"""Stores: the canonical RDF graph (the truth) and the property-graph projection (a cache)."""
