"""Code the English PLV sentences end to end and score them with plv.py (``make eval-en``).

    python bench/eval_en.py [EVAL_DIR] [--json] [--out events.jsonl] [--coder hybrid|rules|model]
        [--tsv OTHER.tsv]

EVAL_DIR defaults to ../shared/eval: ``plv.py docs`` turns ``en-dev/PLV_train.tsv`` into one English
document per sentence, annales codes them (it finds the source and target itself: the marks are
not given to it), and ``plv.py score`` prints accuracy and macro-F1 over the gold root codes. The
material is read from there and never copied into the project. ``--tsv`` scores another file of
the same columns (our own blind set: ``bench/owndev-en/plv-own.tsv``).

Two figures, as annales outputs two views:
- **all events**: every event coded, optional ones included (``annales export --include-optional``).
  This is the benchmark's question: the published systems are given the source and the target
  and asked for the type; an event whose actor annales cannot code (an unknown local court, "he")
  is still typed, and flagged vague.
- **asserted events**: only what annales counts by default (no vague, planned, negated or
  reported events).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from eval_dev import predict

from annales.events import DEFAULT_CODER, available_coders


def asserted_only(events: Path) -> Path:
    kept = events.with_suffix(".asserted.jsonl")
    with events.open(encoding="utf-8") as source, kept.open("w", encoding="utf-8") as sink:
        sink.writelines(line for line in source if not json.loads(line).get("optional"))
    return kept


def score(scorer: Path, tsv: Path, events: Path) -> tuple[str, dict[str, float]]:
    run = subprocess.run(
        [sys.executable, str(scorer), "score", str(tsv), str(events)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if run.returncode != 0:
        sys.exit(run.stderr)
    accuracy = re.search(r"accuracy ([0-9.]+)", run.stdout)
    macro = re.search(r"macro-F1 ([0-9.]+)", run.stdout)
    if accuracy is None or macro is None:
        sys.exit(f"the scorer's output was not understood:\n{run.stdout}")
    return run.stdout, {"accuracy": float(accuracy.group(1)), "macro_f1": float(macro.group(1))}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval")
    parser.add_argument("--out", default="events-en.jsonl")
    parser.add_argument("--json", action="store_true", help="print accuracy and macro-F1 as JSON")
    parser.add_argument("--coder", default=DEFAULT_CODER, choices=available_coders())
    parser.add_argument("--tsv", type=Path, help="score this PLV-style file instead")
    args = parser.parse_args()
    eval_dir = Path(args.eval_dir)
    tsv, scorer = args.tsv or eval_dir / "en-dev" / "PLV_train.tsv", eval_dir / "plv.py"
    if not tsv.is_file() or not scorer.is_file():
        sys.exit(f"no English evaluation material: expected {tsv} and {scorer}")
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "plv-docs.jsonl"
        subprocess.run([sys.executable, str(scorer), "docs", str(tsv), str(docs)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        # Every event, optional ones included (flagged): the two views are read from one run.
        count = predict(docs, out, include_optional=True, coder=args.coder)
    print(f"{count} events predicted -> {out}", file=sys.stderr)
    every, every_scores = score(scorer, tsv, out)
    _asserted, asserted_scores = score(scorer, tsv, asserted_only(out))
    if args.json:
        print(json.dumps({"all": every_scores, "asserted": asserted_scores}))
        return
    print(every, end="")
    print(
        f"asserted events only: accuracy {asserted_scores['accuracy']:.3f}  "
        f"macro-F1 {asserted_scores['macro_f1']:.3f}"
    )


if __name__ == "__main__":
    main()
