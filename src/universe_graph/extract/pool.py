"""Extraction on every core: worker processes that load the model once, parse and run the rules per
text, and send back the pydantic claims (the parent only waits), so nothing runs on one core alone.

One long text (at least `PARSE_WORDS` words) is parsed here too, whatever the number of texts: its
blocks in consecutive chunks across the workers, each sending back its parses as a `DocBin` (the
rules then run on the whole text in the calling process, as they read the document as a whole).

Workers start with forkserver (spawn where there is none), never fork: the caller may hold threads
(a server, a store) that a forked child would inherit half-copied. The pool stays up for the life of
the process, so a second batch pays no start-up; `choose_processes` picks one process when the
texts are too few or too small to pay for starting workers.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .. import progress
from ..model import Source
from .base import DEFAULT_EXTRACTOR, Extraction, WorkHint, get_extractor
from .nlp import nlp

#: words below which starting workers (each loads the model: seconds) costs more than it saves
MIN_WORDS_COLD = 20_000
#: words below which even a running pool is not worth the round trip
MIN_WORDS_WARM = 1_000
#: words per task: small texts go to a worker together (spaCy is faster on batches)
TASK_WORDS = 2_000
#: a text of this many words or more is parsed across the workers (`pipe`), even alone
PARSE_WORDS = 40_000
#: chunks of a long text's blocks per worker (more: better balance, more round trips)
PARSE_CHUNKS_PER_WORKER = 4
#: what a worker's parse keeps for the rules (`DocBin` attributes)
_DOC_ATTRS = ("ORTH", "NORM", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID", "LEMMA",
              "MORPH", "POS", "SENT_START")  # fmt: skip

Item = tuple[str, Source, WorkHint | None]

_executor: ProcessPoolExecutor | None = None
_executor_key: tuple[str, int] | None = None
_in_worker = False  # set in each worker: a worker never starts workers of its own


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def words(text: str) -> int:
    return len(text.split())


def choose_processes(texts: Sequence[str], extractor: str = DEFAULT_EXTRACTOR) -> int:
    """How many processes to use: one for a single text, few small texts, or one core; else all cores."""
    n = min(cores(), len(texts))
    if n < 2:
        return 1
    total = sum(words(t) for t in texts)
    running = _executor is not None and _executor_key == (extractor, n)
    return n if total >= (MIN_WORDS_WARM if running else MIN_WORDS_COLD) else 1


def extract_many(extractor: str, items: Sequence[Item], processes: int) -> list[Extraction]:
    """Each item's extraction, in order: in this process (processes <= 1) or spread over workers."""
    ex = get_extractor(extractor)
    if processes <= 1 or len(items) < 2:
        return ex.run_many(items)
    chunks = _chunks(items, processes)
    try:
        pool = _pool(extractor, processes)
        futures: list[tuple[int, Future[list[Extraction]]]] = [
            (start, pool.submit(_work, extractor, list(items[start:end])))
            for start, end in sorted(chunks, key=lambda c: -sum(words(t) for t, _, _ in items[c[0] : c[1]]))
        ]
        out: list[Extraction | None] = [None] * len(items)
        for start, future in futures:
            for i, extraction in enumerate(future.result()):
                out[start + i] = extraction
    except BrokenProcessPool:  # a worker died (killed, out of memory): redo the batch here
        shutdown()
        return ex.run_many(items)
    assert all(e is not None for e in out)
    return [e for e in out if e is not None]


def pipe[T](
    work: Sequence[tuple[str, T]], *, batch_size: int, spread: bool, extractor: str = DEFAULT_EXTRACTOR
) -> Iterator[tuple[Any, T]]:
    """`nlp().pipe(work, as_tuples=True)`: (parsed doc, context) in order. Across the workers when
    `spread` (the caller has a text of `PARSE_WORDS` words or more) and there are cores, else here."""
    texts = [text for text, _ in work]
    n = cores()
    if _in_worker or n < 2 or len(work) < 2 or not spread:
        for doc, context in nlp().pipe(work, as_tuples=True, batch_size=batch_size):
            progress.advance(len(doc.text))  # the bar of a long text's reading, if one is shown
            yield doc, context
        return
    for doc, (_, context) in zip(_parse_across(extractor, texts, n, batch_size), work, strict=True):
        yield doc, context


