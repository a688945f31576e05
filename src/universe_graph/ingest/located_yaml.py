"""YAML loading that remembers the line of every value, so model errors can name file and line.

PyYAML's composed node tree carries marks; we walk it once to record `path -> line` and to
refuse duplicate keys (which plain YAML loading silently overwrites).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import BadInput, Problem

Loc = tuple[str | int, ...]

try:  # the C loader is much faster where libyaml is present
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the wheel
    _Loader = yaml.SafeLoader


@dataclass
class LocatedYaml:
    """A YAML document's data plus the 1-based line of every mapping entry and list item."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """Line of the deepest known prefix of `loc` (pydantic error locations fit here)."""
        path = tuple(loc)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def error(self, loc: Sequence[str | int], message: str) -> BadInput:
        return BadInput(self.problem(loc, message))

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        return Problem(file=self.file, message=message, line=self.line_of(loc), field=dotted(loc))

    def validation_error(self, err: ValidationError, *, skip: int = 0) -> BadInput:
        """Turn a pydantic error (validated from `self.data`) into located problems."""
        problems = []
        for item in err.errors(include_url=False):
            loc = tuple(p for p in item["loc"][skip:] if not _is_union_tag(p))
            problems.append(self.problem(loc, _message(item)))
        return BadInput(problems)


def _is_union_tag(part: str | int) -> bool:
    # pydantic puts a union member's name into `loc` ("str", "TargetSpec", "function-after[...]");
    # format models are named *Spec so they can be told apart from keys and field names
    return isinstance(part, str) and (part in _TYPE_TAGS or part.endswith("Spec") or "[" in part)


_TYPE_TAGS = frozenset({"str", "int", "float", "bool", "list", "dict"})


def _message(item: ErrorDetails) -> str:
    kind, msg = item["type"], str(item["msg"])
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        return msg.replace("Input should be", "should be")
    return msg.removeprefix("Value error, ")


def dotted(loc: Sequence[str | int]) -> str | None:
    """`('works', 'jw', 'cast', 0, 'person')` -> `works.jw.cast[0].person`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or None


def load(path: Path, text: str) -> LocatedYaml:
    """Parse one YAML document; syntax errors and duplicate keys are located BadInput."""
    name = str(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise BadInput.at(name, "empty YAML document")
        lines: dict[Loc, int] = {}
        _walk(name, node, (), lines)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise BadInput.at(name, f"malformed YAML: {what}", line=line) from e
    except yaml.YAMLError as e:
        raise BadInput.at(name, f"malformed YAML: {e}") from e
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise BadInput.at(name, f"expected a mapping at the top, found {type(data).__name__}", line=1)
    return LocatedYaml(file=name, data=data, lines=lines)


def _walk(file: str, node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key: str | int = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise BadInput.at(
                    file, f"duplicate key (first at line {seen[key]})", line=line, field=dotted((*loc, key))
                )
            seen[key] = line
            lines[(*loc, key)] = line
            _walk(file, value_node, (*loc, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(file, item, (*loc, index), lines)
