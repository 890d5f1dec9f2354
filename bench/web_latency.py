"""Response times of ``annales serve`` over a large synthetic store.

    python bench/web_latency.py [--events 1000000] [--repeat 15] [--db PATH] [--json OUT]

Fills a temporary store (or PATH, reused when it already holds events) with synthetic events in
bulk with DuckDB SQL (10 events per document, one or two actors and usually one recipient, skewed
actor frequencies, day/month/year dates over 2000-2024 and 2 % undated, 60 % placed at a point of
the recipient's country, 5 % optional events), serves it with a real
uvicorn on 127.0.0.1, and prints the median and 95th percentile response time of each endpoint and
page over ``--repeat`` requests (after one warm-up request).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import httpx
import uvicorn

from annales.model import EVENT_TYPES, QUAD_CLASS
from annales.store import open_store
from annales.web import create_app

CODES = [
    "USA",
    "RUS",
    "CHN",
    "FRA",
    "GBR",
    "DEU",
    "TUR",
    "UKR",
    "SYR",
    "IRN",
    "ISR",
    "PSE",
    "EU",
    "UN",
    "NATO",
    "IRQ",
    "AFG",
    "PAK",
    "IND",
    "JPN",
    "KOR",
    "PRK",
    "SAU",
    "EGY",
    "LBY",
    "MLI",
    "NER",
    "TCD",
    "SDN",
    "ETH",
    "SOM",
    "KEN",
    "NGA",
    "DZA",
    "MAR",
    "TUN",
    "LBN",
    "JOR",
    "YEM",
    "QAT",
    "ARE",
    "BLR",
    "POL",
    "ROU",
    "HUN",
    "SRB",
    "GRC",
    "ITA",
    "ESP",
    "PRT",
    "BEL",
    "NLD",
    "CHE",
    "AUT",
    "SWE",
    "NOR",
    "FIN",
    "DNK",
    "CAN",
    "MEX",
    "BRA",
    "ARG",
    "COL",
    "VEN",
    "CUB",
    "CHL",
    "PER",
    "BOL",
    "AU",
    "AZE",
    "ARM",
    "GEO",
    "KAZ",
    "UZB",
    "TJK",
    "KGZ",
    "MMR",
    "THA",
    "VNM",
    "PHL",
    "IDN",
    "MYS",
    "AUS",
    "NZL",
    "ZAF",
    "COD",
    "CAF",
    "CMR",
    "BFA",
    "SEN",
    "CIV",
    "GHA",
    "ISIS",
    "HAMAS",
    "HEZBOLLAH",
    "TALIBAN",
    "WAGNER",
    "ICC",
    "IMF",
    "WB",
    "OSCE",
    "G7",
    "G20",
    "OPEC",
    "ASEAN",
]
TRIGGERS = {
    "AGREE": "a signé un accord avec",
    "CONSULT": "a rencontré",
    "SUPPORT": "a soutenu",
    "CONCEDE": "a cédé devant",
    "COOPERATE": "coopère avec",
    "AID": "a livré une aide à",
    "RETREAT": "s'est retiré face à",
    "REQUEST": "a demandé à",
    "ACCUSE": "a accusé",
    "REJECT": "a rejeté",
    "THREATEN": "a menacé",
    "PROTEST": "a manifesté contre",
    "SANCTION": "a sanctionné",
    "MOBILIZE": "a mobilisé contre",
    "COERCE": "a expulsé",
    "ASSAULT": "a bombardé",
}

# u(i, salt): a deterministic pseudo-random number in [0, 1) for row i.
_EVENTS_SQL = """
CREATE TEMP TABLE synth AS
WITH base AS (
    SELECT i, i // 10 AS d, i % 10 AS k,
        (hash(i, 1) % 1000000) / 1e6 AS u1, (hash(i, 2) % 1000000) / 1e6 AS u2,
        (hash(i, 3) % 1000000) / 1e6 AS u3, (hash(i, 4) % 1000000) / 1e6 AS u4,
        (hash(i, 5) % 1000000) / 1e6 AS u5, (hash(i, 6) % 1000000) / 1e6 AS u6,
        (hash(i, 7) % 1000000) / 1e6 AS u7
    FROM range(?) t(i)
), picked AS (
    SELECT *,
        1 + floor(pow(u1, 2.2) * $ncodes)::INT AS a_idx,
        1 + floor(pow(u2, 2.2) * $ncodes)::INT AS b_idx,
        1 + floor(u3 * 16)::INT AS t_idx,
        DATE '2000-01-01' + floor(u4 * 9131)::INT AS day
    FROM base
), named AS (
    SELECT *, $codes[a_idx] AS a, $codes[CASE WHEN b_idx = a_idx THEN b_idx % $ncodes + 1
                                          ELSE b_idx END] AS b,
        $types[t_idx] AS type, $quads[t_idx] AS quad, $triggers[t_idx] AS trig,
        CASE WHEN u5 < 0.85 THEN strftime(day, '%Y-%m-%d')
             WHEN u5 < 0.95 THEN strftime(day, '%Y-%m')
             WHEN u5 < 0.98 THEN strftime(day, '%Y') END AS date
    FROM picked
)
SELECT *, a || ' ' || trig || ' ' || b || ' dans l''affaire ' || i || '.' AS sentence,
    'Dépêche ' || d AS title
