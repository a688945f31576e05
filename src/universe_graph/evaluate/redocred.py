"""Re-DocRED: relations of encyclopedic leads about works, scored by Wikidata property id.

Re-DocRED (Tan et al., 2022) labels Wikipedia lead sections with entity clusters (typed PER, ORG,
LOC, TIME, NUM, MISC, each with its mentions) and relations between clusters named by Wikidata
property ids. This benchmark keeps the documents about works (`about_work`), joins each one's
tokens into plain text, runs the review extractor on it exactly as `universe-graph ingest` would
(a "review" with no hint of its work), and translates the extracted relations into Wikidata ids
through the ontology's own alignment (`wikidata_alignment`: `owl:equivalentProperty` and
`skos:closeMatch` keep the direction, `owl:inverseOf` swaps it), never a hand-written table.

Only the ids the ontology maps are scored. An extracted entity stands for a cluster when its
folded name (or an alias) equals the folded text of any of the cluster's mentions; a release year
stands for a TIME cluster one of whose mentions contains that year. A predicted relation whose ends
match no cluster counts as a false positive: a fact the text does not state is wrong here.

The baseline, run on the same documents: sentence co-occurrence over the gold clusters, every
ordered pair of clusters named in one sentence whose Re-DocRED types fit the predicate's domain and
range, predicted with that predicate's id.

Inverse pairs. Wikidata states some facts from either end: P155 "follows" and P156 "followed by",
P674 "characters" (work -> character) and P1441 "present in work" (character -> work). Re-DocRED
labels such a fact under one id or both (in the dev split every P674 fact is also labelled P1441,
but 67 P1441 facts have no P674), and our single `appears_in` maps to both: a true "Ann appears in
X" then counts as a hit under P1441 and a false positive under P674. The headline therefore also
scores each inverse pair once (`pairs_once`): a fact is the unordered (pair, ends) whatever id it
is stated under, a prediction is true when gold holds it under either id, and a gold fact labelled
under both ids counts once. The pairs are read from the ontology (two ids one predicate maps in
opposite directions), and the per-id lines and the per-id total stay as before.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import OWL, SKOS, URIRef

from ..errors import BadInput
from ..extract import WorkHint, get_extractor
from ..model import ClaimSet, EntityType, Source, SourceKind
from ..ontology import graph, predicates
from ..vocab import UG
from .base import BenchOptions, BenchReport, register

WDT = "http://www.wikidata.org/prop/direct/"

#: Wikidata properties that describe a creative work (film, series, book, album, game): its
#: makers, cast, characters, publisher, date, place in a series. A document is about a work when
#: its first-named entity is an end of one of these relations.
WORK_PROPERTIES = frozenset(
    {
        "P57",  # director
        "P58",  # screenwriter
        "P86",  # composer
        "P161",  # cast member
        "P162",  # producer
        "P170",  # creator
        "P175",  # performer
        "P50",  # author
        "P123",  # publisher
        "P178",  # developer
        "P264",  # record label
        "P272",  # production company
        "P449",  # original broadcaster
        "P400",  # platform
        "P577",  # publication date
        "P155",  # follows
        "P156",  # followed by
        "P179",  # part of the series
        "P144",  # based on
        "P136",  # genre
        "P364",  # original language
        "P674",  # characters
        "P1441",  # present in work
    }
)

#: Re-DocRED's entity types and the ontology classes (or literal datatypes) each may stand for.
DOCRED_TYPES: Mapping[str, frozenset[str]] = {
    "PER": frozenset({"Character", "Person"}),
    "ORG": frozenset({"Organization"}),
    "LOC": frozenset({"Location", "string"}),  # language names are LOC in Re-DocRED ("English")
    "MISC": frozenset({"Film", "Series", "Work", "Universe", "Genre", "string"}),
    "TIME": frozenset({"integer"}),
    "NUM": frozenset({"integer", "decimal"}),
}


@dataclass(frozen=True)
class Alignment:
    """One of our predicates read as a Wikidata property: `inverse` swaps subject and object."""

    predicate: str
    pid: str
    inverse: bool


@cache
def wikidata_alignment() -> tuple[Alignment, ...]:
    """Every (predicate, Wikidata id, direction) the ontology states, read from `universe.ttl`."""
    g = graph()
    out: list[Alignment] = []
    for name in predicates():
        prop = URIRef(str(UG._NS) + name)
        links = ((OWL.equivalentProperty, False), (SKOS.closeMatch, False), (OWL.inverseOf, True))
        for link, inverse in links:
            for target in g.objects(prop, link):
                text = str(target)
                if text.startswith(WDT):
                    out.append(Alignment(name, text[len(WDT) :], inverse))
    return tuple(sorted(out, key=lambda a: (a.pid, a.predicate)))


@cache
def inverse_ids() -> dict[str, str]:
    """Each Wikidata id that states a fact of an inverse pair, with the id that states it from the
    other end: two ids one of our predicates maps in opposite directions (`follows` is P155 and
    the inverse of P156; `appears_in` is P1441 and the inverse of P674)."""
    by_predicate: dict[str, dict[str, bool]] = defaultdict(dict)
    for a in wikidata_alignment():
        by_predicate[a.predicate][a.pid] = a.inverse
    out: dict[str, str] = {}
    for ids in by_predicate.values():
        for p, p_inverse in ids.items():
            for q, q_inverse in ids.items():
                if p != q and p_inverse != q_inverse:
                    out[p] = q
    return out


def _id_number(pid: str) -> int:
    return int(pid[1:]) if pid[1:].isdigit() else 0


def canonical(key: tuple[str, Any, Any]) -> tuple[str, Any, Any]:
    """One fact of an inverse pair under one id: the lower-numbered id of the pair, its ends
    swapped when the fact was stated under the other ("P1441 Ann -> X" is "P674 X -> Ann")."""
    pid, head, tail = key
    other = inverse_ids().get(pid)
    if other is not None and _id_number(other) < _id_number(pid):
        return (other, tail, head)
    return key


def pair_label(pid: str) -> str:
    """An id's name in the pairs-once lines: "P674|P1441" for a pair, the id alone otherwise."""
    other = inverse_ids().get(pid)
    return f"{pid}|{other}" if other is not None else pid


