"""LitBank: proper-name detection, typing and named-character coreference in English fiction.

LitBank (Bamman et al. 2019, 2020) ships each sample as tokenised text (one sentence a line,
tokens split by spaces) with brat annotations: `entities/X.ann` (typed, nested spans) and
`coref/X.ann`, where every mention appears twice with the same offsets, once typed
`PROP_PER`, `NOM_FAC`, `PRON_PER`, ... and once labelled with its chain (`Mr_Bennet-6`).

What is scored, and why:

* **Gold names** are the spans `coref/` marks `PROP_*`: LitBank's own proper-name layer. PER counts
  as Character or Person, GPE, LOC and FAC as Location, ORG as Organization. VEH (a ship's name)
  has no type of ours: its spans are left out of the gold, and a predicted span that sits exactly on
  one is not counted either way.
* **Predicted names** are the mentions of the entities the real extractor (the same rules
  `universe-graph ingest TEXT` runs) keeps, minus descriptions ("her adoptive mother"), which are
  not names. The text the extractor reads is the sample detokenised (punctuation glued back,
  sentences joined by spaces), and gold spans are mapped onto it token by token.
* A name is found when its span matches a gold span exactly (untyped); typed, its class must match
  too. Precision, recall and F1 are micro-averaged over the samples.
* **Named-character coreference** is scored on the gold `PROP_PER` mentions only, with B-cubed
  (Bagga and Baldwin 1998): for each gold mention m, with G(m) its gold chain and S(m) its predicted
  cluster (both restricted to those mentions; a mention the system did not find is alone in its
  cluster), precision is |G(m) & S(m)| / |S(m)| and recall |G(m) & S(m)| / |G(m)|, averaged over all
  mentions of all samples. MUC (Vilain et al. 1995, links) is printed beside it. Restricting both
  sides to the gold mentions keeps detection errors out of this figure (they are scored above).

Baselines, measured on the same parse: bare spaCy NER (PERSON -> Character, GPE/LOC/FAC ->
Location, ORG -> Organization) for names; for coreference, "link names that share a word" (honorifics
and small words aside) over spaCy's PERSON mentions, and over the gold mentions as a reference.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from ..errors import BadInput
from ..extract.base import get_extractor
from ..extract.document import Doc
from ..extract.rules import RulesExtractor, parse
from ..model import CanonTier, EntityType, Source, SourceKind
from .base import BenchOptions, BenchReport, register

Span = tuple[int, int]  # character offsets [start, end) in the detokenised text

#: LitBank's classes to ours (VEH: none of ours, left out)
GOLD_CLASS = {"PER": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
#: our entity types to the scored classes
OUR_CLASS = {
    EntityType.CHARACTER: "PER",
    EntityType.PERSON: "PER",
    EntityType.LOCATION: "LOC",
    EntityType.ORGANIZATION: "ORG",
}
#: spaCy's NER labels to the scored classes (the baseline)
SPACY_CLASS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG"}
#: words that never link two names in the shared-word baseline (titles, small words)
NOT_LINKING = frozenset(
    {"mr", "mrs", "miss", "ms", "dr", "sir", "lady", "lord", "madam", "madame", "mme", "mlle", "monsieur",
     "master", "mistress", "captain", "colonel", "general", "major", "uncle", "aunt", "st", "saint", "the",
     "of", "and", "de", "la", "le", "van", "von", "du", "old", "young", "little"}
)  # fmt: skip
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "”", "’", "%", "...", "n't"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "“", "\u2018", "$"})
_CLITIC = re.compile(r"^['’](s|d|ll|m|re|ve|t)$", re.IGNORECASE)


# reading the data ------------------------------------------------------------------------------
def read_ann(path: Path) -> list[tuple[str, int, int]]:
    """The text-bound annotations (`T` lines) of a brat file: (label, start, end), in file order.
    Discontinuous spans ("0 5;7 9") keep their outer bounds; relations (`R` lines) are skipped."""
    out: list[tuple[str, int, int]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise BadInput.at(str(path), "a T line needs an id and 'LABEL START END'", line=n)
        fields = parts[1].replace(";", " ").split()
        try:
            out.append((fields[0], int(fields[1]), int(fields[-1])))
        except (IndexError, ValueError) as e:
            raise BadInput.at(str(path), f"unreadable span {parts[1]!r}", line=n) from e
    return out


def detokenise(tokenised: str) -> tuple[str, dict[int, int], dict[int, int]]:
    """Plain text from LitBank's tokens, with maps from each token's old start and end offsets to
    its new ones. Punctuation and clitics ("'s", "n't") are glued to the word before, opening
    quotes and brackets to the word after; straight double quotes alternate open and close."""
    out: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos = length = 0
    glue_next = True
    straight_open = False
    for line in tokenised.split("\n"):
        for m in re.finditer(r"\S+", line):
            tok = m.group(0)
            old = pos + m.start()
            glue = glue_next or tok in _NO_SPACE_BEFORE or bool(_CLITIC.match(tok))
            glue_next = tok in _NO_SPACE_AFTER
            if tok == '"':
                straight_open = not straight_open
                glue = glue or not straight_open
                glue_next = straight_open
            if not glue:
                out.append(" ")
                length += 1
            starts[old] = length
            out.append(tok)
            length += len(tok)
            ends[old + len(tok)] = length
        pos += len(line) + 1
        glue_next = False
    return "".join(out), starts, ends


@dataclass
class Sample:
    """One LitBank sample: the detokenised text, its gold names and its named-character chains."""

    name: str
    text: str
    names: dict[Span, str]  # gold proper names -> PER / LOC / ORG
    unscored: set[Span]  # proper names of a class we do not have (VEH)
    chains: dict[Span, str]  # gold proper PER mentions -> chain label


def load_sample(text_path: Path, coref_path: Path) -> Sample:
    """A sample from its tokenised text and its `coref/` annotations (see the module docstring)."""
    text, starts, ends = detokenise(text_path.read_text(encoding="utf-8"))
    kinds: dict[Span, str] = {}
    chain_of: dict[Span, str] = {}
    for label, a, b in read_ann(coref_path):
        if a not in starts or b not in ends:
            raise BadInput.at(str(coref_path), f"span {a}-{b} does not fall on token boundaries")
        span = (starts[a], ends[b])
        if label.startswith("PROP_"):
            kinds[span] = label[5:]
        elif not label.startswith(("NOM_", "PRON_")):
            chain_of.setdefault(span, label)
    names = {s: GOLD_CLASS[k] for s, k in kinds.items() if k in GOLD_CLASS}
    unscored = {s for s, k in kinds.items() if k not in GOLD_CLASS}
    chains = {s: chain_of[s] for s, k in names.items() if k == "PER" and s in chain_of}
    return Sample(text_path.name.removesuffix(".txt"), text, names, unscored, chains)


def samples(folder: Path) -> list[Sample]:
    """Every sample with both its entity text and its coref annotations, sorted by file name."""
    out = []
    for txt in sorted((folder / "entities").glob("*.txt")):
        coref = folder / "coref" / (txt.stem + ".ann")
        if coref.exists():
            out.append(load_sample(txt, coref))
    return out


def is_litbank(path: Path) -> bool:
    """A folder holding `entities/*.ann` and `coref/*.ann`."""
    return path.is_dir() and any((path / "entities").glob("*.ann")) and any((path / "coref").glob("*.ann"))


# scoring ---------------------------------------------------------------------------------------
@dataclass
class MatchCounts:
    """True positives, predicted and gold counts, summable over samples."""

    tp: float = 0
    predicted: float = 0
    gold: float = 0

    def __iadd__(self, other: MatchCounts) -> MatchCounts:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def name_counts(
    predicted: Mapping[Span, str],
    gold: Mapping[Span, str],
    unscored: frozenset[Span] | set[Span] = frozenset(),
) -> tuple[MatchCounts, MatchCounts]:
    """(untyped, typed) counts of exact-span matches; predicted spans on an unscored gold span
    (VEH) are dropped."""
    pred = {s: k for s, k in predicted.items() if s not in unscored}
    untyped = MatchCounts(sum(1 for s in pred if s in gold), len(pred), len(gold))
    typed = MatchCounts(sum(1 for s, k in pred.items() if gold.get(s) == k), len(pred), len(gold))
    return untyped, typed


def b_cubed(gold: Mapping[Span, str], predicted: Mapping[Span, str]) -> tuple[MatchCounts, MatchCounts]:
    """B-cubed (precision counts, recall counts) over the gold mentions: `predicted` maps some of
    them to cluster ids; a gold mention it lacks is a cluster of its own. Each count's `tp` is the
    sum of per-mention scores and its denominator the number of mentions, so samples add up."""
    clusters: dict[str, set[Span]] = defaultdict(set)
    for s in gold:
        clusters[f"pred:{predicted[s]}" if s in predicted else f"alone:{s}"].add(s)
    cluster_of = {s: c for c, members in clusters.items() for s in members}
    chains: dict[str, set[Span]] = defaultdict(set)
    for s, c in gold.items():
        chains[c].add(s)
    p = r = 0.0
    for s, c in gold.items():
        both = len(chains[c] & clusters[cluster_of[s]])
        p += both / len(clusters[cluster_of[s]])
        r += both / len(chains[c])
    n = len(gold)
    return MatchCounts(p, n, 0), MatchCounts(r, 0, n)


def muc(gold: Mapping[Span, str], predicted: Mapping[Span, str]) -> MatchCounts:
    """MUC link counts over the gold mentions (unfound mentions are singletons): tp is the recall
    numerator, `gold` the number of gold links, `predicted` the number of predicted links, with the
    precision numerator equal to tp when both sides hold the same mentions (they do here)."""
    pred = {s: predicted.get(s, f"alone:{s}") for s in gold}
    tp, n_gold = _muc_side(gold, pred)
    _, n_pred = _muc_side(pred, dict(gold))
    return MatchCounts(tp, n_pred, n_gold)


def _muc_side(key: Mapping[Span, str], response: Mapping[Span, str]) -> tuple[int, int]:
    groups: dict[str, set[Span]] = defaultdict(set)
    for s, c in key.items():
        groups[c].add(s)
    found = links = 0
    for members in groups.values():
        parts = {response[s] for s in members}
        found += len(members) - len(parts)
        links += len(members) - 1
    return found, links


def shared_word_clusters(names: Mapping[Span, str]) -> dict[Span, str]:
    """The baseline's chains: mentions (span -> text) linked when they share a word, honorifics and
    small words aside ("Mr. Bennet" ~ "Bennet", never "Mr. Bennet" ~ "Mr. Bingley"), transitively."""
    parent = {s: s for s in names}

    def find(s: Span) -> Span:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    seen: dict[str, Span] = {}
    for s in sorted(names):
        for word in re.findall(r"[^\W\d_]+", names[s]):
            low = word.lower()
            if low in NOT_LINKING or len(low) < 2:
                continue
            if low in seen:
                parent[find(s)] = find(seen[low])
            else:
                seen[low] = s
    return {s: f"{find(s)[0]}-{find(s)[1]}" for s in names}


# the systems -----------------------------------------------------------------------------------
@dataclass
class Predicted:
    """One system's names (span -> class or "" when of no scored class) and clusters (span -> id)."""

    names: dict[Span, str] = field(default_factory=dict)
    clusters: dict[Span, str] = field(default_factory=dict)
    texts: dict[Span, str] = field(default_factory=dict)


