"""The IMDb TSV reader on the real sample dumps (rows looked up by hand) and on crafted bad files."""

from __future__ import annotations

import hashlib
import json
import shutil
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import universe_graph.ingest.imdb as imdb_module  # registers the reader until ingest/__init__ imports it
from universe_graph.errors import BadInput, Problem
from universe_graph.ingest.base import SourceOptions, external_iri, readers
from universe_graph.ingest.imdb import COLUMNS, ImdbReader, TsvKind, character_iri
from universe_graph.model import CanonTier, ClaimSet, Entity, EntityType, Relation, SourceKind
from universe_graph.validate import shacl_problems
from universe_graph.vocab import entity_iri


def film(tconst: str) -> str:
    return external_iri(EntityType.FILM, "imdb", tconst)


def series(tconst: str) -> str:
    return external_iri(EntityType.SERIES, "imdb", tconst)


def person(nconst: str) -> str:
    return external_iri(EntityType.PERSON, "imdb", nconst)


def entity(claims: ClaimSet, iri: str) -> Entity:
    found = [e for e in claims.entities if e.id == iri]
    assert len(found) == 1, f"{iri}: {len(found)} entities"
    return found[0]


def rels(claims: ClaimSet, subject: str | None = None, predicate: str | None = None) -> list[Relation]:
    return [
        r
        for r in claims.relations
        if (subject is None or r.subject == subject) and (predicate is None or r.predicate == predicate)
    ]


def objects(claims: ClaimSet, subject: str, predicate: str) -> set[object]:
    return {r.object for r in rels(claims, subject, predicate)}


def read(path: Path, **options: Any) -> tuple[ClaimSet, ImdbReader]:
    reader = ImdbReader()
    return reader.run(path, SourceOptions(**options)), reader


@pytest.fixture(scope="module")
def imdb(shared: Path) -> Path:
    return shared / "data/imdb"


