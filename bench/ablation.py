"""Rules, model and hybrid coders side by side on the dev set, and the hybrid's calibration.

    python bench/ablation.py [EVAL_DIR] [--out docs/evaluation-tables.md]

Codes ../shared/eval/dev once per coder, scores each with the shared scorer (imported from
EVAL_DIR, never copied), and prints Markdown tables: typed/quad/dyad F1 and per-type F1 for each
coder, then a reliability table for the hybrid coder (events binned by confidence, with the
share whose atoms all match a required gold atom).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from annales.ingest import read_documents
from annales.model import Document
from annales.pipeline import code_documents

CODERS = ("rules", "model", "hybrid")
BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _scorer(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {eval_dir / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(documents: Sequence[Document], coder: str) -> dict[str, list[dict[str, Any]]]:
    predicted: dict[str, list[dict[str, Any]]] = {d.id: [] for d in documents}
    for result in code_documents(documents, coder=coder):
        for event in result.events:
            if not event.optional:
                record = event.to_plover()
                record["type"] = event.type
                predicted[event.doc_id].append(record)
    return predicted


def _calibration(
    score: ModuleType, gold: dict[str, list[dict[str, Any]]], pred: dict[str, list[dict[str, Any]]]
) -> list[str]:
    required: dict[str, set[tuple[str, ...]]] = {}
    for doc_id, events in gold.items():
        required[doc_id] = set()
        for event in events:
            if not event.get("optional"):
                required[doc_id] |= score.atoms(event)
    rows = ["| confidence | events | precision |", "|---|---|---|"]
    for low, high in BINS:
        hits = total = 0
        for doc_id, events in pred.items():
            for event in events:
                confidence = event["provenance"]["confidence"]
                if low <= confidence < high:
                    total += 1
                    hits += bool(score.atoms(event) & required.get(doc_id, set()))
        share = f"{hits / total:.2f}" if total else "-"
        rows.append(f"| {low:.1f}–{min(high, 1.0):.1f} | {total} | {share} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", default="../shared/eval", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    score = _scorer(args.eval_dir)
    documents = [
        d for d in read_documents([args.eval_dir / "dev" / "docs.jsonl"]) if isinstance(d, Document)
    ]
    gold = score.load(str(args.eval_dir / "dev" / "gold.jsonl"))
    results = {}
    predictions = {}
    for coder in CODERS:
        predictions[coder] = _records(documents, coder)
        results[coder] = score.score(gold, predictions[coder])
    lines = [
        "| coder | typed P | typed R | typed F1 | quad F1 | dyad F1 |",
        "|---|---|---|---|---|---|",
    ]
    for coder, r in results.items():
        t = r["typed"]
        lines.append(
            f"| {coder} | {t['precision']:.3f} | {t['recall']:.3f} | {t['f1']:.3f} "
            f"| {r['quad']['f1']:.3f} | {r['dyad']['f1']:.3f} |"
        )
    lines += ["", "| type | " + " | ".join(CODERS) + " |", "|---|" + "---|" * len(CODERS)]
    kinds = sorted({k for r in results.values() for k in r["per_type"]})
    for kind in kinds:
        cells = []
        for coder in CODERS:
            s = results[coder]["per_type"].get(kind)
            cells.append(f"{s['f1']:.2f} ({s['tp']}/{s['tp'] + s['fn']})" if s else "-")
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", *_calibration(score, gold, predictions["hybrid"])]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
