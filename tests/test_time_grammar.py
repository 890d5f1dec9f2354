"""The French time grammar: one case per kind of expression, on sentences written for the tests.

Publication date of every case: Friday 2 February 2018 (ISO week 5).
"""

from __future__ import annotations

from datetime import date

import pytest

from annales.errors import ConfigError
from annales.time import find_time_expressions

PUB = date(2018, 2, 2)


def found(text: str, pub: date | None = PUB) -> list[tuple[str, str | None]]:
    return [(t.text, t.value) for t in find_time_expressions(text, pub)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # full dates
        (
            "Le traité a été signé le 27 février 2016 à Genève.",
            [("le 27 février 2016", "2016-02-27")],
        ),
        ("Les troupes sont entrées le 27/02/2016.", [("27/02/2016", "2016-02-27")]),
        ("Le scrutin du 12.03.2017 a été annulé.", [("12.03.2017", "2017-03-12")]),
        ("Le rapport daté 2016-11-04 circule.", [("2016-11-04", "2016-11-04")]),
        ("Dépêche du December 30, 2016 sur le sommet.", [("December 30, 2016", "2016-12-30")]),
        ("Il est mort le 8 mai 1945.", [("le 8 mai 1945", "1945-05-08")]),
        ("La grève a commencé le 10 novembre 93 à Lyon.", [("le 10 novembre 93", "1993-11-10")]),
        (
            "Le mercredi 1er mai 2002, la foule a défilé.",
            [("Le mercredi 1er mai 2002", "2002-05-01")],
        ),
        # day and month without year: the tense, else the nearest occurrence
        ("Le ministre a été reçu le 1er octobre.", [("le 1er octobre", "2017-10-01")]),
        ("Le sommet se tiendra le 1er octobre.", [("le 1er octobre", "2018-10-01")]),
        ("La conférence du 20 février réunira dix pays.", [("20 février", "2018-02-20")]),
        ("Il a démissionné le 20 décembre dernier.", [("le 20 décembre dernier", "2017-12-20")]),
        (
            "Ils voteront les 6 et 13 avril prochains.",
            [("les 6", "2018-04-06"), ("13 avril prochains", "2018-04-13")],
        ),
        ("Il sera reçu lundi 5 février à Paris.", [("lundi 5 février", "2018-02-05")]),
        # relative days
        ("Le président a parlé hier.", [("hier", "2018-02-01")]),
        ("Avant-hier, les rebelles ont attaqué.", [("Avant-hier", "2018-01-31")]),
        ("Il est arrivé aujourd'hui à Moscou.", [("aujourd'hui", "2018-02-02")]),
        ("Il arrive aujourd’hui vendredi à Moscou.", [("aujourd’hui vendredi", "2018-02-02")]),
        ("Le sommet s'ouvrira demain.", [("demain", "2018-02-03")]),
        ("Il a été arrêté ce matin.", [("ce matin", "2018-02-02TMO")]),
        ("Des tirs ont été entendus hier soir.", [("hier soir", "2018-02-01TEV")]),
        # periods relative to the publication date
        ("Les discussions ont repris cette semaine.", [("cette semaine", "2018-W05")]),
        ("La semaine dernière, Moscou a protesté.", [("La semaine dernière", "2018-W04")]),
        ("Il se rendra à Pékin la semaine prochaine.", [("la semaine prochaine", "2018-W06")]),
        ("Le mois dernier, l'armée a reculé.", [("Le mois dernier", "2018-01")]),
        ("L'an dernier, les ventes ont chuté.", [("L'an dernier", "2017")]),
        ("L'année dernière, le pays a voté.", [("L'année dernière", "2017")]),
        ("Cette année, le budget augmente.", [("Cette année", "2018")]),
        ("Ils se verront ce week-end.", [("ce week-end", "2018-W05-WE")]),
        ("Ils se sont vus ce week-end.", [("ce week-end", "2018-W04-WE")]),
        ("Le retrait a eu lieu il y a trente jours.", [("il y a trente jours", "2018-01-03")]),
        ("Il a été élu il y a deux ans.", [("il y a deux ans", "2016")]),
        ("La trêve sera signée dans trois jours.", [("dans trois jours", "2018-02-05")]),
        # months, with or without year; modifiers keep month granularity
        ("En septembre 2015, Moscou est intervenu.", [("septembre 2015", "2015-09")]),
        ("Les combats ont repris en septembre.", [("septembre", "2017-09")]),
        ("Les élections auront lieu en septembre.", [("septembre", "2018-09")]),
        ("Le texte sera voté mi-mai.", [("mi-mai", "2018-05")]),
        ("Le texte sera voté début juin.", [("début juin", "2018-06")]),
        ("Le texte a été voté fin mai 2017.", [("fin mai 2017", "2017-05")]),
        ("Il a été libéré en septembre dernier.", [("septembre dernier", "2017-09")]),
        ("Les pourparlers reprendront au mois de mars.", [("mois de mars", "2018-03")]),
        # years, decades, centuries, seasons
        ("La guerre a éclaté en 2011.", [("2011", "2011")]),
        ("Il vit en exil depuis 2014.", [("2014", "2014")]),
        ("Le régime est tombé fin 2016.", [("fin 2016", "2016")]),
        ("Le pays a souffert dans les années 1990.", [("les années 1990", "199")]),
        ("Ce fut le pire conflit du XXe siècle.", [("XXe siècle", "19")]),
        ("L'offensive a commencé l'été dernier.", [("l'été dernier", "2017-SU")]),
        ("Les crues arrivent en hiver.", [("hiver", "XXXX-WI")]),
        ("Le sommet aura lieu au printemps 2019.", [("printemps 2019", "2019-SP")]),
    ],
)
def test_time_grammar_values(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found(sentence) == expected


def test_time_grammar_weekday_past_by_default() -> None:
    # Friday is the publication day itself: the last Friday on or before it.
    assert found("Vendredi, le ministre a déclaré la guerre.") == [("Vendredi", "2018-02-02")]
    assert found("Le ministre a déclaré lundi que la trêve tenait.") == [("lundi", "2018-01-29")]


def test_time_grammar_weekday_future_tense() -> None:
    assert found("Le président recevra lundi son homologue.") == [("lundi", "2018-02-05")]
    assert found("Le président va rencontrer jeudi son homologue.") == [("jeudi", "2018-02-08")]
    # the same weekday as the publication, in the future: next week's
    assert found("Le conseil se réunira vendredi.") == [("vendredi", "2018-02-09")]


def test_time_grammar_weekday_words_beat_tense() -> None:
    assert found("Il est arrivé vendredi dernier.") == [("vendredi dernier", "2018-01-26")]
    assert found("Il partira vendredi prochain.") == [("vendredi prochain", "2018-02-09")]
    assert found("Ce lundi, il a signé le décret.") == [("Ce lundi", "2018-01-29")]
    assert found("Depuis mardi, le pays est paralysé.") == [("mardi", "2018-01-30")]


def test_time_grammar_granularity_and_kind() -> None:
    by_text = {t.text: t for t in find_time_expressions("Fin mai, ce matin, depuis un an.", PUB)}
    assert by_text["Fin mai"].granularity == "month"
    assert by_text["Fin mai"].value == "2018-05"  # never "2018-05-01"
    assert (by_text["ce matin"].kind, by_text["ce matin"].granularity) == ("TIME", "day")
    duration = by_text["un an"]
    assert (duration.kind, duration.value) == ("DURATION", "P1Y")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Il est au pouvoir depuis un an.", "P1Y"),
        ("La trêve a tenu pendant six mois.", "P6M"),
        ("Ils négocient depuis des années.", "PXY"),
        ("Le siège a duré un an et demi.", "P18M"),
        ("Les prix ont grimpé ces trois dernières semaines.", "P3W"),
        ("La guerre dure depuis un an et demi.", "P18M"),
    ],
)
def test_time_grammar_durations(sentence: str, value: str | None) -> None:
    durations = [t.value for t in find_time_expressions(sentence, PUB) if t.kind == "DURATION"]
    assert durations == ([value] if value else [])


