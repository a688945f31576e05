"""JSON input files with located errors: truncated or malformed JSON names its line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import BadInput
from .text import TextFile, read_text


def load_json(path: Path) -> tuple[Any, TextFile]:
    """Parse a JSON file; a syntax error becomes BadInput at its line and column."""
    text = read_text(path)
    try:
        return json.loads(text.text), text
    except json.JSONDecodeError as e:
        raise BadInput.at(str(path), f"malformed JSON: {e.msg} at column {e.colno}", line=e.lineno) from e


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON pointer."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
