"""The DuckDB event store: documents, events, their actors, dyads, failures (see :class:`Store`)."""

from heron.store.db import Store
from heron.store.filters import EventFilter
from heron.store.queries import query_events, store_counts

__all__ = ["EventFilter", "Store", "query_events", "store_counts"]