def test_time_grammar_offsets_are_exact() -> None:
    text = "Titre\n\nÀ Damas, le 3 mars 2017, puis hier, l'armée a frappé."
    for expression in find_time_expressions(text, PUB):
        assert text[expression.start : expression.end] == expression.text
    assert [t.text for t in find_time_expressions(text, PUB)] == ["le 3 mars 2017", "hier"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Il a commencé le piano à sept ans et a obtenu sa licence.",
        "Le Conseil a adopté la résolution 2231 puis la résolution 1701.",
        "Plus de 2000 soldats ont été déployés pour 1500 euros par mois.",
        "La sonde Mars a atterri et le Journal du dimanche l'a révélé.",
        "Il a été élu sans surprise.",
        "Le musée est ouvert du lundi au vendredi.",
        "Le printemps arabe a changé la région.",
        "Le Premier ministre a reçu 2 millions de voix.",
    ],
)
def test_time_grammar_avoids_noise(sentence: str) -> None:
    assert [t for t in find_time_expressions(sentence, PUB) if t.kind != "SET"] == []


def test_time_grammar_habits_are_sets() -> None:
    (habit,) = find_time_expressions("Le marché se tient le mercredi.", PUB)
    assert (habit.kind, habit.value) == ("SET", "XXXX-WXX-3")


def test_time_grammar_without_publication_date() -> None:
    assert found("Il a parlé hier, le 8 mai 2018 et le 3 juin.", None) == [
        ("hier", None),
        ("le 8 mai 2018", "2018-05-08"),
        ("le 3 juin", "XXXX-06-03"),
    ]


def test_time_grammar_anaphoric_without_a_date_counts_from_publication() -> None:
    # No date before "la veille": the publication date is the narrative's only anchor.
    assert found("Il avait été arrêté la veille.") == [("la veille", "2018-02-01")]


def test_time_grammar_english() -> None:
    text = "The president said on Monday that talks held last week and three days ago failed."
    values = [(t.text, t.value) for t in find_time_expressions(text, PUB, lang="en")]
    assert values == [
        ("Monday", "2018-01-29"),
        ("last week", "2018-W04"),
        ("three days ago", "2018-01-30"),
    ]


def test_time_grammar_unknown_language() -> None:
    with pytest.raises(ConfigError, match="no time grammar"):
        find_time_expressions("Hoy", PUB, lang="es")


def test_time_grammar_day_takes_year_of_same_full_date() -> None:
    text = "Le sommet du 9 décembre 2016 a échoué. Les accords du 9 décembre restent lettre morte."
    assert found(text) == [("9 décembre 2016", "2016-12-09"), ("9 décembre", "2016-12-09")]


def test_time_grammar_named_period_is_not_current_month() -> None:
    assert found("Il est mort à la fin du mois de jeûne.") == []
    assert found("À la fin du mois, il partira.") == [("la fin du mois", "2018-02")]
