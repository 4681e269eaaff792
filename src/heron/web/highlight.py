"""Highlights from character spans: an event's actor, trigger, recipient, date and place.

An event record locates its parts by character offsets into the document text (DESIGN.md). The
functions here cut a text into runs, each with the kinds of span that cover it, so a template can
mark them; overlapping spans ("expelled a Russian diplomat" is the trigger, "Russian diplomat" the
recipient inside it) give runs with several kinds. A span whose offsets do not point at its own
text is not drawn but reported, so a page never highlights the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

KINDS: tuple[str, ...] = ("sentence", "actor", "recipient", "trigger", "date", "place")


@dataclass(frozen=True, slots=True)
class Mark:
    """A span to highlight: ``start``/``end`` into the text being drawn."""

    kind: str
    start: int
    end: int
    label: str  # the tooltip: "actor: Fumio Kishida (JPNGOV)"
    words: str | None = None  # the words the record says the span covers, to check


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text and the kinds (and labels) of the marks that cover it."""

    text: str
    kinds: tuple[str, ...]
    labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kinds": list(self.kinds), "labels": list(self.labels)}


def runs(text: str, marks: Iterable[Mark]) -> list[Run]:
    """``text`` cut at every mark's ends; each run carries the marks that cover it."""
    kept = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in kept), *(m.end for m in kept)})
    out: list[Run] = []
    for lo, hi in pairwise(cuts):
        over = [m for m in kept if m.start <= lo and hi <= m.end]
        order = sorted(over, key=lambda m: KINDS.index(m.kind) if m.kind in KINDS else 99)
        out.append(
            Run(
                text[lo:hi],
                tuple(dict.fromkeys(m.kind for m in order)),
                tuple(m.label for m in order),
            )
        )
    return out


def _who(a: dict[str, Any]) -> str:
    name = a.get("name") or a.get("text") or "?"
    return f"{name} ({a['code']})" if a.get("code") else str(name)


def event_marks(event: dict[str, Any], *, base: int = 0) -> tuple[list[Mark], list[str]]:
    """The marks of an event record, shifted by ``-base`` (the offset of the text drawn in the
    document), and the parts that could not be placed, each said in words."""
    marks: list[Mark] = []
    missing: list[str] = []
    parts: list[tuple[str, dict[str, Any] | None, str]] = []
    for role in ("actor", "recipient"):
        for a in event.get(role) or ():
            parts.append((role, a, f"{role}: {_who(a)}"))
    trig = event.get("trigger")
    parts.append(
        ("trigger", trig, f"trigger: {trig['text']} → CAMEO {event.get('cameo')}" if trig else "")
    )
    place = event.get("location")
    if place:
        parts.append(
            ("place", place, f"place: {place.get('name')} ({place.get('country') or '?'})")
        )
    for kind, span, label in parts:
        if not span:
            continue
        start, end = span.get("start"), span.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or end <= start:
            if kind in ("actor", "recipient"):
                missing.append(f"{label} is not written in the text (implied)")
            continue
        words = span.get("text") if kind != "place" else None
        marks.append(Mark(kind, start - base, end - base, label, words))
    return marks, missing


def date_mark(event: dict[str, Any], sentence: str, base: int) -> Mark | None:
    """The event's date phrase, found in its sentence (records keep its words, not its
    offsets); None when the sentence does not contain it."""
    phrase = event.get("date_text")
    if not phrase:
        return None
    at = sentence.find(phrase)
    if at < 0:
        at = sentence.lower().find(phrase.lower())
    if at < 0:
        return None
    label = (
        f"date: {event.get('date') or '?'} ({event.get('date_precision') or 'unknown precision'})"
    )
    return Mark("date", base + at, base + at + len(phrase), label, None)


def checked(text: str, marks: list[Mark]) -> tuple[list[Mark], list[str]]:
    """Keep the marks that fall inside ``text`` and cover their own words there; say why the
    others were left out."""
    kept: list[Mark] = []
    wrong: list[str] = []
    for m in marks:
        if not (0 <= m.start < m.end <= len(text)):
            wrong.append(f"{m.label} lies outside the text shown")
        elif m.words is not None and text[m.start : m.end] != m.words:
            wrong.append(f"{m.label}: its offsets do not point at {m.words!r}")
        else:
            kept.append(m)
    return kept, wrong
