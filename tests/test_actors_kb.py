"""The actor knowledge base: packaged data, validation with FILE:LINE, user extensions."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from annales.actors import ENV_VAR, load_knowledge_base
from annales.actors.kb import _load
from annales.errors import DataError
from annales.model import SECTORS


def test_packaged_kb_loads_fast_and_is_large() -> None:
    _load.cache_clear()
    started = time.perf_counter()
    kb = load_knowledge_base()
    kb.index("fr")
    assert time.perf_counter() - started < 1.5
    stats = kb.stats()
    assert stats["states"] >= 190
    assert stats["organisations"] >= 25
    assert stats["people"] >= 250
    assert stats["roles"] >= stats["people"]


def test_every_un_state_and_the_usual_extras_are_known() -> None:
    kb = load_knowledge_base()
    for code in ("RUS", "USA", "FRA", "TWN", "PSE", "XKX", "VAT", "SSD", "TLS", "FSM"):
        assert code in kb.countries
    assert kb.countries["DEU"].name_fr == "Allemagne"
    assert "turque" in kb.countries["TUR"].demonyms_fr
    assert "israéliennes" in kb.countries["ISR"].demonyms_fr


def test_codes_and_sectors_are_valid() -> None:
    kb = load_knowledge_base()
    for org in kb.organisations.values():
        assert org.sector in SECTORS
    for person in kb.people.values():
        assert person.roles
        for role in person.roles:
            assert role.sector is None or role.sector in SECTORS
            assert role.end is None or role.end >= role.start


def test_guideline_codes_are_all_present() -> None:
    kb = load_knowledge_base()
    wanted = [
        "UN",
        "EU",
        "NATO",
        "OSCE",
        "AU",
        "ARAB_LEAGUE",
        "G7",
        "G20",
        "IAEA",
        "ICC",
        "WHO",
        "OPCW",
        "ICRC",
        "IMF",
        "WORLD_BANK",
        "COUNCIL_OF_EUROPE",
        "ISIS",
        "AL_QAEDA",
        "NUSRA",
        "HTS",
        "HEZBOLLAH",
        "HAMAS",
        "TALIBAN",
        "WAGNER",
        "PKK",
        "YPG",
        "SDF",
    ]
    assert set(wanted) <= set(kb.organisations)


def test_person_roles_are_dated() -> None:
    kb = load_knowledge_base()
    carter = kb.people["ash-carter"]
    role, held = carter.main_role(date(2016, 3, 1))
    assert held and (role.country, role.sector) == ("USA", "MIL")
    trump = kb.people["donald-trump"]
    role, held = trump.main_role(date(2015, 6, 1))
    assert not held and role.country == "USA"
    assert trump.main_role(date(2018, 6, 1))[0].role == "president"


def test_list_filters_by_country() -> None:
    kb = load_knowledge_base()
    rows = kb.list("RUS")
    kinds = {row.kind for row in rows}
    assert {"state", "person", "metonym"} <= kinds
    assert all(row.code == "RUS" for row in rows)
    assert any(row.name == "Sergey Lavrov" and row.role == "foreign_minister" for row in rows)
    assert rows[0].to_dict()["code"] == "RUS"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


PEOPLE_HEADER = "id\tname\twikidata\tcountry\tsector\trole\tstart\tend\tvariants\n"


def test_user_files_extend_the_base(tmp_path: Path) -> None:
    people = _write(
        tmp_path / "my_people.tsv",
        PEOPLE_HEADER + "jane-roe\tJane Roe\t\tFRA\tGOV\tforeign_minister\t2030-01-01\t\t"
        "Jane Roe|Roe\n",
    )
    orgs = _write(
        tmp_path / "my_orgs.yaml",
        "- code: ORG:FIFA\n  sector: BUS\n  names: [FIFA, Fédération internationale de football]\n",
    )
    kb = load_knowledge_base([people, orgs])
    assert "jane-roe" in kb.people
    assert "ORG:FIFA" in kb.organisations
    assert "jane-roe" not in load_knowledge_base().people


def test_env_var_adds_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(
        tmp_path / "agents.yaml",
        "- kind: body\n  sector: CVL\n  terms: [collectif citoyen]\n",
    )
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    kb = load_knowledge_base()
    assert "body:collectif citoyen" in kb.agents


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("p.tsv", PEOPLE_HEADER + "x\tX\t\tFRA\tGOV\tpresident\t2020-13-01\t\tX\n", ":2: start"),
        ("p.tsv", PEOPLE_HEADER + "x\tX\t\tFRA\tXXX\tpresident\t2020-01-01\t\tX\n", ":2: sector"),
        ("p.tsv", PEOPLE_HEADER + "x\tX\tQ12a\tFRA\tGOV\tpresident\t2020-01-01\t\tX\n", "Wikidata"),
        (
            "p.tsv",
            PEOPLE_HEADER + "x\tX\t\tFRA\tGOV\tpresident\t2020-01-01\t2019-01-01\tX\n",
            "ends",
        ),
        (
            "p.tsv",
            "# c\n\n" + PEOPLE_HEADER + "X Y\tX\t\tFRA\tGOV\tpresident\t2020-01-01\t\t\n",
            ":4: id",
        ),
        ("p.tsv", "id\tname\n", "unknown actor table header"),
        ("o.yaml", "- code: ORG:XY\n  sector: IGO\n  names: []\n", ":1: 'names'"),
        (
            "o.yaml",
            "- code: UN\n  sector: IGO\n  names: [a]\n- code: bad code\n  sector: IGO\n"
            "  names: [b]\n",
            ":4: 'bad code'",
        ),
        ("a.yaml", "- kind: title\n  terms: [x]\n", "needs a sector"),
        ("a.yaml", "- kind: nope\n  sector: GOV\n  terms: [x]\n", "kind 'nope'"),
        ("a.yaml", "- kind: body\n  sector: GOV\n  terms: [x]\n  colour: red\n", "unknown key"),
        ("c.csv", "a,b\n", "not .csv"),
    ],
)
def test_schema_errors_name_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = _write(tmp_path / name, text)
    with pytest.raises(DataError) as caught:
        load_knowledge_base([path])
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_roles_must_point_to_known_codes(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "p.tsv", PEOPLE_HEADER + "x\tX\t\tZZZ\tGOV\tpresident\t2020-01-01\t\tX\n"
    )
    with pytest.raises(DataError, match="unknown code 'ZZZ'"):
        load_knowledge_base([path])


def test_missing_extra_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such actor file"):
        load_knowledge_base([tmp_path / "absent.tsv"])
