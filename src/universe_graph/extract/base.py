"""The extractor interface and registry: text in, a `ClaimSet` out, registered by name and version.

A better extractor (another model, an LLM endpoint) is one more subclass registered here; the
review reader picks one by its registry name (`"rules.v9"`) and records it on every claim.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import BadInput
from ..known import KnownName
from ..model import ClaimSet, EntityType, Source


@dataclass(frozen=True)
class WorkHint:
    """What the caller says the text is about: an entity id, a title, or both (all optional), and
    what the graph already knows of that work (its credited people and characters)."""

    iri: str | None = None
    title: str | None = None
    type: EntityType = EntityType.FILM
    known: tuple[KnownName, ...] = ()


@dataclass
class Extraction:
    """An extractor's result: the claims, and warnings for the user (not errors)."""

    claims: ClaimSet
    warnings: list[str] = field(default_factory=list)


class Extractor(ABC):
    """Turns the decoded text of one source into claims with exact evidence offsets."""

    name: ClassVar[str]
    version: ClassVar[str]

    @property
    def registry_name(self) -> str:
        return f"{self.name}.{self.version}"

    @abstractmethod
    def run(self, text: str, source: Source, about: WorkHint | None = None) -> Extraction:
        """Extract claims from `text` (the whole decoded source) for `source`."""

    def prepare(self, texts: Sequence[str]) -> None:  # noqa: B027  (optional hook)
        """Optionally do the costly shared work for several texts at once before `run` on each."""

    def run_many(self, items: Sequence[tuple[str, Source, WorkHint | None]]) -> list[Extraction]:
        """`run` on each item, in order (a subclass may batch the work)."""
        return [self.run(text, source, about) for text, source, about in items]


#: the extractor the review reader, the worker pool and `eval` use unless told otherwise
DEFAULT_EXTRACTOR = "rules.v9"
_EXTRACTORS: dict[str, type[Extractor]] = {}
_INSTANCES: dict[str, Extractor] = {}


def register(cls: type[Extractor]) -> type[Extractor]:
    """Class decorator: make an extractor available as "name.version" (e.g. "rules.v9")."""
    _EXTRACTORS[f"{cls.name}.{cls.version}"] = cls
    return cls


#: the built-in extractors' modules, imported on first use (they load spaCy)
_BUILTIN = ("universe_graph.extract.rules",)


def _load_builtin() -> None:
    """Import the built-in extractors (each registers itself) the first time one is asked for."""
    import importlib

    for module in _BUILTIN:
        importlib.import_module(module)


def extractors() -> list[str]:
    """Every registered extractor's "name.version", the built-in ones included."""
    _load_builtin()
    return sorted(_EXTRACTORS)


def get_extractor(name: str = DEFAULT_EXTRACTOR) -> Extractor:
    """The (shared, stateless) extractor registered under `name`; an unknown name lists the others."""
    if name not in _EXTRACTORS:
        _load_builtin()
    if name not in _EXTRACTORS:
        raise BadInput.at("--extractor", f"no extractor {name!r}; valid: {', '.join(extractors())}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _EXTRACTORS[name]()
    return _INSTANCES[name]
