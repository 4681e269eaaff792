"""Reports (JSON, terminal, Markdown with the anchors) and the Markdown error list."""

from __future__ import annotations

import json

from eval_fakes import event, table
from rich.console import Console
from rich.table import Table

from heron.evaluate.errors import EvalError, render_errors, top_error_kinds
from heron.evaluate.gold import GoldActor, PentaGold, PloverGold
from heron.evaluate.report import EvalReport, render_markdown, render_terminal
from heron.evaluate.score import score_pentaclass, score_plover

GOLD = [
    PloverGold(
        "p1",
        "Rebels shelled the town.",
        "ASSAULT",
        None,
        (),
        (GoldActor("Rebels", "SDN", "REB"),),
        (),
    )
]
PENTA = [PentaGold("c1", "Rebels shelled the town.", 4), PentaGold("c2", "A | B met.", 1)]


def small_report() -> EvalReport:
    predict = table({"Rebels shelled the town.": [event("112", "ACCUSE")]})
    return EvalReport(
        plover=score_plover(GOLD, predict),
        pentaclass=score_pentaclass(PENTA, predict),
        notes=["CoNLL source/target spans: not found, skipped"],
    )


def test_markdown_has_tables_provenance_and_the_fixed_anchors() -> None:
    md = render_markdown(
        small_report(),
        command="heron evaluate --shared ../shared",
        commit="abc1234",
        date="2025-01-31",
    )
    assert "`abc1234`" in md and "2025-01-31" in md and "heron evaluate --shared ../shared" in md
    assert "| `plover.macro_f1` |" in md and "## CAMEO pentaclass" in md
    assert "## Anchors" in md
    for anchor in ("0.52", "56.5 %", "31 %", "NGEC", "PETRARCH-2", "ECAV", "VOA"):
        assert anchor in md
    assert "not measured on the same data" in md and "not a head-to-head" in md
    assert "not found, skipped" in md


def test_json_round_trips_with_headline_metrics() -> None:
    data = json.loads(small_report().to_json())
    assert data["metrics"]["plover.macro_f1"] == 0.0
    assert data["metrics"]["pentaclass.accuracy"] == 0.0
    assert data["spans"] is None
    assert {e["kind"] for e in data["errors"]} >= {"missed ASSAULT", "false ACCUSE", "no event"}


def test_terminal_rendering_gives_rich_tables() -> None:
    tables = render_terminal(small_report())
    assert tables and all(isinstance(t, Table) for t in tables)
    console = Console(record=True, width=120)
    for t in tables:
        console.print(t)
    text = console.export_text()
    assert "plover.macro_f1" in text and "ASSAULT" in text


def err(kind: str, i: int, gold_set: str = "plover") -> EvalError:
    return EvalError(gold_set, kind, f"id{i}", f"Sentence {i} | piped.", "ASSAULT", ("112 ACCUSE",))


def test_error_markdown_groups_by_kind_with_counts() -> None:
    errors = [err("missed ASSAULT", i) for i in range(3)] + [err("false AGREE", 9)]
    errors.append(EvalError("pentaclass", "no event", "c1", "S.", "class 4", ()))
    md = render_errors(errors, per_kind=2)
    assert "| plover | missed ASSAULT | 3 |" in md
    assert "## plover: missed ASSAULT (3)" in md and "… and 1 more" in md
    assert md.index("missed ASSAULT (3)") < md.index("false AGREE (1)")
    assert "predicted: nothing" in md
    assert "**5**" in md
    assert render_errors([]).strip().endswith("No errors.")


def test_top_error_kinds() -> None:
    errors = [err("missed ASSAULT", i) for i in range(3)] + [err("false AGREE", 9)]
    assert top_error_kinds(errors, 1) == [("missed ASSAULT", 3)]
    assert top_error_kinds(errors, 5) == [("missed ASSAULT", 3), ("false AGREE", 1)]
