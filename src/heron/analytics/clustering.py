"""Event clusters in the store: one event per happening, kept up to date as documents arrive.

:func:`update_clusters` is the incremental pass ``heron ingest`` runs after every batch it writes:

1. clusters marked dirty (a member's document was coded again or became a copy, so the member
   left) are summarised again, or dropped when no member is left;
2. the events of every document not yet clustered join clusters (:mod:`heron.analytics.clusterer`
   decides, :mod:`heron.analytics.rules` says why), documents in the order they were stored;
3. every cluster that changed gets its summary (``clusters``) and dyads (``cluster_dyads``)
   written again, and its documents are marked clustered — all in one transaction per chunk.

Ingesting the same documents again changes nothing (they are skipped, so none is pending), and an
interrupted pass is finished by the next one. :func:`rebuild_clusters` starts again from scratch,
e.g. after changing ``cluster_days``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from heron.analytics.clusterer import PERIOD_DAYS, Assignment, Clusterer, ClusterState, profile_key
from heron.analytics.rules import Mention, Side
from heron.settings import Settings
from heron.store import Store

CHUNK_DOCS = 512  # documents per clustering transaction
_PRECISION_RANK = {"day": 0, "month": 2, "year": 3}


@dataclass
class ClusterUpdate:
    """What one pass did: documents and events clustered, clusters founded and joined."""

    documents: int = 0
    events: int = 0
    founded: int = 0
    joined: int = 0
    resummarised: int = 0
    dropped: int = 0


def update_clusters(store: Store, *, settings: Settings | None = None) -> ClusterUpdate:
    """Bring the store's clusters up to date (see the module docstring)."""
    settings = settings or Settings.load()
    out = ClusterUpdate()
    con = store.connection
    dirty = [
        int(r[0]) for r in con.execute("SELECT cluster_id FROM clusters WHERE dirty").fetchall()
    ]
    if dirty:
        with store.transaction("summarise dirty clusters in"):
            kept = _resummarise(store, dirty, settings.cluster_days)
        out.resummarised, out.dropped = len(kept), len(dirty) - len(kept)
    pending = pending_documents(store)
    for i in range(0, len(pending), CHUNK_DOCS):
        chunk = pending[i : i + CHUNK_DOCS]
        mentions = load_mentions(store, doc_ids=chunk)
        clusterer = Clusterer(
            _candidates(store, mentions, settings.cluster_days),
            next_id=_next_id(store),
            slack_days=settings.cluster_days,
        )
        assigned = [clusterer.assign(m) for m in mentions]
        with store.transaction("write clusters to"):
            _write_members(store, assigned)
            _write_summaries(store, {i: clusterer.clusters[i] for i in clusterer.touched})
            con.execute(
                "UPDATE documents SET clustered = true WHERE doc_id IN (SELECT unnest(?::TEXT[]))",
                [chunk],
            )
        out.documents += len(chunk)
        out.events += len(assigned)
        out.founded += sum(1 for a in assigned if a.via is None)
        out.joined += sum(1 for a in assigned if a.via is not None)
    return out


def pending_documents(store: Store) -> list[str]:
    """The documents whose events have not joined clusters yet, in the order they were stored."""
    return [
        str(r[0])
        for r in store.connection.execute(
            "SELECT doc_id FROM documents WHERE NOT coalesce(clustered, false) "
            "AND status <> 'failed' ORDER BY coded_at, doc_id"
        ).fetchall()
    ]


def rebuild_clusters(store: Store, *, settings: Settings | None = None) -> ClusterUpdate:
    """Forget every cluster and cluster the whole store again."""
    with store.transaction("rebuild the clusters of"):
        con = store.connection
        for table in ("cluster_dyads", "cluster_members", "clusters"):
            con.execute(f"DELETE FROM {table}")  # fixed names, never user input
        con.execute("UPDATE documents SET clustered = false")
    return update_clusters(store, settings=settings)


# -- reading mentions ----------------------------------------------------------------------------


