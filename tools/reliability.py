"""The fuzz figures of docs/RELIABILITY.md: 10,000 generated records (tests/reliability/
fuzz_corpus.py, seed 14) through `heron ingest` twice, and through the readers.

    uv run python tools/reliability.py [--n 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from fuzz_corpus import write_corpus  # noqa: E402

from heron.batch import code_paths, ingest_paths  # noqa: E402
from heron.records import ReadFailure  # noqa: E402

QUERY = "SELECT doc_id, status, n_events, content_hash, error FROM documents ORDER BY doc_id"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        feed, db = Path(tmp) / "fuzz.jsonl", Path(tmp) / "h.duckdb"
        kinds = write_corpus(feed, args.n)
        print("kinds:", ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
        t = time.perf_counter()
        counts = {"coded": 0, "no-event": 0, "failed": 0, "duplicate": 0}
        for r in code_paths([feed]):
            if isinstance(r, ReadFailure):
                counts["failed" if r.failed else "duplicate"] += 1
            else:
                counts[r.status] += 1
        print(
            f"code: {sum(counts.values())} out, "
            + ", ".join(f"{n} {k}" for k, n in counts.items())
            + f" in {time.perf_counter() - t:.0f} s"
        )
        t = time.perf_counter()
        s = ingest_paths([feed], db=db)
        took = time.perf_counter() - t
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute(QUERY).fetchall()
        copies = con.execute("SELECT count(*) FROM document_copies").fetchone()[0]  # type: ignore[index]
        con.close()
        stored = len(rows) + copies
        print(
            f"ingest: {s.documents} in, {s.coded} coded, {s.no_event} no-event, {s.failed} failed, "
            f"{s.duplicates} duplicates, {s.copies} copies, {s.events} events in {took:.0f} s; "
            f"stored {stored} (+ {s.duplicates} duplicates) → unaccounted "
            f"{s.documents - s.duplicates - stored}"
        )
        t = time.perf_counter()
        again = ingest_paths([feed], db=db)
        con = duckdb.connect(str(db), read_only=True)
        changed = len(set(rows) ^ set(con.execute(QUERY).fetchall()))
        con.close()
        print(
            f"re-run: {again.skipped} already stored, {again.failed} failed again, "
            f"{again.coded} coded, {changed} document rows changed "
            f"in {time.perf_counter() - t:.0f} s"
        )


if __name__ == "__main__":
    main()
