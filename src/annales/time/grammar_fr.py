"""The French time grammar: patterns that find expressions and say what they mean.

Each rule is a regular expression over the raw text and a builder that checks the context (a
bare "2015" or "mai" counts only after a word that introduces a date: "en", "depuis", "de"...)
and returns :class:`~annales.time.rules.Mention` objects. Spans follow TimeML: prepositions
("en", "depuis", "au") stay outside, determiners ("le 8 mai", "la semaine dernière") inside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from annales.time.formats import FORMAT_RULES
from annales.time.grammar_fr_named import NAMED_RULES
from annales.time.lexicon_fr import (
    APOS,
    DAY,
    MONTH,
    MONTH_WORD,
    NUMBER,
    NUMBER_WORDS,
    PART,
    PARTS,
    REL,
    UNIT,
    WEEKDAY,
    direction_word,
    fold,
    month_number,
    season_code,
    unit_code,
    weekday_number,
)
from annales.time.rules import (
    Builder,
    Direction,
    Mention,
    Rule,
    Spec,
    duration_value,
    number_value,
    previous_words,
    roman_value,
    run_rules,
)

__all__ = ["RULES", "find_fr"]

_FLAGS = re.IGNORECASE
_START = r"(?<![\w-])"
_END = r"(?![\w-])"
_YEAR4 = r"(?:1\d|20)\d\d"
_YEAR = rf"(?P<year>{_YEAR4}|{APOS}?\d\d)(?![\d,.]\d|\d)"
# "début", "fin", "mi-", "courant", "milieu", with what links them to the period
_MOD = (
    r"(?P<mod>(?:(?:la|le)\s+)?(?:d[ée]but|fin|milieu|courant|mi)(?:\s*-\s*|\s+)"
    rf"(?:du\s+mois\s+)?(?:de\s+(?:la\s+|l{APOS}\s*|cette\s+|ce\s+|cet\s+)?|d{APOS}\s*|du\s+|des\s+)?)"
)

# Words after which a bare year or month is a date ("en 2015", "depuis mai", "de septembre").
_STRONG_CUES = frozenset(
    {
        "en", "depuis", "dès", "jusqu'en", "jusqu’en", "jusqu'à", "jusqu’à", "avant", "après",
        "vers", "courant", "saison", "printemps", "été", "automne", "hiver", "d'ici", "d’ici",
        "horizon", "l'horizon", "l’horizon", "l'an", "l’an", "année", "exercice", "(", "mi",
        "début", "fin", "entre",
    }
)  # fmt: skip
_WEAK_CUES = frozenset({"de", "d'", "d’", "à", "pour", "et", "ou", "au", "du", "sur", "/"})
# Plural words that can follow a number but not a year ("de 2000 soldats" is no date).
_FUNCTION_PLURALS = frozenset(
    {
        "les", "des", "ses", "mes", "tes", "nos", "vos", "leurs", "ces", "dans", "sous", "sans",
        "plus", "moins", "alors", "puis", "depuis", "jamais", "tous", "toutes", "pas", "lors"
    }
)  # fmt: skip
_REL_ANAPHORIC = ("suivant", "precedent")
# Forms of "durer": what follows is a duration ("la grève a duré dix jours").
_LASTS = r"dur(?:e|es|ent|é|ée|ées|és|er|ait|aient|era|eront|erait|eraient)"


def _span(match: re.Match[str], group: str) -> tuple[int, int]:
    return match.start(group), match.end(group)


def _cue_ok(text: str, start: int, end: int) -> bool:
    """Whether a bare year or month at ``[start, end)`` is introduced as a date."""
    before = previous_words(text, start, 2)
    if not before:
        return False
    word = before[-1]
    if word in _STRONG_CUES or word.startswith(("mi-", "l'an", "l’an")):
        return True
    if word not in _WEAK_CUES:
        return False
    if word in {"et", "ou", "/"}:
        return len(before) > 1 and (before[0].isdigit() or before[0] in _STRONG_CUES)
    following = re.match(r"\s+([a-zà-ÿ]+)", text[end : end + 30])
    if following:
        nxt = following.group(1).lower()
        if nxt.endswith(("s", "x")) and nxt not in _FUNCTION_PLURALS:
            return False  # "de 2000 soldats", "à 1500 euros"
    return True


def _year_of(match: re.Match[str]) -> tuple[int | None, bool, int]:
    """The year group as (value, two digits?, end of the year text) with a guard on "93"."""
    raw = match["year"]
    if raw is None:
        return None, False, -1
    digits = raw.lstrip("'’")
    if len(digits) == 2:
        after = match.string[match.end("year") : match.end("year") + 30]
        if re.match(r"\s*(?:%|[a-zà-ÿ]+[sx]\b|ans\b|h\b)", after):
            return None, False, -1  # "le 3 mai 93 personnes": a count, not a year
        return int(digits), True, match.end("year")
    return int(digits), False, match.end("year")


def _direction(match: re.Match[str]) -> tuple[Direction | None, bool]:
    """(direction, anaphoric?) from the REL group ("dernier", "suivant"...)."""
    rel = match.groupdict().get("rel")
    if not rel:
        return None, False
    if fold(rel).startswith(_REL_ANAPHORIC):
        # "le lundi suivant", "le mois précédent": after or before the narrative's last date
        return ("future" if fold(rel).startswith("suivant") else "past"), True
    if fold(rel).startswith("en cours"):
        return None, False
    return direction_word(rel), False


def _part(match: re.Match[str], group: str = "part") -> str | None:
    word = match.groupdict().get(group)
    return PARTS.get(fold(word).replace("è", "e")) if word else None


def _day_month(
    match: re.Match[str], *, day_group: str = "day", start: int | None = None
) -> Mention:
    year, two_digit, year_end = _year_of(match)
    direction, _anaphoric = _direction(match)
    end = match.end()
    if match["year"] and year is None:
        end = match.end("month")
    elif year is not None and year_end > 0 and match.groupdict().get("rel") is None:
        end = year_end
    day_text = fold(match[day_group])
    day = 1 if day_text in {"1er", "1ᵉʳ", "premier"} else int(day_text)
    weekday = match.groupdict().get("wd")
    spec = Spec(
        kind="TIME" if _part(match) else "DATE",
        year=year,
        month=month_number(match["month"]),
        day=day,
        weekday=weekday_number(weekday) if weekday else None,
        two_digit_year=two_digit,
        direction=direction,
        part=_part(match),
    )
    return Mention(match.start() if start is None else start, end, spec, "fr.date")


def _date(match: re.Match[str], text: str) -> Sequence[Mention]:
    return [_day_month(match)]


def _coordinated(match: re.Match[str], text: str) -> Sequence[Mention]:
    # "les 6 et 13 avril": the first day shares month and year with the second.
    second = _day_month(match, start=match.start("day"))
    first_start = match.start() if fold(match["det"]) == "les" else match.start("d1")
    first = Mention(first_start, match.end("d1"), second.spec, "fr.date")
    d1 = fold(match["d1"])
    day = 1 if d1 in {"1er", "1ᵉʳ", "premier"} else int(d1)
    return [
        Mention(first.start, first.end, Spec(**{**second.spec.__dict__, "day": day}), "fr.date"),
        second,
    ]


def _month(match: re.Match[str], text: str) -> Sequence[Mention]:
    year, two_digit, _ = _year_of(match)
    direction, anaphoric = _direction(match)
    bare = not (match["mod"] or match["mois"] or year is not None or match["rel"])
    if bare and not _cue_ok(text, match.start(), match.end()):
        return []
    end = match.end("month") if match["year"] and year is None else match.end()
    spec = Spec(
        year=year,
        month=month_number(match["month"]),
        two_digit_year=two_digit,
        direction=direction,
    )
    return [Mention(match.start(), end, replace(spec, anaphoric=anaphoric), "fr.month")]


def _year(match: re.Match[str], text: str) -> Sequence[Mention]:
    if not (match["mod"] or match["pre"]) and not _cue_ok(text, match.start(), match.end()):
        return []
    first_end = match.end("year2") if match["year2"] is None else match.end("year")
    if match["year2"] is None:
        return [Mention(match.start(), match.end(), Spec(year=int(match["year"])), "fr.year")]
    return [
        Mention(match.start(), first_end, Spec(year=int(match["year"])), "fr.year"),
        Mention(*_span(match, "year2"), Spec(year=int(match["year2"])), "fr.year"),
    ]


# "les années quatre-vingt": decades written in words (TimeML: 198)
_DECADE_WORDS = {
    "vingt": 192, "trente": 193, "quarante": 194, "cinquante": 195, "soixante": 196,
    "soixante-dix": 197, "quatre-vingt": 198, "quatre-vingts": 198, "quatre-vingt-dix": 199,
}  # fmt: skip


def _decade(match: re.Match[str], text: str) -> Sequence[Mention]:
    digits = fold(match["dec"])
    if digits in _DECADE_WORDS:
        decade = _DECADE_WORDS[digits]
    else:
        decade = int(digits[:3]) if len(digits) == 4 else 190 + int(digits[0])
    return [Mention(match.start(), match.end(), Spec(decade=decade), "fr.decade")]


def _century(match: re.Match[str], text: str) -> Sequence[Mention]:
    raw = match["c"].upper()
    number = int(raw) if raw.isdigit() else roman_value(raw)
    if not 1 <= number <= 21:
        return []
    return [Mention(match.start(), match.end(), Spec(century=number - 1), "fr.century")]


_DAY_OFFSETS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "demain": 1, "apres-demain": 2}


def _relative_day(match: re.Match[str], text: str) -> Sequence[Mention]:
    word = fold(match["rel"]).replace("’", "'")
    part = _part(match)
    spec = Spec(kind="TIME" if part else "DATE", unit="day", offset=_DAY_OFFSETS[word], part=part)
    return [Mention(match.start(), match.end(), spec, "fr.relative-day")]


def _this_part(match: re.Match[str], text: str) -> Sequence[Mention]:
    # "ce matin-là": the day the narrative is at, not the publication's
    spec = Spec(kind="TIME", unit="day", offset=0, part=_part(match), anaphoric=bool(match["la"]))
    return [Mention(match.start(), match.end(), spec, "fr.this-part")]


def _weekday(match: re.Match[str], text: str) -> Sequence[Mention]:
    before = previous_words(text, match.start(), 2)
    if before and before[-1] in {"du", "au"}:
        return []  # "du lundi au vendredi": a range of days, not one day
    weekday = weekday_number(match["wd"])
    det = fold(match["det"] or "")
    direction, anaphoric = _direction(match)
    if det == "le" and direction is None:
        # "le mercredi" without a date is a habit: every Wednesday.
        spec = Spec(kind="SET", fixed=True, literal=f"XXXX-WXX-{weekday + 1}", granularity="day")
        return [Mention(match.start(), match.end(), spec, "fr.weekday-set")]
    part = _part(match) or _part(match, "part2")
    spec = Spec(
        kind="TIME" if part else "DATE",
        weekday=weekday,
        part=part,
        direction=direction,
        this=det.startswith("ce"),
        anaphoric=anaphoric,
    )
    return [Mention(match.start(), match.end(), spec, "fr.weekday")]


_SET_UNITS = {"jour": "P1D", "semaine": "P1W", "mois": "P1M", "an": "P1Y", "annee": "P1Y"}


def _set(match: re.Match[str], text: str) -> Sequence[Mention]:
    if match["wd"]:
        literal = f"XXXX-WXX-{weekday_number(match['wd']) + 1}"
    else:
        key = fold(match["unit"])
        literal = _SET_UNITS.get(key, _SET_UNITS.get(key[:-1], "P1D"))
    spec = Spec(kind="SET", fixed=True, literal=literal)
    return [Mention(match.start(), match.end(), spec, "fr.set")]


def _period(match: re.Match[str], text: str) -> Sequence[Mention]:
    """cette semaine, la semaine dernière, le mois prochain, l'an dernier, ce week-end..."""
    unit_word = fold(match["unit"])
    unit = {"semaine": "week", "mois": "month", "an": "year", "annee": "year"}.get(
        unit_word, "weekend"
    )
    det = fold(match["det"] or "").strip("'’ ")
    direction, anaphoric = _direction(match)
    after = fold(match["after"] or "")
    if after:  # "l'année d'après", "le mois d'avant"
        direction, anaphoric = ("future" if "apres" in after else "past"), True
    if anaphoric:
        offset = 1 if direction == "future" else -1
        spec = Spec(unit=unit, offset=offset, anaphoric=True)
        return [Mention(match.start(), match.end(), spec, "fr.anaphoric")]
    this = det.startswith("ce") or bool(match["ci"]) or (match["rel"] or "").startswith("en")
    if not (this or direction or match["mod"]):
        return []  # "la semaine", "l'année": no period is named
    if det == "en" and not match["mod"]:
        return []  # "en semaine": on working days
    if unit_word == "an" and not (direction or this):
        return []
    if not (this or direction) and re.match(rf"\s+(?:de|d{APOS})", text[match.end() :]):
        return []  # "la fin du mois de jeûne": a named period, not the current month
    offset = {"past": -1, "future": 1}.get(direction or "", 0)
    spec = Spec(unit=unit, offset=offset, direction=direction)
    return [Mention(match.start(), match.end(), spec, f"fr.{unit}")]


