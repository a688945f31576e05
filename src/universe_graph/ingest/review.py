"""The `review` reader: a review or plot summary (plain text or HTML) turned into claims by an extractor.

The text is read as UTF-8; the extractor (`rules.v1` unless the caller picks another) finds the
work, its universe, characters, places, groups, relations and plot events, each with exact evidence.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import BadInput
from ..extract import WorkHint, get_extractor
from ..extract.layout import looks_like_html
from ..extract.nlp import MAX_CHARS
from ..model import ClaimSet, SourceKind
from .base import NO_OPTIONS, Reader, SourceOptions, register
from .text import read_text

_STRUCTURED = re.compile(r"^\s*(\{|\[|<\?xml|%YAML|---\s*$|format:|@prefix|[\w\"']+\t)", re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][a-z']+")


@register
class ReviewReader(Reader):
    """Prose about a work: reviews, blog posts, plot summaries."""

    kind = SourceKind.REVIEW
    name = "rules"
    version = "v1"
    extractor = "rules.v1"
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
    def prepare(cls, paths: list[Path]) -> None:
        """Parse the readable texts among `paths` in one batch (bad files are left for `run` to report)."""
        texts = []
        for path in paths:
            try:
                text = read_text(path).text
            except BadInput:
                continue
            if len(text) <= MAX_CHARS:
                texts.append(text)
        if len(texts) > 1:
            get_extractor(cls.extractor).prepare(texts)

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        decoded = read_text(path)
        if len(decoded.text) > MAX_CHARS:
            raise BadInput.at(
                str(path),
                f"too long for a review ({len(decoded.text):,} characters; at most {MAX_CHARS:,}); split it",
            )
        source = self.source(path, options, decoded.sha256)
        hint = WorkHint(iri=options.about, title=options.about_title)
        result = get_extractor(self.extractor).run(decoded.text, source, hint)
        self.warnings.extend(result.warnings)
        return result.claims
