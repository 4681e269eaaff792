"""Accuracy floors: pinned minimum scores that CI checks, which only ever move up.

The floors live in ``accuracy_floors.json`` at the repository root as ``{metric name: value}``,
names as :func:`flatten` gives them ("plover.macro_f1", "pentaclass.accuracy", …). A run fails
when a metric falls more than ``eps`` below its floor; ``update_floors`` raises floors to what a
run reached and never lowers one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

from heron.errors import InputError
from heron.evaluate.report import EvalReport

FLOORS_FILE = "accuracy_floors.json"
DECIMALS = 4  # floors are stored rounded down to this many places


def flatten(report: EvalReport) -> dict[str, float]:
    """The report's headline metrics by name; metrics not measured in this run are absent."""
    return report.headline()


def load_floors(path: Path) -> dict[str, float]:
    """Read a floors file; a missing file means no floors yet."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(
            f"{path}: not valid JSON ({e.msg} at line {e.lineno}); fix or delete "
            "it and rerun with floors update"
        ) from e
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
        for k, v in data.items()
    ):
        raise InputError(f"{path}: expected a JSON object of metric name -> number")
    return {k: float(v) for k, v in data.items()}


def write_floors(path: Path, floors: Mapping[str, float]) -> None:
    path.write_text(json.dumps(dict(sorted(floors.items())), indent=2) + "\n", encoding="utf-8")


def check_floors(
    report_metrics: Mapping[str, float],
    floors: Mapping[str, float],
    eps: float = 0.005,
    *,
    missing_ok: bool = False,
) -> list[str]:
    """One line per floor broken: a metric more than ``eps`` below its floor, or (unless
    ``missing_ok``) a floored metric this run did not measure."""
    failures: list[str] = []
    for name, floor in sorted(floors.items()):
        value = report_metrics.get(name)
        if value is None:
            if not missing_ok:
                failures.append(f"{name}: not measured in this run (floor {floor:.4f})")
        elif value < floor - eps:
            failures.append(
                f"{name}: {value:.4f} is below its floor {floor:.4f} "
                f"by {floor - value:.4f} (allowed {eps:.4f})"
            )
    return failures


def update_floors(
    report_metrics: Mapping[str, float], floors: Mapping[str, float], *, add_new: bool = True
) -> dict[str, float]:
    """New floors: each raised to this run's value when that is higher, never lowered; metrics
    without a floor get one when ``add_new``. Values are rounded down, so a run always passes
    the floors it set."""
    out = dict(floors)
    for name, value in report_metrics.items():
        if not math.isfinite(value):
            continue
        pinned = _round_down(value)
        if name in out:
            out[name] = max(out[name], pinned)
        elif add_new:
            out[name] = pinned
    return out


def gate_floors(path: Path, report: EvalReport, *, update: bool = False) -> list[str]:
    """The floors in ``path`` that ``report`` breaks (see :func:`check_floors`; a run with a
    limit may leave metrics unmeasured); with ``update``, first raise the floors in ``path`` to
    this run's scores (the check is still against the floors as they were)."""
    metrics = flatten(report)
    pinned = load_floors(path)
    if update:
        write_floors(path, update_floors(metrics, pinned))
    return check_floors(metrics, pinned, missing_ok=report.limit is not None)


def _round_down(value: float) -> float:
    # through the shortest decimal repr, so 0.29 stays 0.29 and the result never exceeds value
    step = Decimal(1).scaleb(-DECIMALS)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_FLOOR))
