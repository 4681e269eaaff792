"""Readers for the gold sets Heron is measured on, each into small typed records.

* PLOVER gold JSONL — one coded sentence per line: ``id``, ``text``, ``event`` (PLOVER type),
  ``mode``, ``context``, ``actor[]`` / ``recipient[]`` with ``country`` and ``sector``.
* CAMEO pentaclass TSV — ``sentence<TAB>label``, label 0–4 (see :data:`PENTACLASS_NAMES`).
* CoNLL source/target tags — ``token<TAB or space>tag`` per line, a blank line between sentences,
  tags ``B-/I-`` ``S`` (source), ``T`` (target), ``R`` (reciprocal) or ``O``. The sentence text is
  rebuilt from the tokens (:func:`detokenize`) and every span becomes character offsets into it.
* Heron's own regression JSONL — ``id``, ``text``, ``published``, ``expect[]`` / ``expect_none``.

A broken file raises :class:`heron.errors.DataFileError` listing every bad line at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast

from heron.errors import DataFileError

Role = Literal["S", "T", "R"]
_ROLES = frozenset({"S", "T", "R"})

# pentaclass label -> what it holds. Two conventions split the CAMEO roots into these classes:
#   "gold"    — the one the CAMEO pentaclass gold set is labelled in: reduce relations (16:
#               expulsions, aid suspended, talks halted) is verbal conflict. Read off the set
#               itself: its sentences about expelling diplomats, suspending aid or ending
#               mediation are all labelled 3 (see docs/ACCURACY.md).
#   "phoenix" — ICEWS/Phoenix: 01–02 / 03–05 / 06–08 / 09–13 / 14–20.
# Heron's own records name neither: they carry the quad class under both GDELT and ICEWS
# conventions (data/codebook/roots.yaml); this mapping only scores against the gold set.
PentaConvention = Literal["gold", "phoenix"]
PENTACLASS_NAMES: dict[int, str] = {
    0: "statement/appeal (01–02)",
    1: "verbal cooperation (03–05)",
    2: "material cooperation (06–08)",
    3: "verbal conflict (09–13, 16)",
    4: "material conflict (14–15, 17–20)",
}
_PENTACLASS_ROOTS: dict[PentaConvention, dict[int, int]] = {
    "gold": {
        **dict.fromkeys((1, 2), 0),
        **dict.fromkeys((3, 4, 5), 1),
        **dict.fromkeys((6, 7, 8), 2),
        **dict.fromkeys((9, 10, 11, 12, 13, 16), 3),
        **dict.fromkeys((14, 15, 17, 18, 19, 20), 4),
    },
    "phoenix": {
        **dict.fromkeys((1, 2), 0),
        **dict.fromkeys((3, 4, 5), 1),
        **dict.fromkeys((6, 7, 8), 2),
        **dict.fromkeys((9, 10, 11, 12, 13), 3),
        **dict.fromkeys(range(14, 21), 4),
    },
}


def pentaclass_of(cameo: str | None, convention: PentaConvention = "gold") -> int | None:
    """The pentaclass (0–4) of a CAMEO code or root ("036", "03", "18"); None if not a code."""
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    return _PENTACLASS_ROOTS[convention].get(int(cameo[:2]))


# -- PLOVER -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class PloverGold:
    id: str
    text: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    actor: tuple[GoldActor, ...]
    recipient: tuple[GoldActor, ...]


def read_plover(path: Path) -> list[PloverGold]:
    """Read a PLOVER gold JSONL file (one coded sentence per line)."""
    out: list[PloverGold] = []
    problems: list[str] = []
    for lineno, obj in _jsonl(path, problems):
        try:
            out.append(_plover_record(obj))
        except (KeyError, TypeError, ValueError) as e:
            problems.append(f"line {lineno}: {_why(e)}")
    _raise_if(path, problems)
    return out


def _plover_record(obj: dict[str, Any]) -> PloverGold:
    event = obj["event"]
    if not isinstance(event, str) or not event:
        raise ValueError("'event' must be a PLOVER type name")
    return PloverGold(
        id=str(obj["id"]),
        text=_text(obj),
        event=event,
        mode=obj.get("mode") or None,
        context=tuple(obj.get("context") or ()),
        actor=_gold_actors(obj.get("actor")),
        recipient=_gold_actors(obj.get("recipient")),
    )


def _gold_actors(items: Any) -> tuple[GoldActor, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise TypeError("actor/recipient must be lists")
    return tuple(
        GoldActor(str(a.get("text") or ""), a.get("country") or None, a.get("sector") or None)
        for a in items
    )


# -- pentaclass -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PentaGold:
    id: str
    text: str
    label: int


def read_pentaclass(path: Path) -> list[PentaGold]:
    """Read a ``sentence<TAB>label`` file, label 0–4; ids are ``<file stem>:<line>``."""
    out: list[PentaGold] = []
    problems: list[str] = []
    for lineno, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        text, sep, label = line.rstrip("\n").rpartition("\t")
        if not sep or label.strip() not in {"0", "1", "2", "3", "4"} or not text.strip():
            problems.append(f"line {lineno}: expected 'sentence<TAB>label' with label 0–4")
            continue
        out.append(PentaGold(f"{path.stem}:{lineno}", text, int(label)))
    _raise_if(path, problems)
    return out


# -- CoNLL source/target spans ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class GoldToken:
    text: str
    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class GoldSpan:
    role: Role
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ConllGold:
    id: str
    text: str
    tokens: tuple[GoldToken, ...]
    spans: tuple[GoldSpan, ...]


_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "...", "…"}
    | {"'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£", "#", "“", "‘"})
_APOSTROPHES = frozenset({"'", "’", "ʼ"})
_CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m"})


def detokenize(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens into natural text; return it with each token's (start, end) offsets.

    No space before closing punctuation and clitics (``,`` ``.`` ``)`` ``'s`` ``n't`` …), none
    after opening brackets, currency signs and opening quotes; a hyphen joins its neighbours
    ("rebel - held" → "rebel-held"); a lone apostrophe before ``s``/``t``/… joins both sides
    ("Baghdad ’ s" → "Baghdad’s") and otherwise closes the word before it ("Kurds '").
    Straight double quotes alternate between opening and closing.
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    glue_next = True  # no space before the first token
    open_quote = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        glue = glue_next or word in _NO_SPACE_BEFORE or word == "-"
        glue_next = word in _NO_SPACE_AFTER or word == "-"
        if word in _APOSTROPHES:
            glue = True
            glue_next = nxt.lower() in _CLITICS
        elif word == '"':
            glue = glue or open_quote
            glue_next = not open_quote
            open_quote = not open_quote
        if not glue:
            parts.append(" ")
            pos += 1
        parts.append(word)
        offsets.append((pos, pos + len(word)))
        pos += len(word)
    return "".join(parts), offsets


def read_conll(path: Path) -> list[ConllGold]:
    """Read CoNLL-tagged sentences; ids are ``<file stem>:<sentence number from 1>``."""
    out: list[ConllGold] = []
    problems: list[str] = []
    for number, rows in enumerate(_conll_blocks(path, problems), start=1):
        words = [w for w, _ in rows]
        text, offsets = detokenize(words)
        tokens = tuple(
            GoldToken(w, s, e, tag) for (w, tag), (s, e) in zip(rows, offsets, strict=True)
        )
        out.append(ConllGold(f"{path.stem}:{number}", text, tokens, tuple(bio_spans(text, tokens))))
    _raise_if(path, problems)
    return out


def _conll_blocks(path: Path, problems: list[str]) -> Iterator[list[tuple[str, str]]]:
    rows: list[tuple[str, str]] = []
    for lineno, line in enumerate(_lines(path), start=1):
        fields = line.split()
        if not fields:
            if rows:
                yield rows
            rows = []
            continue
        tag = fields[-1]
        if len(fields) < 2 or not (tag == "O" or (tag[:2] in {"B-", "I-"} and tag[2:] in _ROLES)):
            problems.append(f"line {lineno}: expected 'token<TAB>tag', tag O or B-/I- S, T or R")
            continue
        rows.append((" ".join(fields[:-1]), tag))
    if rows:
        yield rows


def bio_spans(text: str, tokens: Iterable[GoldToken]) -> Iterator[GoldSpan]:
    """Spans from B-/I- tags; an I- tag that does not continue a span of its role opens one."""
    role: str | None = None
    start = end = 0
    for tok in tokens:
        prefix, _, tag_role = tok.tag.partition("-")
        if role is not None and (prefix != "I" or tag_role != role):
            yield _span(text, role, start, end)
            role = None
        if prefix in {"B", "I"} and role is None:
            role, start = tag_role, tok.start
        end = tok.end
    if role is not None:
        yield _span(text, role, start, end)


def _span(text: str, role: str, start: int, end: int) -> GoldSpan:
    return GoldSpan(cast(Role, role), start, end, text[start:end])


# -- Heron's regression set -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Expectation:
    """One event a sentence must yield: a CAMEO code or prefix, its actors' countries, flags."""

    cameo: str
    actor_country: str | None = None
    recipient_country: str | None = None
    negated: bool | None = None
    date: str | None = None  # an ISO date or its prefix ("2022-03") the event date must start with


