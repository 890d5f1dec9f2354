"""Progress bars: only on a terminal and without --quiet; a cheap estimate of the input size."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from annales.scale import Progress, estimate_total, progress, show_progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_scale_progress_hidden_when_not_a_terminal_or_quiet() -> None:
    assert not show_progress(stream=io.StringIO())
    assert not show_progress(quiet=True, stream=Terminal())
    assert show_progress(stream=Terminal())
    with Progress(stream=io.StringIO()) as bar:
        bar.update(3)
        assert not bar.shown
        assert bar.count == 3


def test_scale_progress_shows_rate_and_eta_on_a_terminal() -> None:
    screen = Terminal()
    assert list(progress(range(5), total=5, stream=screen)) == [0, 1, 2, 3, 4]
    drawn = screen.getvalue()
    assert "5/5" in drawn
    assert "doc/s" in drawn
    assert "<00:00" in drawn  # the estimated time left, known because the total is


def test_scale_progress_quiet_yields_items_without_drawing() -> None:
    screen = Terminal()
    assert list(progress("abc", quiet=True, stream=screen)) == ["a", "b", "c"]
    assert screen.getvalue() == ""


def test_scale_progress_estimate_counts_files_and_records(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Un article.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Un autre.</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignoré", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "un"}\n\n{"text": "deux"}\n', encoding="utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"text": "trois"}\n')
    (tmp_path / "notes.csv").write_text("not an input", encoding="utf-8")
    assert estimate_total([tmp_path]) == 5
    assert estimate_total([tmp_path / "c.jsonl"]) == 2


def test_scale_progress_estimate_unknown_for_warc(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    assert estimate_total([tmp_path]) is None
