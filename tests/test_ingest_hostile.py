"""Hostile inputs that once stopped a whole run, or cost gigabytes (issue 14), each built here.

- an HTML page or WARC record declaring a charset that is no text encoding (``zlib``, ``base64``,
  ``rot13``, ``idna``...) with one byte that is not UTF-8: ``LookupError`` / ``UnicodeError``;
- a symbolic link loop in a folder: ``OSError`` (ELOOP) out of ``is_dir()``;
- a folder nested about a thousand levels deep: ``RecursionError``;
- a 1 MB ``.warc.gz`` of zeros: warcio read its "header line" whole (16.7 GB);
- millions of malformed JSON lines: every problem held in memory and printed.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from annales.cli import cli
from annales.ingest import MAX_KEPT_PROBLEMS, IngestLimits, ProblemLog, read_documents, read_path
from annales.model import Document, IngestProblem
from annales.store import open_store
from test_ingest_warc import write_warc

ARTICLE = "Le président français a rencontré lundi à Berlin le chancelier allemand."
NOT_TEXT_CODECS = [
    "zlib",
    "base64",
    "hex",
    "rot13",
    "bz2",
    "uu",
    "quopri",
    "idna",
    "punycode",
    "undefined",
    "unicode_escape",
    "utf-7",
]


def page(charset: str) -> bytes:
    """A French page declaring ``charset``, written in Latin-1 (so not valid UTF-8)."""
    markup = (
        f'<html><head><meta charset="{charset}"><title>Sommet</title></head>'
        f"<body><article><p>{ARTICLE}</p></article></body></html>"
    )
    return markup.encode("latin-1")


@pytest.mark.parametrize("charset", NOT_TEXT_CODECS)
def test_html_declaring_a_non_text_codec_is_decoded_by_guessing(
    tmp_path: Path, charset: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page(charset))
    [item] = read_path(path)
    assert isinstance(item, Document), item
    assert "président français" in item.text


@pytest.mark.parametrize("charset", ["zlib", "base64", "idna"])
def test_warc_record_declaring_a_non_text_codec_is_decoded_by_guessing(
    tmp_path: Path, charset: str
) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://presse.example/a", f"text/html; charset={charset}", page("x"))])
    [item] = read_path(path)
    assert isinstance(item, Document), item
    assert "président français" in item.text


def test_a_link_loop_in_a_folder_is_a_problem_and_reading_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "entrée"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "boucle1").symlink_to("boucle2")
    (folder / "boucle2").symlink_to("boucle1")
    (folder / "moi").symlink_to(".")
    (folder / "z.txt").write_text(ARTICLE.replace("lundi", "mardi"), encoding="utf-8")
    items = list(read_documents([folder, folder / "boucle1"]))
    documents = [i for i in items if isinstance(i, Document)]
    problems = {Path(i.source).name: i.reason for i in items if isinstance(i, IngestProblem)}
    assert [Path(d.source or "").name for d in documents] == ["a.txt", "z.txt"]
    assert "link loop" in problems["boucle1"] and "link loop" in problems["boucle2"]
    assert problems["moi"] == "link to a folder, not followed"


def test_a_folder_a_thousand_levels_deep_is_walked() -> None:
    # Not under pytest's tmp_path: pytest removes old temporary folders with shutil.rmtree, which
    # recurses on Python 3.11, so a tree left by an interrupted run would break every later session.
    top = Path(tempfile.mkdtemp(prefix="annales-deep-"))
    try:
        here = os.getcwd()
        try:
            # Relative mkdir calls: the full path passes what some tools accept, not what we read.
            os.chdir(top)
            for _ in range(990):
                os.mkdir("d")
                os.chdir("d")
            Path("article.txt").write_text(ARTICLE, encoding="utf-8")
        finally:
            os.chdir(here)
        (top / "premier.txt").write_text(ARTICLE, encoding="utf-8")
        items = list(read_path(top))
    finally:
        remove_deep(top)
        (top / "premier.txt").unlink(missing_ok=True)
        top.rmdir()
    assert [type(i) for i in items] == [Document, Document], items
    assert items[0].source is not None and items[0].source.count("/d") == 990


def remove_deep(top: Path) -> None:
    """Remove a folder nested too deep for shutil.rmtree (recursive on Python 3.11)."""
    here = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            for name in os.listdir("."):
                os.unlink(name)
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_annales_code_stores_the_good_documents_beside_hostile_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "entrée"
    folder.mkdir()
    (folder / "bon.txt").write_text(f"Berlin\n\n{ARTICLE}", encoding="utf-8")
    (folder / "zlib.html").write_bytes(page("zlib"))  # title "Sommet": another document
    (folder / "boucle").symlink_to("boucle")
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(cli, ["code", str(folder), "--db", str(db), "--quiet"])
    assert result.exit_code == 1, result.output  # the loop is an input that failed
    assert "boucle: link loop" in result.stderr
    with open_store(db, read_only=True) as store:
        assert store.stats()["documents"]["coded"] == 2


def zeros_warc(path: Path, compressed_size: int = 1_000_000) -> None:
    """About a gigabyte of zeros, gzipped into ``compressed_size`` bytes: no WARC header at all."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    with path.open("wb") as out:
        written = 0
        while written < compressed_size:
            written += out.write(compressor.compress(block))
        out.write(compressor.flush())


