"""French words for time: months, weekdays, numbers, units, and the verb forms that show tense.

Kept apart from the patterns (:mod:`annales.time.grammar_fr`) so that the grammar reads as a
grammar. Regular-expression fragments accept the spelling without accents that wire copy and
headlines in capitals often use ("fevrier", "aout").
"""

from __future__ import annotations

import re

from annales.time.rules import Direction, Reading, previous_words, sentence_bounds

__all__ = [
    "APOS",
    "CONDITIONAL_WORD",
    "DAY",
    "MONTH",
    "MONTH_WORD",
    "NUMBER",
    "NUMBER_WORDS",
    "PART",
    "PARTS",
    "REL",
    "UNIT",
    "UNITS",
    "WEEKDAY",
    "direction_word",
    "month_number",
    "season_code",
    "tense_fr",
    "unit_code",
    "weekday_number",
]

APOS = "['’]"

_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}  # fmt: skip
_SEASONS = {"printemps": "SP", "ete": "SU", "automne": "FA", "hiver": "WI"}
PARTS = {
    "matin": "MO", "matinee": "MO", "apres-midi": "AF", "soir": "EV", "soiree": "EV",
    "nuit": "NI", "journee": "DT", "midi": "MI",
}  # fmt: skip
# unit word (without accents, singular) -> ISO 8601 designator and the relative unit name
UNITS = {
    "seconde": ("TS", None), "minute": ("TM", None), "heure": ("TH", None), "jour": ("D", "day"),
    "journee": ("D", "day"), "semaine": ("W", "week"), "mois": ("M", "month"),
    "an": ("Y", "year"), "annee": ("Y", "year"), "decennie": ("DE", "year"),
    "siecle": ("CE", "year"),
}  # fmt: skip
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
}  # fmt: skip

MONTH_WORD = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre"
    r"|d[ée]cembre)"
)
MONTH = rf"(?:{MONTH_WORD}|(?:janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c)\.)"
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
DAY = r"(?:1er|1ᵉʳ|premier|[12]\d|3[01]|0?[1-9])(?![\d,.]\d|\s*(?:h\b|%))"
REL = (
    r"(?:derni(?:er|ère|ere)s?|prochaine?s?|pass[ée]e?s?|pr[ée]c[ée]dente?s?|suivante?s?"
    r"|qui\s+vient|à\s+venir|en\s+cours)"
)
PART = r"(?:matin(?:ée)?|apr[èe]s-midi|soir(?:ée)?|nuit|midi)"
_NUMBER_ALT = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMBER = (
    rf"(?:\d+(?:[.,]5)?|(?:{_NUMBER_ALT})(?:(?:-|\s+et\s+|-et-)(?:{_NUMBER_ALT}))*"
    r"|quelques|plusieurs|des|une\s+dizaine\s+d[e'’]|une\s+vingtaine\s+d[e'’])"
)
UNIT = (
    r"(?:secondes?|minutes?|heures?|jours?|journ[ée]es?|semaines?|mois|ans|an|ann[ée]es?"
    r"|d[ée]cennies?|si[èe]cles?)"
)

_ACCENTS = str.maketrans("àâäéèêëîïôöûüùç", "aaaeeeeiioouuuc")


def fold(word: str) -> str:
    """Lowercase without accents or final dot: the key of every lexicon table."""
    return word.lower().translate(_ACCENTS).rstrip(".")


def month_number(word: str) -> int:
    return _MONTHS[fold(word)]


def weekday_number(word: str) -> int:
    return _WEEKDAYS[fold(word)]


def season_code(word: str) -> str:
    return _SEASONS[fold(word)]


def unit_code(word: str) -> tuple[str, str | None]:
    key = fold(word)
    key = key if key in UNITS else key[:-1]  # plural
    return UNITS[key]


def direction_word(word: str | None) -> Direction | None:
    """Past for "dernier", "passé", "précédent"; future for "prochain", "qui vient"."""
    if not word:
        return None
    key = fold(word)
    if key.startswith(("dernier", "derniere", "passe", "precedent")):
        return "past"
    if key.startswith(("prochain", "qui", "a venir")):
        return "future"
    return None


