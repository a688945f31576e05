"""Reader for SWAPI's Django fixtures: films, people and planets, linked by primary keys.

Each fixture file is a list of `{"model": "resources.<kind>", "pk": N, "fields": {...}}`.
Films name their characters and planets by pk; people name their homeworld by pk. A thing
named only by pk is typed and named by its id until the file that describes it is ingested.
Every film is part of the one universe SWAPI describes, and its `episode_id` is its place in
that universe's story: episode N is set after episode N-1 when both are in the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import BadInput, Problem
from ..model import ClaimSet, EntityType, SourceKind
from .base import NO_OPTIONS, Reader, SourceOptions, external_iri, register
from .claimbuilder import ClaimBuilder
from .jsonfile import load_json, pointer

_MODELS = {"resources.film": "films", "resources.people": "people", "resources.planet": "planets"}
#: the universe of every SWAPI film (the API is the Star Wars API)
UNIVERSE = ("swapi", "star-wars", "Star Wars")


def _iri(kind: EntityType, table: str, pk: int) -> str:
    return external_iri(kind, f"swapi-{table}", str(pk))


@register
class SwapiReader(Reader):
    kind = SourceKind.SWAPI
    name = "swapi-fixtures"
    version = "1.1"

    @classmethod
    def sniff(cls, head: str) -> bool:
        return head.lstrip().startswith("[") and re.search(r'"model"\s*:\s*"resources\.', head) is not None

    def run(self, path: Path, options: SourceOptions = NO_OPTIONS) -> ClaimSet:
        data, text = load_json(path)
        if not isinstance(data, list):
            raise BadInput.at(str(path), "expected a list of SWAPI fixture records", line=1)
        source = self.source(path, options, text.sha256)
        b = ClaimBuilder(source.id, source.location, self.name, self.version)
        episodes: dict[int, tuple[str, str]] = {}  # episode_id -> (film iri, its record's pointer)
        for i, record in enumerate(data):
            problem = self._record(b, record, pointer(i), str(path), episodes)
            if problem is not None:
                self.reject(problem, options)
        for episode, (film, where) in sorted(episodes.items()):
            if episode - 1 in episodes:
                ev = b.evidence(pointer=f"{where}/fields/episode_id")
                b.relate(film, "set_after", episodes[episode - 1][0], ev)
        return b.build(source)

    def _record(
        self, b: ClaimBuilder, record: Any, where: str, file: str, episodes: dict[int, tuple[str, str]]
    ) -> Problem | None:
        if not isinstance(record, dict) or not isinstance(record.get("fields"), dict):
            return Problem(file=file, field=where, message="not a fixture record with fields")
        table = _MODELS.get(str(record.get("model")))
        pk = record.get("pk")
        if table is None:
            return Problem(
                file=file, field=where + "/model", message=f"unknown model {record.get('model')!r}"
            )
        if not isinstance(pk, int) or isinstance(pk, bool) or pk < 1:
            return Problem(file=file, field=where + "/pk", message=f"pk {pk!r} is not a positive integer")
        fields: dict[str, Any] = record["fields"]
        ev = b.evidence(pointer=where)
        if table == "films":
            return self._film(b, pk, fields, where, file, episodes)
        name = fields.get("name")
        if not isinstance(name, str) or not name.strip():
            return Problem(file=file, field=where + "/fields/name", message="missing name")
        if table == "planets":
            b.entity(_iri(EntityType.LOCATION, "planets", pk), EntityType.LOCATION, name, ev)
            return None
        me = b.entity(_iri(EntityType.CHARACTER, "people", pk), EntityType.CHARACTER, name, ev)
        home = fields.get("homeworld")
        if isinstance(home, int) and not isinstance(home, bool):
            planet = b.ref(
                _iri(EntityType.LOCATION, "planets", home), EntityType.LOCATION, f"planets/{home}", ev
            )
            b.relate(me, "resides_in", planet, b.evidence(pointer=where + "/fields/homeworld"))
        return None

    def _film(
        self,
        b: ClaimBuilder,
        pk: int,
        fields: dict[str, Any],
        where: str,
        file: str,
        episodes: dict[int, tuple[str, str]],
    ) -> Problem | None:
        """A film: its credits, year, universe, episode (for `set_after`), characters and planets."""
        title = fields.get("title")
        if not isinstance(title, str) or not title.strip():
            return Problem(file=file, field=where + "/fields/title", message="missing title")
        film = b.entity(_iri(EntityType.FILM, "films", pk), EntityType.FILM, title, b.evidence(pointer=where))
        scheme, key, name = UNIVERSE
        ev = b.evidence(pointer=where)
        universe = b.entity(external_iri(EntityType.UNIVERSE, scheme, key), EntityType.UNIVERSE, name, ev)
        b.relate(film, "part_of_universe", universe, ev)
        episode = fields.get("episode_id")
        if isinstance(episode, int) and not isinstance(episode, bool) and episode not in episodes:
            episodes[episode] = (film, where)
        date = fields.get("release_date")
        if isinstance(date, str) and re.match(r"^\d{4}-", date):
            b.relate(film, "release_year", int(date[:4]), b.evidence(pointer=where + "/fields/release_date"))
        for role, predicate in (("director", "directed_by"), ("producer", "produced_by")):
            value = fields.get(role)
            for person in (p.strip() for p in value.split(",")) if isinstance(value, str) else []:
                if person:
                    ev = b.evidence(pointer=f"{where}/fields/{role}")
                    iri = external_iri(EntityType.PERSON, "swapi-name", person)
                    b.entity(iri, EntityType.PERSON, person, ev)
                    b.relate(film, predicate, iri, ev)
        for key, table, kind, predicate in (
            ("characters", "people", EntityType.CHARACTER, "appears_in"),
            ("planets", "planets", EntityType.LOCATION, "appears_in"),
        ):
            refs = fields.get(key)
            if refs is not None and not isinstance(refs, list):
                return Problem(file=file, field=f"{where}/fields/{key}", message="expected a list of ids")
            for k, ref in enumerate(refs or []):
                if isinstance(ref, int) and not isinstance(ref, bool):
                    ev = b.evidence(pointer=f"{where}/fields/{key}/{k}")
                    thing = b.ref(_iri(kind, table, ref), kind, f"{table}/{ref}", ev)
                    b.relate(thing, predicate, film, ev)
        return None
