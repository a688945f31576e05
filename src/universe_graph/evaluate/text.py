"""One text scored against its hand-annotated gold file (our gold format, `../shared/gold`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import BadInput
from ..export import merge, to_json_data
from ..extract.score import Score, score
from ..ingest import SourceOptions, load_paths
from ..ingest.text import read_text
from ..known import known_for_work
from ..resolve import names_work


def about_options(about: str | None) -> SourceOptions:
    """`--about`: an entity id (has a colon) or the work's title."""
    if about is None:
        return SourceOptions()
    if ":" in about and "/" in about:
        return SourceOptions(about=about)
    return SourceOptions(about_title=about)


def read_gold(gold_path: Path) -> dict[str, Any]:
    """A gold file's data, or a located error."""
    gold_text = read_text(gold_path).text
    try:
        gold = json.loads(gold_text)
    except json.JSONDecodeError as e:
        raise BadInput.at(str(gold_path), f"not JSON: {e.msg}", line=e.lineno) from e
    if not isinstance(gold, dict) or "entities" not in gold or "relations" not in gold:
        raise BadInput.at(str(gold_path), "a gold file needs 'entities' and 'relations'")
    return gold


def score_text(
    text: Path, gold_path: Path, about: str | None = None, background: Sequence[Path] = ()
) -> Score:
    """Extract `text` as a review (in memory) and score it per the gold file's scoring rules.

    `background`: sources that describe the text's work (a universe file, TMDb credits...), read
    first as `ingest` would hold them in a store; the text is then about their work, and the
    extractor knows its credited people and characters. Only the text's claims are scored.
    """
    gold = read_gold(gold_path)
    options = about_options(about)
    if background:
        options = background_options(background, about)
    loaded = load_paths([text], kind="review", options=options)
    export = to_json_data(merge(loaded.claimsets))
    return score(export, gold, read_text(text).text)


def background_options(background: Sequence[Path], about: str | None) -> SourceOptions:
    """The options `ingest --about WORK` gives a text when the store holds `background`: the work's
    id (the one work there, or the one `about` names) and what the sources know of it."""
    claimsets = load_paths(list(background)).claimsets
    works = {e.id: e for cs in claimsets for e in cs.entities if e.type.is_work}
    if about is not None:
        works = {iri: e for iri, e in works.items() if names_work(iri, (e.name, *e.aliases), about)}
    if len(works) != 1:
        named = ", ".join(sorted(e.name for e in works.values())) or "none"
        raise BadInput.at(
            str(background[0]),
            f"the background must hold one work the text is about (found: {named})",
            field="--about",
        )
    work = next(iter(works))
    return SourceOptions(about=work, known=known_for_work(claimsets, work))
