"""Coding on several cores: a pool of worker processes, each with its own :class:`Coder`.

:func:`code_in_workers` maps "code one chunk of documents" over a process pool and gives the
results back **in input order**, so the one writer downstream (the store, or the output stream
of `heron code`) sees exactly what one process would give it. Tasks are :data:`CHUNK`
documents, small so that the last tasks of a run leave no worker idle for long; the parse of a
text does not depend on the texts batched with it (nlp.py caps batches by characters), so the
events are the same as one process's (a test compares them byte for byte, and the corpus gives
the same events with 1 and 2 workers). One process codes in the coder's own larger batches.

* Each worker loads the coder once (the pool's initializer) and ignores Ctrl-C: the parent
  alone decides what to keep, and no worker prints a traceback.
* At most ``workers * 3`` chunks are out at once, so memory stays flat whatever the input size.
* Small inputs (fewer than :data:`MIN_DOCS_PER_WORKER` documents per worker) are coded in this
  process: starting workers
  costs more than it saves.
* A worker that dies (killed, out of memory) fails the documents it held, with a reason that
  says to run again; the pool is started again and the run goes on. An error that would fail
  every document (the model is not installed) is raised as it is.
* However the run ends — finished, Ctrl-C, an error, the caller stopping early — the pool is
  shut down and its processes ended; none is left behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from heron.errors import HeronError
from heron.pipeline import Coder
from heron.records import DocResult, Document, ReadFailure
from heron.settings import Settings

CHUNK = 8  # documents per task: small, so the last tasks leave no worker idle for long
MAX_DEFAULT_WORKERS = 8  # beyond this, one writer and the memory of the machine are the limit
MEMORY_PER_WORKER = 0.6 * 2**30  # bytes a worker may need: 300 MB measured at peak, doubled
IN_FLIGHT_PER_WORKER = 3  # chunks out per worker: one coding, the next ones queued
MAX_BREAKS = 3  # pools broken in a row before the run stops with an error
MIN_DOCS_PER_WORKER = 64  # below this, starting the workers costs more than they save

Item = Document | ReadFailure


def default_workers() -> int:
    """The cores this process may use, at most :data:`MAX_DEFAULT_WORKERS`, and no more than
    the machine's memory holds (:data:`MEMORY_PER_WORKER` each); at least 1."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        by_memory = int(memory // MEMORY_PER_WORKER)
    except (AttributeError, ValueError, OSError):
        by_memory = cores
    return max(1, min(cores, MAX_DEFAULT_WORKERS, by_memory))


def resolve_workers(workers: int | None, settings: Settings) -> int:
    """``workers`` when given, else the ``workers`` setting, else :func:`default_workers`."""
    n = workers if workers is not None else settings.workers
    if n is None:
        return default_workers()
    if n < 1:
        raise HeronError(f"workers must be 1 or more, not {n}")
    return n


def code_in_workers(
    docs: Iterable[Item], *, settings: Settings, workers: int
) -> Iterator[DocResult | ReadFailure]:
    """Code ``docs`` on ``workers`` processes; results (and the read failures, passed through
    in their places) come back in input order. ``workers=1`` codes in this process."""
    items = iter(docs)
    enough = workers * MIN_DOCS_PER_WORKER // CHUNK  # tasks that make a pool worth starting
    head = _take_chunks(items, enough) if workers > 1 else []
    small = workers == 1 or len(head) < enough
    chunks = chain(head, _chunks(items))
    if small:
        yield from _in_process(Coder(settings), (i for c in chunks for i in c.items))
        return
    pool = _Pool(settings, workers)
    finished = False
    try:
        yield from pool.ordered(chunks)
        finished = True
    finally:
        pool.close(wait=finished)


def _in_process(coder: Coder, items: Iterator[Item]) -> Iterator[DocResult | ReadFailure]:
    """Code in this process, in the coder's own batches, the read failures in their places."""
    pending: deque[Item] = deque()

    def documents() -> Iterator[Document]:
        for item in items:
            pending.append(item)
            if isinstance(item, Document):
                yield item

    for result in coder.code_documents(documents()):
        while not isinstance(head := pending.popleft(), Document):
            yield head  # a read failure before this result's document
        yield result
    # read failures after the last document
    yield from (item for item in pending if isinstance(item, ReadFailure))


@dataclass
class _Chunk:
    """Up to :data:`CHUNK` documents, and the read failures among them in their places."""

    items: list[Item] = field(default_factory=list)

    @property
    def docs(self) -> list[Document]:
        return [d for d in self.items if isinstance(d, Document)]

    def merge(self, results: list[DocResult]) -> Iterator[DocResult | ReadFailure]:
        coded = iter(results)
        for item in self.items:
            yield next(coded) if isinstance(item, Document) else item


def _chunks(items: Iterator[Item]) -> Iterator[_Chunk]:
    chunk = _Chunk()
    n = 0
    for item in items:
        chunk.items.append(item)
        n += isinstance(item, Document)
        if n >= CHUNK:
            yield chunk
            chunk, n = _Chunk(), 0
    if chunk.items:
        yield chunk


