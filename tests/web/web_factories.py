"""A store built by hand for the web tests (no model): dyads over months, flags, a failure, many
events for paging, and text that tries to inject HTML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from heron.analytics import update_clusters
from heron.records import Actor, DocResult, Document, EventRecord, Flags, Place, ReadFailure, Span
from heron.store import Store

CODER = "heron 0.1.0"
EVIL_SENTENCE = (
    "Japan condemned North Korea over the <script>window.__pwned='text'</script> launch "
    "and <img src=x onerror=\"window.__pwned='img'\"> tests."
)
EVIL_DOC = "evil/<b>1</b>?x"


def _span(sentence: str, words: str, base: int = 0) -> tuple[int, int]:
    at = sentence.index(words)
    return base + at, base + at + len(words)


def _actor(sentence: str, words: str, code: str, name: str | None = None) -> Actor:
    start, end = _span(sentence, words)
    return Actor(words, start, end, name, code[:3], code[3:] or None, "test")


def event(
    doc_id: str,
    index: int,
    sentence: str,
    *,
    actor: tuple[str, str] | None,
    recipient: tuple[str, str] | None,
    trigger: str,
    when: date | None,
    cameo: str = "036",
    event_type: str = "AGREE",
    quad: int = 1,
    goldstein: float = 4.0,
    flags: Flags | None = None,
    place: str | None = None,
    date_text: str | None = None,
    precision: str = "day",
) -> EventRecord:
    start, end = _span(sentence, trigger)
    loc = None
    if place:
        p0, p1 = _span(sentence, place)
        loc = Place(place, "JPN", None, 35.68, 139.69, p0, p1)
    return EventRecord(
        event_id=f"{doc_id}:{index}:0",
        doc_id=doc_id,
        sentence_index=index,
        date=when,
        date_precision=precision if when else None,  # type: ignore[arg-type]
        date_text=date_text,
        cameo=cameo,
        goldstein=goldstein,
        quad_class=quad,
        event_type=event_type,
        mode=None,
        context=("diplomatic",),
        plover_score=goldstein / 2,
        actor=(_actor(sentence, *actor),) if actor else (),
        recipient=(_actor(sentence, *recipient),) if recipient else (),
        trigger=Span(trigger, start, end),
        sentence=Span(sentence, 0, len(sentence)),
        location=loc,
        flags=flags or Flags(),
        confidence=0.8,
        coder=CODER,
        codebook="heron-cameo 1",
        rule=f"test-rule-{cameo}",
    )


def _doc(doc_id: str, text: str, published: date, *, title: str, url: str) -> Document:
    return Document(doc_id, text, published, "Test Wire", url, title, f"feed.jsonl:{doc_id}")


def _write(store: Store, doc: Document, events: list[EventRecord]) -> None:
    result = DocResult(doc, "coded" if events else "no-event", tuple(events), sentences=1)
    store.write_result(result, content_hash=Store.content_hash(doc, CODER))


def build(path: Path) -> Path:
    """Write the crafted store to ``path`` and return it."""
    with Store(path) as store:
        months = [date(2024, m, 12) for m in (1, 2, 4)]
        for i, day in enumerate(months):
            s = f"Japan offered to meet North Korea in Tokyo on {day:%B} 12."
            e = event(
                f"jp-{i}",
                0,
                s,
                actor=("Japan", "JPNGOV"),
                recipient=("North Korea", "PRKGOV"),
                trigger="offered to meet",
                when=day,
                place="Tokyo",
                date_text=f"{day:%B} 12",
            )
            _write(
                store, _doc(f"jp-{i}", s, day, title=f"Offer {i}", url="https://example.org/a"), [e]
            )
        s = "North Korea fired missiles toward Japan on March 3."
        e = event(
            "kp-0",
            0,
            s,
            actor=("North Korea", "PRKMIL"),
            recipient=("Japan", "JPN"),
            trigger="fired missiles",
            when=date(2024, 3, 3),
            cameo="190",
            event_type="ASSAULT",
            quad=4,
            goldstein=-10.0,
            date_text="March 3",
        )
        _write(
            store,
            _doc("kp-0", s, date(2024, 3, 4), title="Missiles", url="https://example.org/b"),
            [e],
        )
        s = "Japan did not threaten North Korea on March 5."
        e = event(
            "neg-0",
            0,
            s,
            actor=("Japan", "JPN"),
            recipient=("North Korea", "PRK"),
            trigger="threaten",
            when=date(2024, 3, 5),
            cameo="130",
            event_type="THREATEN",
            quad=3,
            goldstein=-4.4,
            flags=Flags(negated=True),
        )
        _write(
            store,
            _doc("neg-0", s, date(2024, 3, 6), title="Denial", url="https://example.org/c"),
            [e],
        )
        e = event(
            EVIL_DOC,
            0,
            EVIL_SENTENCE,
            actor=("Japan", "JPN"),
            recipient=("North Korea", "PRK"),
            trigger="condemned",
            when=date(2024, 3, 25),
            cameo="111",
            event_type="ACCUSE",
            quad=3,
            goldstein=-2.0,
        )
        evil = Document(
            EVIL_DOC,
            EVIL_SENTENCE,
            date(2024, 3, 26),
            "<i>Wire</i>",
            "javascript:window.__pwned='url'",
            "<script>window.__pwned='title'</script>Evil title",
            "evil.jsonl:1",
        )
        _write(store, evil, [e])
        bulk = []
        s = "Kenyan police arrested protesters in Nairobi."
        for i in range(120):
            bulk.append(
                event(
                    "bulk",
                    i,
                    s,
                    actor=("Kenyan police", "KENCOP"),
                    recipient=("protesters", "KENCVL"),
                    trigger="arrested",
                    when=date(2023, 6, 1 + i % 28),
                    cameo="173",
                    event_type="COERCE",
                    quad=4,
                    goldstein=-5.0,
                )
            )
        _write(
            store,
            _doc("bulk", s, date(2023, 7, 1), title="Arrests", url="https://example.org/d"),
            bulk,
        )
        store.write_read_failure(
            ReadFailure("broken.html", "broken.html", "not UTF-8 text (byte 0x9f)")
        )
        update_clusters(store)  # what ingest does after each batch
    return path
