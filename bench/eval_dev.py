"""Code the shared dev set and score it with the shared scorer (``make eval``).

    python bench/eval_dev.py [EVAL_DIR] [--json] [--out predictions.jsonl] [--include-optional]
        [--coder hybrid|rules|model] [--own all|look|blind|en-docs|blind2|look3]

EVAL_DIR defaults to ../shared/eval. The evaluation material is read from there and never copied
into the project. Prints the scorer's figures (typed, quad and dyad F1, per type, date accuracy).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from annales.events import DEFAULT_CODER, available_coders
from annales.ingest import read_documents
from annales.model import Document
from annales.pipeline import code_documents


def predict(docs_path: Path, out: Path, include_optional: bool, coder: str) -> int:
    documents = [d for d in read_documents([docs_path]) if isinstance(d, Document)]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for result in code_documents(documents, coder=coder):
            for event in result.events:
                if event.optional and not include_optional:
                    continue
                record = event.to_plover()
                record["type"] = event.type
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


OWN = Path(__file__).resolve().parent / "owndev"


def _own_set(half: str) -> tuple[Path, Path]:
    """bench/owndev, whole or one half: documents sorted by id, even positions "look", odd
    positions "blind" (see bench/owndev/README.md)."""
    if half == "all":
        return OWN / "docs.jsonl", OWN / "gold.jsonl"
    if half == "en-docs":
        english = OWN.parent / "owndev-en-docs"
        return english / "docs.jsonl", english / "gold.jsonl"
    if half in {"blind2", "look3"}:
        folder = OWN.parent / {"blind2": "owndev2", "look3": "owndev3"}[half]
        return folder / "docs.jsonl", folder / "gold.jsonl"
    lines = sorted(
        (json.loads(line)["id"], line)
        for line in (OWN / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    kept = lines[0::2] if half == "look" else lines[1::2]
    gold = Path(tempfile.mkdtemp()) / f"owndev-{half}.jsonl"
    gold.write_text("".join(line + "\n" for _, line in kept), encoding="utf-8")
    return OWN / "docs.jsonl", gold


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval")
    parser.add_argument("--out", default="predictions.jsonl")
    parser.add_argument("--json", action="store_true", help="print the scorer's JSON")
    parser.add_argument("--include-optional", action="store_true")
    parser.add_argument("--coder", default=DEFAULT_CODER, choices=available_coders())
    parser.add_argument(
        "--own",
        choices=["all", "look", "blind", "en-docs", "blind2", "look3"],
        help="score our own held-out set (bench/owndev) instead: all of it, or the half the "
        "coder's authors may study (look) or the half they never open (blind); en-docs: our "
        "blind English documents (bench/owndev-en-docs); blind2: a second blind French set "
        "written later by another helper (bench/owndev2); look3: a third set, written by a "
        "helper who never saw the coder, that its authors may study (bench/owndev3)",
    )
    args = parser.parse_args()
    eval_dir = Path(args.eval_dir)
    docs, gold, scorer = (
        eval_dir / "dev" / "docs.jsonl",
        eval_dir / "dev" / "gold.jsonl",
        eval_dir / "score.py",
    )
    if args.own:
        docs, gold = _own_set(args.own)
    if not docs.is_file() or not scorer.is_file():
        sys.exit(f"no evaluation material at {eval_dir} (expected dev/docs.jsonl and score.py)")
    count = predict(docs, Path(args.out), args.include_optional, args.coder)
    print(f"{count} events predicted -> {args.out}", file=sys.stderr)
    command = [sys.executable, str(scorer), str(gold), args.out] + (["--json"] if args.json else [])
    sys.exit(subprocess.run(command, check=False).returncode)


if __name__ == "__main__":
    main()
