"""Places: the gazetteer, locative phrases of parsed sentences, the place of an event."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from annales.errors import DataError
from annales.model import Place
from annales.places import find_places, fold_name, place_for_event, resolve_place
from annales.places.gazetteer import read_rows

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Lattaquié", "SYR", "city"),  # a French alternate name of geonames
        ("Alep", "SYR", "city"),
        ("Moscou", "RUS", "city"),
        ("GENÈVE", "CHE", "city"),
        ("Syrie", "SYR", "country"),  # babel's French country names
        ("Etats-Unis", "USA", "country"),
        ("Crimée", "UKR", "region"),  # our own file
        ("bande de Gaza", "PSE", "region"),
        ("Palmyre", "SYR", "city"),
    ],
)
def test_places_resolve(name: str, country: str, feature: str) -> None:
    place = resolve_place(name)
    assert place is not None
    assert (place.country, place.feature) == (country, feature)


def test_places_resolve_prefers_document_countries_then_population() -> None:
    libya = resolve_place("Tripoli")
    lebanon = resolve_place("Tripoli", country_hints=["LBN"])
    assert libya is not None and libya.country == "LBY"
    assert lebanon is not None and lebanon.country == "LBN"


def test_places_resolve_unknown() -> None:
    assert resolve_place("Nulle-Part-sur-Rien") is None


def test_places_resolved_city_has_coordinates() -> None:
    damascus = resolve_place("Damas")
    assert damascus is not None and damascus.geonames_id is not None
    assert damascus.latitude is not None and 33 < damascus.latitude < 34


def test_places_fold_name() -> None:
    assert fold_name("Côte d’Ivoire") == fold_name("cote d'ivoire") == "cote d ivoire"


def test_places_data_rows_are_checked() -> None:
    good = "Crimée\tCrimea\tUKR\t45.3\t34.4\tregion\t\n"
    assert read_rows(good, "x.tsv")[0].aliases == ("Crimea",)
    with pytest.raises(DataError, match=r"x\.tsv:2: feature 'lake'"):
        read_rows("# comment\nLac\t\t\t\t\tlake\t\n", "x.tsv")
    with pytest.raises(DataError, match=r"x\.tsv:1: expected 7"):
        read_rows("Lac\tregion\n", "x.tsv")


def _found(nlp: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    doc = nlp(text)
    places = find_places(doc)
    for place in places:
        assert place.start is not None and place.end is not None
        assert text[place.start : place.end] == place.text
    return [(p.text or "", p.country, p.feature) for p in places]


def test_places_find_locatives(nlp_fr: Language) -> None:
    text = (
        "Le ministre s'est rendu à Moscou, puis en Syrie, à Idlib et dans le secteur de Lattaquié."
    )
    assert _found(nlp_fr, text) == [
        ("Moscou", "RUS", "city"),
        ("Syrie", "SYR", "country"),
        ("Idlib", "SYR", "city"),
        ("Lattaquié", "SYR", "city"),
    ]


def test_places_find_spatial_phrases(nlp_fr: Language) -> None:
    text = (
        "Des frappes ont touché le nord de la Syrie, des positions au Mali, aux États-Unis "
        "et près de Damas."
    )
    assert [t for t, _, _ in _found(nlp_fr, text)] == ["Syrie", "Mali", "États-Unis", "Damas"]


def test_places_find_regions(nlp_fr: Language) -> None:
    text = "Les combats continuent dans le Donbass, en Crimée et dans la bande de Gaza."
    assert _found(nlp_fr, text) == [
        ("Donbass", "UKR", "region"),
        ("Crimée", "UKR", "region"),
        ("bande de Gaza", "PSE", "region"),
    ]


def test_places_subject_country_is_not_a_place(nlp_fr: Language) -> None:
    assert _found(nlp_fr, "La Syrie a dénoncé les frappes. La Russie a protesté.") == []


def test_places_person_is_not_a_place(nlp_fr: Language) -> None:
    text = "Le ministre a écrit à Vladimir Poutine depuis Genève."
    assert [t for t, _, _ in _found(nlp_fr, text)] == []


def test_places_preposition_chooses_country_or_city(nlp_fr: Language) -> None:
    text = "Il a été reçu au Caire, au Luxembourg puis à Luxembourg."
    assert _found(nlp_fr, text) == [
        ("Caire", "EGY", "city"),
        ("Luxembourg", "LUX", "country"),
        ("Luxembourg", "LUX", "city"),
    ]


def test_places_document_country_settles_city(nlp_fr: Language) -> None:
    text = "Des tirs ont éclaté à Tripoli, au Liban, dans la nuit."
    assert _found(nlp_fr, text)[0] == ("Tripoli", "LBN", "city")


def test_places_for_event_nearest_in_clause() -> None:
    text = "À Paris, le ministre a annoncé que l'armée frapperait à Alep."
    paris = Place("Paris", "FRA", text="Paris", start=2, end=7)
    aleppo = Place("Aleppo", "SYR", text="Alep", start=text.index("Alep"), end=len(text) - 1)
    places = [paris, aleppo]
    trigger = text.index("frapperait")
    assert (
        place_for_event(places, clause_start=0, clause_end=len(text), trigger_start=trigger)
        == aleppo
    )
    announce = text.index("annoncé")
    assert place_for_event(places, clause_start=0, clause_end=30, trigger_start=announce) == paris
    assert place_for_event(places, clause_start=8, clause_end=30, trigger_start=announce) is None
