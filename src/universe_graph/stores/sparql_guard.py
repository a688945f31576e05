"""Federated SPARQL (`SERVICE`) refused: a query over the local graph never makes a request elsewhere.

pyoxigraph follows `SERVICE <http://...>` to any URL and has no switch to turn that off, so a query
sent to `/sparql` (a cross-origin form POST needs no preflight) could make the server fetch internal
URLs. Queries are scanned before they run: strings, IRIs and comments are blanked out, then the
keyword `SERVICE` (any case) outside a name or variable means federation. The scan errs on the side
of refusing: a local name like `ex:a.service` is refused too, a `SERVICE` hidden in a string is not.
(Oxigraph does not apply `\\uXXXX` escapes outside strings, so an escaped keyword is a syntax error.)

An allow-list names the endpoints that may be used; a `SERVICE` whose target is a variable or a
prefixed name is refused whatever the list says (only a full `<IRI>` can be checked).
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


def _masked(query: str) -> tuple[str, list[tuple[int, str]]]:
    """The query with strings, IRIs and comments blanked (same length), and the IRIs by position."""
    iris: list[tuple[int, str]] = []

    def blank(match: re.Match[str]) -> str:
        text = match.group()
        if text.startswith("<"):
            iris.append((match.start(), text[1:-1]))
        return " " * len(text)

    return _SKIPPED.sub(blank, query), iris


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
