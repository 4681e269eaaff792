"""Pairwise scoring of event clusters and the scoring of copies, with a fake coder."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from heron.evaluate import cluster_scores
from heron.evaluate.clusters import read_labels, score_copies, variants

MEET = "Japan's prime minister met South Korea's president in Tokyo on Thursday."
MISSILE = "North Korea fired a missile on Thursday."


def fake(text: str, published: date | None) -> list[dict[str, Any]]:
    """One event per sentence: a meeting JPN → KOR or a missile launch by PRK, that day."""
    out = []
    for i, sentence in enumerate(s for s in text.split("\n") if s.strip()):
        meet = "met" in sentence
        out.append(
            {
                "event_id": f"t:{i}:0",
                "doc_id": "t",
                "date": published.isoformat() if published else None,
                "date_precision": "day",
                "date_text": "Thursday",
                "cameo": "040" if meet else "194",
                "event_type": "CONSULT" if meet else "ASSAULT",
                "actor": [{"country": "JPN" if meet else "PRK", "sector": "GOV", "name": None}],
                "recipient": [{"country": "KOR", "sector": "GOV", "name": None}] if meet else [],
                "sentence": {"text": sentence},
                "flags": {},
            }
        )
    return out


def test_pairs_are_scored_and_coding_misses_counted_apart(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(f"{MEET}\n{MISSILE}\n")
    (tmp_path / "reports" / "b.txt").write_text(f"{MEET}\n")
    labels = [
        ("summit", "own:a.txt", "met", "04"),
        ("summit", "own:b.txt", "met", "04"),
        ("missile", "own:a.txt", "fired", "19"),
        ("launch", "own:b.txt", "launched", "19"),  # not coded: a coding miss, not scored
    ]
    with (tmp_path / "gold.jsonl").open("w") as fh:
        for h, d, q, m in labels:
            row = {"happening": h, "doc": d, "published": "2023-03-16", "quote": q, "match": m}
            fh.write(json.dumps(row) + "\n")
    assert len(read_labels(tmp_path / "gold.jsonl")) == 4
    result = cluster_scores(tmp_path / "no-shared", fake, tmp_path)
    assert (result.pairs.tp, result.pairs.fp, result.pairs.fn) == (1, 0, 0)
    assert result.found == 3 and len(result.missed) == 1 and "launch" in result.missed[0]
    # texts this short are only ever exact copies: the edited and cut ones are missed
    assert (result.copies.tp, result.copies.fp) == (2, 0)


def test_copies_made_are_found_and_originals_are_not_copies() -> None:
    story = " ".join(f"Sentence {i} says something about the talks in Tokyo." for i in range(30))
    other = " ".join(f"Line {i} is about a storm over Manila and its floods." for i in range(30))
    assert [v[0] for v in variants("a", story, 1)] == ["a~exact", "a~edited", "a~cut"]
    prf, n = score_copies({"a": story, "b": other}, ["a"])
    assert n == 5 and (prf.tp, prf.fp, prf.fn) == (3, 0, 0)
