"""Modality of a coded clause: negated, hypothetical, announced for the future, reported.

Read from the frame (its negation, modal auxiliaries, conditional marks, the speech verb it is
reported under) and from the verb that controls it ("refused to release": negated; "wants to
meet": future). ``historical`` is a fact of the event's date and is decided by the when stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from heron.data.wordlists import word_lists
from heron.events.cameo import root
from heron.events.frames import FUTURE_MODALS, HYPOTHETICAL_MODALS, Frame, lemma

# controllers of a complement that make it a plan rather than a fact ("wants to meet")
INTENT_VERBS = word_lists("clauses").set("intent_verbs")
PAST_PERFECT_AUX = frozenset({"had", "'d"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    hypothetical: bool
    future: bool
    reported: bool


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
        # "demanded that the US cancel the sale": asked for, not done
        or (governor_code is not None and root(governor_code).unreal_complement),
        future=bool(frame.modals & FUTURE_MODALS)
        or backshifted_future
        or (controller is not None and controller.lemma_.lower() in INTENT_VERBS)
        # "agreed to hold joint exercises": the event noun of a light verb under an intent verb
        or (frame.noun is not None and any(lemma(v) in INTENT_VERBS for v in frame.chain[:-1])),
        reported=frame.reporter is not None
        or (governor_code is not None and root(governor_code).claims_complement),
    )


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
    return Stated(code, mod.negated)
