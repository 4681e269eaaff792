"""Fuzzed input: every record ends as coded, no-event, failed with its reason, or a reported
duplicate; ``coded + no-event + failed + duplicates + copies = input``; nothing crashes and a
re-run changes nothing. The full 10,000-record run is tools/reliability.py (docs/RELIABILITY.md)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heron.batch import ingest_paths
from heron.ingest import iter_documents
from heron.records import Document, ReadFailure

from .fuzz_corpus import write_corpus

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
records = st.one_of(
    st.fixed_dictionaries(
        {"text": st.text() | json_values},
        optional={"id": json_values, "date": json_values, "title": json_values},
    ),
    json_values,
)


def _lines(items: list[bytes]) -> list[bytes]:
    """The lines as records: a blank line is not one."""
    return [line for line in items if line.strip()]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(records | st.binary(max_size=60), max_size=25))
def test_every_jsonl_line_becomes_exactly_one_item(tmp_path: Path, items: list[object]) -> None:
    raw = [b'{"text": "First."}'] + [  # a first line without a byte-order mark
        (i if isinstance(i, bytes) else json.dumps(i).encode()).replace(b"\n", b" ") for i in items
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\n".join(raw) + b"\n")
    out = list(iter_documents([path]))
    assert len(out) == len(_lines(raw))
    for o in out:
        if isinstance(o, ReadFailure):
            assert o.reason.startswith(str(path)) and len(o.reason) > len(str(path)) + 2
        else:
            assert o.text.strip() and o.id


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(st.text(max_size=30), min_size=1, max_size=4), max_size=12))
def test_csv_rows_never_crash_and_every_row_is_accounted(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows([["id", "text"], *rows])
    path = tmp_path / "feed.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    out = list(iter_documents([path]))
    assert all(isinstance(o, Document | ReadFailure) for o in out)
    assert len(out) <= len(rows)


def test_the_fuzz_corpus_is_read_one_item_per_record(tmp_path: Path) -> None:
    feed = tmp_path / "fuzz.jsonl"
    kinds = write_corpus(feed, 10_000)
    out = list(iter_documents([feed]))
    assert len(out) == sum(kinds.values()) == 10_000
    docs = [o for o in out if isinstance(o, Document)]
    assert len({d.id for d in docs}) == len(docs)  # every document its own id
    failure_ids = [o.id for o in out if isinstance(o, ReadFailure) and o.failed]
    assert len(set(failure_ids)) == len(failure_ids)
    assert not set(failure_ids) & {d.id for d in docs}  # a failure never takes a document's id


@pytest.mark.model
def test_a_fuzzed_ingest_accounts_for_every_record_and_a_rerun_is_a_no_op(tmp_path: Path) -> None:
    feed, db = tmp_path / "fuzz.jsonl", tmp_path / "h.duckdb"
    write_corpus(feed, 1_000, seed=15, huge=False)
    s = ingest_paths([feed], db=db)
    assert s.documents == 1_000
    assert s.coded + s.no_event + s.failed + s.duplicates + s.copies == s.documents
    query = "SELECT doc_id, status, n_events, content_hash, error FROM documents ORDER BY doc_id"
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(query).fetchall()
    copies = con.execute("SELECT count(*) FROM document_copies").fetchone()
    con.close()
    assert copies is not None
    assert len(rows) + copies[0] == s.documents - s.duplicates  # nothing unaccounted
    again = ingest_paths([feed], db=db)
    assert again.coded == again.no_event == again.copies == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(query).fetchall() == rows
    con.close()
