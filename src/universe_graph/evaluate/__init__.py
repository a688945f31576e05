"""Benchmarks of the text extractor, each scoring a whole data set in its own format.

A benchmark is registered by name with a test that recognises its data (`detect`) and a runner
that returns a `BenchReport`; `universe-graph eval PATH` picks the benchmark by the data's shape,
or by `--benchmark NAME`. Each report prints its per-item lines, its totals and its baseline,
measured in the same run so a reader can see what the extractor adds.
"""

from __future__ import annotations

from . import corpus as _corpus  # noqa: F401  (registers "corpus")
from . import litbank as _litbank  # noqa: F401  (registers "litbank")
from . import redocred as _redocred  # noqa: F401  (registers "redocred")
from .base import BenchOptions, BenchReport, benchmarks, detect, register, run_benchmark

__all__ = ["BenchOptions", "BenchReport", "benchmarks", "detect", "register", "run_benchmark"]
