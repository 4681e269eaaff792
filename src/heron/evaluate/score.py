"""Scorers: run a predictor over a gold set and compare — pure functions over contract dicts.

A predictor is any ``predict(text, published) -> list[dict]`` returning output-contract dicts
(``EventRecord.to_dict()``), so tests pass fakes and the CLI passes the real coder. A predictor
that raises on a sentence is scored as predicting nothing there, with a ``coder failed`` error.

Options common to every scorer: ``limit`` scores only the first N gold items; ``ignore_flagged``
(PLOVER, pentaclass) drops events Heron flags negated or hypothetical before scoring.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from heron.evaluate.errors import EvalError, describe_events
from heron.evaluate.gold import (
    PENTACLASS_NAMES,
    ConllGold,
    Expectation,
    GoldActor,
    PentaConvention,
    PentaGold,
    PloverGold,
    RegressionCase,
    pentaclass_of,
)
from heron.evaluate.metrics import (
    NONE_LABEL,
    ClassScores,
    Confusion,
    MatchPRF,
    Ratio,
    Tally,
    accuracy,
    classify,
    confusion_matrix,
)

Event = Mapping[str, Any]
Predict = Callable[[str, date | None], list[dict[str, Any]]]
T = TypeVar("T")

PENTACLASS_LABELS = tuple(str(k) for k in PENTACLASS_NAMES)


# -- shared helpers ---------------------------------------------------------------------------
def _first(items: Sequence[T], limit: int | None) -> Sequence[T]:
    return items if limit is None else items[: max(limit, 0)]


def _run(predict: Predict, text: str, published: date | None) -> tuple[list[Event], str | None]:
    try:
        return list(predict(text, published)), None
    except Exception as e:  # one bad sentence never stops an evaluation
        return [], f"{type(e).__name__}: {e}"


def is_flagged(ev: Event) -> bool:
    """Heron says the event did not (or may not) happen: negated or hypothetical."""
    flags = ev.get("flags") or {}
    return bool(flags.get("negated") or flags.get("hypothetical"))


def _kept(events: Iterable[Event], ignore_flagged: bool) -> list[Event]:
    return [e for e in events if not (ignore_flagged and is_flagged(e))]


def _countries(actors: Iterable[Mapping[str, Any]] | None) -> set[str]:
    return {a["country"] for a in actors or () if a.get("country")}


def _failure(gold_set: str, item_id: str, text: str, why: str) -> EvalError:
    return EvalError(gold_set, "coder failed", item_id, text, "—", (why,))


# -- PLOVER -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PloverResult:
    """Event types per sentence (set of predicted types vs the gold type) and, where the gold
    type was predicted, how well its actors, sectors and mode were coded."""

    n: int
    types: ClassScores
    actor_country: Ratio
    recipient_country: Ratio
    country_sector: Ratio
    mode: Ratio
    errors: tuple[EvalError, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "types": self.types.to_dict(),
            "actor_country": self.actor_country.to_dict(),
            "recipient_country": self.recipient_country.to_dict(),
            "country_sector": self.country_sector.to_dict(),
            "mode": self.mode.to_dict(),
        }


@dataclass
class _PloverTally:
    types: Tally = field(default_factory=Tally)
    ratios: dict[str, Ratio] = field(default_factory=dict)
    errors: list[EvalError] = field(default_factory=list)

    def mark(self, name: str, ok: bool | None) -> None:
        if ok is not None:
            self.ratios[name] = self.ratios.get(name, Ratio()) + Ratio(int(ok), 1)


def score_plover(
    gold: Sequence[PloverGold],
    predict: Predict,
    *,
    limit: int | None = None,
    ignore_flagged: bool = True,
) -> PloverResult:
    items = _first(gold, limit)
    acc = _PloverTally()
    for g in items:
        events, failed = _run(predict, g.text, None)
        if failed:
            acc.errors.append(_failure("plover", g.id, g.text, failed))
        # errors show every prediction, flagged ones too (their flags say why they did not count)
        _score_plover_one(g, _kept(events, ignore_flagged), acc, describe_events(events))
    labels = sorted({g.event for g in items})
    return PloverResult(
        n=len(items),
        types=acc.types.freeze(labels),
        actor_country=acc.ratios.get("actor_country", Ratio()),
        recipient_country=acc.ratios.get("recipient_country", Ratio()),
        country_sector=acc.ratios.get("country_sector", Ratio()),
        mode=acc.ratios.get("mode", Ratio()),
        errors=tuple(acc.errors),
    )


def _score_plover_one(
    g: PloverGold, events: list[Event], acc: _PloverTally, shown: tuple[str, ...]
) -> None:
    predicted = list(dict.fromkeys(e["event_type"] for e in events if e.get("event_type")))

    def error(kind: str) -> None:
        acc.errors.append(EvalError("plover", kind, g.id, g.text, _describe_gold(g), shown))

    for t in predicted:
        if t != g.event:
            acc.types.fp(t)
            error(f"false {t}")
    if g.event not in predicted:
        acc.types.fn(g.event)
        error(f"missed {g.event}")
        return
    acc.types.tp(g.event)
    ev = next(e for e in events if e.get("event_type") == g.event)
    for side, gold_side, pred_side in (
        ("actor", g.actor, ev.get("actor") or ()),
        ("recipient", g.recipient, ev.get("recipient") or ()),
    ):
        country_ok, pair_ok = _side_matches(gold_side, pred_side)
        acc.mark(f"{side}_country", country_ok)
        acc.mark("country_sector", pair_ok)
        if country_ok is False:
            error(f"{side} country wrong")
        elif pair_ok is False:
            error(f"{side} sector wrong")
    mode_ok = ev.get("mode") == g.mode
    acc.mark("mode", mode_ok)
    if not mode_ok:
        error("mode wrong")


def _side_matches(
    gold: Sequence[GoldActor], pred: Iterable[Mapping[str, Any]]
) -> tuple[bool | None, bool | None]:
    """(any country right, any country+sector pair right); None where the gold side is empty.
    A gold sector of None matches only a predicted sector of None."""
    pred = list(pred)
    gold_countries = {a.country for a in gold if a.country}
    gold_pairs = {(a.country, a.sector) for a in gold if a.country or a.sector}
    country_ok = bool(gold_countries & _countries(pred)) if gold_countries else None
    pred_pairs = {(a.get("country"), a.get("sector")) for a in pred}
    pair_ok = bool(gold_pairs & pred_pairs) if gold_pairs else None
    return country_ok, pair_ok


def _describe_gold(g: PloverGold) -> str:
    def side(actors: Sequence[GoldActor]) -> str:
        return ", ".join(f'{a.country or "?"}{a.sector or ""} "{a.text}"' for a in actors) or "—"

    mode = f" ({g.mode})" if g.mode else ""
    return f"{g.event}{mode}: {side(g.actor)} → {side(g.recipient)}"


# -- CAMEO pentaclass -------------------------------------------------------------------------
@dataclass(frozen=True)
class PentaclassResult:
    """The class of each sentence's main event (highest confidence) against the gold class."""

    n: int
    accuracy: Ratio
    scores: ClassScores
    confusion: Confusion
    errors: tuple[EvalError, ...]
    # the same predictions under the ICEWS/Phoenix split (16 with material conflict)
    phoenix_accuracy: Ratio
    phoenix_scores: ClassScores

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "accuracy": self.accuracy.to_dict(),
            "scores": self.scores.to_dict(),
            "confusion": self.confusion.to_dict(),
            "phoenix": {
                "accuracy": self.phoenix_accuracy.to_dict(),
                "scores": self.phoenix_scores.to_dict(),
            },
        }


