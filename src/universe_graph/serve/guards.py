"""Request guards: a body size limit (checked before and while reading) and the write token."""

from __future__ import annotations

import hmac

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import ApiError, response


def too_large(limit: int) -> ApiError:
    return ApiError(413, "UG.ClientError.Request.TooLarge", f"the request body is larger than {limit} bytes")


class BodyLimit:
    """Refuse bodies over `limit` bytes: by Content-Length at once, and while streaming for chunked ones."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    error = (
                        too_large(self.limit)
                        if declared > 0
                        else ApiError(400, "UG.ClientError.Request.Invalid", "invalid Content-Length")
                    )
                    await response(error)(scope, receive, send)
                    return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise too_large(self.limit)
            return message

        await self.app(scope, limited, send)


def require_token(request: Request, token: str | None) -> None:
    """Writes need the server's token as `Authorization: Bearer TOKEN`; without one they are off."""
    if token is None:
        raise ApiError(
            403,
            "UG.ClientError.Security.Forbidden",
            "writes are disabled: start the server with --token to accept POST /sources",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(
            401,
            "UG.ClientError.Security.Unauthorized",
            "a valid `Authorization: Bearer TOKEN` is needed",
            headers={"WWW-Authenticate": "Bearer"},
        )