def mapped_ids() -> list[str]:
    """The Wikidata ids the ontology maps (the only ones scored)."""
    return sorted({a.pid for a in wikidata_alignment()}, key=lambda p: int(p[1:]))


def film_ids() -> frozenset[str]:
    """Mapped ids whose predicate has a work at one end: the "film relations" of the headline."""
    table = predicates()
    out: set[str] = set()
    for a in wikidata_alignment():
        info = table[a.predicate]
        ends = (info.domain or frozenset()) | (info.range or frozenset())
        if ends & {"Work", "Film", "Series"} or (info.is_literal and info.domain and "Work" in info.domain):
            out.add(a.pid)
    return frozenset(out)


# ---------------------------------------------------------------------------------- data
def fold(name: str) -> str:
    """A name compared loosely: NFKC, lower case, apostrophes and punctuation as word breaks."""
    text = unicodedata.normalize("NFKC", name).lower().replace("’", "'")
    return " ".join(re.findall(r"\w+", text))


def is_redocred(path: Path) -> bool:
    """A JSON file holding a list of documents, each with `vertexSet`, `sents` and `labels`."""
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    keys = {"vertexSet", "sents", "labels"}
    return (
        isinstance(data, list) and bool(data) and all(isinstance(d, dict) and keys <= d.keys() for d in data)
    )


def first_entity(doc: Mapping[str, Any]) -> int:
    """The cluster named first in the text (Re-DocRED's lead names its subject first)."""
    vs = doc["vertexSet"]
    return min(range(len(vs)), key=lambda i: min((m["sent_id"], m["pos"][0]) for m in vs[i]))


