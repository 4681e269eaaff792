"""Clause frames from a dependency parse (spaCy's ClearNLP-style labels).

A frame is one predicate with its arguments: the trigger (a verb, with its particles, prepositions
and infinitival complements — "offered to meet with" — or an event noun after a light verb —
"made a visit to"), who does it (subject, or the passive agent), to whom (direct object,
prepositional objects), and the clause's modality (negation, modal verbs, conditionals, and the
speech verb it is reported under).

``extract_frames`` is pure: it reads the parse and returns records; matching and actor resolution
happen elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from heron.data.wordlists import word_lists
from heron.nlp import prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# the word lists live in data/grammar/clauses.yaml
_LISTS = word_lists("clauses")
SPEECH_VERBS = _LISTS.set("speech_verbs")
LIGHT_VERBS = _LISTS.set("light_verbs")
OCCURRENCE_VERBS = _LISTS.set("occurrence_verbs")
FUTURE_MODALS = _LISTS.set("future_modals")
HYPOTHETICAL_MODALS = _LISTS.set("hypothetical_modals")
MODALS = FUTURE_MODALS | HYPOTHETICAL_MODALS
NEGATING_VERBS = _LISTS.set("negating_verbs")
CONDITIONAL_MARKS = _LISTS.set("conditional_marks")
PENDING_MARKS = _LISTS.set("pending_marks")
HABITUAL_ADVERBS = _LISTS.set("habitual_adverbs")
STATIVE_PARTICIPLES = _LISTS.set("stative_participles")
LASTING_DURATIONS = _LISTS.set("lasting_durations")
COPULAR_PARTICIPLES = _LISTS.set("copular_participles")
TIME_CONJUNCTIONS = _LISTS.set("time_conjunctions")
OBJECT_CONTROL = _LISTS.set("object_control")
LEMMA_FIXES = _LISTS.forms("lemma_fixes")
PARTICLE_ADVERBS = _LISTS.set("particle_adverbs")
RELATIVE_PRONOUNS = _LISTS.set("relative_pronouns")
NOUN_ARGUMENT_PREPS = _LISTS.set("noun_argument_prepositions")
COMPANION_PREPS = _LISTS.set("companion_prepositions")
COMPANION_NOUNS = _LISTS.set("companion_nouns")
RELATION_NOUNS = _LISTS.set("relation_nouns")
ADJUNCT_PREPS = _LISTS.set("adjunct_prepositions")
PRESUPPOSING_VERBS = _LISTS.set("presupposing_verbs")
UNREAL_MODIFIERS = _LISTS.set("unreal_modifiers")
LEGAL_TEXTS = _LISTS.set("legal_texts")
_CLOSING_QUOTES = frozenset({'"', "'", "”", "’", "''"})
BACKSHIFT_VERBS = SPEECH_VERBS | _LISTS.set("intent_verbs")
DEONTIC = _LISTS.set("deontic_modals")
DEMAND_VERBS = _LISTS.set("demand_verbs")


def lemma(tok: Token) -> str:
    """The token's lemma in lower case, with the known lemmatizer slips corrected."""
    return LEMMA_FIXES.get(tok.lower_) or tok.lemma_.lower()


# participles used as adjectives, and clauses that are themselves subjects, name no event
SKIP_DEPS = frozenset({"amod", "csubj", "csubjpass", "compound"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "agent", "dative"})
_TIME_ENTS = frozenset({"DATE", "TIME"})


def _temporal(prep: Token) -> bool:
    """A preposition whose object is a date or a time ("ON Wednesday", "in March") says when,
    so it is no particle of the verb: "called ON Wednesday" is no "call on"."""
    return prep.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in _TIME_ENTS for g in prep.children
    )


_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "xcomp"})