def extractor_names(doc: Doc) -> Predicted:
    """The names the extractor kept in `doc` (after a run), with each entity as one cluster.
    Descriptions are not names and are left out."""
    out = Predicted()
    for key, ent in doc.ents.items():
        if ent.descriptive or key == doc.work_key:
            continue
        kind = OUR_CLASS.get(ent.type, ent.type.value)
        for _, a, b in ent.mentions:
            out.names[(a, b)] = kind
            out.clusters[(a, b)] = key
            out.texts[(a, b)] = doc.text[a:b]
    return out


def spacy_names(doc: Doc) -> Predicted:
    """Bare spaCy NER over the same parse: PERSON, GPE, LOC, FAC and ORG spans as they are."""
    out = Predicted()
    for sent in doc.sentences:
        for e in sent.span.ents:
            if e.label_ not in SPACY_CLASS:
                continue
            span = (sent.offset + e.start_char, sent.offset + e.end_char)
            out.names[span] = SPACY_CLASS[e.label_]
            out.texts[span] = e.text
    people = {s: t for s, t in out.texts.items() if out.names[s] == "PER"}
    out.clusters = shared_word_clusters(people)
    return out


def run_extractor(text: str, extractor: str) -> Doc:
    """Parse `text` and run the rule extractor on it as `ingest` would; the returned `Doc` keeps
    every entity's mention offsets (the claims are discarded: only the names are scored here)."""
    ex = get_extractor(extractor)
    if not isinstance(ex, RulesExtractor):
        raise BadInput.at(extractor, "the LitBank benchmark reads the rule extractor's mentions")
    doc = parse(text)
    source = Source(
        id="litbank",
        location="litbank.txt",
        kind=SourceKind.REVIEW,
        tier=CanonTier.REVIEW,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )
    ex.extract(doc, source, None)
    return doc


