"""Hand-built records for store tests (no model): events, results and a write helper."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from heron.records import Actor, DocResult, Document, EventRecord, Flags, Place, Span
from heron.store import Store

CODER = "heron 0.1.0"

_COUNTRY_NAMES = {
    "JPN": "Japan",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "USA": "United States",
}


def actor(code: str, start: int = 0) -> Actor:
    """An actor from a code like "JPNGOV" (country + sector) or "KOR" (country only)."""
    country, sector = code[:3], code[3:] or None
    text = _COUNTRY_NAMES.get(country, country)
    return Actor(
        text=text,
        start=start,
        end=start + len(text),
        name=text,
        country=country,
        sector=sector,
        how="test",
    )


def make_event(
    doc_id: str = "doc1",
    sentence_index: int = 0,
    n: int = 0,
    *,
    cameo: str = "036",
    actors: Sequence[str] = ("JPNGOV",),
    recipients: Sequence[str] = ("PRKGOV",),
    when: date | None = date(2024, 3, 25),
    event_type: str | None = "AGREE",
    flags: Flags | None = None,
    location: Place | None = None,
    context: Sequence[str] = ("diplomatic",),
) -> EventRecord:
    return EventRecord(
        event_id=f"{doc_id}:{sentence_index}:{n}",
        doc_id=doc_id,
        sentence_index=sentence_index,
        date=when,
        date_precision="day" if when else None,
        date_text="yesterday" if when else None,
        cameo=cameo,
        goldstein=4.0,
        quad_class=1,
        event_type=event_type,
        mode=None,
        context=tuple(context),
        plover_score=2.5,
        actor=tuple(actor(c, 10 * i) for i, c in enumerate(actors)),
        recipient=tuple(actor(c, 50 + 10 * i) for i, c in enumerate(recipients)),
        trigger=Span("offered to meet", 30, 45),
        sentence=Span("Japan offered to meet North Korea — «ünïcode» too.", 0, 52),
        location=location,
        flags=flags or Flags(reported=True),
        confidence=0.82,
        coder=CODER,
        codebook="heron-cameo 1",
        rule="test-rule",
    )


def make_result(
    doc_id: str = "doc1",
    events: Sequence[EventRecord] = (),
    *,
    text: str = "Japan offered to meet North Korea.",
    published: date | None = date(2024, 3, 26),
    error: str | None = None,
) -> DocResult:
    status = "failed" if error else ("coded" if events else "no-event")
    doc = Document(
        id=doc_id,
        text=text,
        published=published,
        source="Test Wire",
        url=f"https://example.org/{doc_id}",
        title=f"Title {doc_id}",
        origin=f"feed.jsonl:{doc_id}",
    )
    return DocResult(doc=doc, status=status, events=tuple(events), error=error, sentences=3)


def write(store: Store, result: DocResult) -> None:
    store.write_result(result, content_hash=Store.content_hash(result.doc, CODER))
