"""CAMEO rows for GDELT and Phoenix users: every PLOVER type and mode has a CAMEO code, the table
is checked on load, and ``cameo-tsv`` writes one row per source-target pair."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from annales.errors import DataError
from annales.events.model.corpus import MODES
from annales.model import EVENT_TYPES, Actor, Document, Event, Place
from annales.store import EventQuery, open_store
from annales.store.cameo import CAMEO_COLUMNS, cameo_code, load_cameo_table

# The CAMEO root each PLOVER type falls under (docs/plover.md, docs/interop.md).
ROOTS = {
    "AGREE": {"03", "05"},
    "CONSULT": {"04"},
    "SUPPORT": {"05"},
    "CONCEDE": {"08"},
    "COOPERATE": {"06"},
    "AID": {"07"},
    "RETREAT": {"08"},
    "REQUEST": {"02", "10"},
    "ACCUSE": {"09", "11"},
    "REJECT": {"12"},
    "THREATEN": {"13"},
    "PROTEST": {"14"},
    "SANCTION": {"16", "17"},
    "MOBILIZE": {"15"},
    "COERCE": {"17"},
    "ASSAULT": {"18", "19", "20"},
}


@pytest.mark.parametrize("kind", EVENT_TYPES)
def test_every_plover_type_has_a_cameo_code(kind: str) -> None:
    code = cameo_code(kind)
    assert code.root in ROOTS[kind]
    assert -10 <= code.goldstein <= 10
    cooperation = kind in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
    assert (code.goldstein >= 0) == cooperation or kind == "REQUEST"


@pytest.mark.parametrize(("kind", "mode"), [(k, m) for k, ms in MODES.items() for m in sorted(ms)])
def test_every_mode_annales_assigns_has_its_own_code(kind: str, mode: str) -> None:
    code = cameo_code(kind, mode)
    assert code.root in ROOTS[kind]
    assert (kind, mode) in load_cameo_table() or code == cameo_code(kind)


def test_specific_codes_and_quad_classes() -> None:
    assert (cameo_code("CONSULT", "phone").code, cameo_code("CONSULT", "phone").quad_class) == (
        "041",
        1,
    )
    ceasefire = cameo_code("RETREAT", "ceasefire")
    assert (ceasefire.code, ceasefire.root, ceasefire.quad_class) == ("0871", "08", 2)
    assert cameo_code("ACCUSE", "a mode of a newer lexicon") == cameo_code("ACCUSE")
    assert (cameo_code("ASSAULT").goldstein, cameo_code("ASSAULT").quad_class) == (-10.0, 4)
    assert cameo_code("THREATEN").quad_class == 3


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("FIGHT\t\t190\t-10\tx", "'FIGHT' is not a PLOVER event type"),
        ("ASSAULT\t\t9999\t-10\tx", "'9999' is not a CAMEO code"),
        ("ASSAULT\t\t190\tmuch\tx", "goldstein 'much' is not a number"),
        ("ASSAULT\t\t190\t-12\tx", "outside -10 to 10"),
        ("ASSAULT\t190\t-10", "expected 5 tab-separated cells"),
    ],
)
def test_a_bad_table_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "cameo.tsv"
    path.write_text(
        "# a comment\nplover_type\tplover_mode\tcameo_code\tgoldstein\tcameo_name\n" + line + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match=f"{path}:3: .*{problem}"):
        load_cameo_table(path)


def test_a_table_missing_a_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cameo.tsv"
    path.write_text(
        "plover_type\tplover_mode\tcameo_code\tgoldstein\tcameo_name\nAID\t\t070\t7\tAid\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="no row without a mode for AGREE, CONSULT"):
        load_cameo_table(path)


def test_cameo_tsv_export(tmp_path: Path) -> None:
    event = Event(
        doc_id="d1",
        type="ACCUSE",
        actors=[Actor("MLI", "GOV"), Actor("MLI", "MIL"), Actor("ORG:ECOWAS", "IGO")],
        recipients=[Actor("=FRA", "GOV")],  # a code a spreadsheet would run as a formula
        mode="disapprove",
        date="2024-06-11",
        location=Place("Bamako", "MLI", latitude=12.65, longitude=-8.0),
        quote="Bamako dénonce",
        id="a1",
    )
    document = Document(id="d1", text="t", url="https://example.org/1")
    with open_store(tmp_path / "s.duckdb") as store:
        store.save(document, [event])
        assert store.export(tmp_path / "e.tsv", "cameo-tsv", EventQuery()) == 2
    with (tmp_path / "e.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert tuple(rows[0]) == CAMEO_COLUMNS
    assert [(r["source"], r["source_root"], r["source_agent"]) for r in rows] == [
        ("MLIGOV", "MLI", "GOV"),  # MLI once, with its first sector
        ("ORG:ECOWAS", "ORG:ECOWAS", "IGO"),
    ]
    first = rows[0]
    assert (first["target"], first["target_root"]) == ("'=FRA", "'=FRA")
    assert (first["cameo_code"], first["root_code"], first["quad_class"]) == ("111", "11", "3")
    assert (first["goldstein"], first["longitude"]) == ("-2", "-8")  # numbers keep their sign
    assert (first["place"], first["url"], first["plover_mode"]) == (
        "Bamako",
        "https://example.org/1",
        "disapprove",
    )
