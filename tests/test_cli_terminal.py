"""The command line as a terminal user meets it: a closed pipe ends quietly; progress only on a terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from universe_graph import progress
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


def _triples(path: Path, rows: int) -> Path:
    """A synthetic `subject|relation|object` file (MetaQA's shape; names made up here)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            f.write(f"Synthetic Film {i}|directed_by|Synthetic Director {i % 97}\n")
    return path


def _on_a_pty(args: list[str]) -> tuple[int, str, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout a pipe); exit code, stdout and what the
    pty showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, env={**ENV, "TERM": "xterm"})
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    return proc.wait(timeout=300), out, shown.decode(errors="replace")


def _ingest_on_a_pty(store: Path, source: Path) -> tuple[int, str, str]:
    """Ingest with stderr on a pseudo-terminal."""
    return _on_a_pty([*UG, "--store", str(store), "ingest", str(source)])


def test_a_single_long_source_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    source = _triples(tmp_path / "kb.txt", 6000)
    code, out, shown = _ingest_on_a_pty(tmp_path / "store", source)
    assert code == 0, shown
    assert "added" in out and "6000 relations" in out
    assert "reading kb.txt" in shown and "100%" in shown
    assert "storing" in shown  # the store phase has its bar too (it moves per source)
    assert re.search(r"writing kb: triples  \d{5,}", shown)  # and the write of the one long source counts


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    source = _triples(tmp_path / "kb.txt", 6000)
    done = subprocess.run(
        [*UG, "--store", str(tmp_path / "store"), "ingest", str(source)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "reading" not in done.stderr and "storing" not in done.stderr and "%" not in done.stderr
    assert "writing" not in done.stderr


def test_a_short_source_shows_no_bar_even_on_a_terminal(tmp_path: Path) -> None:
    code, _, shown = _ingest_on_a_pty(tmp_path / "store", _triples(tmp_path / "small.txt", 50))
    assert code == 0, shown
    assert "reading" not in shown


def test_a_long_check_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """`check PATHS` over a long source: a bar by rule on the pty, none on the piped stdout."""
    source = _triples(tmp_path / "kb.txt", 6000)
    code, out, shown = _on_a_pty([*UG, "check", "--no-shacl", str(source)])
    assert code in (0, 3), shown
    assert "checking" in shown and "100%" in shown
    assert "checking" not in out and "%" not in out


def _long_review(path: Path, paragraphs: int = 170) -> Path:
    """A synthetic review over `progress.MIN_CHARS` characters (names and places made up here)."""
    names = ["Orrin Vale", "Mira Sol", "Tobin Marsh", "Edda Crane", "Lio Farrow", "Pell Argent"]
    places = ["Caldera", "the Saltmarch", "Vesper Hall", "the Grey Docks"]
    verbs = ["trains", "betrays", "meets", "fights", "rescues", "follows"]
    blocks = ["Harbour of Ash is a film about a quiet coastal town."]
    for p in range(paragraphs):
        sentences = []
        for i in range(5):
            a, b = names[(p + i) % 6], names[(p + i + 1 + p % 5) % 6]
            sentences.append(f"In {places[(p + i) % 4]}, {a} {verbs[(p * 5 + i) % 6]} {b} before the storm.")
        blocks.append(" ".join(sentences))
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    assert path.stat().st_size > progress.MIN_CHARS
    return path


def test_a_single_long_review_shows_a_bar_on_a_terminal_and_none_when_piped(tmp_path: Path) -> None:
    """One long review (no triples, no rows): a bar by characters parsed, on the pty only."""
    review = _long_review(tmp_path / "long-review.txt")
    code, out, shown = _ingest_on_a_pty(tmp_path / "store", review)
    assert code == 0, shown
    assert "added" in out and "long-review" in out
    assert "reading long-review.txt" in shown and "100%" in shown
    assert "%" not in out
    piped = subprocess.run(
        [*UG, "--store", str(tmp_path / "piped"), "ingest", str(review)],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert piped.returncode == 0, piped.stderr
    assert "reading" not in piped.stderr and "%" not in piped.stderr


def test_reproject_shows_a_bar_on_a_terminal_and_none_when_piped(tmp_path: Path) -> None:
    store = tmp_path / "store"
    done = subprocess.run(
        [*UG, "--store", str(store), "ingest", str(_triples(tmp_path / "kb.txt", 6000))],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    code, out, shown = _on_a_pty([*UG, "--store", str(store), "reproject"])
    assert code == 0, shown
    assert out == "reprojected 1 source\n"
    assert "reprojecting" in shown and "100%" in shown
    piped = subprocess.run(
        [*UG, "--store", str(store), "reproject"], capture_output=True, text=True, env=ENV, timeout=300
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
