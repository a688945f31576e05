"""The application object: one per store, what every CLI command and `serve` open the store through.

It holds where the store is (`--store` / `UG_STORE`: a folder, or a SPARQL server's URL) and, for a
server, the local state folder (`--state` / `UG_STATE`: lock, projection, snapshot files), and opens
the canonical store through the engine registry (`stores.base.engine`), or the whole store (canonical
and Cypher projection, `UniverseStore`) with that state folder, in this one place. Readers then share
the store version's read snapshot (`snapshot.py`).

Ingest is read -> resolve -> put -> project: `App.ingest` reads the files, and `ingest_claims` (the
one path every write of claims takes, `merge`/`split` and their undoing too) runs the resolution
stage (`resolve_stage.ResolutionStage`) over the store and the incoming sources, then hands the
resolved claims to the store's `put`, which writes and projects them; the stores know nothing of
identity.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AmbiguousName, BadInput, UniverseGraphError
from .known import KNOWN_QUERY, KnownName, known_from_rows
from .model import CanonTier, ClaimSet, SourceKind
from .stores.base import CanonicalStore, Hook, engine, engine_for

if TYPE_CHECKING:  # imported where used: the projection pulls FalkorDB, which a command may not need
    from .resolve_stage import ResolutionSummary, Resolved
    from .stores.sync import Change, UniverseStore


@dataclass(frozen=True)
class IngestOptions:
    """How to read and store sources: what `ingest`'s options and `POST /sources`' parameters say."""

    kind: str | None = None  # force the input kind (None: by content)
    source_id: str | None = None  # one file only
    tier: CanonTier | None = None
    about: str | None = None  # the work a review is about: an entity id, a stored work's key or title
    all_or_nothing: bool = False  # store nothing if any source is bad or clashes
    replace_others: bool = False  # let a source replace a stored one of another kind or location
    on_error: str = "fail"  # "skip": a reader skips bad records (reported) instead of failing the source
    selection: str | None = None  # a reader's filter (`--filter`)


@dataclass
class IngestReport:
    """What an ingest did: one change per source stored, warnings, and the sources refused (each a
    located BadInput; nothing of them was stored)."""

    changes: list[Change] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[BadInput] = field(default_factory=list)
    resolution: ResolutionSummary | None = None  # what identity resolution did (None: nothing stored)


#: Told (source id, its claims, all claims to store) as each source is stored: a progress bar.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class App:
    """One store, as the user named it: how every command opens it."""

    location: Path | str  # a store folder, or the http(s) URL of a SPARQL server
    state: Path | None = None  # with a server: the local state folder (None: the default one)

    @property
    def engine(self) -> str:
        """The canonical engine the location names (`oxigraph` for a folder, `sparql` for a URL)."""
        return engine_for(self.location)

    @property
    def folder(self) -> Path:
        """The local folder of the store: the store folder itself, or a server's state folder
        (`--state`, else the default one per URL). The lock, projection and snapshot live there."""
        if isinstance(self.location, Path):
            return self.location
        from .stores.sync import state_folder

        return self.state or state_folder(self.location)

    @contextmanager
    def canonical(self) -> Iterator[CanonicalStore]:
        """The canonical store alone, read-only, through the engine registry (no lock: fine beside a
        running ingest)."""
        store = engine(self.engine)(self.location, True)
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def reader(self, *, projection: bool = False) -> Iterator[UniverseStore]:
        """The store for reading: canonical only (read-only), or with the Cypher projection (which
        opens the store for writing, as the projection's server needs its folder)."""
        from .stores.sync import UniverseStore

        with UniverseStore(self.location, read_only=not projection, state=self.state) as store:
            yield store

    def writer(self) -> UniverseStore:
        """The store for writing (ingest, retract, reproject, serve), with its projection."""
        from .stores.sync import UniverseStore

        return UniverseStore(self.location, state=self.state)

    def ingest(
        self,
        paths: Sequence[Path],
        options: IngestOptions = IngestOptions(),
        *,
        store: UniverseStore | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read sources and store them, each atomically: what `universe-graph ingest` and
        `POST /sources` both do. `store` is the store already open for writing (the server's);
        without it, the store is opened here, and only once there is something to store.

        Bad sources are in the report's errors and change nothing (with `all_or_nothing`, the
        first raises before anything is stored); `--about` is resolved against the store first."""
        from .ingest import SourceOptions
        from .ingest.base import default_source_id
        from .ingest.collect import read_paths, replacing_others

        # the sources read again: a work only their earlier versions minted is no rival to --about's
        own = {options.source_id} if options.source_id else {default_source_id(p) for p in paths}
        if store is not None:
            about = _about(store.canonical, options.about, own)
        elif isinstance(self.location, Path) and not (self.location / "canonical").exists():
            about = _about(None, options.about)  # an empty store: nothing to look the work up in
        else:
            with self.canonical() as canonical:
                about = _about(canonical, options.about, own)
        read = SourceOptions(
            source_id=options.source_id,
            tier=options.tier,
            on_error="skip" if options.on_error == "skip" else "fail",
            filter=options.selection,
            about=about[0],
            about_title=about[1],
            known=about[2],
        )
        loaded, errors = read_paths(paths, kind=options.kind, options=read)
        report = IngestReport(warnings=list(loaded.warnings), errors=list(errors))
        if errors and options.all_or_nothing:
            raise BadInput.merge(errors)
        if not loaded.claimsets:
            return report
        with contextlib.ExitStack() as stack:
            if store is None:
                store = stack.enter_context(self.writer())
            claimsets = loaded.claimsets
            if not options.replace_others:  # never silently over another kind's or place's source
                stored = {sid: record.source for sid, record in store.canonical.sources().items()}
                claimsets, refused = replacing_others(claimsets, stored)
                if refused and options.all_or_nothing:
                    raise BadInput.merge(refused)
                report.errors += refused
            size = {c.source.id: len(c.entities) + len(c.relations) + len(c.events) for c in claimsets}
            total = sum(size.values())

            def stored_one(source_id: str) -> None:
                if progress is not None:
                    progress(source_id, size.get(source_id, 0), total)

            done = ingest_claims(store, claimsets, progress=stored_one)
            report.changes, report.resolution = done.changes, done.resolved.summary()
            report.warnings += done.warnings
        return report


@dataclass
class Stored:
    """What `ingest_claims` did: one change per source written, what resolution did, and the
    warnings (ambiguous identities, sources the projection refused)."""

    changes: list[Change]
    resolved: Resolved
    warnings: list[str]


def ingest_claims(
    store: UniverseStore,
    sources: Sequence[ClaimSet],
    *,
    hook: Hook | None = None,
    progress: Callable[[str], None] | None = None,
    leave_out: Collection[str] = (),
) -> Stored:
    """Resolve sources against the store, then put them (and the stored sources a merge changes)
    and project them: the one ingest path after reading, for `App.ingest`, `merge`/`split` and
    their undoing. Stored sources in `leave_out` are not read into resolution (being replaced)."""
    from .curation import to_read_again
    from .resolve_stage import ResolutionStage

    again = to_read_again(store, sources)  # a split of a merge the rules made needs both parts
    leave_out = {*leave_out, *(c.source.id for c in again)}
    resolved = ResolutionStage(store.canonical, leave_out).run([*sources, *again])
    changes = store.put(resolved.to_put, hook=hook, progress=progress)
    return Stored(changes, resolved, [*resolved.result.reports(), *store.reports])


def retract(store: UniverseStore, source_id: str) -> Change:
    """Withdraw a source; a person's identity decision is undone too (`curation.undo`)."""
    record = store.canonical.sources().get(source_id)
    if record is not None and record.source.kind is SourceKind.CURATION:
        from .curation import undo

        return undo(store, record)
    return store.retract(source_id)


_WORKS_QUERY = """
SELECT DISTINCT ?w ?name WHERE {
  ?w a ?type ; rdfs:label|ug:alias ?name . VALUES ?type { ug:Film ug:Series }
}"""


def _about(
    store: CanonicalStore | None, about: str | None, own: Collection[str] = ()
) -> tuple[str | None, str | None, tuple[KnownName, ...]]:
    """The work a review is about, from `--about`: (its IRI or None, a new work's title or None,
    what the store knows of the work for the extractor). An entity id is taken as given; a key or
    title names a stored work (several: refused, never guessed, except that a work only the `own`
    sources claim, the review's earlier version, gives way to another source's); anything else is
    a new work's title."""
    if about is None:
        return None, None, ()
    from .resolve import names_work

    given = about if ":" in about and "/" in about else None
    if store is None:
        return given, None if given else about, ()
    try:
        if given is None:
            rows: list[Any] = list(store.query(_WORKS_QUERY))
            found = {
                str(r["w"].value): str(r["name"].value)
                for r in rows
                if names_work(str(r["w"].value), [str(r["name"].value)], about)
            }
            if len(found) > 1 and own:
                others = [r.graph for sid, r in store.sources().items() if sid not in own]
                claimed = (
                    {str(r["w"].value) for r in store.query(_WORKS_QUERY, graphs=others)} if others else set()
                )
                found = {w: n for w, n in found.items() if w in claimed} or found
            if len(found) > 1:
                works = [(iri, "work") for iri in sorted(found)]
                raise AmbiguousName(about, works, how="--about ENTITY-ID")
            given = next(iter(found), None)
        if given is None:
            return None, about, ()
        import pyoxigraph as ox

        rows = list(store.query(KNOWN_QUERY, {"work": ox.NamedNode(given)}))
        known = known_from_rows(rows)
    except AmbiguousName:
        raise
    except UniverseGraphError:
        return given, None if given else about, ()
    return given, None, known
