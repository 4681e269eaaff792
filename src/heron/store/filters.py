"""Which events a query wants: one typed filter shared by every reader of the store.

The CLI (`heron events`), the library (:func:`heron.store.query_events`) and the store's own
queries of the events table and the dyads view all take an :class:`EventFilter`, so a new
criterion is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Criteria on events; every one left ``None`` matches everything.

    ``actor``/``recipient`` match a country ("JPN") or a full actor code ("JPNGOV") against any
    actor of that side; ``cameo`` is a prefix ("17" matches "173"); ``since``/``until`` are
    inclusive event dates; ``include_flagged=False`` drops negated, hypothetical and future
    events; ``limit`` caps the rows (None: no cap).
    """

    actor: str | None = None
    recipient: str | None = None
    since: date | None = None
    until: date | None = None
    cameo: str | None = None
    event_type: str | None = None
    doc_id: str | None = None
    include_flagged: bool = True
    limit: int | None = 1000

    @classmethod
    def of(cls, criteria: EventFilter | None, extra: dict[str, Any]) -> EventFilter:
        """A filter from an existing one and/or keyword criteria (an unknown key is a
        TypeError naming it)."""
        base = criteria or cls()
        if not extra:
            return base
        return cls(**{**base.__dict__, **extra})

    def clauses(self, where: list[str], params: list[Any]) -> None:
        """Add every condition but the limit on the events table aliased ``e``: the actor and
        recipient (any actor of that side, by country, code or name) and :meth:`event_clauses`."""
        for role, code in (("actor", self.actor), ("recipient", self.recipient)):
            if code:
                where.append(
                    "e.event_id IN (SELECT event_id FROM actors WHERE role = ? "
                    "AND (country = ? OR code = ? OR lower(name) = lower(?)))"
                )
                params += [role, code.upper(), code.upper(), code]
        self.event_clauses(where, params)

    def event_clauses(self, where: list[str], params: list[Any]) -> None:
        """Add the conditions on event columns (table or view aliased ``e``)."""
        for clause, value in (
            ("e.date >= ?", self.since),
            ("e.date <= ?", self.until),
            ("starts_with(e.cameo, ?)", self.cameo),
            ("e.event_type = ?", self.event_type.upper() if self.event_type else None),
            ("e.doc_id = ?", self.doc_id),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if not self.include_flagged:
            where.append("NOT (coalesce(e.negated OR e.hypothetical OR e.future, false))")
