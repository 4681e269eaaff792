"""Writing an export: select the events, build the format's rows in SQL, let DuckDB write them.

Everything happens inside DuckDB — filtering, joining the code tables, computing the columns and
writing CSV, tab-separated text, Parquet or JSON with ``COPY`` — so a million events export in
seconds without passing through Python objects. Only Heron's own contract objects (JSON Lines,
JSON) are streamed from the stored ``record`` column.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow as pa

from heron.errors import ExportError
from heron.export import codes
from heron.export.formats import Target, target
from heron.export.query import (
    DYAD_ORDER,
    EVENT_ORDER,
    dyad_rows,
    event_rows,
    one_line,
)
from heron.export.spec import (
    UNDATED,
    ExportFormat,
    Layout,
    Options,
    Partition,
    Requirement,
    Rows,
)
from heron.store import EventFilter, Store

#: with ``clusters=True``: one report per happening, the first seen of each event cluster (an
#: event the store has not clustered stands for itself)
ONE_PER_CLUSTER = Requirement(
    "(e.event_id IN (SELECT arg_min(event_id, seq) FROM cluster_members GROUP BY cluster_id) "
    "OR e.event_id NOT IN (SELECT event_id FROM cluster_members))",
    "other reports of a happening already written (--clusters writes one per event cluster)",
)
#: flag-less formats leave out what the text says did not or may not happen
ASSERTED = Requirement(
    "NOT coalesce(e.negated OR e.hypothetical, false)",
    "negated or hypothetical (the format has no flag columns; --flagged keeps them)",
)

#: the columns of the counts a caller may pass (the analytics' clusters); missing events count 1
COUNTS_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
    ]
)

_STORE_ORDER = "ORDER BY e.date NULLS LAST, e.doc_id, e.sentence_index, e.event_id"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote: ``rows`` lines or records (dyads for dyadic formats) of ``events``
    events, and how many matching events it left out, by reason."""

    format: str
    path: Path
    rows: int
    events: int
    left_out: dict[str, int] = field(default_factory=dict)


def export_events(
    store: Store,
    path: str | Path,
    fmt: str | ExportFormat | None = None,
    *,
    criteria: EventFilter | None = None,
    flagged: bool | None = None,
    explode: bool = False,
    partition: Partition | None = None,
    clusters: bool = False,
    counts: pa.Table | Mapping[str, tuple[int, int, int]] | None = None,
) -> ExportResult:
    """Write the store's events that meet ``criteria`` to ``path`` in format ``fmt`` (by default
    the one ``path``'s extension names; see :mod:`heron.export.formats`).

    ``flagged``: None keeps negated and hypothetical events in formats with flag columns (CSV,
    Parquet, JSON) and leaves them out of the datasets' formats, which have none; True keeps
    them everywhere; False leaves out negated, hypothetical and future events everywhere.
    ``explode`` writes one row per dyad (CSV, Parquet); ``partition`` writes Parquet as a folder
    of ``year=…/month=…`` files. ``counts`` gives each event's mentions, sources and articles
    (GDELT's NumMentions …), as an Arrow table with :data:`COUNTS_SCHEMA`'s columns or a mapping
    ``event_id → (mentions, sources, articles)``; events it does not list count 1 of each.
    Criteria's ``limit`` caps the events (None: all).
    """
    path = Path(path)
    if partition is not None and fmt is None:
        fmt = "parquet"
    goal = target(fmt, path, folder=partition is not None)
    f = goal.format
    _check_options(f, explode=explode, partition=partition)
    options = Options(explode=explode, partition=partition)
    criteria = criteria or EventFilter(limit=None)
    needs: list[Requirement] = list(f.requires)
    if flagged is True:
        criteria = replace(criteria, include_flagged=True)
    elif flagged is False:
        criteria = replace(criteria, include_flagged=False)
    elif not f.flags:
        needs.append(ASSERTED)
    if partition is not None:
        needs.append(UNDATED)
    if clusters:
        needs.append(ONE_PER_CLUSTER)
    where, params = _where(criteria)
    con = store.connection
    try:
        events, left_out = _count(con, where, params, needs)
        full = " AND ".join([where, *(f"({n.sql})" for n in needs)])
        full, params = _limited(full, params, criteria.limit)
        if criteria.limit is not None:
            events = min(events, criteria.limit)
        with _registered(con, counts):
            rows = _write(con, goal, options, path, full, params, empty=events == 0)
    except duckdb.Error as e:
        raise ExportError(f"cannot write {path} ({f.name}): {e}") from e
    return ExportResult(f.name, path, rows, events, left_out)


