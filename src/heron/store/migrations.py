"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

Each migration runs in its own transaction together with the row that records it, so a database is
never left half-migrated; applying the list again is a no-op. Migrations are history: never edit one
that has shipped, append a new one instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from heron.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str


_INITIAL = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY,
    content_hash TEXT,
    published DATE,
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT,
    status TEXT NOT NULL CHECK (status IN ('coded', 'no-event', 'failed')),
    error TEXT,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_sentences INTEGER NOT NULL DEFAULT 0,
    coded_at TIMESTAMP,
    coder TEXT
);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sentence_index INTEGER,
    story INTEGER,
    date DATE,
    date_precision TEXT,
    date_text TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT,
    goldstein DOUBLE,
    quad_class INTEGER,
    event_type TEXT,
    mode TEXT,
    context TEXT[],
    plover_score DOUBLE,
    actor_code TEXT,
    actor_country TEXT,
    recipient_code TEXT,
    recipient_country TEXT,
    trigger_text TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence_text TEXT,
    sentence_start INTEGER,
    sentence_end INTEGER,
    location_name TEXT,
    location_country TEXT,
    lat DOUBLE,
    lon DOUBLE,
    negated BOOLEAN,
    hypothetical BOOLEAN,
    future BOOLEAN,
    reported BOOLEAN,
    historical BOOLEAN,
    confidence DOUBLE,
    coder TEXT,
    codebook TEXT,
    rule TEXT,
    record JSON NOT NULL
);
CREATE TABLE actors (
    event_id TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    idx INTEGER NOT NULL,
    text TEXT,
    name TEXT,
    country TEXT,
    sector TEXT,
    code TEXT,
    start_char INTEGER,
    end_char INTEGER
);
CREATE TABLE failures (
    doc_id TEXT NOT NULL,
    origin TEXT,
    reason TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
"""

# The dyad, defined once for every aggregate: one row per event × actor × recipient, both sides
# with their position, code, country, sector and name, next to the event's date, codes, scores and
# flags. LEFT JOINs keep every event: an event with no recipient gives one row per actor with the
# recipient side NULL (and the other way round); an event with neither gives one row, both sides
# NULL. An event with n actors and m recipients gives max(n, 1) × max(m, 1) rows, so count events
# with count(DISTINCT event_id). A view, so it is never out of step with events and actors, and an
# existing database has its dyads as soon as this migration runs.
_DYADS = """
CREATE VIEW dyads AS
SELECT
    e.event_id,
    e.doc_id,
    e.sentence_index,
    e.date,
    e.date_precision,
    a.idx AS actor_idx,
    a.code AS actor_code,
    a.country AS actor_country,
    a.sector AS actor_sector,
    a.name AS actor_name,
    r.idx AS recipient_idx,
    r.code AS recipient_code,
    r.country AS recipient_country,
    r.sector AS recipient_sector,
    r.name AS recipient_name,
    e.cameo,
    e.cameo_root,
    e.quad_class,
    e.goldstein,
    e.event_type,
    e.mode,
    e.plover_score,
    e.negated,
    e.hypothetical,
    e.future,
    e.reported,
    e.historical
FROM events e
LEFT JOIN actors a ON a.event_id = e.event_id AND a.role = 'actor'
LEFT JOIN actors r ON r.event_id = e.event_id AND r.role = 'recipient';
"""

# Copies of documents (issue 10): every document that is coded leaves a fingerprint — a hash of
# its words and a MinHash signature of its word shingles — and a later document whose words are the
# same, or nearly (heron.analytics.dedup), is kept as a copy of that canonical document instead of
# being coded again. A copy keeps its own metadata, and its content hash so that ingesting it again
# skips it like a stored document.
_COPIES = """
CREATE TABLE document_fingerprints (
    doc_id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    minhash BLOB NOT NULL
);
CREATE TABLE document_copies (
    doc_id TEXT PRIMARY KEY,
    canonical_id TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('exact', 'near')),
    similarity DOUBLE NOT NULL,
    content_hash TEXT,
    published DATE,
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT,
    seen_at TIMESTAMP NOT NULL
);
"""

# Event clusters (issue 10): reports of one happening, across the sentences of a story and across
# stories and sources, are one cluster (heron.analytics.clustering). `cluster_members` says which
# cluster each event joined, through which member and why; `clusters` holds each cluster's
# summary; `cluster_dyads` one row per cluster × actor × recipient (the members' dyads, with the
# cluster's own date and code), which series and rankings read. `documents.clustered` marks the
# documents whose events have been assigned, so an interrupted ingest catches up on the next run.
_CLUSTERS = """
ALTER TABLE documents ADD COLUMN clustered BOOLEAN DEFAULT false;
CREATE TABLE clusters (
    cluster_id BIGINT PRIMARY KEY,
    flagged BOOLEAN NOT NULL,
    date DATE,
    date_precision TEXT,
    date_lo DATE,
    date_hi DATE,
    home_doc TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT NOT NULL,
    event_type TEXT,
    mode TEXT,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_score DOUBLE,
    actor_code TEXT,
    actor_country TEXT,
    actor_name TEXT,
    recipient_code TEXT,
    recipient_country TEXT,
    recipient_name TEXT,
    location_name TEXT,
    location_country TEXT,
    representative TEXT NOT NULL,
    sentence_text TEXT,
    n_mentions INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    first_seen DATE,
    last_seen DATE,
    keys TEXT[] NOT NULL,
    profiles JSON NOT NULL,
    dirty BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE cluster_members (
    event_id TEXT PRIMARY KEY,
    cluster_id BIGINT NOT NULL,
    doc_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    via TEXT,
    reason TEXT NOT NULL
);
CREATE TABLE cluster_dyads (
    cluster_id BIGINT NOT NULL,
    date DATE,
    date_precision TEXT,
    actor_code TEXT,
    actor_country TEXT,
    actor_sector TEXT,
    actor_name TEXT,
    recipient_code TEXT,
    recipient_country TEXT,
    recipient_sector TEXT,
    recipient_name TEXT,
    cameo TEXT,
    cameo_root TEXT,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_score DOUBLE,
    event_type TEXT,
    flagged BOOLEAN NOT NULL
);
"""

# The text of each document (issue 12), so that an event's provenance can show the document around
# its sentence: event records locate their actor, trigger, recipient and place by character
# offsets into this text. NULL for documents stored before this migration and for inputs that could
# not be read. Independent of the clustering migrations of issue 10 (0003, 0004).
_DOCUMENT_TEXT = """
ALTER TABLE documents ADD COLUMN text TEXT;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0002_dyads", _DYADS),
    Migration("0003_document_copies", _COPIES),
    Migration("0004_event_clusters", _CLUSTERS),
    Migration("0005_document_text", _DOCUMENT_TEXT),
)


def applied(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the migrations recorded in this database, oldest first ([] for a fresh one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    rows = con.execute("SELECT name FROM migrations ORDER BY applied_at, name").fetchall()
    return [str(r[0]) for r in rows]


def pending(
    con: duckdb.DuckDBPyConnection, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[Migration]:
    """The migrations not yet applied; StoreError if the database knows ones that we do not."""
    done = applied(con)
    known = {m.name for m in migrations}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"the database was migrated by a newer heron ({', '.join(unknown)}): "
            "upgrade heron or use another --db"
        )
    return [m for m in migrations if m.name not in done]


def migrate(
    con: duckdb.DuckDBPyConnection, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[str]:
    """Apply the pending migrations in order; return the names applied (none when up to date)."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS migrations "
        "(name TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    names: list[str] = []
    for migration in pending(con, migrations):
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                [migration.name, datetime.now(UTC).replace(tzinfo=None)],
            )
            con.commit()
        except BaseException:
            con.rollback()
            raise
        names.append(migration.name)
    return names
