"""A text's layout: blocks separated by blank lines, each a heading or a paragraph, with offsets.

HTML is read by blanking its tags with spaces, so every offset still indexes the original text.

What is handed to the parser is bounded, so hostile or long text costs time in proportion to its
length: a run of punctuation with no word in it (". . . . .", "!!!! ?!?!") is left out (it names
nothing, and the parser makes it one huge sentence whose every token the rules would scan), and a
paragraph longer than `MAX_PIECE` characters is parsed in pieces cut at sentence ends (else at a
space), so no sentence, and no spaCy doc, grows with the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)
_HTML_SNIFF = re.compile(r"<(!doctype\s+html|html|body|p|div|br|article|h[1-6])\b", re.IGNORECASE)
_TERMINAL = tuple(".!;,\"”'’…")
#: a block longer than this (characters) is parsed in pieces of at most this length
MAX_PIECE = 2_000
#: this many punctuation marks with no word among them (spaces allowed) are not parsed
PUNCT_RUN = 10
_PUNCT_RUN = re.compile(r"[^\w\s](?:\s*[^\w\s]){" + str(PUNCT_RUN - 1) + ",}")
#: where a sentence may end: closing punctuation (and quotes), space, then a capital, digit or quote
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*(\s+)(?=[\"\u201c\u2018(\[]?[A-Z0-9])")
#: a capitalised word of up to three letters before a period: "Mr.", "Dr.", "J." (not an end)
_ABBREVIATION = re.compile(r"\b[A-Z][a-z]{0,2}\.$")


@dataclass(frozen=True)
class Block:
    """One block of text: `text[start:end]`, and whether it reads as a heading."""

    start: int
    end: int
    heading: bool
    index: int
    piece: int = 0  # 0: the block's first (or only) piece; a long paragraph's later pieces count on


def looks_like_html(text: str) -> bool:
    return len(_HTML_SNIFF.findall(text[:20000])) >= 2


def blank_html(text: str) -> str:
    """The text with tags, scripts, styles and comments replaced by spaces (same length)."""

    def spaces(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    return _TAG.sub(spaces, text)


def blocks(text: str) -> list[Block]:
    """Split at blank lines; a short single line without closing punctuation is a heading."""
    out: list[Block] = []
    bounds, pos = [], 0
    for gap in _BLANK.finditer(text):
        bounds.append((pos, gap.start()))
        pos = gap.end()
    bounds.append((pos, len(text)))
    for start, end in bounds:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        e = s + len(stripped)
        for line_start, line in _lines(text, s, e):  # a heading line glued to its paragraph stays apart
            heading = _is_heading(line, e - s)
            for n, (p_start, p_end) in enumerate(pieces(text, line_start, line_start + len(line))):
                out.append(Block(p_start, p_end, heading, len(out), n))
    return out


def pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` as the spans to parse: without runs of punctuation (`PUNCT_RUN` marks or
    more, no word among them; the first mark stays when it is glued to a word), each at most
    `MAX_PIECE` characters, cut at a sentence end when there is one in its second half, else at the
    last space, else hard; spans are stripped of spaces."""
    out: list[tuple[int, int]] = []
    pos = start
    for run in _PUNCT_RUN.finditer(text, start, end):
        glued = run.start() > pos and not text[run.start() - 1].isspace()
        out.extend(_bounded(text, pos, run.start() + glued))  # "flees!!!!...": the first mark ends it
        pos = run.end()
    out.extend(_bounded(text, pos, end))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`text[start:end]` stripped, cut into spans of at most `MAX_PIECE` characters."""
    out: list[tuple[int, int]] = []
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end - start <= MAX_PIECE:
            if end > start:
                out.append((start, end))
            return out
        limit = start + MAX_PIECE
        cut = None
        for m in _SENTENCE_END.finditer(text, start + MAX_PIECE // 2, limit):
            if not _ABBREVIATION.search(text, max(start, m.start() - 4), m.start()):
                cut = m.start(1)
        if cut is None:
            space = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
            cut = space if space > start else limit
        out.append((start, cut))
        start = cut


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """A block's lines when each reads as a unit (short lines), else the block as one paragraph."""
    chunk = text[start:end]
    lines = chunk.split("\n")
    if len(lines) == 1 or not any(_is_heading(line.strip(), len(line)) for line in lines):
        return [(start, chunk)]
    out, pos = [], start
    for line in lines:
        stripped = line.strip()
        if stripped:
            out.append((pos + line.index(stripped), stripped))
        pos += len(line) + 1
    return out


#: a review's headline with its tagline: "Title review - a chase that never slows down"
_REVIEW_HEADLINE = re.compile(r"\b(review|recap)\s+[|\u2013\u2014-]\s+\S", re.I)
#: a forum post's subject line: "Subject: X is better than the first one and ..." (runs long too)
_FORUM_HEADLINE = re.compile(r"^(re|subject|topic|thread)\s*:\s+\S", re.I)


def _is_heading(line: str, size: int) -> bool:
    words = line.split()
    limit = (
        24 if _REVIEW_HEADLINE.search(line) or _FORUM_HEADLINE.match(line) else 14
    )  # a headline's tagline may run long
    if "\n" in line or not words or len(words) > limit:
        return False
    if line.endswith("?"):
        capital = sum(1 for w in words if w[:1].isupper())
        return capital >= 0.6 * len(words) and len(words) <= 8
    return not line.endswith(_TERMINAL) and not line.endswith(":")
