"""Language profiles: what the language-neutral stages need to know about one language.

Each language is a folder, ``annales/lang/<code>/``, holding ``profile.yaml``: the spaCy
package, the dependency labels of its parser, the closed word classes (negators, auxiliaries,
prepositions of the recipient, third-person pronouns, function words), the words of locatives, the
head nouns that give an actor its sector, and the coders that serve the language. The trigger
lexicon stays in ``data/lexicons/<code>.yaml`` and the event model in
``data/models/events-<code>.npz``. Generic code reads a profile and never tests which language it
is; a new language is a new folder (``docs/languages.md``).

Profiles are validated on load: a missing key or a wrong type raises :class:`DataError` naming the
file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module, resources
from pathlib import Path
from typing import Any

import yaml

from annales.errors import ConfigError, DataError

__all__ = [
    "IssuerWords",
    "LanguageProfile",
    "PlaceWords",
    "get_profile",
    "known_languages",
    "supported_languages",
]

_DEPENDENCY_KEYS = (
    "subject", "passive_subject", "object", "marker", "marker_object", "agent", "possessive",
    "modifier", "negation", "auxiliary", "clause", "relative", "shares_subject",
    "object_control", "time_modifier",
)  # fmt: skip
_WORD_KEYS = (
    "recipient_markers", "agent_markers", "genitive_markers", "control_verbs",
    "control_markers", "negators", "future_auxiliaries", "conditional_auxiliaries",
    "plan_verbs", "commitment_verbs", "refusal_verbs", "possibility_verbs", "plan_adjectives",
    "generic_adverbs", "allegation_verbs", "third_person", "quantity_nouns",
    "plural_endings", "articles", "function_words",
)  # fmt: skip
_OPTIONAL_WORD_KEYS = (
    "contracted_markers", "exonyms", "negation_adverbs", "title_of", "title_links",
    "definite_articles", "pair_determiners", "pairable_titles", "country_pairs", "body_place",
    "issuer_possessives", "in_power", "ally_nouns", "side_pairs",
    "fighting_words", "abbreviations", "honorifics", "partner_nouns",
)  # fmt: skip
_STATUSES = ("supported", "stub")


def _fold(word: str) -> str:
    # The lexicon's normalisation (lower case, no accents), imported late: it is cheap but lives
    # in the events stage.
    from annales.events.lexicon import normalise

    return normalise(word)


@dataclass(frozen=True)
class VerbLemmaRepair:
    """Verbs the lemmatizer leaves inflected: ``stem + ending`` may be read as ``stem +
    infinitive`` ("demande" -> "demander") when the lemma has no infinitive ending."""

    endings: tuple[str, ...]
    infinitive: str
    infinitive_endings: tuple[str, ...]

    def variants(self, lemma: str, *, guarded: bool = True) -> list[str]:
        """``guarded``: none for a lemma that already has an infinitive ending (the tagger said
        verb); unguarded, any word's stem is tried (a first pass that has no tagger)."""
        if guarded and lemma.endswith(self.infinitive_endings):
            return []
        for ending in self.endings:
            if lemma.endswith(ending) and len(lemma) > len(ending) + 2:
                return [lemma[: -len(ending)] + self.infinitive]
        return []


@dataclass(frozen=True)
class PlaceWords:
    """The words of locatives (:mod:`annales.places`), lower case as written (accents kept)."""

    prepositions: frozenset[str]
    articles: frozenset[str]
    of: frozenset[str]
    place_words: frozenset[str]
    conjunctions: frozenset[str]
    feature_of: dict[str, str]  # preposition -> the feature it favours ("au" -> country)
    contracted_articles: dict[str, str]  # "au" -> "le"
    person_entities: frozenset[str]  # the parser's labels of people
    name_entities: frozenset[str]  # labels of names that are not places


_PLACE_SETS = ("prepositions", "articles", "of", "place_words", "conjunctions",
               "person_entities", "name_entities")  # fmt: skip


def _place_words(raw: Any, path: Path) -> PlaceWords:
    places = _need(raw, "places", dict, path)
    sets = {}
    for key in _PLACE_SETS:
        _words(places, key, path)  # the same check as every word list (no YAML booleans)
        sets[key] = frozenset(str(w).lower() for w in places[key])
    maps = {key: _need(places, key, dict, path) for key in ("feature_of", "contracted_articles")}
    return PlaceWords(
        **sets,
        feature_of={str(k).lower(): str(v) for k, v in maps["feature_of"].items()},
        contracted_articles={
            str(k).lower(): str(v) for k, v in maps["contracted_articles"].items()
        },
    )


