"""Merge candidates: pairs of entities the resolver would not merge on its own, with the evidence
for and against, so a person can decide (issue 14).

A pair is listed when its two entities are of one family and share a name under the lookup key
(accents, punctuation and case aside) but stay apart, or when resolution found them ambiguous or
kept them apart by a guard. The evidence is data from the store: shared works and universes,
release years, external ids, documentary genre.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from pydantic import BaseModel

from .model import EntityType
from .resolve import DOCUMENTARY, Index, ResolutionResult, index_from_store, name_key, resolve_index
from .stores.base import CanonicalStore


class Candidate(BaseModel):
    """Two entities that may be one: why they are listed and what speaks for and against."""

    entities: list[str]
    names: list[str]
    type: str
    listed: str  # same name, ambiguous, kept apart
    evidence_for: list[str]
    evidence_against: list[str]


def weigh(index: Index, a: str, b: str) -> tuple[list[str], list[str]]:
    """The evidence for and against two entities being one, as readable lines."""
    na, nb = index.nodes[a], index.nodes[b]
    pro: list[str] = []
    con: list[str] = []
    shared = sorted({name_key(n) for n in na.names} & {name_key(n) for n in nb.names})
    if shared:
        pro.append(f"same name {shared[0]!r}")
    works = sorted(na.works & nb.works)
    if works:
        pro.append("shared work: " + ", ".join(index.name_of(w) for w in works[:3]))
    universes = sorted(na.universes & nb.universes)
    if universes:
        pro.append("same universe: " + ", ".join(index.name_of(u) for u in universes[:3]))
    elif na.universes and nb.universes:
        con.append(
            "different universes: "
            + " / ".join(", ".join(sorted(index.name_of(u) for u in n.universes)[:2]) for n in (na, nb))
        )
    if na.years and nb.years:
        if na.years & nb.years:
            pro.append(f"same year {min(na.years & nb.years)}")
        else:
            con.append(f"different years {min(na.years)} and {min(nb.years)}")
    ids_a: dict[str, set[str]] = defaultdict(set)
    for scheme, value in na.ids:
        ids_a[scheme].add(value)
    for scheme, value in sorted(nb.ids):
        if scheme in ids_a and value not in ids_a[scheme]:
            con.append(f"different {scheme} ids {sorted(ids_a[scheme])[0]} and {value}")
    if (DOCUMENTARY in na.genres) != (DOCUMENTARY in nb.genres):
        con.append("one is a documentary")
    if not works and not universes and na.kind in (EntityType.PERSON, EntityType.CHARACTER):
        con.append("no shared work or universe")
    return pro, con


def candidates(
    index: Index, result: ResolutionResult, kind: str | None = None, limit: int = 50
) -> list[Candidate]:
    """Pairs to decide: ambiguities first, then pairs kept apart by a guard, then same-name pairs;
    never a pair a person has decided about."""
    root = result.mapping
    listed: dict[tuple[str, str], Candidate] = {}
    decided = {  # a pair a person already decided about (`merge`, `split`) is not asked again
        tuple(sorted((root.get(x, x), root.get(y, y)))) for _, x, y, _ in index.decisions
    }

    def add(a: str, b: str, why: str) -> None:
        if len(listed) >= limit:
            return  # the list is full: weigh no more pairs (insertion order keeps the first `limit`)
        a, b = sorted((root.get(a, a), root.get(b, b)))
        node = index.nodes[a]
        if a == b or (a, b) in listed or (kind is not None and kind not in (node.kind.value, node.family)):
            return
        if (a, b) in decided:
            return
        pro, con = weigh(index, a, b)
        listed[(a, b)] = Candidate(
            entities=[a, b],
            names=[index.name_of(a), index.name_of(b)],
            type=node.kind.value,
            listed=why,
            evidence_for=pro,
            evidence_against=con,
        )

    for decision in result.ambiguous:
        for a, b in combinations(decision.entities, 2):
            add(a, b, f"ambiguous: {decision.why}")
    for decision in result.kept_apart:
        if len(decision.entities) == 2:
            first, second = decision.entities
            add(first, second, f"kept apart: {decision.why}")
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iri, node in sorted(index.nodes.items()):
        if node.kind is EntityType.GENRE or iri not in index.shown:
            continue
        by_name[(node.family, name_key(index.shown[iri]))].add(root.get(iri, iri))
    for (_, _), iris in sorted(by_name.items()):
        for a, b in list(combinations(sorted(iris), 2))[:10]:
            add(a, b, "same name, not merged")
    return list(listed.values())[:limit]


def store_candidates(store: CanonicalStore, kind: str | None = None, limit: int = 50) -> list[Candidate]:
    """The merge candidates of everything a store holds."""
    index = index_from_store(store)
    return candidates(index, resolve_index(index), kind, limit)
