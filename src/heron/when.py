"""Event dates from news phrases: find date expressions in a sentence and resolve them.

Pure functions, no spaCy. :func:`find_dates` returns every date expression in a sentence, resolved
against the article's publication date ``P`` (the *reference*). How phrases resolve:

* ``yesterday``, ``last night`` → P-1; ``today``, ``tonight``, ``this morning`` → P;
  ``tomorrow`` → P+1; ``the day before yesterday`` → P-2 (precision ``day``).
* A weekday, bare or after ``on``/``last`` ("on Friday", "Friday night") → the most recent such day
  before P. When it is P's own weekday, wire style ("said on Tuesday" in a Tuesday story) means P
  itself unless ``same_weekday_is_today=False`` (then P-7, or P when the sentence says "today");
  ``last Tuesday`` on a Tuesday is always P-7. ``this Friday`` → the Friday of P's Monday-based
  week; ``next Friday`` → the first Friday after P.
* ``last/this/next week`` → the Monday of that week, precision ``day`` (there is no ``week``
  precision); ``…weekend`` → its Saturday; ``…month`` → its first day, precision ``month``;
  ``…year`` → 1 January, precision ``year``. ``earlier this``/``later this`` count as ``this``.
* ``N days/weeks ago`` → day; ``N months ago`` → month; ``N years/decades ago`` → year.
* "March 3" without a year → the most recent March 3 not after P, unless the next one is at most
  :data:`FUTURE_WINDOW_DAYS` after P ("talks on April 2" in a March 26 story). "in March" → the
  most recent March not after P's month; ``last March`` → strictly before; ``next March`` → after.
* Absolute dates resolve without P: "March 3, 2024", "3 March 2024", "2024-03-03", "3/3/2024"
  (US month/day), "March 2024" (month), years "in 2002", "the 2002 summit", decades "the 1990s"
  (year 1990), past centuries "the 19th century" (year 1800), and ranges "from 1910 to 1945"
  (the first year).

With no publication date, relative expressions are still found, with ``value`` and ``precision``
None. Nothing here raises on odd input; an impossible date ("February 30") is skipped.

The words (weekdays, months, number words, relative phrases, the words that make a number a year
or a count) are data, ``data/dates/words.yaml``; the patterns that combine them are code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from heron.data import DATA_DIR
from heron.data.loading import StrictModel, load_mapping
from heron.records import DateMention, DatePrecision

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class DayOrMonth(StrictModel):
    """A weekday or month name and its abbreviations (lower case)."""

    name: str
    abbreviations: list[str] = Field(default_factory=list)


class DateWords(StrictModel):
    """``data/dates/words.yaml``: the words date expressions are made of (its header says what
    each list is for)."""

    weekdays: list[DayOrMonth] = Field(min_length=7, max_length=7)
    months: list[DayOrMonth] = Field(min_length=12, max_length=12)
    number_words: dict[str, int]
    relative_days: dict[str, int]
    day_parts: list[str]
    year_prepositions: list[str]
    year_determiners: list[str]
    number_lead_words: list[str]
    count_nouns: list[str]
    time_words: list[str]
    weekday_name_prefixes: list[str]
    weekday_name_suffixes: list[str]

    @model_validator(mode="after")
    def _lower_case(self) -> DateWords:
        words = [w for e in (*self.weekdays, *self.months) for w in (e.name, *e.abbreviations)]
        for name, value in self:
            if name not in ("weekdays", "months") and isinstance(value, list | dict):
                words.extend(value)
        upper = [w for w in words if w != w.lower()]
        if upper:
            raise ValueError(f"words are matched lower-cased, write them so: {', '.join(upper)}")
        return self


@functools.cache
def date_words() -> DateWords:
    """The date lexicon, read and validated once."""
    return load_mapping(DATA_DIR / "dates" / "words.yaml", DateWords)


def _numbered(entries: list[DayOrMonth], first: int) -> dict[str, int]:
    """Names, then abbreviations, → their number (the position in the list, from ``first``)."""
    names = {e.name: i for i, e in enumerate(entries, first)}
    return names | {a: i for i, e in enumerate(entries, first) for a in e.abbreviations}


#: Weekday names and abbreviations (lower case) → ``date.weekday()`` (Monday = 0). Abbreviations
#: are only read as part of a full date ("Fri., March 3"); a bare weekday must be spelled out.
WEEKDAYS: dict[str, int] = _numbered(date_words().weekdays, 0)

#: Month names and abbreviations (lower case) → month number. In text a month must start with a
#: capital letter ("May", never "may"); an abbreviation only counts next to a day or year.
MONTHS: dict[str, int] = _numbered(date_words().months, 1)

#: Number words for "N days ago" ("a"/"an" count as one).
NUMBER_WORDS: dict[str, int] = dict(date_words().number_words)

#: Fixed relative phrases → days from the publication date.
RELATIVE_DAYS: dict[str, int] = dict(date_words().relative_days)

#: Parts of a day that may follow a weekday or "yesterday" ("Friday night").
DAY_PARTS = tuple(date_words().day_parts)

#: A day date without a year may be read as future when it falls at most this far after P.
FUTURE_WINDOW_DAYS = 31

#: Words after which a bare four-digit number is a year ("in 2002", "since 1990").
YEAR_PREPOSITIONS = frozenset(date_words().year_prepositions)

#: Words after which a four-digit number is a year used as a modifier ("the 2002 summit").
YEAR_DETERMINERS = frozenset(date_words().year_determiners)

#: Words before a four-digit number that make it a count, a time or an identifier.
NUMBER_LEAD_WORDS = frozenset(date_words().number_lead_words)

#: Plural nouns that make a preceding four-digit number a count ("2002 people", not a year).
COUNT_NOUNS = frozenset(date_words().count_nouns)

#: Words after a four-digit number that make it a clock time ("1930 GMT").
TIME_WORDS = frozenset(date_words().time_words)

#: Capitalised words that turn a weekday into a name ("Good Friday", "Bloody Sunday").
WEEKDAY_NAME_PREFIXES = frozenset(date_words().weekday_name_prefixes)

#: Capitalised words after a weekday that make it a newspaper's name ("Sunday Times").
WEEKDAY_NAME_SUFFIXES = frozenset(date_words().weekday_name_suffixes)


@dataclass(frozen=True, slots=True)
class _Ctx:
    text: str
    published: date | None
    same_weekday_is_today: bool


_Resolved = tuple[int, int, date | None, DatePrecision | None] | None


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_FULL_MONTHS = [m.name for m in date_words().months]
_ABBR_MONTHS = [a for m in date_words().months for a in m.abbreviations]
_FULL_WEEKDAYS = [w.name for w in date_words().weekdays]


def _month(group: str) -> str:
    return (
        rf"(?<![A-Za-z])(?P<{group}>(?:{_alt(_FULL_MONTHS)})(?![a-z])|(?:{_alt(_ABBR_MONTHS)})"
        rf"(?![a-z])\.?)"
    )


_WD_PREFIX = rf"(?:(?P<wd>{_alt(WEEKDAYS)})\.?,?\s+)?"
_DAY = r"(?P<dayx>(?P<day>\d{1,2})(?:st|nd|rd|th)?)(?![\w]|[.,]\d)"
_YEAR_TAIL = r"(?:(?:,\s*|\s+)(?P<year>\d{4})(?![\w%]|[.,]\d))?"
_MOD_MONTH = r"early|late|mid|the\s+(?:end|beginning|start|middle)\s+of"
_YEAR_LB = r"(?:(?<=mid-)|(?<![\w$£€#.,/:\-]))"

_I = re.IGNORECASE
_RE_MDY = re.compile(rf"(?<![\w]){_WD_PREFIX}{_month('m')}\s*{_DAY}{_YEAR_TAIL}", _I)
_RE_DMY = re.compile(
    rf"(?<![\w.,:/]){_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_month('m')}{_YEAR_TAIL}", _I
)
_RE_ISO = re.compile(r"(?<![\d/.\-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d])")
_RE_US = re.compile(r"(?<![\d/.])(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})(?![\d/])")
_RE_MONTH_YEAR = re.compile(
    rf"(?:(?:{_MOD_MONTH})[\s-]+)?{_month('m')}\s+(?:of\s+)?(?P<year>\d{{4}})(?![\w%]|[.,]\d)", _I
)
_RE_MONTH = re.compile(
    r"(?:(?<![\w])(?P<prep>in|since|until|till|by|during|from|through|throughout|before|after|of)"
    r"\s+)?"
    rf"(?:(?<![\w])(?P<mod>last|this|next|{_MOD_MONTH})[\s-]+)?"
    rf"(?<![A-Za-z])(?P<m>{_alt(_FULL_MONTHS)})(?![a-z])(?!\.?\s*\d)",
    _I,
)
_RE_RANGE = re.compile(
    rf"(?:(?<![\w])(?P<prep>from|between)\s+)?{_YEAR_LB}(?P<year>1\d{{3}}|20\d\d)"
    r"(?:\s*[-–—]\s*|\s+(?:to|until|till|through|and)\s+)(?P<year2>\d{4}|\d{2})(?![\w%]|[.,]\d)",
    _I,
)
_RE_DECADE = re.compile(
    rf"(?:(?:early|mid|late)[\s-]+)?(?:{_YEAR_LB}(?P<year>1[89]\d0|20\d0)|['’](?P<yy>\d0))s(?!\w)",
    _I,
)
# "the 19th century", "during the 19th and early 20th centuries": the first century named; a
# century is as precise as a year can say (its first year), like a decade; only centuries that
# are over (the current one names no date)
_RE_CENTURY = re.compile(
    r"(?<![\w])(?:(?:early|mid|late)[\s-]+)?(?P<n>1\d|20)(?:st|nd|rd|th)"
    r"(?:\s+(?:and|or|to|through)\s+(?:(?:early|mid|late)[\s-]+)?(?:1\d|20)(?:st|nd|rd|th))?"
    r"[\s-]+centur(?:y|ies)(?![\w])",
    _I,
)
_RE_YEAR = re.compile(rf"{_YEAR_LB}(?P<year>1\d{{3}}|20\d\d)(?![\w%°]|[.,:/]\d|-\d)")
_RE_RELATIVE = re.compile(
    rf"(?<![\w])(?P<phrase>{_alt(RELATIVE_DAYS)})(?:\s+(?P<part>{_alt(DAY_PARTS)}))?(?![\w])", _I
)
_RE_WEEKDAY = re.compile(
    r"(?:(?<![\w])(?P<mod>last|this|next|past|previous|coming|early|late|on)\s+)?"
    rf"(?<![\w])(?P<wd>{_alt(_FULL_WEEKDAYS)})(?![a-z])(?:\s+(?P<part>{_alt(DAY_PARTS)}))?(?![\w])",
    _I,
)
_RE_PERIOD = re.compile(
    r"(?<![\w])(?:(?:earlier|later|early|late)\s+)?(?P<mod>last|this|next)\s+"
    r"(?P<unit>week|weekend|month|year)(?![a-z])",
    _I,
)
_RE_AGO = re.compile(
    rf"(?<![\w])(?P<n>\d{{1,3}}|{_alt(NUMBER_WORDS)})\s+"
    r"(?P<unit>day|week|fortnight|month|year|decade|centur(?:y|ie))s?\s+ago(?![\w])",
    _I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z.']*")


# -- helpers ------------------------------------------------------------------------------------


def _prev_words(text: str, pos: int, n: int = 2) -> list[str]:
    """The ``n`` words before ``pos``, nearest first, lower-cased."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text[max(0, pos - 60) : pos])
    return [w.lower() for w in reversed(words[-n:])]


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text[pos:].lstrip())
    return m.group(0) if m else ""


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _month_start(year: int, month: int, shift: int = 0) -> date:
    index = year * 12 + month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _day_without_year(month: int, day: int, ref: date) -> date | None:
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    past = [d for d in options if d <= ref]
    future = [d for d in options if d > ref]
    if future and (future[0] - ref).days <= FUTURE_WINDOW_DAYS:
        return future[0]
    if past:
        return past[-1]
    return future[0] if future else None