@dataclass(frozen=True)
class IssuerWords:
    """How an official text's title names who speaks (:mod:`annales.actors.coref`), normalised."""

    openers: tuple[str, ...]  # "communique", "joint statement"
    phrase_start: tuple[str, ...]  # "de la", "by"
    phrase_end: tuple[str, ...]  # "sur", "on"
    pronouns: frozenset[str]  # the issuer's voice: "nous", "we"
    # What starts the topic of the text ("sur", "en réponse", "on"): named there, not done.
    topic_markers: tuple[tuple[str, ...], ...]
    date_tail: str  # a regular expression: a date that ends the issuing phrase


def _issuer_words(raw: dict[str, Any], path: Path) -> IssuerWords | None:
    issuer = raw.get("issuer")
    if issuer is None:
        return None
    if not isinstance(issuer, dict):
        raise DataError(f"{path}: 'issuer' must hold openers, phrase_start, phrase_end, pronouns")
    lists = {key: sorted(_words(issuer, key, path), key=len, reverse=True) for key in
             ("openers", "phrase_start", "phrase_end", "pronouns")}  # fmt: skip
    return IssuerWords(
        openers=tuple(lists["openers"]),
        phrase_start=tuple(lists["phrase_start"]),
        phrase_end=tuple(lists["phrase_end"]),
        pronouns=frozenset(lists["pronouns"]),
        topic_markers=tuple(
            tuple(w.split()) for w in sorted(_words(issuer, "topic_markers", path))
        ),
        date_tail=_pattern(issuer, "date_tail", path),
    )


def _pattern(raw: dict[str, Any], key: str, path: Path) -> str:
    value = _need(raw, key, str, path)
    try:
        re.compile(value)
    except re.error as err:
        raise DataError(f"{path}: {key!r} is not a valid regular expression ({err})") from None
    return str(value)


@dataclass(frozen=True)
class LanguageProfile:
    """One language as ``annales/lang/<code>/profile.yaml`` describes it."""

    code: str
    name: str
    status: str  # "supported", or "stub" for a language annales does not code yet
    spacy_package: str
    pip_requirement: str
    coders: dict[str, str]  # coder name -> "module:Class"
    deps: dict[str, frozenset[str]]
    words: dict[str, frozenset[str]]
    places: PlaceWords
    sectors: dict[str, str] = field(default_factory=dict)  # head noun -> PLOVER sector
    # Whether a nationality comes before the noun it qualifies ("the Russian army") or after
    # it ("l'armée russe").
    nationality_before_noun: bool = False
    # The cheap first pass (annales.nlp.select): grammatical words that are never a trigger's key
    # word, and subject pronouns; None: every sentence is parsed.
    selection: tuple[frozenset[str], frozenset[str]] | None = None
    issuer: IssuerWords | None = None  # None: no official voice is read in this language
    verb_lemma_repair: VerbLemmaRepair | None = None
    # "au" -> "à", "du" -> "de": what a contracted preposition is, as the lexicon writes it
    contractions: dict[str, str] = field(default_factory=dict)
    path: str = ""

    @property
    def supported(self) -> bool:
        return self.status == "supported"

    def dep(self, key: str) -> frozenset[str]:
        return self.deps[key]

    def word(self, key: str) -> frozenset[str]:
        """The words of ``key``: empty for an optional class the profile leaves out; a key no
        profile can have is a programming error, said at once."""
        if key not in _WORD_KEYS and key not in _OPTIONAL_WORD_KEYS:
            raise KeyError(f"no word class {key!r} in language profiles")
        return self.words.get(key, frozenset())

    def lemma_variants(self, lemma: str, is_verb: bool) -> list[str]:
        """Other spellings under which a (normalised) lemma is looked up in the lexicon."""
        if is_verb and self.verb_lemma_repair is not None:
            return self.verb_lemma_repair.variants(lemma)
        return []

    def stem_guesses(self, lemma: str) -> list[str]:
        """Infinitives ``lemma`` may be an inflected form of, for a pass without a tagger."""
        repair = self.verb_lemma_repair
        return repair.variants(lemma, guarded=False) if repair is not None else []

    def coder_class(self, name: str) -> Callable[..., Any]:
        """The class of the coder ``name`` for this language."""
        if name not in self.coders:
            raise ConfigError(
                f"the {self.name} profile ({self.path}) has no coder {name!r}; "
                f"it has {', '.join(sorted(self.coders))}"
            )
        module, _, attribute = self.coders[name].partition(":")
        try:
            return getattr(import_module(module), attribute)  # type: ignore[no-any-return]
        except (ImportError, AttributeError) as err:
            raise ConfigError(
                f"{self.path}: coder {name!r} names {self.coders[name]!r}, which cannot be "
                f"loaded ({err})"
            ) from None


def _folder() -> Path:
    return Path(str(resources.files("annales") / "lang"))


@cache
def known_languages() -> tuple[str, ...]:
    """Codes of every language with a profile, supported or stub."""
    return tuple(sorted(p.parent.name for p in _folder().glob("*/profile.yaml")))


