"""`make bench` (analytics part): series and dyad rankings over 10 million synthetic events, and
how fast clustering keeps up with ingest → the "Analytics at scale" section of docs/PERFORMANCE.md.

The store is generated with DuckDB SQL (no coding): 10,000,000 events in 500,000 documents over
ten years, one actor and one recipient each drawn from 60 countries with a skew (a few pairs are
busy, most are rare), 5 sectors, 40 CAMEO codes; every two or three reports of one happening form
a cluster (about 4 million clusters), with their members and dyads as `heron ingest` would leave
them. Then:

* a monthly series for one dyad (USA → CHN) and the top-20 dyads (by volume, by conflict), on
  clusters (the default) and on raw mentions, through the library functions with the store open
  — the median of several runs after one warm-up, and once cold through a path, as the CLI does;
* clustering throughput: new documents are added to the 10-million-event store and
  :func:`heron.analytics.update_clusters` assigns their events, writes members, summaries and
  dyads, as ingest does after every batch.

Timings are recorded here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from heron.analytics import series, top_dyads, update_clusters
from heron.store import Store

COUNTRIES = (
    "USA CHN RUS UKR ISR PSE IRN IND PAK AFG JPN KOR PRK TWN PHL VNM GBR FRA DEU TUR SYR IRQ SAU "
    "YEM EGY LBY SDN ETH SOM KEN NGA MLI BFA NER COD ZAF BRA MEX COL VEN ARG CAN AUS IDN MMR THA "
    "BGD LKA NPL KAZ UZB GEO ARM AZE BLR POL HUN SRB BIH GRC"
).split()
SECTORS = ("GOV", "MIL", "COP", "CVL", "OPP")
CODES = (
    ("010", None, 1, 0.0),
    ("020", "REQUEST", 1, 3.0),
    ("036", "AGREE", 1, 4.0),
    ("040", "CONSULT", 1, 1.0),
    ("042", "CONSULT", 1, 1.9),
    ("043", "CONSULT", 1, 2.8),
    ("051", "SUPPORT", 1, 3.4),
    ("057", "AGREE", 1, 8.0),
    ("061", "COOPERATE", 2, 6.4),
    ("071", "AID", 2, 7.4),
    ("0841", "RETREAT", 2, 7.0),
    ("111", "ACCUSE", 3, -2.0),
    ("112", "ACCUSE", 3, -2.0),
    ("120", "REJECT", 3, -4.0),
    ("130", "THREATEN", 3, -4.4),
    ("138", "THREATEN", 3, -7.0),
    ("141", "PROTEST", 3, -6.5),
    ("145", "PROTEST", 4, -7.5),
    ("163", "SANCTION", 4, -8.0),
    ("173", "COERCE", 4, -5.0),
    ("175", "ASSAULT", 4, -9.0),
    ("180", "ASSAULT", 4, -9.0),
    ("181", "ASSAULT", 4, -9.0),
    ("190", "ASSAULT", 4, -10.0),
    ("193", "ASSAULT", 4, -10.0),
    ("194", "ASSAULT", 4, -10.0),
    ("1952", "ASSAULT", 4, -10.0),
    ("200", "ASSAULT", 4, -10.0),
)
DAYS = 3653  # 2015-01-01 … 2024-12-31
START = date(2015, 1, 1)


def _values(rows: list[tuple[Any, ...]]) -> str:
    return ", ".join("(" + ", ".join(_lit(v) for v in r) + ")" for r in rows)


def _lit(v: Any) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return repr(v)


def generate(
    store: Store, n_events: int, *, per_doc: int = 20, first: int = 0, recent: int = 0
) -> None:
    """``n_events`` synthetic events (ids from ``first``) with their actors, documents, and —
    when ``first`` is 0 — their clusters, members and cluster dyads; later ones are left for
    clustering to pick up. ``recent`` > 0 dates them in the last that many days (a news feed),
    else anywhere in the ten years."""
    con = store.connection
    con.execute("CREATE OR REPLACE TEMP TABLE codes(i INT, cameo TEXT, t TEXT, q INT, g DOUBLE)")
    con.execute(
        "INSERT INTO codes VALUES "
        + _values([(i, c, t, q, g) for i, (c, t, q, g) in enumerate(CODES)])
    )
    con.execute("CREATE OR REPLACE TEMP TABLE cc(i INT, c TEXT)")
    con.execute("INSERT INTO cc VALUES " + _values(list(enumerate(COUNTRIES))))
    nc, nk = len(COUNTRIES), len(CODES)
    # one row per event: a skewed actor and recipient (squares of uniform draws favour the
    # first countries), a code, a day; every 2–3 consecutive events share their happening
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE gen AS
        SELECT i,
               'e' || i AS event_id,
               'd' || (i // {per_doc}) AS doc_id,
               i // {per_doc} AS doc_no,
               h // 1 AS happening,
               floor(pow(hash(h, 1) % 1000 / 1000.0, 2) * {nc})::INT AS a,
               (floor(pow(hash(h, 2) % 1000 / 1000.0, 2) * {nc})::INT + 1
                 + (hash(h, 3) % 3)::INT) % {nc} AS r,
               (hash(h, 4) % {len(SECTORS)})::INT AS sa,
               (hash(h, 5) % {len(SECTORS)})::INT AS sr,
               (hash(h, 6) % {nk})::INT AS k,
               (hash(h, 7) % {recent or DAYS} + {DAYS - recent if recent else 0})::INT AS day
        FROM (SELECT range AS i, (range * 2 // 5) AS h FROM range({first}, {first + n_events}))
        """
    )
    sectors = "['" + "', '".join(SECTORS) + "']"
    con.execute(
        f"""
        INSERT INTO events (event_id, doc_id, sentence_index, story, date, date_precision,
            date_text, cameo, cameo_root, goldstein, quad_class, event_type, context,
            actor_code, actor_country, recipient_code, recipient_country, negated, hypothetical,
            future, reported, historical, confidence, coder, codebook, rule, record)
        SELECT g.event_id, g.doc_id, (g.i % {per_doc})::INT, 0,
               DATE '{START}' + g.day, 'day', 'on Monday', k.cameo, k.cameo[:2], k.g, k.q, k.t,
               [], ca.c || {sectors}[g.sa + 1], ca.c, cr.c || {sectors}[g.sr + 1], cr.c,
               hash(g.i, 8) % 50 = 0, hash(g.i, 9) % 40 = 0, false, false, false, 0.8,
               'bench', 'bench', 'bench', '{{}}'
        FROM gen g JOIN codes k ON k.i = g.k JOIN cc ca ON ca.i = g.a JOIN cc cr ON cr.i = g.r
        """
    )
    con.execute(
        f"""
        INSERT INTO actors (event_id, role, idx, text, name, country, sector, code)
        SELECT g.event_id, 'actor', 0, ca.c, NULL, ca.c, {sectors}[g.sa + 1],
               ca.c || {sectors}[g.sa + 1]
        FROM gen g JOIN cc ca ON ca.i = g.a
        UNION ALL
        SELECT g.event_id, 'recipient', 0, cr.c, NULL, cr.c, {sectors}[g.sr + 1],
               cr.c || {sectors}[g.sr + 1]
        FROM gen g JOIN cc cr ON cr.i = g.r
        """
    )
    clustered = "true" if first == 0 else "false"
    con.execute(
        f"""
        INSERT INTO documents (doc_id, content_hash, published, source, status, n_events,
            n_sentences, coded_at, coder, clustered)
        SELECT 'd' || doc_no, 'h', DATE '{START}' + min(day), 'src' || (doc_no % 97), 'coded',
               count(*)::INT, {per_doc}, now()::TIMESTAMP + to_microseconds(doc_no), 'bench',
               {clustered}
        FROM gen GROUP BY doc_no
        """
    )
    if first != 0:
        return
    # the clusters ingest would have made: one per happening (flagged apart)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE hap AS
        SELECT g.happening + 1 AS cluster_id, min(g.event_id) AS rep, count(*) AS n,
               count(DISTINCT g.doc_id) AS docs, any_value(e.date) AS date,
               bool_or(coalesce(e.negated OR e.hypothetical, false)) AS flagged,
               any_value(e.cameo) AS cameo, any_value(e.event_type) AS t,
               any_value(e.quad_class) AS q, any_value(e.goldstein) AS g,
               any_value(e.actor_code) AS ac, any_value(e.actor_country) AS a,
               any_value(e.recipient_code) AS rc, any_value(e.recipient_country) AS r,
               min(d.published) AS first_seen, max(d.published) AS last_seen
        FROM gen g JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id
        GROUP BY g.happening
        """
    )
    con.execute(
        """
        INSERT INTO clusters (cluster_id, flagged, date, date_precision, date_lo, date_hi,
            home_doc, cameo, cameo_root, event_type, quad_class, goldstein, actor_code,
            actor_country, recipient_code, recipient_country, representative, n_mentions,
            n_documents, n_sources, first_seen, last_seen, keys, profiles, dirty)
        SELECT cluster_id, flagged, date, 'day', date, date, NULL, cameo, cameo[:2], t, q, g,
               ac, a, rc, r, rep, n, docs, docs, first_seen, last_seen, [a, r],
               json_array(json_object('a', [[a, ac[4:], NULL]], 'r', [[r, rc[4:], NULL]],
                   'cameo', cameo, 'type', t, 'place', NULL, 'ev', rep, 'doc', 'd')),
               false
        FROM hap
        """
    )
    con.execute(
        """
        INSERT INTO cluster_members (event_id, cluster_id, doc_id, seq, via, reason)
        SELECT event_id, happening + 1, doc_id, i + 1, NULL, 'bench' FROM gen
        """
    )
    con.execute(
        """
        INSERT INTO cluster_dyads SELECT DISTINCT c.cluster_id, c.date, 'day', a.code,
            a.country, a.sector, NULL, r.code, r.country, r.sector, NULL, c.cameo, c.cameo_root,
            c.quad_class, c.goldstein, NULL, c.event_type, c.flagged
        FROM gen g JOIN clusters c ON c.cluster_id = g.happening + 1
        JOIN actors a ON a.event_id = g.event_id AND a.role = 'actor'
        JOIN actors r ON r.event_id = g.event_id AND r.role = 'recipient'
        """
    )


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    fn()  # warm
    times = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--new-docs", type=int, default=2_000, help="documents to cluster")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=Path("docs/PERFORMANCE.md"))
    ap.add_argument("--dir", type=Path, default=None, help="where the store is built")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        with Store(path) as store:
            generate(store, args.events)
            counts = store.counts()
        t_gen = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        rows: list[tuple[str, float, str]] = []
        with Store(path) as store:
            for label, fn in (
                (
                    "monthly series USA → CHN, clusters",
                    lambda: series(store, actor="USA", recipient="CHN", by="month"),
                ),
                (
                    "monthly series USA → CHN, goldstein, both directions",
                    lambda: series(
                        store,
                        actor="USA",
                        recipient="CHN",
                        by="month",
                        measure="goldstein",
                        both_directions=True,
                    ),
                ),
                ("top-20 dyads by volume, clusters", lambda: top_dyads(store, top=20)),
                (
                    "top-20 dyads by conflict, clusters, 2024",
                    lambda: top_dyads(store, top=20, rank="conflict", since=date(2024, 1, 1)),
                ),
                (
                    "monthly series USA → CHN, raw mentions",
                    lambda: series(store, actor="USA", recipient="CHN", by="month", mentions=True),
                ),
                ("top-20 dyads by volume, raw mentions", lambda: top_dyads(store, mentions=True)),
            ):
                t, out = timed(fn, args.runs)
                rows.append((label, t, f"{len(out)} rows, {int(out['events'].sum()):,} events"))
                print(f"{label}: {t * 1000:.0f} ms", file=sys.stderr)
        t0 = time.perf_counter()
        cold = series(path, actor="USA", recipient="CHN", by="month")
        t_cold = time.perf_counter() - t0
        # clustering throughput: new documents arrive in a 10-million-event store
        with Store(path) as store:
            n_new = args.new_docs * 20
            generate(store, n_new, first=args.events + 10_000_000, recent=30)
            t0 = time.perf_counter()
            done = update_clusters(store)
            t_cluster = time.perf_counter() - t0
    rate = done.events / t_cluster
    lines = [
        "## Analytics at scale",
        "",
        f"Measured by `make bench` (`benchmarks/analytics.py`) on {date.today().isoformat()}, "
        "same machine. A store of "
        f"{counts['events']:,} synthetic events in {counts['documents']:,} documents over ten "
        f"years and {counts['clusters']:,} event clusters ({size_mb:,.0f} MB; generated with "
        f"DuckDB SQL in {t_gen:.0f} s; see the script for its make-up). Medians of {args.runs} "
        "runs after a warm-up, through the library functions with the store open:",
        "",
        "| query | time | answer |",
        "|---|---:|---|",
        *(f"| {label} | {t * 1000:,.0f} ms | {what} |" for label, t, what in rows),
        f"| the first, cold: open the store by path, then query (what `heron series` does) | "
        f"{t_cold * 1000:,.0f} ms | {len(cold)} rows |",
        "",
        f"Clustering keeps up with ingest: {done.events:,} new events in {done.documents:,} "
        "documents of the last 30 days (a feed; the store already holds their days' clusters) "
        f"joined the clusters of this store in {t_cluster:.1f} s — **{rate:,.0f} "
        f"events/s** ({done.founded:,} new clusters, {done.joined:,} joined one), against about "
        "70 events/s that coding produces on one core (above).",
        "",
    ]
    section = "\n".join(lines)
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Performance\n"
    block = f"<!-- analytics -->\n{section}<!-- /analytics -->\n"
    if "<!-- analytics -->" in text:
        text = re.sub(r"<!-- analytics -->\n.*?<!-- /analytics -->\n", block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    args.out.write_text(text, encoding="utf-8")
    print(section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
