"""Event dates from the expressions of their clause, publication dates, `annales dates`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annales.errors import IngestError
from annales.time import (
    date_for_event,
    dates_of_path,
    dates_records,
    event_date,
    find_publication_date,
    find_time_expressions,
)

if TYPE_CHECKING:
    from spacy.language import Language

PUB = date(2018, 2, 2)


def _date(text: str, trigger: str, pub: date | None = PUB) -> tuple[str | None, ...]:
    times = find_time_expressions(text, pub)
    return date_for_event(
        times,
        clause_start=0,
        clause_end=len(text),
        trigger_start=text.index(trigger),
        pub_date=pub,
    )


def test_time_attach_expression_in_clause() -> None:
    assert _date("Le 27 février 2016, l'armée a bombardé Alep.", "bombardé") == (
        "2016-02-27",
        "text",
        "Le 27 février 2016",
    )


def test_time_attach_nearest_to_trigger() -> None:
    text = "Après la trêve de 2016, Moscou a frappé hier la ville."
    assert _date(text, "frappé") == ("2018-02-01", "text", "hier")


def test_time_attach_skips_durations_and_sets() -> None:
    text = "Au pouvoir depuis un an, il manifeste chaque jour contre le régime."
    assert _date(text, "manifeste") == ("2018-02-02", "inherited", None)


def test_time_attach_outside_clause_is_ignored() -> None:
    text = "Hier, Paris a protesté. Moscou a répondu."
    times = find_time_expressions(text, PUB)
    clause_start = text.index("Moscou")
    result = date_for_event(
        times,
        clause_start=clause_start,
        clause_end=len(text),
        trigger_start=text.index("répondu"),
        pub_date=PUB,
    )
    assert result == ("2018-02-02", "inherited", None)


def test_time_attach_nothing_known() -> None:
    assert _date("Moscou a répondu.", "répondu", None) == (None, None, None)


def test_time_attach_prefers_dates_with_values() -> None:
    text = "La veille, il avait été arrêté en janvier 2017."
    assert _date(text, "arrêté") == ("2017-01", "text", "janvier 2017")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-02-01TEV", "2018-02-01"),
        ("2018-09", "2018-09"),
        ("2018", "2018"),
        ("2018-W05", "2018"),  # 29 January to 4 February: two months
        ("2018-W06", "2018-02"),
        ("2018-W04-WE", "2018-01"),
        ("2017-SU", "2017"),
        ("199", None),
        ("PAST_REF", None),
        ("XXXX-05-08", None),
        (None, None),
    ],
)
def test_time_attach_event_date(value: str | None, expected: str | None) -> None:
    assert event_date(value) == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "Paris, le 3 mars 2021\n\nLe ministre a reçu son homologue.",
            (date(2021, 3, 3), "dateline"),
        ),
        (
            "Par A. Martin\nPublié le 12/03/2019 à 10h\nLe gouvernement...",
            (date(2019, 3, 12), "byline"),
        ),
        ("Mis à jour le mardi 12 mars 2019 à 10h00. Le texte.", (date(2019, 3, 12), "byline")),
        ("December 30, 2018 07:19\nThe president said...", (date(2018, 12, 30), "byline")),
        ("MOSCOU, 5 mars 2017 (AFP) - La Russie a protesté.", (date(2017, 3, 5), "dateline")),
        ("WASHINGTON, 18 septembre (Reuters) - Le président a parlé.", None),
        (
            "WASHINGTON, 18 septembre (Reuters) - Texte. © 2018 Reuters",
            (date(2018, 9, 18), "dateline"),
        ),
        ("Le 27 février 2018, les forces ont attaqué la Ghouta.", None),
    ],
)
def test_time_attach_publication_date(head: str, expected: tuple[date, str] | None) -> None:
    assert find_publication_date(head) == expected


def test_time_attach_publication_date_reads_only_the_head() -> None:
    assert find_publication_date("x" * 500 + "\nPublié le 12/03/2019\n") is None


def test_time_attach_dates_records_are_json() -> None:
    records = dates_records([("a", "Il est venu hier.", PUB), ("b", "Rien.", None)])
    assert records == [
        {
            "id": "a",
            "text": "hier",
            "start": 12,
            "end": 16,
            "value": "2018-02-01",
            "granularity": "day",
            "kind": "DATE",
        }
    ]
    json.dumps(records)


def test_time_attach_dates_of_path(tmp_path: Path) -> None:
    lines = tmp_path / "docs.jsonl"
    lines.write_text(
        '{"id": "a", "text": "Il viendra lundi prochain.", "pub_date": "2018-02-02"}\n'
        '{"id": "b", "text": "Publié le 12/03/2019\\nIl a parlé hier."}\n',
        encoding="utf-8",
    )
    values = [(r["id"], r["text"], r["value"]) for r in dates_of_path(lines, pub_date=None)]
    assert values == [
        ("a", "lundi prochain", "2018-02-05"),
        ("b", "12/03/2019", "2019-03-12"),
        ("b", "hier", "2019-03-11"),  # anchored on the byline
    ]
    article = tmp_path / "article.txt"
    article.write_text("Le titre\n\nIl a parlé hier.\n", encoding="utf-8")
    (only,) = dates_of_path(article, pub_date=PUB)
    assert (only["text"], only["value"], only["start"]) == ("hier", "2018-02-01", 21)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"broken\.jsonl:1"):
        list(dates_of_path(broken))


def test_time_attach_tense_from_parse(nlp_fr: Language) -> None:
    text = "Le président va se rendre lundi à Moscou."
    (monday,) = find_time_expressions(text, PUB, doc=nlp_fr(text))
    assert monday.value == "2018-02-05"
    text = "Le président s'est rendu lundi à Moscou."
    (monday,) = find_time_expressions(text, PUB, doc=nlp_fr(text))
    assert monday.value == "2018-01-29"


def _date_parsed(nlp_fr: Language, text: str, trigger: str) -> tuple[str | None, ...]:
    doc = nlp_fr(text)
    return date_for_event(
        find_time_expressions(text, PUB, doc=doc),
        clause_start=0,
        clause_end=len(text),
        trigger_start=text.index(trigger),
        pub_date=PUB,
        doc=doc,
    )


def test_time_attach_relative_clause_about_another_event_never_dates(nlp_fr: Language) -> None:
    # The request is made before the meeting it asks for: "jeudi" dates the meeting only.
    text = "Les ministres ont demandé une réunion qui devrait se tenir jeudi."
    assert _date_parsed(nlp_fr, text, "demandé") == ("2018-02-02", "inherited", None)


def test_time_attach_own_clause_date_wins(nlp_fr: Language) -> None:
    text = "Les ministres ont demandé mardi une réunion qui devrait se tenir jeudi."
    assert _date_parsed(nlp_fr, text, "demandé") == ("2018-01-30", "text", "mardi")


def test_time_attach_relative_clause_of_the_trigger_dates_it(nlp_fr: Language) -> None:
    text = "La réunion qui se tiendra jeudi réunira dix pays."
    assert _date_parsed(nlp_fr, text, "réunion") == ("2018-02-08", "text", "jeudi")
