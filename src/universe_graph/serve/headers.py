"""Security headers on every response: a Content-Security-Policy and `X-Content-Type-Options: nosniff`.

The explorer and the SPARQL form load only our own files (scripts, styles, the favicon) and fetch
only from this server, so the policy allows `'self'` and nothing else: no inline script, no other
origin, no framing. The one inline style is the rule the vendored Cytoscape inserts for its
container, allowed by its hash. `nosniff` keeps a browser from running a JSON or text answer
that echoes user input as a script or a page.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: sha256 of `.__________cytoscape_container { position: relative; }`, the <style> Cytoscape 3 adds
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"

POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        f"style-src 'self' {CYTOSCAPE_STYLE}",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

#: sent with every response, errors included (`errors.response` adds them too)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
}
_RAW = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Add the security headers to every HTTP response that does not carry them already."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in _RAW if name not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