_RANGE_TAIL = re.compile(r"\s*(?:[-–—]|to|and|or)\s*[\d,]+", re.IGNORECASE)


def _year_blocked_after(text: str, end: int) -> bool:
    """A count noun or clock word follows the number, perhaps after a range: "2002 people",
    "between 2000 and 3000 people", "1930 GMT"."""
    tail = _RANGE_TAIL.match(text, end)
    if tail is not None:
        end = tail.end()
    nxt = _next_word(text, end).lower().rstrip(".")
    return nxt in COUNT_NOUNS or nxt in TIME_WORDS or nxt in {"am", "pm", "a.m", "p.m"}


# -- handlers: each returns (start, end, value, precision) or None -------------------------------


def _absolute_day(m: re.Match[str], c: _Ctx) -> _Resolved:
    if not _is_capitalised(m.group("m")):
        return None
    month = MONTHS[m.group("m").rstrip(".").lower()]
    day = int(m.group("day"))
    end = m.end()
    year = m.group("year")
    if year is not None and _year_blocked_after(c.text, m.end("year")):
        year, end = None, m.end("dayx")
    if year is not None:
        return m.start(), end, date(int(year), month, day), "day"
    if c.published is None:
        date(2000, month, day)  # still validate: "February 30" is no date
        return m.start(), end, None, None
    value = _day_without_year(month, day, c.published)
    return (m.start(), end, value, "day") if value else None


