"""docs/FORMAT.md's export tables, generated from the formats' column declarations.

``python -m heron.export.docs docs/FORMAT.md`` regenerates every ``<!-- export:NAME -->`` …
``<!-- /export -->`` block in place (``formats`` is the list of formats; any other name is a
format's column table); a test fails when the committed file is out of date.
"""

from __future__ import annotations

import re
import sys

from heron.export.formats import FORMATS
from heron.export.spec import ExportFormat, Layout, Options
from heron.schema import fill_blocks, regenerate

_BLOCK = re.compile(r"(<!-- export:(?P<name>[a-z-]+) -->\n)(.*?)(<!-- /export -->)", re.S)


def _type(sql_type: str) -> str:
    if sql_type.startswith("STRUCT") and sql_type.endswith("[]"):
        return "list of objects"
    if sql_type.startswith("STRUCT"):
        return "object"
    if sql_type.endswith("[]"):
        return f"list of {_type(sql_type[:-2])}"
    return {
        "VARCHAR": "text",
        "INTEGER": "integer",
        "BIGINT": "integer",
        "DOUBLE": "number",
        "DATE": "date",
        "BOOLEAN": "boolean",
    }.get(sql_type, sql_type.lower())


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or "—"


def columns_table(f: ExportFormat, options: Options | None = None) -> str:
    """The format's columns: position, name, type, where the value comes from, when empty."""
    lines = ["| # | column | type | value | empty when / cannot fill |", "|---|---|---|---|---|"]
    for i, c in enumerate(f.columns(options or Options()), start=1):
        lines.append(
            f"| {i} | `{c.name}` | {_type(c.type)} | {_cell(c.source)} | {_cell(c.empty)} |"
        )
    return "\n".join(lines) + "\n"


def formats_table() -> str:
    """One line per format: name, what it is, rows, file names, header, flagged events."""
    lines = [
        "| `--format` | what | one row per | file names | header | negated / hypothetical |",
        "|---|---|---|---|---|---|",
    ]
    for f in FORMATS.values():
        rows = f.rows(Options()).value.removeprefix("one row per ")
        if f.layout is Layout.CONTRACT:
            rows = "event"
        if f.explode:
            rows += " (dyad with `--explode`)"
        names = ", ".join(f"`{e}`" for e in f.extensions)
        if not f.infer:
            names += " (with `--format`)"
        header = "—"
        if f.layout in (Layout.TSV, Layout.CSV):
            header = "yes" if f.header else "no"
        kept = "kept, flagged" if f.flags else "left out (`--flagged` keeps them)"
        what = f"{f.title}: {_cell(f.summary)}"
        lines.append(f"| `{f.name}` | {what} | {rows} | {names} | {header} | {kept} |")
    return "\n".join(lines) + "\n"


def _blocks() -> dict[str, str]:
    blocks = {"formats": formats_table()}
    for name, f in FORMATS.items():
        if f.layout is not Layout.CONTRACT:
            blocks[name] = columns_table(f)
    return blocks


def document(text: str) -> str:
    """``text`` with every export block regenerated."""
    return fill_blocks(text, _BLOCK, _blocks(), "export")


def main(argv: list[str]) -> int:
    return regenerate(argv, document)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
