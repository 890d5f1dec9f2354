"""What ``make bench`` runs, tables on stdout: throughput (bench/throughput.py), whole-process
start-up and speed ratios (bench/startup.py), memory slope and pathological documents
(bench/memory.py). Figures also go to bench/out/*.json.

Extra arguments go to throughput.py, e.g. ``python bench/run_all.py --documents 500``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    out = HERE / "out"
    steps = [
        [str(HERE / "throughput.py"), "--json", str(out / "throughput.json"), *sys.argv[1:]],
        [str(HERE / "startup.py"), "--json", str(out / "startup.json")],
        [str(HERE / "memory.py"), "--json", str(out / "memory.json")],
    ]
    status = 0
    for step in steps:
        status = subprocess.call([sys.executable, *step]) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
