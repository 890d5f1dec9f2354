"""A fixed corpus of French news-like articles, generated from our own templates (no real text).

Every article has a headline, a dateline and 8 to 16 sentences (about 150 to 300 words): some
report events (actors, a verb, a recipient, a place, a date), the others are background, quotes
and figures, as in real wire copy. The same seed always gives the same corpus, byte for byte, so
benchmark runs can be compared.

    python bench/corpus.py --documents 1500 --out bench/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["article", "articles", "write_corpus"]

SEED = 20240601

# (subject, grammatical number and gender: "m", "f" or "p" for plural)
ACTORS = (
    ("Le président russe", "m"), ("Le président français", "m"),
    ("Le Premier ministre britannique", "m"), ("Le chancelier allemand", "m"),
    ("Le ministre turc des Affaires étrangères", "m"),
    ("Le gouvernement malien", "m"), ("L'armée syrienne", "f"), ("Les rebelles houthis", "p"),
    ("L'ONU", "f"), ("L'Otan", "f"), ("L'Union européenne", "f"), ("Le Conseil de sécurité", "m"),
    ("La police kényane", "f"), ("Les autorités iraniennes", "p"), ("Washington", "m"),
    ("Moscou", "m"), ("Pékin", "m"), ("Paris", "m"), ("Le ministre israélien de la Défense", "m"),
    ("Le président ukrainien", "m"), ("Le gouvernement algérien", "m"),
    ("L'opposition vénézuélienne", "f"), ("Les manifestants soudanais", "p"),
    ("Le roi du Maroc", "m"), ("Le Premier ministre indien", "m"), ("La junte birmane", "f"),
    ("Le chef de l'État sénégalais", "m"),
)  # fmt: skip
RECIPIENTS = (
    "son homologue chinois", "le président américain", "les autorités libyennes", "Kiev",
    "le gouvernement éthiopien", "l'Iran", "la Russie", "les rebelles du M23", "Israël",
    "le Premier ministre japonais", "la Turquie", "le gouvernement tunisien", "l'Arabie saoudite",
    "les dirigeants européens", "le Hamas", "la Corée du Nord", "le président égyptien",
)  # fmt: skip
EVENTS = (
    "s'est entretenu avec {r}", "a rencontré {r}", "a condamné {r}", "a accusé {r} de mentir",
    "a menacé {r} de sanctions", "a appelé {r} à cesser les combats", "a signé un accord avec {r}",
    "a rejeté la proposition de {r}", "a imposé des sanctions contre {r}",
    "a exigé de {r} des excuses",
    "a reçu {r}", "a critiqué {r}", "a salué {r}", "a promis une aide humanitaire à {r}",
    "a expulsé deux diplomates de {r}", "a bombardé des positions tenues par {r}",
    "a négocié avec {r}", "a félicité {r}", "a averti {r}", "a soutenu {r}",
)  # fmt: skip
PLACES = (
    "à Genève", "à Bamako", "à Moscou", "à Bruxelles", "à New York", "à Alep", "à Kiev",
    "à Nairobi", "à Téhéran", "à Alger", "à Rabat", "à Dakar", "à Istanbul", "à Pékin", "",
)  # fmt: skip
WHEN = (
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "la semaine dernière",
    "le {day} {month}", "hier", "ce matin", "début {month}", "", "",
)  # fmt: skip
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
)  # fmt: skip
TOPICS = (
    "le nucléaire", "la sécurité régionale", "le commerce des céréales", "la crise migratoire",
    "le cessez-le-feu", "les prix de l'énergie", "la lutte contre le terrorisme", "la dette",
    "les élections", "la reconstruction", "les droits de l'homme", "le climat",
)  # fmt: skip
BACKGROUND = (
    "Les discussions ont porté sur {t}, selon un communiqué publié à l'issue de la réunion.",
    "La question concernant {t} divise depuis plusieurs mois les pays de la région.",
    "Selon des analystes, {t} restera au cœur des débats dans les semaines à venir.",
    "Le dossier concernant {t} avait déjà fait l'objet de longues négociations l'an dernier.",
    "Les marchés ont réagi avec prudence, l'indice principal cédant {n},{m} % en clôture.",
    "Près de {n} 000 personnes ont été déplacées depuis le début de l'année, d'après une ONG.",
    "« Nous attendons des actes, pas des promesses », a déclaré un diplomate.",
    "Le porte-parole a refusé de commenter ces informations lors d'un point de presse.",
    "Cette rencontre intervient dans un contexte de fortes tensions sur {t}.",
    "Plusieurs observateurs estiment que {t} pourrait peser sur le calendrier politique.",
    "Le budget consacré à {t} a augmenté de {n} % en deux ans, selon les chiffres officiels.",
    "Des journalistes présents sur place ont décrit une atmosphère calme mais tendue.",
    "L'opposition a dénoncé un manque de transparence sur {t}.",
    "Un sommet sur {t} est prévu avant la fin de l'année.",
)  # fmt: skip
HEADLINES = (
    "{a} et {r} : tensions sur {t}", "Nouvelles tensions autour de {t}", "{a} hausse le ton",
    "Rencontre au sommet sur {t}", "Diplomatie : {a} multiplie les contacts",
)  # fmt: skip


def _when(rng: random.Random) -> str:
    text = rng.choice(WHEN)
    return text.format(day=rng.randint(1, 28), month=rng.choice(MONTHS))


_CONTRACTIONS = (
    (" de le ", " du "),
    (" de les ", " des "),
    (" à le ", " au "),
    (" à les ", " aux "),
)


def _contract(text: str) -> str:
    """French contractions the templates produce: "de le" -> "du", "à les" -> "aux"..."""
    for long, short in _CONTRACTIONS:
        text = text.replace(long, short)
    return text


def _agree(verb: str, kind: str) -> str:
    """The verb phrase agreeing with a feminine ("f") or plural ("p") subject."""
    if verb.startswith("s'est entretenu"):
        ending = {"m": "s'est entretenu", "f": "s'est entretenue", "p": "se sont entretenus"}[kind]
        return ending + verb.removeprefix("s'est entretenu")
    return "ont " + verb.removeprefix("a ") if kind == "p" else verb


def _event_sentence(rng: random.Random) -> str:
    actor, kind = rng.choice(ACTORS)
    verb = _agree(rng.choice(EVENTS).format(r=rng.choice(RECIPIENTS)), kind)
    parts = [actor, verb, rng.choice(PLACES), _when(rng)]
    sentence = " ".join(part for part in parts if part)
    if rng.random() < 0.4:
        sentence += f" concernant {rng.choice(TOPICS)}"
    return _contract(sentence + ".")


def _background(rng: random.Random) -> str:
    sentence = rng.choice(BACKGROUND).format(
        t=rng.choice(TOPICS), n=rng.randint(2, 40), m=rng.randint(0, 9)
    )
    return _contract(sentence)


def article(rng: random.Random, number: int, start: date) -> dict[str, Any]:
    """One article as a JSON Lines record (id, title, text, pub_date, url, lang)."""
    day = start + timedelta(days=rng.randint(0, 730))
    topic = rng.choice(TOPICS)
    title = rng.choice(HEADLINES).format(a=rng.choice(ACTORS)[0], r=rng.choice(RECIPIENTS), t=topic)
    title = title[0].upper() + title[1:]
    city = rng.choice([p for p in PLACES if p])[2:]
    sentences = [f"{city.upper()} (AFP) - {_event_sentence(rng)}"]
    for _ in range(rng.randint(8, 16)):
        sentences.append(_event_sentence(rng) if rng.random() < 0.35 else _background(rng))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return {
        "id": f"bench-{number:06d}",
        "title": title,
        "text": "\n\n".join(paragraphs),
        "pub_date": day.isoformat(),
        "url": f"https://example.org/actualites/{number:06d}",
        "lang": "fr",
    }


def articles(count: int, *, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """``count`` articles, always the same for the same ``seed``."""
    rng = random.Random(seed)
    start = date(2022, 1, 1)
    for number in range(count):
        yield article(rng, number, start)


def write_corpus(path: Path, count: int, *, seed: int = SEED) -> Path:
    """Write the corpus as JSON Lines (kept when it already holds the same ``count`` articles)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [json.dumps(record, ensure_ascii=False) for record in articles(count, seed=seed)]
    text = "\n".join(records) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus.jsonl"))
    args = parser.parse_args()
    path = write_corpus(args.out, args.documents, seed=args.seed)
    words = sum(len(f"{r['title']} {r['text']}".split()) for r in articles(args.documents))
    print(f"{path}: {args.documents} articles, {words} words, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
