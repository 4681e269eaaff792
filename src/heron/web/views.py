"""What each page shows, as plain data: the API returns it as JSON, the pages render it.

Each function takes an open store (and the settings where names are looked up) and returns
dicts and lists of plain values, so the page ``/events/ID`` and the endpoint ``/api/events/ID``
can never disagree.
"""

from __future__ import annotations

import math
import threading
from datetime import date
from typing import Any

from heron.batch import (
    actor_completions,
    actor_names,
    actor_profile,
    actor_query,
    code_text,
    explain,
)
from heron.settings import Settings
from heron.store import EventFilter, Store, browse
from heron.web import sources
from heron.web.errors import BadParameter
from heron.web.highlight import Mark, checked, date_mark, event_marks, runs
from heron.web.params import EventParams

#: characters of the document shown on each side of an event's sentence
CONTEXT = 600
#: events of one period listed under the dyad chart, per direction (the rest: the events page)
PERIOD_LIMIT = 200
#: the longest text "Try it" codes
MAX_TRY = 20_000


def overview(store: Store) -> dict[str, Any]:
    """The store at a glance: counts, dates, weekly counts, busiest dyads, last ingests."""
    o = browse.overview(store)
    return {
        "counts": o.counts,
        "clusters": sources.clusters_count(store),
        "unclustered": sources.unclustered(store),
        "first_date": o.first_date,
        "last_date": o.last_date,
        "undated": o.undated,
        "weekly": {
            "quad": sources.weekly(store, by="quad"),
            "type": sources.weekly(store, by="type"),
        },
        "top_dyads": sources.top_dyads(store, limit=10),
        "recent_documents": browse.recent_documents(store, limit=10),
        "recent_failures": browse.recent_failures(store, limit=10),
        "unit": sources.UNIT,
    }


def events(store: Store, params: EventParams) -> dict[str, Any]:
    """One page of the events that meet the parameters."""
    page = browse.event_page(store, params.query, offset=params.offset, limit=params.per_page)
    return {
        "total": page.total,
        "page": params.page,
        "per_page": params.per_page,
        "pages": max(1, math.ceil(page.total / params.per_page)),
        "events": page.rows,
    }


def provenance(store: Store, event_id: str) -> dict[str, Any] | None:
    """An event and where it came from: its sentence with each part highlighted from its
    character offsets, the document around it, the rule that fired, its flags, and the other
    reports of the same happening. None when there is no such event."""
    event = browse.event(store, event_id)
    if event is None:
        return None
    doc = browse.document(store, event["doc_id"])
    sentence = event["sentence"]
    s0, s1 = sentence["start"], sentence["end"]
    marks, notes = event_marks(event)
    found_date = date_mark(event, sentence["text"], s0)
    if found_date:
        marks.append(found_date)
    elif event.get("date_text"):
        notes.append(
            f"the date ({event['date_text']!r}) comes from outside the sentence: "
            "the publication date or an earlier sentence"
        )
    in_sentence, wrong = checked(sentence["text"], _shift(marks, -s0))
    text = (doc or {}).get("text")
    context = None
    if text:
        if text[s0:s1] != sentence["text"]:
            wrong.append("the stored document text does not hold the sentence at its offsets")
        else:
            lo, hi = _window(text, s0, s1)
            shown = [
                Mark("sentence", s0 - lo, s1 - lo, "the event's sentence"),
                *_shift(marks, -lo),
            ]
            kept, _ = checked(text[lo:hi], shown)
            context = {
                "start": lo,
                "end": hi,
                "length": len(text),
                "runs": [r.to_dict() for r in runs(text[lo:hi], kept)],
            }
    siblings = [
        e for e in browse.document_events(store, event["doc_id"]) if e["event_id"] != event_id
    ]
    return {
        "event": event,
        "document": {k: v for k, v in (doc or {}).items() if k != "text"} or None,
        "sentence_runs": [r.to_dict() for r in runs(sentence["text"], in_sentence)],
        "context": context,
        "notes": notes + wrong,
        "rule": event.get("rule"),
        "flags": event.get("flags"),
        "same_sentence": [e for e in siblings if e["sentence_index"] == event["sentence_index"]],
        "same_document": [e for e in siblings if e["sentence_index"] != event["sentence_index"]],
        "cluster": sources.cluster_reports(store, event_id),
        "unit": sources.UNIT,
    }


