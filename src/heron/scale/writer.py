"""The one writer of an ingest: which inputs need coding, and the batched writes of what was coded.

However many processes or machines code, one :class:`IngestWriter` decides what to code (not
stored unchanged, not a copy of a stored document) and writes the results to the store, in
input order, a batch per transaction. `heron ingest` (:func:`heron.batch.ingest_paths`) feeds it
from one process or a pool of workers; the Dask runner (:mod:`heron.scale.dask`) uses its
planning half and loads the workers' Parquet through the same store calls.

Ctrl-C: a batch is written whole or not at all, and the interrupt waits until it is
(:func:`deferred_interrupt`); what was coded before it is written, and the ingest raises
:class:`IngestInterrupted` with the summary of what was kept.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from heron.records import DocResult, Document, ReadFailure

if TYPE_CHECKING:
    from heron.analytics.dedup import DuplicateIndex, Fingerprint
    from heron.settings import Settings
    from heron.store.db import Store
    from heron.store.rows import CopyRow

BATCH = 64  # documents per write: one transaction, and what an interruption may cost at most

#: called with (input records done, sentences coded) since the last call
Progress = Callable[[int, int], None]


@dataclass
class IngestSummary:
    """What one ingest did: input records seen, skipped as already stored, true duplicates,
    coded, failed; events. Every record is counted once: ``documents == skipped + duplicates +
    ignored + copies + coded + no_event + failed`` (less those not reached when ``interrupted``).
    ``notes`` names the duplicates and ignored files, ``warnings`` the documents read with a
    caveat (bad bytes), both as (id, message)."""

    documents: int = 0
    skipped: int = 0  # already in the store with the same content
    duplicates: int = 0  # the same id, text and date as an earlier record of this run
    ignored: int = 0  # files of other types in a folder walked (named in ``notes``)
    undated: int = 0  # coded without a publication date: events dated only from the text
    coded: int = 0
    no_event: int = 0
    failed: int = 0
    events: int = 0
    sentences: int = 0
    copies: int = 0  # copies of other documents: kept, not coded (heron.analytics.dedup)
    clusters_founded: int = 0  # event clusters the new events founded …
    clusters_joined: int = 0  # … and events that joined a cluster
    interrupted: bool = False  # stopped by Ctrl-C: what is counted here was written
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed (the CLI's exit code is 1 otherwise)."""
        return self.failed == 0

    @property
    def kept(self) -> int:
        """Documents now in the store from this run: coded, without events, or failed."""
        return self.coded + self.no_event + self.failed


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped an ingest; everything coded before it was written. ``summary`` says what
    (``summary.interrupted`` is set). Running the same ingest again goes on where it stopped."""

    def __init__(self, summary: IngestSummary) -> None:
        super().__init__("ingest interrupted")
        self.summary = summary


@contextmanager
def deferred_interrupt() -> Iterator[None]:
    """Hold Ctrl-C until the block ends (a write is never cut in half), then raise it.
    Only the main thread receives signals; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)


