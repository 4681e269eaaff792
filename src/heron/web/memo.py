"""Answers remembered for the life of the server.

The dashboard holds its store open read-only, and DuckDB lets no other process write to a file
that one holds open, so the data cannot change while the server runs: an aggregate computed once
(the overview, a dyad's series, an actor's partners) is the answer until the server stops. The
memo keeps the most recent answers, keyed by what was asked; a restart forgets them all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


class Memo:
    """A thread-safe least-recently-used map of answers (at most ``size``)."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer remembered for ``key``, or ``compute()``'s, remembered (an error is not)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = compute()  # outside the lock: two threads may compute one key, harmlessly
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