def _count(match: re.Match[str]) -> float | None:
    """The number of units, ``None`` when vague ("quelques jours", "ces derniers mois")."""
    raw = fold(match["n"] or "")
    if not raw or raw in {"quelques", "plusieurs", "des"} or raw.startswith(("une ", "une\xa0")):
        return None
    if re.fullmatch(r"\d+[.,]5", raw):
        return float(raw.replace(",", "."))
    value = number_value(raw, NUMBER_WORDS)
    if value is not None and match.groupdict().get("half"):
        return value + 0.5
    return value


def _duration(match: re.Match[str], text: str) -> Sequence[Mention]:
    designator, unit = unit_code(match["unit"])
    value = duration_value(_count(match), designator)
    spec = Spec(kind="DURATION", fixed=True, literal=value, granularity=unit)
    return [Mention(*_span(match, "body"), spec, "fr.duration")]


def _last_n(match: re.Match[str], text: str) -> Sequence[Mention]:
    """ "ces derniers jours", "au cours des trois dernières semaines": a duration up to now."""
    (duration,) = _duration(match, text)
    start = match.start("det") if match["det"] else duration.start
    return [Mention(start, duration.end, duration.spec, "fr.last-n")]


def _shift(match: re.Match[str], text: str, sign: int, rule: str) -> Sequence[Mention]:
    designator, unit = unit_code(match["unit"])
    count = _count(match)
    if count is None:
        literal = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return [Mention(match.start(), match.end(), Spec(fixed=True, literal=literal), rule)]
    factor = {"DE": 10, "CE": 100}.get(designator, 1)
    steps = int(count * factor) if count == int(count) else None
    if designator == "TH" and steps is not None and steps % 24 == 0:
        unit, steps = "day", steps // 24  # "dans quarante-huit heures": two days
    if unit is None or steps is None:  # hours ago, "un an et demi": the day is all we can say
        return [Mention(match.start(), match.end(), Spec(unit="day", offset=0), rule)]
    return [Mention(match.start(), match.end(), Spec(unit=unit, offset=sign * steps), rule)]


