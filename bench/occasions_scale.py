"""Cost of linking occasions on a large store: `annales dedupe --rebuild` and one more save.

The store is synthetic, like the web benchmark's (N events, 10 per document, 25 years, 60 actor
codes with a skewed frequency, 85% dated to the day). Its events get stand-in text vectors
so that the linking, not the sentence model, is measured: events of one type, pair and day share
a direction (they are reports of one happening), others are unrelated. The sentence model's own
cost is measured apart, on real sentences, per core.

    .venv/bin/python bench/occasions_scale.py [--events 1000000] [--db FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from annales.merge.embed import DIMENSIONS, embed, to_bytes
from annales.model import EVENT_TYPES, QUAD_CLASS, Actor, Document, Event
from annales.store import open_store

_CODES = [f"C{i:02d}" for i in range(60)]
_SYNTH = """
CREATE TEMP TABLE synth AS
SELECT i, i // 10 AS d, $types[1 + (hash(i, 3) % 16)::INT] AS type,
    $codes[1 + floor(pow((hash(i, 1) % 1000000) / 1e6, 2.2) * 60)::INT] AS a,
    $codes[1 + (hash(i, 2) % 60)::INT] AS b,
    DATE '2000-01-01' + (hash(i, 4) % 9131)::INT AS day,
    (hash(i, 5) % 100)::INT AS precision
FROM range({n}) t(i)
"""
_FILL = (
    """INSERT INTO documents (id, title, text, pub_date, status, coded_at, annales_version, url)
    SELECT 'doc' || d, 'Dépêche ' || d, 'texte', min(day), 'coded', now(), 'bench',
        'https://site' || (d % 50) || '.example/' || d FROM synth GROUP BY d""",
    """INSERT INTO events (id, doc_id, type, quad_class, context, date, date_start, date_end,
        date_source, quote, sentence, start, "end", trigger, trigger_start, trigger_end, rule,
        coder, confidence, optional, quotes)
    SELECT 'e' || i, 'doc' || d, type, $quads[list_position($types, type)], [],
        CASE WHEN precision < 85 THEN strftime(day, '%Y-%m-%d') ELSE strftime(day, '%Y-%m') END,
        CASE WHEN precision < 85 THEN day ELSE date_trunc('month', day) END,
        CASE WHEN precision < 85 THEN day ELSE last_day(day) END,
        'text', a || ' et ' || b, a || ' et ' || b, 0, 1, 'x', 0, 1, 'bench', 'bench', 0.9,
        false, [] FROM synth""",
    """INSERT INTO event_actors (event_id, doc_id, role, position, code, confidence)
    SELECT 'e' || i, 'doc' || d, 'actor', 0, a, 1.0 FROM synth""",
    """INSERT INTO event_actors (event_id, doc_id, role, position, code, confidence)
    SELECT 'e' || i, 'doc' || d, 'recipient', 0, b, 1.0 FROM synth WHERE a <> b""",
)


def fill(path: Path, events: int) -> None:
    """Create the store at ``path`` with ``events`` synthetic events, in bulk."""
    open_store(path).close()  # creates the schema
    types = list(EVENT_TYPES)
    con = duckdb.connect(str(path))
    try:
        params = {"types": types, "codes": _CODES, "quads": [QUAD_CLASS[t] for t in types]}
        con.execute(_SYNTH.format(n=int(events)), {k: params[k] for k in ("types", "codes")})
        con.execute("BEGIN TRANSACTION")
        for statement in _FILL:
            con.execute(statement, {k: params[k] for k in params if f"${k}" in statement})
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


_KEYS = """
SELECT e.id, e.doc_id, hash(e.type, min(a.code), max(a.code), e.date_start) % 100000
FROM events e JOIN event_actors a ON a.event_id = e.id GROUP BY e.id, e.doc_id, e.type,
    e.date_start ORDER BY e.id
"""


def stand_in_vectors(path: Path) -> float:
    """Give every event a vector: a shared direction per (type, pair, day), plus noise."""
    started = time.perf_counter()
    rng = np.random.default_rng(7)
    bases = rng.standard_normal((100_000, DIMENSIONS), dtype=np.float32)
    with open_store(path) as store, store.cursor("write stand-in vectors") as cur:
        rows = cur.execute(_KEYS).fetchall()
        for start in range(0, len(rows), 100_000):
            chunk = rows[start : start + 100_000]
            keys = np.array([int(row[2]) for row in chunk])
            noise = rng.standard_normal((len(chunk), DIMENSIONS), dtype=np.float32)
            vectors = bases[keys] + 0.6 * noise
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            batch = pa.table(
                {
                    "event_id": [row[0] for row in chunk],
                    "doc_id": [row[1] for row in chunk],
                    "vector": pa.array([to_bytes(v) for v in vectors], pa.binary()),
                }
            )
            cur.register("stand_in", batch)
            cur.execute("INSERT INTO event_vectors SELECT * FROM stand_in")
            cur.unregister("stand_in")
    return time.perf_counter() - started


def sentence_rate(n: int = 200) -> float:
    """Sentences per second of the multilingual model on this machine (numpy's BLAS threads)."""
    texts = [
        f"Le ministre {i} a rencontré son homologue pour parler des échanges commerciaux."
        for i in range(n)
    ]
    embed(texts[:8])  # load the model outside the measure
    started = time.perf_counter()
    embed(texts)
    return n / (time.perf_counter() - started)


def one_more_save(path: Path) -> float:
    """Seconds to save one new document of one event into the large store (the model loaded)."""
    document = Document(id="late", title="Sommet", text="X a reçu Y.", pub_date=date(2012, 5, 3))
    event = Event(
        doc_id="late",
        type="CONSULT",
        actors=[Actor("C00")],
        recipients=[Actor("C01")],
        date="2012-05-03",
        date_source="text",
        quote="X a reçu Y.",
    )
    with open_store(path) as store:
        started = time.perf_counter()
        store.save(document, [event])
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="Keep the store here (default: a temporary one).")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = options.db or Path(folder) / "occasions-scale.duckdb"
        if not path.exists():
            started = time.perf_counter()
            fill(path, options.events)
            print(f"filled {options.events:,} events in {time.perf_counter() - started:.0f} s")
        figures: dict[str, object] = {"events": options.events}
        figures["stand_in_vectors_s"] = round(stand_in_vectors(path), 1)
        with open_store(path) as store:
            started = time.perf_counter()
            linked = store.rebuild_occasions()
            figures["rebuild_s"] = round(time.perf_counter() - started, 1)
            figures["occasions_of_several_reports"] = linked
            stats = store.stats(include_optional=True)
            figures["occasions"] = stats["occasions"]
        figures["events_per_s"] = round(options.events / float(str(figures["rebuild_s"])))
        figures["sentences_per_s"] = round(sentence_rate())
        figures["one_more_save_s"] = round(one_more_save(path), 3)
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
