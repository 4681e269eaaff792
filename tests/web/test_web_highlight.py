"""Highlights from character spans: runs of text and the kinds of span that cover them."""

from __future__ import annotations

from heron.web.highlight import Mark, checked, date_mark, event_marks, runs


def kinds(text, marks):
    return [(r.text, r.kinds) for r in runs(text, marks)]


def test_runs_cover_the_text_once_in_order():
    text = "Lithuania expelled a Russian diplomat on Monday."
    marks = [Mark("actor", 0, 9, "a"), Mark("trigger", 10, 37, "t"), Mark("recipient", 21, 37, "r")]
    assert kinds(text, marks) == [
        ("Lithuania", ("actor",)),
        (" ", ()),
        ("expelled a ", ("trigger",)),
        ("Russian diplomat", ("recipient", "trigger")),
        (" on Monday.", ()),
    ]
    assert "".join(r.text for r in runs(text, marks)) == text


def test_marks_outside_the_text_or_empty_are_not_drawn():
    assert kinds("abc", [Mark("actor", 2, 9, "x"), Mark("actor", 1, 1, "y")]) == [("abc", ())]


def test_checked_drops_marks_whose_offsets_miss_their_words():
    text = "Japan met Korea."
    good, bad = Mark("actor", 0, 5, "actor: JPN", "Japan"), Mark("recipient", 9, 14, "rec", "Korea")
    kept, wrong = checked(text, [good, bad])
    assert kept == [good]
    assert wrong == ["rec: its offsets do not point at 'Korea'"]


def test_event_marks_name_implied_actors_instead_of_drawing_them():
    event = {
        "cameo": "181",
        "actor": [{"text": "(implied)", "start": 5, "end": 5, "code": "PRK", "name": None}],
        "recipient": [],
        "trigger": {"text": "abducted", "start": 10, "end": 18},
        "location": None,
    }
    marks, notes = event_marks(event)
    assert [m.kind for m in marks] == ["trigger"]
    assert notes == ["actor: (implied) (PRK) is not written in the text (implied)"]


def test_the_date_is_found_in_the_sentence_by_its_words():
    event = {"date_text": "on Friday", "date": "2024-03-22", "date_precision": "day"}
    mark = date_mark(event, "They met on Friday.", 100)
    assert mark is not None and (mark.start, mark.end) == (109, 118)
    assert date_mark({"date_text": "yesterday"}, "They met on Friday.", 0) is None