@dataclass
class Frame:
    """One predicate and its arguments, as token indices into the parsed Doc."""

    verb: Token
    chain: list[Token]  # the verb and its infinitival complements: offered → meet
    noun: Token | None = None  # event noun of a light-verb construction ("made a VISIT")
    subject: Token | None = None
    subject_rule: str = ""
    dobj: Token | None = None
    preps: dict[str, list[Token]] = field(default_factory=dict)
    object_preps: dict[str, list[Token]] = field(default_factory=dict)  # on the direct object
    passive: bool = False
    negated: bool = False
    modals: set[str] = field(default_factory=set)
    conditional: bool = False
    # a habit or a state, no one event: "the group mainly TARGETS security vehicles", "areas
    # HELD by rebels"
    habitual: bool = False
    reporter: Token | None = None  # the speech verb this clause is reported under
    controller: Token | None = None  # for a complement frame: the verb that controls it
    clause_lemmas: set[str] = field(default_factory=set)
    nominal: bool = False  # the event noun is the subject of a verb of occurrence
    # the event noun is presupposed by its clause ("condemned the killing of X", "after the
    # arrest of Y"): a fact of its own, not the content of the verb above it
    presupposed: bool = False
    # a "would" clause reported under a past verb of saying or intending ("said it would
    # withdraw"): English backshifts the tense, so the "would" is a future, not a condition
    backshifted: bool = False
    # for a verb of saying, the subject of what was said ("said ISRAEL must end the attacks"):
    # whom a demand, an appeal or a comment is about
    said_of: Token | None = None
    # whom the demands a protest is staged for are made of ("to demand reforms BY the
    # government", "demanding that HE resign"): the protest's target when it names none
    aim_targets: list[Token] = field(default_factory=list)
    # the object of a control verb heading the chain: whom "urged the COMMISSION to reconsider"
    # or "helped UKRAINE to repel" is addressed to (the chain's last object is what is urged)
    addressee: Token | None = None

    @property
    def lemma(self) -> str:
        return lemma(self.chain[0])

    def particles(self, k: int = 0) -> set[str]:
        """Particles and prepositions attached to chain element ``k``."""
        if k >= len(self.chain):
            return set()
        own = {
            c.lower_
            for c in self.chain[k].children
            if (c.dep_ in _PARTICLE_DEPS and not _temporal(c))
            or (c.dep_ == "advmod" and c.lower_ in PARTICLE_ADVERBS)
        }
        return own | ({"by"} if k == 0 and "by" in self.preps else set())

    def trigger_tokens(self) -> list[Token]:
        if self.nominal and self.noun is not None:
            return [self.noun]
        toks = list(self.chain)
        for v in self.chain:
            toks.extend(c for c in v.children if c.dep_ == "prt")
            toks.extend(
                c
                for c in v.children
                if c.dep_ == "aux" and c.lower_ == "to" and v is not self.chain[0]
            )
        if self.noun is not None:
            toks.append(self.noun)
        return sorted(toks, key=lambda t: t.i)


def extract_frames(sent: Span) -> list[Frame]:
    """Every predicate of a sentence, in order; then the event nouns it presupposes."""
    frames: list[Frame] = []
    used: set[int] = set()  # event nouns already framed with their verb
    for tok in sent:
        if tok.pos_ != "VERB" and not (tok.pos_ == "AUX" and tok.dep_ == "ROOT" and _has_args(tok)):
            continue
        if tok.dep_ in SKIP_DEPS:
            continue  # "the impeached leader", "Attacking a court is unprecedented": no event
        frame = _frame_for(tok)
        frames.append(frame)
        if frame.dobj is not None and lemma(frame.chain[-1]) in LIGHT_VERBS:
            # the verb that holds the object carries it: "held talks", "decided to hold talks",
            # but not "continues to defy calls"
            frames.append(_noun_frame(frame, frame.dobj))
            used.add(frame.dobj.i)
        nominal = _occurrence_subject(tok)
        if nominal is not None:
            frames.append(_nominal_frame(frame, nominal))
            used.add(nominal.i)
    for tok in sent:
        if tok.i not in used and _presupposed_event_noun(tok):
            frames.append(_event_noun_frame(tok))
    return frames


