"""Resolving an argument of an event (a noun phrase in the parse) to actors.

Order of evidence, as a reader would use it:

1. the phrase itself — a known name (person at the event date, organisation, state, capital,
   seat of power), a nationality ("Kenyan police"), a title or role noun ("police", "court"),
   a modifier that changes the role ("former", "opposition");
2. what the document already established — titles bound to names ("Japanese Prime Minister Fumio
   Kishida" … later "Kishida"), pronouns to the last compatible actor;
3. the country the story is about, for a bare role noun ("police" in a story set in Seoul).

A person nobody can place stays uncoded (country and sector null) rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from heron.actors.kb import NONSTATE, STATE_KINDS, Entity, KnowledgeBase, dated
from heron.actors.memory import Memory
from heron.actors.mentions import Mention
from heron.actors.phrases import (
    antecedent,
    clause_verb,
    conjuncts,
    has_title,
    nested_in_object,
    of_object,
    prep_object,
    rightmost_head,
    span_tokens,
    speaker_of,
    split_coordination,
    title_of_name,
    who_clause,
)
from heron.data.wordlists import word_lists
from heron.nlp import prep_objects, subject_of
from heron.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# the word lists live in data/grammar/actors.yaml
_LISTS = word_lists("actors")
QUANTITY_HEADS = _LISTS.set("quantity_heads")
STATE_NOUNS = _LISTS.set("state_nouns")
COLLECTIVE_NOUNS = _LISTS.set("collective_nouns")
ORG_NOUNS = _LISTS.set("organisation_nouns")
NGO_NAME_HEADS = _LISTS.set("ngo_name_heads")
PAIR_NOUNS = _LISTS.set("pair_nouns")
MEMBER_NOUNS = _LISTS.set("member_nouns")
CONTEST_NOUNS = _LISTS.set("contest_nouns")
RELATIVE_PRONOUNS = word_lists("clauses").set("relative_pronouns")
VEHICLES = word_lists("roles").set("vehicles")
FOREIGN_MODIFIERS = _LISTS.set("foreign_modifiers")
NUMBER_WORDS = {w: int(n) for w, n in _LISTS.forms("number_words").items()}
PERSON_PRONOUNS = _LISTS.set("person_pronouns")
STATE_PRONOUNS = _LISTS.set("state_pronouns")
GROUP_PRONOUNS = _LISTS.set("group_pronouns")
DESCRIBED_PEOPLE = _LISTS.set("described_people")
PLURAL_PRONOUNS = _LISTS.set("plural_pronouns")
_OF_PREPS = _LISTS.set("of_prepositions")
_STAND_IN_PREPS = _LISTS.ordered("stand_in_prepositions")
_LOCATED = _LISTS.set("location_modifiers")
_COUNTERPARTS = _LISTS.set("counterpart_nouns")
_NGO_GROUPS = _LISTS.set("transnational_groups")
_LOCAL_MODIFIERS = _LISTS.set("local_modifiers")
NONSTATE_ARMED = frozenset({"REB", "PRM"})  # non-state armed groups: "the militants" recall them


@dataclass(frozen=True, slots=True)
class _Query:
    """What one resolution is asked under: the event date, the state acting on a recipient
    ("Cuba freed … opposition leader X" → CUB OPP), and whether the pronoun memory is left
    alone (the title-binding pre-pass)."""

    when: date | None
    context_country: str | None = None
    quiet: bool = False
    # the phrase names people of another country than the acting state's ("deported 30
    # MIGRANTS"): a bare role takes no country from the event or the story
    foreign: bool = False


@dataclass
class Resolver:
    """Resolves noun phrases of one segment of a story. The story's memory is passed from one
    segment's resolver to the next; the event date is an argument of each call."""

    kb: KnowledgeBase
    mentions: dict[int, Mention]
    story_country: str | None
    offset: int = 0
    memory: Memory = field(default_factory=Memory)
    calls: int = 0  # phrases resolved (for benchmarks)
    # a pronoun's antecedent is being sought: a candidate phrase that holds a pronoun of its own
    # ("their stories … their forebears") must not start another search inside it
    seeking: bool = field(default=False, init=False, repr=False)

    def resolve(
        self,
        head: Token,
        *,
        when: date | None,
        context_country: str | None = None,
        foreign: bool = False,
    ) -> list[Actor]:
        """Every actor a phrase names: one per conjunct ("Japan and South Korea" → two), as of
        ``when``. ``context_country`` is the state acting on a recipient phrase; ``foreign``
        says the phrase's people are not of that state or the story's country."""
        return self._resolve(head, _Query(when, context_country, foreign=foreign))

    def speaker_country(self, speech: Token, *, when: date | None) -> str | None:
        """The country of whoever a verb of saying has as its subject ("the spokesperson
        warned …"), without touching the pronoun memory."""
        subj = None
        for verb in (speech, speech.head if speech.dep_ == "conj" else speech):
            # "urged Manila to stop … and WARNED that …": the subject the verbs share
            subj = subj or next(
                (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
        if subj is None:
            return None
        found = self._resolve(subj, _Query(when, quiet=True))
        return next((a.country for a in found if a.country), None)

    def _resolve(self, head: Token, q: _Query) -> list[Actor]:
        self.calls += 1
        anaphor = (
            self._collective_anaphor(head) or self._org_anaphor(head) or self._contest_anaphor(head)
        )
        if anaphor is not None:
            return anaphor
        several = self._members_of_several(head, q)
        if several:
            return several
        out: list[Actor] = []
        for h in conjuncts(head):
            tokens = span_tokens(h)
            parts = split_coordination(tokens, self.mentions)
            for part in parts:
                part_head = h if h in part else rightmost_head(part)
                actor = self._one(part_head, q, part)
                if actor is not None and all(a.start != actor.start for a in out):
                    out.append(actor)
        if len([a for a in out if a.country]) > 1 and not q.quiet:
            self.memory.last_compound = list(out)
        return out

    def _members_of_several(self, head: Token, q: _Query) -> list[Actor]:
        """ "The leaders of France, Germany and Poland": the leaders of each — one actor per
        state of the of-phrase, with the sector the role noun gives; "rescue teams from China,
        India and Russia": a group from each. Empty unless the head is a role noun whose
        of-phrase, or a noun whose from-phrase, names two or more states."""
        if head.i in self.mentions:
            return []
        role = self.kb.role_sector(head.lemma_.lower()) is not None
        phrase = (of_object(head) if role else None) or prep_object(head, "from")
        if phrase is None and role:
            # "officials in charge of foreign trade IN the EU, Belgium, Germany and Italy": the
            # states an in-phrase inside the role's own phrase names
            phrase = nested_in_object(head)
        if phrase is None:
            return []
        states = conjuncts(phrase)
        if len(states) < 2:
            return []
        first = self._one(head, q)
        if first is None or (first.sector is None and phrase.head.lower_ == "of"):
            return []
        out = []
        for s in states:
            found = self._one(s, replace(q, quiet=True))
            # a bloc of states may stand among them ("in the EU, Belgium, Germany …")
            if found is None or not found.country or found.country in NONSTATE - {"IGO"}:
                if s.pos_ == "PROPN":
                    return []  # a name that is no state: not a list of states
                continue  # "… and other auto-manufacturing countries"
            how = f"{head.text} {phrase.head.lower_} each state named: {s.text} → {found.country}"
            out.append(replace(first, country=found.country, name=found.name, how=how))
        return out if len(out) > 1 else []

    def _collective_anaphor(self, head: Token) -> list[Actor] | None:
        """'the country' → the state the story last named; 'the three nations', 'both
        countries' → the last set of several actors (with as many members when a number is
        given)."""
        lem = head.lemma_.lower()
        if lem in PAIR_NOUNS and head.i not in self.mentions:
            return self._pair_anaphor(head)
        if lem not in STATE_NOUNS or head.i in self.mentions:
            return None
        kids = {c.lower_: c for c in head.children}
        if not ({"the", "both"} & set(kids)) or any(
            # "the European nations", "the Gulf states": a proper name or adjective describes
            # which states, so the phrase refers afresh rather than back
            c.dep_ in {"amod", "compound"} and (c.i in self.mentions or c.is_title)
            for c in head.children
        ):
            return None
        tokens = span_tokens(head)
        if head.tag_ in {"NNS", "NNPS"} or "both" in kids:
            group = self.memory.last_compound
            num = next(
                (NUMBER_WORDS.get(c.lower_) for c in head.children if c.dep_ == "nummod"), None
            )
            if "both" in kids:
                num = 2
            if not group or (num is not None and len(group) != num):
                return None
            return [
                self._actor(tokens, a.country, a.sector, a.name, f"'{head.text}' → {a.text}")
                for a in group
            ]
        ref = self.memory.last_state
        country = ref.country if ref is not None and ref.country not in NONSTATE else None
        country = country or self.story_country
        barred = {self._subject_state(head)} | self._other_states_of_clause(head)
        if country is not None and country in barred:
            # "Russia launched 84 drones across THE COUNTRY", "THE GOVERNMENT demanded that
            # Beijing remove them": not another state its own clause names, but the state
            # named before it (else the story's)
            others = [a.country for a in self.memory.recent if a.country not in barred | {None}]
            story = self.story_country if self.story_country not in barred else None
            country = others[-1] if others else story
        if country is None:
            return None
        return [self._actor(tokens, country, None, None, f"'{head.text}' → {country}")]

    def _other_states_of_clause(self, head: Token) -> set[str]:
        """For a subject, the states the rest of its clause names ("THE GOVERNMENT demanded
        that BEIJING remove them"): a subject does not act on itself."""
        if head.dep_ not in {"nsubj", "nsubjpass"}:
            return set()
        own = {t.i for t in head.subtree}
        return {
            m.entity.country
            for t in clause_verb(head).subtree
            if t.i not in own
            and t.dep_ in {"nsubj", "nsubjpass", "dobj"}  # a party, not a place ("in Nairobi")
            and (m := self.mentions.get(t.i)) is not None
            and m.entity is not None
            and m.entity.kind in STATE_KINDS
            and m.entity.country
        }

    def _subject_state(self, head: Token) -> str | None:
        """The state the subject of the clause around ``head`` names, if it names one."""
        verb = clause_verb(head)
        subj = subject_of(verb)
        if subj is None or subj.i == head.i:
            return None
        for t in subj.subtree:
            m = self.mentions.get(t.i)
            if m is not None and m.entity is not None and m.entity.kind in STATE_KINDS:
                return m.entity.country
        return None

    def _governing_states(self, head: Token) -> set[str]:
        """The states named by the nearest subject above ``head`` ("WASHINGTON threatened …
        unless both neighbours accept")."""
        verb = clause_verb(head)
        for _ in range(4):
            subj = subject_of(verb)
            if subj is not None and subj.i != head.i:
                return {
                    m.entity.country
                    for t in subj.subtree
                    if (m := self.mentions.get(t.i)) is not None
                    and m.entity is not None
                    and m.entity.country
                }
            if verb.head.i == verb.i:
                break
            verb = clause_verb(verb.head)
        return set()

    def _pair_anaphor(self, head: Token) -> list[Actor] | None:
        """'the two leaders', 'both governments' → the last two countries the story named,
        each with the sector the noun gives ('leaders' → GOV)."""
        kids = {c.lower_ for c in head.children}
        num = 2 if "both" in kids else None
        for c in head.children:
            if c.dep_ == "nummod":
                num = NUMBER_WORDS.get(c.lower_)
        if not num or head.tag_ not in {"NNS", "NNPS"}:
            return None
        if any(
            c.dep_ in {"amod", "compound", "poss"} and c.i in self.mentions for c in head.children
        ):
            return None
        recent = self.memory.recent
        if head.lemma_.lower() in _COUNTERPARTS:
            # "Washington threatened … unless BOTH NEIGHBOURS accept": not Washington itself
            barred = self._governing_states(head)
            recent = [a for a in recent if a.country not in barred]
        group = recent[-num:]
        if len(group) != num:
            return None
        tokens = span_tokens(head)
        sector = self._role(head, tokens)
        return [
            self._actor(tokens, a.country, sector or a.sector, None, f"'{head.text}' → {a.text}")
            for a in group
        ]

    def _contest_anaphor(self, head: Token) -> list[Actor] | None:
        """'the match' → the two states the story named last, whose contest it is."""
        if head.lemma_.lower() not in CONTEST_NOUNS or head.i in self.mentions:
            return None
        if not any(c.lower_ == "the" for c in head.children) or any(
            c.i in self.mentions for c in head.subtree
        ):
            return None
        pair = self.memory.recent[-2:]
        if len(pair) != 2:
            return None
        tokens = span_tokens(head)
        return [
            self._actor(tokens, a.country, None, None, f"'{head.text}' → {a.text}") for a in pair
        ]

    def _org_anaphor(self, head: Token) -> list[Actor] | None:
        """'the bloc', 'the alliance' → the organisation the story last named; 'the
        Commission' → the organisation named earlier whose name ends in that word."""
        org = self.memory.last_org
        short = self.memory.short_names.get(head.text)
        if short is not None and head.i not in self.mentions and _bare_definite(head, self):
            how = f"'the {head.text}' → {short.text}"
            return [self._actor([head], short.country, short.sector, short.name, how)]
        if org is None or head.lemma_.lower() not in ORG_NOUNS or head.i in self.mentions:
            return None
        if not any(c.lower_ == "the" for c in head.children) or any(
            c.dep_ in {"amod", "compound", "poss"} or c.i in self.mentions for c in head.children
        ):
            return None
        tokens = span_tokens(head)
        return [
            self._actor(tokens, org.country, org.sector, org.name, f"'{head.text}' → {org.text}")
        ]

    def prebind(self, sent: SpacySpan, *, when: date | None) -> None:
        """Read a sentence before coding it: bind every titled name ("then-Japanese prime
        minister Junichiro Koizumi") so later bare mentions ("Koizumi") resolve even when the
        phrase is no event's argument, and note the subjects, in order, for pronouns."""
        seen: set[int] = set()
        self.memory.new_sentence()
        for t in sent:
            main = t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"
            if t.dep_ in {"nsubj", "nsubjpass"}:
                vehicle = t.pos_ == "NOUN" and t.lemma_.lower() in VEHICLES
                self.memory.sentence_subjects.append((t.i, vehicle))
                if main:
                    self.memory.main_vehicle = vehicle
            if main and t.lower_ in STATE_PRONOUNS and self.memory.main_state is None:
                self.memory.main_state = self.memory.state_for(t.i)
            if (
                t.dep_ in {"nsubj", "nsubjpass"}
                and t.lower_ not in GROUP_PRONOUNS | PERSON_PRONOUNS
            ):
                found = self._resolve(t, _Query(when))
                if main and found and found[-1].name:
                    self.memory.main_subject = found[-1]
                states = self.memory.sentence_states
                if main and found and states and states[-1][1] is found[-1]:
                    self.memory.main_state = found[-1]
                continue
            m = self.mentions.get(t.i)
            if m is None or id(m) in seen or (m.entity is not None and m.entity.kind != "person"):
                continue
            seen.add(id(m))
            root = next(
                (
                    sent.doc[k]
                    for k in range(m.start, m.end)
                    if not (m.start <= sent.doc[k].head.i < m.end)
                ),
                None,
            )
            if root is not None:
                self._resolve(root, _Query(when, quiet=True))

    # -- one phrase ---------------------------------------------------------------------------
    def _one(self, head: Token, q: _Query, tokens: list[Token] | None = None) -> Actor | None:
        low = head.lower_
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            return self._pronoun(head, q)
        noun = antecedent(head) if low in RELATIVE_PRONOUNS else None
        if noun is not None:
            # "300 migrants, most of WHOM were deported": the noun the clause hangs on
            return self._one(noun, q)
        if low in DESCRIBED_PEOPLE and any(who_clause(c) for c in head.children):
            return self._described_people(head, q)
        if low in QUANTITY_HEADS or head.lemma_.lower() in QUANTITY_HEADS:
            inner = of_object(head)
            if inner is not None:
                found = self._one(inner, q)
                if found is not None:
                    span = span_tokens(head, include_of=True)
                    return self._actor(span, found.country, found.sector, found.name, found.how)
        if tokens is None:
            tokens = span_tokens(head)
        ments = self._mentions_in(tokens)
        ngo = self._unknown_ngo(head, tokens)
        if ngo is not None:
            return ngo
        person = next((m for m in ments if m.entity is None or m.entity.kind == "person"), None)
        org = next((m for m in ments if m.entity and m.entity.kind == "org"), None)
        if person is None and org is None and head.pos_ == "PROPN":
            person = self._recalled(head, tokens)
        places = [m for m in ments if m.entity and m.entity.kind in STATE_KINDS]
        role = self._role(head, tokens)
        if role is not None and head.lemma_.lower() in MEMBER_NOUNS and not ments:
            # "leaders of the opposition coalition", "the head of the army": a group's own
            # people are of its country and sector, not the government's
            group = self._inner_actor(head, q)
            if group is not None and group.sector:
                why = f"member of {group.text} → {group.country or ''}{group.sector}"
                return self._actor(tokens, group.country, group.sector, group.name, why)
        modifier = self._modifier(tokens)
        person_is_head = person is not None and person.start <= head.i < person.end
        org_is_head = org is not None and org.start <= head.i < org.end
        country: str | None = None
        sector: str | None = None
        name: str | None = None
        how: list[str] = []
        if person is not None:
            # order of evidence for a person: a title in the phrase, what the story bound
            # earlier, the knowledge base at the event date
            pc, ps, pname, phow = self._person(person, q.when)
            if person_is_head:
                country, sector, name = pc, ps, pname
                how.append(phow)
            else:
                # "Kishida's government", "supporters of Yoon": the person only gives a country
                country = pc
                how.append(f"{phow} (modifier)")
        if org is not None and org.entity is not None and (org_is_head or country is None):
            org_now = dated(org.entity, q.when)
            if org_is_head or person is None:
                country, sector, name = org_now.country, org_now.sector, org_now.name
            else:
                country = org.entity.country
            how.append(f"organisation '{org.entity.name}'")
        if places:
            place = places[0].entity
            assert place is not None
            title_here = role is not None and person_is_head
            if country is None or title_here:
                country = place.country
                how.append(f"{place.kind} '{places[0].text}' → {place.country}")
            if sector is None and place.kind in {"capital", "seat"} and role is None:
                sector = place.sector
            if place.kind == "adjective" and places[0].start <= head.i < places[0].end:
                sector = sector or "CVL"  # a demonym used as a noun: "13 Japanese", "Israelis"
        # members of an organisation with a known sector keep it: "RSF fighters", "Hamas
        # leaders" are the group's (REB), not a military or a government
        org_sector = org is not None and org.entity is not None and sector is not None
        apposed = (
            self._appositive_role(head, tokens)
            if person is not None and person_is_head and not self._in_office(person, q.when)
            else None
        )
        if (
            role is not None
            and not (org_sector and not person_is_head)
            and (
                not person_is_head
                or has_title(tokens, person, head)
                or self._titled_name(person, head)
                or apposed is not None
                or sector is None
            )
        ):
            sector = role
            how.append(f"role noun → {role}")
        if modifier is not None:
            sector = modifier
            how.append(f"modifier → {modifier}")
        elif apposed is not None and role is None:
            sector = apposed
            how.append(f"title in apposition → {apposed}")
        if (
            country is None
            and sector is None
            and role is None
            and person is None
            and org is None
            and (head.pos_ == "NOUN" or (head.tag_ == "VBG" and head.dep_ == "csubj"))
        ):
            # a head that names nobody stands for the actor of its of/from-phrase: "demands
            # FROM the rebels", "the withdrawal OF Serbian forces" are the rebels', the forces';
            # so does a gerund that is the subject: "shelling BY the RSF killed 21 civilians"
            stand_in = self._inner_actor(head, q) or self._org_possessor(head)
            if stand_in is not None:
                return stand_in
        if country is None and (role is not None or person is not None or head.pos_ == "NOUN"):
            country = self._country_around(head, q, role, tokens, how)
        if country is None and sector is None and name is None:
            return None
        actor = self._actor(tokens, country, sector, name, "; ".join(how) or "unresolved name")
        state = person is None and (
            org is not None
            or (
                bool(places)
                and places[0].entity is not None
                and places[0].entity.kind in {"country", "capital", "seat"}
                and role is None
            )
            # "the junta", "the government": a body "it" can stand for
            or (role is not None and head.tag_ == "NN" and head.lemma_.lower() in COLLECTIVE_NOUNS)
        )
        self._remember(actor, head, person if person_is_head else None, state=state, q=q)
        if org is not None and org.entity is not None and not q.quiet:
            self._remember_org(org, head, q)
            if org_is_head and actor.country and actor.sector in NONSTATE_ARMED:
                self.memory.armed[actor.sector] = actor
        return actor

    def _country_around(
        self, head: Token, q: _Query, role: str | None, tokens: list[Token], how: list[str]
    ) -> str | None:
        """A country the phrase does not name: its possessor or of-phrase, else — for a bare
        role — the state acting on it or the country the story is about."""
        country = self._country_from_context(head, q)
        if country is not None:
            how.append(f"possessor/of-phrase → {country}")
            return country
        if q.foreign:
            return None
        if role == "SOC" and self._transnational(head, tokens):
            # "rights groups accused the junta": groups the text gives no country are the
            # international kind (CAMEO's NGO), not the story country's civil society
            how.append("a non-governmental group of no stated country → NGO")
            return "NGO"
        group = self.memory.armed.get(role or "")
        if group is not None and not q.quiet and self._names_group(head, role):
            # "the militants", "the rebel group": the armed group the story last named, not the
            # country the story is about ("al-Shabab … the militants" in a story about Kenya)
            how.append(f"the armed group last named, {group.text} → {group.country}")
            return group.country
        # the pre-pass binds only what the text itself says
        # a recipient's bare role takes the acting state's country only for domestic roles
        # (police, courts, opposition, prisoners …), not for envoys or officials
        context = q.context_country if role not in {"GOV", "MIL", "SPY"} else None
        fallback = None if q.quiet else (context or self.story_country)
        if any(t.lower_ in FOREIGN_MODIFIERS for t in tokens if t.dep_ == "amod"):
            fallback = None  # "Western politicians", "foreign diplomats": not the story's
        barred = self._other_states_of_clause(head) if fallback and not q.quiet else set()
        if fallback in barred:
            # "THE GOVERNMENT demanded that BEIJING remove them" in a story that names China
            # most: not the state the subject acts on, but the one named before it
            others = [a.country for a in self.memory.recent if a.country not in barred | {None}]
            fallback = others[-1] if others else None
        if role is not None and fallback is not None:
            how.append(f"{'event' if context else 'story'} is about {fallback}")
            return fallback
        return None

    def _remember_org(self, org: Mention, head: Token, q: _Query) -> None:
        """The organisation a phrase names, for "the bloc", "the alliance" later."""
        assert org.entity is not None
        o = dated(org.entity, q.when)
        org_tokens = [head.doc[i] for i in range(org.start, org.end)]
        self.memory.last_org = self._actor(
            org_tokens, o.country, o.sector, o.name, f"organisation '{org.entity.name}'"
        )
        if len(org_tokens) > 1 and org_tokens[-1].text[:1].isupper():
            # "the European Commission … the Commission": a name's last word, capitalised
            # after "the", stands for the whole name later in the story
            self.memory.short_names[org_tokens[-1].text] = self.memory.last_org

    def _recalled(self, head: Token, tokens: list[Token]) -> Mention | None:
        """A name the story bound earlier, whatever NER thought of it this time."""
        run = [t for t in tokens if t.pos_ == "PROPN" and abs(t.i - head.i) <= 3]
        text = head.doc[run[0].i : run[-1].i + 1].text if run else head.text
        if self.memory.recall(text) is None:
            return None
        return Mention(run[0].i if run else head.i, (run[-1].i if run else head.i) + 1, text, None)

    def _remember(
        self, actor: Actor, head: Token, person: Mention | None, *, state: bool, q: _Query
    ) -> None:
        """Bind a named person's titles for later bare mentions, and note the actor for
        pronouns (the pre-pass only binds what the text itself says)."""
        subject = head.dep_ in {"nsubj", "nsubjpass"}
        if person is not None and (actor.country or actor.sector):
            self.memory.bind(person.text, actor)
            if actor.name and actor.name != person.text:
                self.memory.bind(actor.name, actor)
        if q.quiet and person is not None:
            # the pre-pass still tells pronouns later in the sentence who has been named
            self.memory.sentence_persons.append((head.i, actor, subject))
        if not q.quiet:
            self.memory.note(
                actor, person=person is not None, state=state, position=head.i, subject=subject
            )

    def _person(
        self, person: Mention, when: date | None
    ) -> tuple[str | None, str | None, str | None, str]:
        remembered = self.memory.recall(person.text)
        if remembered is not None:
            return (
                remembered.country,
                remembered.sector,
                remembered.name,
                f"'{person.text}' bound earlier in the story",
            )
        if person.entity is not None and person.entity.person is not None:
            country, sector, title = person.entity.person.at(when)
            day = when.isoformat() if when else "today"
            what = f"as {title}" if title else "outside any dated role"
            return country, sector, person.entity.name, f"'{person.entity.name}' {what} on {day}"
        if person.entity is not None:
            return person.entity.country, person.entity.sector, person.entity.name, "known person"
        return None, None, person.text, "person unknown to the knowledge base: not guessed"

    def _pronoun(self, head: Token, q: _Query) -> Actor | None:
        low = head.lower_
        speaker = speaker_of(head) if low not in PERSON_PRONOUNS else None
        if speaker is not None:
            # "the ministry said IT would …": the subject of what was said is the speaker
            ref = self._one(speaker, _Query(q.when, q.context_country, quiet=q.quiet))
            if ref is not None and ref.country:
                start = self.offset + head.idx
                return Actor(
                    head.text,
                    start,
                    start + len(head.text),
                    ref.name,
                    ref.country,
                    ref.sector,
                    f"pronoun → the speaker, {ref.text}",
                )
        if low in PERSON_PRONOUNS:
            ref = self.memory.person_for(head.i)
        elif low in {"it", "its"} and self._vehicle_before(head):
            return None  # "the vessel … when IT arrived in eastern China"
        elif low in STATE_PRONOUNS:
            ref = self.memory.state_for(head.i)
        else:
            ref = self._plural_antecedent(head, q) if low in PLURAL_PRONOUNS else None
            ref = ref or self.memory.last_group
        if ref is None:
            return None
        start = self.offset + head.idx
        return Actor(
            head.text,
            start,
            start + len(head.text),
            ref.name,
            ref.country,
            ref.sector,
            f"pronoun → {ref.text}",
        )

    def _vehicle_before(self, head: Token) -> bool:
        """The subject nearest before ``head`` in its sentence (else the previous sentence's
        main subject) is a ship, a plane or another vehicle."""
        before = [v for i, v in self.memory.sentence_subjects if i < head.i]
        return before[-1] if before else self.memory.prev_vehicle

    def _plural_antecedent(self, head: Token, q: _Query) -> Actor | None:
        """What "they", "them", "their" stand for in their own sentence: the nearest plural
        noun before them that names an actor ("the incursion of Russian DRONES …, when several
        of THEM were shot down"), never the subject of the pronoun's own clause, which a
        pronoun that is not reflexive cannot refer to ("police fired at THEM")."""
        verb = clause_verb(head)
        barred = {c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}}
        if verb.dep_ == "relcl":
            barred.add(verb.head.i)  # "police, who fired at them": who is the police
        if self.seeking:
            return None  # inside another pronoun's search: the memory answers
        self.seeking = True
        try:
            sent = head.sent
            for t in reversed(sent[: head.i - sent.start]):
                if t.tag_ not in {"NNS", "NNPS"} or t.dep_ == "compound" or t.i in barred:
                    continue
                found = self._one(t, _Query(q.when, q.context_country, quiet=True))
                if found is not None and found.country:
                    return found
            return None
        finally:
            self.seeking = False

    def _mentions_in(self, tokens: list[Token]) -> list[Mention]:
        seen: list[Mention] = []
        for t in tokens:
            m = self.mentions.get(t.i)
            if m is not None and m not in seen:
                seen.append(m)
        return seen

    def _unknown_ngo(self, head: Token, tokens: list[Token]) -> Actor | None:
        """A civil-society organisation's own name the knowledge base does not know ("the
        Alliance of Democracies", "the International Refugee Assistance Project"): NGO."""
        if (
            head.pos_ != "PROPN"
            or head.ent_type_ != "ORG"
            or head.lemma_.lower() not in NGO_NAME_HEADS
            or any(
                m.entity is not None and m.entity.kind in {"org", "person"}
                for t in tokens
                if (m := self.mentions.get(t.i)) is not None
            )
        ):
            return None
        name = [t for t in tokens if t.ent_type_ == "ORG" or t.i == head.i]
        how = f"organisation named as civil society ('{head.text}') → NGO"
        return self._actor(name, "NGO", None, None, how)

    def _described_people(self, head: Token, q: _Query) -> Actor | None:
        """ "those WHO BLOCKED the country": people the clause describes, of no office —
        civilians of the country the event is about."""
        country = q.context_country or (None if q.quiet else self.story_country)
        if country is None:
            return None
        start = self.offset + head.idx
        how = f"people described by a relative clause → {country}CVL"
        return Actor(head.text, start, start + len(head.text), None, country, "CVL", how)

    def _transnational(self, head: Token, tokens: list[Token]) -> bool:
        """A generic non-governmental group ("rights groups", "aid agencies") with nothing
        local about it ("LOCAL rights groups", "Kenyan aid agencies" are the country's)."""
        words = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
        if words & _LOCAL_MODIFIERS:
            return False
        lem = head.lemma_.lower()
        mods = [c for c in head.children if c.dep_ in {"amod", "compound"}]
        return lem in _NGO_GROUPS or any(
            f"{form} {lem}" in _NGO_GROUPS for c in mods for form in (c.lemma_.lower(), c.lower_)
        )

    def _names_group(self, head: Token, role: str | None) -> bool:
        """The head itself names armed people ("the MILITANTS", "the militant GROUP"), not
        something of theirs ("terrorist ACTIVITIES")."""
        kb = self.kb
        if role in {kb.role_sector(head.lemma_.lower()), kb.role_sector(head.lower_)}:
            return True
        return any(
            kb.role_sector(f"{c.lower_} {head.lemma_.lower()}") == role
            for c in head.children
            if c.dep_ in {"amod", "compound"}
        )

    def _role(self, head: Token, tokens: list[Token]) -> str | None:
        """Sector from role nouns: two-word titles first, then the head, then its modifiers.
        Words of an organisation's own name are not role nouns ("European UNION", "Rapid Support
        FORCES"): the knowledge base says what the organisation is. Hyphens inside a title are
        skipped ("Secretary-General")."""
        in_orgs = {
            k
            for t in tokens
            if (m := self.mentions.get(t.i)) is not None
            and m.entity is not None
            and m.entity.kind == "org"
            for k in range(m.start, m.end)
        }
        tokens = [t for t in tokens if t.text != "-" and t.i not in in_orgs]
        if head.i in in_orgs or not tokens:
            return None
        lemmas = [t.lemma_.lower() for t in tokens]
        texts = [t.lower_ for t in tokens]
        for i in range(len(tokens) - 1):
            # the modifier as written and the head's lemma too: "rights groups" is a "rights
            # group", though the tagger lemmatises the modifier to "right"
            pairs = (
                (lemmas[i], lemmas[i + 1]),
                (texts[i], texts[i + 1]),
                (texts[i], lemmas[i + 1]),
            )
            for a, b in pairs:
                s = self.kb.role_sector(f"{a} {b}")
                if s is not None and tokens[i + 1].i in {head.i} | {c.i for c in head.children}:
                    return s
                if s is not None and (tokens[i + 1].dep_ == "compound" or tokens[i + 1] is head):
                    return s
        for cand in (head.lemma_, head.lower_):
            s = self.kb.role_sector(cand)
            if s is not None:
                return s
        for t in tokens:
            if t.i >= head.i or t.dep_ in {"det", "punct", "case", "poss", "nummod"}:
                continue
            m = self.mentions.get(t.i)
            if m is not None and m.entity is not None and not title_of_name(t, m):
                continue
            s = self.kb.role_sector(t.lemma_) or self.kb.role_sector(t.lower_)
            if s is not None:
                return s
        return None

    def _titled_name(self, person: Mention | None, head: Token) -> bool:
        """The name the knowledge base knows begins with a title: "King Abdullah"."""
        if person is None or not title_of_name(head.doc[person.start], person):
            return False
        return self.kb.role_sector(head.doc[person.start].lower_) is not None

    def _appositive_role(self, head: Token, tokens: list[Token]) -> str | None:
        """The sector of a bare title given to a name in apposition ("Kofi Annan, UN
        secretary-general,", "Lai, a businessman,"): the text's own word for what the person is
        as it writes. An apposition that goes on with a phrase of its own ("adviser on China
        at the Crisis Group") describes more than a title and is not read."""
        ids = {t.i for t in tokens}
        for child in head.children:
            if child.dep_ != "appos" or child.i not in ids or child.pos_ != "NOUN":
                continue
            if any(c.dep_ in {"prep", "relcl", "acl"} for c in child.children):
                return None
            inner = [t for t in tokens if child.left_edge.i <= t.i <= child.right_edge.i]
            return self._role(child, inner)
        return None

    def _in_office(self, person: Mention, when: date | None) -> bool:
        """The story bound this person earlier, or the knowledge base has them in a dated
        office on ``when``: what the text adds in apposition does not change that."""
        if self.memory.recall(person.text) is not None:
            return True
        known = person.entity.person if person.entity is not None else None
        return known is not None and known.at(when)[2] is not None

    def _modifier(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            if t.dep_ in {"amod", "compound", "advmod"}:
                s = self.kb.modifiers.get(t.lower_)
                if s is not None:
                    return s
        return None

    def _org_possessor(self, head: Token) -> Actor | None:
        """ "the BLOC's decisions", "the alliance's plan": a noun that names nobody, owned by
        an organisation the story names by a common noun, stands for that organisation."""
        poss = next((c for c in head.children if c.dep_ == "poss"), None)
        found = self._org_anaphor(poss) if poss is not None else None
        return found[0] if found else None

    def _inner_actor(self, head: Token, q: _Query) -> Actor | None:
        """The actor named in the by/from/of-phrase of ``head`` (in that order)."""
        for prep in _STAND_IN_PREPS:
            for child in head.children:
                if child.dep_ in {"prep", "agent"} and child.lower_ == prep:
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found = self._one(obj, q)
                            if found is not None:
                                return found
        return None

    def _country_from_context(self, head: Token, q: _Query) -> str | None:
        """Country from a possessor ("Kishida's government"), an of-phrase, or where the
        people are based ("militants based in Afghanistan")."""
        for child in head.children:
            if child.dep_ == "poss" and head.lemma_.lower() not in _COUNTERPARTS:
                # (not "its ALLY", "Russia's NEIGHBOURS": another state than the possessor)
                found = self._one(child, q)
                if found is not None and found.country:
                    return found.country
            if child.dep_ == "prep" and child.lower_ in _OF_PREPS:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._one(obj, q)
                        if found is not None and found.country:
                            return found.country
            if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in _LOCATED:
                # "militants BASED IN Afghanistan", "fighters PRESENT IN Syria"
                for prep, obj in prep_objects(child):
                    found = self._one(obj, q) if prep in {"in", "on", "from", "inside"} else None
                    if found is not None and found.country:
                        return found.country
        return None

    def _actor(
        self,
        tokens: list[Token],
        country: str | None,
        sector: str | None,
        name: str | None,
        how: str,
    ) -> Actor:
        start_tok, end_tok = tokens[0], tokens[-1]
        doc = start_tok.doc
        text = doc[start_tok.i : end_tok.i + 1].text
        start = self.offset + start_tok.idx
        return Actor(text, start, start + len(text), name, country, sector, how)


def _bare_definite(head: Token, resolver: Resolver) -> bool:
    """ "the Commission": "the" and no modifier or name of its own before the head."""
    return any(c.lower_ == "the" for c in head.children) and not any(
        c.dep_ in {"amod", "compound", "poss"} or c.i in resolver.mentions for c in head.lefts
    )


__all__ = ["Entity", "Resolver"]
