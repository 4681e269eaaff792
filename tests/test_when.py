"""heron.when: date phrases in news sentences, resolved against a publication date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from heron.data.loading import load_mapping
from heron.errors import DataFileError
from heron.records import DatePrecision
from heron.when import (
    COUNT_NOUNS,
    MONTHS,
    RELATIVE_DAYS,
    WEEKDAYS,
    DateWords,
    date_words,
    find_dates,
    is_historical,
)

P = date(2024, 3, 26)  # a Tuesday


def _one(text: str, published: date | None = P) -> tuple[str, date | None, DatePrecision | None]:
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    m = found[0]
    return m.text, m.value, m.precision


RELATIVE = [
    # (sentence, mention text, value, precision)
    ("Officials said yesterday that", "yesterday", date(2024, 3, 25), "day"),
    ("The talks ended today.", "today", P, "day"),
    ("He will speak tonight.", "tonight", P, "day"),
    ("Rockets hit the city this morning.", "this morning", P, "day"),
    ("Rockets hit the city this evening.", "this evening", P, "day"),
    ("Last night, rockets hit the city.", "Last night", date(2024, 3, 25), "day"),
    ("Talks resume tomorrow.", "tomorrow", date(2024, 3, 27), "day"),
    (
        "The day before yesterday the army moved in.",
        "The day before yesterday",
        date(2024, 3, 24),
        "day",
    ),
    ("Clashes broke out yesterday morning.", "yesterday morning", date(2024, 3, 25), "day"),
    ("Protesters gathered on Friday.", "Friday", date(2024, 3, 22), "day"),
    ("Protesters gathered Friday.", "Friday", date(2024, 3, 22), "day"),
    ("Protesters gathered last Friday.", "last Friday", date(2024, 3, 22), "day"),
    ("They meet this Friday.", "this Friday", date(2024, 3, 29), "day"),
    ("They meet next Friday.", "next Friday", date(2024, 3, 29), "day"),
    ("They met this Monday.", "this Monday", date(2024, 3, 25), "day"),
    ("Shots were fired on Sunday night.", "Sunday night", date(2024, 3, 24), "day"),
    ("Shots were fired Monday morning.", "Monday morning", date(2024, 3, 25), "day"),
    ("North Korea fired a missile on Tuesday.", "Tuesday", P, "day"),  # wire style: same day
    ("North Korea fired a missile last Tuesday.", "last Tuesday", date(2024, 3, 19), "day"),
    ("Talks were held last week.", "last week", date(2024, 3, 18), "day"),  # Monday of that week
    ("Talks continue next week.", "next week", date(2024, 4, 1), "day"),
    ("Earlier this week, talks failed.", "Earlier this week", date(2024, 3, 25), "day"),
    ("Fighting flared last weekend.", "last weekend", date(2024, 3, 23), "day"),
    ("Prices rose last month.", "last month", date(2024, 2, 1), "month"),
    ("Prices rose this month.", "this month", date(2024, 3, 1), "month"),
    ("Prices will rise next month.", "next month", date(2024, 4, 1), "month"),
    ("Earlier this month, the minister resigned.", "Earlier this month", date(2024, 3, 1), "month"),
    ("The deal was signed last year.", "last year", date(2023, 1, 1), "year"),
    ("Elections are due this year.", "this year", date(2024, 1, 1), "year"),
    ("Elections are due next year.", "next year", date(2025, 1, 1), "year"),
    ("Earlier this year a coup failed.", "Earlier this year", date(2024, 1, 1), "year"),
    ("Three days ago, a bomb exploded.", "Three days ago", date(2024, 3, 23), "day"),
    ("A bomb exploded 3 days ago.", "3 days ago", date(2024, 3, 23), "day"),
    ("A week ago the president spoke.", "A week ago", date(2024, 3, 19), "day"),
    ("Two weeks ago the president spoke.", "Two weeks ago", date(2024, 3, 12), "day"),
    ("Six months ago the border closed.", "Six months ago", date(2023, 9, 1), "month"),
    ("Five years ago the border closed.", "Five years ago", date(2019, 1, 1), "year"),
    ("The war ended two decades ago.", "two decades ago", date(2004, 1, 1), "year"),
    ("The war ended twenty years ago.", "twenty years ago", date(2004, 1, 1), "year"),
]

ABSOLUTE = [
    ("The summit on March 3 failed.", "March 3", date(2024, 3, 3), "day"),
    ("The summit on 3 March failed.", "3 March", date(2024, 3, 3), "day"),
    ("The summit on March 3, 2023 failed.", "March 3, 2023", date(2023, 3, 3), "day"),
    ("The summit on 3 March 2020 failed.", "3 March 2020", date(2020, 3, 3), "day"),
    ("The summit on Mar. 3 failed.", "Mar. 3", date(2024, 3, 3), "day"),
    ("The summit on March 3rd failed.", "March 3rd", date(2024, 3, 3), "day"),
    ("It was signed on the 3rd of March.", "the 3rd of March", date(2024, 3, 3), "day"),
    ("It was signed on Friday, March 1, 2024.", "Friday, March 1, 2024", date(2024, 3, 1), "day"),
    ("It was signed Dec. 28.", "Dec. 28", date(2023, 12, 28), "day"),  # past, not next December
    ("Talks on April 2 will be crucial.", "April 2", date(2024, 4, 2), "day"),  # within a month
    ("September 15 was the date.", "September 15", date(2023, 9, 15), "day"),
    ("They met in March 2024.", "March 2024", date(2024, 3, 1), "month"),
    ("They met in March.", "March", date(2024, 3, 1), "month"),
    ("They met in April.", "April", date(2023, 4, 1), "month"),  # most recent, not after P
    ("They met last March.", "last March", date(2023, 3, 1), "month"),
    ("They meet next April.", "next April", date(2024, 4, 1), "month"),
    ("They met in mid-February.", "mid-February", date(2024, 2, 1), "month"),
    ("They met by the end of January.", "the end of January", date(2024, 1, 1), "month"),
    ("The accord of 2024-03-03.", "2024-03-03", date(2024, 3, 3), "day"),
    ("The accord of 3/3/2024.", "3/3/2024", date(2024, 3, 3), "day"),
    ("The accord of 4/5/2024.", "4/5/2024", date(2024, 4, 5), "day"),  # US month/day
    ("In 2002, the war began.", "2002", date(2002, 1, 1), "year"),
    ("It has ruled since 1990.", "1990", date(1990, 1, 1), "year"),
    ("It ruled until 2005.", "2005", date(2005, 1, 1), "year"),
    ("The 2002 summit failed.", "2002", date(2002, 1, 1), "year"),
    ("The 2002 elections were close.", "2002", date(2002, 1, 1), "year"),
    ("Russia's 2008 war with Georgia.", "2008", date(2008, 1, 1), "year"),
    ("2002 was a bad year.", "2002", date(2002, 1, 1), "year"),
    ("He was born in 1848.", "1848", date(1848, 1, 1), "year"),
    ("In the 1990s, the country was poor.", "1990s", date(1990, 1, 1), "year"),
    ("In the early 1980s, the country was poor.", "early 1980s", date(1980, 1, 1), "year"),
    ("From 1910 to 1945 Korea was occupied.", "1910 to 1945", date(1910, 1, 1), "year"),
    ("The 1914-1918 war.", "1914-1918", date(1914, 1, 1), "year"),
    ("The 2023-24 season.", "2023-24", date(2023, 1, 1), "year"),
    ("Russia annexed it in the 19th century.", "19th century", date(1800, 1, 1), "year"),
    (
        "during the 19th and early 20th centuries.",
        "19th and early 20th centuries",
        date(1800, 1, 1),
        "year",
    ),
]


@pytest.mark.parametrize(("text", "span", "value", "precision"), RELATIVE + ABSOLUTE)
def test_phrase(text: str, span: str, value: date, precision: DatePrecision) -> None:
    assert _one(text) == (span, value, precision)


NOT_DATES = [
    "2002 people were killed.",
    "About 2000 soldiers crossed.",
    "Security Council Resolution 2334 was adopted.",
    "The vote was at 1930 GMT.",
    "Between 2000 and 3000 people fled.",
    "Police arrested 1999 protesters.",
    "A total of 2000 was paid.",
    "in 2,002 cases; $2002; 2002%; 1990.5",
    "Theresa May said she may march.",
    "They pray on Good Friday and remember Bloody Sunday.",
    "The Sunday Times reported it.",
    "The shop opens on Mondays.",
    "The event on February 30 never happened.",
    "The minister met his counterpart.",
    "",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, published=P) == []


def test_several_in_order_longest_wins() -> None:
    text = "He met the envoy last Friday, and on March 3, 2023, and will meet next week."
    found = find_dates(text, published=P)
    assert [m.text for m in found] == ["last Friday", "March 3, 2023", "next week"]


def test_offsets() -> None:
    text = "Officials said on Friday that talks in 2002 failed."
    for offset in (0, 57):
        found = find_dates(text, published=P, offset=offset)
        assert [(m.start, m.end) for m in found] == [
            (offset + text.index("Friday"), offset + text.index("Friday") + 6),
            (offset + text.index("2002"), offset + text.index("2002") + 4),
        ]
        for m in found:
            assert text[m.start - offset : m.end - offset] == m.text


def test_no_publication_date() -> None:
    found = find_dates(
        "Yesterday, on Friday, March 3 and in March; on March 3, 2024; in 2002; 2024-03-03.",
        published=None,
    )
    got = [(m.text, m.value, m.precision) for m in found]
    assert got == [
        ("Yesterday", None, None),
        ("Friday, March 3", None, None),
        ("March", None, None),
        ("March 3, 2024", date(2024, 3, 3), "day"),
        ("2002", date(2002, 1, 1), "year"),
        ("2024-03-03", date(2024, 3, 3), "day"),
    ]


def test_same_weekday_can_mean_last_week() -> None:
    text = "North Korea fired a missile on Tuesday."
    assert find_dates(text, published=P, same_weekday_is_today=False)[0].value == date(2024, 3, 19)
    text = "It fired on Tuesday and again today."
    assert find_dates(text, published=P, same_weekday_is_today=False)[0].value == P


def test_published_as_datetime() -> None:
    assert _one("yesterday", datetime(2024, 3, 26, 23, 30))[1] == date(2024, 3, 25)


def test_month_must_be_capitalised() -> None:
    assert find_dates("in may they may march", published=P) == []
    assert _one("in May") == ("May", date(2023, 5, 1), "month")


@pytest.mark.parametrize(
    ("event", "published", "threshold", "expected"),
    [
        (date(2002, 1, 1), P, 365, True),
        (date(2023, 3, 26), P, 365, True),  # 366 days: 2024 is a leap year
        (date(2023, 3, 27), P, 365, False),
        (date(2024, 3, 25), P, 365, False),
        (date(2024, 3, 19), P, 5, True),
        (date(2025, 1, 1), P, 365, False),  # future
        (None, P, 365, False),
        (date(2002, 1, 1), None, 365, False),
    ],
)
def test_is_historical(
    event: date | None, published: date | None, threshold: int, expected: bool
) -> None:
    assert is_historical(event, published, threshold_days=threshold) is expected


def test_historical_from_found_date() -> None:
    found = find_dates("The massacre happened in 1980.", published=P)
    assert is_historical(found[0].value, P)
    found = find_dates("The massacre happened yesterday.", published=P)
    assert not is_historical(found[0].value, P)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("0123456789 /-.,'MarchMayFridaytodayago")), max_size=60
    )
    | st.text(max_size=60),
    published=st.none() | st.dates(),
    offset=st.integers(min_value=0, max_value=10_000),
)
def test_never_raises(text: str, published: date | None, offset: int) -> None:
    for m in find_dates(text, published=published, offset=offset):
        assert text[m.start - offset : m.end - offset] == m.text
        assert (m.value is None) == (m.precision is None)


def test_weird_input() -> None:
    assert find_dates(None, published=P) == []  # type: ignore[arg-type]
    assert find_dates("yesterday", published="2024-03-26") == [  # type: ignore[arg-type]
        find_dates("yesterday", published=None)[0]
    ]
    assert find_dates("1 day ago", published=date.min) == []  # out of range: skipped
    assert find_dates("tomorrow", published=date.max) == []


def test_date_words_load_from_data() -> None:
    words = date_words()
    assert date_words() is words  # read once
    assert [w.name for w in words.weekdays][0::6] == ["monday", "sunday"]
    assert (WEEKDAYS["monday"], WEEKDAYS["thurs"], WEEKDAYS["sun"]) == (0, 3, 6)
    assert (MONTHS["january"], MONTHS["may"], MONTHS["sept"], MONTHS["dec"]) == (1, 5, 9, 12)
    assert len(WEEKDAYS) == 17 and len(MONTHS) == 24
    assert RELATIVE_DAYS["the day before yesterday"] == -2
    assert {"people", "troops", "police"} <= COUNT_NOUNS
    assert "no" in words.number_lead_words  # quoted in YAML, not the boolean false


def _write_words(path: Path, **changes: object) -> Path:
    words = date_words().model_dump(exclude={"note"})
    words.update(changes)
    path.write_text(yaml.safe_dump(words), encoding="utf-8")
    return path


def test_broken_date_words_report_every_problem(tmp_path: Path) -> None:
    weekdays = date_words().model_dump()["weekdays"][:6]  # Sunday missing
    bad = _write_words(tmp_path / "words.yaml", weekdays=weekdays, time_word=["gmt"])
    with pytest.raises(DataFileError) as err:
        load_mapping(bad, DateWords)
    problems = err.value.problems
    assert err.value.path.endswith("words.yaml")
    assert any(p.startswith("weekdays: List should have at least 7") for p in problems), problems
    assert any(p.startswith("time_word: Extra inputs") for p in problems), problems


def test_date_words_must_be_lower_case(tmp_path: Path) -> None:
    bad = _write_words(tmp_path / "words.yaml", count_nouns=["people", "Troops"])
    with pytest.raises(DataFileError, match=r"lower-cased.*Troops"):
        load_mapping(bad, DateWords)


def test_the_token_at_an_offset_or_the_next_one_after_it():
    import spacy
    from spacy.tokens import Doc

    from heron.when import _token_at

    doc = Doc(spacy.blank("en").vocab, words=["Talks", "  ", "ended", "Friday", "."],
              spaces=[False, False, True, False, False])  # fmt: skip
    # "Talks  ended Friday." — characters 5-6 are the whitespace token, 13 the "F" of Friday
    expected = {0: 0, 4: 0, 5: 1, 6: 1, 7: 2, 12: 3, 13: 3, 19: 4, 20: None, -2: 0}
    for char, want in expected.items():
        tok = _token_at(doc, char)
        assert (tok.i if tok is not None else None) == want, char
    assert _token_at(Doc(doc.vocab, words=[]), 3) is None


def test_the_current_century_names_no_date():
    assert not find_dates("the challenge of the 21st century", published=date(2025, 3, 13))
