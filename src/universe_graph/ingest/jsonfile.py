"""JSON input files with located errors: truncated or malformed JSON names its line and column."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import BadInput
from .text import TextFile, read_text


def load_json(path: Path) -> tuple[Any, TextFile]:
    """Parse a JSON file; a syntax error becomes BadInput at its line and column."""
    text = read_text(path)
    try:
        data = json.loads(text.text)
    except json.JSONDecodeError as e:
        raise BadInput.at(str(path), f"malformed JSON: {e.msg} at column {e.colno}", line=e.lineno) from e
    except RecursionError as e:
        line = _line_of_depth(text.text, MAX_DEPTH)
        raise BadInput.at(str(path), "malformed JSON: nested too deeply", line=line) from e
    except ValueError as e:  # an integer past Python's digit limit
        raise BadInput.at(str(path), f"malformed JSON: {e}", line=_line_of_long_number(text.text)) from e
    try:  # a `\ud800` escape alone decodes to a lone surrogate, which no store can keep
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        raise BadInput.at(
            str(path),
            "a lone surrogate escape (\\uD800-\\uDFFF) is not a character",
            line=_line_of_surrogate(text.text),
        ) from e
    except (RecursionError, ValueError):  # deep or huge: the readers say what they make of it
        pass
    if _deeper_than(data, MAX_DEPTH):  # every reader walks it: refuse here, at the line, not deep inside
        line = _line_of_depth(text.text, MAX_DEPTH)
        raise BadInput.at(str(path), f"nested more than {MAX_DEPTH} levels deep", line=line)
    return data, text


#: how deep a JSON file may nest: TMDb, SWAPI and Wikidata nest under 20; Python parses to about 1,000
MAX_DEPTH = 200
#: a JSON string (skipped whole) or a bracket
_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether parsed JSON nests more than `limit` arrays and objects deep (without recursing)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth >= limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _line_of_depth(text: str, limit: int) -> int | None:
    """The line where JSON text first opens more than `limit` arrays and objects (strings skipped)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif char in "]}":
            depth -= 1
    return None


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LOW = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_LONG_NUMBER = re.compile(r"[-0-9]{4300}")


def _line_of_surrogate(text: str) -> int | None:
    """The line of the first surrogate escape that is not half of a pair (to locate the error)."""
    paired_low = -1
    for match in _SURROGATE.finditer(text):
        if match.start() == paired_low:
            continue
        high = match.group()[3].lower() in "89ab"
        if high and _LOW.match(text, match.end()):
            paired_low = match.end()
            continue
        return text.count("\n", 0, match.start()) + 1
    return None


def _line_of_long_number(text: str) -> int | None:
    match = _LONG_NUMBER.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def pointer(*parts: str | int) -> str:
    """An RFC 6901 JSON pointer."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
