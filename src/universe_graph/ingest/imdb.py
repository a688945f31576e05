"""Reader for IMDb's non-commercial TSV dumps: title.basics, title.principals, name.basics,
title.episode, title.crew, title.ratings and title.akas, one file per call, which one told by its
header line.

The dumps are large (tens of millions of rows), so files are streamed block by block and
memory grows only with what is kept. `--filter` keeps a few titles: a list of tconsts, or
`title:REGEX`, resolved through the sibling `title.basics.tsv` (and, for people, the sibling
`title.principals.tsv`) in the same folder.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

import click
from pydantic import ValidationError

from ..errors import BadInput, Problem
from ..model import (
    ClaimSet,
    EntityType,
    Evidence,
    Source,
    SourceKind,
    slugify,
)
from ..vocab import entity_iri
from .base import NO_OPTIONS, Reader, SourceOptions, external_iri, register
from .claimbuilder import Again, ClaimBuilder, genre_iri
from .text import open_binary

NULL = "\\N"
BLOCK = 1 << 20  # bytes read at a time: large enough to be fast, small enough to stay bounded
MAX_NAME = 500  # the claim model's limit on a name
MAX_LINE = 1 << 24  # a "line" this long is not IMDb TSV (real rows are well under 10 KiB)

TCONST = re.compile(r"tt[0-9]{7,}")  # used with fullmatch; ASCII digits only, as IMDB_ID in the model
NCONST = re.compile(r"nm[0-9]{7,}")
INTEGER = re.compile(r"[0-9]{1,18}")  # `int` refuses more than 4,300 digits; no count or year needs 19
REGION = re.compile(r"[A-Z]{2,4}")  # ISO 3166 codes, and IMDb's own (XWW: worldwide, XYU, SUHH...)


class TsvKind(StrEnum):
    """The dump files this reader maps; the value is the dump's file stem."""

    BASICS = "title.basics"
    PRINCIPALS = "title.principals"
    NAMES = "name.basics"
    EPISODE = "title.episode"
    CREW = "title.crew"
    RATINGS = "title.ratings"
    AKAS = "title.akas"


COLUMNS: dict[TsvKind, tuple[str, ...]] = {
    TsvKind.BASICS: ("tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear",
                     "endYear", "runtimeMinutes", "genres"),
    TsvKind.PRINCIPALS: ("tconst", "ordering", "nconst", "category", "job", "characters"),
    TsvKind.NAMES: ("nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"),
    TsvKind.EPISODE: ("tconst", "parentTconst", "seasonNumber", "episodeNumber"),
    TsvKind.CREW: ("tconst", "directors", "writers"),
    TsvKind.RATINGS: ("tconst", "averageRating", "numVotes"),
    TsvKind.AKAS: ("titleId", "ordering", "title", "region", "language", "types", "attributes",
                   "isOriginalTitle"),
}  # fmt: skip
HEADERS: dict[tuple[str, ...], TsvKind] = {columns: kind for kind, columns in COLUMNS.items()}

#: titleType -> entity type; every other type (tvEpisode, videoGame, ...) is skipped by type.
TITLE_TYPES: dict[str, EntityType] = {
    "movie": EntityType.FILM,
    "tvMovie": EntityType.FILM,
    "short": EntityType.FILM,
    "video": EntityType.FILM,
    "tvSeries": EntityType.SERIES,
    "tvMiniSeries": EntityType.SERIES,
}
#: Principals categories that make a cast member; `self` (people as themselves) gets no Character.
ACTING = frozenset({"actor", "actress"})
SELF = "self"
CREW_PREDICATES: dict[str, str] = {
    "director": "directed_by",
    "writer": "written_by",
    "producer": "produced_by",
}