def main_event(events: Sequence[Event]) -> Event | None:
    """The event with the highest confidence; the first of those on a tie; None if none."""
    if not events:
        return None
    return max(events, key=lambda e: float(e.get("confidence") or 0.0))


def predicted_pentaclass(events: Sequence[Event], convention: PentaConvention = "gold") -> str:
    """ "0"–"4" from the main event's CAMEO root, or "none"."""
    ev = main_event(events)
    if ev is None:
        return NONE_LABEL
    cls = pentaclass_of(str(ev.get("cameo_root") or ev.get("cameo") or ""), convention)
    return NONE_LABEL if cls is None else str(cls)


def score_pentaclass(
    gold: Sequence[PentaGold],
    predict: Predict,
    *,
    limit: int | None = None,
    ignore_flagged: bool = True,
) -> PentaclassResult:
    items = _first(gold, limit)
    golds: list[str] = []
    preds: list[str] = []
    phoenix: list[str] = []
    errors: list[EvalError] = []
    for g in items:
        events, failed = _run(predict, g.text, None)
        if failed:
            errors.append(_failure("pentaclass", g.id, g.text, failed))
        kept = _kept(events, ignore_flagged)
        want, got = str(g.label), predicted_pentaclass(kept)
        golds.append(want)
        preds.append(got)
        phoenix.append(predicted_pentaclass(kept, "phoenix"))
        if want != got:
            kind = (
                "no event" if got == NONE_LABEL else f"{_class_name(want)} coded {_class_name(got)}"
            )
            errors.append(
                EvalError(
                    "pentaclass",
                    kind,
                    g.id,
                    g.text,
                    f"class {_class_name(want)}",
                    describe_events(events),
                )
            )
    return PentaclassResult(
        n=len(items),
        accuracy=accuracy(golds, preds),
        # macro over the classes that occur (gold or predicted): all five on any real sample
        scores=classify(golds, preds, [c for c in PENTACLASS_LABELS if c in {*golds, *preds}]),
        confusion=confusion_matrix(golds, preds, [*PENTACLASS_LABELS, NONE_LABEL]),
        errors=tuple(errors),
        phoenix_accuracy=accuracy(golds, phoenix),
        phoenix_scores=classify(
            golds, phoenix, [c for c in PENTACLASS_LABELS if c in {*golds, *phoenix}]
        ),
    )


