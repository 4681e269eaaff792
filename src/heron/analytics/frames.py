"""Clusters and copies as data frames (``heron clusters list|show``, ``heron copies``).

Every function takes the store as a path (opened, migrated and brought up to date) or as an open
:class:`~heron.store.Store`, and returns pandas DataFrames.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from heron.errors import InputError, StoreError
from heron.store import EventFilter, Store

DbArg = str | Path | Store

#: the columns of a cluster shown to users (the store's bookkeeping columns left out)
CLUSTER_COLUMNS = (
    "cluster_id",
    "date",
    "date_precision",
    "cameo",
    "event_type",
    "mode",
    "quad_class",
    "goldstein",
    "actor_code",
    "actor_name",
    "recipient_code",
    "recipient_name",
    "location_name",
    "n_mentions",
    "n_documents",
    "n_sources",
    "first_seen",
    "last_seen",
    "flagged",
    "representative",
    "sentence_text",
)


@contextmanager
def open_store(db: DbArg) -> Iterator[Store]:
    """The store ``db`` names, with its clusters up to date (an older store is migrated and its
    events clustered on first use); an open :class:`Store` is used as it is."""
    if isinstance(db, Store):
        yield db
        return
    if not Path(db).exists():
        raise StoreError(f"{db} does not exist: run `heron ingest … --db {db}` first")
    from heron.analytics.clustering import pending_documents, update_clusters
    from heron.store.queries import open_for_reading

    # read-only when the clusters are up to date (readers never block each other); opened for
    # writing only to migrate an older store or cluster what is not clustered yet
    store = open_for_reading(db)
    try:
        if pending_documents(store):
            store.close()
            store = Store(db)
            update_clusters(store)
        yield store
    finally:
        store.close()


def frame(store: Store, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """The result of a parametrised query as a DataFrame (DuckDB errors as StoreError)."""
    import duckdb

    try:
        return store.connection.execute(sql, params or []).df()
    except duckdb.Error as e:
        raise StoreError(f"cannot query the store {store.path}: {e}") from e


def clusters(
    db: DbArg,
    criteria: EventFilter | None = None,
    /,
    *,
    min_mentions: int = 1,
    **by: Any,
) -> pd.DataFrame:
    """Event clusters that meet ``criteria`` (actor/recipient match any of a cluster's dyads;
    dates, CAMEO prefix and PLOVER type the cluster's own), newest first, then the most reported.
    Clusters of negated or hypothetical reports only when ``include_flagged=True``."""
    f = EventFilter.of(criteria, by)
    if f.doc_id is not None:
        raise InputError("clusters are not filtered by document: use heron events --doc")
    where: list[str] = ["e.n_mentions >= ?"]
    params: list[Any] = [min_mentions]
    if f.actor not in (None, "*") or f.recipient not in (None, "*"):
        sides: list[str] = []
        side_params: list[Any] = []
        f.dyad_clauses(sides, side_params)
        where.append(
            "e.cluster_id IN (SELECT e.cluster_id FROM cluster_dyads e WHERE "
            + " AND ".join(sides)
            + ")"
        )
        params += side_params
    f.event_clauses(where, params, counting=True, flagged_column="e.flagged")
    sql = (
        f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM clusters e WHERE {' AND '.join(where)} "
        "ORDER BY e.date DESC NULLS LAST, e.n_mentions DESC, e.cluster_id"
    )
    if f.limit is not None:
        sql += " LIMIT ?"
        params.append(f.limit)
    with open_store(db) as store:
        return frame(store, sql, params)


@dataclass(frozen=True)
class ClusterDetail:
    """One cluster: its summary, its member mentions (with the member each was matched to and
    why) and the copies of its documents."""

    summary: dict[str, Any]
    members: pd.DataFrame
    copies: pd.DataFrame


def cluster_detail(db: DbArg, cluster_id: int) -> ClusterDetail:
    """Everything about one cluster; InputError when there is no such cluster."""
    with open_store(db) as store:
        found = frame(
            store,
            f"SELECT {', '.join(CLUSTER_COLUMNS)} FROM clusters WHERE cluster_id = ?",
            [cluster_id],
        )
        if found.empty:
            raise InputError(
                f"no cluster {cluster_id} in {store.path}: `heron clusters list` shows them"
            )
        members = frame(
            store,
            "SELECT m.seq, m.event_id, e.doc_id, d.source, d.published, e.date, "
            "e.date_precision, e.date_text, e.cameo, e.event_type, e.actor_code, "
            "e.recipient_code, e.trigger_text, e.negated, e.hypothetical, m.via, m.reason, "
            "e.sentence_text FROM cluster_members m JOIN events e USING (event_id) "
            "JOIN documents d ON d.doc_id = e.doc_id WHERE m.cluster_id = ? ORDER BY m.seq",
            [cluster_id],
        )
        copies = frame(
            store,
            "SELECT c.doc_id, c.canonical_id, c.method, c.similarity, c.source, c.published, "
            "c.title FROM document_copies c WHERE c.canonical_id IN "
            "(SELECT doc_id FROM cluster_members WHERE cluster_id = ?) ORDER BY c.doc_id",
            [cluster_id],
        )
    summary = {str(k): _plain(v) for k, v in found.iloc[0].to_dict().items()}
    return ClusterDetail(summary, members, copies)


def copies(db: DbArg) -> pd.DataFrame:
    """Every document kept as a copy of another instead of being coded."""
    with open_store(db) as store:
        return frame(
            store,
            "SELECT doc_id, canonical_id, method, similarity, published, source, title, origin "
            "FROM document_copies ORDER BY canonical_id, doc_id",
        )


def _plain(value: Any) -> Any:
    """A pandas scalar as a plain Python value (NaN/NaT as None)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def cluster_counts(store: Store) -> pa.Table:
    """Per stored event, the counts of the cluster it belongs to — mentions (events), sources
    and documents — as exports report them (GDELT's NumMentions, NumSources, NumArticles). An
    event in no cluster (a store not yet clustered) is absent: exporters count it once."""
    sql = """
        SELECT m.event_id, c.n_mentions AS num_mentions, c.n_sources AS num_sources,
               c.n_documents AS num_articles
        FROM cluster_members m JOIN clusters c USING (cluster_id)
    """
    try:
        return store.connection.sql(sql).to_arrow_table()
    except duckdb.Error as e:
        raise StoreError(f"{store.path}: cannot read cluster counts: {e}") from e
