"""Query parameters shared by the pages and the API, read once and checked with clear messages.

HTML forms send empty fields as ``name=``, so every optional parameter treats an empty value as
not given; anything else that cannot be used is a :class:`~heron.web.errors.BadParameter` naming
the parameter (a 400), never a 500.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request

from heron.batch import actor_query
from heron.settings import Settings
from heron.store.browse import FLAGS, EventQuery
from heron.store.filters import EventFilter
from heron.web.errors import BadParameter

MAX_PER_PAGE = 200
_CAMEO = re.compile(r"^[0-9]{1,4}$")
_TYPE = re.compile(r"^[A-Za-z_]{1,20}$")


def text(value: str | None, param: str, *, max_len: int = 200) -> str | None:
    """A stripped text, None when empty; too long is a BadParameter."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > max_len:
        raise BadParameter(param, f"at most {max_len} characters, got {len(value)}")
    return value


def day(value: str | None, param: str) -> date | None:
    """An ISO date (YYYY-MM-DD), None when empty."""
    value = text(value, param, max_len=10)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadParameter(param, f"{value!r} is not a date (use YYYY-MM-DD)") from None


def integer(value: str | None, param: str, *, lo: int, hi: int, default: int | None) -> int | None:
    """A whole number between ``lo`` and ``hi``; ``default`` when empty."""
    value = text(value, param, max_len=12)
    if value is None:
        return default
    try:
        n = int(value)
    except ValueError:
        raise BadParameter(param, f"{value!r} is not a whole number") from None
    if not lo <= n <= hi:
        raise BadParameter(param, f"must be between {lo} and {hi}, got {n}")
    return n


def choice(
    value: str | None, param: str, options: tuple[str, ...], default: str | None
) -> str | None:
    """One of ``options`` (case-insensitive); ``default`` when empty."""
    value = text(value, param, max_len=40)
    if value is None:
        return default
    if value.lower() not in options:
        raise BadParameter(param, f"{value!r} is not one of {', '.join(options)}")
    return value.lower()


def flag(value: str | None, param: str) -> bool:
    """A checkbox or boolean: 1/true/on/yes or 0/false/off/no (empty: false)."""
    value = text(value, param, max_len=5)
    if value is None:
        return False
    if value.lower() in ("1", "true", "on", "yes"):
        return True
    if value.lower() in ("0", "false", "off", "no"):
        return False
    raise BadParameter(param, f"{value!r} is not true or false")


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def actor_term(value: str | None, param: str, settings: Settings) -> str | None:
    """A side of a query as the store knows it: a code, or a name looked up ("Japan" → JPN)."""
    value = text(value, param, max_len=100)
    if value is None or value == "*":
        return None
    return actor_query(value, settings=settings)


def dates(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    lo, hi = day(since, "since"), day(until, "until")
    if lo and hi and lo > hi:
        raise BadParameter("until", f"{hi} is before since ({lo})")
    return lo, hi


Text = Annotated[str | None, Query()]


@dataclass(frozen=True)
class EventParams:
    """The events a request asks for, its page, and the parameters as given (for links)."""

    query: EventQuery
    page: int
    per_page: int
    given: dict[str, str]

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def link(self, **changes: Any) -> str:
        """The query string of these parameters with ``changes`` (None removes one)."""
        merged: dict[str, Any] = {**self.given, **changes}
        return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def event_params(
    request: Request,
    actor: Annotated[
        str | None,
        Query(description="Actor: a country (JPN), a code (JPNGOV) or a name (Japan, Kishida)."),
    ] = None,
    recipient: Annotated[
        str | None, Query(description="Recipient: a country, a code or a name.")
    ] = None,
    since: Annotated[str | None, Query(description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Events on or before (YYYY-MM-DD).")] = None,
    cameo: Annotated[
        str | None, Query(description="CAMEO code or prefix: 17 is every coercion.")
    ] = None,
    type: Annotated[str | None, Query(description="PLOVER event type (AGREE, PROTEST …).")] = None,
    quad: Annotated[str | None, Query(description="Quad class 1–4 (GDELT's convention).")] = None,
    flag_: Annotated[
        str | None,
        Query(alias="flag", description=f"Only events with this flag: {', '.join(FLAGS)}."),
    ] = None,
    hide_flagged: Annotated[
        str | None, Query(description="Leave out negated, hypothetical and future events.")
    ] = None,
    q: Annotated[str | None, Query(description="Text found in the sentence or trigger.")] = None,
    doc: Annotated[str | None, Query(description="Only the events of this document.")] = None,
    page: Annotated[str | None, Query(description="Page number, from 1.")] = None,
    per_page: Annotated[
        str | None, Query(description=f"Events a page, 1–{MAX_PER_PAGE} (default 50).")
    ] = None,
) -> EventParams:
    """Read the event filter every list of events takes."""
    settings = settings_of(request)
    lo, hi = dates(since, until)
    code = text(cameo, "cameo", max_len=4)
    if code is not None and not _CAMEO.match(code):
        raise BadParameter("cameo", f"{code!r} is not a CAMEO code or prefix (1–4 digits)")
    kind = text(type, "type", max_len=20)
    if kind is not None and not _TYPE.match(kind):
        raise BadParameter("type", f"{kind!r} is not a PLOVER event type (letters only)")
    criteria = EventFilter(
        actor=actor_term(actor, "actor", settings),
        recipient=actor_term(recipient, "recipient", settings),
        since=lo,
        until=hi,
        cameo=code,
        event_type=kind,
        doc_id=text(doc, "doc", max_len=300),
        include_flagged=not flag(hide_flagged, "hide_flagged"),
        limit=None,
    )
    query = EventQuery(
        filter=criteria,
        text=text(q, "q"),
        flag=choice(flag_, "flag", FLAGS, None),
        quad_class=integer(quad, "quad", lo=1, hi=4, default=None),
    )
    given = {
        "actor": actor,
        "recipient": recipient,
        "since": since,
        "until": until,
        "cameo": cameo,
        "type": type,
        "quad": quad,
        "flag": flag_,
        "hide_flagged": hide_flagged,
        "q": q,
        "doc": doc,
        "per_page": per_page,
    }
    return EventParams(
        query,
        integer(page, "page", lo=1, hi=1_000_000, default=1) or 1,
        integer(per_page, "per_page", lo=1, hi=MAX_PER_PAGE, default=50) or 50,
        {k: v.strip() for k, v in given.items() if v and v.strip()},
    )
