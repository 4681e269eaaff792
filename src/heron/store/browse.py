"""Reading the store a page at a time: what a browser of the events asks (the dashboard, its API).

Every function takes an open :class:`~heron.store.Store` and returns plain values (dicts, lists,
dataclasses of them), so the web layer only formats them. Queries are parametrised; the few names
put into SQL text (periods, quad columns, sort keys) come from fixed tables in this module.

Counts follow one policy: an event that was negated or hypothetical ("did not attack", "might
attack") is listed but not counted, unless ``counted_flags=True``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from heron.errors import StoreError
from heron.store.db import Store
from heron.store.filters import EventFilter

#: the flags of an event, in the order of the contract
FLAGS: tuple[str, ...] = ("negated", "hypothetical", "future", "reported", "historical")
#: what a count leaves out unless asked (see the module docstring)
_NOT_COUNTED = "NOT coalesce(e.negated OR e.hypothetical, false)"
#: the periods a series can be cut into, and the date precisions each can place
PERIODS: dict[str, tuple[str, ...]] = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}
MEASURES: tuple[str, ...] = ("count", "goldstein", "plover", "quad")
#: the most periods one series has (a century of days is not a chart)
MAX_PERIODS = 5000
_DAYS = {"day": 1, "week": 7, "month": 28, "year": 365}
#: quad classes (GDELT's convention, the store's) and their names in series
QUADS: dict[int, str] = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}


# -- events, a page at a time ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """What a browser of events asks: an :class:`EventFilter` (its ``limit`` is ignored: pages
    are cut by ``offset`` and the page size) and what only a browser needs.

    ``text`` is found anywhere in the sentence or the trigger (case-insensitive, taken literally:
    ``%`` and ``_`` are plain characters); ``flag`` keeps the events with that flag set;
    ``quad_class`` keeps one quad class.
    """

    filter: EventFilter = field(default_factory=EventFilter)
    text: str | None = None
    flag: str | None = None
    quad_class: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        self.filter.clauses(where, params)
        if self.text:
            where.append(
                "(e.sentence_text ILIKE ? ESCAPE '\\' OR e.trigger_text ILIKE ? ESCAPE '\\')"
            )
            pattern = "%" + _like_literal(self.text) + "%"
            params += [pattern, pattern]
        if self.flag:
            if self.flag not in FLAGS:
                raise ValueError(f"flag must be one of {', '.join(FLAGS)}, not {self.flag!r}")
            where.append(f"coalesce(e.{self.flag}, false)")  # a name from FLAGS
        if self.quad_class is not None:
            where.append("e.quad_class = ?")
            params.append(self.quad_class)
        return (" WHERE " + " AND ".join(where) if where else ""), params


@dataclass(frozen=True)
class Page:
    """One page of a longer list: its rows, and how many rows the whole list has."""

    rows: list[dict[str, Any]]
    total: int
    offset: int
    limit: int


def event_page(store: Store, query: EventQuery, *, offset: int = 0, limit: int = 50) -> Page:
    """Events that meet ``query``, newest first (undated last), as contract dicts with their
    ``rule``; ``total`` counts them all."""
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must be >= 0")
    where, params = query.where()
    total = _scalar(store, "count", "SELECT count(*) FROM events e" + where, params)
    rows = _fetch(
        store,
        "query events from",
        "SELECT e.record::VARCHAR, e.rule FROM events e" + where + " ORDER BY e.date DESC NULLS "
        "LAST, e.doc_id, e.sentence_index, e.event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([_record(r[0], r[1]) for r in rows], total, offset, limit)


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event as a contract dict with its ``rule``; None when there is no such event."""
    rows = _fetch(
        store,
        "read an event from",
        "SELECT record::VARCHAR, rule FROM events WHERE event_id = ?",
        [event_id],
    )
    return _record(rows[0][0], rows[0][1]) if rows else None


