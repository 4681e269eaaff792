"""The event, defined once: every field of the output contract, its type, meaning and outputs.

An event leaves Heron in several shapes — the JSON object of the output contract (DESIGN.md), a
flat CSV row, a row of the store's ``events`` table with one ``actors`` row per actor — and more are
coming (PLOVER, GDELT, ICEWS, Parquet). Every shape is derived from the declarations here, so a
field is named, typed, described and routed in one place:

* :data:`EVENT` and its parts (:data:`ACTOR`, :data:`SPAN`, :data:`PLACE`, :data:`FLAGS`) list their
  fields in contract order, the key order of the JSON object. Each field has a :class:`Kind` (which
  says what it is in Python, JSON, Arrow and DuckDB), a one-line description and the
  :class:`Output` s that carry it.
* :func:`to_json` builds the contract object (``EventRecord.to_dict`` and friends);
* :func:`columns` flattens the event into the columns of a flat output (CSV, the ``events`` table);
  :data:`RECORD` and :func:`actor_columns` complete the store's tables;
* :func:`document` regenerates the field tables of docs/FORMAT.md
  (``python -m heron.schema docs/FORMAT.md``); a test keeps the committed file in step.

Migrations stay literal SQL because they are history; tests check the migrated tables against this
module, so a new stored field fails the tests until a migration adds its column.

This module sits beside :mod:`heron.records` at the bottom of the package: it imports nothing from
Heron, and pyarrow only when an Arrow type is asked for.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa


class Kind(Enum):
    """A field's type: what it is in a record, in JSON (as FORMAT.md says), in DuckDB, in Arrow."""

    # (Python type, JSON type, DuckDB type); the Arrow type is :attr:`arrow`
    TEXT = (str, "string", "VARCHAR")
    INT = (int, "integer", "INTEGER")
    FLOAT = (float, "number", "DOUBLE")
    BOOL = (bool, "boolean", "BOOLEAN")
    DATE = (date, "date (`YYYY-MM-DD`)", "DATE")
    TEXT_LIST = (tuple[str, ...], "list of strings", "VARCHAR[]")
    JSON = (str, "JSON text", "JSON")  # a whole contract object (the store's `record`)
    PART = (object, "object", None)  # one nested part: flattened, never a column itself
    PART_LIST = (tuple, "list of objects", None)  # nested parts: flattened, never a column

    def __init__(self, python: Any, json_type: str, sql: str | None) -> None:
        self.python = python
        self.json_type = json_type
        self.sql = sql

    @property
    def arrow(self) -> pa.DataType:
        """The Arrow type of a column of this kind (KeyError for parts: they are flattened)."""
        return _arrow_types()[self]


@cache
def _arrow_types() -> dict[Kind, pa.DataType]:
    import pyarrow as pa  # here, so that importing records does not load pyarrow

    return {
        Kind.TEXT: pa.string(),
        Kind.INT: pa.int32(),
        Kind.FLOAT: pa.float64(),
        Kind.BOOL: pa.bool_(),
        Kind.DATE: pa.date32(),
        Kind.TEXT_LIST: pa.list_(pa.string()),
        Kind.JSON: pa.string(),
    }


class Output(Enum):
    """A shape of the event that carries a field."""

    JSON = "json"  # the contract object: JSON Lines, JSON, the store's `record` column
    CSV = "csv"  # a flat CSV row (lists joined with ';')
    EVENTS = "events"  # a column of the store's events table (the first of a list of actors)
    ACTORS = "actors"  # a column of the store's actors table (one row per actor)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the event or of one of its parts."""

    name: str
    kind: Kind
    doc: str  # one line: the `meaning` cell of FORMAT.md
    outputs: frozenset[Output]
    nullable: bool = False
    part: Part | None = None  # what a PART or PART_LIST field holds
    bare: bool = False  # flattened under its own name, not `{parent}_{name}` (flags, lat, lon)
    column: str | None = None  # its name in its part's own table, where `name` is reserved SQL


