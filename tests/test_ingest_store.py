"""`heron ingest` end to end: idempotent, a changed document replaces its events, nothing lost."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from heron.batch import ingest_paths

pytestmark = pytest.mark.model


def _counts(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "events", "failures")
        }
    finally:
        con.close()


def test_reingest_adds_nothing_and_a_change_replaces(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    story = folder / "a.txt"
    story.write_text(
        "Kenyan police arrested 12 protesters in Nairobi on Tuesday.", encoding="utf-8"
    )
    db = tmp_path / "h.duckdb"
    first = ingest_paths([folder], db=db, published=date(2024, 5, 8))
    assert first.coded == 1 and first.events >= 1
    before = _counts(db)
    again = ingest_paths([folder], db=db, published=date(2024, 5, 8))
    assert again.skipped == 1 and again.events == 0
    assert _counts(db) == before
    story.write_text("Lithuania expelled two Russian diplomats on Monday.", encoding="utf-8")
    changed = ingest_paths([folder], db=db, published=date(2024, 5, 8))
    assert changed.coded == 1
    con = duckdb.connect(str(db), read_only=True)
    codes = [r[0] for r in con.execute("select cameo from events").fetchall()]
    con.close()
    assert codes and all(c.startswith("16") for c in codes)


def test_bad_inputs_are_failures_with_reasons_and_the_rest_is_coded(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Ugandan police arrested the opposition leader.", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("   ", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "feed.jsonl").write_text('{"id": "x", "text": "Hi."}\n{broken\n', encoding="utf-8")
    db = tmp_path / "h.duckdb"
    summary = ingest_paths([folder], db=db)
    assert summary.coded == 1
    assert summary.failed == 3
    reasons = " ".join(r for _, r in summary.failures)
    assert "empty" in reasons and "binary" in reasons
    counts = _counts(db)
    assert counts["failures"] == 3
    assert counts["documents"] == summary.documents
