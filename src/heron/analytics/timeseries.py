"""Dyads over time: series, the busiest pairs, and the network of who does what to whom.

Everything counts **event clusters** by default — one happening, however many reports — and raw
mentions (every coded event) when asked (``mentions=True``). Actor and recipient are matched as
``heron events`` matches them: a country (``USA``), a code (``USAGOV``) or a resolved name
(``Joe Biden``); ``*`` or None is any. Negated and hypothetical events are left out of every count
unless ``include_flagged=True`` (see :class:`~heron.store.EventFilter`).

A series has a row for every period from the first to the last (or ``since`` to ``until``), with
zeros where nothing happened. An event dated less precisely than the period ("in 2004" in a
monthly series) cannot be placed in one and is left out; how many were left out, and why, is in
the frame's ``attrs["left_out"]``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from heron.analytics.frames import DbArg, frame, open_store
from heron.errors import InputError
from heron.store import EventFilter

if TYPE_CHECKING:
    import networkx as nx

PERIODS: tuple[str, ...] = ("day", "week", "month", "year")
MEASURES: tuple[str, ...] = ("count", "goldstein", "plover", "quad")
#: the date precisions a period can place (a month-precise date fits a month or a year)
_FITS = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}
#: quad classes (GDELT's convention, as in the events table) and their column names
QUADS = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}


def _relation(mentions: bool) -> tuple[str, str, str | None]:
    """(the dyads relation, its unit's id column, its flag column) for clusters or mentions."""
    if mentions:
        return "dyads", "event_id", None
    return "cluster_dyads", "cluster_id", "e.flagged"


def _hits(
    f: EventFilter, *, mentions: bool, both_directions: bool, extra: list[str] | None = None
) -> tuple[str, list[Any]]:
    relation, unit, flag = _relation(mentions)
    if not mentions and f.doc_id is not None:
        raise InputError("clusters are not filtered by document: count mentions to do that")
    where: list[str] = list(extra or [])
    params: list[Any] = []
    f.dyad_clauses(where, params, both_directions=both_directions)
    f.event_clauses(where, params, counting=True, flagged_column=flag)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    sql = (
        f"SELECT e.{unit} AS unit, any_value(e.date) AS date, "
        "any_value(e.date_precision) AS p, any_value(e.goldstein) AS g, "
        "any_value(e.plover_score) AS s, any_value(e.quad_class) AS q "
        f"FROM {relation} e{clause} GROUP BY e.{unit}"
    )
    return sql, params


def series(
    db: DbArg,
    criteria: EventFilter | None = None,
    /,
    *,
    by: str = "month",
    measure: str = "count",
    both_directions: bool = False,
    mentions: bool = False,
    **criteria_kw: Any,
) -> pd.DataFrame:
    """Events of a dyad per period (see the module docstring).

    Columns: ``period`` (the first day of each period; weeks start on Monday), ``events`` (how
    many), then per ``measure``: ``goldstein`` or ``plover`` — the mean score of the period's
    events (0.0 when there were none); ``quad`` — the count of each quad class
    (``verbal_cooperation`` … ``material_conflict``). ``criteria_kw`` are
    :class:`~heron.store.EventFilter` fields (``actor="USA", recipient="CHN", since=…``).
    """
    if by not in PERIODS:
        raise InputError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    if measure not in MEASURES:
        raise InputError(f"--measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    f = EventFilter.of(criteria, {"limit": None, **criteria_kw})
    hits, params = _hits(f, mentions=mentions, both_directions=both_directions)
    fits = ", ".join(f"'{p}'" for p in _FITS[by])  # fixed words from _FITS, never user input
    quads = ", ".join(f"count(*) FILTER (WHERE q = {k}) AS {name}" for k, name in QUADS.items())
    sql = (
        f"WITH hits AS ({hits}) SELECT "
        f"CASE WHEN date IS NULL THEN 'undated' WHEN p NOT IN ({fits}) "
        "THEN 'coarse' ELSE 'ok' END AS status, p, "
        f"date_trunc('{by}', date)::DATE AS period, count(*) AS events, "
        f"sum(g) AS g_sum, count(g) AS g_n, sum(s) AS s_sum, count(s) AS s_n, {quads} "
        "FROM hits GROUP BY ALL"
    )
    with open_store(db) as store:
        raw = frame(store, sql, params)
    ok = raw[raw["status"] == "ok"].groupby("period", as_index=False).sum(numeric_only=True)
    left_out: dict[str, int] = {}
    for _i, row in raw[raw["status"] != "ok"].iterrows():
        why = "undated" if row["status"] == "undated" else f"dated only to the {row['p']}"
        left_out[why] = left_out.get(why, 0) + int(row["events"])
    out = _fill(ok, by, f.since, f.until)
    result = pd.DataFrame({"period": out["period"], "events": out["events"].astype("int64")})
    if measure == "goldstein":
        result["goldstein"] = _mean(out["g_sum"], out["g_n"])
    elif measure == "plover":
        result["plover"] = _mean(out["s_sum"], out["s_n"])
    elif measure == "quad":
        for name in QUADS.values():
            result[name] = out[name].astype("int64")
    result.attrs["left_out"] = left_out
    result.attrs["unit"] = "mentions" if mentions else "clusters"
    return result


def _mean(total: pd.Series, n: pd.Series) -> pd.Series:
    return (total / n.where(n > 0)).fillna(0.0).round(3)


_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}


def _fill(ok: pd.DataFrame, by: str, since: date | None, until: date | None) -> pd.DataFrame:
    """Every period from the first to the last (or ``since``…``until``), zeros where empty."""
    value_cols = ["events", "g_sum", "g_n", "s_sum", "s_n", *QUADS.values()]
    known = ok.set_index(pd.to_datetime(ok["period"]))[value_cols] if not ok.empty else None
    first = _trunc(since, by) if since else (known.index.min() if known is not None else None)
    last = _trunc(until, by) if until else (known.index.max() if known is not None else None)
    if first is None or last is None or first > last:
        empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in value_cols})
        empty.insert(0, "period", pd.Series(dtype="object"))
        return empty
    index = pd.date_range(first, last, freq=_FREQ[by])
    filled = (known if known is not None else pd.DataFrame(columns=value_cols)).reindex(
        index, fill_value=0
    )
    filled = filled.fillna(0)
    filled.insert(0, "period", [d.date() for d in index])
    return filled.reset_index(drop=True)


