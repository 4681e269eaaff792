"""How an export format is declared: its columns, each with its SQL, type and documentation.

A format module (``gdelt``, ``icews`` …) declares an :class:`ExportFormat` whose columns are
:class:`ExportColumn` s: the column's name as the dataset spells it, its DuckDB type, the SQL that
computes it from the rows of :mod:`heron.export.query` (the relation ``x``), where the value comes
from and what Heron cannot fill. docs/FORMAT.md's table for the format is generated from the same
declarations (:mod:`heron.export.docs`), so the documentation cannot drift from the files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

Partition = Literal["year", "month"]


class Layout(Enum):
    """How the rows are written."""

    TSV = "tab-separated text"
    CSV = "comma-separated text"
    PARQUET = "Parquet"
    JSONL = "JSON Lines"  # one JSON object per row, built from the columns (PLOVER)
    CONTRACT = "the contract objects"  # Heron's own JSON (JSON Lines or a JSON array)


class Rows(Enum):
    """What one row of the output is."""

    EVENTS = "one row per event"
    DYADS = "one row per event × actor × recipient"


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One column of an export: ``sql`` over the relation ``x``, cast to ``type``."""

    name: str
    type: str  # DuckDB type: INTEGER, BIGINT, DOUBLE, VARCHAR, DATE, BOOLEAN, VARCHAR[], JSON …
    sql: str
    source: str  # where the value comes from (FORMAT.md)
    empty: str = ""  # when it is empty, and what Heron cannot fill (FORMAT.md)


def col(name: str, type_: str, sql: str, source: str, empty: str = "") -> ExportColumn:
    """An :class:`ExportColumn` (positional, so column tables read as tables)."""
    return ExportColumn(name, type_, sql, source, empty)


@dataclass(frozen=True, slots=True)
class Options:
    """What the caller asked for besides the format and the events."""

    explode: bool = False  # one row per dyad (CSV, Parquet)
    partition: Partition | None = None  # Parquet: a folder of files by year (and month)


@dataclass(frozen=True, slots=True)
class Requirement:
    """A condition an event must meet to be written in a format (a SQL condition on the events
    table ``e``), and how to say why the others were left out."""

    sql: str
    reason: str


UNDATED = Requirement("e.date IS NOT NULL", "undated (the format needs an event date)")


@dataclass(frozen=True, kw_only=True)
class ExportFormat:
    """A file layout Heron writes."""

    name: str  # as `--format` takes it
    title: str  # "GDELT 2.0 Events"
    summary: str  # one line for --help and FORMAT.md
    layout: Layout
    extensions: tuple[str, ...]  # file name endings it writes, the first the usual one
    columns: Callable[[Options], tuple[ExportColumn, ...]] = lambda _o: ()
    rows: Callable[[Options], Rows] = lambda _o: Rows.EVENTS
    header: bool = True  # delimited layouts: a header row
    flags: bool = False  # it has columns for negated/hypothetical: flagged events are kept
    requires: tuple[Requirement, ...] = ()
    reference: str | None = None  # the column list in ../shared/reference (tests compare)
    explode: bool = False  # takes --explode
    partition: bool = False  # takes --partition
    infer: bool = True  # an output file's extension alone picks this format
    notes: tuple[str, ...] = field(default=())  # FORMAT.md: what to know besides the columns
