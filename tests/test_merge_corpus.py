"""Linking reports across documents: what the codes allow, and how groups are formed."""

from __future__ import annotations

from datetime import date

import numpy as np

from annales.merge import Report, group_reports, occasion_id
from annales.merge.corpus import block_keys, compatible, linkable
from annales.merge.embed import embed, from_bytes, to_bytes

SAME = np.ones(4, dtype=np.float32) / 2.0  # a unit vector: every report "says the same thing"


def _report(event_id: str, doc_id: str, day: str, **changes: object) -> Report:
    first = date.fromisoformat(day)
    values: dict[str, object] = {
        "event_id": event_id,
        "doc_id": doc_id,
        "type": "CONSULT",
        "actors": frozenset({"FRA"}),
        "recipients": frozenset({"DEU"}),
        "first": first,
        "last": first,
        "dated_in_text": True,
        "vector": SAME,
    }
    values.update(changes)
    return Report(**values)  # type: ignore[arg-type]


def test_merge_corpus_codes_decide_what_may_be_one_happening() -> None:
    meeting = _report("a", "d1", "2024-05-07")
    assert compatible(meeting, _report("b", "d2", "2024-05-08"))  # a day off: time zones
    assert not compatible(meeting, _report("b", "d1", "2024-05-07"))  # same document
    assert not compatible(meeting, _report("b", "d2", "2024-05-28"))  # three weeks later
    assert not compatible(meeting, _report("b", "d2", "2024-05-07", type="ACCUSE"))
    reversed_sides = _report("b", "d2", "2024-05-07", actors=frozenset({"DEU"}),
                             recipients=frozenset({"FRA"}))  # fmt: skip
    assert compatible(meeting, reversed_sides)  # a meeting has no direction
    paris = dict(place_name="Paris", place_country="FRA", place_feature="city")
    berlin = dict(place_name="Berlin", place_country="DEU", place_feature="city")
    assert not compatible(_report("a", "d1", "2024-05-07", **paris),
                          _report("b", "d2", "2024-05-07", **berlin))  # fmt: skip
    assert compatible(_report("a", "d1", "2024-05-07", **paris), _report("b", "d2", "2024-05-07"))
    district = dict(paris, place_name="Paris 08 Élysée")  # a gazetteer's finer grain
    assert compatible(_report("a", "d1", "2024-05-07", **paris),
                      _report("b", "d2", "2024-05-07", **district))  # fmt: skip
    new_york = dict(place_name="New York", place_country="USA", place_feature="city")
    new_town = dict(new_york, place_name="New Town")
    assert not compatible(_report("a", "d1", "2024-05-07", **new_york),
                          _report("b", "d2", "2024-05-07", **new_town))  # fmt: skip


def test_merge_corpus_blocks_by_family_and_pair() -> None:
    strike = _report("a", "d1", "2024-06-02", type="ASSAULT", actors=frozenset({"RUS"}),
                     recipients=frozenset({"UKR"}))  # fmt: skip
    coerced = _report("b", "d2", "2024-06-02", type="COERCE", actors=frozenset({"RUS"}),
                      recipients=frozenset())  # fmt: skip
    assert block_keys(strike) == block_keys(coerced) == {("ASSAULT", "RUS", "")}
    assert compatible(strike, coerced)  # an unnamed target fits any target
    assert block_keys(_report("c", "d3", "2024-06-02")) == {("CONSULT", "DEU", "FRA")}
    assert not linkable(_report("d", "d4", "2024-01-01", last=date(2024, 12, 31)))  # a year


def test_merge_corpus_a_vague_date_joins_one_meeting_without_bridging_two() -> None:
    first = [_report(f"m1-{i}", f"d{i}", "2024-05-07") for i in range(3)]
    later = [_report(f"m2-{i}", f"e{i}", "2024-05-28") for i in range(2)]
    month = _report("may", "f", "2024-05-01", last=date(2024, 5, 31))
    groups = group_reports([*first, *later, month])
    members = sorted(sorted(event_id for event_id, _ in group) for group in groups)
    assert ["m2-0", "m2-1"] in members or ["m2-0", "m2-1", "may"] in members
    assert not any({"m1-0", "m2-0"} <= set(group) for group in members)
    assert sum(len(group) for group in members) == 6  # every report in exactly one occasion


def test_merge_corpus_text_keeps_two_statements_of_one_day_apart() -> None:
    call = [_report(f"c{i}", f"d{i}", "2024-08-05", vector=np.array([1, 0, 0, 0], np.float32))
            for i in range(2)]  # fmt: skip
    talks = [_report(f"t{i}", f"e{i}", "2024-08-05", vector=np.array([0, 1, 0, 0], np.float32))
             for i in range(2)]  # fmt: skip
    groups = group_reports([*call, *talks])
    assert sorted(sorted(e for e, _ in g) for g in groups) == [["c0", "c1"], ["t0", "t1"]]
    assert all(score == 1.0 for group in groups for _, score in group)


def test_merge_corpus_occasion_ids_are_stable() -> None:
    assert occasion_id(["b", "a"]) == occasion_id(["a", "c"]) != occasion_id(["b", "c"])
    assert occasion_id(["a"]).startswith("occ-")


def test_merge_corpus_multilingual_vectors_survive_the_store_format() -> None:
    french, english, other = embed(
        [
            "Le Kenya et l'Éthiopie ont signé un accord sur l'eau du lac Turkana.",
            "Kenya and Ethiopia signed an agreement on the water of Lake Turkana.",
            "La police a dispersé une manifestation d'étudiants à Santiago.",
        ]
    )
    stored = [from_bytes(to_bytes(v)) for v in (french, english, other)]
    assert abs(float(stored[0] @ stored[1]) - float(french @ english)) < 0.01
    assert float(stored[0] @ stored[1]) > 0.6 > 0.3 > float(stored[0] @ stored[2])
    assert not embed([""]).any()  # no text, no direction
