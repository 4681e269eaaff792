"""`heron code`: code news text into events and print or write them."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.markup import escape

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    FileFormatOpt,
    Format,
    InputsArg,
    OutputOpt,
    PublishedOpt,
    WorkersOpt,
    console,
    copy_to_stdout,
    format_for,
    plural,
    print_export,
    print_table,
    read_settings,
    reports_errors,
    undated_warning,
    write_events,
)

StatementsOpt = Annotated[
    Optional[bool],
    typer.Option(
        "--statements/--no-statements",
        help="Code bare statements (CAMEO 010) (default: the statements setting, on).",
    ),
]


@reports_errors
def code(
    inputs: InputsArg,
    published: PublishedOpt = None,
    fmt: FileFormatOpt = None,
    output: OutputOpt = None,
    statements: StatementsOpt = None,
    workers: WorkersOpt = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code news text into events and print or write them (any export format: see
    docs/FORMAT.md). Exit code 1 when any input failed (the others are still coded and
    written), 2 on an error."""
    from heron.batch import code_paths
    from heron.errors import ExportError
    from heron.records import DocResult, ReadFailure

    settings = read_settings(
        config, statements=statements, actors_file=actors, codebook_file=codebook, workers=workers
    )
    fmt = format_for(fmt, output)  # before coding: a bad name fails at once
    if fmt is Format.parquet and output is None:
        raise ExportError("Parquet is binary: write it to a file with -o events.parquet")
    results: list[DocResult] = []
    failures = 0
    for res in code_paths(inputs, published=published, settings=settings, stdin=sys.stdin):
        if isinstance(res, ReadFailure) and not res.failed:
            console.print(f"[cyan]note[/] {escape(res.reason)}")
            continue
        if isinstance(res, ReadFailure):
            console.print(f"[yellow]skipped[/] {escape(res.reason)}")
            failures += 1
            continue
        for warning in res.doc.warnings:
            console.print(f"[yellow]warning[/] {escape(res.doc.id)}: {escape(warning)}")
        if res.status == "failed":
            console.print(f"[yellow]failed[/] {escape(res.doc.id)}: {escape(res.error or '')}")
            failures += 1
        results.append(res)
    undated = undated_warning(sum(r.doc.published is None for r in results))
    if undated:
        console.print(undated)
    gz = output is not None and output.suffix.lower() == ".gz"
    if fmt in (Format.table, Format.json, Format.jsonl) and not gz:
        _print_records([e.to_dict() for r in results for e in r.events], fmt, output, failures)
    else:
        _export(results, fmt, output)
    if failures:
        raise typer.Exit(code=1)


def _print_records(
    records: list[dict[str, Any]], fmt: Format, output: Optional[Path], failures: int
) -> None:
    if fmt is Format.table:
        print_table(records)
    elif output is None:
        write_events(records, fmt)
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            n = write_events(records, fmt, out)
        failed = f" ({plural(failures, 'input')} failed)" if failures else ""
        console.print(f"wrote {plural(n, 'event')} to {output}{failed}")


def _export(results: list[Any], fmt: Format, output: Optional[Path]) -> None:
    from heron.export import export_results

    if output is not None:
        print_export(export_results(results, output, fmt.value))
        return
    with tempfile.TemporaryDirectory(prefix="heron-") as tmp:
        path = Path(tmp) / f"events.{fmt.value}"
        result = export_results(results, path, fmt.value)
        copy_to_stdout(path)
    print_export(result, shown=Path("-"))
