"""How well annales finds and normalises dates, measured on the French TimeBank.

    python bench/timebank_dates.py [TIMEBANK_DIR] [--errors] [--no-baseline]
    python bench/timebank_dates.py --suite [tests/data/time/fr.yaml] [--errors]

TIMEBANK_DIR defaults to ../shared/eval/timebank-dev (``*.tml`` files, ISO-TimeML). The
material is read from there and never copied into the project; without it the bench says so
and exits 0.

For each file the tags are stripped to get the text; the gold expressions are the TIMEX3 of
the text with their type, value and character span; the document creation time (the TIMEX3
with ``functionInDocument="CREATION_TIME"`` inside ``<DCT>``) is the publication date.

Counted: gold expressions of type DATE whose value is a calendar value, that is a day
(``1999-05-17``), a month (``1999-05``), a year (``1999``), an ISO week or weekend
(``1999-W20``, ``2003-W05-WE``) or a season of a known year (``1999-SU``). Values that no text
can pin down (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, ``XXXX-...``, durations and sets
filed as DATE) are left out.

found: share of them overlapped by a predicted expression. correct: share whose overlapping
prediction (the one overlapping most) has exactly the gold value. The same figures are printed
for a ``dateparser.search_dates`` baseline anchored on the creation date, its granularity taken
from ``DateDataParser`` (day, week, month or year).

``--suite`` scores annales' own temporal suite instead (see :mod:`annales.time.suite`): the share
of cases right in each class, with the word cues alone (as on TimeBank) and with the spaCy parse
(as the pipeline runs).
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from annales.time import find_time_expressions

CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI))?$")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    dct: date
    gold: list[Timex]


def read_tml(path: Path) -> Document:
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        dct_timex = next(
            t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"
        )
    body = root.find("TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    gold: list[Timex] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                text = "".join(parts)[start:end]
                gold.append(Timex(start, end, child.get("type", ""), child.get("value", ""), text))
            if child.tail:
                parts.append(child.tail)

    walk(body)
    dct = date.fromisoformat(dct_timex.get("value", "")[:10])
    return Document(path.stem, "".join(parts), dct, gold)


Prediction = tuple[int, int, str | None]  # start, end, value
Predictor = Callable[[str, date], list[Prediction]]


def annales_predict(text: str, dct: date) -> list[Prediction]:
    return [(t.start, t.end, t.value) for t in find_time_expressions(text, dct)]


def dateparser_predict(text: str, dct: date) -> list[Prediction]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)}
    with warnings.catch_warnings():
        # dateparser 1.5 still calls datetime.utcnow() and friends; not our concern here
        warnings.simplefilter("ignore", DeprecationWarning)
        found = search_dates(text, languages=["fr"], settings=settings) or []
        parser = DateDataParser(languages=["fr"], settings=settings)
        predictions: list[Prediction] = []
        cursor = 0
        for substring, moment in found:
            start = text.find(substring, cursor)
            if start < 0:
                start = text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            period = parser.get_date_data(substring).period or "day"
            day = moment.date()
            if period == "year":
                value = f"{day.year:04d}"
            elif period == "month":
                value = f"{day.year:04d}-{day.month:02d}"
            elif period == "week":
                iso = day.isocalendar()
                value = f"{iso.year:04d}-W{iso.week:02d}"
            else:
                value = day.isoformat()
            predictions.append((start, start + len(substring), value))
    return predictions


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0
    spurious: int = 0


def score(docs: list[Document], predict: Predictor, errors: bool = False) -> Score:
    result = Score()
    for doc in docs:
        predictions = predict(doc.text, doc.dct)
        for start, end, _value in predictions:
            if not any(start < g.end and g.start < end for g in doc.gold):
                result.spurious += 1
                if errors:
                    print(f"  spurious {doc.name}: {doc.text[start:end]!r} -> {_value}")
        for gold in doc.gold:
            if gold.type != "DATE" or not CALENDAR.match(gold.value):
                continue
            result.gold += 1
            overlapping = [
                (min(end, gold.end) - max(start, gold.start), value)
                for start, end, value in predictions
                if start < gold.end and gold.start < end
            ]
            if overlapping:
                result.found += 1
                value = max(overlapping, key=lambda o: o[0])[1]
                if value == gold.value:
                    result.correct += 1
                elif errors:
                    print(f"  wrong    {doc.name}: {gold.text!r} gold {gold.value} got {value}")
            elif errors:
                context = doc.text[max(0, gold.start - 50) : gold.end + 30].replace("\n", " ")
                print(f"  missed   {doc.name}: {gold.text!r} {gold.value} | {context}")
    return result


def report(name: str, result: Score) -> None:
    total = result.gold or 1
    print(
        f"{name:12} gold {result.gold:4d}  found {result.found / total:.3f}  "
        f"correct {result.correct / total:.3f}  (unmatched predictions: {result.spurious})"
    )


def suite_report(path: Path, errors: bool) -> None:
    from annales.nlp import load_pipeline
    from annales.time.suite import check_case, read_suite

    cases = read_suite(path)
    docs = list(load_pipeline("fr").pipe([case.text for case in cases], batch_size=64))
    print(f"{len(cases)} cases from {path}")
    print(f"{'class':30} {'cases':>5}  {'words':>5}  {'parse':>5}")
    by_class: dict[str, list[tuple[bool, bool]]] = {}
    for case, doc in zip(cases, docs, strict=True):
        words, parse = check_case(case), check_case(case, doc=doc)
        by_class.setdefault(case.kind, []).append((words.passed, parse.passed))
        if errors and not parse.passed:
            print(f"  wrong    got {parse.got}: {case.line}")
    for kind, results in [*by_class.items(), ("all", [r for v in by_class.values() for r in v])]:
        total = len(results)
        words_share = sum(w for w, _ in results) / total
        parse_share = sum(p for _, p in results) / total
        print(f"{kind:30} {total:5d}  {words_share:5.3f}  {parse_share:5.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="../shared/eval/timebank-dev")
    parser.add_argument("--errors", action="store_true", help="list misses and wrong values")
    parser.add_argument("--no-baseline", action="store_true", help="skip dateparser")
    parser.add_argument(
        "--suite",
        nargs="?",
        const="tests/data/time/fr.yaml",
        help="score annales' own temporal suite (default tests/data/time/fr.yaml) per class",
    )
    args = parser.parse_args(argv)
    if args.suite:
        suite_report(Path(args.suite), args.errors)
        return 0
    folder = Path(args.folder)
    files = sorted(folder.glob("*.tml")) if folder.is_dir() else []
    if not files:
        print(f"no TimeBank files (*.tml) in {folder}: bench skipped", file=sys.stderr)
        return 0
    docs = [read_tml(path) for path in files]
    print(f"{len(docs)} documents from {folder}")
    report("annales", score(docs, annales_predict, args.errors))
    if not args.no_baseline:
        report("dateparser", score(docs, dateparser_predict, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
