"""Faults: kill -9 an ingest at random points and resume (the store then equals a clean run's);
a second writer is refused at once with one line naming the holder; a query during an ingest
says why it cannot run. Bounded: a few hundred short documents, a few subprocesses."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from heron.batch import ingest_paths
from heron.cli import app
from heron.errors import StoreError
from heron.scale.workers import default_workers
from heron.store import Store

from .fuzz_corpus import story

pytestmark = pytest.mark.model

KILLS = int(os.environ.get("HERON_FAULT_KILLS", "4"))  # kill -9 runs, at random points
DOCS = 400


def _feed(path: Path, n: int = DOCS, seed: int = 7) -> Path:
    rng = random.Random(seed)
    lines = [
        json.dumps({"id": f"r{i}", "text": story(rng), "date": "2024-05-08"}) for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(feed: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "heron.cli", "ingest", str(feed), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _writing(db: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    """Wait until ``proc`` has committed a batch (the WAL or the file grew); False if it ended."""
    wal = Path(f"{db}.wal")
    start_size = db.stat().st_size if db.exists() else 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if (wal.exists() and wal.stat().st_size > 0) or (
            db.exists() and db.stat().st_size > start_size
        ):
            return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(default_workers() < 2, reason="one core: an ingest starts no workers")
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see processes")
def test_workers_end_when_their_ingest_is_killed(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl")
    proc = _ingest(feed, tmp_path / "pool.duckdb")
    workers: set[int] = set()
    end = time.monotonic() + 120
    while not workers and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.2)
        workers = _descendants(proc.pid)
    assert workers, "the ingest started no worker processes"
    time.sleep(1.0)  # let them load the model and take work
    workers = _descendants(proc.pid) or workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert _all_gone(workers), f"worker processes outlived kill -9: {workers}"


def _descendants(pid: int) -> set[int]:
    """The processes started under ``pid`` (the pool's server and workers), read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    out: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - out
        out |= frontier
    return out


def _all_gone(pids: set[int], timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        alive = {p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)}
        if not alive:
            return True
        time.sleep(0.2)
    return False


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def _state(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.execute(
            "SELECT doc_id, status, n_events, content_hash FROM documents ORDER BY doc_id"
        ).fetchall()
        events = con.execute(
            "SELECT doc_id, event_id, record::VARCHAR FROM events ORDER BY event_id"
        ).fetchall()
        half = con.execute(
            "SELECT d.doc_id FROM documents d LEFT JOIN events e USING (doc_id) "
            "GROUP BY d.doc_id, d.n_events HAVING count(e.event_id) <> d.n_events"
        ).fetchall()
        return docs, events, [str(r[0]) for r in half]
    finally:
        con.close()


def test_kill_9_at_random_points_then_resume_equals_a_clean_run(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl")
    clean_db, db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    clean = ingest_paths([feed], db=clean_db)
    assert clean.documents == DOCS and clean.failed == 0
    rng = random.Random(14)
    killed = 0
    for _ in range(KILLS):
        proc = _ingest(feed, db)
        if _writing(db, proc):
            time.sleep(rng.uniform(0.0, 1.0))
            if proc.poll() is None:
                workers = _descendants(proc.pid)
                os.kill(proc.pid, signal.SIGKILL)
                killed += 1
                proc.wait(timeout=120)
                assert _all_gone(workers), f"worker processes outlived kill -9: {workers}"
        proc.wait(timeout=120)
        assert not _state(db)[2], "a half-written document after kill -9"
    assert killed >= 1
    print(f"kill -9: {killed} of {KILLS} runs killed mid-ingest")  # shown with pytest -s
    resumed = ingest_paths([feed], db=db)
    assert resumed.failed == 0
    docs, events, _half = _state(db)
    clean_docs, clean_events, _ = _state(clean_db)
    assert docs == clean_docs  # nothing lost, nothing doubled (doc_id is unique)
    assert events == clean_events  # the same events per document, word for word


def test_a_second_writer_is_refused_at_once_and_a_query_says_why(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "feed.jsonl", n=2000)
    db = tmp_path / "h.duckdb"
    Store(db).close()
    proc = _ingest(feed, db)
    try:
        # until the ingest has written (watching the files: opening the store to find out
        # could itself make the ingest's open fail)
        assert _writing(db, proc, timeout=300), "the ingest ended before writing"
        started = time.monotonic()
        with pytest.raises(StoreError, match=f"process {proc.pid} .* is writing to it"):
            ingest_paths([feed], db=db)
        assert time.monotonic() - started < 10  # refused, not waiting
        out = CliRunner().invoke(app, ["events", "--db", str(db)])
        assert out.exit_code == 2
        assert "is writing to it" in out.output and "Traceback" not in out.output
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert Store(db, read_only=True).counts()["documents"] >= 0  # not damaged
