"""The reader interface and registry: one reader per source format, registered by kind.

A reader turns one file into a `ClaimSet` (the source plus its entities, relations and events).
`detect_kind` picks a reader by content, never by file extension.
"""

from __future__ import annotations

import csv
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from ..errors import BadInput, Problem
from ..known import KnownName
from ..model import CanonTier, ClaimSet, EntityType, Source, SourceKind, slugify
from ..vocab import entity_iri

SNIFF_BYTES = 4096


@dataclass(frozen=True)
class SourceOptions:
    """What a caller may say about a source instead of the reader's defaults."""

    source_id: str | None = None
    tier: CanonTier | None = None
    about: str | None = None  # entity id of the work the source is about
    about_title: str | None = None  # the work's title, when a text source is about a work not yet known
    on_error: Literal["fail", "skip"] = "fail"  # a bad row or record: stop, or skip it and count it
    filter: str | None = None  # reader-specific selection, e.g. IMDb title ids or a title pattern
    known: tuple[KnownName, ...] = ()  # what the graph knows of a text's work: its people, characters


NO_OPTIONS = SourceOptions()


class Reader(ABC):
    """Reads one source format. Subclasses set `kind`, `name` (the extractor) and `version`."""

    kind: ClassVar[SourceKind]
    name: ClassVar[str]
    version: ClassVar[str]
    #: tried after every other reader when detecting a format by content
    fallback: ClassVar[bool] = False

    def __init__(self) -> None:
        #: rows or records passed over with `on_error="skip"`, each located
        self.skipped: list[Problem] = []

    def source(
        self, path: Path, options: SourceOptions, content_hash: str, source_id: str | None = None
    ) -> Source:
        """The source record of a file read by this reader, with the caller's overrides applied."""
        return Source(
            id=source_id or options.source_id or default_source_id(path),
            location=str(path),
            kind=self.kind,
            tier=options.tier or self.kind.default_tier,
            about=options.about,
            content_hash=content_hash,
        )

    def reject(self, problem: Problem, options: SourceOptions) -> None:
        """A bad row or record: raise it, or (with on_error="skip") count it and go on."""
        if options.on_error == "skip":
            self.skipped.append(problem)
        else:
            raise BadInput(problem)

    @classmethod
    @abstractmethod
    def sniff(cls, head: str) -> bool:
        """True when the first characters of a file look like this format."""

    @abstractmethod
    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        """Read `path` into claims; raise BadInput naming file, line and field."""


_READERS: dict[SourceKind, type[Reader]] = {}


def register(cls: type[Reader]) -> type[Reader]:
    """Class decorator: make a reader available under its kind."""
    _READERS[cls.kind] = cls
    return cls


def readers() -> dict[SourceKind, type[Reader]]:
    return dict(_READERS)


def parse_kind(kind: str, *, where: str = "--format") -> SourceKind:
    """A source kind by name; an unknown name lists the formats that have a reader."""
    try:
        return SourceKind(kind)
    except ValueError as e:
        valid = ", ".join(sorted(k.value for k in _READERS))
        raise BadInput.at(where, f"no reader for format {kind!r}; valid: {valid}") from e


def get_reader(kind: str, *, where: str = "--format") -> Reader:
    """The reader for `kind`; an unknown or unavailable kind lists the valid ones."""
    source_kind = parse_kind(kind, where=where)
    if source_kind not in _READERS:
        valid = ", ".join(sorted(k.value for k in _READERS))
        raise BadInput.at(where, f"no reader for format {kind!r} is installed; valid: {valid}")
    return _READERS[source_kind]()


def detect_kind(path: Path, head: str) -> SourceKind:
    """Which registered reader recognises this content (fallback readers, such as prose, last)."""
    for kind, cls in sorted(_READERS.items(), key=lambda item: item[1].fallback):
        try:
            if cls.sniff(head):
                return kind
        except (ValueError, TypeError, RecursionError, csv.Error):  # odd content is not this format
            continue
    valid = ", ".join(sorted(k.value for k in _READERS))
    raise BadInput.at(
        str(path),
        f"unrecognised content; not one of the known formats ({valid}); force one with --format",
        line=1,
    )


def external_iri(kind: EntityType, scheme: str, ident: str) -> str:
    """The IRI a structured source mints for a thing it identifies: `id/film/imdb-tt6146586`.

    Identity resolution later maps it onto an entity the store already has with the same id.
    """
    return entity_iri(kind.value.lower(), f"{scheme}-{slugify(ident)}")


def default_source_id(path: Path) -> str:
    """A source id from the file name: `john-wick.universe.yaml` -> `john-wick-universe`."""
    stem = path.name
    for suffix in (".yaml", ".yml", ".json", ".txt", ".tsv", ".csv"):
        stem = stem.removesuffix(suffix)
    return slugify(stem)