class IngestWriter:
    """One ingest run against ``store``: which inputs need coding (:meth:`pending`), copies
    of stored documents, the summary, and the batch writes (:meth:`add`, :meth:`finish`:
    results, fingerprints, copies, then clustering). ``fingerprint`` is the coder's
    (:func:`heron.pipeline.fingerprint`): a document stored under another is coded again."""

    def __init__(
        self,
        store: Store,
        fingerprint: str,
        settings: Settings,
        progress: Progress | None = None,
    ) -> None:
        self.store, self.fingerprint, self.settings = store, fingerprint, settings
        self.progress = progress
        self.summary = IngestSummary()
        self.hashes: dict[str, str] = {}
        self.prints: dict[str, Fingerprint] = {}
        self.copies: list[CopyRow] = []
        self.index: DuplicateIndex | None = None
        self.buffer: list[tuple[DocResult, str]] = []

    def tick(self, sentences: int = 0) -> None:
        if self.progress:
            self.progress(1, sentences)

    # -- planning ----------------------------------------------------------------------------------

    def pending(self, docs: Iterable[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
        """The inputs to code: not stored unchanged, not a copy of a stored document."""
        for batch in batches(docs, 256):
            wanted, current = self._current(batch)
            renamed = _keep_namesakes(self.store, batch, current)
            if renamed is not batch:
                batch = renamed
                wanted, current = self._current(batch)
            for item in batch:
                self.summary.documents += 1
                if isinstance(item, Document) and item.id in current:
                    self.summary.skipped += 1
                    self.tick()
                    continue
                if isinstance(item, Document):
                    self.hashes[item.id] = wanted[item.id]
                    if self._is_copy(item):
                        self.tick()
                        continue
                yield item

    def _current(self, batch: list[Document | ReadFailure]) -> tuple[dict[str, str], set[str]]:
        from heron.store.db import Store

        docs = [d for d in batch if isinstance(d, Document)]
        wanted = {d.id: Store.content_hash(d, coder_version=self.fingerprint) for d in docs}
        return wanted, self.store.current_doc_ids(wanted)

    def _is_copy(self, doc: Document) -> bool:
        from heron.analytics.dedup import DuplicateIndex, fingerprint
        from heron.store.rows import CopyRow

        if not self.settings.dedup:
            return False
        if self.index is None:  # read the stored fingerprints once, when a document needs them
            self.index = DuplicateIndex.from_store(self.store, self.settings.dedup_threshold)
        fp = fingerprint(doc.id, doc.text)
        found = self.index.match(fp)
        if found is None:
            self.index.add(fp)
            self.prints[doc.id] = fp
            return False
        self.copies.append(
            CopyRow(
                doc_id=doc.id,
                canonical_id=found.canonical_id,
                method=found.method,
                similarity=found.similarity,
                content_hash=self.hashes.pop(doc.id),
                published=doc.published,
                title=doc.title,
                url=doc.url,
                source=doc.source,
                origin=doc.origin,
            )
        )
        self.summary.copies += 1
        return True

    # -- writing -----------------------------------------------------------------------------------

    def add(self, result: DocResult | ReadFailure) -> None:
        """Count one outcome, in input order; a read failure is written at once, a coded
        document joins the batch, which is written when full. Ctrl-C waits for both."""
        with deferred_interrupt():
            if self.record(result) and len(self.buffer) >= BATCH:
                self.flush()
            self.tick(result.sentences if isinstance(result, DocResult) else 0)

    def finish(self) -> IngestSummary:
        """Write what is left of the batch (Ctrl-C waits for it); the summary."""
        with deferred_interrupt():
            self.flush()
        return self.summary

    def record(self, result: DocResult | ReadFailure) -> bool:
        """Count one outcome; a read failure is written at once, a coded document joins the
        batch. True when the batch grew."""
        summary = self.summary
        if isinstance(result, ReadFailure) and not result.failed:
            summary.duplicates += result.duplicate_of is not None
            summary.ignored += result.ignored
            summary.notes.append((result.id, result.reason))
            return False
        if isinstance(result, ReadFailure):
            self.store.write_read_failure(result)
            summary.failed += 1
            summary.failures.append((result.id, result.reason))
            return False
        self.buffer.append((result, self.hashes.pop(result.doc.id)))
        self.count(result.doc, result.status, len(result.events), result.error)
        summary.sentences += result.sentences
        return True

    def count(self, doc: Document, status: str, events: int, error: str | None) -> None:
        """Count one coded document in the summary."""
        summary = self.summary
        summary.warnings.extend((doc.id, w) for w in doc.warnings)
        summary.undated += doc.published is None
        summary.events += events
        if status == "coded":
            summary.coded += 1
        elif status == "no-event":
            summary.no_event += 1
        else:
            summary.failed += 1
            summary.failures.append((doc.id, error or ""))

    def flush(self) -> None:
        """Write one batch: results, the fingerprints of what was coded, copies; then cluster."""
        from heron.analytics.clustering import update_clusters

        buffer, self.buffer = self.buffer, []
        self.store.write_results(buffer, coder=self.fingerprint)
        kept = {r.doc.id for r, _h in buffer if r.status != "failed"}
        coded = [self.prints.pop(r.doc.id) for r, _h in buffer if r.doc.id in self.prints]
        self.store.write_fingerprints([fp.row() for fp in coded if fp.doc_id in kept])
        self.store.write_copies(self.copies)
        self.copies.clear()
        done = update_clusters(self.store, settings=self.settings)
        self.summary.clusters_founded += done.founded
        self.summary.clusters_joined += done.joined


def _keep_namesakes(
    store: Any, batch: list[Document | ReadFailure], current: set[str]
) -> list[Document | ReadFailure]:
    """A file whose id is its name (``story.txt``) and that is stored already from another file
    of that name (``a/story.txt`` then ``b/story.txt``, in two runs) with another text keeps
    both: the newcomer is ``story.txt#<hash>``, as within one run (heron.ingest.readers).
    Returns ``batch`` itself when nothing was renamed."""
    from heron.ingest.readers import content_key

    named = {
        d.id: d
        for d in batch
        if isinstance(d, Document)
        and d.origin
        and d.id not in current
        and "#" not in d.id
        and Path(d.origin).as_posix().endswith(d.id)
    }
    stored = store.stored_origins(list(named))
    if not stored:
        return batch
    out: list[Document | ReadFailure] = []
    for item in batch:
        origin = stored.get(item.id) if isinstance(item, Document) and item.id in named else None
        if (
            isinstance(item, Document)
            and origin
            and item.origin
            and Path(origin).resolve() != Path(item.origin).resolve()
        ):
            item = replace(item, id=f"{item.id}#{content_key(item.text, item.published)[:12]}")
        out.append(item)
    return out


def batches(
    items: Iterable[Document | ReadFailure], n: int
) -> Iterator[list[Document | ReadFailure]]:
    """``items`` in lists of ``n`` (the last one shorter)."""
    buf: list[Document | ReadFailure] = []
    for item in items:
        buf.append(item)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf
