"""Linking events of different documents that report the same happening into occasions.

Two reports may be one occasion when the codes allow it (same type family, compatible actor and
recipient sets, dates within a window that respects their precision, compatible places, two
different documents); the text then decides: the cosine of their multilingual sentence
embeddings (:mod:`annales.merge.embed`) must reach :data:`MIN_SIMILARITY`, so that a French and
an English report of one meeting join while an unrelated statement of the same pair that week
does not.

Grouping is agglomerative and deterministic: candidate links are taken best first, and two groups
join only when every date of the result still fits one common window and no document would hold
two of its reports. Because a date interval widened by its slack is an interval, "every pair
fits" is the same as "the latest start is before the earliest end" (one check per join), and a
month-precise report can join a meeting without letting it absorb another one three weeks later.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from annales.model import EVENT_TYPES, SYMMETRIC_TYPES

__all__ = [
    "FAMILIES",
    "MAX_SPAN_DAYS",
    "MIN_GROUP_SIMILARITY",
    "MIN_SIMILARITY",
    "Report",
    "block_keys",
    "compatible",
    "group_reports",
    "occasion_id",
    "type_family",
]

# Types that reporters use for one happening: "a bombardé" and "a attaqué" (ASSAULT / COERCE),
# "a signé un accord" and "coopérer" (AGREE / COOPERATE), "a aidé" and "soutient".
FAMILIES: dict[str, str] = {kind: kind for kind in EVENT_TYPES} | {
    "COOPERATE": "AGREE",
    "COERCE": "ASSAULT",
    "SUPPORT": "AID",
    "CONCEDE": "RETREAT",
}
# How many days around its period a report's date may miss the occasion by: a date read in the
# text is a day off at most (time zones, "dans la nuit"); a date inherited from publication is
# often the day after the happening, or two for a weekly.
TEXT_SLACK_DAYS = 1
INHERITED_SLACK_DAYS = 2
# Reports whose date names a longer period (a year, "l'an dernier") are too vague to be linked.
MAX_SPAN_DAYS = 31
# Cosine of the sentence embeddings above which two code-compatible reports are one occasion
# (chosen on bench/occasions/: see docs/occasions.md).
MIN_SIMILARITY = 0.35
# Two groups join when the mean cosine over all their cross pairs reaches this: one close pair
# does not make two happenings one (a call and trade talks of the same pair that day).
MIN_GROUP_SIMILARITY = 0.42


def type_family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)


@dataclass(frozen=True)
class Report:
    """One stored event as the linker sees it."""

    event_id: str
    doc_id: str
    type: str
    actors: frozenset[str]
    recipients: frozenset[str] = frozenset()
    first: date | None = None  # the period the event's date names (or the publication date)
    last: date | None = None
    dated_in_text: bool = False
    place_name: str | None = None
    place_country: str | None = None
    place_feature: str | None = None
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def symmetric(self) -> bool:
        return self.type in SYMMETRIC_TYPES

    @property
    def parties(self) -> frozenset[str]:
        return self.actors | self.recipients

    def window(self) -> tuple[date | None, date | None]:
        """The days the happening may fall on; (None, None) when the report is undated."""
        if self.first is None or self.last is None:
            return None, None
        slack = timedelta(days=TEXT_SLACK_DAYS if self.dated_in_text else INHERITED_SLACK_DAYS)
        return self.first - slack, self.last + slack


def linkable(report: Report) -> bool:
    """Whether the report is precise enough to be linked at all (some party, a dated short
    period)."""
    if not report.actors and not report.recipients:
        return False
    if report.first is None or report.last is None:
        return False
    return (report.last - report.first).days < MAX_SPAN_DAYS


def block_keys(report: Report) -> set[tuple[str, str, str]]:
    """The blocks a report is compared within: its type family and its actor pair.

    Symmetric types (meetings, agreements) are blocked on each unordered pair of parties; others on
    each acting party, so that "la Russie a bombardé Kharkiv" meets "Russia attacked Ukraine".
    """
    family = type_family(report.type)
    if report.symmetric:
        parties = sorted(report.parties)
        if len(parties) == 1:
            return {(family, parties[0], "")}
        return {(family, a, b) for i, a in enumerate(parties) for b in parties[i + 1 :]}
    return {(family, code, "") for code in report.actors}


def _overlap(a: Report, b: Report) -> bool:
    a_first, a_last = a.window()
    b_first, b_last = b.window()
    if a_first is None or b_first is None or a_last is None or b_last is None:
        return True
    return a_first <= b_last and b_first <= a_last


def _parties_fit(a: Report, b: Report) -> bool:
    if a.symmetric or b.symmetric:
        mine, theirs = a.parties, b.parties
        return mine <= theirs or theirs <= mine or len(mine & theirs) >= 2
    if not a.actors & b.actors:
        return False
    # An unnamed target ("ont bombardé dans la nuit") fits any target.
    return not a.recipients or not b.recipients or bool(a.recipients & b.recipients)


def _same_city(a: str | None, b: str | None) -> bool:
    """One city named at two grains: "Paris" and "Paris 08 Élysée" (a district), not "New York"
    and "New Delhi"."""
    if not a or not b:
        return True
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    return long == short or long.startswith(short + " ")


def _places_fit(a: Report, b: Report) -> bool:
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    both_cities = a.place_feature == "city" and b.place_feature == "city"
    return not both_cities or _same_city(a.place_name, b.place_name)


def compatible(a: Report, b: Report) -> bool:
    """Whether the codes allow ``a`` and ``b`` to report one happening (the text not read)."""
    return (
        a.doc_id != b.doc_id
        and type_family(a.type) == type_family(b.type)
        and _parties_fit(a, b)
        and _overlap(a, b)
        and _places_fit(a, b)
    )


def similarity(a: Report, b: Report) -> float:
    if a.vector is None or b.vector is None:
        return 0.0
    return float(np.dot(a.vector, b.vector))


def candidate_links(reports: Sequence[Report]) -> list[tuple[float, str, str]]:
    """``(similarity, event id, event id)`` for every code-compatible pair sharing a block whose
    text is similar enough, best first (ties by ids, so that grouping is deterministic)."""
    blocks: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    for report in reports:
        if linkable(report):
            for key in block_keys(report):
                blocks[key].append(report)
    links: dict[tuple[str, str], float] = {}
    widest = timedelta(days=max(TEXT_SLACK_DAYS, INHERITED_SLACK_DAYS))
    for members in blocks.values():
        # A sweep in date order: once a report starts after ``a``'s window ends (allowing for the
        # widest slack), so do all the later ones.
        members.sort(key=lambda r: (r.first or date.min, r.event_id))
        for i, a in enumerate(members):
            end = a.window()[1]
            for b in members[i + 1 :]:
                if end is not None and b.first is not None and b.first - widest > end:
                    break
                pair = (
                    (a.event_id, b.event_id)
                    if a.event_id < b.event_id
                    else (b.event_id, a.event_id)
                )
                if pair in links or not compatible(a, b):
                    continue
                score = similarity(a, b)
                if score >= MIN_SIMILARITY:
                    links[pair] = score
    return sorted(((s, a, b) for (a, b), s in links.items()), key=lambda x: (-x[0], x[1], x[2]))


@dataclass
class _Group:
    members: list[str]
    docs: set[str]
    first: date | None  # the latest start of its members' windows
    last: date | None  # the earliest end


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def group_reports(reports: Iterable[Report]) -> list[list[tuple[str, float]]]:
    """The occasions of ``reports``: lists of ``(event id, score)``, every report in exactly one.

    A report's score is the similarity of its best accepted link (1.0 for a report alone).
    """
    reports = sorted(reports, key=lambda r: r.event_id)
    groups: dict[str, _Group] = {}
    owner: dict[str, str] = {}
    scores: dict[str, float] = {}
    for report in reports:
        first, last = report.window()
        groups[report.event_id] = _Group([report.event_id], {report.doc_id}, first, last)
        owner[report.event_id] = report.event_id
    by_id = {report.event_id: report for report in reports}
    for score, a, b in candidate_links(reports):
        ga, gb = owner[a], owner[b]
        if ga == gb:
            continue
        left, right = groups[ga], groups[gb]
        first, last = _later(left.first, right.first), _earlier(left.last, right.last)
        if left.docs & right.docs or (first is not None and last is not None and first > last):
            continue
        if _mean_similarity(left.members, right.members, by_id) < MIN_GROUP_SIMILARITY:
            continue
        for event_id in (a, b):
            scores[event_id] = max(scores.get(event_id, 0.0), score)
        left.members.extend(right.members)
        left.docs |= right.docs
        left.first, left.last = first, last
        for event_id in right.members:
            owner[event_id] = ga
        del groups[gb]
    return [
        [(event_id, scores.get(event_id, 1.0)) for event_id in sorted(group.members)]
        for group in sorted(groups.values(), key=lambda g: min(g.members))
    ]


def _mean_similarity(left: list[str], right: list[str], by_id: dict[str, Report]) -> float:
    vectors = [by_id[event_id].vector for event_id in left + right]
    if any(vector is None for vector in vectors):
        return 0.0
    matrix = np.stack([v for v in vectors if v is not None])
    cross = matrix[: len(left)] @ matrix[len(left) :].T
    return float(cross.mean())


def occasion_id(event_ids: Iterable[str]) -> str:
    """A stable id for the occasion of these events: the same members give the same id, and a
    report added or removed changes it only when the smallest event id changes."""
    digest = hashlib.sha1(min(event_ids).encode("utf-8")).hexdigest()[:16]
    return f"occ-{digest}"