def load_mentions(
    store: Store, *, doc_ids: Sequence[str] | None = None, event_ids: Sequence[str] | None = None
) -> list[Mention]:
    """The events of ``doc_ids`` (in that document order) or ``event_ids`` as mentions, each
    document's events in sentence order."""
    if doc_ids is not None:
        where, param = "e.doc_id IN (SELECT unnest(?::TEXT[]))", list(doc_ids)
    else:
        where, param = "e.event_id IN (SELECT unnest(?::TEXT[]))", list(event_ids or [])
    con = store.connection
    sides: defaultdict[tuple[str, str], list[Side]] = defaultdict(list)
    for event_id, role, country, sector, name in con.execute(
        "SELECT a.event_id, a.role, a.country, a.sector, a.name FROM actors a "
        f"JOIN events e USING (event_id) WHERE {where} ORDER BY a.event_id, a.role, a.idx",
        [param],
    ).fetchall():
        if country or name:  # an actor with neither says nothing about who it is
            sides[(str(event_id), str(role))].append(Side(country, sector, name))
    rows = con.execute(
        "SELECT e.event_id, e.doc_id, e.date, e.date_precision, e.date_text IS NOT NULL, "
        "e.cameo, e.event_type, coalesce(e.negated, false) OR coalesce(e.hypothetical, false), "
        f"e.location_country, e.sentence_index FROM events e WHERE {where}",
        [param],
    ).fetchall()
    order = {d: i for i, d in enumerate(doc_ids or ())}
    rows.sort(key=lambda r: (order.get(str(r[1]), 0), str(r[1]), r[9] or 0, str(r[0])))
    return [
        Mention(
            event_id=str(r[0]),
            doc_id=str(r[1]),
            date=r[2],
            precision=r[3],
            explicit=bool(r[4]),
            cameo=str(r[5]),
            event_type=r[6],
            actors=tuple(sides.get((str(r[0]), "actor"), ())),
            recipients=tuple(sides.get((str(r[0]), "recipient"), ())),
            flagged=bool(r[7]),
            place_country=r[8],
        )
        for r in rows
    ]


def _candidates(store: Store, mentions: list[Mention], slack_days: int) -> list[ClusterState]:
    """The stored clusters some of ``mentions`` might join: same keys, dated as precisely, with
    days that overlap (or undated, in one of their documents).

    A cluster's days start at most a period's width (plus the slack) before a mention's days end
    if they overlap at all, so the candidates are found by an equality join on the cluster's
    first day — fast on a store of millions of clusters — and checked exactly in memory."""
    if not mentions:
        return []
    wanted: set[tuple[str, date, str]] = set()
    for m in mentions:
        span = m.interval(slack_days)
        if span is None:
            continue
        precision = m.precision or "day"
        first = span[0] - timedelta(days=PERIOD_DAYS.get(precision, 1) + 2 * slack_days)
        keys = m.match_keys()
        for n in range((span[1] - first).days + 1):
            day = first + timedelta(days=n)
            wanted.update((precision, day, k) for k in keys)
    docs = sorted({m.doc_id for m in mentions if m.date is None})
    ordered = sorted(wanted)
    want = pa.table(
        [[w[0] for w in ordered], [w[1] for w in ordered], [w[2] for w in ordered]],
        schema=pa.schema([("p", pa.string()), ("d", pa.date32()), ("k", pa.string())]),
    )
    con = store.connection
    con.register("_heron_days", want)
    try:
        rows = con.execute(
            "SELECT cluster_id, flagged, date_lo, date_hi, home_doc, profiles::VARCHAR, "
            "n_mentions, coalesce(date_precision, 'day') FROM clusters c "
            "WHERE NOT dirty AND ("
            "  c.cluster_id IN (SELECT c2.cluster_id FROM clusters c2 JOIN _heron_days w "
            "    ON c2.date_lo = w.d AND coalesce(c2.date_precision, 'day') = w.p "
            "    WHERE list_contains(c2.keys, w.k))"
            "  OR (c.date_lo IS NULL AND c.home_doc IN (SELECT unnest(?::TEXT[]))))",
            [docs],
        ).fetchall()
    finally:
        con.unregister("_heron_days")
    return [
        ClusterState(
            id=int(r[0]),
            flagged=bool(r[1]),
            lo=r[2],
            hi=r[3],
            home_doc=r[4],
            precision=str(r[7]),
            profiles=json.loads(r[5]),
            size=int(r[6]),
        )
        for r in rows
    ]


