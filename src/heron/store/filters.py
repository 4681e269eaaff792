"""Which events a query wants: one typed filter shared by every reader of the store.

The CLI (`heron events`), the library (:func:`heron.store.query_events`) and the store's own
queries of the events table and the dyads view all take an :class:`EventFilter`, so a new
criterion is added in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

#: the flags that ``include_flagged=False`` leaves out of a list of events (``heron events``)
LISTED_FLAGS = "e.negated OR e.hypothetical OR e.future"
#: the flags that counts (series, dyads, clusters) leave out unless ``include_flagged=True``: a
#: future event is coded as the intent it expresses ("will visit" → 036), which did happen
COUNTED_FLAGS = "e.negated OR e.hypothetical"


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """Criteria on events; every one left ``None`` matches everything.

    ``actor``/``recipient`` match a country ("JPN") or a full actor code ("JPNGOV") against any
    actor of that side; ``cameo`` is a prefix ("17" matches "173"); ``since``/``until`` are
    inclusive event dates; ``limit`` caps the rows (None: no cap).

    ``include_flagged`` decides about negated, hypothetical and future events: ``None`` (the
    default) lists them but leaves negated and hypothetical ones out of counts; ``True`` lists and
    counts them; ``False`` leaves negated, hypothetical and future ones out of lists and negated
    and hypothetical ones out of counts.
    """

    actor: str | None = None
    recipient: str | None = None
    since: date | None = None
    until: date | None = None
    cameo: str | None = None
    event_type: str | None = None
    doc_id: str | None = None
    include_flagged: bool | None = None
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
        recipient (any actor of that side, by country, code or name; ``*`` is any actor) and
        :meth:`event_clauses`."""
        for role, code in (("actor", self.actor), ("recipient", self.recipient)):
            if code and code != "*":
                where.append(
                    "e.event_id IN (SELECT event_id FROM actors WHERE role = ? "
                    "AND (country = ? OR code = ? OR lower(name) = lower(?)))"
                )
                params += [role, code.upper(), code.upper(), code]
        self.event_clauses(where, params)

    def event_clauses(
        self,
        where: list[str],
        params: list[Any],
        *,
        counting: bool = False,
        flagged_column: str | None = None,
    ) -> None:
        """Add the conditions on event columns (table or view aliased ``e``); ``counting`` applies
        the flag policy of counts, on ``flagged_column`` where the relation has one."""
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
        if counting and self.include_flagged is not True:
            where.append(
                f"NOT {flagged_column}"
                if flagged_column
                else f"NOT coalesce({COUNTED_FLAGS}, false)"
            )
        elif not counting and self.include_flagged is False:
            where.append(f"NOT (coalesce({LISTED_FLAGS}, false))")

    def dyad_clauses(
        self, where: list[str], params: list[Any], *, both_directions: bool = False
    ) -> None:
        """Add the conditions on the two sides of a dyads relation (aliased ``e``: ``actor_…``
        and ``recipient_…`` columns); a side given as ``*`` or None matches anything.
        ``both_directions`` also takes the dyad the other way round (recipient → actor)."""
        actor = None if self.actor in (None, "*") else self.actor
        recipient = None if self.recipient in (None, "*") else self.recipient

        def side(column: str, term: str | None, out: list[Any]) -> str | None:
            if term is None:
                return None
            out += [term.upper(), term.upper(), term]
            return (
                f"(e.{column}_country = ? OR e.{column}_code = ? "
                f"OR lower(e.{column}_name) = lower(?))"
            )

        straight: list[Any] = []
        clauses = [
            c for c in (side("actor", actor, straight), side("recipient", recipient, straight)) if c
        ]
        if not clauses:
            return
        if not both_directions:
            where.append(" AND ".join(clauses))
            params += straight
            return
        back: list[Any] = []
        swapped = [c for c in (side("recipient", actor, back), side("actor", recipient, back)) if c]
        where.append(f"(({' AND '.join(clauses)}) OR ({' AND '.join(swapped)}))")
        params += straight + back
