"""Inputs for the scale tests: the bundled examples, the regression sentences, and synthetic
stories (distinct texts, so none is kept as a copy of another)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb
from reliability.fuzz_corpus import story

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
REGRESSION = ROOT / "tests" / "data" / "regression.jsonl"


def mixed_feed(path: Path, n: int, *, seed: int = 13) -> Path:
    """``n`` records: the regression sentences first, then synthetic stories, all dated, with
    one record that cannot be read in the middle (a failure row in every run)."""
    texts = [json.loads(line)["text"] for line in REGRESSION.read_text().splitlines() if line]
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        text = texts[i] if i < len(texts) else story(rng)
        lines.append(json.dumps({"id": f"m{i:04d}", "text": text, "date": "2024-05-08"}))
    lines.insert(n // 2, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """What a store holds that does not depend on when it was written: documents (id,
    status, error, events, sentences, hash, coder), events (id and full record) and actors, each
    sorted by its stable id."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute(
                "SELECT doc_id, status, error, n_events, n_sentences, content_hash, coder, text "
                "FROM documents ORDER BY doc_id"
            ).fetchall(),
            "events": con.execute(
                "SELECT event_id, doc_id, record::VARCHAR FROM events ORDER BY event_id"
            ).fetchall(),
            "actors": con.execute("SELECT * FROM actors ORDER BY ALL").fetchall(),
            "failures": con.execute(
                "SELECT doc_id, origin, reason FROM failures ORDER BY doc_id"
            ).fetchall(),
            "fingerprints": con.execute(
                "SELECT doc_id, text_hash FROM document_fingerprints ORDER BY doc_id"
            ).fetchall(),
        }
    finally:
        con.close()
