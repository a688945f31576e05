"""SHACL shapes run as SPARQL queries on pyoxigraph: what `ontology/shapes.ttl` asks, at store size.

pySHACL walks an rdflib graph node by node: a source of half a million triples took more than
fifteen minutes. Here each constraint of each shape is compiled once into one SPARQL query that
returns its violations, and the queries run in Oxigraph over one source's triples plus the
ontology (for `rdfs:subClassOf` and the types the ontology itself gives, such as the relation
properties), as pySHACL was run. Only the SHACL core features the shapes file uses are compiled
(targets by class, subjects-of and objects-of; one-predicate paths; min/max count, datatype,
class, node kind, node, in, pattern, min length, min/max inclusive, and, or, not); a shape using
anything else is refused when compiled, with its name, never skipped. `tests/test_shacl.py`
compares the results with pySHACL's on the same data.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from .assets import ontology_file
from .errors import BadInput

#: the constraints on a value this compiler turns into SPARQL
_VALUE_KEYS = (
    SH.datatype,
    SH["class"],
    SH.nodeKind,
    SH.node,
    SH["in"],
    SH.pattern,
    SH.minLength,
    SH.minInclusive,
    SH.maxInclusive,
    SH["and"],
    SH["or"],
    SH["not"],
)
#: every shape key the compiler reads; a shape with another key is refused by name
_SUPPORTED = {
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.property,
    SH.path,
    SH.minCount,
    SH.maxCount,
    *_VALUE_KEYS,
    SH.message,
    RDF.type,
    RDFS.comment,
    RDFS.label,
}


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the focus node, the property path (None for a node constraint), the value
    node that breaks it (None for a count), the shape's message, and which constraint it was."""

    focus: Node
    path: URIRef | None
    value: Node | None
    message: str
    constraint: str  # the SHACL constraint component's local name, e.g. "minCount"


@dataclass(frozen=True)
class _Query:
    """One compiled constraint: its SPARQL text and what to say of each row it returns."""

    sparql: str
    path: URIRef | None
    message: str
    constraint: str


