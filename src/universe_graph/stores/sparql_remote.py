"""The canonical graph in any SPARQL 1.1 Query/Update server (Oxigraph, Virtuoso, Fuseki...).

The same layout as the embedded store: one named graph per source version, and a registry
graph of version records (the record with the highest sequence wins; a retraction is a record
without a graph). A new version is written into a fresh graph that no query reads (queries name
the current graphs as their dataset, `default-graph-uri`), in as many INSERT DATA requests as
the server takes; then one small INSERT DATA adds its record, and that single request makes the
version current. A source small enough for one request goes in one request, record included.
Where the server offers the Graph Store Protocol (Oxigraph's `/store`), a large version is
POSTed as N-Triples and graphs are read back whole with GET; else SPARQL Update and paged
SELECTs. Superseded records and graphs are removed afterwards, and the merge of the current
versions is built (server-side, `ADD`) into one more graph after each batch of writes: a query's
default graph is that merge, a set as SPARQL 1.1 defines it (servers take several
`default-graph-uri`s as a bag: a triple two sources state would match twice); until a writer has
built it, queries fall back to the versions. Values reach the server only as
N-Triples terms in INSERT DATA (escaped by `rdf.py`), or as escaped terms in a VALUES block.

Server quirks met: Virtuoso returns `typed-literal`s, booleans as 1/0 and caps results (10,000
rows by default), so reads are paged and checked against a count; it refuses large INSERT DATA
(batches of 1,000 triples); its query endpoint also runs updates, so queries are parsed here first
and updates refused.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph as ox
from rdflib.term import Node

from ..errors import BadInput, NotFound, StoreUnavailable
from ..model import ClaimSet
from ..rdf import ntriples
from ..rdf_read import claimset_from_triples
from ..vocab import ID_BASE, REGISTRY_GRAPH, UG, source_iri
from .base import (
    CanonicalStore,
    Capabilities,
    Hook,
    OxTerm,
    QueryResult,
    SourceRecord,
    Write,
    WriteOutcome,
    claims_digest,
    register,
)
from .lock import WriterLock
from .merged import MERGE_OF, MERGED_GRAPH
from .oxigraph import QUERY_PREFIXES, ox_to_rdflib
from .sparql_guard import check_service

TIMEOUT = 120.0  # seconds per HTTP request
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RESULTS_JSON = "application/sparql-results+json"
_VERSION_PREFIX = ID_BASE + "source/"


def _merged_iri(current: Iterable[str]) -> str:
    """The merged graph of one set of current versions: named by them, so a reader never takes
    the merge of another set for the one it reads."""
    digest = hashlib.sha256("\n".join(sorted(current)).encode("utf-8")).hexdigest()[:24]
    return f"{MERGED_GRAPH}/{digest}"


#: A graph nothing is written to: the dataset of a query over no current version at all (a server
#: given no `default-graph-uri` would answer from its own default, which may be every graph).
_NO_GRAPH = ID_BASE + "no-version"
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


@dataclass(frozen=True)
class Endpoints:
    """Where to query and update: `/query` pairs with `/update` and the Graph Store `/store`
    (Oxigraph's layout; used when it answers), else one URL for both and no Graph Store."""

    query: str
    update: str
    store: str | None = None

    @classmethod
    def of(cls, url: str) -> Endpoints:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise BadInput.at("--store", f"not an http(s) URL of a SPARQL endpoint: {url!r}")
        if parsed.path.endswith("/query"):
            base = parsed.path[:-6]
            return cls(
                url,
                urllib.parse.urlunsplit(parsed._replace(path=base + "/update")),
                urllib.parse.urlunsplit(parsed._replace(path=base + "/store")),
            )
        return cls(url, url)


def _term(binding: Mapping[str, str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A SPARQL JSON results term, with the lexical forms some servers change put back."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode("b" + value.encode("utf-8").hex())
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    datatype = binding.get("datatype")
    if datatype is None or datatype == _XSD + "string":
        return ox.Literal(value)
    if datatype == _XSD + "boolean":
        value = {"1": "true", "0": "false"}.get(value, value)
    return ox.Literal(value, datatype=ox.NamedNode(datatype))


def _solutions(
    data: Mapping[str, Any],
) -> tuple[list[str], list[dict[str, ox.NamedNode | ox.BlankNode | ox.Literal]]]:
    variables = list(data.get("head", {}).get("vars", []))
    rows = [
        {name: _term(value) for name, value in binding.items()}
        for binding in data.get("results", {}).get("bindings", [])
    ]
    return variables, rows


def _normalized_results(data: Mapping[str, Any]) -> bytes:
    """SPARQL JSON results in the W3C shape (no `typed-literal`), for pyoxigraph's parser."""
    if "boolean" in data:
        return json.dumps({"head": {}, "boolean": bool(data["boolean"])}).encode()
    variables, rows = _solutions(data)

    def encode(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
        if isinstance(term, ox.NamedNode):
            return {"type": "uri", "value": term.value}
        if isinstance(term, ox.BlankNode):
            return {"type": "bnode", "value": term.value}
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD + "string":
            out["datatype"] = term.datatype.value
        return out

    body = {
        "head": {"vars": variables},
        "results": {"bindings": [{k: encode(v) for k, v in row.items()} for row in rows]},
    }
    return json.dumps(body).encode()


def _iri(value: str) -> str:
    return str(ox.NamedNode(value))  # validated, in N-Triples form


def _value_term(term: OxTerm) -> str:
    """An RDF term as SPARQL text for a VALUES block: pyoxigraph's escaped N-Triples form."""
    if isinstance(term, ox.BlankNode):
        raise BadInput.at("query", "a blank node cannot be sent to a SPARQL server as a value")
    if not isinstance(term, ox.NamedNode | ox.Literal):
        raise BadInput.at("query", f"not an IRI or literal: {term!r}")
    return str(term)


class RemoteSparqlStore(CanonicalStore):
    """The canonical graph in a SPARQL server; a local state folder holds the writer lock."""

    name = "sparql"
    capabilities: ClassVar[Capabilities] = Capabilities(
        atomic_swap=True, read_only_open=True, query_timeout=False
    )
    batch_triples: ClassVar[int] = 1000  # per INSERT DATA (Virtuoso fails at 5,000)
    page_rows: ClassVar[int] = 10_000  # per SELECT page when reading a graph back

    def __init__(self, url: str, *, read_only: bool = False, state: Path | None = None) -> None:
        self.url = url
        self.endpoints = Endpoints.of(url)
        self._gsp = self.endpoints.store  # dropped at its first refusal
        self._gsp_seen = False  # it answered once: later errors are errors
        self.read_only = read_only
        self._merged_seen: set[str] = set()  # merges found complete (kept until dropped by a writer)
        self._lock = WriterLock(state) if state is not None and not read_only else None
        if self._lock is not None and state is not None:
            state.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        try:
            self._select(f"ASK {{ GRAPH {_iri(REGISTRY_GRAPH)} {{ ?s ?p ?o }} }}")
            if not read_only:
                self.collect_garbage()
        except BaseException:
            self.close()
            raise

    # ------------------------------------------------------------------ HTTP
    def _post(self, endpoint: str, fields: Sequence[tuple[str, str]], accept: str) -> bytes:
        request = urllib.request.Request(
            endpoint,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body: bytes = response.read()
                return body
        except urllib.error.HTTPError as e:
            detail = e.read().decode("utf-8", errors="replace").strip()[:400]
            if e.code == 400 and fields and fields[0][0] == "query":
                raise BadInput.at("query", f"the SPARQL server refused the query: {detail}") from e
            raise StoreUnavailable(f"the SPARQL server at {endpoint} answered {e.code}: {detail}") from e
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreUnavailable(f"cannot reach the SPARQL server at {endpoint}: {reason}") from e

    def _select(
        self, query: str, graphs: Sequence[str] | None = None, default: Sequence[str] | None = None
    ) -> Any:
        """A SELECT or ASK over the dataset `graphs` (each a named graph and, unless `default` says
        otherwise, part of the default graph)."""
        fields = [("query", query)]
        for graph in default if default is not None else graphs or ():
            fields.append(("default-graph-uri", graph))
        for graph in graphs or ():
            fields.append(("named-graph-uri", graph))
        raw = self._post(self.endpoints.query, fields, _RESULTS_JSON)
        try:
            return json.loads(raw)
        except ValueError as e:
            raise StoreUnavailable(f"the SPARQL server at {self.url} did not answer in SPARQL JSON") from e

    def _update(self, text: str) -> None:
        self._require_writer()
        self._post(self.endpoints.update, [("update", text)], "*/*")

    def _rows(self, query: str, graphs: Sequence[str] | None = None) -> list[dict[str, Any]]:
        return _solutions(self._select(query, graphs))[1]

    def _graph_store(self, method: str, graph: str, body: bytes | None = None) -> bytes | None:
        """A Graph Store Protocol request on one graph; None where the server offers none."""
        if self._gsp is None:
            return None
        target = f"{self._gsp}?{urllib.parse.urlencode({'graph': graph})}"
        headers = {"Accept": "application/n-triples"}
        if body is not None:
            headers["Content-Type"] = "application/n-triples"
        request = urllib.request.Request(target, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as e:
            if e.code in (400, 404, 405, 415, 501) and not self._gsp_seen:
                self._gsp = None  # no Graph Store here after all: SPARQL Update it is
                return None
            detail = e.read().decode("utf-8", errors="replace").strip()[:400]
            raise StoreUnavailable(f"the Graph Store at {self._gsp} answered {e.code}: {detail}") from e
        except (urllib.error.URLError, OSError) as e:
            raise StoreUnavailable(f"cannot reach the Graph Store at {self._gsp}: {e}") from e
        finally:
            self._gsp_seen = self._gsp is not None

    # ------------------------------------------------------------------ registry
    def _registry(self) -> list[tuple[str, str, int, str | None]]:
        """Every version record: (record, source iri, sequence, version graph or None)."""
        rows = self._rows(
            f"SELECT ?r ?src ?seq ?g WHERE {{ GRAPH {_iri(REGISTRY_GRAPH)} {{ "
            f"?r {_iri(str(UG.record_of))} ?src ; {_iri(str(UG.sequence))} ?seq . "
            f"OPTIONAL {{ ?r {_iri(str(UG.version_graph))} ?g }} }} }}"
        )
        return [
            (r["r"].value, r["src"].value, int(r["seq"].value), r["g"].value if "g" in r else None)
            for r in rows
        ]

    def _records(self) -> dict[str, tuple[int, str | None, str]]:
        """source iri -> (sequence, version graph or None if retracted, record), newest only."""
        best: dict[str, tuple[int, str | None, str]] = {}
        for record, key, sequence, graph in self._registry():
            if key not in best or best[key][0] < sequence:
                best[key] = (sequence, graph, record)
        return best

    def current_graphs(self) -> list[ox.NamedNode]:
        return [ox.NamedNode(graph) for _, graph, _ in self._records().values() if graph is not None]

    @property
    def generation(self) -> int:
        """A digest of the current version graphs (each a fresh IRI), read from the server's registry
        on every call: another writer's ingest or retraction changes it, so caches keyed on it
        notice; the same versions give the same number (one request)."""
        current = sorted(graph.value for graph in self.current_graphs())
        digest = hashlib.sha256("\n".join(current).encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big")

    def sources(self) -> dict[str, SourceRecord]:
        return self._current(self._records())

    def _current(
        self, records: dict[str, tuple[int, str | None, str]], only: str | None = None
    ) -> dict[str, SourceRecord]:
        wanted = {
            key.removeprefix(_VERSION_PREFIX): (sequence, graph)
            for key, (sequence, graph, _) in records.items()
            if graph is not None and (only is None or key.removeprefix(_VERSION_PREFIX) == only)
        }
        if not wanted:
            return {}
        values = " ".join(_iri(graph) for _, graph in wanted.values() if graph)
        rows = self._rows(
            f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} "
            f"GRAPH ?g {{ ?s a {_iri(str(UG.Source))} ; ?p ?o }} }}"
        )
        by_graph: dict[str, list[tuple[Node, Node, Node]]] = {}
        for row in rows:
            triple = (ox_to_rdflib(row["s"]), ox_to_rdflib(row["p"]), ox_to_rdflib(row["o"]))
            by_graph.setdefault(row["g"].value, []).append(triple)
        out = {}
        for source_id, (sequence, graph) in sorted(wanted.items()):
            assert graph is not None
            claims = claimset_from_triples(by_graph.get(graph, []), source_id)
            out[source_id] = SourceRecord(source=claims.source, graph=graph, sequence=sequence)
        return out

    # ------------------------------------------------------------------ writes
    def _require_writer(self) -> None:
        if self.read_only:
            raise StoreUnavailable("the store was opened read-only")

    def put(self, claims: ClaimSet, hook: Hook | None = None) -> Write:
        """Write a source as its new current version; unchanged content is skipped."""
        self._require_writer()
        sid = claims.source.id
        records = self._records()
        previous = self._current(records, only=sid).get(sid)
        try:
            lines = list(ntriples(claims))
        except ValueError as e:  # an IRI that is not one
            raise BadInput.at(claims.source.location, str(e)) from e
        digest = claims_digest(lines)
        if (
            previous is not None
            and previous.source == claims.source  # the same bytes
            and self._digest(records[str(source_iri(sid))][2]) == digest  # and the same claims
        ):
            return Write(WriteOutcome.UNCHANGED, previous, previous)
        sequence = max((seq for seq, _, _ in records.values()), default=0) + 1
        graph = f"{source_iri(sid)}/v{sequence}-{time.time_ns()}"
        record = self._record_lines(sid, sequence, graph, digest)
        large = len(lines) + len(record) > self.batch_triples
        # a large version goes through the Graph Store where offered (None: the server has none after all)
        posted = (
            large
            and self._gsp is not None
            and self._graph_store("POST", graph, "".join(lines).encode("utf-8")) is not None
        )
        if posted:
            if hook:
                hook("written")
                hook("before-commit")
            self._update(self._insert({REGISTRY_GRAPH: record}))
        elif not large:  # one request: data and the switch
            if hook:
                hook("before-commit")
            self._update(self._insert({graph: lines, REGISTRY_GRAPH: record}))
        else:
            for start in range(0, len(lines), self.batch_triples):
                self._update(self._insert({graph: lines[start : start + self.batch_triples]}))
                if hook:
                    hook("mid-write")
            if hook:
                hook("before-commit")
            self._update(self._insert({REGISTRY_GRAPH: record}))
        if hook:
            hook("after-commit")
        now = SourceRecord(source=claims.source, graph=graph, sequence=sequence)
        return Write(WriteOutcome.ADDED if previous is None else WriteOutcome.REPLACED, now, previous)

    @staticmethod
    def _insert(graphs: Mapping[str, Iterable[str]]) -> str:
        body = " ".join(f"GRAPH {_iri(g)} {{\n{''.join(lines)}}}" for g, lines in graphs.items())
        return f"INSERT DATA {{ {body} }}"

    def _digest(self, record: str) -> str | None:
        """The claims digest a version record keeps (None for records written before digests)."""
        rows = self._rows(
            f"SELECT ?d WHERE {{ GRAPH {_iri(REGISTRY_GRAPH)} {{ "
            f"{_iri(record)} {_iri(str(UG.claims_digest))} ?d }} }}"
        )
        return str(rows[0]["d"].value) if rows else None

    @staticmethod
    def _record_lines(
        source_id: str, sequence: int, graph: str | None, digest: str | None = None
    ) -> list[str]:
        record = _iri(f"{ID_BASE}registry/{source_id}/{sequence}")
        lines = [
            f"{record} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {_iri(str(UG.VersionRecord))} .\n",
            f"{record} {_iri(str(UG.record_of))} {_iri(str(source_iri(source_id)))} .\n",
            f'{record} {_iri(str(UG.sequence))} "{sequence}"^^<{_XSD}integer> .\n',
        ]
        if graph is None:
            lines.append(f'{record} {_iri(str(UG.retracted))} "true"^^<{_XSD}boolean> .\n')
        else:
            lines.append(f"{record} {_iri(str(UG.version_graph))} {_iri(graph)} .\n")
        if digest is not None:  # hex digits only: nothing to escape
            lines.append(f'{record} {_iri(str(UG.claims_digest))} "{digest}" .\n')
        return lines

    def retract(self, source_id: str) -> SourceRecord:
        """Withdraw a source: a tombstone record makes it disappear in one request."""
        self._require_writer()
        current = self.sources()
        if source_id not in current:
            from difflib import get_close_matches

            raise NotFound("source", source_id, get_close_matches(source_id, list(current), n=3))
        records = self._records()
        sequence = max(seq for seq, _, _ in records.values()) + 1
        self._update(self._insert({REGISTRY_GRAPH: self._record_lines(source_id, sequence, None)}))
        return current[source_id]

    def collect_garbage(self) -> None:
        """Drop superseded records and our version graphs that no current record points to."""
        self._require_writer()
        registry = self._registry()
        newest = self._records()
        keep = {record for _, _, record in newest.values()}
        live = {graph for _, graph, _ in newest.values() if graph is not None}
        stale = [record for record, _, _, _ in registry if record not in keep]
        stale += [record for _, graph, record in newest.values() if graph is None]  # tombstones last
        ours = self._rows(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a " + _iri(str(UG.Source)) + " } "
            f'FILTER(STRSTARTS(STR(?g), "{_VERSION_PREFIX}")) }}'
        )
        for row in ours:
            graph = row["g"].value
            if graph not in live:
                self._update(f"DROP SILENT GRAPH {_iri(graph)}")
        for record in dict.fromkeys(stale):
            node = _iri(record)
            self._update(f"WITH {_iri(REGISTRY_GRAPH)} DELETE {{ {node} ?p ?o }} WHERE {{ {node} ?p ?o }}")
        self._build_merged(sorted(live))

    # ------------------------------------------------------------------ the merged default graph
    def _default_graph(self, dataset: Sequence[str], current: Sequence[str]) -> list[str]:
        """A query's default graph: the merged graph (a set) when the dataset is every current
        version and the server holds their merge, complete; else the versions themselves (a bag:
        a canon floor's subset, or a store whose merge a writer has not built yet)."""
        if not dataset or set(dataset) != set(current):
            return list(dataset)
        merged = _merged_iri(current)
        if merged not in self._merged_seen:
            found = self._select(
                f"ASK {{ GRAPH {_iri(REGISTRY_GRAPH)} {{ {_iri(merged)} {_iri(MERGE_OF)} true }} }}"
            )
            if not found.get("boolean"):
                return list(dataset)
            self._merged_seen.add(merged)
        return [merged]

    def _build_merged(self, live: Sequence[str]) -> None:
        """Build the merge of the current versions on the server (its own graph, named by them) and
        mark it complete; drop the merges of other version sets. Done after each batch of writes
        (`collect_garbage`), not per source: the merge is copied server-side, graph by graph."""
        merged = _merged_iri(live) if live else None
        registry = _iri(REGISTRY_GRAPH)
        rows = self._rows(f"SELECT ?m ?done WHERE {{ GRAPH {registry} {{ ?m {_iri(MERGE_OF)} ?done }} }}")
        known = {row["m"].value: row["done"].value in ("true", "1") for row in rows}  # Virtuoso: 1
        for other in known:
            if other != merged:  # another version set's merge (or a torn build): gone
                self._update(f"DROP SILENT GRAPH {_iri(other)}")
                self._update(f"DELETE WHERE {{ GRAPH {registry} {{ {_iri(other)} {_iri(MERGE_OF)} ?d }} }}")
        if merged is None or known.get(merged):
            return
        node = _iri(merged)
        # pending first, so a build cut short is found and dropped by the next writer
        self._update(f"INSERT DATA {{ GRAPH {registry} {{ {node} {_iri(MERGE_OF)} false }} }}")
        self._update(f"DROP SILENT GRAPH {node}")
        for graph in live:
            self._update(f"ADD SILENT {_iri(graph)} TO {node}")
        self._update(
            f"DELETE DATA {{ GRAPH {registry} {{ {node} {_iri(MERGE_OF)} false }} }} ;\n"
            f"INSERT DATA {{ GRAPH {registry} {{ {node} {_iri(MERGE_OF)} true }} }}"
        )

    # ------------------------------------------------------------------ reads
    def _graph_triples(self, graph: str) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of one graph, paged (servers cap result sizes) and checked against a count."""
        name = _iri(graph)
        count_rows = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")
        total = int(count_rows[0]["n"].value) if count_rows else 0
        seen, size = 0, self.page_rows
        while seen < total:
            rows = self._rows(  # sorted in a subquery: see `_all_rows`
                f"SELECT ?s ?p ?o WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }} "
                f"ORDER BY ?s ?p ?o }} }} LIMIT {size} OFFSET {seen}"
            )
            if not rows:
                raise StoreUnavailable(f"the SPARQL server returned {seen} of {total} triples of {graph}")
            size = min(size, len(rows)) if seen + len(rows) < total else size  # a server cap: page by it
            seen += len(rows)
            for row in rows:
                yield ox_to_rdflib(row["s"]), ox_to_rdflib(row["p"]), ox_to_rdflib(row["o"])

    def claims_of(self, record: SourceRecord) -> ClaimSet:
        data = self._graph_store("GET", record.graph)
        if data is not None:  # the whole graph in one answer, no result cap
            triples = (
                (ox_to_rdflib(t.subject), ox_to_rdflib(t.predicate), ox_to_rdflib(t.object))
                for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
            )
            return claimset_from_triples(triples, record.source.id)
        return claimset_from_triples(self._graph_triples(record.graph), record.source.id)

    @property
    def uses_graph_store(self) -> bool:
        """Whether bulk writes and whole-graph reads go through the Graph Store Protocol."""
        return self._gsp is not None

    def claimsets(self) -> list[ClaimSet]:
        return [self.claims_of(record) for record in self.sources().values()]

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, OxTerm] | None = None,
        graphs: Collection[str] | None = None,
    ) -> QueryResult:
        """A read-only query over the union of the current versions (or of the given version graphs,
        sent as the dataset: `default-graph-uri`), answered as pyoxigraph results.

        Bound values travel as escaped RDF terms in a VALUES block at the start of the WHERE group,
        so they bind before the rest is evaluated, as the embedded store's substitutions do (a
        trailing VALUES block would join after grouping, and Virtuoso ignores one after GROUP BY).
        """
        if _is_update(sparql):
            raise BadInput.at(
                "query",
                "SPARQL Update is refused: the graph is read-only here; write through `ingest` and `retract`",
            )
        check_service(sparql)  # the server would make the request, from its own network
        text = sparql
        if bindings:
            names = list(bindings)
            terms = " ".join(_value_term(bindings[name]) for name in names)
            text = _bind(text, f"VALUES ({' '.join('?' + name for name in names)}) {{ ({terms}) }}")
        prologue = "".join(
            f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in QUERY_PREFIXES.items() if f"{prefix}:" in text
        )
        current = [g.value for g in self.current_graphs()]
        dataset = current if graphs is None else list(graphs)
        default = self._default_graph(dataset, current) or [_NO_GRAPH]
        dataset = dataset or [_NO_GRAPH]
        kind = _query_form(text)
        if kind in ("CONSTRUCT", "DESCRIBE"):
            raw = self._post(
                self.endpoints.query,
                [("query", prologue + text)] + [("default-graph-uri", g) for g in default],
                "application/n-triples, text/plain;q=0.5",
            )
            # the same result type as the embedded store: the triples, queried back from memory
            scratch = ox.Store()
            scratch.load(raw, format=ox.RdfFormat.N_TRIPLES)
            triples = scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
            assert isinstance(triples, ox.QueryTriples)
            return triples
        try:
            data = self._select(prologue + text, dataset, default)
        except BadInput as e:
            if "LATERAL" not in _words(text):
                raise
            detail = str(e).split("\n", 1)[0]
            raise BadInput.at(
                "query",
                f"this query uses LATERAL (SPARQL 1.2, which the embedded Oxigraph supports) and the "
                f"SPARQL server at {self.url} refused it; run it on the embedded store or on an "
                f"Oxigraph server ({detail})",
            ) from e
        return ox.parse_query_results(_normalized_results(data), format=ox.QueryResultsFormat.JSON)

    def quads(
        self,
        subject: ox.NamedNode | ox.BlankNode | None,
        predicate: ox.NamedNode | None,
        obj: ox.NamedNode | ox.Literal | None,
        graphs: frozenset[str],
        predicates: Collection[ox.NamedNode] | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern in the given version graphs (with one of `predicates` if given),
        as one SELECT whose fixed values are escaped terms in VALUES blocks; paged where the server
        caps its answers. The same quads, as `pyoxigraph.Quad`s, as the embedded store's."""
        if predicate is not None and predicates is not None:
            predicates = [predicate] if predicate in predicates else []
        if not graphs or (predicates is not None and not predicates):
            return
        fixed: list[tuple[str, Iterable[OxTerm]]] = [
            ("s", [subject] if subject is not None else []),
            ("p", [predicate] if predicate is not None else sorted(predicates or [], key=str)),
            ("o", [obj] if obj is not None else []),
            ("g", [ox.NamedNode(g) for g in sorted(graphs)]),
        ]
        values = " ".join(
            f"VALUES ?{name} {{ {' '.join(_value_term(t) for t in terms)} }}"
            for name, terms in fixed
            if terms
        )
        for row in self._all_rows("?s ?p ?o ?g", f"{values} GRAPH ?g {{ ?s ?p ?o }}"):
            s, p, o, g = row["s"], row["p"], row["o"], row["g"]
            assert isinstance(s, ox.NamedNode | ox.BlankNode) and isinstance(p, ox.NamedNode)
            assert isinstance(g, ox.NamedNode)
            yield ox.Quad(s, p, o, g)

    def _all_rows(self, variables: str, where: str) -> list[dict[str, OxTerm]]:
        """Every solution of `SELECT variables WHERE { where }`: one request, or, where a server may
        have capped the answer (Virtuoso: 10,000 rows), ordered pages checked against a count
        (rows are distinct: a server that did not keep the subquery's order repeats one, and fails)."""
        rows = self._rows(f"SELECT {variables} WHERE {{ {where} }}")
        if len(rows) < self.page_rows:
            return rows
        count = self._rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        total = int(count[0]["n"].value) if count else 0
        if total <= len(rows):
            return rows
        out: list[dict[str, OxTerm]] = []
        size = self.page_rows
        while len(out) < total:
            # the sort in a subquery, the slice outside: Virtuoso refuses a sorted OFFSET + LIMIT
            # beyond its result cap ("Sorted TOP clause ... use a scrollable cursor") otherwise
            page = self._rows(
                f"SELECT {variables} WHERE {{ {{ SELECT {variables} WHERE {{ {where} }} "
                f"ORDER BY {variables} }} }} LIMIT {size} OFFSET {len(out)}"
            )
            if not page:
                raise StoreUnavailable(f"the SPARQL server returned {len(out)} of {total} rows")
            size = min(size, len(page)) if len(out) + len(page) < total else size  # a server cap
            out += page
        if len({tuple(sorted(row.items())) for row in out}) != len(out):
            raise StoreUnavailable(f"the SPARQL server at {self.url} returned overlapping pages")
        return out

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _words(text: str) -> list[str]:
    body = []
    for line in text.splitlines():
        line = line.split("#", 1)[0] if "<" not in line else line
        body += line.replace("{", " { ").split()
    return [w.upper() for w in body]


def _bind(text: str, block: str) -> str:
    """The query with `block` placed first in its WHERE group (the first top-level `{`, or the
    second for a CONSTRUCT with a template), skipping strings, IRIs and comments."""
    groups = 2 if _query_form(text) == "CONSTRUCT" and _after_form(text) != "WHERE" else 1
    i, depth = 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif ch in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else ch
            i += len(quote)
            while i < len(text) and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        elif ch == "<":
            end = text.find(">", i)
            if end > 0 and not any(c.isspace() for c in text[i:end]):
                i = end
        elif ch == "{":
            if depth == 0:
                groups -= 1
                if groups == 0:
                    return f"{text[: i + 1]} {block} {text[i + 1 :]}"
            depth += 1
        elif ch == "}":
            depth -= 1
        i += 1
    raise BadInput.at("query", "no WHERE group to bind values in")


def _after_form(text: str) -> str:
    words = _words(text)
    form = _query_form(text)
    return words[words.index(form) + 1] if form in words and words.index(form) + 1 < len(words) else ""


def _query_form(text: str) -> str:
    words = _words(text)
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word in ("PREFIX", "BASE"):
            skip = word == "BASE"
            continue
        if word.endswith(":") or word.startswith("<"):
            continue
        return word
    return ""


def _is_update(text: str) -> bool:
    """Whether the text is a SPARQL Update (rdflib parses it as one) rather than a query."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parseQuery(text)
        return False
    except Exception:
        pass
    try:
        parseUpdate(text)
    except Exception:
        return _query_form(text) in _UPDATE_WORDS
    return True


@register("sparql")
def open_sparql(location: str | Path, read_only: bool) -> CanonicalStore:
    return RemoteSparqlStore(str(location), read_only=read_only)
