"""The `review` reader: a review or plot summary (plain text or HTML) turned into claims by an extractor.

The text is read as UTF-8; the extractor (`rules.v9` unless the caller picks another) finds the
work, its universe, characters, places, groups, relations and plot events, each with exact evidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import progress
from ..errors import BadInput
from ..extract import DEFAULT_EXTRACTOR, Extraction, WorkHint, get_extractor
from ..extract.layout import looks_like_html
from ..extract.nlp import MAX_CHARS
from ..extract.pool import choose_processes, extract_many
from ..model import ClaimSet, Source, SourceKind
from ..resolve import remapped
from .base import NO_OPTIONS, Reader, SourceOptions, register
from .text import read_text

#: extractions done ahead by `prepare` on every core: (location, content hash) -> (source, hint, result)
_READY: dict[tuple[str, str], tuple[Source, WorkHint, Extraction]] = {}

_STRUCTURED = re.compile(r"^\s*(\{|\[|<\?xml|%YAML|---\s*$|format:|@prefix|[\w\"']+\t)", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][a-z']+")


@register
class ReviewReader(Reader):
    """Prose about a work: reviews, blog posts, plot summaries."""

    kind = SourceKind.REVIEW
    name = "rules"
    version = "v9"
    extractor = DEFAULT_EXTRACTOR
    fallback = True  # prose: only when no structured format recognises the content

    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[str] = []

    @classmethod
    def sniff(cls, head: str) -> bool:
        """Prose: many words, sentences, and no structured-format opening."""
        if looks_like_html(head):
            return True
        if _STRUCTURED.match(head) or head.count("\t") > 3:
            return False
        words = _WORD.findall(head)
        return len(words) >= 30 and len(re.findall(r"[a-z][.!?][\"”’)]?\s", head)) >= 2

    @classmethod
    def prepare(cls, items: list[tuple[Path, SourceOptions]], processes: int | None = None) -> None:
        """Work ahead on the readable texts among `items` (bad files are left for `run` to report):
        on every core (parse and rules per text in workers), or parsed in one batch in this process.

        `processes` None chooses by the number and size of the texts (`pool.choose_processes`).
        """
        _READY.clear()
        runs: list[tuple[str, Source, WorkHint | None]] = []
        reader = cls()
        for path, options in items:
            try:
                decoded = read_text(path)
            except BadInput:
                continue
            if len(decoded.text) <= MAX_CHARS:
                source = reader.source(path, options, decoded.sha256)
                runs.append((decoded.text, source, _hint(options)))
        if processes is None:
            processes = choose_processes([text for text, _, _ in runs], cls.extractor)
        if processes > 1 and len(runs) > 1:
            for (_, source, hint), result in zip(
                runs, extract_many(cls.extractor, runs, processes), strict=True
            ):
                assert hint is not None
                _READY[(source.location, source.content_hash)] = (source, hint, result)
        elif len(runs) > 1:
            get_extractor(cls.extractor).prepare([text for text, _, _ in runs])

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        decoded = read_text(path)
        if len(decoded.text) > MAX_CHARS:
            raise BadInput.at(
                str(path),
                f"too long for a review ({len(decoded.text):,} characters; at most {MAX_CHARS:,}); split it",
            )
        source = self.source(path, options, decoded.sha256)
        hint = _hint(options)
        result = _ready(source, hint)
        if result is None:
            with progress.text(len(decoded.text), f"reading {path.name}"):
                result = get_extractor(self.extractor).run(decoded.text, source, hint)
        self.warnings.extend(result.warnings)
        return result.claims


def _hint(options: SourceOptions) -> WorkHint:
    return WorkHint(iri=options.about, title=options.about_title, known=options.known)


def _ready(source: Source, hint: WorkHint) -> Extraction | None:
    """The extraction `prepare` made for this source, if it was made from the same inputs.

    A manifest's `about: <key>` becomes a work's IRI only once the work's own source is read, after
    `prepare`: the extraction made without it then gets that IRI where it had its provisional one.
    """
    ready = _READY.pop((source.location, source.content_hash), None)
    if ready is None:
        return None
    made_for, made_with, result = ready
    if made_for == source and made_with == hint:
        return result
    same_otherwise = made_for.model_copy(update={"about": source.about}) == source
    if same_otherwise and made_with.iri is None and replace(made_with, iri=hint.iri) == hint and hint.iri:
        return _retarget(result, hint.iri)
    return None


def _retarget(result: Extraction, about: str) -> Extraction | None:
    """The extraction with the work's provisional IRI replaced by `about` (None if that could clash)."""
    claims = result.claims
    ids = [e.id for e in claims.entities]
    provisional = claims.source.about
    if about in ids or (provisional is not None and ids.count(provisional) != 1):
        return None  # `about` already names another entity, or two entities share the provisional id

    data = remapped(claims, {provisional: about} if provisional is not None else {})
    data["source"]["about"] = about
    return Extraction(ClaimSet.model_validate(data), list(result.warnings))