def _numeric_day(m: re.Match[str], c: _Ctx) -> _Resolved:
    value = date(int(m.group("year")), int(m.group("mon")), int(m.group("day")))
    return m.start(), m.end(), value, "day"


def _month_year(m: re.Match[str], c: _Ctx) -> _Resolved:
    if not _is_capitalised(m.group("m")) or _year_blocked_after(c.text, m.end()):
        return None
    month = MONTHS[m.group("m").rstrip(".").lower()]
    return m.start(), m.end(), date(int(m.group("year")), month, 1), "month"


def _month_only(m: re.Match[str], c: _Ctx) -> _Resolved:
    prep, mod = m.group("prep"), (m.group("mod") or "").lower()
    if not _is_capitalised(m.group("m")) or not (prep or mod):
        return None
    start = m.start("mod") if m.group("mod") else m.start("m")
    if c.published is None:
        return start, m.end(), None, None
    month, ref = MONTHS[m.group("m").lower()], c.published
    if mod == "this":
        value = date(ref.year, month, 1)
    elif mod == "next":
        value = date(ref.year + (month <= ref.month), month, 1)
    elif mod == "last":
        value = date(ref.year - (month >= ref.month), month, 1)
    else:
        value = date(ref.year - (month > ref.month), month, 1)
    return start, m.end(), value, "month"


