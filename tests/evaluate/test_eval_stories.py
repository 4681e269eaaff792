"""Story-level evaluation: the gold readers, the key matching rule, story scores, corpus counts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from eval_fakes import event, table

from heron.errors import DataFileError, InputError
from heron.evaluate import batch_predictor, coder_predictor, story_inputs
from heron.evaluate.errors import render_errors
from heron.evaluate.report import EvalReport, render_markdown
from heron.evaluate.stories import (
    country_of,
    gold_key,
    predicted_keys,
    score_stories,
    tally_corpus,
)
from heron.evaluate.story_gold import (
    GoldStoryEvent,
    Story,
    StoryGold,
    attach_texts,
    read_corpus,
    read_story_gold,
)
from heron.records import DocResult, Document

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
STORIES = REPO / "tests" / "data" / "stories"


def gold_event(actor: str, recipient: str, plover: str | None, cameo: str = "190") -> dict:
    return {
        "actor": actor,
        "recipient": recipient,
        "cameo": cameo,
        "plover": plover,
        "date": "2025-03-13",
        "date_precision": "day",
        "evidence": "Rebels shelled the town",
        "note": "optional",
    }


def story_line(story: str, source: str, events: list[dict], **extra: Any) -> str:
    obj = {"story": story, "source": source, "published": "2025-03-14", "title": "T"}
    return json.dumps({**obj, "events": events, **extra})


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- readers ----------------------------------------------------------------------------------
def test_reader_keeps_the_fields_and_tolerates_optional_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path / "gold.jsonl",
        [
            story_line("8011117", "voa", [gold_event("SDNREB", "", None, "010")]),
            "",
            story_line(
                "a",
                "own",
                [gold_event("IGOUNO", "SDNGOV", "", "010"), gold_event("RUS", "UKR", "ASSAULT")],
                file="own/a.txt",
                non_events=[{"evidence": "did not attack", "reason": "negated"}],
            ),
            story_line("seed", "seed", []),
        ],
    )
    corpus, own, seed = read_story_gold(path)
    assert (corpus.id, corpus.source, corpus.published) == ("8011117", "corpus", date(2025, 3, 14))
    assert corpus.events[0] == GoldStoryEvent(
        "SDNREB", "", "010", "", "2025-03-13", "Rebels shelled the town", "optional"
    )
    assert (own.source, own.file, own.origin) == ("own", "own/a.txt", "gold.jsonl:3")
    assert [e.plover for e in own.events] == ["", "ASSAULT"]  # "" and null are both statements
    assert seed.source == "seed" and seed.events == ()


def test_reader_lists_every_broken_line_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "gold_own.jsonl",
        [
            story_line("ok", "voa", []),
            "{not json",
            story_line("b", "own", []),  # no file
            story_line("c", "wire", []),
            json.dumps({"story": "d", "source": "voa", "title": "T", "events": []}),
            story_line("e", "voa", [{"actor": "USA"}]),
            story_line("ok", "voa", []),
        ],
    )
    with pytest.raises(DataFileError) as info:
        read_story_gold(path)
    message = str(info.value)
    assert str(path) in message
    for expected in (
        "line 2: not JSON",
        "line 3: an own story needs",
        "line 4: source 'wire'",
        "line 5: missing field 'published'",
        "line 6: event 0: missing field 'plover'",
        "line 7: story 'ok' labelled twice",
    ):
        assert expected in message
    assert "line 1" not in message


def test_corpus_reader_takes_the_day_of_a_datetime(tmp_path: Path) -> None:
    row = {"id": 7, "title": "T", "published": "2025-03-14 20:30:26Z", "text": "Hi."}
    (c,) = read_corpus(write(tmp_path / "c.jsonl", [json.dumps(row)]))
    assert (c.id, c.published, c.text) == ("7", date(2025, 3, 14), "Hi.")
    with pytest.raises(DataFileError, match="line 1: missing field 'text'"):
        read_corpus(write(tmp_path / "bad.jsonl", [json.dumps({"id": 1})]))


def _gold(story: str, source: Any, file: str | None = None) -> StoryGold:
    return StoryGold(story, source, date(2025, 3, 14), "T", (), file, f"g.jsonl:{story}")


def test_texts_come_from_the_corpus_the_seed_page_and_own_files(tmp_path: Path) -> None:
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "a.txt").write_text("Headline\n\nBody.")
    seed = tmp_path / "seed.txt"
    seed.write_text("Seed page.")
    corpus_row = {"id": "c1", "title": "T", "published": "2025-03-14", "text": "Corpus story."}
    corpus = {c.id: c for c in read_corpus(write(tmp_path / "c.jsonl", [json.dumps(corpus_row)]))}
    golds = [
        _gold("c1", "corpus"),
        _gold("seed", "seed"),
        _gold("a", "own", "own/a.txt"),
        _gold("gone", "own", "own/gone.txt"),
        _gold("c404", "corpus"),
    ]
    notes: list[str] = []
    found = attach_texts(golds, base=tmp_path, corpus=corpus, seed=seed, notes=notes)
    assert [(s.gold.id, s.text) for s in found] == [
        ("c1", "Corpus story."),
        ("seed", "Seed page."),
        ("a", "Headline\n\nBody."),
    ]
    assert len(notes) == 2 and "gone" in notes[0] and "c404" in notes[1]

    notes = []
    found = attach_texts(golds[:2], base=tmp_path, corpus=None, seed=seed, notes=notes)
    assert [s.gold.id for s in found] == ["seed"]
    assert notes == ["story gold: 1 corpus stories skipped (no shared corpus)"]


# -- keys -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "country"),
    [
        ("IGOUNO", "IGO"),
        ("USAGOV", "USA"),
        ("PAK", "PAK"),
        ("NGO", "NGO"),
        ("SDNREBUAF", "SDN"),
        ("REF", ""),  # sectors only: country unknown
        ("", ""),
        (None, ""),
    ],
)
def test_the_country_is_the_first_three_letters(code: str | None, country: str) -> None:
    assert country_of(code) == country


def test_gold_key_uses_countries_and_an_empty_type_for_statements() -> None:
    ev = GoldStoryEvent("IGOUNO", "", "013", "", "2025-03-14", "hopes")
    assert gold_key(ev) == ("", "IGO", "")
    ev = GoldStoryEvent("USAGOV", "CHNGOV", "112", "ACCUSE", "2025-03-14", "accused")
    assert gold_key(ev) == ("ACCUSE", "USA", "CHN")


def test_a_prediction_offers_every_actor_recipient_pair() -> None:
    ev = event(
        "042",
        "CONSULT",
        actor=[("FRA", "GOV", 0, 1), ("DEU", "GOV", 2, 3)],
        recipient=[("POL", "GOV", 4, 5), (None, "CVL", 6, 7)],
    )
    assert predicted_keys(ev) == {
        ("CONSULT", "FRA", "POL"),
        ("CONSULT", "FRA", ""),
        ("CONSULT", "DEU", "POL"),
        ("CONSULT", "DEU", ""),
    }


def test_missing_sides_and_statements_give_empty_fields() -> None:
    assert predicted_keys(event("010", None, actor=[("IGO", None, 0, 1)])) == {("", "IGO", "")}
    assert predicted_keys(event("190", "ASSAULT")) == {("ASSAULT", "", "")}


# -- story scores -----------------------------------------------------------------------------
TEXT = "Rebels shelled the town. The UN said it was alarmed."


def _story(source: Any, events: list[GoldStoryEvent], story: str = "s1") -> Story:
    gold = StoryGold(story, source, date(2025, 3, 14), "T", tuple(events))
    return Story(gold, TEXT)


SHELLING = GoldStoryEvent("SDNREB", "SDNCVL", "194", "ASSAULT", "2025-03-13", "Rebels shelled")
ALARM = GoldStoryEvent("IGOUNO", "", "010", "", "2025-03-14", "The UN said it was alarmed")
APPEAL = GoldStoryEvent("IGOUNO", "SDNREB", "020", "REQUEST", "2025-03-14", "The UN said")


def test_story_scores_count_distinct_keys_and_leave_flagged_events_out() -> None:
    predicted = [
        event("194", "ASSAULT", actor=[("SDN", "REB", 0, 6)], recipient=[("SDN", None, 19, 23)]),
        event("195", "ASSAULT", actor=[("SDN", "REB", 0, 6)], recipient=[("SDN", "CVL", 19, 23)]),
        event("010", None, actor=[("IGO", None, 25, 31)]),
        event("190", "ASSAULT", actor=[("SDN", "MIL", 0, 6)]),  # a key not in gold
        event("130", "THREATEN", actor=[("SDN", "REB", 0, 6)], negated=True),
        event("130", "THREATEN", actor=[("SDN", "REB", 0, 6)], hypothetical=True),
    ]
    result = score_stories([_story("own", [SHELLING, ALARM, APPEAL])], table({TEXT: predicted}))
    (s,) = result.stories
    assert s.gold == {("ASSAULT", "SDN", "SDN"), ("", "IGO", ""), ("REQUEST", "IGO", "SDN")}
    assert s.predicted == {("ASSAULT", "SDN", "SDN"), ("", "IGO", ""), ("ASSAULT", "SDN", "")}
    assert s.events == 4
    k = result.keys
    assert (k.gold_hit, k.pred_total, k.gold_total) == (2, 3, 3)
    assert k.precision == pytest.approx(2 / 3) and k.recall == pytest.approx(2 / 3)
    t = result.types  # {ASSAULT, ""} predicted against {ASSAULT, "", REQUEST}
    assert (t.precision, t.recall) == (1.0, pytest.approx(2 / 3))


def test_scores_are_micro_over_stories_and_split_by_source() -> None:
    stories = [
        _story("corpus", [SHELLING], "c1"),
        _story("own", [ALARM, APPEAL], "o1"),
    ]
    stories[1] = Story(stories[1].gold, "Other text.")
    predict = table(
        {
            TEXT: [
                event(
                    "194",
                    "ASSAULT",
                    actor=[("SDN", "REB", 0, 6)],
                    recipient=[("SDN", None, 19, 23)],
                )
            ],
            "Other text.": [event("010", None, actor=[("IGO", None, 0, 2)])],
        }
    )
    result = score_stories(stories, predict)
    k = result.keys
    assert (k.gold_hit, k.pred_total, k.gold_total) == (2, 2, 3)
    by = result.by_source()
    assert list(by) == ["corpus", "own"]
    assert by["corpus"][0] == 1 and by["corpus"][1].recall == 1.0
    assert by["own"][1].recall == 0.5 and by["own"][1].precision == 1.0
    assert json.loads(json.dumps(result.to_dict()))["by_source"]["own"]["stories"] == 1


def test_story_errors_list_missed_gold_keys_and_false_keys_per_story() -> None:
    predicted = [
        event("190", "ASSAULT", actor=[("SDN", "MIL", 0, 6)]),
        event("042", "CONSULT", actor=[("SDN", "GOV", 0, 6)], recipient=[("IGO", None, 0, 1)]),
    ]
    result = score_stories([_story("seed", [SHELLING, ALARM])], table({TEXT: predicted}))
    kinds = {e.kind: e for e in result.errors}
    assert set(kinds) == {
        "missed ASSAULT (countries differ)",
        "missed statement",
        "false ASSAULT (countries differ)",
        "false CONSULT",
    }
    missed = kinds["missed statement"]
    assert (missed.gold_set, missed.id) == ("stories", "s1")
    assert missed.sentence == "The UN said it was alarmed" and "010 IGOUNO" in missed.gold
    false = kinds["false CONSULT"]
    assert false.sentence == "x" and false.predicted[0].startswith("042 CONSULT")
    md = render_errors(list(result.errors))
    assert "## stories: s1 (4)" in md and "**missed statement**" in md


def test_a_failing_coder_counts_as_predicting_nothing() -> None:
    def boom(text: str, published: date | None) -> list[dict[str, Any]]:
        raise RuntimeError("parser crashed")

    result = score_stories([_story("own", [SHELLING])], boom)
    assert result.keys.recall == 0.0
    assert result.errors[0].kind == "coder failed"


# -- corpus statistics ------------------------------------------------------------------------
def test_corpus_counts_statements_actors_and_dyads_flagged_events_included() -> None:
    per_story = [
        [
            event("010", None, actor=[("USA", "GOV", 0, 1)]),
            event("190", "ASSAULT", actor=[("SDN", "REB", 0, 1)], recipient=[("SDN", None, 2, 3)]),
        ],
        [
            event("130", "THREATEN", recipient=[("UKR", None, 0, 1)], negated=True),
            event("042", "CONSULT", actor=[(None, "GOV", 0, 1)]),
        ],
        [],
    ]
    stats = tally_corpus(per_story)
    assert (stats.stories, stats.events, stats.flagged) == (3, 4, 1)
    assert stats.statement_share.value == 0.25 and stats.non_statement_share.value == 0.75
    assert stats.actor_share.value == 0.5 and stats.no_actor_share.value == 0.5
    assert stats.no_recipient_share.value == 0.5
    assert stats.full_dyad_share.value == 0.25


def test_no_events_measures_nothing() -> None:
    stats = tally_corpus([[], []])
    assert stats.stories == 2 and stats.full_dyad_share.value is None


def test_report_shows_story_and_corpus_sections_and_headlines() -> None:
    predict = table({TEXT: [event("010", None, actor=[("IGO", None, 25, 31)])]})
    report = EvalReport(
        stories=score_stories([_story("own", [ALARM])], predict),
        corpus=tally_corpus([[event("010", None, actor=[("IGO", None, 0, 1)])]]),
    )
    metrics = report.headline()
    assert metrics["stories.recall"] == 1.0 and metrics["corpus.non_statement_share"] == 0.0
    assert metrics["corpus.actor_share"] == 1.0 and metrics["corpus.full_dyad_share"] == 0.0
    md = render_markdown(report, command="heron eval", commit="abc", date="2025-01-31")
    assert "## Whole stories (1 stories)" in md and "first three letters" in md
    assert "## Corpus output (1 stories)" in md and "flagged negated or hypothetical" in md
    assert "| `s1` | own | 1 | 1 | 1 | 1.000 | 1.000 |" in md


# -- batch coding -----------------------------------------------------------------------------
class FakeCoder:
    """Codes "fail" as a failed document and anything else as one 010 event."""

    def code_documents(self, docs: list[Document]) -> list[DocResult]:
        return [self._one(d) for d in docs]

    def code_text(self, text: str, *, published: date | None = None) -> list[Any]:
        raise AssertionError("everything should have been coded in the batch")

    @staticmethod
    def _one(doc: Document) -> DocResult:
        if doc.text == "fail":
            return DocResult(doc, "failed", error="parser crashed")
        return DocResult(doc, "coded")


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_predictor_answers_from_one_pass_and_raises_for_failures(workers: int) -> None:
    items = [(f"text {i}", date(2025, 1, 1)) for i in range(5)] + [("fail", None)]
    predict = batch_predictor(FakeCoder(), items, workers=workers)
    assert predict("text 3", date(2025, 1, 1)) == []
    with pytest.raises(InputError, match="parser crashed"):
        predict("fail", None)


# -- the real gold ----------------------------------------------------------------------------
@pytest.mark.shared
def test_the_real_gold_loads_and_every_story_text_is_found() -> None:
    if not (SHARED / "corpus" / "voa_stories.jsonl").is_file():
        pytest.skip(f"shared corpus not found at {SHARED}/corpus: this test needs ../shared")
    inputs = story_inputs(SHARED, stories=STORIES)
    assert inputs.notes == ()
    assert len(inputs.golds) == len(inputs.stories) >= 31
    assert {s.gold.source for s in inputs.stories} == {"corpus", "seed", "own"}
    for s in inputs.stories:
        for e in s.gold.events:
            assert e.evidence in s.text, f"{s.gold.origin}: evidence not in the text: {e.evidence}"
    assert inputs.corpus is not None and len(inputs.corpus) >= 89


@pytest.mark.model
def test_the_real_coder_scores_the_seed_and_own_stories(coder: Any) -> None:
    inputs = story_inputs(SHARED, stories=STORIES)
    chosen = [s for s in inputs.stories if s.gold.source in {"seed", "own"}][:3]
    result = score_stories(chosen, coder_predictor(coder))
    assert result.n == 3 and result.keys.gold_hit > 0
    assert 0.0 < result.keys.precision <= 1.0 and 0.0 < result.keys.recall <= 1.0
