"""Who acts and who receives: the actor stage's rules for an event's participants.

Given a clause (the events stage's frame: subject, object, prepositional phrases), the resolver
of the story and the event date, find the actors and the recipients of one event:

* the actor is the subject (or the passive agent); for an event noun with no subject, the sides
  of a between-phrase ("talks between Japan and Korea");
* the recipient is the direct object, unless the verb takes a topic ("discussed Taiwan") or the
  object is the actor's own (its troops, its envoys: then the to-/for-phrase is the recipient);
  otherwise the object of the first preposition, the pattern's own prepositions first;
* a reciprocal code (CAMEO 04, meetings) with a coordinated subject, or a between-phrase, has
  no recipient: every side acts;
* a violent event with no named target takes the place where it happened as the target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from heron.actors.kb import NONSTATE, STATE_KINDS
from heron.actors.mentions import Mention
from heron.actors.resolve import Resolver
from heron.data.wordlists import word_lists
from heron.nlp import prep_objects, subject_of
from heron.records import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Token

_LISTS = word_lists("roles")
RECIPIENT_PREPOSITIONS = _LISTS.ordered("recipient_prepositions")
OWN_POSSESSIVES = _LISTS.set("own_possessives")
IMPLIED_AGENTS = _LISTS.forms("implied_agents")
IMPLIED_TARGETS = _LISTS.forms("implied_targets")
AID_TARGETS = _LISTS.forms("aid_targets")
PLACE_TARGETS = _LISTS.ordered("place_targets")
PARTNERED = _LISTS.ordered("partnered")
CLAIM_NOUNS = _LISTS.set("claim_nouns")
ANSWERING_CODES = _LISTS.ordered("answering_codes")
MEETING_NOUNS = word_lists("clauses").set("meeting_nouns")
INSTRUMENTS = _LISTS.set("instruments")
INSTRUMENT_VERBS = _LISTS.set("instrument_verbs")
THREATS = "13"  # CAMEO's root of threats
CAPTIVITY = "173"  # arrest, detention, charges
FOREIGN_RECIPIENTS = _LISTS.ordered("foreign_recipients")
# sectors of a state's own organs: what it sends or opens abroad is not what its act is aimed at
ORGAN_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
NATURAL_CAUSES = _LISTS.set("natural_causes")
ACCIDENT_VERBS = _LISTS.set("accident_verbs")
DOCUMENTS = _LISTS.set("documents")
PROTEST_PREPOSITIONS = _LISTS.ordered("protest_prepositions")
# how many sentences the attackers of a violent event stay the agent of an agentless one
ATTACK_MEMORY = 2
GENERIC_STATEMENT = "010"  # CAMEO's "make statement, not specified below"
TOPIC_VERBS = word_lists("clauses").set("topic_verbs")
CONDITIONS = frozenset({"if", "unless"})
COUNTERPART_CODES = _LISTS.ordered("counterpart_codes")
BORDER_NOUNS = _LISTS.set("border_nouns")
# roots of acts aimed at another: appeals, demands, accusations, rejections, threats
ADDRESSED_ROOTS = frozenset({"02", "10", "11", "12", "13"})
REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself", "ourselves"})
HYPHENS = frozenset({"-", "\u2013"})


class Clause(Protocol):
    """What the role rules read of a clause (events.frames.Frame has all of it)."""

    verb: Token
    subject: Token | None
    dobj: Token | None
    noun: Token | None
    preps: dict[str, list[Token]]
    object_preps: dict[str, list[Token]]
    said_of: Token | None
    addressee: Token | None
    aim_targets: list[Token]

    @property
    def lemma(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Roles:
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    # the recipient is the place of a violent event, not a target the text names
    place_as_recipient: bool = False
    # the sides are the objects of a between-phrase ("clashes between X and Y")
    between: bool = False


def story_country(mentions: Iterable[Mention]) -> str | None:
    """The state a story names most often (ties: the one named first), from its mentions in
    text order."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    seen: set[int] = set()
    for m in mentions:
        if id(m) in seen or m.entity is None or m.entity.kind not in STATE_KINDS:
            continue
        seen.add(id(m))
        code = m.entity.country
        if code:
            counts[code] += 1
            # the order met, not the token index: mentions come segment by segment, and each
            # segment counts its tokens from 0
            first.setdefault(code, len(first))
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def assign_roles(
    clause: Clause,
    resolver: Resolver,
    *,
    when: date | None,
    preferred_preps: Collection[str],
    reciprocal: bool,
    violent: bool,
    place: Place | None,
    code: str = "",
    answers: bool = False,
) -> Roles:
    """Actors and recipients of one event (CAMEO ``code``), resolved as of ``when``."""
    actors = resolver.resolve(clause.subject, when=when) if clause.subject is not None else []
    carried = False
    if not actors and clause.subject is not None:
        author = _author(clause.subject)
        if author is not None:
            # "X issued a statement calling on Y …": the statement's author calls
            actors = resolver.resolve(author, when=when)
    memory = resolver.memory
    if violent and not actors and _disaster(clause):
        # "the earthquake killed 1,600 people": a disaster, not an attack
        return Roles((), ())
    if violent and actors and any(a.country for a in actors):
        memory.attackers, memory.attackers_age = list(actors), 0
    elif violent and not actors and memory.attackers and memory.attackers_age <= ATTACK_MEMORY:
        # "Gunmen stormed a hotel … At least five people were killed": the same attackers
        actors = [_carried(a, clause) for a in memory.attackers]
        carried = True
    between = False
    if not actors and clause.noun is not None and clause.preps.get("between"):
        # "talks between Japan and South Korea": both sides act, nobody receives
        between = True
        for obj in clause.preps["between"]:
            actors.extend(resolver.resolve(obj, when=when))
    if not actors and clause.noun is not None:
        # "U.S.-Ukraine talks", "the China-Russia summit": the two sides the hyphen joins
        actors = _hyphen_pair(clause.noun, resolver, when)
        between = len(actors) > 1
    states = [a.country for a in actors if a.country and a.country not in NONSTATE]
    # a bare role noun among the recipients ("civilians", "police") belongs to the place of
    # the event when it has one ("shelling killed civilians in Kharkiv": Ukrainian civilians),
    # else to the state acting on it ("Cuba freed opposition leaders": Cuban opposition)
    acting_state = place.country if place is not None and place.country else None
    if not violent:
        # victims of violence belong to the place, else to the country the story is about,
        # never to the attacker's state
        acting_state = acting_state or (states[0] if states else None)
    recipients = _recipients(
        clause,
        resolver,
        actors,
        when,
        acting_state,
        preferred_preps,
        reciprocal=reciprocal,
        destination=code.startswith(FOREIGN_RECIPIENTS),
    )
    if not recipients:
        recipients = _unnamed_recipients(
            clause, resolver, actors, when, acting_state, code=code, answers=answers
        )
    if carried and any(_same_kind(a, r) for a in actors for r in recipients):
        # "… 16 terrorists had been killed" after the terrorists' own attack: they did not
        # kill their own; who did is not said
        actors = []
    actor_spans = {(a.start, a.end) for a in actors}
    recipients = [r for r in recipients if (r.start, r.end) not in actor_spans]
    if not actors:
        implied = _implied_agent(
            clause, code, place, recipients, resolver.story_country, resolver.memory.captors
        )
        actors = [implied] if implied is not None else []
    elif code.startswith(CAPTIVITY) and any(a.country for a in actors):
        # who arrests or detains here: whom "he was sentenced" later is implied to be held by
        resolver.memory.captors = [a.country for a in actors if a.country]
    own = {a.country for a in actors if a.country}
    if code.startswith(THREATS) and not any(r.country and r.country not in own for r in recipients):
        # "threatened to let the pact lapse UNLESS BOTH NEIGHBOURS accept new rules": the one
        # threatened is the one whose act the condition names
        conditioned = [
            r
            for subj in _condition_subjects(clause.verb)
            for r in resolver.resolve(subj, when=when)
            if r.country and r.country not in own
        ]
        recipients = conditioned or recipients
    if actors and code.startswith(COUNTERPART_CODES) and _only_own(clause, recipients, actors):
        # "India suspended ITS PARTICIPATION in the treaty", "closed the border crossing":
        # cutting ties, or a border, is done to the other state the story is about
        other = _counterpart(clause, resolver, actors)
        recipients = [other] if other is not None else []
    if not recipients and actors:
        target = _implied_target(clause, code, place, actors) or _aid_target(
            clause, code, place, actors, resolver.story_country
        )
        recipients = [target] if target is not None else []
    if actors and place is not None and code.startswith(PLACE_TARGETS):
        abroad = _abroad(clause, place, actors, recipients, resolver.offset)
        recipients = [abroad] if abroad is not None else recipients
    if violent and not recipients and len(actors) == 1:
        struck = _struck(clause, place, resolver)
        if struck is not None:
            return Roles(tuple(actors), (struck,), True)
    if code[:2] in ADDRESSED_ROOTS:
        # "Mogadishu argues ITS maritime border should be extended": an appeal, a demand, an
        # accusation, a rejection or a threat is never addressed to the actor itself
        recipients = [r for r in recipients if not _itself(r, actors)]
    return Roles(tuple(actors), tuple(recipients), between=between)


