"""`merge` and `split`: a person's identity decision as a source of its own (issue 14).

Hand-built universe files with invented names: a merge makes one entity with both sources' facts,
is evidence (who, when, the note) shown by `sources` and `profile`, survives re-ingest of the
sources and is undone by `retract`; a split keeps apart two characters the resolver merges without
it (checked against a store without the split), and its retraction lets the rules merge them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Invoke
from universe_graph.ingest import load_paths
from universe_graph.resolve import resolve_batch

SAGA_A = """\
format: universe-graph/universe@1
source: {{id: saga-a, tier: canon}}
universe: {{key: vessik-a, name: Vessik Cycle}}
works:
  hollow-crown:
    title: The Hollow Crown
    kind: film
    year: 1981
    cast:
      - {{person: mara-quell, character: dax}}
characters:
  dax: {{name: Dax Orlan}}
people:
  mara-quell: {{name: Mara Quell}}
{extra}"""

SAGA_B = """\
format: universe-graph/universe@1
source: {{id: saga-b, tier: official}}
universe: {{key: vessik-b, name: Vessik Chronicles}}
works:
  crown:
    title: Hollow Crown
    kind: film
    year: 1981
    characters: [exile, ilse]
characters:
  exile: {{name: The Exile, trained_by: [ilse]}}
  ilse: {{name: Ilse Varr{more}}}
"""


def ember(key: str, universe: str, title: str, aliases: str = "") -> str:
    """A universe file with one film and one character, Ilse Varr, in it."""
    return f"""\
format: universe-graph/universe@1
source: {{id: {key}, tier: official}}
universe: {{key: {universe}, name: {universe.title()} Saga}}
works:
  {key}-film:
    title: {title}
    kind: film
    year: 1990{aliases}
    characters: [ilse]
characters:
  ilse: {{name: Ilse Varr}}
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    a, b = tmp_path / "saga-a.yaml", tmp_path / "saga-b.yaml"
    a.write_text(SAGA_A.format(extra=""), encoding="utf-8")
    b.write_text(SAGA_B.format(more=""), encoding="utf-8")
    return {"a": a, "b": b}


def run_json(invoke: Invoke, *args: object) -> object:
    result = invoke(*[str(a) for a in args])
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def entities_named(invoke: Invoke, store: Path, name: str) -> list[str]:
    """The IRIs of the stored characters with this label."""
    query = f'SELECT DISTINCT ?e WHERE {{ ?e a ug:Character ; rdfs:label "{name}" }}'
    rows = run_json(invoke, "--store", store, "sparql", query, "--format", "json")
    assert isinstance(rows, dict)
    return sorted(b["e"]["value"] for b in rows["results"]["bindings"])


def profile(invoke: Invoke, store: Path, name: str) -> dict[str, object]:
    data = run_json(invoke, "--store", store, "profile", name, "--format", "json")
    assert isinstance(data, dict)
    return data


def facts(data: dict[str, object]) -> set[tuple[str, str]]:
    """(predicate, other end's name) of every fact in a profile."""
    sections = data["sections"]
    assert isinstance(sections, list)
    return {(f["predicate"], f["other_name"] or str(f["value"])) for s in sections for f in s["facts"]}


