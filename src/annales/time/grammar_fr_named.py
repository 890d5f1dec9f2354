"""French expressions that name a day instead of writing it, part of the French grammar.

- anaphoric days and spans: "le lendemain", "la veille au soir", "le même jour", "deux jours
  plus tard", "trois semaines auparavant", counted from the last date of the narrative
  (:attr:`Spec.anaphoric <annales.time.rules.Spec>`; :mod:`annales.time.find` keeps that date);
- holidays: Christmas, All Saints' Day, Easter and the feasts computed from it
  (:mod:`annales.time.holidays`), with a year or "dernier"/"prochain" when written;
- the present as a day: "désormais", "dorénavant", "jusqu'ici" (TimeML gives the publication day);
- years of two digits after a cue: "en 96", "depuis 99", "fin 98", "les grèves de 95".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annales.time.lexicon_fr import APOS, NUMBER, NUMBER_WORDS, REL, direction_word, fold
from annales.time.rules import Builder, Mention, Rule, Spec, number_value, previous_words

__all__ = ["NAMED_RULES"]

_START = r"(?<![\w-])"
_END = r"(?![\w-])"
_YEAR = rf"(?P<year>(?:1\d|20)\d\d|{APOS}?\d\d)(?![\w-]|[,.]\d)"

# --- anaphoric days -------------------------------------------------------------------------
_ANAPHORIC_DAYS = {
    "la veille": -1,
    "le lendemain": 1,
    "l'avant-veille": -2,
    "le surlendemain": 2,
    "le jour meme": 0,
    "le meme jour": 0,
    "ce meme jour": 0,
    "ce jour-la": 0,
    "le jour suivant": 1,
    "le jour d'apres": 1,
    "le jour precedent": -1,
    "le jour d'avant": -1,
}
_PARTS = {"matin": "MO", "soir": "EV", "apres-midi": "AF", "nuit": "NI"}


def _anaphoric_day(match: re.Match[str], text: str) -> Sequence[Mention]:
    key = " ".join(fold(match["day"]).replace("’", "'").split())
    part = _PARTS.get(fold(match["part"] or "").replace("è", "e"))
    spec = Spec(
        kind="TIME" if part else "DATE",
        unit="day",
        offset=_ANAPHORIC_DAYS[key],
        part=part,
        anaphoric=True,
    )
    return [Mention(match.start(), match.end(), spec, "fr.anaphoric")]


_UNITS = {"jour": "day", "semaine": "week", "mois": "month", "an": "year", "annee": "year"}


def _later(match: re.Match[str], text: str) -> Sequence[Mention]:
    """ "deux jours plus tard", "trois semaines auparavant": from the narrative's last date."""
    raw = fold(match["n"])
    count = number_value(raw, NUMBER_WORDS)
    if count is None:
        return []  # "quelques jours plus tard": no day can be named
    word = fold(match["unit"])
    unit = _UNITS.get(word, _UNITS.get(word[:-1], "day"))
    if unit == "week":
        unit, count = "day", 7 * count  # "une semaine plus tard" names a day
    sign = -1 if fold(match["dir"]).startswith(("auparavant", "avant", "plus tot")) else 1
    spec = Spec(unit=unit, offset=sign * count, anaphoric=True)
    return [Mention(match.start(), match.end(), spec, "fr.later")]


# --- the present as a day --------------------------------------------------------------------
def _present_day(match: re.Match[str], text: str) -> Sequence[Mention]:
    return [Mention(match.start(), match.end(), Spec(unit="day", offset=0), "fr.present-day")]


# --- short years -----------------------------------------------------------------------------
# Before "de", two digits are a quantity, not a year ("plus de 95", "âgé de 12").
_QUANTITY_WORDS = frozenset(
    {
        "plus", "moins", "près", "passé", "passée", "passés", "âgé", "âgée", "âgés", "âgées",
        "hausse", "baisse", "environ", "total", "moyenne", "taux", "nombre", "score", "vitesse",
        "groupe", "série", "lot", "tranche", "départ", "chute", "progression", "recul",
    }
)  # fmt: skip


def _short_year(match: re.Match[str], text: str) -> Sequence[Mention]:
    """ "en 96", "depuis 99", "fin 98", "les grèves de 95": a year of two digits after a cue."""
    after = text[match.end() : match.end() + 30]
    if re.match(r"\s*(?:%|[a-zà-ÿ]+[sx]\b|ans?\b|h\b|(?:à|et|-)\s*\d)", after):
        return []  # "en 20 minutes", "de 80 à 95 %": a count
    if fold(match["cue"] or "") == "de":
        before = previous_words(text, match.start(), 1)
        if not before or before[0] in _QUANTITY_WORDS or not before[0].isalpha():
            return []
    digits = match["year"].lstrip("'’")
    start = match.start() if match["mod"] else match.start("year")
    spec = Spec(year=int(digits), two_digit_year=True)
    return [Mention(start, match.end(), spec, "fr.short-year")]


