"""Modality of a coded clause: negated, hypothetical, announced for the future, reported.

Read from the frame (its negation, modal auxiliaries, conditional marks, the speech verb it is
reported under) and from the verb that controls it ("refused to release": negated; "wants to
meet": future). ``historical`` is a fact of the event's date and is decided by the when stage.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from heron.data.wordlists import word_lists
from heron.events.cameo import root
from heron.events.frames import FUTURE_MODALS, HYPOTHETICAL_MODALS, Frame, lemma
from heron.nlp import subject_of

# controllers of a complement that make it a plan rather than a fact ("wants to meet")
INTENT_VERBS = word_lists("clauses").set("intent_verbs")
MEETING_NOUNS = word_lists("clauses").set("meeting_nouns")
COMMENTATORS = word_lists("clauses").set("commentators")
SPEECH_VERBS = word_lists("clauses").set("speech_verbs")
NECESSITY_WORDS = word_lists("clauses").set("necessity_words")
PLANNING_VERBS = word_lists("clauses").set("planning_verbs")
WARNING_VERBS = word_lists("clauses").set("warning_verbs")
# roots of acts that are done by saying them: said only when they are said
SPEECH_ACT_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
GENERIC_STATEMENT = "010"  # CAMEO's "make statement, not specified below"
DEMANDS = "10"  # CAMEO's root of demands
THREATS = "13"  # CAMEO's root of threats
GENERIC_THREAT = "130"  # "threaten, not specified below"
INTENT_TO_MEET = "036"
PAST_PERFECT_AUX = frozenset({"had", "'d"})
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    hypothetical: bool
    future: bool
    reported: bool
    # a speaker saying what it itself could do ("Beijing hinted that IT COULD retaliate"):
    # a harm so stated is a threat, the statement being the event
    warned: bool = False
    # a speaker warning what it itself will do ("WARNED that China WOULD resolutely defend its
    # sovereignty"): a threat, whatever the act (CAMEO 130 when it is no harm of its own)
    warning: bool = False


def modality(frame: Frame, *, governor_code: str | None) -> Modality:
    """The modality of ``frame``; ``governor_code`` is the CAMEO code of the coded verb whose
    clause contains it, if any ("accused X of ATTACKING Y": the attack is the accusation's
    claim)."""
    controller = frame.controller
    possible = frame.modals & HYPOTHETICAL_MODALS
    # "said it would withdraw": the backshifted future of reported speech, not a condition
    backshifted_future = frame.backshifted and possible == {"would"} and not frame.conditional
    return Modality(
        negated=frame.negated
        or (controller is not None and any(c.dep_ == "neg" for c in controller.children)),
        hypothetical=frame.conditional
        or (bool(possible) and not backshifted_future)
        or commentary(frame)
        # "demanded that the US cancel the sale": asked for, not done
        or (governor_code is not None and root(governor_code).unreal_complement),
        future=bool(frame.modals & FUTURE_MODALS)
        or backshifted_future
        or (controller is not None and controller.lemma_.lower() in INTENT_VERBS)
        # "agreed to hold joint exercises": the event noun of a light verb under an intent verb
        or (frame.noun is not None and any(lemma(v) in INTENT_VERBS for v in frame.chain[:-1])),
        reported=frame.reporter is not None
        or (governor_code is not None and root(governor_code).claims_complement),
        warned=bool(possible) and not frame.conditional and _of_itself(frame),
        warning=frame.reporter is not None
        and lemma(frame.reporter) in WARNING_VERBS
        and bool(frame.modals & (FUTURE_MODALS | {"would"}))
        and not frame.conditional,
    )


def planned_speech(frame: Frame, code: str) -> bool:
    """A speech act that is only planned ("plans to URGE the ministers", "hopes to raise the
    issue"): not said yet, so not an event yet."""
    controller = frame.controller
    return (
        code[:2] in SPEECH_ACT_ROOTS
        and controller is not None
        and controller.lemma_.lower() in PLANNING_VERBS
    )


def commentary(frame: Frame) -> bool:
    """What commentators say is going on ("some EXPERTS say North Korea is seeking …"): their
    reading of events, not a report of one. For a verb of saying itself ("Experts SAY …"),
    whether its speaker is one."""
    speech = frame.reporter if frame.reporter is not None else frame.verb
    if lemma(speech) not in SPEECH_VERBS:
        return False
    speaker = subject_of(speech)
    return speaker is not None and speaker.lemma_.lower() in COMMENTATORS


def _of_itself(frame: Frame) -> bool:
    """The clause is reported by a verb of saying and its subject is the speaker: a pronoun, or
    the speaker's own words ("Russia warned that IT could cut supplies")."""
    if frame.reporter is None or frame.subject is None:
        return False
    speaker = subject_of(frame.reporter)
    if speaker is None:
        return False
    return frame.subject.lower_ in SPEAKER_PRONOUNS or frame.subject.lower_ == speaker.lower_


def background(frame: Frame) -> bool:
    """The clause tells an earlier event as background: a past perfect ("who HAD BEEN
    detained", "after militias HAD burned the consulate") below the main clause. Such an event
    is news only when the text gives it a date of its own."""
    if frame.verb.dep_ not in {"relcl", "acl", "advcl"} or frame.nominal:
        return False  # "said it had halted aid": reported speech backshifts, it is not background
    return frame.verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in PAST_PERFECT_AUX for c in frame.verb.children
    )


