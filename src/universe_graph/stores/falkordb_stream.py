"""A read-only FalkorDB query whose answer is read row by row and cut off at a row or byte limit.

redis-py reads a whole reply before returning it, and the FalkorDB client then turns every cell into
Python objects: two million rows took 45 s and most of a gigabyte even when only the first 10,000
were wanted. Here the RESP reply is read from its own connection as it streams: once the wanted rows
(or bytes) have arrived, the connection is closed and the server drops the rest of the reply. The
rows kept are handed to the FalkorDB client's own parser, so values come out as they always did.

The query's time and memory are bounded by the server itself (`bound_queries`: TIMEOUT_MAX and
QUERY_MEM_CAPACITY), so a runaway query stops there, not only in this client.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from redis.exceptions import ResponseError

#: the statistics the client parser expects after the rows (ours were cut off with them)
_STATS = ["Cached execution: 0", "Query internal execution time: 0 milliseconds"]


class TooLarge(Exception):
    """Not even the first row fits in the byte limit."""


@dataclass
class Capped:
    """A reply as the FalkorDB client parses it, and whether rows were dropped."""

    response: list[Any]
    truncated: bool


class _Reader:
    """RESP2 values from a stream, counting the bytes read against a budget."""

    def __init__(self, stream: BinaryIO, max_bytes: int) -> None:
        self.stream, self.left = stream, max_bytes

    def _line(self) -> bytes:
        line = self.stream.readline(min(self.left, 1 << 20) + 2)
        self.left -= len(line)
        if not line.endswith(b"\r\n"):
            raise TooLarge if self.left <= 0 else ConnectionError("the graph server closed the connection")
        return line[:-2]

    def value(self) -> Any:
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode("utf-8", "replace")
        if kind == b"-":
            return ResponseError(rest.decode("utf-8", "replace"))
        if kind == b":":
            return int(rest)
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            if size + 2 > self.left:
                raise TooLarge
            data = self.stream.read(size + 2)
            self.left -= size + 2
            if len(data) != size + 2:
                raise ConnectionError("the graph server closed the connection")
            return data[:-2].decode("utf-8", "replace")
        if kind == b"*":
            count = int(rest)
            return None if count < 0 else [self.value() for _ in range(count)]
        raise ConnectionError(f"unexpected reply from the graph server: {line[:40]!r}")

    def count(self) -> int:
        """The length of the array that comes next (its items are read by the caller)."""
        line = self._line()
        if line[:1] == b"-":
            raise ResponseError(line[1:].decode("utf-8", "replace"))
        if line[:1] != b"*":
            raise ConnectionError(f"unexpected reply from the graph server: {line[:40]!r}")
        return int(line[1:])


def _command(*parts: str) -> bytes:
    out = [f"*{len(parts)}\r\n".encode()]
    for part in parts:
        data = part.encode("utf-8")
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def capped_ro_query(
    socket_path: Path,
    graph: str,
    query: str,
    *,
    timeout_ms: int,
    max_rows: int,
    max_bytes: int,
    slack: float = 5.0,
) -> Capped:
    """Run GRAPH.RO_QUERY (compact) and read at most `max_rows` rows and about `max_bytes` bytes.

    `query` already carries its parameters header (the client's `CYPHER a=1 ...`). Server errors
    are raised as redis ResponseError (as the client raises them); a reply with no room for even
    one row raises TooLarge. The socket waits `slack` seconds past the query's own timeout.
    """
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_ms / 1000 + slack)
        sock.connect(str(socket_path))
        sock.sendall(_command("GRAPH.RO_QUERY", graph, query, "--compact", "timeout", str(timeout_ms)))
        reader = _Reader(sock.makefile("rb"), max_bytes)
        parts = reader.count()
        if parts < 3:  # an error, or a reply without rows (statistics only)
            response = [reader.value() for _ in range(parts)]
            if response and isinstance(response[-1], ResponseError):
                raise response[-1]
            return Capped(response, False)
        header = reader.value()
        total = reader.count()
        rows: list[Any] = []
        try:
            for _ in range(min(total, max_rows)):
                rows.append(reader.value())
        except TooLarge:
            if not rows:
                raise
            return Capped([header, rows, _STATS], True)
        if total > max_rows:
            return Capped([header, rows, _STATS], True)  # closing the socket drops the rest
        stats = reader.value()
        if isinstance(stats, ResponseError):  # a run-time error comes last
            raise stats
        return Capped([header, rows, stats], False)
