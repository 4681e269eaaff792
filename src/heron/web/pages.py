"""The dashboard's pages: each renders what :mod:`heron.web.views` returns for the API."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from heron.store.browse import MEASURES, PERIODS, event_types
from heron.web import sources, views
from heron.web.api import actor_of, answer, period_of, series_of, suggestions_of
from heron.web.errors import BadParameter
from heron.web.params import EventParams, choice, dates, day, event_params, flag, text

router = APIRouter(include_in_schema=False)

MEASURE_LABELS = {
    "count": "count of events",
    "goldstein": "mean Goldstein score",
    "plover": "mean PLOVER score",
    "quad": "events per quad class",
}
assert tuple(MEASURE_LABELS) == MEASURES
#: the largest "Try it" form Heron reads (the text is capped lower, in views.MAX_TRY)
MAX_FORM_BYTES = 256 * 1024


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    page: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return page


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    return render(request, "overview.html", o=answer(request, ("overview",), views.overview))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, params: Annotated[EventParams, Depends(event_params)]) -> HTMLResponse:
    key = ("events", params.query, params.page, params.per_page)
    data = answer(request, key, lambda store: views.events(store, params))
    types = answer(request, ("types",), event_types)
    return render(request, "events.html", data=data, params=params, event_types=types)


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    found = answer(request, ("event", event_id), lambda store: views.provenance(store, event_id))
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in this store")
    return render(request, "provenance.html", p=found)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    found = answer(request, ("document", doc_id), lambda store: views.document(store, doc_id))
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r} in this store")
    return render(request, "document.html", d=found)


@router.get("/dyads", response_class=HTMLResponse)
def dyads(
    request: Request,
    actor: str | None = None,
    recipient: str | None = None,
    by: str | None = None,
    measure: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    a, r = text(actor, "actor", max_len=100), text(recipient, "recipient", max_len=100)
    form = {
        "actor": a,
        "recipient": r,
        "by": choice(by, "by", tuple(PERIODS), "month"),
        "measure": choice(measure, "measure", MEASURES, "count"),
        "since": text(since, "since"),
        "until": text(until, "until"),
    }
    lo, hi = dates(since, until)
    data = None
    top: list[dict[str, Any]] = []
    if a and r:
        data = series_of(request, a, r, form["by"] or "month", form["measure"] or "count", lo, hi)
    else:
        top = answer(request, ("dyads", 12), lambda store: sources.top_dyads(store, limit=12))
    query = urlencode({k: v for k, v in form.items() if v})
    return render(
        request,
        "dyads.html",
        f=form,
        s=data,
        top=top,
        query=query,
        periods=tuple(PERIODS),
        measures=MEASURE_LABELS,
    )


@router.get("/dyads/period", response_class=HTMLResponse)
def dyad_period(
    request: Request,
    actor: str | None = None,
    recipient: str | None = None,
    period: str | None = None,
    by: str | None = None,
    fragment: str | None = None,
) -> HTMLResponse:
    """The events of one period of a dyad: a whole page, or with ``fragment=1`` the part the
    dyad explorer puts under its chart."""
    a, r = text(actor, "actor", max_len=100), text(recipient, "recipient", max_len=100)
    if not a or not r:
        raise BadParameter("actor" if not a else "recipient", "name both sides of the dyad")
    start = day(period, "period")
    if start is None:
        raise BadParameter("period", "give the period's first day (YYYY-MM-DD)")
    cut = choice(by, "by", tuple(PERIODS), "month") or "month"
    data = period_of(request, a, r, cut, start)
    if flag(fragment, "fragment"):
        return render(request, "_period.html", d=data)
    back = urlencode({"actor": a, "recipient": r, "by": cut})
    return render(request, "period.html", d=data, back=back)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: str | None = None) -> HTMLResponse:
    typed = text(q, "q", max_len=100)
    found = suggestions_of(request, typed) if typed else []
    top = suggestions_of(request, None)
    return render(request, "actors.html", q=typed, found=found, top=top)


@router.get("/actors/{term:path}", response_class=HTMLResponse)
def actor(request: Request, term: str, date: str | None = None) -> HTMLResponse:
    name = text(term, "term", max_len=100)
    if name is None:
        raise HTTPException(404, "name an actor: /actors/NAME")
    return render(request, "actor.html", a=actor_of(request, name, day(date, "date")))


@router.get("/try", response_class=HTMLResponse)
def try_form(request: Request, date: str | None = None, explain: str | None = None) -> HTMLResponse:
    """The form; ``?text=…&explain=1`` (the provenance page's link) codes a sentence at once."""
    given = request.query_params.get("text")
    if given:
        return _try(request, given, date, explain)
    return render(request, "try.html", max_len=views.MAX_TRY, date=date, explain=bool(explain))


@router.post("/try", response_class=HTMLResponse)
async def try_post(request: Request) -> HTMLResponse:
    """Code the posted form (application/x-www-form-urlencoded); nothing is stored."""
    from starlette.concurrency import run_in_threadpool

    size = request.headers.get("content-length")
    if size is not None and size.isdigit() and int(size) > MAX_FORM_BYTES:
        raise HTTPException(413, f"the form is larger than {MAX_FORM_BYTES // 1024} KiB")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, f"the form is larger than {MAX_FORM_BYTES // 1024} KiB")
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    one = {k: v[0] for k, v in fields.items() if v}
    return await run_in_threadpool(
        _try, request, one.get("text", ""), one.get("date"), one.get("explain")
    )


def _try(request: Request, typed: str, date: str | None, explain: str | None) -> HTMLResponse:
    when = day(date, "date")
    frames = flag(explain, "explain")
    state = request.app.state
    context: dict[str, Any] = {
        "max_len": views.MAX_TRY,
        "text": typed,
        "date": when,
        "explain": frames,
    }
    try:
        result = views.code(state.settings, state.coder_lock, typed, when, frames=frames)
    except BadParameter as e:
        return render(request, "try.html", 400, error=str(e), **context)
    return render(request, "try.html", result=result, frames=result["frames"], **context)
