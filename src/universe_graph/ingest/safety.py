"""Values every engine can store: a claim set with a NUL, a lone surrogate or an integer past 64
bits is refused, located.

Why refuse rather than escape: the canonical store (Oxigraph) takes a NUL, but FalkorDB's client
pastes parameters into the query text, where a NUL ends the string, and a lone surrogate cannot
be encoded as UTF-8 at all (not in N-Triples, not on the wire). Escaping would change what the
source says (a name with `\\u0000` in it would come back different), so such a value is an input
error, reported with the source's file, the line or JSON pointer of the evidence, and the field
(`entities[3].name`), before anything is written. An integer past the signed 64-bit range (a
MovieLens id of 26 digits) is kept by Oxigraph but silently clamped by FalkorDB, so the two
stores would disagree.
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
#: the integers every engine keeps (FalkorDB and Neo4j store signed 64-bit integers)
INT_RANGE = range(-(2**63), 2**63)
#: a run of digits that may be an integer past that range, in a claim set's JSON form: 19 digits
#: spelled out, which `re` searches about a third faster than `\d{19,}` (same texts found)
_LONG_DIGITS = re.compile(r"\d" * 19)
#: the ClaimSet fields that hold items with evidence, checked item by item
_ITEMS = ("entities", "relations", "events")


def _describe(char: str) -> str:
    if char == "\x00":
        return "a NUL character (U+0000)"
    return f"a lone surrogate (U+{ord(char):04X})"


def _unsafe(value: str | int) -> str | None:
    """What makes a string or an integer unstorable, or None."""
    if isinstance(value, int):
        return None if value in INT_RANGE else f"an integer past 64 bits ({len(str(abs(value)))} digits)"
    found = UNSAFE.search(value)
    return None if found is None else _describe(found.group())


def _strings(value: Any, path: str) -> Iterator[tuple[str, str | int]]:
    """Every string and integer inside a model, list or dict, with its path (`name`, `aliases[2]`,
    `ids.imdb`)."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
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
    return "\\u0000" not in text and _LONG_DIGITS.search(text) is None


def unsafe_values(claims: ClaimSet, limit: int = 20) -> list[Problem]:
    """Every string or integer of a claim set an engine cannot store (up to `limit`), each located."""
    if _looks_clean(claims):
        return []
    file = claims.source.location
    problems: list[Problem] = []
    for path, value in _strings(claims.source, "source"):
        why = _unsafe(value)
        if why:
            problems.append(Problem(file=file, field=path, message=f"{why} in the value"))
    for group in _ITEMS:
        for i, item in enumerate(getattr(claims, group)):
            for path, value in _strings(item, f"{group}[{i}]"):
                why = _unsafe(value)
                if why is None:
                    continue
                line, pointer = _where(item)
                message = f"{why} in the value{pointer}; no store can keep it"
                problems.append(Problem(file=file, line=line, field=path, message=message))
                if len(problems) >= limit:
                    return problems
    return problems


def check_values(claims: ClaimSet) -> None:
    """Raise BadInput naming every unsafe value of a claim set (nothing has been written yet)."""
    problems = unsafe_values(claims)
    if problems:
        raise BadInput(problems)
