"""Writing event records: JSON Lines (the output contract), JSON, CSV, and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from heron.schema import Column, Kind, Output, columns

#: the CSV columns, derived from heron.schema (names and order are stable for CSV users)
COLUMNS: tuple[Column, ...] = columns(Output.CSV)
CSV_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS)


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """One CSV row of a contract dict; lists (contexts, compound actors) are joined with ';'."""
    return {c.name: _csv_value(c, rec) for c in COLUMNS}


def _csv_value(c: Column, rec: dict[str, Any]) -> Any:
    assert c.field is not None  # every CSV column is an event field
    value = rec[c.field.name]
    if c.sub is None:
        return ";".join(value) if c.kind is Kind.TEXT_LIST else value
    if c.field.kind is Kind.PART_LIST:
        return ";".join(str(item.get(c.sub.name) or "") for item in value)
    return value[c.sub.name] if value else ""


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    data = list(records)
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(data)


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    w.writeheader()
    n = 0
    for r in records:
        w.writerow(flat(r))
        n += 1
    return n


def actor_label(actors: list[dict[str, Any]]) -> str:
    parts = []
    for a in actors:
        code = a.get("code") or "?"
        # an implied agent ("was arrested": the police) has no words in the text
        parts.append(f"{code} ({a.get('name') or a['text'] or 'implied'})")
    return "; ".join(parts) or "—"