def _scalar(store: Store, sql: str) -> int:
    rows = store.connection.execute(sql).fetchall()  # fetch all: DuckDB 2 wants results finished
    return int(rows[0][0])


def _next_id(store: Store) -> int:
    return _scalar(store, "SELECT coalesce(max(cluster_id), 0) + 1 FROM clusters")


# -- writing -------------------------------------------------------------------------------------


def _write_members(store: Store, assigned: list[Assignment]) -> None:
    if not assigned:
        return
    start = _scalar(store, "SELECT coalesce(max(seq), 0) + 1 FROM cluster_members")
    table = pa.table(
        {
            "event_id": [a.event_id for a in assigned],
            "cluster_id": pa.array([a.cluster_id for a in assigned], pa.int64()),
            "doc_id": [a.doc_id for a in assigned],
            "seq": pa.array(range(start, start + len(assigned)), pa.int64()),
            "via": [a.via for a in assigned],
            "reason": [a.reason for a in assigned],
        }
    )
    _insert(store, "cluster_members", table)


def _resummarise(store: Store, ids: list[int], slack_days: int) -> list[int]:
    """Summarise clusters again from the members they still have; drop the empty ones."""
    members: defaultdict[int, list[str]] = defaultdict(list)
    for cid, event_id in store.connection.execute(
        "SELECT cluster_id, event_id FROM cluster_members "
        "WHERE cluster_id IN (SELECT unnest(?::BIGINT[])) ORDER BY seq",
        [ids],
    ).fetchall():
        members[int(cid)].append(str(event_id))
    _delete_clusters(store, ids)
    everyone = [e for events in members.values() for e in events]
    by_event = {m.event_id: m for m in load_mentions(store, event_ids=everyone)}
    states = {
        cid: _state_of(cid, [by_event[e] for e in events if e in by_event], slack_days)
        for cid, events in sorted(members.items())
    }
    _write_summaries(store, states)
    return sorted(states)


def _state_of(cid: int, ms: list[Mention], slack_days: int) -> ClusterState:
    lo = hi = None
    profiles: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, m in enumerate(ms):
        iv = m.interval(slack_days)
        if iv is not None:
            lo = iv[0] if i == 0 or lo is None else max(lo, iv[0])
            hi = iv[1] if i == 0 or hi is None else min(hi, iv[1])
        p = m.profile()
        if profile_key(p) not in seen:
            seen.add(profile_key(p))
            profiles.append(p)
    first = ms[0]
    return ClusterState(
        id=cid,
        flagged=first.flagged,
        lo=lo,
        hi=hi,
        home_doc=first.doc_id,
        precision=first.precision or "day",
        profiles=profiles,
        size=len(ms),
    )


def _delete_clusters(store: Store, ids: Sequence[int]) -> None:
    con = store.connection
    for table in ("cluster_dyads", "clusters"):
        con.execute(
            f"DELETE FROM {table} WHERE cluster_id IN (SELECT unnest(?::BIGINT[]))", [list(ids)]
        )


def _write_summaries(store: Store, states: dict[int, ClusterState]) -> None:
    """Write the ``clusters`` and ``cluster_dyads`` rows of these clusters again."""
    if not states:
        return
    ids = sorted(states)
    con = store.connection
    # the members of these clusters, once: every query below starts from them, so DuckDB probes
    # the big tables (events, actors) with a few thousand ids instead of joining them whole
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _heron_touched AS SELECT event_id, cluster_id "
        "FROM cluster_members WHERE cluster_id IN (SELECT unnest(?::BIGINT[]))",
        [ids],
    )
    rows = _summaries(store, ids, states)
    _delete_clusters(store, ids)
    _insert(store, "clusters", _clusters_table(rows))
    con.execute(
        "INSERT INTO cluster_dyads SELECT DISTINCT c.cluster_id, c.date, c.date_precision, "
        "a.code, a.country, a.sector, a.name, r.code, r.country, r.sector, r.name, c.cameo, "
        "c.cameo_root, c.quad_class, c.goldstein, c.plover_score, c.event_type, c.flagged "
        "FROM _heron_touched m JOIN clusters c ON c.cluster_id = m.cluster_id "
        f"LEFT JOIN ({_SIDE.format(role='actor')}) a ON a.event_id = m.event_id "
        f"LEFT JOIN ({_SIDE.format(role='recipient')}) r ON r.event_id = m.event_id"
    )
    con.execute("DROP TABLE _heron_touched")


