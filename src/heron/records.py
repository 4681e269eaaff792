"""Typed records that flow between Heron's stages.

Every stage takes and returns plain, immutable records: nothing downstream of ``nlp`` holds a spaCy
object, so coding is a pure function of (text, metadata, knowledge, model) and results can be
pickled across processes or Dask workers.

Offsets (``start``/``end``) are always character offsets into ``Document.text`` as given.

The fields of the output records (EventRecord and its parts) are described, typed and routed to
the outputs in :mod:`heron.schema`; their ``to_dict`` methods are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from heron import schema

SegmentKind = Literal["story", "teaser", "dateline", "caption", "byline", "boilerplate"]
DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input record: a file, a JSONL/CSV row, or stdin."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # where it came from: "file.jsonl:12", "page.txt"
    warnings: tuple[str, ...] = ()  # read, but with a caveat: "3 invalid UTF-8 sequences …"


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input record that could not be read; it is kept and reported, never dropped.

    ``duplicate_of`` is set when the record is a true duplicate (same id, same text and date) of
    an earlier record of the same run, named there: it is reported once and not stored again, and
    it is not a failure. ``ignored`` marks a file of a type Heron does not read, found in a folder
    walked: named and counted, not a failure either.
    """

    id: str
    origin: str
    reason: str
    duplicate_of: str | None = None
    ignored: bool = False

    @property
    def failed(self) -> bool:
        """True for a real failure (neither a duplicate nor an ignored file)."""
        return self.duplicate_of is None and not self.ignored


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a document's text with one role.

    ``story``, ``teaser`` and ``dateline`` segments are coded; ``caption``, ``byline`` and
    ``boilerplate`` are not. A dateline ("KYIV, Ukraine (Reuters) —") is cut from the front of
    the story's first paragraph: read on its own it names the story's place (it has no verb, so
    no event), and the sentence after it is parsed without it.
    A teaser is a separate story squeezed into a page (``KICKER: teaser text``): it gets its own
    story index and does not inherit the page's publication date. ``truncated`` marks a segment
    cut off mid-sentence: only complete clauses of its last sentence may be coded.
    """

    start: int
    end: int
    kind: SegmentKind
    story: int  # 0 = the main story; teasers count up from 1; -1 for non-story text
    published: date | None
    truncated: bool = False
    label: str | None = None  # the kicker of a teaser ("DIALOGUE")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text, resolved against a reference date when possible."""

    text: str
    start: int
    end: int
    value: date | None  # the first day of the period when precision is month/year
    precision: DatePrecision | None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return schema.to_json(schema.PLACE, self)


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved participant: country (ISO3 or IGO/NGO/…) + PLOVER sector, with its text span."""

    text: str
    start: int
    end: int
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    how: str = ""  # which rule resolved it, for `explain`

    @property
    def code(self) -> str | None:
        if self.country is None and self.sector is None:
            return None
        return f"{self.country or '---'}{self.sector or ''}"

    def to_dict(self) -> dict[str, Any]:
        return schema.to_json(schema.ACTOR, self)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return schema.to_json(schema.SPAN, self)


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    historical: bool = False

    def to_dict(self) -> dict[str, Any]:
        return schema.to_json(schema.FLAGS, self)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One coded event: the output contract (see DESIGN.md)."""

    event_id: str
    doc_id: str
    sentence_index: int
    date: date | None
    date_precision: DatePrecision | None
    date_text: str | None
    cameo: str
    goldstein: float | None
    quad_class: int | None
    event_type: str | None
    mode: str | None
    context: tuple[str, ...]
    plover_score: float | None
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    trigger: Span
    sentence: Span
    location: Place | None
    flags: Flags
    confidence: float
    coder: str
    codebook: str
    story: int = 0
    rule: str = ""  # the codebook entry that fired, for `explain`

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        """The contract object (DESIGN.md), keys in the order of :data:`heron.schema.EVENT`."""
        return schema.to_json(schema.EVENT, self)


DocStatus = Literal["coded", "no-event", "failed"]


@dataclass(frozen=True, slots=True)
class DocResult:
    """What happened to one document: every input ends as coded, no-event or failed-with-reason."""

    doc: Document
    status: DocStatus
    events: tuple[EventRecord, ...] = ()
    error: str | None = None
    sentences: int = 0
    segments: tuple[Segment, ...] = field(default=())
