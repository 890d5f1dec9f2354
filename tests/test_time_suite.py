"""Our own French temporal suite (tests/data/time/fr.yaml): every case passes with the parse.

The suite is scored twice: with the spaCy parse (as the pipeline runs; every case not marked as
a known gap must pass) and with the word cues alone (as ``annales dates`` and the TimeBank
bench run), where only the share of cases passed is held.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from annales.errors import ConfigError
from annales.time.suite import Case, Outcome, check_case, read_suite

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

SUITE = Path(__file__).parent / "data" / "time" / "fr.yaml"
CASES = read_suite(SUITE)
CLASSES = sorted({case.kind for case in CASES})
# The share of cases the word cues alone get right (0.979 when measured, 2026-12-03).
TEXT_ONLY_FLOOR = 0.97


@pytest.fixture(scope="module")
def parsed(nlp_fr: Language) -> dict[str, Doc]:
    texts = sorted({case.text for case in CASES})
    return dict(zip(texts, nlp_fr.pipe(texts, batch_size=64), strict=True))


def _describe(outcomes: list[Outcome]) -> str:
    return "\n".join(f"  got {o.got} for: {o.case.line}" for o in outcomes)


def test_time_suite_is_large_and_organised_by_class() -> None:
    assert len(CASES) >= 400
    for required in (
        "bare-year", "two-digit-year", "decade", "weekday-future", "weekday-present-announcement",
        "narrative-year", "anaphoric-day", "anaphoric-period", "holiday-fixed", "holiday-easter",
        "present-ref", "not-a-date",
    ):  # fmt: skip
        assert required in CLASSES


@pytest.mark.parametrize("kind", CLASSES)
def test_time_suite_class_passes_with_the_parse(kind: str, parsed: dict[str, Doc]) -> None:
    outcomes = [
        check_case(case, doc=parsed[case.text])
        for case in CASES
        if case.kind == kind and not case.known_gap
    ]
    failed = [o for o in outcomes if not o.passed]
    assert outcomes
    assert not failed, f"{len(failed)} of {len(outcomes)} cases fail:\n{_describe(failed)}"


def test_time_suite_word_cues_alone_stay_above_their_floor() -> None:
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in CASES:
        scores[case.kind][0] += check_case(case).passed
        scores[case.kind][1] += 1
    passed = sum(score[0] for score in scores.values())
    assert passed / len(CASES) >= TEXT_ONLY_FLOOR, dict(scores)


def test_time_suite_case_reads_brackets_and_known_gaps(tmp_path: Path) -> None:
    path = tmp_path / "suite.yaml"
    path.write_text(
        "classes:\n  demo: |\n    2018-02-02 | 2018-02-01 | Il a parlé [hier] à Paris.\n"
        "    ~2018-02-02 | P6M | Prolongé [de six mois].\n",
        encoding="utf-8",
    )
    first, second = read_suite(path)
    assert first == Case(
        "demo", "2018-02-02 | 2018-02-01 | Il a parlé [hier] à Paris.",
        first.pub_date, "2018-02-01", "Il a parlé hier à Paris.", 11, 15, False,
    )  # fmt: skip
    assert check_case(first).passed
    assert second.known_gap and second.text == "Prolongé de six mois."


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("2018-02-02 | 2018 | no brackets here", "brackets"),
        ("2018-02-31 | 2018 | Il est [venu].", "not a date"),
        ("2018-02-02 [hier]", "PUBLICATION | EXPECTED | sentence"),
    ],
)
def test_time_suite_malformed_line_names_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(f"classes:\n  demo: |\n    {line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as raised:
        read_suite(path)
    assert str(path) in str(raised.value) and line in str(raised.value)
