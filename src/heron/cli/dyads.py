"""`heron series`, `heron dyads`, `heron network`: dyads over time, the busiest pairs, the network.

All three count event clusters (one per happening) unless ``--mentions`` asks for every coded
event, and leave negated and hypothetical events out unless ``--flagged`` (or the include_flagged
setting) asks for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from heron.cli.charts import bars, sparkline
from heron.cli.common import (
    ActorOpt,
    CameoOpt,
    ConfigOpt,
    DbOpt,
    Format,
    FormatOpt,
    RecipientOpt,
    SinceOpt,
    TypeOpt,
    UntilOpt,
    console,
    read_settings,
    reports_errors,
    write_frame,
)

if TYPE_CHECKING:
    from heron.settings import Settings
    from heron.store import EventFilter

MentionsOpt = Annotated[
    bool,
    typer.Option("--mentions", help="Count every coded event (mention) instead of event clusters."),
]
FlaggedOpt = Annotated[
    Optional[bool],
    typer.Option(
        "--flagged/--no-flagged",
        help="Count negated and hypothetical events too (default: the include_flagged "
        "setting; left out unless it is true).",
    ),
]
LevelOpt = Annotated[
    str, typer.Option("--level", help="Pairs of countries (country) or of full codes (code).")
]


def _criteria(
    *,
    config: Optional[Path],
    db: Optional[Path],
    flagged: Optional[bool],
    **fields: Any,
) -> tuple[Settings, EventFilter]:
    from heron.batch import actor_terms
    from heron.store import EventFilter

    settings = read_settings(config, db=db, include_flagged=flagged)
    f = EventFilter(limit=None, include_flagged=settings.include_flagged, **fields)
    return settings, actor_terms(f, settings=settings)


@reports_errors
def series(
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    by: Annotated[str, typer.Option(help="Period: day, week, month or year.")] = "month",
    measure: Annotated[
        str,
        typer.Option(
            help="count (events), goldstein or plover (mean score), quad (events per quad class)."
        ),
    ] = "count",
    both_directions: Annotated[
        bool, typer.Option("--both-directions", help="Count recipient → actor as well.")
    ] = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
    cameo: CameoOpt = None,
    event_type: TypeOpt = None,
    mentions: MentionsOpt = False,
    flagged: FlaggedOpt = None,
    chart: Annotated[
        bool, typer.Option("--chart/--no-chart", help="Draw a bar per period (table only).")
    ] = True,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Events between an actor and a recipient per day, week, month or year; periods without
    events are zeros."""
    from heron.analytics import series as make_series

    settings, f = _criteria(
        config=config,
        db=db,
        flagged=flagged,
        actor=actor,
        recipient=recipient,
        since=since,
        until=until,
        cameo=cameo,
        event_type=event_type,
    )
    df = make_series(
        settings.db,
        f,
        by=by,
        measure=measure,
        both_directions=both_directions,
        mentions=mentions,
    )
    if fmt is not Format.table:
        write_frame(df, fmt)
        return
    main = measure if measure in ("goldstein", "plover") else "events"
    values = [float(v) for v in df[main]] if not df.empty else []
    extra = {"chart": bars(values)} if chart and values else None
    write_frame(df, fmt, extra=extra)
    unit = "mentions" if mentions else "event clusters"
    console.print(f"{int(df['events'].sum()) if not df.empty else 0} {unit}  {sparkline(values)}")
    for why, n in df.attrs.get("left_out", {}).items():
        console.print(f"[yellow]left out[/] {n} {unit} {why} (finer than a {by} is needed)")


@reports_errors
def dyads(
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option(help="How many pairs.")] = 20,
    rank: Annotated[
        str, typer.Option(help="volume (events), conflict (quad 3–4) or cooperation (quad 1–2).")
    ] = "volume",
    level: LevelOpt = "country",
    international: Annotated[
        bool, typer.Option("--international", help="Leave out pairs within one country.")
    ] = False,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    cameo: CameoOpt = None,
    event_type: TypeOpt = None,
    mentions: MentionsOpt = False,
    flagged: FlaggedOpt = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """The busiest actor → recipient pairs, by volume, conflict or cooperation."""
    from heron.analytics import top_dyads

    settings, f = _criteria(
        config=config,
        db=db,
        flagged=flagged,
        actor=actor,
        recipient=recipient,
        since=since,
        until=until,
        cameo=cameo,
        event_type=event_type,
    )
    df = top_dyads(
        settings.db,
        f,
        top=top,
        rank=rank,
        level=level,
        international=international,
        mentions=mentions,
    )
    column = {"volume": "events"}.get(rank, rank)
    values = [float(v) for v in df[column]] if not df.empty else []
    write_frame(df, fmt, extra={"chart": bars(values, width=20)} if fmt is Format.table else None)
    if fmt is Format.table:
        console.print(f"{len(df)} pairs, counting {'mentions' if mentions else 'event clusters'}")


@reports_errors
def network(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="File to write: .graphml, else an edge list (CSV)."),
    ],
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = "country",
    fmt: Annotated[
        Optional[str],
        typer.Option("--format", "-f", help="graphml or edgelist (default: from the suffix)."),
    ] = None,
    cameo: CameoOpt = None,
    event_type: TypeOpt = None,
    mentions: MentionsOpt = False,
    flagged: FlaggedOpt = None,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Export the network of who did what to whom in a period: GraphML or an edge list."""
    from heron.analytics import network as make_network
    from heron.analytics import write_network

    settings, f = _criteria(
        config=config,
        db=db,
        flagged=flagged,
        since=since,
        until=until,
        cameo=cameo,
        event_type=event_type,
    )
    graph = make_network(
        settings.db,
        f,
        level=level,
        mentions=mentions,
    )
    written = write_network(graph, output, fmt=fmt)
    console.print(
        f"wrote {graph.number_of_nodes()} actors and {graph.number_of_edges()} pairs to "
        f"{output} ({written})"
    )