class _IntentCodes(Protocol):
    def intent_code(self, code: str) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Stated:
    """The code an event is recorded under once CAMEO's conventions for stated intentions are
    applied, whether the record is still negated, and the note for `explain`."""

    code: str
    negated: bool
    intent: bool = False
    note: str | None = None
    threat: bool = False  # a stated possible harm: the threat happened, it is no hypothesis


def stated_intent(code: str, mod: Modality, codebook: _IntentCodes) -> Stated:
    """CAMEO codes what is announced, not what may happen: "will visit" is an intent to meet
    (036), "will impose sanctions" a threat (1312), "will not attend the talks" a rejection
    (125) — the statement is the event, so a stated refusal is not negated."""
    refusal = root(code).refusal
    if mod.future and mod.negated and not mod.hypothetical and refusal is not None:
        return Stated(refusal, False, note=f"stated intention not to act → rejection {refusal}")
    if mod.future and not (mod.negated or mod.hypothetical):
        intent = codebook.intent_code(code)
        if intent is not None:
            return Stated(intent, False, True, f"announced for the future → intent code {intent}")
    if mod.warned and not mod.negated:
        intent = codebook.intent_code(code)
        if intent is not None and intent.startswith("13"):
            note = f"a harm the speaker says it could do → threat {intent}"
            return Stated(intent, False, True, note, threat=True)
    return Stated(code, mod.negated)


def warned_of_itself(stated: Stated, mod: Modality, codebook: _IntentCodes) -> Stated:
    """ "WARNED that China WOULD resolutely defend its sovereignty", said for China: what a
    speaker warns its own side will do is a threat — its own intent code when that is one, else
    CAMEO's 130. The caller checks that the actors are the speaker's side."""
    if not mod.warning or stated.negated or stated.code.startswith(THREATS):
        return stated
    intent = codebook.intent_code(stated.code)
    threat = intent if intent is not None and intent.startswith(THREATS) else GENERIC_THREAT
    note = f"what the speaker warns its side will do → threat {threat}"
    return Stated(threat, False, True, note, threat=True)


def talks_needed(stated: Stated, frame: Frame) -> Stated:
    """ "Scholz said TALKS with China must continue", "Kishida said a MEETING with Kim is
    crucial": talks said to be needed by a party to them are its will to keep meeting (036),
    not a demand on the talks nor a bare remark (grammar clauses.yaml `meeting_nouns`,
    `necessity_words`); any other stated code unchanged."""
    said_of = frame.said_of
    needed = stated.code.startswith(DEMANDS) or (
        # "said a meeting with Kim IS CRUCIAL": needed, in so many words
        stated.code == GENERIC_STATEMENT and bool(frame.clause_lemmas & NECESSITY_WORDS)
    )
    if not needed or said_of is None:
        return stated
    if said_of.lemma_.lower() not in MEETING_NOUNS:
        return stated
    note = "talks said to be needed by a party to them → intent to meet 036"
    return replace(stated, code=INTENT_TO_MEET, intent=True, note=note)
