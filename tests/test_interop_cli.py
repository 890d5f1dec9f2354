"""``annales code --pub-date`` dates plain text files; a bad date stops with status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.store import EventQuery, open_store

MEETING = (
    "Macron reçoit Ouattara\n\n"
    "Le président français Emmanuel Macron a rencontré mardi le président ivoirien "
    "Alassane Ouattara à Paris.\n"
)


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text file and a record of the same meeting, coded with --pub-date 2024-06-12."""
    folder = tmp_path_factory.mktemp("pubdate")
    (folder / "visite.txt").write_text(MEETING, encoding="utf-8")
    title, _, text = MEETING.partition("\n\n")
    record = {"id": "r1", "title": title, "text": text, "pub_date": "2019-03-06"}
    (folder / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = folder / "s.duckdb"
    result = CliRunner().invoke(
        cli, ["code", str(folder / "visite.txt"), str(folder / "records.jsonl"), "--db", str(db),
              "--pub-date", "2024-06-12", "--quiet"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return db


def test_pub_date_dates_a_plain_text_file(coded: Path) -> None:
    with open_store(coded, read_only=True) as store:
        events = [e for e in store.events(EventQuery(type="CONSULT")) if e.doc_id != "r1"]
        (document,) = [store.document(e.doc_id) for e in events]
    assert [e.date for e in events] == ["2024-06-11"]  # "mardi" before Wednesday 12 June
    assert document is not None and document.pub_date_source == "given"


def test_a_records_own_date_wins(coded: Path) -> None:
    with open_store(coded, read_only=True) as store:
        (event,) = store.events(EventQuery(doc_id="r1", type="CONSULT"))
        document = store.document("r1")
    assert document is not None and str(document.pub_date) == "2019-03-06"
    assert event.date == "2019-03-05"


def test_the_events_of_a_dated_file_pass_since(coded: Path) -> None:
    result = CliRunner().invoke(
        cli, ["events", "--db", str(coded), "--since", "2024-06-01", "--format", "csv"]
    )
    assert result.exit_code == 0 and "2024-06-11,CONSULT" in result.output


@pytest.mark.parametrize(
    "arguments",
    [
        ["code", "x.txt", "--pub-date", "2024-13-01"],
        ["code", "x.txt", "--pub-date", "12/06/2024"],
        ["code", "x.txt", "--pub-date", "0001-01-01"],
        ["events", "--since", "2024-13-01"],
        ["explain", "x.txt", "--pub-date", "2024-02-30"],
        ["actors", "lookup", "Poutine", "--date", "2024-13"],
    ],
)
def test_a_bad_date_exits_2_without_a_traceback(
    arguments: list[str], coded: Path, tmp_path: Path
) -> None:
    (tmp_path / "x.txt").write_text(MEETING, encoding="utf-8")
    if arguments[0] == "events":
        arguments = [*arguments, "--db", str(coded)]
    else:
        arguments = [str(tmp_path / a) if a == "x.txt" else a for a in arguments]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()  # one line, no usage text, no traceback
    assert line.startswith("annales: error: ") and "date" in line
    assert not (tmp_path / "annales.duckdb").exists()


def test_export_cameo_rows_from_the_command_line(coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(coded), "--format", "cameo-tsv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    header, found = rows[0], {tuple(row[2:9]) for row in rows[1:]}
    assert header[:3] == ["id", "date", "source"]
    assert ("FRAGOV", "FRA", "GOV", "CIVGOV", "CIV", "GOV", "040") in found
