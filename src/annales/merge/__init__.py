"""The merge stage, at two levels.

- :mod:`annales.merge.document`: inside one document, repeated mentions of one happening become
  one event (run by the pipeline on every document).
- :mod:`annales.merge.corpus`: across documents, events that report the same happening (three
  articles and a wire in English on one meeting) are linked to one *occasion*, kept by the store
  in its ``occasions`` table (:mod:`annales.store.occasions`). Each mention stays an event with
  its own evidence.
"""

from __future__ import annotations

from annales.merge.corpus import Report, group_reports, occasion_id, type_family
from annales.merge.document import merge_events, occasion_key

__all__ = [
    "Report",
    "group_reports",
    "merge_events",
    "occasion_id",
    "occasion_key",
    "type_family",
]
