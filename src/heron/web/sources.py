"""Where the dashboard's aggregates come from: the one place that chooses the library behind them.

The dyad explorer, the overview and the provenance page count happenings, not reports: they read
the event clusters of :mod:`heron.analytics` (issue 10), where a happening reported by five
stories is one cluster. The functions here turn its pandas frames into plain rows for the pages
and the API. (Before clusters existed they read the store's ``dyads`` view through
:mod:`heron.store.browse`, which still answers for raw reports.)
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

from heron import analytics
from heron.analytics.clustering import pending_documents
from heron.errors import InputError
from heron.store import EventFilter, Store, browse

#: what the series and rankings count: event clusters, one per happening
UNIT = "clusters"


def series(
    store: Store, criteria: EventFilter, *, by: str, measure: str
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """A dyad's clusters per period (rows of ``period``, ``events`` and the measure's columns)
    and how many could not be placed in a period, by reason."""
    frame = analytics.series(store, criteria, by=by, measure=measure)
    rows = [_plain_row(r) for r in frame.to_dict("records")]
    return rows, {str(k): int(v) for k, v in frame.attrs.get("left_out", {}).items()}


def top_dyads(store: Store, *, limit: int = 10) -> list[dict[str, Any]]:
    """The busiest pairs of countries, by clusters."""
    frame = analytics.top_dyads(store, top=limit)
    return [_plain_row(r) for r in frame.to_dict("records")]


def weekly(store: Store, *, by: str) -> list[dict[str, Any]]:
    """Clusters per week, by quad class or PLOVER type."""
    return browse.weekly(store, by=by, clusters=True)


def clusters_count(store: Store) -> int | None:
    """How many event clusters the store holds."""
    return browse.overview(store).counts.get("clusters")


def unclustered(store: Store) -> int:
    """Documents whose events have not joined clusters yet (an ingest interrupted, or a store
    made before clustering): `heron clusters update` catches up."""
    return len(pending_documents(store))


def cluster_reports(store: Store, event_id: str) -> dict[str, Any] | None:
    """The happening ``event_id`` reports: its cluster's summary, every report of it (the
    member each joined through, and why) and the copies of their documents; None when the
    event has joined no cluster."""
    cluster_id = browse.cluster_of(store, event_id)
    if cluster_id is None:
        return None
    return cluster(store, cluster_id)


def cluster(store: Store, cluster_id: int) -> dict[str, Any] | None:
    """One cluster as plain values; None when there is no such cluster."""
    try:
        detail = analytics.cluster_detail(store, cluster_id)
    except InputError:
        return None
    return {
        "summary": {k: _plain(v) for k, v in detail.summary.items()},
        "members": [_plain_row(r) for r in detail.members.to_dict("records")],
        "copies": [_plain_row(r) for r in detail.copies.to_dict("records")],
    }


def _plain_row(row: dict[Any, Any]) -> dict[str, Any]:
    return {str(k): _plain(v) for k, v in row.items()}


def _plain(value: Any) -> Any:
    """A pandas or numpy value as a plain Python one (NaN and NaT as None, midnight times as
    dates, arrays as lists)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):  # a list column
        return [_plain(v) for v in value.tolist()]
    with suppress(TypeError, ValueError):
        if pd.isna(value):
            return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    elif hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with suppress(ValueError, TypeError):
            value = value.item()
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, (str, int, float, bool, date)):
        return value
    return str(value)
