"""The claim model refuses bad values, and says which field is wrong."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from universe_graph.model import (
    CanonTier,
    Entity,
    EntityType,
    Event,
    Evidence,
    ExternalIds,
    Relation,
    Source,
)

EV = {"source": "s1", "extractor": "test", "extractor_version": "1", "confidence": 0.9, "line": 3}
JW = "https://w3id.org/universe-graph/id/u/character/john-wick"
FILM = "https://w3id.org/universe-graph/id/film/john-wick"


def error_fields(exc: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return {".".join(str(p) for p in e["loc"]) for e in exc.value.errors()}


@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        pytest.param({"confidence": 1.5}, "confidence", id="confidence-above-1"),
        pytest.param({"confidence": -0.1}, "confidence", id="confidence-negative"),
        pytest.param({"line": 0}, "line", id="line-zero"),
        pytest.param({"pointer": "works/x"}, "pointer", id="pointer-without-slash"),
        pytest.param({"extractor": ""}, "extractor", id="empty-extractor"),
        pytest.param({"surprise": 1}, "surprise", id="unknown-field"),
    ],
)
def test_evidence_rejects_bad_values(fields: dict[str, Any], bad_field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Evidence.model_validate({**EV, **fields})
    assert bad_field in error_fields(exc)


def test_evidence_needs_a_locator() -> None:
    data = {k: v for k, v in EV.items() if k != "line"}
    with pytest.raises(ValidationError, match="needs a locator"):
        Evidence.model_validate(data)


def test_text_evidence_needs_start_end_and_quote_together() -> None:
    with pytest.raises(ValidationError, match="together"):
        Evidence.model_validate({**EV, "start": 3, "end": 7})
    with pytest.raises(ValidationError, match="quote length"):
        Evidence.model_validate({**EV, "start": 3, "end": 7, "quote": "abc"})


def test_quote_matches_the_text_at_its_offsets() -> None:
    text = "Rooney meets Elena in Berlin."
    good = Evidence.model_validate({**EV, "start": 13, "end": 18, "quote": "Elena"})
    shifted = Evidence.model_validate({**EV, "start": 12, "end": 17, "quote": "Elena"})
    assert good.quote_matches(text)
    assert not shifted.quote_matches(text)


@pytest.mark.parametrize(
    ("ids", "field"),
    [
        pytest.param({"wikidata": "P57"}, "wikidata", id="property-not-item"),
        pytest.param({"wikidata": "Q0"}, "wikidata", id="qid-zero"),
        pytest.param({"imdb": "tt123"}, "imdb", id="imdb-too-short"),
        pytest.param({"imdb": "xx1234567"}, "imdb", id="imdb-wrong-prefix"),
        pytest.param({"tmdb": "458156"}, "tmdb", id="tmdb-untyped"),
        pytest.param({"tmdb": "show/1399"}, "tmdb", id="tmdb-unknown-type"),
        pytest.param({"movielens": 0}, "movielens", id="movielens-zero"),
    ],
)
def test_external_ids_have_their_real_forms(ids: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ExternalIds.model_validate(ids)
    assert field in error_fields(exc)


def test_external_ids_accept_real_values() -> None:
    ids = ExternalIds(wikidata="Q43416", imdb="tt6146586", tmdb="collection/404609", movielens=115149)
    assert not ids.is_empty()


def test_relation_unknown_predicate_suggests_the_close_one() -> None:
    with pytest.raises(ValidationError, match="'trained_by'"):
        Relation(subject=JW, predicate="trained_bye", object=JW, evidence=[Evidence.model_validate(EV)])


def test_relation_object_must_fit_the_predicate() -> None:
    with pytest.raises(ValidationError, match="needs an entity id"):
        Relation(
            subject=FILM,
            predicate="directed_by",
            object="Chad Stahelski",
            evidence=[Evidence.model_validate(EV)],
        )
    with pytest.raises(ValidationError, match="xsd:integer"):
        Relation(
            subject=FILM, predicate="release_year", object="2014", evidence=[Evidence.model_validate(EV)]
        )
    with pytest.raises(ValidationError, match="xsd:integer"):
        Relation(subject=FILM, predicate="release_year", object=True, evidence=[Evidence.model_validate(EV)])
    ok = Relation(subject=FILM, predicate="release_year", object=2014, evidence=[Evidence.model_validate(EV)])
    assert ok.object == 2014


def test_relation_needs_evidence() -> None:
    with pytest.raises(ValidationError) as exc:
        Relation(subject=JW, predicate="met", object=JW, evidence=[])
    assert "evidence" in error_fields(exc)


def test_entity_rejects_unknown_type_and_fields() -> None:
    with pytest.raises(ValidationError) as exc:
        Entity.model_validate({"id": JW, "type": "Hero", "name": "John Wick"})
    assert "type" in error_fields(exc)
    with pytest.raises(ValidationError) as exc:
        Entity.model_validate({"id": JW, "type": "Character", "name": "John Wick", "nick": "Baba"})
    assert "nick" in error_fields(exc)
    with pytest.raises(ValidationError) as exc:
        Entity.model_validate({"id": "john-wick", "type": "Character", "name": "John Wick"})
    assert "id" in error_fields(exc)


def test_entity_aliases_are_deduplicated_in_order() -> None:
    e = Entity(id=JW, type=EntityType.CHARACTER, name="John Wick", aliases=["Wick", "Baba Yaga", "Wick"])
    assert e.aliases == ["Wick", "Baba Yaga"]


def test_event_order_and_act_are_bounded() -> None:
    base = {"id": FILM + "/e1", "label": "x", "kind": "fight", "work": FILM, "evidence": [EV]}
    with pytest.raises(ValidationError) as exc:
        Event.model_validate({**base, "order": 0})
    assert "order" in error_fields(exc)
    with pytest.raises(ValidationError) as exc:
        Event.model_validate({**base, "order": 1, "act": 0})
    assert "act" in error_fields(exc)
    flash = Event.model_validate({**base, "order": 1, "framing": "memory"})
    assert flash.flashback


def test_canon_tiers_are_ordered_strongest_first() -> None:
    assert [t.value for t in CanonTier] == ["canon", "official", "review", "fan"]
    assert CanonTier.CANON.at_least(CanonTier.REVIEW)
    assert CanonTier.REVIEW.at_least(CanonTier.REVIEW)
    assert not CanonTier.FAN.at_least(CanonTier.REVIEW)


def test_source_requires_a_sha256_and_known_kind() -> None:
    with pytest.raises(ValidationError) as exc:
        Source.model_validate(
            {"id": "s", "location": "x", "kind": "blog", "tier": "review", "content_hash": "abc"}
        )
    assert {"kind", "content_hash"} <= error_fields(exc)
