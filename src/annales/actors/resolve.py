"""Actor mentions of a parsed document: :func:`find_actors`.

One left-to-right walk over the names the index finds (see :mod:`annales.actors.matcher`) and the
few words that need no index ("nous", "les parties", a surname seen before). Each mention becomes
an :class:`~annales.model.Actor` with its character span in ``doc.text``, the ``rule`` that
resolved it and a ``confidence``:

==============================  =====  ===================================================
rule                            conf.  example
==============================  =====  ===================================================
kb:person-role                  0.95   "Vladimir Poutine" (a role held on the date)
kb:title+name                   0.95   "le ministre russe de la Défense, Sergueï Choïgou"
kb:organisation                 0.95   "l'Otan", "Daech"
kb:country-name                 0.9    "la Russie a dénoncé"
kb:demonym+title                0.9    "le président russe", "les forces russes"
kb:title+country                0.9    "le président de la Syrie"
kb:metonym / kb:capital         0.85+  "le Kremlin", "Damas accuse"
kb:person-surname               0.8    "Erdogan" (one person of the base has this surname)
kb:demonym-noun                 0.7    "les Russes"
kb:country-name+dative          0.6    "a demandé à la Turquie"
kb:person                       0.6    a known person holding no role on the date (no sector)
kb:title+default                0.6    "le président de la République" (French usage: FRA)
kb:country-name+genitive        0.5    "le soutien de Moscou", "les liens d'Israël"
agent:role-noun+name            0.7    "le journaliste russe Ivan Petrov", "X, envoyé de l'ONU"
agent:role-noun+place           0.6    "le régime en Syrie"
coref:quote-speaker             0.6    "« Nous ... », a-t-il déclaré": the speaker named before
kb:person-surname+other-name    0.5    "Hunter Biden": a relative of a known person (CVL)
kb:equipment                    0.55   "un avion russe"
kb:demonym+noun                 0.4    "le porte-parole russe" is a title; "un convoi turc"...
agent:role-noun+issuer          0.5    "le ministre" in a communiqué of its ministry
agent:role-noun+clause-place    0.5    "les manifestants ... à Erevan": the place of the clause
agent:role-noun+context         0.35   "le gouvernement" (an institution) in a text about Syria
coref:*                         0.5-0.9  see :mod:`annales.actors.coref`
==============================  =====  ===================================================

Places ("en Syrie", "à Moscou") are not returned. The knowledge base wins over the parser's
named entities, which are not used to create actors.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from annales.actors import context
from annales.actors.coref import (
    HORIZON,
    Issuer,
    Memory,
    Referent,
    is_armed_group,
    issuer_actors,
    issuers_from_title,
    opening_state,
)
from annales.actors.kb import KnowledgeBase, load_knowledge_base
from annales.actors.matcher import Entry, Match, normalise
from annales.actors.titles import TitleReader
from annales.lang import get_profile
from annales.model import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["find_actors"]

_PLACE_RULES = {
    "actor": ("", 1.0),
    "dative": ("+dative", 0.65),
    "genitive": ("+genitive", 0.55),
}


def find_actors(
    doc: Doc,
    *,
    pub_date: date | None = None,
    kb: KnowledgeBase | None = None,
    title: str = "",
) -> list[Actor]:
    """Every actor mention of ``doc``, in text order (several may share one span)."""
    walker = _Walker(doc, kb or load_knowledge_base(), pub_date, title)
    return walker.run()


class _Walker:
    def __init__(self, doc: Doc, kb: KnowledgeBase, pub_date: date | None, title: str) -> None:
        self.doc = doc
        self.kb = kb
        self.pub_date = pub_date
        self.index = kb.index(doc.lang_)
        profile = get_profile(doc.lang_)
        self.nationality_first = profile.nationality_before_noun
        # The issuer's voice ("nous", "we"): its pronouns in this language.
        self.issuer_pronouns = profile.issuer.pronouns if profile.issuer else frozenset()
        self.possessives = profile.word("issuer_possessives")
        self.ally_nouns = profile.word("ally_nouns")
        self.subject_labels = profile.dep("subject")
        self.matches = self.index.match(doc)
        self.by_start = {m.start: k for k, m in enumerate(self.matches)}
        self.memory = Memory()
        self.title = title
        self.title_issuer = issuers_from_title(doc, title, self.matches, kb)
        self.text = doc.text  # Doc.text rebuilds the string on every access: keep it
        self.title_end = len(title) if title and self.text.startswith(title) else 0
        self.place_nouns = kb.place_nouns(doc.lang_)
        self.titles = TitleReader(self)
        self.fighting_words = profile.word("fighting_words")
        self.sentence_of: list[int] = []
        for number, sent in enumerate(doc.sents):
            self.sentence_of.extend([number] * len(sent))

    @cached_property
    def fighting(self) -> dict[int, frozenset[int]]:
        """Sentences about fighting, with the character offsets of their fighting phrases' words:
        the states and armed groups named there are "the parties" after them (read when a text
        first speaks of "the parties")."""
        found: dict[int, frozenset[int]] = {}
        for number, sent in enumerate(self.doc.sents):
            words = [
                t for t in sent
                if normalise(t.lemma_) in self.fighting_words
                or normalise(t.text) in self.fighting_words
            ]  # fmt: skip
            if words:
                found[number] = frozenset(i for w in words for i in _phrase_chars(w))
        return found

    @property
    def issuer(self) -> Issuer | None:
        """Who says "nous": the actors of the title's issuing phrase (persons included, as the
        coders read it), else the state of a title or body it names ("Communiqué du ministère
        de l'Europe et des affaires étrangères")."""
        named = issuer_actors(
            (a for a in self.memory.actors if (a.start or 0) < self.title_end),
            self.title,
            self.doc.lang_,
        )
        if named:
            return Issuer(tuple(a.code for a in named), named[0].sector or "GOV")
        if self.title_issuer is not None:
            return self.title_issuer
        opening = opening_state(self.memory.actors, self.title, self.doc.lang_)
        return Issuer((opening[0].code,), opening[0].sector or "GOV") if opening else None

    # -- output ---------------------------------------------------------------------------
    def emit(
        self,
        code: str,
        sector: str | None,
        start: int,
        end: int,
        rule: str,
        confidence: float,
        *,
        name: str | None = None,
        wikidata: str | None = None,
    ) -> Actor:
        first, last = self.doc[start], self.doc[end - 1]
        actor = Actor(
            code=code,
            sector=sector,
            text=self.text[first.idx : last.idx + len(last.text)],
            wikidata=wikidata,
            name=name or self.kb.name_of(code),
            start=first.idx,
            end=last.idx + len(last.text),
            rule=rule,
            confidence=round(confidence, 3),
        )
        sentence = self.sentence_of[start]
        self.memory.note(actor, sentence, 2.0 if self.in_main_subject(start) else 1.0)
        return actor

    def in_main_subject(self, i: int) -> bool:
        """Whether token ``i`` belongs to the subject of its sentence's main verb."""
        token = self.doc[i]
        for _ in range(12):
            if token.dep_ in {"nsubj", "nsubj:pass"} and token.head.dep_ == "ROOT":
                return True
            if token.head.i == token.i:
                return False
            token = token.head
        return False

    # -- the walk -------------------------------------------------------------------------
    def run(self) -> list[Actor]:
        by_start = self.by_start
        i = 0
        n = len(self.doc)
        while i < n:
            k = by_start.get(i)
            if k is None:
                i = self.word(i)
                continue
            i = max(self.handle(k), i + 1)
        return sorted(self.memory.actors, key=lambda a: (a.start or 0, a.end or 0))

    def handle(self, k: int) -> int:
        """Resolve match ``k``; return the token index where the walk goes on."""
        m = self.matches[k]
        entry = m.entries[0]
        if entry.kind == "block":
            return m.end
        if entry.kind == "agent":
            return self.titles.read(k)
        if entry.kind == "person":
            return self.person(m)
        if entry.kind == "demonym":
            return self.demonym(m)
        return self.named(m, entry)

    def next_match(self, token: int) -> Match | None:
        """The match starting at token index ``token``, if any."""
        k = self.by_start.get(token)
        return None if k is None else self.matches[k]

    # -- states, capitals, seats, organisations -------------------------------------------
    def named(self, m: Match, entry: Entry) -> int:
        kind = entry.kind
        # An armed group is never where something happens; an organisation of states may be
        # ("à l'ONU", "au siège de l'Otan").
        armed = kind == "org" and is_armed_group(self.kb, entry.ref)
        how = context.placement(
            self.doc, m.start, m.end, self.place_nouns, "armed-group" if armed else kind
        )
        if how == "location" or context.is_dateline(self.doc, m.start, m.end):
            return m.end
        suffix, factor = _PLACE_RULES[how]
        group = self.kb.organisations[entry.ref].members if kind == "org" else ()
        if group:  # "les E3", "le groupe de Minsk": coded as their members
            for member in group:
                body = self.kb.organisations.get(member)
                self.emit(
                    member, body.sector if body else "GOV", m.start, m.end,
                    "kb:group" + suffix, 0.85 * factor,
                )  # fmt: skip
            return m.end
        rule = {
            "country": "kb:country-name",
            "capital": "kb:capital",
            "metonym": "kb:metonym",
            "org": "kb:organisation",
        }[kind]
        sector = entry.sector
        wikidata = self.kb.wikidata_of(entry.ref) if kind in {"country", "org"} else None
        self.emit(
            entry.ref, sector, m.start, m.end, rule + suffix, entry.confidence * factor,
            wikidata=wikidata,
        )  # fmt: skip
        return m.end

    # -- people ---------------------------------------------------------------------------
    def choose_person(self, m: Match) -> tuple[str, bool] | None:
        """The person a name match refers to and whether it was a surname alone."""
        candidates = [e for e in m.entries if e.kind == "person"]
        surname = all(e.single_word for e in candidates)
        ids = list(dict.fromkeys(e.ref for e in candidates))
        if len(ids) > 1:
            seen = [pid for pid in ids if pid in self.memory.people]
            if len(seen) == 1:
                return seen[0], surname
            if self.pub_date is not None:
                held = [pid for pid in ids if self.kb.people[pid].roles_on(self.pub_date)]
                if len(held) == 1:
                    return held[0], surname
            return None
        return ids[0], surname

    def person_referent(self, pid: str) -> tuple[Referent, bool]:
        person = self.kb.people[pid]
        role, held = person.main_role(self.pub_date)
        sector = role.sector if held else None
        return Referent(role.country, sector, person.name, person.wikidata, pid), held

    def person(self, m: Match) -> int:
        chosen = self.choose_person(m)
        if chosen is None:
            return m.end
        pid, surname = chosen
        if surname and self.other_given_name(m.start, pid):
            return self.relative(m, pid)
        referent, held = self.person_referent(pid)
        if pid in self.memory.person_roles:  # the role a title gave them earlier in the text
            referent, held = self.memory.person_roles[pid], True
        if surname and pid in self.memory.people:
            rule, confidence = "coref:surname", 0.9
        elif surname:
            rule, confidence = "kb:person-surname", 0.8
        else:
            rule, confidence = "kb:person-role", 0.95
        if not held:
            rule, confidence = "kb:person", min(confidence, 0.6)
        elif self.pub_date is None:
            confidence -= 0.1
        self.emit(
            referent.code, referent.sector, m.start, m.end, rule, confidence,
            name=referent.name, wikidata=referent.wikidata,
        )  # fmt: skip
        self.memory.remember_name(self.span_text(m.start, m.end), referent)
        return m.end

    def other_given_name(self, start: int, pid: str) -> bool:
        """ "Hunter Biden" is not Joe Biden: a capitalised given name that is not the known
        person's goes before the surname."""
        if start == 0 or start - 1 in self.by_start:
            return False
        given = self.doc[start - 1]
        if given.pos_ not in {"PROPN", "X"} or not given.text[:1].isupper() or not given.is_alpha:
            return False
        if (
            normalise(given.text) in _HONORIFICS
            or self.sentence_of[start - 1] != self.sentence_of[start]
        ):
            return False
        full = normalise(f"{given.text} {self.doc[start].text}")
        person = self.kb.people[pid]
        return not any(
            normalise(v).startswith(full.split(" ")[0]) for v in (person.name, *person.variants)
        )

    def relative(self, m: Match, pid: str) -> int:
        """Someone else with a known surname (a relative): the country, as a private person."""
        code = self.kb.people[pid].main_role(self.pub_date)[0].country
        if not self.kb.is_state(code):
            return m.end
        name = self.span_text(m.start - 1, m.end)
        self.emit(code, "CVL", m.start - 1, m.end, "kb:person-surname+other-name", 0.5, name=name)
        self.memory.remember_name(name, Referent(code, "CVL", name, None))
        return m.end

    def span_text(self, start: int, end: int) -> str:
        first, last = self.doc[start], self.doc[end - 1]
        return self.text[first.idx : last.idx + len(last.text)]

    # -- demonyms not attached to a title -------------------------------------------------
    def demonym(self, m: Match) -> int:
        doc = self.doc
        entry = m.entries[0]
        token = doc[m.start]
        previous = doc[m.start - 1] if m.start > 0 else None
        if self.nationality_first:
            titled = self.titled_nationality(m)
            if titled is not None:
                return titled
        if previous is not None and (previous.text.endswith("-") or previous.text == "-"):
            return m.end  # "pro-russes", "anti-turcs", "russo-turc"
        if m.end < len(doc) and doc[m.end].text.startswith("-"):
            return m.end
        surface = self.span_text(m.start, m.end)
        determiner = previous is not None and normalise(previous.text) in _DETERMINERS
        if surface[:1].isupper() and (determiner or token.pos_ in {"NOUN", "PROPN"}):
            how = context.placement(doc, m.start, m.end, self.place_nouns, "demonym")
            if how != "location":
                self.emit(entry.ref, None, m.start, m.end, "kb:demonym-noun", 0.7)
            return m.end
        head = token.head if token.dep_ in {"amod", "conj"} and token.head.i < m.start else previous
        if token.dep_ == "conj" and head is not None and head.pos_ == "ADJ" and head.dep_ == "amod":
            head = head.head  # "les médiateurs américains et saoudiens": the noun of both
        if head is None or head.pos_ not in {"NOUN", "PROPN"}:
            return m.end
        if normalise(head.lemma_) in self.place_nouns or normalise(head.text) in self.place_nouns:
            return m.end
        start = head.i if head.i == m.start - 1 else m.start
        self.emit(entry.ref, None, start, m.end, "kb:demonym+noun", 0.4)
        return m.end

    def titled_nationality(self, m: Match) -> int | None:
        """ "the Chinese ambassador", "Russian President Vladimir Putin": in languages that put
        the nationality before the noun, a title or body right after it takes its state."""
        following = self.next_match(m.end)
        found = following.first("agent") if following is not None else None
        if following is None or found is None:
            return None
        agent = self.kb.agents[found.ref]
        if agent.kind not in {"title", "body"}:
            return None
        name, end = self.titles.name_after(following.end, comma=agent.kind == "title")
        if isinstance(name, Referent):
            return self.titles.titled_person(m.start, end, agent, name)
        self.emit(m.entries[0].ref, agent.sector, m.start, following.end, "kb:demonym+title", 0.9)
        return following.end

    # -- words with no index entry ---------------------------------------------------------
    def word(self, i: int) -> int:
        token = self.doc[i]
        folded = normalise(token.text)
        voice = folded in self.issuer_pronouns
        if voice and self.issuer is not None and token.idx >= self.title_end:
            for code in self.issuer.codes:
                self.emit(code, self.issuer.sector, i, i + 1, "coref:issuer", 0.85)
            return i + 1
        if voice and self.issuer is None:
            speaker = self.quote_speaker(token.idx)
            if speaker is not None:
                self.emit(
                    speaker.code, speaker.sector, i, i + 1, "coref:quote-speaker", 0.6,
                    name=speaker.name,
                )  # fmt: skip
            return i + 1
        if folded in _SIGNER_WORDS and self.signers(i):
            return i + 1
        if folded == "parties" and i > 0 and normalise(self.doc[i - 1].text) in _PARTY_DET:
            exclude = set(self.issuer.codes) if self.issuer else set()
            exclude |= self.speaker_allies(i) | self.clause_subject(i)
            here = self.sentence_of[i]
            pair = self.memory.last_sides(
                self.kb, self.fighting, exclude, sentence=here
            ) or self.memory.recent_states(self.kb, 2, exclude, sentence=here, armed_groups=True)
            if len(pair) == 2:
                for actor in pair:
                    self.emit(actor.code, actor.sector, i - 1, i + 1, "coref:les-parties", 0.5)
            return i + 1
        if token.text[:1].isupper() and folded in self.memory.surnames and i > 0:
            ref = self.memory.surnames[folded]
            self.emit(
                ref.code, ref.sector, i, i + 1, "coref:surname", 0.85,
                name=ref.name, wikidata=ref.wikidata,
            )  # fmt: skip
        return i + 1

    def speaker_allies(self, before: int) -> set[str]:
        """Codes the speaker has called its own side before token ``before`` ("nos partenaires
        du Qatar et de l'Égypte", "our allies in Kyiv"): never "the parties" it addresses."""
        parts: list[Token] = []
        here = self.sentence_of[before] if before < len(self.sentence_of) else 0
        for token in self.doc[:before]:
            if normalise(token.text) not in self.ally_nouns:
                continue
            if here - self.sentence_of[token.i] > HORIZON:
                continue
            if any(normalise(t.text) in self.possessives for t in token.lefts):
                # the partners named in the noun's own complements, not in a clause about them
                parts += [p for p in token.children if p.dep_ in {"nmod", "amod", "appos", "conj"}]
        return self.codes_under(parts)

    def clause_subject(self, i: int) -> set[str]:
        """Codes named as the subject of the verb that governs token ``i``: who "appelle les
        parties" or "remercie les parties" is not one of them."""
        verb = self.doc[i]
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in self.subject_labels]
        if not subjects and verb.dep_ == "conj":  # "remercie ... et appelle les parties"
            subjects = [c for c in verb.head.children if c.dep_ in self.subject_labels]
        return self.codes_under(subjects)

    def codes_under(self, heads: list[Token]) -> set[str]:
        """Codes of the actors seen so far whose mention starts in the phrase of one of
        ``heads``."""
        spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in heads]
        return {
            actor.code
            for actor in self.memory.actors
            if actor.start is not None and any(start <= actor.start < end for start, end in spans)
        }

    def signers(self, i: int) -> bool:
        """ "les trois co-présidents", "les signataires" in a joint declaration: its issuers,
        when they are several and as many as a number before the word says."""
        issuer = self.issuer
        if issuer is None or len(issuer.codes) < 2 or self.doc[i].idx < self.title_end:
            return False
        before = [normalise(t.text) for t in self.doc[max(0, i - 2) : i]]
        if not before or before[-1] not in {"les", "nos", "des", "aux"} | set(_COUNTS):
            return False
        count = next((_COUNTS[w] for w in before if w in _COUNTS), None)
        if count is not None and count != len(issuer.codes):
            return False
        start = i - len(before) + next(k for k, w in enumerate(before) if w in _GROUP_DET)
        for code in issuer.codes:
            self.emit(code, issuer.sector, start, i + 1, "coref:signers", 0.75)
        return True

    def quote_speaker(self, at: int) -> Actor | None:
        """The speaker of a quotation holding "nous", when the quotation ends with an inverted
        pronoun ("« Nous continuerons », a-t-il déclaré"): the person last named as the subject
        of a sentence (else the last person named), within two sentences."""
        text = self.text
        opened = max(text.rfind("«", 0, at), text.rfind("“", 0, at))
        if opened < 0 or max(text.rfind("»", 0, at), text.rfind("”", 0, at)) > opened:
            return None
        if at - opened > 600 or "\n\n" in text[opened:at]:
            return None
        ends = [e for e in (text.find("»", at), text.find("”", at)) if e >= 0]
        if not ends or not _INVERTED_PRONOUN.match(text, min(ends) + 1):
            return None
        if not self.memory.places:
            return None
        now = self.memory.places[-1][0]
        fallback: Actor | None = None
        for actor, (sentence, weight) in zip(
            reversed(self.memory.actors), reversed(self.memory.places), strict=True
        ):
            if now - sentence > 2:
                break
            if not (actor.rule or "").startswith(_SPEAKER_RULES):
                continue
            if weight > 1.0:
                return actor
            fallback = fallback or actor
        return fallback


