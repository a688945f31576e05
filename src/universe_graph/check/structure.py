"""Rule 6, structure: the SHACL shapes of `ontology/shapes.ttl`, source by source, as stored.

Each violation is shown with the evidence of the entity, claim or event that breaks the shape
(its source, tier and line or quote), and tied to the work it concerns where there is one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import URIRef
from rdflib.term import Node

from ..model import ClaimSet, Evidence
from ..rdf import claim_iri
from ..validate import shacl_results
from .base import Cited, Fact, Finding, Rule, Severity, cite, register
from .facts import Universe


@register
class Structure(Rule):
    name = "structure"
    number = 6
    severity = Severity.ERROR
    summary = "a SHACL shape of the ontology is broken"

    def cache_key(self) -> str:
        """A digest of the shapes, the ontology and the code that compiles and runs them: SHACL's
        findings are kept per store version under it, so a changed shape is never answered from
        an old result."""
        from .. import shapes, validate
        from ..assets import ontology_file

        digest = hashlib.sha256()
        for path in (ontology_file("shapes.ttl"), ontology_file("universe.ttl")):
            digest.update(path.read_bytes())
        for module in (shapes.__file__, validate.__file__, __file__):
            digest.update(Path(module).read_bytes())
        return digest.hexdigest()[:16]

    def run(self, universe: Universe) -> Iterable[Finding]:
        for claims in universe.claimsets:
            owners = _owners(universe, claims)
            for focus, problem in shacl_results(claims):
                works, cited = owners.get(focus, ([], [])) if focus is not None else ([], [])
                if not cited:
                    cited = [
                        Cited(
                            source=claims.source.id,
                            tier=claims.source.tier,
                            location=problem.file,
                            extractor="shapes",
                            confidence=1.0,
                            line=problem.line,
                        )
                    ]
                yield self.finding(
                    f"{claims.source.id}: {problem}",
                    works=works,
                    entities=[str(focus)] if isinstance(focus, URIRef) else [],
                    facts=[
                        Fact(statement=str(problem), subject=str(focus) if focus else None, evidence=cited)
                    ],
                )


def _owners(universe: Universe, claims: ClaimSet) -> dict[Node, tuple[list[str], list[Cited]]]:
    """Focus node -> (works it concerns, its evidence) for the source's entities, claims and events."""
    out: dict[Node, tuple[list[str], list[Cited]]] = {}
    source = claims.source

    def cited(evidence: Iterable[Evidence]) -> list[Cited]:
        return [cite(e, source.tier, source.location) for e in evidence]

    for entity in claims.entities:
        out[URIRef(entity.id)] = ([entity.id] if entity.type.is_work else [], cited(entity.evidence))
    for rel in claims.relations:
        works = {w for w in (rel.qualifiers.work, rel.subject, rel.object) if isinstance(w, str)}
        works = {w for w in works if universe.types.get(w) is not None and universe.types[w].is_work}
        out[claim_iri(rel, source.id)] = (sorted(works), cited(rel.evidence))
    for event in claims.events:
        out[URIRef(event.id)] = ([event.work], cited(event.evidence))
    return out
