"""Characters that mean nothing to the parser or in a name: Unicode format characters (zero-width
space, joiner and non-joiner, bidi marks, embeddings and isolates, soft hyphen, word joiner, BOM).

They are invisible, so a reader never sees them, yet the parser takes "Ann\\u200bRoe" for one odd
word and a bidi isolate for a symbol. For the parse they become spaces (same length: every offset
still indexes the original text, and quotes keep them); a name loses them, and loses punctuation
that trails it ("Yara Lind⁉"), keeping the period of an initial or a title ("Jo Roe Jr.") and a
closing bracket or quote whose opener is in the name.
"""

from __future__ import annotations

import re

#: Unicode category Cf (format), as of Python 3.12's Unicode 15 (`tests/test_extract_hostile.py`
#: checks it against `unicodedata`)
FORMAT_CLASS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_FORMAT = re.compile(f"[{FORMAT_CLASS}]")
_TRAILING = re.compile(r"[\s\W_]+$")
#: an initial or a short title before a final period: "J.", "Jr.", "St." (kept)
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Z]|Jr|Sr|St|Dr|Mr|Mrs|Ms)\.$")
_PAIRS = {")": "(", "]": "[", '"': '"', "\u201d": "\u201c", "\u2019": "\u2018", "'": "'"}


def blank_format(text: str) -> str:
    """The text with each format character replaced by a space (same length)."""
    return _FORMAT.sub(" ", text) if _FORMAT.search(text) else text


def clean_name(name: str) -> str:
    """A name without format characters and trailing punctuation, spaces collapsed. A name that
    would be left empty is returned as it was."""
    cleaned = " ".join(_FORMAT.sub(" ", name).split())
    while cleaned and not _ABBREVIATION_END.search(cleaned):
        tail = _TRAILING.search(cleaned)
        if tail is None:
            break
        closer = tail.group(0)[0]
        opener = _PAIRS.get(closer)
        before = cleaned[: tail.start()]
        if opener is not None and (
            before.count(opener) % 2 == 1 if opener == closer else before.count(opener) > before.count(closer)
        ):
            cleaned = cleaned[: tail.start() + 1]  # "Ann (Bo)": the bracket closes what the name opened
            break
        cleaned = cleaned[: tail.start()]
    return cleaned or name
