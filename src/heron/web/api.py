"""The JSON API under ``/api``: every page's data, from the same functions (:mod:`heron.web.views`).

Errors answer with one shape (:mod:`heron.web.errors`). Lists of events are paginated
(``page``, ``per_page`` ≤ 200). Nothing here writes to the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from heron.store import Store
from heron.store.browse import MEASURES, PERIODS, event_types
from heron.web import sources, views
from heron.web.errors import BadParameter
from heron.web.memo import Memo
from heron.web.params import EventParams, choice, dates, day, event_params, integer, text

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")

Actor = Annotated[
    str, Query(min_length=1, max_length=100, description="A country, a code or a name.")
]


@contextmanager
def lend(request: Request) -> Iterator[Store]:
    """A read-only connection of the app's pool for one request."""
    with request.app.state.pool.store() as store:
        yield store


class JSON(Response):
    """JSON written by the standard library's C encoder (dates as ISO text): the API's answers
    are plain values already, so FastAPI's generic encoder, which walks them in Python, is
    skipped — several times faster on a page of events."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=_iso).encode(
            "utf-8"
        )


def _iso(value: Any) -> str:
    if isinstance(value, (date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def jsonify(data: Any) -> Response:
    return JSON(data)


def answer(request: Request, key: Hashable, compute: Callable[[Store], T]) -> T:
    """What ``compute`` gives on a store connection, remembered under ``key`` (the store cannot
    change while the server holds it: see :mod:`heron.web.memo`)."""

    def run() -> T:
        with lend(request) as store:
            return compute(store)

    memo: Memo = request.app.state.memo
    return memo.get(key, run)


@router.get("/overview", summary="The store at a glance", response_model=dict[str, Any])
def overview(request: Request) -> Response:
    """Counts of documents, events and clusters; the span of event dates; events per week by
    quad class and by PLOVER type; the busiest dyads; the latest ingests and failures."""
    return jsonify(answer(request, ("overview",), views.overview))


@router.get("/events", summary="Events, filtered and paginated", response_model=dict[str, Any])
def events(request: Request, params: Annotated[EventParams, Depends(event_params)]) -> Response:
    """A page of events (contract objects, each with the ``rule`` that fired), newest first,
    and how many there are in all."""
    key = ("events", params.query, params.page, params.per_page)
    return jsonify(answer(request, key, lambda store: views.events(store, params)))


@router.get(
    "/events/{event_id:path}", summary="One event and its provenance", response_model=dict[str, Any]
)
def event(request: Request, event_id: str) -> Response:
    """The event, its sentence cut into runs with the kinds of span that cover each (actor,
    recipient, trigger, date, place), the document around it, the rule, the flags, and the
    other events of its sentence, its document and its cluster."""
    found = answer(request, ("event", event_id), lambda store: views.provenance(store, event_id))
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    return jsonify(found)


@router.get(
    "/clusters/{cluster_id}", summary="One happening: its reports", response_model=dict[str, Any]
)
def cluster(request: Request, cluster_id: int) -> Response:
    """An event cluster: its summary (date, code, dyad, representative sentence, how many
    reports, documents and sources), every report (the member it joined through, and why) and
    the copies of their documents."""
    found = answer(request, ("cluster", cluster_id), lambda store: views.cluster(store, cluster_id))
    if found is None:
        raise HTTPException(404, f"no event cluster {cluster_id} in this store")
    return jsonify(found)


@router.get(
    "/documents/{doc_id:path}",
    summary="One document, its text and its events",
    response_model=dict[str, Any],
)
def document(request: Request, doc_id: str) -> Response:
    found = answer(request, ("document", doc_id), lambda store: views.document(store, doc_id))
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r} in this store")
    return jsonify(found)


@router.get("/series", summary="A dyad over time, both ways", response_model=dict[str, Any])
def series(
    request: Request,
    actor: Actor,
    recipient: Actor,
    by: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
    measure: Annotated[str, Query(description=f"One of {', '.join(MEASURES)}.")] = "count",
    since: Annotated[str | None, Query(description="From this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="To this date (YYYY-MM-DD).")] = None,
) -> Response:
    """Events of actor → recipient (``forward``) and recipient → actor (``backward``) per
    period, with the measure asked for: counts, mean Goldstein or PLOVER score, or counts per
    quad class."""
    lo, hi = dates(since, until)
    cut = choice(by, "by", tuple(PERIODS), "month") or "month"
    what = choice(measure, "measure", MEASURES, "count") or "count"
    return jsonify(series_of(request, actor, recipient, cut, what, lo, hi))


@router.get(
    "/series/period", summary="A dyad's events in one period", response_model=dict[str, Any]
)
def series_period(
    request: Request,
    actor: Actor,
    recipient: Actor,
    period: Annotated[str, Query(description="The period's first day (YYYY-MM-DD).")],
    by: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
) -> Response:
    """The events of the dyad, both ways, dated within the period that starts on ``period``."""
    start = _day(period, "period")
    cut = choice(by, "by", tuple(PERIODS), "month") or "month"
    return jsonify(period_of(request, actor, recipient, cut, start))


@router.get("/dyads", summary="The busiest dyads", response_model=list[dict[str, Any]])
def dyads(
    request: Request,
    limit: Annotated[str | None, Query(description="How many, 1–100 (default 10).")] = None,
) -> Response:
    """Pairs of countries by counted events, with their conflict share and mean Goldstein."""
    n = integer(limit, "limit", lo=1, hi=100, default=10) or 10
    return jsonify(answer(request, ("dyads", n), lambda store: sources.top_dyads(store, limit=n)))


@router.get("/actors", summary="Find actors (completion)", response_model=list[dict[str, Any]])
def actors(
    request: Request,
    q: Annotated[str | None, Query(description="What was typed; empty: the most active.")] = None,
) -> Response:
    """Stored countries, codes and names that start with ``q``, and what the knowledge base
    makes of it; with no ``q``, the most active countries."""
    return jsonify(suggestions_of(request, text(q, "q", max_len=100)))


@router.get("/actors/{term:path}", summary="One actor", response_model=dict[str, Any])
def actor(
    request: Request,
    term: str,
    date_: Annotated[
        str | None, Query(alias="date", description="As of this date (YYYY-MM-DD).")
    ] = None,
) -> Response:
    """Who ``term`` is as of ``date`` (its knowledge-base entries and dated roles), its events
    as actor and as recipient, and its main partners."""
    name = text(term, "term", max_len=100)
    if name is None:
        raise HTTPException(404, "name an actor: /api/actors/NAME")
    return jsonify(actor_of(request, name, day(date_, "date")))


@router.get("/event-types", summary="The PLOVER event types in the store", response_model=list[str])
def types(request: Request) -> Response:
    return jsonify(answer(request, ("types",), event_types))


class CodeRequest(BaseModel):
    """A text to code, as "Try it" sends it."""

    text: str = Field(min_length=1, max_length=views.MAX_TRY, description="The text to code.")
    date: dt.date | None = Field(None, description="Its publication date (YYYY-MM-DD).")
    explain: bool = Field(False, description="Also say which codebook entry fired per frame.")


@router.post("/code", summary="Code a text (nothing is stored)", response_model=dict[str, Any])
def code(request: Request, body: CodeRequest) -> Response:
    """The events of a text, each with its sentence cut into highlighted runs; with
    ``explain``, each sentence's frames and the codebook entry that fired."""
    state = request.app.state
    return jsonify(
        views.code(state.settings, state.coder_lock, body.text, body.date, frames=body.explain)
    )


