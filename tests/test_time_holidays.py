"""Holidays: Easter computed, fixed and moveable feasts found in French and English text."""

from __future__ import annotations

from datetime import date

import pytest

from annales.time import find_time_expressions
from annales.time.holidays import easter, fixed_day, holiday_date

OCT, MAR, JAN = date(2023, 10, 5), date(2024, 3, 1), date(2024, 1, 3)


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (1818, date(1818, 3, 22)),  # the earliest possible
        (1961, date(1961, 4, 2)),
        (2000, date(2000, 4, 23)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),  # the latest possible
    ],
)
def test_time_holidays_easter(year: int, sunday: date) -> None:
    assert easter(year) == sunday


def test_time_holidays_moveable_and_nth_weekday() -> None:
    assert holiday_date("ascension", 2024) == date(2024, 5, 9)
    assert holiday_date("whit-monday", 2024) == date(2024, 5, 20)
    assert holiday_date("shrove-tuesday", 2024) == date(2024, 2, 13)
    assert holiday_date("thanksgiving", 2023) == date(2023, 11, 23)
    assert holiday_date("memorial-day", 2023) == date(2023, 5, 29)
    assert holiday_date("unknown", 2023) is None
    assert fixed_day("christmas") == (12, 25) and fixed_day("easter") is None


@pytest.mark.parametrize(
    ("sentence", "pub", "expected"),
    [
        ("Le président passera Noël avec les soldats.", OCT, ("Noël", "2023-12-25")),
        ("Les fidèles ont prié à Pâques.", OCT, ("Pâques", "2023-04-09")),
        ("Les cloches sonneront à Pâques 2025.", OCT, ("Pâques 2025", "2025-04-20")),
        ("Ils ferment le lundi de Pâques.", MAR, ("le lundi de Pâques", "2024-04-01")),
        ("La Toussaint dernière, il a plu.", OCT, ("La Toussaint dernière", "2022-11-01")),
        ("La trêve de la Saint-Sylvestre tint.", JAN, ("la Saint-Sylvestre", "2023-12-31")),
        ("Le défilé du 14-Juillet a eu lieu.", OCT, ("14-Juillet", "2023-07-14")),
    ],
)  # fmt: skip
def test_time_holidays_french(sentence: str, pub: date, expected: tuple[str, str]) -> None:
    found = [(t.text, t.value) for t in find_time_expressions(sentence, pub)]
    assert found == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Noël Mamère a pris la parole.",
        "Les statues de l'île de Pâques attirent les touristes.",
        "L'ascension du mont Blanc a duré une journée entière, dit-il.",
    ],
)
def test_time_holidays_french_names_that_are_no_feast(sentence: str) -> None:
    assert [t for t in find_time_expressions(sentence, date(2023, 10, 5)) if "olid" in t.rule] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The pope will speak at Easter.", ("Easter", "2024-03-31")),
        ("Troops came home last Christmas.", ("last Christmas", "2022-12-25")),
        ("Shops close on Thanksgiving 2021.", ("Thanksgiving 2021", "2021-11-25")),
        ("Markets were closed on Good Friday.", ("Good Friday", "2023-04-07")),
        ("He was born on Christmas Eve 1960.", ("Christmas Eve 1960", "1960-12-24")),
    ],
)
def test_time_holidays_english(sentence: str, expected: tuple[str, str]) -> None:
    found = find_time_expressions(sentence, date(2023, 10, 5), lang="en")
    assert [(t.text, t.value) for t in found] == [expected]
