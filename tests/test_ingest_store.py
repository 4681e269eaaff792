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


def _rows(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute(
            "select doc_id, status, n_events, content_hash, error from documents order by doc_id"
        ).fetchall()
        events = con.execute("select event_id from events order by event_id").fetchall()
        return docs, events
    finally:
        con.close()


def test_repeated_ids_never_lose_a_coded_document_and_reruns_are_no_ops(tmp_path):
    import json

    story = "Kenyan police arrested 12 protesters in Nairobi on Tuesday."
    lines = [json.dumps({"id": "x", "text": story, "date": "2024-05-08"})]
    lines += [json.dumps({"text": f"Nothing happened on day {i}."}) for i in range(3)]
    lines += [
        json.dumps({"id": "x", "text": story, "date": "2024-05-08"}),  # a true duplicate
        json.dumps({"id": "x", "text": "Another text."}),  # a conflicting id
        json.dumps({"id": "x"}),  # a failure naming a taken id
        '{"broken',
        json.dumps({"text": "Nothing happened on day 0."}),  # a duplicate without an id
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "h.duckdb"
    first = ingest_paths([feed], db=db)
    assert (first.documents, first.coded, first.no_event, first.duplicates, first.failed) == (
        9,
        1,
        3,
        2,
        3,
    )
    rows = _rows(db)
    assert ("x", "coded") in [(r[0], r[1]) for r in rows[0]]
    assert len(rows[0]) == 7  # 4 documents + 3 failures, each under its own id
    for _ in range(2):
        again = ingest_paths([feed], db=db)
        assert (again.skipped, again.duplicates, again.failed, again.coded) == (4, 2, 3, 0)
        assert _rows(db) == rows


def test_files_named_alike_in_two_folders_ingested_apart_are_both_kept(tmp_path):
    for folder, text in (("a", "Kenyan police arrested 12 protesters."), ("b", "Japan met China.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "h.duckdb"
    ingest_paths([tmp_path / "a"], db=db)
    ingest_paths([tmp_path / "b"], db=db)
    rows = _rows(db)
    ids = [r[0] for r in rows[0]]
    assert len(ids) == 2 and ids[0] == "story.txt" and ids[1].startswith("story.txt#")
    for folder in ("a", "b"):  # and re-runs change nothing
        again = ingest_paths([tmp_path / folder], db=db)
        assert again.skipped == 1
    assert _rows(db) == rows
    (tmp_path / "a" / "story.txt").write_text(
        "Kenyan police freed 12 protesters.", encoding="utf-8"
    )
    edited = ingest_paths([tmp_path / "a"], db=db)  # an edited file still replaces itself
    assert edited.coded + edited.no_event == 1 and len(_rows(db)[0]) == 2