@dataclass(frozen=True, slots=True)
class Part:
    """A group of fields: the event itself, or a nested object of it (an actor, a span …)."""

    name: str
    record: str  # its class in heron.records
    doc: str
    fields: tuple[Field, ...]
    flat_first: tuple[str, ...] = ()  # sub-fields that lead its columns in flat rows, in order
    json_plan: tuple[tuple[str, Callable[[Any], Any] | None], ...] = dataclasses.field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names) or not set(self.flat_first) <= set(names):
            raise ValueError(f"part {self.name}: duplicate or unknown field names")
        plan = tuple((f.name, _to_json_value(f)) for f in self.fields if Output.JSON in f.outputs)
        object.__setattr__(self, "json_plan", plan)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.record} has no field {name!r}")

    def flat_fields(self) -> tuple[Field, ...]:
        """The fields in the order of flat rows: ``flat_first``, then the rest in contract order."""
        lead = tuple(self.field(n) for n in self.flat_first)
        return lead + tuple(f for f in self.fields if f not in lead)


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a flat output or a store table: ``field`` of the event, ``sub`` of its part."""

    name: str
    kind: Kind
    doc: str
    field: Field | None = None  # None for a column that is not an event field (`record`, keys)
    sub: Field | None = None


def _f(
    name: str,
    kind: Kind,
    outputs: str,
    doc: str,
    *,
    nullable: bool = False,
    part: Part | None = None,
    bare: bool = False,
    column: str | None = None,
) -> Field:
    """A field; ``outputs`` names them as FORMAT.md does ("json csv events")."""
    where = frozenset(Output(word) for word in outputs.split())
    return Field(name, kind, doc, where, nullable, part, bare, column)


def _to_json_value(f: Field) -> Callable[[Any], Any] | None:
    """How a field's value becomes JSON (None: as it is)."""
    part = f.part
    if f.kind is Kind.DATE:
        return lambda v: v.isoformat() if v else None
    if f.kind is Kind.TEXT_LIST:
        return list
    if f.kind is Kind.PART and part is not None:
        return lambda v: to_json(part, v) if v is not None else None
    if f.kind is Kind.PART_LIST and part is not None:
        return lambda v: [to_json(part, x) for x in v]
    return None


def to_json(part: Part, obj: object) -> dict[str, Any]:
    """The contract object of a record: its JSON fields, in contract order."""
    out: dict[str, Any] = {}
    for name, convert in part.json_plan:
        value = getattr(obj, name)
        out[name] = value if convert is None else convert(value)
    return out


# -- the event ------------------------------------------------------------------------------------

TEXT, INT, FLOAT, BOOL = Kind.TEXT, Kind.INT, Kind.FLOAT, Kind.BOOL
COMMON = "json csv events"  # where most fields go

ACTOR = Part(
    "actor",
    "Actor",
    "a participant, resolved to a country and a sector as of the event date",
    (
        _f("text", TEXT, "json csv actors", "the words that name it"),
        _f("name", TEXT, "json actors", "its canonical name (`Fumio Kishida`)", nullable=True),
        _f(
            "country",
            TEXT,
            "json csv events actors",
            "ISO 3166 alpha-3, or IGO, NGO, MNC, IMG …",
            nullable=True,
        ),
        _f("sector", TEXT, "json csv actors", "its PLOVER sector (`GOV`, `MIL` …)", nullable=True),
        _f(
            "code",
            TEXT,
            "json csv events actors",
            "country + sector (`JPNGOV`; `---REB` with no country), `null` when both are unknown",
            nullable=True,
        ),
        _f("start", INT, "json actors", "offset of its first character", column="start_char"),
        _f("end", INT, "json actors", "offset just after its last character", column="end_char"),
        _f("how", TEXT, "", "the rule that resolved it (for `explain`; not exported)"),
    ),
    flat_first=("text", "code"),  # flat rows read actor_text, actor_code, actor_country …
)

SPAN = Part(
    "span",
    "Span",
    "words of the document with their offsets",
    (
        _f("text", TEXT, COMMON, "the words, exactly as in the text"),
        _f("start", INT, "json events", "offset of the first character"),
        _f("end", INT, "json events", "offset just after the last character"),
    ),
)

PLACE = Part(
    "location",
    "Place",
    "where the event happened, from the gazetteer",
    (
        _f("name", TEXT, COMMON, "the place's name"),
        _f("country", TEXT, "json events", "its country (ISO 3166 alpha-3)", nullable=True),
        _f("admin1", TEXT, "json", "its first-level region", nullable=True),
        _f("lat", FLOAT, "json events", "latitude", nullable=True, bare=True),
        _f("lon", FLOAT, "json events", "longitude", nullable=True, bare=True),
        _f("start", INT, "json", "offset of the first character of its mention"),
        _f("end", INT, "json", "offset just after its mention"),
    ),
)

FLAGS = Part(
    "flags",
    "Flags",
    "how the text frames the event; flagged events are kept so nothing is hidden",
    (
        _f(
            "negated",
            BOOL,
            COMMON,
            'the sentence says it did not happen ("did not meet", "made no visit")',
            bare=True,
        ),
        _f(
            "hypothetical",
            BOOL,
            COMMON,
            'a condition or modal ("if", "would", "could", "may")',
            bare=True,
        ),
        _f(
            "future",
            BOOL,
            COMMON,
            '"will", or a plan ("wants to meet"); where CAMEO has an intent code, the event '
            'carries it ("will visit" → `036`)',
            bare=True,
        ),
        _f("reported", BOOL, COMMON, 'in reported speech ("X said that …")', bare=True),
        _f(
            "historical",
            BOOL,
            COMMON,
            "the event's date is more than `historical_days` (a year) before publication",
            bare=True,
        ),
    ),
)