def cluster(store: Store, cluster_id: int) -> dict[str, Any] | None:
    """One happening: its cluster's summary, its reports and the copies of their documents;
    None when there is no such cluster."""
    return sources.cluster(store, cluster_id)


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document, its text with every event's sentence marked, and its events."""
    doc = browse.document(store, doc_id)
    if doc is None:
        return None
    evs = browse.document_events(store, doc_id)
    text = doc.pop("text")
    out: dict[str, Any] = {"document": doc, "events": evs, "runs": None}
    if text:
        marks = [
            Mark("sentence", e["sentence"]["start"], e["sentence"]["end"], f"event {e['cameo']}")
            for e in evs
        ]
        for e in evs:
            marks += event_marks(e)[0]
        kept, _ = checked(text, marks)
        out["runs"] = [r.to_dict() for r in runs(text, kept)]
    return out


def series(
    store: Store,
    settings: Settings,
    *,
    actor: str,
    recipient: str,
    by: str,
    measure: str,
    since: date | None = None,
    until: date | None = None,
) -> dict[str, Any]:
    """A dyad both ways: ``forward`` (actor → recipient) and ``backward`` rows on the same
    periods, and what could not be placed."""
    a, r = actor_query(actor, settings=settings), actor_query(recipient, settings=settings)
    try:
        browse.check_span(since, until, by)
        fwd, fwd_out = sources.series(
            store,
            EventFilter(actor=a, recipient=r, since=since, until=until),
            by=by,
            measure=measure,
        )
        back, back_out = sources.series(
            store,
            EventFilter(actor=r, recipient=a, since=since, until=until),
            by=by,
            measure=measure,
        )
        periods = _union([row["period"] for row in fwd + back], by)
    except ValueError as e:
        raise BadParameter("by", str(e)) from e
    return {
        "actor": actor,
        "recipient": recipient,
        "actor_query": a,
        "recipient_query": r,
        "by": by,
        "measure": measure,
        "unit": sources.UNIT,
        "periods": periods,
        "forward": _aligned(fwd, periods, measure),
        "backward": _aligned(back, periods, measure),
        "left_out": {"forward": fwd_out, "backward": back_out},
    }


def period_events(
    store: Store, settings: Settings, *, actor: str, recipient: str, by: str, period: date
) -> dict[str, Any]:
    """The events of a dyad, both ways, dated within one period of a series."""
    a, r = actor_query(actor, settings=settings), actor_query(recipient, settings=settings)
    end = browse.period_end(period, by)
    rows: list[dict[str, Any]] = []
    total = 0
    for x, y in ((a, r), (r, a)):
        q = browse.EventQuery(filter=EventFilter(actor=x, recipient=y, since=period, until=end))
        page = browse.event_page(store, q, limit=PERIOD_LIMIT)
        rows += page.rows
        total += page.total
    rows.sort(key=lambda e: (e.get("date") or "", e["event_id"]))
    return {
        "period": period,
        "until": end,
        "by": by,
        "actor_query": a,
        "recipient_query": r,
        "total": total,
        "events": rows,
    }


def actor(store: Store, settings: Settings, term: str, when: date | None) -> dict[str, Any]:
    """Who ``term`` is as of ``when``, its events as actor and as recipient, its partners."""
    profile = actor_profile(term, when, settings=settings)
    query = profile.query
    as_actor = browse.event_page(
        store, browse.EventQuery(filter=EventFilter(actor=query)), limit=20
    )
    as_recipient = browse.event_page(
        store, browse.EventQuery(filter=EventFilter(recipient=query)), limit=20
    )
    return {
        "term": term,
        "query": query,
        "when": when,
        "country": profile.country,
        "sector": profile.sector,
        "entries": [
            {
                "kind": e.kind,
                "name": e.name,
                "country": e.country,
                "sector": e.sector,
                "detail": e.detail,
                "roles": [_role(r) for r in e.roles],
            }
            for e in profile.entries
        ],
        "summary": browse.actor_summary(store, query),
        "as_actor": {"total": as_actor.total, "events": as_actor.rows},
        "as_recipient": {"total": as_recipient.total, "events": as_recipient.rows},
        "partners": browse.partners(store, query, limit=10),
    }


