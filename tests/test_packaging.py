"""A non-editable install carries the declarative assets and finds them (no source tree needed)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("universe_graph-*.whl")
    return built


def test_wheel_ships_the_assets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for asset in [
        "ontology/universe.ttl",
        "ontology/shapes.ttl",
        "ontology/export.schema.json",
        "ontology/context.jsonld",
        "ingest/FORMAT.md",
        "ingest/john-wick/manifest.yaml",
        "ingest/john-wick/john-wick.universe.yaml",
        "ingest/john-wick/reviews/ballerina-review.txt",
        "queries/README.md",
        "queries/kills.rq",
        "queries/kills.cypher",
    ]:
        assert f"universe_graph/assets/{asset}" in names, asset
    assert not any(n.startswith("universe_graph/ingest/john-wick") for n in names)


def test_installed_copy_finds_its_assets_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    script = (
        "import universe_graph.assets as a, universe_graph.fixtures as f; "
        "print(a.asset_dir('ontology')); print(len(f.sample().claimsets))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
    )
    asset_line, count = done.stdout.split()
    assert Path(asset_line).is_relative_to(target), asset_line
    assert count == "2"
