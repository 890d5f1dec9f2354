"""The command line, end to end on the bundled examples (real model, real DuckDB file)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import click
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from annales.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def coded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "store.duckdb"
    result = CliRunner().invoke(cli, ["code", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def _count(db: Path) -> int:
    result = CliRunner().invoke(cli, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.output)["events"])


def test_cli_code_twice_leaves_the_event_count_unchanged(coded_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    shutil.copy(coded_store, db)
    before = _count(db)
    result = CliRunner().invoke(cli, ["code", str(EXAMPLES), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert before > 0 and _count(db) == before


def test_cli_corrupt_file_is_reported_and_the_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(EXAMPLES / "nato-summit.txt", folder / "good.txt")
    (folder / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["code", str(folder), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    assert "broken.jsonl.gz" in result.output
    assert "1 documents coded" in result.output


def test_cli_events_filters_and_formats(coded_store: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(cli, ["events", "--db", str(coded_store), "--actor", "USA"])
    assert table.exit_code == 0 and "USA" in table.output
    lines = runner.invoke(
        cli, ["events", "--db", str(coded_store), "--type", "sanction", "--format", "jsonl"]
    ).output.splitlines()
    assert lines and all(json.loads(line)["event"] == "SANCTION" for line in lines)
    rows = runner.invoke(cli, ["events", "--db", str(coded_store), "--format", "csv"]).output
    assert next(csv.DictReader(rows.splitlines()))["type"]


def test_cli_bad_option_value_is_one_clear_line(coded_store: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(coded_store), "--type", "HUG"])
    assert result.exit_code == 2
    assert "HUG" in result.output and "Traceback" not in result.output


def test_cli_export_in_three_formats(coded_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    count = _count(coded_store)
    for fmt, name in (("plover-jsonl", "e.jsonl"), ("csv", "e.csv"), ("parquet", "e.parquet")):
        out = tmp_path / name
        result = runner.invoke(
            cli, ["export", "--db", str(coded_store), "--format", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert f"{count} events" in result.output
    record = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"id", "date", "event", "mode", "context", "actor", "recipient", "event_loc"} <= set(
        record
    )
    assert pq.read_table(tmp_path / "e.parquet").num_rows == count


def test_every_command_is_documented() -> None:
    documented = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")
    )
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert f"annales {name}" in documented, f"`annales {name}` is not documented"
        for option in command.params:
            for flag in getattr(option, "opts", []):
                if flag.startswith("--") and flag != "--help":
                    assert flag in documented, f"`annales {name} {flag}` is not documented"