def _presupposed_event_noun(noun: Token) -> bool:
    """A noun that may name an event the sentence takes as given, with participants of its own:
    the subject of a clause ("the kidnapping of the girls shocked the country"), the object of
    an adjunct preposition ("after the arrest of X by Y") or of a verb that presupposes its
    object ("condemned the killing of X")."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in RELATION_NOUNS:
        return False  # "his rapport with Xi will be decisive": a standing relationship
    args = {c.lower_ for c in noun.children if c.dep_ == "prep"} & NOUN_ARGUMENT_PREPS
    if not args and not any(c.dep_ == "poss" for c in noun.children):
        return False
    if any(c.lower_ in UNREAL_MODIFIERS for c in noun.children):
        return False
    head = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        return head.pos_ in {"VERB", "AUX"}
    if noun.dep_ == "pobj":
        return head.dep_ == "prep" and (
            head.lower_ in ADJUNCT_PREPS or _companion(noun) is not None
        )
    if noun.dep_ == "dobj":
        return lemma(head) in PRESUPPOSING_VERBS
    return False


def _event_noun_frame(noun: Token) -> Frame:
    """A frame for a presupposed event noun. Its agent is a by-phrase ("the arrest of X BY Y")
    or else its possessor ("RUSSIA's invasion of Ukraine"); its other participants are the
    objects of its prepositions."""
    frame = Frame(verb=noun, chain=[noun], noun=noun, nominal=True, presupposed=True)
    frame.subject_rule = "event noun"
    for prep, obj in prep_objects(noun):
        if prep == "by" and frame.subject is None:
            frame.subject, frame.subject_rule = obj, "agent of the event noun"
        else:
            frame.preps.setdefault(prep, []).append(obj)
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None and frame.subject is None:
        frame.subject, frame.subject_rule = poss, "possessor of the event noun"
    companion = _companion(noun)
    if frame.subject is None and companion is not None:
        # "Sanchez said DURING a visit to Beijing": the clause's subject made the visit
        frame.subject, frame.subject_rule = companion, f"subject of '{companion.head.text}'"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        frame.negated = True
    _modality(frame, noun)
    frame.clause_lemmas = _clause_lemmas([noun])
    return frame


def _companion(noun: Token) -> Token | None:
    """The subject of the clause a travel or meeting noun under *during* or *on* hangs on
    ("Sanchez said during a VISIT to Beijing": Sanchez), when the noun names no agent."""
    under = noun.head
    if noun.dep_ != "pobj" or under.lower_ not in COMPANION_PREPS:
        return None
    if noun.lemma_.lower() not in COMPANION_NOUNS or any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children
    ):
        return None
    clause = under.head
    if clause.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj"), None)


def _occurrence_subject(verb: Token) -> Token | None:
    """The event noun a verb of occurrence predicates of: "Talks between X and Y RESUMED",
    "clashes BROKE OUT", "the summit WAS HELD"."""
    if lemma(verb) not in OCCURRENCE_VERBS:
        return None
    subj = subject_of(verb)
    if subj is None or subj.pos_ != "NOUN":
        return None
    if lemma(verb) == "hold" and subj.dep_ != "nsubjpass":
        return None
    return subj


def _nominal_frame(pred: Frame, noun: Token) -> Frame:
    """A frame for an event noun that is the subject of a verb of occurrence: its participants
    are its possessor ("Xi's visit") or the objects of its own prepositions ("between …")."""
    frame = _noun_frame(pred, noun)
    frame.nominal = True
    frame.subject, frame.subject_rule = None, "event noun"
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        frame.subject, frame.subject_rule = poss, "possessor of the event noun"
    frame.preps = {}
    for prep, obj in prep_objects(noun):
        frame.preps.setdefault(prep, []).append(obj)
    for k, v in pred.preps.items():
        frame.preps.setdefault(k, list(v))
    return frame


def _has_args(tok: Token) -> bool:
    return any(c.dep_ in {"dobj", "nsubj"} for c in tok.children)


def _frame_for(verb: Token) -> Frame:
    chain = [verb]
    cur = verb
    while True:
        nxt = next(
            (c for c in cur.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None
        )
        nxt = nxt or _infinitive_clause(cur)
        if nxt is None:
            break
        chain.append(nxt)
        cur = nxt
    frame = Frame(verb=verb, chain=chain)
    last = chain[-1]
    _arguments(frame, verb, last)
    _modality(frame, verb)
    frame.clause_lemmas = _clause_lemmas(chain) | _stance_words(verb)
    if frame.subject is not None:
        # a subject shared with another clause is still this clause's ("PROTESTERS used
        # fences to block traffic": a crowd blocks it)
        frame.clause_lemmas.add(lemma(frame.subject))
    frame.said_of = _said_of(verb)
    if len(chain) > 1 and lemma(verb) in OBJECT_CONTROL:
        frame.addressee = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if frame.addressee is None and chain[1].dep_ == "ccomp":
            frame.addressee = next((c for c in chain[1].children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and _infinitive_clause(verb.head) == verb):
        frame.controller = verb.head
    return frame


def _infinitive_clause(verb: Token) -> Token | None:
    """ "allowed five of them TO RETURN": after a verb whose object does its complement, the
    parser sometimes makes the object the subject of a to-clause; it is the same
    construction as "allowed them to return"."""
    if lemma(verb) not in OBJECT_CONTROL or any(c.dep_ == "dobj" for c in verb.children):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "ccomp"
            and c.pos_ == "VERB"
            and c.tag_ == "VB"
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            and any(g.dep_ == "nsubj" for g in c.children)
        ),
        None,
    )


def _arguments(frame: Frame, verb: Token, last: Token) -> None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "csubj"}:
            frame.subject, frame.subject_rule = c, "subject"
        elif c.dep_ == "nsubjpass":
            frame.passive = True
            frame.dobj = c
        elif c.dep_ == "agent":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                frame.subject, frame.subject_rule = obj, "passive agent"
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        # a past participle modifying a noun is passive: "Somali forces, BACKED by Djiboutian
        # soldiers" (the soldiers back the forces), "civilians KILLED in the attack"
        frame.passive = True
        frame.dobj = verb.head
    subj = frame.subject
    if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        frame.subject, frame.subject_rule = verb.head, "relative clause"
    if not frame.passive and any(c.dep_ == "auxpass" for c in verb.children):
        # a passive with no subject of its own ("to be arrested"): what it inherits is the patient
        frame.passive = True
        patient, _ = _inherited_subject(verb)
        frame.dobj = patient
    if (
        not frame.passive
        and verb.tag_ == "VBN"
        and (
            verb.dep_ in {"acomp", "xcomp", "oprd"}
            # "stands accused" is also parsed as an adverbial clause right after its verb
            or (verb.dep_ == "advcl" and verb.i == verb.head.i + 1)
        )
        and lemma(verb.head) in COPULAR_PARTICIPLES
    ):
        # "Lai STANDS ACCUSED of collusion": a participle completing a copular verb is passive,
        # its patient the copular verb's subject; who accuses is not said
        frame.passive = True
        frame.dobj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        frame.subject, frame.subject_rule = None, ""
    if frame.passive and frame.subject is None:
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN"):
            # "was arrested and detained BY POLICE": a by-phrase after the last of coordinated
            # participles is the agent of each
            if any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children):
                continue
            agent = next((c for c in conj.children if c.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
            if obj is not None:
                frame.subject, frame.subject_rule = obj, "passive agent"
                break
    if (
        not frame.passive
        and frame.subject_rule in {"", "passive agent"}
        and verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in verb.children)
        and any(c.dep_ == "auxpass" for c in verb.head.children)
    ):
        # "was arrested by the FSB … and CONVICTED of espionage": the second participle is
        # passive too — its patient is the first one's subject ("was arrested and DETAINED by
        # police": the same opposition leader), and a by-phrase stays with the verb it follows
        # (who convicted him is not said)
        frame.passive = True
        frame.dobj = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if frame.subject is None and not frame.passive:
        frame.subject, frame.subject_rule = _inherited_subject(verb)
    for v in dict.fromkeys([verb, last]):
        for c in v.children:
            if c.dep_ == "dobj" and (
                frame.dobj is None or (v.i == last.i and frame.dobj.head.i != last.i)
            ):
                # the first object of the verb that carries it: a second "object" is usually
                # an apposition the parser attached to the verb ("remove the country … — part
                # of a bid")
                frame.dobj = c
            elif c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}:
                frame.preps.setdefault("to", []).append(c)
            elif c.dep_ in {"prep", "dative"}:
                for g in c.children:
                    if g.dep_ in {"pobj", "pcomp"}:
                        frame.preps.setdefault(c.lower_, []).append(g)
    if frame.dobj is None and not frame.passive:
        frame.dobj = _shared_object(verb)
    complements = [c for c in verb.children if c.dep_ in {"oprd", "attr"}]
    if frame.dobj is None and len(complements) > 1 and complements[0].pos_ in {"NOUN", "PROPN"}:
        # "called Pakistan's ASSERTIONS baseless", parsed as two predicatives: the first is the
        # object, the second what it is called
        frame.dobj = complements[0]
    for tool in frame.preps.get("with", []):
        # "retaliate with tariffs ON German vehicles": what the instrument is aimed at
        for prep, obj in prep_objects(tool):
            if prep in {"on", "against"}:
                frame.object_preps.setdefault(prep, []).append(obj)
    if frame.dobj is not None:
        for prep, obj in prep_objects(frame.dobj):
            if prep in {"including", "among"}:
                # "including X" hangs off the object: X joins the targets
                frame.preps.setdefault("including", []).append(obj)
            else:
                # "made a visit TO North Korea", "imposed sanctions ON Iran"
                frame.object_preps.setdefault(prep, []).append(obj)


def _shared_object(verb: Token) -> Token | None:
    """The object two coordinated verbs share: "attacked and looted THE TOWN" — the parser hangs
    it on the second verb only. Only when nothing but the conjunction (and adverbs) stands
    between the verbs and the second has no subject of its own: "attacked, then the army looted
    the town" is two clauses."""
    conj = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if conj is None or conj.i <= verb.i:
        return None
    between = verb.doc[verb.i + 1 : conj.i]
    if not between or any(t.dep_ not in {"cc", "advmod", "punct"} for t in between):
        return None
    if not any(t.dep_ == "cc" for t in between):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "auxpass"} for c in conj.children):
        return None
    return next((c for c in conj.children if c.dep_ == "dobj"), None)


