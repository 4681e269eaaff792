"""Queries on a store named by its path, for callers that do not hold a :class:`Store` open."""

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
    with Store(db) as store:
        return store.query_events(criteria)


def store_counts(db: str | Path) -> dict[str, int] | None:
    """The store's counts (see :meth:`Store.counts`), or None when ``db`` does not exist yet."""
    if not Path(db).exists():
        return None
    with Store(db) as store:
        return store.counts()
