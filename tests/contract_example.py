"""DESIGN.md's example event, as a contract dict and as the EventRecord that produces it.

A plain module rather than a conftest.py, so that record, sink and store tests can share it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from heron.records import Actor, EventRecord, Flags, Span

# the example object of DESIGN.md's output contract, key order included
CONTRACT = """
{"event_id": "doc42:3:0", "doc_id": "doc42", "sentence_index": 3,
 "date": "2024-03-25", "date_precision": "day", "date_text": "yesterday",
 "cameo": "036", "cameo_root": "03", "goldstein": 4.0, "quad_class": 1,
 "event_type": "AGREE", "mode": null, "context": ["diplomatic"], "plover_score": 2.5,
 "actor":     [{"text": "Japanese Prime Minister Fumio Kishida", "name": "Fumio Kishida",
                "country": "JPN", "sector": "GOV", "code": "JPNGOV", "start": 32, "end": 69}],
 "recipient": [{"text": "North Korean leader Kim Jong-un", "name": "Kim Jong-un",
                "country": "PRK", "sector": "GOV", "code": "PRKGOV", "start": 91, "end": 122}],
 "trigger":  {"text": "offered to meet", "start": 70, "end": 85},
 "sentence": {"text": "North Korea yesterday said …", "start": 0, "end": 311},
 "location": null,
 "flags": {"negated": false, "hypothetical": false, "future": false, "reported": true,
           "historical": false},
 "confidence": 0.82, "coder": "heron 0.1.0", "codebook": "heron-cameo 1"}
"""
PLACE_KEYS = ["name", "country", "admin1", "lat", "lon", "start", "end"]


def contract_event(**changes: Any) -> EventRecord:
    """The EventRecord of DESIGN.md's example."""
    fields: dict[str, Any] = dict(
        event_id="doc42:3:0",
        doc_id="doc42",
        sentence_index=3,
        date=date(2024, 3, 25),
        date_precision="day",
        date_text="yesterday",
        cameo="036",
        goldstein=4.0,
        quad_class=1,
        event_type="AGREE",
        mode=None,
        context=("diplomatic",),
        plover_score=2.5,
        actor=(
            Actor(
                "Japanese Prime Minister Fumio Kishida", 32, 69, "Fumio Kishida", "JPN", "GOV", "x"
            ),
        ),
        recipient=(Actor("North Korean leader Kim Jong-un", 91, 122, "Kim Jong-un", "PRK", "GOV"),),
        trigger=Span("offered to meet", 70, 85),
        sentence=Span("North Korea yesterday said …", 0, 311),
        location=None,
        flags=Flags(reported=True),
        confidence=0.82,
        coder="heron 0.1.0",
        codebook="heron-cameo 1",
        story=2,
        rule="036-offer-meet",
    )
    fields.update(changes)
    return EventRecord(**fields)
