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
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from .app import ingest_claims
from .errors import BadInput, Problem
from .ingest.curation import DecidedEntity, DecisionFile, Verdict, render, statement
from .model import CanonTier, ClaimSet, EntityType, SourceKind, slugify
from .resolve import APART, SAME

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
    from .resolve import index_from_store

    return {frozenset((a, b)): (p, sid) for p, a, b, sid in index_from_store(store.canonical).decisions}


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
    refs = [find_entity(store, name, type=kind) for name in (first, second)]
    a, b = (DecidedEntity(iri=r.iri, name=r.name, type=EntityType(r.type)) for r in refs)
    if a.iri == b.iri:
        what = "already one entity" if verdict == SAME else "one entity"
        hint = "" if verdict == SAME else "; a merge the rules made cannot be split by name yet"
        raise BadInput.at(verb, f"{first!r} and {second!r} are {what}: {a.name} <{a.iri}>{hint}")
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
        done = ingest_claims(store, [claims])
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


def _read(path: Path, sid: str, tier: CanonTier) -> ClaimSet:
    from .ingest import SourceOptions, get_reader

    return get_reader(SourceKind.CURATION.value).run(path, SourceOptions(source_id=sid, tier=tier))


def undo(store: UniverseStore, record: SourceRecord) -> Change:
    """Retract a decision and undo what it did (see the module doc); refuses, changing nothing,
    when a source that holds a merged entity cannot be read again as it was stored."""
    from pyoxigraph import NamedNode

    from .stores.sync import Change

    claims = store.canonical.claims_of(record)
    joined = {str(x) for r in claims.relations if r.predicate == SAME for x in (r.subject, r.object)}
    current = store.canonical.sources()
    again: list[ClaimSet] = []
    if joined:
        graphs = {r.graph: sid for sid, r in current.items() if r.source.kind is not SourceKind.CURATION}
        live = frozenset(graphs)
        holders: set[str] = set()
        for iri in sorted(joined):
            node = NamedNode(iri)
            for quad in [
                *store.canonical.quads(node, None, None, live),
                *store.canonical.quads(None, None, node, live),
            ]:
                holders.add(graphs[quad.graph_name.value])  # type: ignore[union-attr]
        again = _reread([current[sid] for sid in sorted(holders)])
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
