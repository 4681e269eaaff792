"""The JSON API under ``/api``: every page's data, from the same functions (:mod:`heron.web.views`).

Errors answer with one shape (:mod:`heron.web.errors`). Lists of events are paginated
(``page``, ``per_page`` ≤ 200). Nothing here writes to the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from heron.store import Store
from heron.store.browse import MEASURES, PERIODS, event_types
from heron.web import sources, views
from heron.web.errors import BadParameter
from heron.web.params import EventParams, choice, dates, day, event_params, integer, text

router = APIRouter(prefix="/api", tags=["api"])

Actor = Annotated[
    str, Query(min_length=1, max_length=100, description="A country, a code or a name.")
]


@contextmanager
def lend(request: Request) -> Iterator[Store]:
    """A read-only connection of the app's pool for one request."""
    with request.app.state.pool.store() as store:
        yield store


@router.get("/overview", summary="The store at a glance")
def overview(request: Request) -> dict[str, Any]:
    """Counts of documents, events and clusters; the span of event dates; events per week by
    quad class and by PLOVER type; the busiest dyads; the latest ingests and failures."""
    with lend(request) as store:
        return views.overview(store)


@router.get("/events", summary="Events, filtered and paginated")
def events(
    request: Request, params: Annotated[EventParams, Depends(event_params)]
) -> dict[str, Any]:
    """A page of events (contract objects, each with the ``rule`` that fired), newest first,
    and how many there are in all."""
    with lend(request) as store:
        return views.events(store, params)


@router.get("/events/{event_id:path}", summary="One event and its provenance")
def event(request: Request, event_id: str) -> dict[str, Any]:
    """The event, its sentence cut into runs with the kinds of span that cover each (actor,
    recipient, trigger, date, place), the document around it, the rule, the flags, and the
    other events of its sentence, its document and its cluster."""
    with lend(request) as store:
        found = views.provenance(store, event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    return found


@router.get("/documents/{doc_id:path}", summary="One document, its text and its events")
def document(request: Request, doc_id: str) -> dict[str, Any]:
    with lend(request) as store:
        found = views.document(store, doc_id)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r} in this store")
    return found


@router.get("/series", summary="A dyad over time, both ways")
def series(
    request: Request,
    actor: Actor,
    recipient: Actor,
    by: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
    measure: Annotated[str, Query(description=f"One of {', '.join(MEASURES)}.")] = "count",
    since: Annotated[str | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="To this date (YYYY-MM-DD).")] = None,
) -> dict[str, Any]:
    """Events of actor → recipient (``forward``) and recipient → actor (``backward``) per
    period, with the measure asked for: counts, mean Goldstein or PLOVER score, or counts per
    quad class."""
    lo, hi = dates(since, until)
    with lend(request) as store:
        return views.series(
            store,
            request.app.state.settings,
            actor=actor,
            recipient=recipient,
            by=choice(by, "by", tuple(PERIODS), "month") or "month",
            measure=choice(measure, "measure", MEASURES, "count") or "count",
            since=lo,
            until=hi,
        )


@router.get("/series/period", summary="A dyad's events in one period")
def series_period(
    request: Request,
    actor: Actor,
    recipient: Actor,
    period: Annotated[str, Query(description="The period's first day (YYYY-MM-DD).")],
    by: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
) -> dict[str, Any]:
    """The events of the dyad, both ways, dated within the period that starts on ``period``."""
    start = _day(period, "period")
    with lend(request) as store:
        return views.period_events(
            store,
            request.app.state.settings,
            actor=actor,
            recipient=recipient,
            by=choice(by, "by", tuple(PERIODS), "month") or "month",
            period=start,
        )


@router.get("/dyads", summary="The busiest dyads")
def dyads(
    request: Request,
    limit: Annotated[str | None, Query(description="How many, 1–100 (default 10).")] = None,
) -> list[dict[str, Any]]:
    """Pairs of countries by counted events, with their conflict share and mean Goldstein."""
    n = integer(limit, "limit", lo=1, hi=100, default=10) or 10
    with lend(request) as store:
        return sources.top_dyads(store, limit=n)


@router.get("/actors", summary="Find actors (completion)")
def actors(
    request: Request,
    q: Annotated[str | None, Query(description="What was typed; empty: the most active.")] = None,
) -> list[dict[str, Any]]:
    """Stored countries, codes and names that start with ``q``, and what the knowledge base
    makes of it; with no ``q``, the most active countries."""
    typed = text(q, "q", max_len=100)
    with lend(request) as store:
        settings = request.app.state.settings
        if typed is None:
            return views.top_actors(store, settings)
        return views.suggestions(store, settings, typed)


@router.get("/actors/{term:path}", summary="One actor")
def actor(
    request: Request,
    term: str,
    date_: Annotated[
        str | None, Query(alias="date", description="As of this date (YYYY-MM-DD).")
    ] = None,
) -> dict[str, Any]:
    """Who ``term`` is as of ``date`` (its knowledge-base entries and dated roles), its events
    as actor and as recipient, and its main partners."""
    name = text(term, "term", max_len=100)
    if name is None:
        raise HTTPException(404, "name an actor: /api/actors/NAME")
    when = day(date_, "date")
    with lend(request) as store:
        return views.actor(store, request.app.state.settings, name, when)


@router.get("/event-types", summary="The PLOVER event types in the store")
def types(request: Request) -> list[str]:
    with lend(request) as store:
        return event_types(store)


class CodeRequest(BaseModel):
    """A text to code, as "Try it" sends it."""

    text: str = Field(min_length=1, max_length=views.MAX_TRY, description="The text to code.")
    date: dt.date | None = Field(None, description="Its publication date (YYYY-MM-DD).")
    explain: bool = Field(False, description="Also say which codebook entry fired per frame.")


@router.post("/code", summary="Code a text (nothing is stored)")
def code(request: Request, body: CodeRequest) -> dict[str, Any]:
    """The events of a text, each with its sentence cut into highlighted runs; with
    ``explain``, each sentence's frames and the codebook entry that fired."""
    state = request.app.state
    return views.code(state.settings, state.coder_lock, body.text, body.date, frames=body.explain)


def _day(value: str, param: str) -> date:
    found = day(value, param)
    if found is None:
        raise BadParameter(param, "give a date (YYYY-MM-DD)")
    return found
