"""What every command shares: options defined once, settings read in one place, one error
wrapper, and the consoles and event formats commands print with."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional, ParamSpec, TextIO, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from heron.errors import HeronError
from heron.settings import Settings

console = Console(stderr=True)  # messages, progress and errors; results go to stdout


def stdout() -> Console:
    """A console on standard output (made per call, so it follows the current ``sys.stdout``)."""
    return Console()


# -- settings and errors ---------------------------------------------------------------------------


def read_settings(config: Optional[Path] = None, **flags: Any) -> Settings:
    """The one place the CLI reads settings: defaults < settings file (``--config``, else
    HERON_CONFIG, else ./heron.toml) < HERON_* environment < the flags given (None = not given)."""
    return Settings.load(config=config, **flags)


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a HeronError raised by ``command`` into a red message on stderr and exit code 2."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except HeronError as e:
            console.print(f"[bold red]error:[/] {escape(str(e))}")
            raise typer.Exit(code=2) from e

    return run


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def undated_warning(n: int) -> str | None:
    """One line for documents coded without a publication date, or None when there were none."""
    if not n:
        return None
    return (
        f"[yellow]warning[/] {plural(n, 'document')} had no date (no 'date' field, no --date): "
        "their events are dated only from the text, or not at all"
    )


# -- options defined once --------------------------------------------------------------------------


def parse_date(value: str) -> date:
    """An ISO date (YYYY-MM-DD) from the command line."""
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from e


class Format(StrEnum):
    """What `heron code` and `heron events` print or write: a terminal table, or one of the
    export formats (heron.export.FORMATS; a test keeps the two lists in step)."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    polecat = "polecat"
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    icews = "icews"
    phoenix = "phoenix"


#: the formats `heron events` prints from query results (the others go through `heron export`)
PRINTED = (Format.table, Format.json, Format.jsonl, Format.csv)


InputsArg = Annotated[
    list[str], typer.Argument(help="Files, folders, JSONL/CSV feeds, or - for stdin.")
]
ConfigOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        help="Settings file (TOML); by default HERON_CONFIG, else ./heron.toml when present.",
    ),
]
DbOpt = Annotated[
    Optional[Path],
    typer.Option("--db", help="DuckDB file (default: the db setting, heron.duckdb)."),
]
PublishedOpt = Annotated[
    Optional[date],
    typer.Option(
        "--date",
        parser=parse_date,
        help="Publication date (YYYY-MM-DD) for inputs that carry none.",
    ),
]
AsOfOpt = Annotated[
    Optional[date],
    typer.Option("--date", parser=parse_date, help="As of this date (YYYY-MM-DD)."),
]
WorkersOpt = Annotated[
    Optional[int],
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Processes that code in parallel (default: the workers setting, else the cores "
        "available, at most 8); the results are the same as with 1.",
    ),
]
ActorsOpt = Annotated[Optional[Path], typer.Option("--actors", help="Extra actor entries (YAML).")]
CodebookOpt = Annotated[
    Optional[Path], typer.Option("--codebook", help="Extra codebook patterns (YAML).")
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
FileFormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: a table on the terminal, or what -o's extension names: "
        ".jsonl, .json, .csv, .parquet). The datasets' layouts (gdelt, gdelt-mentions, icews, "
        "phoenix, polecat, plover) are chosen by name. See docs/FORMAT.md.",
    ),
]
OutputOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "-o",
        help="Write here instead of the terminal (.jsonl/.json/.csv/.parquet pick the format; "
        "a name that names another format than --format is an error; .gz compresses text).",
    ),
]


# -- printing events -------------------------------------------------------------------------------


def format_for(fmt: Optional[Format], path: Optional[Path]) -> Format:
    """The format to write: ``fmt`` when given, else a table on the terminal, else the one the
    file name names. A name that names another format, or none Heron can tell, is an error
    (:class:`heron.errors.ExportError`); so is a table written to a file."""
    from heron.errors import ExportError

    if fmt is Format.table:
        if path is not None:
            raise ExportError("--format table prints to the terminal; pick a file format for -o")
        return fmt
    if fmt is None and path is None:
        return Format.table
    if path is None:
        return fmt  # type: ignore[return-value]  # not None: checked above
    from heron.export import target  # DuckDB and Arrow: only when a file is written

    return Format(target(fmt.value if fmt else None, path).format.name)


