"""Trigger lexicons: data files that map words to PLOVER event types.

A lexicon is a YAML file (see ``annales/data/lexicons/fr.yaml`` and ``docs/lexicons.md``). It is
validated on load: a bad entry raises :class:`DataError` naming the file and the line. Users extend
the shipped lexicon with their own files (``load_lexicon(lang, extra=[...])`` or the
``ANNALES_LEXICON_PATH`` environment variable, a list of files separated by ``os.pathsep``);
an entry of theirs with the same ``id`` replaces the shipped one.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from annales.errors import DataError
from annales.model import EVENT_TYPES, PLOVER_CONTEXTS

__all__ = ["Cue", "Lexicon", "LexiconFile", "TriggerRule", "load_lexicon", "normalise"]

Cue = tuple[str, ...]  # normalised words of a context cue; one ending in "*" is a prefix

_FIELDS = {
    "id", "type", "mode", "context", "pos", "triggers", "requires", "excludes", "requires_object",
    "de", "subject", "promise", "keeps_negation", "own_object", "implied_target", "only_negated",
    "internal", "confidence",
}  # fmt: skip
_POS = {"verb", "noun", "any"}


@lru_cache(maxsize=1 << 15)  # the frequent words come back in every sentence; bounded
def normalise(word: str) -> str:
    """Lower case without accents, with typographic apostrophes made plain (for matching)."""
    word = word.lower().replace("’", "'").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class TriggerRule:
    """One lexicon entry with one of its trigger lemma sequences."""

    id: str
    type: str
    lemmas: tuple[str, ...]  # normalised lemmas, without the reflexive marker
    reflexive: bool = False
    mode: str | None = None
    context: tuple[str, ...] = ()
    pos: str = "any"
    requires: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    requires_object: tuple[str, ...] = ()
    de_role: str = "actor"
    subject_role: str = "actor"
    promise: bool = False
    keeps_negation: bool = False  # idioms whose negation is part of their sense
    own_object: bool = False  # the object is the actor's own: its envoy, its troops
    # False for feelings ("préoccupé par l'escalade"): they blame only whom the text names, never
    # implied belligerents nor the country where it happens.
    implied_target: bool = True
    # True for approval words whose negation is the event ("n'est pas acceptable": ACCUSE);
    # unnegated they code nothing.
    only_negated: bool = False
    # True for acts a state does to its own people (executions, arrests, repression): told with
    # no author, they are the state's where they happen, against its people.
    internal: bool = False
    confidence: float = 0.8
    source: str = ""  # "file:line" of the entry, for explanations


@dataclass
class Lexicon:
    """All trigger rules of one language, indexed by the first lemma of their sequence."""

    lang: str
    rules: list[TriggerRule]
    version: str = "1"
    context_cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_first: dict[str, list[TriggerRule]] = {}
        # Longer sequences first, so "appel téléphonique" wins over "appel".
        for rule in sorted(self.rules, key=lambda r: -len(r.lemmas)):
            self.by_first.setdefault(rule.lemmas[0], []).append(rule)

    def entries(self) -> list[str]:
        return sorted({rule.id for rule in self.rules})


def _lines_of_entries(text: str) -> list[int]:
    """Line numbers (1-based) of each item of the top-level ``entries`` list."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _as_tuple(value: Any, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise DataError(f"{where}: '{name}' must be a string or a list of strings")


def _words(phrase: str) -> Cue:
    """Normalised words of a trigger or cue; "l'" and "d'" stay words of their own."""
    words = [normalise(w) for w in phrase.replace("'", "' ").split()]
    return tuple(w[:-1] if w.endswith("'") and len(w) > 2 else w for w in words)


def _checked_contexts(value: Any, where: str) -> tuple[str, ...]:
    names = _as_tuple(value, where, "context")
    for name in names:
        if name not in PLOVER_CONTEXTS:
            known = ", ".join(sorted(PLOVER_CONTEXTS))
            raise DataError(f"{where}: unknown context {name!r}; use one of {known}")
    return names


