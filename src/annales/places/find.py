"""Where: locative phrases of a parsed text, resolved with the gazetteer.

A name counts as the place where something happens when a locative introduces it:

* a preposition: "à Moscou", "en Syrie", "au Mali", "aux États-Unis", "dans le Donbass";
* a place noun or a spatial word and "de": "dans le secteur de Lattaquié", "dans le nord de la
  Syrie", "la ville syrienne d'Idlib", "près de Damas", "au large de Tripoli";
* a coordination with a place just found: "en Syrie et en Irak", "à Alep, Homs et Hama".

A name anywhere else is not a location: "la Syrie a dénoncé" makes Syria an actor, which the
actors stage handles. Names the parser marks as part of a person or organisation ("à Vladimir
Poutine") are skipped. Countries of the document found this way then settle ambiguous cities.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from annales.lang import PlaceWords, get_profile
from annales.model import Place
from annales.places.gazetteer import Entry, fold_name, gazetteer, rank

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["find_places", "place_for_event"]

# The words of locatives are the language's (annales/lang/<code>/profile.yaml, ``places``).


def _locative(doc: Doc, start: int, previous_end: int | None, words: PlaceWords) -> str | None:
    """The word that makes ``doc[start:]`` a location ("à", "en", "de"...), or None."""
    j = start - 1
    while j >= 0 and doc[j].lower_ in words.articles:
        j -= 1
    if j < 0:
        return None
    word = doc[j].lower_
    if word in words.prepositions:
        return word
    if word in words.of:
        k = j - 1
        while k >= 0 and doc[k].pos_ == "ADJ":  # "la ville syrienne d'Idlib"
            k -= 1
        if k >= 0 and doc[k].lower_ in words.place_words:
            return "de"
        return None
    if word in words.conjunctions and previous_end is not None and previous_end == j:
        return "et"
    return None


def _blocked(doc: Doc, start: int, end: int, words: PlaceWords) -> bool:
    """Whether the name is part of a person's or organisation's name."""
    for token in doc[start:end]:
        if token.ent_type_ in words.person_entities:
            return True
    # Part of a longer entity: it began before the name, or goes on after it. Read off the
    # tokens' IOB tags: ``doc.ents`` rebuilds every entity on each access.
    first, following = doc[start], doc[end] if end < len(doc) else None
    if first.ent_iob_ == "I" and first.ent_type_ in words.name_entities:
        return True
    if (
        following is not None
        and following.ent_iob_ == "I"
        and following.ent_type_ in words.name_entities
    ):
        return True
    return bool(
        following is not None
        and following.pos_ == "PROPN"
        and following.text[:1].isupper()
        and not following.is_sent_start
        and following.text not in gazetteer()
    )


def _match(doc: Doc, start: int, longest: int) -> tuple[int, list[Entry], Span] | None:
    """The longest gazetteer name starting at token ``start``: (end token, entries, span)."""
    gaz = gazetteer()
    first = doc[start]
    if not first.is_alpha and not first.text[:1].isalpha():
        return None
    limit = min(len(doc), start + longest + 2)  # hyphens and apostrophes make extra tokens
    # Each longer span's text (as Span.text gives it) is grown a word at a time: most calls stop
    # at the first word, and a Span per step, or Doc.text per document, cost more than lookups.
    surface, space = "", ""
    best: tuple[int, list[Entry]] | None = None
    for end in range(start + 1, limit + 1):
        last = first if end == start + 1 else doc[end - 1]
        surface, space = f"{surface}{space}{last.text}", last.whitespace_
        key = fold_name(surface)
        if key not in gaz.prefixes:
            break  # no name goes on like this: longer spans cannot match either
        if (last.is_punct and last.text not in {"-", "'", "’"}) or last.is_space:
            continue
        entries = gaz.lookup_key(key)
        if not entries:
            continue
        if not first.text[:1].isupper() and not any(
            e.curated and not e.name[:1].isupper() for e in entries
        ):
            continue  # lower-case words are names only in our own list ("bande de Gaza")
        best = (end, entries)
    return (best[0], best[1], doc[start : best[0]]) if best is not None else None


def _with_article(doc: Doc, start: int, words: PlaceWords) -> list[Entry]:
    """ "au Caire", "du Caire": the name is "Le Caire" once the contraction is undone."""
    previous = doc[start - 1].lower_ if start > 0 else ""
    article = words.contracted_articles.get(previous)
    return gazetteer().lookup(f"{article} {doc[start].text}") if article else []


def find_places(doc: Doc, *, country_hints: Sequence[str] = ()) -> list[Place]:
    """The locative place names of ``doc``, resolved, with character offsets into ``doc.text``."""
    gaz = gazetteer()
    words = get_profile(doc.lang_).places
    found: list[tuple[Span, list[Entry], str]] = []
    i, previous_end = 0, None
    while i < len(doc):
        token = doc[i]
        if not token.text[:1].isalpha():
            i += 1
            continue
        entries = _with_article(doc, i, words) if token.text[:1].isupper() else []
        match = (i + 1, entries, doc[i : i + 1]) if entries else _match(doc, i, gaz.longest)
        if match is None:
            i += 1
            continue
        end, entries, span = match
        cue = _locative(doc, i, previous_end, words)
        if cue is None or _blocked(doc, i, end, words):
            i = end
            continue
        found.append((span, entries, cue))
        previous_end, i = end, end
    # The countries the text places things in settle its ambiguous cities ("à Tripoli").
    hints = [*country_hints]
    for _, entries, cue in found:
        alone = rank(entries, country_hints, words.feature_of.get(cue))
        if alone is not None and alone.feature == "country" and alone.country:
            hints.append(alone.country)
    places = []
    for span, entries, cue in found:
        best = rank(entries, hints, words.feature_of.get(cue))
        if best is not None:
            places.append(best.place(span.text, span.start_char, span.end_char))
    return places


def place_for_event(
    places: Iterable[Place], *, clause_start: int, clause_end: int, trigger_start: int
) -> Place | None:
    """The locative of the event's clause nearest its trigger, or None."""
    best: tuple[int, Place] | None = None
    for place in places:
        if place.start is None or place.end is None:
            continue
        if place.start < clause_start or place.end > clause_end:
            continue
        if place.end <= trigger_start:
            distance = trigger_start - place.end
        else:
            distance = max(0, place.start - trigger_start)
        if best is None or distance < best[0]:
            best = (distance, place)
    return best[1] if best else None
