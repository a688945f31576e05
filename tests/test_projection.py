"""The projection's planning, pure: the one-pass rows of a new source equal the general path's."""

from __future__ import annotations

from typing import Any

import pytest

from universe_graph.fixtures import sample, synthetic
from universe_graph.model import ClaimSet
from universe_graph.stores.projection import Rows, fresh_rows, plan, rows_of, source_items


def canonical(rows: Rows) -> dict[str, Any]:
    def order(items: list[dict[str, Any]]) -> list[str]:
        return sorted(repr(sorted(item.items())) for item in items)

    return {
        "create": {label: order(r) for label, r in rows.create_nodes.items()},
        "edges": {key: order(r) for key, r in rows.edges.items()},
        "rest": (dict(rows.relabel), rows.update_nodes, dict(rows.delete_edges), rows.delete_nodes),
    }


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param(sample().claimsets[0], id="john-wick-universe"),
        pytest.param(synthetic(3000), id="synthetic"),
    ],
)
def test_fresh_rows_equal_the_general_path(claims: ClaimSet) -> None:
    items = source_items(claims)
    general = rows_of(plan(claims.source.id, claims, [], [], items=items))
    assert canonical(fresh_rows(claims, items)) == canonical(general)
    assert sum(len(r) for r in general.edges.values()) > 100


def test_retracting_a_source_deletes_only_what_no_one_else_claims() -> None:
    first = sample().claimsets[0]
    copy = first.model_copy(update={"source": first.source.model_copy(update={"id": "copy"})})
    first_items = plan(first.source.id, first, [], [])
    both = plan(copy.source.id, copy, [], [], first_items.nodes.values(), first_items.edges.values())
    assert all(set(e.entries) == {"john-wick-universe", "copy"} for e in both.edges.values())
    gone = rows_of(plan("copy", None, both.nodes.values(), both.edges.values()))
    assert not gone.delete_nodes and not gone.delete_edges  # the other source still claims all of it
    assert all(
        row["props"]["sources"] == ["john-wick-universe"] for rows in gone.edges.values() for row in rows
    )