def _year_range(m: re.Match[str], c: _Ctx) -> _Resolved:
    y1, y2 = int(m.group("year")), m.group("year2")
    second = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if second <= y1 or second > 2099 or _year_blocked_after(c.text, m.end()):
        return None
    if y1 < 1900 and not m.group("prep"):
        return None
    return m.start("year"), m.end(), date(y1, 1, 1), "year"


def _decade(m: re.Match[str], c: _Ctx) -> _Resolved:
    if m.group("year"):
        year = int(m.group("year"))
    else:
        yy = int(m.group("yy"))
        year = (1900 if yy >= 30 else 2000) + yy
    return m.start(), m.end(), date(year, 1, 1), "year"


def _century(m: re.Match[str], c: _Ctx) -> _Resolved:
    return m.start(), m.end(), date((int(m.group("n")) - 1) * 100, 1, 1), "year"


def _year(m: re.Match[str], c: _Ctx) -> _Resolved:
    text, start, end = c.text, m.start(), m.end()
    year = int(m.group("year"))
    if text[end : end + 2] in ("'s", "’s"):
        return start, end, date(year, 1, 1), "year"
    prev = _prev_words(text, start - 4 if text[max(0, start - 4) : start] == "mid-" else start)
    p1 = prev[0] if prev else ""
    if p1 in NUMBER_LEAD_WORDS or _year_blocked_after(text, end):
        return None
    if p1 == "of" and len(prev) > 1 and prev[1] in NUMBER_LEAD_WORDS:
        return None  # "a total of 2000"
    if p1 in YEAR_DETERMINERS or p1.endswith(("'s", "’s")) or p1 in YEAR_PREPOSITIONS:
        return start, end, date(year, 1, 1), "year"
    if year < 1900:
        return None
    nxt = _next_word(text, end)
    plural = nxt.endswith("s") and not nxt.endswith(("ss", "us", "is"))
    if nxt.islower() and len(nxt) > 3 and plural:
        return None  # "2002 votes": a count
    return start, end, date(year, 1, 1), "year"


