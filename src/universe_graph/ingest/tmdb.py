"""Reader for TMDb API responses: movie (or TV) details, credits, collections, people, combined credits.

Which response a file holds is told by its keys. TMDb numbers movies, people, collections and
TV separately, so ids are kept typed (`movie/458156`); a collection becomes a Universe (the
franchise its films belong to, `part_of_series`).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import BadInput, Problem
from ..model import ClaimSet, EntityType, SourceKind, slugify
from ..vocab import entity_iri
from .base import NO_OPTIONS, Reader, SourceOptions, external_iri, register
from .claimbuilder import ClaimBuilder, genre_iri
from .jsonfile import load_json, pointer

_MARKERS = ('"credit_id"', '"poster_path"', '"profile_path"', '"known_for_department"', '"backdrop_path"',
            '"belongs_to_collection"')  # fmt: skip
_IMDB = re.compile(r"^(tt|nm)\d{7,}$")
_WRITING = {"Screenplay", "Writer", "Story", "Novel", "Author", "Characters", "Teleplay"}


def _year(date: Any) -> int | None:
    if isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", date):
        return int(date[:4])
    return None


@register
class TmdbReader(Reader):
    kind = SourceKind.TMDB
    name = "tmdb-json"
    version = "1.0"

    @classmethod
    def sniff(cls, head: str) -> bool:
        start = head.lstrip()
        return start.startswith("{") and any(marker in head for marker in _MARKERS)

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        data, text = load_json(path)
        if not isinstance(data, dict):
            raise BadInput.at(str(path), "expected a TMDb response object at the top", line=1)
        source = self.source(path, options, text.sha256)
        self.b = ClaimBuilder(source.id, source.location, self.name, self.version)
        self.options, self.path = options, path
        shape = _shape(data)
        if shape == "collection":
            self.collection(data)
        elif shape == "combined":
            self.combined_credits(data)
        elif shape == "credits":
            self.credits(data)
        elif shape == "person":
            self.person(data)
        elif shape in ("movie", "tv"):
            self.details(data, shape)
        else:
            raise BadInput.at(
                str(path),
                "not a TMDb movie, TV, credits, collection, person or combined-credits "
                "response (no keys that tell which)",
                line=1,
            )
        for problem in self.b.problems:
            self.reject(problem, options)
        return self.b.build(source)

    # ------------------------------------------------------------------ helpers
    def _array(self, data: dict[str, Any], key: str) -> list[Any]:
        """A top-level JSON array (absent or null: empty); any other value is refused at its field."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            found = type(value).__name__
            raise BadInput.at(str(self.path), f"expected a list, found a {found}", field=pointer(key))
        return value

    def _id(self, value: Any, where: str) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        self.reject(
            Problem(file=str(self.path), message=f"TMDb id {value!r} is not a positive integer", field=where),
            self.options,
        )
        return None

    def _imdb(self, value: Any, where: str) -> str | None:
        if value in (None, ""):
            return None
        if isinstance(value, str) and _IMDB.match(value):
            return value
        self.reject(
            Problem(
                file=str(self.path),
                message=f"IMDb id {value!r} is not of the form tt/nm + 7 digits",
                field=where,
            ),
            self.options,
        )
        return None

    def work(self, item: dict[str, Any], where: str, media: str = "movie") -> str | None:
        """Define a movie or TV show from a details-like object (details, collection part, credit)."""
        ident = self._id(item.get("id"), where + "/id")
        if ident is None:
            return None
        kind = EntityType.SERIES if media == "tv" else EntityType.FILM
        title = item.get("title") or item.get("name")
        original = item.get("original_title") or item.get("original_name")
        ev = self.b.evidence(pointer=where)  # "" is the whole document (RFC 6901)
        iri = external_iri(kind, f"tmdb-{media}", str(ident))
        if not isinstance(title, str) or not title.strip():
            return self.b.ref(iri, kind, f"{media}/{ident}", ev, {"tmdb": f"{media}/{ident}"})
        aliases = [original] if isinstance(original, str) and original and original != title else []
        self.b.entity(
            iri,
            kind,
            title,
            ev,
            aliases=aliases,
            ids={"tmdb": f"{media}/{ident}", "imdb": self._imdb(item.get("imdb_id"), where + "/imdb_id")},
        )
        dated = "release_date" if item.get("release_date") else "first_air_date"
        year = _year(item.get(dated))
        if year is not None:  # the year points at the date it was read from
            self.b.relate(iri, "release_year", year, self.b.evidence(pointer=f"{where}/{dated}"))
        return iri

    def person_ref(self, item: dict[str, Any], where: str) -> str | None:
        ident = self._id(item.get("id"), where + "/id")
        if ident is None:
            return None
        iri = external_iri(EntityType.PERSON, "tmdb-person", str(ident))
        name = item.get("name")
        ev = self.b.evidence(pointer=where)
        if isinstance(name, str) and name.strip():
            return self.b.entity(iri, EntityType.PERSON, name, ev, ids={"tmdb": f"person/{ident}"})
        return self.b.ref(iri, EntityType.PERSON, f"person/{ident}", ev, {"tmdb": f"person/{ident}"})

    def cast(self, work: str, work_key: str, person: str, character: Any, where: str) -> None:
        ev = self.b.evidence(pointer=where)
        names = [n.strip() for n in character.split(" / ")] if isinstance(character, str) else []
        names = [n for n in names if n]
        if not names:
            self.b.relate(work, "cast_member", person, ev)
        for name in names:
            char = entity_iri("tmdb", "character", work_key, slugify(name))
            self.b.entity(char, EntityType.CHARACTER, name, ev)
            self.b.relate(work, "cast_member", person, ev, character=char)
            self.b.relate(char, "portrayed_by", person, ev, work=work)
            self.b.relate(char, "appears_in", work, ev)

    def crew(self, work: str, person: str, job: Any, department: Any, where: str) -> None:
        ev = self.b.evidence(pointer=where)
        if job == "Director":
            self.b.relate(work, "directed_by", person, ev)
        elif job in _WRITING or department == "Writing":
            self.b.relate(work, "written_by", person, ev)
        elif job == "Producer":
            self.b.relate(work, "produced_by", person, ev)

    # ------------------------------------------------------------------ shapes
    def details(self, data: dict[str, Any], media: str) -> None:
        work = self.work(data, "", media)
        if work is None:
            return
        for i, genre in enumerate(data.get("genres") or []):
            if isinstance(genre, dict) and isinstance(genre.get("name"), str):
                gev = self.b.evidence(pointer=pointer("genres", i))
                self.b.entity(genre_iri(genre["name"]), EntityType.GENRE, genre["name"], gev)
                self.b.relate(work, "genre", genre_iri(genre["name"]), gev)
        language = _language(data)
        if language:
            self.b.relate(work, "language", language, self.b.evidence(pointer="/original_language"))
        if isinstance(data.get("vote_average"), int | float) and data.get("vote_count"):
            self.b.relate(
                work, "rating", float(data["vote_average"]), self.b.evidence(pointer="/vote_average")
            )
            if isinstance(data["vote_count"], int):
                self.b.relate(work, "votes", data["vote_count"], self.b.evidence(pointer="/vote_count"))
        collection = data.get("belongs_to_collection")
        if isinstance(collection, dict):
            universe = self.collection_entity(collection, "/belongs_to_collection")
            if universe:
                self.b.relate(
                    work, "part_of_series", universe, self.b.evidence(pointer="/belongs_to_collection")
                )

    def collection_entity(self, data: dict[str, Any], where: str) -> str | None:
        ident = self._id(data.get("id"), where + "/id")
        if ident is None:
            return None
        iri = external_iri(EntityType.UNIVERSE, "tmdb-collection", str(ident))
        raw = data.get("name")
        name = raw if isinstance(raw, str) and raw.strip() else f"collection/{ident}"
        return self.b.entity(
            iri,
            EntityType.UNIVERSE,
            name,
            self.b.evidence(pointer=where),
            ids={"tmdb": f"collection/{ident}"},
        )

    def collection(self, data: dict[str, Any]) -> None:
        universe = self.collection_entity(data, "")
        if universe is None:
            return
        dated: list[tuple[str, str]] = []
        for i, part in enumerate(self._array(data, "parts")):
            where = pointer("parts", i)
            work = self.work(part, where, "movie") if isinstance(part, dict) else None
            if work is None:
                continue
            self.b.relate(work, "part_of_series", universe, self.b.evidence(pointer=where))
            date = part.get("release_date")
            if isinstance(date, str) and _year(date):
                dated.append((date, work))
        dated.sort()
        for (_, earlier), (_, later) in pairwise(dated):
            self.b.relate(later, "follows", earlier, self.b.evidence(pointer="/parts"))

    def credits(self, data: dict[str, Any]) -> None:
        """A movie's credits (`/movie/{id}/credits`): the response names the movie only by id."""
        work = self.work({"id": data.get("id")}, "", "movie")
        if work is None:
            return
        key = f"movie-{data['id']}"
        for i, member in enumerate(self._array(data, "cast")):
            where = pointer("cast", i)
            person = self.person_ref(member, where) if isinstance(member, dict) else None
            if person:
                self.cast(work, key, person, member.get("character"), where)
        for i, member in enumerate(self._array(data, "crew")):
            where = pointer("crew", i)
            person = self.person_ref(member, where) if isinstance(member, dict) else None
            if person:
                self.crew(work, person, member.get("job"), member.get("department"), where)

    def person(self, data: dict[str, Any]) -> None:
        ident = self._id(data.get("id"), "/id")
        if ident is None or not isinstance(data.get("name"), str):
            raise BadInput.at(str(self.path), "a TMDb person needs an id and a name", field="/name")
        aliases = [a for a in self._array(data, "also_known_as") if isinstance(a, str) and a.strip()]
        self.b.entity(
            external_iri(EntityType.PERSON, "tmdb-person", str(ident)),
            EntityType.PERSON,
            data["name"],
            self.b.evidence(pointer=""),
            aliases=aliases,
            ids={"tmdb": f"person/{ident}", "imdb": self._imdb(data.get("imdb_id"), "/imdb_id")},
        )

    def combined_credits(self, data: dict[str, Any]) -> None:
        person = self.person_ref({"id": data.get("id")}, "")
        if person is None:
            return
        for section in ("cast", "crew"):
            for i, credit in enumerate(self._array(data, section)):
                where = pointer(section, i)
                if not isinstance(credit, dict) or credit.get("media_type") not in ("movie", "tv"):
                    continue
                work = self.work(credit, where, credit["media_type"])
                if work is None:
                    continue
                if section == "cast":
                    self.cast(
                        work, f"{credit['media_type']}-{credit['id']}", person, credit.get("character"), where
                    )
                else:
                    self.crew(work, person, credit.get("job"), credit.get("department"), where)


def _list(value: Any) -> list[Any]:
    """A JSON array's items; anything else (a number where a list belongs) has none here."""
    return value if isinstance(value, list) else []


def _shape(data: dict[str, Any]) -> str | None:
    if "parts" in data:
        return "collection"
    if "cast" in data or "crew" in data:
        entries = [*_list(data.get("cast")), *_list(data.get("crew"))]
        if any(isinstance(e, dict) and "media_type" in e for e in entries[:50]):
            return "combined"
        return "credits"
    if "also_known_as" in data or "known_for_department" in data or "birthday" in data:
        return "person"
    if "title" in data or "release_date" in data:
        return "movie"
    if "first_air_date" in data or "number_of_seasons" in data:
        return "tv"
    return None


def _language(data: dict[str, Any]) -> str | None:
    code = data.get("original_language")
    for spoken in _list(data.get("spoken_languages")):
        if isinstance(spoken, dict) and spoken.get("iso_639_1") == code:
            name = spoken.get("english_name") or spoken.get("name")
            if isinstance(name, str) and name:
                return name
    return code if isinstance(code, str) and code else None
