"""Rendering claim sets in the output formats: the JSON export contract and RDF syntaxes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .assets import ontology_file
from .errors import BadInput
from .export import merge, to_json_data
from .model import ClaimSet
from .rdf import to_dataset, to_graph

FORMATS = ("json", "ttl", "nt", "trig", "nq", "jsonld")


def render(claimsets: Sequence[ClaimSet], fmt: str) -> str:
    """Text of the claims in `fmt`: json (export contract), ttl, nt, trig, nq or jsonld."""
    if fmt == "json":
        return json.dumps(to_json_data(merge(claimsets)), indent=2, ensure_ascii=False) + "\n"
    if fmt in ("ttl", "nt"):
        return to_graph(claimsets).serialize(format="turtle" if fmt == "ttl" else "nt11")
    if fmt in ("trig", "nq"):
        return to_dataset(claimsets).serialize(format="trig" if fmt == "trig" else "nquads")
    if fmt == "jsonld":
        return to_dataset(claimsets).serialize(format="json-ld", context=jsonld_context(), indent=2)
    raise BadInput.at("--format", f"unknown output format {fmt!r}; valid: {', '.join(FORMATS)}")


def jsonld_context() -> dict[str, Any]:
    with ontology_file("context.jsonld").open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)["@context"]
    return data
