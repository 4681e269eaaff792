"""When two reports are of one happening: the rules of event clustering, as pure functions.

A :class:`Mention` is one coded event as clustering sees it. Two mentions may join when

* **actors**: on each side (actor, recipient) some actor of one is the same as some actor of the
  other — the same resolved person or organisation, or the same country with the same sector (a
  side given only as a country, "Iran", agrees with any sector of it, "IRNGOV", unless both
  sides name someone and not the same one) — or one of the two leaves that side empty; and at
  least one side really agrees. Two reports in different documents that both leave out who
  acted must agree on the recipient's sector or name, not just its country. Meetings and
  cooperation (CAMEO roots 04 and 06) may also agree with actor and recipient swapped;
* **codes**: the same CAMEO root, or the same PLOVER type — unless PLOVER tells two codes of one
  root apart (an arrest, 173 COERCE, is not the tear gas, 175 ASSAULT, of the same day) and
  neither is the root's own unspecific code;
* **dates**: dated as precisely (a day with a day, a month with a month: "earlier this month"
  says too little to join a report of one day), and their date intervals overlap. A date stated
  in the sentence ("on Monday") is its day; a date that is the publication date (the sentence gave
  none) is that day or the day before; a month or a year is the whole month or year.
  ``slack_days`` widens every interval on both sides. Undated events join only undated events of
  the same document;
* **places**: they do not name places in different countries;
* **flags**: both are flagged (negated or hypothetical) or neither is: a report that something did
  not happen never counts towards the happening.

:func:`compare` answers with the reason, in words, or why not: that is what
``heron clusters show`` prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

SYMMETRIC_ROOTS = frozenset({"04", "06"})  # consult, material cooperation: "A met B" = "B met A"


@dataclass(frozen=True, slots=True)
class Side:
    """One actor of a mention: its country, sector and resolved name (any may be None)."""

    country: str | None
    sector: str | None
    name: str | None

    @property
    def label(self) -> str:
        code = f"{self.country or '---'}{self.sector or ''}" if self.country or self.sector else ""
        if code and self.name:
            return f"{code} ({self.name})"
        return code or self.name or "?"

    def key(self) -> list[str | None]:
        return [self.country, self.sector, self.name]


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event, as clustering compares it."""

    event_id: str
    doc_id: str
    date: dt.date | None
    precision: str | None  # day, month, year
    explicit: bool  # the date came from the sentence, not the publication date
    cameo: str
    event_type: str | None
    actors: tuple[Side, ...]
    recipients: tuple[Side, ...]
    flagged: bool  # negated or hypothetical
    place_country: str | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def interval(self, slack_days: int = 0) -> tuple[dt.date, dt.date] | None:
        """The days this mention's date may stand for, widened by ``slack_days``."""
        if self.date is None:
            return None
        d = self.date
        if self.precision == "year":
            lo, hi = dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
        elif self.precision == "month":
            nxt = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
            lo, hi = dt.date(d.year, d.month, 1), nxt - dt.timedelta(days=1)
        elif self.explicit:
            lo = hi = d
        else:
            lo, hi = d - timedelta(days=1), d
        pad = dt.timedelta(days=slack_days)
        return lo - pad, hi + pad

    def match_keys(self) -> set[str]:
        """What a candidate cluster must share with this mention: countries and names."""
        out: set[str] = set()
        for s in (*self.actors, *self.recipients):
            if s.country:
                out.add(s.country)
            if s.name:
                out.add("@" + s.name)
        return out

    def profile(self) -> dict[str, Any]:
        """What a cluster keeps of each distinct kind of member, to compare newcomers with."""
        return {
            "a": [s.key() for s in self.actors],
            "r": [s.key() for s in self.recipients],
            "cameo": self.cameo,
            "type": self.event_type,
            "place": self.place_country,
            "ev": self.event_id,
            "doc": self.doc_id,
        }


def sides(actors: Any) -> tuple[Side, ...]:
    """The actors a mention can be matched on: ``(country, sector, name)`` triples or contract
    dicts; an actor with neither a country nor a name ("the city") says nothing and is left out."""
    out = []
    for a in actors:
        country, sector, name = (
            (a.get("country"), a.get("sector"), a.get("name")) if isinstance(a, dict) else a
        )
        if country or name:
            out.append(Side(country, sector, name))
    return tuple(out)