# --- holidays ----------------------------------------------------------------------------------
# Names are matched with their capital: "l'ascension du mont Blanc" and "les rameaux d'olivier"
# are no feasts. Longer names first ("lundi de Pâques" before "Pâques").
_HOLIDAYS: tuple[tuple[str, str], ...] = (
    (r"(?:veille|r[ée]veillon)\s+de\s+No[eë]l", "christmas-eve"),
    (r"No[eë]l", "christmas"),
    (r"(?:r[ée]veillon\s+de\s+la\s+)?Saint-Sylvestre", "new-year-eve"),
    (rf"(?:jour|premier)\s+de\s+l{APOS}[Aa]n|Nouvel\s+An", "new-year"),
    (r"[ÉE]piphanie", "epiphany"),
    (r"Chandeleur", "candlemas"),
    (r"Saint-Valentin", "valentine"),
    (r"[Ff][êe]te\s+du\s+[Tt]ravail", "labour-day"),
    (r"[Ff][êe]te\s+de\s+la\s+[Mm]usique", "music-day"),
    (r"Assomption", "assumption"),
    (r"Toussaint", "all-saints"),
    (r"Halloween", "halloween"),
    (r"[Mm]ardi\s+[Gg]ras", "shrove-tuesday"),
    (r"[Mm]ercredi\s+des\s+[Cc]endres", "ash-wednesday"),
    (r"(?:[Dd]imanche\s+des\s+)?Rameaux", "palm-sunday"),
    (r"[Jj]eudi\s+[Ss]aint", "maundy-thursday"),
    (r"[Vv]endredi\s+[Ss]aint", "good-friday"),
    (r"[Ss]amedi\s+[Ss]aint", "holy-saturday"),
    (r"[Ll]undi\s+de\s+P[âa]ques", "easter-monday"),
    (r"(?:[Dd]imanche\s+de\s+)?P[âa]ques", "easter"),
    (rf"(?:[Jj]eudi\s+de\s+l{APOS})?Ascension", "ascension"),
    (r"[Ll]undi\s+de\s+(?:la\s+)?Pentec[ôo]te", "whit-monday"),
    (r"(?:[Dd]imanche\s+de\s+(?:la\s+)?)?Pentec[ôo]te", "pentecost"),
)


def _holiday(name: str, key: str) -> Rule:
    def build(match: re.Match[str], text: str) -> Sequence[Mention]:
        if re.match(r"\s+[A-ZÉ][a-zé]", text[match.end() : match.end() + 3]):
            return []  # "Noël Mamère", "Toussaint Louverture": a name
        before = previous_words(text, match.start(), 2)
        if len(before) == 2 and before[1] == "de" and before[0].endswith("île"):
            return []  # "l'île de Pâques"
        raw = match["year"]
        year = int(raw.lstrip("'’")) if raw else None
        rel = match["rel"]
        spec = Spec(
            year=year,
            two_digit_year=bool(raw) and len(raw.lstrip("'’")) == 2,
            holiday=key,
            direction=direction_word(rel),
        )
        return [Mention(match.start(), match.end(), spec, f"fr.holiday.{key}")]

    pattern = (
        rf"{_START}(?:(?:[Ll]a|[Ll]e|[Ll]es|[Ll]{APOS})\s*)?(?:{name})"
        rf"(?:\s+{_YEAR})?(?:\s+(?P<rel>{REL}))?{_END}"
    )
    return Rule(f"fr.holiday.{key}", re.compile(pattern), build)


def _rule(name: str, pattern: str, build: Builder) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), build)


_UNIT = r"jours?|journées?|semaines?|mois|ans|an|années?"

NAMED_RULES: tuple[Rule, ...] = (
    _rule(
        "fr.anaphoric",
        rf"{_START}(?P<day>la\s+veille|le\s+lendemain|l{APOS}avant-veille|le\s+surlendemain|"
        rf"le\s+jour\s+même|(?:le|ce)\s+même\s+jour|ce\s+jour-là|le\s+jour\s+(?:suivant|"
        rf"précédent|d{APOS}après|d{APOS}avant))(?:\s+(?:au\s+|dans\s+la\s+)?"
        rf"(?P<part>matin|soir|après-midi|nuit))?{_END}",
        _anaphoric_day,
    ),
    _rule(
        "fr.later",
        rf"{_START}(?P<n>{NUMBER})\s+(?P<unit>{_UNIT})\s+(?P<dir>plus\s+tard|plus\s+tôt|"
        r"auparavant|(?:après|avant)(?=\s*[,.;:!?)]|\s*$))",
        _later,
    ),
    _rule(
        "fr.present-day",
        rf"{_START}(?:désormais|dorénavant|jusqu{APOS}(?:ici|à\s+présent|à\s+maintenant)){_END}",
        _present_day,
    ),
    _rule(
        "fr.short-year",
        rf"{_START}(?:(?P<mod>(?:d[ée]but|fin|mi)(?:\s*-\s*|\s+))|"
        rf"(?P<cue>en|depuis|dès|jusqu{APOS}en|de|d{APOS}ici)\s+)(?P<year>{APOS}?\d\d)"
        r"(?![\w-]|[,.]\d)",
        _short_year,
    ),
    *(_holiday(name, key) for name, key in _HOLIDAYS),
)
