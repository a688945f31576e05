"""Scoring an export against a hand-annotated gold file (the gold's own `scoring` rules).

A pure function of the export's JSON data, the gold's JSON data and (for quotes) the source text:
entity precision, recall and F1 by name alone and by name and type, relation precision, recall and
F1; out-of-story names taken for story ones; events found, the Kendall tau of their order and (where
the gold gives it) their framing; how many evidence quotes are exact, and how many relation quotes
name both ends (a resolved pronoun or description must not hide who the claim is about).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from pydantic import BaseModel

SCORED_TYPES = {"Character", "Organization", "Location", "Film", "Series", "Universe"}
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
    }
)


class PRF(BaseModel):
    """Precision, recall and F1 with the counts they come from.

    `true_positives` counts gold items found (recall's numerator); `correct` counts predicted items
    that match the gold (precision's numerator). They differ when two predictions match one gold
    item, so a micro average over texts needs both.
    """

    true_positives: int
    correct: int = 0
    predicted: int
    gold: int
    precision: float
    recall: float
    f1: float


class Score(BaseModel):
    """One text's figures against its gold, with the misses and false claims behind them."""

    entities: PRF  # name and type must match
    relations: PRF
    not_in_universe_errors: list[str]
    unscored_relations: int  # predicates the gold does not annotate, or an out-of-story end
    events_found: int
    events_gold: int
    event_tau: float | None
    framing_correct: int = 0  # matched events told as the gold says (present, flashback, memory, vision)
    framing_scored: int = 0  # matched events whose gold gives a framing
    quotes_exact: int
    quotes_total: int
    names: PRF | None = None  # entities by name alone (type ignored)
    quotes_naming_ends: int = 0  # relation quotes naming both ends
    quotes_relation_total: int = 0  # quotes of relations between two story entities (see `names_both_ends`)
    quotes_hiding_an_end: list[str] = []  # "subject predicate object: quote" for each that does not
    missed_entities: list[str]
    missed_relations: list[str]
    false_entities: list[str]
    false_relations: list[str]


def fold(name: str) -> str:
    """NFKC, typographic apostrophes and dashes to ASCII, case folded, a leading article dropped."""
    text = unicodedata.normalize("NFKC", name).translate(_FOLD).casefold().strip()
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :].strip()
    return text


def prf(tp_pred: int, predicted: int, tp_gold: int, gold: int) -> PRF:
    p = tp_pred / predicted if predicted else 0.0
    r = tp_gold / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(
        true_positives=tp_gold,
        correct=tp_pred,
        predicted=predicted,
        gold=gold,
        precision=round(p, 4),
        recall=round(r, 4),
        f1=round(f, 4),
    )


def _as_list(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def kendall_tau(pairs: list[tuple[int, int]]) -> float | None:
    """Kendall's tau-a between two orders given as (gold position, extracted position) pairs."""
    n = len(pairs)
    if n < 2:
        return None
    concordant = discordant = 0
    for i in range(n):
        for j in range(i + 1, n):
            a = (pairs[i][0] - pairs[j][0]) * (pairs[i][1] - pairs[j][1])
            concordant += a > 0
            discordant += a < 0
    return round((concordant - discordant) / (n * (n - 1) / 2), 4)


#: relations whose object is the work or universe itself: their quote is a sentence about the
#: character (or a credit), which need not repeat the title, so the both-ends check skips them
WORK_LEVEL_TYPES = {"Film", "Series", "Universe"}


def _name_forms(entity: dict[str, Any], extra: set[str]) -> set[str]:
    """The folded names a quote may use for `entity`: its name, aliases, `extra` (the gold's aliases)
    each capitalised word of three letters or more in them ("Holt" names "Maren Holt"), and a
    description without its owner ("adoptive family" for "Ann's adoptive family")."""
    forms = {fold(n) for n in [entity["name"], *entity.get("aliases", [])]} | extra
    forms |= {fold(f.split("'s ", 1)[1]) for f in forms if "'s " in f}  # "Ann's aunt" quoted "her aunt"
    words = {w for n in [entity["name"], *entity.get("aliases", [])] for w in n.split()}
    forms |= {fold(w) for w in words if len(w) >= 3 and w[0].isupper()}
    return {f for f in forms if f}


def _words(text: str) -> str:
    """`text` folded, as space-separated words (punctuation and possessive marks split words)."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def names_in(quote: str, forms: set[str]) -> bool:
    """Whether `quote` contains one of the folded names `forms` as whole words."""
    text = f" {_words(quote)} "
    return any(f" {_words(form)} " in text for form in forms if _words(form))


def score(export: dict[str, Any], gold: dict[str, Any], text: str | None = None) -> Score:
    """Score `export` (the export JSON) against `gold` (a gold JSON file's data)."""
    ents = gold["entities"]
    required, acceptable = ents.get("required", []), ents.get("acceptable", [])
    gold_names: dict[str, set[str]] = {}  # gold name -> folded names and aliases
    for g in [*required, *acceptable]:
        # one name listed twice (a franchise and its hero, with two types) keeps both entries' aliases
        gold_names.setdefault(g["name"], set()).update(
            {fold(g["name"]), *(fold(a) for a in g.get("aliases", []))}
        )

    def matches(name: str, gold_name: str) -> bool:
        return fold(name) in gold_names.get(gold_name, {fold(gold_name)})

    by_id = {e["id"]: e for e in export["entities"]}
    story = [e for e in export["entities"] if e.get("in_universe", True)]
    counted = [e for e in story if e["type"] in SCORED_TYPES]

    def entity_fits(e: dict[str, Any], g: dict[str, Any]) -> bool:
        return e["type"] == g["type"] and matches(e["name"], g["name"])

    found = [g for g in required if any(entity_fits(e, g) for e in counted)]
    good = [e for e in counted if any(entity_fits(e, g) for g in [*required, *acceptable])]
    entity_score = prf(len(good), len(counted), len(found), len(required))
    named = [g for g in required if any(matches(e["name"], g["name"]) for e in counted)]
    named_good = [e for e in counted if any(matches(e["name"], g["name"]) for g in [*required, *acceptable])]
    name_score = prf(len(named_good), len(counted), len(named), len(required))
    outside = {fold(n["name"]) for n in ents.get("not_in_universe", [])}
    errors = sorted({e["name"] for e in story if fold(e["name"]) in outside})

    rels = gold["relations"]
    vocabulary = set(rels.get("vocabulary", {}))
    scored, unscored = [], 0
    end_quotes = named_ends = 0
    hiding: list[str] = []
    for r in export["relations"]:
        s, o = by_id.get(r["subject"]), by_id.get(r["object"]) if isinstance(r["object"], str) else None
        off = s is None or o is None or not s.get("in_universe", True) or not o.get("in_universe", True)
        if off or (vocabulary and r["predicate"] not in vocabulary):
            unscored += 1
        else:
            assert s is not None and o is not None
            scored.append((s["name"], r["predicate"], o["name"]))
        if off or s is None or o is None or WORK_LEVEL_TYPES & {s["type"], o["type"]}:
            continue
        s_forms = _name_forms(s, set().union(*(v for k, v in gold_names.items() if matches(s["name"], k))))
        o_forms = _name_forms(o, set().union(*(v for k, v in gold_names.items() if matches(o["name"], k))))
        for ev in r.get("evidence", []):
            if ev.get("quote") is None:
                continue
            end_quotes += 1
            if names_in(ev["quote"], s_forms) and names_in(ev["quote"], o_forms):
                named_ends += 1
            else:
                hiding.append(f"{s['name']} {r['predicate']} {o['name']}: {ev['quote']}")

    def rel_fits(x: tuple[str, str, str], g: dict[str, Any]) -> bool:
        s, p, o = x
        if p not in _as_list(g["p"]):
            return False
        subjects, objects = _as_list(g["s"]), _as_list(g["o"])
        forward = any(matches(s, a) for a in subjects) and any(matches(o, b) for b in objects)
        backward = (
            g.get("symmetric", False)
            and any(matches(o, a) for a in subjects)
            and any(matches(s, b) for b in objects)
        )
        return bool(forward or backward)

    req_rels, ok_rels = rels.get("required", []), rels.get("acceptable", [])
    rel_found = [g for g in req_rels if any(rel_fits(x, g) for x in scored)]
    rel_good = [x for x in scored if any(rel_fits(x, g) for g in [*req_rels, *ok_rels])]
    relation_score = prf(len(rel_good), len(scored), len(rel_found), len(req_rels))

    events = sorted(export.get("events", []), key=lambda e: e["order"])
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    framing_scored = framing_correct = 0
    for g in sorted(gold.get("events", []), key=lambda e: e["order"]):
        best: tuple[int, int, int] | None = None
        for k, e in enumerate(events):
            if k in used:
                continue
            names = [by_id[p["entity"]]["name"] for p in e["participants"] if p["entity"] in by_id]
            overlap = sum(1 for gp in g["participants"] if any(matches(n, gp) for n in names))
            if overlap < min(2, len(g["participants"])):
                continue
            if g.get("location"):
                place = by_id.get(e.get("location") or "", {}).get("name")
                if place is None or not matches(place, g["location"]):
                    continue
            rank = (overlap, int(e["kind"] == g.get("kind")), -k)
            if best is None or rank > best:
                best = rank
        if best is not None:
            k = -best[2]
            used.add(k)
            pairs.append((g["order"], events[k]["order"]))
            if g.get("framing"):
                framing_scored += 1
                framing_correct += events[k].get("framing", "present") == g["framing"]

    total = exact = 0
    for item in [*export["entities"], *export["relations"], *events]:
        for ev in item.get("evidence", []):
            if ev.get("quote") is None:
                continue
            total += 1
            if text is not None and text[ev["start"] : ev["end"]] == ev["quote"]:
                exact += 1

    return Score(
        entities=entity_score,
        relations=relation_score,
        not_in_universe_errors=errors,
        unscored_relations=unscored,
        events_found=len(pairs),
        events_gold=len(gold.get("events", [])),
        event_tau=kendall_tau(pairs),
        framing_correct=framing_correct,
        framing_scored=framing_scored,
        quotes_exact=exact,
        quotes_total=total,
        names=name_score,
        quotes_naming_ends=named_ends,
        quotes_relation_total=end_quotes,
        quotes_hiding_an_end=hiding,
        missed_entities=[g["name"] for g in required if g not in found],
        missed_relations=[f"{g['s']} {g['p']} {g['o']}" for g in req_rels if g not in rel_found],
        false_entities=[f"{e['name']} ({e['type']})" for e in counted if e not in good],
        false_relations=[" ".join(x) for x in scored if x not in rel_good],
    )
