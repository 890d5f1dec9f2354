"""code_distributed on a local Dask cluster: the same events as one process, and resumable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annales.errors import ConfigError
from annales.ingest import read_documents
from annales.model import Document
from annales.pipeline import Coded, code_documents
from annales.scale import code_distributed, iter_results, local_cluster

ARTICLES = Path(__file__).parent / "data" / "scale" / "articles.jsonl"


def plain(results: list[Coded]) -> list[tuple[Any, ...]]:
    return [
        (r.document.to_dict(), [event.to_dict() for event in r.events], r.skipped) for r in results
    ]


@pytest.fixture(scope="module")
def expected() -> list[tuple[Any, ...]]:
    documents = [item for item in read_documents([ARTICLES]) if isinstance(item, Document)]
    return plain(list(code_documents(documents)))


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A local cluster shared by the slow tests, so each does not pay for starting one."""
    with local_cluster(2) as local:
        yield local.scheduler_address


def files(out: Path) -> list[str]:
    return sorted(str(path.relative_to(out)) for path in out.rglob("*") if path.is_file())


def test_scale_distributed_local_cluster_equals_single_process(
    tmp_path: Path, expected: list[tuple[Any, ...]]
) -> None:
    out = tmp_path / "events"
    summary = code_distributed([str(ARTICLES)], out=str(out), workers=2, partition_size=7)
    assert (summary.partitions, summary.coded, summary.reused) == (6, 6, 0)
    assert (summary.documents, summary.skipped) == (40, 1)
    assert summary.events == sum(len(events) for _doc, events, _skipped in expected)
    assert len(summary.problems) == 1 and "articles.jsonl:40" in summary.problems[0]
    assert plain(list(iter_results(out))) == expected
    names = [f"part-{i:05d}" for i in range(6)]
    assert files(out) == sorted(
        ["_manifest.json"]
        + [f"{name}.parquet" for name in names]
        + [f"documents/{name}.parquet" for name in names]
        + [f"_done/{name}.json" for name in names]
    )
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    assert manifest["summary"]["events"] == summary.events


def test_scale_distributed_refuses_to_resume_with_another_partition_size(tmp_path: Path) -> None:
    (tmp_path / "_manifest.json").write_text(
        json.dumps({"status": "running", "settings": {"partition_size": 7, "coder": "rules"}})
    )
    with pytest.raises(ConfigError, match="partition_size=7, not 8"):
        code_distributed([str(ARTICLES)], out=str(tmp_path), partition_size=8)


def test_scale_distributed_refuses_to_resume_with_another_pub_date(tmp_path: Path) -> None:
    settings = {"partition_size": 7, "coder": "hybrid", "pub_date": "2024-06-12"}
    (tmp_path / "_manifest.json").write_text(
        json.dumps({"status": "running", "settings": settings})
    )
    with pytest.raises(ConfigError, match="pub_date='2024-06-12', not None"):
        code_distributed([str(ARTICLES)], out=str(tmp_path), partition_size=7)


def test_pub_date_dates_only_the_undated_documents() -> None:
    from datetime import date

    from annales.ingest import dated

    undated = Document(id="a", text="Texte.")
    own = Document(id="b", text="Texte.", pub_date=date(2020, 1, 2), pub_date_source="record")
    day = date(2024, 6, 12)
    assert (dated(undated, day).pub_date, dated(undated, day).pub_date_source) == (day, "given")
    assert dated(own, day) is own
    assert dated(undated, None) is undated


def test_scale_distributed_rejects_bad_settings(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="partition size must be at least 1"):
        code_distributed([str(ARTICLES)], out=str(tmp_path), partition_size=0)
    with pytest.raises(TypeError, match="list of paths"):
        code_distributed(str(ARTICLES), out=str(tmp_path))


@pytest.mark.slow
def test_scale_distributed_resumes_a_lost_partition_and_keeps_the_others(
    tmp_path: Path, expected: list[tuple[Any, ...]], cluster: str
) -> None:
    out = tmp_path / "events"
    code_distributed([str(ARTICLES)], out=str(out), scheduler=cluster, partition_size=7)
    # As if the run had been killed while writing part-00002: no marker, a temporary file left.
    (out / "_done" / "part-00002.json").unlink()
    (out / "part-00002.parquet").unlink()
    stale = out / "documents" / ".part-00002.parquet.0badf00d.tmp"
    stale.write_bytes(b"half a file")
    kept = {p: p.stat().st_mtime_ns for p in out.rglob("part-0000[01345]*")}
    summary = code_distributed([str(ARTICLES)], out=str(out), scheduler=cluster, partition_size=7)
    assert (summary.partitions, summary.coded, summary.reused, summary.documents) == (6, 1, 5, 40)
    assert not stale.exists()
    assert {p: p.stat().st_mtime_ns for p in kept} == kept  # finished partitions not rewritten
    assert plain(list(iter_results(out))) == expected


@pytest.mark.slow
def test_scale_distributed_refuses_to_resume_over_other_documents(
    tmp_path: Path, cluster: str
) -> None:
    out = tmp_path / "events"
    code_distributed([str(ARTICLES)], out=str(out), scheduler=cluster, partition_size=20)
    changed = tmp_path / "changed.jsonl"
    changed.write_text(ARTICLES.read_text(encoding="utf-8").replace("lundi", "mardi"), "utf-8")
    with pytest.raises(ConfigError, match="run over other documents"):
        code_distributed([str(changed)], out=str(out), scheduler=cluster, partition_size=20)


def bigger_input(path: Path, copies: int) -> Path:
    """The fixture articles repeated under new ids: enough work to kill a run half-way."""
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for line in lines:
                out.write(line.replace('"id": "scale-', f'"id": "copy{copy}-') + "\n")
    return path


@pytest.mark.slow
def test_scale_distributed_killed_run_resumes_without_duplicates(
    tmp_path: Path, cluster: str
) -> None:
    corpus = bigger_input(tmp_path / "corpus.jsonl", copies=6)  # 240 documents, 48 partitions
    out, reference = tmp_path / "killed", tmp_path / "reference"
    script = (
        "import sys; from annales.scale import code_distributed; "
        "code_distributed([sys.argv[1]], out=sys.argv[2], workers=2, partition_size=5)"
    )
    run = subprocess.Popen(
        [sys.executable, "-c", script, str(corpus), str(out)], start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while len(list((out / "_done").glob("*.json"))) < 3 and run.poll() is None:
            assert time.monotonic() < deadline, "the run never finished a partition"
            time.sleep(0.05)
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the client and its cluster, at once
        run.wait()
    finished = len(list((out / "_done").glob("*.json")))
    assert 3 <= finished < 48, "the run should have been killed half-way"
    resumed = code_distributed([str(corpus)], out=str(out), scheduler=cluster, partition_size=5)
    assert (resumed.reused, resumed.coded) == (finished, 48 - finished)
    code_distributed([str(corpus)], out=str(reference), scheduler=cluster, partition_size=5)
    results = list(iter_results(out))
    assert plain(results) == plain(list(iter_results(reference)))
    ids = [event.id for result in results for event in result.events]
    assert len(ids) == len(set(ids)) > 0
    assert len({result.document.id for result in results}) == len(results) == 240
