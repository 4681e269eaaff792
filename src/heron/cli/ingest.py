"""`heron ingest`: code inputs into the DuckDB store, resumably, on several cores or a Dask
cluster."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    DbOpt,
    InputsArg,
    PublishedOpt,
    WorkersOpt,
    console,
    plural,
    read_settings,
    reports_errors,
    undated_warning,
)

if TYPE_CHECKING:
    from heron.batch import IngestSummary
    from heron.settings import Settings

INTERRUPTED = 130  # the exit code of a command stopped by Ctrl-C (128 + SIGINT)
LOG_EVERY = 64  # input records between progress lines when stderr is not a terminal
LOG_SECONDS = 10.0  # … and at least this many seconds between them after the first

DaskOpt = Annotated[
    Optional[str],
    typer.Option(
        "--dask",
        metavar="local|ADDRESS",
        help="Code on a Dask cluster: `local` starts one on this machine (--workers processes), "
        "an address (tcp://host:8786) joins a running scheduler. Workers write Parquet, loaded "
        "into the store at the end. See docs/SCALE.md.",
    ),
]
ParquetDirOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--parquet-dir",
        help="With --dask: where workers write their Parquet (default: beside the store, "
        "DB.parts/); on several machines, a folder every worker and this machine share. "
        "Finished partitions found there are not coded again.",
    ),
]
KeepParquetOpt = Annotated[
    bool,
    typer.Option("--keep-parquet", help="With --dask: keep the Parquet after loading it."),
]
ParquetOnlyOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--parquet-only",
        help="With --dask: write partitioned Parquet to this folder for a data lake and do not "
        "load the store.",
    ),
]
PartitionOpt = Annotated[
    Optional[int],
    typer.Option(
        "--partition-size",
        min=1,
        help="With --dask: input records per partition (default 256).",
    ),
]


@reports_errors
def ingest(
    inputs: InputsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    workers: WorkersOpt = None,
    dask: DaskOpt = None,
    parquet_dir: ParquetDirOpt = None,
    keep_parquet: KeepParquetOpt = False,
    parquet_only: ParquetOnlyOpt = None,
    partition_size: PartitionOpt = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code inputs into the DuckDB store. Re-running skips unchanged documents (resumable).

    Exit code 0 when every input record was stored (coded, without events, a copy, or already
    stored), 1 when any failed (they are stored as failures and named), 2 on an error, 130 when
    stopped with Ctrl-C (what was coded before is kept: run the same command again to go on)."""
    from heron.batch import IngestInterrupted, count_inputs, ingest_paths

    settings = read_settings(
        config, db=db, actors_file=actors, codebook_file=codebook, workers=workers
    )
    if dask is None and (parquet_dir or keep_parquet or parquet_only or partition_size):
        raise typer.BadParameter(
            "--parquet-dir, --keep-parquet, --parquet-only and --partition-size go with --dask"
        )
    total = count_inputs(inputs)
    with _progress(total) as advance:
        try:
            if dask is not None:
                summary = _ingest_dask(
                    inputs,
                    dask,
                    settings,
                    published,
                    advance,
                    parquet_dir=parquet_dir,
                    keep=keep_parquet,
                    only=parquet_only,
                    partition_size=partition_size,
                )
            else:
                summary = ingest_paths(
                    inputs,
                    published=published,
                    stdin=sys.stdin,
                    settings=settings,
                    progress=advance,
                )
        except IngestInterrupted as e:
            summary = e.summary
    _report(summary, settings, parquet_only)
    if summary.interrupted:
        console.print(
            f"[yellow]interrupted[/]: {plural(summary.kept, 'document')} coded in this run "
            "are kept; run the same command again to go on where it stopped"
        )
        raise typer.Exit(code=INTERRUPTED)
    if not summary.ok:
        raise typer.Exit(code=1)


def _ingest_dask(
    inputs: list[str],
    target: str,
    settings: Settings,
    published: Optional[date],
    advance: Callable[[int, int], None],
    *,
    parquet_dir: Optional[Path],
    keep: bool,
    only: Optional[Path],
    partition_size: Optional[int],
) -> IngestSummary:
    from heron.scale.dask import DEFAULT_PARTITION, ingest_dask, parse_target

    return ingest_dask(
        inputs,
        address=parse_target(target),
        settings=settings,
        published=published,
        stdin=sys.stdin,
        parquet_dir=only or parquet_dir,
        keep_parquet=keep,
        load=only is None,
        partition_size=partition_size or DEFAULT_PARTITION,
        progress=advance,
    )


@contextmanager
def _progress(total: int | None) -> Iterator[Callable[[int, int], None]]:
    """A progress bar over ``total`` input records (documents and sentences done, time left)
    on a terminal; elsewhere (a log file, a batch job) a line now and then."""
    if not console.is_terminal:
        yield _ProgressLines(total)
        return
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("records · {task.fields[sentences]:,} sentences"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("coding", total=total, sentences=0)
        sentences = 0

        def advance(records: int, new_sentences: int) -> None:
            nonlocal sentences
            sentences += new_sentences
            bar.update(task, advance=records, sentences=sentences)

        yield advance


class _ProgressLines:
    """Progress as plain lines on stderr: after the first :data:`LOG_EVERY` records, then at
    most every :data:`LOG_SECONDS`."""

    def __init__(self, total: int | None) -> None:
        self.total, self.done, self.sentences = total, 0, 0
        self.last: float | None = None

    def __call__(self, records: int, sentences: int) -> None:
        before = self.done
        self.done += records
        self.sentences += sentences
        if self.done // LOG_EVERY == before // LOG_EVERY:
            return
        now = time.monotonic()
        if self.last is not None and now - self.last < LOG_SECONDS:
            return
        self.last = now
        of = f" of {self.total:,}" if self.total is not None else ""
        console.print(
            f"coding: {self.done:,}{of} input records done, {self.sentences:,} sentences",
            highlight=False,
        )


def _report(summary: IngestSummary, settings: Settings, parquet_only: Optional[Path]) -> None:
    where = parquet_only if parquet_only is not None else settings.db
    console.print(
        f"{plural(summary.documents, 'input record')}: {summary.coded} coded, "
        f"{summary.no_event} without events, {summary.failed} failed, "
        f"{summary.skipped} already stored, {plural(summary.duplicates, 'duplicate')}, "
        f"{summary.ignored} ignored, "
        f"{plural(summary.copies, 'copy', 'copies')} of other documents (not coded again); "
        f"{plural(summary.events, 'event')} → {where}; "
        f"{plural(summary.clusters_founded, 'new event cluster')}, "
        f"{plural(summary.clusters_joined, 'event')} joined one"
    )
    for _doc_id, note in summary.notes[:20]:
        console.print(f"  [cyan]note[/] {escape(note)}")
    for doc_id, warning in summary.warnings[:20]:
        console.print(f"  [yellow]warning[/] {escape(doc_id)}: {escape(warning)}")
    for _doc_id, reason in summary.failures[:20]:
        console.print(f"  [yellow]failed[/] {escape(reason)}")
    undated = undated_warning(summary.undated)
    if undated:
        console.print(f"  {undated}")
    if len(summary.failures) > 20:
        console.print(f"  … and {len(summary.failures) - 20} more failures (see `heron info`)")
