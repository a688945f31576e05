"""Issue 16 (fuzzing): inputs the fuzzer (`benchmarks/fuzz.py`) refused without naming a line or a
field, or misread, rebuilt by hand from the shared samples; each is now read or refused, located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from universe_graph.errors import BadInput, Problem
from universe_graph.ingest import SourceOptions, load_paths

MOVIES = "data/movielens/movies.csv"


def _movies(shared: Path, count: int) -> list[str]:
    return (shared / MOVIES).read_text(encoding="utf-8").splitlines()[:count]  # no header line


def _films(path: Path, **options: object) -> dict[str, int]:
    """Each film read from a MovieLens file, by name, with the line of its evidence (0: none)."""
    loaded = load_paths([path], kind="movielens", options=SourceOptions(**options))  # type: ignore[arg-type]
    (claims,) = loaded.claimsets
    return {e.name: e.evidence[0].line or 0 for e in claims.entities if e.type.value == "Film"}


def test_movielens_rows_end_in_a_bare_cr_as_in_lf(shared: Path, tmp_path: Path) -> None:
    lines = _movies(shared, 6)
    lf, cr = tmp_path / "lf" / "movies.csv", tmp_path / "cr" / "movies.csv"
    for path, end in ((lf, "\n"), (cr, "\r")):
        path.parent.mkdir()
        path.write_bytes((end.join(lines) + end).encode("utf-8"))
    films = _films(cr)
    assert len(films) == 6 and films == _films(lf)
    assert sorted(films.values()) == [1, 2, 3, 4, 5, 6]


def test_a_csv_row_the_parser_refuses_is_skipped_at_its_line(shared: Path, tmp_path: Path) -> None:
    lines = _movies(shared, 5)
    lines.insert(3, '99999,"' + "A" * 140_000 + ' (1999)",Action')  # a field over csv's 128 KiB limit
    path = tmp_path / "movies.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    films = _films(path, on_error="skip")
    assert sorted(films.values()) == [1, 2, 3, 5, 6]  # the rows after it still read, at their lines


ENTITY = "data/wikidata/Q2262932.json"
LABELS = "data/wikidata/character-universe.csv"
TITLES = "data/imdb/heads/title.basics.tsv"
CREDITS = "data/tmdb/marcospss_mock_john_wick_3_credits_trimmed.json"


def _refused(path: Path, kind: str) -> Problem:
    """The first problem of reading `path` as `kind`, which must be refused naming it."""
    with pytest.raises(BadInput) as caught:
        load_paths([path], kind=kind)
    problem = caught.value.problems[0]
    assert problem.file == str(path), problem
    return problem


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_wikidata_year_of_thousands_of_digits_is_located(shared: Path, tmp_path: Path) -> None:
    text = (shared / ENTITY).read_text(encoding="utf-8")
    path = tmp_path / "entity.json"
    path.write_text(text.replace('"+1931-01-01T', '"+' + "9" * 5000 + "-01-01T", 1), encoding="utf-8")
    problem = _refused(path, "wikidata")  # was a ValueError from int(), reported for the file alone
    assert "malformed Wikidata time" in problem.message and problem.field is not None, problem


def test_a_wikidata_document_nested_too_deep_is_refused_at_its_line(shared: Path, tmp_path: Path) -> None:
    text = (shared / ENTITY).read_text(encoding="utf-8")
    deep = text.replace('"time"', '"n": ' + "[" * 300 + "]" * 300 + ', "time"', 1)
    path = tmp_path / "entity.json"
    path.write_text(deep, encoding="utf-8")
    problem = _refused(path, "wikidata")
    assert "nested more than 200" in problem.message and problem.line == _line_of(deep, '"n": '), problem


def test_json_nested_past_the_parser_names_the_line_where_it_gets_too_deep(
    shared: Path, tmp_path: Path
) -> None:
    text = (shared / CREDITS).read_text(encoding="utf-8")
    at = text.index('"cast"')
    deep = text[:at] + '"n": ' + "[" * 100_000 + "]" * 100_000 + ",\n" + text[at:]
    path = tmp_path / "credits.json"
    path.write_text(deep, encoding="utf-8")
    problem = _refused(path, "tmdb")  # was "nested too deeply" with no line
    assert "nested" in problem.message and problem.line == _line_of(text, '"cast"'), problem


def test_a_wikidata_label_csv_row_the_parser_refuses_is_a_bad_row(shared: Path, tmp_path: Path) -> None:
    lines = (shared / LABELS).read_text(encoding="utf-8").splitlines()[:6]
    lines.insert(3, 'Somebody,"' + "U" * 140_000 + '"')  # a field over csv's 128 KiB limit
    path = tmp_path / "labels.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = _refused(path, "wikidata")
    assert problem.line == 4 and "malformed CSV row" in problem.message, problem
    skipped = load_paths([path], kind="wikidata", options=SourceOptions(on_error="skip"))
    lines_read = {ev.line for e in skipped.claimsets[0].entities for ev in e.evidence}
    assert lines_read == {2, 3, 5, 6, 7}  # the rows around it are read


def test_an_imdb_count_of_thousands_of_digits_is_located_at_its_field(shared: Path, tmp_path: Path) -> None:
    lines = (shared / TITLES).read_text(encoding="utf-8").splitlines()[:4]
    cols = lines[2].split("\t")
    cols[5] = "9" * 5000  # startYear
    lines[2] = "\t".join(cols)
    path = tmp_path / "title.basics.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = _refused(path, "imdb")
    assert (problem.line, problem.field) == (3, "startYear") and "18 digits" in problem.message, problem


FILMS = "data/swapi/films.json"
DETAILS = "data/tmdb/marcospss_mock_john_wick_3_details.json"
KB = "data/metaqa/kb.txt"


def test_a_swapi_film_whose_planets_are_not_a_list_is_a_bad_record(shared: Path, tmp_path: Path) -> None:
    films = json.loads((shared / FILMS).read_text(encoding="utf-8"))
    films[1]["fields"]["planets"] = True  # was TypeError: 'bool' object is not iterable, for the file
    path = tmp_path / "films.json"
    path.write_text(json.dumps(films), encoding="utf-8")
    problem = _refused(path, "swapi")
    assert problem.field == "/1/fields/planets" and "list" in problem.message, problem


def test_tmdb_lists_of_the_wrong_type_do_not_crash_detection(shared: Path, tmp_path: Path) -> None:
    details = json.loads((shared / DETAILS).read_text(encoding="utf-8"))
    details["spoken_languages"] = 3.5  # was TypeError: 'float' object is not iterable
    path = tmp_path / "details.json"
    path.write_text(json.dumps(details), encoding="utf-8")
    (claims,) = load_paths([path]).claimsets  # read: the language falls back to original_language
    assert claims.source.kind.value == "tmdb"
    assert any(r.predicate == "language" and r.object == "en" for r in claims.relations)
    credits = json.loads((shared / CREDITS).read_text(encoding="utf-8"))
    credits["crew"] = 2.0  # was TypeError: Value after * must be an iterable, not float
    path.write_text(json.dumps(credits), encoding="utf-8")
    assert _refused(path, "tmdb").field is not None


def test_a_triples_year_of_thousands_of_digits_is_located(shared: Path, tmp_path: Path) -> None:
    lines = (shared / KB).read_text(encoding="utf-8").splitlines()[:10]
    lines[3] = "$|release_year|" + "9" * 5000  # was a ValueError from int(), for the file alone
    path = tmp_path / "kb.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = _refused(path, "triples")
    assert (problem.line, problem.field) == (4, "object") and "18 digits" in problem.message, problem


def test_an_empty_yaml_document_is_refused_at_line_one(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("# only a comment\n", encoding="utf-8")
    problem = _refused(path, "universe")
    assert problem.line == 1 and "empty YAML" in problem.message, problem


def test_an_alias_over_500_characters_is_refused_at_its_row(tmp_path: Path) -> None:
    """Found by the round trip: a second name for the same universe (same slug, 1,000 brackets
    longer) was kept as an alias past the 500-character limit of names, and the store then could
    not read the source back (`export` raised a ValidationError)."""
    long = "Star Trek" + "[" * 1000 + " universe"
    rows = [
        "itemLabel,universeLabel",
        "Shinzon,Star Trek universe",
        f"Worf,{long}",
        "Data,Star Trek universe",
    ]
    path = tmp_path / "labels.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    problem = _refused(path, "wikidata")
    assert problem.line == 3 and "500 characters" in problem.message, problem
    (claims,) = load_paths([path], kind="wikidata", options=SourceOptions(on_error="skip")).claimsets
    assert all(len(alias) <= 500 for e in claims.entities for alias in e.aliases)
    assert {e.name for e in claims.entities} >= {"Shinzon", "Data", "Star Trek universe"}


PRINCIPALS = "data/imdb/heads/title.principals.tsv"


def test_an_imdb_characters_list_with_a_huge_number_is_located(shared: Path, tmp_path: Path) -> None:
    lines = (shared / PRINCIPALS).read_text(encoding="utf-8").splitlines()[:4]
    cols = lines[2].split("\t")
    cols[5] = "[" + "9" * 5000 + "]"  # was a ValueError from json.loads, for the file alone
    lines[2] = "\t".join(cols)
    path = tmp_path / "title.principals.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = _refused(path, "imdb")
    assert (problem.line, problem.field) == (3, "characters"), problem


def test_a_control_character_in_yaml_is_refused_at_its_line(tmp_path: Path) -> None:
    text = "format: universe-graph/universe@1\nsource: {id: u}\nuniverse: {key: u-u, name: U\x8a}\n"
    path = tmp_path / "u.yaml"
    path.write_text(text, encoding="utf-8")
    problem = _refused(path, "universe")  # was "malformed YAML: unacceptable character" with no line
    assert problem.line == 3 and "not allowed" in problem.message, problem


def test_an_integer_past_64_bits_is_refused_before_either_store(tmp_path: Path) -> None:
    """Found by the round trip: Oxigraph kept a 26-digit MovieLens id that FalkorDB clamped to
    2**63 - 1, so the two stores disagreed. Now such a value is refused, at its line and field."""
    from universe_graph.fixtures import sample_path
    from universe_graph.ingest.safety import unsafe_values

    text = (sample_path() / "john-wick.universe.yaml").read_text(encoding="utf-8")
    assert "movielens: 115149}" in text
    path = tmp_path / "u.universe.yaml"
    path.write_text(text.replace("movielens: 115149}", "movielens: 11514999999999999999999999}"))
    with pytest.raises(BadInput) as caught:
        load_paths([path])
    (problem,) = caught.value.problems
    assert problem.field is not None and problem.field.endswith("external_ids.movielens")
    assert "64 bits" in problem.message
    assert problem.line is not None and "john-wick-2014" in text.splitlines()[problem.line - 1]  # the film
    # the edge of the range: the largest 64-bit integer is kept, one more is refused
    (claims,) = load_paths([sample_path() / "john-wick.universe.yaml"]).claimsets
    film = next(e for e in claims.entities if e.external_ids.movielens == 115149)
    film.external_ids.movielens = 2**63 - 1
    assert unsafe_values(claims) == []
    film.external_ids.movielens = 2**63
    assert [p.field for p in unsafe_values(claims)] == [
        f"entities[{claims.entities.index(film)}].external_ids.movielens"
    ]


def test_a_decision_file_naming_an_iri_the_store_refuses_is_located(tmp_path: Path) -> None:
    """Found by the round trip: a decision file whose IRI holds `[` was read, then the canonical
    store's parser raised in the middle of `ingest` (a traceback)."""
    from universe_graph.ingest.curation import DecidedEntity, DecisionFile, render, statement
    from universe_graph.model import EntityType

    def decision(iri: str) -> str:
        people = [
            DecidedEntity.model_construct(iri=iri, name="Ada Quell", type=EntityType.CHARACTER),
            DecidedEntity(
                iri="https://example.org/id/the-exile", name="The Exile", type=EntityType.CHARACTER
            ),
        ]
        at = "2026-12-07T12:00:00+00:00"
        said = statement("same_as", people, "a fan", at, None)
        return render(
            DecisionFile.model_construct(
                format="universe-graph decision", decision="same_as", entities=people, by="a fan", at=at,
                note=None, statement=said,
            )
        )  # fmt: skip

    path = tmp_path / "decision.json"
    for bad in (
        "https://example.org/id/ada[quell]",
        "https://example.org/id/ada%zz",
        "https://example.org/{ada}",
    ):
        path.write_text(decision(bad), encoding="utf-8")
        with pytest.raises(BadInput) as caught:
            load_paths([path])
        (problem,) = caught.value.problems
        assert "not a valid IRI" in problem.message and problem.field == "entities.0.iri", problem
    path.write_text(decision("https://example.org/id/ada-quell"), encoding="utf-8")
    assert len(load_paths([path]).claimsets) == 1
