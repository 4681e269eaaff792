"""evaluate_all over a tiny shared/eval tree written to tmp_path, and over the real one."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from eval_fakes import empty, event, table

from heron.evaluate import coder_predictor, evaluate_all, flatten
from heron.records import EventRecord

PLOVER_ROW = {
    "id": "g1",
    "text": "Rebels shelled the town.",
    "event": "ASSAULT",
    "mode": None,
    "actor": [{"text": "Rebels", "country": "SDN", "sector": "REB"}],
    "recipient": [],
}
CONLL = "Rebels B-S\nshelled O\nthe B-T\ntown I-T\n. O\n"
REGRESSION = {
    "id": "r1",
    "text": "Rebels shelled the town.",
    "expect": [{"cameo": "19", "actor_country": "SDN"}],
}


STORY = "Rebels shelled the town."
STORY_EVENT = {
    "actor": "SDNREB",
    "recipient": "SDNCVL",
    "cameo": "194",
    "plover": "ASSAULT",
    "date": "2025-03-13",
    "evidence": "Rebels shelled the town",
}


def tiny_shared(root: Path) -> Path:
    (root / "eval").mkdir(parents=True)
    (root / "eval" / "plover_gsr_dev.jsonl").write_text(json.dumps(PLOVER_ROW) + "\n")
    (root / "eval" / "cameo_class_train.tsv").write_text("Rebels shelled the town.\t4\n")
    (root / "eval" / "cameo_ner_train.txt").write_text(CONLL)
    (root / "corpus").mkdir()
    corpus = {"id": "c1", "title": "T", "published": "2025-03-14 20:30:26Z", "text": STORY}
    (root / "corpus" / "voa_stories.jsonl").write_text(json.dumps(corpus) + "\n")
    return root


def tiny_stories(root: Path) -> Path:
    """A story gold folder: one corpus story (c1 of tiny_shared) and one own story."""
    (root / "own").mkdir(parents=True)
    (root / "own" / "a.txt").write_text(STORY)
    story = {"published": "2025-03-14", "title": "T", "events": [STORY_EVENT]}
    (root / "gold_corpus.jsonl").write_text(
        json.dumps({"story": "c1", "source": "voa", **story}) + "\n"
    )
    (root / "gold_own.jsonl").write_text(
        json.dumps({"story": "a", "source": "own", "file": "own/a.txt", **story}) + "\n"
    )
    return root


def test_perfect_predictor_scores_one_everywhere(
    tmp_path: Path,
) -> None:
    regression = tmp_path / "regression.jsonl"
    regression.write_text(json.dumps(REGRESSION) + "\n")
    predict = table(
        {
            "Rebels shelled the town.": [
                event(
                    "195",
                    "ASSAULT",
                    actor=[("SDN", "REB", 0, 6)],
                    recipient=[("SDN", None, 15, 23)],
                )
            ]
        }
    )
    report = evaluate_all(
        tiny_shared(tmp_path / "shared"),
        predict,
        regression=regression,
        stories=tiny_stories(tmp_path / "stories"),
    )
    metrics = flatten(report)
    assert report.notes == []
    assert report.stories is not None and report.stories.n == 2
    assert report.corpus is not None and report.corpus.events == 1
    assert {k for k, v in metrics.items() if v != 1.0} == set()
    assert {
        "plover.macro_f1",
        "plover.micro_f1",
        "plover.actor_country_acc",
        "pentaclass.accuracy",
        "pentaclass.macro_f1",
        "spans.source.overlap_f1",
        "spans.target.overlap_f1",
        "regression.pass_rate",
        "stories.precision",
        "stories.recall",
        "stories.f1",
        "corpus.full_dyad_share",
        "corpus.non_statement_share",
        "corpus.actor_share",
    } <= set(metrics)


def test_missing_gold_files_are_skipped_with_notes(tmp_path: Path) -> None:
    report = evaluate_all(tmp_path, empty, regression=None, stories=tmp_path / "no-stories")
    assert report.plover is None and report.regression is None
    assert report.stories is None and report.corpus is None
    # four gold sets, the corpus, the two story gold files
    assert len(report.notes) == 7 and all("skipped" in n for n in report.notes)
    assert flatten(report) == {}


def test_empty_predictor_scores_zero(tmp_path: Path) -> None:
    report = evaluate_all(
        tiny_shared(tmp_path / "shared"), empty, regression=None, stories=tiny_stories(tmp_path)
    )
    metrics = flatten(report)
    assert metrics and all(v == 0.0 for v in metrics.values())
    assert "stories.recall" in metrics
    # no events at all: the corpus shares are not measured rather than 0
    assert not any(k.startswith("corpus.") for k in metrics)


def test_coder_predictor_turns_records_into_contract_dicts() -> None:
    seen: list[tuple[str, date | None]] = []

    class FakeCoder:
        def code_text(self, text: str, *, published: date | None = None) -> list[Any]:
            seen.append((text, published))
            return [Rec()]

    class Rec:
        def to_dict(self) -> dict[str, Any]:
            return event("042")

    out = coder_predictor(FakeCoder())("Japan met Korea.", date(2024, 1, 2))
    assert out[0]["cameo"] == "042" and seen == [("Japan met Korea.", date(2024, 1, 2))]
    assert set(out[0]) == set(EventRecord.__dataclass_fields__) - {"story", "rule"} | {"cameo_root"}


@pytest.mark.model
@pytest.mark.shared
def test_real_coder_on_the_first_gold_items(shared: Path, coder: Any) -> None:
    report = evaluate_all(shared, coder_predictor(coder), limit=5)
    assert report.plover is not None and report.plover.n == 5
    assert report.regression is not None and report.regression.n == 5
    assert all(0.0 <= v <= 1.0 for v in flatten(report).values())