def _class_name(label: str) -> str:
    return f"{label} {PENTACLASS_NAMES[int(label)].split(' (')[0]}" if label.isdigit() else label


# -- CoNLL source/target spans ----------------------------------------------------------------
@dataclass(frozen=True)
class SpanScores:
    exact: MatchPRF
    overlap: MatchPRF

    def __add__(self, other: SpanScores) -> SpanScores:
        return SpanScores(self.exact + other.exact, self.overlap + other.overlap)

    def to_dict(self) -> dict[str, Any]:
        return {"exact": self.exact.to_dict(), "overlap": self.overlap.to_dict()}


@dataclass(frozen=True)
class SpanResult:
    """Predicted actor (source) and recipient (target) spans against the gold tags; a gold
    reciprocal span counts as both. Spans of every predicted event count, flagged or not."""

    n: int
    source: SpanScores
    target: SpanScores
    errors: tuple[EvalError, ...]

    @property
    def combined(self) -> SpanScores:
        return self.source + self.target

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "combined": self.combined.to_dict(),
        }


Offsets = tuple[int, int]
_SIDES = (
    ("source", "actor", frozenset({"S", "R"})),
    ("target", "recipient", frozenset({"T", "R"})),
)


def score_spans(
    gold: Sequence[ConllGold], predict: Predict, *, limit: int | None = None
) -> SpanResult:
    items = _first(gold, limit)
    totals = {
        "source": SpanScores(MatchPRF(), MatchPRF()),
        "target": SpanScores(MatchPRF(), MatchPRF()),
    }
    errors: list[EvalError] = []
    for g in items:
        events, failed = _run(predict, g.text, None)
        if failed:
            errors.append(_failure("spans", g.id, g.text, failed))
        shown = describe_events(events)
        for name, field_name, roles in _SIDES:
            gold_spans = sorted({(s.start, s.end) for s in g.spans if s.role in roles})
            pred_spans = sorted(_pred_spans(events, field_name))
            totals[name] = totals[name] + _span_scores(gold_spans, pred_spans)
            for kind, (s, e) in _span_errors(name, gold_spans, pred_spans):
                errors.append(
                    EvalError(
                        "spans", kind, g.id, g.text, f'{name} "{g.text[s:e]}" [{s}:{e}]', shown
                    )
                )
    return SpanResult(len(items), totals["source"], totals["target"], tuple(errors))


def _pred_spans(events: Iterable[Event], field_name: str) -> set[Offsets]:
    out: set[Offsets] = set()
    for ev in events:
        for a in ev.get(field_name) or ():
            start, end = a.get("start"), a.get("end")
            if isinstance(start, int) and isinstance(end, int) and end > start:
                out.add((start, end))
    return out


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span_scores(gold: Sequence[Offsets], pred: Sequence[Offsets]) -> SpanScores:
    exact = len(set(gold) & set(pred))
    pred_hit = sum(any(_overlaps(p, g) for g in gold) for p in pred)
    gold_hit = sum(any(_overlaps(g, p) for p in pred) for g in gold)
    return SpanScores(
        MatchPRF(exact, len(pred), exact, len(gold)),
        MatchPRF(pred_hit, len(pred), gold_hit, len(gold)),
    )


