"""`sources`: the stored sources, listed from the store's saved listing when it is current.

A module of its own, importing neither rdflib nor the models, so `sources` starts as fast as
`--help` over a local store whose listing matches its version (`stores/listing.py`).
"""

from __future__ import annotations

from pathlib import Path

import click

from ..stores import listing
from .main import READ_FORMAT, cli, emit_json, table


@cli.command()
@READ_FORMAT
@click.pass_context
def sources(ctx: click.Context, fmt: str) -> None:
    """The stored sources: id, kind, tier, what they are about, where they came from."""
    location = ctx.obj["store"]
    rows = listing.cached(location) if isinstance(location, Path) else None
    if rows is None:
        from .store import read_only  # the full way: the store's engine, rdflib and the models

        with read_only(ctx) as store:
            records = store.sources()
        rows = listing.save(location, records) if isinstance(location, Path) else listing.rows_of(records)
    if fmt == "json":
        emit_json(rows)
    else:
        columns = ["id", "kind", "tier", "location"]
        table(columns, [[r[c] for c in columns] for r in rows])