def suggestions(store: Store, settings: Settings, text: str) -> list[dict[str, Any]]:
    """Completions for an actor field: stored countries, codes and names, and what the
    knowledge base makes of the words typed."""
    found = browse.actor_suggestions(store, text, limit=10) if text else []
    names = actor_names(settings=settings)
    for s in found:
        s["label"] = names.get(s["value"]) if s["kind"] == "country" else None
    seen = {s["value"] for s in found}
    for name, kind, code in actor_completions(text, limit=10, settings=settings):
        if name not in seen:
            seen.add(name)
            found.append({"value": name, "kind": kind, "events": None, "label": code})
    return found


def top_actors(store: Store, settings: Settings, *, limit: int = 20) -> list[dict[str, Any]]:
    names = actor_names(settings=settings)
    rows = browse.top_actors(store, limit=limit)
    for r in rows:
        r["label"] = names.get(r["country"])
    return rows


def code(
    settings: Settings,
    lock: threading.Lock,
    text: str,
    published: date | None,
    *,
    frames: bool = False,
) -> dict[str, Any]:
    """Code a pasted text (nothing is stored): its events, each sentence with the event's
    parts highlighted, and with ``frames`` each sentence's clause frames and which codebook
    entry fired for each (what ``heron explain`` prints)."""
    if not text.strip():
        raise BadParameter("text", "paste some text to code")
    if len(text) > MAX_TRY:
        raise BadParameter("text", f"at most {MAX_TRY:,} characters, got {len(text):,}")
    explained: list[dict[str, Any]] | None = None
    with lock:  # one spaCy pipeline, one text at a time
        if frames:
            why = explain(text, published=published, settings=settings)
            records = why.events
            explained = [
                {"sentence": s.sentence, "frames": [_plain(f) for f in s.frames]}
                for s in why.sentences
            ]
        else:
            records = code_text(text, published=published, settings=settings)
    events = [r.to_dict() | {"rule": r.rule} for r in records]
    marked = []
    for e in events:
        marks, notes = event_marks(e)
        found = date_mark(e, e["sentence"]["text"], e["sentence"]["start"])
        if found:
            marks.append(found)
        s0 = e["sentence"]["start"]
        kept, wrong = checked(e["sentence"]["text"], _shift(marks, -s0))
        marked.append(
            {
                "event": e,
                "runs": [r.to_dict() for r in runs(e["sentence"]["text"], kept)],
                "notes": notes + wrong,
            }
        )
    return {"published": published, "stored": False, "events": marked, "frames": explained}


# -- helpers ---------------------------------------------------------------------------------------


def _plain(frame: dict[str, object]) -> dict[str, Any]:
    """A frame of ``heron explain`` with plain JSON values (texts, lists of texts)."""
    out: dict[str, Any] = {}
    for k, v in frame.items():
        if v is None or isinstance(v, (str, int, float, bool)):
            out[k] = v
        elif isinstance(v, (list, tuple)):
            out[k] = [str(x) for x in v]
        else:
            out[k] = str(v)
    return out


def _role(r: Any) -> dict[str, Any]:
    return {k: getattr(r, k) for k in ("title", "country", "sector", "start", "end", "current")}


def _shift(marks: list[Mark], by: int) -> list[Mark]:
    return [Mark(m.kind, m.start + by, m.end + by, m.label, m.words) for m in marks]


def _window(text: str, start: int, end: int) -> tuple[int, int]:
    """About :data:`CONTEXT` characters either side of ``start``..``end``, cut at spaces."""
    lo = max(0, start - CONTEXT)
    hi = min(len(text), end + CONTEXT)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def _union(periods: list[date], by: str) -> list[date]:
    if not periods:
        return []
    return browse.periods(min(periods), max(periods), by)


def _aligned(rows: list[dict[str, Any]], periods: list[date], measure: str) -> list[dict[str, Any]]:
    """``rows`` on every period of ``periods`` (zeros where the series had none)."""
    have = {r["period"]: r for r in rows}
    zero = {k: (0.0 if k in ("goldstein", "plover") else 0) for r in rows[:1] for k in r}
    if not zero:
        zero = {"events": 0}
        if measure in ("goldstein", "plover"):
            zero[measure] = 0.0
        elif measure == "quad":
            zero.update(dict.fromkeys(browse.QUADS.values(), 0))
    return [have.get(p, {**zero, "period": p}) for p in periods]
