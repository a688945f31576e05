"""A real uvicorn server on loopback over a store holding the sample universe, for the serve tests."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from universe_graph.app import ingest_claims
from universe_graph.fixtures import sample
from universe_graph.model import CanonTier, ClaimSet, Evidence, Relation, Source, SourceKind
from universe_graph.serve.app import create_app
from universe_graph.serve.protocol import UVICORN_OPTIONS
from universe_graph.serve.settings import ServeSettings
from universe_graph.serve.state import ServerState
from universe_graph.stores.sync import UniverseStore
from universe_graph.vocab import ID_BASE

JOHN = f"{ID_BASE}john-wick-universe/character/john-wick"
WINSTON = f"{ID_BASE}john-wick-universe/character/winston"
#: a review written for these tests (not from the shared corpus); its claim quotes it exactly
REVIEW_TEXT = "Winston, the manager of the Continental, stands by John even when the High Table does not."
QUOTE = "Winston, the manager of the Continental, stands by John"


def quoted_review() -> ClaimSet:
    """A review source with one claim whose evidence is a quote, as the review extractor makes them."""
    start = REVIEW_TEXT.index(QUOTE)
    evidence = Evidence(
        source="test-review",
        extractor="hand",
        extractor_version="1",
        confidence=0.9,
        start=start,
        end=start + len(QUOTE),
        quote=QUOTE,
    )
    source = Source(
        id="test-review",
        location="test-review.txt",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash=hashlib.sha256(REVIEW_TEXT.encode()).hexdigest(),
    )
    relation = Relation(subject=WINSTON, predicate="ally_of", object=JOHN, evidence=[evidence])
    return ClaimSet(source=source, relations=[relation])


def build_store(folder: Path, extra: list[ClaimSet] | None = None) -> None:
    """The sample universe and the quoted review, ingested into `folder`."""
    with UniverseStore(folder) as store:
        ingest_claims(store, [*sample().claimsets, quoted_review(), *(extra or [])])


@dataclass
class Running:
    url: str
    state: ServerState
    server: uvicorn.Server


@contextmanager
def running(folder: Path, **settings: object) -> Iterator[Running]:
    """Open the store, start uvicorn on a free loopback port in a thread, stop everything after."""
    store = UniverseStore(folder)
    state = ServerState(store=store, settings=ServeSettings(**settings))  # type: ignore[arg-type]
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(state), **UVICORN_OPTIONS)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        yield Running(f"http://127.0.0.1:{port}", state, server)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        state.close()
        store.close()


#: generous client timeouts: the machine is shared, and a slow answer is not what these tests check
TIMEOUT = 120.0


def get(url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    return httpx.get(url, **kwargs)


def post(url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    return httpx.post(url, **kwargs)


def put(url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    return httpx.put(url, **kwargs)


def delete(url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", TIMEOUT)
    return httpx.delete(url, **kwargs)
