"""Gold-set readers: PLOVER, pentaclass, CoNLL (text rebuilt with offsets), regression."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from heron.errors import DataFileError
from heron.evaluate.gold import (
    GoldActor,
    detokenize,
    pentaclass_of,
    read_conll,
    read_pentaclass,
    read_plover,
    read_regression,
)

REPO = Path(__file__).resolve().parents[2]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_plover_reader_keeps_type_mode_and_actor_country_sector(tmp_path: Path) -> None:
    row = {
        "id": "g1",
        "text": "Rebels shelled the town.",
        "event": "ASSAULT",
        "mode": "heavy-weapons",
        "context": ["conflict"],
        "actor": [{"text": "Rebels", "country": "SDN", "sector": "REB"}],
        "recipient": [{"text": "the town", "country": "SDN", "sector": None}],
    }
    (g,) = read_plover(write(tmp_path / "p.jsonl", json.dumps(row) + "\n\n"))
    assert (g.id, g.event, g.mode, g.context) == ("g1", "ASSAULT", "heavy-weapons", ("conflict",))
    assert g.actor == (GoldActor("Rebels", "SDN", "REB"),)
    assert g.recipient == (GoldActor("the town", "SDN", None),)


def test_plover_reader_reports_every_bad_line(tmp_path: Path) -> None:
    text = 'not json\n{"id": "x", "text": "t"}\n{"id": "y", "text": "t", "event": "AID"}\n'
    with pytest.raises(DataFileError) as info:
        read_plover(write(tmp_path / "p.jsonl", text))
    assert [p.split(":")[0] for p in info.value.problems] == ["line 1", "line 2"]


def test_pentaclass_reader(tmp_path: Path) -> None:
    rows = read_pentaclass(write(tmp_path / "c.tsv", "A met B.\t1\n\nA shot B.\t4\n"))
    assert [(r.id, r.text, r.label) for r in rows] == [
        ("c:1", "A met B.", 1),
        ("c:3", "A shot B.", 4),
    ]
    with pytest.raises(DataFileError) as info:
        read_pentaclass(write(tmp_path / "bad.tsv", "no label\nA met B.\t7\n"))
    assert len(info.value.problems) == 2


@pytest.mark.parametrize(
    ("root", "cls"),
    [
        ("01", 0),
        ("02", 0),
        ("036", 1),
        ("05", 1),
        ("06", 2),
        ("0841", 2),
        ("09", 3),
        ("13", 3),
        ("14", 4),
        ("15", 4),
        ("161", 3),
        ("17", 4),
        ("20", 4),
        ("21", None),
        ("00", None),
        ("", None),
        (None, None),
        ("x1", None),
    ],
)
def test_pentaclass_of_cameo_root(root: str | None, cls: int | None) -> None:
    assert pentaclass_of(root) == cls


def test_pentaclass_conventions_differ_only_on_reduce_relations() -> None:
    roots = [f"{r:02d}" for r in range(1, 21)]
    differ = [r for r in roots if pentaclass_of(r) != pentaclass_of(r, "phoenix")]
    assert differ == ["16"]
    assert pentaclass_of("161", "phoenix") == 4


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["In", "May", ",", "Iraq", "said", "no", "."], "In May, Iraq said no."),
        (["Baghdad", "’", "s", "forces", "did", "n't", "stop"], "Baghdad’s forces didn't stop"),
        (
            ["the", "Kurds", "'", "role", "and", "Egypt", "'s", "army"],
            "the Kurds' role and Egypt's army",
        ),
        (["Air", "Force", "(", "NAF", ")", "says"], "Air Force (NAF) says"),
        (["rebel", "-", "held", "town"], "rebel-held town"),
        (["calling", "it", "“", "dangerous", "”", "."], "calling it “dangerous”."),
        (["he", "said", '"', "no", '"', "twice"], 'he said "no" twice'),
        (["costs", "$", "5", "or", "10", "%", ";", "why", "?"], "costs $5 or 10%; why?"),
    ],
)
def test_detokenize_rebuilds_text_with_offsets(tokens: list[str], text: str) -> None:
    rebuilt, offsets = detokenize(tokens)
    assert rebuilt == text
    assert [rebuilt[s:e] for s, e in offsets] == tokens


CONLL = """\
On O
Monday O
, O
Iraqi B-S
troops I-S
shelled O
Baghdad B-T
’ I-T
s I-T
rivals I-T
. O

