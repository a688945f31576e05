"""The embedded store's registry of versions, read with pyoxigraph alone: which version is current.

Free of rdflib and the models, so a command that only lists sources starts without them; the
embedded engine (`stores/oxigraph.py`) reads its registry through here too.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from ..iri_base import ONTOLOGY_IRI, REGISTRY_GRAPH

REGISTRY = ox.NamedNode(REGISTRY_GRAPH)
# the ontology's terms `ug:record_of`, `ug:sequence`, `ug:version_graph` (tests/test_listing.py keeps
# them equal to `vocab.UG`'s)
RECORD_OF = ox.NamedNode(ONTOLOGY_IRI + "#record_of")
SEQUENCE = ox.NamedNode(ONTOLOGY_IRI + "#sequence")
VERSION_GRAPH = ox.NamedNode(ONTOLOGY_IRI + "#version_graph")

#: source iri -> (sequence, version graph or None if retracted, record node)
Records = dict[str, tuple[int, ox.NamedNode | None, ox.NamedNode]]


def records(store: ox.Store) -> Records:
    """Every source's newest version record in the registry."""
    best: Records = {}
    for quad in store.quads_for_pattern(None, RECORD_OF, None, REGISTRY):
        record = quad.subject
        assert isinstance(record, ox.NamedNode)
        seq_quads = list(store.quads_for_pattern(record, SEQUENCE, None, REGISTRY))
        if not seq_quads:
            continue
        number, source = seq_quads[0].object, quad.object
        assert isinstance(number, ox.Literal) and isinstance(source, ox.NamedNode)
        sequence = int(number.value)
        graphs = list(store.quads_for_pattern(record, VERSION_GRAPH, None, REGISTRY))
        graph = graphs[0].object if graphs else None
        assert graph is None or isinstance(graph, ox.NamedNode)
        key = source.value
        if key not in best or best[key][0] < sequence:
            best[key] = (sequence, graph, record)
    return best


def open_read_only(path: Path, attempts: int = 5) -> ox.Store:
    """Open a read-only view beside a possible writer.

    RocksDB reads the file list, then the files: a writer's compaction in between deletes a file the
    list names ("Corruption: ... No such file"). The next attempt sees the new list.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(path))
        except OSError as e:
            if attempt == attempts - 1 or "No such file" not in str(e):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
