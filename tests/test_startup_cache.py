"""The compiled-data cache: read back when its inputs are the same, rebuilt when one changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annales import cache
from annales.actors import kb as kb_module
from annales.actors import load_knowledge_base
from annales.events import lexicon as lexicon_module

PEOPLE_HEADER = "id\tname\twikidata\tcountry\tsector\trole\tstart\tend\tvariants\n"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(folder))
    kb_module._load.cache_clear()
    lexicon_module._load.cache_clear()
    yield folder
    kb_module._load.cache_clear()
    lexicon_module._load.cache_clear()


def test_cache_builds_once_then_reads_the_file(cache_folder: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    key = cache.content_key("test", "one")
    assert cache.cached("thing", key, build) == {"answer": 42}
    assert cache.cached("thing", key, build) == {"answer": 42}
    assert len(calls) == 1
    assert [p.name for p in cache_folder.glob("thing-*.pickle")] == [f"thing-{key}.pickle"]


def test_cache_key_follows_file_content(tmp_path: Path) -> None:
    data = tmp_path / "data.tsv"
    data.write_text("a\n", encoding="utf-8")
    first = cache.content_key("x", files=[data])
    assert cache.content_key("x", files=[data]) == first
    data.write_text("b\n", encoding="utf-8")
    assert cache.content_key("x", files=[data]) != first


def test_damaged_cache_file_is_rebuilt(cache_folder: Path) -> None:
    key = cache.content_key("damaged")
    cache_folder.mkdir(parents=True)
    (cache_folder / f"thing-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", key, lambda: [1, 2]) == [1, 2]
    assert cache.cached("thing", key, lambda: [3]) == [1, 2]  # the rewritten file is read


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, "off")
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    assert cache.cached("thing", "k", lambda: "built") == "built"
    assert list(tmp_path.iterdir()) == []


def test_unwritable_cache_folder_only_costs_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))  # a folder under a file
    assert cache.cached("thing", "k", lambda: "built") == "built"


def test_old_builds_are_pruned(cache_folder: Path) -> None:
    for number in range(7):
        cache.cached("thing", cache.content_key(str(number)), str)
    assert len(list(cache_folder.glob("thing-*.pickle"))) == 4


def test_knowledge_base_rebuilt_when_a_user_file_changes(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = tmp_path / "mine.tsv"
    people.write_text(
        PEOPLE_HEADER + "jeanne-exemple\tJeanne Exemple\t\tFRA\tGOV\tminister\t2020-01-01\t\t\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(kb_module.ENV_VAR, str(people))
    assert "jeanne-exemple" in load_knowledge_base().people
    kb_module._load.cache_clear()  # as a new process would
    assert "jeanne-exemple" in load_knowledge_base().people  # read from the cache
    assert len(list(cache_folder.glob("actors-*.pickle"))) == 1
    people.write_text(
        PEOPLE_HEADER + "paul-exemple\tPaul Exemple\t\tFRA\tGOV\tminister\t2020-01-01\t\t\n",
        encoding="utf-8",
    )
    kb_module._load.cache_clear()
    rebuilt = load_knowledge_base()
    assert "paul-exemple" in rebuilt.people
    assert "jeanne-exemple" not in rebuilt.people
    assert rebuilt.index("fr").lookup("Paul Exemple")


def test_lexicon_rebuilt_when_a_user_file_changes(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / "mine.yaml"
    entry = "language: fr\nentries:\n  - id: test-{word}\n    type: ACCUSE\n    triggers: {word}\n"
    mine.write_text(entry.format(word="zorgliber"), encoding="utf-8")
    monkeypatch.setenv("ANNALES_LEXICON_PATH", str(mine))
    assert "zorgliber" in lexicon_module.load_lexicon("fr").by_first
    mine.write_text(entry.format(word="blurquer"), encoding="utf-8")
    lexicon_module._load.cache_clear()
    rebuilt = lexicon_module.load_lexicon("fr")
    assert "blurquer" in rebuilt.by_first
    assert "zorgliber" not in rebuilt.by_first


def test_bad_user_file_still_names_the_file(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annales.errors import DataError

    monkeypatch.setenv("ANNALES_LEXICON_PATH", str(tmp_path / "missing.yaml"))
    with pytest.raises(DataError, match=r"missing\.yaml"):
        lexicon_module.load_lexicon("fr")