# -- the views pages share with the API, remembered ------------------------------------------------


def series_of(
    request: Request,
    actor: str,
    recipient: str,
    by: str,
    measure: str,
    since: date | None,
    until: date | None,
) -> dict[str, Any]:
    settings = request.app.state.settings
    return answer(
        request,
        ("series", actor, recipient, by, measure, since, until),
        lambda store: views.series(
            store,
            settings,
            actor=actor,
            recipient=recipient,
            by=by,
            measure=measure,
            since=since,
            until=until,
        ),
    )


def period_of(request: Request, actor: str, recipient: str, by: str, start: date) -> dict[str, Any]:
    settings = request.app.state.settings
    return answer(
        request,
        ("period", actor, recipient, by, start),
        lambda store: views.period_events(
            store, settings, actor=actor, recipient=recipient, by=by, period=start
        ),
    )


def suggestions_of(request: Request, typed: str | None) -> list[dict[str, Any]]:
    """Completions for ``typed``; with nothing typed, the most active countries."""
    settings = request.app.state.settings
    if typed is None:
        return answer(request, ("top actors",), lambda store: views.top_actors(store, settings))
    return answer(
        request, ("suggest", typed), lambda store: views.suggestions(store, settings, typed)
    )


def actor_of(request: Request, name: str, when: date | None) -> dict[str, Any]:
    settings = request.app.state.settings
    return answer(
        request, ("actor", name, when), lambda store: views.actor(store, settings, name, when)
    )


def _day(value: str, param: str) -> date:
    found = day(value, param)
    if found is None:
        raise BadParameter(param, "give a date (YYYY-MM-DD)")
    return found