def tsv(folder: Path, kind: TsvKind, rows: Sequence[str], name: str | None = None) -> Path:
    """A crafted dump file: the real header of `kind`, then `rows` (tab-separated strings)."""
    path = folder / (name or f"{kind.value}.tsv")
    path.write_text("\t".join(COLUMNS[kind]) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# ---------------------------------------------------------------- recognising the files


def test_reader_is_registered_and_sniffs_the_seven_mapped_dumps(imdb: Path) -> None:
    assert readers()[SourceKind.IMDB] is ImdbReader
    heads = imdb / "heads"
    for kind in TsvKind:
        assert ImdbReader.sniff((heads / f"{kind.value}.tsv").read_text(encoding="utf-8")[:4096]), kind
    assert {kind.value for kind in TsvKind} >= {"title.akas", "title.ratings"}
    assert not ImdbReader.sniff("format: universe-graph/universe@1\n")
    assert ImdbReader.sniff("\ufefftconst\tdirectors\twriters\r\ntt0000001\tnm0005690\t\\N\r\n")


def test_an_unknown_header_is_a_located_error(tmp_path: Path, imdb: Path) -> None:
    unknown = tmp_path / "title.unknown.tsv"
    unknown.write_text("tconst\tfavouriteColour\ntt0000001\tblue\n", encoding="utf-8")
    with pytest.raises(BadInput) as e:
        read(unknown)
    assert e.value.problems[0].line == 1
    assert "not an IMDb TSV header" in e.value.problems[0].message


# ---------------------------------------------------------------- title.basics


def test_title_basics_maps_films_with_year_genres_and_original_title(imdb: Path) -> None:
    path = imdb / "title.basics.tsv"
    claims, reader = read(path)
    # line 10: tt9806336  movie  Rising High  Betonrausch  0  2020  \N  94  Comedy,Drama
    rising = entity(claims, film("tt9806336"))
    assert (rising.type, rising.name, rising.aliases) == (EntityType.FILM, "Rising High", ["Betonrausch"])
    assert rising.external_ids.imdb == "tt9806336"
    assert [ev.line for ev in rising.evidence] == [10]
    assert objects(claims, rising.id, "release_year") == {2020}
    assert objects(claims, rising.id, "genre") == {
        entity_iri("genre", "comedy"),
        entity_iri("genre", "drama"),
    }
    assert entity(claims, entity_iri("genre", "comedy")).type is EntityType.GENRE
    # line 3: Shadowtown, same original title (no alias), 2020, Drama,Mystery,Thriller
    shadowtown = entity(claims, film("tt9806258"))
    assert shadowtown.aliases == []
    assert objects(claims, shadowtown.id, "genre") == {
        entity_iri("genre", g) for g in ("drama", "mystery", "thriller")
    }
    # Hollytown NC has no start year: no release_year claim
    assert objects(claims, film("tt9807494"), "release_year") == set()
    assert entity(claims, entity_iri("genre", "sci-fi")).name == "Sci-Fi"
    assert sum(e.type is EntityType.FILM for e in claims.entities) == 2000
    assert reader.stats["kept"] == 2000 and not reader.skipped
    ev = rising.evidence[0]
    assert (ev.source, ev.extractor, ev.extractor_version, ev.confidence) == (
        "title-basics",
        "imdb-tsv",
        "1.0",
        1.0,
    )


def test_the_source_record_hashes_the_whole_file(imdb: Path) -> None:
    path = imdb / "title.basics.tsv"
    claims, _ = read(path, source_id="imdb-sample", tier=CanonTier.REVIEW, about=film("tt9806336"))
    source = claims.source
    assert source.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (source.id, source.kind, source.tier, source.location) == (
        "imdb-sample",
        SourceKind.IMDB,
        CanonTier.REVIEW,
        str(path),
    )
    assert source.about == film("tt9806336")
    default, _ = read(imdb / "heads/title.crew.tsv")
    assert (default.source.id, default.source.tier) == ("title-crew", CanonTier.OFFICIAL)


def test_title_types_other_than_films_and_series_are_skipped_not_errors(tmp_path: Path) -> None:
    path = tsv(
        tmp_path,
        TsvKind.BASICS,
        [
            "tt0903747\ttvSeries\tBreaking Bad\tBreaking Bad\t0\t2008\t2013\t49\tCrime,Drama,Thriller",
            "tt0959621\ttvEpisode\tPilot\tPilot\t0\t2008\t\\N\t58\tCrime,Drama,Thriller",
            "tt2911666\tmovie\tJohn Wick\tJohn Wick\t0\t2014\t\\N\t101\tAction,Crime,Thriller",
            "tt8426906\tvideoGame\tJohn Wick Hex\tJohn Wick Hex\t0\t2019\t\\N\t\\N\tAction",
        ],
    )
    claims, reader = read(path)
    assert {(e.id, e.type) for e in claims.entities if e.type.is_work} == {
        (series("tt0903747"), EntityType.SERIES),
        (film("tt2911666"), EntityType.FILM),
    }
    assert reader.stats["skipped-by-type:tvEpisode"] == 1
    assert reader.stats["skipped-by-type:videoGame"] == 1
    assert not reader.skipped


# ---------------------------------------------------------------- title.principals


def test_principals_map_cast_with_characters_and_crew(imdb: Path) -> None:
    claims, reader = read(imdb / "title.principals.tsv")
    work, hemsworth = film("tt9817210"), person("nm1165110")
    # line 1345: tt9817210  1  nm1165110  actor  \N  ["Terry Bollea","Hulk Hogan"]
    terry, hulk = character_iri("tt9817210", "Terry Bollea"), character_iri("tt9817210", "Hulk Hogan")
    assert terry == entity_iri("imdb", "character", "tt9817210", "terry-bollea")
    cast = rels(claims, work, "cast_member")
    assert {(r.object, r.qualifiers.character) for r in cast if r.object == hemsworth} == {
        (hemsworth, terry),
        (hemsworth, hulk),
    }
    assert entity(claims, hulk).type is EntityType.CHARACTER
    assert entity(claims, hulk).name == "Hulk Hogan"
    assert objects(claims, hulk, "appears_in") == {work}
    [portrayed] = rels(claims, hulk, "portrayed_by")
    assert (portrayed.object, portrayed.qualifiers.work) == (hemsworth, work)
    assert portrayed.evidence[0].line == 1345
    # referenced, not described here: typed placeholders named by their id
    placeholder = entity(claims, hemsworth)
    assert (placeholder.type, placeholder.name, placeholder.external_ids.imdb) == (
        EntityType.PERSON,
        "nm1165110",
        "nm1165110",
    )
    assert (entity(claims, work).type, entity(claims, work).name) == (EntityType.FILM, "tt9817210")
    assert objects(claims, work, "directed_by") == {person("nm0680846")}
    assert objects(claims, work, "written_by") == {person("nm0689708"), person("nm0798788")}
    assert objects(claims, work, "produced_by") == {
        person(n) for n in ("nm0083888", "nm0177896", "nm0837386")
    }
    # Rising High's composer, cinematographer and editor are counted, not mapped
    assert all(r.object != person("nm2477337") for r in claims.relations)
    assert reader.stats["unmapped-category:composer"] == 703
    assert reader.stats["unmapped-category:cinematographer"] == 837


def test_people_appearing_as_themselves_are_cast_without_a_character(imdb: Path) -> None:
    claims, _ = read(imdb / "title.principals.tsv", filter="tt9806876")
    # lines 91-93 and on: a documentary whose principals are all `self` with ["Self"]
    cast = rels(claims, film("tt9806876"), "cast_member")
    assert person("nm5733712") in {r.object for r in cast}
    assert all(r.qualifiers.character is None for r in cast)
    assert not [e for e in claims.entities if e.type is EntityType.CHARACTER]


def test_a_head_without_a_final_line_break_reads_its_last_row(imdb: Path) -> None:
    claims, _ = read(imdb / "heads/title.principals.tsv")
    carmencita = film("tt0000001")
    assert objects(claims, carmencita, "produced_by") == {person("nm0005690")}
    assert rels(claims, carmencita, "produced_by")[0].evidence[0].line == 4


# ---------------------------------------------------------------- name.basics, title.episode, title.crew


def test_name_basics_defines_people(imdb: Path) -> None:
    claims, _ = read(imdb / "name.basics.tsv")
    hemsworth = entity(claims, person("nm1165110"))
    assert (hemsworth.type, hemsworth.name, hemsworth.external_ids.imdb) == (
        EntityType.PERSON,
        "Chris Hemsworth",
        "nm1165110",
    )
    assert hemsworth.evidence[0].line == 4518
    assert len(claims.entities) == 10177 and not claims.relations


def test_episodes_are_films_part_of_their_series(imdb: Path) -> None:
    claims, _ = read(imdb / "heads/title.episode.tsv")
    # line 3: tt0041951  tt0041038  1  9
    [part] = rels(claims, film("tt0041951"), "part_of_series")
    assert part.object == series("tt0041038") and part.evidence[0].line == 3
    assert entity(claims, series("tt0041038")).type is EntityType.SERIES
    assert entity(claims, film("tt0041951")).name == "tt0041951"
    assert len(rels(claims, predicate="part_of_series")) == 5


def test_crew_gives_directors_and_writers(imdb: Path, tmp_path: Path) -> None:
    claims, _ = read(imdb / "heads/title.crew.tsv")
    assert objects(claims, film("tt0000001"), "directed_by") == {person("nm0005690")}
    assert not rels(claims, predicate="written_by")  # every writers cell of the head is \N
    crafted = tsv(tmp_path, TsvKind.CREW, ["tt2911666\tnm0002129,nm0940143\tnm1297545"])
    claims, _ = read(crafted)
    assert objects(claims, film("tt2911666"), "directed_by") == {person("nm0002129"), person("nm0940143")}
    assert objects(claims, film("tt2911666"), "written_by") == {person("nm1297545")}


# ---------------------------------------------------------------- --filter


def test_filter_by_tconst_list_keeps_exactly_those_titles(imdb: Path) -> None:
    claims, reader = read(imdb / "title.basics.tsv", filter="tt9806336, tt9806258")
    assert {e.id for e in claims.entities if e.type.is_work} == {film("tt9806336"), film("tt9806258")}
    assert reader.stats["filtered-out"] == 1998
    claims, _ = read(imdb / "title.principals.tsv", filter="tt9817210")
    assert {r.evidence[0].line for r in claims.relations} == set(range(1345, 1352))
    assert {r.subject for r in claims.relations if r.predicate == "cast_member"} == {film("tt9817210")}


def test_filter_by_title_pattern_matches_primary_and_original_titles(imdb: Path) -> None:
    claims, _ = read(imdb / "title.basics.tsv", filter="title:BETONRAUSCH")
    assert [e.name for e in claims.entities if e.type.is_work] == ["Rising High"]
    claims, _ = read(imdb / "title.basics.tsv", filter="title:^night")
    assert {e.name for e in claims.entities if e.type.is_work} == {"Night Shift", "Nightmare Tenant"}


def test_title_pattern_on_principals_and_names_reads_the_sibling_files(imdb: Path) -> None:
    claims, _ = read(imdb / "title.principals.tsv", filter="title:hulk hogan")
    assert {r.evidence[0].line for r in claims.relations} == set(range(1345, 1352))
    people, _ = read(imdb / "name.basics.tsv", filter="title:hulk hogan")
    assert {e.name for e in people.entities} == {
        "Chris Hemsworth",
        "Todd Phillips",
        "John Pollono",
        "Scott Silver",
        "Eric Bischoff",
        "Bradley Cooper",
        "Michael Sugar",
    }
    by_id, _ = read(imdb / "name.basics.tsv", filter="tt9817210")
    assert {e.id for e in by_id.entities} == {e.id for e in people.entities}


def test_filter_on_episodes_keeps_a_series_and_its_episodes(imdb: Path) -> None:
    claims, _ = read(imdb / "heads/title.episode.tsv", filter="tt0989125")
    assert {r.subject for r in claims.relations} == {film("tt0042816"), film("tt0042889")}


def test_a_missing_sibling_names_the_filter_and_the_file(imdb: Path, tmp_path: Path) -> None:
    shutil.copy(imdb / "heads/title.principals.tsv", tmp_path / "title.principals.tsv")
    with pytest.raises(BadInput) as e:
        read(tmp_path / "title.principals.tsv", filter="title:carmencita")
    message = e.value.problems[0].message
    assert "--filter 'title:carmencita'" in message and "title.basics.tsv" in message
    claims, _ = read(tmp_path / "title.principals.tsv", filter="tt0000001")  # ids need no sibling
    assert len(claims.relations) == 3
    shutil.copy(imdb / "heads/name.basics.tsv", tmp_path / "name.basics.tsv")
    (tmp_path / "title.principals.tsv").unlink()
    with pytest.raises(BadInput, match=r"title\.principals\.tsv"):
        read(tmp_path / "name.basics.tsv", filter="tt0000001")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("title:(unclosed", "invalid regular expression"),
        ("tt12,foo", "not a title id"),
        (" , ", "no title ids"),
    ],
)
def test_a_bad_filter_is_a_bad_option(imdb: Path, value: str, expected: str) -> None:
    with pytest.raises(BadInput) as e:
        read(imdb / "heads/title.basics.tsv", filter=value)
    assert e.value.problems[0].file == "--filter"
    assert expected in e.value.problems[0].message


