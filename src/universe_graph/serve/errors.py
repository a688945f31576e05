"""One JSON error shape for every error the server answers, in the form of Neo4j's error objects.

`{"errors": [{"code": "...", "message": "...", "status": 404, ...}]}`: the Cypher endpoint's
Neo4j-style errors and every other error (404, 405, 413, validation, timeouts) share it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AmbiguousName,
    BadInput,
    CannotAnswer,
    NotFound,
    StoreBusy,
    StoreUnavailable,
    UniverseGraphError,
)
from .headers import SECURITY_HEADERS

log = logging.getLogger("universe_graph.serve")


class ErrorItem(BaseModel):
    """One error: a Neo4j-style code (`Classification.Category.Title`), a message, and where it lies."""

    code: str
    message: str
    status: int
    field: str | None = None
    line: int | None = None
    suggestions: list[str] | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    errors: list[ErrorItem]


class ApiError(Exception):
    """An error answered with the shared shape."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        items: list[ErrorItem] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers
        self.items = items or [ErrorItem(code=code, message=message, status=status)]


def body(items: list[ErrorItem]) -> dict[str, Any]:
    return ErrorBody(errors=items).model_dump(exclude_none=True)


def response(error: ApiError) -> JSONResponse:
    """The error as a response, with the security headers (the 500s of Starlette's outermost
    middleware do not pass through `SecurityHeaders`)."""
    return JSONResponse(
        body(error.items), status_code=error.status, headers={**SECURITY_HEADERS, **(error.headers or {})}
    )


def from_domain(error: UniverseGraphError) -> ApiError:
    """Our domain errors as HTTP errors: bad input 400, not found 404, ambiguous 409, busy 503."""
    if isinstance(error, BadInput):
        items = [
            ErrorItem(
                code="UG.ClientError.Request.Invalid",
                message=p.message,
                status=400,
                field=p.field or p.file,
                line=p.line,
            )
            for p in error.problems
        ]
        return ApiError(400, items[0].code, str(error), items=items)
    if isinstance(error, NotFound):
        item = ErrorItem(
            code="UG.ClientError.Request.NotFound",
            message=str(error),
            status=404,
            suggestions=list(error.suggestions) or None,
        )
        return ApiError(404, item.code, str(error), items=[item])
    if isinstance(error, AmbiguousName):
        item = ErrorItem(
            code="UG.ClientError.Request.Ambiguous",
            message=str(error),
            status=409,
            suggestions=[label for label, _ in error.candidates],
        )
        return ApiError(409, item.code, str(error), items=[item])
    if isinstance(error, CannotAnswer):
        item = ErrorItem(
            code="UG.ClientError.Ask.CannotAnswer",
            message=str(error),
            status=422,
            suggestions=list(error.forms) or None,
        )
        return ApiError(422, item.code, str(error), items=[item])
    if isinstance(error, StoreBusy | StoreUnavailable):
        return ApiError(503, "UG.TransientError.Store.Unavailable", str(error))
    return ApiError(400, "UG.ClientError.Request.Invalid", str(error))


_HTTP_CODES = {
    400: "UG.ClientError.Request.Invalid",
    401: "UG.ClientError.Security.Unauthorized",
    403: "UG.ClientError.Security.Forbidden",
    404: "UG.ClientError.Request.NotFound",
    405: "UG.ClientError.Request.MethodNotAllowed",
    406: "UG.ClientError.Request.NotAcceptable",
    413: "UG.ClientError.Request.TooLarge",
    415: "UG.ClientError.Request.UnsupportedMediaType",
    422: "UG.ClientError.Request.Unprocessable",
}


def install(app: FastAPI) -> None:
    """Make every error, ours, the framework's and unexpected ones, answer with the shared shape."""

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return response(exc)

    @app.exception_handler(UniverseGraphError)
    async def domain_error(_: Request, exc: UniverseGraphError) -> JSONResponse:
        return response(from_domain(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        code = _HTTP_CODES.get(
            status, "UG.ClientError.Request.Invalid" if status < 500 else "UG.DatabaseError.General"
        )
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if status == 404 and message == "Not Found":
            message = "no such endpoint; see /openapi.json"
        error = ApiError(status, code, message, headers=dict(exc.headers or {}) or None)
        return response(error)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        items = []
        for problem in exc.errors():
            where = ".".join(str(p) for p in problem.get("loc", ()) if p != "body") or None
            items.append(
                ErrorItem(
                    code="UG.ClientError.Request.Invalid",
                    message=str(problem.get("msg")),
                    status=400,
                    field=where,
                )
            )
        if not items:
            items = [ErrorItem(code="UG.ClientError.Request.Invalid", message="invalid request", status=400)]
        return JSONResponse(body(items), status_code=400)

    @app.exception_handler(RecursionError)
    async def too_deep(_: Request, exc: RecursionError) -> JSONResponse:
        return response(ApiError(400, "UG.ClientError.Request.Invalid", "the request is nested too deeply"))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=exc)
        error = ApiError(
            500, "UG.DatabaseError.General.UnknownError", "internal error (logged by the server)"
        )
        return response(error)
