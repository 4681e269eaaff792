"""Every format Heron writes, by name, and which format an output file's name asks for.

A file name picks a format only when it cannot mean another: ``.jsonl``, ``.json``, ``.csv`` and
``.parquet`` are Heron's own layouts. The datasets' layouts are tab-separated text (``.tsv``,
``.tab``, ``.txt``; GDELT itself names its files ``.CSV``), which could be any of five formats, so
they are chosen with ``--format``. A name that names another format than the one asked for is an
error, never a silent other format. ``.gz`` after the extension compresses text formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from heron.errors import ExportError
from heron.export import gdelt, icews, phoenix, plover, tabular
from heron.export.spec import ExportFormat, Layout

FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        tabular.JSONL,
        tabular.JSON,
        tabular.CSV,
        tabular.PARQUET,
        plover.PLOVER,
        plover.POLECAT,
        gdelt.EVENTS,
        gdelt.MENTIONS,
        icews.ICEWS,
        phoenix.PHOENIX,
    )
}


@dataclass(frozen=True, slots=True)
class Target:
    """What to write: the format, and whether to gzip the file."""

    format: ExportFormat
    gzip: bool = False


def get_format(name: str) -> ExportFormat:
    """The format called ``name``; ExportError listing the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ExportError(
            f"unknown export format {name!r}: use one of {', '.join(FORMATS)}"
        ) from None


def _extension(path: Path) -> tuple[str, bool]:
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes.pop()
    return (suffixes[-1] if suffixes else ""), gz


def target(fmt: str | ExportFormat | None, path: Path | None, *, folder: bool = False) -> Target:
    """The format to write and whether to compress it, from ``--format`` and the output's name.

    ``folder`` says the output is a folder (partitioned Parquet): its name is not checked.
    """
    chosen = get_format(fmt) if isinstance(fmt, str) else fmt
    if path is None or folder:
        if chosen is None:
            raise ExportError("say which format to write: --format NAME, or an output file (-o)")
        return Target(chosen)
    ext, gz = _extension(path)
    if gz and (chosen or _inferred(ext, path)).layout is Layout.PARQUET:
        raise ExportError(f"{path}: Parquet is compressed inside the file; drop the .gz")
    if chosen is None:
        return Target(_inferred(ext, path), gz)
    if ext in chosen.extensions or ext not in _ALL_EXTENSIONS:
        return Target(chosen, gz)
    names = ", ".join(sorted(f.name for f in FORMATS.values() if ext in f.extensions))
    raise ExportError(
        f"--format {chosen.name} writes {chosen.layout.value}, but {path.name} names a "
        f"{ext} file ({names}): end the name in {chosen.extensions[0]}, or pick the format it names"
    )


_ALL_EXTENSIONS = frozenset(e for f in FORMATS.values() for e in f.extensions)


def _inferred(ext: str, path: Path) -> ExportFormat:
    for f in FORMATS.values():
        if f.infer and ext in f.extensions:
            return f
    shared = sorted(f.name for f in FORMATS.values() if ext in f.extensions)
    if shared:
        raise ExportError(
            f"{path.name}: {ext} files are written by several formats ({', '.join(shared)}); "
            "say which with --format"
        )
    known = sorted({e for f in FORMATS.values() if f.infer for e in f.extensions})
    raise ExportError(
        f"Heron cannot tell a format from the name {path.name!r}: end it in "
        f"{', '.join(known)}, or say --format ({', '.join(FORMATS)})"
    )
