"""Ctrl-C during `heron ingest --workers 2`: the pool goes away, what was coded is kept, the
command says so and exits 130, and running it again finishes without storing anything twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from .feeds import mixed_feed

pytestmark = pytest.mark.model

RECORDS = 700
PATIENCE = 300  # seconds any one step may take on a busy machine before the test gives up


def _ingest(feed: Path, db: Path) -> subprocess.Popen[str]:
    # a session of its own, so that Ctrl-C can go to the whole group as a terminal sends it
    return subprocess.Popen(
        [sys.executable, "-m", "heron.cli", "ingest", str(feed), "--db", str(db), "-w", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "HERON_DEDUP": "false"},
    )


def _first_progress_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stderr is not None
    for line in proc.stderr:
        if "input records done" in line:
            return line
    pytest.fail("the ingest ended before it printed any progress")


def _gone(group: int) -> bool:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _documents(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [str(r[0]) for r in con.execute("SELECT doc_id FROM documents").fetchall()]
    finally:
        con.close()


def test_ctrl_c_keeps_what_was_coded_and_a_rerun_finishes_without_duplicates(
    tmp_path: Path,
) -> None:
    feed = mixed_feed(tmp_path / "feed.jsonl", RECORDS)
    db = tmp_path / "heron.duckdb"
    proc = _ingest(feed, db)
    line = _first_progress_line(proc)
    assert f"of {RECORDS + 1:,}" in line  # the total was counted before coding
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=PATIENCE)
    if proc.returncode == 0:
        pytest.skip("the ingest finished before Ctrl-C reached it (a very fast machine)")
    assert proc.returncode == 130, err
    assert "interrupted" in err and "run the same command again" in err
    assert "Traceback" not in err
    assert _gone(proc.pid), "a worker process outlived the ingest"
    kept = _documents(db)
    assert len(kept) >= 64  # at least what was done when the progress line was printed
    rerun = _ingest(feed, db)
    _, err = rerun.communicate(timeout=PATIENCE)
    assert rerun.returncode == 1, err  # the one broken record
    assert f"{len(kept) - ('broken' in kept)} already stored" in err
    docs = _documents(db)
    assert len(docs) == len(set(docs)) == RECORDS + 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT event_id FROM events").fetchall()]
    finally:
        con.close()
    assert ids and len(ids) == len(set(ids))