# the report ------------------------------------------------------------------------------------
class Figures(BaseModel):
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    tp: float
    predicted: float
    gold: float

    @classmethod
    def of(cls, c: MatchCounts) -> Figures:
        return cls(
            precision=c.precision, recall=c.recall, f1=c.f1, tp=c.tp, predicted=c.predicted, gold=c.gold
        )

    def line(self) -> str:
        return f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"


class SystemFigures(BaseModel):
    """One system's totals: names untyped and typed, coreference B-cubed and MUC."""

    names: Figures
    typed: Figures
    coref_b3: Figures
    coref_muc: Figures


def _b3_figures(p: MatchCounts, r: MatchCounts) -> Figures:
    prec = p.tp / p.predicted if p.predicted else 0.0
    rec = r.tp / r.gold if r.gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return Figures(precision=prec, recall=rec, f1=f1, tp=r.tp, predicted=p.predicted, gold=r.gold)


class _Tally:
    def __init__(self) -> None:
        self.names, self.typed, self.b3p, self.b3r, self.muc = (
            MatchCounts(),
            MatchCounts(),
            MatchCounts(),
            MatchCounts(),
            MatchCounts(),
        )

    def add(
        self, sample: Sample, pred: Predicted
    ) -> tuple[MatchCounts, MatchCounts, MatchCounts, MatchCounts]:
        untyped, typed = name_counts(pred.names, sample.names, sample.unscored)
        p, r = b_cubed(sample.chains, pred.clusters)
        self.names += untyped
        self.typed += typed
        self.b3p += p
        self.b3r += r
        self.muc += muc(sample.chains, pred.clusters)
        return untyped, typed, p, r

    def figures(self) -> SystemFigures:
        return SystemFigures(
            names=Figures.of(self.names),
            typed=Figures.of(self.typed),
            coref_b3=_b3_figures(self.b3p, self.b3r),
            coref_muc=Figures.of(self.muc),
        )