def _check_options(f: ExportFormat, *, explode: bool, partition: Partition | None) -> None:
    if explode and not f.explode:
        if f.rows(Options()) is Rows.DYADS:
            return  # already one row per dyad
        raise ExportError(f"--explode is for csv and parquet; {f.name} has one row per event")
    if partition is not None and not f.partition:
        raise ExportError(f"--partition is for parquet, not {f.name}")
    if partition not in (None, "year", "month"):
        raise ExportError(f"--partition takes year or month, not {partition!r}")


def _where(criteria: EventFilter) -> tuple[str, list[Any]]:
    """The criteria as a condition on the events table ``e`` (the limit apart)."""
    clauses: list[str] = []
    params: list[Any] = []
    criteria.clauses(clauses, params)
    return " AND ".join(clauses) or "true", params


def _limited(where: str, params: list[Any], limit: int | None) -> tuple[str, list[Any]]:
    """The first ``limit`` events ``where`` selects, in the store's order."""
    if limit is None:
        return where, params
    if limit < 0:
        raise ExportError(f"limit must be >= 0, not {limit}")
    sub = f"e.event_id IN (SELECT e.event_id FROM events e WHERE {where} {_STORE_ORDER} LIMIT ?)"
    return sub, [*params, limit]


def _count(
    con: duckdb.DuckDBPyConnection, where: str, params: list[Any], needs: list[Requirement]
) -> tuple[int, dict[str, int]]:
    """Events written, and the matching events each requirement left out (each counted once,
    under the first requirement it fails)."""
    parts = ["count(*)"]
    met: list[str] = []
    for need in needs:
        ok = f"coalesce(({need.sql}), false)"
        parts.append(f"count(*) FILTER (WHERE {' AND '.join([*met, f'NOT {ok}'])})")
        met.append(ok)
    parts.append(f"count(*) FILTER (WHERE {' AND '.join(met) or 'true'})")
    [row] = con.execute(f"SELECT {', '.join(parts)} FROM events e WHERE {where}", params).fetchall()
    left_out = {need.reason: int(n) for need, n in zip(needs, row[1:-1], strict=True) if n}
    return int(row[-1]), left_out


@contextmanager
def _registered(
    con: duckdb.DuckDBPyConnection,
    counts: pa.Table | Mapping[str, tuple[int, int, int]] | None,
) -> Iterator[None]:
    named = {**codes.tables(), "_hx_counts": _counts_table(counts)}
    for name, table in named.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in named:
            with suppress(duckdb.Error):  # the connection is gone anyway
                con.unregister(name)


def _counts_table(counts: pa.Table | Mapping[str, tuple[int, int, int]] | None) -> pa.Table:
    if counts is None:
        return COUNTS_SCHEMA.empty_table()
    if isinstance(counts, pa.Table):
        missing = [n for n in COUNTS_SCHEMA.names if n not in counts.column_names]
        if missing:
            raise ExportError(f"the counts table lacks the columns {', '.join(missing)}")
        return counts.select(COUNTS_SCHEMA.names).cast(COUNTS_SCHEMA)
    ids = list(counts)
    values = list(counts.values())
    return pa.table(
        [ids, *([v[i] for v in values] for i in range(3))],
        schema=COUNTS_SCHEMA,
    )


