"""The SPARQL worker process: runs one query at a time on a read-only store and serializes it, bounded.

pyoxigraph has no query timeout or cancel, so queries run here, in a process the server kills
when one runs too long. Imports only pyoxigraph and the standard library, so a fresh worker
starts quickly. Rows beyond the limit are never serialized (and never all materialized).
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterable
from multiprocessing.connection import Connection
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox

from ..stores.merged import DefaultGraph, default_graph_of
from .media import choose

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

#: A job: (query text, Accept preferences, generation, current graph IRIs or None if unchanged)
Job = tuple[str, list[tuple[str, float]], int, list[str] | None]
#: An answer: ("ok", format key, body, truncated) or ("error", kind, message, False)
Answer = tuple[str, str, bytes | str, bool]


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{escape(term.language)}">{escape(term.value)}</literal>'
        if term.datatype.value != _XSD_STRING:
            return f'<literal datatype="{escape(term.datatype.value)}">{escape(term.value)}</literal>'
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_cell(term: Any) -> str:
    if term is None:
        return ""
    text = f"_:{term.value}" if isinstance(term, ox.BlankNode) else getattr(term, "value", str(term))
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return str(text)


def _tsv_cell(term: Any) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def solutions(variables: list[str], rows: Iterable[list[Any]], fmt: str) -> bytes:
    """SELECT results in one of the four SPARQL result formats."""
    if fmt == "json":
        bindings = [
            {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
        ]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f'<variable name="{escape(v)}"/>' for v in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            parts += [
                f'<binding name="{escape(v)}">{_xml_term(t)}</binding>'
                for v, t in zip(variables, row, strict=True)
                if t is not None
            ]
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode()
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_tsv_cell(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def boolean(value: bool, fmt: str) -> bytes:
    """ASK results."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        word = "true" if value else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    return (("true" if value else "false") + "\n").encode()


class Runner:
    """A read-only store and the current graphs: what one worker queries."""

    def __init__(self, path: str, prefixes: dict[str, str], max_rows: int) -> None:
        self.path, self.prefixes, self.max_rows = path, prefixes, max_rows
        self.store: ox.Store | None = None
        self.graphs: list[ox.NamedNode] = []
        self.default: DefaultGraph = ox.DefaultGraph()
        self.generation = -1

    def refresh(self, generation: int, graphs: list[str]) -> None:
        """Reopen the store (a read-only open sees the data as of its opening) with new graphs."""
        self.store = None
        self.store = ox.Store.read_only(self.path)
        self.graphs = [ox.NamedNode(g) for g in graphs]
        self.default = default_graph_of(self.store, self.graphs)  # a set, as SPARQL defines it
        self.generation = generation

    def run(self, query: str, prefs: list[tuple[str, float]]) -> Answer:
        assert self.store is not None
        try:
            result = self.store.query(
                query,
                prefixes=self.prefixes,
                default_graph=self.default,
                named_graphs=list(self.graphs),
            )
        except SyntaxError as e:
            return ("error", "syntax", str(e), False)
        except (OSError, ValueError, TypeError) as e:
            return ("error", "evaluation", str(e), False)
        if isinstance(result, ox.QueryBoolean):
            fmt = choose(prefs, "results")
            return ("ok", fmt, boolean(bool(result), fmt), False) if fmt else _not_acceptable("results")
        if isinstance(result, ox.QuerySolutions):
            fmt = choose(prefs, "results")
            if fmt is None:
                return _not_acceptable("results")
            variables = [v.value for v in result.variables]
            rows: list[list[Any]] = []
            truncated = False
            for solution in result:
                if len(rows) == self.max_rows:
                    truncated = True
                    break
                rows.append([solution[v] for v in variables])
            return ("ok", fmt, solutions(variables, rows, fmt), truncated)
        fmt = choose(prefs, "graph")
        if fmt is None:
            return _not_acceptable("graph")
        triples: list[ox.Triple] = []
        truncated = False
        for triple in result:
            if len(triples) == self.max_rows:
                truncated = True
                break
            triples.append(triple)
        body = ox.serialize(
            triples, format=_GRAPH_FORMATS[fmt], prefixes=self.prefixes if fmt == "turtle" else None
        )
        return ("ok", fmt, body or b"", truncated)


def _not_acceptable(kind: str) -> Answer:
    offered = "SPARQL JSON, XML, CSV or TSV" if kind == "results" else "Turtle, N-Triples or JSON-LD"
    return ("error", "not_acceptable", f"this query's results can be had as {offered}", False)


def _die_with_parent() -> None:
    """Exit when the server is gone, even in the middle of a long query (checked every second).

    Not PR_SET_PDEATHSIG: Linux sends that when the spawning *thread* ends, and replacement
    workers are spawned from the server's short-lived pool threads.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="ug-sparql-watchdog").start()


def main(
    conn: Connection, path: str, prefixes: dict[str, str], max_rows: int, generation: int, graphs: list[str]
) -> None:
    """The worker loop: open the store, say so, then answer jobs until the pipe closes."""
    _die_with_parent()
    runner = Runner(path, prefixes, max_rows)
    try:
        runner.refresh(generation, graphs)
        conn.send(("ready", "", b"", False))
    except OSError as e:
        conn.send(("error", "unavailable", f"the canonical store cannot be read: {e}", False))
        return
    while True:
        try:
            query, prefs, generation, graphs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if generation != runner.generation:
                runner.refresh(generation, graphs or [])
            answer = runner.run(query, prefs)
        except OSError as e:
            answer = ("error", "unavailable", f"the canonical store cannot be read: {e}", False)
        try:
            conn.send(answer)
        except (OSError, BrokenPipeError):
            return
