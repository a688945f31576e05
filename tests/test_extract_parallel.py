"""Reviews extracted on both cores give exactly the claims of the one-process path."""

from __future__ import annotations

import itertools
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from universe_graph.extract import Extraction, WorkHint, pool
from universe_graph.extract.mentions import NameFinder
from universe_graph.extract.rules import RulesExtractor, parse
from universe_graph.fixtures import sample_path
from universe_graph.ingest import Loaded, read_paths
from universe_graph.model import CanonTier, Source, SourceKind

FIRST = ["Ansel", "Brisa", "Corwin", "Dagny", "Edda", "Fenn", "Goran", "Hilde"]
LAST = ["Abernathy", "Blackwood", "Castell", "Dunmore", "Everly", "Fairweather"]
PLACES = ["Greywater", "Hollin Bay", "Istvard", "Juniper Falls"]
SENTENCES = [
    "{a} meets with {b} in the city of {p}.",
    "{a} was betrayed by {b}, who had been paid by {c}.",
    "In a brutal fight, {a} defeats {b} near the docks of {p}.",
    "She is a member of the Lantern Order, and her mentor is {c}.",
    "The film feels like watching Heat meets Ronin, and the music is loud.",
    "Later, {a} learns that {b} leads the Lantern Order.",
    "He never killed {c}, the film insists.",
]


@pytest.fixture(autouse=True, scope="module")
def _stop_workers() -> Iterator[None]:
    """The worker pool lives for the process; stop it after this module, not at the session's end."""
    yield
    pool.shutdown()


def _review(seed: int, sentences: int) -> str:
    rng = random.Random(seed)
    names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(5)]
    body = [
        rng.choice(SENTENCES).format(
            a=rng.choice(names), b=rng.choice(names), c=rng.choice(names), p=rng.choice(PLACES)
        )
        for _ in range(sentences)
    ]
    paragraphs = [" ".join(body[i : i + 4]) for i in range(0, len(body), 4)]
    return "Tidewater\n\nTidewater Review: Ropes and Lanterns\n\n" + "\n\n".join(paragraphs) + "\n"


def _in_parent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each review extracted in this process (not in a worker)."""
    calls: list[str] = []
    original = RulesExtractor.run

    def run(self: RulesExtractor, text: str, source: Source, about: WorkHint | None = None) -> Extraction:
        calls.append(source.id)
        return original(self, text, source, about)

    monkeypatch.setattr(RulesExtractor, "run", run)
    return calls


def _same(one: Loaded, two: Loaded) -> None:
    assert [c.source.id for c in one.claimsets] == [c.source.id for c in two.claimsets]
    for a, b in zip(one.claimsets, two.claimsets, strict=True):
        assert a == b, a.source.id
        assert a.model_dump_json() == b.model_dump_json()
    assert one.warnings == two.warnings


def test_reviews_on_two_processes_match_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i, sentences in enumerate([3, 12, 40, 8, 25]):
        (tmp_path / f"review-{i}.txt").write_text(_review(i, sentences), encoding="utf-8")
    one, errors_one = read_paths([tmp_path], kind="review", processes=1)
    in_parent = _in_parent(monkeypatch)
    two, errors_two = read_paths([tmp_path], kind="review", processes=2)
    assert in_parent == []  # every review was extracted in a worker
    assert not errors_one and not errors_two
    assert len(one.claimsets) == 5
    assert sum(len(c.relations) for c in one.claimsets) > 10  # real claims were compared
    _same(one, two)


def test_manifest_about_key_on_two_processes_matches_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review whose work is a manifest key: known only after `prepare`, when its work is read."""
    folder = tmp_path / "sample"
    shutil.copytree(sample_path(), folder)
    (folder / "reviews" / "second-review.txt").write_text(_review(7, 20), encoding="utf-8")
    manifest = folder / "manifest.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "  - path: reviews/second-review.txt\n    kind: review\n    id: second-review\n"
        + "    about: ballerina-2025\n",
        encoding="utf-8",
    )
    one, errors_one = read_paths([folder], processes=1)
    in_parent = _in_parent(monkeypatch)
    two, errors_two = read_paths([folder], processes=2)
    assert in_parent == []  # made in workers without the work's IRI, then given it
    assert not errors_one and not errors_two
    reviews = [c for c in two.claimsets if c.source.kind.value == "review"]
    assert len(reviews) == 2 and all(c.source.about and "ballerina-2025" in c.source.about for c in reviews)
    _same(one, two)