def document_events(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Every event of one document, in the order of its text."""
    rows = _fetch(
        store,
        "read the events of a document from",
        "SELECT record::VARCHAR, rule FROM events WHERE doc_id = ? "
        "ORDER BY sentence_index, event_id",
        [doc_id],
    )
    return [_record(r[0], r[1]) for r in rows]


_DOC_COLUMNS = (
    "doc_id",
    "published",
    "title",
    "url",
    "source",
    "origin",
    "status",
    "error",
    "n_events",
    "n_sentences",
    "coded_at",
)


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """One document's row (with its ``text`` where the store keeps it, else None); None when
    there is no such document."""
    text = "text" if "text" in _columns(store, "documents") else "NULL AS text"
    rows = _dicts(
        store,
        f"SELECT {', '.join(_DOC_COLUMNS)}, {text} FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    return rows[0] if rows else None


# -- the overview ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    """The store at a glance."""

    counts: dict[str, int]  # see Store.counts
    first_date: date | None  # the earliest and latest event dates
    last_date: date | None
    undated: int  # events with no date


def overview(store: Store) -> Overview:
    """Counts of documents, events and failures, and the span of the events' dates."""
    lo, hi, undated = _fetch(
        store,
        "summarise",
        "SELECT min(date), max(date), count(*) FILTER (WHERE date IS NULL) FROM events",
    )[0]
    return Overview(store.counts(), lo, hi, int(undated))


def weekly(
    store: Store,
    *,
    by: str = "quad",
    since: date | None = None,
    until: date | None = None,
    clusters: bool = False,
) -> list[dict[str, Any]]:
    """Events (or, with ``clusters``, event clusters: one per happening) per week (Monday
    first) and quad class (``by="quad"``) or PLOVER type (``by="type"``): rows of ``week``,
    ``key`` and ``events``, oldest first; those dated less precisely than a day are left out,
    as are uncounted ones (negated or hypothetical)."""
    column = {"quad": "e.quad_class::VARCHAR", "type": "e.event_type"}.get(by)
    if column is None:
        raise ValueError(f"by must be 'quad' or 'type', not {by!r}")
    relation, uncounted = ("clusters", "NOT e.flagged") if clusters else ("events", _NOT_COUNTED)
    where = ["e.date IS NOT NULL", "e.date_precision = 'day'", uncounted]
    params: list[Any] = []
    for clause, value in (("e.date >= ?", since), ("e.date <= ?", until)):
        if value is not None:
            where.append(clause)
            params.append(value)
    return _dicts(
        store,
        f"SELECT date_trunc('week', e.date)::DATE AS week, coalesce({column}, '?') AS key, "
        f"count(*) AS events FROM {relation} e WHERE {' AND '.join(where)} "
        "GROUP BY ALL ORDER BY week, key",
        params,
    )


def cluster_of(store: Store, event_id: str) -> int | None:
    """The event cluster an event joined; None when it has joined none (yet)."""
    rows = _fetch(
        store,
        "read the cluster of an event from",
        "SELECT cluster_id FROM cluster_members WHERE event_id = ?",
        [event_id],
    )
    return int(rows[0][0]) if rows else None


def top_dyads(
    store: Store, criteria: EventFilter | None = None, *, limit: int = 10
) -> list[dict[str, Any]]:
    """The busiest pairs of countries (actor → recipient, both known), by counted events: rows
    of ``actor``, ``recipient``, ``events``, mean ``goldstein``, ``conflict`` (events of quad
    classes 3 and 4), ``first`` and ``last`` date."""
    f = criteria or EventFilter()
    where = ["e.actor_country IS NOT NULL", "e.recipient_country IS NOT NULL", _NOT_COUNTED]
    params: list[Any] = []
    f.event_clauses(where, params)
    return _dicts(
        store,
        "SELECT e.actor_country AS actor, e.recipient_country AS recipient, "
        "count(DISTINCT e.event_id) AS events, round(avg(e.goldstein), 2) AS goldstein, "
        "count(DISTINCT e.event_id) FILTER (WHERE e.quad_class >= 3) AS conflict, "
        "min(e.date) AS first, max(e.date) AS last "
        f"FROM dyads e WHERE {' AND '.join(where)} GROUP BY ALL "
        "ORDER BY events DESC, actor, recipient LIMIT ?",
        [*params, limit],
    )


def recent_documents(store: Store, *, limit: int = 10) -> list[dict[str, Any]]:
    """The documents coded last, newest first."""
    return _dicts(
        store,
        f"SELECT {', '.join(_DOC_COLUMNS)} FROM documents "
        "ORDER BY coded_at DESC NULLS LAST, doc_id LIMIT ?",
        [limit],
    )


def recent_failures(store: Store, *, limit: int = 10) -> list[dict[str, Any]]:
    """The inputs that failed last, with their reasons, newest first."""
    return _dicts(
        store,
        "SELECT doc_id, origin, reason, failed_at FROM failures "
        "ORDER BY failed_at DESC, doc_id LIMIT ?",
        [limit],
    )


# -- dyads over time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """A dyad's events per period: one row per period from the first to the last (zeros where
    nothing happened), and how many events could not be placed, by reason."""

    rows: list[dict[str, Any]]
    left_out: dict[str, int]


def dyad_series(
    store: Store,
    criteria: EventFilter | None = None,
    *,
    by: str = "month",
    measure: str = "count",
) -> Series:
    """Events of ``criteria``'s actor → recipient per period, counted once per event on the
    ``dyads`` view. Rows have ``period`` (its first day; weeks start on Monday) and ``events``,
    then per ``measure``: the mean ``goldstein`` or ``plover`` score (0.0 when there were none),
    or the count of each quad class (``verbal_cooperation`` … ``material_conflict``)."""
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    f = criteria or EventFilter()
    where = [_NOT_COUNTED]
    params: list[Any] = []
    _dyad_sides(f, where, params)
    f.event_clauses(where, params)
    fits = ", ".join(f"'{p}'" for p in PERIODS[by])  # fixed words from PERIODS
    quads = ", ".join(f"count(*) FILTER (WHERE q = {k}) AS {n}" for k, n in QUADS.items())
    raw = _dicts(
        store,
        "WITH hits AS (SELECT e.event_id, any_value(e.date) AS date, "
        "any_value(e.date_precision) AS p, any_value(e.goldstein) AS g, "
        "any_value(e.plover_score) AS s, any_value(e.quad_class) AS q "
        f"FROM dyads e WHERE {' AND '.join(where)} GROUP BY e.event_id) "
        f"SELECT CASE WHEN date IS NULL THEN 'undated' WHEN p NOT IN ({fits}) "
        f"THEN 'dated only to the ' || p ELSE 'ok' END AS status, "
        f"date_trunc('{by}', date)::DATE AS period, count(*) AS events, "
        f"avg(g) AS goldstein, avg(s) AS plover, {quads} FROM hits GROUP BY ALL",
        params,
    )
    left_out: dict[str, int] = {}
    placed: dict[date, dict[str, Any]] = {}
    for r in raw:
        if r["status"] != "ok":
            left_out[r["status"]] = left_out.get(r["status"], 0) + int(r["events"])
        else:
            placed[r["period"]] = r
    return Series(_filled(placed, by, f.since, f.until, measure), left_out)


def _filled(
    placed: dict[date, dict[str, Any]],
    by: str,
    since: date | None,
    until: date | None,
    measure: str,
) -> list[dict[str, Any]]:
    if not placed and (since is None or until is None):
        return []
    first = _period_start(since, by) if since else min(placed)
    last = _period_start(until, by) if until else max(placed)
    check_span(first, last, by)
    rows = []
    for period in periods(first, last, by):
        r = placed.get(period, {})
        row: dict[str, Any] = {"period": period, "events": int(r.get("events", 0))}
        if measure in ("goldstein", "plover"):
            mean = r.get(measure)
            row[measure] = 0.0 if mean is None else round(float(mean), 3)
        elif measure == "quad":
            for name in QUADS.values():
                row[name] = int(r.get(name, 0))
        rows.append(row)
    return rows


def period_end(start: date, by: str) -> date:
    """The last day of the period that starts on ``start``."""
    return _next(start, by) - timedelta(days=1)


def _next(day: date, by: str) -> date:
    if by == "day":
        return day + timedelta(days=1)
    if by == "week":
        return day + timedelta(days=7)
    if by == "month":
        return date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date(day.year + 1, 1, 1)


def _period_start(day: date, by: str) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def check_span(since: date | None, until: date | None, by: str) -> None:
    """ValueError when ``since``..``until`` holds more than :data:`MAX_PERIODS` periods."""
    if since is not None and until is not None and (until - since).days // _DAYS[by] > MAX_PERIODS:
        raise ValueError(
            f"{since} to {until} is more than {MAX_PERIODS} {by}s: pick a longer period or a "
            "shorter span"
        )


def periods(first: date, last: date, by: str) -> list[date]:
    """The first days of every period from ``first``'s to ``last``'s, in order."""
    first, last = _period_start(first, by), _period_start(last, by)
    out: list[date] = []
    day = first
    while day <= last:
        out.append(day)
        day = _next(day, by)
    return out


# -- actors ----------------------------------------------------------------------------------------


def actor_suggestions(store: Store, text: str, *, limit: int = 15) -> list[dict[str, Any]]:
    """Countries, codes and names of stored actors that start with ``text`` (or, for names,
    contain a word that does), the most frequent first: rows of ``value``, ``kind`` (country,
    code or name) and ``events``."""
    prefix = _like_literal(text.strip()) + "%"
    word = "% " + prefix
    return _dicts(
        store,
        "WITH hits AS ("
        "SELECT country AS value, 'country' AS kind, event_id FROM actors "
        "WHERE country ILIKE ? ESCAPE '\\' "
        "UNION ALL SELECT code, 'code', event_id FROM actors "
        "WHERE code ILIKE ? ESCAPE '\\' AND code <> country "
        "UNION ALL SELECT name, 'name', event_id FROM actors "
        "WHERE name ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\') "
        "SELECT value, kind, count(DISTINCT event_id) AS events FROM hits "
        "WHERE value IS NOT NULL GROUP BY ALL ORDER BY events DESC, value LIMIT ?",
        [prefix, prefix, prefix, word, limit],
    )


def top_actors(store: Store, *, limit: int = 20) -> list[dict[str, Any]]:
    """The countries (and non-state codes) with the most events: rows of ``country``,
    ``as_actor``, ``as_recipient`` and ``events`` (both)."""
    return _dicts(
        store,
        "SELECT country, count(DISTINCT event_id) FILTER (WHERE role = 'actor') AS as_actor, "
        "count(DISTINCT event_id) FILTER (WHERE role = 'recipient') AS as_recipient, "
        "count(DISTINCT event_id) AS events FROM actors WHERE country IS NOT NULL "
        "GROUP BY country ORDER BY events DESC, country LIMIT ?",
        [limit],
    )


def event_types(store: Store) -> list[str]:
    """The PLOVER event types the store's events have, in order."""
    rows = _fetch(
        store,
        "read event types from",
        "SELECT DISTINCT event_type FROM events WHERE event_type IS NOT NULL ORDER BY 1",
    )
    return [str(r[0]) for r in rows]


