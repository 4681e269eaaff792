"""`heron ingest --dask`: code partitions of the input on a Dask cluster, into Parquet, then
load the store once.

1. **Plan** (here, on the machine that runs the command): the input is read in order and cut
   into partitions of ``partition_size`` records. Each partition is named after its index and a
   digest of its records and the coder (``part-00003-1f0c…``). The ingest's own planning
   (:class:`heron.scale.writer.IngestWriter`) decides what in it needs coding: documents stored
   unchanged are skipped, copies of other documents are kept as copies, exactly as a plain
   ingest decides.
2. **Code** (on the workers): each partition is coded by a worker's own :class:`Coder` and
   written as one folder of Parquet files shaped like the store's tables
   (:mod:`heron.store.rows`, derived from :mod:`heron.schema`): ``documents.parquet`` (every
   record: coded, no-event, or failed with its reason), ``events.parquet``, ``actors.parquet``,
   ``copies.parquet`` and ``fingerprints.parquet``. The folder is written under a temporary name
   and renamed when whole, so a partition folder that exists is complete: a run started again
   skips it (resumable).
3. **Load** (here): the partitions are written into the store in input order through the
   store's own calls (:meth:`Store.write_tables`, …), so ids, replacement and dedup are those
   of a plain ingest; then the event clusters are brought up to date once. With
   ``load=False`` the Parquet stays for a data lake and the store is not touched.

With no address a :class:`distributed.LocalCluster` of worker processes is started on this
machine. Every machine of a real cluster needs the same Heron version and the same paths to
the Parquet folder (shared storage); the input is read here and sent to the workers.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from heron.errors import ClusterError, InputError
from heron.ingest.readers import iter_documents
from heron.pipeline import Coder, fingerprint
from heron.records import DocResult, Document, ReadFailure
from heron.scale.workers import resolve_workers
from heron.scale.writer import IngestInterrupted, IngestSummary, IngestWriter, Progress, batches
from heron.settings import Settings
from heron.store.db import Store

if TYPE_CHECKING:
    import pyarrow as pa
    from distributed import Client, Future, LocalCluster

    from heron.store.rows import CopyRow, FingerprintRow

DEFAULT_PARTITION = 256  # input records per partition: ~1 minute of one worker's time
TABLES = ("documents", "events", "actors", "copies", "fingerprints")
CONNECT_TIMEOUT = "20s"  # to reach a scheduler
WORKER_WAIT = 120  # seconds to wait for a scheduler's first worker
IN_FLIGHT_PER_WORKER = 2  # partitions out per worker thread: one coding, one queued

_ADDRESS = re.compile(r"^[\w.\-\[\]:]+:\d+$")  # host:port, [::1]:8786


def parse_target(target: str) -> str | None:
    """``--dask``'s value: None for ``local`` (a LocalCluster here), else a scheduler address
    (``tcp://host:8786``, ``host:8786``, ``tls://…``)."""
    value = target.strip()
    if value.lower() == "local":
        return None
    if "://" in value or _ADDRESS.match(value):
        return value
    raise InputError(
        f"--dask takes `local` or a Dask scheduler's address such as tcp://10.0.0.5:8786, "
        f"not {target!r} (inputs go before --dask or after its value)"
    )


@dataclass(frozen=True)
class Partition:
    """One partition of the input: what its worker codes and writes."""

    index: int
    key: str  # digest of its input records, the coder and the dedup settings
    items: tuple[Document | ReadFailure, ...]  # to code, and read failures to keep as rows
    hashes: dict[str, str]  # doc id → content hash (Store.content_hash)
    copies: tuple[CopyRow, ...] = ()
    prints: tuple[FingerprintRow, ...] = ()

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.key[:12]}"

    @property
    def empty(self) -> bool:
        return not (self.items or self.copies)


