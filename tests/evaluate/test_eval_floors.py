"""Accuracy floors: flagged when a metric drops beyond eps, never lowered by an update."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heron.errors import InputError
from heron.evaluate.floors import (
    check_floors,
    flatten,
    load_floors,
    update_floors,
    write_floors,
)
from heron.evaluate.metrics import Ratio
from heron.evaluate.report import EvalReport
from heron.evaluate.score import CaseOutcome, RegressionResult

FLOORS = {"plover.macro_f1": 0.40, "pentaclass.accuracy": 0.60}


def test_check_flags_a_drop_beyond_eps() -> None:
    failures = check_floors({"plover.macro_f1": 0.39, "pentaclass.accuracy": 0.7}, FLOORS)
    assert len(failures) == 1 and failures[0].startswith("plover.macro_f1: 0.3900 is below")


def test_check_allows_a_drop_within_eps() -> None:
    assert check_floors({"plover.macro_f1": 0.396, "pentaclass.accuracy": 0.6}, FLOORS) == []
    assert check_floors({"plover.macro_f1": 0.396, "pentaclass.accuracy": 0.6}, FLOORS, eps=0.0)


def test_check_reports_unmeasured_floors_unless_allowed() -> None:
    assert check_floors({"plover.macro_f1": 0.5}, FLOORS) == [
        "pentaclass.accuracy: not measured in this run (floor 0.6000)"
    ]
    assert check_floors({"plover.macro_f1": 0.5}, FLOORS, missing_ok=True) == []


def test_update_raises_but_never_lowers() -> None:
    new = update_floors(
        {"plover.macro_f1": 0.123456, "pentaclass.accuracy": 0.9, "regression.pass_rate": 0.29},
        FLOORS,
    )
    assert new == {
        "plover.macro_f1": 0.40,
        "pentaclass.accuracy": 0.9,
        "regression.pass_rate": 0.29,
    }
    assert update_floors({"x": 0.5}, {}, add_new=False) == {}
    assert FLOORS == {"plover.macro_f1": 0.40, "pentaclass.accuracy": 0.60}  # input untouched


@given(
    st.dictionaries(st.sampled_from("abcd"), st.floats(0, 1)),
    st.dictionaries(st.sampled_from("abcd"), st.floats(0, 1)),
)
def test_update_never_lowers_and_the_run_passes_its_own_floors(
    metrics: dict[str, float], floors: dict[str, float]
) -> None:
    new = update_floors(metrics, floors)
    assert all(new[k] >= v for k, v in floors.items())
    assert check_floors(metrics, update_floors(metrics, {}), eps=0.0) == []


def test_flatten_names_the_headline_metrics() -> None:
    report = EvalReport(
        regression=RegressionResult(
            (CaseOutcome("a", True, ()), CaseOutcome("b", False, ("no event",))), ()
        )
    )
    assert flatten(report) == {"regression.pass_rate": 0.5}
    assert report.regression is not None and report.regression.pass_rate == Ratio(1, 2)


def test_floors_file_round_trip_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "accuracy_floors.json"
    assert load_floors(path) == {}
    write_floors(path, {"b": 0.5, "a": 1})
    assert load_floors(path) == {"a": 1.0, "b": 0.5}
    assert path.read_text().index('"a"') < path.read_text().index('"b"')
    path.write_text('{"a": "high"}')
    with pytest.raises(InputError, match="metric name -> number"):
        load_floors(path)
    path.write_text("{")
    with pytest.raises(InputError, match="not valid JSON"):
        load_floors(path)
