"""The embedded canonical store: pyoxigraph (RocksDB) in `DIR/canonical`, one named graph per source version.

Atomic and crash-safe by construction: a new version is bulk-written into a fresh graph that no
query reads, then made current by adding one version record in a single commit (the record with
the highest sequence wins; a retraction is a record without a graph). Superseded records and
graphs, and leftovers of an unfinished write, are removed afterwards and on the next open.

The default graph of a query is SPARQL 1.1's merge of the current versions, a set: Oxigraph's
multi-graph default graph is a bag (a triple two sources state matches twice), so the store keeps
the merge as one more graph, `MERGED_GRAPH`, changed in the same transaction as the version record.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .. import progress
from ..errors import BadInput, NotFound, StoreUnavailable
from ..model import ClaimSet
from ..rdf import PREFIXES, graph_iri, ntriples
from ..rdf_read import claimset_from_triples
from ..vocab import ID_BASE, REGISTRY_GRAPH, UG, source_iri
from .base import (
    CanonicalStore,
    Capabilities,
    ClaimsDigest,
    Hook,
    SourceRecord,
    Write,
    WriteOutcome,
    claims_digest,
    register,
)
from .lock import WriterLock
from .merged import MERGE_OF, MERGED_GRAPH, DefaultGraph, has_merged
from .registry import RECORD_OF as _RECORD_OF
from .registry import REGISTRY as _REGISTRY
from .registry import SEQUENCE as _SEQUENCE
from .registry import VERSION_GRAPH as _VERSION_GRAPH
from .registry import Records, open_read_only, records
from .sparql_guard import check_depth, check_service, looks_like_update

_DIGEST = ox.NamedNode(str(UG.claims_digest))
_RETRACTED = ox.NamedNode(str(UG.retracted))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VERSION_RECORD = ox.NamedNode(str(UG.VersionRecord))
_MERGED = ox.NamedNode(MERGED_GRAPH)
_MERGE_OF = ox.NamedNode(MERGE_OF)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
_XSD_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
#: Prefixes every query may use without declaring them.
QUERY_PREFIXES = {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}


def _value(term: object) -> str:
    """The lexical value of an IRI, blank node or literal."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    raise TypeError(f"unexpected term {term!r}")


