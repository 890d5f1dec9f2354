"""Where: place names resolved with a gazetteer, and the locative phrase of each event.

>>> resolve_place("Lattaquié").country
'SYR'
"""

from __future__ import annotations

from annales.places.find import find_places, place_for_event
from annales.places.gazetteer import fold_name, gazetteer, resolve_place

__all__ = ["find_places", "fold_name", "gazetteer", "place_for_event", "resolve_place"]