#: work properties that also link anything else in a succession (companies, seasons, car models):
#: they count as gold in a document about a work, but never make a document one
SUCCESSION = frozenset({"P155", "P156"})


def about_work(doc: Mapping[str, Any]) -> bool:
    """The document is about a work, or about something whose article states a work's facts:
    its first-named entity is an end of a `WORK_PROPERTIES` relation (a succession alone is not
    enough: "US Airways Group followed America West")."""
    first = first_entity(doc)
    kinds = WORK_PROPERTIES - SUCCESSION
    return any(lab["r"] in kinds and first in (lab["h"], lab["t"]) for lab in doc["labels"])


def own_work(doc: Mapping[str, Any]) -> int | None:
    """The work the text is about: the first-named entity when it is the subject of a work
    property (not merely "present in work" or in a succession), else None (an article about a
    person, a company or a place)."""
    first = first_entity(doc)
    heads = {lab["r"] for lab in doc["labels"] if lab["h"] == first}
    return first if heads & (WORK_PROPERTIES - SUCCESSION - {"P1441"}) else None


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "]", "!", "?", "%", "'s", "'", "n't", "’s"})


def join_tokens(sents: Sequence[Sequence[str]]) -> str:
    """The document's tokens as ordinary text: no space before punctuation or after an opening
    bracket, straight double quotes attached to what they enclose."""
    out: list[str] = []
    for sent in sents:
        words: list[str] = []
        quote_open = False
        glue = False
        for tok in sent:
            if tok == '"':
                if quote_open:
                    words[-1:] = [(words[-1] if words else "") + '"']
                else:
                    words.append('"')
                    glue = True
                quote_open = not quote_open
                continue
            attach = words and (words[-1].endswith(("(", "[")) or tok in _NO_SPACE_BEFORE)
            if glue or attach:
                words[-1] = words[-1] + tok
            else:
                words.append(tok)
            glue = False
        out.append(" ".join(words))
    return " ".join(out)


