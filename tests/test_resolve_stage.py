"""Resolution as its own ingest stage (issues 14 and 15): `ResolutionStage.run` reads the store and
returns what it would merge, keep apart or leave ambiguous, without writing; the ingest report
(`ingest --report json`) carries that summary. Hand-built universe files with invented names."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Invoke
from test_curation import ember
from universe_graph.ingest import load_paths
from universe_graph.resolve_stage import ResolutionStage
from universe_graph.stores.sync import UniverseStore

ASHFALL = "https://w3id.org/universe-graph/id/ashfall/character/ilse"
CINDER = "https://w3id.org/universe-graph/id/cinder/character/ilse"


def files(tmp_path: Path) -> list[Path]:
    """Three films of one title and year; c's names a's title and, as an alias, b's."""
    a, b, c = (tmp_path / f"{k}.yaml" for k in "abc")
    a.write_text(ember("ember-a", "ashfall", "Ember Gate"), encoding="utf-8")
    b.write_text(ember("ember-b", "cinder", "Gate of Embers"), encoding="utf-8")
    c.write_text(
        ember("ember-c", "ashfall", "Ember Gate", "\n    aliases: [Gate of Embers]"), encoding="utf-8"
    )
    return [a, b, c]


def test_the_stage_says_what_it_would_do_and_writes_nothing(tmp_path: Path, invoke: Invoke) -> None:
    a, b, c = files(tmp_path)
    store = tmp_path / "store"
    assert invoke("--store", store, "ingest", a, b).exit_code == 0
    with UniverseStore(store, read_only=True) as reader:
        before = reader.canonical.sources()
        resolved = ResolutionStage(reader.canonical).run(load_paths([c]).claimsets)
        assert reader.canonical.sources() == before  # only read
    merged = {(d.rule, tuple(d.entities)) for d in resolved.result.merged}
    assert ("name and a shared work", (ASHFALL, CINDER)) in merged
    assert resolved.result.mapping[CINDER] == ASHFALL
    assert [claims.source.id for claims in resolved.claims] == ["ember-c"]
    assert [claims.source.id for claims in resolved.rewritten] == ["ember-b"]  # b held the Ilse merged away
    (rewritten,) = resolved.rewritten
    assert CINDER not in {e.id for e in rewritten.entities} and ASHFALL in {e.id for e in rewritten.entities}
    summary = resolved.summary(limit=1)
    assert (summary.merged, summary.kept_apart, summary.ambiguous) == (3, 0, 0)
    assert summary.rewritten == ["ember-b"] and len(summary.lines["merged"]) == 1


def test_the_ingest_report_carries_the_resolution(tmp_path: Path, invoke: Invoke) -> None:
    a, b, c = files(tmp_path)
    store = tmp_path / "store"
    first = invoke("--store", store, "ingest", a, b, "--report", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["resolution"]["merged"] == 0  # two films of two titles, two Ilses
    second = invoke("--store", store, "ingest", c, "--report", "json")
    assert second.exit_code == 0, second.output
    report = json.loads(second.stdout)
    resolution = report["resolution"]
    assert (resolution["merged"], resolution["ambiguous"]) == (3, 0) and resolution["rewritten"] == [
        "ember-b"
    ]
    assert any(ASHFALL in line and CINDER in line for line in resolution["lines"]["merged"])
    assert [(c["source"], c["outcome"]) for c in report["changes"]] == [
        ("ember-c", "added"),
        ("ember-b", "replaced"),
    ]
