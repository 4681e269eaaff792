"""The accuracy gate: today's scores on ../shared/eval must not fall below the pinned floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron import evaluate as ev

pytestmark = [pytest.mark.model, pytest.mark.shared]

ROOT = Path(__file__).resolve().parents[1]
FAILED = "coder failed"  # the kind of error a gold item the coder failed on is reported as


def test_scores_stay_above_their_floors(coder, shared):
    floors = ev.load_floors(ROOT / "accuracy_floors.json")
    assert floors, "accuracy_floors.json is missing or empty: run `heron eval --update-floors`"
    # the same measurement as `make accuracy`, event clusters and document copies included
    predict = ev.batch_predictor(coder, ev.gold_texts(shared, clusters=ev.CLUSTERS_DIR))
    report = ev.evaluate_all(shared, predict, clusters=ev.CLUSTERS_DIR)
    broken = ev.check_floors(ev.flatten(report), floors)
    assert not broken, "scores fell below their floors:\n" + "\n".join(broken)
    # a coder error on a real story (a recursion, a crash) fails that story quietly in a batch:
    # the whole corpus must code without one
    assert report.corpus is not None and report.corpus.failed == 0
    failed = [
        f"{e.gold_set} {e.id}: {e.predicted}" for e in report.errors if e.kind == "coder failed"
    ]
    assert not failed, "the coder failed on gold items:\n" + "\n".join(failed)


def test_floors_only_move_up():
    floors = ev.load_floors(ROOT / "accuracy_floors.json")
    lowered = {k: v - 0.1 for k, v in floors.items()}
    assert ev.update_floors(lowered, floors) == floors
