"""Story-level scores, the way an analyst judges a coded story, and statistics over a corpus.

Matching rule (also stated in docs/ACCURACY.md). Every event becomes keys
``(PLOVER type, actor country, recipient country)``:

* a country is the first three letters of a code ("USAGOV" → "USA", "IGOUNO" → "IGO"), ``""``
  for no code and for a code of sectors only ("REF": country unknown);
* a gold event gives one key from its ``actor`` and ``recipient``; a predicted event offers a key
  for every actor × recipient pair (an empty side counts as ``""``), its first actor and first
  recipient included;
* statements (CAMEO 01x) have no PLOVER type: Heron's ``event_type`` None/"" and the gold's
  ``plover`` null/"" are both ``""``, so statements match statements with the same countries.

Per story, the set of distinct predicted keys (events flagged negated or hypothetical left out)
is compared with the set of gold keys: a gold key is found when a predicted key equals it.
Precision = matched / predicted keys, recall = matched / gold keys, summed over stories (micro).
The looser "type only" score compares the sets of PLOVER types per story the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from heron.actors.kb import SECTORS
from heron.evaluate.errors import EvalError, describe_event, describe_events
from heron.evaluate.metrics import MatchPRF, Ratio
from heron.evaluate.score import Event, Predict, _failure, _run, is_flagged
from heron.evaluate.story_gold import SOURCES, GoldStoryEvent, Source, Story

GOLD_SET = "stories"
StoryKey = tuple[str, str, str]  # (PLOVER type, "" for statements; actor country; recipient)


# -- keys -------------------------------------------------------------------------------------
def country_of(code: str | None) -> str:
    """The country field of an actor code: its first three letters; "" for no code and for a
    code made of sectors only ("REF" — migrants of many nationalities)."""
    if not code:
        return ""
    head = code[:3]
    return "" if head in SECTORS else head


def gold_key(ev: GoldStoryEvent) -> StoryKey:
    return (ev.plover, country_of(ev.actor), country_of(ev.recipient))


def event_type(ev: Event) -> str:
    """A predicted event's PLOVER type; "" for statements (no type)."""
    return str(ev.get("event_type") or "")


def predicted_keys(ev: Event) -> set[StoryKey]:
    """Every key a predicted event offers: its type with each actor × recipient country pair."""
    actors = [country_of(a.get("country")) for a in ev.get("actor") or ()] or [""]
    recipients = [country_of(a.get("country")) for a in ev.get("recipient") or ()] or [""]
    t = event_type(ev)
    return {(t, a, r) for a in actors for r in recipients}


def type_label(t: str) -> str:
    return t or "statement"


def describe_key(key: StoryKey) -> str:
    """``ASSAULT SDN → SDN``; a missing country shows as ``—``."""
    t, a, r = key
    return f"{type_label(t)} {a or '—'} → {r or '—'}"


# -- scores -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoryOutcome:
    """One story: its gold keys against the keys its predicted events offer."""

    id: str
    source: Source
    title: str
    gold: frozenset[StoryKey]
    predicted: frozenset[StoryKey]
    events: int  # predicted events that counted (not flagged)

    @property
    def matched(self) -> frozenset[StoryKey]:
        return self.gold & self.predicted

    @property
    def keys(self) -> MatchPRF:
        n = len(self.matched)
        return MatchPRF(n, len(self.predicted), n, len(self.gold))

    @property
    def types(self) -> MatchPRF:
        gold = {k[0] for k in self.gold}
        pred = {k[0] for k in self.predicted}
        n = len(gold & pred)
        return MatchPRF(n, len(pred), n, len(gold))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "gold": sorted(map(list, self.gold)),
            "predicted": sorted(map(list, self.predicted)),
            "matched": sorted(map(list, self.matched)),
            "events": self.events,
            "keys": self.keys.to_dict(),
            "types": self.types.to_dict(),
        }


@dataclass(frozen=True)
class StoryResult:
    """Every scored story, with micro scores over all of them and per source."""

    stories: tuple[StoryOutcome, ...]
    errors: tuple[EvalError, ...]

    @property
    def n(self) -> int:
        return len(self.stories)

    @property
    def keys(self) -> MatchPRF:
        return _sum(s.keys for s in self.stories)

    @property
    def types(self) -> MatchPRF:
        return _sum(s.types for s in self.stories)

    def by_source(self) -> dict[Source, tuple[int, MatchPRF, MatchPRF]]:
        """(stories, keys, types) per source that has stories, in :data:`SOURCES` order."""
        out: dict[Source, tuple[int, MatchPRF, MatchPRF]] = {}
        for src in SOURCES:
            part = [s for s in self.stories if s.source == src]
            if part:
                out[src] = (len(part), _sum(s.keys for s in part), _sum(s.types for s in part))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "keys": self.keys.to_dict(),
            "types": self.types.to_dict(),
            "by_source": {
                src: {"stories": n, "keys": k.to_dict(), "types": t.to_dict()}
                for src, (n, k, t) in self.by_source().items()
            },
            "stories": [s.to_dict() for s in self.stories],
        }


def _sum(parts: Iterable[MatchPRF]) -> MatchPRF:
    total = MatchPRF()
    for p in parts:
        total = total + p
    return total


def score_stories(
    stories: Sequence[Story], predict: Predict, *, ignore_flagged: bool = True
) -> StoryResult:
    """Code each story whole (with its publication date) and compare key sets per story."""
    outcomes: list[StoryOutcome] = []
    errors: list[EvalError] = []
    for story in stories:
        g = story.gold
        events, failed = _run(predict, story.text, g.published)
        if failed:
            errors.append(_failure(GOLD_SET, g.id, g.title, failed))
        kept = [e for e in events if not (ignore_flagged and is_flagged(e))]
        predicted: set[StoryKey] = set()
        for e in kept:
            predicted |= predicted_keys(e)
        outcome = StoryOutcome(
            g.id,
            g.source,
            g.title,
            frozenset(map(gold_key, g.events)),
            frozenset(predicted),
            len(kept),
        )
        outcomes.append(outcome)
        errors += story_errors(story, outcome, events, kept)
    return StoryResult(tuple(outcomes), tuple(errors))


