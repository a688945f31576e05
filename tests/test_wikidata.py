"""The Wikidata reader: entity JSON, dumps, SPARQL results and label CSV, with located errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import universe_graph.ingest.wikidata as wikidata
from universe_graph.errors import BadInput, Problem
from universe_graph.ingest import load_paths
from universe_graph.ingest.base import NO_OPTIONS, SNIFF_BYTES, SourceOptions, detect_kind, external_iri
from universe_graph.model import ClaimSet, EntityType, SourceKind, slugify
from universe_graph.validate import shacl_problems
from universe_graph.vocab import entity_iri

DATA = Path(__file__).resolve().parent / "data" / "wikidata"
SKIP = SourceOptions(on_error="skip")


def read(path: Path, options: SourceOptions = NO_OPTIONS) -> tuple[ClaimSet, wikidata.WikidataReader]:
    reader = wikidata.WikidataReader()
    return reader.run(path, options), reader


def wd(kind: EntityType, qid: str) -> str:
    return external_iri(kind, "wikidata", qid)


def objects(claims: ClaimSet, subject: str, predicate: str) -> set[object]:
    return {r.object for r in claims.relations if r.subject == subject and r.predicate == predicate}


def problems(path: Path, options: SourceOptions = NO_OPTIONS) -> list[Problem]:
    with pytest.raises(BadInput) as exc:
        wikidata.WikidataReader().run(path, options)
    assert all(p.file == str(path) for p in exc.value.problems)
    return list(exc.value.problems)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------- entity JSON


@pytest.fixture(scope="module")
def city_streets_path(shared: Path) -> Path:
    return shared / "data" / "wikidata" / "Q2262932.json"


@pytest.fixture(scope="module")
def city_streets(city_streets_path: Path) -> ClaimSet:
    return read(city_streets_path)[0]


# Looked up by hand in Q2262932.json: one P57, nine P161 (none with a P453 qualifier), one P162,
# two P136, P577 +1931-01-01, P345 tt0021750.
CAST = ["Q93957", "Q231595", "Q182057", "Q554094", "Q3968233", "Q862090", "Q3229610", "Q2409726", "Q3568320"]


def test_real_entity_is_a_film_with_its_credits(city_streets: ClaimSet) -> None:
    film = wd(EntityType.FILM, "Q2262932")
    entity = next(e for e in city_streets.entities if e.id == film)
    assert entity.type is EntityType.FILM and entity.name == "City Streets"
    assert entity.external_ids.wikidata == "Q2262932" and entity.external_ids.imdb == "tt0021750"
    assert objects(city_streets, film, "directed_by") == {wd(EntityType.PERSON, "Q51472")}
    assert objects(city_streets, film, "cast_member") == {wd(EntityType.PERSON, q) for q in CAST}
    assert objects(city_streets, film, "produced_by") == {wd(EntityType.PERSON, "Q5322025")}
    assert objects(city_streets, film, "genre") == {wd(EntityType.GENRE, q) for q in ("Q959790", "Q130232")}
    assert objects(city_streets, film, "release_year") == {1931}
    assert all(r.qualifiers.character is None for r in city_streets.relations)  # no P453 in the file
    assert not objects(city_streets, film, "written_by")  # no P58 in the file


def test_referenced_items_are_typed_and_named_by_their_qid(city_streets: ClaimSet) -> None:
    director = next(e for e in city_streets.entities if e.id == wd(EntityType.PERSON, "Q51472"))
    assert director.type is EntityType.PERSON and director.name == "Q51472"
    assert director.external_ids.wikidata == "Q51472"
    assert director.evidence[0].pointer == "/claims/P57/0"


def test_real_entity_evidence_and_source(city_streets: ClaimSet, city_streets_path: Path) -> None:
    import hashlib

    cast = [r for r in city_streets.relations if r.predicate == "cast_member"]
    assert [r.evidence[0].pointer for r in cast] == [f"/claims/P161/{i}" for i in range(len(CAST))]
    assert all(e.extractor == "wikidata" and e.extractor_version == "1.0" for r in cast for e in r.evidence)
    source = city_streets.source
    assert source.kind is SourceKind.WIKIDATA and source.tier is SourceKind.WIKIDATA.default_tier
    assert source.id == "q2262932" and source.location == str(city_streets_path)
    assert source.content_hash == hashlib.sha256(city_streets_path.read_bytes()).hexdigest()
    assert shacl_problems([city_streets]) == []


def test_entity_data_wrapper_points_into_entities(city_streets_path: Path, tmp_path: Path) -> None:
    entity = json.loads(city_streets_path.read_text(encoding="utf-8"))
    path = write(tmp_path, "Special-EntityData.json", json.dumps({"entities": {"Q2262932": entity}}))
    claims, _ = read(path)
    directed = next(r for r in claims.relations if r.predicate == "directed_by")
    assert directed.evidence[0].pointer == "/entities/Q2262932/claims/P57/0"
    assert len(claims.relations) == 14


# ---------------------------------------------------------------------------------------- dump


@pytest.fixture(scope="module")
def dump() -> tuple[ClaimSet, wikidata.WikidataReader]:
    return read(DATA / "dump-sample.json")


def test_dump_film_character_and_universe(dump: tuple[ClaimSet, wikidata.WikidataReader]) -> None:
    claims, _ = dump
    film, character = wd(EntityType.FILM, "Q18085820"), wd(EntityType.CHARACTER, "Q19946302")
    universe, keanu = wd(EntityType.UNIVERSE, "Q60749418"), wd(EntityType.PERSON, "Q43416")
    names = {e.id: (e.type, e.name) for e in claims.entities}
    assert names[film] == (EntityType.FILM, "John Wick")
    assert names[character] == (EntityType.CHARACTER, "John Wick")
    assert names[universe] == (EntityType.UNIVERSE, "John Wick universe")
    assert names[wd(EntityType.PERSON, "Q5066884")] == (EntityType.PERSON, "Chad Stahelski")
    assert objects(claims, character, "part_of_universe") == {universe}  # P1080
    assert objects(claims, film, "part_of_universe") == {universe}  # P1434
    assert objects(claims, film, "release_year") == {2014}  # earliest; the deprecated 2013 is ignored
    cast = next(r for r in claims.relations if r.predicate == "cast_member" and r.object == keanu)
    assert cast.qualifiers.character == character
    portrayed = next(r for r in claims.relations if r.predicate == "portrayed_by")
    assert (portrayed.subject, portrayed.object, portrayed.qualifiers.work) == (character, keanu, film)
    appears = next(r for r in claims.relations if r.predicate == "appears_in")
    assert (appears.subject, appears.object) == (character, film)
    # one claim, three statements behind it: the P453 qualifier, the film's P674 and the character's P1441
    assert [e.pointer for e in appears.evidence] == [
        "/0/claims/P161/0",
        "/0/claims/P674/0",
        "/1/claims/P1441/0",
    ]
    assert [e.line for e in appears.evidence] == [2, 2, 3]
    assert objects(claims, wd(EntityType.FILM, "Q23999890"), "follows") == {film}  # P156 reversed


def test_dump_labels_ids_and_counts(dump: tuple[ClaimSet, wikidata.WikidataReader]) -> None:
    claims, reader = dump
    by_id = {e.id: e for e in claims.entities}
    character = by_id[wd(EntityType.CHARACTER, "Q19946302")]
    assert character.aliases == ["Baba Yaga", "Jonathan Wick"]
    assert by_id[wd(EntityType.FILM, "Q18085820")].aliases == ["John Wick (2014)"]  # English only
    assert by_id[wd(EntityType.PERSON, "Q5066884")].external_ids.imdb == "nm0821432"
    assert by_id[wd(EntityType.PERSON, "Q43416")].external_ids.imdb is None  # "nm-bad" is malformed
    assert by_id[wd(EntityType.ORGANIZATION, "Q105871236")].name == "Q105871236"
    assert by_id[wd(EntityType.GENRE, "Q188473")].evidence[0].line == 2
    assert not any("Q90" in e.id or "q90" in e.id for e in claims.entities)  # a city: no mapped type
    assert reader.counts[wikidata.UNTYPED] == 1
    assert reader.counts[wikidata.NOT_AN_ITEM] == 1  # the property P57
    assert reader.counts[wikidata.OUTSIDE_ONTOLOGY] == 1  # a real person's P463
    assert reader.counts[wikidata.DEPRECATED] == 1
    assert reader.counts[wikidata.BAD_EXTERNAL_ID] == 1
    assert reader.skipped == []
    assert shacl_problems([claims]) == []


# ---------------------------------------------------------------------------------------- SPARQL results


@pytest.fixture(scope="module")
def sparql() -> tuple[ClaimSet, wikidata.WikidataReader]:
    return read(DATA / "sparql-films.json")


def test_sparql_rows_become_claims(sparql: tuple[ClaimSet, wikidata.WikidataReader]) -> None:
    claims, reader = sparql
    matrix, star_wars = wd(EntityType.FILM, "Q83495"), wd(EntityType.FILM, "Q17738")
    names = {e.id: (e.type, e.name) for e in claims.entities}
    assert names[matrix] == (EntityType.FILM, "The Matrix")
    assert names[wd(EntityType.PERSON, "Q38222")] == (EntityType.PERSON, "George Lucas")
    assert names[wd(EntityType.UNIVERSE, "Q13417250")] == (EntityType.UNIVERSE, "Star Wars universe")
    assert objects(claims, matrix, "directed_by") == {
        wd(EntityType.PERSON, "Q9544977"),
        wd(EntityType.PERSON, "Q9545711"),
    }
    assert objects(claims, matrix, "release_year") == {1999}
    assert objects(claims, star_wars, "part_of_universe") == {wd(EntityType.UNIVERSE, "Q13417250")}
    assert objects(claims, wd(EntityType.FILM, "Q24871"), "directed_by") == set()  # unbound
    assert next(e for e in claims.entities if e.id == star_wars).external_ids.imdb == "tt0076759"
    directed = next(r for r in claims.relations if r.subject == star_wars and r.predicate == "directed_by")
    assert directed.evidence[0].pointer == "/results/bindings/0/director"
    universe = next(r for r in claims.relations if r.subject == matrix and r.predicate == "part_of_universe")
    assert [e.pointer for e in universe.evidence] == [
        "/results/bindings/2/universe",
        "/results/bindings/3/universe",
    ]
    assert not any(e.name == "Star Wars: Thrawn" for e in claims.entities)  # a novel: type unmapped
    assert reader.counts[wikidata.UNTYPED_ROW] == 1
    assert shacl_problems([claims]) == []


def test_sparql_without_item_variable_is_bad_input(tmp_path: Path) -> None:
    doc = {"head": {"vars": ["film", "filmLabel"]}, "results": {"bindings": []}}
    (problem,) = problems(write(tmp_path, "films.json", json.dumps(doc)))
    assert problem.field == "/head/vars" and "'item' variable" in problem.message


def sparql_doc(rows: list[dict[str, Any]], variables: list[str]) -> str:
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}})


def test_sparql_type_column_and_p_id_variables(tmp_path: Path) -> None:
    entity = "http://www.wikidata.org/entity/"
    rows = [
        {
            "item": {"type": "uri", "value": entity + "Q1"},
            "itemLabel": {"type": "literal", "value": "Ada"},
            "type": {"type": "uri", "value": entity + "Q95074"},
            "P1080": {"type": "uri", "value": entity + "Q2"},
            "P1080Label": {"type": "literal", "value": "Test universe"},
        }
    ]
    path = write(
        tmp_path, "characters.json", sparql_doc(rows, ["item", "itemLabel", "type", "P1080", "P1080Label"])
    )
    claims, _ = read(path)
    ada = wd(EntityType.CHARACTER, "Q1")
    assert objects(claims, ada, "part_of_universe") == {wd(EntityType.UNIVERSE, "Q2")}


def test_sparql_bad_item_term_is_located(tmp_path: Path) -> None:
    rows = [{"item": {"type": "literal", "value": "Q1"}}]
    path = write(tmp_path, "bad.json", sparql_doc(rows, ["item"]))
    (problem,) = problems(path)
    assert problem.field == "/results/bindings/0/item" and "Wikidata entity IRI" in problem.message
    claims, reader = read(path, SKIP)
    assert claims.entities == [] and len(reader.skipped) == 1


# ---------------------------------------------------------------------------------------- label CSV


@pytest.fixture(scope="module")
def characters_csv(shared: Path) -> Path:
    return shared / "data" / "wikidata" / "character-universe.csv"


@pytest.fixture(scope="module")
def labels(characters_csv: Path) -> tuple[ClaimSet, wikidata.WikidataReader]:
    return read(characters_csv)


def label_iri(kind: str, *parts: str) -> str:
    return entity_iri("wikidata-label", kind, *(slugify(p) for p in parts))


def test_label_csv_counts(labels: tuple[ClaimSet, wikidata.WikidataReader]) -> None:
    claims, reader = labels
    kinds = [e.type for e in claims.entities]
    # 66,468 rows, 37,168 of them repeats; 1,267 name a bare QID. Distinct (universe, name) slugs:
    # 28,293 characters in 787 universes.
    assert kinds.count(EntityType.CHARACTER) == 28293
    assert kinds.count(EntityType.UNIVERSE) == 787
    assert len(claims.relations) == 28293
    assert reader.counts[wikidata.BARE_QID_LABEL] == 1267
    assert reader.skipped == []


def test_label_csv_rows_by_hand(labels: tuple[ClaimSet, wikidata.WikidataReader]) -> None:
    claims, _ = labels
    legends, canon = "Star Wars Legends", "Star Wars universe"
    boba_legends = label_iri("character", legends, "Boba Fett")
    boba_canon = label_iri("character", canon, "Boba Fett")
    by_id = {e.id: e for e in claims.entities}
    assert by_id[boba_legends].name == by_id[boba_canon].name == "Boba Fett"  # two characters
    assert objects(claims, boba_legends, "part_of_universe") == {label_iri("universe", legends)}
    assert by_id[label_iri("universe", canon)].name == canon
    assert by_id[boba_legends].evidence[0].line == 2  # grep -n '^Boba Fett,' character-universe.csv
    vader = label_iri("character", canon, "Darth Vader")
    (rel,) = [r for r in claims.relations if r.subject == vader]
    assert [e.line for e in rel.evidence] == [8202, 21651, 38768, 47023, 52523, 56702, 57426, 63298]
    assert not any(e.name == "Q4009257" for e in claims.entities)  # line 84: no English label


def test_label_csv_slice_passes_shacl(characters_csv: Path, tmp_path: Path) -> None:
    with characters_csv.open(encoding="utf-8") as f:
        head = [next(f) for _ in range(501)]
    claims, _ = read(write(tmp_path, "slice.csv", "".join(head)))
    assert claims.relations and shacl_problems([claims]) == []


def test_label_csv_bad_rows(tmp_path: Path) -> None:
    text = "itemLabel,universeLabel\nAda,Test universe\nBo,Test universe,extra\n,Test universe\n"
    path = write(tmp_path, "labels.csv", text)
    (problem,) = problems(path)
    assert (problem.line, problem.message) == (3, "expected 2 fields, found 3")
    claims, reader = read(path, SKIP)
    assert [p.line for p in reader.skipped] == [3, 4]
    assert [e.name for e in claims.entities] == ["Test universe", "Ada"]


def test_label_csv_needs_its_header(tmp_path: Path) -> None:
    (problem,) = problems(write(tmp_path, "other.csv", "name,universe\nAda,Test\n"))
    assert problem.line == 1 and "itemLabel" in problem.message


# ---------------------------------------------------------------------------------------- located errors


def entity_doc(claims: dict[str, Any], qid: str = "Q1") -> dict[str, Any]:
    return {
        "entities": {
            qid: {
                "type": "item",
                "id": qid,
                "labels": {"en": {"language": "en", "value": "A film"}},
                "claims": {"P31": [statement("P31", "wikibase-entityid", {"id": "Q11424"})], **claims},
            }
        }
    }


def statement(pid: str, kind: str, value: Any) -> dict[str, Any]:
    snak = {"snaktype": "value", "property": pid, "datavalue": {"type": kind, "value": value}}
    return {"mainsnak": snak, "type": "statement", "rank": "normal"}


def test_truncated_json_names_line_and_column(city_streets_path: Path, tmp_path: Path) -> None:
    text = city_streets_path.read_text(encoding="utf-8")
    cut = text[: text.index('"claims"') + 40]
    path = write(tmp_path, "cut.json", cut)
    (problem,) = problems(path)
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(cut)
    assert problem.line == expected.value.lineno > 100
    assert (
        problem.message.startswith("malformed JSON") and f"column {expected.value.colno}" in problem.message
    )


def test_truncated_dump_names_line_and_column(tmp_path: Path) -> None:
    lines = (DATA / "dump-sample.json").read_text(encoding="utf-8").splitlines()
    path = write(tmp_path, "cut-dump.json", "\n".join([*lines[:3], lines[3][:50]]))
    (problem,) = problems(path)
    assert problem.line == 4 and "malformed JSON" in problem.message and "column" in problem.message
    (problem,) = problems(path, SKIP)  # the cut line can be skipped, the missing end cannot
    assert (problem.line, problem.message) == (4, "truncated dump: no closing ']'")


def test_unknown_datatype_fails_with_its_pointer(tmp_path: Path) -> None:
    coordinate = {"latitude": 51.5, "longitude": -0.1, "precision": 0.01}
    doc = entity_doc(
        {
            "P57": [
                statement("P57", "globecoordinate", coordinate),
                statement("P57", "wikibase-entityid", {"id": "Q3"}),
            ]
        }
    )
    path = write(tmp_path, "odd.json", json.dumps(doc))
    (problem,) = problems(path)
    assert problem.message == "unknown Wikidata datatype globecoordinate"
    assert problem.field == "/entities/Q1/claims/P57/0/mainsnak/datavalue/type"
    claims, reader = read(path, SKIP)
    assert [p.field for p in reader.skipped] == [problem.field]
    assert objects(claims, wd(EntityType.FILM, "Q1"), "directed_by") == {wd(EntityType.PERSON, "Q3")}


def test_known_datatype_of_the_wrong_kind_is_located(tmp_path: Path) -> None:
    doc = entity_doc({"P577": [statement("P577", "string", "1931")]})
    (problem,) = problems(write(tmp_path, "odd.json", json.dumps(doc)))
    assert problem.message == "P577 takes time values, not string"


def test_unmapped_property_with_any_datatype_is_ignored(tmp_path: Path) -> None:
    doc = entity_doc({"P2047": [statement("P2047", "quantity", {"amount": "+101"})]})
    claims, reader = read(write(tmp_path, "film.json", json.dumps(doc)))
    assert [e.name for e in claims.entities] == ["A film"] and reader.skipped == []


@pytest.mark.parametrize(
    ("qid", "claims", "field"),
    [
        pytest.param("Q042", {}, "/entities/Q042/id", id="entity-id"),
        pytest.param("q42", {}, "/entities/q42/id", id="entity-id-lowercase"),
        pytest.param(
            "Q1",
            {"P57": [statement("P57", "wikibase-entityid", {"id": "Person 7"})]},
            "/entities/Q1/claims/P57/0/mainsnak/datavalue/value",
            id="value-id",
        ),
    ],
)
def test_qid_in_the_wrong_form_is_located(
    tmp_path: Path, qid: str, claims: dict[str, Any], field: str
) -> None:
    (problem,) = problems(write(tmp_path, "bad-id.json", json.dumps(entity_doc(claims, qid))))
    assert problem.field == field and "not a Wikidata item id" in problem.message


def test_qid_in_the_wrong_form_in_a_dump_names_the_line(tmp_path: Path) -> None:
    text = (
        (DATA / "dump-sample.json")
        .read_text(encoding="utf-8")
        .replace('{"type":"item","id":"Q60749418"', '{"type":"item","id":"Q-1"', 1)
    )
    (problem,) = problems(write(tmp_path, "dump.json", text))
    assert (problem.line, problem.field) == (4, "/2/id")


@pytest.mark.parametrize("content", ["", "  \n\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    (problem,) = problems(write(tmp_path, "empty.json", content))
    assert problem.message == "empty file"


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        pytest.param("entity.json", b'{"entities": {\n"Q1": {\n"id": "Q\xff1"}}}', 3, id="document"),
        pytest.param("dump.json", b'[\n{"type":"item","id":"Q1"},\n{"id":"\xe9"}\n]\n', 3, id="dump"),
        pytest.param("labels.csv", b"itemLabel,universeLabel\nAda,Test\nB\xf6,Test\n", 3, id="csv"),
    ],
)
def test_non_utf8_bytes_name_the_line(tmp_path: Path, name: str, content: bytes, line: int) -> None:
    (problem,) = problems(write(tmp_path, name, content))
    assert problem.line == line and problem.message.startswith("not UTF-8")


# ---------------------------------------------------------------------------------------- detection, mapping


def head_of(path: Path) -> str:
    return path.read_bytes()[:SNIFF_BYTES].decode("utf-8", errors="ignore")


def test_each_shape_is_detected_by_content(city_streets_path: Path, characters_csv: Path) -> None:
    for path in (city_streets_path, characters_csv, DATA / "dump-sample.json", DATA / "sparql-films.json"):
        assert detect_kind(path, head_of(path)) is SourceKind.WIKIDATA, path


@pytest.mark.parametrize(
    "head",
    [
        "format: universe-graph/universe@1\n",
        '[\n  {"model": "resources.planet", "pk": 1, "fields": {"name": "Tatooine"}}\n]',
        '{"id": 603, "title": "The Matrix", "release_date": "1999-03-30"}',
        '{"head": {"vars": ["s"]}, "results": {"bindings": []}}',
        "title,year\nThe Matrix,1999\n",
    ],
    ids=["universe-yaml", "json-array", "tmdb-like", "other-sparql", "other-csv"],
)
def test_other_content_is_not_sniffed(head: str) -> None:
    assert not wikidata.WikidataReader.sniff(head)


def test_loads_through_detection(city_streets_path: Path) -> None:
    loaded = load_paths([DATA / "dump-sample.json", city_streets_path])
    assert [cs.source.kind for cs in loaded.claimsets] == [SourceKind.WIKIDATA, SourceKind.WIKIDATA]


def test_mapping_is_checked_against_the_ontology(tmp_path: Path) -> None:
    text = wikidata.mapping_path().read_text(encoding="utf-8")
    bad = text.replace("{predicate: directed_by,", "{predicate: directed,", 1)
    path = write(tmp_path, "wikidata.yaml", bad)
    with pytest.raises(BadInput) as exc:
        wikidata.load_mapping(path)
    (problem,) = exc.value.problems
    expected_line = (
        bad.splitlines().index(next(x for x in bad.splitlines() if "predicate: directed," in x)) + 1
    )
    assert problem.line == expected_line and "unknown predicate 'directed'" in problem.message
    assert problem.field == "properties.P57"


def test_mapping_value_type_must_fit_the_range(tmp_path: Path) -> None:
    bad = (
        wikidata.mapping_path().read_text(encoding="utf-8").replace("value_type: Genre", "value_type: Person")
    )
    with pytest.raises(BadInput) as exc:
        wikidata.load_mapping(write(tmp_path, "wikidata.yaml", bad))
    assert "genre's object cannot be a Person" in exc.value.problems[0].message
