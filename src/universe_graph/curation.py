"""Merge and split: a person's identity decision recorded as a source of its own (issue 14).

`decide` looks both names up with the one lookup every command uses (refusing an ambiguous name with
its candidates), writes the decision file beside the store (`DIR/decisions/<id>.json`, read by
`ingest.curation`), and ingests it: resolution reads decisions as input, so a `same_as` decision
joins the two entities now and whenever either source is ingested again, and a `different_from`
decision keeps them apart whatever the rules say. `undo` is what `retract` does with a decision: a
split's retraction lets the rules decide again; a merge's retraction reads the sources that hold the
merged entity again from their files (the stored ones carry the merged IRI only) and resolves them
without the decision, so the store is as it was before the merge.
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .app import ingest_claims
from .errors import BadInput, NotFound, Problem
from .ingest.curation import DecidedEntity, DecisionFile, Verdict, render, statement
from .model import CanonTier, ClaimSet, EntityType, SourceKind, is_placeholder, slugify
from .resolve import APART, SAME, lookup_key

if TYPE_CHECKING:
    from .stores.base import SourceRecord
    from .stores.sync import Change, UniverseStore

VERBS: dict[Verdict, str] = {"same_as": "merge", "different_from": "split"}


class DecisionReport(BaseModel):
    """What `merge` or `split` did: the decision, its source and file, and what resolution did."""

    decision: Verdict
    source: str
    file: str
    entities: list[DecidedEntity]
    by: str
    at: str
    note: str | None
    tier: str
    merged: list[str]  # resolution's merges that the decision made, as lines
    kept_apart: list[str]
    changes: list[dict[str, object]]
    warnings: list[str]  # ambiguous identities, sources the projection refused


def _family(kind: str) -> str:
    return "Work" if EntityType(kind).is_work else kind


def decision_id(verdict: Verdict, a: DecidedEntity, b: DecidedEntity) -> str:
    """A readable, stable source id: the verb, both names, and a digest of the two IRIs (so two
    decisions about two pairs of one name never clash, and one pair decided twice is one id)."""
    digest = hashlib.sha256("\n".join([verdict, *sorted((a.iri, b.iri))]).encode()).hexdigest()[:10]
    names = slugify(f"{a.name} {b.name}")[:80].strip("-")
    return f"{VERBS[verdict]}-{names}-{digest}"


def decided(store: UniverseStore) -> dict[frozenset[str], tuple[str, str]]:
    """The decisions in the store: pair of IRIs -> (predicate, source id)."""
    from .resolve import decisions_in

    return {frozenset((a, b)): (p, sid) for p, a, b, sid in decisions_in(store.canonical)}


def decide(
    store: UniverseStore,
    verdict: Verdict,
    first: str,
    second: str,
    *,
    by: str | None = None,
    note: str | None = None,
    kind: str | None = None,
    tier: CanonTier = CanonTier.FAN,
    at: datetime | None = None,
) -> DecisionReport:
    """Record that the entities named `first` and `second` are one (`same_as`) or two
    (`different_from`), as a curation source, and resolve the store with it."""
    from .query.names import find_entity

    verb = VERBS[verdict]
    found: list[DecidedEntity | None] = []
    for name in (first, second):
        stored = _stored(store, name) if kind is None and _is_iri(name) else None
        if stored is not None:  # an IRI needs no name index (costly to build on a large store)
            found.append(stored)
            continue
        try:
            ref = find_entity(store, name, type=kind)
        except NotFound:
            if verdict == SAME or not _is_iri(name):
                raise
            found.append(None)  # maybe an entity resolution merged away: looked up among members
        else:
            found.append(DecidedEntity(iri=ref.iri, name=ref.name, type=EntityType(ref.type)))
    again: list[ClaimSet] = []
    same = None not in found and found[0].iri == found[1].iri  # type: ignore[union-attr]
    if verdict == APART and (None in found or same):
        (a, b), again = _parts_of_merge(store, first, second, found)
    elif None in found:
        raise NotFound("entity", first if found[0] is None else second)
    else:
        a, b = (f for f in found if f is not None)
    if a.iri == b.iri:
        raise BadInput.at(verb, f"{first!r} and {second!r} are already one entity: {a.name} <{a.iri}>")
    if verdict == SAME and _family(a.type) != _family(b.type):
        raise BadInput.at(verb, f"a {a.type} and a {b.type} are never one entity ({a.name}, {b.name})")
    known = decided(store).get(frozenset((a.iri, b.iri)))
    if known is not None:
        predicate, sid = known
        if predicate == verdict:
            raise BadInput.at(verb, f"already decided by source {sid!r}")
        raise BadInput.at(
            verb, f"source {sid!r} decided the opposite ({predicate}); `universe-graph retract {sid}` first"
        )
    who = by or os.environ.get("UG_USER") or getpass.getuser()
    when = (at or datetime.now(UTC)).isoformat(timespec="seconds").replace("+00:00", "Z")
    pair = [a, b]
    decision = DecisionFile(
        format="universe-graph decision",
        decision=verdict,
        entities=pair,
        by=who,
        at=when,
        note=note,
        statement=statement(verdict, pair, who, when, note),
    )
    sid = decision_id(verdict, a, b)
    folder = (store.folder / "decisions").resolve()  # the source's location, whatever the cwd later
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sid}.json"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(decision), encoding="utf-8")
    tmp.replace(path)
    try:
        claims = _read(path, sid, tier)
        # a split of a merge the rules made: its sources read again, so both parts are there to keep apart
        done = ingest_claims(store, [claims, *again], leave_out={c.source.id for c in again})
    except BaseException:
        path.unlink(missing_ok=True)  # nothing was stored: leave no decision file behind
        raise
    result = done.resolved.result
    mine = f"(source {sid})"
    return DecisionReport(
        decision=verdict,
        source=sid,
        file=str(path),
        entities=pair,
        by=who,
        at=when,
        note=note,
        tier=tier.value,
        merged=[d.line() for d in result.merged if mine in d.why],
        kept_apart=[d.line() for d in result.kept_apart if mine in d.why],
        changes=[c.__dict__ for c in done.changes],
        warnings=done.warnings,
    )


def _is_iri(text: str) -> bool:
    return ":" in text and "/" in text and " " not in text


_ENTITY = """
SELECT ?e ?type ?label WHERE {
  ?e a ?type . OPTIONAL { ?e rdfs:label ?label }
  VALUES ?type { ug:Film ug:Series ug:Person ug:Character ug:Organization ug:Location ug:Universe ug:Genre }
}"""


def _stored(store: UniverseStore, iri: str) -> DecidedEntity | None:
    """The stored entity with this IRI, by one query (None: not stored, or of no single type)."""
    from pyoxigraph import NamedNode

    from .resolve import best_name
    from .vocab import UG

    rows = list(store.canonical.query(_ENTITY, {"e": NamedNode(iri)}))  # type: ignore[arg-type]
    types = {str(r["type"].value).removeprefix(str(UG._NS)) for r in rows}
    if len(types) != 1:
        return None
    name = best_name(str(r["label"].value) for r in rows if r["label"] is not None)
    return DecidedEntity(iri=iri, name=name or iri.rsplit("/", 1)[-1], type=EntityType(types.pop()))


class Member(BaseModel):
    """One of the entities resolution made a stored entity of: its own IRI, names and sources."""

    iri: str
    names: list[str]
    type: EntityType
    sources: list[str]

    def line(self) -> str:
        return f"{self.names[0] if self.names else self.iri} <{self.iri}> (source {', '.join(self.sources)})"


def members(store: UniverseStore, iri: str) -> tuple[list[Member], list[ClaimSet]]:
    """The entities the stored entity `iri` was made of by resolution (one member when nothing was
    merged into it), and the sources that hold it, read again from their files (a file that is gone
    or changed is refused, as for undoing a merge). Resolution decides again over the store with
    those sources as read, so its members are what it merges into `iri` today."""
    from .resolve_stage import ResolutionStage

    holders = _holders(store, {iri})
    again = _reread(holders)
    mapping = ResolutionStage(store.canonical, {r.source.id for r in holders}).run(again).result.mapping
    found: dict[str, Member] = {}
    for claims in again:
        for entity in claims.entities:
            if mapping.get(entity.id, entity.id) != iri:
                continue
            member = found.setdefault(
                entity.id, Member(iri=entity.id, names=[], type=entity.type, sources=[])
            )
            real = [n for n in (entity.name, *entity.aliases) if not is_placeholder(n)]
            member.names += [n for n in real if n not in member.names]
            member.sources += [claims.source.id] if claims.source.id not in member.sources else []
    return [found[k] for k in sorted(found)], again


def _parts_of_merge(
    store: UniverseStore, first: str, second: str, found: list[DecidedEntity | None]
) -> tuple[tuple[DecidedEntity, DecidedEntity], list[ClaimSet]]:
    """The two members of one stored entity that `split FIRST SECOND` names (each by a member's
    IRI, or by a name only one member has), and the sources to read again. Refuses, listing the
    members, when the two cannot be told apart."""
    known = [f for f in found if f is not None]
    if not known:
        raise NotFound("entity", first)
    whole = known[0]
    parts, again = members(store, whole.iri)
    chosen: list[Member] = []
    for given in (first, second):
        key = lookup_key(given)
        picked = [m for m in parts if m.iri == given] or [
            m for m in parts if key in {lookup_key(n) for n in m.names}
        ]
        if len(picked) == 1 and picked[0] not in chosen:
            chosen.append(picked[0])
    if len(chosen) == 2:
        a, b = (DecidedEntity(iri=m.iri, name=(m.names or [whole.name])[0], type=m.type) for m in chosen)
        return (a, b), again
    if len(parts) < 2:
        what = f"{whole.name} <{whole.iri}>, which resolution did not make of several"
        raise BadInput.at("split", f"{first!r} and {second!r} are one entity: {what}")
    listed = "; ".join(m.line() for m in parts)
    raise BadInput.at(
        "split",
        f"{first!r} and {second!r} are one entity, {whole.name} <{whole.iri}>, that resolution made "
        f"of {len(parts)}: {listed}; name two of them by IRI (universe-graph split IRI IRI)",
    )


def to_read_again(store: UniverseStore, sources: Sequence[ClaimSet]) -> list[ClaimSet]:
    """Stored sources to read again from their files so that each split among `sources` meets both
    entities it names: when the rules merged them, one IRI is gone from the store (its sources were
    rewritten onto the other), and only the holders of the IRI kept, read as they were, bring it back."""
    incoming = {c.source.id for c in sources}
    named = {e.id for c in sources for e in c.entities}
    splits = [
        (str(r.subject), str(r.object))
        for c in sources
        if c.source.kind is SourceKind.CURATION
        for r in c.relations
        if r.predicate == APART
    ]
    if not splits:
        return []
    held = {iri: _holders(store, {iri}) for pair in splits for iri in pair}
    wanted: dict[str, SourceRecord] = {}
    for pair in splits:
        if all(iri in named or held[iri] for iri in pair):
            continue  # both are there to keep apart
        for iri in pair:
            wanted |= {r.source.id: r for r in held.get(iri, []) if r.source.id not in incoming}
    return _reread([wanted[sid] for sid in sorted(wanted)])


def _holders(store: UniverseStore, iris: set[str]) -> list[SourceRecord]:
    """The stored sources (decisions aside) whose triples hold any of `iris`."""
    from pyoxigraph import NamedNode

    current = store.canonical.sources()
    graphs = {r.graph: sid for sid, r in current.items() if r.source.kind is not SourceKind.CURATION}
    live = frozenset(graphs)
    holders: set[str] = set()
    for iri in sorted(iris):
        node = NamedNode(iri)
        for quad in [
            *store.canonical.quads(node, None, None, live),
            *store.canonical.quads(None, None, node, live),
        ]:
            holders.add(graphs[quad.graph_name.value])  # type: ignore[union-attr]
    return [current[sid] for sid in sorted(holders)]


def _read(path: Path, sid: str, tier: CanonTier) -> ClaimSet:
    from .ingest import SourceOptions, get_reader

    return get_reader(SourceKind.CURATION.value).run(path, SourceOptions(source_id=sid, tier=tier))


def undo(store: UniverseStore, record: SourceRecord) -> Change:
    """Retract a decision and undo what it did (see the module doc); refuses, changing nothing,
    when a source that holds a merged entity cannot be read again as it was stored."""
    from .stores.sync import Change

    claims = store.canonical.claims_of(record)
    joined = {str(x) for r in claims.relations if r.predicate == SAME for x in (r.subject, r.object)}
    again = _reread(_holders(store, joined)) if joined else []
    store.retract(record.source.id)
    ingest_claims(store, again, leave_out={c.source.id for c in again})
    return Change(record.source.id, "retracted")


def _reread(records: list[SourceRecord]) -> list[ClaimSet]:
    """Each source read again from its file, with the id, tier and subject it was stored under;
    a file that is gone or changed is a problem (all are reported, nothing is read)."""
    from .ingest import SourceOptions, read_paths

    problems: list[Problem] = []
    out: list[ClaimSet] = []
    for record in records:
        source = record.source
        path = Path(source.location)
        why = "the file is gone" if not path.is_file() else None
        if why is None and hashlib.sha256(path.read_bytes()).hexdigest() != source.content_hash:
            why = "the file changed since it was stored"
        if why is None:
            options = SourceOptions(source_id=source.id, tier=source.tier, about=source.about)
            loaded, errors = read_paths([path], kind=source.kind.value, options=options)
            if errors:
                why = "; ".join(str(p) for e in errors for p in e.problems)
            else:
                out += loaded.claimsets
        if why is not None:
            problems.append(
                Problem(
                    str(path),
                    f"source {source.id!r} holds the merged entity and must be read again to undo "
                    f"the merge, but {why}; ingest it again (or retract it) first",
                )
            )
    if problems:
        raise BadInput(problems)
    return out


__all__ = ["APART", "SAME", "DecisionReport", "decide", "undo"]