def actor_summary(store: Store, term: str) -> dict[str, Any]:
    """How often an actor (a country, a code or a stored name, as :class:`EventFilter` matches
    them) acts and is acted on, the names and codes it is stored under, and its dates."""
    clause, params = _side_match("a", term)
    rows = _dicts(
        store,
        "SELECT count(DISTINCT a.event_id) FILTER (WHERE a.role = 'actor') AS as_actor, "
        "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'recipient') AS as_recipient, "
        "list(DISTINCT a.code) FILTER (WHERE a.code IS NOT NULL) AS codes, "
        "list(DISTINCT a.name) FILTER (WHERE a.name IS NOT NULL) AS names, "
        "min(e.date) AS first, max(e.date) AS last "
        f"FROM actors a JOIN events e USING (event_id) WHERE {clause}",
        params,
    )
    out = rows[0]
    out["codes"] = sorted(out["codes"] or [])[:20]
    out["names"] = sorted(out["names"] or [])[:20]
    return out


def partners(store: Store, term: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """The actors ``term`` deals with most, both ways: rows of ``partner`` (a country, or a code
    where there is no country), ``as_actor`` (events ``term`` did to it), ``as_recipient``
    (events it did to ``term``), ``events`` (both), and the mean ``goldstein`` of them."""
    out_clause, out_params = _side_match("e", term, column="actor")
    in_clause, in_params = _side_match("e", term, column="recipient")
    return _dicts(
        store,
        "WITH pairs AS ("
        "SELECT coalesce(e.recipient_country, e.recipient_code) AS partner, 'out' AS way, "
        f"e.event_id, e.goldstein FROM dyads e WHERE {out_clause} AND {_NOT_COUNTED} "
        "AND e.recipient_idx IS NOT NULL "
        "UNION ALL SELECT coalesce(e.actor_country, e.actor_code), 'in', e.event_id, "
        f"e.goldstein FROM dyads e WHERE {in_clause} AND {_NOT_COUNTED} "
        "AND e.actor_idx IS NOT NULL) "
        "SELECT partner, count(DISTINCT event_id) FILTER (WHERE way = 'out') AS as_actor, "
        "count(DISTINCT event_id) FILTER (WHERE way = 'in') AS as_recipient, "
        "count(DISTINCT event_id) AS events, round(avg(goldstein), 2) AS goldstein "
        "FROM pairs WHERE partner IS NOT NULL GROUP BY partner "
        "ORDER BY events DESC, partner LIMIT ?",
        [*out_params, *in_params, limit],
    )


# -- plumbing --------------------------------------------------------------------------------------


def _side_match(alias: str, term: str, *, column: str | None = None) -> tuple[str, list[Any]]:
    """A condition matching a country, code or name as :class:`EventFilter` does, on the
    ``actors`` table (``column=None``) or one side of the ``dyads`` view."""
    p = f"{alias}.{column}_" if column else f"{alias}."
    clause = f"({p}country = ? OR {p}code = ? OR lower({p}name) = lower(?))"
    return clause, [term.upper(), term.upper(), term]


def _dyad_sides(f: EventFilter, where: list[str], params: list[Any]) -> None:
    for side, term in (("actor", f.actor), ("recipient", f.recipient)):
        if term and term != "*":
            clause, more = _side_match("e", term, column=side)
            where.append(clause)
            params += more


def _like_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _record(record: str, rule: str | None) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(record)
    out["rule"] = rule
    return out


def _columns(store: Store, table: str) -> set[str]:
    rows = _fetch(
        store,
        "read the schema of",
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [table],
    )
    return {str(r[0]) for r in rows}


def _scalar(store: Store, action: str, sql: str, params: Sequence[Any]) -> int:
    return int(_fetch(store, action, sql, list(params))[0][0])


def _fetch(store: Store, action: str, sql: str, params: list[Any] | None = None) -> list[Any]:
    try:
        return store.connection.execute(sql, params or []).fetchall()
    except duckdb.Error as e:
        raise StoreError(f"cannot {action} the store {store.path}: {e}") from e


def _dicts(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    try:
        cursor = store.connection.execute(sql, params or [])
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except duckdb.Error as e:
        raise StoreError(f"cannot query the store {store.path}: {e}") from e