def from_record(r: dict[str, Any]) -> Mention:
    """A mention from an event's contract dict (``EventRecord.to_dict()``)."""
    flags = r.get("flags") or {}
    place = r.get("location") or {}
    return Mention(
        event_id=r["event_id"],
        doc_id=r["doc_id"],
        date=dt.date.fromisoformat(r["date"]) if r.get("date") else None,
        precision=r.get("date_precision"),
        explicit=r.get("date_text") is not None,
        cameo=r["cameo"],
        event_type=r.get("event_type"),
        actors=sides(r.get("actor") or ()),
        recipients=sides(r.get("recipient") or ()),
        flagged=bool(flags.get("negated") or flags.get("hypothetical")),
        place_country=place.get("country"),
    )


def from_profile(p: dict[str, Any]) -> Mention:
    """A stand-in mention from a stored profile (dates and flags are the cluster's)."""
    return Mention(
        event_id=p["ev"],
        doc_id=p["doc"],
        date=None,
        precision=None,
        explicit=False,
        cameo=p["cameo"],
        event_type=p["type"],
        actors=tuple(Side(*k) for k in p["a"]),
        recipients=tuple(Side(*k) for k in p["r"]),
        flagged=False,
        place_country=p["place"],
    )


def same_actor(a: Side, b: Side) -> bool:
    """The same resolved person or organisation, or the same country with compatible sectors.

    A side without a sector ("Iran") agrees with any sector of its country ("IRNGOV"), but two
    different names never agree through it: an Afghan writer is not the Taliban, and the United
    Nations is not the G7, though each pair shares a country code and neither has a sector."""
    if a.name and b.name and a.name == b.name:
        return True
    if a.country is None or b.country is None or a.country != b.country:
        return False
    if a.sector == b.sector and a.sector is not None:
        return True
    if a.name and b.name:
        return False
    return a.sector == b.sector or a.sector is None or b.sector is None


def _side(x: tuple[Side, ...], y: tuple[Side, ...]) -> tuple[str, str]:
    """("agree", which) / ("open", "") when a side is empty / ("clash", why)."""
    if not x or not y:
        return "open", ""
    for a in x:
        for b in y:
            if same_actor(a, b):
                return "agree", a.label if a.label == b.label else f"{a.label} ~ {b.label}"
    return "clash", f"{'; '.join(a.label for a in x)} vs {'; '.join(b.label for b in y)}"


def actors_agree(a: Mention, b: Mention) -> tuple[bool, str]:
    """Whether the two mentions' actors allow them to join, and the reason in words. Two
    reports in different documents that both leave out who acted ("were rescued", "came under
    attack") join only when their recipients agree on more than a country — the same sector
    or the same name: across stories, "… the United States" alone says too little."""
    if not a.actors and not b.actors and a.doc_id != b.doc_id and not _specific(a, b):
        return False, (
            "neither names who acted, and their recipients agree on no more than a country"
        )
    straight = _sides(a.actors, a.recipients, b.actors, b.recipients)
    if straight[0] or not (a.root in SYMMETRIC_ROOTS and b.root in SYMMETRIC_ROOTS):
        return straight
    swapped = _sides(a.actors, a.recipients, b.recipients, b.actors)
    if swapped[0]:
        return True, swapped[1] + " (sides swapped)"
    return straight


def _sides(
    a_act: tuple[Side, ...],
    a_rec: tuple[Side, ...],
    b_act: tuple[Side, ...],
    b_rec: tuple[Side, ...],
) -> tuple[bool, str]:
    act, why_a = _side(a_act, b_act)
    rec, why_r = _side(a_rec, b_rec)
    if "clash" in (act, rec):
        return False, f"actors differ: {why_a}" if act == "clash" else f"recipients differ: {why_r}"
    if act == rec == "open":
        return False, "no actor in common (a side is missing on one of them)"
    parts = []
    parts.append(f"actor {why_a}" if act == "agree" else "actor missing on one")
    parts.append(f"recipient {why_r}" if rec == "agree" else "recipient missing on one")
    return True, ", ".join(parts)


