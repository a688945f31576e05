"""Reader for MovieLens CSVs: `links.csv` (movieId, imdbId, tmdbId) and `movies.csv` (movieId, title, genres).

links.csv is the cross-reference: one Film per row carrying its MovieLens, IMDb and TMDb ids, so
identity resolution can make one entity of the same film from every source. movies.csv gives
titles, years ("Heat (1995)") and genres. Both are read with or without their header line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import BadInput, Problem
from ..model import ClaimSet, EntityType, SourceKind
from .base import NO_OPTIONS, Reader, SourceOptions, external_iri, register
from .claimbuilder import ClaimBuilder, genre_iri
from .text import read_text

_LINK = re.compile(r"^\d+,\d*,\d*$")
_MOVIE = re.compile(r'^\d+,("?).+\(\d{4}\)\s*\1,[^,]*$')
_TITLE_YEAR = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)\s*$")
_NO_GENRES = "(no genres listed)"
#: an id: ASCII digits, at most 18 (`str.isdigit` also takes "²", which `int` refuses, and `int`
#: refuses more than 4,300 digits)
_ID = re.compile(r"[0-9]{1,18}")


def _kind(lines: list[str], *, strict: bool = True) -> str | None:
    """links or movies: by the header, else by the rows (four in five to detect; half, when forced).

    A few bad rows must not hide the format: they are reported, each by its line, when read.
    """
    body = [line for line in lines if line.strip()]
    if body and body[0].lower().replace(" ", "") in ("movieid,imdbid,tmdbid", "movieid,title,genres"):
        return "links" if "imdbid" in body[0].lower() else "movies"
    sample = body[:20]
    for kind, pattern in (("links", _LINK), ("movies", _MOVIE)):
        hits = sum(1 for line in sample if pattern.match(line))
        if sample and (hits * 5 >= len(sample) * 4 if strict else hits * 2 >= len(sample)):
            return kind
    return None


@register
class MovieLensReader(Reader):
    kind = SourceKind.MOVIELENS
    name = "movielens-csv"
    version = "1.0"

    @classmethod
    def sniff(cls, head: str) -> bool:
        lines = head.splitlines()
        return _kind(lines[:-1] if len(lines) > 1 else lines) is not None

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        text = read_text(path)
        which = _kind(text.text.splitlines()[:21], strict=False)
        if which is None:
            raise BadInput.at(str(path), "not a MovieLens links.csv or movies.csv", line=1)
        source = self.source(path, options, text.sha256)
        b = ClaimBuilder(source.id, source.location, self.name, self.version)
        for number, row in self._rows(text.text, str(path), options):
            if not row or (number == 1 and not row[0].isdigit()):
                continue
            problem = self._row(b, which, row, number, str(path))
            if problem is not None:
                self.reject(problem, options)
        return b.build(source)

    def _rows(self, text: str, file: str, options: SourceOptions) -> Iterator[tuple[int, list[str]]]:
        """(line, row) for each CSV row, lines ending in LF, CRLF or a bare CR (as the format is
        detected); a row the CSV parser refuses (a field over its size limit, a stray quote) is a
        problem at its line."""
        rows = csv.reader(io.StringIO(text, newline=None))
        start = 1
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as e:
                self.reject(Problem(file=file, line=start, message=f"malformed CSV row: {e}"), options)
                row = None
            if row is not None:
                yield start, row
            start = rows.line_num + 1

    def _row(self, b: ClaimBuilder, which: str, row: list[str], number: int, file: str) -> Problem | None:
        if len(row) != 3:
            return Problem(file=file, line=number, message=f"expected 3 columns, found {len(row)}")
        if not _ID.fullmatch(row[0]) or int(row[0]) < 1:
            return Problem(file=file, line=number, field="movieId", message=_not_an_id("movieId", row[0]))
        movie = int(row[0])
        iri = external_iri(EntityType.FILM, "movielens", str(movie))
        ev = b.evidence(line=number)
        if which == "links":
            imdb, tmdb = row[1].strip(), row[2].strip()
            if imdb and not _ID.fullmatch(imdb):
                return Problem(file=file, line=number, field="imdbId", message=_not_an_id("imdbId", imdb))
            if tmdb and not _ID.fullmatch(tmdb):
                return Problem(file=file, line=number, field="tmdbId", message=_not_an_id("tmdbId", tmdb))
            ids = {
                "movielens": movie,
                "imdb": f"tt{int(imdb):07d}" if imdb else None,
                "tmdb": f"movie/{int(tmdb)}" if tmdb and int(tmdb) > 0 else None,
            }
            b.ref(iri, EntityType.FILM, f"movielens/{movie}", ev, ids)
            return None
        match = _TITLE_YEAR.match(row[1])
        title = match.group("title") if match else row[1].strip()
        if not title:
            return Problem(file=file, line=number, field="title", message="empty title")
        title = _unarticle(title)
        b.entity(iri, EntityType.FILM, title, ev, ids={"movielens": movie})
        if match:
            b.relate(iri, "release_year", int(match.group("year")), ev)
        for genre in row[2].split("|"):
            if genre and genre != _NO_GENRES:
                b.entity(genre_iri(genre), EntityType.GENRE, genre, ev)
                b.relate(iri, "genre", genre_iri(genre), ev)
        return None


def _not_an_id(field: str, value: str) -> str:
    """Why a value is not an id, showing at most 40 characters of it."""
    shown = repr(value) if len(value) <= 40 else f"{value[:40]!r}... ({len(value):,} characters)"
    return f"{field} {shown} is not a number (an id of 1 to 18 digits)"


def _unarticle(title: str) -> str:
    """MovieLens writes "Wicker Man, The"; the title is "The Wicker Man"."""
    match = re.match(r"^(?P<rest>.+), (?P<article>The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El)$", title)
    if not match:
        return title
    article = match.group("article")
    return f"{article}{'' if article.endswith(chr(39)) else ' '}{match.group('rest')}"
