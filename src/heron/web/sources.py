"""Where the dashboard's aggregates come from: the one place that chooses the library behind them.

The dyad explorer and the overview count events of a dyad over time and rank dyads. These
functions give them in plain rows from the store's ``dyads`` view (:mod:`heron.store.browse`),
one row per coded event; the analytics library (event clusters, issue 10) will answer the same
questions counting each happening once, and these are the functions that switch to it.
"""

from __future__ import annotations

from typing import Any

from heron.store import EventFilter, Store, browse

#: what the series count: every coded event (a happening reported twice counts twice)
UNIT = "events"


def series(
    store: Store, criteria: EventFilter, *, by: str, measure: str
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """A dyad's series (rows of ``period``, ``events`` and the measure's columns) and the events
    that could not be placed in a period, by reason."""
    found = browse.dyad_series(store, criteria, by=by, measure=measure)
    return found.rows, found.left_out


def top_dyads(store: Store, *, limit: int = 10) -> list[dict[str, Any]]:
    """The busiest pairs of countries."""
    return browse.top_dyads(store, limit=limit)


def clusters_count(store: Store) -> int | None:
    """How many event clusters the store holds; None where it has none (no clustering yet)."""
    return None


def cluster_reports(store: Store, event_id: str) -> list[dict[str, Any]] | None:
    """The other reports of the happening ``event_id`` reports (its cluster's other members);
    None where the store has no clusters."""
    return None
