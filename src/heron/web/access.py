"""The dashboard's hold on the store: read-only connections lent to one request at a time.

A DuckDB connection must not be used by two threads at once, and FastAPI runs each request in a
worker thread, so the app keeps a small pool of read-only :class:`~heron.store.Store` connections
to the same file (DuckDB shares one database instance between them) and lends each request its
own. A request that finds every connection lent waits for one; past ``wait`` seconds it is told
the server is busy (503) rather than left hanging.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from heron.errors import StoreError
from heron.store import Store


class Busy(Exception):
    """Every connection stayed lent for longer than the pool waits."""


class StorePool:
    """Up to ``size`` read-only connections to the store at ``path``, opened as needed."""

    def __init__(self, path: str | Path, *, size: int = 8, wait: float = 30.0) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise StoreError(
                f"{self.path} does not exist: make one with `make run` or "
                f"`heron ingest FILES --db {self.path}`, or pass --db PATH"
            )
        self.size = size
        self.wait = wait
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self._idle.put(self._open())  # fail now, at start-up, if the store cannot be read

    def _open(self) -> Store:
        store = Store(self.path, read_only=True)
        self._opened.append(store)
        return store

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A connection of the pool for the length of a ``with`` block."""
        store = self._take()
        try:
            yield store
        finally:
            self._idle.put(store)

    def _take(self) -> Store:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._opened) < self.size:
                return self._open()
        try:
            return self._idle.get(timeout=self.wait)
        except queue.Empty as e:
            raise Busy(f"all {self.size} connections to the store stayed busy") from e

    def close(self) -> None:
        """Close every connection (the app's shutdown)."""
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()
