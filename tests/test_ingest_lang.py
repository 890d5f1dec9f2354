"""Language identification, offline."""

from __future__ import annotations

import pytest

from annales.ingest import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre des Affaires étrangères s’est entretenu avec son homologue russe.", "fr"),
        ("The foreign minister held talks with his Russian counterpart on Monday.", "en"),
        ("El presidente anunció nuevas sanciones contra el gobierno vecino.", "es"),
    ],
)
def test_detects_the_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   \n", "Accord", "12 345 678 — 2023-06-12"])
def test_empty_or_too_short_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Names alone: the place names only French writes so settle it.
        ("Erevan / Pachinian accuse Moscou.", "fr"),
        ("Moscou dément.", "fr"),
        # Short English the character statistics read as Dutch or Hausa.
        ("Biden meets Xi.", "en"),
        ("Russia shells Kharkiv", "en"),
        # The classifier's own guess, when it is a language annales codes, is kept: "a" is
        # French too once accents are folded.
        ("Ukraine: a drone hit a depot", "en"),
        # Short text in a language annales does not code stays that language.
        ("Der Bundestag hat heute beschlossen, dass", "de"),
        ("El gobierno de España anunció hoy", "es"),
    ],
)
def test_short_headlines_get_their_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