# --- tense --------------------------------------------------------------------------------------
# Cheap cues read from the words of the sentence; the verb nearest the expression decides.
_PARTICIPLE = r"\w+(?:é|ée|és|ées|i|is|ie|ies|it|ite|u|ue|us|ues|ert|erte|ort|ints?|eint|aint)"
_ADVERBS = (
    r"(?:(?:déjà|ainsi|aussi|encore|bien|également|pas|jamais|notamment|toutefois|finalement"
    r"|enfin|récemment|longtemps|ensuite|alors|même|d['’]abord|plus|officiellement)\s+)*"
)
_MOTION = (
    r"(?:all|arriv|ven|part|mort|n|décéd|tomb|entr|sort|rest|deven|reven|rentr|retourn|pass"
    r"|mont|descend|interven|surven|apparu|parven)\w*"
)
# The conditional (future in the past, or a plan): "rendrait", "devrait", "aurait". Imperfects
# of verbs in -rer/-rir ("tirait", "ouvrait") look the same and are left out.
_CONDITIONAL = (
    r"(?!\w*(?:tir|pir|mir|vir|livr|ouvr|couvr|œuvr|serr|barr|err|terr|dur|sur|gur|jur|cur)"
    r"(?:ait|aient)\b)"
    r"\w*(?:erait|eraient|irait|iraient|drait|draient|ttrait|ttraient|vrait|vraient|rrait"
    r"|rraient|urait|uraient|oirait|uirait|uiraient|îtrait|îtraient)"
)
_PAST = re.compile(
    rf"\b(?:(?:a|ont|avait|avaient|avons|avez|ai|eut|eurent|aurait|auraient)\s+{_ADVERBS}"
    rf"(?!lieu\b)(?:été\s+)?{_PARTICIPLE}"
    rf"|(?:s{APOS}\s*(?:est|était)|se\s+(?:sont|étaient)|est|sont|était|étaient)\s+{_ADVERBS}"
    rf"{_MOTION}"
    rf"|s{APOS}\s*(?:est|était)|se\s+sont|fut|furent|\w+èrent"
    r"|(?!(?:fait|sait|lait|trait|souhait|portrait|attrait|extrait|parfait|retrait|forfait"
    r"|bienfait|méfait|distrait|abstrait|plaît|refait|satisfait|jamais)\b)"
    rf"(?!{_CONDITIONAL}\b)\w{{2,}}(?:ait|aient)"
    r")\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:(?:va|vont|allait|allaient|devrait|devraient|doit|doivent|devra|devront|compte"
    r"|comptent|entend|entendent|pourrait|pourraient|pourra|pourront)\s+"
    r"(?:\w+\s+)?(?:[smt]['’]|se\s+)?\w+(?:er|ir|re|oir)"
    r"|prévue?s?|programmée?s?|à\s+venir|d['’]ici|attendue?s?\s+(?:le|pour)"
    r"|(?!(?:sahara|caméra|opéra|extra|ultra|cobra|mantra|agora|tiara|front|affront|ront)\b)"
    r"[a-zàâäéèêëîïôöûüç]{2,}(?:ra|ront)"
    rf"|{_CONDITIONAL})\b",
)
# The present of an announcement: "se tient", "se rend", "a lieu", "est organisée", "sont appelés".
_PRESENT = re.compile(
    rf"(?<![’'])\b(?:(?:a|ont)\s+lieu|se\s+{_ADVERBS}(?!\w*(?:ait|aient)\b)"
    rf"\w+(?:e|es|ent|it|ient|nd|ndent|ennent)"
    rf"|(?<!\bse\s)(?:est|sont)\s+{_ADVERBS}(?!{_MOTION}\b|été\b){_PARTICIPLE})\b",
    re.IGNORECASE,
)
CONDITIONAL_WORD = re.compile(rf"{_CONDITIONAL}$", re.IGNORECASE)
_BREAK = re.compile(r"[,;:()«»\"]")


# Farther than this, a verb is seldom the one the expression modifies.
_REACH = 50


def tense_fr(text: str, start: int, end: int) -> Reading:
    """Past, future or present from the tense cue nearest ``[start, end)`` in its sentence."""
    before = previous_words(text, start, 1)
    if before and before[0] == "depuis":
        return "past"  # "fermé depuis vendredi"
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, Reading] | None = None
    cues: tuple[tuple[Reading, re.Pattern[str]], ...] = (
        ("past", _PAST),
        ("future", _FUTURE),
        ("present", _PRESENT),
    )
    for direction, pattern in cues:
        for match in pattern.finditer(text, left, right):
            if match.start() < end and start < match.end():
                continue  # the expression itself ("prochain" is handled as a word)
            if match.end() <= start:
                gap, between = start - match.end(), text[match.end() : start]
            else:
                gap, between = match.start() - end, text[end : match.start()]
            if gap > _REACH:
                continue
            if _BREAK.search(between):
                gap += _REACH  # a verb beyond a comma is less likely the one that governs
            if best is None or gap < best[0]:
                best = (gap, direction)
    return best[1] if best else None
