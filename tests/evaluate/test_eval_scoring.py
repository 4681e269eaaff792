"""Scorers driven by fake predictors: perfect scores 1, empty scores 0, known confusions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from eval_fakes import empty, event, table

from heron.evaluate.gold import (
    ConllGold,
    Expectation,
    GoldActor,
    GoldSpan,
    PentaGold,
    PloverGold,
    RegressionCase,
)
from heron.evaluate.score import (
    main_event,
    score_pentaclass,
    score_plover,
    score_regression,
    score_spans,
)

ASSAULT = PloverGold(
    "p1",
    "Rebels shelled the town.",
    "ASSAULT",
    "heavy-weapons",
    (),
    (GoldActor("Rebels", "SDN", "REB"),),
    (GoldActor("the town", "SDN", None),),
)
AGREE = PloverGold(
    "p2",
    "Jordan and Britain agreed to hold exercises.",
    "AGREE",
    None,
    (),
    (GoldActor("Jordan", "JOR", None), GoldActor("Britain", "GBR", None)),
    (),
)
PLOVER = [ASSAULT, AGREE]


def perfect_plover() -> dict[str, list[dict[str, Any]]]:
    return {
        ASSAULT.text: [
            event(
                "195",
                "ASSAULT",
                mode="heavy-weapons",
                actor=[("SDN", "REB", 0, 6)],
                recipient=[("SDN", None, 15, 23)],
            )
        ],
        AGREE.text: [event("057", "AGREE", actor=[("JOR", None, 0, 6), ("GBR", None, 11, 18)])],
    }


def test_plover_perfect_predictor_scores_one() -> None:
    result = score_plover(PLOVER, table(perfect_plover()))
    assert result.types.macro_f1 == 1.0 and result.types.micro.f1 == 1.0
    for ratio in (result.actor_country, result.country_sector, result.mode):
        assert ratio.value == 1.0
    assert result.recipient_country.total == 1  # AGREE has no gold recipient: skipped
    assert result.errors == ()


def test_plover_empty_predictor_scores_zero() -> None:
    result = score_plover(PLOVER, empty)
    assert result.types.macro_f1 == 0.0 and result.types.micro.f1 == 0.0
    assert result.actor_country.value is None  # nothing matched, nothing to measure
    assert sorted(e.kind for e in result.errors) == ["missed AGREE", "missed ASSAULT"]


def test_plover_counts_each_extra_type_as_a_false_alarm() -> None:
    answers = perfect_plover()
    answers[ASSAULT.text] = [
        event("112", "ACCUSE", actor=[("SDN", "GOV", 0, 6)]),
        event("195", "ASSAULT", actor=[("SDN", "GOV", 0, 6)], recipient=[("TCD", None, 15, 23)]),
        event("190", "ASSAULT", actor=[("SDN", "REB", 0, 6)]),
    ]
    result = score_plover(PLOVER, table(answers))
    assert result.types.per_class["ASSAULT"].tp == 1
    assert result.types.per_class["ACCUSE"].fp == 1
    assert result.types.labels == ("AGREE", "ASSAULT")  # macro over gold types only
    assert result.types.micro.precision == pytest.approx(2 / 3)
    # the first ASSAULT event is judged: country right, sector wrong, recipient wrong, mode wrong
    kinds = sorted(e.kind for e in result.errors)
    assert kinds == ["actor sector wrong", "false ACCUSE", "mode wrong", "recipient country wrong"]
    assert result.actor_country.value == 1.0
    assert result.recipient_country.value == 0.0


def test_plover_ignores_negated_and_hypothetical_unless_asked() -> None:
    answers = {
        ASSAULT.text: [event("195", "ASSAULT", negated=True)],
        AGREE.text: [event("057", "AGREE", hypothetical=True)],
    }
    assert score_plover(PLOVER, table(answers)).types.micro.tp == 0
    assert score_plover(PLOVER, table(answers), ignore_flagged=False).types.micro.tp == 2


def test_limit_scores_the_first_items_only() -> None:
    result = score_plover(PLOVER, table(perfect_plover()), limit=1)
    assert result.n == 1 and result.types.labels == ("ASSAULT",)


def test_a_predictor_that_raises_is_scored_as_no_events() -> None:
    def broken(text: str, published: date | None) -> list[dict[str, Any]]:
        raise RuntimeError("parser fell over")

    result = score_plover(PLOVER, broken)
    assert result.n == 2 and result.types.micro.tp == 0
    assert "coder failed" in {e.kind for e in result.errors}


PENTA = [
    PentaGold("c1", "A met B.", 1),
    PentaGold("c2", "A shot B.", 4),
    PentaGold("c3", "A said x.", 0),
]


def test_pentaclass_perfect_and_empty() -> None:
    perfect = table(
        {"A met B.": [event("040")], "A shot B.": [event("190")], "A said x.": [event("010")]}
    )
    result = score_pentaclass(PENTA, perfect)
    assert result.accuracy.value == 1.0 and result.scores.macro_f1 == 1.0
    assert result.scores.labels == ("0", "1", "4")  # classes absent from gold and predictions
    nothing = score_pentaclass(PENTA, empty)
    assert nothing.accuracy.value == 0.0 and nothing.scores.macro_f1 == 0.0
    assert nothing.confusion.count("4", "none") == 1
    assert {e.kind for e in nothing.errors} == {"no event"}


def test_pentaclass_known_confusion_uses_the_most_confident_event() -> None:
    answers = {
        "A met B.": [event("040", confidence=0.4)],
        "A shot B.": [event("190", confidence=0.3), event("112", confidence=0.9)],  # main: 11
        "A said x.": [event("010", confidence=0.5), event("173", confidence=0.5)],  # tie: first
    }
    result = score_pentaclass(PENTA, table(answers))
    assert result.accuracy.value == pytest.approx(2 / 3)
    assert result.confusion.count("4", "3") == 1
    assert result.scores.per_class["3"].fp == 1 and result.scores.per_class["4"].fn == 1
    assert [e.kind for e in result.errors] == ["4 material conflict coded 3 verbal conflict"]


def test_main_event_ties_go_to_the_first() -> None:
    a, b = event("010", confidence=0.7), event("190", confidence=0.7)
    assert main_event([a, b]) is a and main_event([]) is None


SENT = "Iraqi troops shelled Kurdish fighters."  # S = [0, 12), T = [21, 37)
SPANS = [
    ConllGold(
        "n1",
        SENT,
        (),
        (GoldSpan("S", 0, 12, "Iraqi troops"), GoldSpan("T", 21, 37, "Kurdish fighters")),
    )
]


def test_spans_perfect_empty_and_overlap() -> None:
    perfect = score_spans(
        SPANS,
        table(
            {
                SENT: [
                    event("195", actor=[("IRQ", "MIL", 0, 12)], recipient=[("IRQ", "REB", 21, 37)])
                ]
            }
        ),
    )
    assert perfect.combined.exact.f1 == 1.0 and perfect.combined.overlap.f1 == 1.0
    assert score_spans(SPANS, empty).combined.overlap.f1 == 0.0
    loose = score_spans(
        SPANS,
        table(
            {SENT: [event("195", actor=[("IRQ", "MIL", 6, 12)], recipient=[("IRQ", None, 0, 5)])]}
        ),
    )
    assert loose.source.exact.f1 == 0.0 and loose.source.overlap.f1 == 1.0
    assert loose.target.overlap.precision == 0.0 and loose.target.overlap.recall == 0.0
    assert sorted(e.kind for e in loose.errors) == [
        "false target",
        "missed target",
        "source boundary",
    ]


def test_reciprocal_gold_span_counts_as_source_and_target() -> None:
    text = "Israel and Jordan met."
    gold = [
        ConllGold("n2", text, (), (GoldSpan("R", 0, 6, "Israel"), GoldSpan("R", 11, 17, "Jordan")))
    ]
    result = score_spans(
        gold,
        table(
            {
                text: [
                    event("040", actor=[("ISR", None, 0, 6)], recipient=[("JOR", None, 11, 17)]),
                    event("040", actor=[("JOR", None, 11, 17)], recipient=[("ISR", None, 0, 6)]),
                ]
            }
        ),
    )
    assert result.source.exact.f1 == 1.0 and result.target.exact.f1 == 1.0


CASES = [
    RegressionCase(
        "r1",
        "Japan met Korea.",
        date(2024, 3, 26),
        (Expectation("04", "JPN", "KOR", date="2024-03"),),
    ),
    RegressionCase(
        "r2", "Egypt did not condemn it.", None, (Expectation("11", "EGY", negated=True),)
    ),
    RegressionCase("r3", "It rained.", None, (), expect_none=True),
]


def test_regression_pass_and_fail_kinds() -> None:
    seen: list[date | None] = []
    good = table(
        {
            "Japan met Korea.": [
                event(
                    "042",
                    actor=[("JPN", "GOV", 0, 5)],
                    recipient=[("KOR", None, 10, 15)],
                    when=date(2024, 3, 25),
                )
            ],
            "Egypt did not condemn it.": [event("111", actor=[("EGY", None, 0, 5)], negated=True)],
            "It rained.": [event("010", negated=True)],  # negated events do not break expect_none
        }
    )

    def spy(text: str, published: date | None) -> list[dict[str, Any]]:
        seen.append(published)
        return good(text, published)

    result = score_regression(CASES, spy)
    assert result.pass_rate.value == 1.0 and seen[0] == date(2024, 3, 26)
    bad = score_regression(
        CASES,
        table(
            {
                "Japan met Korea.": [
                    event("042", actor=[("JPN", None, 0, 5)], recipient=[("CHN", None, 10, 15)])
                ],
                "Egypt did not condemn it.": [event("111", actor=[("EGY", None, 0, 5)])],
                "It rained.": [event("010")],
            }
        ),
    )
    assert bad.pass_rate.value == 0.0
    assert [c.failures for c in bad.cases] == [
        ("recipient country wrong",),
        ("negation wrong",),
        ("false event",),
    ]


def test_regression_empty_predictor_fails_expectations_but_passes_none() -> None:
    result = score_regression(CASES, empty)
    assert [c.passed for c in result.cases] == [False, False, True]
    assert {e.kind for e in result.errors} == {"no event"}
