"""The query API is bounded: answers come within --timeout (408), at most --json-workers run (503)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from servehelp import Running, build_store, get, running
from universe_graph.fixtures import synthetic_franchise
from universe_graph.model import EntityType
from universe_graph.serve.settings import ServeSettings

FRANCHISE = synthetic_franchise(20_000, seed=4)
UNIVERSE = next(e.id for e in FRANCHISE.entities if e.type is EntityType.UNIVERSE)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve-bounded")
    build_store(folder, extra=[FRANCHISE])
    return folder


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Running]:
    # 10 ms: the shared characters of a 1,333-character universe take tens of milliseconds anywhere
    with running(folder, timeout=0.01, json_workers=2) as srv:
        yield srv


def test_a_slow_answer_is_dropped_with_408_and_its_slot_comes_back(server: Running) -> None:
    slots = server.state.json_slots
    response = get(server.url + "/api/queries/shared_characters", params={"universe": UNIVERSE})
    assert response.status_code == 408, response.text
    error = response.json()["errors"][0]
    assert error["code"] == "UG.ClientError.Query.Timeout" and "0.01 s" in error["message"]
    deadline, held = time.monotonic() + 60, 0  # the abandoned thread finishes on its own: every slot back
    try:
        while held < server.state.settings.json_workers:
            if slots.acquire(blocking=False):
                held += 1
                continue
            assert time.monotonic() < deadline, "the slot of an abandoned request never came back"
            time.sleep(0.01)
    finally:
        for _ in range(held):
            slots.release()


def test_no_free_slot_is_503_with_retry_after(server: Running) -> None:
    slots, taken = server.state.json_slots, 0
    try:
        while slots.acquire(blocking=False):  # every slot held, as by running requests
            taken += 1
        assert taken == 2
        for path, params in (
            ("/api/queries/works", {"universe": UNIVERSE}),
            ("/api/path", {"a": "John Wick", "b": "Winston"}),
            ("/api/ask", {"q": "who trained John Wick?"}),
        ):
            busy = get(server.url + path, params=params)
            assert busy.status_code == 503, (path, busy.text)
            assert busy.headers["retry-after"] == "1"
            assert busy.json()["errors"][0]["code"] == "UG.TransientError.Query.Busy"
    finally:
        for _ in range(taken):
            slots.release()


def test_the_defaults_bound_every_query_api_call() -> None:
    settings = ServeSettings()
    assert settings.timeout == 10.0 and settings.json_workers == 4
