"""One event per occasion: repeated mentions merge, different occasions stay apart."""

from __future__ import annotations

from annales.merge import merge_events
from annales.model import Actor, Event


def _event(quote: str, date: str, source: str, *, recipients: tuple[str, ...] = ("RUS",)) -> Event:
    return Event(
        doc_id="d1",
        type="SANCTION",
        actors=[Actor("USA")],
        recipients=[Actor(code) for code in recipients],
        date=date,
        date_source=source,
        quote=quote,
        quotes=[quote],
        trigger_start=len(quote),
    )


def test_headline_and_body_are_one_event_with_the_body_date() -> None:
    merged = merge_events(
        [
            _event("Washington sanctionne Moscou", "2021-04-16", "inherited"),
            _event("ont imposé jeudi des sanctions", "2021-04-15", "text"),
        ]
    )
    assert len(merged) == 1
    assert merged[0].date == "2021-04-15" and merged[0].date_source == "text"
    assert merged[0].quotes == ["Washington sanctionne Moscou", "ont imposé jeudi des sanctions"]


def test_two_dated_occasions_stay_two_events() -> None:
    merged = merge_events(
        [
            _event("en mars", "2021-03", "text"),
            _event("en juin", "2021-06", "text"),
        ]
    )
    assert len(merged) == 2


def test_mention_without_recipient_joins_the_fuller_one() -> None:
    vague = _event("les sanctions", "2021-04-16", "inherited", recipients=())
    vague.modality = "vague"
    full = _event("des sanctions contre la Russie", "2021-04-16", "inherited")
    merged = merge_events([vague, full])
    assert merged == [full] and "les sanctions" in full.quotes
