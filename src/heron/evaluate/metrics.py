"""Generic scores: precision/recall/F1 per class, macro- and micro-F1, accuracy, confusion matrix.

Everything here is a pure function of counts or label sequences; nothing knows about events.
An empty denominator gives 0.0 for precision/recall/F1 (nothing to be right about) and ``None``
for a :class:`Ratio` (nothing measured), so callers can tell "0 %" from "not measured".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

NONE_LABEL = "none"


def _div(num: float, den: float) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    return _div(2 * precision * recall, precision + recall)


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts of one class (or of everything, for micro scores) and the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _div(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _div(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def support(self) -> int:
        """How many gold items the class has."""
        return self.tp + self.fn

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class MatchPRF:
    """P/R/F1 when a prediction and a gold item can match loosely (spans that overlap).

    Precision counts predictions that match some gold item; recall counts gold items that some
    prediction matches — with loose matching the two numerators can differ.
    """

    pred_hit: int = 0
    pred_total: int = 0
    gold_hit: int = 0
    gold_total: int = 0

    @property
    def precision(self) -> float:
        return _div(self.pred_hit, self.pred_total)

    @property
    def recall(self) -> float:
        return _div(self.gold_hit, self.gold_total)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def __add__(self, other: MatchPRF) -> MatchPRF:
        return MatchPRF(
            self.pred_hit + other.pred_hit,
            self.pred_total + other.pred_total,
            self.gold_hit + other.gold_hit,
            self.gold_total + other.gold_total,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "pred_hit": self.pred_hit,
            "pred_total": self.pred_total,
            "gold_hit": self.gold_hit,
            "gold_total": self.gold_total,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True, slots=True)
class Ratio:
    """An accuracy: ``correct`` of ``total``; ``value`` is None when nothing was measured."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "value": self.value}


@dataclass
class Tally:
    """A mutable per-class counter of true positives, false positives and false negatives."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def _row(self, label: str) -> list[int]:
        return self.counts.setdefault(label, [0, 0, 0])

    def tp(self, label: str) -> None:
        self._row(label)[0] += 1

    def fp(self, label: str) -> None:
        self._row(label)[1] += 1

    def fn(self, label: str) -> None:
        self._row(label)[2] += 1

    def freeze(self, labels: Iterable[str]) -> ClassScores:
        """Scores over every label counted; macro-F1 averages over ``labels`` only."""
        macro = tuple(labels)
        per_class = {lab: PRF(*self.counts.get(lab, (0, 0, 0))) for lab in macro}
        per_class.update(
            {lab: PRF(*row) for lab, row in self.counts.items() if lab not in per_class}
        )
        return ClassScores(per_class, macro)


@dataclass(frozen=True)
class ClassScores:
    """Per-class P/R/F1; macro-F1 over ``labels`` (the classes that count), micro over all."""

    per_class: Mapping[str, PRF]
    labels: tuple[str, ...]

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.per_class, self.labels)

    @property
    def micro(self) -> PRF:
        return micro_prf(self.per_class)

    def to_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "macro_f1": self.macro_f1,
            "micro": self.micro.to_dict(),
            "per_class": {k: v.to_dict() for k, v in self.per_class.items()},
        }


def macro_f1(per_class: Mapping[str, PRF], labels: Sequence[str]) -> float:
    """Unweighted mean F1 over ``labels`` (a label never counted scores 0)."""
    if not labels:
        return 0.0
    return sum(per_class.get(lab, PRF()).f1 for lab in labels) / len(labels)


def micro_prf(per_class: Mapping[str, PRF]) -> PRF:
    """All counts pooled."""
    total = PRF()
    for prf in per_class.values():
        total = total + prf
    return total


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> Ratio:
    _same_length(gold, pred)
    return Ratio(sum(g == p for g, p in zip(gold, pred, strict=True)), len(gold))


def classify(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str], *, null: str = NONE_LABEL
) -> ClassScores:
    """Single-label scores: a right answer is a TP; a wrong one an FN of the gold class and an FP
    of the predicted class — unless the prediction is ``null`` (no answer), which is only an FN."""
    _same_length(gold, pred)
    tally = Tally()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tally.tp(g)
            continue
        tally.fn(g)
        if p != null:
            tally.fp(p)
    return tally.freeze(labels)


@dataclass(frozen=True)
class Confusion:
    """``matrix[i][j]`` = items of gold label ``labels[i]`` predicted as ``labels[j]``."""

    labels: tuple[str, ...]
    matrix: tuple[tuple[int, ...], ...]

    def count(self, gold: str, pred: str) -> int:
        return self.matrix[self.labels.index(gold)][self.labels.index(pred)]

    def to_dict(self) -> dict[str, Any]:
        return {"labels": list(self.labels), "matrix": [list(r) for r in self.matrix]}


def confusion_matrix(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> Confusion:
    """Gold × predicted counts over ``labels``; labels seen but not listed are appended."""
    _same_length(gold, pred)
    order = list(dict.fromkeys([*labels, *gold, *pred]))
    pairs = Counter(zip(gold, pred, strict=True))
    return Confusion(tuple(order), tuple(tuple(pairs[(g, p)] for p in order) for g in order))


def _same_length(gold: Sequence[str], pred: Sequence[str]) -> None:
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
