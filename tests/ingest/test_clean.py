"""Segmenting documents into stories, teasers and non-story text, offsets into doc.text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heron.ingest import iter_documents, segment, story_text_ranges
from heron.records import Document, Segment

SEED = Path(__file__).parents[2] / "examples" / "taipei-times-page.txt"
PUBLISHED = date(2024, 3, 26)


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    [doc] = iter_documents([SEED], published=PUBLISHED)
    assert isinstance(doc, Document)
    return doc


def texts(doc: Document, segments: list[Segment]) -> list[str]:
    return [doc.text[s.start : s.end] for s in segments]


def test_seed_page_has_four_truncated_undated_teasers(seed_doc: Document) -> None:
    teasers = [s for s in segment(seed_doc) if s.kind == "teaser"]
    assert [s.label for s in teasers] == [
        "GREAT OPPRTUNITY",
        "DIALOGUE",
        "FIGHT TO THE END",
        "RELEASE",
    ]
    assert [s.story for s in teasers] == [1, 2, 3, 4]
    assert all(s.published is None and s.truncated for s in teasers)
    starts = [t[:20] for t in texts(seed_doc, teasers)]
    assert starts == [
        "The Paraguayan presi",
        "US president-elect D",
        "Attacking a court is",
        "The move follows Was",
    ]


def test_seed_page_caption_and_main_story(seed_doc: Document) -> None:
    segments = segment(seed_doc)
    [caption] = [s for s in segments if s.kind == "caption"]
    assert seed_doc.text[caption.start : caption.end] == "Photo: AFP / KCNA VIA KNS"
    assert caption.story == -1
    main = [s for s in segments if s.kind == "story"]
    assert len(main) == 15
    assert all(s.story == 0 and s.published == PUBLISHED and not s.truncated for s in main)
    assert texts(seed_doc, main)[0].startswith("North Korea yesterday said")
    at = segments.index(caption)
    before, after = texts(seed_doc, [segments[at - 1], segments[at + 1]])
    assert before.endswith("in person “as soon as possible.”")
    assert after.startswith("She said there would be no breakthrough")


def test_seed_page_segments_are_exact_slices_without_newlines(seed_doc: Document) -> None:
    segments = segment(seed_doc)
    assert all("\n" not in t and t == t.strip() and t for t in texts(seed_doc, segments))
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    ranges = story_text_ranges(segments)
    assert sorted(ranges) == [0, 1, 2, 3, 4]
    assert len(ranges[0]) == 15 and all(len(ranges[i]) == 1 for i in range(1, 5))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Photo: AFP / KCNA VIA KNS", "caption"),
        ("PHOTOGRAPH: Kishida in Tokyo", "caption"),
        ("File photo of the summit in 2002", "caption"),
        ("Kishida speaks in Tokyo on Monday. (AP Photo/Eugene Hoshiko)", "caption"),
        ("Kishida speaks in Tokyo on Monday. Photo: Reuters", "caption"),
        ("Kishida speaks in Tokyo on Monday / AP Photo", "caption"),
        ("AFP via Getty Images", "caption"),
        ("KCNA VIA KNS", "caption"),
        ("By Jane Doe, Staff writer", "byline"),
        ("Staff writer, with agencies", "byline"),
        ("— Reuters", "byline"),
        ("AFP", "byline"),
        ("Additional reporting by Kim Lee", "byline"),
        ("Advertisement", "boilerplate"),
        ("Share this:", "boilerplate"),
        ("Read more: Japan election", "boilerplate"),
        ("Copyright © 2024 The Taipei Times. All rights reserved.", "boilerplate"),
        ("We use cookies to improve your experience.", "boilerplate"),
        ("By Tuesday, troops had left the city.", "story"),
        ("Subscribers to the service rose by 3 percent.", "story"),
    ],
)
def test_line_kinds(line: str, kind: str) -> None:
    doc = Document("d", f"Officials met on Monday.\n{line}\nThey talked.", PUBLISHED)
    assert [s.kind for s in segment(doc)] == ["story", kind, "story"]


def test_teaser_segment_starts_after_the_kicker() -> None:
    text = "Main story.\n“BIG NEWS”: Leaders met and\ncontinued talks.\nPhoto: AFP"
    doc = Document("d", text, PUBLISHED)
    _, teaser, more, caption = segment(doc)
    assert (teaser.kind, teaser.label, teaser.story) == ("teaser", "BIG NEWS", 1)
    assert text[teaser.start : teaser.end] == "Leaders met and"
    assert teaser.truncated and not more.truncated
    assert (more.kind, more.story, more.label) == ("teaser", 1, "BIG NEWS")
    assert (caption.kind, caption.story) == ("caption", -1)


def test_kicker_on_first_line_is_a_dateline() -> None:
    doc = Document("d", "ISLAMABAD: Pakistan and India held talks.", PUBLISHED)
    [seg] = segment(doc)
    assert (seg.kind, seg.story, seg.start, seg.published) == ("story", 0, 0, PUBLISHED)


@pytest.mark.parametrize(
    ("line", "place"),
    [
        (
            "PORT SUDAN, Sudan (Reuters) — Shelling killed 21 civilians.",
            "PORT SUDAN, Sudan (Reuters) —",
        ),
        ("MEXICO CITY (AP) — Mexico's economy minister will travel.", "MEXICO CITY (AP) —"),
        ("BLANTYRE — A school refused to enroll her.", "BLANTYRE —"),
        ("LONDON, March 3 (Reuters) - Britain said on Monday.", "LONDON, March 3 (Reuters) -"),
    ],
)
def test_a_wire_dateline_is_its_own_segment_before_the_first_paragraph(line, place) -> None:
    text = f"Headline of the story\n{line}\nSecond paragraph.\nNATO — the alliance — met."
    doc = Document("d", text, PUBLISHED)
    kinds = [(s.kind, s.story, doc.text[s.start : s.end]) for s in segment(doc)]
    body = line[len(place) :].lstrip()
    assert kinds == [
        ("story", 0, "Headline of the story"),
        ("dateline", 0, place),
        ("story", 0, body),
        ("story", 0, "Second paragraph."),
        ("story", 0, "NATO — the alliance — met."),  # one dateline, at the front only
    ]


def test_a_dash_inside_a_sentence_is_no_dateline() -> None:
    doc = Document("d", "The U.S. — and China — disagreed.", PUBLISHED)
    assert [s.kind for s in segment(doc)] == ["story"]


def test_interview_q_is_not_a_kicker() -> None:
    doc = Document("d", "Intro.\nQ: Will you meet Kim?", PUBLISHED)
    assert [s.kind for s in segment(doc)] == ["story", "story"]


@pytest.mark.parametrize(
    ("ending", "truncated"),
    [
        ("said.", False),
        ("said!”", False),
        ("“soon?”", False),
        ("arrested dozens and denouncing an", True),
        ("met the leaders of", True),
        ("signs deal with Japan", False),  # a headline, not a cut-off sentence
    ],
)
def test_story_truncated_only_when_it_stops_mid_phrase(ending: str, truncated: bool) -> None:
    [seg] = segment(Document("d", f"He {ending}", PUBLISHED))
    assert seg.truncated is truncated


def test_teaser_without_sentence_end_is_truncated() -> None:
    doc = Document("d", "Main story.\nDIALOGUE: The two leaders discussed trade and", PUBLISHED)
    teaser = segment(doc)[-1]
    assert teaser.kind == "teaser" and teaser.truncated


LINES = st.sampled_from(
    [
        "",
        "  ",
        "Officials met.",
        "DIALOGUE: talks on",
        "‘FIGHT TO THE END’:",
        "Photo: AFP",
        "By Jane Doe",
        "Advertisement",
        "\r",
        " A: b ",
    ]
)


@given(st.one_of(st.text(), st.lists(LINES | st.text(max_size=20)).map("\n".join)))
def test_segments_are_ordered_disjoint_exact_slices(text: str) -> None:
    doc = Document("d", text, PUBLISHED)
    previous_end = 0
    for seg in segment(doc):
        assert previous_end <= seg.start < seg.end <= len(text)
        piece = text[seg.start : seg.end]
        assert "\n" not in piece and piece == piece.strip()
        previous_end = seg.end


def test_an_over_long_line_is_cut_at_sentence_ends_then_at_spaces() -> None:
    from heron.ingest.clean import MAX_RUN_CHARS, MAX_SEGMENT_CHARS

    sentences = "Police arrested twelve protesters in Nairobi. " * 600  # ~27,600 characters
    salad = "word " * 5_000  # 25,000 characters without punctuation
    doc = Document("long", sentences + "\n" + salad)
    segs = segment(doc)
    assert all(s.end - s.start <= MAX_SEGMENT_CHARS for s in segs)
    prose = [s for s in segs if s.end <= len(sentences)]
    assert len(prose) >= 3 and not any(s.truncated for s in prose)
    assert all(doc.text[s.start : s.end].endswith("Nairobi.") for s in prose)
    runs = [s for s in segs if s.start > len(sentences)]
    assert all(s.end - s.start <= MAX_RUN_CHARS for s in runs)
    assert all(s.truncated for s in runs[:-1])
    covered = "".join(doc.text[s.start : s.end] for s in segs).replace(" ", "").replace("\n", "")
    assert covered == doc.text.replace(" ", "").replace("\n", "")  # nothing lost


def test_a_short_line_is_one_segment() -> None:
    doc = Document("d", "Japan offered talks.")
    assert [(s.start, s.end) for s in segment(doc)] == [(0, 20)]
