"""`heron ingest --dask`: partitions coded on a LocalCluster of 2 worker processes into Parquet,
loaded into the store: the same rows as a plain ingest; written partitions are not coded again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from heron.batch import ingest_paths
from heron.cli import app
from heron.errors import InputError
from heron.scale import dask as runner_module
from heron.scale.dask import ingest_dask, parse_target
from heron.store.rows import EVENTS

from .feeds import EXAMPLES, mixed_feed, stored

runner = CliRunner()
DAY = date(2024, 3, 26)


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A LocalCluster of 2 single-threaded worker processes, shared by the tests here."""
    with runner_module.local_cluster(2) as c:
        yield c.scheduler_address


def test_the_local_cluster_workers_are_set_up_for_coding(cluster: str) -> None:
    """No forced malloc trimming and no stack sampler in the workers Heron starts."""
    import os

    import dask
    from distributed import Client

    def setup() -> tuple[str | None, bool]:
        return (
            os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            bool(dask.config.get("distributed.worker.profile.enabled")),
        )

    with Client(cluster) as client:
        found = client.run(setup)
    assert len(found) == 2
    assert all(tuple(v) == (None, False) for v in found.values())


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The feed, and a store of it ingested by one process."""
    tmp = tmp_path_factory.mktemp("plain")
    feed = mixed_feed(tmp / "feed.jsonl", 90)
    ingest_paths([EXAMPLES, feed], db=tmp / "plain.duckdb", published=DAY, workers=1)
    return feed, tmp / "plain.duckdb"


@pytest.mark.model
def test_a_dask_ingest_stores_the_same_rows_as_a_plain_one(
    tmp_path: Path, cluster: str, plain: tuple[Path, Path]
) -> None:
    feed, plain_db = plain
    db = tmp_path / "dask.duckdb"
    summary = ingest_dask(
        [EXAMPLES, feed], db=db, address=cluster, partition_size=16, published=DAY
    )
    assert summary.failed == 1 and summary.coded > 50 and summary.events > 100
    assert stored(db) == stored(plain_db)
    assert not Path(f"{db}.parts").exists()  # loaded, then removed
    again = ingest_dask([EXAMPLES, feed], db=db, address=cluster, partition_size=16, published=DAY)
    assert again.skipped == summary.coded + summary.no_event and again.events == 0
    assert stored(db) == stored(plain_db)


@pytest.mark.model
def test_written_partitions_are_skipped_and_parquet_has_the_store_columns(
    tmp_path: Path, cluster: str, plain: tuple[Path, Path]
) -> None:
    feed, plain_db = plain
    lake = tmp_path / "lake"
    first = ingest_dask(
        [EXAMPLES, feed],
        address=cluster,
        parquet_dir=lake,
        load=False,
        partition_size=16,
        published=DAY,
    )
    parts = sorted(p for p in lake.iterdir() if p.name.startswith("part-"))
    assert len(parts) == 7  # 99 input records (2 of them ignored files), 16 a partition
    events = pq.read_table(parts[0] / "events.parquet")
    assert events.schema.names == EVENTS.names
    statuses = {
        s for p in parts for s in pq.read_table(p / "documents.parquet")["status"].to_pylist()
    }
    assert statuses == {"coded", "no-event", "failed"}
    # a run stopped half way: one partition never written, another left as a temporary folder
    kept = {p.name: (p / "events.parquet").stat().st_mtime_ns for p in parts}
    gone = parts[3]
    for f in gone.iterdir():
        f.unlink()
    gone.rmdir()
    (lake / f".{gone.name}.0000.tmp").mkdir()
    db = tmp_path / "resumed.duckdb"
    again = ingest_dask(
        [EXAMPLES, feed],
        db=db,
        address=cluster,
        parquet_dir=lake,
        keep_parquet=True,
        partition_size=16,
        published=DAY,
    )
    assert (again.coded, again.events) == (first.coded, first.events)
    for p in parts:
        if p != gone:
            assert (p / "events.parquet").stat().st_mtime_ns == kept[p.name]  # not coded again
    assert (gone / "events.parquet").exists()
    assert stored(db) == stored(plain_db)


@pytest.mark.model
def test_heron_ingest_dask_from_the_command_line(tmp_path: Path, cluster: str) -> None:
    db = tmp_path / "cli.duckdb"
    args = ["ingest", str(EXAMPLES), "--db", str(db), "--date", "2024-03-26"]
    result = runner.invoke(app, [*args, "--dask", cluster])
    assert result.exit_code == 0, result.output
    plain_db = tmp_path / "plain.duckdb"
    plain = ingest_paths([EXAMPLES], db=plain_db, published=DAY, workers=1)
    assert f"{plain.coded} coded" in result.output
    assert f"{plain.events} events" in result.output
    assert stored(db) == stored(plain_db)


def test_an_unreachable_scheduler_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "CONNECT_TIMEOUT", "1s")
    feed = tmp_path / "one.jsonl"
    feed.write_text('{"id": "a", "text": "Japan met China."}\n', encoding="utf-8")
    args = ["ingest", str(feed), "--db", str(tmp_path / "x.duckdb"), "--dask", "tcp://127.0.0.1:9"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


@pytest.mark.parametrize(
    ("value", "address"),
    [
        ("local", None),
        ("LOCAL", None),
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("scheduler.lan:8786", "scheduler.lan:8786"),
        ("tls://[::1]:8786", "tls://[::1]:8786"),
    ],
)
def test_the_dask_target_is_local_or_an_address(value: str, address: str | None) -> None:
    assert parse_target(value) == address


def test_a_path_given_to_dask_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError, match="inputs go before --dask"):
        parse_target("corpus/")


def test_options_of_dask_need_dask(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--parquet-only", str(tmp_path)])
    assert result.exit_code == 2 and "go with --dask" in result.output