def _trunc(d: date, by: str) -> pd.Timestamp:
    t = pd.Timestamp(d)
    if by == "week":
        return t - pd.Timedelta(days=t.weekday())
    if by == "month":
        return t.replace(day=1)
    if by == "year":
        return t.replace(month=1, day=1)
    return t


def top_dyads(
    db: DbArg,
    criteria: EventFilter | None = None,
    /,
    *,
    top: int | None = 20,
    rank: str = "volume",
    level: str = "country",
    international: bool = False,
    mentions: bool = False,
    **criteria_kw: Any,
) -> pd.DataFrame:
    """Pairs (actor → recipient) ranked by ``rank``: ``volume`` (events), ``conflict`` (quad
    classes 3–4) or ``cooperation`` (1–2); at the ``country`` or full ``code`` level;
    ``international`` leaves out pairs within one country.

    Columns: ``actor``, ``recipient``, ``events``, ``cooperation``, ``conflict``, ``goldstein``
    (mean), ``first``, ``last`` (dates).
    """
    if rank not in ("volume", "conflict", "cooperation"):
        raise InputError(f"--rank must be volume, conflict or cooperation, not {rank!r}")
    if level not in ("country", "code"):
        raise InputError(f"--level must be country or code, not {level!r}")
    if top is not None and top < 1:
        raise InputError(f"--top must be at least 1, not {top}")
    f = EventFilter.of(criteria, {"limit": None, **criteria_kw})
    relation, unit, flag = _relation(mentions)
    where = [f"e.actor_{level} IS NOT NULL", f"e.recipient_{level} IS NOT NULL"]
    if international:
        where.append("e.actor_country IS DISTINCT FROM e.recipient_country")
    params: list[Any] = []
    if f.doc_id is not None and not mentions:
        raise InputError("clusters are not filtered by document: count mentions to do that")
    f.dyad_clauses(where, params)
    f.event_clauses(where, params, counting=True, flagged_column=flag)
    order = {"volume": "events", "conflict": "conflict", "cooperation": "cooperation"}[rank]
    # level and unit are fixed words checked above, never user input
    sql = (
        f"WITH hits AS (SELECT DISTINCT e.{unit} AS unit, e.actor_{level} AS actor, "
        f"e.recipient_{level} AS recipient, e.quad_class AS q, e.goldstein AS g, e.date "
        f"FROM {relation} e WHERE {' AND '.join(where)}) "
        "SELECT actor, recipient, count(*) AS events, "
        "count(*) FILTER (WHERE q IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE q IN (3, 4)) AS conflict, round(avg(g), 3) AS goldstein, "
        "min(date) AS first, max(date) AS last "
        f"FROM hits GROUP BY actor, recipient ORDER BY {order} DESC, events DESC, actor, recipient"
    )
    if top is not None:
        sql += " LIMIT ?"
        params.append(top)
    with open_store(db) as store:
        out = frame(store, sql, params)
    out.attrs["unit"] = "mentions" if mentions else "clusters"
    return out


def network(
    db: DbArg,
    criteria: EventFilter | None = None,
    /,
    *,
    level: str = "country",
    mentions: bool = False,
    **criteria_kw: Any,
) -> nx.DiGraph:
    """The directed network of dyads for a period: a node per actor, an edge per actor →
    recipient pair with ``events``, ``cooperation``, ``conflict`` and mean ``goldstein``."""
    import networkx as nx

    pairs = top_dyads(db, criteria, top=None, level=level, mentions=mentions, **criteria_kw)
    graph = nx.DiGraph(unit="mentions" if mentions else "clusters", level=level)
    for rec in pairs.to_dict("records"):
        graph.add_edge(
            str(rec["actor"]),
            str(rec["recipient"]),
            events=int(rec["events"]),
            cooperation=int(rec["cooperation"]),
            conflict=int(rec["conflict"]),
            goldstein=0.0 if pd.isna(rec["goldstein"]) else float(rec["goldstein"]),
        )
    for node in graph.nodes:
        graph.nodes[node]["events_out"] = sum(
            d["events"] for _a, _b, d in graph.out_edges(node, data=True)
        )
        graph.nodes[node]["events_in"] = sum(
            d["events"] for _a, _b, d in graph.in_edges(node, data=True)
        )
    return graph


def write_network(graph: nx.DiGraph, path: str | Path, *, fmt: str | None = None) -> str:
    """Write ``graph`` as GraphML (``.graphml``) or an edge list (CSV: source, target and the
    edge attributes); ``fmt`` overrides what the suffix says. Returns the format written."""
    import networkx as nx

    path = Path(path)
    chosen = fmt or ("graphml" if path.suffix.lower() == ".graphml" else "edgelist")
    if chosen == "graphml":
        nx.write_graphml(graph, path)
    elif chosen == "edgelist":
        rows = [{"source": a, "target": b, **d} for a, b, d in graph.edges(data=True)]
        columns = ["source", "target", "events", "cooperation", "conflict", "goldstein"]
        pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    else:
        raise InputError(f"network format must be graphml or edgelist, not {chosen!r}")
    return chosen
