"""Incremental clustering in memory: each new mention joins the best cluster it agrees with.

A cluster keeps the days all its members can share (the overlap of their date intervals) and one
*profile* per distinct kind of member (actors, recipients, code, place). A newcomer joins a
cluster only when it is dated as precisely, its date interval overlaps the cluster's days, and it
agrees (:func:`rules.content`) with every profile — not just with one member — so a cluster never
drifts from "Japan meets North Korea" through "Japan meets someone" to "Japan meets the United
States", and a story told day after day does not chain into one long event. Among the clusters it
may join it takes the one that has its exact code, then the largest, then the oldest (lowest id);
otherwise it founds a new cluster.

Assignments never move: a later mention joins a cluster or founds one, and earlier members stay
where they are. The result depends only on the mentions and their order, which the store fixes
(documents in the order they were stored, events in sentence order), so it is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from heron.analytics import rules
from heron.analytics.rules import Mention


@dataclass
class ClusterState:
    """What joining needs to know of one cluster."""

    id: int
    flagged: bool
    lo: date | None  # the days all members share; None for an undated cluster
    hi: date | None
    home_doc: str | None  # the document an undated cluster lives in
    precision: str = "day"  # how precisely its members are dated: day, month or year
    profiles: list[dict[str, Any]] = field(default_factory=list)
    size: int = 0

    def match_keys(self) -> set[str]:
        out: set[str] = set()
        for p in self.profiles:
            out |= rules.from_profile(p).match_keys()
        return out


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one mention went: its cluster, the member it was matched to (None: it founded the
    cluster) and why."""

    event_id: str
    doc_id: str
    cluster_id: int
    via: str | None
    reason: str


PERIOD_DAYS = {
    "day": 1,
    "month": 30,
    "year": 365,
}  # how many days a cluster of each precision spans


def profile_key(p: dict[str, Any]) -> str:
    return repr((p["a"], p["r"], p["cameo"], p["type"], p["place"]))


class Clusterer:
    """Assign mentions to clusters, one at a time (see the module docstring)."""

    def __init__(
        self, clusters: Iterable[ClusterState] = (), *, next_id: int = 1, slack_days: int = 0
    ) -> None:
        self.slack_days = slack_days
        self.next_id = next_id
        self.clusters: dict[int, ClusterState] = {}
        self.touched: set[int] = set()
        # clusters by (key, precision, first day): a mention looks only where it could overlap
        self._slots: defaultdict[tuple[str, str, date], set[int]] = defaultdict(set)
        self._keys: dict[int, set[str]] = {}
        self._undated: defaultdict[str, set[int]] = defaultdict(set)
        for c in clusters:
            self._index(c)
            self.next_id = max(self.next_id, c.id + 1)

    def _index(self, c: ClusterState) -> None:
        self.clusters[c.id] = c
        if c.lo is None:
            if c.home_doc is not None:
                self._undated[c.home_doc].add(c.id)
            return
        keys = c.match_keys()
        self._keys[c.id] = keys
        for k in keys:
            self._slots[(k, c.precision, c.lo)].add(c.id)

    def _unindex(self, c: ClusterState) -> None:
        if c.lo is None:
            return
        for k in self._keys.pop(c.id, set()):
            self._slots[(k, c.precision, c.lo)].discard(c.id)

    def assign(self, m: Mention) -> Assignment:
        """Put ``m`` in the best cluster it agrees with, or found a new one."""
        interval = m.interval(self.slack_days)
        best: tuple[tuple[bool, int, int], ClusterState, str, str] | None = None
        for cid in sorted(self._candidates(m, interval)):
            c = self.clusters[cid]
            joined = self._joins(m, interval, c)
            if joined is None:
                continue
            via, why = joined
            score = (any(p["cameo"] == m.cameo for p in c.profiles), c.size, -c.id)
            if best is None or score > best[0]:
                best = (score, c, via, why)
        if best is None:
            return self._found(m, interval)
        _score, c, via, why = best
        self._unindex(c)
        if interval is not None and c.lo is not None and c.hi is not None:
            c.lo, c.hi = max(c.lo, interval[0]), min(c.hi, interval[1])
        prof = m.profile()
        if all(profile_key(p) != profile_key(prof) for p in c.profiles):
            c.profiles.append(prof)
        self._index(c)
        c.size += 1
        self.touched.add(c.id)
        return Assignment(m.event_id, m.doc_id, c.id, via, why)

    def _candidates(self, m: Mention, interval: tuple[date, date] | None) -> set[int]:
        if interval is None:
            return set(self._undated.get(m.doc_id, ()))
        precision = m.precision or "day"
        # a cluster overlapping ``interval`` starts at most its own width before it ends
        first = interval[0] - timedelta(days=PERIOD_DAYS.get(precision, 1) + 2 * self.slack_days)
        days = [first + timedelta(days=n) for n in range((interval[1] - first).days + 1)]
        out: set[int] = set()
        for k in m.match_keys():
            for d in days:
                out |= self._slots.get((k, precision, d), set())
        return out

    def _joins(
        self, m: Mention, interval: tuple[date, date] | None, c: ClusterState
    ) -> tuple[str, str] | None:
        """(the member matched, why) when ``m`` may join ``c``; None when it may not."""
        if c.flagged != m.flagged:
            return None
        if interval is None:
            if c.lo is not None or c.home_doc != m.doc_id:
                return None
            when = "both undated, same document"
        else:
            if c.lo is None or c.hi is None or c.precision != (m.precision or "day"):
                return None
            if rules.overlap(interval, (c.lo, c.hi)) is None:
                return None
            when = f"dates agree: {rules.describe_date(m)} within {_days(c.lo, c.hi)}"
        via: tuple[int, str, str] | None = None
        for p in c.profiles:
            ok, why = rules.content(m, rules.from_profile(p))
            if not ok:
                return None
            strength = why.count("missing on one")  # fewer open sides: a closer match
            if via is None or strength < via[0]:
                via = (strength, p["ev"], why)
        if via is None:
            return None
        return via[1], f"{via[2]}; {when}"

    def _found(self, m: Mention, interval: tuple[date, date] | None) -> Assignment:
        c = ClusterState(
            id=self.next_id,
            flagged=m.flagged,
            lo=interval[0] if interval else None,
            hi=interval[1] if interval else None,
            home_doc=m.doc_id,
            precision=m.precision or "day",
            profiles=[m.profile()],
            size=1,
        )
        self.next_id += 1
        self._index(c)
        self.touched.add(c.id)
        return Assignment(m.event_id, m.doc_id, c.id, None, "first report")


def _days(lo: date, hi: date) -> str:
    return lo.isoformat() if lo == hi else f"{lo.isoformat()}…{hi.isoformat()}"


def cluster_all(mentions: Iterable[Mention], *, slack_days: int = 0) -> list[Assignment]:
    """Cluster mentions from scratch, in the order given (the pure form of the store's pass)."""
    clusterer = Clusterer(slack_days=slack_days)
    return [clusterer.assign(m) for m in mentions]
