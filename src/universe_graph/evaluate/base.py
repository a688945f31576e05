"""The benchmark registry: name -> (does this path hold my data?, score it), and the report base."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..errors import BadInput
from ..extract.base import DEFAULT_EXTRACTOR


@dataclass(frozen=True)
class BenchOptions:
    """What every benchmark takes: the extractor, how many items at most, and whether to run the baseline."""

    extractor: str = DEFAULT_EXTRACTOR
    limit: int | None = None
    baseline: bool = True


class BenchReport(BaseModel):
    """A benchmark's figures; `render` gives the lines `eval` prints (JSON keeps every field)."""

    benchmark: str

    def render(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} does not render")


Detector = Callable[[Path], bool]
Runner = Callable[[Path, BenchOptions], BenchReport]
_BENCHMARKS: dict[str, tuple[Detector, Runner]] = {}


def register(name: str, detector: Detector) -> Callable[[Runner], Runner]:
    """Register a benchmark runner under `name`, with the test that recognises its data."""

    def wrap(runner: Runner) -> Runner:
        _BENCHMARKS[name] = (detector, runner)
        return runner

    return wrap


def benchmarks() -> list[str]:
    return sorted(_BENCHMARKS)


def detect(path: Path) -> str:
    """The one benchmark whose data `path` holds; a located error listing the valid names otherwise."""
    found = [name for name, (detector, _) in sorted(_BENCHMARKS.items()) if detector(path)]
    if len(found) == 1:
        return found[0]
    what = "no benchmark recognises it" if not found else f"several benchmarks fit ({', '.join(found)})"
    raise BadInput.at(
        str(path), f"{what}; name one with --benchmark ({', '.join(benchmarks())})", field="--benchmark"
    )


def run_benchmark(path: Path, name: str | None = None, options: BenchOptions | None = None) -> BenchReport:
    """Score the data at `path` with benchmark `name` (detected from the data when None)."""
    if not path.exists():
        raise BadInput.at(str(path), "no such file or folder")
    name = name or detect(path)
    if name not in _BENCHMARKS:
        raise BadInput.at(
            name, f"no benchmark named {name!r}; valid: {', '.join(benchmarks())}", field="--benchmark"
        )
    return _BENCHMARKS[name][1](path, options or BenchOptions())
