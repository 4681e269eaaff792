"""Export fixtures: the reference column lists of ../shared/reference, when present."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2].parent / "shared" / "reference"


@pytest.fixture(scope="session")
def reference_columns():
    def read(name: str) -> list[str]:
        path = REFERENCE / name
        if not path.is_file():
            pytest.skip(f"reference column list not found at {path}: needs ../shared/reference")
        with open(path, encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        if "position" in rows[0]:
            rows.sort(key=lambda r: int(r["position"]))
            return [r["column"] for r in rows]
        return [r["field"] for r in rows if r["object"] == "event"]

    return read