class _Compiler:
    """Turns the shapes graph into one query per (shape, constraint)."""

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._fresh = itertools.count()

    # ---------------------------------------------------------------- helpers
    def var(self) -> str:
        return f"?v{next(self._fresh)}"

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef | Literal):
            return node.n3()
        raise BadInput.at(
            str(ontology_file("shapes.ttl")), f"a blank node where a value was expected: {node}"
        )

    def one(self, shape: Node, key: URIRef) -> Node | None:
        return self.shapes.value(shape, key)

    def items(self, node: Node) -> list[Node]:
        return list(Collection(self.shapes, node))

    def refuse(self, shape: Node, what: str) -> BadInput:
        return BadInput.at(str(ontology_file("shapes.ttl")), f"shape {shape}: {what} is not supported here")

    def check_keys(self, shape: Node) -> None:
        for key in set(self.shapes.predicates(shape, None)):
            if key not in _SUPPORTED:
                raise self.refuse(shape, f"{key}")

    def is_a(self, var: str, cls: Node) -> str:
        """`var` is an instance of `cls` or of one of its subclasses (data and ontology)."""
        return f"EXISTS {{ {var} rdf:type/rdfs:subClassOf* {self.term(cls)} }}"

    # ---------------------------------------------------------------- conformance as an expression
    def conforms(self, shape: Node, var: str) -> str:
        """A SPARQL expression true when the node in `var` conforms to `shape` (nested shapes:
        sh:node, sh:or, sh:and, sh:not members)."""
        self.check_keys(shape)
        parts = [self.node_test(shape, key, value, var) for key, value in self.node_constraints(shape)]
        if self.one(shape, SH.path) is not None:
            parts.append(self.property_conforms(shape, self.path(shape), var))
        for prop in self.shapes.objects(shape, SH.property):
            self.check_keys(prop)
            parts.append(self.property_conforms(prop, self.path(prop), var))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def node_constraints(self, shape: Node) -> list[tuple[URIRef, Node]]:
        """The shape's constraints on the node itself (not through a path)."""
        if self.one(shape, SH.path) is not None:
            return []  # a property shape: its value constraints apply to the path's values
        return [(key, value) for key in _VALUE_KEYS for value in self.shapes.objects(shape, key)]

    def node_test(self, shape: Node, key: URIRef, value: Node, var: str) -> str:
        """One constraint on the node in `var`, as an expression (true: it holds)."""
        if key == SH["class"]:
            return self.is_a(var, value)
        if key == SH.datatype:
            return f"(isLiteral({var}) && datatype({var}) = {self.term(value)})"
        if key == SH.nodeKind:
            if value != SH.IRI:
                raise self.refuse(shape, f"sh:nodeKind {value}")
            return f"isIRI({var})"
        if key == SH.node:
            return self.conforms(value, var)
        if key == SH["in"]:
            return f"{var} IN ({', '.join(self.term(v) for v in self.items(value))})"
        if key == SH.pattern:
            return f"(!isBlank({var}) && REGEX(STR({var}), {self.term(Literal(str(value)))}))"
        if key == SH.minLength:
            return f"(!isBlank({var}) && STRLEN(STR({var})) >= {int(value)})"  # type: ignore[call-overload]
        if key == SH.minInclusive:
            return f"COALESCE({var} >= {self.term(value)}, false)"
        if key == SH.maxInclusive:
            return f"COALESCE({var} <= {self.term(value)}, false)"
        if key == SH["and"]:
            return "(" + " && ".join(self.conforms(m, var) for m in self.items(value)) + ")"
        if key == SH["or"]:
            return "(" + " || ".join(self.conforms(m, var) for m in self.items(value)) + ")"
        if key == SH["not"]:
            return f"!{self.conforms(value, var)}"
        raise self.refuse(shape, str(key))

    def path(self, prop: Node) -> URIRef:
        path = self.one(prop, SH.path)
        if not isinstance(path, URIRef):
            raise self.refuse(prop, "a property path other than one predicate")
        return path

    def property_conforms(self, prop: Node, path: URIRef, var: str) -> str:
        """Every constraint of a property shape holds for the node in `var`."""
        parts = []
        low, high = self.one(prop, SH.minCount), self.one(prop, SH.maxCount)
        if low is not None and int(low) > 0:  # type: ignore[call-overload]
            if int(low) != 1:  # type: ignore[call-overload]
                raise self.refuse(prop, "a nested sh:minCount other than 0 or 1")
            parts.append(f"EXISTS {{ {var} {path.n3()} {self.var()} }}")
        if high is not None:
            if int(high) != 1:  # type: ignore[call-overload]
                raise self.refuse(prop, "a nested sh:maxCount other than 1")
            a, b = self.var(), self.var()
            parts.append(f"NOT EXISTS {{ {var} {path.n3()} {a}, {b} FILTER(!sameTerm({a}, {b})) }}")
        for key in _VALUE_KEYS:
            for value in self.shapes.objects(prop, key):
                each = self.var()
                test = self.node_test(prop, key, value, each)
                parts.append(f"NOT EXISTS {{ {var} {path.n3()} {each} FILTER(!({test})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    # ---------------------------------------------------------------- top-level queries
    def targets(self, shape: Node) -> str:
        """The group pattern binding `?this` to each focus node of a node shape."""
        parts = [
            f"{{ ?this rdf:type/rdfs:subClassOf* {self.term(c)} }}"
            for c in self.shapes.objects(shape, SH.targetClass)
        ]
        parts += [f"{{ ?this {self.term(p)} [] }}" for p in self.shapes.objects(shape, SH.targetSubjectsOf)]
        parts += [f"{{ [] {self.term(p)} ?this }}" for p in self.shapes.objects(shape, SH.targetObjectsOf)]
        return " UNION ".join(parts)

    def message(self, shape: Node, default: str) -> str:
        text = self.one(shape, SH.message)
        return str(text) if text is not None else default

    def queries(self) -> Iterator[_Query]:
        for shape in sorted(set(self.shapes.subjects(RDF.type, SH.NodeShape)), key=str):
            self.check_keys(shape)
            targets = self.targets(shape)
            if not targets:
                continue  # only used nested (sh:node): checked through its users
            for key, value in self.node_constraints(shape):
                test = self.node_test(shape, key, value, "?this")
                name = str(key).rsplit("#", 1)[-1]
                yield _Query(
                    f"SELECT DISTINCT ?this WHERE {{ {{ {targets} }} FILTER(!({test})) }}",
                    None,
                    self.message(shape, f"the node does not satisfy sh:{name}"),
                    name,
                )
            for prop in self.shapes.objects(shape, SH.property):
                self.check_keys(prop)
                yield from self.property_queries(prop, self.path(prop), targets)

    def property_queries(self, prop: Node, path: URIRef, targets: str) -> Iterator[_Query]:
        short = path.n3(self.shapes.namespace_manager)
        for key, word in ((SH.minCount, "fewer"), (SH.maxCount, "more")):
            limit = self.one(prop, key)
            if limit is None:
                continue
            n = int(limit)  # type: ignore[call-overload]
            op = "<" if key == SH.minCount else ">"
            yield _Query(
                f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) "
                f"WHERE {{ {{ {targets} }} OPTIONAL {{ ?this {path.n3()} ?value }} }} GROUP BY ?this }} "
                f"FILTER(?n {op} {n}) }}",
                path,
                self.message(prop, f"{word} than {n} value(s) of {short}"),
                "minCount" if key == SH.minCount else "maxCount",
            )
        for key in _VALUE_KEYS:
            for value in self.shapes.objects(prop, key):
                test = self.node_test(prop, key, value, "?value")
                name = str(key).rsplit("#", 1)[-1]
                yield _Query(
                    f"SELECT DISTINCT ?this ?value WHERE {{ {{ {targets} }} ?this {path.n3()} ?value "
                    f"FILTER(!({test})) }}",
                    path,
                    self.message(prop, f"a value of {short} does not satisfy sh:{name}"),
                    name,
                )


@cache
def _ontology_turtle() -> bytes:
    return ontology_file("universe.ttl").read_bytes()


@cache
def compiled() -> tuple[_Query, ...]:
    """Every constraint of `ontology/shapes.ttl` as a query (compiled once per process)."""
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    return tuple(_Compiler(shapes).queries())


_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}


def _rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    from .stores.oxigraph import ox_to_rdflib

    return None if term is None else ox_to_rdflib(term)


def validate_ntriples(lines: Iterable[str]) -> list[Violation]:
    """Every violation of the shapes by one source's triples (N-Triples lines), with the ontology
    beside them as pySHACL saw it."""
    store = ox.Store()  # in memory, this source alone: the shapes describe one source's graph
    store.bulk_load(_ontology_turtle(), ox.RdfFormat.TURTLE)
    store.bulk_load("".join(lines).encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    out: list[Violation] = []
    for query in compiled():
        solutions = store.query(query.sparql, prefixes=_PREFIXES)
        assert isinstance(solutions, ox.QuerySolutions)
        values = "?value" in {str(v) for v in solutions.variables}
        for row in solutions:
            focus = _rdflib(row["this"])
            assert focus is not None
            value = _rdflib(row["value"]) if values else None
            out.append(Violation(focus, query.path, value, query.message, query.constraint))
    return out
