"""Issue 16 (fuzzing): inputs the fuzzer (`benchmarks/fuzz.py`) refused without naming a line or a
field, or misread, rebuilt by hand from the shared samples; each is now read or refused, located."""

from __future__ import annotations

from pathlib import Path

from universe_graph.ingest import SourceOptions, load_paths

MOVIES = "data/movielens/movies.csv"


def _movies(shared: Path, count: int) -> list[str]:
    return (shared / MOVIES).read_text(encoding="utf-8").splitlines()[:count]  # no header line


def _films(path: Path, **options: object) -> dict[str, int | None]:
    """Each film read from a MovieLens file, by name, with the line of its evidence."""
    loaded = load_paths([path], kind="movielens", options=SourceOptions(**options))  # type: ignore[arg-type]
    (claims,) = loaded.claimsets
    return {e.name: e.evidence[0].line for e in claims.entities if e.type.value == "Film"}


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
