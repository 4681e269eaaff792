"""Heron's exceptions: one small tree, messages that say how to fix the problem.

::

    HeronError(Exception)          anything Heron raises on purpose
     ├── InputError                an input path or record cannot be used at all
     ├── DataFileError             a knowledge file (codebook, actors, gazetteer) is broken
     ├── ModelNotFound             the spaCy model is not installed
     ├── StoreError                the DuckDB store cannot be opened, migrated or written
     ├── ExportError               an export cannot be written as asked (format, path, options)
     ├── SettingsError             a setting has a value Heron cannot use
     └── ClusterError              a Dask cluster cannot be reached, or partitions failed on it

A message names the thing at fault (file, line, record id, setting) and the remedy, e.g.
"spaCy model 'en_core_web_sm' is not installed: run `make setup` or set HERON_MODEL".
Third-party exceptions are translated at the boundary with ``raise HeronError(...) from e``.

Note that a batch never dies on one bad input record: readers report such records as
:class:`heron.records.ReadFailure` values, not exceptions.
"""

from __future__ import annotations

from collections.abc import Sequence


class HeronError(Exception):
    """Base class of every error Heron raises on purpose."""


class InputError(HeronError):
    """An input path or record cannot be used at all (say which one and what to change)."""


class DataFileError(HeronError):
    """A knowledge data file is broken: every problem found, each with its line or entry and field.

    ``DataFileError(path, problems)`` keeps ``path`` and ``problems`` for callers that report them.
    """

    def __init__(self, path: str, problems: Sequence[str] = ()) -> None:
        self.path = path
        self.problems = list(problems)
        listed = "".join(f"\n  - {p}" for p in self.problems)
        super().__init__(f"{path}: broken data file, fix these entries and reload:{listed}")


class ModelNotFound(HeronError):
    """The spaCy model is not installed (say how to install it or which setting to change)."""


class StoreError(HeronError):
    """The event store cannot be opened, migrated or written (say the path and the remedy)."""


class ExportError(HeronError):
    """An export cannot be written as asked: an unknown format, an output path whose extension
    names another format, an option the format does not take (say which, and what to use)."""


class SettingsError(HeronError):
    """A setting has a value Heron cannot use (say the setting, the value and what is allowed)."""


class ClusterError(HeronError):
    """A Dask cluster cannot be reached or has no workers, or partitions failed on it (say the
    address or the partitions, and what to do: start the scheduler, run again)."""
