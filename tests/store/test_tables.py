"""The store's event tables agree with heron.schema: the migrated DDL, the Arrow schemas, the views.

Migrations are literal SQL (history is never rewritten), so these tests are what keeps them in step
with the schema: a field routed to the store fails here until a new migration adds its column.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pyarrow as pa
import pytest

from heron.schema import ACTOR, RECORD, Kind, Output, actor_columns, columns, role_fields
from heron.store import migrations, rows


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(":memory:")
    migrations.migrate(c)
    return c


def _table(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    return [
        (str(n), str(t))
        for n, t in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? ORDER BY ordinal_position",
            [name],
        ).fetchall()
    ]


def test_events_ddl_is_the_schema(con: duckdb.DuckDBPyConnection) -> None:
    expected = [(c.name, c.kind.sql) for c in (*columns(Output.EVENTS), RECORD)]
    assert _table(con, "events") == expected


def test_actors_ddl_is_the_schema(con: duckdb.DuckDBPyConnection) -> None:
    assert _table(con, "actors") == [(c.name, c.kind.sql) for c in actor_columns()]


@pytest.mark.parametrize(
    ("arrow", "cols"),
    [(rows.EVENTS, (*columns(Output.EVENTS), RECORD)), (rows.ACTORS, actor_columns())],
    ids=["events", "actors"],
)
def test_arrow_schemas_are_the_schema(arrow, cols) -> None:
    assert [(f.name, f.type) for f in arrow] == [(c.name, c.kind.arrow) for c in cols]


def test_not_null_columns_are_never_null_in_records(con: duckdb.DuckDBPyConnection) -> None:
    required = {
        str(r[0])
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'events' AND is_nullable = 'NO'"
        ).fetchall()
    }
    by_name = {c.name: c for c in columns(Output.EVENTS)}
    for name in required - {RECORD.name}:
        col = by_name[name]
        assert col.sub is None and col.field is not None and not col.field.nullable, name


def test_roles_are_the_event_fields_the_ddl_allows(con: duckdb.DuckDBPyConnection) -> None:
    roles = [f.name for f in role_fields()]
    assert roles == ["actor", "recipient"]
    con.execute("BEGIN")
    try:
        for role in roles:
            con.execute("INSERT INTO actors (event_id, role, idx) VALUES ('e', ?, 0)", [role])
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO actors (event_id, role, idx) VALUES ('e', 'source', 0)")
    finally:
        con.execute("ROLLBACK")


@pytest.mark.parametrize("kind", [k for k in Kind if k.sql], ids=lambda k: k.name)
def test_arrow_type_loads_into_the_duckdb_type(kind: Kind) -> None:
    samples = {
        Kind.TEXT: "x",
        Kind.INT: 3,
        Kind.FLOAT: 0.5,
        Kind.BOOL: True,
        Kind.DATE: date(2024, 3, 25),
        Kind.TEXT_LIST: ["a", "b"],
        Kind.JSON: '{"a": 1}',
    }
    c = duckdb.connect(":memory:")
    c.execute(f"CREATE TABLE t (v {kind.sql})")
    data = pa.table([pa.array([samples[kind]], type=kind.arrow)], names=["v"])
    c.register("src", data)
    c.execute("INSERT INTO t BY NAME SELECT * FROM src")
    got = c.execute("SELECT v FROM t").fetchone()
    assert got is not None
    assert got[0] == samples[kind]


def test_dyads_view_columns_are_typed_like_the_schema(con: duckdb.DuckDBPyConnection) -> None:
    events = {c.name: c.kind.sql for c in columns(Output.EVENTS)}
    for name, sql in _table(con, "dyads"):
        side, _, sub = name.partition("_")
        if side in ("actor", "recipient"):  # one actor of the pair: idx, code, country …
            expected = Kind.INT.sql if sub == "idx" else ACTOR.field(sub).kind.sql
        else:
            expected = events[name]
        assert sql == expected, name
