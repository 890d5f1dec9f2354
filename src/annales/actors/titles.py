"""Titles and bodies with what they govern: "le ministre turc des Affaires étrangères".

A role noun of ``agents.yaml`` ("ministre", "président", "armée", "rebelles") takes its state
from what follows it, in this order:

1. a demonym inside the title: "le ministre russe de la Défense" (the title is read across it);
2. demonyms after it, possibly coordinated: "les militaires russes et américains",
   "les présidents russe Vladimir Poutine et américain Barack Obama";
3. a de-complement: "le président de la Syrie", "les ministres des affaires étrangères de la France,
   de l'Allemagne et du Royaume-Uni", "le secrétaire général de l'ONU";
4. a name, in apposition or not: "le ministre russe de la Défense, Sergueï Choïgou",
   "le président Poutine", "le journaliste russe Ivan Petrov" (unknown: a name with a nationality).

With none of these, a plural like "les dirigeants" refers back to the last two states; a title
with a default ("le président de la République": FRA) takes it; otherwise the issuer of a
communiqué or, with low confidence, the state the text is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annales.actors import context
from annales.actors.coref import Referent
from annales.actors.matcher import Match, normalise
from annales.lang import LanguageProfile, get_profile
from annales.places import resolve_place

if TYPE_CHECKING:
    from spacy.tokens import Token

    from annales.actors.kb import Agent
    from annales.actors.resolve import _Walker

__all__ = ["TitleReader"]

_NAMED_KINDS = ("country", "org", "capital", "metonym")
_WHERE_THEY_ARE = frozenset({"GOV", "REB", "OPP", "CVL", "COP", "JUD", "LEG"})
# Sectors of a state's own institutions, which a bare title or body may take from the context.
_STATE_INSTITUTIONS = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY"})


@dataclass
class _Part:
    """One state a title is attached to, and the name that goes with it."""

    code: str
    start: int
    end: int
    via: str  # demonym, country, org, capital, metonym, person
    sector: str | None = None  # the organisation's sector, for "le secrétaire général de l'ONU"
    person: Referent | None = None
    held: bool = True
    unknown_name: str | None = None


def _case_word(token: Token, profile: LanguageProfile) -> str:
    """The preposition of ``token``: under it in UD ("à" <- "Erevan"), its head in schemes where
    prepositions head their noun ("in" -> "Yerevan")."""
    if token.dep_ in profile.dep("marker_object"):
        return normalise(token.head.text)
    return next((normalise(c.text) for c in token.children if c.dep_ == "case"), "")


class TitleReader:
    def __init__(self, walker: _Walker) -> None:
        self.w = walker
        self.doc = walker.doc
        self.kb = walker.kb
        self.profile = get_profile(walker.doc.lang_)
        words = self.profile.word
        self.of, self.links = words("title_of"), words("title_links")
        self.definite, self.pair_determiners = words("definite_articles"), words("pair_determiners")
        self.pairable, self.country_pairs = words("pairable_titles"), words("country_pairs")
        self.side_pairs = words("side_pairs")
        # The definite articles of locatives ("de [la] Syrie", "of [the] United States").
        self.articles = frozenset(normalise(a) for a in self.profile.places.articles)
        self.issuer_possessives = words("issuer_possessives")
        self.honorifics = words("honorifics")
        self.in_power = [tuple(w.split()) for w in words("in_power")]
        self.place_prepositions = frozenset(normalise(w) for w in self.profile.places.prepositions)
        self.scene: tuple[int, str] | None = None  # (sentence, state) where people were placed

    def match_at(self, token: int, *kinds: str) -> Match | None:
        m = self.w.next_match(token)
        if m is not None and (not kinds or m.first(*kinds) is not None):
            return m
        return None

    def text(self, i: int) -> str:
        return normalise(self.doc[i].text) if 0 <= i < len(self.doc) else ""

    # -- entry point ----------------------------------------------------------------------
    def read(self, k: int) -> int:
        m = self.w.matches[k]
        entry = m.first("agent")
        assert entry is not None
        agent = self.kb.agents[entry.ref]
        if m.end - m.start == 1 and self.doc[m.start].pos_ == "ADJ" and agent.kind != "pair":
            return m.end  # "les liens militaires": an adjective, not "les militaires"
        if agent.kind == "pair":
            return self.pair(m, agent)
        if agent.kind == "counterpart":
            return self.counterpart(m, agent)
        split = self.split_before_name(m, agent)
        if split is not None:
            agent, end, parts = split
        else:
            agent, end, parts = self.across_demonym(m, agent)
            more, end = self.after(end, complement=True)
            parts.extend(more)
        if not parts:
            name, end = self.name_after(end, comma=agent.kind == "title")
            if isinstance(name, Referent):
                return self.titled_person(m.start, end, agent, name)
            return self.bare(m, agent, end, name)
        for n, part in enumerate(parts):
            members = self.kb.organisations[part.code].members if part.via == "org" else ()
            if members:  # "les ministres du groupe E3": one actor per member state
                for member in members:
                    self.w.emit(member, agent.sector, m.start if n == 0 else part.start, part.end,
                                "kb:group", 0.8)  # fmt: skip
                continue
            self.emit_part(part, agent, m.start if n == 0 else part.start)
        return end

    # -- what follows a title -------------------------------------------------------------
    def across_demonym(self, m: Match, agent: Agent) -> tuple[Agent, int, list[_Part]]:
        """ "ministre russe de la Défense": the title read across the demonym inside it."""
        dem = self.match_at(m.end, "demonym")
        if dem is None or agent.kind != "title":
            return agent, m.end, []
        head = normalise(self.w.span_text(m.start, m.end))
        best: tuple[Agent, int] | None = None
        for j in range(dem.end + 1, min(dem.end + 7, len(self.doc)) + 1):
            tail = normalise(self.w.span_text(dem.end, j))
            for kind in ("title", "body"):
                found = self.kb.agent(kind, f"{head} {tail}", self.profile.code)
                if found is not None:
                    best = (found, j)
        if best is None:
            return agent, m.end, []
        entry = dem.first("demonym")
        assert entry is not None
        part = _Part(entry.ref, m.start, best[1], "demonym")
        name, end = self.name_after(best[1], comma=True)
        self.attach(part, name)
        return best[0], end if name else best[1], [part]

    def split_before_name(self, m: Match, agent: Agent) -> tuple[Agent, int, list[_Part]] | None:
        """ "le président du Conseil européen": a title of the base ("président du Conseil")
        that swallowed the start of a longer name ("Conseil européen") is cut before it."""
        for j in range(m.start + 1, m.end):
            if self.text(j) not in self.of:
                continue
            q = j + 1
            while q < m.end and self.text(q) in self.articles:
                q += 1
            found = self.w.index.match(self.doc, q, min(len(self.doc), m.end + 6))
            named = found[0] if found and found[0].start == q else None
            entry = named.first(*_NAMED_KINDS) if named is not None else None
            if named is None or entry is None or named.end <= m.end:
                continue
            head = normalise(self.w.span_text(m.start, j))
            shorter = self.kb.agent(agent.kind, head, self.profile.code)
            if shorter is None:
                continue
            sector = entry.sector if entry.kind in {"org", "metonym"} else None
            part = _Part(entry.ref, j, named.end, entry.kind, sector=sector)
            name, end = self.name_after(named.end, comma=True)
            self.attach(part, name)
            if name:
                part.end = end
            return shorter, end if name else named.end, [part]
        return None

    def after(self, pos: int, *, complement: bool) -> tuple[list[_Part], int]:
        """Demonyms ("russes et américains") or de-complements ("de la France, de l'Allemagne")."""
        parts: list[_Part] = []
        while True:
            dem = self.match_at(pos, "demonym")
            if dem is not None:
                entry = dem.first("demonym")
                assert entry is not None
                part = _Part(entry.ref, dem.start, dem.end, "demonym")
                name, pos = self.name_after(dem.end, comma=True)
                self.attach(part, name)
                part.end = max(part.end, pos)
                parts.append(part)
                if self.text(pos) in self.links and self.match_at(pos + 1, "demonym"):
                    pos += 1
                    continue
                return parts, pos
            if not complement or parts:
                return parts, pos
            named = self.complement(pos)
            if named is None:
                return parts, pos
            parts.append(named)
            pos = named.end
            while self.text(pos) in self.links:  # ", de l'Allemagne et du Royaume-Uni", ", Y et Z"
                following = self.complement(pos + 1) or self.bare_name(pos + 1)
                if following is None:
                    break
                parts.append(following)
                pos = following.end
            return parts, pos

    def complement(self, pos: int) -> _Part | None:
        """ "de la Syrie", "du Royaume-Uni", "des Etats-Unis", "de l'ONU" at ``pos``."""
        if self.text(pos) not in self.of:
            return None
        q = pos + 1
        while self.text(q) in self.articles:
            q += 1
        part = self.bare_name(q) or self.person_part(q)
        if part is not None:
            part.start = pos
        return part

    def person_part(self, pos: int) -> _Part | None:
        """ "le régime de Bachar al-Assad", "le gouvernement de Viktor Orban": the state of the
        person the title belongs to (their main role, held on the day or not)."""
        person = self.match_at(pos, "person")
        chosen = self.w.choose_person(person) if person is not None else None
        if person is None or chosen is None:
            return None
        referent, _ = self.w.person_referent(chosen[0])
        return _Part(referent.code, pos, person.end, "person")

    def bare_name(self, pos: int) -> _Part | None:
        named = self.match_at(pos, *_NAMED_KINDS)
        if named is None:
            return None
        entry = named.first(*_NAMED_KINDS)
        assert entry is not None
        sector = entry.sector if entry.kind in {"org", "metonym"} else None
        return _Part(entry.ref, pos, named.end, entry.kind, sector=sector)

    def name_after(self, pos: int, *, comma: bool) -> tuple[Referent | str | None, int]:
        """A person's name at ``pos`` (after a comma when ``comma``): known, or unknown text."""
        start = pos + 1 if comma and self.text(pos) == "," else pos
        if start != pos:
            # "le Président de la République, Son Excellence Monsieur Bassirou Diomaye Faye"
            while start - pos <= 4 and self.text(start) in self.honorifics:
                start += 1
        person = self.match_at(start, "person")
        if person is not None:
            chosen = self.w.choose_person(person)
            if chosen is not None:
                referent, _ = self.w.person_referent(chosen[0])
                self.w.memory.remember_name(self.w.span_text(person.start, person.end), referent)
                return referent, person.end
        told = self.w.memory.surnames.get(self.text(start)) if start < len(self.doc) else None
        if told is not None and self.doc[start].text[:1].isupper():
            return told, start + 1  # "le Président Faye" after "Bassirou Diomaye Faye"
        titled = self.titled_surname(start)
        if titled is not None:
            return titled, start + 1
        end = start
        while (
            end < len(self.doc)
            and end - start < 4
            and self.doc[end].pos_ == "PROPN"
            and self.doc[end].text[:1].isupper()
            and self.w.next_match(end) is None
        ):
            end += 1
        if end > start and (end - start >= 2 or self.doc[start].ent_type_ == "PER"):
            return self.w.span_text(start, end), end
        return None, pos

    def titled_surname(self, pos: int) -> Referent | None:
        """ "la ministre Joly": after a title, a surname alone is the one person of the knowledge
        base of that name who held a role on the day (never a guess without a date)."""
        day = self.w.pub_date
        token = self.doc[pos] if pos < len(self.doc) else None
        if day is None or token is None or token.pos_ != "PROPN" or not token.text[:1].isupper():
            return None
        if pos + 1 < len(self.doc) and self.doc[pos + 1].pos_ == "PROPN":
            return None  # a longer name the knowledge base does not know
        holders = [p for p in self.kb.by_surname(self.text(pos)) if p.roles_on(day)]
        if len(holders) != 1:
            return None
        referent, _ = self.w.person_referent(holders[0].id)
        return referent

    def attach(self, part: _Part, name: Referent | str | None) -> None:
        if isinstance(name, Referent):
            part.person = name
            _, part.held = self.held(name)
        elif name:
            part.unknown_name = name

    def held(self, referent: Referent) -> tuple[Referent, bool]:
        if referent.person is None:
            return referent, True
        return self.w.person_referent(referent.person)

    def role_for(self, referent: Referent, code: str) -> tuple[Referent, bool]:
        """The person's role for the state or organisation the title names: "le président du
        Conseil européen, Charles Michel" is the EU even with no date to choose his role by."""
        ref, held = self.held(referent)
        if ref.code == code or referent.person is None:
            return ref, held
        person = self.kb.people[referent.person]
        day = self.w.pub_date
        for role in person.roles:
            if role.country == code and (day is None or role.valid_on(day)):
                return Referent(code, role.sector, person.name, person.wikidata, person.id), True
        return ref, held

    # -- emitting -------------------------------------------------------------------------
    def emit_part(self, part: _Part, agent: Agent, start: int) -> None:
        former = context.is_former(self.doc, start)
        if part.person is not None:
            ref, held = self.role_for(part.person, part.code)
            if part.person.person is not None and ref.code != part.person.code:
                self.w.memory.give_role(part.person.person, ref)
            code = ref.code if held or part.via != "demonym" else part.code
            sector = ref.sector if held and not former else None
            self.w.emit(
                code, sector, start, part.end, "kb:title+name", 0.95 if held else 0.6,
                name=ref.name, wikidata=ref.wikidata,
            )  # fmt: skip
            if held and not former and agent.kind == "title":
                self.w.memory.remember_role(normalise(agent.term), ref, agent.role)
            return
        sector = None if former else self.part_sector(part, agent)
        if part.unknown_name:
            actor = self.w.emit(
                part.code, sector, start, part.end, "agent:role-noun+name", 0.75,
                name=part.unknown_name,
            )  # fmt: skip
            self.w.memory.remember_name(
                part.unknown_name, Referent(part.code, actor.sector, part.unknown_name, None)
            )
            return
        if agent.kind == "equipment":
            rule, confidence = "kb:equipment", agent.confidence
        elif part.via == "demonym":
            rule, confidence = "kb:demonym+title", 0.9
        else:
            rule, confidence = "kb:title+country", 0.9
        if former:
            rule, confidence = rule + "+former", confidence * 0.7
        self.w.emit(part.code, sector, start, part.end, rule, confidence)
        if agent.kind != "equipment" and not former:
            term = normalise(agent.term)
            self.w.memory.remember_role(term, Referent(part.code, sector, None, None))

    @staticmethod
    def part_sector(part: _Part, agent: Agent) -> str | None:
        """An organisation's sector wins ("le chef du Hezbollah": REB); a seat of power's wins
        over a generic title ("un responsable du Pentagone": MIL, "le ministre de la Défense du
        Kremlin" stays MIL)."""
        if part.via == "org" and part.sector:
            return part.sector
        if part.via == "metonym" and part.sector and agent.role in {None, "government_official"}:
            return part.sector
        return agent.sector

    def titled_person(self, start: int, end: int, agent: Agent, referent: Referent) -> int:
        ref, held = self.held(referent)
        former = context.is_former(self.doc, start)
        sector = ref.sector if held and not former else None
        self.w.emit(
            ref.code, sector, start, end, "kb:title+name", 0.95 if held else 0.6,
            name=ref.name, wikidata=ref.wikidata,
        )  # fmt: skip
        if held and not former and agent.kind == "title":
            self.w.memory.remember_role(normalise(agent.term), ref, agent.role)
        return end

    def bare(self, m: Match, agent: Agent, end: int, name: Referent | str | None) -> int:
        """A title or body with no state of its own."""
        term = normalise(agent.term)
        w = self.w
        previous = self.text(m.start - 1)
        if term in self.pairable and previous in self.pair_determiners:
            here = w.sentence_of[m.start]
            pair = w.memory.recent_states(self.kb, 2, set(), sentence=here, people_first=True)
            if len(pair) == 2:
                for actor in pair:
                    sector = agent.sector if agent.role != "government_official" else actor.sector
                    w.emit(actor.code, sector, m.start, end, "coref:les-dirigeants", 0.5)
                return end
        if agent.kind == "equipment":
            return end
        sector = None if context.is_former(self.doc, m.start) else agent.sector
        if isinstance(name, str):  # "l'ambassadrice Jane Roe": an unknown person, no state
            return self.named_by_apposition(m.start, end, agent, name)
        if previous in self.issuer_possessives:  # the speaker's own state: the issuer, if any
            for issuer in w.issuer.codes if w.issuer else ():
                w.emit(issuer, sector, m.start - 1, end, "agent:role-noun+issuer", 0.6)
            return end
        located = self.place_after(end, agent)
        if located is not None:  # "le régime en Syrie", "les rebelles au Mali"
            w.emit(located, sector, m.start, end, "agent:role-noun+place", 0.6)
            w.memory.remember_role(term, Referent(located, sector, None, None))
            return end
        earlier = (
            w.memory.roles.get(term)
            or w.memory.roles.get(term.split(" ")[0])
            # "le Chef de l'État" after "le Président de la République, M. Faye": the same office
            or (w.memory.roles.get(f"role:{agent.role}") if agent.role else None)
        )
        if earlier is not None and previous in self.definite:
            w.emit(earlier.code, sector, m.start, end, "coref:role-noun", 0.6)
            return end
        if not agent.bare:
            return end
        if agent.default_country:
            rule = "kb:title+default"
            w.emit(agent.default_country, sector, m.start, end, rule, agent.confidence)
            return end
        if w.issuer is not None and agent.kind == "title":
            for issuer in w.issuer.codes:
                w.emit(issuer, sector, m.start, end, "agent:role-noun+issuer", 0.5)
            return end
        clause_state = self.place_of_clause(m.start, agent)
        if clause_state is not None:  # "les manifestants ont été dispersés ... à Erevan"
            self.scene = (w.sentence_of[m.start], clause_state)
            w.emit(clause_state, sector, m.start, end, "agent:role-noun+clause-place", 0.5)
            return end
        scene = self.recent_scene(m.start, agent)
        if scene is not None:  # "... à Erevan. La police a dispersé la foule."
            w.emit(scene, sector, m.start, end, "agent:role-noun+scene", 0.4)
            return end
        if agent.sector in _STATE_INSTITUTIONS:
            # "Le gouvernement a convoqué l'ambassadeur" after "La Russie a protesté": an
            # institution of a state, weakly, the state the text last named as an actor.
            last = w.memory.last_state(self.kb)
            if last is not None:
                w.emit(last.code, sector, m.start, end, "agent:role-noun+context", 0.35)
        # People and groups ("les manifestants", "les migrants", "les rebelles") with no state
        # of their own, no place in their clause and no earlier mention stay unresolved: the
        # state the text is about is as often the neighbour or the critic as theirs.
        return end

    def named_by_apposition(self, start: int, end: int, agent: Agent, name: str) -> int:
        """ "l'ambassadrice Jane Roe, représentante spéciale de l'OSCE": the state or organisation
        of the apposed title. With none, the person is left out: a named stranger is neither the
        issuer of a communiqué nor the state the text is about."""
        if self.text(end) != ",":
            return end
        title = self.w.next_match(end + 1)
        entry = title.first("agent") if title is not None else None
        if title is None or entry is None:
            return end
        apposed = self.kb.agents[entry.ref]
        if apposed.kind not in {"title", "body"}:
            return end
        apposed, after, parts = self.across_demonym(title, apposed)
        if not parts:
            parts, _ = self.after(after, complement=True)
        if len(parts) != 1 or parts[0].person is not None:
            return end
        part = parts[0]
        sector = self.part_sector(part, apposed) or agent.sector
        actor = self.w.emit(
            part.code, sector, start, end, "agent:role-noun+name", 0.7, name=name
        )  # fmt: skip
        self.w.memory.remember_name(name, Referent(part.code, actor.sector, name, None))
        return end

    def noun_above(self, token: Token) -> Token:
        """The noun a complement hangs from: its head in UD ("rues" <- "Tbilissi"), its
        preposition's head where prepositions head their noun ("streets" -> "of" -> "Tbilisi")."""
        if token.dep_ in self.profile.dep("marker_object"):
            return token.head.head
        return token.head

    def placed(self, token: Token) -> bool:
        """Whether a locative preposition introduces ``token`` ("à Erevan", "in Yerevan")."""
        return _case_word(token, self.profile) in self.place_prepositions

    def place_after(self, pos: int, agent: Agent) -> str | None:
        """The state of "en Syrie", "au Mali" right after a body that belongs where it is
        (government, rebels, civilians; not troops or diplomats, who are often abroad)."""
        if agent.kind != "body" or not (agent.domestic or agent.sector in _WHERE_THEY_ARE):
            return None
        for words in self.in_power:  # "la junte au pouvoir à Bamako", "the junta in power in"
            if all(self.text(pos + k) == w for k, w in enumerate(words)):
                pos += len(words)
                break
        if self.text(pos) not in self.profile.word("body_place"):
            return None
        named = self.match_at(pos + 1, "country") or self.match_at(pos + 1, "capital")
        entry = named.first("country", "capital") if named is not None else None
        return entry.ref if entry is not None else None

    def recent_scene(self, start: int, agent: Agent) -> str | None:
        """The state where the last sentence or the one before placed people in the street:
        the police and crowds of the next sentence are still there."""
        if self.scene is None or agent.kind != "body":
            return None
        if not (agent.domestic or agent.sector in _WHERE_THEY_ARE):
            return None
        sentence, state = self.scene
        return state if 0 < self.w.sentence_of[start] - sentence <= 2 else None

    def place_of_clause(self, start: int, agent: Agent) -> str | None:
        """The state of the place where the clause of a body that belongs where it is happens:
        "les manifestants ont été dispersés par la police à Erevan" are Armenian. The place is
        a name under "à", "en", "au", "dans" among the words of the body's verb."""
        if agent.kind != "body" or not (agent.domestic or agent.sector in _WHERE_THEY_ARE):
            return None
        verb = self.doc[start]
        for _ in range(3):
            if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        for token in verb.subtree:
            if token.pos_ != "PROPN" or token.head.i not in {verb.i, *(c.i for c in verb.children)}:
                continue
            placed = self.placed(token) or (
                _case_word(token, self.profile) in self.of and self.placed(self.noun_above(token))
            )
            if not placed:
                continue  # "à Erevan", "dans les rues de Tbilissi"
            place = resolve_place(token.text)
            if place is not None and place.country:
                return place.country
        return None

    def pair(self, m: Match, agent: Agent) -> int:
        """ "les deux dirigeants", "les deux pays": the last two distinct states."""
        issuer = self.w.issuer
        if self.text(m.start - 1) in self.issuer_possessives and issuer is not None:
            for code in issuer.codes:  # "nos deux pays" in a joint statement: its issuers
                self.w.emit(code, issuer.sector, m.start - 1, m.end, "coref:issuer", 0.8)
            return m.end
        exclude = set(issuer.codes) if issuer else set()
        here = self.w.sentence_of[m.start]
        people = agent.sector == "GOV" and normalise(agent.term) not in self.country_pairs
        memory = self.w.memory
        # "les deux parties", "les deux belligérants": an armed group may be one side.
        sides = normalise(agent.term) in self.side_pairs
        pair = memory.last_sides(self.kb, self.w.fighting, exclude, sentence=here) if sides else []
        pair = pair or memory.recent_states(
            self.kb, 2, exclude, sentence=here, only_people=people, armed_groups=sides
        )
        if len(pair) < 2:  # "les deux hommes": the two leaders last named, if there are two
            pair = memory.recent_states(
                self.kb, 2, exclude, sentence=here, people_first=people, armed_groups=sides
            )
        if len(pair) < 2:
            pair = self.w.memory.recent_states(self.kb, 2, set(), sentence=here)
        if len(pair) == 2:
            for actor in pair:
                sector = agent.sector or self.w.memory.last_sector(actor.code) or actor.sector
                self.w.emit(actor.code, sector, m.start, m.end, "coref:les-deux-dirigeants", 0.7)
        return m.end

    def counterpart(self, m: Match, agent: Agent) -> int:
        """ "son homologue turc": TUR with the sector of the role just mentioned."""
        sector = self.w.memory.last_sector() or "GOV"
        parts, end = self.after(m.end, complement=True)
        for part in parts:
            if part.person is not None:
                self.emit_part(part, agent, m.start if part is parts[0] else part.start)
                continue
            start = m.start if part is parts[0] else part.start
            self.w.emit(part.code, part.sector or sector, start, part.end, "coref:homologue", 0.8)
        if parts:
            return end
        name, end = self.name_after(m.end, comma=True)
        if isinstance(name, Referent):
            return self.titled_person(m.start, end, agent, name)
        sentence_start = self.doc[m.start].sent.start_char
        here = [
            a for a in self.w.memory.actors
            if (a.start or 0) >= sentence_start and self.kb.is_state(a.code)
        ]  # fmt: skip
        if here:
            other = self.w.memory.recent_states(self.kb, 1, {here[0].code})
            if other:
                self.w.emit(other[0].code, sector, m.start, m.end, "coref:homologue", 0.45)
        return m.end
