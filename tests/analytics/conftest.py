"""Analytics fixtures: an in-memory store and the hand-built records of the store tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from heron.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s
