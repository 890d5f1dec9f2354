"""What ``make bench`` runs: the throughput benchmark (bench/throughput.py), table on stdout.

Extra arguments go to throughput.py, e.g. ``python bench/run_all.py --documents 500``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    command = [
        sys.executable,
        str(HERE / "throughput.py"),
        "--json",
        str(HERE / "out" / "throughput.json"),
    ]
    return subprocess.call(command + sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
