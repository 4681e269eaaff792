"""Writing documents: replace, never duplicate; failures are rows."""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_factories import CODER, make_event, make_result, write

from heron.errors import StoreError
from heron.records import Document, ReadFailure
from heron.store import Store


def test_writing_the_same_result_twice_gives_the_same_counts(store: Store) -> None:
    result = make_result(
        "d1", [make_event("d1", 0, 0), make_event("d1", 1, 0, actors=["JPN", "KOR"])]
    )
    write(store, result)
    first = store.counts()
    write(store, result)
    assert store.counts() == first
    assert first == {
        "documents": 1,
        "coded": 1,
        "no-event": 0,
        "failed": 0,
        "events": 2,
        "actors": 5,
        "failures": 0,
        "copies": 0,
        "clusters": 0,
    }


def test_changed_document_replaces_its_events(store: Store) -> None:
    write(store, make_result("d1", [make_event("d1", 0, 0), make_event("d1", 1, 0)]))
    write(store, make_result("d2", [make_event("d2", 0, 0)]))
    changed = make_result("d1", [make_event("d1", 4, 0, cameo="173")], text="Police arrested him.")
    write(store, changed)
    assert [e["event_id"] for e in store.query_events(doc_id="d1")] == ["d1:4:0"]
    assert store.counts()["events"] == 2
    assert store.counts()["actors"] == 4
    assert store.is_current("d1", Store.content_hash(changed.doc, CODER))


def test_document_rows_record_status_and_metadata(store: Store) -> None:
    write(store, make_result("d1", [make_event("d1")]))
    write(store, make_result("d2"))
    rows = store.connection.execute(
        "SELECT doc_id, status, n_events, n_sentences, title, coder, coded_at IS NOT NULL "
        "FROM documents ORDER BY doc_id"
    ).fetchall()
    assert rows == [
        ("d1", "coded", 1, 3, "Title d1", CODER, True),
        ("d2", "no-event", 0, 3, "Title d2", None, True),
    ]


def test_failed_result_is_a_failure_row(store: Store) -> None:
    write(store, make_result("d1", error="parser crashed on a 40k-char sentence"))
    assert store.counts()["failed"] == 1
    assert store.connection.execute("SELECT doc_id, origin, reason FROM failures").fetchall() == [
        ("d1", "feed.jsonl:d1", "parser crashed on a 40k-char sentence")
    ]


def test_a_failed_document_coded_again_loses_its_failure_row(store: Store) -> None:
    write(store, make_result("d1", error="boom"))
    write(store, make_result("d1", [make_event("d1")]))
    counts = store.counts()
    assert (counts["failed"], counts["coded"], counts["failures"]) == (0, 1, 0)


def test_read_failure_is_recorded_once(store: Store) -> None:
    failure = ReadFailure(id="feed.jsonl:7", origin="feed.jsonl:7", reason="invalid JSON")
    store.write_read_failure(failure)
    store.write_read_failure(failure)
    counts = store.counts()
    assert (counts["documents"], counts["failed"], counts["failures"]) == (1, 1, 1)
    assert store.connection.execute("SELECT status, error FROM documents").fetchall() == [
        ("failed", "invalid JSON")
    ]


def test_read_failure_never_replaces_a_coded_document(store: Store) -> None:
    write(store, make_result("d1", [make_event("d1")]))
    assert not store.write_read_failure(ReadFailure(id="d1", origin="x", reason="file vanished"))
    counts = store.counts()
    assert (counts["coded"], counts["events"], counts["failures"]) == (1, 1, 0)


def test_read_failure_replaces_a_different_failure_and_rewriting_is_a_no_op(store: Store) -> None:
    assert store.write_read_failure(ReadFailure(id="d1", origin="x", reason="first"))
    assert store.write_read_failure(ReadFailure(id="d1", origin="x", reason="second"))
    assert not store.write_read_failure(ReadFailure(id="d1", origin="x", reason="second"))
    assert store.counts()["failures"] == 1


def test_is_current_follows_text_date_and_coder_version(store: Store) -> None:
    result = make_result("d1", [make_event("d1")])
    write(store, result)
    h = Store.content_hash(result.doc, CODER)
    assert store.is_current("d1", h)
    assert not store.is_current("d2", h)
    doc = result.doc
    for other in (
        Store.content_hash(doc, "heron 0.2.0"),
        Store.content_hash(replace(doc, text=doc.text + " "), CODER),
        Store.content_hash(replace(doc, published=None), CODER),
    ):
        assert other != h
        assert not store.is_current("d1", other)


def test_content_hash_ignores_metadata_other_than_the_date() -> None:
    doc = Document(id="a", text="t", title="one")
    assert Store.content_hash(doc, CODER) == Store.content_hash(
        replace(doc, id="b", title="two"), CODER
    )


def test_failed_documents_are_never_current(store: Store) -> None:
    result = make_result("d1", error="boom")
    write(store, result)
    assert not store.is_current("d1", Store.content_hash(result.doc, CODER))


def test_current_doc_ids_checks_many_at_once(store: Store) -> None:
    results = [make_result(f"d{i}", [make_event(f"d{i}")]) for i in range(3)]
    for r in results:
        write(store, r)
    hashes = {r.doc.id: Store.content_hash(r.doc, CODER) for r in results}
    hashes["d1"] = "stale"
    hashes["d9"] = "new"
    assert store.current_doc_ids(hashes) == {"d0", "d2"}
    assert store.current_doc_ids({}) == set()


def test_write_results_batch_keeps_the_last_result_per_document(store: Store) -> None:
    first = make_result("d1", [make_event("d1", 0, 0)])
    second = make_result("d1", [make_event("d1", 2, 0), make_event("d1", 2, 1)], text="new")
    other = make_result("d2")
    n = store.write_results([(first, "h1"), (other, "h2"), (second, "h3")])
    assert n == 2
    assert [e["event_id"] for e in store.query_events(doc_id="d1")] == ["d1:2:0", "d1:2:1"]
    assert store.is_current("d1", "h3")


def test_a_failing_write_leaves_the_old_document_untouched(store: Store) -> None:
    write(store, make_result("d1", [make_event("d1", 0, 0)]))
    before = store.counts()
    duplicate = make_result("d1", [make_event("d1", 1, 0), make_event("d1", 1, 0)])
    with pytest.raises(StoreError, match="bug in the coder"):
        write(store, duplicate)
    assert store.counts() == before
    assert [e["event_id"] for e in store.query_events()] == ["d1:0:0"]


def test_event_of_another_document_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="claims document 'd2'"):
        write(store, make_result("d1", [make_event("d2")]))
    assert store.counts()["documents"] == 0