def _parse_across(extractor: str, texts: list[str], processes: int, batch_size: int) -> Iterator[Any]:
    """The texts parsed in consecutive chunks (about equal in characters) on the workers, in order,
    each chunk's docs yielded as soon as it is back (the caller reads them while the workers parse
    the rest). A dead worker (killed, out of memory): the texts not yet yielded are parsed here."""
    target = max(1, sum(len(t) for t in texts) // (PARSE_CHUNKS_PER_WORKER * processes))
    bounds = _runs([len(t) for t in texts], target)
    from spacy.tokens import DocBin

    done = 0  # texts yielded so far
    try:
        pool = _pool(extractor, processes)
        futures = [pool.submit(_parse, texts[a:b], batch_size) for a, b in bounds]
        vocab = nlp().vocab
        for future, (a, b) in zip(futures, bounds, strict=True):
            docs = list(DocBin().from_bytes(future.result()).get_docs(vocab))
            progress.advance(sum(len(t) for t in texts[a:b]))
            yield from docs
            done = b
    except BrokenProcessPool:
        shutdown()
        yield from nlp().pipe(texts[done:], batch_size=batch_size)


def warm(extractor: str = DEFAULT_EXTRACTOR, processes: int | None = None) -> None:
    """Start the workers now (each loads the model), so the first batch does not wait for them."""
    n = processes or cores()
    if n >= 2:  # one task per worker: the executor starts workers only as tasks need them
        pool = _pool(extractor, n)
        for started in [pool.submit(_work, extractor, []) for _ in range(n)]:
            started.result()


def worker_cpu_seconds() -> float:
    """CPU seconds (user and system) the running workers have used so far, read from /proc (0 where
    there is none): for benchmarks, which add it to their own process's time."""
    total = 0.0
    for pid in sorted(getattr(_executor, "_processes", None) or {}):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:  # no /proc (not Linux), or the worker has ended
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def shutdown() -> None:
    """Stop the workers (also done at exit)."""
    global _executor, _executor_key
    if _executor is not None:
        _executor.shutdown(wait=True, cancel_futures=True)
    _executor, _executor_key = None, None


def _chunks(items: Sequence[Item], processes: int) -> list[tuple[int, int]]:
    """Consecutive runs of items of about TASK_WORDS words (at least 2 tasks per worker when possible)."""
    sizes = [words(t) for t, _, _ in items]
    return _runs(sizes, max(1, min(TASK_WORDS, sum(sizes) // (2 * processes))))


def _runs(sizes: Sequence[int], target: int) -> list[tuple[int, int]]:
    """Consecutive index ranges [start, end) whose sizes add up to at least `target` (the last may
    be smaller), covering every item in order."""
    runs, start, size = [], 0, 0
    for i, n in enumerate(sizes):
        size += n
        if size >= target:
            runs.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(sizes):
        runs.append((start, len(sizes)))
    return runs


def _pool(extractor: str, processes: int) -> ProcessPoolExecutor:
    global _executor, _executor_key
    if _executor is None or _executor_key != (extractor, processes):
        shutdown()
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
        _executor = ProcessPoolExecutor(
            max_workers=processes, mp_context=context, initializer=_init, initargs=(extractor,)
        )
        _executor_key = (extractor, processes)
    return _executor


def _init(extractor: str) -> None:
    """In each worker, once: load the extractor and its model, and run it on a short text (lazy setup)."""
    from ..model import CanonTier, SourceKind

    global _in_worker
    _in_worker = True

    source = Source(
        id="warm-up",
        location="warm-up",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash="0" * 64,
    )
    get_extractor(extractor).run_many([("Ann Roe meets Bo Lind in Calder. She defeats him.", source, None)])


def _work(extractor: str, items: list[Item]) -> list[Extraction]:
    return get_extractor(extractor).run_many(items)


def _parse(texts: list[str], batch_size: int) -> bytes:
    """In a worker: the texts parsed, as a `DocBin` (what the rules read, and nothing else)."""
    from spacy.tokens import DocBin

    return bytes(DocBin(attrs=_DOC_ATTRS, docs=nlp().pipe(texts, batch_size=batch_size)).to_bytes())


atexit.register(shutdown)
