"""Merging claim sets into the export contract (`ontology/export.schema.json`).

One entity per id (aliases and external ids unioned), one relation per (subject, predicate,
object, qualifiers) with the evidence of every source that claims it, events by id.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from .assets import ontology_file
from .errors import BadInput
from .model import ClaimSet, Entity, Event, Evidence, Export, ExportEvent, Relation, Source, is_placeholder


def merge(claimsets: Iterable[ClaimSet]) -> Export:
    """The union of several sources' claims, each fact keeping every source's evidence."""
    entities: dict[str, Entity] = {}
    relations: dict[tuple[object, ...], Relation] = {}
    events: dict[str, Event] = {}
    sources: list[Source] = []
    for cs in claimsets:
        sources.append(cs.source.model_copy())
        for entity in cs.entities:
            _merge_entity(entities, entity, cs.source.location)
        for rel in cs.relations:
            known = relations.get(rel.key())
            if known is None:
                relations[rel.key()] = rel.model_copy(deep=True)
            else:
                known.evidence.extend(rel.evidence)
        for event in cs.events:
            if event.id in events:
                events[event.id].evidence.extend(event.evidence)
            else:
                events[event.id] = event.model_copy(deep=True)
    for entity in entities.values():
        entity.aliases = sorted(entity.aliases, key=lambda a: (a.casefold(), a))
        entity.evidence = _sorted_evidence(entity.evidence)
    for rel in relations.values():
        rel.evidence = _sorted_evidence(rel.evidence)
    for event in events.values():
        event.evidence = _sorted_evidence(event.evidence)
    ordered_events = sorted(events.values(), key=lambda e: (e.work, e.order, e.id))
    return Export(
        entities=sorted(entities.values(), key=lambda e: e.id),
        relations=sorted(relations.values(), key=lambda r: r.key()),
        events=[_export_event(e) for e in ordered_events],
        sources=sorted(sources, key=lambda s: s.id),
    )


def _sorted_evidence(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence in a canonical order (a store cannot keep the order it was written in)."""
    return sorted(
        evidence, key=lambda e: (e.source, e.line or 0, e.row or 0, e.start or 0, e.model_dump_json())
    )


def _merge_entity(entities: dict[str, Entity], entity: Entity, where: str) -> None:
    known = entities.get(entity.id)
    if known is None:
        entities[entity.id] = entity.model_copy(deep=True)
        return
    if known.type is not entity.type and known.type.is_work and entity.type.is_work:
        if is_placeholder(known.name) and not is_placeholder(entity.name):
            known.type = entity.type  # a source that only pointed at the work guessed Film; this one knows
    elif known.type is not entity.type:
        raise BadInput.at(
            where,
            f"{entity.id} is a {entity.type.value} here but a {known.type.value} in another source",
            field="type",
        )
    if is_placeholder(known.name) and not is_placeholder(entity.name):
        known.name = entity.name  # a real name replaces an id standing in for one
    for alias in [entity.name, *entity.aliases]:
        if alias != known.name and alias not in known.aliases and not is_placeholder(alias):
            known.aliases.append(alias)
    ids = known.external_ids.model_dump(exclude_none=True)
    for key, value in entity.external_ids.model_dump(exclude_none=True).items():
        if key in ids and ids[key] != value:
            raise BadInput.at(
                where,
                f"{entity.id}: {key} id {value!r} conflicts with {ids[key]!r} from another source",
                field=f"external_ids.{key}",
            )
        setattr(known.external_ids, key, value)
    known.in_universe = known.in_universe or entity.in_universe
    known.evidence.extend(entity.evidence)


def _export_event(event: Event) -> ExportEvent:
    return ExportEvent.model_validate({**event.model_dump(), "flashback": event.flashback})


def to_json_data(export: Export) -> dict[str, Any]:
    """The export as plain JSON data (external ids and evidence without empty fields)."""
    data = export.model_dump(mode="json")
    for entity in data["entities"]:
        entity["external_ids"] = {k: v for k, v in entity["external_ids"].items() if v is not None}
    for item in [*data["entities"], *data["relations"], *data["events"]]:
        item["evidence"] = [{k: v for k, v in ev.items() if v is not None} for ev in item["evidence"]]
    for rel in data["relations"]:
        rel["qualifiers"] = {k: v for k, v in rel["qualifiers"].items() if v is not None}
    return data


@cache
def schema() -> dict[str, Any]:
    """The export contract as JSON Schema (draft 2020-12)."""
    with ontology_file("export.schema.json").open(encoding="utf-8") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded
