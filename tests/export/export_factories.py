"""Hand-built events in an in-memory store, for export tests that need no model."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from heron.records import Actor, DocResult, Document, EventRecord, Flags, Place, Span
from heron.store import Store

NAMES = {"JPN": "Japan", "KOR": "South Korea", "PRK": "North Korea", "ROU": "Romania"}


def actor(code: str, start: int = 0, name: str | None = None) -> Actor:
    """An actor from "JPNGOV" (country + sector), "IGO" or "UNO" (non-state) or "---REB"."""
    country, sector = code[:3], code[3:] or None
    text = name or NAMES.get(country, country)
    return Actor(
        text=text,
        start=start,
        end=start + len(text),
        name=name or NAMES.get(country),
        country=None if country == "---" else country,
        sector=sector,
    )


TOKYO = Place("Tokyo", "JPN", "40", 35.69, 139.69, 37, 42)


def event(
    n: int = 0,
    *,
    doc_id: str = "doc1",
    cameo: str = "036",
    event_type: str | None = "AGREE",
    actors: Sequence[str | Actor] = ("JPNGOV",),
    recipients: Sequence[str | Actor] = ("PRKGOV",),
    when: date | None = date(2024, 3, 25),
    flags: Flags | None = None,
    location: Place | None = None,
) -> EventRecord:
    def side(items: Sequence[str | Actor], at: int) -> tuple[Actor, ...]:
        return tuple(
            a if isinstance(a, Actor) else actor(a, at + 10 * i) for i, a in enumerate(items)
        )

    return EventRecord(
        event_id=f"{doc_id}:{n}:0",
        doc_id=doc_id,
        sentence_index=n,
        date=when,
        date_precision="day" if when else None,
        date_text=None,
        cameo=cameo,
        goldstein=4.0,
        quad_class=1,
        event_type=event_type,
        mode=None,
        context=("diplomatic",),
        plover_score=2.5,
        actor=side(actors, 0),
        recipient=side(recipients, 30),
        trigger=Span("offered to meet", 15, 30),
        sentence=Span("Japan offered to meet North Korea in Tokyo.", 0, 46),
        location=location,
        flags=flags or Flags(),
        confidence=0.82,
        coder="heron 0.1.0",
        codebook="heron-cameo 1",
        rule="test",
    )


def store_with(*events: EventRecord, doc_id: str = "doc1") -> Store:
    """An in-memory store holding ``events`` as one document (close it when done)."""
    store = Store(":memory:")
    doc = Document(
        doc_id,
        "Japan offered to meet North Korea in Tokyo.",
        date(2024, 3, 26),
        source="Test Wire",
        url=f"https://www.example.org/{doc_id}",
        title="A title",
    )
    status = "coded" if events else "no-event"
    store.write_result(DocResult(doc, status, tuple(events), sentences=3), content_hash="h")
    return store