def _span_errors(
    name: str, gold: Sequence[Offsets], pred: Sequence[Offsets]
) -> list[tuple[str, Offsets]]:
    out: list[tuple[str, Offsets]] = []
    for g in gold:
        if g in pred:
            continue
        boundary = any(_overlaps(g, p) for p in pred)
        out.append((f"{name} boundary" if boundary else f"missed {name}", g))
    out += [(f"false {name}", p) for p in pred if not any(_overlaps(p, g) for g in gold)]
    return out


# -- Heron's regression set -------------------------------------------------------------------
@dataclass(frozen=True)
class CaseOutcome:
    id: str
    passed: bool
    failures: tuple[str, ...]  # error kinds of the expectations that failed


@dataclass(frozen=True)
class RegressionResult:
    cases: tuple[CaseOutcome, ...]
    errors: tuple[EvalError, ...]

    @property
    def n(self) -> int:
        return len(self.cases)

    @property
    def pass_rate(self) -> Ratio:
        return Ratio(sum(c.passed for c in self.cases), len(self.cases))

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "pass_rate": self.pass_rate.to_dict(),
            "failed": [
                {"id": c.id, "failures": list(c.failures)} for c in self.cases if not c.passed
            ],
        }


def expectation_met(exp: Expectation, ev: Event) -> bool:
    """The event has the CAMEO prefix, actor country, and (when given) recipient country,
    negation flag and date prefix the expectation asks for."""
    return _mismatch(exp, ev) is None


def _mismatch(exp: Expectation, ev: Event) -> str | None:
    """Why ``ev`` does not meet ``exp`` (the first check that fails), or None."""
    if not str(ev.get("cameo") or "").startswith(exp.cameo):
        return f"missed {exp.cameo}"
    if exp.actor_country and exp.actor_country not in _countries(ev.get("actor")):
        return "actor country wrong"
    if exp.recipient_country and exp.recipient_country not in _countries(ev.get("recipient")):
        return "recipient country wrong"
    if exp.negated is not None and bool((ev.get("flags") or {}).get("negated")) != exp.negated:
        return "negation wrong"
    if exp.date and not str(ev.get("date") or "").startswith(exp.date):
        return "date wrong"
    return None


_CHECK_ORDER = ("date wrong", "negation wrong", "recipient country wrong", "actor country wrong")


def _why_unmet(exp: Expectation, events: Sequence[Event]) -> str:
    """The kind of the nearest miss: the event that got furthest through the checks decides."""
    if not events:
        return "no event"
    reasons = {_mismatch(exp, ev) for ev in events}
    for kind in _CHECK_ORDER:
        if kind in reasons:
            return kind
    return f"missed {exp.cameo}"


def _describe_expectation(exp: Expectation) -> str:
    parts = [exp.cameo, f"{exp.actor_country or '*'} → {exp.recipient_country or '*'}"]
    if exp.negated is not None:
        parts.append("negated" if exp.negated else "not negated")
    if exp.date:
        parts.append(f"date {exp.date}")
    return " ".join(parts)


def score_regression(
    cases: Sequence[RegressionCase], predict: Predict, *, limit: int | None = None
) -> RegressionResult:
    outcomes: list[CaseOutcome] = []
    errors: list[EvalError] = []
    for case in _first(cases, limit):
        events, failed = _run(predict, case.text, case.published)
        shown = describe_events(events)
        kinds: list[str] = []
        if failed:
            kinds.append("coder failed")
            errors.append(_failure("regression", case.id, case.text, failed))
        if case.expect_none and any(not (e.get("flags") or {}).get("negated") for e in events):
            kinds.append("false event")
            errors.append(
                EvalError("regression", "false event", case.id, case.text, "no event", shown)
            )
        for exp in case.expect:
            if any(expectation_met(exp, ev) for ev in events):
                continue
            kind = _why_unmet(exp, events)
            kinds.append(kind)
            errors.append(
                EvalError("regression", kind, case.id, case.text, _describe_expectation(exp), shown)
            )
        outcomes.append(CaseOutcome(case.id, not kinds, tuple(kinds)))
    return RegressionResult(tuple(outcomes), tuple(errors))
