"""Scoring Heron against gold sets: readers, metrics, scorers, reports, error lists, floors.

Scorers take a predictor — ``predict(text, published) -> list[contract dict]`` — so they are pure
functions that tests drive with fakes; :func:`coder_predictor` wraps the real coder::

    from heron.evaluate import coder_predictor, evaluate_all
    report = evaluate_all(Path("../shared"), coder_predictor(Coder(settings)), limit=200)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Protocol

from heron.evaluate.errors import EvalError, render_errors, top_error_kinds, write_errors
from heron.evaluate.floors import (
    check_floors,
    flatten,
    gate_floors,
    load_floors,
    update_floors,
    write_floors,
)
from heron.evaluate.gold import read_conll, read_pentaclass, read_plover, read_regression
from heron.evaluate.report import EvalReport, render_markdown, render_terminal, write_markdown
from heron.evaluate.score import (
    Predict,
    score_pentaclass,
    score_plover,
    score_regression,
    score_spans,
)

PLOVER_FILE = "plover_gsr_dev.jsonl"
PENTACLASS_FILE = "cameo_class_train.tsv"
CONLL_FILE = "cameo_ner_train.txt"
REGRESSION_FILE = Path(__file__).resolve().parents[3] / "tests" / "data" / "regression.jsonl"

__all__ = [
    "EvalError",
    "EvalReport",
    "Predict",
    "check_floors",
    "coder_predictor",
    "evaluate_all",
    "flatten",
    "gate_floors",
    "load_floors",
    "render_errors",
    "render_markdown",
    "render_terminal",
    "top_error_kinds",
    "update_floors",
    "write_errors",
    "write_floors",
    "write_markdown",
]


class _CodesText(Protocol):
    def code_text(self, text: str, *, published: date | None = None) -> Any: ...


def coder_predictor(coder: _CodesText) -> Predict:
    """Adapt a coder (``code_text(text, published=…) -> list[EventRecord]``) to a predictor."""

    def predict(text: str, published: date | None) -> list[dict[str, Any]]:
        return [r.to_dict() for r in coder.code_text(text, published=published)]

    return predict


def evaluate_all(
    shared: Path,
    predict: Predict,
    *,
    limit: int | None = None,
    regression: Path | None = REGRESSION_FILE,
) -> EvalReport:
    """Score ``predict`` on every gold set found under ``shared/eval`` and on the regression set;
    absent files are skipped with a note in the report."""
    report = EvalReport(limit=limit)
    eval_dir = shared / "eval"

    def found(path: Path | None, what: str) -> bool:
        if path is not None and path.is_file():
            return True
        report.notes.append(f"{what}: {path or 'no file given'} not found, skipped")
        return False

    if found(eval_dir / PLOVER_FILE, "PLOVER gold"):
        report.plover = score_plover(read_plover(eval_dir / PLOVER_FILE), predict, limit=limit)
    if found(eval_dir / PENTACLASS_FILE, "CAMEO pentaclass"):
        gold = read_pentaclass(eval_dir / PENTACLASS_FILE)
        report.pentaclass = score_pentaclass(gold, predict, limit=limit)
    if found(eval_dir / CONLL_FILE, "CoNLL source/target spans"):
        report.spans = score_spans(read_conll(eval_dir / CONLL_FILE), predict, limit=limit)
    if found(regression, "regression set") and regression is not None:
        report.regression = score_regression(read_regression(regression), predict, limit=limit)
    return report


def batch_predictor(coder: Any, items: list[tuple[str, date | None]]) -> Predict:
    """A predictor that codes all known texts in one batched pass first (fast), then answers
    from that cache; a text it has not seen is coded on the spot."""
    from heron.records import Document

    cache: dict[tuple[str, date | None], list[dict[str, Any]]] = {}
    unique = list(dict.fromkeys(items))
    docs = [Document(f"gold{i}", text, pub) for i, (text, pub) in enumerate(unique)]
    for key, res in zip(unique, coder.code_documents(docs), strict=True):
        cache[key] = [e.to_dict() for e in res.events]
    fallback = coder_predictor(coder)

    def predict(text: str, published: date | None) -> list[dict[str, Any]]:
        key = (text, published)
        if key not in cache:
            cache[key] = fallback(text, published)
        return cache[key]

    return predict


def gold_texts(shared: Path, *, limit: int | None = None) -> list[tuple[str, date | None]]:
    """Every (text, published) the gold sets will ask about, for :func:`batch_predictor`."""
    eval_dir = shared / "eval"
    out: list[tuple[str, date | None]] = []
    if (eval_dir / PLOVER_FILE).is_file():
        out += [(g.text, None) for g in read_plover(eval_dir / PLOVER_FILE)[:limit]]
    if (eval_dir / PENTACLASS_FILE).is_file():
        out += [(g.text, None) for g in read_pentaclass(eval_dir / PENTACLASS_FILE)[:limit]]
    if (eval_dir / CONLL_FILE).is_file():
        out += [(g.text, None) for g in read_conll(eval_dir / CONLL_FILE)[:limit]]
    return out
