"""Pairwise precision and recall of "same occasion" on the occasions dev set.

bench/occasions/articles.jsonl holds short articles written for annales (French and English
reports of the same happenings, and near-duplicates that are distinct happenings: the same pair
meeting three weeks later, the same strikes on another city the next day, another state making
the same accusation the same day), each with the event it reports coded by hand and its gold
occasion. Each article is saved into a fresh store one by one (the incremental path of
`annales code`), then the store's occasions are compared with the gold pairs; `--rebuild` also
checks that `annales dedupe --rebuild` gives the same groups.

    .venv/bin/python bench/occasions.py [--sweep] [--rebuild] [--coded]

`--coded` codes the French articles with the real pipeline instead of the hand-coded events
(the English ones keep theirs while annales has no English coder), to see what coder errors cost.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

from annales.ingest import read_documents
from annales.merge import corpus
from annales.model import Actor, Document, Event, Place
from annales.store import open_store

DEV_SET = Path(__file__).with_name("occasions") / "articles.jsonl"


def read_articles(path: Path = DEV_SET) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def document(article: dict[str, Any], path: Path = DEV_SET) -> Document:
    """The article as annales reads it from the file (the JSON Lines reader)."""
    return _documents(path)[article["id"]]


@lru_cache(maxsize=4)
def _documents(path: Path) -> dict[str, Document]:
    return {d.id: d for d in read_documents([path]) if isinstance(d, Document)}


def hand_coded(article: dict[str, Any]) -> Event:
    """The article's event as coded by hand; its evidence is the article's first sentence."""
    coded = article["event"]
    place = coded["place"]
    sentence = article["text"].split(". ")[0].rstrip(".") + "."
    return Event(
        doc_id=article["id"],
        type=coded["type"],
        actors=[Actor(code) for code in coded["actors"]],
        recipients=[Actor(code) for code in coded["recipients"]],
        date=coded["date"],
        date_source=coded["date_source"],
        location=Place(place["name"], place["country"], feature=place["feature"])
        if place
        else None,
        quote=sentence,
        sentence=sentence,
        rule="hand",
        coder="hand",
    )


def pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    """Every unordered pair of documents put in one group."""
    found: set[tuple[str, str]] = set()
    for group in groups:
        found.update(combinations(sorted(set(group)), 2))
    return found


def pairwise(predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> dict[str, float]:
    right = len(predicted & gold)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(predicted)}


def stored_groups(path: Path) -> list[list[str]]:
    """The documents of each stored occasion."""
    with open_store(path, read_only=True) as store, store.cursor() as cur:
        rows = cur.execute(
            "SELECT list(DISTINCT e.doc_id ORDER BY e.doc_id) FROM occasions o "
            "JOIN events e ON e.id = o.event_id GROUP BY o.occasion_id ORDER BY 1"
        ).fetchall()
    return [list(row[0]) for row in rows]


def coded_events(articles: list[dict[str, Any]]) -> dict[str, list[Event]]:
    from annales.pipeline import code_documents

    french = [a for a in articles if a["lang"] == "fr"]
    found = {a["id"]: [hand_coded(a)] for a in articles if a["lang"] != "fr"}
    for result in code_documents([document(a) for a in french]):
        found[result.document.id] = [e for e in result.events if not e.optional]
    return found


def run(articles: list[dict[str, Any]], rebuild: bool, coded: bool) -> dict[str, Any]:
    events = coded_events(articles) if coded else {a["id"]: [hand_coded(a)] for a in articles}
    gold = pairs(
        [a["id"] for a in articles if a["occasion"] == label]
        for label in {a["occasion"] for a in articles}
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "occasions.duckdb"
        started = time.perf_counter()
        with open_store(path) as store:
            for article in articles:
                store.save(document(article), events[article["id"]])
        seconds = time.perf_counter() - started
        incremental = stored_groups(path)
        figures: dict[str, Any] = pairwise(pairs(incremental), gold)
        figures["save_seconds"] = round(seconds, 2)
        if rebuild:
            with open_store(path) as store:
                store.rebuild_occasions()
            figures["rebuild_same"] = stored_groups(path) == incremental
    predicted = pairs(incremental)
    figures["false_links"] = sorted(predicted - gold)
    figures["missed_links"] = sorted(gold - predicted)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="Also try other thresholds.")
    parser.add_argument("--rebuild", action="store_true", help="Check that a rebuild agrees.")
    parser.add_argument("--coded", action="store_true", help="Code French articles for real.")
    options = parser.parse_args()
    articles = read_articles()
    languages = {lang: sum(a["lang"] == lang for a in articles) for lang in ("fr", "en")}
    print(f"{len(articles)} articles ({languages}), {len({a['occasion'] for a in articles})} "
          "gold occasions")  # fmt: skip
    default = (corpus.MIN_SIMILARITY, corpus.MIN_GROUP_SIMILARITY)
    settings = [default]
    if options.sweep:
        settings += [
            (p, g) for p in (0.2, 0.3, 0.35, 0.4, 0.45, 0.5) for g in (0.35, 0.4, 0.45, 0.5)
        ]
    for pair, group in settings:
        corpus.MIN_SIMILARITY, corpus.MIN_GROUP_SIMILARITY = pair, group
        figures = run(articles, options.rebuild and (pair, group) == default, options.coded)
        print(
            f"pair >= {pair:.2f}, group >= {group:.2f}: " + json.dumps(figures, ensure_ascii=False)
        )
    corpus.MIN_SIMILARITY, corpus.MIN_GROUP_SIMILARITY = default
    return 0


if __name__ == "__main__":
    sys.exit(main())
