"""The canonical store interface: swappable engines behind one small base class, by name.

Like rdflib's store plugins, an engine says what it can do through capability flags, and
callers ask for it by name (`oxigraph`, and later `sparql` for a remote server).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph as ox

from ..errors import BadInput
from ..model import ClaimSet, Source


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do, so callers need not guess from its class."""

    atomic_swap: bool  # a source's new version becomes visible in one commit
    read_only_open: bool  # readers can open beside a writer
    query_timeout: bool  # the engine can bound a query's time itself
    local_files: bool = False  # its files are on this machine: worker processes may open them read-only


@dataclass(frozen=True)
class SourceRecord:
    """A source as stored: its metadata, the named graph of its current version, its sequence."""

    source: Source
    graph: str
    sequence: int


class ClaimsDigest:
    """SHA-256 of a source's claims as N-Triples lines, taken as they stream past: what tells a
    re-read source from a changed one when its bytes are the same (a newer reader or extractor
    makes other claims from them)."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def through(self, lines: Iterable[str]) -> Iterator[str]:
        for line in lines:
            self._hash.update(line.encode("utf-8"))
            yield line

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def claims_digest(lines: Iterable[str]) -> str:
    """The digest of lines read whole."""
    digest = ClaimsDigest()
    for _ in digest.through(lines):
        pass
    return digest.hexdigest()


class WriteOutcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Write:
    """What writing one source did, and the version it replaced (for the projection)."""

    outcome: WriteOutcome
    record: SourceRecord
    previous: SourceRecord | None


#: A value a query may bind (always sent as an RDF term, never pasted into query text).
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
#: What a SPARQL query answers, in pyoxigraph's result types whatever the engine.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

#: A fault-injection point for tests: called with a stage name during writes.
Hook = Callable[[str], None]


class CanonicalStore(ABC):
    """The canonical graph: one named graph per source version, queries over the current ones."""

    name: ClassVar[str]
    capabilities: ClassVar[Capabilities]

    @abstractmethod
    def sources(self) -> dict[str, SourceRecord]:
        """The current version of every source, by source id."""

    @abstractmethod
    def put(self, claims: ClaimSet, hook: Hook | None = None) -> Write:
        """Store a source's claims as its new current version (unchanged content: no write)."""

    @abstractmethod
    def retract(self, source_id: str) -> SourceRecord:
        """Withdraw everything a source claimed; raises NotFound for an unknown source."""

    @abstractmethod
    def claims_of(self, record: SourceRecord) -> ClaimSet:
        """One current source's claims, read back from its version graph."""

    @abstractmethod
    def claimsets(self) -> list[ClaimSet]:
        """Every current source's claims, read back from the store."""

    # ------------------------------------------------------------------ the read interface
    read_only: bool

    @property
    @abstractmethod
    def generation(self) -> int:
        """A number that changes whenever the current versions may have changed (readers cache on it)."""

    @abstractmethod
    def current_graphs(self) -> list[ox.NamedNode]:
        """The version graph of every current source."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        bindings: Mapping[str, OxTerm] | None = None,
        graphs: Collection[str] | None = None,
    ) -> Any:
        """A read-only SPARQL query over the union of the current versions (or of the given version
        graphs); values bound, never pasted. Engines answer a `QueryResult`; callers that know
        their query's form iterate it directly, hence `Any` here."""

    @abstractmethod
    def quads(
        self,
        subject: ox.NamedNode | ox.BlankNode | None,
        predicate: ox.NamedNode | None,
        obj: ox.NamedNode | ox.Literal | None,
        graphs: frozenset[str],
        predicates: Collection[ox.NamedNode] | None = None,
    ) -> Iterator[ox.Quad]:
        """Quads matching a pattern in the given version graphs (with one of `predicates` if given)."""

    @abstractmethod
    def collect_garbage(self) -> None:
        """Remove superseded versions and leftovers of unfinished writes."""

    @abstractmethod
    def close(self) -> None:
        """Release the engine (and the writer lock)."""


#: Where a store is: a folder (embedded engines) or a URL (a server).
Location = Path | str
Factory = Callable[[Location, bool], CanonicalStore]
_ENGINES: dict[str, Factory] = {}


def register(name: str) -> Callable[[Factory], Factory]:
    """Register a canonical engine factory `(location, read_only) -> store` under a name."""

    def deco(factory: Factory) -> Factory:
        _ENGINES[name] = factory
        return factory

    return deco


def engine(name: str) -> Factory:
    """The factory of a registered canonical engine; an unknown name lists the valid ones."""
    if name not in _ENGINES:
        from . import oxigraph as _oxigraph  # noqa: F401  (registers the embedded default)
        from . import sparql_remote as _sparql  # noqa: F401  (registers the SPARQL server engine)
    try:
        return _ENGINES[name]
    except KeyError as e:
        raise BadInput.at(
            "--engine", f"unknown store engine {name!r}; valid: {', '.join(sorted(_ENGINES))}"
        ) from e


def engine_for(location: Location) -> str:
    """The engine a location names: `sparql` for an http(s) URL, else the embedded `oxigraph`."""
    return "sparql" if str(location).startswith(("http://", "https://")) else "oxigraph"