class SampleLine(BaseModel):
    """One sample's figures: gold counts, names F1 untyped and typed, coreference B-cubed F1."""

    sample: str
    gold_names: int
    gold_people: int
    names_f1: float
    typed_f1: float
    coref_f1: float
    baseline_typed_f1: float | None = None


class LitBankReport(BenchReport):
    """Per-sample lines, the extractor's totals and the baselines' (micro over the samples)."""

    samples: list[SampleLine]
    extractor: SystemFigures
    spacy: SystemFigures | None = None
    #: shared-word linking over the gold PER mentions: what that heuristic reaches with perfect names
    shared_word_gold: Figures | None = None
    errors: dict[str, int] = Field(default_factory=dict)

    def render(self) -> str:
        lines = [f"LitBank names and named coreference: {len(self.samples)} samples"]
        lines.append(
            f"{'sample':48} {'gold':>5} {'PER':>4} {'names':>6} {'typed':>6} {'coref':>6} {'spaCy':>6}"
        )
        for s in self.samples:
            base = "" if s.baseline_typed_f1 is None else f"{s.baseline_typed_f1:6.3f}"
            lines.append(
                f"{s.sample[:48]:48} {s.gold_names:5d} {s.gold_people:4d} {s.names_f1:6.3f} "
                f"{s.typed_f1:6.3f} {s.coref_f1:6.3f} {base:>6}"
            )
        e = self.extractor
        lines += [
            "",
            f"names (untyped)        {e.names.line()}  ({int(e.names.tp)}/{int(e.names.gold)} gold found, "
            f"{int(e.names.predicted)} predicted)",
            f"names (typed)          {e.typed.line()}",
            f"named coref B-cubed    {e.coref_b3.line()}  ({int(e.coref_b3.gold)} gold PER mentions)",
            f"named coref MUC        {e.coref_muc.line()}",
        ]
        if self.spacy is not None:
            b = self.spacy
            lines += [
                "baseline: bare spaCy NER; coreference: PERSON names sharing a word",
                f"  names (untyped)      {b.names.line()}",
                f"  names (typed)        {b.typed.line()}",
                f"  named coref B-cubed  {b.coref_b3.line()}",
                f"  named coref MUC      {b.coref_muc.line()}",
            ]
        if self.shared_word_gold is not None:
            lines.append(f"reference: gold PER names sharing a word, B-cubed  {self.shared_word_gold.line()}")
        if self.errors:
            lines.append(
                "typed errors (gold -> ours, on found spans): "
                + ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items(), key=lambda p: -p[1]))
            )
        return "\n".join(lines)


