"""A folder's manifest: which files are sources, of what kind and tier, and what each is about."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError

from ..model import CanonTier, Slug, SourceKind, Strict
from . import located_yaml
from .text import read_text

MANIFEST_NAMES = ("manifest.yaml", "manifest.yml")
MANIFEST_TAG = "universe-graph/manifest@1"


class ManifestEntry(Strict):
    path: Annotated[str, StringConstraints(min_length=1)]
    kind: SourceKind | None = None  # None: detect by content
    id: Slug | None = None
    tier: CanonTier | None = None
    about: Annotated[str, StringConstraints(min_length=1)] | None = None  # a work key or an IRI


class Manifest(Strict):
    format: Literal["universe-graph/manifest@1"]
    sources: Annotated[list[ManifestEntry], Field(min_length=1)]


def find_manifest(folder: Path) -> Path | None:
    for name in MANIFEST_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


def read_manifest(path: Path) -> tuple[Manifest, located_yaml.LocatedYaml]:
    doc = located_yaml.load(path, read_text(path).text)
    try:
        return Manifest.model_validate(doc.data), doc
    except ValidationError as e:
        raise doc.validation_error(e) from e
