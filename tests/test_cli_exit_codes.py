"""Exit statuses and store messages as documented (issue 14): 0, 1, 2, and 130 for Ctrl+C.

- Ctrl+C (SIGINT) made ``annales code`` exit with click's status 1, the status of inputs that
  failed; it is 130 (128 + SIGINT) and the documents saved before it stay whole;
- a damaged store ("checksum error in block") was reported as "another annales process is
  writing", because the lock check matched "lock" inside "block".
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from annales.cli import cli
from annales.store import open_store

ANNALES = Path(sys.executable).with_name("annales")
ARTICLE = "Le président français a rencontré lundi à Berlin le chancelier allemand."


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_and_keeps_what_was_saved(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = ["{pas du JSON"]  # said on stderr as soon as reading starts, before the model loads
    lines += [json.dumps({"id": f"d{n}", "text": ARTICLE, "lang": "fr"}) for n in range(200)]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    with subprocess.Popen(
        [str(ANNALES), "code", str(batch), "--db", str(db), "--quiet"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        # A test run started in the background (`make test &`) ignores SIGINT, and so would
        # the command it starts: give it Ctrl+C's default, as a terminal would.
        preexec_fn=_default_sigint,
    ) as process:
        assert process.stderr is not None
        first = process.stderr.readline()
        assert f"{batch}:1" in first, first
        # The run cannot end before its model is loaded (seconds): the signal lands mid-run.
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(timeout=120) == 130, rest
    assert "annales: interrupted" in rest and "Traceback" not in rest
    with open_store(db, read_only=True) as store:
        assert store.stats()["documents"]["total"] <= 200


def damaged_copy(tmp_path: Path) -> Path:
    """A real store with one of its data blocks overwritten."""
    db = tmp_path / "store.duckdb"
    text = tmp_path / "a.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    assert CliRunner().invoke(cli, ["code", str(text), "--db", str(db), "--quiet"]).exit_code == 0
    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(db, damaged)
    with damaged.open("r+b") as stream:
        stream.seek(3 * 4096 + 100)  # the first block after the two headers
        stream.write(b"\xff" * 64)
    return damaged


def test_a_damaged_store_is_called_damaged_not_locked(tmp_path: Path) -> None:
    damaged = damaged_copy(tmp_path)
    for args in (["stats"], ["events"], ["export", "--out", str(tmp_path / "x.csv")]):
        result = CliRunner().invoke(cli, [*args, "--db", str(damaged)])
        assert result.exit_code == 2, result.output
        assert f"the store {damaged} is damaged" in result.stderr, result.stderr
        assert "another annales process" not in result.stderr
