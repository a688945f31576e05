"""The plot of one work, event by event, grouped by act: place, participants with their roles,
framing and the evidence and source of each event, from the universe's own events and from
reviews alike (events of every source that places them in the work).

An event drawn from a review is labelled with its whole sentence; each event also gets a `short`
label (agent, verb, object, place) made from its participants, and a review event names the
curated event of the same work it retells, if any (`retells`).
"""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox
from pydantic import BaseModel

from ..model import CanonTier
from ..stores.sync import UniverseStore
from .canon import source_view
from .evidence import EvidenceRef, locator
from .named import run_named
from .names import EntityRef, find_entity
from .reveal import WorkInfo, release_order


class EventParticipant(BaseModel):
    iri: str
    name: str
    role: str


class TimelineEvent(BaseModel):
    """One plot event with where, who, how it is framed, and which sources tell it."""

    event: str
    order: int
    label: str
    kind: str
    act: int | None
    time: str | None
    framing: str
    location: str | None
    location_name: str | None
    participants: list[EventParticipant]
    sources: list[str]
    source_kinds: list[str]
    tier: str
    evidence: list[EvidenceRef]
    short: str = ""  # agent, verb, object, place: a label a person reads at a glance
    from_review: bool = False  # told only by reviews (no curated source tells this event)
    retells: int | None = None  # a review event: the order of the curated event of the work it retells


class Act(BaseModel):
    act: int | None  # None: events whose act is not known
    events: list[TimelineEvent]


class Timeline(BaseModel):
    work: EntityRef
    acts: list[Act]
    canon: str | None = None
    as_of: str | None = None
    hidden: int = 0  # events hidden by as_of (the work comes out after it)


_EVIDENCE = """
SELECT ?work ?event ?g ?quote ?line ?row ?pointer ?start ?end WHERE {
  GRAPH ?g { ?event ug:in_work ?work }
  LATERAL {
    GRAPH ?g {
      ?event ug:evidence ?ev .
      OPTIONAL { ?ev ug:quote ?quote } OPTIONAL { ?ev ug:line ?line } OPTIONAL { ?ev ug:row ?row }
      OPTIONAL { ?ev ug:pointer ?pointer } OPTIONAL { ?ev ug:start ?start } OPTIONAL { ?ev ug:end ?end }
    }
  }
}"""


def _int(term: object) -> int | None:
    return int(term.value) if isinstance(term, ox.Literal) else None


def _evidence(
    store: UniverseStore, work: str, canon: CanonTier | None
) -> tuple[dict[str, list[EvidenceRef]], dict[str, set[str]]]:
    evidence: dict[str, list[EvidenceRef]] = defaultdict(list)
    kinds: dict[str, set[str]] = defaultdict(set)
    view = source_view(store)
    source_of = {g: sid for sid, g in view.graphs.items()}
    rows = store.canonical.query(_EVIDENCE, {"work": ox.NamedNode(work)}, graphs=view.kept_graphs(canon))
    for row in rows:  # type: ignore[union-attr]
        sid = source_of.get(row["g"].value)
        source = view.sources.get(sid) if sid else None
        if source is None:
            continue
        tier = source.tier.value
        kinds[row["event"].value].add(source.kind.value)
        event = row["event"].value
        where = locator(
            _int(row["line"]),
            _int(row["row"]),
            row["pointer"].value if row["pointer"] is not None else None,
            _int(row["start"]),
            _int(row["end"]),
        )
        quote = row["quote"].value if row["quote"] is not None else None
        evidence[event].append(EvidenceRef(source=source.id, tier=tier, quote=quote, locator=where))
    return evidence, kinds


def timeline(
    store: UniverseStore, work: str, *, canon: CanonTier | None = None, as_of: str | None = None
) -> Timeline:
    """The work's events in order, grouped by act (acts in order; events of unknown act last)."""
    ref = find_entity(store, work, type="Work")
    cutoff: WorkInfo | None = None
    hidden = 0
    plot = run_named(store, "plot", {"work": ref.iri}, canon=canon).rows
    if as_of is not None:
        works = release_order(store)
        cutoff = works[find_entity(store, as_of, type="Work").iri]
        if ref.iri in works and works[ref.iri].position > cutoff.position:
            hidden, plot = len(plot), []
    people: dict[str, list[EventParticipant]] = defaultdict(list)
    for row in run_named(store, "participants", {"work": ref.iri}, canon=canon).rows:
        people[str(row["event"])].append(
            EventParticipant(iri=str(row["participant"]), name=str(row["name"]), role=str(row["role"]))
        )
    evidence, kinds = _evidence(store, ref.iri, canon)
    acts: dict[int | None, list[TimelineEvent]] = defaultdict(list)
    for row in plot:
        event = str(row["event"])
        acts[row["act"]].append(  # type: ignore[index]
            TimelineEvent(
                event=event,
                order=int(str(row["order"])),
                label=str(row["label"]),
                kind=str(row["kind"]),
                act=row["act"],  # type: ignore[arg-type]
                time=row["time"],  # type: ignore[arg-type]
                framing=str(row["framing"]),
                location=row["location"],  # type: ignore[arg-type]
                location_name=row["location_name"],  # type: ignore[arg-type]
                participants=people.get(event, []),
                sources=row["sources"],  # type: ignore[arg-type]
                source_kinds=sorted(kinds.get(event, ())),
                tier=str(row["tier"]),
                evidence=evidence.get(event, []),
            )
        )
    ordered = sorted(acts, key=lambda a: (a is None, a or 0))
    for events in acts.values():
        events.sort(key=lambda e: (e.order, CanonTier(e.tier).rank, e.event))
    _mark(acts)
    return Timeline(
        work=ref,
        acts=[Act(act=a, events=acts[a]) for a in ordered],
        canon=canon.value if canon else None,
        as_of=cutoff.iri if cutoff else None,
        hidden=hidden,
    )


