"""`heron ingest`: code inputs into the DuckDB store, resumably."""

from __future__ import annotations

import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    DbOpt,
    InputsArg,
    PublishedOpt,
    console,
    read_settings,
    reports_errors,
)


@reports_errors
def ingest(
    inputs: InputsArg,
    db: DbOpt = None,
    published: PublishedOpt = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code inputs into the DuckDB store. Re-running skips unchanged documents (resumable)."""
    from heron.batch import ingest_paths

    settings = read_settings(config, db=db, actors_file=actors, codebook_file=codebook)
    with Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("coding", total=None)
        summary = ingest_paths(
            inputs,
            published=published,
            stdin=sys.stdin,
            settings=settings,
            progress=lambda n: bar.advance(task, n),
        )
    console.print(
        f"{summary.documents} documents: {summary.coded} coded, {summary.no_event} without events, "
        f"{summary.failed} failed, {summary.skipped} already stored, {summary.copies} copies of "
        f"other documents (not coded again); {summary.events} events → {settings.db}; "
        f"{summary.clusters_founded} new event clusters, {summary.clusters_joined} events "
        "joined one"
    )
    for doc_id, reason in summary.failures[:20]:
        console.print(f"  [yellow]failed[/] {doc_id}: {reason}")
