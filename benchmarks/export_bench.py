"""Export throughput: a million synthetic events, made with DuckDB SQL, exported to Parquet and
to GDELT 2.0 Events TSV (`make bench`; never a timed test).

The events are shaped like Heron's: five per document, one actor and one recipient each (one
in ten with a second actor, so GDELT writes ~1.1 rows per event), a place on one in three, dates
over four years, a handful of CAMEO codes and countries.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from heron.export import codes, export_events
from heron.store import Store

_CODES = "['036', '042', '173', '190', '010', '1721', '0841', '112']"
_TYPES = "['AGREE', 'CONSULT', 'COERCE', 'ASSAULT', NULL, 'COERCE', 'RETREAT', 'ACCUSE']"
_COUNTRIES = "['JPN', 'PRK', 'USA', 'CHN', 'KOR', 'RUS', 'UKR', 'ROU', 'IGO']"
_SECTORS = "['GOV', 'MIL', 'COP', NULL, 'CVL', 'JRN']"


def synthetic_store(path: Path, n: int) -> Store:
    """A store at ``path`` holding ``n`` synthetic events (SQL only: seconds for a million)."""
    store = Store(path)
    con = store.connection
    con.execute(
        f"""
        INSERT INTO documents (doc_id, content_hash, published, title, url, source, origin, status,
                               error, n_events, n_sentences, coded_at, coder)
        SELECT 'doc' || i, 'h', DATE '2021-01-01' + CAST(i % 1460 AS INTEGER), 'A title',
               'https://example.org/news/' || i, 'Example Wire', NULL, 'coded', NULL, 5, 12,
               TIMESTAMP '2024-06-01 12:00:00', 'heron 0.1.0'
        FROM range({n // 5 + 1}) t(i);
        CREATE TEMP TABLE ev AS
        SELECT i, 'doc' || (i // 5) AS doc_id, CAST(i % 5 AS INTEGER) AS k,
               {_CODES}[i % 8 + 1] AS cameo, {_TYPES}[i % 8 + 1] AS event_type,
               DATE '2021-01-01' + CAST((i // 5) % 1460 AS INTEGER) AS d,
               i % 3 = 0 AS placed
        FROM range({n}) t(i);
        INSERT INTO events
        SELECT doc_id || ':' || k || ':0', doc_id, k, 0, d, 'day', NULL, cameo, substr(cameo, 1, 2),
               4.0, 1, event_type, NULL, ['diplomatic'], 2.5,
               'JPNGOV', 'JPN', 'PRKGOV', 'PRK', 'offered to meet', 40, 55,
               'Japan offered to meet North Korea in Tokyo.', 0, 120,
               CASE WHEN placed THEN 'Tokyo' END, CASE WHEN placed THEN 'JPN' END,
               CASE WHEN placed THEN 35.69 END, CASE WHEN placed THEN 139.69 END,
               false, i % 20 = 0, false, true, false, 0.8, 'heron 0.1.0', 'heron-cameo 1', 'r',
               CASE WHEN placed
                   THEN '{{"location": {{"admin1": "40", "start": 100, "end": 105}}}}'
                   ELSE '{{"location": null}}' END
        FROM ev;
        INSERT INTO actors
        SELECT doc_id || ':' || k || ':0', role, idx, 'Japan', 'Japan',
               {_COUNTRIES}[(i + idx + (role = 'recipient')::INT * 3) % 9 + 1],
               {_SECTORS}[(i + idx) % 6 + 1], NULL, 10 * idx, 10 * idx + 5
        FROM ev, (VALUES ('actor', 0), ('actor', 1), ('recipient', 0)) r(role, idx)
        WHERE idx = 0 OR i % 10 = 0;
        UPDATE actors SET code = coalesce(country, '---') || coalesce(sector, '');
        """
    )
    return store


def export_times(n: int = 1_000_000, runs: int = 3) -> dict[str, tuple[float, int]]:
    """Median seconds and rows written, per format, for ``n`` synthetic events."""
    out: dict[str, tuple[float, int]] = {}
    codes.tables()  # warm: the code tables are read once per process
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        with synthetic_store(Path(tmp) / "bench.duckdb", n) as store:
            out["(make the synthetic store)"] = (time.perf_counter() - t0, n)
            for fmt, name in (("parquet", "e.parquet"), ("gdelt", "e.export.CSV")):
                times = []
                rows = 0
                for _ in range(runs):
                    t0 = time.perf_counter()
                    result = export_events(store, Path(tmp) / name, fmt, flagged=True)
                    times.append(time.perf_counter() - t0)
                    rows = result.rows
                times.sort()
                out[fmt] = (times[len(times) // 2], rows)
    return out


if __name__ == "__main__":
    for fmt, (seconds, rows) in export_times().items():
        print(f"{fmt}: {seconds:.2f} s, {rows:,} rows")