@cache
def supported_languages() -> tuple[str, ...]:
    """Codes of the languages annales codes."""
    return tuple(code for code in known_languages() if get_profile(code).supported)


@cache
def get_profile(lang: str) -> LanguageProfile:
    """The profile of ``lang`` ("fr", "en"), read and validated once per process."""
    path = _folder() / lang / "profile.yaml"
    if not path.is_file():
        raise ConfigError(
            f"no language profile for {lang!r} (looked for {path}); "
            f"annales knows {', '.join(known_languages())}"
        )
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise DataError(f"{path}: not valid YAML ({err})") from None
    return _profile(raw, path)


def _need(raw: Any, key: str, kind: type, path: Path) -> Any:
    if not isinstance(raw, dict) or key not in raw:
        raise DataError(f"{path}: the key {key!r} is missing")
    value = raw[key]
    if not isinstance(value, kind):
        raise DataError(f"{path}: {key!r} must be a {kind.__name__}, not {value!r}")
    return value


def _words(raw: dict[str, Any], key: str, path: Path) -> frozenset[str]:
    value = _need(raw, key, list, path)
    if not isinstance(value, list):
        raise DataError(f"{path}: {key!r} must be a list of words, not {value!r}")
    for word in value:
        if not isinstance(word, str):
            raise DataError(
                f"{path}: {key!r} holds {word!r}, not a word; quote the words YAML reads as "
                'true, false or numbers ("on", "no", "off", "yes")'
            )
    return frozenset(_fold(w) for w in value)


def _selection(raw: dict[str, Any], path: Path) -> tuple[frozenset[str], frozenset[str]] | None:
    selection = raw.get("selection")
    if selection is None:
        return None
    if not isinstance(selection, dict):
        raise DataError(f"{path}: 'selection' must hold 'grammar' and 'subjects'")
    return _words(selection, "grammar", path), _words(selection, "subjects", path)


def _profile(raw: Any, path: Path) -> LanguageProfile:
    code = _need(raw, "language", str, path)
    if code != path.parent.name:
        raise DataError(f"{path}: language {code!r} does not match its folder {path.parent.name!r}")
    status = _need(raw, "status", str, path)
    if status not in _STATUSES:
        raise DataError(f"{path}: status must be one of {', '.join(_STATUSES)}, not {status!r}")
    spacy = _need(raw, "spacy", dict, path)
    coders = _need(raw, "coders", dict, path)
    for name, target in coders.items():
        if not isinstance(target, str) or ":" not in target:
            raise DataError(f"{path}: coder {name!r} must be written module:Class, not {target!r}")
    dependencies = _need(raw, "dependencies", dict, path)
    words = _need(raw, "words", dict, path)
    for key in _DEPENDENCY_KEYS:
        _need(dependencies, key, list, path)
    for key in _WORD_KEYS:
        _need(words, key, list, path)
    sectors: dict[str, str] = {}
    raw_sectors = raw.get("sectors") or {}
    if not isinstance(raw_sectors, dict):
        raise DataError(f"{path}: 'sectors' must map sectors to their nouns")
    for sector, nouns in raw_sectors.items():
        if not isinstance(nouns, list):
            raise DataError(f"{path}: sector {sector!r} must list its nouns")
        sectors.update({_fold(noun): str(sector) for noun in nouns})
    raw_contractions = raw.get("contractions") or {}
    if not isinstance(raw_contractions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in raw_contractions.items()
    ):
        raise DataError(f"{path}: 'contractions' must map each contracted word to its preposition")
    repair = raw.get("verb_lemma_repair")
    return LanguageProfile(
        code=code,
        name=_need(raw, "name", str, path),
        status=status,
        spacy_package=_need(spacy, "package", str, path),
        pip_requirement=_need(spacy, "pip", str, path),
        coders={str(k): str(v) for k, v in coders.items()},
        deps={key: frozenset(str(d) for d in dependencies[key]) for key in _DEPENDENCY_KEYS},
        words={
            key: _words(words, key, path)
            for key in (*_WORD_KEYS, *_OPTIONAL_WORD_KEYS)
            if key in words
        },
        places=_place_words(raw, path),
        nationality_before_noun=_need(raw, "nationality_before_noun", bool, path),
        selection=_selection(raw, path),
        issuer=_issuer_words(raw, path),
        sectors=sectors,
        contractions={_fold(k): _fold(v) for k, v in raw_contractions.items()},
        verb_lemma_repair=(
            VerbLemmaRepair(
                endings=tuple(_need(repair, "endings", list, path)),
                infinitive=_need(repair, "infinitive", str, path),
                infinitive_endings=tuple(_need(repair, "infinitive_endings", list, path)),
            )
            if repair
            else None
        ),
        path=str(path),
    )
