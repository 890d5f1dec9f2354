"""Reading the words around a name: is "la Syrie" an actor or a place, what does a title govern?

French marks a place with a preposition ("en Syrie", "à Moscou", "dans le nord de la Syrie",
"depuis Ankara") or with a verb of motion ("a quitté Moscou"); an actor is a subject, an object,
an agent ("par la Russie") or a partner ("avec la Turquie", "entre Moscou et Ankara"). "à" is
both: "a demandé à la Russie" names a recipient, "s'est rendu en Russie / à Moscou" a place, so
the verb or noun it depends on decides. "de" + name is a place after a verb ("se retirer de
Syrie") or a place noun ("le nord de la Syrie"), and a possessor otherwise ("le soutien de
Moscou"), which is an actor of lower confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from annales.actors.matcher import normalise

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "ARTICLES",
    "Placement",
    "is_dateline",
    "is_former",
    "lemma",
    "needs_article",
    "placement",
    "preposition_before",
    "skip_articles",
]

Placement = Literal["actor", "location", "dative", "genitive"]

ARTICLES = frozenset({"le", "la", "l'", "les"})
_LOCATIVE = frozenset(
    {"en", "dans", "vers", "depuis", "sur", "sous", "hors", "pour", "jusqu'en", "jusqu'a",
     "via", "outre", "parmi", "a travers", "au-dessus", "pres", "partout", "in", "at"}
)  # fmt: skip
_ACTOR = frozenset(
    {"par", "avec", "entre", "contre", "envers", "selon", "comme", "et", "ou", "ni", "by",
     "with", "against", "between"}
)  # fmt: skip
_DATIVE = frozenset({"a", "au", "aux", "to"})
_GENITIVE = frozenset({"de", "d'", "du", "des", "of"})
# "près de", "hors de" ... name a place; "auprès de", "à l'égard de" ... an actor.
_BEFORE_DE_PLACE = frozenset(
    {"pres", "hors", "loin", "provenance", "destination", "proximite", "autour", "long",
     "interieur", "exterieur", "large", "sol", "nord", "sud", "est", "ouest", "centre", "cote"}
)  # fmt: skip
_BEFORE_DE_ACTOR = frozenset(
    {"aupres", "egard", "vis-a-vis", "encontre", "part", "nom", "profit", "faveur", "cotes",
     "demande", "initiative", "invitation", "rencontre"}
)  # fmt: skip
_BEFORE_A_ACTOR = frozenset({"face", "grace", "quant", "hostile", "favorable", "oppose"})
# Meetings and texts named after the city that hosted them: "le sommet de Paris", "la conférence
# de Munich", "les pourparlers de Genève", "le processus d'Astana". The city is a venue, not an
# actor (a country or an organisation after these nouns still is: "le sommet de l'Otan").
_VENUE_NOUNS = frozenset(
    {"sommet", "sommets", "conference", "conferences", "reunion", "reunions", "pourparlers",
     "processus", "format", "accord", "accords", "traite", "traites", "protocole", "memorandum",
     "forum", "congres", "jeux", "summit", "talks", "convention", "conventions", "charte", "pacte",
     "treaty", "agreement"}
)  # fmt: skip
# Verbs and nouns whose "à" complement is a recipient, not a place.
_DATIVE_VERBS = frozenset(
    [
        "demander",
        "dire",
        "repondre",
        "reprocher",
        "adresser",
        "proposer",
        "offrir",
        "promettre",
        "livrer",
        "fournir",
        "vendre",
        "accorder",
        "imposer",
        "infliger",
        "apporter",
        "envoyer",
        "lancer",
        "rendre",
        "ecrire",
        "annoncer",
        "signifier",
        "notifier",
        "telephoner",
        "parler",
        "ordonner",
        "conseiller",
        "recommander",
        "interdire",
        "permettre",
        "imputer",
        "attribuer",
        "opposer",
        "resister",
        "riposter",
        "repliquer",
        "ceder",
        "transmettre",
        "remettre",
        "restituer",
        "payer",
        "verser",
        "octroyer",
        "donner",
        "preter",
        "exporter",
        "transferer",
        "succeder",
        "nuire",
        "expliquer",
        "assurer",
        "garantir",
        "confier",
        "presenter",
        "exprimer",
        "souhaiter",
        "temoigner",
        "reclamer",
        "prendre",
        "attaquer",
        "faire",
        "appeler",
        "adresser",
        "rappeler",
        "enjoindre",
        "intimer",
        "pardonner",
        "accuser",
    ]
)
_DATIVE_NOUNS = frozenset(
    [
        "aide",
        "soutien",
        "appel",
        "livraison",
        "livraisons",
        "message",
        "lettre",
        "demande",
        "ultimatum",
        "avertissement",
        "reponse",
        "offre",
        "proposition",
        "hommage",
        "menace",
        "menaces",
        "critique",
        "critiques",
        "reproche",
        "reproches",
        "assistance",
        "don",
        "pret",
        "vente",
        "ventes",
        "condoleances",
        "felicitations",
        "ultimatum",
        "injonction",
        "mise_en_garde",
        "sanction",
        "sanctions",
        "amende",
        "embargo",
    ]
)
# Verbs whose direct object is a place: "a quitté Moscou", "a rejoint la Turquie".
_MOTION_OBJECT_VERBS = frozenset(
    [
        "quitter",
        "rejoindre",
        "traverser",
        "visiter",
        "gagner",
        "atteindre",
        "regagner",
        "survoler",
        "fuir",
        "sillonner",
        "parcourir",
        "longer",
    ]
)
_FORMER = frozenset({"ancien", "ancienne", "anciens", "anciennes", "ex", "ex-", "former", "feu"})


def lemma(token: Token) -> str:
    return normalise(token.lemma_ or token.text)


def skip_articles(doc: Doc, i: int) -> int:
    """The index of the first token before ``i`` that is not an article (or -1)."""
    j = i - 1
    while j >= 0 and normalise(doc[j].text) in ARTICLES:
        j -= 1
    return j


def preposition_before(doc: Doc, start: int) -> tuple[str, int, bool]:
    """The word before the name (articles skipped), its index, and whether an article was there."""
    j = skip_articles(doc, start)
    if j < 0:
        return "", -1, False
    return normalise(doc[j].text), j, j < start - 1


def is_former(doc: Doc, start: int) -> bool:
    """Whether the title at ``start`` is qualified as former ("l'ancien président", "l'ex-")."""
    j = skip_articles(doc, start)
    if j >= 0 and normalise(doc[j].text).rstrip("-") in {"ex", *_FORMER}:
        return True
    return normalise(doc[start].text).startswith(("ex-", "ancien"))


def _first_conjunct(doc: Doc, start: int) -> int:
    """For "X et la Turquie", the start of X when the name has no preposition of its own."""
    token = doc[start]
    word, _, _ = preposition_before(doc, start)
    if word not in {"et", ",", "ou", "ni"}:
        return start
    for _ in range(4):
        if token.dep_ != "conj" or token.head.i >= token.i:
            break
        token = token.head
    if token.i == start:
        return start
    # The head may be the last token of a multi-word name: go back to its first token.
    first = token.i
    while first > 0 and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title:
        first -= 1
    return first


def _head_of_phrase(doc: Doc, start: int, end: int) -> Token:
    span = doc[start:end]
    return span.root.head if span.root.head.i not in range(start, end) else span.root


def placement(
    doc: Doc, start: int, end: int, place_nouns: frozenset[str], kind: str = "country"
) -> Placement:
    """How the name at tokens ``start``..``end`` is used: as an actor, or as a place."""
    anchor = _first_conjunct(doc, start)
    word, at, with_article = preposition_before(doc, anchor)
    head = _head_of_phrase(doc, start, end)
    root = doc[start:end].root
    if word in _LOCATIVE:
        return "location"
    if word in _ACTOR:
        return "actor"
    before = normalise(doc[at - 1].text) if at > 0 else ""
    if word in _DATIVE:
        if before in _BEFORE_A_ACTOR:
            return "actor"
        if kind == "armed-group":
            return "dative"  # "opposent l'armée aux Forces de soutien rapide": never a place
        if head.i != root.i and lemma(head) in (_DATIVE_VERBS | _DATIVE_NOUNS):
            if _reflexive(head):  # "s'est rendu au Liban", "se sont adressés à ..." is rare
                return "location"
            return "dative"
        return "location"
    if word in _GENITIVE:
        if before in _BEFORE_DE_PLACE:
            return "location"
        if before in _BEFORE_DE_ACTOR:
            return "actor"
        if kind == "capital" and before in _VENUE_NOUNS:
            return "location"  # "le sommet de Paris": the venue
        if head.i == root.i:
            return "genitive"
        if head.pos_ in {"VERB", "AUX"}:
            # "le rôle de l'Arabie saoudite, de la Turquie et du Royaume-Uni": the parser may
            # hang a later member of the list on the verb; after a comma it is still a member.
            return "genitive" if before == "," else "location"
        if lemma(head) in place_nouns or normalise(head.text) in place_nouns:
            return "location"
        if not with_article and word in {"de", "d'"} and needs_article(doc, start, kind):
            # "de Syrie", "de France" with no article: a provenance ("le retrait de Syrie"),
            # whereas a city or seat never takes one ("le soutien de Moscou").
            return "location"
        return "genitive"
    if root.dep_ == "obj" and lemma(root.head) in _MOTION_OBJECT_VERBS:
        return "location"
    return "actor"


_DATELINE_NEXT = frozenset({"(", "-", "—", "–"})


def is_dateline(doc: Doc, start: int, end: int) -> bool:
    """ "MOSCOU (Reuters) -", "Paris, 3 mars (AFP) -": the place a dispatch was written in."""
    first = doc[start]
    at_line_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
    if not at_line_start or end >= len(doc):
        return False
    following = doc[end].text
    if following in _DATELINE_NEXT:
        return True
    return (
        following == "," and end + 1 < len(doc) and (doc[end + 1].like_num or first.text.isupper())
    )


def _reflexive(verb: Token) -> bool:
    return any(normalise(child.text) in {"se", "s'"} for child in verb.children)


def needs_article(doc: Doc, start: int, kind: str) -> bool:
    """Country names take an article in French ("la Syrie"); cities, seats and people do not."""
    return kind == "country" and normalise(doc[start].text) not in _NO_ARTICLE


# Countries used without an article (like cities): "de Cuba", "d'Israël", "de Chypre".
_NO_ARTICLE = frozenset(
    [
        "israel",
        "cuba",
        "chypre",
        "malte",
        "oman",
        "bahrein",
        "singapour",
        "monaco",
        "madagascar",
        "djibouti",
        "haiti",
        "taiwan",
        "sao",
        "nauru",
        "tonga",
        "samoa",
        "kiribati",
        "tuvalu",
        "vanuatu",
    ]
)
