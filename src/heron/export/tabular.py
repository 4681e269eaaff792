"""Heron's own layouts: the contract objects (JSON Lines, JSON), CSV and Parquet.

CSV has exactly the columns of ``heron code --format csv`` (derived from :mod:`heron.schema`):
one row per event, several actors joined with ``;`` position by position. Parquet has the same
columns, typed — dates are DATE, lists are lists (``actor_code`` is a list of codes, one per
actor), flags are booleans — followed by the stored fields CSV leaves out (offsets, coordinates,
the PLOVER score, the coder and rule). ``--explode`` gives one row per event × actor × recipient
instead, with one actor per row and its position in ``actor_idx``/``recipient_idx``.
"""

from __future__ import annotations

from heron.export.spec import ExportColumn, ExportFormat, Layout, Options, Rows, col
from heron.schema import Column, Kind, Output, columns

# where each (field, part) of the schema is in the events table: ("trigger", "text") → trigger_text
_STORED = {
    (c.field.name, c.sub.name if c.sub else None): c.name
    for c in columns(Output.EVENTS)
    if c.field is not None
}
_SIDE = {"actor": "a", "recipient": "r"}


def _empty(c: Column) -> str:
    f = c.sub or c.field
    if f is not None and f.nullable:
        return "empty when null"
    if c.field is not None and c.field.kind is Kind.PART_LIST:
        return "empty when the event has none"
    return ""


def _value(c: Column, *, typed: bool, explode: bool) -> ExportColumn:
    """One schema column as an export column: lists stay lists when ``typed`` (Parquet), else are
    joined with ``;`` (CSV); actors are per row with ``explode``."""
    assert c.field is not None
    field, sub = c.field, c.sub
    if field.kind is Kind.PART_LIST and sub is not None:
        s = _SIDE[field.name]
        if explode:
            return col(c.name, sub.kind.sql or "VARCHAR", f"x.{s}_{sub.name}", c.doc, _empty(c))
        values = f"x.{s}l_{sub.name}"
        if typed:
            return col(c.name, f"{sub.kind.sql}[]", values, c.doc, _empty(c))
        joined = f"x.{s}j_{sub.name}"
        return col(c.name, "VARCHAR", joined, c.doc + " (`;`-joined)", _empty(c))
    stored = _STORED[(field.name, sub.name if sub else None)]
    kind = c.kind
    if kind is Kind.TEXT_LIST and not typed:
        return col(c.name, "VARCHAR", f"array_to_string(x.{stored}, ';')", c.doc + " (`;`-joined)")
    return col(c.name, kind.sql or "VARCHAR", f"x.{stored}", c.doc, _empty(c))


def _extras() -> tuple[ExportColumn, ...]:
    """The stored fields Parquet adds after the CSV columns: every events-table column that
    CSV does not carry (the first actor's code is in the actor lists already), and the names."""
    in_csv = {(c.field.name, c.sub.name if c.sub else None) for c in columns(Output.CSV) if c.field}
    out = []
    for c in columns(Output.EVENTS):
        assert c.field is not None
        key = (c.field.name, c.sub.name if c.sub else None)
        if key in in_csv or c.field.kind is Kind.PART_LIST:
            continue
        out.append(col(c.name, c.kind.sql or "VARCHAR", f"x.{c.name}", c.doc, _empty(c)))
    return tuple(out)


_NAMES = {
    False: (
        col("actor_name", "VARCHAR[]", "x.al_name", "the actors' canonical names", "null items"),
        col("recipient_name", "VARCHAR[]", "x.rl_name", "the recipients' canonical names"),
    ),
    True: (
        col("actor_name", "VARCHAR", "x.a_name", "the actor's canonical name", "empty when null"),
        col("recipient_name", "VARCHAR", "x.r_name", "the recipient's canonical name"),
    ),
}
_POSITIONS = (
    col("actor_idx", "INTEGER", "x.a_idx", "the actor's position in the event's actor list",
        "empty when the event has no actor"),
    col("recipient_idx", "INTEGER", "x.r_idx", "the recipient's position in its list",
        "empty when the event has no recipient"),
)  # fmt: skip


def csv_columns(options: Options) -> tuple[ExportColumn, ...]:
    cols = tuple(_value(c, typed=False, explode=options.explode) for c in columns(Output.CSV))
    return cols + (_POSITIONS if options.explode else ())


def parquet_columns(options: Options) -> tuple[ExportColumn, ...]:
    cols = tuple(_value(c, typed=True, explode=options.explode) for c in columns(Output.CSV))
    cols += _extras() + _NAMES[options.explode]
    return cols + (_POSITIONS if options.explode else ())


def _rows(options: Options) -> Rows:
    return Rows.DYADS if options.explode else Rows.EVENTS


JSONL = ExportFormat(
    name="jsonl",
    title="JSON Lines",
    summary="Heron's own event objects (the output contract), one per line",
    layout=Layout.CONTRACT,
    extensions=(".jsonl", ".ndjson"),
    flags=True,
)

JSON = ExportFormat(
    name="json",
    title="JSON",
    summary="Heron's own event objects as one JSON array",
    layout=Layout.CONTRACT,
    extensions=(".json",),
    flags=True,
)

CSV = ExportFormat(
    name="csv",
    title="CSV",
    summary="one row per event (per dyad with --explode), the columns of `heron code --format csv`",
    layout=Layout.CSV,
    extensions=(".csv",),
    columns=csv_columns,
    rows=_rows,
    flags=True,
    explode=True,
)

PARQUET = ExportFormat(
    name="parquet",
    title="Parquet",
    summary="CSV's columns typed (DATE, lists, booleans) plus offsets, coordinates and scores; "
    "--partition year|month writes a folder of files",
    layout=Layout.PARQUET,
    extensions=(".parquet", ".pq"),
    columns=parquet_columns,
    rows=_rows,
    flags=True,
    explode=True,
    partition=True,
)