def _disaster(clause: Clause) -> bool:
    """Deaths a natural cause or an accident brings ("the earthquake killed …", "a canopy
    collapsed, killing …")."""
    if clause.subject is None:
        return False
    return clause.subject.lemma_.lower() in NATURAL_CAUSES or (
        clause.verb.dep_ in {"advcl", "conj"} and clause.verb.head.lemma_.lower() in ACCIDENT_VERBS
    )


def _unnamed_recipients(
    clause: Clause,
    resolver: Resolver,
    actors: list[Actor],
    when: date | None,
    acting_state: str | None,
    *,
    code: str,
    answers: bool,
) -> list[Actor]:
    """Recipients the clause does not name as an object or a prepositional phrase."""

    def resolve(tok: Token) -> list[Actor]:
        return resolver.resolve(tok, when=when, context_country=acting_state)

    if clause.said_of is not None and clause.said_of.lemma_.lower() in MEETING_NOUNS:
        # "said talks WITH CHINA must continue": the other side of the talks
        found = [
            r
            for prep, head in prep_objects(clause.said_of)
            if prep in {"with", "between"}
            for obj in (head, *head.conjuncts)
            for r in resolve(obj)
            if r.country and r.country not in {a.country for a in actors}
        ]
        if found:
            return found
    if clause.said_of is not None and code and code != GENERIC_STATEMENT:
        # a demand, appeal or comment is about the subject of what was said ("said ISRAEL
        # must end the attacks"); a bare remark is not given one
        found = resolve(clause.said_of)
        if found:
            return found
        if clause.said_of.dep_ == "nsubjpass" and actors:
            # "demand that the decree BE LIFTED", "no one should BE DETAINED there": asked of
            # whoever did what is to be undone — the last doer the story told
            at = clause.said_of.idx + resolver.offset
            return [
                Actor(
                    "", at, at, d.name, d.country, d.sector, f"whose act it asks to undo: {d.text}"
                )
                for d in resolver.memory.doers
                if not any(_same_kind(a, d) for a in actors)
            ]
    for tok in clause.aim_targets:
        # "staged rallies to demand reforms by the government": the protest's target
        found = [r for r in resolve(tok) if r.country]
        if found:
            return found
    if code.startswith("14"):
        # "gathered outside the district court": the institution the crowd faces
        found = [
            r
            for prep in PROTEST_PREPOSITIONS
            for obj in clause.preps.get(prep, [])
            for r in resolve(obj)
            if r.sector
        ]
        if found:
            return found
    answered = clause.dobj
    if answered is None and clause.noun is None and clause.verb.dep_ == "relcl":
        answered = clause.verb.head  # "a charge New Delhi quickly rejected"
    if answers and actors and answered is not None:
        own = {a.country for a in actors}
        claimant = _claimant(answered)
        if claimant is not None:
            # "rejected the allegations made by Pakistan", "called Pakistan's assertions
            # baseless": the one who made the claim
            found = [r for r in resolve(claimant) if r.country and r.country not in own]
            if found:
                return found
        # "denounced the move", "rejected the tariffs": the one whose act it answers; "a
        # charge New Delhi rejected": the one who made the last claim
        memory = resolver.memory
        claim = answered.lemma_.lower() in CLAIM_NOUNS or code.startswith(ANSWERING_CODES)
        return _answered(answered, actors, (claim and memory.claimants) or memory.doers)
    if code.startswith(THREATS) and actors:
        # "warning of an immediate response to any aggression": a threat that names nobody is
        # aimed at the other side the story last told making demands or acting
        memory = resolver.memory
        return _answered(clause.verb, actors, memory.claimants or memory.doers)
    return []


