"""Values every engine can store: a claim set with a NUL or a lone surrogate is refused, located.

Why refuse rather than escape: the canonical store (Oxigraph) takes a NUL, but FalkorDB's client
pastes parameters into the query text, where a NUL ends the string, and a lone surrogate cannot
be encoded as UTF-8 at all (not in N-Triples, not on the wire). Escaping would change what the
source says (a name with `\\u0000` in it would come back different), so such a value is an input
error, reported with the source's file, the line or JSON pointer of the evidence, and the field
(`entities[3].name`), before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..errors import BadInput, Problem
from ..model import ClaimSet

#: characters no engine can store: NUL (ends a C string) and UTF-16 surrogates (not UTF-8)
UNSAFE = re.compile("[\x00\ud800-\udfff]")
#: the ClaimSet fields that hold items with evidence, checked item by item
_ITEMS = ("entities", "relations", "events")


def _describe(char: str) -> str:
    if char == "\x00":
        return "a NUL character (U+0000)"
    return f"a lone surrogate (U+{ord(char):04X})"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string inside a model, list or dict, with its path (`name`, `aliases[2]`, `ids.imdb`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, f"{path} (a key)")
            yield from _strings(item, f"{path}.{key}" if path else str(key))


def _where(item: Any) -> tuple[int | None, str]:
    """The line (or row) of an item's first evidence, and its JSON pointer as text, if any."""
    evidence = getattr(item, "evidence", None) or []
    if not evidence:
        return None, ""
    first = evidence[0]
    line = first.line if first.line is not None else first.row
    if first.pointer is None:
        return line, ""
    return line, f" (evidence at {first.pointer or 'the document root'})"  # "": the whole document


def _looks_clean(claims: ClaimSet) -> bool:
    """The fast path: the JSON form has no escaped NUL, and serializing found no surrogate."""
    try:
        text = claims.model_dump_json()
    except ValueError:  # pydantic cannot serialize a lone surrogate
        return False
    return "\\u0000" not in text


def unsafe_values(claims: ClaimSet, limit: int = 20) -> list[Problem]:
    """Every string of a claim set an engine cannot store (up to `limit`), each located."""
    if _looks_clean(claims):
        return []
    file = claims.source.location
    problems: list[Problem] = []
    for path, text in _strings(claims.source, "source"):
        found = UNSAFE.search(text)
        if found:
            problems.append(
                Problem(file=file, field=path, message=f"{_describe(found.group())} in the value")
            )
    for group in _ITEMS:
        for i, item in enumerate(getattr(claims, group)):
            for path, text in _strings(item, f"{group}[{i}]"):
                found = UNSAFE.search(text)
                if found is None:
                    continue
                line, pointer = _where(item)
                message = f"{_describe(found.group())} in the value{pointer}; no store can keep it"
                problems.append(Problem(file=file, line=line, field=path, message=message))
                if len(problems) >= limit:
                    return problems
    return problems


def check_values(claims: ClaimSet) -> None:
    """Raise BadInput naming every unsafe value of a claim set (nothing has been written yet)."""
    problems = unsafe_values(claims)
    if problems:
        raise BadInput(problems)