@dataclass
class PartStats:
    """What one written partition holds, counted from its documents table."""

    records: int = 0
    sentences: int = 0
    coded: int = 0
    no_event: int = 0
    failed: int = 0
    events: int = 0
    undated: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def ingest_dask(
    paths: Sequence[str | Path],
    *,
    db: Path | None = None,
    address: str | None = None,
    workers: int | None = None,
    parquet_dir: Path | None = None,
    keep_parquet: bool = False,
    load: bool = True,
    partition_size: int = DEFAULT_PARTITION,
    published: date | None = None,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Code ``paths`` on a Dask cluster and load the result into the store ``db`` (default:
    the ``db`` setting) — see the module docstring. ``address`` names a running scheduler;
    None starts a LocalCluster of ``workers`` processes (default: the ``workers`` setting,
    else the cores available). Workers write Parquet under ``parquet_dir`` (default:
    ``<db>.parts``), removed after loading unless ``keep_parquet``; ``load=False`` writes the
    Parquet only (every input record in it; the store is neither read nor written).
    Ctrl-C keeps the partitions written and raises
    :class:`~heron.scale.writer.IngestInterrupted`."""
    settings = settings or Settings.load()
    db = settings.db if db is None else Path(db)
    out = Path(parquet_dir) if parquet_dir is not None else Path(f"{db}.parts")
    if partition_size < 1:
        raise InputError(f"the partition size must be 1 or more, not {partition_size}")
    out.mkdir(parents=True, exist_ok=True)
    with Store(db if load else ":memory:") as store:
        run = IngestWriter(store, fingerprint(settings), settings, progress)
        docs = iter_documents(paths, published=published, stdin=stdin)
        plan = _plan(run, docs, partition_size)
        n = resolve_workers(workers, settings)
        with _client(address, n) as client:
            try:
                written = _code(client, plan, out, settings, run)
            except KeyboardInterrupt as e:
                run.summary.interrupted = True
                raise IngestInterrupted(run.summary) from e
        if load:
            _load(run, [out / name for name in written])
            if not keep_parquet:
                _remove(out, written)
    return run.summary


# -- 1. plan ---------------------------------------------------------------------------------------


def _plan(
    run: IngestWriter, items: Iterable[Document | ReadFailure], size: int
) -> Iterator[Partition]:
    """Partitions of ``size`` input records, in input order, each with what needs coding."""
    for index, raw in enumerate(batches(items, size)):
        key = _digest(raw, run)
        todo: list[Document | ReadFailure] = []
        for item in run.pending(raw):
            if isinstance(item, ReadFailure) and not item.failed:
                run.record(item)  # a duplicate or an ignored file: a note, not a row
                run.tick()
            else:
                todo.append(item)
        docs = [d.id for d in todo if isinstance(d, Document)]
        prints = tuple(run.prints.pop(i).row() for i in docs if i in run.prints)
        yield Partition(
            index,
            key,
            tuple(todo),
            {i: run.hashes.pop(i) for i in docs},
            tuple(run.copies),
            prints,
        )
        run.copies.clear()


def _digest(raw: list[Document | ReadFailure], run: IngestWriter) -> str:
    h = hashlib.sha256()
    s = run.settings
    h.update(f"{run.fingerprint}|{s.dedup}|{s.dedup_threshold}".encode())
    for item in raw:
        if isinstance(item, Document):
            h.update(f"\x00{item.id}\x00{item.origin}\x00".encode())
            h.update(Store.content_hash(item, coder_version=run.fingerprint).encode())
        else:
            h.update(f"\x01{item.id}\x00{item.reason}".encode())
    return h.hexdigest()


# -- 2. code ---------------------------------------------------------------------------------------


# Dask's defaults for the worker processes it starts, that cost a coder time: glibc told to
# give memory back at every 64 KB free (MALLOC_TRIM_THRESHOLD_, which also switches off
# glibc's own adaptive thresholds: spaCy's many short-lived arrays then go to the kernel and
# back, ~14 % of a worker's time measured here) and the statistical profiler sampling every
# thread's stack each 10 ms (~5 %). A worker's memory stays flat without them (its peak is
# one partition's parse).
WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


@contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A LocalCluster of ``workers`` single-threaded worker processes set up for coding
    (:data:`WORKER_CONFIG`), no dashboard, quiet logs."""
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set(WORKER_CONFIG),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
    ):
        yield cluster