def test_merge_is_one_entity_with_both_sources_facts_and_retract_undoes_it(
    tmp_path: Path, files: dict[str, Path], invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", files["a"], files["b"]).exit_code == 0
    dax, exile = entities_named(invoke, store, "Dax Orlan"), entities_named(invoke, store, "The Exile")
    assert len(dax) == 1 and len(exile) == 1 and dax != exile  # the rules do not merge them
    before = {name: facts(profile(invoke, store, name)) for name in ("Dax Orlan", "The Exile")}

    monkeypatch.setenv("UG_USER", "tester")
    report = run_json(
        invoke, "--store", store, "merge", "Dax Orlan", "the exile", "--note", "one exile", "--format", "json"
    )
    assert isinstance(report, dict)
    assert report["decision"] == "same_as" and report["by"] == "tester" and report["tier"] == "fan"
    assert [e["iri"] for e in report["entities"]] == [*dax, *exile]
    assert any("decision" in line for line in report["merged"])
    # one entity, holding both sources' facts, shown by its name; the other name is an alias
    merged = profile(invoke, store, "The Exile")
    assert merged["entity"]["iri"] in (*dax, *exile)  # type: ignore[index]
    assert profile(invoke, store, "Dax Orlan")["entity"] == merged["entity"]
    assert before["Dax Orlan"] | before["The Exile"] <= facts(merged)
    assert ("portrayed_by", "Mara Quell") in facts(merged) and ("trained_by", "Ilse Varr") in facts(merged)
    # the decision is evidence like any other: its source, tier, who, when and the note
    sources = run_json(invoke, "--store", store, "sources", "--format", "json")
    assert isinstance(sources, list)
    (decision,) = [s for s in sources if s["kind"] == "curation"]
    assert decision["id"] == report["source"] and decision["tier"] == "fan"
    assert Path(decision["location"]).is_file()
    (same,) = [f for s in merged["sections"] for f in s["facts"] if f["predicate"] == "same_as"]  # type: ignore[attr-defined]
    (evidence,) = same["evidence"]
    assert evidence["source"] == report["source"]
    assert "tester decided at" in evidence["quote"] and evidence["quote"].endswith(": one exile")

    # re-ingest: a changed file of source B comes back with its own IRIs; the decision joins them again
    files["b"].write_text(SAGA_B.format(more=", aliases: [Ilse the Elder]"), encoding="utf-8")
    again = invoke("--store", store, "ingest", files["b"])
    assert again.exit_code == 0 and "replaced" in again.stdout
    assert profile(invoke, store, "Dax Orlan")["entity"] == merged["entity"]
    assert ("trained_by", "Ilse Varr") in facts(profile(invoke, store, "Dax Orlan"))
    assert entities_named(invoke, store, "The Exile") == [merged["entity"]["iri"]]  # type: ignore[index]

    # retract the decision: two entities again, each with its own source's facts only
    undone = invoke("--store", store, "retract", report["source"])
    assert undone.exit_code == 0, undone.stderr
    assert entities_named(invoke, store, "Dax Orlan") == dax
    assert entities_named(invoke, store, "The Exile") == exile
    assert facts(profile(invoke, store, "Dax Orlan")) == before["Dax Orlan"]
    assert facts(profile(invoke, store, "The Exile")) == before["The Exile"]
    left = run_json(invoke, "--store", store, "sources", "--format", "json")
    assert isinstance(left, list) and {s["id"] for s in left} == {"saga-a", "saga-b"}


def test_a_decision_is_input_to_resolution_in_any_order(
    tmp_path: Path, files: dict[str, Path], invoke: Invoke
) -> None:
    store = tmp_path / "first"
    invoke("--store", store, "ingest", files["a"], files["b"])
    report = run_json(invoke, "--store", store, "merge", "Dax Orlan", "The Exile", "--format", "json")
    assert isinstance(report, dict)
    decision = Path(report["file"])
    # the decision file is a source like any other: ingested first, between, or with the others
    for order in ([decision], [files["a"]], [files["b"]]), ([files["b"]], [decision, files["a"]]):
        other = tmp_path / f"store-{len(list(tmp_path.iterdir()))}"
        for batch in order:
            assert invoke("--store", other, "ingest", *batch).exit_code == 0
        assert len(entities_named(invoke, other, "Dax Orlan")) == 1
        assert entities_named(invoke, other, "Dax Orlan") == entities_named(invoke, other, "The Exile")
    loaded = load_paths([files["b"], decision, files["a"]]).claimsets
    result = resolve_batch(loaded).result
    assert [d.rule for d in result.merged].count("decision") == 1


def test_split_keeps_apart_what_the_resolver_would_merge(tmp_path: Path, invoke: Invoke) -> None:
    a, b, c = (tmp_path / f"{k}.yaml" for k in "abc")
    a.write_text(ember("ember-a", "ashfall", "Ember Gate"), encoding="utf-8")
    b.write_text(ember("ember-b", "cinder", "Gate of Embers"), encoding="utf-8")
    # c's film is a's by title and b's by its alias: after c, both Ilses share a work
    alias = "\n    aliases: [Gate of Embers]"
    c.write_text(ember("ember-c", "ashfall", "Ember Gate", alias), encoding="utf-8")
    control, store = tmp_path / "control", tmp_path / "store"
    for where in (control, store):
        assert invoke("--store", where, "ingest", a, b).exit_code == 0
        assert len(entities_named(invoke, where, "Ilse Varr")) == 2
    ilses = entities_named(invoke, store, "Ilse Varr")
    pairs = run_json(invoke, "--store", store, "candidates", "--type", "Character", "--format", "json")
    assert isinstance(pairs, list) and ilses in [p["entities"] for p in pairs]  # a pair left to decide
    report = run_json(invoke, "--store", store, "split", *ilses, "--format", "json")
    assert isinstance(report, dict) and report["decision"] == "different_from"
    pairs = run_json(invoke, "--store", store, "candidates", "--type", "Character", "--format", "json")
    assert isinstance(pairs, list) and ilses not in [p["entities"] for p in pairs]  # decided: not asked again
    for where in (control, store):
        assert invoke("--store", where, "ingest", c).exit_code == 0
    assert len(entities_named(invoke, control, "Ilse Varr")) == 1  # the rules merge them ...
    assert len(entities_named(invoke, store, "Ilse Varr")) == 2  # ... the decision keeps them apart
    ambiguous = invoke("--store", store, "profile", "Ilse Varr")
    assert ambiguous.exit_code == 1 and "ambiguous" in ambiguous.stderr
    refused = invoke("--store", store, "merge", "Ilse Varr", ilses[0])  # merge refuses to guess too
    assert refused.exit_code == 1 and "ambiguous" in refused.stderr
    assert all(iri in refused.stderr for iri in ilses)  # the candidates, by IRI
    # and it says so in the resolution result, with the decision's source
    loaded = load_paths([a, b, c, Path(report["file"])]).claimsets
    kept = resolve_batch(loaded).result.kept_apart
    assert any(report["source"] in d.why and "different" in d.why for d in kept)
    # re-ingest keeps the split; retracting it lets the rules merge them
    c.write_text(ember("ember-c", "ashfall", "Ember Gate", "\n    aliases: [Gate of Embers, Embergate]"))
    assert invoke("--store", store, "ingest", c).exit_code == 0
    assert len(entities_named(invoke, store, "Ilse Varr")) == 2
    assert invoke("--store", store, "retract", report["source"]).exit_code == 0
    assert entities_named(invoke, store, "Ilse Varr") == entities_named(invoke, control, "Ilse Varr")


def test_merge_and_split_refuse_what_they_cannot_decide(
    tmp_path: Path, files: dict[str, Path], invoke: Invoke
) -> None:
    store = tmp_path / "store"
    invoke("--store", store, "ingest", files["a"], files["b"])
    cases = [
        (("merge", "Hollow Crown", "Dax Orlan"), "never one entity"),  # a Film and a Character
        (("merge", "Dax Orlan", "dax orlan"), "already one entity"),
        (("split", "Dax Orlan", "Dax Orlan"), "one entity"),
        (("merge", "Dax Orlen", "The Exile"), "did you mean: Dax Orlan"),
        (("merge", "Vessik", "The Exile"), "no entity named"),
    ]
    for args, message in cases:
        result = invoke("--store", store, *args)
        assert result.exit_code == 1 and message in result.stderr, (args, result.stderr)
    split = invoke("--store", store, "split", "Dax Orlan", "The Exile")
    assert split.exit_code == 0
    opposite = invoke("--store", store, "merge", "Dax Orlan", "The Exile")
    assert opposite.exit_code == 1 and "decided the opposite" in opposite.stderr
    twice = invoke("--store", store, "split", "The Exile", "Dax Orlan")
    assert twice.exit_code == 1 and "already decided" in twice.stderr
    # nothing of the refused decisions was stored
    sources = run_json(invoke, "--store", store, "sources", "--format", "json")
    assert isinstance(sources, list) and [s["kind"] for s in sources].count("curation") == 1
    assert len(list((store / "decisions").iterdir())) == 1


def test_retracting_a_merge_refuses_when_a_source_cannot_be_read_again(
    tmp_path: Path, files: dict[str, Path], invoke: Invoke
) -> None:
    store = tmp_path / "store"
    invoke("--store", store, "ingest", files["a"], files["b"])
    report = run_json(invoke, "--store", store, "merge", "Dax Orlan", "The Exile", "--format", "json")
    assert isinstance(report, dict)
    files["b"].write_text(SAGA_B.format(more=", aliases: [Changed]"), encoding="utf-8")
    refused = invoke("--store", store, "retract", report["source"])
    assert refused.exit_code == 1
    assert str(files["b"]) in refused.stderr and "changed since it was stored" in refused.stderr
    # nothing changed: the decision and the merge are still there
    assert entities_named(invoke, store, "Dax Orlan") == entities_named(invoke, store, "The Exile")
    sources = run_json(invoke, "--store", store, "sources", "--format", "json")
    assert isinstance(sources, list) and report["source"] in {s["id"] for s in sources}


def evidence_sources(data: dict[str, object]) -> set[str]:
    """The sources of every fact's evidence and every appearance in a profile."""
    sections, appearances = data["sections"], data["appearances"]
    assert isinstance(sections, list) and isinstance(appearances, list)
    cited = {e["source"] for s in sections for f in s["facts"] for e in f["evidence"]}
    return cited | {source for a in appearances for source in a["sources"]}


def test_split_separates_what_the_resolver_merged_on_its_own(tmp_path: Path, invoke: Invoke) -> None:
    a, b, c = (tmp_path / f"{k}.yaml" for k in "abc")
    a.write_text(ember("ember-a", "ashfall", "Ember Gate"), encoding="utf-8")
    b.write_text(ember("ember-b", "cinder", "Gate of Embers"), encoding="utf-8")
    alias = "\n    aliases: [Gate of Embers]"  # c's film is a's by title and b's by alias: one film
    c.write_text(ember("ember-c", "ashfall", "Ember Gate", alias), encoding="utf-8")
    apart, store = tmp_path / "apart", tmp_path / "store"
    assert invoke("--store", apart, "ingest", a, b).exit_code == 0
    ilses = entities_named(invoke, apart, "Ilse Varr")  # the two Ilses, as their sources name them
    assert len(ilses) == 2
    assert invoke("--store", store, "ingest", a, b, c).exit_code == 0
    (merged,) = entities_named(invoke, store, "Ilse Varr")  # the rules made them one
    before = profile(invoke, store, merged)
    assert evidence_sources(before) >= {"ember-a", "ember-b"}

    # by name the two cannot be told apart: refused, with the parts resolution made it of
    refused = invoke("--store", store, "split", "Ilse Varr", "Ilse Varr")
    assert refused.exit_code == 1 and "resolution made of 2" in refused.stderr
    assert all(f"<{iri}>" in refused.stderr for iri in ilses)
    # by the parts' IRIs (one of them no longer stored): two entities, each with its own sources
    report = run_json(invoke, "--store", store, "split", *ilses, "--format", "json")
    assert isinstance(report, dict) and sorted(e["iri"] for e in report["entities"]) == ilses
    assert entities_named(invoke, store, "Ilse Varr") == ilses
    for iri in ilses:
        mine = {"ember-b"} if "cinder" in iri else {"ember-a", "ember-c"}
        assert evidence_sources(profile(invoke, store, iri)) - {report["source"]} <= mine
    split_facts = {iri: facts(profile(invoke, store, iri)) for iri in ilses}
    decision = Path(report["file"])

    # either ingest order, the decision first or last, gives the same two entities
    for order in ([decision], [a, b, c]), ([c, b], [a, decision]):
        other = tmp_path / f"store-{len(list(tmp_path.iterdir()))}"
        for batch in order:
            assert invoke("--store", other, "ingest", *batch).exit_code == 0
        assert entities_named(invoke, other, "Ilse Varr") == ilses
    # re-ingest of a changed source keeps them apart
    c.write_text(ember("ember-c", "ashfall", "Ember Gate", "\n    aliases: [Gate of Embers, Embergate]"))
    assert invoke("--store", store, "ingest", c).exit_code == 0
    assert entities_named(invoke, store, "Ilse Varr") == ilses
    assert {iri: facts(profile(invoke, store, iri)) for iri in ilses} == split_facts
    # retracting the split lets the rules merge them again, as before
    assert invoke("--store", store, "retract", report["source"]).exit_code == 0
    assert entities_named(invoke, store, "Ilse Varr") == [merged]
    assert facts(profile(invoke, store, merged)) == facts(before)
    assert evidence_sources(profile(invoke, store, merged)) == evidence_sources(before)