def select_sql(f: ExportFormat, options: Options, where: str) -> str:
    """The query that gives ``f``'s rows for the events ``where`` selects, columns in order."""
    dyads = f.rows(options) is Rows.DYADS
    items = []
    for c in f.columns(options):
        expr = one_line(c.sql) if f.layout is Layout.TSV and c.type == "VARCHAR" else c.sql
        items.append(f'CAST({expr} AS {c.type}) AS "{c.name}"')
    if options.partition is not None:
        items.append("year(x.date) AS year")
        if options.partition == "month":
            items.append("month(x.date) AS month")
    order = DYAD_ORDER if dyads else EVENT_ORDER
    base = dyad_rows(where) if dyads else event_rows(where, uses=" ".join(items))
    return base + "SELECT " + ",\n    ".join(items) + "\nFROM x " + order


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _write(
    con: duckdb.DuckDBPyConnection,
    goal: Target,
    options: Options,
    path: Path,
    where: str,
    params: list[Any],
    *,
    empty: bool,
) -> int:
    f = goal.format
    if f.layout is Layout.CONTRACT:
        return _write_contract(con, goal, path, where, params)
    gz = ", COMPRESSION gzip" if goal.gzip else ""
    if f.layout is Layout.TSV:
        opts = f"FORMAT csv, DELIMITER '\\t', HEADER {str(f.header).lower()}{gz}"
    elif f.layout is Layout.CSV:
        opts = f"FORMAT csv, HEADER true{gz}"
    elif f.layout is Layout.JSONL:
        array = ", ARRAY true" if path.suffix.lower() == ".json" else ""
        opts = f"FORMAT json{array}{gz}"
    elif options.partition is None:
        opts = "FORMAT parquet"
    else:
        return _write_partitioned(con, f, options, path, where, params, empty=empty)
    sql = select_sql(f, options, where)
    return _copy(con, sql, path, opts, params)


def _copy(
    con: duckdb.DuckDBPyConnection, sql: str, path: Path, opts: str, params: list[Any]
) -> int:
    rows = con.execute(f"COPY ({sql}) TO {_literal(path)} ({opts})", params).fetchall()
    return int(rows[0][0]) if rows else 0


def _write_partitioned(
    con: duckdb.DuckDBPyConnection,
    f: ExportFormat,
    options: Options,
    path: Path,
    where: str,
    params: list[Any],
    *,
    empty: bool,
) -> int:
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise ExportError(f"{path} exists: --partition writes a new folder; name another one")
    if empty:  # no partitions: one empty, typed file, so the folder still reads as a dataset
        path.mkdir(parents=True)
        flat = select_sql(f, Options(explode=options.explode), where)
        return _copy(con, flat, path / "empty.parquet", "FORMAT parquet", params)
    by = "year, month" if options.partition == "month" else "year"
    sql = select_sql(f, options, where)
    return _copy(con, sql, path, f"FORMAT parquet, PARTITION_BY ({by})", params)


def _write_contract(
    con: duckdb.DuckDBPyConnection, goal: Target, path: Path, where: str, params: list[Any]
) -> int:
    """Heron's own objects, as stored: JSON Lines, or one JSON array for the ``json`` format."""
    cursor = con.execute(
        f"SELECT e.record::VARCHAR FROM events e WHERE {where} {_STORE_ORDER}", params
    )
    array = goal.format.name == "json"
    n = 0
    with _open_text(path, goal.gzip) as out:
        if array:
            out.write("[")
        while batch := cursor.fetchmany(10_000):
            for (record,) in batch:
                if array:
                    out.write(",\n" if n else "\n")
                    out.write(record)
                else:
                    out.write(record + "\n")
                n += 1
        if array:
            out.write("\n]\n" if n else "]\n")
    return n


def _open_text(path: Path, compress: bool) -> IO[str]:
    if compress:
        return gzip.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8", newline="\n")
