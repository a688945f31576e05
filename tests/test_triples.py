"""The `triples` reader: subject|relation|object files mapped onto the ontology by a declarative mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.errors import BadInput
from universe_graph.ingest import SourceOptions, detect_kind, get_reader, load_paths
from universe_graph.ingest.triples import load_mappings
from universe_graph.model import EntityType, SourceKind

KB = """\
Heat|directed_by|Michael Mann
Heat|written_by|Michael Mann
Heat|starred_actors|Al Pacino
Heat|starred_actors|Robert De Niro
Heat|release_year|1995
Heat|in_language|English
Heat|has_genre|Crime
Heat|has_tags|heist
Heat|has_imdb_rating|good
Heat|has_imdb_votes|famous
Collateral|directed_by|Michael Mann
Collateral|starred_actors|Tom Cruise
Michael Mann|directed_by|Someone Else
"""


def write(tmp_path: Path, text: str, name: str = "kb.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_detected_by_content(tmp_path: Path) -> None:
    path = write(tmp_path, KB, "no-extension")
    assert detect_kind(path, KB) is SourceKind.TRIPLES


def test_relations_map_onto_the_ontology_with_line_evidence(tmp_path: Path) -> None:
    claims = load_paths([write(tmp_path, KB)]).claimsets[0]
    assert claims.source.kind is SourceKind.TRIPLES
    by_name = {(e.name, e.type) for e in claims.entities}
    assert ("Heat", EntityType.FILM) in by_name and ("Michael Mann", EntityType.PERSON) in by_name
    assert ("Crime", EntityType.GENRE) in by_name
    # "Michael Mann" is a film too (line 13): a person and a film of the same name stay two entities
    assert ("Michael Mann", EntityType.FILM) in by_name
    names = {e.id: e.name for e in claims.entities}
    facts = {
        (
            names[r.subject],
            r.predicate,
            names.get(r.object, r.object) if isinstance(r.object, str) else r.object,
        )
        for r in claims.relations
    }
    assert ("Heat", "cast_member", "Al Pacino") in facts
    assert ("Heat", "release_year", 1995) in facts
    assert ("Heat", "language", "English") in facts
    assert ("Heat", "genre", "Crime") in facts
    assert ("Heat", "tag", "heist") in facts
    assert ("Heat", "rating_class", "good") in facts and ("Heat", "popularity", "famous") in facts
    year = next(r for r in claims.relations if r.predicate == "release_year")
    assert [(ev.source, ev.line) for ev in year.evidence] == [("kb", 5)]
    mann = [e for e in claims.entities if e.name == "Michael Mann" and e.type is EntityType.PERSON]
    assert len(mann) == 1 and mann[0].evidence[0].line == 1  # one entity, named where first seen


def test_the_mapping_is_checked_against_the_ontology(tmp_path: Path) -> None:
    bad = tmp_path / "mappings"
    bad.mkdir()
    (bad / "bad.yaml").write_text(
        "format: universe-graph/triples-mapping@1\nscope: x\nsubject_type: Film\n"
        "relations:\n  trains: {predicate: trained_by}\n",
        encoding="utf-8",
    )
    with pytest.raises(BadInput) as exc:
        load_mappings(bad)
    assert "bad.yaml:" in str(exc.value) and "trained_by's subject cannot be a Film" in str(exc.value)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Heat|directed_by", "expected subject|relation|object, found 2 field(s)"),
        ("Heat|release_year|nineteen", "release_year needs a whole number"),
        ("Heat|produced_on|Mars", "unknown relation 'produced_on'"),
        ("Heat| |Mars", "relation: empty field"),
    ],
)
def test_bad_lines_are_located_or_skipped(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path, KB + line + "\n")
    reader = get_reader("triples")
    with pytest.raises(BadInput) as exc:
        reader.run(path)
    assert f"{path}:14: " in str(exc.value) and expected in str(exc.value)
    skipping = get_reader("triples")
    claims = skipping.run(path, SourceOptions(on_error="skip"))
    assert len(skipping.skipped) == 1 and skipping.skipped[0].line == 14
    assert len(claims.relations) == 13


def test_ingest_and_query_through_the_cli(tmp_path: Path, invoke: Invoke) -> None:
    path = write(tmp_path, KB, "movies")
    store = tmp_path / "store"
    done = invoke("--store", store, "ingest", "--from", "triples", path)
    assert done.exit_code == 0, done.output
    query = 'SELECT ?n WHERE { ?f rdfs:label "Heat" ; ug:cast_member ?p . ?p rdfs:label ?n } ORDER BY ?n'
    rows = json.loads(invoke("--store", store, "sparql", query, "--format", "json").stdout)
    assert [b["n"]["value"] for b in rows["results"]["bindings"]] == ["Al Pacino", "Robert De Niro"]
    bad = write(tmp_path, KB + "Heat|release_year|soon\n", "bad")
    failed = invoke("--store", tmp_path / "other", "ingest", bad)
    assert (
        failed.exit_code == 1
        and f"error: {bad}:14: object: release_year needs a whole number" in failed.stderr
    )
