"""One text scored against its hand-annotated gold file (our gold format, `../shared/gold`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import BadInput
from ..export import merge, to_json_data
from ..extract.score import Score, score
from ..ingest import SourceOptions, load_paths
from ..ingest.text import read_text


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


def score_text(text: Path, gold_path: Path, about: str | None = None) -> Score:
    """Extract `text` as a review (in memory) and score it per the gold file's scoring rules."""
    gold = read_gold(gold_path)
    loaded = load_paths([text], kind="review", options=about_options(about))
    export = to_json_data(merge(loaded.claimsets))
    return score(export, gold, read_text(text).text)