# ---------------------------------------------------------------- bad rows and bad files

BAD_ROWS = [
    (TsvKind.BASICS, "tt0000002\tshort\tClown\tClown\t0\t1892", None, "expected 9 tab-separated columns"),
    (TsvKind.BASICS, "tt0000002\tshort\tClown\tClown\t0\t18x2\t\\N\t5\tShort", "startYear", "not an integer"),
    (TsvKind.NAMES, "nm0000002\tLauren Bacall\tc1924\t2014\tactress\t\\N", "birthYear", "not an integer"),
    (TsvKind.PRINCIPALS, "tt0000002\t1\tnm12\tactor\t\\N\t\\N", "nconst", "not an IMDb id"),
    (TsvKind.EPISODE, "tt0041951\ttv0041038\t1\t9", "parentTconst", "not an IMDb id"),
    (TsvKind.CREW, "tt0000002\tnm0721526,0721527\t\\N", "directors", "not an IMDb id"),
    (TsvKind.PRINCIPALS, 'tt0000002\t1\tnm0721526\tactor\t\\N\t["Clown"', "characters", "malformed JSON"),
    (TsvKind.PRINCIPALS, 'tt0000002\t1\tnm0721526\tactor\t\\N\t{"name": "Clown"}', "characters", "JSON list"),
    (TsvKind.RATINGS, "tt0000002\t11.5\t283", "averageRating", "outside 0 to 10"),
    (TsvKind.RATINGS, "tt0000002\tgood\t283", "averageRating", "not a number"),
    (TsvKind.RATINGS, "tt0000002\t5.6\t\\N", "numVotes", "needs its number of votes"),
]  # fmt: skip
GOOD_ROWS = {
    TsvKind.BASICS: "tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary,Short",
    TsvKind.NAMES: "nm0000001\tFred Astaire\t1899\t1987\tactor\ttt0050419",
    TsvKind.PRINCIPALS: 'tt0000001\t1\tnm1588970\tactress\t\\N\t["Carmencita"]',
    TsvKind.EPISODE: "tt0042816\ttt0989125\t1\t17",
    TsvKind.CREW: "tt0000001\tnm0005690\t\\N",
    TsvKind.RATINGS: "tt0000001\t5.7\t2095",
}