def _relative(m: re.Match[str], c: _Ctx) -> _Resolved:
    phrase = " ".join(m.group("phrase").lower().split())
    if phrase == "today" and _prev_words(c.text, m.start(), 1) in (["usa"], ["russia"]):
        return None  # USA Today, Russia Today
    if c.published is None:
        return m.start(), m.end(), None, None
    return m.start(), m.end(), c.published + timedelta(days=RELATIVE_DAYS[phrase]), "day"


def _weekday(m: re.Match[str], c: _Ctx) -> _Resolved:
    mod = (m.group("mod") or "").lower()
    before = c.text[max(0, m.start("wd") - 30) : m.start("wd")].split()
    named = bool(before) and _is_capitalised(before[-1])
    if not mod and named and before[-1].lower() in WEEKDAY_NAME_PREFIXES:
        return None
    after = _next_word(c.text, m.end("wd"))
    if _is_capitalised(after) and after.lower() in WEEKDAY_NAME_SUFFIXES:
        return None
    start = m.start("wd") if mod in ("", "on") else m.start()
    if c.published is None:
        return start, m.end(), None, None
    ref, wd = c.published, WEEKDAYS[m.group("wd").lower()]
    if mod == "this":
        value = ref - timedelta(days=ref.weekday()) + timedelta(days=wd)
    elif mod in ("next", "coming"):
        value = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    else:
        back = (ref.weekday() - wd) % 7
        if back == 0:
            says_today = re.search(r"\b(?:today|tonight)\b", c.text, _I) is not None
            explicit = mod in ("last", "past", "previous")
            back = 0 if (c.same_weekday_is_today or says_today) and not explicit else 7
        value = ref - timedelta(days=back)
    return start, m.end(), value, "day"


def _period(m: re.Match[str], c: _Ctx) -> _Resolved:
    if c.published is None:
        return m.start(), m.end(), None, None
    ref, unit = c.published, m.group("unit").lower()
    shift = {"last": -1, "this": 0, "next": 1}[m.group("mod").lower()]
    monday = ref - timedelta(days=ref.weekday())
    if unit == "week":
        return m.start(), m.end(), monday + timedelta(weeks=shift), "day"
    if unit == "weekend":
        return m.start(), m.end(), monday + timedelta(days=5 + 7 * shift), "day"
    if unit == "month":
        return m.start(), m.end(), _month_start(ref.year, ref.month, shift), "month"
    return m.start(), m.end(), date(ref.year + shift, 1, 1), "year"


def _ago(m: re.Match[str], c: _Ctx) -> _Resolved:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    if c.published is None:
        return m.start(), m.end(), None, None
    ref, unit = c.published, m.group("unit").lower()
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return m.start(), m.end(), ref - timedelta(days=days), "day"
    if unit == "month":
        return m.start(), m.end(), _month_start(ref.year, ref.month, -n), "month"
    years = n * {"year": 1, "decade": 10}.get(unit, 100)
    return m.start(), m.end(), date(ref.year - years, 1, 1), "year"


_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Ctx], _Resolved]]] = [
    (_RE_MDY, _absolute_day),
    (_RE_DMY, _absolute_day),
    (_RE_ISO, _numeric_day),
    (_RE_US, _numeric_day),
    (_RE_MONTH_YEAR, _month_year),
    (_RE_MONTH, _month_only),
    (_RE_RANGE, _year_range),
    (_RE_DECADE, _decade),
    (_RE_CENTURY, _century),
    (_RE_YEAR, _year),
    (_RE_RELATIVE, _relative),
    (_RE_WEEKDAY, _weekday),
    (_RE_PERIOD, _period),
    (_RE_AGO, _ago),
]


