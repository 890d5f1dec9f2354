"""Train the event model from the corpus (``make train``), reproducibly, on a laptop's CPU.

    python -m annales.events.model.train training/fr --out src/annales/data/models/events-fr.npz
        [--report training/fr/REPORT.md] [--limit N] [--epochs 20] [--seed 13]

Files named in ``heldout.txt`` beside the corpus are held back: the model never sees them, and
the report gives per-type precision and recall on them. A fixed seed and a fixed order make two
runs on the same corpus give the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from annales import __version__
from annales.events.model.classifier import NONE, EventModel, softmax
from annales.events.model.corpus import Example, label_tokens, read_corpus
from annales.events.model.features import DENSE_WIDTH, dense_features, sparse_features

__all__ = ["Matrix", "featurise", "fit", "main", "report", "split_corpus"]

BUCKETS = 2**17


@dataclass
class Matrix:
    """Featurised words: padded sparse indices, dense vectors, labels."""

    sparse: np.ndarray  # rows x width, padded with the index ``buckets``
    dense: np.ndarray  # rows x DENSE_WIDTH
    labels: list[str]


def featurise(examples: Sequence[Example], lang: str = "fr", buckets: int = BUCKETS) -> Matrix:
    from annales.nlp import load_pipeline

    nlp = load_pipeline(lang)
    rows: list[list[int]] = []
    dense: list[np.ndarray] = []
    labels: list[str] = []
    docs = nlp.pipe((e.text for e in examples), batch_size=64)
    for example, doc in zip(examples, docs, strict=True):
        for token, label in label_tokens(example, doc):
            rows.append(sparse_features(token, buckets))
            dense.append(dense_features(token))
            labels.append(label)
    width = max((len(r) for r in rows), default=1)
    sparse = np.full((len(rows), width), buckets, dtype=np.int64)
    for position, row in enumerate(rows):
        sparse[position, : len(row)] = row
    vectors = np.stack(dense) if dense else np.zeros((0, DENSE_WIDTH), dtype=np.float32)
    return Matrix(sparse=sparse, dense=vectors, labels=labels)


def fit(
    data: Matrix,
    *,
    buckets: int = BUCKETS,
    epochs: int = 20,
    seed: int = 13,
    learning_rate: float = 0.005,
    l2: float = 1e-6,
    batch_size: int = 256,
    event_weight: float = 3.0,
    meta: dict[str, object] | None = None,
) -> EventModel:
    """Softmax regression trained with Adam on shuffled mini-batches (fixed seed).

    Words that carry an event weigh ``event_weight`` times a word that does not: they are rare
    (one in ten candidates), and a missed event costs an analyst more than a doubtful one that
    the coder's syntax and the probability threshold still filter.
    """
    labels = sorted(set(data.labels) | {NONE})
    index = {label: i for i, label in enumerate(labels)}
    target = np.array([index[label] for label in data.labels], dtype=np.int64)
    weight = np.where(target == index[NONE], 1.0, event_weight).astype(np.float32)
    classes, rows = len(labels), len(target)
    rng = np.random.default_rng(seed)
    params = {
        "sparse": np.zeros((buckets + 1, classes), dtype=np.float32),
        "dense": (rng.standard_normal((DENSE_WIDTH, classes)) * 0.01).astype(np.float32),
        "bias": np.zeros(classes, dtype=np.float32),
    }
    first = {k: np.zeros_like(v) for k, v in params.items()}
    second = {k: np.zeros_like(v) for k, v in params.items()}
    beta1, beta2, step = 0.9, 0.999, 0

    def adam(key: str, grad: np.ndarray, rows: np.ndarray | None = None) -> None:
        # Lazy Adam for the hashed weights: only the rows a batch touched move.
        where = slice(None) if rows is None else rows
        first[key][where] = beta1 * first[key][where] + (1 - beta1) * grad
        second[key][where] = beta2 * second[key][where] + (1 - beta2) * grad * grad
        corrected = first[key][where] / (1 - beta1**step)
        scale = np.sqrt(second[key][where] / (1 - beta2**step)) + 1e-8
        params[key][where] -= learning_rate * corrected / scale

    for _ in range(epochs):
        for batch in np.array_split(rng.permutation(rows), max(1, rows // batch_size)):
            step += 1
            sparse, dense, gold = data.sparse[batch], data.dense[batch], target[batch]
            scores = params["sparse"][sparse].sum(axis=1) + dense @ params["dense"]
            error = softmax(scores + params["bias"])
            error[np.arange(len(batch)), gold] -= 1.0
            error *= weight[batch, None] / weight[batch].sum()
            touched, position = np.unique(sparse, return_inverse=True)
            sparse_grad = np.zeros((len(touched), classes), dtype=np.float32)
            np.add.at(sparse_grad, position.reshape(sparse.shape), error[:, None, :])
            sparse_grad += l2 * params["sparse"][touched]
            adam("sparse", sparse_grad, touched)
            adam("dense", dense.T @ error + l2 * params["dense"])
            adam("bias", error.sum(axis=0))
            params["sparse"][buckets] = 0.0  # the padding index stays silent
    return EventModel(
        labels=labels,
        sparse=params["sparse"][:buckets],
        dense=params["dense"],
        bias=params["bias"],
        meta=dict(meta or {}),
    )


def _predicted(model: EventModel, data: Matrix) -> list[str]:
    sparse = np.where(data.sparse >= model.buckets, model.buckets - 1, data.sparse)
    padded = data.sparse >= model.buckets
    scores = model.sparse[sparse]
    scores[padded] = 0.0
    probabilities = softmax(scores.sum(axis=1) + data.dense @ model.dense + model.bias)
    return [model.labels[i] for i in probabilities.argmax(axis=1)]


def report(model: EventModel, data: Matrix) -> dict[str, dict[str, float]]:
    """Per-type precision, recall and F1 over words (modes folded into their type)."""
    gold = [label.split("/")[0] for label in data.labels]
    guess = [label.split("/")[0] for label in _predicted(model, data)]
    counts: dict[str, Counter[str]] = {}
    for g, p in zip(gold, guess, strict=True):
        for kind, outcome in ((g, "gold"), (p, "predicted")):
            if kind != NONE:
                counts.setdefault(kind, Counter())[outcome] += 1
        if g == p and g != NONE:
            counts[g]["tp"] += 1
    table: dict[str, dict[str, float]] = {}
    total: Counter[str] = Counter()
    for kind in sorted(counts):
        c = counts[kind]
        total.update(c)
        table[kind] = _scores(c)
    table["all"] = _scores(total)
    return table


def _scores(c: Counter[str]) -> dict[str, float]:
    precision = c["tp"] / c["predicted"] if c["predicted"] else 0.0
    recall = c["tp"] / c["gold"] if c["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "support": float(c["gold"]),
    }


def split_corpus(corpus: Path) -> tuple[list[Path], list[Path]]:
    """Training files and held-back files (those named in ``heldout.txt``)."""
    files = sorted(corpus.glob("*.jsonl"))
    listed = corpus / "heldout.txt"
    held = set(listed.read_text(encoding="utf-8").split()) if listed.is_file() else set()
    return [f for f in files if f.name not in held], [f for f in files if f.name in held]


def _digest(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _markdown(table: dict[str, dict[str, float]], title: str) -> str:
    lines = [f"### {title}", "", "| type | P | R | F1 | gold words |", "|---|---|---|---|---|"]
    for kind, s in table.items():
        lines.append(
            f"| {kind} | {s['precision']:.2f} | {s['recall']:.2f} | {s['f1']:.2f} "
            f"| {int(s['support'])} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--report", type=Path)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--limit", type=int, help="train on the first N examples (smoke tests)")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    train_files, held_files = split_corpus(args.corpus)
    train = read_corpus(train_files)[: args.limit]
    held = read_corpus(held_files)[: args.limit]
    meta = {
        "name": f"events-{args.lang}",
        "version": __version__,
        "lang": args.lang,
        "trained": date.today().isoformat(),
        "corpus_sha256": _digest(train_files),
        "examples": len(train),
        "seed": args.seed,
        "epochs": args.epochs,
    }
    model = fit(featurise(train, args.lang), epochs=args.epochs, seed=args.seed, meta=meta)
    model.save(args.out)
    print(f"{len(train)} examples -> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    if held and args.report:
        table = report(model, featurise(held, args.lang))
        text = (
            f"# Event model training report\n\nTrained on {len(train)} examples "
            f"({', '.join(f.name for f in train_files)}); held back {len(held)} examples "
            f"({', '.join(f.name for f in held_files)}), which the model never saw. Word-level "
            "scores: a trigger word counts as found when the model gives it its type.\n\n"
            + _markdown(table, "Held-back files")
        )
        args.report.write_text(text, encoding="utf-8")
        print(f"held-back F1 {table['all']['f1']} -> {args.report}")


if __name__ == "__main__":
    main()
