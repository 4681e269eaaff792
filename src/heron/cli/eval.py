"""`heron eval`: score Heron against the gold sets, write reports, check the accuracy floors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from heron.cli.common import ConfigOpt, console, read_settings, reports_errors, stdout


@reports_errors
def eval_(
    shared: Annotated[Path, typer.Option(help="Folder holding eval/ gold sets.")] = Path(
        "../shared"
    ),
    limit: Annotated[
        Optional[int], typer.Option(help="Score only the first N of each set.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[
        Optional[Path], typer.Option(help="Write every miss and false alarm here (Markdown).")
    ] = None,
    write: Annotated[
        Optional[Path], typer.Option(help="Rewrite this Markdown file (docs/ACCURACY.md).")
    ] = None,
    floors: Annotated[Path, typer.Option(help="Pinned minimum scores.")] = Path(
        "accuracy_floors.json"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when a score is below its floor.")
    ] = False,
    update_floors: Annotated[
        bool, typer.Option("--update-floors", help="Raise floors to today's scores (never lowers).")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Score Heron against the gold sets in SHARED/eval and Heron's own regression set."""
    from heron import evaluate as ev
    from heron.batch import evaluate_gold

    run = evaluate_gold(shared, limit=limit, settings=read_settings(config))
    report = run.report
    if as_json:
        typer.echo(report.to_json())
    else:
        out = stdout()
        for table in ev.render_terminal(report):
            out.print(table)
        for kind, n in ev.top_error_kinds(report.errors, 10):
            out.print(f"  {n:5d}  {kind}")
    if errors is not None:
        ev.write_errors(errors, report.errors, explain=run.explain)
        console.print(f"wrote {len(report.errors)} errors to {errors}")
    if write is not None:
        ev.write_markdown(write, report)
        console.print(f"wrote {write}")
    if not (update_floors or check):
        return
    broken = ev.gate_floors(floors, report, update=update_floors)
    if update_floors:
        console.print(f"floors in {floors} raised where today's scores are higher")
    if check:
        for line in broken:
            console.print(f"[red]below floor:[/] {line}")
        if broken:
            raise typer.Exit(code=1)
