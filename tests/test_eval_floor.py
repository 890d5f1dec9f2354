"""The evaluation gate: the shared dev sets never score below the pinned floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
FLOOR = json.loads((ROOT / "bench" / "eval_floor.json").read_text(encoding="utf-8"))


def _scores(script: str, out: Path) -> Any:
    """What ``bench/<script> EVAL --json`` prints, predictions written to ``out``."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), str(EVAL), "--json", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.skipif(
    not (EVAL / "dev" / "docs.jsonl").is_file(),
    reason=f"no evaluation material at {EVAL} (it is not shipped with annales; CI has it)",
)
def test_dev_set_scores_at_least_the_floor(tmp_path: Path) -> None:
    result = _scores("eval_dev.py", tmp_path / "predictions.jsonl")
    for view in ("typed", "quad", "dyad"):
        assert result[view]["f1"] >= FLOOR[view], (
            f"{view} F1 {result[view]['f1']} < floor {FLOOR[view]}"
        )


@pytest.mark.skipif(
    not (EVAL / "en-dev" / "PLV_train.tsv").is_file(),
    reason=f"no English evaluation material at {EVAL} (it is not shipped with annales; CI has it)",
)
def test_english_plv_scores_at_least_the_floor(tmp_path: Path) -> None:
    result = _scores("eval_en.py", tmp_path / "events-en.jsonl")
    assert result["all"]["macro_f1"] >= FLOOR["plv_macro_f1"], result
    assert result["asserted"]["macro_f1"] >= FLOOR["plv_macro_f1_asserted"], result
