"""Modality of a coded clause: negated, hypothetical, announced for the future, reported.

Read from the frame (its negation, modal auxiliaries, conditional marks, the speech verb it is
reported under) and from the verb that controls it ("refused to release": negated; "wants to
meet": future). ``historical`` is a fact of the event's date and is decided by the when stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from heron.data.wordlists import word_lists
from heron.events.cameo import root
from heron.events.frames import FUTURE_MODALS, HYPOTHETICAL_MODALS, Frame

# controllers of a complement that make it a plan rather than a fact ("wants to meet")
INTENT_VERBS = word_lists("clauses").set("intent_verbs")


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
    return Modality(
        negated=frame.negated
        or (controller is not None and any(c.dep_ == "neg" for c in controller.children)),
        hypothetical=frame.conditional or bool(frame.modals & HYPOTHETICAL_MODALS),
        future=bool(frame.modals & FUTURE_MODALS)
        or (controller is not None and controller.lemma_.lower() in INTENT_VERBS),
        reported=frame.reporter is not None
        or (governor_code is not None and root(governor_code).claims_complement),
    )