def read_documents(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise BadInput.at(str(path), f"not JSON: {e.msg}", line=e.lineno) from e
    if not isinstance(data, list) or not all(isinstance(d, dict) and "vertexSet" in d for d in data):
        raise BadInput.at(str(path), "Re-DocRED data is a list of documents with 'vertexSet'")
    return data


# ------------------------------------------------------------------------------ scoring
#: a predicted relation: Wikidata id, the subject's names, the object's names (or its literal)
Triple = tuple[str, tuple[str, ...], tuple[str, ...]]


@dataclass
class IdCounts:
    """One Wikidata id's true positives, false positives and misses (LitBank's `MatchCounts`
    counts predicted and gold instead, since its coreference credit is fractional)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: IdCounts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def clusters_named(doc: Mapping[str, Any], names: Iterable[str]) -> list[int]:
    """The clusters one of whose mentions folds to one of `names` (a year also finds a TIME
    cluster whose mention contains it: "11 March 2014" for 2014)."""
    folded_names = {fold(n) for n in names} - {""}
    years = {w for w in folded_names if w.isdigit() and len(w) == 4}
    wanted = {n.replace(" ", "") for n in folded_names}  # "Do n't" in the data, "Don't" in the text
    out: list[int] = []
    for i, cluster in enumerate(doc["vertexSet"]):
        for m in cluster:
            folded = fold(m["name"])
            dated = m["type"] == "TIME" and bool(years & set(folded.split()))
            if folded.replace(" ", "") in wanted or dated:
                out.append(i)
                break
    return out


def gold_triples(doc: Mapping[str, Any], pids: Iterable[str]) -> set[tuple[str, int, int]]:
    keep = set(pids)
    return {(lab["r"], lab["h"], lab["t"]) for lab in doc["labels"] if lab["r"] in keep}


def score_document(
    doc: Mapping[str, Any], predicted: Iterable[Triple], pids: Iterable[str], *, pairs_once: bool = False
) -> dict[str, IdCounts]:
    """Per-id counts for one document: a prediction is true when its ends stand for the two
    clusters of a gold relation with that id; each gold relation is found at most once. With
    `pairs_once`, the facts of an inverse pair are counted once, under the pair's `canonical` id
    (true when gold states the fact under either id)."""
    pids = list(pids)
    gold = gold_triples(doc, pids)
    same: Any = canonical if pairs_once else (lambda key: key)
    if pairs_once:
        gold = {canonical(g) for g in gold}
    keys: set[tuple[str, Any, Any]] = set()
    for pid, heads, tails in predicted:
        if pid not in pids:
            continue
        hs, ts = clusters_named(doc, heads), clusters_named(doc, tails)
        pairs = [same((pid, h, t)) for h in hs for t in ts if h != t]
        hit = [p for p in pairs if p in gold]
        if hit:
            keys.add(hit[0])
        elif pairs:
            keys.add(pairs[0])
        else:
            unmatched = (pid, min(map(fold, heads), default=""), min(map(fold, tails), default=""))
            keys.add(same(unmatched))
    return tally(keys, gold, pids)


def tally(keys: set[Any], gold: set[Any], pids: Iterable[str]) -> dict[str, IdCounts]:
    """Per-id true positives, false positives and misses of predicted `keys` against `gold`
    (each key an (id, head, tail) triple)."""
    out = {pid: IdCounts() for pid in pids}
    for key in keys:
        if key in gold:
            out[key[0]].tp += 1
        else:
            out[key[0]].fp += 1
    for key in gold - keys:
        out[key[0]].fn += 1
    return out


def _fits(docred_type: str, classes: frozenset[str] | None) -> bool:
    if classes is None:
        return True
    allowed = DOCRED_TYPES.get(docred_type, frozenset())
    return bool(allowed & classes) or ("Work" in classes and bool(allowed & {"Film", "Series"}))


def cooccurrence(doc: Mapping[str, Any], pids: Iterable[str]) -> list[tuple[str, int, int]]:
    """The baseline: every ordered pair of clusters named in one sentence whose types fit the
    predicate's domain and range, with each id the ontology maps to that predicate."""
    table = predicates()
    keep = set(pids)
    by_sentence: dict[int, set[int]] = defaultdict(set)
    for i, cluster in enumerate(doc["vertexSet"]):
        for m in cluster:
            by_sentence[m["sent_id"]].add(i)
    vs = doc["vertexSet"]
    out: set[tuple[str, int, int]] = set()
    for a in wikidata_alignment():
        if a.pid not in keep:
            continue
        info = table[a.predicate]
        rng = frozenset({info.datatype}) if info.datatype else info.range
        for members in by_sentence.values():
            for s in members:
                for o in members:
                    if s == o or not (_fits(vs[s][0]["type"], info.domain) and _fits(vs[o][0]["type"], rng)):
                        continue
                    out.add((a.pid, o, s) if a.inverse else (a.pid, s, o))
    return sorted(out)


def score_clusters(
    doc: Mapping[str, Any],
    predicted: Iterable[tuple[str, int, int]],
    pids: Iterable[str],
    *,
    pairs_once: bool = False,
) -> dict[str, IdCounts]:
    """Per-id counts for predictions made directly on the gold clusters (the baseline); with
    `pairs_once`, as `score_document` counts them."""
    pids = list(pids)
    gold = gold_triples(doc, pids)
    keys: set[tuple[str, Any, Any]] = {p for p in predicted if p[0] in pids}
    if pairs_once:
        gold, keys = {canonical(g) for g in gold}, {canonical(k) for k in keys}
    return tally(keys, gold, pids)


def claim_triples(claims: ClaimSet) -> list[Triple]:
    """The extractor's relations as Wikidata triples, through the ontology's alignment."""
    names: dict[str, tuple[str, ...]] = {e.id: (e.name, *e.aliases) for e in claims.entities}
    by_predicate: dict[str, list[Alignment]] = defaultdict(list)
    for a in wikidata_alignment():
        by_predicate[a.predicate].append(a)
    out: list[Triple] = []
    for rel in claims.relations:
        subject = names.get(rel.subject, ())
        obj = names.get(rel.object, ()) if isinstance(rel.object, str) else ()
        if not obj:
            obj = (str(rel.object),)
        for a in by_predicate.get(rel.predicate, []):
            out.append((a.pid, obj, subject) if a.inverse else (a.pid, subject, obj))
    return out


def work_name(claims: ClaimSet) -> str | None:
    """The name of the entity the extractor took the text to be about."""
    about = claims.source.about
    return next((e.name for e in claims.entities if e.id == about), None)


# ------------------------------------------------------------------------------- report
class IdLine(BenchReport):
    """One Wikidata id's figures, for the extractor and the baseline."""

    pid: str
    predicates: list[str]
    gold: int
    tp: int
    fp: int
    fn: int
    base_tp: int
    base_fp: int


class RedocredReport(BenchReport):
    """Per-id lines, film-relation and all-mapped micro totals, own-work accuracy, the baseline;
    the inverse pairs and the film total also with each pair's facts counted once."""

    documents: int
    works: int
    works_right: int
    ids: list[IdLine]
    pairs: list[IdLine]
    film: dict[str, float]
    film_once: dict[str, float]
    mapped: dict[str, float]
    baseline_film: dict[str, float] | None
    baseline_film_once: dict[str, float] | None
    baseline_mapped: dict[str, float] | None
    wrong_works: list[str]

    def render(self) -> str:
        lines = [
            f"Re-DocRED: {self.documents} documents about works (first-named entity in a work relation)",
            f"{'id':<6} {'predicates':<34} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}"
            "  (tp/fp/fn)   baseline P/R/F1",
        ]

        def row(line: IdLine) -> str:
            c = IdCounts(line.tp, line.fp, line.fn)
            b = IdCounts(line.base_tp, line.base_fp, line.gold - line.base_tp)
            return (
                f"{line.pid:<6} {','.join(line.predicates):<34} {line.gold:>5} {c.precision:>6.3f} "
                f"{c.recall:>6.3f} {c.f1:>6.3f}  ({c.tp}/{c.fp}/{c.fn})   "
                + (f"{b.precision:.3f}/{b.recall:.3f}/{b.f1:.3f}" if self.baseline_film else "-")
            )

        lines += [row(line) for line in self.ids]
        if self.pairs:
            lines.append("inverse pairs, each fact counted once under either id:")
            lines += [row(line) for line in self.pairs]

        def total(label: str, figures: dict[str, float], base: dict[str, float] | None) -> str:
            text = (
                f"{label}: P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f}"
                f" ({int(figures['tp'])}/{int(figures['fp'])}/{int(figures['fn'])})"
            )
            if base:
                text += (
                    f"; baseline (sentence co-occurrence) P {base['precision']:.3f}"
                    f" R {base['recall']:.3f} F1 {base['f1']:.3f}"
                )
            return text

        lines.append(total("film relations (micro, pairs once)", self.film_once, self.baseline_film_once))
        lines.append(total("film relations (micro, each id)", self.film, self.baseline_film))
        lines.append(total("all mapped ids (micro)", self.mapped, self.baseline_mapped))
        lines.append(
            f"own work right: {self.works_right}/{self.works} documents whose first entity is a work"
        )
        return "\n".join(lines)


def _figures(c: IdCounts) -> dict[str, float]:
    return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}