@register("litbank", is_litbank)
def run_litbank(path: Path, options: BenchOptions) -> LitBankReport:
    """Score the extractor (and the baselines) on every sample of the LitBank folder `path`."""
    found = samples(path)
    if not found:
        raise BadInput.at(str(path), "no sample with both entities/X.txt and coref/X.ann")
    found = found[: options.limit] if options.limit else found
    ours, base = _Tally(), _Tally()
    gold_p, gold_r = MatchCounts(), MatchCounts()
    errors: dict[str, int] = defaultdict(int)
    lines: list[SampleLine] = []
    for sample in found:
        doc = run_extractor(sample.text, options.extractor)
        pred = extractor_names(doc)
        untyped, typed, p, r = ours.add(sample, pred)
        for s, k in pred.names.items():
            if s in sample.names and sample.names[s] != k:
                errors[f"{sample.names[s]}->{k}"] += 1
        baseline_f1 = None
        if options.baseline:
            _, btyped, _, _ = base.add(sample, spacy_names(doc))
            baseline_f1 = btyped.f1
            gp, gr = b_cubed(
                sample.chains, shared_word_clusters({s: sample.text[s[0] : s[1]] for s in sample.chains})
            )
            gold_p += gp
            gold_r += gr
        lines.append(
            SampleLine(
                sample=sample.name,
                gold_names=len(sample.names),
                gold_people=len(sample.chains),
                names_f1=untyped.f1,
                typed_f1=typed.f1,
                coref_f1=_b3_figures(p, r).f1,
                baseline_typed_f1=baseline_f1,
            )
        )
    return LitBankReport(
        benchmark="litbank",
        samples=lines,
        extractor=ours.figures(),
        spacy=base.figures() if options.baseline else None,
        shared_word_gold=_b3_figures(gold_p, gold_r) if options.baseline else None,
        errors=dict(errors),
    )