# The peak resident memory of the child's own address space (VmHWM): ru_maxrss would also count
# the pytest process the child was forked from, which holds the spaCy models later in the suite.
_MEASURE = """
import json, sys
from annales.ingest import read_documents
items = [str(item) for item in read_documents(sys.argv[1:])]
print(json.dumps(items))
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]) * 1024)
"""


def read_in_child(*paths: Path) -> tuple[list[str], int]:
    """Read ``paths`` in a fresh process: (problems and documents, peak memory in bytes)."""
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    items, peak = done.stdout.strip().splitlines()
    return json.loads(items), int(peak)


def test_a_warc_bomb_of_zeros_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "zeros.warc.gz"
    zeros_warc(bomb)
    assert bomb.stat().st_size < 1_100_000
    items, peak = read_in_child(bomb)
    assert len(items) == 1 and "header lines" in items[0], items
    assert peak < 1_200_000_000, f"peak memory {peak / 1e6:.0f} MB"


def test_endless_header_lines_are_refused_and_max_record_bytes_bounds_them(
    tmp_path: Path,
) -> None:
    # A record whose HTTP headers never end: short lines, millions of them.
    crawl = tmp_path / "entetes.warc.gz"
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://presse.example/\r\n"
        b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 900000000\r\n\r\nHTTP/1.1 200 OK\r\n"
    )
    with gzip.open(crawl, "wb", compresslevel=1) as out:
        out.write(header)
        for _ in range(20):
            out.write(b"X-A: b\r\n" * 500_000)
    [problem] = read_path(crawl)
    assert isinstance(problem, IngestProblem) and "header lines" in problem.reason
    # A smaller max_record_bytes bounds header reading too.
    good = tmp_path / "bon.warc"
    long_uri = "https://presse.example/" + "a" * 5000
    write_warc(good, [(long_uri, "text/html", page("utf-8"))])
    assert isinstance(next(iter(read_path(good))), Document)
    [refused] = read_path(good, limits=IngestLimits(max_record_bytes=2000))
    assert isinstance(refused, IngestProblem) and "max_record_bytes" in refused.reason


def test_problem_log_counts_everything_and_keeps_the_first() -> None:
    log = ProblemLog(keep=3)
    shown = [log.add(IngestProblem(f"f:{n}", "bad")) for n in range(5)]
    assert shown == [True, True, True, False, False]
    assert (log.count, len(log.kept), log.hidden) == (5, 3, 2)
    assert (
        log.summary()
        == "2 more inputs that could not be read not shown (only the first 3 are); 5 in all"
    )
    assert ProblemLog().summary() is None and not ProblemLog()


def test_millions_of_bad_lines_print_a_thousand_and_a_count(tmp_path: Path) -> None:
    batch = tmp_path / "mauvais.jsonl"
    bad = 5_000
    with batch.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "bon", "text": ARTICLE}) + "\n")
        out.write("{x\n" * bad)
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(cli, ["code", str(batch), "--db", str(db), "--quiet"])
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("annales: skipped")]
    assert len(skipped) == MAX_KEPT_PROBLEMS
    more = bad - MAX_KEPT_PROBLEMS
    assert f"annales: {more:,} more inputs that could not be read not shown" in result.stderr
    assert f"{bad} inputs failed" in result.stdout
    with open_store(db, read_only=True) as store:
        assert store.document_ids() == {"bon"}
