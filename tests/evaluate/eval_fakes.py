"""Fakes for the evaluation tests: contract dicts built from real EventRecords, and predictors.

A plain module rather than a conftest.py, so that it does not take the module name ``conftest``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from heron.records import Actor, EventRecord, Flags, Span

ActorSpec = tuple[str | None, str | None, int, int]  # country, sector, start, end


def event(
    cameo: str,
    event_type: str | None = None,
    *,
    actor: Sequence[ActorSpec] = (),
    recipient: Sequence[ActorSpec] = (),
    mode: str | None = None,
    confidence: float = 0.5,
    negated: bool = False,
    hypothetical: bool = False,
    when: date | None = None,
) -> dict[str, Any]:
    """A contract dict (``EventRecord.to_dict()``) with just the fields scoring looks at."""

    def actors(specs: Sequence[ActorSpec]) -> tuple[Actor, ...]:
        return tuple(Actor(f"a{s}", s, e, country=c, sector=k) for c, k, s, e in specs)

    record = EventRecord(
        event_id="t:0:0",
        doc_id="t",
        sentence_index=0,
        date=when,
        date_precision="day" if when else None,
        date_text=None,
        cameo=cameo,
        goldstein=None,
        quad_class=None,
        event_type=event_type,
        mode=mode,
        context=(),
        plover_score=None,
        actor=actors(actor),
        recipient=actors(recipient),
        trigger=Span("x", 0, 1),
        sentence=Span("x", 0, 1),
        location=None,
        flags=Flags(negated=negated, hypothetical=hypothetical),
        confidence=confidence,
        coder="test",
        codebook="test",
    )
    return record.to_dict()


Predict = Callable[[str, date | None], list[dict[str, Any]]]


def table(answers: dict[str, list[dict[str, Any]]]) -> Predict:
    """Answers looked up by sentence text; unknown sentences get no events."""

    def predict(text: str, published: date | None) -> list[dict[str, Any]]:
        return list(answers.get(text, []))

    return predict


def empty(text: str, published: date | None) -> list[dict[str, Any]]:
    return []
