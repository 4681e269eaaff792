"""`heron events`: query coded events in the store."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from heron.cli.common import (
    PRINTED,
    ActorOpt,
    CameoOpt,
    ConfigOpt,
    DbOpt,
    Format,
    FormatOpt,
    RecipientOpt,
    SinceOpt,
    UntilOpt,
    print_table,
    read_settings,
    reports_errors,
    write_events,
)


@reports_errors
def events(
    db: DbOpt = None,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    cameo: CameoOpt = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 1000,
    flagged: Annotated[
        Optional[bool],
        typer.Option(
            "--flagged/--no-flagged",
            help="Include negated, hypothetical and future events (default: the "
            "include_flagged setting; listed unless it is false).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    config: ConfigOpt = None,
) -> None:
    """Query coded events in the store. Actors may be given as codes (JPN, JPNGOV) or names
    (Japan, Kishida, United Nations)."""
    from heron.batch import find_events
    from heron.errors import ExportError
    from heron.store import EventFilter

    if fmt not in PRINTED:
        raise ExportError(f"heron events prints {', '.join(PRINTED)}; use heron export -f {fmt}")

    settings = read_settings(config, db=db, include_flagged=flagged)
    criteria = EventFilter(
        actor=actor,
        recipient=recipient,
        since=since,
        until=until,
        cameo=cameo,
        limit=limit,
        include_flagged=settings.include_flagged,
    )
    rows = find_events(criteria, settings=settings)
    if fmt is Format.table:
        print_table(rows)
    else:
        write_events(rows, fmt)