def test_one_process_for_few_or_small_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "cores", lambda: 2)
    assert pool.choose_processes(["word " * 50_000]) == 1  # one text cannot be split
    assert pool.choose_processes(["word " * 100] * 6) == 1  # start-up would cost more than it saves
    assert pool.choose_processes(["word " * 10_000] * 4) == 2
    monkeypatch.setattr(pool, "cores", lambda: 1)
    assert pool.choose_processes(["word " * 10_000] * 4) == 1


def test_chunks_cover_items_in_order() -> None:
    source = Source(
        id="s", location="s", kind=SourceKind.REVIEW, tier=CanonTier.REVIEW, content_hash="0" * 64
    )
    items = [("word " * n, source, None) for n in [5, 5000, 30, 30, 30, 800, 1]]
    chunks = pool._chunks(items, 2)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(items)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(chunks))
    assert len(chunks) >= 2


def test_name_finder_finds_what_the_pattern_found() -> None:
    """The per-text name search matches `(?<!\\w)(n1|n2|...)(?!\\w)` (longest first) exactly."""
    rng = random.Random(5)
    # names opening with no word character ("'Tis", "-Bo") are searched apart from the word index
    pieces = ["Ann", "Ann Roe", "Roe", "Anna", "Bo", "St. Ives", "Jo-Jo", "é", "Bo_", "x"]
    pieces += ["'Tis", "-Bo", "Ann-"]
    separators = [" ", "", ", ", "-", "_", ".", "'s ", "é", "1"]
    for _ in range(2000):
        names = sorted(set(rng.sample(pieces, rng.randint(1, 6))), key=len, reverse=True)
        text = "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randint(1, 12)))
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
        expected = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
        assert NameFinder(names).finditer(text) == expected, (names, text)


def test_a_long_text_parsed_across_workers_matches_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text of `PARSE_WORDS` words or more is parsed in chunks on the workers (sent back as
    `DocBin`s); the rules then read the same parse as when it is parsed here."""
    text = _review(3, 120)
    source = Source(
        id="long", location="long.txt", kind=SourceKind.REVIEW, tier=CanonTier.REVIEW, content_hash="0" * 64
    )
    here = RulesExtractor().extract(parse(text), source).claims
    monkeypatch.setattr(pool, "cores", lambda: 2)
    monkeypatch.setattr(pool, "PARSE_WORDS", 200)  # this text is "long" now
    chunks: list[int] = []
    original = pool._parse_across

    def spy(extractor: str, texts: list[str], processes: int, batch_size: int) -> Iterator[Any]:
        chunks.append(len(texts))
        return original(extractor, texts, processes, batch_size)

    monkeypatch.setattr(pool, "_parse_across", spy)
    across = RulesExtractor().extract(parse(text), source).claims
    assert chunks and chunks[0] > 1  # parsed on the workers
    assert len(here.relations) > 10
    assert here == across
    assert here.model_dump_json() == across.model_dump_json()


def test_a_worker_dying_mid_parse_leaves_the_rest_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The chunks a long text's parse sends back are read as they come; when a worker dies after
    the first chunk, the texts not yet read are parsed here, and every doc comes out once, in order."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from universe_graph.extract.nlp import nlp

    class DyingPool:
        """Parses the first chunk (in this process, as a worker would), then 'dies'."""

        def __init__(self) -> None:
            self.calls = 0

        def submit(self, fn: Any, texts: list[str], batch_size: int) -> Future[bytes]:
            future: Future[bytes] = Future()
            self.calls += 1
            if self.calls == 1:
                future.set_result(fn(texts, batch_size))
            else:
                future.set_exception(BrokenProcessPool("a worker died"))
            return future

    dying = DyingPool()
    monkeypatch.setattr(pool, "_pool", lambda extractor, processes: dying)
    texts = [f"{FIRST[i % 8]} meets {LAST[i % 6]} in {PLACES[i % 4]}. She wins." for i in range(12)]
    docs = list(pool._parse_across("rules", texts, 2, 4))
    assert dying.calls >= 3  # several chunks, the second failing
    expected = [d.to_json() for d in nlp().pipe(texts, batch_size=4)]
    assert [d.text for d in docs] == texts
    assert [d.to_json()["tokens"] for d in docs] == [e["tokens"] for e in expected]
    assert [d.to_json()["ents"] for d in docs] == [e["ents"] for e in expected]