FROM named
"""
_PLACED_SQL = """
CREATE TEMP TABLE placed AS
SELECT *, length(title) + 2 + coalesce(sum(length(sentence) + 1) OVER (
    PARTITION BY d ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS s
FROM synth
"""
_INSERTS = (
    """INSERT INTO documents SELECT 'doc' || d, any_value(title),
        string_agg(sentence, ' ' ORDER BY k), min(day), 'record', 'https://example.org/' || d,
        'fr', 'synthetic', 'coded', NULL, now(), 'bench' FROM placed GROUP BY d""",
    # By name: the columns' order follows the store's field table, not this list.
    """INSERT INTO events BY NAME SELECT 'e' || i AS id, 'doc' || d AS doc_id, type,
        quad AS quad_class, NULL AS mode, [] AS context, date,
        CASE length(date) WHEN 10 THEN day WHEN 7 THEN date_trunc('month', day)
                   WHEN 4 THEN date_trunc('year', day) END AS date_start,
        CASE length(date) WHEN 10 THEN day
             WHEN 7 THEN last_day(day) WHEN 4 THEN make_date(year(day), 12, 31) END AS date_end,
        CASE WHEN date IS NOT NULL THEN 'text' END AS date_source, NULL AS date_text,
        CASE WHEN u6 < 0.6 THEN b END AS location_name,
        CASE WHEN u6 < 0.6 THEN b END AS location_country, NULL AS location_geonames_id,
        CASE WHEN u6 < 0.6 THEN (hash(b, 8) % 1300) / 10 - 55 END AS location_latitude,
        CASE WHEN u6 < 0.6 THEN (hash(b, 9) % 3500) / 10 - 175 END AS location_longitude,
        CASE WHEN u6 < 0.6 THEN 'country' END AS location_feature, NULL AS location_text,
        NULL AS location_start, NULL AS location_end,
        sentence AS quote, sentence, s AS start, s + length(sentence) AS "end",
        trig AS trigger, s + length(a) + 1 AS trigger_start,
        s + length(a) + 1 + length(trig) AS trigger_end,
        'fr:' || lower(type) AS rule, 'synthetic@bench' AS coder, 0.5 + u7 / 2 AS confidence,
        CASE WHEN u7 < 0.05 THEN 'future' END AS modality, u7 < 0.05 AS optional, [] AS quotes
        FROM placed""",
    """INSERT INTO event_actors SELECT 'e' || i, 'doc' || d, 'actor', 0, a, 'GOV', a, NULL, NULL,
        s, s + length(a), 'synthetic', 1.0 FROM placed""",
    """INSERT INTO event_actors SELECT 'e' || i, 'doc' || d, 'recipient', 0, b, NULL, b, NULL,
        NULL, s + length(a) + length(trig) + 2, s + length(a) + length(trig) + 2 + length(b),
        'synthetic', 1.0 FROM placed WHERE u6 < 0.9""",
    """INSERT INTO event_actors SELECT 'e' || i, 'doc' || d, 'actor', 1, 'UN', 'IGO', NULL, NULL,
        NULL, NULL, NULL, 'synthetic', 1.0 FROM placed WHERE u6 >= 0.9 AND a <> 'UN'""",
)


def fill(path: Path, events: int) -> None:
    """Create the store at ``path`` and insert ``events`` synthetic events in bulk."""
    open_store(path).close()  # creates the schema
    types = list(EVENT_TYPES)
    con = duckdb.connect(str(path))
    try:
        params = {
            "ncodes": len(CODES),
            "codes": CODES,
            "types": types,
            "quads": [QUAD_CLASS[t] for t in types],
            "triggers": [TRIGGERS[t] for t in types],
        }
        sql = _EVENTS_SQL.replace("range(?)", f"range({int(events)})")
        con.execute(sql, params)
        con.execute(_PLACED_SQL)
        con.execute("BEGIN TRANSACTION")
        for statement in _INSERTS:
            con.execute(statement)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def endpoints() -> list[tuple[str, str]]:
    return [
        ("events page", "/"),
        ("events page, actor + since", "/?actor=RUS&since=2018"),
        ("events page, text search", "/?q=affaire%204242"),
        ("events page, deep offset", "/?offset=500000&sort=-date"),
        ("dyad page", "/dyad?a=USA&b=RUS"),
        ("network page", "/network"),
        ("document page", "/documents/doc4242"),
        ("/api/events", "/api/events"),
        ("/api/events filtered", "/api/events?involving=TUR&type=ACCUSE&since=2015&until=2019"),
        ("/api/events text search", "/api/events?q=affaire%204242"),
        ("/api/facets", "/api/facets"),
        ("/api/facets filtered", "/api/facets?actor=FRA&quad=verbal_conflict"),
        ("/api/dyad", "/api/dyad?a=USA&b=RUS"),
        ("/api/dyad/events", "/api/dyad/events?a=USA&b=RUS&month=2018-09"),
        ("/api/network", "/api/network"),
        ("/api/network type", "/api/network?type=ASSAULT&since=2015"),
        ("/api/documents/{id}", "/api/documents/doc4242"),
        ("/api/events.csv (1 dyad-type)", "/api/events.csv?actor=FRA&recipient=DEU&type=CONSULT"),
        ("/api/events.parquet (1 year)", "/api/events.parquet?since=2018&until=2018"),
        ("/api/events between", "/api/events?between=USA,RUS"),
        ("/api/events.jsonl (1 dyad-type)", "/api/events.jsonl?between=FRA,DEU&type=CONSULT"),
        ("/api/series by type, month", "/api/series?by=type&interval=month"),
        ("/api/series by quad, quarter", "/api/series?by=quad&interval=quarter&involving=RUS"),
        ("/api/series by actor, year", "/api/series?by=actor&interval=year"),
        ("/api/series by country, month", "/api/series?by=country&since=2015"),
        ("/api/places", "/api/places"),
        ("/api/places filtered", "/api/places?actor=RUS&since=2018"),
        ("/api/dyads", "/api/dyads"),
        ("/api/actors/{code}", "/api/actors/Russie"),
        ("trends page", "/trends?by=quad"),
        ("map page", "/map"),
        ("dyads page", "/dyads"),
        ("actor page", "/actors/RUS"),
    ]


def measure(path: Path, repeat: int) -> list[dict[str, object]]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    began = time.perf_counter()
    app = create_app(path)
    print(
        f"create_app (opens the store, indexes its actors): {time.perf_counter() - began:.2f} s",
        file=sys.stderr,
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", ws="none"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rows: list[dict[str, object]] = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for name, url in endpoints():
                times: list[float] = []
                first = 0.0
                for attempt in range(repeat + 1):
                    began = time.perf_counter()
                    response = client.get(url)
                    elapsed = time.perf_counter() - began
                    if response.status_code != 200:
                        raise SystemExit(f"{url}: HTTP {response.status_code} {response.text}")
                    if attempt:  # the first request warms DuckDB's and the OS's caches
                        times.append(elapsed * 1000)
                    else:
                        first = elapsed * 1000
                p95 = statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]
                rows.append(
                    {
                        "endpoint": name,
                        "url": url,
                        "first_ms": first,
                        "median_ms": statistics.median(times),
                        "p95_ms": p95,
                        "bytes": len(response.content),
                    }
                )
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", type=Path, help="store to fill (kept), or reuse if it has events")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        if not path.exists():
            began = time.perf_counter()
            fill(path, args.events)
            print(
                f"filled {path} with {args.events:,} events in {time.perf_counter() - began:.1f} s",
                file=sys.stderr,
            )
        with open_store(path, read_only=True) as store:
            total = store.count_events() + store.stats()["optional_events"]
        rows = measure(path, args.repeat)
    print(f"annales serve latency, {total:,} events, {args.repeat} requests each (ms)")
    print(f"{'endpoint':<34} {'first':>8} {'median':>8} {'p95':>8} {'bytes':>9}")
    for row in rows:
        print(
            f"{row['endpoint']:<34} {row['first_ms']:>8.1f} {row['median_ms']:>8.1f} "
            f"{row['p95_ms']:>8.1f} "
            f"{row['bytes']:>9,}"
        )
    if args.json:
        args.json.write_text(json.dumps({"events": total, "rows": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
