"""Splitting a document into stories and non-story text, without changing a character.

``segment(doc)`` cuts ``doc.text`` into :class:`~heron.records.Segment` records whose offsets index
into ``doc.text``: one segment per non-blank line, with the line's surrounding whitespace and its
newline left out. The rules below are data (checked top to bottom, first match wins) so they can be
read, tested and extended without touching the logic:

* **caption** (story -1) — a line that starts with ``Photo:``, ``Photograph:``, ``Image:``,
  ``Picture:``, ``Video:``, ``Caption:`` or ``File photo``; or ends with a photo credit: a
  parenthesis naming an agency or a photo (``(AFP)``, ``(AP Photo/Lee Jin-man)``),
  ``Photo: Reuters``, ``/ AP Photo``; or is only a photo credit (``AP Photo``,
  ``AFP via Getty Images``).
* **byline** (story -1) — ``By NAME`` (short, no final full stop), ``Staff writer, with agencies``,
  ``— Reuters`` or a lone news agency (``Reuters``, ``AFP, AP``), ``Additional reporting by …``.
* **boilerplate** (story -1) — ``Advertisement``, ``Share this:``, ``Read more``, ``Click here``,
  ``Subscribe``, ``Related:``, ``Copyright ©``/``All rights reserved``, cookie notices.
* **teaser** — a line that starts with a *kicker*: 1–6 words in capitals (letters, apostrophes,
  hyphens), optionally in quote marks, then ``:`` (``‘GREAT OPPRTUNITY’: …``, ``DIALOGUE: …``).
  It starts a new story (1, 2, …) labelled with the kicker, that runs until the next kicker. The
  segment starts after the kicker and its colon; a teaser is another story, so it does not take
  the page's publication date. A kicker on the document's first story line is a dateline
  (``ISLAMABAD: …``), not a teaser, and stays in the main story.
* **dateline** — the place (and agency, or date) a wire story's first paragraph opens with, up
  to its dash: ``KYIV, Ukraine (Reuters) — …``, ``MEXICO CITY (AP) — …``, ``BLANTYRE — …``,
  ``LONDON, March 3 (Reuters) - …``; the city in capitals. It is its own segment of the main
  story (coded: it names the story's place but has no verb), and the paragraph goes on after
  the dash, so the parser never reads the place as part of the first sentence.
* **story** — everything else is the main story (story 0, dated ``doc.published``).

A teaser that does not end with ``.``, ``!`` or ``?`` (optionally followed by closing quotes or
brackets), or any story segment that stops on a word no sentence ends with ("… denouncing an"),
is marked ``truncated``: the page cut it off mid-sentence. A headline without a full stop is not.

A line longer than 10,000 characters is cut into pieces, each its own segment: at the last
sentence end within 10,000 characters, else (a run without punctuation) at a space within 1,000
characters, that piece marked ``truncated``.

Known limits: a transcript's ``SPEAKER: …`` lines after the first look like teasers; a story
paragraph that ends with an agency name in parentheses looks like a caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from heron.records import Document, Segment, SegmentKind

CODED_KINDS: frozenset[SegmentKind] = frozenset({"story", "teaser", "dateline"})

NEWS_AGENCIES = (
    "Agence France-Presse", "Associated Press", "AFP", "AP", "Reuters", "Xinhua", "Yonhap",
    "Kyodo", "Bloomberg", "CNA", "KCNA", "Anadolu", "Bernama", "Antara", "PTI", "ANI", "UPI",
    "dpa", "TASS", "Sputnik", "EFE",
)  # fmt: skip
PHOTO_AGENCIES = ("Getty Images", "EPA-EFE", "EPA", "Shutterstock", "Alamy", "KNS")


def _alternatives(names: Sequence[str]) -> str:
    return "(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"


_NEWS = _alternatives(NEWS_AGENCIES)
_ANY_AGENCY = _alternatives(NEWS_AGENCIES + PHOTO_AGENCIES)
_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class LineRule:
    """One way to recognise a non-story line; ``max_words`` keeps it off long paragraphs."""

    name: str
    kind: SegmentKind
    pattern: re.Pattern[str]
    max_words: int | None = None


LINE_RULES: tuple[LineRule, ...] = (
    LineRule("caption-label", "caption", re.compile(
        r"^(?:(?:photo(?:graph)?s?|image|picture|video|caption)\s*:|file photo\b)", _I)),
    LineRule("byline-by", "byline", re.compile(r"^By\s+[A-Z].*(?<![.!?])$"), max_words=12),
    LineRule("byline-staff", "byline", re.compile(
        r"^(?:(?:staff|special)\s+(?:writer|reporter|correspondent)s?|with\s+agencies)\b", _I),
        max_words=10),
    LineRule("byline-agency", "byline", re.compile(
        rf"^(?:[—–-]\s*)?{_NEWS}(?:\s*(?:,|/|and)\s*{_NEWS})*$")),
    LineRule("byline-reporting", "byline", re.compile(
        r"^(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", _I)),
    LineRule("boilerplate", "boilerplate", re.compile(
        r"^(?:advertisement|sponsored(?: content)?|share(?: this(?: article| story)?)?\s*:?)$"
        r"|^(?:read more|see more|click here|subscribe|sign up|follow us|continue reading)\b"
        r"|^share (?:on|via)\b"
        r"|^related(?: stories| articles| coverage| news| content)?\s*:"
        r"|^(?:copyright\s*(?:©|\(c\)|\d{4})|©)|\ball rights reserved\b"
        r"|\b(?:we use|(?:this|our) (?:web)?site uses) cookies\b"
        r"|\bcookie (?:policy|settings|preferences)\b|\baccept (?:all )?cookies\b", _I),
        max_words=30),
    LineRule("caption-credit", "caption", re.compile(
        rf"\([^()]*\b(?:[Pp]hoto|{_ANY_AGENCY})\b[^()]*\)$"
        r"|\b(?:Photos?|Photograph|Image|Picture)\s*:\s*[^.!?:]{1,80}$"
        rf"|/\s*{_ANY_AGENCY}(?:\s+Photo)?$"
        rf"|^{_ANY_AGENCY}(?:\s+Photo)?(?:\s*(?:/|(?i:via))\s*[^.!?]{{1,60}})?$"),
        max_words=60),
)  # fmt: skip

_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ](?:[A-ZÀ-ÖØ-Þ'’-]*[A-ZÀ-ÖØ-Þ])?"
# "PORT SUDAN, Sudan (wire) — ": a city in capitals, up to two comma parts (a country or state,
# a date), an optional parenthesis (the agency), then a dash with spaces around it
DATELINE_LINES = 3  # the headline, maybe a standfirst, then the first paragraph
DATELINE = re.compile(
    rf"^{_CAPS_WORD}(?:[ .]+{_CAPS_WORD})*"
    r"(?:,\s+[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3}){0,2}"
    r"(?:\s+\([^()\n]{1,40}\))?"
    r"\s+(?:[—–]|--?)\s+(?=\S)"
)
KICKER = re.compile(rf"^[‘“'\"]?(?P<label>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,5}})[’”'\"]?:(?:\s+|$)")
KICKER_MIN_LETTERS = 2  # "Q:" in an interview is not a kicker
SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$")
# words no complete English sentence ends with: a text that stops on one was cut off
DANGLING_WORDS = frozenset(
    "a an the of to in on at for with by from and or but nor that which who whose whom as "
    "than his her its their our your my is are was were be been has have had will would can "
    "could should may might must into onto about against between during after before".split()
)
LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")

# An over-long line is cut into pieces, so one segment's parse and coding stay cheap (their cost
# grows faster than the length) and a run of words without punctuation is not read as one huge
# sentence: at the last sentence end within MAX_SEGMENT_CHARS, else at the last space within
# MAX_RUN_CHARS (a piece cut there is truncated), else hard at MAX_RUN_CHARS.
MAX_SEGMENT_CHARS = 10_000  # longer than any paragraph of the corpus (7,108)
MAX_RUN_CHARS = 1_000  # longer than any sentence of the corpus
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’»)\]]*\s+")


def _cut_off(text: str, start: int, end: int, *, teaser: bool) -> bool:
    """A segment is truncated when it lacks a sentence end and is a teaser (pages cut those
    off) or stops on a word no sentence ends with ("… and denouncing an"). A headline or a
    title without a full stop is not truncated."""
    if SENTENCE_END.search(text, start, end) is not None:
        return False
    if teaser:
        return True
    m = LAST_WORD.search(text, start, end)
    return m is not None and m.group(1).lower() in DANGLING_WORDS


def classify_line(line: str) -> LineRule | None:
    """The first rule that marks ``line`` (already stripped) as non-story text, if any."""
    words = len(line.split())
    for rule in LINE_RULES:
        if (rule.max_words is None or words <= rule.max_words) and rule.pattern.search(line):
            return rule
    return None


def kicker_label(line: str) -> tuple[str, int] | None:
    """``(label, offset where the teaser text starts)`` when ``line`` starts with a kicker."""
    match = KICKER.match(line)
    if match is None or sum(c.isalpha() for c in match["label"]) < KICKER_MIN_LETTERS:
        return None
    return match["label"], match.end()


def segment(doc: Document) -> list[Segment]:
    """Cut ``doc.text`` into ordered, non-overlapping segments (see the module docstring)."""
    text = doc.text
    segments: list[Segment] = []
    story, label = 0, None
    dated = False  # a story has one dateline, at the front of its first paragraph
    lines = 0  # story lines so far: a dateline opens one of the first (after the headline)
    for start, end in _stripped_lines(text):
        rule = classify_line(text[start:end])
        if rule is not None:
            segments.append(Segment(start, end, rule.kind, -1, None))
            continue
        kicker = kicker_label(text[start:end])
        if kicker is not None and any(s.kind in CODED_KINDS for s in segments):
            story, label = story + 1, kicker[0]
            start += kicker[1]
            if start == end:
                continue
        lines += story == 0
        first = story == 0 and not dated and lines <= DATELINE_LINES
        dateline = DATELINE.match(text[start:end]) if first else None
        if dateline is not None:
            dated = True
            place = dateline.group(0).rstrip()
            segments.append(Segment(start, start + len(place), "dateline", 0, doc.published))
            start += dateline.end()
        for p_start, p_end, cut in _pieces(text, start, end):
            segments.append(
                Segment(
                    p_start,
                    p_end,
                    "story" if story == 0 else "teaser",
                    story,
                    doc.published if story == 0 else None,
                    truncated=cut or _cut_off(text, p_start, p_end, teaser=story != 0),
                    label=label,
                )
            )
    return segments


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, cut mid-sentence)`` pieces of the line ``text[start:end]``: the line itself
    when it is at most MAX_SEGMENT_CHARS long, else pieces cut as the constants above say."""
    if end - start <= MAX_SEGMENT_CHARS:
        yield start, end, False
        return
    while end - start > MAX_RUN_CHARS:  # once cut, a line is cut to the end
        limit = min(start + MAX_SEGMENT_CHARS, end)
        cut, mid_sentence = None, False
        for m in _SENTENCE_BREAK.finditer(text, start, limit):
            cut = m.end()
        if cut is None:
            run_end = start + MAX_RUN_CHARS
            space = text.rfind(" ", start + 1, run_end)
            cut, mid_sentence = (space if space > start else run_end), True
        if cut >= end:
            break
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end, mid_sentence
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end, False


def story_text_ranges(segments: Sequence[Segment]) -> dict[int, list[tuple[int, int]]]:
    """The ``(start, end)`` ranges of the coded segments, grouped by story, in text order."""
    ranges: dict[int, list[tuple[int, int]]] = {}
    for seg in segments:
        if seg.kind in CODED_KINDS:
            ranges.setdefault(seg.story, []).append((seg.start, seg.end))
    return ranges


def _stripped_lines(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, without its newline or surrounding whitespace."""
    line_start = 0
    while line_start <= len(text):
        line_end = text.find("\n", line_start)
        if line_end == -1:
            line_end = len(text)
        line = text[line_start:line_end]
        stripped = line.lstrip()
        if stripped:
            start = line_start + len(line) - len(stripped)
            yield start, start + len(stripped.rstrip())
        line_start = line_end + 1


def segments_to_code(doc: Document) -> list[Segment]:
    """The segments of ``doc`` that are coded (stories and teasers). A segmentation bug must not
    lose the document: should segmenting fail, the whole text is one story."""
    try:
        return [s for s in segment(doc) if s.kind in CODED_KINDS]
    except Exception:
        return [Segment(0, len(doc.text), "story", 0, doc.published)]
