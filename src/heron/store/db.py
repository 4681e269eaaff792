"""The DuckDB event store: one typed facade over the schema in :mod:`heron.store.migrations`.

Every write replaces whole documents inside one transaction, so a store never holds half a
document: an interrupted ingest is resumed by skipping the documents whose content hash is current
(:meth:`Store.is_current`, :meth:`Store.current_doc_ids`) and coding the rest again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb
import pyarrow as pa

from heron.errors import StoreError
from heron.records import DocResult, Document, EventRecord, ReadFailure
from heron.store import migrations, rows
from heron.store.filters import EventFilter
from heron.store.rows import CopyRow, FingerprintRow

_ORDER = "ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.event_id"
_DYAD_ORDER = _ORDER + ", e.actor_idx NULLS FIRST, e.recipient_idx NULLS FIRST"
_STATUSES = ("coded", "no-event", "failed")


class Store:
    """A DuckDB file (or ``":memory:"``) holding documents, events, their actors and failures.

    Its ``dyads`` view pairs every actor of an event with every recipient (:meth:`query_dyads`).

    ``Store(path)`` creates the file when missing and applies pending migrations;
    ``read_only=True`` opens an existing, up-to-date store that other readers may share.
    Use it as a context manager or call :meth:`close`.
    """

    def __init__(self, path: str | Path = "heron.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        self._con = _connect(self.path, read_only=read_only)
        try:
            if read_only:
                todo = migrations.pending(self._con)
                if todo:
                    raise StoreError(
                        f"the store {self.path} needs migrating "
                        f"({', '.join(m.name for m in todo)}): open it once for writing, "
                        "e.g. with `heron ingest`"
                    )
            else:
                migrations.migrate(self._con)
        except StoreError as e:
            self._con.close()
            if self.path in str(e):
                raise
            raise StoreError(f"{self.path}: {e}") from e
        except duckdb.Error as e:
            self._con.close()
            raise self._error("migrate", e) from e

    # -- lifecycle ---------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent); later calls raise StoreError."""
        self._con.close()

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw connection, for analytics and exports that run their own parametrised SQL."""
        return self._con

    # -- writing -----------------------------------------------------------------------------------

    @staticmethod
    def content_hash(doc: Document, coder_version: str) -> str:
        """sha256 of the text, the publication date and the coder version (a new coder re-codes)."""
        h = hashlib.sha256()
        published = doc.published.isoformat() if doc.published else ""
        for part in (doc.text, published, coder_version):
            data = part.encode("utf-8")
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
        return h.hexdigest()

    def is_current(self, doc_id: str, content_hash: str) -> bool:
        """True when ``doc_id`` is stored with this hash and did not fail (failures are retried)."""
        row = self._fetch(
            "check",
            "SELECT count(*) FROM documents "
            "WHERE doc_id = ? AND content_hash = ? AND status <> 'failed'",
            [doc_id, content_hash],
        )
        return bool(row and row[0][0])

    def current_doc_ids(self, hashes: Mapping[str, str]) -> set[str]:
        """The ids among ``{doc_id: content_hash}`` that :meth:`is_current` would accept."""
        if not hashes:
            return set()
        wanted = pa.table(
            [list(hashes), list(hashes.values())],
            schema=pa.schema([("doc_id", pa.string()), ("content_hash", pa.string())]),
        )
        with self._registered("_heron_wanted", wanted):
            found = self._fetch(
                "check",
                "SELECT d.doc_id FROM documents d JOIN _heron_wanted w "
                "ON d.doc_id = w.doc_id AND d.content_hash = w.content_hash "
                "WHERE d.status <> 'failed' "
                "UNION SELECT c.doc_id FROM document_copies c JOIN _heron_wanted w "
                "ON c.doc_id = w.doc_id AND c.content_hash = w.content_hash",
            )
        return {str(r[0]) for r in found}

    def stored_origins(self, ids: Sequence[str]) -> dict[str, str]:
        """``{doc_id: origin}`` of the documents among ``ids`` stored with an origin."""
        if not ids:
            return {}
        found = self._fetch(
            "check",
            "SELECT doc_id, origin FROM documents "
            "WHERE doc_id IN (SELECT unnest(?::TEXT[])) AND origin IS NOT NULL",
            [list(ids)],
        )
        return {str(r[0]): str(r[1]) for r in found}

    def write_result(
        self, result: DocResult, *, content_hash: str, coder: str | None = None
    ) -> None:
        """Replace one document (its row, events, actors, failure) in one transaction.

        ``coder`` is recorded on the document row; by default the first event's ``coder``.
        """
        self.write_results([(result, content_hash)], coder=coder)

    def write_results(
        self, items: Iterable[tuple[DocResult, str]], *, coder: str | None = None
    ) -> int:
        """Replace many documents, given as ``(result, content_hash)``, in one transaction.

        The fast path for ingest: DuckDB pays per statement, so a batch of a few hundred
        documents writes tens of times faster than as many :meth:`write_result` calls. The batch
        is atomic: an interruption loses the whole batch, never part of a document. A ``doc_id``
        given twice keeps its last result. Returns the number of documents written.
        """
        now = _now()
        latest: dict[str, tuple[rows.DocumentRow, tuple[EventRecord, ...]]] = {}
        for result, content_hash in items:
            _check_events(result)
            row = rows.document_row(result, content_hash, now, coder)
            latest.pop(row.doc_id, None)
            latest[row.doc_id] = (row, result.events)
        doc_rows = [row for row, _ in latest.values()]
        events = [e for _, evs in latest.values() for e in evs]
        self._replace(doc_rows, events)
        return len(doc_rows)

    def write_tables(self, documents: pa.Table, events: pa.Table, actors: pa.Table) -> int:
        """Replace the documents of ``documents`` with these rows, their events and actors, in
        one transaction, as :meth:`write_results` does; the tables have the columns of
        :mod:`heron.store.rows` (what a Dask worker writes as Parquet, heron.scale.dask).
        Returns the number of documents written."""
        try:
            documents = documents.select(rows.DOCUMENTS.names).cast(rows.DOCUMENTS)
            events = events.select(rows.EVENTS.names).cast(rows.EVENTS)
            actors = actors.select(rows.ACTORS.names).cast(rows.ACTORS)
        except (KeyError, pa.ArrowInvalid, pa.ArrowNotImplementedError) as e:
            raise StoreError(
                f"cannot write to the store {self.path}: the tables given are not shaped like "
                f"its own ({e}); were they written by another version of Heron?"
            ) from e
        ids = [str(i) for i in documents.column("doc_id").to_pylist()]
        if not ids:
            return 0
        with self._transaction(f"write {len(ids)} documents ({ids[0]} …)"):
            self._forget(ids)
            self._insert("documents", documents)
            self._insert("failures", rows.failures_of(documents))
            self._insert("events", events)
            self._insert("actors", actors)
        return len(ids)

    def write_read_failure(self, failure: ReadFailure) -> bool:
        """Record an unreadable input: a 'failed' document row plus a failures row.

        A failure never replaces a document stored as coded or without events (the coded text
        stays what the store holds), nor the same failure stored before, so writing it again is a
        no-op. Returns whether anything was written."""
        found = self._fetch(
            "check",
            "SELECT status, error FROM documents WHERE doc_id = ? "
            "UNION ALL SELECT 'copy', NULL FROM document_copies WHERE doc_id = ?",
            [failure.id, failure.id],
        )
        if found and (found[0][0] != "failed" or found[0][1] == failure.reason):
            return False
        self._replace([rows.read_failure_row(failure, _now())], [])
        return True

    def _replace(self, doc_rows: list[rows.DocumentRow], events: list[EventRecord]) -> None:
        if not doc_rows:
            return
        ids = [r.doc_id for r in doc_rows]
        label = ids[0] if len(ids) == 1 else f"{len(ids)} documents ({ids[0]} …)"
        with self._transaction(f"write {label}"):
            self._forget(ids)
            self._insert("documents", rows.documents_table(doc_rows))
            self._insert("failures", rows.failures_table(doc_rows))
            if events:
                self._insert("events", rows.events_table(events))
                self._insert("actors", rows.actors_table(events))

    def _forget(self, ids: list[str]) -> None:
        """Inside a transaction: remove what the store holds for documents ``ids`` — their row,
        events, actors, failures, fingerprint, copy row — and take their events out of their
        clusters, which are marked dirty for the next clustering pass to summarise again."""
        con = self._con
        con.execute("DELETE FROM document_copies WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [ids])
        con.execute(
            "DELETE FROM document_fingerprints WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [ids]
        )
        old = con.execute(
            "DELETE FROM documents WHERE doc_id IN (SELECT unnest(?::TEXT[])) RETURNING doc_id",
            [ids],
        ).fetchall()
        if not old:
            return
        old_ids = [str(r[0]) for r in old]
        con.execute(
            "UPDATE clusters SET dirty = true WHERE cluster_id IN (SELECT cluster_id "
            "FROM cluster_members WHERE doc_id IN (SELECT unnest(?::TEXT[])))",
            [old_ids],
        )
        con.execute(
            "DELETE FROM cluster_members WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [old_ids]
        )
        con.execute(
            "DELETE FROM actors WHERE event_id IN (SELECT event_id FROM events "
            "WHERE doc_id IN (SELECT unnest(?::TEXT[])))",
            [old_ids],
        )
        con.execute("DELETE FROM events WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [old_ids])
        con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::TEXT[]))", [old_ids])

    def write_copies(self, copies: Sequence[CopyRow]) -> int:
        """Record documents as copies of canonical documents, in one transaction.

        A document stored before under the same id (coded, or a copy of another) is replaced:
        its events leave their clusters. Returns the number of copies written.
        """
        latest = {c.doc_id: c for c in copies}
        if not latest:
            return 0
        ids = list(latest)
        with self._transaction(f"write copies ({ids[0]} …)"):
            self._forget(ids)
            # the canonical documents' clusters gain documents and sources: summarise them again
            self._con.execute(
                "UPDATE clusters SET dirty = true WHERE cluster_id IN (SELECT cluster_id "
                "FROM cluster_members WHERE doc_id IN (SELECT unnest(?::TEXT[])))",
                [sorted({c.canonical_id for c in latest.values()})],
            )
            self._insert("document_copies", rows.copies_table(list(latest.values()), _now()))
        return len(latest)

    def write_fingerprints(self, fingerprints: Sequence[FingerprintRow]) -> int:
        """Store the fingerprints of coded documents (replacing earlier ones of the same ids)."""
        latest = {f.doc_id: f for f in fingerprints}
        if not latest:
            return 0
        with self._transaction("write fingerprints"):
            self._con.execute(
                "DELETE FROM document_fingerprints WHERE doc_id IN (SELECT unnest(?::TEXT[]))",
                [list(latest)],
            )
            self._insert("document_fingerprints", rows.fingerprints_table(list(latest.values())))
        return len(latest)

    def _insert(self, table: str, data: pa.Table) -> None:
        if data.num_rows == 0:
            return
        name = f"_heron_{table}"
        with self._registered(name, data):
            # table and view names are fixed identifiers from this module, never user input
            self._con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")

    # -- reading -----------------------------------------------------------------------------------

    def query_events(
        self, criteria: EventFilter | None = None, /, **by: Any
    ) -> list[dict[str, Any]]:
        """Events as contract dicts, ordered by date (undated last), document and sentence.
        ``criteria`` is an :class:`EventFilter`; its fields may also be given as keywords."""
        f = EventFilter.of(criteria, by)
        where: list[str] = []
        params: list[Any] = []
        f.clauses(where, params)
        sql = "SELECT e.record::VARCHAR FROM events e" + _where(where) + " " + _ORDER
        sql += _limit(params, f.limit)
        return [json.loads(r[0]) for r in self._fetch("query events from", sql, params)]

    def query_dyads(
        self, criteria: EventFilter | None = None, /, **by: Any
    ) -> list[dict[str, Any]]:
        """Rows of the ``dyads`` view: one per event × actor × recipient, as column → value dicts.

        An event without recipients (or actors) gives rows with that side ``None``; see the view
        in :mod:`heron.store.migrations`. ``actor``/``recipient`` match that side's country or
        full code; the other criteria are those of :meth:`query_events`. Ordered like
        :meth:`query_events`, then by actor and recipient position.
        """
        f = EventFilter.of(criteria, by)
        where: list[str] = []
        params: list[Any] = []
        f.dyad_clauses(where, params)
        f.event_clauses(where, params)
        sql = "SELECT * FROM dyads e" + _where(where) + " " + _DYAD_ORDER + _limit(params, f.limit)
        try:
            cursor = self._con.execute(sql, params)
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        except duckdb.Error as e:
            raise self._error("query dyads from", e) from e

    def counts(self) -> dict[str, int]:
        """Documents in total and by status, events, actors, failures, copies of documents (not
        coded again) and event clusters."""
        by_status = dict.fromkeys(_STATUSES, 0)
        for status, n in self._fetch(
            "count", "SELECT status, count(*) FROM documents GROUP BY status"
        ):
            by_status[str(status)] = int(n)
        totals = self._fetch(
            "count",
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM actors), "
            "(SELECT count(*) FROM failures), (SELECT count(*) FROM document_copies), "
            "(SELECT count(*) FROM clusters)",
        )[0]
        return {
            "documents": sum(by_status.values()),
            **by_status,
            "events": int(totals[0]),
            "actors": int(totals[1]),
            "failures": int(totals[2]),
            "copies": int(totals[3]),
            "clusters": int(totals[4]),
        }

    def schema_version(self) -> int:
        """How many migrations this store has applied."""
        try:
            return len(migrations.applied(self._con))
        except duckdb.Error as e:
            raise self._error("read the schema of", e) from e

    # -- plumbing ----------------------------------------------------------------------------------

    def _fetch(self, action: str, sql: str, params: list[Any] | None = None) -> list[Any]:
        try:
            return self._con.execute(sql, params or []).fetchall()
        except duckdb.Error as e:
            raise self._error(action, e) from e

    def transaction(self, action: str) -> AbstractContextManager[None]:
        """A transaction for analytics that write their own tables: committed when the block
        ends, rolled back when it raises; a DuckDB error becomes a StoreError saying ``action``
        ("write clusters to") and the store's path."""
        return self._transaction(action)

    @contextmanager
    def _transaction(self, action: str) -> Iterator[None]:
        try:
            self._con.begin()
        except duckdb.Error as e:
            raise self._error(action, e) from e
        try:
            yield
            self._con.commit()
        except BaseException as e:
            with suppress(duckdb.Error):  # already gone, e.g. when the commit itself failed
                self._con.rollback()
            if isinstance(e, duckdb.Error):
                raise self._error(action, e) from e
            raise

    @contextmanager
    def _registered(self, name: str, data: pa.Table) -> Iterator[None]:
        self._con.register(name, data)
        try:
            yield
        except BaseException:
            # an aborted transaction refuses unregister until rolled back; the next
            # register of the same name replaces the view anyway
            with suppress(duckdb.Error):
                self._con.unregister(name)
            raise
        self._con.unregister(name)

    def _error(self, action: str, e: duckdb.Error) -> StoreError:
        if isinstance(e, duckdb.ConnectionException) and "closed" in str(e).lower():
            return StoreError(f"cannot {action} the store {self.path}: it is closed; open it again")
        if isinstance(e, duckdb.ConstraintException):
            return StoreError(
                f"cannot {action} in the store {self.path}: {e}. Event ids must be unique "
                "across documents; this is a bug in the coder, please report it"
            )
        return StoreError(
            f"cannot {action} the store {self.path}: {e}. If the file is damaged, move it "
            "away and ingest again, or use another --db"
        )


