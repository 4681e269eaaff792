"""Generic metrics: P/R/F1, macro/micro, accuracy, confusion matrix."""

from __future__ import annotations

import pytest

from heron.evaluate.metrics import (
    PRF,
    MatchPRF,
    Ratio,
    Tally,
    accuracy,
    classify,
    confusion_matrix,
    macro_f1,
)


def test_prf_scores_and_empty_denominators() -> None:
    prf = PRF(tp=2, fp=2, fn=0)
    assert (prf.precision, prf.recall, prf.support) == (0.5, 1.0, 2)
    assert prf.f1 == pytest.approx(2 / 3)
    assert (PRF().precision, PRF().recall, PRF().f1) == (0.0, 0.0, 0.0)


def test_match_prf_counts_precision_and_recall_separately() -> None:
    m = MatchPRF(pred_hit=1, pred_total=4, gold_hit=2, gold_total=2)
    assert (m.precision, m.recall) == (0.25, 1.0)
    assert m.f1 == pytest.approx(0.4)


def test_ratio_is_none_when_nothing_measured() -> None:
    assert Ratio().value is None
    assert (Ratio(1, 2) + Ratio(2, 2)).value == 0.75


def test_macro_averages_listed_labels_and_micro_pools_everything() -> None:
    tally = Tally()
    for _ in range(3):
        tally.tp("A")
    tally.fn("B")
    tally.fp("C")  # predicted only: in micro, not in macro
    scores = tally.freeze(["A", "B"])
    assert scores.macro_f1 == pytest.approx((1.0 + 0.0) / 2)
    assert scores.micro == PRF(3, 1, 1)
    assert set(scores.per_class) == {"A", "B", "C"}
    assert macro_f1({}, []) == 0.0


def test_classify_counts_no_answer_as_a_miss_only() -> None:
    scores = classify(["0", "1", "1", "2"], ["0", "2", "none", "2"], ["0", "1", "2"])
    assert scores.per_class["1"] == PRF(0, 0, 2)
    assert scores.per_class["2"] == PRF(1, 1, 0)
    assert "none" not in scores.per_class
    assert accuracy(["0", "1", "1", "2"], ["0", "2", "none", "2"]) == Ratio(2, 4)


def test_confusion_matrix_rows_gold_columns_predicted() -> None:
    cm = confusion_matrix(["a", "a", "b"], ["a", "b", "c"], ["a", "b", "none"])
    assert cm.labels == ("a", "b", "none", "c")  # unlisted labels appended
    assert cm.count("a", "b") == 1 and cm.count("b", "c") == 1 and cm.count("a", "a") == 1
    assert sum(map(sum, cm.matrix)) == 3


def test_length_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        accuracy(["a", "b"], ["a"])
