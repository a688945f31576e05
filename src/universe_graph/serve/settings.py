"""The server's settings: one pydantic model, with every guard on by default."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ServeSettings(BaseModel):
    """What `universe-graph serve` was started with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=0, le=65535)
    token: str | None = None  # enables POST /sources; requests must send `Authorization: Bearer TOKEN`
    timeout: float = Field(default=10.0, gt=0, description="seconds a query may run")
    max_rows: int = Field(default=10_000, gt=0, description="rows (or triples) a query may return")
    query_memory: int = Field(
        default=1024 * 1024 * 1024, gt=0, description="bytes of memory one Cypher query may use in FalkorDB"
    )
    max_result_bytes: int = Field(
        default=64 * 1024 * 1024, gt=0, description="bytes of a Cypher answer read before it is cut off"
    )
    max_body: int = Field(default=4 * 1024 * 1024, gt=0, description="bytes a request body may have")
    cors: tuple[str, ...] = ()  # allowed origins; none: no CORS headers at all
    #: SPARQL endpoints a query may name in SERVICE (exact IRIs); none: federation is refused (403)
    service_allow: tuple[str, ...] = ()
    sparql_workers: int = Field(default=2, ge=1, le=32, description="worker processes for SPARQL")
    json_workers: int = Field(
        default=4, ge=1, le=64, description="query-API requests (named queries, path, ...) computed at once"
    )
