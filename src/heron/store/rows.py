"""Records → Arrow tables shaped like the store's tables (one bulk insert per table and batch).

DuckDB pays a fixed cost per INSERT statement and per column, so rows are gathered column by column
into Arrow tables and inserted with one ``INSERT … BY NAME SELECT`` per table.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from heron.records import Actor, DocResult, EventRecord, ReadFailure

_TEXT, _INT, _DOUBLE, _BOOL = pa.string(), pa.int32(), pa.float64(), pa.bool_()

DOCUMENTS = pa.schema(
    [
        ("doc_id", _TEXT),
        ("content_hash", _TEXT),
        ("published", pa.date32()),
        ("title", _TEXT),
        ("url", _TEXT),
        ("source", _TEXT),
        ("origin", _TEXT),
        ("status", _TEXT),
        ("error", _TEXT),
        ("n_events", _INT),
        ("n_sentences", _INT),
        ("coded_at", pa.timestamp("us")),
        ("coder", _TEXT),
    ]
)

EVENTS = pa.schema(
    [
        ("event_id", _TEXT),
        ("doc_id", _TEXT),
        ("sentence_index", _INT),
        ("story", _INT),
        ("date", pa.date32()),
        ("date_precision", _TEXT),
        ("date_text", _TEXT),
        ("cameo", _TEXT),
        ("cameo_root", _TEXT),
        ("goldstein", _DOUBLE),
        ("quad_class", _INT),
        ("event_type", _TEXT),
        ("mode", _TEXT),
        ("context", pa.list_(_TEXT)),
        ("plover_score", _DOUBLE),
        ("actor_code", _TEXT),
        ("actor_country", _TEXT),
        ("recipient_code", _TEXT),
        ("recipient_country", _TEXT),
        ("trigger_text", _TEXT),
        ("trigger_start", _INT),
        ("trigger_end", _INT),
        ("sentence_text", _TEXT),
        ("sentence_start", _INT),
        ("sentence_end", _INT),
        ("location_name", _TEXT),
        ("location_country", _TEXT),
        ("lat", _DOUBLE),
        ("lon", _DOUBLE),
        ("negated", _BOOL),
        ("hypothetical", _BOOL),
        ("future", _BOOL),
        ("reported", _BOOL),
        ("historical", _BOOL),
        ("confidence", _DOUBLE),
        ("coder", _TEXT),
        ("codebook", _TEXT),
        ("rule", _TEXT),
        ("record", _TEXT),
    ]
)

ACTORS = pa.schema(
    [
        ("event_id", _TEXT),
        ("role", _TEXT),
        ("idx", _INT),
        ("text", _TEXT),
        ("name", _TEXT),
        ("country", _TEXT),
        ("sector", _TEXT),
        ("code", _TEXT),
        ("start_char", _INT),
        ("end_char", _INT),
    ]
)

FAILURES = pa.schema(
    [("doc_id", _TEXT), ("origin", _TEXT), ("reason", _TEXT), ("failed_at", pa.timestamp("us"))]
)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One ``documents`` row; ``failure`` is the ``failures`` reason when the document failed."""

    doc_id: str
    content_hash: str | None
    published: date | None
    title: str | None
    url: str | None
    source: str | None
    origin: str | None
    status: str
    error: str | None
    n_events: int
    n_sentences: int
    coded_at: datetime
    coder: str | None

    @property
    def failure(self) -> str | None:
        if self.status != "failed":
            return None
        return self.error or "failed without a reason"


def document_row(
    result: DocResult, content_hash: str, coded_at: datetime, coder: str | None
) -> DocumentRow:
    doc = result.doc
    if coder is None and result.events:
        coder = result.events[0].coder
    return DocumentRow(
        doc_id=doc.id,
        content_hash=content_hash,
        published=doc.published,
        title=doc.title,
        url=doc.url,
        source=doc.source,
        origin=doc.origin,
        status=result.status,
        error=result.error,
        n_events=len(result.events),
        n_sentences=result.sentences,
        coded_at=coded_at,
        coder=coder,
    )


def read_failure_row(failure: ReadFailure, failed_at: datetime) -> DocumentRow:
    return DocumentRow(
        doc_id=failure.id,
        content_hash=None,
        published=None,
        title=None,
        url=None,
        source=None,
        origin=failure.origin,
        status="failed",
        error=failure.reason,
        n_events=0,
        n_sentences=0,
        coded_at=failed_at,
        coder=None,
    )


def documents_table(rows: Sequence[DocumentRow]) -> pa.Table:
    return _table(DOCUMENTS, ([getattr(r, f) for f in DOCUMENTS.names] for r in rows))


def failures_table(rows: Sequence[DocumentRow]) -> pa.Table:
    return _table(
        FAILURES, ([r.doc_id, r.origin, r.failure, r.coded_at] for r in rows if r.failure)
    )


def events_table(events: Sequence[EventRecord]) -> pa.Table:
    return _table(EVENTS, (_event_values(e) for e in events))


def actors_table(events: Sequence[EventRecord]) -> pa.Table:
    return _table(
        ACTORS,
        (
            [e.event_id, role, i, a.text, a.name, a.country, a.sector, a.code, a.start, a.end]
            for e in events
            for role, actors in (("actor", e.actor), ("recipient", e.recipient))
            for i, a in enumerate(actors)
        ),
    )


def _event_values(e: EventRecord) -> list[Any]:
    first, first_recipient = _first(e.actor), _first(e.recipient)
    loc = e.location
    return [
        e.event_id,
        e.doc_id,
        e.sentence_index,
        e.story,
        e.date,
        e.date_precision,
        e.date_text,
        e.cameo,
        e.cameo_root,
        e.goldstein,
        e.quad_class,
        e.event_type,
        e.mode,
        list(e.context),
        e.plover_score,
        first.code if first else None,
        first.country if first else None,
        first_recipient.code if first_recipient else None,
        first_recipient.country if first_recipient else None,
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        e.sentence.text,
        e.sentence.start,
        e.sentence.end,
        loc.name if loc else None,
        loc.country if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        e.flags.negated,
        e.flags.hypothetical,
        e.flags.future,
        e.flags.reported,
        e.flags.historical,
        e.confidence,
        e.coder,
        e.codebook,
        e.rule,
        json.dumps(e.to_dict(), ensure_ascii=False),
    ]


def _first(actors: tuple[Actor, ...]) -> Actor | None:
    return actors[0] if actors else None


def _table(schema: pa.Schema, rows: Iterable[list[Any]]) -> pa.Table:
    """Transpose rows into columns and build a table with exactly ``schema``."""
    columns: list[list[Any]] = [[] for _ in schema.names]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return pa.table(columns, schema=schema)
