"""The scale benchmarks (`python benchmarks/run.py --only-scale`): 1 vs 2 worker processes
through `heron.batch.code_documents(workers=…)`, and `heron.scale.dask.ingest_dask` on a
LocalCluster of 2 workers vs a one-process `ingest_paths`, on the VOA corpus repeated.

Speed-ups compare like with like. The throughput lines leave every fixed start-up cost out on
both sides (the one-process coder already loaded; the pool's fork server and the cluster's
workers already holding theirs) and report those costs apart; the `heron code` lines run the
command in a new process each time, start-up included on both sides, as a user meets it once.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from heron.records import Document
from heron.settings import Settings

SCALE_BLOCK = ("<!-- bench:scale -->", "<!-- /bench:scale -->")


@dataclass
class ScaleFigures:
    docs: int
    sentences: int
    start: float  # one coder's start-up, seconds
    one: float  # code_documents, 1 worker (in this process, its coder loaded)
    two: float  # code_documents, 2 workers (a second pool: the fork server holds the coder)
    two_first: float  # the same, the process's first pool (fork server started and loaded)
    cli_one: float  # `heron code --workers 1 FEED` in a new process
    cli_two: float  # `heron code --workers 2 FEED` in a new process
    plain_ingest: float  # ingest_paths, 1 process
    cluster_start: float  # LocalCluster(2) start and its workers' first coder
    dask_ingest: float  # ingest_dask on the warm cluster
    load: float  # loading the workers' Parquet into a new store (one process)
    parquet_bytes: int  # the Parquet the workers wrote, all partitions
    duckdb_bytes: int  # the store after loading
    events: int


def corpus(shared: Path, repeat: int) -> list[Document]:
    from datetime import date

    rows = [
        json.loads(line)
        for line in (shared / "corpus" / "voa_stories.jsonl").read_text().splitlines()
        if line
    ]
    return [
        Document(
            f"{row['id']}#{r}",
            row["text"],
            date.fromisoformat(row["published"][:10]) if row.get("published") else None,
        )
        for r in range(repeat)
        for row in rows
    ]


def _feed(docs: list[Document], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for d in docs:
            date = d.published.isoformat() if d.published else None
            f.write(json.dumps({"id": d.id, "text": d.text, "date": date}) + "\n")
    return path


def _timed_coding(docs: list[Document], workers: int) -> tuple[float, int]:
    from heron.batch import code_documents

    t0 = time.perf_counter()
    sentences = sum(
        getattr(r, "sentences", 0)
        for r in code_documents(docs, settings=_SETTINGS, workers=workers)
    )
    return time.perf_counter() - t0, sentences


def _cli_coding(feed: Path, workers: int) -> float:
    """Seconds for `heron code --workers N FEED` in a new process, its output thrown away."""
    heron = Path(sys.executable).with_name("heron")
    command = [str(heron), "code", str(feed), "--workers", str(workers), "-f", "jsonl"]
    t0 = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


_SETTINGS = Settings(dedup=False)  # the corpus repeated is copies of itself: code every one
# documents in a Dask partition of the benchmark: ~1.7 s of one worker, so that the last
# partitions leave a worker idle for little of a run this short (a real run's default is 256)
PARTITION = 16


def measure(shared: Path, repeat: int, runs: int) -> ScaleFigures:
    from heron.batch import ingest_paths
    from heron.pipeline import Coder
    from heron.scale.dask import ingest_dask, local_cluster

    docs = corpus(shared, repeat)
    t0 = time.perf_counter()
    Coder(_SETTINGS)
    start = time.perf_counter() - t0
    two_first, sentences = _timed_coding(docs, 2)
    ones, twos = [], []
    for _ in range(runs):  # by turns, so that a slow spell of the machine hits both
        ones.append(_timed_coding(docs, 1)[0])
        twos.append(_timed_coding(docs, 2)[0])
    one, two = statistics.median(ones), statistics.median(twos)
    with tempfile.TemporaryDirectory() as tmp:
        feed = _feed(docs, Path(tmp) / "feed.jsonl")
        cli_ones, cli_twos = [], []
        for _ in range(max(1, runs - 1)):
            cli_ones.append(_cli_coding(feed, 1))
            cli_twos.append(_cli_coding(feed, 2))
        cli_one, cli_two = statistics.median(cli_ones), statistics.median(cli_twos)
        t0 = time.perf_counter()
        with local_cluster(2) as cluster:
            warm = _feed(docs[:2], Path(tmp) / "warm.jsonl")  # each worker loads its coder
            ingest_dask(
                [warm],
                address=cluster.scheduler_address,
                load=False,
                partition_size=1,
                parquet_dir=Path(tmp) / "warm",
                settings=_SETTINGS,
            )
            started = time.perf_counter() - t0
            plains, dasks = [], []
            for k in range(runs):  # by turns, each into a new store
                t0 = time.perf_counter()
                ingest_paths(
                    [feed], db=Path(tmp) / f"plain{k}.duckdb", settings=_SETTINGS, workers=1
                )
                plains.append(time.perf_counter() - t0)
                db, lake = Path(tmp) / f"dask{k}.duckdb", Path(tmp) / f"lake{k}"
                t0 = time.perf_counter()
                summary = ingest_dask(
                    [feed],
                    db=db,
                    address=cluster.scheduler_address,
                    parquet_dir=lake,
                    keep_parquet=True,
                    partition_size=PARTITION,
                    settings=_SETTINGS,
                )
                dasks.append(time.perf_counter() - t0)
        plain, dask_time = statistics.median(plains), statistics.median(dasks)
        parquet = sum(f.stat().st_size for f in lake.rglob("*.parquet"))
        duck = db.stat().st_size
        load = load_time(lake, Path(tmp) / "loaded.duckdb")
    return ScaleFigures(
        len(docs),
        sentences,
        start,
        one,
        two,
        two_first,
        cli_one,
        cli_two,
        plain,
        started,
        dask_time,
        load,
        parquet,
        duck,
        summary.events,
    )


def load_time(lake: Path, db: Path) -> float:
    """Seconds to load every partition of ``lake`` into a new store, clusters included."""
    from heron.analytics.clustering import update_clusters
    from heron.scale.dask import load_partition
    from heron.store.db import Store

    t0 = time.perf_counter()
    with Store(db) as store:
        for folder in sorted(lake.glob("part-*")):
            load_partition(store, folder)
        update_clusters(store, settings=_SETTINGS)
    return time.perf_counter() - t0


def scale_section(shared: Path, repeat: int, runs: int, when: str, machine: str) -> list[str]:
    """The scale figures as a marked block of PERFORMANCE.md."""
    f = measure(shared, repeat, runs)
    mb = 1024 * 1024
    return [
        SCALE_BLOCK[0],
        "## Workers and Dask",
        "",
        f"The VOA corpus repeated {repeat} times: {f.docs} documents, {f.sentences:,} "
        f"sentences, {f.events:,} events; measured {when} on {machine}. "
        "Every speed-up compares like with like. *Throughput*: medians of "
        f"{runs} runs by turns of `heron.batch.code_documents(workers=N)`, with the fixed "
        "start-up left out on both sides — the one process's coder already loaded "
        f"({f.start:.1f} s to load), the pool started from a fork server that already holds "
        "the coder (heron.scale.preload); the first pool of a process also starts that server "
        f"and took {f.two_first:.1f} s in all. *A new process*: `heron code --workers N FEED` "
        f"run {max(1, runs - 1)} time(s) each by turns, start-up included on both sides, as a "
        f"user meets it once. Dask: medians of {runs} runs by turns of `ingest_paths` (one "
        "process) and "
        "`heron.scale.dask.ingest_dask` on a LocalCluster of 2 single-threaded worker "
        "processes already started and warm (its start and the workers' first coder, "
        f"{f.cluster_start:.1f} s, are apart; partitions of {PARTITION} documents), both "
        "ending in a loaded DuckDB store.",
        "",
        "| run | seconds | documents/s | speed-up |",
        "|---|---|---|---|",
        f"| code, 1 worker (throughput) | {f.one:.1f} | {f.docs / f.one:.2f} | 1.00× |",
        f"| code, 2 workers (throughput) | {f.two:.1f} | {f.docs / f.two:.2f} | "
        f"{f.one / f.two:.2f}× |",
        f"| `heron code --workers 1`, a new process | {f.cli_one:.1f} | "
        f"{f.docs / f.cli_one:.2f} | 1.00× |",
        f"| `heron code --workers 2`, a new process | {f.cli_two:.1f} | "
        f"{f.docs / f.cli_two:.2f} | {f.cli_one / f.cli_two:.2f}× |",
        f"| ingest, 1 process | {f.plain_ingest:.1f} | {f.docs / f.plain_ingest:.2f} | 1.00× |",
        f"| ingest, LocalCluster of 2 (Parquet, then load) | {f.dask_ingest:.1f} | "
        f"{f.docs / f.dask_ingest:.2f} | {f.plain_ingest / f.dask_ingest:.2f}× |",
        f"| load the workers' Parquet into a new store | {f.load:.1f} | "
        f"{f.events / f.load:,.0f} events/s | |",
        "",
        f"Storage: the workers' Parquet (zstd) is {f.parquet_bytes / mb:.1f} MB for "
        f"{f.events:,} events and their {f.docs} documents' text "
        f"({f.parquet_bytes / max(f.events, 1):,.0f} bytes an event); the loaded DuckDB file "
        f"is {f.duckdb_bytes / mb:.1f} MB ({f.duckdb_bytes / max(f.events, 1):,.0f} bytes an "
        "event, clusters and fingerprints included). docs/SCALE.md works out a 10-million-"
        "article run from these figures.",
        SCALE_BLOCK[1],
    ]
