"""Fuzzing the coder's public function: any text in, events whose evidence is in the text out.

``code_text`` gets random Unicode (controls, NUL, right-to-left marks, emoji, walls of whitespace)
and French sentences of real event patterns glued with such characters, so that events are found
and their offsets cross the odd characters. Every event it returns must point into the text it
was given: ``quote``, ``trigger``, actor and place spans are slices of ``Document.content``.
The fast pass runs by default; ``pytest -m slow tests/test_fuzz_coder.py`` runs many more cases.
"""

from __future__ import annotations

import warnings
from datetime import date

from hypothesis import example
from hypothesis import strategies as st

from annales.model import EVENT_TYPES, OPTIONAL_MODALITIES, Event
from fuzzing import fuzz

# Pieces of French news sentences that fire the rules: actors, triggers, places, dates.
_FRENCH = [
    "Le président français",
    "Emmanuel Macron",
    "a rencontré",
    "s'est entretenu avec",
    "son homologue russe",
    "Vladimir Poutine",
    "à Moscou",
    "lundi",
    "le 12 mars 2022",
    "L'ONU",
    "a condamné",
    "l'attaque",
    "Les rebelles",
    "ont attaqué",
    "une base militaire",
    "au Mali",
    "Le gouvernement allemand",
    "a accusé",
    "la Chine",
    "menace de",
    "sanctionner",
    "l'Iran",
    "n'a pas",
    "signera",
    "un accord",
    "avec",
    "l'Union européenne",
    ".",
    ",",
    "«",
    "»",
    "\n\n",
]
# What breaks offsets: zero-width and bidirectional marks, NUL and other controls, astral
# characters (two UTF-16 units), combining marks, line separators, and long runs of blanks.
_ODD = [
    " ",
    "\u200f",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x07",
    "\r",
    "\r\n",
    "\t",
    "\u2028",
    "\u00a0",
    "😀",
    "👩‍👩‍👧",
    "\u0301",
    "ﷺ",
    "مرحبا",
    "שלום",
    "日本",
    " " * 500,
    "\n" * 50,
]
french_like = st.lists(
    st.sampled_from(_FRENCH) | st.sampled_from(_ODD) | st.text(max_size=8), max_size=40
).map(" ".join)
any_text = st.text(max_size=300) | french_like
titles = st.just("") | st.text(max_size=40) | french_like.map(lambda t: t[:120])


def check_events(events: list[Event], content: str, doc_id: str) -> None:
    """Every event of ``content`` points into it, with valid values and distinct ids."""
    assert isinstance(events, list)
    size = len(content)
    for event in events:
        assert isinstance(event, Event)
        assert event.doc_id == doc_id
        assert event.type in EVENT_TYPES
        assert event.modality is None or event.modality in OPTIONAL_MODALITIES
        assert 0 <= event.start <= event.end <= size
        assert event.quote == content[event.start : event.end]
        assert event.quote in content
        assert 0 <= event.trigger_start <= event.trigger_end <= size
        assert event.trigger == content[event.trigger_start : event.trigger_end]
        assert all(quote in content for quote in event.quotes)
        assert event.sentence in content
        for actor in [*event.actors, *event.recipients]:
            if actor.start is not None and actor.end is not None:
                assert 0 <= actor.start <= actor.end <= size
                if actor.text is not None:
                    assert actor.text == content[actor.start : actor.end]
        place = event.location
        if place is not None and place.start is not None and place.end is not None:
            assert 0 <= place.start <= place.end <= size
            if place.text is not None:
                assert place.text == content[place.start : place.end]
        if event.date_text:
            assert event.date_text in content
        assert 0.0 <= event.confidence <= 1.0
    ids = [event.id for event in events]
    assert len(ids) == len(set(ids)), "two events share an id"


@example(text="Emmanuel Macron a rencontré Vladimir Poutine à Moscou.", title="", lang="fr")
@example(text="\x00" * 100, title="", lang="fr")
@example(text=" " * 100_000, title="", lang="fr")
@example(text="😀" * 500 + " Emmanuel Macron a rencontré Vladimir Poutine.", title="😀", lang="fr")
@example(text="\u202eEmmanuel Macron a rencontré\u202c Vladimir Poutine", title="", lang=None)
def _any_text_gives_events_inside_it(text: str, title: str, lang: str | None) -> None:
    from annales.pipeline import code_text

    with warnings.catch_warnings():
        # Text in a language annales does not code gives no events and says so: not a failure.
        warnings.filterwarnings("ignore", "no events coded", UserWarning)
        events = code_text(text, title=title, lang=lang, doc_id="fuzz", pub_date=date(2022, 3, 14))
    content = f"{title}\n\n{text}" if title else text
    check_events(events, content, "fuzz")


test_code_text_never_raises_and_points_into_the_text, test_code_text_slow = fuzz(
    60, 2_000, text=any_text, title=titles, lang=st.sampled_from(["fr", None])
)(_any_text_gives_events_inside_it)


def test_the_fuzzer_does_find_events() -> None:
    """The French pieces must fire the rules, or the property above would test nothing."""
    from annales.pipeline import code_text

    text = "Le président français Emmanuel Macron a rencontré son homologue russe à Moscou lundi."
    events = code_text(text, lang="fr", doc_id="fuzz")
    assert events
    check_events(events, text, "fuzz")