EVENT = Part(
    "event",
    "EventRecord",
    "one coded event: the output contract",
    (
        _f(
            "event_id",
            TEXT,
            COMMON,
            "`doc_id:sentence_index:k` — unique and stable for the same input and coder version",
        ),
        _f(
            "doc_id",
            TEXT,
            COMMON,
            "the document's id: the record's `id`, or the file's path for `.txt`/`.html` files",
        ),
        _f(
            "sentence_index",
            INT,
            COMMON,
            "the sentence's position among the coded sentences of the document (from 0)",
        ),
        _f("story", INT, "events", "the story within the page: 0 the main story, teasers from 1"),
        _f(
            "date",
            Kind.DATE,
            COMMON,
            'the event\'s date, from a date phrase in the sentence ("yesterday", "on Friday", '
            '"in 2004") resolved against the publication date; the publication date when the '
            "sentence says nothing; `null` when neither is known",
            nullable=True,
        ),
        _f(
            "date_precision",
            TEXT,
            COMMON,
            "`day`, `month` or `year` (`in 2004` → `2004-01-01`, precision `year`)",
            nullable=True,
        ),
        _f(
            "date_text",
            TEXT,
            COMMON,
            "the words the date came from, or `null` when it is the publication date",
            nullable=True,
        ),
        _f("cameo", TEXT, COMMON, 'the CAMEO event code, always a string (`"036"`, `"0841"`)'),
        _f("cameo_root", TEXT, COMMON, 'its first two digits (`"03"`)'),
        _f(
            "goldstein",
            FLOAT,
            COMMON,
            "the code's Goldstein score (−10 conflict … +10 cooperation), GDELT's published table",
            nullable=True,
        ),
        _f(
            "quad_class",
            INT,
            COMMON,
            "GDELT's convention: 1 verbal cooperation (roots 01–05), 2 material cooperation "
            "(06–09), 3 verbal conflict (10–14), 4 material conflict (15–20)",
            nullable=True,
        ),
        _f(
            "event_type",
            TEXT,
            COMMON,
            "the PLOVER event type (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, "
            "REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT); "
            "`null` for statements (`01x`), which PLOVER does not code",
            nullable=True,
        ),
        _f(
            "mode",
            TEXT,
            COMMON,
            "the PLOVER mode where the CAMEO code implies one (`visit`, `phone`, `riot`, "
            "`arrest`, `release` …)",
            nullable=True,
        ),
        _f(
            "context",
            Kind.TEXT_LIST,
            COMMON,
            "PLOVER contexts implied by the code or read from the sentence (`diplomatic`, "
            "`legal`, `economic` …)",
        ),
        _f(
            "plover_score",
            FLOAT,
            "json events",
            "PLOVER's score for the type (and mode)",
            nullable=True,
        ),
        _f(
            "actor",
            Kind.PART_LIST,
            "json csv events actors",
            'who acts: several when the text names several ("Japan and South Korea")',
            part=ACTOR,
        ),
        _f("recipient", Kind.PART_LIST, "json csv events actors", "whom it is done to", part=ACTOR),
        _f("trigger", Kind.PART, COMMON, "the words that express the event", part=SPAN),
        _f("sentence", Kind.PART, COMMON, "the sentence", part=SPAN),
        _f(
            "location",
            Kind.PART,
            COMMON,
            'where it happened, from "in/at <place>" on the event',
            nullable=True,
            part=PLACE,
        ),
        _f("flags", Kind.PART, COMMON, "how the text frames the event", part=FLAGS),
        _f(
            "confidence",
            FLOAT,
            COMMON,
            "0–1: how the match was made (pattern specificity, whether the actors were resolved)",
        ),
        _f("coder", TEXT, "json events", "the coder's version, so results can be reproduced"),
        _f("codebook", TEXT, "json events", "the codebook's version"),
        _f("rule", TEXT, "events", "the codebook entry that fired (for `explain`)"),
    ),
)

PARTS = (EVENT, ACTOR, SPAN, PLACE, FLAGS)

#: CSV rows end with the confidence and the (long) sentence, as they always have
CSV_LAST = ("confidence", "sentence")

#: the events table's last column: the whole contract object
RECORD = Column("record", Kind.JSON, "the whole contract object")

