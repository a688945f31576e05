"""Reading input files as text with located errors: empty, binary and non-UTF-8 files are refused."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import BadInput


@dataclass(frozen=True)
class TextFile:
    """A decoded input file with its content hash (of the raw bytes)."""

    path: Path
    text: str
    sha256: str


def open_binary(path: Path) -> BinaryIO:
    """Open a file for (streamed) reading; an unreadable path is BadInput naming it."""
    try:
        return path.open("rb")
    except FileNotFoundError as e:
        raise BadInput.at(str(path), "no such file") from e
    except IsADirectoryError as e:
        raise BadInput.at(str(path), "is a directory, not a file") from e
    except OSError as e:
        raise BadInput.at(str(path), f"cannot read: {e.strerror}") from e


def read_bytes(path: Path) -> bytes:
    with open_binary(path) as f:
        try:
            return f.read()
        except OSError as e:
            raise BadInput.at(str(path), f"cannot read: {e.strerror}") from e


def decode(path: Path, data: bytes, *, allow_empty: bool = False) -> TextFile:
    """Decode UTF-8 (a BOM is dropped), or UTF-16 with its BOM; the error for bad bytes names the line
    and column, and a PDF or BOM-less UTF-16 file is named as such with what to do instead."""
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        raise BadInput.at(
            str(path),
            "a PDF file, not text: convert it to text first (e.g. `pdftotext FILE.pdf FILE.txt`) "
            "and give the .txt; supported are UTF-8 (or UTF-16 with a BOM) text, YAML, JSON and TSV",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as e:
            raise BadInput.at(str(path), f"not UTF-16 (it starts with a UTF-16 BOM): {e.reason}") from e
    if b"\x00" in data:  # the whole text: a NUL past any window would reach the stores
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        if _utf16_without_bom(data):
            raise BadInput.at(
                str(path),
                "UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)",
                line=line,
            )
        raise BadInput.at(str(path), "binary file (NUL byte), expected UTF-8 text", line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        column = e.start - (before.rfind(b"\n") + 1) + 1
        raise BadInput.at(
            str(path), f"not UTF-8: byte 0x{data[e.start]:02x} at column {column}", line=line
        ) from e
    if not allow_empty and not text.strip():
        raise BadInput.at(str(path), "empty file")
    return TextFile(path=path, text=text, sha256=digest)


def _utf16_without_bom(data: bytes) -> bool:
    """Whether the first bytes look like UTF-16 text: every other byte NUL, the others not."""
    head = data[:512]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even)) or (
        even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd)
    )


def read_text(path: Path, *, allow_empty: bool = False) -> TextFile:
    return decode(path, read_bytes(path), allow_empty=allow_empty)
