"""Store fixtures: an in-memory store (records come from ``store_factories``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s
