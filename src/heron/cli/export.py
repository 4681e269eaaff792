"""`heron export`: write the store's events in the formats analysts load (docs/FORMAT.md)."""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from heron.cli.common import (
    ActorOpt,
    CameoOpt,
    ConfigOpt,
    DbOpt,
    FileFormatOpt,
    Format,
    OutputOpt,
    RecipientOpt,
    SinceOpt,
    TypeOpt,
    UntilOpt,
    copy_to_stdout,
    print_export,
    read_settings,
    reports_errors,
)


class PartitionBy(StrEnum):
    year = "year"
    month = "month"


@reports_errors
def export(
    fmt: FileFormatOpt = None,
    output: OutputOpt = None,
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    cameo: CameoOpt = None,
    event_type: TypeOpt = None,
    doc: Annotated[Optional[str], typer.Option(help="Only this document's events.")] = None,
    limit: Annotated[
        Optional[int], typer.Option(help="At most this many events (default: all).")
    ] = None,
    flagged: Annotated[
        Optional[bool],
        typer.Option(
            "--flagged/--no-flagged",
            help="Keep (or leave out) negated, hypothetical and future events. Default: kept "
            "in csv, parquet, json and jsonl, which have flag columns; negated and "
            "hypothetical ones are left out of the datasets' formats, which have none.",
        ),
    ] = None,
    explode: Annotated[
        bool,
        typer.Option(
            "--explode", help="csv, parquet: one row per actor → recipient pair, not per event."
        ),
    ] = False,
    partition: Annotated[
        Optional[PartitionBy],
        typer.Option(
            help="parquet: write a folder of files partitioned by year (year=2024/…) or month "
            "(year=2024/month=3/…); -o names the folder."
        ),
    ] = None,
    clusters: Annotated[
        bool,
        typer.Option(
            "--clusters/--mentions",
            help="One row per happening (the first report of each event cluster) instead of "
            "every report. Default: every report (mentions).",
        ),
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Export the store's events: Heron's JSON, CSV or Parquet; PLOVER JSON or POLECAT; GDELT 2.0
    Events or Mentions; ICEWS; Phoenix. The format is --format, else what -o's extension names.
    Filters are those of `heron events`."""
    from heron.batch import export_events
    from heron.errors import ExportError
    from heron.export.spec import Partition
    from heron.store import EventFilter

    settings = read_settings(config, db=db)
    if flagged is None and settings.include_flagged is False:
        flagged = False
    criteria = EventFilter(
        actor=actor,
        recipient=recipient,
        since=since,
        until=until,
        cameo=cameo,
        event_type=event_type,
        doc_id=doc,
        limit=limit,
    )
    part: Partition | None = "year" if partition is PartitionBy.year else None
    if partition is PartitionBy.month:
        part = "month"
    name = fmt.value if fmt else None
    if fmt is Format.table:
        raise ExportError("heron export writes files: pick a format other than table")
    if output is not None:
        result = export_events(
            output, name, criteria, settings=settings, flagged=flagged, explode=explode,
            partition=part, clusters=clusters,
        )  # fmt: skip
        print_export(result)
        return
    if name is None:
        raise ExportError("say which format to write: --format NAME, or an output file with -o")
    if name == "parquet":
        raise ExportError("Parquet is binary: write it to a file with -o events.parquet")
    with tempfile.TemporaryDirectory(prefix="heron-") as tmp:
        path = Path(tmp) / f"events.{name}"
        result = export_events(
            path, name, criteria, settings=settings, flagged=flagged, explode=explode,
            partition=part, clusters=clusters,
        )  # fmt: skip
        copy_to_stdout(path)
    print_export(result, shown=Path("-"))