# one side of the touched events' dyads (role is a fixed word, never user input)
_SIDE = (
    "SELECT * FROM actors WHERE role = '{role}' "
    "AND event_id IN (SELECT event_id FROM _heron_touched)"
)


_MEMBER_COLS = (
    "cluster_id",
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    "date_text",
    "cameo",
    "cameo_root",
    "event_type",
    "mode",
    "quad_class",
    "goldstein",
    "plover_score",
    "confidence",
    "actor_code",
    "actor_country",
    "recipient_code",
    "recipient_country",
    "actor_name",
    "recipient_name",
    "sentence_text",
    "location_name",
    "location_country",
    "published",
    "source",
)


def _summaries(
    store: Store, ids: list[int], states: dict[int, ClusterState]
) -> list[dict[str, Any]]:
    con = store.connection
    cur = con.execute(
        "SELECT m.cluster_id, e.event_id, e.doc_id, e.sentence_index, e.date, e.date_precision, "
        "e.date_text, e.cameo, e.cameo_root, e.event_type, e.mode, e.quad_class, e.goldstein, "
        "e.plover_score, e.confidence, e.actor_code, e.actor_country, e.recipient_code, "
        "e.recipient_country, a.name, r.name, e.sentence_text, e.location_name, "
        "e.location_country, d.published, d.source "
        "FROM _heron_touched m "
        "JOIN (SELECT * FROM events WHERE event_id IN (SELECT event_id FROM _heron_touched)) e "
        "ON e.event_id = m.event_id JOIN documents d ON d.doc_id = e.doc_id "
        f"LEFT JOIN ({_SIDE.format(role='actor')}) a ON a.event_id = e.event_id AND a.idx = 0 "
        f"LEFT JOIN ({_SIDE.format(role='recipient')}) r "
        "ON r.event_id = e.event_id AND r.idx = 0"
    )
    members: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in cur.fetchall():
        row = dict(zip(_MEMBER_COLS, r, strict=True))
        members[int(row["cluster_id"])].append(row)
    docs = sorted({m["doc_id"] for ms in members.values() for m in ms})
    copies: defaultdict[str, list[tuple[date | None, str]]] = defaultdict(list)
    for canonical, doc_id, published, source in con.execute(
        "SELECT canonical_id, doc_id, published, source FROM document_copies "
        "WHERE canonical_id IN (SELECT unnest(?::TEXT[]))",
        [docs],
    ).fetchall():
        copies[str(canonical)].append((published, str(source or doc_id)))
    return [summarise(states[i], members[i], copies) for i in ids if members.get(i)]


