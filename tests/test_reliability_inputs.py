"""Bad inputs at the command line: every one is named on stderr, the good ones are all stored.

``annales code`` runs (through click's CliRunner, in this process) on a folder that mixes good
articles with every kind of bad file; it must code the good ones, say one line per bad input,
and exit with status 1. The reader-level tests of each input class live in
``tests/test_ingest_*.py``; ``docs/reliability.md`` lists them.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annales.cli import cli
from annales.store import EventQuery, open_store

ARTICLE = (
    "Le président français a rencontré lundi à Berlin le chancelier allemand. "
    "Les deux dirigeants ont signé un accord de coopération sur l'énergie."
)
GERMAN = (  # a language annales does not code
    "Der deutsche Bundeskanzler traf am Montag den französischen Präsidenten in Berlin. Die "
    "beiden unterzeichneten ein Abkommen über die Zusammenarbeit im Energiebereich."
)


def code(*args: str) -> Result:
    return CliRunner().invoke(cli, ["code", *args], catch_exceptions=False)


def skipped_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("annales: skipped ")]


def write_gzip_bomb(path: Path, size: int) -> None:
    with gzip.open(path, "wb", compresslevel=1) as stream:
        stream.write(json.dumps({"text": ARTICLE}).encode() + b"\n")
        chunk = b" " * 1_000_000
        for _ in range(size // len(chunk)):
            stream.write(chunk)


@pytest.fixture
def mixed(tmp_path: Path) -> tuple[Path, dict[str, str], list[str]]:
    """A folder of good and bad inputs: (folder, good file -> a word its text must hold, bad)."""
    folder = tmp_path / "entrée"
    folder.mkdir()
    good = {
        "bon.txt": "Berlin",
        "latin1.txt": "énergie",
        "windows1252.txt": "l’énergie",
        "utf16.txt": "coopération",
        "profond.html": "coopération",
        "depeches.jsonl": "Berlin",
        "coupe.jsonl.gz": "Berlin",  # records before the cut are kept
        "surrogate.jsonl": "\ufffd",  # a lone "\ud800" escape is replaced, not a crash
    }
    (folder / "bon.txt").write_text(f"Sommet franco-allemand\n\n{ARTICLE}", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(f"Énergie\n\n{ARTICLE}".encode("latin-1"))
    (folder / "windows1252.txt").write_bytes(
        f"« Accord » sur l’énergie\n\n{ARTICLE} L’œuvre commune.".encode("cp1252")
    )
    (folder / "utf16.txt").write_text(f"Coopération\n\n{ARTICLE}", encoding="utf-16")
    (folder / "profond.html").write_text(
        "<html><body>" + "<div>" * 5_000 + f"<p>{ARTICLE}</p>" + "</div>" * 5_000 + "</body></html>"
    )
    (folder / "depeches.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": ARTICLE})
        + "\n{pas du JSON\n"
        + json.dumps({"id": "sans-texte", "title": "Titre seul"})
        + "\n"
        + json.dumps({"id": "ok-2", "text": ARTICLE.replace("lundi", "mardi")})
        + "\n",
        encoding="utf-8",
    )
    records = "".join(
        json.dumps({"id": f"gz-{n}", "text": f"{ARTICLE} Dépêche {n}."}) + "\n" for n in range(60)
    )
    compressed = gzip.compress(records.encode())
    (folder / "coupe.jsonl.gz").write_bytes(compressed[: len(compressed) // 2])
    (folder / "surrogate.jsonl").write_text(
        '{"id": "sur", "text": "' + ARTICLE + ' \\ud800"}\n', encoding="utf-8"
    )
    (folder / "allemand.txt").write_text(f"Gipfel\n\n{GERMAN}", encoding="utf-8")
    # The bad ones.
    (folder / "vide.txt").write_bytes(b"")
    (folder / "blancs.txt").write_bytes(b" \n\t\r\n   \n")
    (folder / "vide.jsonl").write_bytes(b"\n\n")
    (folder / "binaire.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "image.pdf").write_bytes(b"%PDF-1.4 \x00\x01\x02")
    write_gzip_bomb(folder / "bombe.jsonl.gz", 30_000_000)  # 30 MB of spaces, 1 line
    bad = [
        "vide.txt",
        "blancs.txt",
        "vide.jsonl",
        "binaire.txt",
        "image.pdf",
        "bombe.jsonl.gz",
        "depeches.jsonl:2",
        "depeches.jsonl:3",
        "coupe.jsonl.gz",
    ]
    return folder, good, bad


def test_mixed_folder_codes_the_good_names_the_bad_and_exits_1(
    mixed: tuple[Path, dict[str, str], list[str]], tmp_path: Path
) -> None:
    folder, good, bad = mixed
    db = tmp_path / "store.duckdb"
    result = code(str(folder), "--db", str(db))

    assert result.exit_code == 1, result.output
    lines = skipped_lines(result)
    for name in bad:
        assert any(f"{folder / name}" in line for line in lines), (name, lines)
    for line in lines:  # one input per line, each line naming it
        assert sum(line.startswith(f"annales: skipped {folder / n}") for n in bad) >= 1, line
    assert "Traceback" not in result.stderr
    assert "inputs failed" in result.stdout

    with open_store(db, read_only=True) as store:
        documents = [store.document(doc_id) for doc_id in sorted(store.document_ids())]
        stats = store.stats()
        assert store.count_events(EventQuery(include_optional=True)) > 0
    sources = {Path(d.source.split(":")[0]).name for d in documents if d and d.source}
    assert set(good) | {"allemand.txt"} == sources
    for name, word in good.items():
        texts = [d.content for d in documents if d and d.source and name in d.source]
        assert texts and all(word in text for text in texts), name
    ids = {d.id for d in documents if d}
    assert {"ok-1", "ok-2", "sur"} <= ids and "sans-texte" not in ids
    assert 0 < len([i for i in ids if i.startswith("gz-")]) < 60

    # The English article is not coded, and says why, in stderr and in the statistics.
    assert f"annales: not coded {folder / 'allemand.txt'}: language 'de'" in result.stderr
    assert stats["documents"]["skipped"] == 1
    (reason,) = stats["documents"]["skipped_reasons"]
    assert "'de' is not supported" in reason
    stats_run = CliRunner().invoke(cli, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats_run.stdout)["documents"]["skipped_reasons"] == {reason: 1}


def test_all_good_inputs_exit_0(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = code(str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("name", ["enorme.txt", "enorme.jsonl"])
def test_ten_megabyte_document_is_refused_by_the_documented_limit_quickly(
    tmp_path: Path, name: str
) -> None:
    """10 MB in one document: refused by max_document_chars (2,000,000) in seconds, not coded."""
    text = (ARTICLE + " ") * (10_000_000 // (len(ARTICLE) + 1))
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    (tmp_path / "petit.txt").write_text(ARTICLE, encoding="utf-8")
    result = code(str(path), str(tmp_path / "petit.txt"), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1
    (line,) = skipped_lines(result)
    assert str(path) in line and "max_document_chars" in line
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        assert len(store.document_ids()) == 1


def test_document_between_the_spacy_and_ingest_limits_does_not_abort_the_run(
    tmp_path: Path,
) -> None:
    long_text = (ARTICLE + " ") * (1_100_000 // (len(ARTICLE) + 1))
    (tmp_path / "a-long.txt").write_text(long_text, encoding="utf-8")
    (tmp_path / "b-court.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["code", str(tmp_path), "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1)
    with open_store(db, read_only=True) as store:
        coded = [store.document(i) for i in store.document_ids()]
    assert any(d is not None and d.source and "b-court" in d.source for d in coded)


def test_same_id_for_two_different_articles_is_not_silently_lost(tmp_path: Path) -> None:
    for name, text in (("a.jsonl", ARTICLE), ("b.jsonl", ARTICLE.replace("Berlin", "Rome"))):
        (tmp_path / name).write_text(json.dumps({"id": "1", "text": text}) + "\n")
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(cli, ["code", str(tmp_path), "--db", str(db)])
    with open_store(db, read_only=True) as store:
        stored = len(store.document_ids())
    assert stored == 2 or (result.exit_code == 1 and "duplicate" in result.stderr), result.output
