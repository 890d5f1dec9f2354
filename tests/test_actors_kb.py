"""The actor knowledge base: packaged data, validation with FILE:LINE, user extensions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from annales.actors import ENV_VAR, load_knowledge_base
from annales.actors.kb import _load
from annales.errors import DataError
from annales.model import SECTORS


def test_packaged_kb_loads_and_is_large() -> None:
    _load.cache_clear()
    kb = load_knowledge_base()
    kb.index("fr")
    stats = kb.stats()
    assert stats["states"] >= 190
    assert stats["organisations"] >= 25
    assert stats["people"] >= 250
    assert stats["roles"] >= stats["people"]


def test_every_un_state_and_the_usual_extras_are_known() -> None:
    kb = load_knowledge_base()
    for code in ("RUS", "USA", "FRA", "TWN", "PSE", "XKX", "VAT", "SSD", "TLS", "FSM"):
        assert code in kb.countries
    assert kb.countries["DEU"].names("fr")[0] == "Allemagne"
    assert kb.countries["DEU"].names("en")[0] == "Germany"
    assert "turque" in kb.countries["TUR"].demonyms("fr")
    assert "israéliennes" in kb.countries["ISR"].demonyms("fr")
    assert "Turkish" in kb.countries["TUR"].demonyms("en")
    assert kb.countries["TUR"].names("es") == ()
    assert {"fr", "en"} <= set(kb.languages())


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
NAMES_HEADER = "code\tlang\tkind\tname\n"
COUNTRIES_HEADER = "code\twikidata\tname_en\tcapitals\n"


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
        ("n.tsv", NAMES_HEADER + "ZZZ\tes\tname\tZeta\n", ":2: unknown state 'ZZZ'"),
        ("n.tsv", NAMES_HEADER + "RUS\tes\tnickname\tRusia\n", ":2: kind 'nickname'"),
        ("n.tsv", "# c\n" + NAMES_HEADER + "RUS\tes\tname\t\n", ":3: empty name"),
        ("n.tsv", NAMES_HEADER + "RUS\tES\tname\tRusia\n", ":2: language 'ES'"),
        ("n.tsv", NAMES_HEADER + "RUS\tspanish\tname\tRusia\n", "language 'spanish'"),
        ("n.tsv", NAMES_HEADER + "RUS\tes\tname\tRusia\nRUS\tes\tname\tRusia\n", ":3: the same"),
        ("a.yaml", "- kind: body\n  lang: French\n  sector: GOV\n  terms: [x]\n", "language"),
        ("a.yaml", "- kind: pair\n  terms: [x]\n", "'leads'"),
        ("a.yaml", "- kind: body\n  sector: GOV\n  leads: [both]\n  terms: [x]\n", "only a pair"),
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


# -- names by language ---------------------------------------------------------------------------


def test_a_language_is_added_by_adding_rows(tmp_path: Path) -> None:
    names = _write(
        tmp_path / "names-es.tsv",
        NAMES_HEADER + "RUS\tes\tname\tRusia\nRUS\tes\tdemonym\truso\nRUS\tes\tdemonym\trusa\n"
        "FRA\tes\tname\tFrancia\n",
    )
    agents = _write(
        tmp_path / "agents-es.yaml",
        "- kind: title\n  lang: es\n  sector: GOV\n  role: foreign_minister\n"
        "  terms: [canciller, ministro de Asuntos Exteriores]\n"
        "- kind: pair\n  lang: es\n  sector: GOV\n  leads: [ambos, los dos]\n  terms: [países]\n",
    )
    kb = load_knowledge_base([names, agents])
    russia = kb.countries["RUS"]
    assert russia.names("es") == ("Rusia",)
    assert russia.demonyms("es") == ("ruso", "rusa")
    assert russia.names("fr")[0] == "Russie"  # the packaged names are kept
    assert "es" in kb.languages()
    spanish = kb.index("es")
    assert [e.ref for e in spanish.lookup("Rusia") if e.kind == "country"] == ["RUS"]
    assert [e.ref for e in spanish.lookup("rusa") if e.kind == "demonym"] == ["RUS"]
    assert any(e.kind == "agent" for e in spanish.lookup("ministro de Asuntos Exteriores"))
    assert any(e.kind == "agent" for e in spanish.lookup("los dos países"))
    assert not spanish.lookup("Russie") and not spanish.lookup("ministre")
    # the other languages do not see the new rows
    assert not kb.index("fr").lookup("Rusia") and not kb.index("en").lookup("canciller")


def test_every_language_has_its_own_agents() -> None:
    kb = load_knowledge_base()
    french, english = kb.index("fr"), kb.index("en")
    assert any(e.kind == "agent" for e in english.lookup("foreign minister"))
    assert any(e.kind == "agent" for e in english.lookup("security forces"))
    assert not english.lookup("ministre des Affaires étrangères")
    assert not french.lookup("foreign minister")
    # pairs: "les deux" in French, "both" in English, from the data
    assert any(e.kind == "agent" for e in french.lookup("les deux dirigeants"))
    assert not english.lookup("les deux dirigeants")
    assert any(e.kind == "agent" for e in english.lookup("both leaders"))
    # a word of both languages keeps one meaning in each ("police", "président"/"president")
    for index in (french, english):
        (entry,) = [e for e in index.lookup("police") if e.kind == "agent"]
        assert kb.agents[entry.ref].sector == "COP"
    assert [e.ref for e in french.lookup("président") if e.kind == "agent"] == ["title:president"]
    assert kb.agents["title:president"].lang == "fr"
    assert kb.agents["title:president@en"].lang == "en"
    assert "border" in kb.place_nouns("en") and "border" not in kb.place_nouns("fr")
    assert "frontiere" in kb.place_nouns() and "border" in kb.place_nouns()


def test_a_user_state_needs_a_name(tmp_path: Path) -> None:
    countries = _write(tmp_path / "c.tsv", COUNTRIES_HEADER + "ZZZ\t\tZetaland\t\n")
    with pytest.raises(DataError, match="'ZZZ' has no name"):
        load_knowledge_base([countries])
    names = _write(tmp_path / "n.tsv", NAMES_HEADER + "ZZZ\ten\tname\tZetaland\n")
    kb = load_knowledge_base([countries, names])
    assert kb.countries["ZZZ"].names("en") == ("Zetaland",)
    assert kb.countries["ZZZ"].names("fr") == ()


def test_a_replaced_state_keeps_its_names(tmp_path: Path) -> None:
    countries = _write(tmp_path / "c.tsv", COUNTRIES_HEADER + "RUS\tQ159\tRussia\tMoscou\n")
    kb = load_knowledge_base([countries])
    assert kb.countries["RUS"].capitals == ("Moscou",)
    assert kb.countries["RUS"].names("fr")[0] == "Russie"


def test_the_cache_key_covers_the_names_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import annales.cache

    seen: list[str] = []
    real = annales.cache.content_key

    def spy(*parts: str | bytes, files: Iterable[Path | str] = ()) -> str:
        seen.extend(Path(f).name for f in files)
        return real(*parts, files=files)

    monkeypatch.setattr(annales.cache, "content_key", spy)
    _load.__wrapped__(())
    assert {"countries.tsv", "names.tsv", "agents.yaml"} <= set(seen)