def _take_chunks(items: Iterator[Item], n: int) -> list[_Chunk]:
    out: list[_Chunk] = []
    for chunk in _chunks(items):
        out.append(chunk)
        if len(out) >= n:
            break
    return out


class _Pool:
    """A process pool that codes chunks and is started again when a worker dies."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings, self.workers = settings, workers
        self.breaks = 0  # pools broken in a row, with no task finished in between
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        if isinstance(ctx, multiprocessing.context.ForkServerContext):
            # the server imports spaCy and the coder's modules and loads the default model and
            # knowledge once (heron.scale.preload); each worker is forked from it with them
            # loaded, instead of importing and loading them again (two seconds of every pool)
            ctx.set_forkserver_preload(["heron.scale.preload"])
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=ctx,
            initializer=_start_worker,
            initargs=(self.settings, os.getpid()),
        )

    def ordered(self, chunks: Iterable[_Chunk]) -> Iterator[DocResult | ReadFailure]:
        """Submit chunks as room frees up; yield each chunk's results in turn."""
        out: deque[tuple[_Chunk, Future[list[DocResult]] | None]] = deque()
        todo = iter(chunks)
        room = self.workers * IN_FLIGHT_PER_WORKER
        while True:
            while len(out) < room and (chunk := next(todo, None)) is not None:
                out.append((chunk, self._submit(chunk)))
            if not out:
                return
            chunk, future = out.popleft()
            yield from chunk.merge(self._results(chunk, future, out))

    def _submit(self, chunk: _Chunk) -> Future[list[DocResult]] | None:
        docs = chunk.docs
        return self.executor.submit(_code_chunk, docs) if docs else None

    def _results(
        self,
        chunk: _Chunk,
        future: Future[list[DocResult]] | None,
        out: deque[tuple[_Chunk, Future[list[DocResult]] | None]],
    ) -> list[DocResult]:
        if future is None:
            return []
        try:
            result = future.result()
            self.breaks = 0
            return result
        except BrokenProcessPool:
            # a worker died: the chunks it may have held fail (run again to retry them); the
            # pool starts again and the chunks still waiting go out to it — unless workers die
            # before finishing anything, again and again (they cannot start at all)
            self.breaks += 1
            if self.breaks >= MAX_BREAKS:
                raise HeronError(
                    f"worker processes died {self.breaks} times in a row without coding a "
                    "document (out of memory? a broken install?): run with --workers 1 to see "
                    "the error in this process"
                ) from None
            self._restart(out)
            return _failed(chunk.docs, "a worker process died while coding it")
        except HeronError:
            raise  # a problem every document would have (no model, a broken data file)
        except Exception as e:  # a bug must cost its chunk, not the run
            return _failed(chunk.docs, f"{type(e).__name__}: {e}")

    def _restart(self, out: deque[tuple[_Chunk, Future[list[DocResult]] | None]]) -> None:
        self._stop(self.executor)
        self.executor = self._start()
        for i, (chunk, future) in enumerate(out):
            if future is not None and not _succeeded(future):
                out[i] = (chunk, self._submit(chunk))

    def close(self, *, wait: bool) -> None:
        """Shut the pool down: after its last task when ``wait``, else at once, ending its
        processes (Ctrl-C, an error, the caller stopping early)."""
        if wait:
            self.executor.shutdown(wait=True)
        else:
            self._stop(self.executor)

    @staticmethod
    def _stop(executor: ProcessPoolExecutor) -> None:
        processes: dict[int, Any] = dict(getattr(executor, "_processes", None) or {})
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            if process.is_alive():
                process.terminate()
        for process in processes.values():
            process.join(timeout=5)


def _succeeded(future: Future[list[DocResult]]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _failed(docs: list[Document], why: str) -> list[DocResult]:
    reason = f"{why}; run the same command again to code it again"
    return [DocResult(d, "failed", error=reason) for d in docs]


# -- inside a worker process -----------------------------------------------------------------------

_CODER: Coder | None = None
_START_ERROR: HeronError | None = None


def _start_worker(settings: Settings, parent: int) -> None:
    """The pool's initializer: ignore Ctrl-C (the parent handles it), end with the parent, and
    load the coder once. A Heron error is kept and raised by each task, where the parent sees
    it."""
    global _CODER, _START_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="heron-parent").start()
    try:
        _CODER = Coder(settings)
    except HeronError as e:
        _START_ERROR = e


def _watch(parent: int, every: float = 1.0) -> None:
    """End this worker when the process that started the pool is gone (killed with -9, or by
    the kernel for memory): a worker must never outlive its run holding a model in memory."""
    while True:
        time.sleep(every)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # alive, owned by someone else


def _code_chunk(docs: list[Document]) -> list[DocResult]:
    if _START_ERROR is not None:
        raise _START_ERROR
    assert _CODER is not None, "the pool's initializer loads the coder"
    return list(_CODER.code_documents(docs, chunk=CHUNK))
