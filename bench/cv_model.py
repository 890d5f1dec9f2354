"""Cross-validation of the event model on the training corpus, by file (``make cv``).

    python bench/cv_model.py [training/fr] [--folds 5]

Each fold holds back every k-th corpus file (files are written in batches, so a held-back file
was written apart from the files the fold trains on) and reports word-level per-type F1 on it;
the last table sums the folds.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from annales.events.model.corpus import read_corpus
from annales.events.model.train import BUCKETS, Matrix, featurise, fit, report


def _subset(data: Matrix, rows: list[int]) -> Matrix:
    return Matrix(
        sparse=data.sparse[rows], dense=data.dense[rows], labels=[data.labels[i] for i in rows]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="training/fr", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*.jsonl"))
    parts = [featurise(read_corpus([f])) for f in files]
    width = max(p.sparse.shape[1] for p in parts)
    padding = BUCKETS  # the index train.featurise pads with
    data = Matrix(
        sparse=np.concatenate(
            [
                np.pad(p.sparse, ((0, 0), (0, width - p.sparse.shape[1])), constant_values=padding)
                for p in parts
            ]
        ),
        dense=np.concatenate([p.dense for p in parts]),
        labels=[label for p in parts for label in p.labels],
    )
    owners = [n for n, p in enumerate(parts) for _ in p.labels]
    totals: dict[str, Counter[str]] = {}
    for fold in range(args.folds):
        held = [i for i, owner in enumerate(owners) if owner % args.folds == fold]
        kept = [i for i, owner in enumerate(owners) if owner % args.folds != fold]
        table = report(fit(_subset(data, kept)), _subset(data, held))
        print(f"fold {fold + 1}: F1 {table['all']['f1']:.3f}", flush=True)
        for kind, scores in table.items():
            counter = totals.setdefault(kind, Counter())
            counter["f1"] += int(scores["f1"] * 1000)
            counter["n"] += 1
    print("\n| type | mean F1 over folds |\n|---|---|")
    for kind, counter in totals.items():
        print(f"| {kind} | {counter['f1'] / counter['n'] / 1000:.2f} |")


if __name__ == "__main__":
    main()
