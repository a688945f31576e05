"""The CLI and HTTP ingest the same way (`App.ingest`): the same files give the same stored claims."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Invoke
from servehelp import post, running
from storehelp import dump

TOKEN = "a-long-test-token"
#: a universe and a review written for this test (not from the shared corpus)
UNIVERSE = """format: universe-graph/universe@1
source: {id: harbor}
universe: {key: harbor, name: Harbor universe}
works:
  harbor-lights:
    title: Harbor Lights
    kind: film
    year: 2031
    cast:
      - {person: corin-vale, character: ilsa-marr}
characters:
  ilsa-marr: {name: Ilsa Marr}
  teodor-pike: {name: Teodor Pike}
people:
  corin-vale: {name: Corin Vale}
"""
REVIEW = (
    "Harbor Lights\n\nIlsa Marr runs the last ferry out of Calder. Teodor Pike, a smuggler, trains Ilsa "
    "Marr to read the fog, and Ilsa Marr finally betrays Teodor Pike at the docks.\n"
)


def stored(folder: Path) -> dict[str, Any]:
    """What the store holds, with each source's location reduced to its file name (the CLI's is the
    path given, the server's the upload kept beside the store)."""
    data = dump(folder)
    data["canonical"] = {sid: claims.model_dump(mode="json") for sid, claims in data["canonical"].items()}
    for claims in data["canonical"].values():
        claims["source"]["location"] = Path(claims["source"]["location"]).name
    return data


def test_the_cli_and_post_sources_store_the_same_claims(tmp_path: Path, invoke: Invoke) -> None:
    universe, review = tmp_path / "harbor.yaml", tmp_path / "ferry.txt"
    universe.write_text(UNIVERSE, encoding="utf-8")
    review.write_text(REVIEW, encoding="utf-8")
    cli_store, http_store = tmp_path / "cli", tmp_path / "http"
    assert invoke("--store", cli_store, "ingest", universe).exit_code == 0
    result = invoke("--store", cli_store, "ingest", review, "--about", "Harbor Lights")
    assert result.exit_code == 0, result.output
    with running(http_store, token=TOKEN) as srv:
        for path, params in ((universe, {}), (review, {"about": "Harbor Lights"})):
            response = post(
                srv.url + "/sources",
                params={"name": path.name, **params},
                content=path.read_bytes(),
                headers={"Authorization": f"Bearer {TOKEN}"},
            )
            assert response.status_code == 200, response.text
    by_cli, by_http = stored(cli_store), stored(http_store)
    assert sorted(by_cli["canonical"]) == ["ferry", "harbor"]
    # the review's claims are about the stored film, as --about said
    [film] = [e["id"] for e in by_cli["canonical"]["harbor"]["entities"] if e["type"] == "Film"]
    assert by_cli["canonical"]["ferry"]["source"]["about"] == film
    assert any(r["object"] == film for r in by_cli["canonical"]["ferry"]["relations"])
    assert by_cli["canonical"] == by_http["canonical"]
    assert by_cli["edges"] == by_http["edges"] and by_cli["nodes"] == by_http["nodes"]


def test_post_sources_refuses_to_replace_another_kind_of_source(tmp_path: Path) -> None:
    """As `ingest` without --replace: an upload never silently replaces a stored source of another
    kind under the same id; the refusal names the HTTP way to replace it, which then works."""
    with running(tmp_path / "s", token=TOKEN) as srv:

        def send(name: str, body: str) -> Any:
            return post(
                srv.url + "/sources",
                params={"name": name},
                content=body.encode(),
                headers={"Authorization": f"Bearer {TOKEN}"},
            )

        assert send("harbor.yaml", UNIVERSE).status_code == 200
        refused = send("harbor.txt", REVIEW)
        assert refused.status_code == 400, refused.text
        assert "`replace=true`" in refused.text and "harbor.txt" in refused.text
        assert "/tmp" not in refused.text
        replaced = post(
            srv.url + "/sources",
            params={"name": "harbor.txt", "replace": "true"},
            content=REVIEW.encode(),
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert replaced.status_code == 200, replaced.text
        assert [c["outcome"] for c in replaced.json()["changes"]] == ["replaced"]
