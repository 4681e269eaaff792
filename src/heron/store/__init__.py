"""The DuckDB event store: documents, events, their actors, dyads, failures (see :class:`Store`)."""

from heron.store.db import Store

__all__ = ["Store"]