#: what an event of each kind does, when its own words give no verb
KIND_VERBS = {
    "killing": "kills", "death": "dies", "resurrection": "returns", "betrayal": "betrays",
    "fight": "fights", "chase": "chases", "meeting": "meets", "investigation": "investigates",
    "revelation": "learns", "training": "trains", "alliance": "allies with", "agreement": "agrees with",
    "theft": "robs", "escape": "escapes", "rescue": "rescues", "punishment": "punishes",
    "journey": "travels", "resolution": "settles", "other": "",
}  # fmt: skip
#: roles of the one acted on (the verb's object); the others are "with" someone
OBJECT_ROLES = ("victim", "target", "recipient", "student")
WITH_ROLES = ("ally", "mentor", "participant")
PRONOUNS = frozenset({"he", "she", "they", "it", "he's", "she's", "they're", "it's", "he’s", "she’s", "it’s"})
SKIPPED = frozenset({"now", "then", "also", "just", "not", "still", "finally", "soon", "even", "only"})
AUXILIARIES = frozenset({"is", "was", "has", "does", "gets", "seems", "needs"})
_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
MAX_WORDS = 8


def short_label(event: TimelineEvent) -> str:
    """Agent, verb, object, place ("Rooney stalks Krall's lieutenant at Budapest"): the event's own
    label (and place) when a curated source wrote it, else made from its participants, the verb read after the
    agent in its words (or the kind's verb); with no agent or verb, its first words."""
    place = f" at {event.location_name}" if event.location_name else ""
    if not event.from_review:
        named = event.location_name and event.location_name.casefold() in event.label.casefold()
        return event.label + ("" if named else place)
    role = {p.role: [q.name for q in event.participants if q.role == p.role] for p in event.participants}
    agents = role.get("agent", [])
    verb = _verb(event.label, agents) or KIND_VERBS.get(event.kind, "")
    if not agents or not verb:
        words = event.label.split()
        cut = " ".join(words[:MAX_WORDS]).rstrip(".,;:")
        return cut + ("…" if len(words) > MAX_WORDS else "") + place
    objects = [n for r in OBJECT_ROLES for n in role.get(r, [])]
    withs = [n for r in WITH_ROLES for n in role.get(r, []) if n not in objects and n not in agents]
    parts = [_and(agents), verb, _and(list(dict.fromkeys(objects)))]
    if withs:
        parts.append("with " + _and(list(dict.fromkeys(withs))))
    return " ".join(p for p in parts if p) + place


def _verb(label: str, agents: list[str]) -> str | None:
    """The verb right after the agent's name (any word of it) or a pronoun, past adverbs: "stalks"
    in "Rooney stalks one of ...", "offers" in "Elena initially offers help"."""
    words = _WORDS.findall(label)
    names = {w.casefold() for a in agents for w in _WORDS.findall(a) if w[:1].isalnum()}
    for i, word in enumerate(words):
        if word.casefold() not in names and word.casefold() not in PRONOUNS:
            continue
        for after in words[i + 1 : i + 4]:
            low = after.casefold()
            if after.casefold() in names or low in SKIPPED or low.endswith("ly"):
                continue
            if low in AUXILIARIES:
                break
            if after.isalpha() and after.islower() and (low.endswith("s") or low.endswith("ed")):
                return str(after)
            break
    return None


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _mark(acts: dict[int | None, list[TimelineEvent]]) -> None:
    """Mark events told only by reviews, link each to the curated event of the work it retells (the
    best of those in the same act sharing two of: an agent, the kind, the place, someone else), and
    give every event its short label."""
    for events in acts.values():
        for e in events:
            e.from_review = bool(e.source_kinds) and set(e.source_kinds) <= {"review"}
    every = [e for events in acts.values() for e in events]
    curated = [e for e in every if not e.from_review]
    for e in every:
        if e.from_review:
            scored = [(_shared(e, c), -c.order, c.order) for c in curated]
            best = max(scored, default=(0, 0, 0))
            e.retells = best[2] if best[0] >= 2 else None
        e.short = short_label(e)


def _shared(review: TimelineEvent, curated: TimelineEvent) -> int:
    """How much two events of a work have in common (0 when their acts differ)."""
    if review.act is not None and curated.act is not None and review.act != curated.act:
        return 0

    def who(e: TimelineEvent, agent: bool) -> set[str]:
        return {p.iri for p in e.participants if (p.role == "agent") == agent}

    return (
        bool(who(review, True) & who(curated, True))
        + (review.kind == curated.kind != "other")
        + bool(review.location and review.location == curated.location)
        + bool(who(review, False) & who(curated, False))
    )
