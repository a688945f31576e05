"""The projection pushed into Neo4j over Bolt, through the official `neo4j` driver.

The same per-source projection as the embedded one (`cypher_target.py`), sent as `UNWIND $rows`
batches; each source is projected in one write transaction together with its sync marker, so a
failure leaves that source as it was, and a second push finds every marker current and writes
nothing. Node IRIs and markers carry uniqueness constraints (Neo4j 5 syntax).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import neo4j
from pydantic import BaseModel, ConfigDict

from ..errors import StoreUnavailable
from ..model import ClaimSet
from . import cypher
from .base import CanonicalStore
from .cypher_target import CypherProjection

#: the markers' label: apart from the entity classes, and unlikely to clash in a shared database
MARKER = "UniverseGraphSync"


class Neo4jSettings(BaseModel):
    """Where to push: a Bolt URI, a user, a database; the password is never stored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str
    user: str | None = None
    database: str | None = None

    @classmethod
    def from_env(
        cls, uri: str | None = None, user: str | None = None, database: str | None = None
    ) -> Neo4jSettings:
        """Options first, then NEO4J_URI / NEO4J_USER / NEO4J_DATABASE."""
        found = uri or os.environ.get("NEO4J_URI")
        if not found:
            raise StoreUnavailable("no Neo4j to push to: give --uri or set NEO4J_URI (e.g. bolt://host:7687)")
        return cls(
            uri=found,
            user=user or os.environ.get("NEO4J_USER"),
            database=database or os.environ.get("NEO4J_DATABASE"),
        )


class Counts(BaseModel):
    """What the database reported changing (the driver's summary counters, added up)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0
    labels_removed: int = 0

    def add(self, counters: Any) -> None:
        for name in type(self).model_fields:
            setattr(self, name, getattr(self, name) + int(getattr(counters, name, 0) or 0))

    @property
    def changed(self) -> bool:
        return any(getattr(self, name) for name in type(self).model_fields)


class PushReport(BaseModel):
    """One push: the sources projected or removed, the sources already current, what changed."""

    target: str
    projected: list[str]
    removed: list[str]
    current: int
    counts: Counts


class Neo4jProjection(CypherProjection):
    """The projection in a Neo4j database (any server speaking Bolt and Neo4j's Cypher)."""

    marker_label = MARKER

    def __init__(self, settings: Neo4jSettings, password: str | None = None) -> None:
        self.settings = settings
        secret = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        auth = (settings.user, secret) if settings.user else None
        try:
            self.driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth)
        except (ValueError, neo4j.exceptions.ConfigurationError) as e:
            raise StoreUnavailable(f"bad Neo4j URI {settings.uri!r}: {e}") from e
        self._tx: neo4j.ManagedTransaction | None = None
        self.counts = Counts()

    def __enter__(self) -> Neo4jProjection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _session(self) -> neo4j.Session:
        return self.driver.session(database=self.settings.database)

    def _run(self, statement: str, params: Mapping[str, Any] | None = None) -> list[list[Any]]:
        if self._tx is not None:
            result = self._tx.run(statement, dict(params or {}))
            rows = [list(record.values()) for record in result]
            self.counts.add(result.consume().counters)
            return rows
        with self._session() as session:
            result = session.run(statement, dict(params or {}))
            rows = [list(record.values()) for record in result]
            self.counts.add(result.consume().counters)
            return rows

    _run_sync = _run  # markers live in the same database, under their own label

    def prepare(self) -> None:
        """Create the uniqueness constraints (and so their indexes) if missing."""
        for statement in cypher.unique_constraints(self.marker_label):
            self._run(statement)

    def project_one(self, source_id: str, claims: ClaimSet | None, version: str | None) -> None:
        """One source and its marker in one write transaction (retried by the driver if transient)."""

        def work(tx: neo4j.ManagedTransaction) -> None:
            self._tx = tx
            try:
                self.project(source_id, claims, version)
            finally:
                self._tx = None

        with self._session() as session:
            session.execute_write(work)

    def push(self, canonical: CanonicalStore) -> PushReport:
        """Bring the database up to date with the canonical store, source by source."""
        self.counts = Counts()
        try:
            self.prepare()
            current = canonical.sources()
            changed = self.follow(canonical)
        except neo4j.exceptions.AuthError as e:
            raise StoreUnavailable(
                f"Neo4j at {self.settings.uri} refused the credentials: {e.message}"
            ) from e
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired) as e:
            raise StoreUnavailable(f"cannot reach Neo4j at {self.settings.uri}: {e}") from e
        except neo4j.exceptions.Neo4jError as e:
            raise StoreUnavailable(f"Neo4j at {self.settings.uri} failed: {e.message or e}") from e
        return PushReport(
            target=self.settings.uri,
            projected=[sid for sid in changed if sid in current],
            removed=[sid for sid in changed if sid not in current],
            current=len(current) - len([sid for sid in changed if sid in current]),
            counts=self.counts,
        )

    def rebuild(self, canonical: CanonicalStore) -> PushReport:
        """Remove what the projection wrote (its nodes and markers only), then push everything."""
        self._run(cypher.clear_projection(self.marker_label))
        return self.push(canonical)

    def close(self) -> None:
        self.driver.close()
