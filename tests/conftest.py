"""Shared test helpers: the sample, the shared data folder, a CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from universe_graph.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("UG_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """`../shared` beside the project: CI always has it; its absence is a failure, not a skip."""
    assert SHARED.is_dir(), f"../shared is missing at {SHARED}"
    return SHARED


Invoke = Callable[..., Result]


@pytest.fixture()
def invoke() -> Invoke:
    """Run the CLI in-process; returns click's Result with exit_code, stdout and stderr."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return run
