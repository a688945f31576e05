"""A text's layout: blocks separated by blank lines, each a heading or a paragraph, with offsets.

HTML is read by blanking its tags with spaces, so every offset still indexes the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.IGNORECASE | re.DOTALL)
_HTML_SNIFF = re.compile(r"<(!doctype\s+html|html|body|p|div|br|article|h[1-6])\b", re.IGNORECASE)
_TERMINAL = tuple(".!;,\"”'’…")


@dataclass(frozen=True)
class Block:
    """One block of text: `text[start:end]`, and whether it reads as a heading."""

    start: int
    end: int
    heading: bool
    index: int


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
            out.append(Block(line_start, line_start + len(line), _is_heading(line, e - s), len(out)))
    return out


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


def _is_heading(line: str, size: int) -> bool:
    words = line.split()
    if "\n" in line or not words or len(words) > 14:
        return False
    if line.endswith("?"):
        capital = sum(1 for w in words if w[:1].isupper())
        return capital >= 0.6 * len(words) and len(words) <= 8
    return not line.endswith(_TERMINAL) and not line.endswith(":")