class _RowError(Exception):
    """One bad field of the current row; turned into a located Problem by the caller."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


# ---------------------------------------------------------------- streaming


def header_kind(first_line: str) -> TsvKind | None:
    """Which dump a header line belongs to (a BOM and a CR are ignored), or None."""
    return HEADERS.get(tuple(first_line.lstrip("\ufeff").rstrip("\r\n").split("\t")))


class TsvStream:
    """One file read as numbered text lines, block by block, hashing the bytes on the way.

    Decoding works per block (fast) and still names the line of a bad byte; a progress bar over
    bytes goes to stderr only when stderr is a terminal.
    """

    def __init__(self, path: Path, label: str | None = None, *, progress: bool = True) -> None:
        self.path = path
        self.label = label or path.name
        self.progress = progress
        self.sha = hashlib.sha256()
        self.lines_read = 0  # lines handed out so far, for errors raised between blocks

    def _open(self) -> BinaryIO:
        return open_binary(self.path)

    def lines(self) -> Generator[tuple[int, str]]:
        """(1-based line number, line without its line break) for every line of the file."""
        size = self.path.stat().st_size if self.path.is_file() else 0
        shown = self.progress and sys.stderr.isatty()
        with (
            self._open() as f,
            click.progressbar(
                length=max(size, 1), label=self.label, file=sys.stderr, hidden=not shown
            ) as bar,
        ):
            number = 0
            for chunk in self._chunks(f, bar.update):
                parts = self._decode(chunk, number).split("\n")
                if parts[-1] == "":
                    parts.pop()
                for part in parts:
                    number += 1
                    yield number, part[:-1] if part.endswith("\r") else part
                self.lines_read = number

    def _chunks(self, f: BinaryIO, progress: Callable[[int], None]) -> Iterator[bytes]:
        """The bytes in runs of whole lines, about BLOCK at a time, without a leading BOM."""
        carry, first = b"", True
        while block := f.read(BLOCK):
            self.sha.update(block)
            progress(len(block))
            data = carry + block if carry else block
            if first:
                data, first = data.removeprefix(codecs.BOM_UTF8), False
            cut = data.rfind(b"\n") + 1
            if cut == 0:  # no line break yet: this line goes on in the next block
                if len(data) > MAX_LINE:
                    raise BadInput.at(
                        str(self.path),
                        f"a line longer than {MAX_LINE >> 20} MiB; not an IMDb TSV file",
                        line=self.lines_read + 1,
                    )
                carry = data
                continue
            yield data[:cut]
            carry = data[cut:]
        if carry:
            yield carry

    def _decode(self, data: bytes, before: int) -> str:
        """UTF-8 text of whole lines; a NUL byte or a bad byte is a BadInput naming its line."""
        nul = data.find(b"\x00")
        if nul >= 0:
            line = before + data.count(b"\n", 0, nul) + 1
            raise BadInput.at(str(self.path), "binary file (NUL byte), expected UTF-8 text", line=line)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            head = data[: e.start]
            line = before + head.count(b"\n") + 1
            column = e.start - (head.rfind(b"\n") + 1) + 1
            raise BadInput.at(
                str(self.path), f"not UTF-8: byte 0x{data[e.start]:02x} at column {column}", line=line
            ) from e


def _read_header(path: Path, lines: Iterator[tuple[int, str]], expected: TsvKind | None = None) -> TsvKind:
    """The dump kind of a stream from its first line; empty and unknown headers are located errors."""
    first = next(lines, None)
    if first is None or not first[1].strip():
        raise BadInput.at(str(path), "empty file", line=1)
    kind = header_kind(first[1])
    if kind is None or (expected is not None and kind is not expected):
        want = [expected] if expected is not None else list(TsvKind)
        listed = "; ".join(f"{k.value}: {' '.join(COLUMNS[k])}" for k in want)
        raise BadInput.at(str(path), f"not an IMDb TSV header; expected {listed}", line=1)
    return kind


# ---------------------------------------------------------------- field checks


def _id(value: str, field: str, pattern: re.Pattern[str], example: str) -> str:
    if not pattern.fullmatch(value):
        raise _RowError(field, f"{value!r} is not an IMDb id like {example}")
    return value


def _tconst(value: str, field: str = "tconst") -> str:
    return _id(value, field, TCONST, "tt0111161")


def _nconst(value: str, field: str = "nconst") -> str:
    return _id(value, field, NCONST, "nm0000206")


def _nconsts(value: str, field: str) -> list[str]:
    """A comma-separated list of nconsts, or none for \\N."""
    return [] if value == NULL else [_nconst(v, field) for v in value.split(",")]


def _integer(value: str, field: str) -> int | None:
    """An optional non-negative integer column (\\N is None)."""
    if value == NULL:
        return None
    if not INTEGER.fullmatch(value):
        shown = repr(value) if len(value) <= 40 else f"{value[:40]!r}... ({len(value):,} characters)"
        raise _RowError(field, f"{shown} is not an integer of at most 18 digits")
    return int(value)


def _name(value: str, field: str) -> str:
    """A name as the claim model takes it: stripped, not empty, at most MAX_NAME characters."""
    name = value.strip()
    if not name or value == NULL:
        raise _RowError(field, "missing; a name is required")
    if len(name) > MAX_NAME:
        raise _RowError(field, f"longer than {MAX_NAME} characters ({len(name)})")
    return name


def _characters(value: str) -> list[str]:
    """The characters column: a JSON list of names like ["John Wick"], or \\N."""
    if value == NULL:
        return []
    try:
        names: Any = json.loads(value)
    except json.JSONDecodeError as e:
        raise _RowError("characters", f"malformed JSON at column {e.colno}: {e.msg}") from e
    except RecursionError as e:
        raise _RowError("characters", "malformed JSON: nested too deeply") from e
    except ValueError as e:  # an integer past 4,300 digits
        raise _RowError("characters", f"malformed JSON: {e}") from e
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise _RowError("characters", f'expected a JSON list of names like ["John Wick"], not {value!r}')
    return [_name(n, "characters") for n in names if n.strip()]


def character_iri(tconst: str, name: str) -> str:
    """A character of one title, by its name's slug; a name with no Latin letter or digit (which would
    slug to the catch-all `x`, so that all such characters of a title merge) gets a hash of the name."""
    slug = slugify(name)
    if slug == "x" and "x" not in name.casefold():
        slug = "u-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    return entity_iri("imdb", "character", tconst, slug)


# ---------------------------------------------------------------- filter


@dataclass(frozen=True)
class TitleFilter:
    """`--filter`: a set of tconsts, or a case-insensitive pattern over primary and original titles."""

    tconsts: frozenset[str] | None = None
    pattern: re.Pattern[str] | None = None

    @classmethod
    def parse(cls, value: str) -> TitleFilter:
        """`tt2911666,tt4425200` or `title:REGEX`; anything else is a BadInput naming the option."""
        text = value.strip()
        if text.startswith("title:"):
            source = text.removeprefix("title:")
            if not source:
                raise BadInput.at("--filter", "title: needs a regular expression, e.g. title:john wick")
            try:
                return cls(pattern=re.compile(source, re.IGNORECASE))
            except re.error as e:
                raise BadInput.at("--filter", f"invalid regular expression {source!r}: {e}") from e
        ids = [part.strip() for part in text.split(",") if part.strip()]
        bad = [i for i in ids if not TCONST.fullmatch(i)]
        if not ids or bad:
            what = f"{bad[0]!r} is not a title id like tt0111161" if bad else "no title ids given"
            raise BadInput.at("--filter", f"{what}; give tconsts (tt2911666,tt4425200) or title:REGEX")
        return cls(tconsts=frozenset(ids))

    def matches_title(self, primary: str, original: str) -> bool:
        assert self.pattern is not None
        return bool(self.pattern.search(primary) or self.pattern.search(original))


# ---------------------------------------------------------------- reader

#: A title, person or character described again (a repeated row) gains the row's evidence, nothing else.
AGAIN = Again(aliases=False, placeholder=False)

Row = list[str]


@register
class ImdbReader(Reader):
    kind = SourceKind.IMDB
    name = "imdb-tsv"
    version = "1.0"

    def __init__(self) -> None:
        super().__init__()
        #: what was passed over without being an error: rows outside the filter, titles of a type
        #: not kept (`skipped-by-type:videoGame`), principals of unmapped categories
        #: (`unmapped-category:composer`); plus `rows` read and `kept`
        self.stats: Counter[str] = Counter()
        self._work_types: dict[str, EntityType] = {}
        #: IMDb id -> IRI of what this file points at, per type: minted once, one string shared by every claim
        self._pointed: dict[EntityType, dict[str, str]] = defaultdict(dict)

    @classmethod
    def sniff(cls, head: str) -> bool:
        return header_kind(head.split("\n", 1)[0]) is not None

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        self._work_types, self._pointed = {}, defaultdict(dict)
        source = self._source(path, options)
        title_filter = TitleFilter.parse(options.filter) if options.filter is not None else None
        self._claims = ClaimBuilder(source.id, str(path), self.name, self.version, again=AGAIN)
        with closing(TsvStream(path, progress=False).lines()) as head:
            kind = _read_header(path, head)
        keep = self._selection(kind, path, title_filter, options)  # may stream sibling files first
        stream = TsvStream(path)
        with closing(stream.lines()) as lines, _gc_paused():
            _read_header(path, lines, expected=kind)
            self._rows(path, kind, lines, keep, options)
        source.content_hash = stream.sha.hexdigest()
        claims = self._claims
        del self._claims  # the reader outlives its result in callers; it should not hold it
        return claims.build(source)

    def _rows(
        self,
        path: Path,
        kind: TsvKind,
        lines: Iterator[tuple[int, str]],
        keep: Callable[[Row], bool] | None,
        options: SourceOptions,
    ) -> None:
        """Every data row: split, counted, checked for width, filtered, then mapped or rejected."""
        handle = self._handlers()[kind]
        width = len(COLUMNS[kind])
        rows = passed = 0
        for number, text in lines:
            if not text:
                continue  # a blank line is not a row
            rows += 1
            row = text.split("\t")
            if len(row) != width:
                self._bad(path, number, None, _count_message(kind, len(row)), options)
            elif keep is not None and not keep(row):
                passed += 1
            else:
                try:
                    handle(number, row)
                except _RowError as e:
                    self._bad(path, number, e.field, e.message, options)
        self.stats["rows"] += rows
        if passed:
            self.stats["filtered-out"] += passed

    def _source(self, path: Path, options: SourceOptions) -> Source:
        """The source record; its content hash is filled in once the stream has been read."""
        try:
            return self.source(path, options, "0" * 64)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise BadInput.at(str(path), f"invalid source option {where}: {first['msg']}") from e

    def _bad(self, path: Path, line: int, field: str | None, message: str, options: SourceOptions) -> None:
        self.reject(Problem(file=str(path), message=message, line=line, field=field), options)

    def _handlers(self) -> dict[TsvKind, Callable[[int, Row], None]]:
        return {
            TsvKind.BASICS: self._basics,
            TsvKind.PRINCIPALS: self._principals,
            TsvKind.NAMES: self._names,
            TsvKind.EPISODE: self._episode,
            TsvKind.CREW: self._crew,
            TsvKind.RATINGS: self._ratings,
            TsvKind.AKAS: self._akas,
        }

    # ------------------------------------------------------------ selection

    def _selection(
        self, kind: TsvKind, path: Path, title_filter: TitleFilter | None, options: SourceOptions
    ) -> Callable[[Row], bool] | None:
        """Which rows to keep, or None for all; a title pattern reads sibling files first."""
        if title_filter is None:
            return None
        if kind is TsvKind.BASICS:
            if title_filter.pattern is not None:
                return lambda row: title_filter.matches_title(row[2], row[3])
            tconsts = title_filter.tconsts
            assert tconsts is not None
            return lambda row: row[0] in tconsts
        wanted = self._resolve_tconsts(path, title_filter, options)
        if kind is TsvKind.NAMES:
            people = self._people_of(path, wanted, options)
            return lambda row: row[0] in people
        if kind is TsvKind.EPISODE:
            return lambda row: row[0] in wanted or row[1] in wanted
        return lambda row: row[0] in wanted

    def _resolve_tconsts(
        self, path: Path, title_filter: TitleFilter, options: SourceOptions
    ) -> frozenset[str]:
        """The filter's tconsts; a title pattern is matched in the sibling title.basics.tsv."""
        if title_filter.tconsts is not None:
            return title_filter.tconsts
        found: dict[str, EntityType] = {}
        for _number, row in self._sibling_rows(path, TsvKind.BASICS, options):
            kind = TITLE_TYPES.get(row[1])
            if kind is not None and title_filter.matches_title(row[2], row[3]):
                found[row[0]] = kind
        self._work_types = found
        return frozenset(found)

    def _people_of(self, path: Path, tconsts: frozenset[str], options: SourceOptions) -> frozenset[str]:
        """The nconsts the sibling title.principals.tsv names for these titles."""
        return frozenset(
            row[2] for _, row in self._sibling_rows(path, TsvKind.PRINCIPALS, options) if row[0] in tconsts
        )

    def _sibling_rows(self, path: Path, kind: TsvKind, options: SourceOptions) -> Iterator[tuple[int, Row]]:
        """Rows of the sibling dump `kind` beside `path`; bad rows there are rejected like our own."""
        sibling = path.with_name(f"{kind.value}.tsv")
        if not sibling.is_file():
            raise BadInput.at(
                str(path),
                f"--filter {options.filter!r} needs {sibling.name} in the same folder to find its titles, "
                f"but {sibling} is missing",
            )
        width = len(COLUMNS[kind])
        stream = TsvStream(sibling, label=f"{sibling.name} (for --filter)")
        with closing(stream.lines()) as lines:
            _read_header(sibling, lines, expected=kind)
            for number, text in lines:
                if not text:
                    continue
                row = text.split("\t")
                if len(row) != width:
                    self._bad(sibling, number, None, _count_message(kind, len(row)), options)
                    continue
                yield number, row

    # ------------------------------------------------------------ rows

    def _ref(self, kind: EntityType, imdb: str, ev: Evidence) -> str:
        """A work or person this file only points at: named by its id, kept with its first evidence."""
        table = self._pointed[kind]
        iri = table.get(imdb)
        if iri is None:
            iri = table[imdb] = external_iri(kind, "imdb", imdb)
            self._claims.ref(iri, kind, imdb, ev, {"imdb": imdb})
        return iri

    def _work(self, tconst: str, ev: Evidence, kind: EntityType | None = None) -> str:
        """A title this file points at: typed as title.basics said when known, else a Film."""
        return self._ref(kind or self._work_types.get(tconst, EntityType.FILM), tconst, ev)

    def _person(self, nconst: str, ev: Evidence) -> str:
        return self._ref(EntityType.PERSON, nconst, ev)

    def _basics(self, line: int, row: Row) -> None:
        """A film or series with its aliases, release year and genres."""
        tconst = _tconst(row[0])
        kind = TITLE_TYPES.get(row[1])
        if kind is None:
            self.stats[f"skipped-by-type:{row[1]}"] += 1
            return
        title = _name(row[2], "primaryTitle")
        original = row[3].strip() if row[3] != NULL else ""
        if original:
            original = _name(original, "originalTitle")
        _integer(row[4], "isAdult")
        year = _integer(row[5], "startYear")
        _integer(row[6], "endYear")
        _integer(row[7], "runtimeMinutes")
        genres = [] if row[8] == NULL else [_name(g, "genres") for g in row[8].split(",")]
        self.stats["kept"] += 1
        claims = self._claims
        ev = claims.evidence(line=line)
        iri = external_iri(kind, "imdb", tconst)
        aliases = [original] if original and original != title else []
        claims.entity(iri, kind, title, ev, aliases=aliases, ids={"imdb": tconst})
        if year is not None:
            claims.claim(iri, "release_year", year, ev)
        for name in genres:
            genre = genre_iri(name)
            if genre not in claims.entities:
                claims.entity(genre, EntityType.GENRE, name, ev)
            claims.claim(iri, "genre", genre, ev)

    def _principals(self, line: int, row: Row) -> None:
        """Cast (with their characters), directors, writers and producers of a title."""
        tconst = _tconst(row[0])
        _integer(row[1], "ordering")
        nconst = _nconst(row[2])
        category = row[3]
        characters = _characters(row[5])
        predicate = CREW_PREDICATES.get(category)
        if predicate is None and category not in ACTING and category != SELF:
            self.stats[f"unmapped-category:{category}"] += 1
            return
        self.stats["kept"] += 1
        claims = self._claims
        ev = claims.evidence(line=line)
        work, person = self._work(tconst, ev), self._person(nconst, ev)
        if predicate is not None:
            claims.claim(work, predicate, person, ev)
        elif category == SELF or not characters:
            claims.claim(work, "cast_member", person, ev)
        else:
            for name in characters:
                character = claims.entity(character_iri(tconst, name), EntityType.CHARACTER, name, ev)
                claims.claim(work, "cast_member", person, ev, character=character)
                claims.claim(character, "appears_in", work, ev)
                claims.claim(character, "portrayed_by", person, ev, work=work)

    def _names(self, line: int, row: Row) -> None:
        """A person by name (years are checked; the ontology has no predicate for them)."""
        nconst = _nconst(row[0])
        name = _name(row[1], "primaryName")
        _integer(row[2], "birthYear")
        _integer(row[3], "deathYear")
        self.stats["kept"] += 1
        ev = self._claims.evidence(line=line)
        iri = external_iri(EntityType.PERSON, "imdb", nconst)
        self._claims.entity(iri, EntityType.PERSON, name, ev, ids={"imdb": nconst})

    def _episode(self, line: int, row: Row) -> None:
        """An episode (a Film here) is part of its series."""
        tconst = _tconst(row[0])
        parent = _tconst(row[1], "parentTconst")
        _integer(row[2], "seasonNumber")
        _integer(row[3], "episodeNumber")
        self.stats["kept"] += 1
        ev = self._claims.evidence(line=line)
        episode = self._work(tconst, ev, EntityType.FILM)
        series = self._work(parent, ev, EntityType.SERIES)
        self._claims.claim(episode, "part_of_series", series, ev)

    def _crew(self, line: int, row: Row) -> None:
        """Directors and writers of a title."""
        tconst = _tconst(row[0])
        directors = _nconsts(row[1], "directors")
        writers = _nconsts(row[2], "writers")
        if not directors and not writers:
            return
        self.stats["kept"] += 1
        ev = self._claims.evidence(line=line)
        work = self._work(tconst, ev)
        for predicate, people in (("directed_by", directors), ("written_by", writers)):
            for nconst in people:
                self._claims.claim(work, predicate, self._person(nconst, ev), ev)

    def _ratings(self, line: int, row: Row) -> None:
        """A title's IMDb rating (0 to 10) and the number of votes it rests on."""
        tconst = _tconst(row[0])
        rating = _rating(row[1])
        votes = _integer(row[2], "numVotes")
        if votes is None:
            raise _RowError("numVotes", "missing; a rating needs its number of votes")
        self.stats["kept"] += 1
        ev = self._claims.evidence(line=line)
        work = self._work(tconst, ev)
        self._claims.claim(work, "rating", rating, ev)
        self._claims.claim(work, "votes", votes, ev)

    def _akas(self, line: int, row: Row) -> None:
        """An alternative title (a region's, a language's, a working title) as an alias of the title.

        The alias has no region of its own in the model: the row it came from (its evidence line on
        the title) says which region and language use it.
        """
        tconst = _tconst(row[0])
        _integer(row[1], "ordering")
        title = _name(row[2], "title")
        if row[3] != NULL and not REGION.fullmatch(row[3]):
            raise _RowError("region", f"{row[3]!r} is not a region code like US or DE")
        if row[7] not in ("0", "1", NULL):
            raise _RowError("isOriginalTitle", f"{row[7]!r} is not 0 or 1")
        self.stats["kept"] += 1
        ev = self._claims.evidence(line=line)
        if self._claims.alias(self._work(tconst, ev), title, ev):
            self.stats["aliases"] += 1


def _rating(value: str) -> float:
    """IMDb's averageRating: a decimal from 0 to 10."""
    try:
        rating = float(value)
    except ValueError:
        raise _RowError("averageRating", f"{value!r} is not a number") from None
    if not 0 <= rating <= 10:
        raise _RowError("averageRating", f"{value} is outside 0 to 10")
    return rating


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic claim objects are made.

    Its collections rescan the growing heap and would take about half the run; the claims
    hold no reference cycles, so nothing is lost by collecting once afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _count_message(kind: TsvKind, found: int) -> str:
    columns = COLUMNS[kind]
    return f"expected {len(columns)} tab-separated columns ({', '.join(columns)}), found {found}"
