"""YAML loading that remembers the line of every value, so model errors can name file and line.

PyYAML's composed node tree carries marks; we walk it once to record `path -> line` and to
refuse duplicate keys (which plain YAML loading silently overwrites).

Aliases (`*name`) are allowed, within a budget: what they expand to beyond the document's own
values may hold at most `ALIAS_BUDGET` values. A few hundred bytes of nested anchors can otherwise
expand to billions of values (an "alias bomb") that every later step would walk; such a document,
and an alias that contains itself, is refused with the line of the entry where it happened.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..errors import BadInput, Problem

Loc = tuple[str | int, ...]
#: values that aliases may add to a document (each value an alias repeats counts once per repeat)
ALIAS_BUDGET = 10_000

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
            raise BadInput.at(name, "empty YAML document", line=1)
        lines: dict[Loc, int] = {}
        _Walk(name, lines).node(node, (), aliased=False)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise BadInput.at(name, f"malformed YAML: {what}", line=line) from e
    except yaml.reader.ReaderError as e:  # a character YAML does not allow: at its position
        line = text.count("\n", 0, e.position) + 1
        raise BadInput.at(name, f"malformed YAML: character {e.character!r} is not allowed", line=line) from e
    except yaml.YAMLError as e:
        raise BadInput.at(name, f"malformed YAML: {e}") from e
    except RecursionError as e:
        raise BadInput.at(name, "malformed YAML: nested too deeply") from e
    except ValueError as e:  # a constructor refused a scalar: an integer past Python's digit limit
        long_number = re.search(r"\d{4300}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else None
        raise BadInput.at(name, f"malformed YAML: {e}", line=line) from e
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise BadInput.at(name, f"expected a mapping at the top, found {type(data).__name__}", line=1)
    return LocatedYaml(file=name, data=data, lines=lines)


class _Walk:
    """One walk over a composed document: lines by path, duplicate keys, the alias budget."""

    def __init__(self, file: str, lines: dict[Loc, int]) -> None:
        self.file, self.lines = file, lines
        self.seen: set[int] = set()  # ids of the nodes visited, to tell a repeat (an alias)
        self.open: set[int] = set()  # ids of the nodes being walked (an alias to one is a cycle)
        self.extra = 0  # values visited again through aliases

    def node(self, node: yaml.Node, loc: Loc, *, aliased: bool, origin: int | None = None) -> None:
        """Walk one node; `origin` is the line of the innermost container not reached by an alias
        (an aliased node's own marks point at its anchor, not at where the alias stands)."""
        key = id(node)
        if key in self.open:
            where = origin or self.lines.get(loc)
            raise BadInput.at(self.file, "an alias contains itself", line=where, field=dotted(loc))
        aliased = aliased or key in self.seen
        if aliased:
            self.extra += 1
            if self.extra > ALIAS_BUDGET:
                raise BadInput.at(
                    self.file,
                    f"aliases expand to more than {ALIAS_BUDGET:,} values (nested anchors: an alias bomb?)",
                    line=origin or self.lines.get(loc),
                    field=dotted(loc),
                )
        self.seen.add(key)
        self.lines.setdefault(loc, node.start_mark.line + 1)
        if not aliased:
            origin = self.lines[loc]
        self.open.add(key)
        try:
            if isinstance(node, yaml.MappingNode):
                self._mapping(node, loc, aliased, origin)
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    self.lines[(*loc, index)] = item.start_mark.line + 1
                    self.node(item, (*loc, index), aliased=aliased, origin=origin)
        finally:
            self.open.discard(key)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, aliased: bool, origin: int | None) -> None:
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key: str | int = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise BadInput.at(
                    self.file,
                    f"duplicate key (first at line {seen[key]})",
                    line=line,
                    field=dotted((*loc, key)),
                )
            seen[key] = line
            self.lines[(*loc, key)] = line
            self.node(value_node, (*loc, key), aliased=aliased, origin=line if not aliased else origin)
