"""Reading input files as text with located errors: empty, binary and non-UTF-8 files are refused."""

from __future__ import annotations

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
    """Decode UTF-8 (a BOM is dropped); the error for bad bytes names the line and column."""
    digest = hashlib.sha256(data).hexdigest()
    if b"\x00" in data:  # the whole text: a NUL past any window would reach the stores
        line = data[: data.index(b"\x00")].count(b"\n") + 1
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


def read_text(path: Path, *, allow_empty: bool = False) -> TextFile:
    return decode(path, read_bytes(path), allow_empty=allow_empty)
