"""Federated SPARQL (`SERVICE`) refused: a query over the local graph never makes a request elsewhere.

pyoxigraph follows `SERVICE <http://...>` to any URL and has no switch to turn that off, so a query
sent to `/sparql` (a cross-origin form POST needs no preflight) could make the server fetch internal
URLs. Queries are scanned before they run: strings, IRIs and comments are blanked out, then the
keyword `SERVICE` (any case) outside a name or variable means federation. The scan errs on the side
of refusing: a local name like `ex:a.service` is refused too, a `SERVICE` hidden in a string is not.
(Oxigraph does not apply `\\uXXXX` escapes outside strings, so an escaped keyword is a syntax error.)

An allow-list names the endpoints that may be used; a `SERVICE` whose target is a variable or a
prefixed name is refused whatever the list says (only a full `<IRI>` can be checked).

Deep nesting is refused too (`check_depth`, run by the embedded store's `query`; the HTTP API runs
queries in worker processes, where a crash only replaces the worker): pyoxigraph 0.5 parses a query
recursively and overflows the stack, killing the process with SIGSEGV, on groups, brackets or `!`
nested a few thousand deep (2,000 pass in the main thread, 4,000 crash; less in a thread). This was
the "segfault" seen in dmesg beside the all-samples ingest: the deliberate 20,000-deep query of the
HTTP API's hostile-input test, never an ingest. No real query nests `MAX_NESTING` deep.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..errors import BadInput

#: what the keyword scan skips: long and short strings, IRIs, comments (in this order of precedence)
_SKIPPED = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n\r]*",
    re.DOTALL,
)
#: the keyword, not inside a name (`ex:service`, `service:x`, `my_service`) or a variable (`?service`)
_SERVICE = re.compile(r"(?<![\w?$:\-])SERVICE(?![\w:\-])", re.IGNORECASE)
_TARGET = re.compile(r"\s*(?:SILENT\s*)?(<[^<>\s]*>)?", re.IGNORECASE)


class ServiceRefused(BadInput):
    """A query asks for federation (`SERVICE`) to an endpoint that is not allowed."""


#: the deepest nesting of `{ ( [` (and the longest run of `!`) a query may have
MAX_NESTING = 256
_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")
_NOTS = re.compile(r"!(?:\s*!)*")


def nesting(query: str) -> int:
    """How deep a query nests: groups and brackets outside strings, IRIs and comments, or the
    longest run of `!` (each is one level of pyoxigraph's recursive parser)."""
    masked, _ = _masked(query)
    depth = deepest = 0
    for ch in masked:
        if ch in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif ch in _CLOSE:
            depth -= 1
    runs = max((m.group().count("!") for m in _NOTS.finditer(masked)), default=0)
    return max(deepest, runs)


def check_depth(query: str, limit: int = MAX_NESTING) -> None:
    """Raise BadInput for a query nested deeper than `limit`, before pyoxigraph's parser overflows
    its stack on it (a SIGSEGV no Python code can catch)."""
    depth = nesting(query)
    if depth > limit:
        raise BadInput.at(
            "query", f"nested {depth} deep (groups, brackets or '!'); at most {limit} is accepted"
        )


def _masked(query: str) -> tuple[str, list[tuple[int, str]]]:
    """The query with strings, IRIs and comments blanked (same length), and the IRIs by position."""
    iris: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        text = match.group()
        if text.startswith("<"):
            iris.append((match.start(), text[1:-1]))
        return " " * len(text)

    return _SKIPPED.sub(blank, query), iris


_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def looks_like_update(text: str) -> bool:
    """Whether a text that failed to parse as a query reads as a SPARQL Update: its first word
    after the prologue (comments, strings and IRIs blanked first, so `# note` does not hide it)."""
    masked, _ = _masked(text)
    words = [w.upper() for w in masked.replace("{", " ").split()]
    body = [w for w in words if w not in ("PREFIX", "BASE") and not w.endswith(":")]
    return bool(body) and body[0] in _UPDATE_WORDS


def service_targets(query: str) -> list[str | None]:
    """The endpoint of every `SERVICE` in a query: its IRI, or None where it is not a full IRI."""
    masked, iris = _masked(query)
    at = dict(iris)
    targets: list[str | None] = []
    for match in _SERVICE.finditer(masked):
        rest = _TARGET.match(query, match.end())
        target = rest.group(1) if rest is not None else None
        if target is not None and rest is not None:
            targets.append(at.get(rest.start(1), target[1:-1]))
        else:
            targets.append(None)
    return targets


def check_service(query: str, allowed: Collection[str] = ()) -> None:
    """Raise ServiceRefused if the query uses `SERVICE` with an endpoint not in `allowed`."""
    for target in service_targets(query):
        if target is None or target not in allowed:
            shown = f"<{target}>" if target is not None else "an endpoint that is not a full IRI"
            how = "it is not on the allow-list" if allowed else "federated queries are off"
            raise ServiceRefused.at(
                "query",
                f"SERVICE {shown} is refused: this endpoint answers from the local graph only ({how})",
            )