def _season(match: re.Match[str], text: str) -> Sequence[Mention]:
    det = fold(match["det"] or "").strip("'’ ")
    season = season_code(match["season"])
    year = int(match["year"]) if match["year"] else None
    if season == "SU" and not (det or match["mod"]):
        return []  # "été" alone is mostly the participle of "être"
    direction, _ = _direction(match)
    this = det in {"ce", "cet", "cette"}
    spec = Spec(
        year=year,
        season=season,
        direction=direction,
        this=this,
        generic=not (this or direction or year),
    )
    start = match.start()
    if not match["mod"] and det in {"en", "au", "a l", "d", "a"}:
        start = match.start("season")
    return [Mention(start, match.end(), spec, "fr.season")]


_VAGUE = {"recemment": "PAST_REF", "dernierement": "PAST_REF", "prochainement": "FUTURE_REF"}


def _vague(match: re.Match[str], text: str) -> Sequence[Mention]:
    literal = _VAGUE.get(fold(match.group()), "PRESENT_REF")
    return [Mention(match.start(), match.end(), Spec(fixed=True, literal=literal), "fr.vague")]


def _today(match: re.Match[str], text: str) -> Sequence[Mention]:
    return [Mention(match.start(), match.end(), Spec(unit="day", offset=0), "fr.ce-jour")]