@contextmanager
def _client(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a LocalCluster of ``workers``
    single-threaded processes; a scheduler that cannot be reached is a ClusterError."""
    from distributed import Client

    if address is None:
        with local_cluster(workers) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as e:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({e}): start one with `dask "
            "scheduler` and workers with `dask worker ADDRESS`, check the address and the "
            "firewall, or use --dask local (docs/SCALE.md)"
        ) from e
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except TimeoutError as e:
            raise ClusterError(
                f"the Dask scheduler at {address} has no workers after {WORKER_WAIT} s: start "
                f"some with `dask worker {address} --nthreads 1` (docs/SCALE.md)"
            ) from e
        yield client


def _code(
    client: Client, plan: Iterator[Partition], out: Path, settings: Settings, run: IngestWriter
) -> list[str]:
    """Send the partitions not written yet to the workers, a few at a time; the names of the
    partitions written, in input order. Partitions that failed are named in a ClusterError
    after the others are done."""
    from distributed import as_completed

    running = as_completed()
    names: list[str] = []
    errors: list[str] = []
    futures: dict[str, Future] = {}
    try:
        for part in plan:
            if part.empty:
                continue
            names.append(part.name)
            if (out / part.name).is_dir():  # written by an earlier run: resumed
                _count(run, part_stats(out / part.name))
                continue
            future = client.submit(
                _code_partition, part, str(out), settings, key=f"heron-{part.name}", pure=False
            )
            futures[part.name] = future
            running.add(future)
            while running.count() >= _room(client):
                _collect(next(running), run, errors)
        for future in running:
            _collect(future, run, errors)
    except BaseException:
        client.cancel(list(futures.values()), force=True)
        raise
    if errors:
        raise ClusterError(
            f"{len(errors)} partition(s) failed on the cluster; the others are written and "
            "kept: run the same command again to retry these:\n  " + "\n  ".join(errors[:20])
        )
    return names


def _room(client: Client) -> int:
    """Partitions to keep out: a few per worker thread (asked each time: clusters grow)."""
    return IN_FLIGHT_PER_WORKER * max(1, sum(client.nthreads().values()))


def _collect(future: Future, run: IngestWriter, errors: list[str]) -> None:
    if future.status == "error":
        errors.append(f"{future.key}: {future.exception()}")
        return
    _count(run, future.result())


def _count(run: IngestWriter, stats: PartStats) -> None:
    s = run.summary
    s.coded += stats.coded
    s.no_event += stats.no_event
    s.failed += stats.failed
    s.events += stats.events
    s.sentences += stats.sentences
    s.undated += stats.undated
    s.failures.extend(stats.failures)
    if run.progress:
        run.progress(stats.records, stats.sentences)


# -- on a worker -----------------------------------------------------------------------------------

_CODERS = threading.local()


def _worker_coder(settings: Settings) -> Coder:
    """This worker thread's coder for ``settings``, loaded once."""
    key = settings.model_dump_json()
    cached: tuple[str, Coder] | None = getattr(_CODERS, "coder", None)
    if cached is None or cached[0] != key:
        cached = (key, Coder(settings))
        _CODERS.coder = cached
    return cached[1]


def _code_partition(part: Partition, out: str, settings: Settings) -> PartStats:
    """Code one partition and write its folder of Parquet files (whole, or not at all)."""
    import pyarrow.parquet as pq

    final = Path(out) / part.name
    if final.is_dir():
        return part_stats(final)
    coder = _worker_coder(settings)
    docs = [d for d in part.items if isinstance(d, Document)]
    results = iter(coder.code_documents(docs))
    coded = [next(results) if isinstance(i, Document) else i for i in part.items]
    tables = _tables(part, coded, coder.fingerprint)
    tmp = Path(out) / f".{part.name}.{uuid.uuid4().hex[:8]}.tmp"
    tmp.mkdir(parents=True)
    for name, table in tables.items():
        pq.write_table(table, tmp / f"{name}.parquet", compression="zstd")
    try:
        os.rename(tmp, final)
    except OSError:  # written meanwhile by another try of the same task: keep that one
        shutil.rmtree(tmp, ignore_errors=True)
    return part_stats(final)


def _tables(
    part: Partition, coded: list[DocResult | ReadFailure], coder: str
) -> dict[str, pa.Table]:
    from heron.store import rows

    now = datetime.now(UTC).replace(tzinfo=None)
    doc_rows = [
        rows.document_row(r, part.hashes[r.doc.id], now, coder)
        if isinstance(r, DocResult)
        else rows.read_failure_row(r, now)
        for r in coded
    ]
    events = [e for r in coded if isinstance(r, DocResult) for e in r.events]
    kept = {r.doc.id for r in coded if isinstance(r, DocResult) and r.status != "failed"}
    return {
        "documents": rows.documents_table(doc_rows),
        "events": rows.events_table(events),
        "actors": rows.actors_table(events),
        "copies": rows.copies_table(part.copies, now),
        "fingerprints": rows.fingerprints_table([f for f in part.prints if f.doc_id in kept]),
    }


def part_stats(folder: Path) -> PartStats:
    """Count what a written partition holds (its documents table)."""
    import pyarrow.parquet as pq

    table = pq.read_table(folder / "documents.parquet")
    stats = PartStats(records=table.num_rows)
    for row in table.select(
        ["doc_id", "content_hash", "published", "status", "error", "n_events", "n_sentences"]
    ).to_pylist():
        stats.sentences += row["n_sentences"] or 0
        stats.events += row["n_events"] or 0
        if row["status"] == "failed":
            stats.failed += 1
            stats.failures.append((row["doc_id"], row["error"] or ""))
        elif row["status"] == "coded":
            stats.coded += 1
        else:
            stats.no_event += 1
        stats.undated += row["content_hash"] is not None and row["published"] is None
    return stats


# -- 3. load ---------------------------------------------------------------------------------------


def _load(run: IngestWriter, folders: list[Path]) -> None:
    """Write the partitions into the store in input order, then update the event clusters."""
    from heron.analytics.clustering import update_clusters

    for folder in folders:
        load_partition(run.store, folder)
    done = update_clusters(run.store, settings=run.settings)
    run.summary.clusters_founded += done.founded
    run.summary.clusters_joined += done.joined


def load_partition(store: Store, folder: Path) -> None:
    """Write one partition folder into ``store``: read failures as a plain ingest writes them
    (never over a stored document), the coded documents with their events and actors, the
    fingerprints of what was coded, and the copies."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from heron.store.rows import CopyRow, FingerprintRow

    t = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}
    docs = t["documents"]
    unread = pc.is_null(docs["content_hash"])
    for row in docs.filter(unread).to_pylist():
        store.write_read_failure(ReadFailure(row["doc_id"], row["origin"] or "", row["error"]))
    store.write_tables(docs.filter(pc.invert(unread)), t["events"], t["actors"])
    store.write_fingerprints([FingerprintRow(**r) for r in t["fingerprints"].to_pylist()])
    store.write_copies(
        [CopyRow(**{k: v for k, v in r.items() if k != "seen_at"}) for r in t["copies"].to_pylist()]
    )


def _remove(out: Path, names: Iterable[str]) -> None:
    for name in names:
        shutil.rmtree(out / name, ignore_errors=True)
    with suppress(OSError):
        out.rmdir()  # only when nothing else is left in it
