"""The ontology read as data: each relation predicate's labels, domain, range and kind.

Loaded once from `ontology/universe.ttl`, so the Turtle file stays the single place where the
vocabulary is defined; readers use it to type-check references with located errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import OWL, RDF, RDFS, XSD, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .assets import ontology_file
from .model import EntityType
from .vocab import RELATION_PREDICATES, UG

_UG = str(UG._NS)


@dataclass(frozen=True)
class PredicateInfo:
    """What the ontology says about one relation predicate."""

    name: str
    label: str
    inverse_label: str
    domain: frozenset[str] | None  # class local names; None means any
    range: frozenset[str] | None  # class local names for object properties
    datatype: str | None  # xsd local name for datatype properties
    symmetric: bool

    @property
    def is_literal(self) -> bool:
        return self.datatype is not None

    def admits_subject(self, kind: EntityType) -> bool:
        return _admits(self.domain, kind)

    def admits_object(self, kind: EntityType) -> bool:
        return not self.is_literal and _admits(self.range, kind)


def _admits(classes: frozenset[str] | None, kind: EntityType) -> bool:
    if classes is None:
        return True
    return kind.value in classes or (kind.is_work and "Work" in classes)


@cache
def graph() -> Graph:
    """The ontology as an rdflib graph (parsed once per process)."""
    return Graph().parse(ontology_file("universe.ttl"), format="turtle")


def _local(node: Node) -> str:
    text = str(node)
    return text[len(_UG) :] if text.startswith(_UG) else text.rsplit("#", 1)[-1]


def _classes(g: Graph, node: Node | None) -> frozenset[str] | None:
    if node is None:
        return None
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return frozenset(_local(m) for m in Collection(g, union))
    return frozenset({_local(node)})


@cache
def predicates() -> dict[str, PredicateInfo]:
    """Every ug:RelationProperty by its snake_case name."""
    g = graph()
    out: dict[str, PredicateInfo] = {}
    for prop in g.subjects(RDF.type, UG.RelationProperty):
        assert isinstance(prop, URIRef)
        name = _local(prop)
        rng = g.value(prop, RDFS.range)
        is_literal = (prop, RDF.type, OWL.DatatypeProperty) in g
        out[name] = PredicateInfo(
            name=name,
            label=str(g.value(prop, RDFS.label)),
            inverse_label=str(g.value(prop, UG.inverseLabel)),
            domain=_classes(g, g.value(prop, RDFS.domain)),
            range=None if is_literal else _classes(g, rng),
            datatype=str(rng).removeprefix(str(XSD)) if is_literal and rng is not None else None,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in g,
        )
    return {name: out[name] for name in RELATION_PREDICATES if name in out}


def predicate(name: str) -> PredicateInfo:
    """One predicate's facts; an unknown name lists the valid ones."""
    table = predicates()
    try:
        return table[name]
    except KeyError as e:
        raise KeyError(f"unknown predicate {name!r}; valid: {', '.join(table)}") from e