def summarise(
    state: ClusterState,
    members: list[dict[str, Any]],
    copies: dict[str, list[tuple[date | None, str]]],
) -> dict[str, Any]:
    """One cluster's row: counts, first and last seen, best-supported code and date, and its
    representative mention (the best-supported code's most confident mention, earliest first)."""
    codes = Counter(m["cameo"] for m in members)
    confidence: defaultdict[str, float] = defaultdict(float)
    for m in members:
        confidence[m["cameo"]] += float(m["confidence"] or 0.0)
    cameo = min(codes, key=lambda c: (-codes[c], -confidence[c], c))
    rep = min(
        (m for m in members if m["cameo"] == cameo),
        key=lambda m: (-(m["confidence"] or 0.0), _published(m), m["doc_id"], m["event_id"]),
    )
    when, precision = best_date(members)
    docs = {m["doc_id"]: (m["published"], str(m["source"] or m["doc_id"])) for m in members}
    seen = [p for p, _s in docs.values()] + [p for d in docs for p, _s in copies.get(d, ())]
    sources = {s for _p, s in docs.values()} | {s for d in docs for _p, s in copies.get(d, ())}
    dates = [d for d in seen if d is not None]
    places = Counter(m["location_name"] for m in members if m["location_name"])
    place = min(places, key=lambda p: (-places[p], p)) if places else None
    place_country = next(
        (m["location_country"] for m in members if m["location_name"] == place), None
    )
    keys = sorted(state.match_keys())
    return {
        "cluster_id": state.id,
        "flagged": state.flagged,
        "date": when,
        "date_precision": precision,
        "date_lo": state.lo,
        "date_hi": state.hi,
        "home_doc": state.home_doc,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "event_type": rep["event_type"],
        "mode": rep["mode"],
        "quad_class": rep["quad_class"],
        "goldstein": rep["goldstein"],
        "plover_score": rep["plover_score"],
        "actor_code": rep["actor_code"],
        "actor_country": rep["actor_country"],
        "actor_name": rep["actor_name"],
        "recipient_code": rep["recipient_code"],
        "recipient_country": rep["recipient_country"],
        "recipient_name": rep["recipient_name"],
        "location_name": place,
        "location_country": place_country,
        "representative": rep["event_id"],
        "sentence_text": rep["sentence_text"],
        "n_mentions": len(members),
        "n_documents": len(docs) + sum(len(copies.get(d, ())) for d in docs),
        "n_sources": len(sources),
        "first_seen": min(dates) if dates else None,
        "last_seen": max(dates) if dates else None,
        "keys": keys,
        "profiles": json.dumps(state.profiles, ensure_ascii=False),
        "dirty": False,
    }


def best_date(members: list[dict[str, Any]]) -> tuple[date | None, str | None]:
    """The best-supported date: the finest precision first (a date stated in the sentence before
    a publication date), then the date most members give, then the earliest."""

    def rank(m: dict[str, Any]) -> int:
        r = _PRECISION_RANK.get(m["date_precision"] or "", 9)
        return r if r or m["date_text"] else 1  # a day from the publication date ranks after

    dated = [m for m in members if m["date"] is not None]
    if not dated:
        return None, None
    top = min(rank(m) for m in dated)
    votes = Counter(m["date"] for m in dated if rank(m) == top)
    when = min(votes, key=lambda d: (-votes[d], d))
    precision = next(m["date_precision"] for m in dated if m["date"] == when and rank(m) == top)
    return when, precision


def _published(m: dict[str, Any]) -> date:
    return m["published"] or date.max


_CLUSTER_SCHEMA = pa.schema(
    [
        ("cluster_id", pa.int64()),
        ("flagged", pa.bool_()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("date_lo", pa.date32()),
        ("date_hi", pa.date32()),
        ("home_doc", pa.string()),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        ("event_type", pa.string()),
        ("mode", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("plover_score", pa.float64()),
        ("actor_code", pa.string()),
        ("actor_country", pa.string()),
        ("actor_name", pa.string()),
        ("recipient_code", pa.string()),
        ("recipient_country", pa.string()),
        ("recipient_name", pa.string()),
        ("location_name", pa.string()),
        ("location_country", pa.string()),
        ("representative", pa.string()),
        ("sentence_text", pa.string()),
        ("n_mentions", pa.int32()),
        ("n_documents", pa.int32()),
        ("n_sources", pa.int32()),
        ("first_seen", pa.date32()),
        ("last_seen", pa.date32()),
        ("keys", pa.list_(pa.string())),
        ("profiles", pa.string()),
        ("dirty", pa.bool_()),
    ]
)


def _clusters_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.table(
        {name: [r[name] for r in rows] for name in _CLUSTER_SCHEMA.names}, schema=_CLUSTER_SCHEMA
    )


def _insert(store: Store, table: str, data: pa.Table) -> None:
    if data.num_rows == 0:
        return
    con = store.connection
    name = f"_heron_{table}"
    con.register(name, data)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")  # fixed names
    finally:
        con.unregister(name)
