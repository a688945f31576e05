"""The command line: exit codes, --format json, output files, RDF formats that parse back."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from rdflib import Dataset, Graph

from conftest import Invoke
from universe_graph.export import schema
from universe_graph.fixtures import sample_path
from universe_graph.vocab import UG


def test_validate_the_sample(invoke: Invoke) -> None:
    result = invoke("validate", sample_path())
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("ok")
    assert "126 entities" in result.stdout
    assert "no reader for kind 'review'" not in result.stderr  # the review reader reads it
    assert "review source 'ballerina-review'" in result.stdout


def test_validate_json(invoke: Invoke) -> None:
    result = invoke("validate", sample_path(), "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert {s["id"] for s in report["sources"]} == {"john-wick-universe", "ballerina-review"}


def test_validate_json_reports_bad_input_as_json(invoke: Invoke, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(
        b"format: universe-graph/universe@1\nuniverse: {key: k, name: K}\nworks: {w: {title: W}}\n"
    )
    result = invoke("validate", bad, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert {(p["file"], p["line"], p["field"]) for p in report["problems"]} == {
        (str(bad), 3, "works.w.kind"),
        (str(bad), 3, "works.w.year"),
    }


def test_convert_json_to_a_file_validates_against_the_schema(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "jw.json"
    result = invoke("convert", sample_path(), "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)
    assert not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize(
    ("fmt", "parse_as", "dataset"),
    [
        pytest.param("ttl", "turtle", False, id="turtle"),
        pytest.param("nt", "nt", False, id="ntriples"),
        pytest.param("trig", "trig", True, id="trig"),
        pytest.param("nq", "nquads", True, id="nquads"),
        pytest.param("jsonld", "json-ld", True, id="jsonld"),
    ],
)
def test_rdf_formats_parse_back(invoke: Invoke, fmt: str, parse_as: str, dataset: bool) -> None:
    result = invoke("convert", sample_path() / "john-wick.universe.yaml", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    g: Graph = Dataset() if dataset else Graph()
    g.parse(data=result.stdout, format=parse_as)
    assert len(g) > 3000
    if dataset:
        assert isinstance(g, Dataset)
        names = {str(c.identifier) for c in g.graphs() if len(c)}
        assert any(n.endswith("/source/john-wick-universe") for n in names)
    found = (
        g.quads((None, UG.betrayed, None, None))
        if isinstance(g, Dataset)
        else g.triples((None, UG.betrayed, None))
    )
    assert any(True for _ in found)


def test_usage_errors_exit_2(invoke: Invoke) -> None:
    assert invoke("convert").exit_code == 2
    assert invoke("convert", sample_path(), "--format", "xml").exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_unknown_input_format_lists_the_valid_ones(invoke: Invoke) -> None:
    result = invoke("convert", sample_path() / "john-wick.universe.yaml", "--from", "wikidat")
    assert result.exit_code == 1
    from universe_graph.ingest import readers

    valid = ", ".join(sorted(kind.value for kind in readers()))
    assert f"no reader for format 'wikidat'; valid: {valid}" in result.stderr
    assert "universe" in valid


def test_debug_shows_the_traceback(invoke: Invoke, tmp_path: Path) -> None:
    from universe_graph.errors import BadInput

    with pytest.raises(BadInput):
        invoke("--debug", "convert", tmp_path / "missing.yaml")


def test_console_script_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    exe = str(Path(sys.executable).parent / "universe-graph")
    assert Path(exe).is_file(), "the console script is not installed"
    done = subprocess.run(
        [exe, "validate", "--no-shacl", str(sample_path())], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    bad = subprocess.run(
        [exe, "validate", str(tmp_path / "nope")], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 1 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