def _cues_of(data: Any, where: str) -> dict[str, tuple[Cue, ...]]:
    """The ``contexts`` section: context name -> cue words."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(f"{where}: 'contexts' must map context names to lists of cue words")
    cues = {}
    for name, phrases in data.items():
        _checked_contexts(str(name), where)
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise DataError(f"{where}: context {name!r} needs a list of non-empty cue strings")
        cues[str(name)] = tuple(_words(p) for p in phrases)
    return cues


def _rules_of(entry: Any, where: str) -> list[TriggerRule]:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: an entry must be a mapping with 'id', 'type' and 'triggers'")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise DataError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}")
    for name in ("id", "type", "triggers"):
        if not entry.get(name):
            raise DataError(f"{where}: entry has no '{name}'")
    kind = str(entry["type"]).upper()
    if kind not in EVENT_TYPES:
        raise DataError(f"{where}: unknown event type {entry['type']!r}; use one of {EVENT_TYPES}")
    pos = str(entry.get("pos", "any"))
    if pos not in _POS:
        raise DataError(f"{where}: 'pos' must be one of {sorted(_POS)}, not {pos!r}")
    de_role = str(entry.get("de", "actor"))
    subject_role = str(entry.get("subject", "actor"))
    for name, value in (("de", de_role), ("subject", subject_role)):
        if value not in {"actor", "recipient"}:
            raise DataError(f"{where}: '{name}' must be 'actor' or 'recipient', not {value!r}")
    try:
        confidence = float(entry.get("confidence", 0.8))
    except (TypeError, ValueError):
        raise DataError(f"{where}: 'confidence' must be a number between 0 and 1") from None
    if not 0.0 <= confidence <= 1.0:
        raise DataError(f"{where}: 'confidence' must be between 0 and 1, not {confidence}")
    rules = []
    for trigger in _as_tuple(entry["triggers"], where, "triggers"):
        words = list(_words(trigger))
        reflexive = len(words) > 1 and words[0] in {"se", "s'"}
        lemmas = tuple(words[1:] if reflexive else words)
        if not lemmas:
            raise DataError(f"{where}: empty trigger {trigger!r}")
        rules.append(
            TriggerRule(
                id=str(entry["id"]),
                type=kind,
                lemmas=lemmas,
                reflexive=reflexive,
                mode=entry.get("mode"),
                context=_checked_contexts(entry.get("context"), where),
                pos=pos,
                requires=tuple(
                    normalise(w) for w in _as_tuple(entry.get("requires"), where, "requires")
                ),
                excludes=tuple(
                    normalise(w) for w in _as_tuple(entry.get("excludes"), where, "excludes")
                ),
                requires_object=tuple(
                    normalise(w)
                    for w in _as_tuple(entry.get("requires_object"), where, "requires_object")
                ),
                de_role=de_role,
                subject_role=subject_role,
                promise=bool(entry.get("promise", False)),
                keeps_negation=bool(entry.get("keeps_negation", False)),
                own_object=bool(entry.get("own_object", False)),
                implied_target=bool(entry.get("implied_target", True)),
                only_negated=bool(entry.get("only_negated", False)),
                internal=bool(entry.get("internal", False)),
                confidence=confidence,
                source=where,
            )
        )
    return rules


@dataclass
class LexiconFile:
    """What one lexicon file holds."""

    lang: str
    rules: list[TriggerRule]
    context_cues: dict[str, tuple[Cue, ...]]


def read_lexicon_file(path: Path | str, text: str | None = None) -> LexiconFile:
    """Parse and validate one lexicon file."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8") if text is None else text
        data = yaml.safe_load(text)
        lines = _lines_of_entries(text)
    except OSError as err:
        raise DataError(f"{name}: cannot read lexicon: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise DataError(f"{name}{line}: not valid YAML: {getattr(err, 'problem', err)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise DataError(f"{name}: a lexicon needs a top-level 'entries' list")
    entries = data.get("entries") or []
    if not entries and not data.get("contexts"):
        raise DataError(f"{name}: a lexicon needs 'entries' (triggers) or 'contexts' (cues)")
    lang = str(data.get("language", ""))
    rules: list[TriggerRule] = []
    for number, entry in enumerate(entries):
        entry_line = lines[number] if number < len(lines) else 0
        rules.extend(_rules_of(entry, f"{name}:{entry_line}"))
    return LexiconFile(lang, rules, _cues_of(data.get("contexts"), name))


def _user_files() -> list[Path]:
    value = os.environ.get("ANNALES_LEXICON_PATH", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def load_lexicon(lang: str = "fr", extra: Iterable[Path | str] = ()) -> Lexicon:
    """The shipped lexicon for ``lang`` merged with the user's files (same ``id`` replaces)."""
    extra = tuple(str(p) for p in extra) + tuple(str(p) for p in _user_files())
    return _load(lang, extra)


@cache
def _load(lang: str, extra: tuple[str, ...]) -> Lexicon:
    """The merged lexicon, compiled once and then read from the user's cache folder (see
    :mod:`annales.cache`): the key hashes the shipped file and the user's files, so editing
    either rebuilds it."""
    from annales.cache import cached, content_key, source_files

    shipped = resources.files("annales") / "data" / "lexicons" / f"{lang}.yaml"
    code = source_files(__name__, "annales.model")
    try:
        key = content_key("lexicon", lang, shipped.read_bytes(), *extra, files=[*code, *extra])
    except OSError:  # a missing file: the build below says which, as a DataError
        return _build(lang, extra)
    return cached(f"lexicon-{lang}", key, lambda: _build(lang, extra))


def _build(lang: str, extra: tuple[str, ...]) -> Lexicon:
    shipped = resources.files("annales") / "data" / "lexicons" / f"{lang}.yaml"
    if not shipped.is_file():
        raise DataError(
            f"no trigger lexicon for language {lang!r} (expected data/lexicons/{lang}.yaml)"
        )
    base = read_lexicon_file(f"annales/data/lexicons/{lang}.yaml", shipped.read_text("utf-8"))
    rules, cues = base.rules, dict(base.context_cues)
    for path in extra:
        user = read_lexicon_file(path)
        if user.lang and user.lang != lang:
            continue
        replaced = {rule.id for rule in user.rules}
        rules = [rule for rule in rules if rule.id not in replaced] + user.rules
        for name, more in user.context_cues.items():  # a user's cues add to the shipped ones
            cues[name] = cues.get(name, ()) + more
    return Lexicon(lang=lang, rules=rules, context_cues=cues)