def _source(index: int, text: str) -> Source:
    """A review source for one document, as `ingest` would make for a file (no work named)."""
    return Source(
        id=f"redocred-{index}",
        location=f"redocred:{index}",
        kind=SourceKind.REVIEW,
        tier=SourceKind.REVIEW.default_tier,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@register("redocred", is_redocred)
def run_redocred(path: Path, options: BenchOptions) -> RedocredReport:
    """Extract every document about a work and score its relations per mapped Wikidata id."""
    docs = [d for d in read_documents(path) if about_work(d)]
    if options.limit is not None:
        docs = docs[: options.limit]
    pids = mapped_ids()
    film = film_ids()
    texts = [join_tokens(d["sents"]) for d in docs]
    extractor = get_extractor(options.extractor)
    items = [(t, _source(i, t), WorkHint(type=EntityType.FILM)) for i, t in enumerate(texts)]
    results = extractor.run_many(items)
    per: dict[str, IdCounts] = {p: IdCounts() for p in pids}
    base: dict[str, IdCounts] = {p: IdCounts() for p in pids}
    once: dict[str, IdCounts] = {p: IdCounts() for p in pids}
    base_once: dict[str, IdCounts] = {p: IdCounts() for p in pids}
    works = right = 0
    wrong: list[str] = []
    for doc, result in zip(docs, results, strict=True):
        triples = claim_triples(result.claims)
        for pid, c in score_document(doc, triples, pids).items():
            per[pid].add(c)
        for pid, c in score_document(doc, triples, pids, pairs_once=True).items():
            once[pid].add(c)
        if options.baseline:
            pairs = cooccurrence(doc, pids)
            for pid, c in score_clusters(doc, pairs, pids).items():
                base[pid].add(c)
            for pid, c in score_clusters(doc, pairs, pids, pairs_once=True).items():
                base_once[pid].add(c)
        target = own_work(doc)
        if target is not None:
            works += 1
            name = work_name(result.claims)
            if name is not None and target in clusters_named(doc, [name]):
                right += 1
            else:
                wrong.append(f"{doc['title']}: {name!r}")
    names: dict[str, list[str]] = defaultdict(list)
    for a in wikidata_alignment():
        names[a.pid].append(("~" if a.inverse else "") + a.predicate)

    def line(pid: str, label: str, counts: dict[str, IdCounts], baseline: dict[str, IdCounts]) -> IdLine:
        c, b = counts[pid], baseline[pid]
        return IdLine(
            benchmark="redocred",
            pid=label,
            predicates=names[pid],
            gold=c.tp + c.fn,
            tp=c.tp,
            fp=c.fp,
            fn=c.fn,
            base_tp=b.tp,
            base_fp=b.fp,
        )

    lines = [line(p, p, per, base) for p in pids]
    inverse = inverse_ids()
    pair_lines = [
        line(p, pair_label(p), once, base_once)
        for p in pids
        if p in inverse and canonical((p, 0, 1))[0] == p and inverse[p] in pids
    ]
    film_total, all_total, base_film, base_all = IdCounts(), IdCounts(), IdCounts(), IdCounts()
    film_once, base_film_once = IdCounts(), IdCounts()
    for p in pids:
        all_total.add(per[p])
        base_all.add(base[p])
        if p in film:
            film_total.add(per[p])
            base_film.add(base[p])
            film_once.add(once[p])  # a pair's second id counts nothing here: its facts are the first's
            base_film_once.add(base_once[p])
    return RedocredReport(
        benchmark="redocred",
        documents=len(docs),
        works=works,
        works_right=right,
        ids=lines,
        pairs=pair_lines,
        film=_figures(film_total),
        film_once=_figures(film_once),
        mapped=_figures(all_total),
        baseline_film=_figures(base_film) if options.baseline else None,
        baseline_film_once=_figures(base_film_once) if options.baseline else None,
        baseline_mapped=_figures(base_all) if options.baseline else None,
        wrong_works=wrong,
    )
