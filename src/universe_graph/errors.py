"""One root error with semantic children, so callers catch what went wrong in the domain.

Every error carries the process exit code the CLI uses for it (0 ok, 1 bad input or runtime
error, 2 usage, 3 `check` found problems). Wrap lower-level errors with ``raise ... from e``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PROBLEMS = 3


class UniverseGraphError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code: int = EXIT_ERROR

    def lines(self) -> list[str]:
        """The one-line-per-problem rendering the CLI prints."""
        return [str(self)]


@dataclass(frozen=True)
class Problem:
    """One located problem in an input: which file, which line, which field, what is wrong."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class BadInput(UniverseGraphError):
    """An input (file, option value, query parameter) is malformed; names file, line and field."""

    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = (problems,) if isinstance(problems, Problem) else tuple(problems)
        if not self.problems:
            raise ValueError("BadInput needs at least one problem")
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{self.problems[0]}{suffix}")

    @classmethod
    def at(cls, file: str, message: str, line: int | None = None, field: str | None = None) -> BadInput:
        return cls(Problem(file=file, message=message, line=line, field=field))

    @classmethod
    def merge(cls, errors: Iterable[BadInput]) -> BadInput:
        return cls([p for e in errors for p in e.problems])

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class NotFound(UniverseGraphError):
    """A named thing (entity, source, query, work) does not exist; may carry suggestions."""

    def __init__(self, what: str, name: str, suggestions: Sequence[str] = ()) -> None:
        self.what, self.name, self.suggestions = what, name, tuple(suggestions)
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {what} named {name!r}{hint}")


class AmbiguousName(UniverseGraphError):
    """A name matches several entities; lists them and how to choose instead of guessing."""

    def __init__(self, name: str, candidates: Sequence[tuple[str, str]], how: str = "--type") -> None:
        self.name, self.candidates = name, tuple(candidates)
        listed = "; ".join(f"{label} ({kind})" for label, kind in self.candidates)
        super().__init__(f"{name!r} is ambiguous: {listed}; choose one with {how}")


class StoreBusy(UniverseGraphError):
    """Another process owns the store for writing."""

    def __init__(self, location: str, pid: int | None, hint: str = "") -> None:
        self.location, self.pid = location, pid
        owner = f"PID {pid}" if pid is not None else "another process"
        super().__init__(f"store {location} is in use by {owner}" + (f"; {hint}" if hint else ""))


class StoreUnavailable(UniverseGraphError):
    """A store cannot be opened or reached (missing engine, server down, corrupt folder)."""


class ProblemsFound(UniverseGraphError):
    """A check ran and found problems at or above the failing severity (exit 3)."""

    exit_code = EXIT_PROBLEMS


class NoPath(NotFound):
    """Two entities exist but no connection links them within the allowed number of hops."""

    def __init__(self, source: str, target: str, max_hops: int, hint: str = "") -> None:
        UniverseGraphError.__init__(
            self, f"no connection between {source} and {target} within {max_hops} hops{hint}"
        )
        self.what, self.name, self.suggestions = "path", f"{source} -> {target}", ()
        self.source, self.target, self.max_hops = source, target, max_hops


class CannotAnswer(UniverseGraphError):
    """A question `ask` cannot map onto the named queries and the ontology; lists forms it supports."""

    def __init__(self, question: str, why: str, forms: Sequence[str] = ()) -> None:
        self.question, self.why, self.forms = question, why, tuple(forms)
        listed = "; ".join(f'"{f}"' for f in self.forms)
        hint = f"; questions like these work: {listed}" if listed else ""
        super().__init__(f"I can't answer that: {why}{hint}")
