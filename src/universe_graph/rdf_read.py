"""Reading claims back from RDF: the inverse of `rdf.py`, for exports and projections from a store.

A source's named graph holds its Source node, entities, reified claims with evidence, and events;
this rebuilds the ClaimSet that was written, so `ClaimSet -> RDF -> ClaimSet` is lossless.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from .errors import StoreUnavailable
from .model import ClaimSet, Entity, Event, Evidence, Participant, Relation, Source
from .vocab import ID_BASE, UG

Triple = tuple[Node, Node, Node]
_UG = str(UG._NS)


class _Index:
    """Subject -> predicate -> objects, for one graph."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            self.by_subject[s][p].append(o)

    def one(self, s: Node, p: Node) -> Node | None:
        values = self.by_subject.get(s, {}).get(p)
        return values[0] if values else None

    def all(self, s: Node, p: Node) -> list[Node]:
        return list(self.by_subject.get(s, {}).get(p, []))

    def subjects_of_type(self, kind: Node) -> list[Node]:
        return [s for s, props in self.by_subject.items() if kind in props.get(RDF.type, [])]


def _py(node: Node | None) -> Any:
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        return float(value) if isinstance(value, Decimal) else value
    return str(node)


def _local(node: Node) -> str:
    return str(node)[len(_UG) :]


def _evidence(idx: _Index, owner: Node) -> list[Evidence]:
    out = []
    for ev in idx.all(owner, UG.evidence):
        source = _py(idx.one(ev, UG.source))
        out.append(
            Evidence(
                source=str(source).removeprefix(ID_BASE + "source/"),
                extractor=_py(idx.one(ev, UG.extractor)),
                extractor_version=_py(idx.one(ev, UG.extractor_version)),
                confidence=float(_py(idx.one(ev, UG.confidence))),
                start=_py(idx.one(ev, UG.start)),
                end=_py(idx.one(ev, UG.end)),
                quote=_py(idx.one(ev, UG.quote)),
                line=_py(idx.one(ev, UG.line)),
                row=_py(idx.one(ev, UG.row)),
                pointer=_py(idx.one(ev, UG.pointer)),
            )
        )
    return sorted(out, key=lambda e: e.model_dump_json())


def claimset_from_triples(triples: Iterable[Triple], source_id: str) -> ClaimSet:
    """Rebuild one source's ClaimSet from the triples of its named graph."""
    idx = _Index(triples)
    src_node = URIRef(ID_BASE + "source/" + source_id)
    if UG.Source not in idx.all(src_node, RDF.type):
        raise StoreUnavailable(
            f"the graph of source {source_id!r} has no ug:Source node; the store is damaged"
        )
    about = idx.one(src_node, UG.about)
    source = Source(
        id=source_id,
        location=_py(idx.one(src_node, UG.source_location)),
        kind=_py(idx.one(src_node, UG.source_kind)),
        tier=_py(idx.one(src_node, UG.canon_tier)),
        about=str(about) if about is not None else None,
        content_hash=_py(idx.one(src_node, UG.content_hash)),
    )
    entity_types = {
        getattr(UG, name): name
        for name in ("Universe", "Film", "Series", "Character", "Person", "Organization", "Location", "Genre")
    }
    entities = []
    for s, props in idx.by_subject.items():
        kinds = [entity_types[t] for t in props.get(RDF.type, []) if t in entity_types]
        if not kinds:
            continue
        ids = {
            "wikidata": _py(idx.one(s, UG.wikidata_id)),
            "imdb": _py(idx.one(s, UG.imdb_id)),
            "tmdb": _py(idx.one(s, UG.tmdb_id)),
            "movielens": _py(idx.one(s, UG.movielens_id)),
        }
        entities.append(
            Entity.model_validate(
                {
                    "id": str(s),
                    "type": kinds[0],
                    "name": _py(idx.one(s, RDFS.label)),
                    "aliases": sorted(_py(a) for a in idx.all(s, UG.alias)),
                    "in_universe": bool(_py(idx.one(s, UG.in_universe))),
                    "external_ids": {k: v for k, v in ids.items() if v is not None},
                    "evidence": _evidence(idx, s),
                }
            )
        )
    relations = []
    for claim in idx.subjects_of_type(UG.Claim):
        predicate = idx.one(claim, RDF.predicate)
        obj = idx.one(claim, RDF.object)
        relations.append(
            Relation.model_validate(
                {
                    "subject": str(idx.one(claim, RDF.subject)),
                    "predicate": _local(predicate) if predicate is not None else "",
                    "object": _py(obj),
                    "qualifiers": {
                        "character": _py(idx.one(claim, UG.qualifier_character)),
                        "work": _py(idx.one(claim, UG.qualifier_work)),
                        "time": _py(idx.one(claim, UG.qualifier_time)),
                    },
                    "evidence": _evidence(idx, claim),
                }
            )
        )
    events = []
    for ev in idx.subjects_of_type(UG.Event):
        parts = sorted(idx.all(ev, UG.participation), key=lambda n: int(str(n).rsplit("/", 1)[-1]))
        events.append(
            Event(
                id=str(ev),
                label=_py(idx.one(ev, RDFS.label)),
                kind=_py(idx.one(ev, UG.event_kind)),
                work=_py(idx.one(ev, UG.in_work)),
                order=_py(idx.one(ev, UG.plot_order)),
                act=_py(idx.one(ev, UG.act)),
                time=_py(idx.one(ev, UG.in_universe_time)),
                location=_py(idx.one(ev, UG.at_location)),
                framing=_py(idx.one(ev, UG.framing)),
                participants=[
                    Participant(entity=_py(idx.one(p, UG.participant)), role=_py(idx.one(p, UG.role)))
                    for p in parts
                ],
                evidence=_evidence(idx, ev),
            )
        )
    return ClaimSet(
        source=source,
        entities=sorted(entities, key=lambda e: e.id),
        relations=sorted(relations, key=lambda r: r.key()),
        events=sorted(events, key=lambda e: (e.work, e.order, e.id)),
    )
