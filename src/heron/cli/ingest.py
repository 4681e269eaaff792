"""`heron ingest`: code inputs into the DuckDB store, resumably."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    DbOpt,
    InputsArg,
    PublishedOpt,
    console,
    plural,
    read_settings,
    reports_errors,
    undated_warning,
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
    """Code inputs into the DuckDB store. Re-running skips unchanged documents (resumable).

    Exit code 0 when every input record was stored (coded, without events, a copy, or already
    stored), 1 when any failed (they are stored as failures and named), 2 on an error."""
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
        f"{plural(summary.documents, 'input record')}: {summary.coded} coded, "
        f"{summary.no_event} without events, {summary.failed} failed, "
        f"{summary.skipped} already stored, {plural(summary.duplicates, 'duplicate')}, "
        f"{summary.ignored} ignored, "
        f"{plural(summary.copies, 'copy', 'copies')} of other documents (not coded again); "
        f"{plural(summary.events, 'event')} → {settings.db}; "
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
    if not summary.ok:
        raise typer.Exit(code=1)
