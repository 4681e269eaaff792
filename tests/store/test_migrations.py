"""Migrations are applied in order, recorded, and never twice."""

from __future__ import annotations

import duckdb
import pytest

from heron.errors import StoreError
from heron.store import Store, migrations
from heron.store.migrations import MIGRATIONS, Migration


def test_fresh_database_gets_every_migration_recorded() -> None:
    con = duckdb.connect(":memory:")
    assert migrations.migrate(con) == [m.name for m in MIGRATIONS]
    assert migrations.applied(con) == [m.name for m in MIGRATIONS]
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {"migrations", "documents", "events", "actors", "failures"} <= tables


def test_applying_twice_is_a_no_op() -> None:
    con = duckdb.connect(":memory:")
    migrations.migrate(con)
    assert migrations.migrate(con) == []
    assert con.execute("SELECT count(*) FROM migrations").fetchone() == (len(MIGRATIONS),)


def test_store_reports_schema_version(store: Store) -> None:
    assert store.schema_version() == len(MIGRATIONS)


def test_new_migration_is_applied_after_the_old_ones() -> None:
    con = duckdb.connect(":memory:")
    migrations.migrate(con)
    extra = (*MIGRATIONS, Migration("0099_notes", "CREATE TABLE notes (doc_id TEXT, note TEXT)"))
    assert migrations.migrate(con, extra) == ["0099_notes"]
    assert migrations.applied(con)[-1] == "0099_notes"
    assert migrations.migrate(con, extra) == []


def test_failed_migration_is_rolled_back_and_not_recorded() -> None:
    con = duckdb.connect(":memory:")
    migrations.migrate(con)
    broken = (
        *MIGRATIONS,
        Migration("0099_broken", "CREATE TABLE half (a INT); SELECT nope FROM x"),
    )
    with pytest.raises(duckdb.Error):
        migrations.migrate(con, broken)
    assert "0099_broken" not in migrations.applied(con)
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert "half" not in tables


def test_database_from_a_newer_heron_is_refused(tmp_path) -> None:
    path = tmp_path / "new.duckdb"
    con = duckdb.connect(str(path))
    migrations.migrate(con)
    con.execute("INSERT INTO migrations VALUES ('0500_future', now()::TIMESTAMP)")
    con.close()
    with pytest.raises(StoreError, match=r"newer heron.*0500_future"):
        Store(path)
