"""One format registry for Store.export, ``annales export`` and plugins; plugins add formats
and coders through entry points (a real distribution on sys.path, written by the test)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.errors import ConfigError
from annales.events import get_coder
from annales.model import Actor, Document, Event
from annales.store import EXPORT_FORMATS, EventQuery, Store, formats, open_store

EVENT = Event("d1", "AID", [Actor("FRA", "GOV")], [Actor("HTI")], date="2021-08-16", id="e1")

PLUGIN = """
from pathlib import Path
from annales.store.formats import Format

def _write(store, target, query):
    events = store.events(query)
    Path(target).write_text("".join(e.id + "\\n" for e in events), encoding="utf-8")
    return len(events)

IDS = Format("ids", ".txt", "text/plain", "one event id per line", _write)

class Silent:
    name = "silent"
    def code(self, analysis):
        return []
"""


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An installed plugin: a module and its dist-info with entry points, found on sys.path."""
    (tmp_path / "annales_ids_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "annales_ids_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: annales-ids-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[annales.formats]\nids = annales_ids_plugin:IDS\n\n"
        "[annales.coders]\nsilent = annales_ids_plugin:Silent\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(formats, "_REGISTRY", dict(formats._REGISTRY))
    monkeypatch.setattr(formats, "_plugins_loaded", False)
    yield tmp_path
    sys.modules.pop("annales_ids_plugin", None)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with open_store(path) as store:
        store.save(Document(id="d1", text="t"), [EVENT])
    return path


def test_the_shipped_formats() -> None:
    assert EXPORT_FORMATS == ("plover-jsonl", "csv", "parquet", "cameo-tsv")
    assert formats.get_format("cameo-tsv").suffix == ".tsv"


def test_an_unknown_format_lists_the_others(db: Path, tmp_path: Path) -> None:
    with open_store(db) as store, pytest.raises(ConfigError, match="choose one of plover-jsonl"):
        store.export(tmp_path / "x.xml", "xml")
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "--format", "xml", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2 and "unknown export format 'xml'" in result.output


def test_a_registered_format_serves_the_api_and_the_cli(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats, "_REGISTRY", dict(formats._REGISTRY))

    def write(store: Store, target: Path, query: EventQuery) -> int:
        target.write_text(f"{store.count_events(query)}\n", encoding="utf-8")
        return 1

    formats.register_format(formats.Format("count", ".txt", "text/plain", "how many", write))
    out = tmp_path / "n.txt"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(db), "--format", "count", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == "1\n"


def test_plugins_add_formats_and_coders_through_entry_points(
    plugin: Path, db: Path, tmp_path: Path
) -> None:
    assert "ids" in formats.available_formats()
    with open_store(db) as store:
        assert store.export(tmp_path / "ids.txt", "ids") == 1
    assert (tmp_path / "ids.txt").read_text(encoding="utf-8") == "e1\n"
    assert get_coder("silent").name == "silent"


def test_the_web_api_serves_the_cameo_rows_of_the_registry(db: Path) -> None:
    from annales.web import create_app
    from test_web_api import Client

    response = Client(create_app(db)).get("/api/events.tsv?involving=FRA")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert 'filename="annales-events.tsv"' in response.headers["content-disposition"]
    header, row = response.text.strip().split("\n")
    assert header.startswith("id\tdate\tsource") and "\t070\t07\t2\t7\t" in row


def test_the_web_jsonl_stream_is_the_export(db: Path, tmp_path: Path) -> None:
    from annales.web import create_app
    from test_web_api import Client

    with open_store(db) as store:
        store.export(tmp_path / "e.jsonl", "plover-jsonl")
    streamed = Client(create_app(db)).get("/api/events.jsonl").text
    assert streamed == (tmp_path / "e.jsonl").read_text(encoding="utf-8")
    assert '"cite_info"' in streamed and '"coded_date": "' in streamed
