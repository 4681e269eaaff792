"""Event data from coded sentences: copies of documents, event clusters, dyads over time.

The library behind ``heron clusters``, ``heron series``, ``heron dyads`` and ``heron network``;
every function reads a store (a path or an open :class:`heron.store.Store`) and returns a pandas
DataFrame (or, for the network, a networkx graph)::

    from heron.analytics import series, top_dyads
    monthly = series("heron.duckdb", actor="USA", recipient="CHN", by="month", measure="goldstein")

Names are imported lazily, so the ingest path (which clusters) does not load pandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "update_clusters": "heron.analytics.clustering",
    "rebuild_clusters": "heron.analytics.clustering",
    "clusters": "heron.analytics.frames",
    "cluster_detail": "heron.analytics.frames",
    "copies": "heron.analytics.frames",
    "series": "heron.analytics.timeseries",
    "top_dyads": "heron.analytics.timeseries",
    "network": "heron.analytics.timeseries",
    "write_network": "heron.analytics.timeseries",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'heron.analytics' has no attribute {name!r}")
