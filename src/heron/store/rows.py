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

from heron.records import DocResult, EventRecord, ReadFailure
from heron.schema import RECORD, Column, Kind, Output, actor_columns, columns, role_fields

_TEXT, _INT = pa.string(), pa.int32()

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
        ("text", _TEXT),
    ]
)

# the event tables, derived from heron.schema (tests check them against the migrated tables)
EVENT_COLUMNS: tuple[Column, ...] = columns(Output.EVENTS)
ACTOR_COLUMNS: tuple[Column, ...] = actor_columns()
EVENTS = pa.schema([(c.name, c.kind.arrow) for c in (*EVENT_COLUMNS, RECORD)])
ACTORS = pa.schema([(c.name, c.kind.arrow) for c in ACTOR_COLUMNS])
_ROLES = role_fields()
_ACTOR_OWN = tuple(c.sub.name for c in ACTOR_COLUMNS if c.sub is not None)

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
    text: str | None = None  # the document's text (NULL for inputs that could not be read)

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
        text=doc.text,
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


def failures_of(documents: pa.Table) -> pa.Table:
    """The ``failures`` rows of a ``documents`` table (a worker's Parquet, heron.scale.dask)."""
    import pyarrow.compute as pc

    failed = documents.filter(pc.equal(documents["status"], "failed"))
    reason = pc.coalesce(failed["error"], pa.scalar("failed without a reason"))
    return pa.table([failed["doc_id"], failed["origin"], reason, failed["coded_at"]], FAILURES)


def events_table(events: Sequence[EventRecord]) -> pa.Table:
    return _table(EVENTS, (_event_values(e) for e in events))


def actors_table(events: Sequence[EventRecord]) -> pa.Table:
    """One row per actor of each event: its role (the event field it is in) and position."""
    return _table(
        ACTORS,
        (
            [e.event_id, role.name, i, *(getattr(a, name) for name in _ACTOR_OWN)]
            for e in events
            for role in _ROLES
            for i, a in enumerate(getattr(e, role.name))
        ),
    )


def _event_values(e: EventRecord) -> list[Any]:
    values = [_store_value(c, e) for c in EVENT_COLUMNS]
    values.append(json.dumps(e.to_dict(), ensure_ascii=False))
    return values


def _store_value(c: Column, e: EventRecord) -> Any:
    """A column's value: lists of actors give their first actor (all of them are in ``actors``)."""
    assert c.field is not None  # every events column but `record` is an event field
    value = getattr(e, c.field.name)
    if c.sub is None:
        return list(value) if c.kind is Kind.TEXT_LIST else value
    if c.field.kind is Kind.PART_LIST:
        value = value[0] if value else None
    return None if value is None else getattr(value, c.sub.name)


def _table(schema: pa.Schema, rows: Iterable[list[Any]]) -> pa.Table:
    """Transpose rows into columns and build a table with exactly ``schema``."""
    columns: list[list[Any]] = [[] for _ in schema.names]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            column.append(value)
    return pa.table(columns, schema=schema)


# -- copies and fingerprints (heron.analytics.dedup) ----------------------------------------------

COPIES = pa.schema(
    [
        ("doc_id", _TEXT),
        ("canonical_id", _TEXT),
        ("method", _TEXT),
        ("similarity", pa.float64()),
        ("content_hash", _TEXT),
        ("published", pa.date32()),
        ("title", _TEXT),
        ("url", _TEXT),
        ("source", _TEXT),
        ("origin", _TEXT),
        ("seen_at", pa.timestamp("us")),
    ]
)

FINGERPRINTS = pa.schema(
    [("doc_id", _TEXT), ("text_hash", _TEXT), ("shingles", _INT), ("minhash", pa.binary())]
)


@dataclass(frozen=True, slots=True)
class CopyRow:
    """A document kept as a copy of ``canonical_id`` instead of being coded: ``method`` is
    ``exact`` (the same words) or ``near``, ``similarity`` the estimated word-shingle overlap."""

    doc_id: str
    canonical_id: str
    method: str
    similarity: float
    content_hash: str | None
    published: date | None
    title: str | None
    url: str | None
    source: str | None
    origin: str | None


@dataclass(frozen=True, slots=True)
class FingerprintRow:
    """A coded document's fingerprint: the hash of its words, its shingle count and its MinHash
    signature (bytes)."""

    doc_id: str
    text_hash: str
    shingles: int
    minhash: bytes


def copies_table(copies: Sequence[CopyRow], seen_at: datetime) -> pa.Table:
    names = COPIES.names[:-1]
    return _table(COPIES, ([*(getattr(c, n) for n in names), seen_at] for c in copies))


def fingerprints_table(prints: Sequence[FingerprintRow]) -> pa.Table:
    return _table(FINGERPRINTS, ([getattr(f, n) for n in FINGERPRINTS.names] for f in prints))
