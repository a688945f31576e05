"""The Host header checked against the names the server is bound to: a guard against DNS rebinding.

A page on attacker.example can make its own name resolve to 127.0.0.1 and then read this server's
answers as same-origin; the browser still sends `Host: attacker.example`. So a request whose Host
is not the bound address or name, a loopback name (`localhost`, 127.0.0.0/8, ::1), or, when bound
to every interface, an IP literal or this machine's own name, is refused with our error shape.
IP literals cannot be rebound: no attacker page is served from our address.
"""

from __future__ import annotations

import ipaddress
import socket

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import ApiError, response

WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def host_name(header: str) -> str:
    """The name in a Host header: port and IPv6 brackets removed, lower case, no trailing dot."""
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8765
        return header[1:].partition("]")[0]
    if header.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        header = header.partition(":")[0]
    return header.rstrip(".")


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


def accepts(name: str, bound: str) -> bool:
    """Whether a request naming host `name` may be answered by a server bound to `bound`."""
    bound = host_name(bound)
    address = _ip(name)
    if name == bound or name == "localhost" or (address is not None and address.is_loopback):
        return True
    if bound in WILDCARDS:
        return address is not None or name in {socket.gethostname().lower(), socket.getfqdn().lower()}
    return False


class HostCheck:
    """Refuse (400, our error shape) HTTP requests whose Host header does not name this server."""

    def __init__(self, app: ASGIApp, bound: str) -> None:
        self.app, self.bound = app, bound

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = next((v for k, v in scope.get("headers", []) if k == b"host"), None)
            # no Host at all (HTTP/1.0): not a browser, so not a rebinding
            if given is not None and not accepts(host_name(given.decode("latin-1")), self.bound):
                shown = given.decode("latin-1")[:100]
                error = ApiError(
                    400,
                    "UG.ClientError.Security.UnknownHost",
                    f"the Host header {shown!r} does not name this server; use the address it "
                    f"listens on ({self.bound}) or localhost",
                )
                await response(error)(scope, receive, send)
                return
        await self.app(scope, receive, send)