#: the actors table's keys, before the actor's own columns
ACTOR_KEYS = (
    Column("event_id", TEXT, "the event"),
    Column("role", TEXT, "the event field it comes from: `actor` or `recipient`"),
    Column("idx", INT, "its position in that list (from 0)"),
)


# -- derived shapes -------------------------------------------------------------------------------


def columns(output: Output) -> tuple[Column, ...]:
    """The columns of a flat output (CSV, the events table), in order.

    A scalar field is one column. A nested field gives one column per sub-field the output
    carries, named ``{field}_{sub}`` (``actor_code``, ``trigger_start``); a bare sub-field keeps its
    own name (``negated``, ``lat``); a part carried by a single sub-field takes the field's name
    (CSV ``trigger`` is the trigger's text). CSV puts :data:`CSV_LAST` at the end.
    """
    if output not in (Output.CSV, Output.EVENTS):
        raise ValueError(f"{output.value} is not a flat output")
    fields = [f for f in EVENT.fields if output in f.outputs]
    if output is Output.CSV:
        last = [EVENT.field(n) for n in CSV_LAST]
        fields = [f for f in fields if f not in last] + last
    out: list[Column] = []
    for f in fields:
        if f.part is None:
            out.append(Column(f.name, f.kind, f.doc, f))
            continue
        subs = [s for s in f.part.flat_fields() if output in s.outputs]
        for s in subs:
            name = s.name if s.bare else f.name if len(subs) == 1 else f"{f.name}_{s.name}"
            out.append(Column(name, s.kind, s.doc, f, s))
    return tuple(out)


def actor_columns() -> tuple[Column, ...]:
    """The columns of the store's actors table: :data:`ACTOR_KEYS`, then the actor's fields."""
    own = tuple(
        Column(f.column or f.name, f.kind, f.doc, None, f)
        for f in ACTOR.fields
        if Output.ACTORS in f.outputs
    )
    return ACTOR_KEYS + own


def role_fields() -> tuple[Field, ...]:
    """The event's lists of actors that fill the actors table (``role`` is the field's name)."""
    return tuple(f for f in EVENT.fields if Output.ACTORS in f.outputs)


# -- docs/FORMAT.md -------------------------------------------------------------------------------

_BLOCK = re.compile(r"(<!-- schema:(?P<name>[a-z]+) -->\n)(.*?)(<!-- /schema -->)", re.S)


def _type(f: Field) -> str:
    if f.part is not None:
        kind = f"`{f.part.name}` object"
        if f.kind is Kind.PART_LIST:
            kind = f"list of {kind}s"
    else:
        kind = f.kind.json_type
    return f"{kind} or null" if f.nullable else kind


def _table(part: Part) -> str:
    lines = ["| field | type | in | meaning |", "|---|---|---|---|"]
    for f in part.fields:
        if not f.outputs:
            continue
        where = " ".join(o.value for o in Output if o in f.outputs)
        lines.append(f"| `{f.name}` | {_type(f)} | {where} | {f.doc} |")
    return "\n".join(lines) + "\n"


def _names(cols: tuple[Column, ...]) -> str:
    return ", ".join(f"`{c.name}`" for c in cols) + "\n"


def _blocks() -> dict[str, str]:
    blocks = {p.name: _table(p) for p in PARTS}
    blocks["csv"] = _names(columns(Output.CSV))
    blocks["events"] = _names((*columns(Output.EVENTS), RECORD))
    blocks["actors"] = _names(actor_columns())
    return blocks


def fill_blocks(text: str, pattern: re.Pattern[str], blocks: dict[str, str], kind: str) -> str:
    """``text`` with every generated block that ``pattern`` finds (groups: opening marker,
    ``name``, old body, closing marker) replaced by ``blocks[name]``; an unknown name is an
    error. Shared by the field tables here and the export tables (heron.export.docs)."""

    def fill(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in blocks:
            raise ValueError(f"unknown {kind} block {name!r}; known: {', '.join(blocks)}")
        return m.group(1) + blocks[name] + m.group(4)

    return pattern.sub(fill, text)


def regenerate(argv: list[str], document: Callable[[str], str]) -> int:
    """Rewrite each named doc (default docs/FORMAT.md) through ``document`` where it changes."""
    for name in argv or ["docs/FORMAT.md"]:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        new = document(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path}")
    return 0


def document(text: str) -> str:
    """``text`` with every ``<!-- schema:NAME -->`` … ``<!-- /schema -->`` block regenerated."""
    return fill_blocks(text, _BLOCK, _blocks(), "schema")


def main(argv: list[str]) -> int:
    """``python -m heron.schema docs/FORMAT.md``: regenerate the doc's field tables in place."""
    return regenerate(argv, document)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