@pytest.mark.parametrize(("kind", "row", "field", "message"), BAD_ROWS)
def test_a_bad_row_is_located_with_fail_and_counted_with_skip(
    tmp_path: Path, kind: TsvKind, row: str, field: str | None, message: str
) -> None:
    path = tsv(tmp_path, kind, [GOOD_ROWS[kind], row, GOOD_ROWS[kind]])
    with pytest.raises(BadInput) as e:
        read(path)
    [problem] = e.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 3, field)
    assert message in problem.message
    claims, reader = read(path, on_error="skip")
    assert [(p.line, p.field) for p in reader.skipped] == [(3, field)]
    lines = {ev.line for r in claims.relations for ev in r.evidence} | {
        ev.line for e in claims.entities for ev in e.evidence
    }
    assert lines == {2, 4}  # the bad row gave nothing, the good ones everything


def test_non_utf8_binary_and_empty_files_are_located(tmp_path: Path) -> None:
    header = "\t".join(COLUMNS[TsvKind.CREW]).encode()
    cases = {
        "latin1.tsv": (
            header + b"\ntt0000001\tnm0005690\t\\N\ntt0000002\tnm07\xe921526\t\\N\n",
            3,
            "not UTF-8",
        ),
        "binary.tsv": (header + b"\ntt0000001\tnm0005690\t\\N\n\x00\x01\x02\n", 3, "binary"),
        "empty.tsv": (b"", 1, "empty file"),
    }
    for name, (data, line, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(BadInput) as e:
            read(path, on_error="skip")  # a bad file is not a bad row: skip does not apply
        assert e.value.problems[0] == Problem(file=str(path), line=line, message=e.value.problems[0].message)
        assert message in e.value.problems[0].message


def test_line_numbers_hold_across_read_blocks(tmp_path: Path) -> None:
    """A file of a few MiB, non-ASCII names throughout: lines deep in it are located exactly."""
    rows = [f'tt{i:07d}\t1\tnm{i:07d}\tactress\t\\N\t["Zoë Ångström {i}"]' for i in range(1, 50_001)]
    rows[45_000] = rows[45_000].replace('["', '"[')  # tt0045001's characters: "[Zoë ..."]
    path = tsv(tmp_path, TsvKind.PRINCIPALS, rows)
    assert path.stat().st_size > 2 * 2**20
    with pytest.raises(BadInput) as e:
        read(path, filter="tt0000002,tt0045001")
    assert (e.value.problems[0].line, e.value.problems[0].field) == (45_002, "characters")
    claims, reader = read(path, filter="tt0000002,tt0045001,tt0049999", on_error="skip")
    assert [p.line for p in reader.skipped] == [45_002]
    characters = {(e.name, e.evidence[0].line) for e in claims.entities if e.type is EntityType.CHARACTER}
    assert characters == {("Zoë Ångström 2", 3), ("Zoë Ångström 49999", 50_000)}


def test_tiny_read_blocks_give_the_same_claims(imdb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks that end mid-line and mid-character change nothing."""
    path = imdb / "title.principals.tsv"
    expected, _ = read(path, filter="title:night")
    monkeypatch.setattr(imdb_module, "BLOCK", 7)
    assert read(path, filter="title:night")[0] == expected


def test_a_line_without_end_is_refused_not_buffered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imdb_module, "BLOCK", 64)
    monkeypatch.setattr(imdb_module, "MAX_LINE", 1000)
    path = tsv(tmp_path, TsvKind.CREW, ["tt0000001\tnm0005690\t\\N", "tt0000002\t" + "nm0721526," * 200])
    with pytest.raises(BadInput) as e:
        read(path)
    assert e.value.problems[0].line == 3 and "longer than" in e.value.problems[0].message


def test_characters_get_slugs_and_names_without_latin_letters_do_not_collide() -> None:
    assert character_iri("tt2911666", "John Wick") == entity_iri(
        "imdb", "character", "tt2911666", "john-wick"
    )
    assert character_iri("tt2911666", "X") == entity_iri("imdb", "character", "tt2911666", "x")
    assert character_iri("tt0000001", "ジョン") != character_iri("tt0000001", "ウィック")


def test_no_progress_bar_when_stderr_is_not_a_terminal(imdb: Path, capfd: pytest.CaptureFixture[str]) -> None:
    read(imdb / "title.basics.tsv")
    assert capfd.readouterr() == ("", "")


# ---------------------------------------------------------------- whole-output checks


def test_output_conforms_to_the_shapes(imdb: Path) -> None:
    """SHACL on a filtered subset of each sample (the full files take minutes in pySHACL)."""
    for name in ("title.basics.tsv", "title.principals.tsv", "name.basics.tsv"):
        claims, _ = read(imdb / name, filter="title:night")
        assert claims.entities
        assert shacl_problems([claims]) == [], name
    heads = [read(imdb / "heads" / f"{kind.value}.tsv")[0] for kind in (TsvKind.EPISODE, TsvKind.CREW)]
    assert shacl_problems(heads) == []


def test_every_claim_passes_the_model_on_a_second_validation(imdb: Path) -> None:
    """The claim set is assembled without re-validating its members; prove nothing slipped through."""
    claims, _ = read(imdb / "title.principals.tsv")
    again = ClaimSet.model_validate_json(claims.model_dump_json())
    assert again == claims


def test_memory_stays_bounded_by_what_is_kept(tmp_path: Path) -> None:
    """200k principals rows streamed with a filter that keeps three titles: a small, fixed heap."""
    path = tmp_path / "title.principals.tsv"
    with path.open("w", encoding="utf-8") as f:
        f.write("\t".join(COLUMNS[TsvKind.PRINCIPALS]) + "\n")
        for i in range(200_000):
            title, order = divmod(i, 10)
            characters = json.dumps([f"Character {i}"]) if order < 4 else "\\N"
            category = ("actor", "actress", "actor", "actress", "director", "writer", "producer")[order % 7]
            f.write(f"tt{title + 1:07d}\t{order + 1}\tnm{i + 1:07d}\t{category}\t\\N\t{characters}\n")
    keep = "tt0000001,tt0010000,tt0020000"
    tracemalloc.start()
    try:
        claims, reader = read(path, filter=keep)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert {r.subject for r in claims.relations if r.predicate == "cast_member"} == {
        film(t) for t in keep.split(",")
    }
    assert reader.stats["filtered-out"] == 200_000 - 30
    assert peak < 50 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_ratings_give_a_rating_and_its_votes(imdb: Path) -> None:
    claims, reader = read(imdb / "heads" / "title.ratings.tsv")
    assert objects(claims, film("tt0000001"), "rating") == {5.7}
    assert objects(claims, film("tt0000001"), "votes") == {2095}
    assert objects(claims, film("tt0000003"), "rating") == {6.5}
    assert reader.stats["kept"] == 7
    assert [ev.line for r in rels(claims, film("tt0000002")) for ev in r.evidence] == [3, 3]


def test_akas_are_aliases_of_the_title_from_every_region(tmp_path: Path) -> None:
    path = tsv(
        tmp_path,
        TsvKind.AKAS,
        [
            "tt0000009\t1\tMiss Jerry\t\\N\t\\N\toriginal\t\\N\t1",
            "tt0000009\t2\tFräulein Jerry\tDE\tde\timdbDisplay\t\\N\t0",
            "tt0000009\t3\tMiss Jerry\tUS\t\\N\t\\N\t\\N\t0",  # the same title again: one alias
            "tt0000010\t1\tLa sortie\tFR\t\\N\t\\N\t\\N\t0",
        ],
    )
    claims, reader = read(path)
    assert entity(claims, film("tt0000009")).aliases == ["Miss Jerry", "Fräulein Jerry"]
    assert [ev.line for ev in entity(claims, film("tt0000009")).evidence] == [2, 3]  # each alias's row
    assert entity(claims, film("tt0000010")).aliases == ["La sortie"]
    assert reader.stats["kept"] == 4 and reader.stats["aliases"] == 3
    assert claims.relations == []


def test_akas_with_a_bad_region_or_flag_are_located(tmp_path: Path) -> None:
    for row, field in (
        ("tt0000009\t2\tFräulein Jerry\tgermany\tde\t\\N\t\\N\t0", "region"),
        ("tt0000009\t2\tFräulein Jerry\tDE\tde\t\\N\t\\N\tyes", "isOriginalTitle"),
        ("tt0000009\t2\t\\N\tDE\tde\t\\N\t\\N\t0", "title"),
    ):
        path = tsv(tmp_path, TsvKind.AKAS, [row])
        with pytest.raises(BadInput) as e:
            read(path)
        [problem] = e.value.problems
        assert (problem.line, problem.field) == (2, field)


def test_ingest_reads_ratings_and_akas_beside_basics(imdb: Path, tmp_path: Path) -> None:
    """The two dumps are no longer 'unrecognised content': stored, they meet title.basics by IMDb id."""
    from click.testing import CliRunner

    from universe_graph.cli import cli

    store = tmp_path / "store"
    heads = imdb / "heads"
    done = CliRunner().invoke(
        cli,
        [
            "--store",
            str(store),
            "ingest",
            *(str(heads / f) for f in ("title.basics.tsv", "title.ratings.tsv", "title.akas.tsv")),
        ],
    )
    assert done.exit_code == 0, done.output
    assert "unrecognised" not in done.output
    assert "title-ratings" in done.stdout and "title-akas" in done.stdout
