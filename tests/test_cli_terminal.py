"""The command line as a terminal user meets it: a closed pipe ends quietly; progress only on a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from universe_graph.cli import cli
from universe_graph.cli.main import EXIT_BROKEN_PIPE
from universe_graph.fixtures import sample_path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
UG = [sys.executable, "-m", "universe_graph"]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the sample's universe file (no review: no spaCy, quick)."""
    folder = tmp_path_factory.mktemp("terminal") / "store"
    universe = sample_path() / "john-wick.universe.yaml"
    result = CliRunner().invoke(cli, ["--store", str(folder), "ingest", str(universe)])
    assert result.exit_code == 0, result.output
    return folder


def test_a_closed_pipe_ends_quietly(store: Path) -> None:
    """The reader is gone before the first line is written: every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [*UG, "--store", str(store), "timeline", "John Wick"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == EXIT_BROKEN_PIPE


def test_piped_to_head_prints_one_line_and_no_error(store: Path) -> None:
    writer = subprocess.Popen(
        [*UG, "--store", str(store), "export", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert writer.stdout is not None and writer.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=writer.stdout, capture_output=True, timeout=120)
    writer.stdout.close()
    errors = writer.stderr.read()
    writer.wait(timeout=120)
    assert head.stdout == b"{\n"
    assert errors == b""
    assert writer.returncode in (0, EXIT_BROKEN_PIPE)


def test_a_full_disk_is_still_an_error(store: Path) -> None:
    """Only a closed pipe is quiet: other write errors are reported (here /dev/full: ENOSPC)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*UG, "--store", str(store), "timeline", "John Wick"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
            timeout=120,
        )
    assert done.returncode != 0
    assert "No space left on device" in done.stderr