def _specific(a: Mention, b: Mention) -> bool:
    for x in a.recipients:
        for y in b.recipients:
            if x.name and x.name == y.name:
                return True
            if x.country and x.country == y.country and x.sector and x.sector == y.sector:
                return True
    return False


def codes_agree(a: Mention, b: Mention) -> tuple[bool, str]:
    """The same CAMEO root or the same PLOVER type — unless PLOVER tells two codes of one root
    apart (an arrest, 173 COERCE, is not the tear gas, 175 ASSAULT, of the same day) and neither
    is the root's own, unspecific code (190 "use conventional military force" agrees with 1952)."""
    if a.cameo == b.cameo:
        return True, f"same code {a.cameo}"
    if a.event_type and a.event_type == b.event_type:
        return True, f"same PLOVER type {a.event_type} ({a.cameo}, {b.cameo})"
    if a.root == b.root:
        generic = _generic(a.cameo) or _generic(b.cameo)
        if generic or not (a.event_type and b.event_type):
            return True, f"same CAMEO root {a.root} ({a.cameo}, {b.cameo})"
        return False, (
            f"same root {a.root} but different PLOVER types: {a.cameo} {a.event_type}, "
            f"{b.cameo} {b.event_type}"
        )
    return False, f"codes differ: {a.cameo} ({a.event_type or 'statement'}) vs {b.cameo} " + (
        f"({b.event_type or 'statement'})"
    )


def _generic(cameo: str) -> bool:
    """A root's own code ("190", "17", "040" is not: it is the root 04's own "040")."""
    return len(cameo) == 2 or (len(cameo) == 3 and cameo.endswith("0"))


def places_agree(a: Mention, b: Mention) -> tuple[bool, str]:
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False, f"places in different countries: {a.place_country} vs {b.place_country}"
    return True, ""


def overlap(x: tuple[date, date] | None, y: tuple[date, date] | None) -> tuple[date, date] | None:
    """The days two intervals share (None when they share none or either is None)."""
    if x is None or y is None:
        return None
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    return (lo, hi) if lo <= hi else None


def content(a: Mention, b: Mention) -> tuple[bool, str]:
    """Whether codes, actors and places allow ``a`` and ``b`` to join (dates and flags aside),
    with the reason in words."""
    ok, why_codes = codes_agree(a, b)
    if not ok:
        return False, why_codes
    ok, why_actors = actors_agree(a, b)
    if not ok:
        return False, why_actors
    ok, why_place = places_agree(a, b)
    if not ok:
        return False, why_place
    return True, f"{why_codes}; {why_actors}"


def dates_agree(a: Mention, b: Mention, *, slack_days: int = 0) -> tuple[bool, str]:
    ia, ib = a.interval(slack_days), b.interval(slack_days)
    if ia is None or ib is None:
        if ia is None and ib is None and a.doc_id == b.doc_id:
            return True, "both undated, same document"
        return False, "undated (only undated events of one document join)"
    if (a.precision or "day") != (b.precision or "day"):
        return False, f"dates of different precision: {describe_date(a)} vs {describe_date(b)}"
    if overlap(ia, ib) is None:
        return False, f"dates too far apart: {describe_date(a)} vs {describe_date(b)}"
    return True, f"dates agree: {describe_date(a)}, {describe_date(b)}"


def compare(a: Mention, b: Mention, *, slack_days: int = 0) -> tuple[bool, str]:
    """Whether ``a`` and ``b`` report one happening, with the reason (or why not) in words."""
    if a.flagged != b.flagged:
        return False, "one is negated or hypothetical, the other is not"
    ok, why = content(a, b)
    if not ok:
        return False, why
    ok, why_dates = dates_agree(a, b, slack_days=slack_days)
    if not ok:
        return False, why_dates
    return True, f"{why}; {why_dates}"


def describe_date(m: Mention) -> str:
    if m.date is None:
        return "undated"
    if m.precision == "year":
        return f"{m.date.year} (year)"
    if m.precision == "month":
        return f"{m.date:%Y-%m} (month)"
    return f"{m.date.isoformat()}" + ("" if m.explicit else " (publication date)")
