"""Structural validation with the SHACL shapes of `ontology/shapes.ttl` (run as SPARQL: `shapes.py`).

Violations are mapped back to the file and line of the thing that breaks a shape, through
the evidence every entity, claim and event carries.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from rdflib import Namespace, URIRef
from rdflib.term import Node

from .errors import BadInput, Problem
from .ingest import SourceOptions, load_paths
from .ingest.base import NO_OPTIONS
from .model import ClaimSet
from .rdf import claim_iri, ntriples
from .shapes import validate_ntriples

SH = Namespace("http://www.w3.org/ns/shacl#")


def shacl_problems(claimsets: Sequence[ClaimSet]) -> list[Problem]:
    """Every SHACL violation, source by source, located where possible.

    The shapes describe one source's named graph: sources may name one entity differently
    ("The Director", "Director"), so each is validated on its own, as it is stored.
    """
    return [problem for claims in claimsets for problem in _shacl_one(claims)]


def _shacl_one(claims: ClaimSet) -> list[Problem]:
    return [problem for _, problem in shacl_results(claims)]


def shacl_results(claims: ClaimSet) -> list[tuple[Node | None, Problem]]:
    """One source's SHACL violations, each with its focus node and located problem, sorted.

    The shapes run as SPARQL queries in Oxigraph (`shapes.py`): pySHACL took minutes per large
    source; the ontology sits beside the data, as the shapes expect (subclasses, relation types)."""
    violations = validate_ntriples(ntriples(claims))
    if not violations:
        return []
    where = _locations([claims])
    results: list[tuple[Node | None, Problem]] = []
    for v in violations:
        file, line = where.get(v.focus, ("(graph)", None))
        value = f" (value {_short(v.value)})" if v.value is not None else ""
        problem = Problem(
            file=file,
            line=line,
            field=_short(v.path) if v.path is not None else None,
            message=f"{_short(v.focus)}: {v.message}{value}",
        )
        results.append((v.focus, problem))
    return sorted(results, key=lambda r: (r[1].file, r[1].line or 0, r[1].message))


def _locations(claimsets: Sequence[ClaimSet]) -> dict[Node, tuple[str, int | None]]:
    """Node -> (file, line) from the first evidence of each entity, claim and event."""
    out: dict[Node, tuple[str, int | None]] = {}
    for cs in claimsets:
        location = cs.source.location
        for entity in cs.entities:
            line = entity.evidence[0].line if entity.evidence else None
            out.setdefault(URIRef(entity.id), (location, line))
        for rel in cs.relations:
            out.setdefault(claim_iri(rel, cs.source.id), (location, rel.evidence[0].line))
            out.setdefault(URIRef(rel.subject), (location, rel.evidence[0].line))
        for event in cs.events:
            out.setdefault(URIRef(event.id), (location, event.evidence[0].line))
    return out


def _short(node: Node) -> str:
    text = str(node)
    for sep in ("#", "/id/"):
        if sep in text:
            return text.split(sep, 1)[1]
    return text


class LocatedProblem(BaseModel):
    """A problem as JSON: where (file, line, field) and what."""

    model_config = ConfigDict(extra="forbid")

    file: str
    line: int | None
    field: str | None
    message: str

    @classmethod
    def of(cls, problem: Problem) -> LocatedProblem:
        return cls(file=problem.file, line=problem.line, field=problem.field, message=problem.message)

    def __str__(self) -> str:
        return str(Problem(file=self.file, message=self.message, line=self.line, field=self.field))


class ValidationReport(BaseModel):
    """What `validate` found: counts per source, warnings, and located problems."""

    model_config = ConfigDict(extra="forbid")

    ok: bool
    sources: list[dict[str, object]]
    warnings: list[str]
    problems: list[LocatedProblem]

    @classmethod
    def failed(cls, error: BadInput) -> ValidationReport:
        """The report for inputs that could not even be read into claims."""
        return cls(ok=False, sources=[], warnings=[], problems=[LocatedProblem.of(p) for p in error.problems])


def validate_paths(
    paths: Sequence[Path], *, shacl: bool = True, kind: str | None = None, options: SourceOptions = NO_OPTIONS
) -> ValidationReport:
    """Check sources against the models, their references, and (optionally) the SHACL shapes.

    Model and reference errors raise BadInput (nothing else can be checked past them);
    SHACL violations are returned in the report with `ok` false.
    """
    loaded = load_paths(paths, kind=kind, options=options)
    problems = shacl_problems(loaded.claimsets) if shacl else []
    summary: list[dict[str, object]] = [
        {
            "id": cs.source.id,
            "kind": cs.source.kind.value,
            "tier": cs.source.tier.value,
            "location": cs.source.location,
            "entities": len(cs.entities),
            "relations": len(cs.relations),
            "events": len(cs.events),
        }
        for cs in loaded.claimsets
    ]
    return ValidationReport(
        ok=not problems,
        sources=summary,
        warnings=loaded.warnings,
        problems=[LocatedProblem.of(p) for p in problems],
    )
