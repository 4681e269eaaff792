"""`heron code`: code news text into events and print or write them."""

from __future__ import annotations

import sys
from typing import Annotated, Any, Optional

import typer

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    Format,
    FormatOpt,
    InputsArg,
    OutputOpt,
    PublishedOpt,
    console,
    format_for,
    print_table,
    read_settings,
    reports_errors,
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
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    statements: StatementsOpt = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Code news text into events and print or write them."""
    from heron.batch import code_paths
    from heron.records import ReadFailure

    settings = read_settings(
        config, statements=statements, actors_file=actors, codebook_file=codebook
    )
    if output is not None and fmt is Format.table:
        fmt = format_for(output)
    records: list[dict[str, Any]] = []
    failures = 0
    for res in code_paths(inputs, published=published, settings=settings, stdin=sys.stdin):
        if isinstance(res, ReadFailure):
            console.print(f"[yellow]skipped[/] {res.origin}: {res.reason}")
            failures += 1
        elif res.status == "failed":
            console.print(f"[yellow]failed[/] {res.doc.id}: {res.error}")
            failures += 1
        else:
            records.extend(e.to_dict() for e in res.events)
    if fmt is Format.table:
        print_table(records)
    elif output is None:
        write_events(records, fmt)
    else:
        with open(output, "w", encoding="utf-8", newline="") as out:
            n = write_events(records, fmt, out)
        failed = f" ({failures} inputs failed)" if failures else ""
        console.print(f"wrote {n} events to {output}{failed}")
