"""The HTTP protocol uvicorn runs for us: h11, with its own refusals in our JSON error shape.

A request h11 cannot parse (a request line or headers past its 16 KiB buffer, a malformed line)
never reaches the app: uvicorn answers it with a plain-text 400. Here that answer is our error
shape, with the security headers every other response has.
"""

from __future__ import annotations

import json
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .errors import ErrorItem, body
from .headers import SECURITY_HEADERS

#: the error uvicorn sends for a request it cannot parse
UNPARSABLE = ErrorItem(
    code="UG.ClientError.Request.Invalid",
    message="invalid HTTP request (a request line or headers too long, or malformed)",
    status=400,
)


class JsonErrorH11Protocol(H11Protocol):
    """uvicorn's h11 protocol; an unparsable request gets our JSON error shape."""

    def send_400_response(self, msg: str) -> None:
        content = json.dumps(body([UNPARSABLE])).encode("utf-8")
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(content)).encode("ascii")),
            (b"connection", b"close"),
            *[(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()],
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=content),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.transport.close()


#: how `serve` and the tests run uvicorn over our app
UVICORN_OPTIONS: dict[str, Any] = {"http": JsonErrorH11Protocol, "log_level": "warning", "access_log": False}
