"""What the graph already knows about a work: the people credited on it and its characters, by name.

The text extractor types and links a text's names against these: a known actor is a Person, not a
character of the story; a known character is that entity, under its stored name. Gathered from
claims read in the same batch (`known_for_work`) or from a store (`known_from_store`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .model import ClaimSet, EntityType

#: work -> person predicates that credit a person on the work
CREDITS = ("cast_member", "directed_by", "written_by", "produced_by")
#: the types a text's name may take from what is known
KNOWN_TYPES = (EntityType.PERSON, EntityType.CHARACTER)


@dataclass(frozen=True)
class KnownName:
    """One entity the graph holds for the work a text is about: its id, type, name and aliases."""

    iri: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()


def known_for_work(claimsets: Iterable[ClaimSet], work: str) -> tuple[KnownName, ...]:
    """The people credited on `work` and the characters in it (appear in it, are its lead, or are
    portrayed in it), with every name and alias the claims give them; in id order."""
    claimsets = list(claimsets)
    wanted: set[str] = set()
    for cs in claimsets:
        for r in cs.relations:
            if r.subject == work and r.predicate in (*CREDITS, "protagonist") and isinstance(r.object, str):
                wanted.add(r.object)
                if r.qualifiers.character:
                    wanted.add(r.qualifiers.character)
            elif r.object == work and r.predicate == "appears_in":
                wanted.add(r.subject)
            elif r.predicate == "portrayed_by" and r.qualifiers.work == work and isinstance(r.object, str):
                wanted.update((r.subject, r.object))
    names: dict[str, tuple[EntityType, list[str]]] = {}
    for cs in claimsets:
        for e in cs.entities:
            if e.id in wanted and e.type in KNOWN_TYPES:
                _, seen = names.setdefault(e.id, (e.type, []))
                seen += [n for n in (e.name, *e.aliases) if n not in seen]
    return tuple(
        KnownName(iri, kind, seen[0], tuple(seen[1:])) for iri, (kind, seen) in sorted(names.items())
    )


def merge_known(*groups: Iterable[KnownName]) -> tuple[KnownName, ...]:
    """Several gatherings as one, an entity once (the first gathering that has it wins)."""
    merged: dict[str, KnownName] = {}
    for group in groups:
        for k in group:
            merged.setdefault(k.iri, k)
    return tuple(merged.values())


#: the same gathering over a store; ?work is bound, never pasted
KNOWN_QUERY = """
SELECT DISTINCT ?work ?e ?type ?name ?label WHERE {
  { ?work ?credit ?e .
    VALUES ?credit { ug:cast_member ug:directed_by ug:written_by ug:produced_by ug:protagonist } }
  UNION { ?e ug:appears_in ?work }
  ?e a ?type ; rdfs:label ?label . VALUES ?type { ug:Person ug:Character }
  ?e rdfs:label|ug:alias ?name .
}"""


def known_from_rows(rows: Iterable[Any]) -> tuple[KnownName, ...]:
    """`KnownName`s from the rows of `KNOWN_QUERY` (terms with a `.value`)."""
    names: dict[str, tuple[EntityType, str, list[str]]] = {}
    for row in rows:
        iri, kind = str(row["e"].value), EntityType(str(row["type"].value).rsplit("#", 1)[-1])
        _, label, aliases = names.setdefault(iri, (kind, str(row["label"].value), []))
        name = str(row["name"].value)
        if name != label and name not in aliases:
            aliases.append(name)
    return tuple(
        KnownName(iri, kind, label, tuple(sorted(aliases)))
        for iri, (kind, label, aliases) in sorted(names.items())
    )
