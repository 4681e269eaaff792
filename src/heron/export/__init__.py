"""Exports in the formats analysts already load: Heron's own JSON, CSV and Parquet; PLOVER JSON
and POLECAT; GDELT 2.0 Events and Mentions; ICEWS; Phoenix.

Each format is one module declaring its columns (:class:`~heron.export.spec.ExportColumn`): the
name as the dataset spells it, the SQL that fills it from the store, where the value comes from
and what Heron cannot fill. :func:`export_events` writes a store's events in any of them;
:func:`export_results` writes freshly coded documents (``heron code``) the same way, through an
in-memory store. docs/FORMAT.md's format tables are generated from the declarations
(``python -m heron.export.docs docs/FORMAT.md``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from heron.export.formats import FORMATS, get_format, target
from heron.export.spec import ExportColumn, ExportFormat, Options
from heron.export.write import COUNTS_SCHEMA, ExportResult, export_events
from heron.records import DocResult

__all__ = [
    "COUNTS_SCHEMA",
    "FORMATS",
    "ExportColumn",
    "ExportFormat",
    "ExportResult",
    "Options",
    "export_events",
    "export_results",
    "get_format",
    "target",
]


def export_results(
    results: Iterable[DocResult],
    path: str | Path,
    fmt: str | ExportFormat | None = None,
    **options: Any,
) -> ExportResult:
    """Write coded documents' events as :func:`export_events` writes a store's (the documents'
    URLs, sources and dates fill the formats' document columns)."""
    from heron.store import Store

    with Store(":memory:") as store:
        store.write_results([(r, "") for r in results])
        return export_events(store, path, fmt, **options)
