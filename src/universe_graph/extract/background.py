"""A text's names typed and linked by what the graph already knows about its work.

A name that is a known person's or character's name or alias (or, for a one-word name, one word of
exactly one known name: "Reeves", "Wick") takes that entity's type and id. A name that fits two
known entities, or none, is left to the rules: refuse to guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..known import KnownName
from .document import Doc, name_key

#: words of a known name that never stand for it alone
_NOT_A_NAME = frozenset(
    {"the", "a", "an", "of", "and", "de", "la", "le", "von", "van", "der", "mr", "mrs", "ms", "miss"}
    | {"dr", "sir", "lord", "lady", "captain", "general", "agent"}
)


def known_index(known: Sequence[KnownName]) -> tuple[dict[str, set[KnownName]], dict[str, set[KnownName]]]:
    """Known entities by whole name (names and aliases) and by one word of a many-word name."""
    whole: dict[str, set[KnownName]] = defaultdict(set)
    word: dict[str, set[KnownName]] = defaultdict(set)
    for k in known:
        for name in (k.name, *k.aliases):
            key = name_key(name)
            whole[key].add(k)
            parts = key.split()
            if len(parts) > 1:
                for part in parts:
                    if len(part) > 2 and part not in _NOT_A_NAME:
                        word[part].add(k)
    return whole, word


def apply_known(doc: Doc, known: Sequence[KnownName]) -> dict[str, KnownName]:
    """Fix the type of each name in `doc` that stands for exactly one known entity; entity key ->
    the known entity, for its id and stored name. The work itself is never relinked here."""
    if not known:
        return {}
    whole, word = known_index(known)
    links: dict[str, KnownName] = {}
    for key, ent in doc.ents.items():
        if key == doc.work_key or not ent.mentions:
            continue
        fits = whole.get(key) or (word.get(key, set()) if " " not in key else set())
        if len({k.iri for k in fits}) != 1:
            continue
        found = next(iter(fits))
        ent.fixed = found.type
        links[key] = found
    return links