def print_export(result: Any, *, shown: Optional[Path] = None) -> None:
    """Say on stderr what an export wrote and what it left out (``result`` an ExportResult)."""
    where = shown if shown is not None else result.path
    rows = ""
    if result.rows != result.events:
        rows = f" in {result.rows} rows (one per actor → recipient pair)"
    console.print(f"wrote {result.events} events{rows} as {result.format} to {where}")
    for reason, n in result.left_out.items():
        console.print(f"  left out {n} event{'' if n == 1 else 's'} {reason}")


def copy_to_stdout(path: Path) -> None:
    """Copy a written file to standard output (the export wrote it to a temporary file)."""
    out = sys.stdout
    out.flush()
    with open(path, encoding="utf-8") as fh:
        while chunk := fh.read(1 << 16):
            out.write(chunk)
    out.flush()


def write_events(records: list[dict[str, Any]], fmt: Format, out: Optional[TextIO] = None) -> int:
    """Write contract dicts as JSON, JSON Lines or CSV to ``out`` (stdout by default)."""
    from heron.sinks import write_csv, write_json, write_jsonl

    writer = {Format.json: write_json, Format.jsonl: write_jsonl, Format.csv: write_csv}[fmt]
    return writer(records, sys.stdout if out is None else out)


def print_table(records: list[dict[str, Any]]) -> None:
    """Events as a table on stdout, then their count on stderr."""
    from heron.sinks import actor_label

    t = Table(show_lines=False, header_style="bold")
    for col in ("date", "cameo", "type", "actor", "trigger", "recipient", "flags"):
        t.add_column(col)
    for r in records:
        flags = ",".join(k for k, v in r["flags"].items() if v)
        t.add_row(
            r["date"] or "?",
            r["cameo"],
            r["event_type"] or "—",
            actor_label(r["actor"]),
            r["trigger"]["text"],
            actor_label(r["recipient"]),
            flags,
        )
    stdout().print(t)
    console.print(f"{len(records)} events")


# -- printing data frames (analytics) --------------------------------------------------------------


def write_frame(df: Any, fmt: Format, *, extra: Optional[dict[str, list[str]]] = None) -> None:
    """A pandas DataFrame on stdout: a Rich table (with ``extra`` columns of text beside it),
    CSV, a JSON array or JSON Lines (dates as YYYY-MM-DD, missing values as null)."""
    import json

    if fmt is Format.csv:
        sys.stdout.write(df.to_csv(index=False))
        return
    if fmt in (Format.json, Format.jsonl):
        records = json.loads(df.to_json(orient="records", date_format="iso", force_ascii=False))
        for r in records:
            for k, v in r.items():
                if isinstance(v, str) and v.endswith("T00:00:00.000"):
                    r[k] = v[:10]
        if fmt is Format.json:
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        else:
            for r in records:
                sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    t = Table(header_style="bold")
    for col in df.columns:
        t.add_column(str(col), justify="right" if df[col].dtype.kind in "iuf" else "left")
    for name in extra or {}:
        t.add_column(name)
    extra_cols = list((extra or {}).values())
    for i, row in enumerate(df.itertuples(index=False)):
        cells = [_cell(v) for v in row] + [col[i] for col in extra_cols]
        t.add_row(*cells)
    stdout().print(t)


def _cell(value: Any) -> str:
    import pandas as pd

    try:
        missing = value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        missing = False
    if missing:
        return "—"
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    if isinstance(value, float):
        return f"{value:g}"
    return escape(str(value))


# the criteria of every command that selects events (events, export, clusters, series, dyads)
ActorOpt = Annotated[
    Optional[str],
    typer.Option(
        help="Actor: country (JPN), code (JPNGOV) or name (Japan, Kishida); * for any in pairs."
    ),
]
RecipientOpt = Annotated[
    Optional[str], typer.Option(help="Recipient: country, code or name; * for any in pairs.")
]
SinceOpt = Annotated[
    Optional[date], typer.Option(parser=parse_date, help="Events on or after this date.")
]
UntilOpt = Annotated[
    Optional[date], typer.Option(parser=parse_date, help="Events on or before this date.")
]
CameoOpt = Annotated[Optional[str], typer.Option(help="CAMEO code or prefix (17 = coercion).")]
TypeOpt = Annotated[
    Optional[str], typer.Option("--type", help="PLOVER event type (ASSAULT, CONSULT …).")
]
