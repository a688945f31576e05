"""From paths on the command line to claim sets: folders, manifests, content detection.

All files are read before anything is returned, and every file's problems are reported
together, so a caller either gets every claim set or a BadInput naming each bad place.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from ..errors import BadInput, Problem
from ..known import known_for_work, merge_known
from ..model import ClaimSet, Source, SourceKind, slugify
from .base import (
    NO_OPTIONS,
    SNIFF_BYTES,
    Reader,
    SourceOptions,
    default_source_id,
    detect_kind,
    get_reader,
    parse_kind,
    readers,
)
from .manifest import ManifestEntry, find_manifest, read_manifest
from .safety import check_values
from .text import decode, read_bytes

#: File names a folder scan passes over: documentation, not sources.
SKIPPED_IN_FOLDERS = ("README", "LICENSE", "FORMAT")
#: Folders a scan passes over: reader configuration, not sources.
SKIPPED_FOLDERS = ("mappings",)


@dataclass
class Loaded:
    """The claim sets read from some paths, and warnings for the user (not errors)."""

    claimsets: list[ClaimSet] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Planned:
    path: Path
    kind: str | None
    options: SourceOptions
    about_key: str | None = None
    where: str | None = None  # manifest location, for errors about this entry


def load_paths(
    paths: Sequence[Path],
    *,
    kind: str | None = None,
    options: SourceOptions = NO_OPTIONS,
    processes: int | None = None,
) -> Loaded:
    """Read every source under `paths` (files, folders with or without a manifest); any bad one raises."""
    loaded, errors = read_paths(paths, kind=kind, options=options, processes=processes)
    if errors:
        raise BadInput.merge(errors)
    return loaded


def read_paths(
    paths: Sequence[Path],
    *,
    kind: str | None = None,
    options: SourceOptions = NO_OPTIONS,
    processes: int | None = None,
) -> tuple[Loaded, list[BadInput]]:
    """Read what can be read; return the good sources and one BadInput per bad file or entry.

    Reviews are extracted on `processes` cores (None: chosen by the number and size of the texts).
    """
    errors: list[BadInput] = []
    plan: list[_Planned] = []
    for path in paths:
        try:
            plan.extend(_plan(path, kind, options))
        except BadInput as e:
            errors.append(e)
    loaded = Loaded()
    read: list[tuple[int, _Planned]] = []
    failed: list[tuple[int, BadInput]] = []
    reviews = [_is_review(item) for item in plan]
    # reviews last: the works they are about and what is known of them come from the other sources
    for is_review in (False, True):
        todo = [(i, item) for i, item in enumerate(plan) if reviews[i] is is_review]
        if is_review:
            ahead = [(item.path, _options(item, loaded, review=True)) for _, item in todo]
            _prepare_reviews(ahead, processes)
        for i, item in todo:
            try:
                loaded.claimsets.append(_read(item, loaded))
                read.append((i, item))
            except BadInput as e:
                failed.append((i, e))
    order = sorted(range(len(read)), key=lambda k: read[k][0])  # back in the order given
    loaded.claimsets = [loaded.claimsets[k] for k in order]
    read = [read[k] for k in order]
    errors += [e for _, e in sorted(failed, key=lambda pair: pair[0])]
    try:
        _resolve_about([item for _, item in read], loaded)
    except BadInput as e:
        return Loaded(warnings=loaded.warnings), [*errors, e]
    clashes = _drop_clashing_ids(loaded)
    return loaded, [*errors, *clashes]


def _plan(path: Path, kind: str | None, options: SourceOptions) -> list[_Planned]:
    if not path.exists():
        raise BadInput.at(str(path), "no such file or folder")
    if path.is_file():
        return [_Planned(path, kind, options)]
    manifest_path = find_manifest(path)
    if manifest_path is not None:
        manifest, doc = read_manifest(manifest_path)
        planned = []
        for i, entry in enumerate(manifest.sources):
            where = f"{manifest_path}:{doc.line_of(('sources', i))}"
            planned.append(_from_entry(path, entry, where))
        return planned
    files = sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p, path))
    if not files:
        raise BadInput.at(str(path), "folder holds no source files")
    if options.source_id is not None:  # --id names one source: several files would clash on it
        return [_Planned(p, kind, options) for p in files]
    return [_Planned(p, kind, replace(options, source_id=folder_source_id(p, path))) for p in files]


def folder_source_id(path: Path, root: Path) -> str:
    """A file's source id inside an ingested folder: its path relative to the folder, so two files
    with one base name never clash (`heads/name.basics.tsv` -> `heads-name-basics`). A file at the
    folder's top keeps its base-name id (`films.json` -> `films`), the id a single file gets, so
    re-ingesting a file alone or with its folder updates one source. A manifest's ids win."""
    relative = path.relative_to(root)
    parts = [*relative.parts[:-1], default_source_id(Path(relative.name))]
    return "-".join(slugify(part) for part in parts)


