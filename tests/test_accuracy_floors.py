"""The accuracy gate: today's scores on ../shared/eval must not fall below the pinned floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron import evaluate as ev

pytestmark = [pytest.mark.model, pytest.mark.shared]

ROOT = Path(__file__).resolve().parents[1]


def test_scores_stay_above_their_floors(coder, shared):
    floors = ev.load_floors(ROOT / "accuracy_floors.json")
    assert floors, "accuracy_floors.json is missing or empty: run `heron eval --update-floors`"
    # the same measurement as `make accuracy`, event clusters and document copies included
    predict = ev.batch_predictor(coder, ev.gold_texts(shared, clusters=ev.CLUSTERS_DIR))
    report = ev.evaluate_all(shared, predict, clusters=ev.CLUSTERS_DIR)
    broken = ev.check_floors(ev.flatten(report), floors)
    assert not broken, "scores fell below their floors:\n" + "\n".join(broken)


def test_floors_only_move_up():
    floors = ev.load_floors(ROOT / "accuracy_floors.json")
    lowered = {k: v - 0.1 for k, v in floors.items()}
    assert ev.update_floors(lowered, floors) == floors
