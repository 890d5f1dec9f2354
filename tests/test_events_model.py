"""The trained event model: its file, its training, and the coders that use it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from annales.errors import DataError, ModelError
from annales.events import available_coders, get_coder
from annales.events.model.classifier import read_event_model
from annales.events.model.corpus import read_examples
from annales.events.model.train import main as train
from annales.pipeline import code_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "training" / "fr"


def test_events_model_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "events-fr.npz"
    with pytest.raises(ModelError, match=r"events-fr\.npz: the event model file is missing"):
        read_event_model(missing)


def test_events_model_damaged_file_is_named(tmp_path: Path) -> None:
    damaged = tmp_path / "events-fr.npz"
    damaged.write_bytes(b"PK\x03\x04 this is not a model")
    with pytest.raises(ModelError, match=r"events-fr\.npz: the event model file is damaged"):
        read_event_model(damaged)


def test_events_model_with_wrong_shapes_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "events-fr.npz"
    np.savez_compressed(
        wrong,
        sparse=np.zeros((8, 2), dtype=np.float16),
        dense=np.zeros((3, 2), dtype=np.float32),
        bias=np.zeros(2, dtype=np.float32),
        labels=np.array(["NONE", "ACCUSE/-"]),
        meta=np.array("{}"),
    )
    with pytest.raises(ModelError, match="dense weights of shape"):
        read_event_model(wrong)


def test_events_model_damaged_file_stops_hybrid_but_not_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "mine.npz"
    damaged.write_text("not a model", encoding="utf-8")
    monkeypatch.setenv("ANNALES_EVENT_MODEL", str(damaged))
    with pytest.raises(ModelError, match=r"mine\.npz"):
        get_coder("hybrid")
    events = code_text("La Turquie condamne l'attaque contre l'ambassade.", coder="rules")
    assert [e.type for e in events] == ["ACCUSE"]


def test_corpus_bad_line_names_file_and_line(tmp_path: Path) -> None:
    corpus = tmp_path / "bad.jsonl"
    good = {"id": "a", "text": "Le Mali expulse l'ambassadeur.", "events": []}
    bad = {
        "id": "b",
        "text": "Le Niger dénonce l'accord.",
        "events": [{"type": "ACCUSE", "trigger": "condamne", "actors": [], "recipients": []}],
    }
    corpus.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.jsonl:2: trigger 'condamne' is not in the text"):
        list(read_examples(corpus))


def test_corpus_files_are_valid() -> None:
    files = sorted(CORPUS.glob("*.jsonl"))
    assert files, "training/fr holds no corpus file"
    for path in files:
        assert list(read_examples(path)), f"{path} is empty"


def test_train_smoke_on_200_examples_is_reproducible(tmp_path: Path) -> None:
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    for out in (first, second):
        train([str(CORPUS), "--out", str(out), "--limit", "200", "--epochs", "2"])
    a, b = read_event_model(first), read_event_model(second)
    assert a.labels == b.labels and "NONE" in a.labels
    assert np.array_equal(a.sparse, b.sparse) and np.array_equal(a.dense, b.dense)
    assert a.meta["examples"] == 200


def test_coders_are_registered() -> None:
    assert {"rules", "model", "hybrid"} <= set(available_coders())


def test_hybrid_event_keeps_its_provenance() -> None:
    events = code_text(
        "Le ministre algérien des Affaires étrangères a condamné mardi les frappes contre Gaza.",
        pub_date="2024-03-05",
        coder="hybrid",
    )
    accusations = [e for e in events if e.type == "ACCUSE"]
    assert accusations, events
    event = accusations[0]
    assert event.coder.startswith("hybrid-fr@") and "+events-fr@" in event.coder
    assert 0.0 < event.confidence <= 1.0
    assert event.rule.startswith("fr:")


def test_the_english_corpus_loads_and_trains(tmp_path: Path) -> None:
    corpus = ROOT / "training" / "en"
    for path in sorted(corpus.glob("*.jsonl")):
        assert list(read_examples(path)), f"{path} is empty"
    out = tmp_path / "en.npz"
    train([str(corpus), "--lang", "en", "--out", str(out), "--limit", "200", "--epochs", "2"])
    model = read_event_model(out)
    assert model.meta["lang"] == "en" and model.meta["examples"] == 200 and "NONE" in model.labels