def _rule(name: str, pattern: str, build: Builder) -> Rule:
    return Rule(name, re.compile(pattern, _FLAGS), build)


_DATE_TAIL = rf"(?:\s+{_YEAR})?(?:\s+(?P<rel>{REL}))?"
RULES: tuple[Rule, ...] = (
    *FORMAT_RULES,
    _rule(
        "fr.coordinated",
        rf"{_START}(?P<det>les|du|des|entre\s+le)\s+(?P<d1>{DAY})\s*(?:,|et|au|à|-|–)\s*"
        rf"(?:le\s+)?(?P<day>{DAY})\s+(?P<month>{MONTH}){_DATE_TAIL}{_END}",
        _coordinated,
    ),
    _rule(
        "fr.date",
        rf"(?<![\w,.-])(?:(?P<det>le|ce)\s+)?(?:(?P<wd>{WEEKDAY})\s+)?(?P<day>{DAY})(?:\s+|-)"
        rf"(?P<month>{MONTH}){_DATE_TAIL}(?:\s+(?:au\s+|dans\s+la\s+|en\s+)?(?P<part>{PART}))?"
        rf"(?![\w-])",
        _date,
    ),
    _rule(
        "fr.month",
        rf"{_START}{_MOD}?(?P<mois>mois\s+(?:de\s+|d{APOS}\s*))?(?P<month>{MONTH_WORD})"
        rf"{_DATE_TAIL}{_END}",
        _month,
    ),
    _rule(
        "fr.year",
        rf"{_START}{_MOD}?(?:(?P<pre>l{APOS}\s*(?:ann[ée]e|an)|ann[ée]e)\s+)?(?P<year>{_YEAR4})"
        rf"(?:\s*(?:/|-|–|à|et|ou)\s*(?P<year2>{_YEAR4}))?(?![\d%]|[,.]\d|\s*%)",
        _year,
    ),
    _rule(
        "fr.decade",
        rf"{_START}{_MOD}?(?:les\s+)?ann[ée]es\s+(?P<dec>(?:19|20)\d0|\d0(?!\d)|"
        r"quatre-vingts?(?:-dix)?|soixante(?:-dix)?|vingt|trente|quarante|cinquante)(?![\w-])",
        _decade,
    ),
    _rule(
        "fr.century",
        rf"{_START}{_MOD}?(?:le\s+)?(?P<c>[IVXL]+|\d{{1,2}})(?:e|ème|eme|ᵉ)\s+si[èe]cle",
        _century,
    ),
    _rule(
        "fr.relative-day",
        rf"{_START}(?P<rel>avant-hier|apr[èe]s-demain|hier|aujourd{APOS}hui|demain)"
        rf"(?:\s+(?P<wd>{WEEKDAY}))?(?:\s+(?:au\s+|dans\s+la\s+|en\s+)?(?P<part>{PART}))?{_END}",
        _relative_day,
    ),
    _rule(
        "fr.this-part",
        rf"{_START}(?:ce|cet|cette)\s+(?P<part>{PART})(?P<la>-là)?{_END}",
        _this_part,
    ),
    _rule(
        "fr.weekday",
        rf"{_START}(?:(?P<det>ce\s+même|ce|le)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?"
        rf"(?:\s+(?P<rel>{REL}))?(?:\s+(?:au\s+)?(?P<part2>matin|soir))?{_END}",
        _weekday,
    ),
    _rule(
        "fr.set",
        rf"{_START}(?:tous\s+les|toutes\s+les|chaque)\s+(?:(?P<wd>{WEEKDAY})s?|"
        r"(?P<unit>jours?|semaines?|mois|ans|ann[ée]es?))(?![\w-])",
        _set,
    ),
    _rule(
        "fr.period",
        rf"{_START}{_MOD}?(?:(?P<det>cette|ce|cet|la|le|l{APOS}|en)\s*)?"
        rf"(?P<unit>semaine|week-?end|mois|ann[ée]e|an)(?P<ci>-ci)?(?:\s+(?P<rel>{REL}))?"
        rf"(?:\s+(?P<after>d{APOS}apr[èe]s|d{APOS}avant))?{_END}",
        _period,
    ),
    _rule(
        "fr.last-n",
        rf"{_START}(?:(?:au\s+cours|durant|pendant|depuis|lors)\s+(?:des|les)\s+|(?P<det>ces|les)\s+)"
        rf"(?P<body>(?:(?P<n>{NUMBER})\s+)?(?:derni(?:er|ère)s)\s+(?P<unit>{UNIT})){_END}",
        _last_n,
    ),
    _rule(
        "fr.ago",
        rf"{_START}il\s+y\s+a\s+(?:(?:environ|plus\s+de|près\s+de|moins\s+de|presque|déjà|"
        rf"seulement|à\s+peine|quelque)\s+)?(?P<n>{NUMBER})\s+(?P<unit>{UNIT})"
        rf"(?P<half>\s+et\s+demie?)?{_END}",
        lambda m, t: _shift(m, t, -1, "fr.ago"),
    ),
    _rule(
        "fr.in",
        rf"{_START}dans\s+(?:(?:environ|près\s+de|moins\s+de|plus\s+de)\s+)?(?P<n>{NUMBER})\s+"
        rf"(?P<unit>{UNIT})(?P<half>\s+et\s+demie?)?{_END}",
        lambda m, t: _shift(m, t, 1, "fr.in"),
    ),
    _rule(
        "fr.duration",
        rf"{_START}(?:depuis|pendant|durant|sur|en|pour|d{APOS}ici|voici|voilà|{_LASTS})\s+"
        r"(?P<body>"
        rf"(?:(?:plus\s+de|près\s+de|environ|moins\s+de|presque|au\s+moins|quelque|seulement|"
        rf"déjà|bientôt)\s+)?(?P<n>{NUMBER})\s+(?P<unit>{UNIT})(?P<half>\s+et\s+demie?)?){_END}",
        _duration,
    ),
    _rule(
        "fr.season",
        rf"{_START}{_MOD}?(?:(?P<det>cet|ce|cette|l{APOS}|le|en|au|à\s+l{APOS})\s*)?"
        rf"(?P<season>printemps|[ée]t[ée]|automne|hiver)(?:\s+(?P<year>{_YEAR4}))?"
        rf"(?:\s+(?P<rel>{REL}))?{_END}(?!\s+arabe)",
        _season,
    ),
    _rule(
        "fr.vague",
        rf"{_START}(?:actuellement|à\s+présent|récemment|dernièrement|prochainement)"
        rf"{_END}",
        _vague,
    ),
    _rule("fr.ce-jour", rf"{_START}ce\s+jour{_END}(?!-)", _today),
    *NAMED_RULES,
)


def find_fr(text: str) -> list[Mention]:
    """Every French time expression of ``text``, longest first on overlap, in text order."""
    return run_rules(RULES, text)