Israel B-R
and O
Jordan B-R
met O
. O
"""


def test_conll_reader_rebuilds_sentences_and_char_spans(tmp_path: Path) -> None:
    first, second = read_conll(write(tmp_path / "ner.txt", CONLL))
    assert first.id == "ner:1"
    assert first.text == "On Monday, Iraqi troops shelled Baghdad’s rivals."
    assert [(s.role, s.start, s.end, s.text) for s in first.spans] == [
        ("S", 11, 23, "Iraqi troops"),
        ("T", 32, 48, "Baghdad’s rivals"),
    ]
    assert all(first.text[t.start : t.end] == t.text for t in first.tokens)
    assert second.text == "Israel and Jordan met."
    assert [(s.role, s.text) for s in second.spans] == [("R", "Israel"), ("R", "Jordan")]


def test_conll_reader_accepts_tabs_and_opens_span_on_stray_inside_tag(tmp_path: Path) -> None:
    (g,) = read_conll(write(tmp_path / "n.txt", "Police\tI-S\nmen\tI-S\nleft\tO\nus\tB-T\n"))
    assert [(s.role, s.text) for s in g.spans] == [("S", "Police men"), ("T", "us")]


def test_conll_reader_rejects_unknown_tags(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="line 2"):
        read_conll(write(tmp_path / "n.txt", "A B-S\nB B-X\n"))


def test_regression_reader(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a",
            "text": "Japan met Korea.",
            "published": "2024-03-26",
            "expect": [
                {
                    "cameo": "04",
                    "actor_country": "JPN",
                    "recipient_country": "KOR",
                    "negated": False,
                    "date": "2024-03",
                }
            ],
        },
        {"id": "b", "text": "It rained.", "expect_none": True},
    ]
    a, b = read_regression(write(tmp_path / "r.jsonl", "\n".join(map(json.dumps, lines))))
    assert a.published == date(2024, 3, 26)
    assert a.expect[0].recipient_country == "KOR" and a.expect[0].negated is False
    assert b.expect_none and b.expect == ()


@pytest.mark.parametrize(
    "row",
    [
        {"id": "a", "text": "t"},  # neither expect nor expect_none
        {"id": "a", "text": "t", "expect_none": True, "expect": [{"cameo": "04"}]},
        {"id": "a", "text": "t", "expect": [{"cameo": 4}]},  # codes are strings
        {"id": "a", "text": "t", "expect": [{"cameo": "04", "negated": "no"}]},
    ],
)
def test_regression_reader_rejects_bad_cases(tmp_path: Path, row: dict[str, object]) -> None:
    with pytest.raises(DataFileError):
        read_regression(write(tmp_path / "r.jsonl", json.dumps(row)))


def test_heron_regression_set_covers_every_cameo_root_and_no_event_cases() -> None:
    cases = read_regression(REPO / "tests" / "data" / "regression.jsonl")
    assert len(cases) >= 40
    roots = {e.cameo[:2] for c in cases for e in c.expect}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    assert any(c.expect_none for c in cases)
    assert any(e.negated for c in cases for e in c.expect)
    assert any(e.date for c in cases for e in c.expect)


@pytest.mark.shared
def test_shared_gold_sets_parse(shared: Path) -> None:
    plover = read_plover(shared / "eval" / "plover_gsr_dev.jsonl")
    assert len({g.event for g in plover}) == 16
    assert read_pentaclass(shared / "eval" / "cameo_class_train.tsv")
    conll = read_conll(shared / "eval" / "cameo_ner_train.txt")
    assert all(g.text[t.start : t.end] == t.text for g in conll for t in g.tokens)
    assert all(g.text[s.start : s.end] == s.text for g in conll for s in g.spans)
