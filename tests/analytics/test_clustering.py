"""Event clusters in the store: across stories, incremental, stable, and summarised with counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from store_factories import CODER, make_event, make_result, write

from heron.analytics import rebuild_clusters, update_clusters
from heron.analytics.frames import cluster_detail, clusters
from heron.records import Flags
from heron.store import Store
from heron.store.rows import CopyRow

MON, TUE = date(2025, 7, 7), date(2025, 7, 8)


def arrest(doc: str, when: date = MON, s: int = 0, **kw: object) -> object:
    return make_event(
        doc,
        s,
        0,
        cameo="173",
        event_type="COERCE",
        actors=["KENCOP"],
        recipients=["KENCVL"],
        when=when,
        **kw,  # type: ignore[arg-type]
    )


def add(store: Store, doc: str, *events: object, source: str | None = None) -> None:
    result = make_result(doc, list(events), published=MON)  # type: ignore[arg-type]
    if source:
        result = replace(result, doc=replace(result.doc, source=source))
    write(store, result)


def table(store: Store) -> list[tuple[object, ...]]:
    return store.connection.execute(
        "SELECT cluster_id, n_mentions, n_documents, n_sources FROM clusters ORDER BY cluster_id"
    ).fetchall()


def test_reports_of_one_happening_in_two_stories_are_one_cluster(store: Store) -> None:
    add(store, "wire", arrest("wire"), source="Wire")
    add(store, "paper", arrest("paper"), source="Paper")
    update_clusters(store)
    assert table(store) == [(1, 2, 2, 2)]
    detail = cluster_detail(store, 1)
    reasons = list(detail.members["reason"])
    assert reasons[0] == "first report" and "same code 173" in reasons[1]
    assert detail.summary["cameo"] == "173" and detail.summary["date"] == MON


def test_the_next_day_is_another_happening(store: Store) -> None:
    add(store, "mon", arrest("mon"))
    add(store, "tue", arrest("tue", when=TUE))
    update_clusters(store)
    assert [r[1] for r in table(store)] == [1, 1]


def test_a_new_document_joins_the_existing_cluster_and_nothing_else_moves(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    add(store, "other", make_event("other", 0, 0))  # Japan → North Korea
    first = update_clusters(store)
    assert (first.founded, first.joined) == (2, 0)
    before = table(store)
    add(store, "paper", arrest("paper"))
    second = update_clusters(store)
    assert (second.founded, second.joined) == (0, 1)
    after = table(store)
    assert after[0] == (before[0][0], 2, 2, 1) and after[1] == before[1]  # one source


def test_running_again_changes_nothing(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    add(store, "paper", arrest("paper"))
    update_clusters(store)
    before = (table(store), store.connection.execute("SELECT * FROM cluster_members").fetchall())
    again = update_clusters(store)
    assert again.events == 0
    after = (table(store), store.connection.execute("SELECT * FROM cluster_members").fetchall())
    assert after == before


def test_a_recoded_document_leaves_its_cluster(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    add(store, "paper", arrest("paper"))
    update_clusters(store)
    add(store, "paper", arrest("paper", when=TUE))  # coded again: now about Tuesday
    update_clusters(store)
    rows = store.connection.execute(
        "SELECT date, n_mentions FROM clusters ORDER BY date"
    ).fetchall()
    assert rows == [(MON, 1), (TUE, 1)]


def test_a_cluster_left_empty_is_dropped(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    update_clusters(store)
    write(store, make_result("wire", [], published=MON))  # no events any more
    done = update_clusters(store)
    assert done.dropped == 1 and table(store) == []
    assert store.connection.execute("SELECT count(*) FROM cluster_dyads").fetchall() == [(0,)]


def test_copies_count_as_documents_and_sources_of_the_cluster(store: Store) -> None:
    add(store, "wire", arrest("wire"), source="Wire")
    update_clusters(store)
    store.write_copies(
        [
            CopyRow("paper", "wire", "near", 0.93, "h", TUE, None, None, "Paper", None),
            CopyRow("site", "wire", "exact", 1.0, "h2", MON, None, None, "Wire", None),
        ]
    )
    update_clusters(store)
    assert table(store) == [(1, 1, 3, 2)]
    row = store.connection.execute("SELECT first_seen, last_seen FROM clusters").fetchall()
    assert row == [(MON, TUE)]
    assert len(cluster_detail(store, 1).copies) == 2


def test_copies_are_current_so_ingesting_them_again_skips_them(store: Store) -> None:
    store.write_copies([CopyRow("paper", "wire", "exact", 1.0, "h", MON, None, None, None, None)])
    assert store.current_doc_ids({"paper": "h"}) == {"paper"}
    assert store.current_doc_ids({"paper": "other"}) == set()


def test_a_document_that_becomes_a_copy_gives_up_its_events(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    add(store, "paper", arrest("paper"))
    update_clusters(store)
    store.write_copies([CopyRow("paper", "wire", "exact", 1.0, "h", MON, None, None, None, None)])
    update_clusters(store)
    assert table(store) == [(1, 1, 2, 2)]
    assert store.counts()["events"] == 1


def test_negated_reports_form_their_own_clusters(store: Store) -> None:
    add(store, "wire", arrest("wire"))
    add(store, "denial", arrest("denial", flags=Flags(negated=True)))
    update_clusters(store)
    flagged = store.connection.execute(
        "SELECT flagged, n_mentions FROM clusters ORDER BY cluster_id"
    ).fetchall()
    assert flagged == [(False, 1), (True, 1)]
    assert len(clusters(store)) == 1  # counts leave them out …
    assert len(clusters(store, include_flagged=True)) == 2  # … unless asked


def test_rebuilding_gives_the_same_clusters(store: Store) -> None:
    for doc in ("a", "b", "c"):
        add(store, doc, arrest(doc), make_event(doc, 1, 0))
    update_clusters(store)
    before = table(store)
    rebuild_clusters(store)
    assert table(store) == before


def test_an_older_store_is_upgraded_and_clustered_on_first_read(tmp_path) -> None:
    import duckdb

    from heron.store import migrations

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrations.migrate(con, migrations.MIGRATIONS[:2])  # a store from before clusters
    con.close()
    with Store(path) as store:  # migrated in place; its documents not clustered yet
        add(store, "wire", arrest("wire"))
        add(store, "paper", arrest("paper"))
    found = clusters(path)  # a read clusters what is pending first
    assert list(found["n_mentions"]) == [2]
    assert CODER  # the factories' coder version
