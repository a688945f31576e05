"""The ontology's terms as Python names that fail on a typo, and the IRI schemes we mint.

`UG.killed` is an IRI; `UG.kiled` raises AttributeError. A test keeps this list and
`ontology/universe.ttl` equal in both directions.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from .iri_base import ID_BASE as ID_BASE
from .iri_base import ONTOLOGY_IRI as ONTOLOGY_IRI
from .iri_base import REGISTRY_GRAPH as REGISTRY_GRAPH


class UG(DefinedNamespace):
    """universe-graph ontology terms (classes PascalCase, properties snake_case)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Universe: URIRef
    Work: URIRef
    Film: URIRef
    Series: URIRef
    Character: URIRef
    Person: URIRef
    Organization: URIRef
    Location: URIRef
    Genre: URIRef
    Event: URIRef
    Participation: URIRef
    Source: URIRef
    Claim: URIRef
    Evidence: URIRef
    RelationProperty: URIRef
    inverseLabel: URIRef

    # relation properties (Relation.predicate)
    appears_in: URIRef
    part_of_universe: URIRef
    member_of: URIRef
    leads: URIRef
    part_of: URIRef
    trained_by: URIRef
    killed: URIRef
    defeated: URIRef
    family_of: URIRef
    ally_of: URIRef
    enemy_of: URIRef
    betrayed: URIRef
    works_for: URIRef
    met: URIRef
    fought: URIRef
    resides_in: URIRef
    located_in: URIRef
    portrayed_by: URIRef
    cast_member: URIRef
    directed_by: URIRef
    written_by: URIRef
    produced_by: URIRef
    protagonist: URIRef
    genre: URIRef
    follows: URIRef
    set_after: URIRef
    spin_off_of: URIRef
    part_of_series: URIRef
    compared_to: URIRef
    same_as: URIRef
    different_from: URIRef
    release_year: URIRef
    language: URIRef
    tag: URIRef
    rating: URIRef
    votes: URIRef
    rating_class: URIRef
    popularity: URIRef
    fate: URIRef

    # event properties
    in_work: URIRef
    plot_order: URIRef
    act: URIRef
    event_kind: URIRef
    in_universe_time: URIRef
    at_location: URIRef
    framing: URIRef
    has_participant: URIRef
    participation: URIRef
    participant: URIRef
    role: URIRef

    # entity properties
    alias: URIRef
    in_universe: URIRef
    wikidata_id: URIRef
    imdb_id: URIRef
    tmdb_id: URIRef
    movielens_id: URIRef

    # claims, evidence, sources
    evidence: URIRef
    qualifier_character: URIRef
    qualifier_work: URIRef
    qualifier_time: URIRef
    source: URIRef
    extractor: URIRef
    extractor_version: URIRef
    confidence: URIRef
    start: URIRef
    end: URIRef
    quote: URIRef
    line: URIRef
    row: URIRef
    pointer: URIRef
    source_kind: URIRef
    canon_tier: URIRef
    about: URIRef
    content_hash: URIRef
    source_location: URIRef

    # store registry
    VersionRecord: URIRef
    record_of: URIRef
    sequence: URIRef
    version_graph: URIRef
    retracted: URIRef
    claims_digest: URIRef
    merge_of_current: URIRef


#: Predicates a Relation may use, in the ontology's order (rdf type ug:RelationProperty).
RELATION_PREDICATES: tuple[str, ...] = (
    "appears_in", "part_of_universe", "member_of", "leads", "part_of", "trained_by", "killed",
    "defeated", "family_of", "ally_of", "enemy_of", "betrayed", "works_for", "met", "fought",
    "resides_in", "located_in", "portrayed_by", "cast_member", "directed_by", "written_by",
    "produced_by", "protagonist", "genre", "follows", "set_after", "spin_off_of", "part_of_series",
    "compared_to", "same_as", "different_from", "release_year", "language", "tag", "rating", "votes",
    "rating_class", "popularity", "fate",
)  # fmt: skip


def predicate_names() -> frozenset[str]:
    return frozenset(RELATION_PREDICATES)


def predicate_iri(name: str) -> URIRef:
    """The IRI of a relation predicate; raises AttributeError for an unknown name."""
    if name not in RELATION_PREDICATES:
        raise AttributeError(f"term {name!r} not in namespace UG")
    iri: URIRef = getattr(UG, name)
    return iri


def entity_iri(*parts: str) -> str:
    """Mint an entity IRI under the id base from slug parts (type, scope, key)."""
    return ID_BASE + "/".join(parts)


def source_iri(source_id: str) -> URIRef:
    return URIRef(ID_BASE + "source/" + source_id)
