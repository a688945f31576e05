"""Learning question templates from training questions (MetaQA's format) against the store.

For each template (question with its topic replaced by NE) we look at some of its questions, walk
every relation chain of up to three hops from the topic through the stored graph, and keep the
chain (and whether the topic itself is left out) that gives exactly the right answers most often.
Only the questions and their answers are read, never the question-type column.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import ontology
from ..stores.base import CanonicalStore
from . import names
from .chains import LITERAL, Chain, Direction, Hop
from .qa_file import QARow, read_questions
from .templates import LearnedTemplate, TemplateFile, template_of

MAX_HOPS = 3
MAX_FRONTIER = 1000
PER_TEMPLATE = 30

_EDGES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o . VALUES ?p { %s } }"


@dataclass
class MemoryGraph:
    """The store's relation triples in memory: node -> (predicate, direction) -> neighbours."""

    adjacent: dict[str, dict[tuple[str, Direction], set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    label: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: CanonicalStore) -> MemoryGraph:
        graph = cls()
        preds = " ".join(f"ug:{p}" for p in ontology.predicates())
        for row in store.query(_EDGES % preds):
            s, p, o = row["s"], row["p"].value.rsplit("#", 1)[-1], row["o"]
            okey = node_key(o)
            graph.adjacent[s.value][(p, Direction.FORWARD)].add(okey)
            graph.adjacent[okey][(p, Direction.BACKWARD)].add(s.value)
            if okey.startswith(VALUE):
                graph.label[okey] = o.value
        for row in store.query("SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
            graph.label.setdefault(row["e"].value, row["l"].value)
        return graph

    def walks(self, start: str, max_hops: int = MAX_HOPS) -> Iterator[tuple[Chain, set[str], set[str]]]:
        """Every chain from `start` with its end nodes, plain and with the start left out."""

        def step(
            chain: tuple[Hop, ...], plain: set[str], distinct: set[str]
        ) -> Iterator[tuple[Chain, set[str], set[str]]]:
            if chain:
                yield Chain(hops=chain), plain, distinct
            if len(chain) >= max_hops or len(plain) > MAX_FRONTIER:
                return
            moves: set[tuple[str, Direction]] = set()
            for node in plain:
                moves.update(self.adjacent.get(node, {}).keys())
            for move in sorted(moves):
                nxt = {n for node in plain for n in self.adjacent.get(node, {}).get(move, ())}
                nxt_distinct = {n for node in distinct for n in self.adjacent.get(node, {}).get(move, ())}
                nxt_distinct.discard(start)
                yield from step((*chain, Hop(predicate=move[0], direction=move[1])), nxt, nxt_distinct)

        yield from step((), {start}, {start})

    def names_of(self, nodes: set[str]) -> set[str]:
        return {self.label.get(n, n) for n in nodes}


VALUE = "value:"


def _revisits(notation: str) -> bool:
    """Whether a chain can come back to its topic's type: then, on a tie, the topic is left out of
    the answers (an answer is never the thing asked about, as in MetaQA's training answers)."""
    chain = Chain.parse(notation)
    return any(hop.yields() & chain.start_types() for hop in chain.hops)


def node_key(term: object) -> str:
    """A node's key in the memory graph: the IRI, or `value:` and the lexical form."""
    import pyoxigraph as ox

    if isinstance(term, ox.Literal):
        return VALUE + term.value
    assert isinstance(term, ox.NamedNode | ox.BlankNode)
    return term.value


def learn(store: CanonicalStore, files: Sequence[Path], per_template: int = PER_TEMPLATE) -> TemplateFile:
    """Templates and their chains, from training questions answered against the store."""
    groups: dict[str, list[QARow]] = defaultdict(list)
    for path in files:
        for row in read_questions(path):
            groups[template_of(row.question, row.start, row.end)].append(row)
    return TemplateFile(
        format="universe-graph/question-templates@1",
        learned_from=[p.name for p in files],
        templates=Learner(store).learn(groups, per_template),
    )


class Learner:
    """The store's graph and names read once, to learn several template tables (cross-validation)."""

    def __init__(self, store: CanonicalStore) -> None:
        self.graph = MemoryGraph.from_store(store)
        self.index = names.build(store)

    def learn(
        self, groups: Mapping[str, list[QARow]], per_template: int = PER_TEMPLATE
    ) -> dict[str, LearnedTemplate]:
        """For each template, the chain that answers the most of its (first `per_template`) questions."""
        learned: dict[str, LearnedTemplate] = {}
        for template in sorted(groups):
            found = self._one(groups[template][:per_template])
            if found is not None:
                learned[template] = found
        return learned

    def _one(self, rows: list[QARow]) -> LearnedTemplate | None:
        graph = self.graph
        exact: Counter[tuple[str, bool]] = Counter()
        overlap: defaultdict[tuple[str, bool], float] = defaultdict(float)
        for row in rows:
            gold = set(row.answers)
            for candidate in self.index.lookup(row.topic):
                start = VALUE + candidate.term.value if candidate.type == LITERAL else candidate.term.value
                for chain, plain, distinct in graph.walks(start):
                    for flag, nodes in ((False, plain), (True, distinct)):
                        got = graph.names_of(nodes)
                        key = (chain.notation(), flag)
                        if got == gold:
                            exact[key] += 1
                        elif got & gold:
                            overlap[key] += len(got & gold) / len(got | gold)
        if not exact and not overlap:
            return None
        best = min(
            set(exact) | set(overlap),
            key=lambda k: (-exact[k], -overlap[k], k[0].count("/"), k[1] != _revisits(k[0]), k[0]),
        )
        return LearnedTemplate(chain=best[0], distinct=best[1], questions=len(rows), exact=exact[best])
