"""Shared fixtures: the real French spaCy model, loaded once per test session."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="session")
def nlp_fr() -> Language:
    from annales.nlp import load_pipeline

    return load_pipeline("fr")