def find_dates(
    text: str,
    *,
    published: date | None,
    offset: int = 0,
    same_weekday_is_today: bool = True,
) -> list[DateMention]:
    """Every date expression in ``text`` (one sentence), in text order, resolved against
    ``published``; offsets are ``offset`` + the index in ``text``. Overlapping matches keep the
    longest ("Friday, March 3, 2024" rather than "Friday")."""
    if not isinstance(text, str) or not text:
        return []
    if isinstance(published, datetime):
        published = published.date()
    elif not isinstance(published, date):
        published = None
    ctx = _Ctx(text, published, same_weekday_is_today)
    found: list[tuple[int, int, date | None, DatePrecision | None]] = []
    for pattern, handler in _PATTERNS:
        for m in pattern.finditer(text):
            try:
                hit = handler(m, ctx)
            except (ValueError, OverflowError, KeyError, IndexError):
                continue
            if hit is not None and hit[1] > hit[0]:
                found.append(hit)
    found.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, value, precision in found:
        if start < last_end:
            continue
        mention = DateMention(text[start:end], offset + start, offset + end, value, precision)
        mentions.append(mention)
        last_end = end
    return mentions


def is_historical(
    event_date: date | None, published: date | None, *, threshold_days: int = 365
) -> bool:
    """True when the event happened more than ``threshold_days`` before publication."""
    if event_date is None or published is None:
        return False
    if isinstance(event_date, datetime):
        event_date = event_date.date()
    if isinstance(published, datetime):
        published = published.date()
    try:
        return (published - event_date).days > threshold_days
    except (TypeError, OverflowError):
        return False


def clause_date(
    verb: Token, chain: Sequence[Token], dates: Sequence[DateMention], offset: int
) -> DateMention | None:
    """The date expression of a trigger's clause, else of the clauses above it.

    Each date found in the sentence is anchored to the verb its phrase hangs from ("met ON
    FRIDAY" → met); the event takes the date anchored to its own verb chain, else the nearest one
    up the clause tree. ``offset`` is where the parsed text starts in the document."""
    if not dates:
        return None
    doc = verb.doc
    anchors: dict[int, DateMention] = {}
    for dm in dates:
        tok = _token_at(doc, dm.start - offset)
        if tok is None:
            continue
        anchor = tok
        for _ in range(12):
            if anchor.pos_ in {"VERB", "AUX"} or anchor.head.i == anchor.i:
                break
            anchor = anchor.head
        anchors.setdefault(anchor.i, dm)
    for v in chain:
        if v.i in anchors:
            return anchors[v.i]
    cur = verb
    for _ in range(12):
        if cur.i in anchors:
            return anchors[cur.i]
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token at character ``char``, else the first one that starts after it (None past the
    end), found by binary search over the token offsets."""
    if not len(doc):
        return None
    if char <= 0:
        return doc[0]
    table = doc.to_array(["IDX", "LENGTH"]).reshape(len(doc), 2).astype("int64")
    starts, ends = table[:, 0], table[:, 0] + table[:, 1]
    k = min(
        int(ends.searchsorted(char, side="right")),  # the first token that ends after char
        int(starts.searchsorted(char, side="left")),  # the first token that starts at or after
    )
    return doc[k] if k < len(doc) else None


def own_date(verb: Token, dm: DateMention, offset: int) -> bool:
    """Whether the date phrase ``dm`` hangs from the clause of ``verb`` itself (rather than from
    a clause above it)."""
    tok = _token_at(verb.doc, dm.start - offset)
    for _ in range(12):
        if tok is None:
            return False
        if tok.i == verb.i:
            return True
        if tok.head.i == tok.i or tok.pos_ in {"VERB", "AUX"}:
            return False
        tok = tok.head
    return False


_BARE_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?$", _I
)


def ahead(dm: DateMention, published: date | None) -> DateMention:
    """A bare weekday in a clause about the future names the coming day, not the past one:
    "will travel to Ottawa on Wednesday" (published on a Thursday) is six days later."""
    if (
        published is None
        or dm.value is None
        or dm.precision != "day"
        or dm.value >= published
        or not _BARE_WEEKDAY.match(dm.text.strip())
    ):
        return dm
    value = dm.value
    while value < published:
        value += timedelta(days=7)
    return DateMention(dm.text, dm.start, dm.end, value, dm.precision)