# -- errors -----------------------------------------------------------------------------------
def story_errors(
    story: Story, outcome: StoryOutcome, events: Sequence[Event], kept: Sequence[Event]
) -> list[EvalError]:
    """The gold keys missed (with the gold evidence and what Heron coded in that sentence) and
    the predicted keys not in gold (with the sentence and the gold events in it)."""
    gold_types = {k[0] for k in outcome.gold}
    pred_types = {k[0] for k in outcome.predicted}
    out: list[EvalError] = []
    for key in sorted(outcome.gold - outcome.predicted):
        evs = [e for e in story.gold.events if gold_key(e) == key]
        where = story.text.find(evs[0].evidence)
        shown = describe_events(e for e in events if _in_sentence(e, where))
        out.append(
            EvalError(
                GOLD_SET,
                _kind("missed", key[0], pred_types),
                story.gold.id,
                evs[0].evidence,
                _describe_gold(key, evs),
                shown,
            )
        )
    for key in sorted(outcome.predicted - outcome.gold):
        ev = next(e for e in kept if key in predicted_keys(e))
        sentence = ev.get("sentence") or {}
        golds = [
            e
            for e in story.gold.events
            if _in_sentence(ev, story.text.find(e.evidence)) and e.evidence
        ]
        gold = "; ".join(_describe_gold(gold_key(e), [e]) for e in golds) or "no gold event here"
        out.append(
            EvalError(
                GOLD_SET,
                _kind("false", key[0], gold_types),
                story.gold.id,
                str(sentence.get("text") or ""),
                f"{describe_key(key)} not in gold; gold in this sentence: {gold}",
                (describe_event(ev),),
            )
        )
    return out


def _kind(what: str, t: str, other_side: set[str]) -> str:
    label = f"{what} {type_label(t)}"
    return f"{label} (countries differ)" if t in other_side else label


def _in_sentence(ev: Event, offset: int) -> bool:
    sentence = ev.get("sentence") or {}
    start, end = sentence.get("start"), sentence.get("end")
    return offset >= 0 and isinstance(start, int) and isinstance(end, int) and start <= offset < end


def _describe_gold(key: StoryKey, events: Sequence[GoldStoryEvent]) -> str:
    codes = ", ".join(f"{e.cameo} {e.actor} → {e.recipient or '—'} on {e.date}" for e in events)
    return f"{describe_key(key)} ({codes})"


# -- corpus statistics ------------------------------------------------------------------------
@dataclass(frozen=True)
class CorpusStats:
    """What Heron outputs over a whole corpus: every event counts, flagged ones too."""

    stories: int = 0
    failed: int = 0  # stories the coder failed on
    events: int = 0
    flagged: int = 0  # negated or hypothetical (counted in every share)
    statements: int = 0  # CAMEO root 01
    with_actor: int = 0  # an actor with a country
    with_recipient: int = 0  # a recipient with a country
    full_dyads: int = 0  # both

    @property
    def statement_share(self) -> Ratio:
        return Ratio(self.statements, self.events)

    @property
    def non_statement_share(self) -> Ratio:
        return Ratio(self.events - self.statements, self.events)

    @property
    def actor_share(self) -> Ratio:
        return Ratio(self.with_actor, self.events)

    @property
    def no_actor_share(self) -> Ratio:
        return Ratio(self.events - self.with_actor, self.events)

    @property
    def no_recipient_share(self) -> Ratio:
        return Ratio(self.events - self.with_recipient, self.events)

    @property
    def full_dyad_share(self) -> Ratio:
        return Ratio(self.full_dyads, self.events)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "failed": self.failed,
            "events": self.events,
            "flagged": self.flagged,
            "statements": self.statements,
            "with_actor": self.with_actor,
            "with_recipient": self.with_recipient,
            "full_dyads": self.full_dyads,
        }


def tally_corpus(per_story: Iterable[Sequence[Event]], *, failed: int = 0) -> CorpusStats:
    """Count the events of every story (a list of contract dicts per story)."""
    counts = dict.fromkeys(
        ("stories", "events", "flagged", "statements", "with_actor", "with_recipient", "dyads"), 0
    )
    for events in per_story:
        counts["stories"] += 1
        for e in events:
            actor, recipient = _has_country(e.get("actor")), _has_country(e.get("recipient"))
            counts["events"] += 1
            counts["flagged"] += is_flagged(e)
            counts["statements"] += str(e.get("cameo") or "").startswith("01")
            counts["with_actor"] += actor
            counts["with_recipient"] += recipient
            counts["dyads"] += actor and recipient
    return CorpusStats(
        stories=counts["stories"],
        failed=failed,
        events=counts["events"],
        flagged=counts["flagged"],
        statements=counts["statements"],
        with_actor=counts["with_actor"],
        with_recipient=counts["with_recipient"],
        full_dyads=counts["dyads"],
    )


def corpus_stats(texts: Sequence[tuple[str, date | None]], predict: Predict) -> CorpusStats:
    """Code every (text, published) once and count what came out."""
    per_story: list[list[Event]] = []
    failed = 0
    for text, published in texts:
        events, why = _run(predict, text, published)
        failed += why is not None
        per_story.append(events)
    return tally_corpus(per_story, failed=failed)


def _has_country(actors: Iterable[Mapping[str, Any]] | None) -> bool:
    return any(a.get("country") for a in actors or ())
