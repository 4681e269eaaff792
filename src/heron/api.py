"""Library functions behind the CLI: code documents, ingest into the store, query it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from heron.ingest.readers import iter_documents
from heron.pipeline import Coder
from heron.records import DocResult, Document, EventRecord, ReadFailure
from heron.settings import Settings


def code_documents(
    docs: Iterable[Document | ReadFailure],
    *,
    settings: Settings | None = None,
    coder: Coder | None = None,
) -> Iterator[DocResult | ReadFailure]:
    """Code documents, passing read failures through so nothing is lost."""
    coder = coder or Coder(settings)

    def only_docs() -> Iterator[Document]:
        for d in docs:
            if isinstance(d, Document):
                yield d
            else:
                failures.append(d)

    failures: list[ReadFailure] = []
    for result in coder.code_documents(only_docs()):
        while failures:
            yield failures.pop(0)
        yield result
    yield from failures


def code_text(
    text: str, *, published: date | None = None, settings: Settings | None = None
) -> list[EventRecord]:
    """Code one text; the simplest way in."""
    return Coder(settings).code_text(text, published=published)


@dataclass
class IngestSummary:
    documents: int = 0
    skipped: int = 0  # already in the store with the same content
    coded: int = 0
    no_event: int = 0
    failed: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def ingest(
    paths: Sequence[str | Path],
    *,
    db: Path,
    published: date | None = None,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Code inputs into the DuckDB store; documents already stored unchanged are skipped."""
    from heron.store.db import Store

    settings = settings or Settings.from_env()
    coder = Coder(settings)
    summary = IngestSummary()
    with Store(db) as store:
        hashes: dict[str, str] = {}

        def pending() -> Iterator[Document | ReadFailure]:
            for batch in _batches(iter_documents(paths, published=published, stdin=stdin), 256):
                docs = [d for d in batch if isinstance(d, Document)]
                wanted = {
                    d.id: Store.content_hash(d, coder_version=coder.fingerprint) for d in docs
                }
                current = store.current_doc_ids(wanted)
                for item in batch:
                    summary.documents += 1
                    if isinstance(item, Document) and item.id in current:
                        summary.skipped += 1
                        if progress:
                            progress(1)
                        continue
                    if isinstance(item, Document):
                        hashes[item.id] = wanted[item.id]
                    yield item

        # documents are written in batches: each batch is one transaction, so an interrupted
        # ingest loses at most the batch in flight, which the next run codes again
        buffer: list[tuple[DocResult, str]] = []
        for result in code_documents(pending(), coder=coder):
            if isinstance(result, ReadFailure):
                store.write_read_failure(result)
                summary.failed += 1
                summary.failures.append((result.id, result.reason))
            else:
                buffer.append((result, hashes.pop(result.doc.id)))
                summary.events += len(result.events)
                if result.status == "coded":
                    summary.coded += 1
                elif result.status == "no-event":
                    summary.no_event += 1
                else:
                    summary.failed += 1
                    summary.failures.append((result.doc.id, result.error or ""))
                if len(buffer) >= 64:
                    store.write_results(buffer, coder=coder.fingerprint)
                    buffer = []
            if progress:
                progress(1)
        if buffer:
            store.write_results(buffer, coder=coder.fingerprint)
    return summary


def _batches(
    items: Iterable[Document | ReadFailure], n: int
) -> Iterator[list[Document | ReadFailure]]:
    buf: list[Document | ReadFailure] = []
    for item in items:
        buf.append(item)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf
