"""Resolution as a stage of ingest: read -> resolve -> put -> project (issues 14 and 15).

`ResolutionStage.run` resolves incoming sources against what a canonical store holds and returns a
`Resolved`: the incoming claims on the kept IRIs, the stored sources that a merge or a newly known
name changes (rewritten, to be put again), and the `ResolutionResult` that says what was merged,
kept apart or left ambiguous, and why. It only reads the store; writing is the store's `put`, so the
stores know nothing of identity.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from pydantic import BaseModel, Field

from .model import ClaimSet, SourceKind
from .resolve import Index, ResolutionResult, apply, index_from_store, resolve_batch
from .stores.base import CanonicalStore


class ResolutionSummary(BaseModel):
    """What resolution did in one ingest, for a report: counts, the first decisions of each
    outcome as lines, and the stored sources rewritten onto kept IRIs or new names."""

    merged: int = 0
    kept_apart: int = 0
    ambiguous: int = 0
    rewritten: list[str] = Field(default_factory=list)
    lines: dict[str, list[str]] = Field(default_factory=dict)  # outcome -> its first decisions


class Resolved(BaseModel):
    """The stage's output: the claims to put (incoming, then rewritten stored sources) and why."""

    result: ResolutionResult = Field(default_factory=ResolutionResult)
    claims: list[ClaimSet] = Field(default_factory=list)  # the incoming sources, resolved
    rewritten: list[ClaimSet] = Field(default_factory=list)  # stored sources a merge changes

    @property
    def to_put(self) -> list[ClaimSet]:
        return [*self.claims, *self.rewritten]

    def summary(self, limit: int = 50) -> ResolutionSummary:
        """The result in short: every count, at most `limit` decision lines per outcome."""
        outcomes = {"merged": self.result.merged, "kept_apart": self.result.kept_apart}
        outcomes["ambiguous"] = self.result.ambiguous
        return ResolutionSummary(
            merged=len(self.result.merged),
            kept_apart=len(self.result.kept_apart),
            ambiguous=len(self.result.ambiguous),
            rewritten=[c.source.id for c in self.rewritten],
            lines={k: [d.line() for d in v[:limit]] for k, v in outcomes.items() if v},
        )


class ResolutionStage:
    """Resolves sources against one canonical store (read only). Stored sources in `leave_out`
    are not read into resolution (they are being replaced or read again)."""

    def __init__(self, store: CanonicalStore, leave_out: Collection[str] = ()) -> None:
        self.store = store
        self.leave_out = leave_out

    def run(self, sources: Sequence[ClaimSet]) -> Resolved:
        """Decide identity over the store and `sources` at once; see `resolve.resolve_batch`."""
        done = resolve_batch(sources, index=index_from_store(self.store, self.leave_out))
        incoming = {claims.source.id for claims in done.claims}
        stored = self._touched(done.result.mapping, done.index, skip=incoming)
        return Resolved(result=done.result, claims=done.claims, rewritten=stored)

    def _touched(self, mapping: dict[str, str], index: Index, skip: set[str]) -> list[ClaimSet]:
        """Stored sources that a merge or a newly known name changes, rewritten: an entity that
        now has another IRI, or one still labelled by an id that some source names."""
        from pyoxigraph import NamedNode

        renamed = [iri for iri, node in index.nodes.items() if node.id_labels and iri in index.shown]
        iris = sorted({*mapping, *renamed})
        if not iris:
            return []
        current = self.store.sources()
        graphs = {  # a person's decisions keep the IRIs they decided about: never rewritten
            record.graph: sid
            for sid, record in current.items()
            if sid not in skip and record.source.kind is not SourceKind.CURATION
        }
        live = frozenset(graphs)
        hit: set[str] = set()
        for iri in iris:
            node = NamedNode(iri)
            for quad in [
                *self.store.quads(node, None, None, live),
                *self.store.quads(None, None, node, live),
            ]:
                graph = quad.graph_name
                if isinstance(graph, NamedNode):
                    hit.add(graphs[graph.value])
        return [apply(self.store.claims_of(current[sid]), mapping, index) for sid in sorted(hit)]
