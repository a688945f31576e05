"""The ontology parses, matches the vocabulary module, and covers the contract's predicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef

from universe_graph import ontology
from universe_graph.assets import ontology_file
from universe_graph.vocab import RELATION_PREDICATES, UG

SH = Namespace("http://www.w3.org/ns/shacl#")
WDT = "http://www.wikidata.org/prop/direct/"
UG_NS = str(UG._NS)


def ug_terms(g: Graph) -> set[str]:
    return {str(s)[len(UG_NS) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(UG_NS)}


def test_vocabulary_and_ontology_define_the_same_terms() -> None:
    declared = {name for name in UG.__annotations__}
    assert ug_terms(ontology.graph()) == declared


def test_vocabulary_fails_on_a_typo() -> None:
    assert str(UG.trained_by).endswith("#trained_by")
    with pytest.raises(AttributeError):
        _ = UG.trainedby


def test_relation_predicates_are_the_ontologys_relation_properties() -> None:
    g = ontology.graph()
    marked = {str(s)[len(UG_NS) :] for s in g.subjects(RDF.type, UG.RelationProperty)}
    assert marked == set(RELATION_PREDICATES)
    assert set(ontology.predicates()) == set(RELATION_PREDICATES)


def test_the_gold_vocabulary_is_in_the_ontology(shared: Path) -> None:
    gold = json.loads((shared / "gold" / "ballerina-review.gold.json").read_text(encoding="utf-8"))
    vocabulary = set(gold["relations"]["vocabulary"])
    assert len(vocabulary) == 17
    assert vocabulary <= set(RELATION_PREDICATES)


@pytest.mark.parametrize(
    "name",
    [
        "portrayed_by",
        "cast_member",
        "directed_by",
        "written_by",
        "produced_by",
        "release_year",
        "genre",
        "language",
        "tag",
        "rating",
        "votes",
        "follows",
        "set_after",
        "spin_off_of",
        "part_of_series",
        "compared_to",
    ],
)
def test_contract_predicates_exist(name: str) -> None:
    assert name in ontology.predicates()


def test_every_predicate_reads_as_english_both_ways() -> None:
    for info in ontology.predicates().values():
        assert info.label and "_" not in info.label, info.name
        assert info.inverse_label and info.inverse_label != "None", info.name


@pytest.mark.parametrize(
    "pid",
    [
        "P1434",
        "P1441",
        "P674",
        "P161",
        "P179",
        "P155",
        "P156",
        "P463",
        "P157",
        "P1066",
        "P276",
        "P57",
        "P58",
        "P136",
        "P364",
        "P577",
    ],
)
def test_wikidata_alignment(pid: str) -> None:
    g = ontology.graph()
    target = URIRef(WDT + pid)
    assert any(True for _ in g.subject_predicates(target)), f"{pid} is not aligned"


def test_cast_character_qualifier_is_aligned_to_p453() -> None:
    g = ontology.graph()
    assert (
        UG.qualifier_character,
        OWL.equivalentProperty,
        URIRef("http://www.wikidata.org/prop/qualifier/P453"),
    ) in g


def test_domains_and_ranges_from_the_turtle() -> None:
    killed = ontology.predicate("killed")
    assert killed.domain == frozenset({"Character", "Organization"})
    assert killed.range == frozenset({"Character"})
    assert ontology.predicate("release_year").datatype == "integer"
    assert ontology.predicate("met").symmetric and not ontology.predicate("killed").symmetric
    compared = ontology.predicate("compared_to")
    assert compared.domain is None and compared.range is None


def test_unknown_predicate_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="trained_by"):
        ontology.predicate("mentored")


def test_shapes_parse_and_cover_every_constrained_predicate() -> None:
    shapes = Graph().parse(ontology_file("shapes.ttl"))
    subjects_targeted = {str(o)[len(UG_NS) :] for o in shapes.objects(None, SH.targetSubjectsOf)}
    objects_targeted = {str(o)[len(UG_NS) :] for o in shapes.objects(None, SH.targetObjectsOf)}
    for info in ontology.predicates().values():
        if info.domain is not None:
            assert info.name in subjects_targeted, info.name
        if info.range is not None:
            assert info.name in objects_targeted, info.name


def test_classes_are_owl_classes_with_labels() -> None:
    g = ontology.graph()
    for name in [
        "Universe",
        "Work",
        "Film",
        "Series",
        "Character",
        "Person",
        "Organization",
        "Location",
        "Event",
        "Genre",
    ]:
        iri = getattr(UG, name)
        assert (iri, RDF.type, OWL.Class) in g
        assert g.value(iri, RDFS.label) is not None
    assert (UG.Film, RDFS.subClassOf, UG.Work) in g and (UG.Series, RDFS.subClassOf, UG.Work) in g


def test_jsonld_context_parses() -> None:
    data = json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["ug"] == UG_NS