def ox_to_rdflib(term: object) -> Node:
    """pyoxigraph term to rdflib term (for reading claims back)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


class OxigraphStore(CanonicalStore):
    """The canonical graph in an embedded pyoxigraph store; one writer, readers beside it."""

    name = "oxigraph"
    capabilities: ClassVar[Capabilities] = Capabilities(
        atomic_swap=True, read_only_open=True, query_timeout=False, local_files=True
    )
    batch_size: ClassVar[int] = 50_000  # quads per bulk_extend call

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._commits = 0  # bumped by every commit of a version record (readers cache on it)
        self._datasets: dict[tuple[str, ...], tuple[ox.NamedNode, ...]] = {}  # graph IRIs -> engine terms
        self._merged_for: tuple[str, ...] | None = None  # the last dataset found to be every current version
        self._lock = WriterLock(folder)
        path = folder / "canonical"
        try:
            if read_only:
                if not path.is_dir():
                    raise StoreUnavailable(f"no store at {folder} (nothing ingested yet?)")
                self._store = open_read_only(path)
            else:
                folder.mkdir(parents=True, exist_ok=True)
                self._lock.acquire()
                self._store = ox.Store(str(path))
        except OSError as e:
            self._lock.release()
            raise StoreUnavailable(f"cannot open the canonical store at {path}: {e}") from e
        if not read_only:
            self.collect_garbage()

    # ------------------------------------------------------------------ registry
    def _records(self) -> Records:
        """source iri -> (sequence, version graph or None if retracted, record node), newest only."""
        return records(self._store)

    def _all_records(self) -> list[tuple[ox.NamedNode, str, int]]:
        out = []
        for quad in self._store.quads_for_pattern(None, _RECORD_OF, None, _REGISTRY):
            record = quad.subject
            assert isinstance(record, ox.NamedNode)
            seq = list(self._store.quads_for_pattern(record, _SEQUENCE, None, _REGISTRY))
            out.append((record, _value(quad.object), int(_value(seq[0].object)) if seq else -1))
        return out

    def current_graphs(self) -> list[ox.NamedNode]:
        return [graph for _, graph, _ in self._records().values() if graph is not None]

    @property
    def generation(self) -> int:
        """Own commits so far: a read-only open is a snapshot, a writer holds the lock."""
        return self._commits

    def sources(self) -> dict[str, SourceRecord]:
        return self._current(self._records())

    def _current(
        self, records: dict[str, tuple[int, ox.NamedNode | None, ox.NamedNode]], only: str | None = None
    ) -> dict[str, SourceRecord]:
        """The current sources among registry records (or just source `only`), with their metadata."""
        out = {}
        for key, (sequence, graph, _) in sorted(records.items()):
            source_id = key.removeprefix(ID_BASE + "source/")
            if graph is None or (only is not None and source_id != only):
                continue
            claims = self._read_claimset(graph, source_id, source_only=True)
            out[source_id] = SourceRecord(source=claims.source, graph=graph.value, sequence=sequence)
        return out

    # ------------------------------------------------------------------ writes
    def _require_writer(self) -> None:
        if self.read_only:
            raise StoreUnavailable("the store was opened read-only")

    def put(self, claims: ClaimSet, hook: Hook | None = None) -> Write:
        """Write a source as its new current version, atomically; unchanged content is skipped."""
        self._require_writer()
        sid = claims.source.id
        records = self._records()
        previous = self._current(records, only=sid).get(sid)
        if previous is not None and previous.source == claims.source:  # the same bytes: the same claims?
            stored = self._digest(records[str(source_iri(sid))][2])
            if stored is not None and stored == claims_digest(ntriples(claims)):
                return Write(WriteOutcome.UNCHANGED, previous, previous)
        sequence = max((seq for seq, _, _ in records.values()), default=0) + 1
        graph = ox.NamedNode(f"{graph_iri(claims.source)}/v{sequence}-{time.time_ns()}")
        digest = ClaimsDigest()
        try:
            self._bulk(digest.through(ntriples(claims)), graph, hook, sid)
        except ValueError as e:  # an IRI that is not one (a reader's bug or a hand-built claim)
            raise BadInput.at(claims.source.location, str(e)) from e
        if hook:
            hook("before-commit")
        others = [g for key, (_, g, _) in records.items() if g is not None and key != str(source_iri(sid))]
        old = None if previous is None else ox.NamedNode(previous.graph)
        self._commit_record(sid, sequence, graph, digest.hexdigest(), merge=(old, [*others, graph]))
        self._store.flush()
        if hook:
            hook("after-commit")
        now = SourceRecord(source=claims.source, graph=graph.value, sequence=sequence)
        return Write(WriteOutcome.ADDED if previous is None else WriteOutcome.REPLACED, now, previous)

    def _bulk(self, lines: Iterable[str], graph: ox.NamedNode, hook: Hook | None, source_id: str) -> None:
        """Bulk-load N-Triples text into the (not yet current) version graph, a batch at a time.

        Text parsed by the engine is faster than one Python object per quad; `bulk_load` is not
        transactional, which is why it only ever writes a graph that no query reads yet.
        """
        batch: list[str] = []
        # one long source: its triples counted on a terminal as they are written (`progress.counter`)
        with progress.counter(f"writing {source_id}: triples", least=self.batch_size) as count:
            for line in lines:
                batch.append(line)
                if len(batch) >= self.batch_size:
                    self._load(batch, graph)
                    count(len(batch))
                    batch = []
                    if hook:
                        hook("mid-write")
            if batch:
                self._load(batch, graph)
                count(len(batch))
        if hook:
            hook("written")

    def _load(self, lines: list[str], graph: ox.NamedNode) -> None:
        self._store.bulk_load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=graph)

    def retract(self, source_id: str) -> SourceRecord:
        """Withdraw a source: a tombstone record makes it disappear in one commit."""
        self._require_writer()
        current = self.sources()
        if source_id not in current:
            from difflib import get_close_matches

            raise NotFound("source", source_id, get_close_matches(source_id, list(current), n=3))
        records = self._records()
        sequence = max(seq for seq, _, _ in records.values()) + 1
        key = str(source_iri(source_id))
        others = [g for k, (_, g, _) in records.items() if g is not None and k != key]
        self._commit_record(source_id, sequence, None, merge=(ox.NamedNode(current[source_id].graph), others))
        self._store.flush()
        return current[source_id]

    def _digest(self, record: ox.NamedNode) -> str | None:
        """The claims digest a version record keeps (None for records written before digests)."""
        for quad in self._store.quads_for_pattern(record, _DIGEST, None, _REGISTRY):
            return _value(quad.object)
        return None

    def _commit_record(
        self,
        source_id: str,
        sequence: int,
        graph: ox.NamedNode | None,
        digest: str | None = None,
        merge: tuple[ox.NamedNode | None, list[ox.NamedNode]] | None = None,
    ) -> None:
        """Add one version record in a single commit: the switch to `graph` (None: retracted).

        With `merge` = (the version it replaces, the graphs current after it), the merged default
        graph gains the new version's triples and loses the old one's that no other current version
        states, in the same transaction (a SPARQL Update is one transaction in Oxigraph)."""
        record = ox.NamedNode(f"{ID_BASE}registry/{source_id}/{sequence}")
        quads = [
            ox.Quad(record, _TYPE, _VERSION_RECORD, _REGISTRY),
            ox.Quad(record, _RECORD_OF, ox.NamedNode(str(source_iri(source_id))), _REGISTRY),
            ox.Quad(record, _SEQUENCE, ox.Literal(str(sequence), datatype=_XSD_INTEGER), _REGISTRY),
        ]
        if graph is None:
            quads.append(ox.Quad(record, _RETRACTED, ox.Literal("true", datatype=_XSD_BOOLEAN), _REGISTRY))
        else:
            quads.append(ox.Quad(record, _VERSION_GRAPH, graph, _REGISTRY))
        if digest is not None:
            quads.append(ox.Quad(record, _DIGEST, ox.Literal(digest), _REGISTRY))
        if merge is None or not self.merged():
            self._store.extend(quads)
        else:
            old, current = merge
            steps = []
            if graph is not None:
                steps.append(
                    f"INSERT {{ GRAPH {_MERGED} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
                )
            if old is not None:
                keep = " ".join(str(g) for g in current)
                steps.append(
                    f"DELETE {{ GRAPH {_MERGED} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {old} {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ VALUES ?g {{ {keep} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
                )
            data = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
            steps.append(f"INSERT DATA {{ GRAPH {_REGISTRY} {{ {data} }} }}")
            self._store.update(" ;\n".join(steps))
        self._commits += 1
        self._merged_for = None  # the set of current versions changed: a dataset that was all of them is not

    def merged(self) -> bool:
        """Whether the store keeps the merged default graph (stores written before it do not, until
        a writer opens them)."""
        return has_merged(self._store)

    def _build_merged(self) -> None:
        """Build the merged default graph from the current versions (a store written before it
        existed, or a new one): bulk-loaded, then marked complete in one commit. Readers go on using
        the versions until the mark; an interrupted build is dropped and redone on the next open."""
        self._store.remove_graph(_MERGED)
        for graph in self.current_graphs():  # engine to engine, as N-Triples text: no Python term per quad
            text = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            self._store.bulk_load(text, ox.RdfFormat.N_TRIPLES, to_graph=_MERGED)
        complete = ox.Literal("true", datatype=_XSD_BOOLEAN)
        self._store.extend([ox.Quad(_MERGED, _MERGE_OF, complete, _REGISTRY)])
        self._store.flush()

    def collect_garbage(self) -> None:
        """Drop superseded records and every graph no current record points to (crash leftovers too).

        Order keeps every intermediate state correct: older records go first (the newest record
        still decides), then unreferenced graphs, then tombstones that no longer shadow anything.
        """
        self._require_writer()
        newest = self._records()
        keep_records = {record.value for _, _, record in newest.values()}
        for record, _, _ in self._all_records():
            if record.value not in keep_records:
                self._remove_subject(record)
        live = {graph.value for _, graph, _ in newest.values() if graph is not None} | {MERGED_GRAPH}
        for name in list(self._store.named_graphs()):
            if isinstance(name, ox.NamedNode) and name.value != REGISTRY_GRAPH and name.value not in live:
                self._store.remove_graph(name)
        for _, current, record in newest.values():
            if current is None:
                self._remove_subject(record)
        self._store.flush()
        if not self.merged():
            self._build_merged()

    def _remove_subject(self, record: ox.NamedNode) -> None:
        for quad in list(self._store.quads_for_pattern(record, None, None, _REGISTRY)):
            self._store.remove(quad)

    # ------------------------------------------------------------------ reads
    def _read_claimset(self, graph: ox.NamedNode, source_id: str, *, source_only: bool = False) -> ClaimSet:
        subject: ox.NamedNode | None = ox.NamedNode(str(source_iri(source_id))) if source_only else None
        triples = (
            (ox_to_rdflib(q.subject), ox_to_rdflib(q.predicate), ox_to_rdflib(q.object))
            for q in self._store.quads_for_pattern(subject, None, None, graph)
        )
        return claimset_from_triples(triples, source_id)

    def claims_of(self, record: SourceRecord) -> ClaimSet:
        """One current source's claims, read back from its version graph."""
        return self._read_claimset(ox.NamedNode(record.graph), record.source.id)

    def claimsets(self) -> list[ClaimSet]:
        """Every current source's claims, read back from its graph."""
        records = self._records()
        out = []
        for key, (_, graph, _) in sorted(records.items()):
            if graph is not None:
                out.append(self._read_claimset(graph, key.removeprefix(ID_BASE + "source/")))
        return out

    def quads(
        self,
        subject: ox.NamedNode | ox.BlankNode | None,
        predicate: ox.NamedNode | None,
        obj: ox.NamedNode | ox.Literal | None,
        graphs: frozenset[str],
        predicates: Collection[ox.NamedNode] | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern in the given (current) version graphs, with one of `predicates`
        if given: hop-by-hop walks without a query per step. Callers pass
        `frozenset(g.value for g in current_graphs())` or a subset of it."""
        for quad in self._store.quads_for_pattern(subject, predicate, obj, None):
            if predicates is not None and quad.predicate not in predicates:
                continue
            graph = quad.graph_name
            if isinstance(graph, ox.NamedNode) and graph.value in graphs:
                yield quad

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, OxTerm] | None = None,
        graphs: Collection[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a read-only SPARQL query over the union of the current versions (or of the given
        version graphs: how a canon floor restricts a query to the sources it keeps).

        `bindings` are substituted by the engine (SEP-0007), never pasted into the text; a bound
        variable must appear in the query's SELECT projection (pyoxigraph's rule).
        """
        check_service(sparql)  # pyoxigraph would follow SERVICE to any URL
        check_depth(sparql)  # ... and overflow its stack (SIGSEGV) on a query nested thousands deep
        dataset = self._dataset(tuple(graphs) if graphs is not None else None)
        default = self.default_graph(dataset, all_current=graphs is None)
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (bindings or {}).items()
        }
        try:
            return self._store.query(
                sparql,
                prefixes=QUERY_PREFIXES,
                default_graph=default,
                named_graphs=list(dataset),
                substitutions=substitutions or None,
            )
        except SyntaxError as e:
            if looks_like_update(sparql):
                raise BadInput.at(
                    "query",
                    "SPARQL Update is refused: the graph is read-only here; "
                    "write through `ingest` and `retract`",
                ) from e
            raise BadInput.at("query", f"SPARQL syntax error: {e}") from e

    def default_graph(self, dataset: Sequence[ox.NamedNode], *, all_current: bool = False) -> DefaultGraph:
        """A query's default graph: the merged graph (a set) when the dataset is every current
        version; else the versions themselves (a canon floor's subset: a bag, see the module doc)."""
        if not dataset:
            return ox.DefaultGraph()
        key = tuple(sorted(g.value for g in dataset))
        if self._merged_for != key:
            whole = all_current or set(key) == {g.value for g in self.current_graphs()}
            self._merged_for = key if whole and self.merged() else None
        if self._merged_for == key:
            return [_MERGED]
        return list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph](dataset)

    def _dataset(self, graphs: tuple[str, ...] | None) -> Sequence[ox.NamedNode]:
        """A query's dataset as engine terms, remembered per graph set (named queries ask often)."""
        if graphs is None:
            return self.current_graphs()
        dataset = self._datasets.get(graphs)
        if dataset is None:
            if len(self._datasets) >= 64:
                self._datasets.clear()
            dataset = self._datasets[graphs] = tuple(ox.NamedNode(g) for g in graphs)
        return dataset

    def close(self) -> None:
        if hasattr(self, "_store"):
            if not self.read_only:
                self._store.flush()
            del self._store
        self._lock.release()


@register("oxigraph")
def open_oxigraph(location: Path | str, read_only: bool) -> CanonicalStore:
    return OxigraphStore(Path(location), read_only=read_only)
