"""Queries on a store named by its path, for callers that do not hold a :class:`Store` open.

They open the store read-only, so any number of them run side by side; while a writer (an
ingest) holds the file, DuckDB lets no other process open it, and they fail with one line
naming the holder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heron.errors import StoreError
from heron.store.db import Store
from heron.store.filters import EventFilter


def query_events(db: str | Path, criteria: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events from the store ``db`` as contract dicts (see :meth:`Store.query_events`); a store
    that does not exist is a :class:`StoreError` saying how to create it."""
    if not Path(db).exists():
        raise StoreError(f"{db} does not exist: run `heron ingest … --db {db}` first")
    with open_for_reading(db) as store:
        return store.query_events(criteria)


def store_counts(db: str | Path) -> dict[str, int] | None:
    """The store's counts (see :meth:`Store.counts`), or None when ``db`` does not exist yet."""
    if not Path(db).exists():
        return None
    with open_for_reading(db) as store:
        return store.counts()


def open_for_reading(db: str | Path) -> Store:
    """The store ``db`` opened read-only, so readers never block each other; a store that needs
    migrating is opened for writing once (and migrated) instead."""
    try:
        return Store(db, read_only=True)
    except StoreError as e:
        if "needs migrating" not in str(e):
            raise
    return Store(db)