def _instrument(obj: Token) -> bool:
    """ "launched 84 attack DRONES", "deliver air defense SYSTEMS": a weapon as the object of a
    verb of using or sending is an instrument, not a recipient (roles.yaml `instruments`)."""
    return obj.lemma_.lower() in INSTRUMENTS and obj.head.lemma_.lower() in INSTRUMENT_VERBS


def _claimant(noun: Token) -> Token | None:
    """Who made a claim, call or move a reaction answers: the noun's possessor ("Pakistan's
    assertions"), its by-phrase, or the by-phrase of a participle on it ("allegations MADE BY
    Pakistan", "a call issued by the United States")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((o for o in c.children if o.dep_ == "pobj"), None)
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for p in c.children:
                if p.dep_ == "agent":
                    return next((o for o in p.children if o.dep_ == "pobj"), None)
    return None


def _abroad(
    clause: Clause, place: Place, actors: list[Actor], recipients: list[Actor], offset: int
) -> Actor | None:
    """The state whose ground an act happens on, as its recipient, when the act names none or
    only the actor's own organs (PLACE_TARGETS); None when the place is the actor's own."""
    own = {a.country for a in actors if a.country}
    if not own or not place.country or place.country in own or place.country in NONSTATE:
        return None
    if any(r.country not in own or r.sector not in ORGAN_SECTORS for r in recipients):
        return None
    how = f"done on {place.country}'s ground, which receives it"
    return _place_actor(clause, place, offset, how)


def _struck(clause: Clause, place: Place | None, resolver: Resolver) -> Actor | None:
    """What an attack with no named target struck: the place where it happened, else — when it
    has an object ("stormed the hotel", "killing 21") or is named by a noun ("launched its
    full-scale invasion") — the country the story is about, those counted being its
    civilians."""
    if place is not None and place.country:
        return _place_actor(clause, place, resolver.offset)
    aimed = clause.dobj is not None or clause.noun is not None
    if aimed and resolver.story_country is not None:
        counted = clause.dobj is not None and clause.dobj.pos_ == "NUM"
        return _story_target(clause, resolver.story_country, counted=counted)
    return None


def _story_target(clause: Clause, country: str, *, counted: bool) -> Actor:
    obj = clause.dobj if clause.dobj is not None else clause.verb
    how = f"what '{clause.verb.text}' struck is in the story's country ({country})"
    return _unnamed(obj, country, "CVL" if counted else None, how)


def pairs(roles: Roles, *, pairwise: bool) -> list[tuple[tuple[Actor, ...], tuple[Actor, ...]]]:
    """The (actors, recipients) of each record an event gives. Several sides acting together
    with nobody receiving — a meeting of three states ("France, Germany and Poland met"), a clash
    between two — give one record per pair, each side once as actor; otherwise one record."""
    sides = [a for a in roles.actors if a.country]
    if roles.recipients or len(sides) < 2 or not (pairwise or roles.between):
        return [(roles.actors, roles.recipients)]
    return [((a,), (b,)) for i, a in enumerate(sides) for b in sides[i + 1 :]]


def addressed(roles: Roles, speech: Token, resolver: Resolver, *, when: date | None) -> Roles:
    """The roles with the addressee of a verb of saying as recipient ("warned ISRAEL that …",
    "told reporters …"), when it names an actor with a country; else the roles unchanged."""
    for c in speech.children:
        objs = [c] if c.dep_ in {"dobj", "dative"} else []
        if c.dep_ == "prep" and c.lower_ == "to":
            objs = [g for g in c.children if g.dep_ == "pobj"]
        for obj in objs:
            found = [a for a in resolver.resolve(obj, when=when) if a.country]
            if found:
                return Roles(roles.actors, tuple(found), between=roles.between)
    return roles


def threatened(roles: Roles, speech: Token, resolver: Resolver, *, when: date | None) -> Roles:
    """The recipients of a threat that names nobody but the threatener's own: whom the verb of
    saying addressed ("warned MANILA that …"), else the other side the story last told making
    claims or acting; else the roles unchanged."""
    own = {a.country for a in roles.actors if a.country}
    others = [r for r in roles.recipients if not _itself(r, roles.actors)]
    if any(r.country and r.country not in own for r in others):
        return roles
    if others:
        # "police threatened to arrest the protesters": a threat at home is a threat
        return Roles(roles.actors, tuple(others), between=roles.between)
    for verb in (speech, speech.head) if speech.dep_ == "conj" else (speech,):
        # "urged MANILA to stop its provocations and warned that …": whom the verbs address
        told = addressed(Roles(roles.actors, ()), verb, resolver, when=when)
        if any(r.country not in own for r in told.recipients):
            return told
    memory = resolver.memory
    other = _answered(speech, list(roles.actors), memory.claimants or memory.doers)
    return Roles(roles.actors, tuple(other), between=roles.between)


def _itself(r: Actor, actors: Sequence[Actor]) -> bool:
    """The recipient is the actor itself: a reflexive, the same words, or a thing of its own
    ("ITS sovereignty", "ITS maritime border"); others of the same kind ("THEY refused to enroll
    THEM", "her daughter") are someone else."""
    text = r.text.lower()
    # "ITS sovereignty"; "warned that IT would respond" (the speaker, as what was said of)
    own_thing = (r.sector is None and text.startswith("its ")) or text == "it"
    return any(
        r.country == a.country
        and (own_thing or text in REFLEXIVES or (r.sector == a.sector and text == a.text.lower()))
        for a in actors
    )


def _implied_agent(
    clause: Clause,
    code: str,
    place: Place | None,
    recipients: list[Actor],
    story_country: str | None,
    captors: list[str] | None = None,
) -> Actor | None:
    """The organ of state an act implies when the text names no agent ("was arrested": the
    police), in the country where it happened, else — for arrest and detention — the state the
    story last told arresting someone ("was arrested by Russia's FSB … He was sentenced"), else
    the recipients', else the story's."""
    sector = _for_code(IMPLIED_AGENTS, code)
    if sector is None:
        return None
    states = [r.country for r in recipients if r.country and r.country not in NONSTATE]
    if code.startswith(FOREIGN_RECIPIENTS):
        states = []  # "deported to Honduras": the deporting state is not Honduras
        if any(p in clause.preps for p in ("to", "into")):
            place = None  # nor is the place they were sent to where the deporting happened
    if code.startswith(CAPTIVITY) and captors:
        states = [*captors, *states]
    country = (place.country if place is not None else None) or next(iter(states), None)
    country = country or story_country
    if country is None:
        return None
    return _unnamed(clause.verb, country, sector, f"implied agent of '{clause.verb.text}' ({code})")


def _implied_target(
    clause: Clause, code: str, place: Place | None, actors: list[Actor]
) -> Actor | None:
    """The country (or its civilians) a state's coercion falls on when the text names no
    target: where it happened, else the acting state's own."""
    sector = _for_code(IMPLIED_TARGETS, code)
    if sector is None or code.startswith(FOREIGN_RECIPIENTS):
        return None  # those deported are not the deporting state's own
    states = [a.country for a in actors if a.country and a.country not in NONSTATE]
    country = (place.country if place is not None else None) or next(iter(states), None)
    if country is None:
        return None
    return _unnamed(
        clause.verb, country, sector, f"implied target of '{clause.verb.text}' ({code})"
    )


def _aid_target(
    clause: Clause, code: str, place: Place | None, actors: list[Actor], story: str | None
) -> Actor | None:
    """Where aid with no recipient named goes: the event's place, else the story's country,
    when that is not the giver's own."""
    sector = _for_code(AID_TARGETS, code)
    country = (place.country if place is not None else None) or story
    if sector is None or country is None or country in {a.country for a in actors}:
        return None
    how = f"aid with no recipient named goes where the story's need is ({country})"
    return _unnamed(clause.verb, country, sector, how)


def _for_code(table: Mapping[str, str], code: str) -> str | None:
    """The value of the longest code prefix in ``table`` that ``code`` starts with."""
    return next(
        (v for k, v in sorted(table.items(), key=lambda kv: -len(kv[0])) if code.startswith(k)),
        None,
    )


def _unnamed(at: Token, country: str, sector: str | None, how: str) -> Actor:
    """A side no word of the text names (an empty span at ``at``); sector "-" is none."""
    return Actor("", at.idx, at.idx, None, country, None if sector == "-" else sector, how)


def _carried(actor: Actor, clause: Clause) -> Actor:
    """An attacker of the story's previous violent event, as the agent of this one."""
    start = clause.verb.idx
    return Actor(
        "", start, start, actor.name, actor.country, actor.sector, f"attackers of {actor.text!r}"
    )


def _place_actor(
    clause: Clause, place: Place, offset: int, how: str = "place of the attack"
) -> Actor:
    text = clause.verb.doc.text[place.start - offset : place.end - offset]
    return Actor(text, place.start, place.end, place.name, place.country, None, how)


def _recipients(
    clause: Clause,
    resolver: Resolver,
    actors: list[Actor],
    when: date | None,
    acting_state: str | None,
    preferred_preps: Collection[str],
    *,
    reciprocal: bool,
    destination: bool = False,
) -> list[Actor]:
    """With ``destination``, a to-phrase is where those expelled are sent ("deported to
    Honduras"), not whom the act falls on."""

    def resolve(tok: Token) -> list[Actor]:
        return resolver.resolve(
            tok,
            when=when,
            context_country=None if destination else acting_state,
            foreign=destination,
        )

    out: list[Actor] = []
    if clause.addressee is not None:
        # "urged the European Commission to reconsider the tariffs": the one urged receives
        out = resolve(clause.addressee)
        if out:
            return out
    # the pattern's own preposition names the other side ("arrived IN Myanmar"), however many
    # act; without it several actors of a reciprocal act are each other's other side
    aimed_at = any(p in clause.preps for p in preferred_preps)
    if len(actors) > 1 and (
        (reciprocal and "with" not in clause.preps and not aimed_at)
        or (clause.noun is not None and "between" in clause.preps)
    ):
        return out  # "X and Y met", "clashes between X and Y": reciprocal, both sides act
    if (
        clause.noun is None
        and clause.dobj is not None
        and clause.lemma not in TOPIC_VERBS
        and not _instrument(clause.dobj)
    ):
        out.extend(resolve(clause.dobj))
        given_to = [o for p in ("to", "for") for o in clause.preps.get(p, [])]
        if _own_things(clause.dobj, out, actors) and given_to and any(resolve(o) for o in given_to):
            # "offered ITS troops to Lebanon": what the actor gives is not the recipient (but
            # "blamed militants for the attack": an attack is nobody to give to)
            out = []
        elif _possessed(clause.dobj):
            # "withdrew ITS troops from Lebanon", "strengthened ITS forces in Lebanon": the
            # actor's own forces are moved; the state they are moved in or out of receives it
            own = {a.country for a in actors}
            aimed = [
                a
                for prep in (*RECIPIENT_PREPOSITIONS, "in")
                for obj in clause.preps.get(prep, [])
                for a in resolve(obj)
                if a.country and a.country not in own
            ]
            if aimed:
                return aimed
    for obj in clause.preps.get("including", []):
        out.extend(resolve(obj))
    if out:
        return out
    wanted = [w for w in preferred_preps if w in clause.preps]
    if clause.noun is not None and clause.subject is not None and "of" in clause.preps:
        # a nominalisation whose agent is named ("Washington's removal OF Havana from its
        # list", "the arrest of X by Y"): the of-phrase is what the act is done to
        wanted = ["of", *wanted]
    order = wanted + [p for p in RECIPIENT_PREPOSITIONS if p not in wanted]
    if destination:
        order = [p for p in order if p not in {"to", "into", "toward", "towards"}]
    for preps in (clause.preps, clause.object_preps):
        for prep in order:
            for obj in preps.get(prep, []):
                out.extend(resolve(obj))
            if out:
                return out
    return out


def _hyphen_pair(noun: Token, resolver: Resolver, when: date | None) -> list[Actor]:
    """The states a hyphenated modifier right before an event noun joins ("U.S.-Ukraine
    talks", "India-Pakistan war"), each a side of it; none unless every part names a state."""
    doc = noun.doc
    k = noun.i - 1
    while k >= 0 and doc[k].dep_ == "compound" and doc[k].pos_ == "NOUN":
        k -= 1  # "U.S.-China TRADE talks"
    start = k
    while start > 0 and (doc[start - 1].text in HYPHENS or doc[start].text in HYPHENS):
        start -= 1
    if start < 0 or k < 0:
        return []
    tokens = list(doc[start : k + 1])
    text = "".join(t.text_with_ws for t in tokens).strip()
    parts = [p.strip() for p in re.split(r"[-–]", text) if p.strip()]
    if len(parts) < 2:
        return []
    base = resolver.offset + tokens[0].idx
    out: list[Actor] = []
    at = 0
    for part in parts:
        ent = resolver.kb.lookup(part, when)
        if ent is None or ent.kind not in STATE_KINDS or not ent.country:
            return []
        pos = text.index(part, at)
        at = pos + len(part)
        how = f"one side of the hyphenated pair '{text}'"
        out.append(Actor(part, base + pos, base + at, None, ent.country, None, how))
    return out if len({a.country for a in out}) == len(out) else []


def _only_own(clause: Clause, recipients: list[Actor], actors: list[Actor]) -> bool:
    """No recipient but the actor's own things ("ITS participation") — or, for a border closed,
    none at all ("closed the main land BORDER crossing")."""
    own = {a.country for a in actors}
    if any(r.country and r.country not in own for r in recipients):
        return False
    if recipients:
        return clause.dobj is not None and _possessed(clause.dobj)
    obj = clause.dobj
    return obj is not None and any(t.lemma_.lower() in BORDER_NOUNS for t in obj.subtree)


def _counterpart(clause: Clause, resolver: Resolver, actors: list[Actor]) -> Actor | None:
    """The state the story last named other than the actors' own."""
    own = {a.country for a in actors}
    other = next(
        (a for a in reversed(resolver.memory.recent) if a.country not in own | NONSTATE),
        None,
    )
    if other is None or other.country is None:
        return None
    at = clause.verb.idx + resolver.offset
    return Actor("", at, at, None, other.country, None, f"the other state: {other.text}")


def _condition_subjects(verb: Token) -> list[Token]:
    """Subjects of the if/unless-clauses on a verb or on the complements it controls
    ("threatened to let the pact lapse UNLESS MEXICO … accepts")."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        v = stack.pop()
        for c in v.children:
            infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            if c.dep_ == "xcomp" or (c.dep_ == "advcl" and infinitive):
                stack.append(c)
            elif c.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITIONS for g in c.children
            ):
                out += [g for g in c.children if g.dep_ == "nsubj"]
    return out


def _answered(answered: Token, actors: list[Actor], doers: list[Actor]) -> list[Actor]:
    own = {a.country for a in actors}
    start = answered.idx
    return [
        Actor("", start, start, d.name, d.country, d.sector, f"whose act it answers: {d.text}")
        for d in doers
        if d.country and d.country not in own
    ]


def _author(noun: Token) -> Token | None:
    """Who issued a statement, declaration or report: its possessor ("the ministry's
    statement"), its by-phrase, or the subject of the verb it is the object of ("X issued a
    statement")."""
    if noun.lemma_.lower() not in DOCUMENTS:
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    if noun.dep_ == "dobj":
        return subject_of(noun.head)
    return None


def _same_kind(a: Actor, b: Actor) -> bool:
    """The same sector of the same country (a side with no country agrees with any)."""
    return (
        a.sector is not None
        and a.sector == b.sector
        and (a.country == b.country or None in (a.country, b.country))
    )


def _possessed(obj: Token) -> bool:
    """The object carries the actor's own possessive ("ITS troops", "THEIR ambassadors")."""
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in obj.children)


def _own_things(obj: Token, found: list[Actor], actors: list[Actor]) -> bool:
    """The object is the actor's own (a possessive pronoun, or the same country with only a
    role noun to go on): troops, envoys, intelligence it sends or offers."""
    if not found:
        return True
    countries = {a.country for a in actors}
    return _possessed(obj) or all(f.country in countries and f.name is None for f in found)