def _inherited_subject(verb: Token) -> tuple[Token | None, str]:
    """Subject of a clause that has none of its own: conjuncts, participles, complements."""
    if verb.dep_ == "ccomp" and lemma(verb.head) in SPEECH_VERBS:
        # 'said it "firmly supports" the decisions': a quotation mark makes the parser read the
        # pronoun as what was said; it is the subject of the complement that follows it
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if (
            obj is not None
            and obj.pos_ == "PRON"
            and obj.i < verb.i
            and all(t.is_punct or t.dep_ == "advmod" for t in verb.doc[obj.i + 1 : verb.i])
        ):
            return obj, "subject of the quoted complement"
    cur = verb
    for _ in range(6):
        # "it is READY to accept": an adjective's complement takes the subject of its clause
        if cur.dep_ in {"conj", "advcl", "xcomp", "pcomp", "acomp"} and cur.head.i != cur.i:
            head = cur.head
            if cur.dep_ == "xcomp" and lemma(head) in OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in {"dobj"}), None)
                if obj is not None:
                    return obj, "object control"
            # a passive controller's subject does the complement: "Rubio IS SCHEDULED to travel"
            subj = subject_of(head)
            if subj is not None:
                if subj.lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl":
                    return head.head, "relative clause"
                return subj, f"shared with '{head.text}'"
            cur = head
            continue
        if cur.dep_ == "acl" and cur.head.pos_ == "NOUN":
            # "his attempt to impose martial law": the possessor does what the noun names
            poss = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if poss is not None:
                return poss, "possessor of the noun"
        if (
            cur.dep_ in {"relcl", "acl"}
            and cur.head.dep_ == "attr"
            and lemma(cur.head.head) == "be"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        ):
            # "the administration WAS THE FIRST TO REJECT the constitution": the one who was
            # first does it
            subj = next((c for c in cur.head.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj, f"subject of '{cur.head.head.text} {cur.head.text}'"
        if cur.dep_ in {"relcl", "acl"}:
            return cur.head, "relative clause" if cur.dep_ == "relcl" else "modified noun"
        break
    return None, ""


def _unanchored(verb: Token) -> bool:
    """A subordinate verb with no time of its own: an infinitive ("to meet"), or a present tense
    after a time conjunction ("when they meet"), which English uses for the future."""
    if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return _present(verb) and any(
        c.dep_ in {"advmod", "mark"} and c.lower_ in TIME_CONJUNCTIONS for c in verb.children
    )


def _present(verb: Token) -> bool:
    """The clause is in the present tense: its verb or an auxiliary is VBP/VBZ."""
    return verb.tag_ in {"VBP", "VBZ"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBP", "VBZ"} for c in verb.children
    )


def _present_perfect(verb: Token) -> bool:
    """A present perfect, simple or progressive ("have called", "has been attacking"): what
    has gone on up to now, a state of affairs rather than one event when it is iterated."""
    if verb.tag_ not in {"VBN", "VBG"}:
        return False
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ == "have" and c.tag_ in {"VBP", "VBZ"}
        for c in verb.children
    )


def _lasting(verb: Token) -> bool:
    """ "worked with Lai FOR DECADES": an open-ended duration (no number) makes the clause a
    long-standing state."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "for":
            for obj in c.children:
                if (
                    obj.dep_ == "pobj"
                    and obj.tag_ == "NNS"
                    and obj.lemma_.lower() in LASTING_DURATIONS
                    and not any(g.dep_ == "nummod" for g in obj.children)
                ):
                    return True
    return False


def _existential(verb: Token) -> bool:
    """ "there are energy companies DOING business in Iraq": a participle on the pivot of an
    existential "there is/are" describes what is the case, not an event."""
    pivot = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or pivot.dep_ not in {"attr", "nsubj"}:
        return False
    be = pivot.head
    return lemma(be) == "be" and any(c.dep_ == "expl" for c in be.children)


def _aside(verb: Token) -> bool:
    """ "Vucic, WHO HAS REJECTED demands for a snap vote, …": a present perfect in a relative
    clause set off by a comma after a name, with no date of its own, tells the reader who the
    person is — background, not the news. Dated ("which has besieged El Fasher since May
    2024") it stays an event."""
    if verb.dep_ != "relcl" or not _present_perfect(verb) or verb.head.pos_ != "PROPN":
        return False
    first = min(t.i for t in verb.subtree)
    if first == 0 or verb.doc[first - 1].text != ",":
        return False
    return not any(t.ent_type_ == "DATE" for t in verb.subtree)


def _describing(verb: Token) -> bool:
    """ "…, where she ASSISTS people living with blindness", "Hamas, which RUNS Gaza": a simple
    present in a relative clause describes what someone does or is, not an event."""
    return (
        verb.dep_ == "relcl"
        and verb.tag_ in {"VBP", "VBZ"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def _question(verb: Token) -> bool:
    """The verb's sentence ends in a question mark (closing quotation marks aside)."""
    last = next((t for t in reversed(verb.sent) if t.text not in _CLOSING_QUOTES), None)
    return last is not None and last.text == "?"


def _provision(verb: Token) -> bool:
    """ "Zimbabwe's CONSTITUTION GUARANTEES the right to …": what a legal text says, in the
    present tense, is a standing provision, not an event (clauses.yaml `legal_texts`)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in LEGAL_TEXTS and verb.tag_ in {"VBP", "VBZ"}


def _habitual(verb: Token) -> bool:
    """A present or present-perfect verb with an adverb of frequency: a habit or a state of
    affairs, not one event."""
    return (verb.tag_ in {"VBP", "VBZ"} or _present_perfect(verb)) and any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children
    )


def _modality(frame: Frame, verb: Token) -> None:
    for v in frame.chain:
        for c in v.children:
            if c.dep_ == "neg" or (c.dep_ in {"advmod", "neg"} and c.lower_ in {"never"}):
                frame.negated = True
            if c.dep_ in {"aux", "auxpass"} and c.lower_ in MODALS:
                frame.modals.add(c.lower_)
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                frame.conditional = True
            if c.dep_ == "mark" and c.lower_ in PENDING_MARKS and _present(v):
                frame.conditional = True  # "until their demands ARE met": not met yet
        if _habitual(v):
            frame.habitual = True  # "police routinely detain", "have repeatedly called"
    if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and lemma(verb) in STATIVE_PARTICIPLES:
        frame.habitual = True  # "areas HELD by resistance forces": a state, not an event
    if (
        _lasting(verb)
        or _existential(verb)
        or _aside(verb)
        or _provision(verb)
        or _describing(verb)
    ):
        # "worked with Lai for decades", "there are companies doing …", "Vucic, who has
        # rejected demands …", "the Constitution guarantees the right …", "Hamas, which runs
        # Gaza"
        frame.habitual = True
    if _question(verb):
        frame.conditional = True  # a question asks, it does not tell: "what are they fearing?"
    # walk up the clause tree: conditionals and reporting verbs above us
    cur = verb
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head.i == cur.i:
            break
        dep, head = cur.dep_, cur.head
        if dep == "conj" or (dep in {"advcl", "xcomp"} and _unanchored(cur)):
            # "will travel to Brussels to MEET Rutte", "will discuss it when they MEET": a
            # purpose infinitive, or a present-tense time clause, is as future as its head
            for c in head.children:
                if c.dep_ in {"aux"} and c.lower_ in MODALS:
                    frame.modals.add(c.lower_)
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children
        ):
            frame.conditional = True
        if dep in {"ccomp", "parataxis"} and frame.reporter is None and lemma(head) in SPEECH_VERBS:
            frame.reporter = head
        if dep == "ccomp" and head.tag_ in {"VBD", "VBN"} and lemma(head) in BACKSHIFT_VERBS:
            frame.backshifted = True
        if (dep == "xcomp" or (dep == "advcl" and cur.tag_ == "VBG")) and _habitual(head):
            # "have repeatedly called on Peru TO REOPEN the border", "have repeatedly denied
            # the allegations while CRITICIZING the groups": what goes with a habit is one too
            frame.habitual = True
        if dep in {"ccomp", "xcomp", "pcomp", "dobj"} and lemma(head) in NEGATING_VERBS:
            frame.negated = True  # "denied attacking", "refused to release", "failed to reach"
        if dep in {"ccomp", "xcomp", "advcl"} and any(
            c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in cur.children
        ):
            frame.conditional = True
        cur = head


def _stance_words(verb: Token) -> set[str]:
    """For a verb of saying, the predicate words of what was said ("said it IS SKEPTICAL",
    "said the talks WERE CONSTRUCTIVE"): they tell a pessimistic or optimistic comment from a
    bare statement."""
    if lemma(verb) not in SPEECH_VERBS:
        return set()
    out: set[str] = set()
    for comp in verb.children:
        if comp.dep_ != "ccomp":
            continue
        out.add(lemma(comp))
        out.update(lemma(c) for c in comp.children if c.dep_ in {"acomp", "attr", "oprd"})
        # deontic modals: "said Sri Lanka MUST ensure security" is a demand, not a remark
        out.update(c.lower_ for c in comp.children if c.dep_ == "aux" and c.lower_ in DEONTIC)
    return out


def _said_of(verb: Token) -> Token | None:
    if lemma(verb) not in SPEECH_VERBS | DEMAND_VERBS:
        return None
    for comp in verb.children:
        if comp.dep_ == "ccomp":
            subj = subject_of(comp)
            if subj is not None:
                return subj
    return None


def _clause_lemmas(chain: list[Token]) -> set[str]:
    out: set[str] = set()
    stack = list(chain)
    seen = {t.i for t in chain}
    while stack:
        t = stack.pop()
        out.add(lemma(t))
        for c in t.children:
            if c.i in seen or (c.dep_ in _CLAUSE_DEPS and c not in chain):
                continue
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
                continue
            seen.add(c.i)
            stack.append(c)
            if c.dep_ in {"compound", "amod"} and c.i < t.i:
                out.add(f"{lemma(c)} {lemma(t)}")
    return out


def _noun_frame(light: Frame, noun: Token) -> Frame:
    """'made a visit to North Korea' → a frame whose trigger is the event noun 'visit'."""
    frame = Frame(
        verb=light.verb,
        chain=list(light.chain),
        noun=noun,
        subject=light.subject,
        subject_rule=light.subject_rule,
        passive=light.passive,
        negated=light.negated,
        modals=set(light.modals),
        conditional=light.conditional,
        habitual=light.habitual,
        reporter=light.reporter,
        controller=light.controller,
        clause_lemmas=set(light.clause_lemmas),
    )
    frame.preps = {k: list(v) for k, v in light.preps.items()}
    for prep, obj in prep_objects(noun):
        frame.preps.setdefault(prep, []).append(obj)
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        frame.negated = True  # "made no visit"
    return frame
