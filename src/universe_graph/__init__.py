"""universe-graph: a knowledge graph of film universes, with the evidence behind every fact."""

__version__ = "0.1.0"
