"""What a continuity check reports, and the small rule base class that rules register under by name.

A finding carries every fact involved, each with all of its evidence (source, canon tier,
quote or locator), so a writer can go straight to the page or line that says it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..model import CanonTier, Evidence

if TYPE_CHECKING:
    from .facts import Universe


class Severity(StrEnum):
    """How bad a finding is; `--fail-on S` fails on S and anything worse."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def level(self) -> int:
        """0 for info, 2 for error: a larger level is worse."""
        return list(Severity).index(self)


class Report(BaseModel):
    """Base of the check's result models: unknown fields refused."""

    model_config = ConfigDict(extra="forbid")


class Cited(Report):
    """One piece of evidence with its source's tier and location, ready to show."""

    source: str
    tier: CanonTier
    location: str
    extractor: str
    confidence: float
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    row: int | None = None
    pointer: str | None = None

    def where(self) -> str:
        """`file:line`, `file row N`, `file#/pointer` or `file@start-end` for humans."""
        if self.line is not None:
            return f"{self.location}:{self.line}"
        if self.row is not None:
            return f"{self.location} row {self.row}"
        if self.start is not None:
            return f"{self.location}@{self.start}-{self.end}"
        if self.pointer is not None:
            return f"{self.location}#{self.pointer}"
        return self.location


class Fact(Report):
    """One fact a finding rests on: what it says, and all the evidence behind it."""

    statement: str
    subject: str | None = None
    predicate: str | None = None
    object: str | int | float | bool | None = None
    work: str | None = None
    evidence: list[Cited] = Field(default_factory=list)

    @property
    def tier(self) -> CanonTier | None:
        """The strongest tier among its evidence."""
        return min((c.tier for c in self.evidence), key=lambda t: t.rank, default=None)

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.evidence})


class SourceRef(Report):
    id: str
    tier: CanonTier


class Side(Report):
    """One side of a disagreement: what some sources say (a value, or a set of values such as two
    directors), those sources with their tiers, and whether it is preferred (the strongest tier)."""

    value: str
    value_ids: list[str | int | float | bool]
    sources: list[SourceRef]
    tier: CanonTier
    preferred: bool = False
    note: str | None = None
    facts: list[Fact]


class Finding(Report):
    """One problem: which rule, how bad, what is wrong, which works and entities, and the evidence."""

    rule: str
    severity: Severity
    message: str
    works: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    sides: list[Side] = Field(default_factory=list)


class Rule(ABC):
    """A continuity rule: a name, a default severity, and a run over the universe's facts."""

    name: ClassVar[str]
    number: ClassVar[int]  # the rule family's number in the issue (1 dead then alive ... 6 structure)
    severity: ClassVar[Severity]
    summary: ClassVar[str]

    @abstractmethod
    def run(self, universe: Universe) -> Iterable[Finding]:
        """Every finding of this rule."""

    def cache_key(self) -> str | None:
        """For a rule slow enough to keep its findings per store version: a key that changes with
        whatever else they depend on (its shapes, its code). None: run every time."""
        return None

    def finding(self, message: str, *, severity: Severity | None = None, **fields: object) -> Finding:
        """A finding of this rule (at its default severity unless told otherwise)."""
        return Finding.model_validate(
            {"rule": self.name, "severity": severity or self.severity, "message": message, **fields}
        )


_RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: make a rule available by its name."""
    _RULES[cls.name] = cls
    return cls


def registered() -> dict[str, type[Rule]]:
    """Every registered rule by name, by family number (the rule modules are imported first)."""
    from . import deaths, disagree, order, places, structure, turns  # noqa: F401  (they register)

    return {name: _RULES[name] for name in sorted(_RULES, key=lambda n: (_RULES[n].number, n))}


Describe = Callable[[str], str]


def cite(evidence: Evidence, tier: CanonTier, location: str) -> Cited:
    """A piece of evidence with its source's tier and location."""
    return Cited(
        source=evidence.source,
        tier=tier,
        location=location,
        extractor=evidence.extractor,
        confidence=evidence.confidence,
        quote=evidence.quote,
        start=evidence.start,
        end=evidence.end,
        line=evidence.line,
        row=evidence.row,
        pointer=evidence.pointer,
    )