def _from_entry(folder: Path, entry: ManifestEntry, where: str) -> _Planned:
    target = (folder / entry.path).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise BadInput.at(where, f"path {entry.path!r} leaves the manifest's folder", field="path")
    if not target.is_file():
        raise BadInput.at(where, f"no such file {entry.path!r}", field="path")
    is_iri = entry.about is not None and ":" in entry.about
    return _Planned(
        path=folder / entry.path,
        kind=entry.kind.value if entry.kind else None,
        options=SourceOptions(source_id=entry.id, tier=entry.tier, about=entry.about if is_iri else None),
        about_key=None if is_iri else entry.about,
        where=where,
    )


def _skipped(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    if any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts[:-1]):
        return True
    if path.name.startswith("."):
        return True
    return path.name.upper().startswith(SKIPPED_IN_FOLDERS) or path.suffix.lower() == ".md"


def _head(path: Path) -> str:
    """The first few KiB as text, for content detection, without reading the whole file."""
    try:
        with path.open("rb") as f:
            data = f.read(SNIFF_BYTES)
    except OSError:
        data = read_bytes(path)  # raises the located error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # read as UTF-16 by `decode`
        return data[: len(data) - len(data) % 2].decode("utf-16", errors="replace")
    for cut in range(4):  # the sniff window may split a multi-byte character at its end
        try:
            return data[: len(data) - cut].decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
    return decode(path, data, allow_empty=True).text  # raises the located error


def _is_review(item: _Planned) -> bool:
    """Whether `item` is read as a review (its declared kind, or detected from its head)."""
    kind = item.kind
    if kind is None:
        try:
            head = _head(item.path)
            kind = detect_kind(item.path, head).value if head.strip() and "\x00" not in head else None
        except BadInput:
            return False
    return kind == SourceKind.REVIEW.value


def _prepare_reviews(items: list[tuple[Path, SourceOptions]], processes: int | None) -> None:
    """Reviews are worked on ahead in one batch across files: on every core, or parsed together."""
    if SourceKind.REVIEW not in readers() or len(items) < 2:
        return
    from .review import ReviewReader

    ReviewReader.prepare(items, processes)


def _read(item: _Planned, loaded: Loaded) -> ClaimSet:
    if item.kind is None:
        head = _head(item.path)
        if "\x00" in head:
            decode(item.path, head.encode("utf-8"))  # raises: binary file
        if not head.strip():
            raise BadInput.at(str(item.path), "empty file")
        kind: str = detect_kind(item.path, head).value
    else:
        kind = parse_kind(item.kind, where=item.where or "--from").value
    if SourceKind(kind) not in readers():
        return _without_reader(item, kind, read_bytes(item.path), loaded)
    reader = get_reader(kind, where=item.where or "--format")
    options = _options(item, loaded, review=kind == SourceKind.REVIEW.value)
    claims = _run(reader, item.path, options, kind)
    check_values(claims)  # a value no store can keep is refused here, before anything is written
    for warning in getattr(reader, "warnings", []):
        loaded.warnings.append(warning)
    counts: dict[str, int] = getattr(reader, "counts", {})
    if any(counts.values()):
        listed = ", ".join(f"{n} {what}" for what, n in sorted(counts.items()) if n)
        loaded.warnings.append(f"{item.path}: passed over (not errors): {listed}")
    if reader.skipped:
        count, first = len(reader.skipped), reader.skipped[0]
        loaded.warnings.append(f"{item.path}: skipped {count} bad row(s) or record(s); first: {first}")
    return claims


#: what a reader raises on input it was not written for (a wrong JSON type, a huge CSV field, an
#: integer past Python's digit limit): still an input error, located at the file at least
_READER_FAILURES = (
    ValueError,
    TypeError,
    RecursionError,
    csv.Error,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
)


def _run(reader: Reader, path: Path, options: SourceOptions, kind: str) -> ClaimSet:
    """Run a reader; a failure it did not turn into BadInput itself becomes one naming the file."""
    try:
        return reader.run(path, options)
    except BadInput:
        raise
    except ValidationError as e:  # a value the model refuses (a name over 500 characters, ...)
        raise BadInput(
            [
                Problem(
                    file=str(path),
                    field=".".join(str(part) for part in error["loc"]) or None,
                    message=f"{error['msg']} (read as {kind})",
                )
                for error in e.errors(include_url=False)[:20]
            ]
        ) from e
    except RecursionError as e:
        raise BadInput.at(str(path), f"nested too deeply to read as {kind}") from e
    except _READER_FAILURES as e:
        text = " ".join(str(e).split())[:300]
        raise BadInput.at(str(path), f"cannot be read as {kind}: {type(e).__name__}: {text}") from e


