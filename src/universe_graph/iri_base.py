"""The IRI bases we mint under, as plain strings: importable without rdflib (`vocab` re-exports them)."""

from __future__ import annotations

ONTOLOGY_IRI = "https://w3id.org/universe-graph/ontology"
ID_BASE = "https://w3id.org/universe-graph/id/"

#: The named graph of the canonical store's version records.
REGISTRY_GRAPH = ID_BASE + "registry"
