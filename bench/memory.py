"""Memory: flat on long runs, bounded on pathological documents.

* slope: one process codes ``--documents`` generated articles, each given a made-up surname and
  number of its own (as real news brings new words); its RSS is read every 100 documents and the
  slope of a least-squares line over the last two thirds is reported in kB per document
  (acceptance: < 0.5 kB/doc). It also reports the share of sentences the full parser read.
* pathological: ``annales code`` on a 950 kB document of 190,000 one-word sentences, and on a
  200 kB paragraph with no full stop, each in its own process: wall time, peak RSS and what the
  command said (acceptance for the first: skipped or split with a reason, < 10 s, < 1 GB).

    python bench/memory.py --documents 3000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles

HERE = Path(__file__).resolve().parent
SYLLABLES = "bcdfglmnprstvz"


def _documents(count: int) -> Iterator[Any]:
    from annales.model import Document

    rng = random.Random(7)
    for number, record in enumerate(articles(count)):
        name = "".join(rng.choice(SYLLABLES) + rng.choice("aeiou") for _ in range(4)).title()
        extra = f" M. {name} a évoqué {rng.randint(1000, 999_999)} personnes."
        yield Document(
            id=f"mem-{number}", title=record["title"], text=record["text"] + extra, lang="fr"
        )


def slope(documents: int) -> dict[str, Any]:
    """Code in this process; RSS every 100 documents; kB/doc over the last two thirds."""
    import psutil  # type: ignore[import-untyped, unused-ignore]

    from annales.pipeline import code_documents

    process = psutil.Process()
    points: list[tuple[int, float]] = []
    sentences = parsed = 0
    began = time.perf_counter()
    for done, result in enumerate(code_documents(_documents(documents)), 1):
        sentences, parsed = sentences + result.sentences, parsed + result.parsed
        if done % 100 == 0:
            points.append((done, process.memory_info().rss / 1024))
    kept = [p for p in points if p[0] > documents / 3] or points
    mean_x = sum(x for x, _ in kept) / len(kept)
    mean_y = sum(y for _, y in kept) / len(kept)
    spread = sum((x - mean_x) ** 2 for x, _ in kept) or 1.0
    per_doc = sum((x - mean_x) * (y - mean_y) for x, y in kept) / spread
    return {
        "documents": documents,
        "seconds": time.perf_counter() - began,
        "kb_per_doc": per_doc,
        "rss_mb_first": kept[0][1] / 1024,
        "rss_mb_last": kept[-1][1] / 1024,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "parsed_share": parsed / sentences if sentences else 0.0,
    }


def pathological(folder: Path) -> dict[str, dict[str, Any]]:
    """``annales code`` on two hostile documents, each in a child process."""
    rng = random.Random(3)
    words = ("Oui", "Non", "Mot", "Fin", "Bon", "Air")
    one_word = folder / "one-word-sentences.txt"
    one_word.write_text(" ".join(f"{rng.choice(words)}." for _ in range(190_000)), "utf-8")
    flat = folder / "one-paragraph.txt"
    sentences = [record["text"] for record in articles(120)]
    flat.write_text(" ".join(s.replace(".", "").replace("\n", " ") for s in sentences), "utf-8")
    out = {}
    for path in (one_word, flat):
        arguments = ["code", str(path), "--db", str(folder / f"{path.stem}.duckdb"), "--quiet"]
        command = [sys.executable, "-c", _CLI_WITH_PEAK, *arguments]
        began = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - began
        lines = result.stderr.strip().splitlines()
        peak = float(lines.pop()) if lines and lines[-1].replace(".", "").isdigit() else 0.0
        said = (lines[0] if lines else "") + " | " + result.stdout.strip()
        out[path.stem] = {
            "kb": path.stat().st_size / 1000,
            "seconds": seconds,
            "peak_mb": peak,
            "said": said[:300],
        }
    return out


# The annales command, then its own peak RSS in MB as the last line of stderr.
_CLI_WITH_PEAK = """
import resource, sys
from annales.cli import cli
try:
    cli(sys.argv[1:])
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # the slope in a process of its own: nothing else in its memory
        print(json.dumps(slope(args.documents)))
        return
    command = [sys.executable, __file__, "--child", "--documents", str(args.documents)]
    child = subprocess.run(command, capture_output=True, text=True, check=True)
    long_run = json.loads(child.stdout.strip().splitlines()[-1])
    with tempfile.TemporaryDirectory() as scratch:
        hostile = pathological(Path(scratch))
    print(
        f"memory over {long_run['documents']} documents ({long_run['seconds']:.0f} s): "
        f"{long_run['kb_per_doc']:.2f} kB/doc after the first third (< 0.5), RSS "
        f"{long_run['rss_mb_first']:.0f} -> {long_run['rss_mb_last']:.0f} MB, peak "
        f"{long_run['peak_mb']:.0f} MB; {long_run['parsed_share']:.0%} of sentences parsed"
    )
    for name, figures in hostile.items():
        print(
            f"{name} ({figures['kb']:.0f} kB): {figures['seconds']:.1f} s, peak "
            f"{figures['peak_mb']:.0f} MB; {figures['said']}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"long_run": long_run, "hostile": hostile}, indent=1))


if __name__ == "__main__":
    main()
