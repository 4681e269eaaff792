"""Writing event records: JSON Lines (the output contract), JSON, CSV, and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

# scalar fields copied as they are into the flat row
SCALARS = (
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    "date_text",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "event_type",
    "mode",
    "confidence",
)
ROLE_FIELDS = ("text", "code", "country", "sector")
FLAG_FIELDS = ("negated", "hypothetical", "future", "reported", "historical")
CSV_COLUMNS = (
    *SCALARS[:-1],
    "context",
    *(f"{role}_{f}" for role in ("actor", "recipient") for f in ROLE_FIELDS),
    "trigger",
    "location",
    *FLAG_FIELDS,
    "confidence",
    "sentence",
)


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event; compound actors are joined with ';'."""

    def join(role: str, key: str) -> str:
        return ";".join(str(a.get(key) or "") for a in rec[role])

    flags = rec["flags"]
    loc = rec.get("location")
    row: dict[str, Any] = {k: rec[k] for k in SCALARS}
    row["context"] = ";".join(rec["context"])
    for role in ("actor", "recipient"):
        for f in ROLE_FIELDS:
            row[f"{role}_{f}"] = join(role, f)
    row["trigger"] = rec["trigger"]["text"]
    row["location"] = loc["name"] if loc else ""
    row.update({k: flags[k] for k in FLAG_FIELDS})
    row["sentence"] = rec["sentence"]["text"]
    return {k: row[k] for k in CSV_COLUMNS}


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
        parts.append(f"{code} ({a.get('name') or a['text']})")
    return "; ".join(parts) or "—"