_INVERTED_PRONOUN = re.compile(r"\s*,?\s*\w+(?:-t)?-(?:il|elle)\b", re.IGNORECASE)
_SPEAKER_RULES = (
    "kb:person", "kb:title+name", "coref:surname", "coref:homologue", "agent:role-noun+name",
    "kb:demonym+title", "kb:title+country",
)  # fmt: skip
_DETERMINERS = frozenset(
    {"les", "des", "aux", "un", "une", "le", "la", "l'", "ces", "deux", "trois", "de", "du"}
)
_HONORIFICS = frozenset({"m", "mme", "mr", "monsieur", "madame", "president", "general", "dr"})


def _phrase_chars(word: Token) -> set[int]:
    """Character offsets of the words of ``word``'s phrase, without the clauses that describe
    its nouns ("les FSR, soutenues par les Émirats")."""
    described = {
        t.i for d in word.subtree if d.dep_ in _DESCRIBING and d.i != word.i for t in d.subtree
    }
    return {t.idx for t in word.subtree if t.i not in described}


_DESCRIBING = frozenset({"acl", "acl:relcl", "relcl", "appos"})
_PARTY_DET = frozenset({"les", "des", "aux", "deux"})
# Words for the signers of a joint text: "les trois co-présidents", "les signataires".
_SIGNER_WORDS = frozenset({"co-presidents", "copresidents", "signataires", "cosignataires"})
_COUNTS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7}
_GROUP_DET = frozenset({"les", "nos", "des", "aux"}) | frozenset(_COUNTS)