def _connect(path: str, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as e:
        raise StoreError(_open_message(path, e, read_only=read_only)) from e


def _open_message(path: str, e: duckdb.Error, *, read_only: bool) -> str:
    text = str(e)
    lower = text.lower()
    p = Path(path)
    if "lock" in lower:
        holder = re.search(r"held in (?P<prog>\S+) \(PID (?P<pid>\d+)\)", text)
        who = (
            f"process {holder['pid']} ({Path(holder['prog']).name})"
            if holder
            else "another process"
        )
        return (
            f"cannot open the store {path}: {who} is writing to it (a running `heron ingest`?); "
            "wait for it to finish, stop it, or use another --db"
        )
    if p.is_dir():
        return f"cannot open the store {path}: it is a folder; give --db a file name"
    if not p.parent.is_dir():
        return (
            f"cannot open the store {path}: the folder {p.parent} does not exist; "
            "create it or use another --db"
        )
    if read_only and not p.exists():
        return f"cannot open the store {path}: no such file; run `heron ingest` to create it"
    if "not a valid duckdb" in lower:
        return (
            f"cannot open the store {path}: the file is not a DuckDB database; "
            "use another --db (Heron creates a new file when it does not exist)"
        )
    return f"cannot open the store {path}: {text}. Check the path and its permissions"


def _where(clauses: list[str]) -> str:
    return " WHERE " + " AND ".join(clauses) if clauses else ""


def _limit(params: list[Any], limit: int | None) -> str:
    if limit is None:
        return ""
    if limit < 0:
        raise ValueError(f"limit must be >= 0 or None, not {limit}")
    params.append(limit)
    return " LIMIT ?"


def _check_events(result: DocResult) -> None:
    for event in result.events:
        if event.doc_id != result.doc.id:
            raise StoreError(
                f"event {event.event_id} claims document {event.doc_id!r} but came in the result "
                f"for {result.doc.id!r}; this is a bug in the coder, please report it"
            )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