def _options(item: _Planned, loaded: Loaded, *, review: bool) -> SourceOptions:
    """The item's options completed by the sources read before it: the IRI of a manifest's
    `about: <key>` work, and for a review what those sources know of its work."""
    options = item.options
    if item.about_key is not None:
        work = _works(loaded).get(item.about_key)
        if work is not None:
            options = replace(options, about=work)
    if review and options.about is not None:
        metadata = [cs for cs in loaded.claimsets if cs.source.kind is not SourceKind.REVIEW]
        batch = known_for_work(metadata, options.about)  # not other reviews: the same for every review
        options = replace(options, known=merge_known(options.known, batch))
    return options


def _without_reader(item: _Planned, kind: str, data: bytes, loaded: Loaded) -> ClaimSet:
    """A declared source whose format has no reader installed yet: recorded, with no claims."""
    text = decode(item.path, data)
    loaded.warnings.append(
        f"{item.path}: no reader for kind {kind!r} is installed; recorded as a source with no claims"
    )
    return ClaimSet(
        source=Source(
            id=item.options.source_id or default_source_id(item.path),
            location=str(item.path),
            kind=SourceKind(kind),
            tier=item.options.tier or SourceKind(kind).default_tier,
            about=item.options.about,
            content_hash=text.sha256,
        )
    )


def _works(loaded: Loaded) -> dict[str, str]:
    return {e.id.rsplit("/", 1)[-1]: e.id for cs in loaded.claimsets for e in cs.entities if e.type.is_work}


def _resolve_about(plan: list[_Planned], loaded: Loaded) -> None:
    """Turn a manifest's `about: <work key>` into the IRI of that work among the loaded sources."""
    works = _works(loaded)
    for index, (item, claimset) in enumerate(zip(plan, loaded.claimsets, strict=True)):
        if item.about_key is None:
            continue
        iri = works.get(item.about_key)
        if iri is None:
            raise BadInput.at(
                item.where or str(item.path),
                f"about: no work with key {item.about_key!r} in this manifest's sources",
                field="about",
            )
        provisional = claimset.source.about
        if provisional is not None and provisional != iri and claimset.source.kind is SourceKind.REVIEW:
            from ..resolve import _rewrite  # the review named its work before the work was read

            loaded.claimsets[index] = _rewrite(claimset, {provisional: iri})
        loaded.claimsets[index].source.about = iri


def _drop_clashing_ids(loaded: Loaded) -> list[BadInput]:
    """Sources that share one id are all left out (which one is meant is not guessed), one error
    naming every file of the clash; the other sources are kept, so one clash stores the rest."""
    by_id: dict[str, list[ClaimSet]] = {}
    for cs in loaded.claimsets:
        by_id.setdefault(cs.source.id, []).append(cs)
    errors = []
    for sid, group in by_id.items():
        if len(group) > 1:
            where = ", ".join(cs.source.location for cs in group)
            errors.append(
                BadInput.at(
                    group[0].source.location,
                    f"source id {sid!r} is used by {len(group)} files ({where}); none of them was stored; "
                    "give each its own id (a manifest, or --id for one file)",
                )
            )
    loaded.claimsets = [cs for cs in loaded.claimsets if len(by_id[cs.source.id]) == 1]
    return errors


def replacing_others(
    claimsets: Sequence[ClaimSet], stored: Mapping[str, Source]
) -> tuple[list[ClaimSet], list[BadInput]]:
    """The sources that may be written, and one error per source that would silently replace a
    stored source of another kind or location under the same id (TMDb's `films.json` over SWAPI's
    `films`). A source read again from its own place (or with the same bytes) replaces freely."""
    keep, errors = [], []
    for cs in claimsets:
        old = stored.get(cs.source.id)
        if old is None or _same_source(old, cs.source):
            keep.append(cs)
            continue
        errors.append(
            BadInput.at(
                cs.source.location,
                f"source id {cs.source.id!r} is already {old.kind.value} source {old.location}; storing this "
                f"{cs.source.kind.value} source would replace it. Give it another id (--id or a manifest; "
                "over HTTP, another `name`) or replace it (--replace; over HTTP, `replace=true`)",
            )
        )
    return keep, errors


def _same_source(old: Source, new: Source) -> bool:
    """One source read again: the same kind, and the same place or the same bytes."""
    if old.kind is not new.kind:
        return False
    if old.content_hash == new.content_hash or old.location == new.location:
        return True
    if ":" in old.location.split("/", 1)[0] or ":" in new.location.split("/", 1)[0]:  # URLs
        return False
    return os.path.realpath(old.location) == os.path.realpath(new.location)
