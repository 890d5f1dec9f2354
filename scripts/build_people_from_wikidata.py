#!/usr/bin/env python3
"""Draft rows for ``people.tsv`` from Wikidata, to review by hand before merging.

annales never calls Wikidata at run time: the knowledge base is static data. This script helps a
curator refresh it. It asks the Wikidata SPARQL endpoint for

- the heads of state (P35) and heads of government (P6) of the given states, with the start
  (P580) and end (P582) qualifiers of each statement;
- the holders of any position given with ``--position QID=role:SECTOR`` (P39 "position held"),
  e.g. a country's ministry of foreign affairs or defence, whose ids you look up yourself;

and prints ``people.tsv`` rows (same columns, tab-separated) with French and English labels and
aliases as variants. Compare them with the shipped file before adding anything: Wikidata has gaps
and acting office holders, and a wrong date or id is worse than none.

Examples::

    python scripts/build_people_from_wikidata.py RUS TUR --since 2010-01-01 > draft.tsv
    python scripts/build_people_from_wikidata.py ARM --position Q123=foreign_minister:GOV

Network access is needed (query.wikidata.org); the countries' Wikidata ids come from
``annales/data/actors/countries.tsv``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import urllib.parse
import urllib.request
from datetime import date

ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "annales-kb-refresh/0.1 (political event data; curator script)"
COLUMNS = ("id", "name", "wikidata", "country", "sector", "role", "start", "end", "variants")

QUERY_OFFICE = """
SELECT ?person ?start ?end ?en ?fr (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
WHERE {
  wd:%(country)s p:%(prop)s ?statement .
  ?statement ps:%(prop)s ?person .
  OPTIONAL { ?statement pq:P580 ?start }
  OPTIONAL { ?statement pq:P582 ?end }
  OPTIONAL { ?person rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?person rdfs:label ?fr FILTER(LANG(?fr) = "fr") }
  OPTIONAL { ?person skos:altLabel ?alias FILTER(LANG(?alias) IN ("fr", "en")) }
}
GROUP BY ?person ?start ?end ?en ?fr
"""

QUERY_POSITION = """
SELECT ?person ?start ?end ?en ?fr (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
WHERE {
  ?person p:P39 ?statement .
  ?statement ps:P39 wd:%(position)s .
  OPTIONAL { ?statement pq:P580 ?start }
  OPTIONAL { ?statement pq:P582 ?end }
  OPTIONAL { ?person rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?person rdfs:label ?fr FILTER(LANG(?fr) = "fr") }
  OPTIONAL { ?person skos:altLabel ?alias FILTER(LANG(?alias) IN ("fr", "en")) }
}
GROUP BY ?person ?start ?end ?en ?fr
"""


def sparql(query: str) -> list[dict[str, str]]:
    url = ENDPOINT + "?" + urllib.parse.urlencode({"query": query, "format": "json"})
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=60) as response:
        data = json.load(response)
    return [
        {key: cell["value"] for key, cell in row.items()} for row in data["results"]["bindings"]
    ]


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFD", name.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def day(value: str | None) -> str:
    return value[:10] if value else ""


def country_ids() -> dict[str, str]:
    from importlib import resources

    text = (resources.files("annales") / "data" / "actors" / "countries.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 2 and re.fullmatch(r"[A-Z]{3}", cells[0]) and cells[1]:
            out[cells[0]] = cells[1]
    return out


def rows_for(results: list[dict[str, str]], country: str, role: str, sector: str, since: str):
    for row in results:
        start, end = day(row.get("start")), day(row.get("end"))
        if not start or (end and end < since):
            continue
        name = row.get("en") or row.get("fr") or ""
        if not name:
            continue
        variants = [name, row.get("fr", ""), *row.get("aliases", "").split("|")]
        kept = list(dict.fromkeys(v for v in variants if v))
        qid = row["person"].rsplit("/", 1)[-1]
        yield [slug(name), name, qid, country, sector, role, start, end, "|".join(kept)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("countries", nargs="+", help="ISO alpha-3 codes (RUS TUR ...)")
    parser.add_argument("--since", default="2010-01-01", help="drop roles that ended before")
    parser.add_argument(
        "--position",
        action="append",
        default=[],
        metavar="QID=role:SECTOR",
        help="a position item whose holders to list, e.g. Q123=foreign_minister:GOV",
    )
    args = parser.parse_args(argv)
    date.fromisoformat(args.since)
    ids = country_ids()
    print("\t".join(COLUMNS))
    for code in args.countries:
        qid = ids.get(code.upper())
        if qid is None:
            print(f"# {code}: no Wikidata id in countries.tsv, skipped", file=sys.stderr)
            continue
        for prop, role in (("P35", "head_of_state"), ("P6", "head_of_government")):
            results = sparql(QUERY_OFFICE % {"country": qid, "prop": prop})
            for row in rows_for(results, code.upper(), role, "GOV", args.since):
                print("\t".join(row))
        for spec in args.position:
            position, _, rest = spec.partition("=")
            role, _, sector = rest.partition(":")
            results = sparql(QUERY_POSITION % {"position": position})
            for row in rows_for(results, code.upper(), role or "official", sector or "GOV",
                                args.since):  # fmt: skip
                print("\t".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
