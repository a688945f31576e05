"""Cypher over HTTP in the shape of Neo4j's Query API: `POST /db/{name}/query/v2`, read-only, bounded."""

from __future__ import annotations

import re
from typing import Any

import redis
from falkordb.query_result import QueryResult  # type: ignore[import-untyped]
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool

from ..stores.falkordb import GRAPH, SYNC_GRAPH
from ..stores.falkordb_stream import TooLarge, capped_ro_query
from .cypher_watch import Watch
from .errors import ApiError, ErrorBody
from .state import ServerState
from .values import jsonable

router = APIRouter(tags=["cypher"])
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

#: database names that mean the universe graph (Neo4j apps default to `neo4j`)
DEFAULT_NAMES = {GRAPH, "neo4j"}


class CypherRequest(BaseModel):
    """A Query API request: one statement and its parameters (values are bound, never pasted)."""

    model_config = ConfigDict(extra="ignore")

    statement: str = Field(min_length=1)
    parameters: dict[str, Any] = Field(default_factory=dict)

    @field_validator("parameters")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        bad = [k for k in value if not _PARAM_NAME.match(k)]
        if bad:
            raise ValueError(f"parameter names are letters, digits and _, not {bad[0]!r}")
        return value


class CypherData(BaseModel):
    fields: list[str]
    values: list[list[Any]]


class Notification(BaseModel):
    code: str
    title: str
    description: str
    severity: str = "WARNING"


class CypherResponse(BaseModel):
    """A Query API answer: the fields and the rows."""

    data: CypherData
    bookmarks: list[str] = Field(default_factory=list)
    notifications: list[Notification] | None = None


def _error(status: int, code: str, message: str) -> ApiError:
    return ApiError(status, code, message)


def _classify(message: str, timeout: float) -> ApiError:
    """A FalkorDB error as a Neo4j status code."""
    lowered = message.lower()
    if "read-only" in lowered or "ro_query" in lowered:
        return _error(
            400,
            "Neo.ClientError.Statement.AccessMode",
            "write clauses are refused: the graph is read-only here (write through POST /sources)",
        )
    if "timed out" in lowered:
        return _ended("timeout", timeout)
    if "mem consumption exceeded" in lowered:
        return _ended("memory", timeout)
    if "empty key" in lowered:
        return _error(404, "Neo.ClientError.Database.DatabaseNotFound", "no such database")
    if "errmsg" in lowered or "invalid input" in lowered or "syntax" in lowered:
        return _error(400, "Neo.ClientError.Statement.SyntaxError", message)
    if "type mismatch" in lowered:
        return _error(400, "Neo.ClientError.Statement.TypeError", message)
    if "parameter" in lowered:
        return _error(400, "Neo.ClientError.Statement.ParameterMissing", message)
    return _error(400, "Neo.ClientError.Statement.ArgumentError", message)


def _ended(reason: str, timeout: float) -> ApiError:
    """The answer for a query whose server was ended by the watch."""
    if reason == "memory":
        return _error(
            400,
            "UG.ClientError.Query.MemoryLimit",
            "the query needed more memory than one query may use here and was stopped",
        )
    return _error(
        408,
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        f"the query ran longer than {timeout:g} s and was stopped",
    )


def _restart(state: ServerState) -> None:
    """Start the projection's server again after the watch ended it (once, whoever asks first)."""
    with state.restart_lock:
        projection = state.store.projection
        if projection is not None and projection.server.closed:
            state.store.restart_projection()


def run_cypher(
    state: ServerState, database: str, statement: str, parameters: dict[str, Any]
) -> CypherResponse:
    """Run a read-only statement bounded by FalkorDB's own timeout and memory limit; rows past the
    limit are never read (the reply is cut off as it streams) and the answer says so."""
    projection = state.store.projection
    if projection is None:
        raise _error(503, "Neo.TransientError.General.DatabaseUnavailable", "the projection is not open")
    if database == SYNC_GRAPH or not database.replace("_", "").replace("-", "").isalnum():
        raise _error(404, "Neo.ClientError.Database.DatabaseNotFound", f"no database named {database!r}")
    name = GRAPH if database in DEFAULT_NAMES else database
    graph = projection.server.graph(name)
    timeout = state.settings.timeout
    limit = state.settings.max_rows
    watch = Watch(projection.server, timeout, state.settings.query_memory, lambda: _restart(state))
    with watch:
        try:
            try:
                query = graph._build_params_header(parameters) + statement
                answer = capped_ro_query(
                    projection.server.socket_path,
                    name,
                    query,
                    timeout_ms=max(1, int(timeout * 1000)),
                    max_rows=limit,
                    max_bytes=state.settings.max_result_bytes,
                )
                result = QueryResult(graph, answer.response)
            except redis.ResponseError as e:
                error = _classify(str(e), timeout)
                if error.code == "Neo.ClientError.Database.DatabaseNotFound":
                    raise _error(404, error.code, f"no database named {database!r}") from e
                raise error from e
            except TooLarge as e:
                raise _error(
                    400,
                    "UG.ClientError.Result.TooLarge",
                    f"the first row alone is larger than {state.settings.max_result_bytes} bytes",
                ) from e
            except (
                ValueError,
                TypeError,
            ) as e:  # the client cannot write a parameter (e.g. a map key with a backtick)
                raise _error(
                    400, "Neo.ClientError.Statement.ArgumentError", f"a parameter cannot be sent: {e}"
                ) from e
            except TimeoutError as e:  # the server did not answer well past the query's own timeout
                raise _ended("timeout", timeout) from e
            except (redis.RedisError, OSError) as e:
                raise _error(
                    503,
                    "Neo.TransientError.General.DatabaseUnavailable",
                    f"the graph store is unavailable: {e}",
                ) from e
        except ApiError as e:
            if watch.ended is not None:
                raise _ended(watch.ended, timeout) from e
            raise
    fields = [str(h[1]) if isinstance(h, list | tuple) else str(h) for h in result.header]
    rows = result.result_set
    notifications = None
    if answer.truncated:
        notifications = [
            Notification(
                code="UG.ClientNotification.Result.Truncated",
                title="Result truncated",
                description=f"only the first {len(rows)} rows are returned (--max-rows {limit})",
            )
        ]
    values = [[jsonable(v) for v in row] for row in rows]
    return CypherResponse(data=CypherData(fields=fields, values=values), notifications=notifications)


@router.post(
    "/db/{database}/query/v2",
    status_code=202,
    response_model=CypherResponse,
    response_model_exclude_none=True,
    responses={400: {"model": ErrorBody}, 404: {"model": ErrorBody}, 408: {"model": ErrorBody}},
    summary="Run a read-only Cypher statement (Neo4j Query API shape)",
)
async def query_v2(database: str, payload: CypherRequest, request: Request) -> JSONResponse:
    state: ServerState = request.app.state.server
    answer = await run_in_threadpool(run_cypher, state, database, payload.statement, payload.parameters)
    return JSONResponse(answer.model_dump(exclude_none=True), status_code=202)
