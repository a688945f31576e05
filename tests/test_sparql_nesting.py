"""pyoxigraph overflows its stack (SIGSEGV) on a query nested thousands deep: the store refuses such
a query with a located error before the engine sees it (`stores/sparql_guard.check_depth`).

The crash itself is pinned in a child process, so the day pyoxigraph parses deep nesting without
recursing, the first test says the guard may go.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.errors import BadInput
from universe_graph.stores.sparql_guard import MAX_NESTING, check_depth, nesting

DEEP = 20_000
DEEP_GROUPS = "SELECT * WHERE " + "{" * DEEP + "?s ?p ?o" + "}" * DEEP
DEEP_QUERIES = {
    "groups": DEEP_GROUPS,
    "brackets": "SELECT * WHERE { FILTER(" + "(" * DEEP + "1" + ")" * DEEP + ") }",
    "nots": "ASK { FILTER(" + "!" * 50_000 + "true) }",
}


def test_pyoxigraph_still_crashes_on_deep_nesting() -> None:
    """The trigger: without the guard the engine dies by signal, which no Python code can catch."""
    code = f"import pyoxigraph as ox; ox.Store().query({DEEP_GROUPS!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
    assert done.returncode < 0 or done.returncode == 139, done.returncode  # killed by SIGSEGV


@pytest.mark.parametrize("name", sorted(DEEP_QUERIES))
def test_deep_queries_are_refused_before_the_engine(name: str) -> None:
    with pytest.raises(BadInput, match=r"nested \d+ deep"):
        check_depth(DEEP_QUERIES[name])


def test_nesting_counts_only_the_query_itself() -> None:
    shallow = "SELECT * WHERE { ?s ?p ?o . FILTER(?o != 'x' && !(?s = ?o)) }"
    assert nesting(shallow) == 3  # { FILTER( !(
    inside = 'SELECT * WHERE { ?s ?p "' + "{" * 1000 + '" } # ' + "(" * 1000
    assert nesting(inside) == 1  # braces in a string or a comment are not nesting
    check_depth("SELECT * WHERE " + "{" * MAX_NESTING + "?s ?p ?o" + "}" * MAX_NESTING)


def test_the_sparql_command_refuses_instead_of_dying(tmp_path: Path, invoke: Invoke) -> None:
    universe = tmp_path / "u.yaml"
    universe.write_text(
        "format: universe-graph/universe@1\nuniverse: {key: u, name: Umber}\n"
        "characters:\n  a: {name: Ada Vell}\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", universe).exit_code == 0
    command = [sys.executable, "-m", "universe_graph", "--store", str(store), "sparql", DEEP_GROUPS]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "nested 20000 deep" in done.stderr
