"""Readers for the story-level gold (whole stories coded by analysts) and the texts it labels.

Two gold files, one JSON object per story (tests/data/stories/GUIDELINES.md, own/README.md):

* ``gold_corpus.jsonl`` — Voice of America stories of ``<shared>/corpus/voa_stories.jsonl``,
  by id (``"source": "voa"``), and the seed page (``"story": "seed"``, ``"source": "seed"``,
  the repository's examples/taipei-times-page.txt);
* ``gold_own.jsonl`` — stories the project wrote (``"source": "own"``), text in the file named by
  ``"file"`` relative to the gold file's folder: headline, blank line, body.

A story has ``story``, ``source``, ``published`` (YYYY-MM-DD), ``title`` and ``events[]``; an
event has ``actor``, ``recipient`` (CAMEO-style codes, ``""`` for none), ``cameo``, ``plover``
(``null`` or ``""`` for 01x statements), ``date`` and ``evidence``. Other keys (``note``,
``non_events``, ``date_precision`` …) are allowed and kept out of the records. A broken file
raises :class:`heron.errors.DataFileError` listing every bad line at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from heron.errors import DataFileError
from heron.evaluate.gold import _jsonl, _why

Source = Literal["corpus", "seed", "own"]
SOURCES: tuple[Source, ...] = ("corpus", "seed", "own")
# the gold's "source" field -> the group a story is reported under
_SOURCE_OF: dict[str, Source] = {"voa": "corpus", "seed": "seed", "own": "own"}
SEED_ID = "seed"


@dataclass(frozen=True, slots=True)
class GoldStoryEvent:
    """One event an analyst coded in a story."""

    actor: str
    recipient: str  # "" when the text names none
    cameo: str
    plover: str  # "" for 01x statements (no PLOVER type)
    date: str
    evidence: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class StoryGold:
    id: str
    source: Source
    published: date
    title: str
    events: tuple[GoldStoryEvent, ...]
    file: str | None = None  # own stories: the story file, relative to the gold file's folder
    origin: str = ""  # "gold_own.jsonl:3", for messages


@dataclass(frozen=True, slots=True)
class Story:
    """A gold story with its text, ready to code."""

    gold: StoryGold
    text: str


@dataclass(frozen=True, slots=True)
class CorpusStory:
    """One story of the shared corpus (voa_stories.jsonl)."""

    id: str
    title: str
    published: date | None
    text: str


# -- readers ----------------------------------------------------------------------------------
def read_story_gold(path: Path) -> list[StoryGold]:
    """Read a story gold JSONL file (gold_corpus.jsonl or gold_own.jsonl)."""
    out: list[StoryGold] = []
    problems: list[str] = []
    seen: set[str] = set()
    for lineno, obj in _jsonl(path, problems):
        try:
            story = _story(obj, origin=f"{path.name}:{lineno}")
        except (KeyError, TypeError, ValueError) as e:
            problems.append(f"line {lineno}: {_why(e)}")
            continue
        if story.id in seen:
            problems.append(f"line {lineno}: story {story.id!r} labelled twice")
        seen.add(story.id)
        out.append(story)
    if problems:
        raise DataFileError(str(path), problems)
    return out


def _story(obj: dict[str, Any], *, origin: str) -> StoryGold:
    source = _SOURCE_OF.get(str(obj["source"]))
    if source is None:
        raise ValueError(f"source {obj['source']!r} must be one of {sorted(_SOURCE_OF)}")
    events = obj["events"]
    if not isinstance(events, list):
        raise TypeError("'events' must be a list")
    file = obj.get("file")
    if source == "own" and not (isinstance(file, str) and file):
        raise ValueError('an own story needs "file": the story\'s text file')
    story_id = _string(obj, "story")
    if source == "seed" and story_id != SEED_ID:
        raise ValueError(f'the seed page\'s story must be "{SEED_ID}"')
    return StoryGold(
        id=story_id,
        source=source,
        published=_published(obj["published"]),
        title=str(obj.get("title") or ""),
        events=tuple(_event(e, k) for k, e in enumerate(events)),
        file=file if isinstance(file, str) else None,
        origin=origin,
    )


def _event(e: Any, k: int) -> GoldStoryEvent:
    if not isinstance(e, dict):
        raise TypeError(f"event {k}: expected a JSON object")
    try:
        plover = e["plover"]
        if plover is not None and not isinstance(plover, str):
            raise TypeError("'plover' must be a PLOVER type, \"\" or null")
        note = e.get("note")
        return GoldStoryEvent(
            actor=_string(e, "actor"),
            recipient=_string(e, "recipient", empty_ok=True),
            cameo=_string(e, "cameo"),
            plover=plover or "",
            date=_string(e, "date"),
            evidence=_string(e, "evidence"),
            note=note if isinstance(note, str) else None,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"event {k}: {_why(err)}") from err


def _string(obj: Mapping[str, Any], key: str, *, empty_ok: bool = False) -> str:
    value = obj[key]
    if not isinstance(value, str) or not (empty_ok or value.strip()):
        raise ValueError(f"'{key}' must be a {'' if empty_ok else 'non-empty '}string")
    return value


def _published(value: Any) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as e:
        raise ValueError(f"published {value!r} is not a YYYY-MM-DD date") from e


def read_corpus(path: Path) -> list[CorpusStory]:
    """Read the shared corpus: one story per line (``id``, ``title``, ``published``, ``text``)."""
    out: list[CorpusStory] = []
    problems: list[str] = []
    for lineno, obj in _jsonl(path, problems):
        try:
            published = obj.get("published")
            out.append(
                CorpusStory(
                    id=str(obj["id"]),
                    title=str(obj.get("title") or ""),
                    published=_published(published) if published else None,
                    text=_string(obj, "text"),
                )
            )
        except (KeyError, TypeError, ValueError) as e:
            problems.append(f"line {lineno}: {_why(e)}")
    if problems:
        raise DataFileError(str(path), problems)
    return out


# -- texts ------------------------------------------------------------------------------------
def attach_texts(
    golds: Sequence[StoryGold],
    *,
    base: Path,
    corpus: Mapping[str, CorpusStory] | None,
    seed: Path,
    notes: list[str],
) -> list[Story]:
    """Each gold story with its text: corpus stories from ``corpus`` (by id), the seed page from
    ``seed``, own stories from ``base / file``. A story whose text is missing is left out with a
    note; corpus stories all at once when ``corpus`` is None (the shared corpus is absent)."""
    out: list[Story] = []
    skipped_corpus = 0
    for g in golds:
        text: str | None = None
        if g.source == "corpus":
            if corpus is None:
                skipped_corpus += 1
                continue
            found = corpus.get(g.id)
            text = found.text if found else None
        else:
            path = seed if g.source == "seed" else base / str(g.file)
            text = path.read_text(encoding="utf-8") if path.is_file() else None
        if text is None:
            notes.append(f"story {g.id} ({g.origin}): its text was not found, skipped")
            continue
        out.append(Story(g, text))
    if skipped_corpus:
        notes.append(f"story gold: {skipped_corpus} corpus stories skipped (no shared corpus)")
    return out
