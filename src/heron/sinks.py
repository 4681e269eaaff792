"""Writing event records: JSON Lines (the output contract), JSON, CSV, and a terminal table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

CSV_COLUMNS = (
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
    "context",
    "actor_text",
    "actor_code",
    "actor_country",
    "actor_sector",
    "recipient_text",
    "recipient_code",
    "recipient_country",
    "recipient_sector",
    "trigger",
    "location",
    "negated",
    "hypothetical",
    "future",
    "reported",
    "historical",
    "confidence",
    "sentence",
)


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event; compound actors are joined with ';'."""

    def join(role: str, key: str) -> str:
        return ";".join(str(a.get(key) or "") for a in rec[role])

    flags = rec["flags"]
    loc = rec.get("location")
    return {
        **{
            k: rec[k]
            for k in (
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
        },
        "context": ";".join(rec["context"]),
        "actor_text": join("actor", "text"),
        "actor_code": join("actor", "code"),
        "actor_country": join("actor", "country"),
        "actor_sector": join("actor", "sector"),
        "recipient_text": join("recipient", "text"),
        "recipient_code": join("recipient", "code"),
        "recipient_country": join("recipient", "country"),
        "recipient_sector": join("recipient", "sector"),
        "trigger": rec["trigger"]["text"],
        "location": loc["name"] if loc else "",
        **{k: flags[k] for k in ("negated", "hypothetical", "future", "reported", "historical")},
        "sentence": rec["sentence"]["text"],
    }


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
