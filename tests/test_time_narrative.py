"""The narrative reference time: anaphoric and year-less expressions follow the story's dates.

Sentences written for these tests; publication date Friday 2 February 2018 unless said.
"""

from __future__ import annotations

from datetime import date

from annales.time import find_time_expressions
from annales.time.narrative import STORY_REACH, calendar_point

PUB = date(2018, 2, 2)


def values(text: str, pub: date = PUB) -> dict[str, str | None]:
    return {t.text: t.value for t in find_time_expressions(text, pub)}


def test_time_narrative_anaphora_chain_from_the_last_date() -> None:
    text = (
        "Le cessez-le-feu a été signé le 4 mai 2016. Le lendemain, les combats ont repris. "
        "Deux jours plus tard, une nouvelle trêve était conclue."
    )
    found = values(text)
    assert found["Le lendemain"] == "2016-05-05"
    assert found["Deux jours plus tard"] == "2016-05-07"  # from "le lendemain", the last date


def test_time_narrative_anaphora_without_a_date_uses_publication() -> None:
    assert values("Il avait été arrêté la veille au soir.")["la veille au soir"] == "2018-02-01TEV"


def test_time_narrative_period_needs_a_date_precise_enough() -> None:
    # "le mois suivant" needs a month: the bare year 2015 is skipped for the day before it.
    text = (
        "Le 20 novembre 2014, la loi a été votée. En 2015, elle a été contestée. Le mois suivant..."
    )
    assert values(text)["Le mois suivant"] == "2014-12"


def test_time_narrative_weekday_following_a_date() -> None:
    text = "Le sommet s'est ouvert le mercredi 8 mars 2017. Le vendredi suivant, il s'est clos."
    assert values(text)["Le vendredi suivant"] == "2017-03-10"


def test_time_narrative_year_of_the_story_for_a_month_alone() -> None:
    assert values("En 2009, la crise a frappé. En mai, le chômage a bondi.")["mai"] == "2009-05"


def test_time_narrative_story_year_crosses_new_year_forward() -> None:
    text = "Il a été arrêté le 28 décembre 2011 et libéré le 2 janvier."
    assert values(text)["le 2 janvier"] == "2012-01-02"


def test_time_narrative_story_far_back_no_longer_sets_the_year() -> None:
    filler = "Le texte n'a jamais été appliqué. " * (STORY_REACH // 30)
    text = f"La loi de 2009 a été votée. {filler}Le ministre a parlé le 30 janvier."
    assert values(text)["le 30 janvier"] == "2018-01-30"


def test_time_narrative_story_in_the_publication_year_keeps_the_tense_reading() -> None:
    text = "Le 10 janvier 2018, le plan a été annoncé. Il entrera en vigueur le 1er mars."
    assert values(text)["le 1er mars"] == "2018-03-01"


def test_time_narrative_weekday_settles_the_year_over_the_story() -> None:
    text = "Le budget 2019 est prêt. Le vote a eu lieu le jeudi 1er février."
    assert values(text)["le jeudi 1er février"] == "2018-02-01"


def test_time_narrative_calendar_points() -> None:
    assert calendar_point("2017-03-12TEV") == (date(2017, 3, 12), 0)
    assert calendar_point("2017-W11-WE") == (date(2017, 3, 13), 1)
    assert calendar_point("2017-03") == (date(2017, 3, 15), 2)
    assert calendar_point("2017") == (date(2017, 7, 2), 3)
    assert calendar_point("PRESENT_REF") is None
    assert calendar_point("2017-02-30") is None
