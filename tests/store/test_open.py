"""Opening stores: files persist; bad paths and locked files give StoreError with a remedy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from store_factories import make_event, make_result, write

from heron.errors import StoreError
from heron.store import Store
from heron.store.migrations import MIGRATIONS


def test_reopened_file_store_sees_the_same_data(tmp_path: Path) -> None:
    path = tmp_path / "heron.duckdb"
    with Store(path) as store:
        write(store, make_result("d1", [make_event("d1", 0, 0), make_event("d1", 1, 0)]))
        counts, events = store.counts(), store.query_events()
    with Store(path) as again:
        assert again.counts() == counts
        assert again.query_events() == events
        assert again.schema_version() == len(MIGRATIONS)
    with Store(str(path), read_only=True) as reader:
        assert reader.counts() == counts


@pytest.mark.parametrize(
    ("make_path", "message"),
    [
        (lambda d: d / "missing" / "heron.duckdb", "does not exist; create it"),
        (lambda d: d, "is a folder"),
        (lambda d: _text_file(d), "not a DuckDB database"),
    ],
)
def test_bad_path_raises_store_error(tmp_path: Path, make_path, message: str) -> None:
    path = make_path(tmp_path)
    with pytest.raises(StoreError, match=message) as info:
        Store(path)
    assert str(path) in str(info.value)


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="heron ingest"):
        Store(tmp_path / "nope.duckdb", read_only=True)


def test_file_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "locked.duckdb"
    Store(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"(?i)is writing to it.*use another --db"):
            Store(path)
    finally:
        holder.communicate(timeout=30)


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "h.duckdb")
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def _text_file(folder: Path) -> Path:
    path = folder / "notes.duckdb"
    path.write_text("not a database\n")
    return path


def test_a_store_held_by_a_writer_is_refused_in_one_line_naming_it(tmp_path) -> None:
    import os
    import subprocess
    import sys

    import pytest

    from heron.errors import StoreError
    from heron.store import Store

    db = tmp_path / "held.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); "
         "print('ok', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        for read_only in (True, False):
            with pytest.raises(StoreError) as e:
                Store(db, read_only=read_only)
            message = str(e.value)
            assert "\n" not in message and "https://" not in message
            assert f"process {holder.pid}" in message and "is writing to it" in message
    finally:
        holder.communicate("")
    assert os.path.exists(db)