@dataclass(frozen=True, slots=True)
class RegressionCase:
    id: str
    text: str
    published: date | None
    expect: tuple[Expectation, ...]
    expect_none: bool = False
    note: str | None = None


def read_regression(path: Path) -> list[RegressionCase]:
    """Read Heron's regression JSONL; a case has ``expect`` entries or ``"expect_none": true``."""
    out: list[RegressionCase] = []
    problems: list[str] = []
    seen: set[str] = set()
    for lineno, obj in _jsonl(path, problems):
        try:
            case = _regression_case(obj)
        except (KeyError, TypeError, ValueError) as e:
            problems.append(f"line {lineno}: {_why(e)}")
            continue
        if case.id in seen:
            problems.append(f"line {lineno}: duplicate id {case.id!r}")
        seen.add(case.id)
        out.append(case)
    _raise_if(path, problems)
    return out


def _regression_case(obj: dict[str, Any]) -> RegressionCase:
    published = obj.get("published")
    expect = tuple(_expectation(e) for e in obj.get("expect") or ())
    expect_none = bool(obj.get("expect_none", False))
    if expect_none == bool(expect):
        raise ValueError("give either 'expect' entries or \"expect_none\": true, not both/neither")
    return RegressionCase(
        id=str(obj["id"]),
        text=_text(obj),
        published=date.fromisoformat(published) if published else None,
        expect=expect,
        expect_none=expect_none,
        note=obj.get("note"),
    )


def _expectation(e: dict[str, Any]) -> Expectation:
    cameo = e["cameo"]
    if not isinstance(cameo, str) or not cameo.isdigit() or not 2 <= len(cameo) <= 4:
        raise ValueError(f'cameo {cameo!r} must be a CAMEO code or root as a string, e.g. "18"')
    negated = e.get("negated")
    if negated is not None and not isinstance(negated, bool):
        raise TypeError("'negated' must be true or false")
    return Expectation(
        cameo=cameo,
        actor_country=e.get("actor_country"),
        recipient_country=e.get("recipient_country"),
        negated=negated,
        date=e.get("date"),
    )


# -- shared helpers ---------------------------------------------------------------------------
def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _jsonl(path: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    for lineno, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {lineno}: not JSON ({e.msg})")
            continue
        if not isinstance(obj, dict):
            problems.append(f"line {lineno}: expected a JSON object")
            continue
        yield lineno, obj


def _text(obj: dict[str, Any]) -> str:
    text = obj["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be a non-empty string")
    return text


def _why(e: Exception) -> str:
    return f"missing field {e}" if isinstance(e, KeyError) else str(e)


def _raise_if(path: Path, problems: list[str]) -> None:
    if problems:
        raise DataFileError(str(path), problems)
