"""Both stores as one: the canonical graph commits first, the projection follows and heals.

After each canonical commit the projection is updated for that source and its `Sync` marker
set; on open, any source whose marker is missing or stale is re-projected, so a crash between
the two stores repairs itself. The projection's snapshot is saved at the end of each command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import progress
from ..model import ClaimSet
from .base import Hook, Write, WriteOutcome
from .falkordb import FalkorProjection
from .neo4j import PushReport
from .oxigraph import OxigraphStore
from .sparql_remote import RemoteSparqlStore, is_url


def _one_line(error: BaseException, limit: int = 300) -> str:
    """An exception as one short line, for reports."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class Change:
    """What happened to one source."""

    source: str
    outcome: str  # added, replaced, unchanged, retracted
    entities: int = 0
    relations: int = 0
    events: int = 0


def state_folder(url: str) -> Path:
    """The local folder beside a remote store (lock, projection, config), one per server URL."""
    import hashlib
    import urllib.parse

    parsed = urllib.parse.urlsplit(url)
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
    name = f"{parsed.hostname or 'server'}-{parsed.port or parsed.scheme}-{digest}"
    return Path(".universe-graph") / "remote" / name


class UniverseStore:
    """The store: canonical RDF (`canonical/`, or a SPARQL server), the Cypher projection in `projection/`.

    With a SPARQL server (`location` an http(s) URL) the local `state` folder (default
    `.universe-graph/remote/HOST-PORT-HASH`) holds the writer lock and the embedded projection.
    """

    def __init__(
        self,
        location: Path | str,
        *,
        read_only: bool = False,
        projection: bool = True,
        state: Path | None = None,
    ) -> None:
        self.reports: list[str] = []
        self.pushed: PushReport | None = None  # the last push to a following Neo4j database
        self.canonical: OxigraphStore | RemoteSparqlStore
        if is_url(location):
            self.folder = state or state_folder(str(location))
            self.canonical = RemoteSparqlStore(str(location), read_only=read_only, state=self.folder)
        else:
            self.folder = Path(location)
            self.canonical = OxigraphStore(self.folder, read_only=read_only)
        folder = self.folder
        self.projection: FalkorProjection | None = None
        if projection and not read_only:
            try:
                self.projection = FalkorProjection(folder)
                self.heal()
            except BaseException:
                self.close()
                raise

    def __enter__(self) -> UniverseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _project(self, source_id: str, claims: ClaimSet | None, version: str | None) -> bool:
        """Project one source; a failure is reported and skipped, never raised (the canonical
        store has committed, and a store must stay openable whatever one source holds)."""
        if self.projection is None:
            return True
        try:
            self.projection.project(source_id, claims, version)
            return True
        except Exception as first:  # the engine refused a value or a statement
            error: Exception = first
        try:  # drop what was half-written; its marker goes too, so the next open tries again
            self.projection.project(source_id, None, None)
            left = ""
        except Exception as e:
            left = f"; its partial projection could not be removed either ({_one_line(e)})"
        self.reports.append(
            f"source {source_id!r} could not be projected ({_one_line(error)}): it is in the "
            f"canonical store but missing from the Cypher projection{left}; retract it or fix "
            "it and ingest it again"
        )
        return False

    def follow_outside(self) -> None:
        """Bring the projections configured to follow (a Neo4j database) up to date.

        The canonical store has committed by now; a projection that cannot be reached is left
        behind with a warning in `reports`, and catches up on the next write or `push`.
        """
        from ..errors import StoreUnavailable
        from .config import load_config
        from .neo4j import Neo4jProjection

        settings = load_config(self.folder).neo4j
        if settings is None:
            return
        try:
            with Neo4jProjection(settings) as target:
                self.pushed = target.push(self.canonical)
        except StoreUnavailable as e:
            self.reports.append(
                f"the Neo4j projection was not updated ({e}); run `universe-graph push neo4j`"
            )

    def heal(self) -> list[str]:
        """Re-project every source whose sync marker is missing or stale; returns their ids."""
        if self.projection is None:
            return []
        healed = self.projection.follow(self.canonical, self._project)
        if healed:
            self.projection.save()
        return healed

    def restart_projection(self) -> list[str]:
        """End the projection's server and start it again, then heal: what its last save lacks is
        re-projected from the canonical store (the ids returned)."""
        if self.projection is None:
            return []
        self.projection.restart()
        return self.heal()

    def put(
        self,
        sources: Sequence[ClaimSet],
        hook: Hook | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> list[Change]:
        """Write each source atomically in the canonical store, then project it.

        The claims come resolved (`app.ingest_claims`: the store knows nothing of identity). A
        source the projection refuses stays committed in the canonical store and is kept in
        `reports`. A value no engine can keep (NUL, a lone surrogate) raises BadInput before the
        first write.
        """
        from ..ingest.safety import check_values

        for claims in sources:  # every source checked before the first write
            check_values(claims)
        self.reports = []
        changes = []
        for claims in sources:
            write: Write = self.canonical.put(claims, hook)
            if write.outcome is not WriteOutcome.UNCHANGED:
                self._project(claims.source.id, claims, write.record.graph)
                if hook:
                    hook("projected")
            changes.append(
                Change(
                    claims.source.id,
                    write.outcome.value,
                    len(claims.entities),
                    len(claims.relations),
                    len(claims.events),
                )
            )
            if progress:
                progress(claims.source.id)
        self.canonical.collect_garbage()
        if self.projection is not None:
            self.projection.save()
        self.follow_outside()
        return changes

    def retract(self, source_id: str) -> Change:
        """Withdraw what one source claimed, in both stores (a person's identity decision is
        undone by `app.retract`, which calls this)."""
        self.canonical.retract(source_id)
        self._project(source_id, None, None)
        self.canonical.collect_garbage()
        if self.projection is not None:
            self.projection.save()
        self.follow_outside()
        return Change(source_id, "retracted")

    def reproject(self) -> int:
        """Rebuild the projection from the canonical graph; returns the number of sources."""
        if self.projection is None:
            return 0
        self.projection.clear()
        current = self.canonical.sources()
        claimsets = self.canonical.claimsets()
        sizes = [len(c.entities) + len(c.relations) + len(c.events) for c in claimsets]
        with progress.bar(sum(sizes), "reprojecting") as shown:  # by claims; it moves per source
            for claims, size in zip(claimsets, sizes, strict=True):
                self._project(claims.source.id, claims, current[claims.source.id].graph)
                shown.update(size)
        self.projection.save()
        return len(claimsets)

    def close(self) -> None:
        if self.projection is not None:
            self.projection.close()
            self.projection = None
        self.canonical.close()
