"""When two reports are one happening: the rules, each with the reason it gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from heron.analytics.rules import Mention, Side, compare, sides


def mention(
    cameo: str = "040",
    event_type: str | None = "CONSULT",
    actors: tuple[Side, ...] = (Side("JPN", "GOV", "Fumio Kishida"),),
    recipients: tuple[Side, ...] = (Side("KOR", "GOV", "Yoon Suk Yeol"),),
    when: date | None = date(2023, 3, 16),
    *,
    explicit: bool = True,
    precision: str | None = "day",
    flagged: bool = False,
    doc: str = "a",
) -> Mention:
    return Mention(
        event_id=f"{doc}:{cameo}",
        doc_id=doc,
        date=when,
        precision=precision if when else None,
        explicit=explicit,
        cameo=cameo,
        event_type=event_type,
        actors=actors,
        recipients=recipients,
        flagged=flagged,
    )


def test_same_dyad_same_day_joins_with_the_reason_in_words() -> None:
    ok, why = compare(mention(), mention(doc="b"))
    assert ok
    assert "same code 040" in why and "JPNGOV (Fumio Kishida)" in why and "2023-03-16" in why


@pytest.mark.parametrize(
    ("other", "joins"),
    [
        (mention(when=date(2023, 3, 17), explicit=False, doc="b"), True),  # published next day
        (mention(when=date(2023, 3, 17), doc="b"), False),  # a stated day after: another day
        (mention(when=date(2023, 3, 18), explicit=False, doc="b"), False),
        (mention(when=date(2023, 3, 1), precision="month", doc="b"), False),  # other precision
    ],
)
def test_dates_must_overlap_at_one_precision(other: Mention, joins: bool) -> None:
    assert compare(mention(), other)[0] is joins


def test_slack_days_widen_the_dates() -> None:
    later = mention(when=date(2023, 3, 17), doc="b")
    assert not compare(mention(), later)[0]
    assert compare(mention(), later, slack_days=1)[0]


def test_months_and_years_join_their_own_kind() -> None:
    a = mention(when=date(2004, 1, 1), precision="year")
    assert compare(a, mention(when=date(2004, 1, 1), precision="year", doc="b"))[0]
    assert not compare(a, mention(when=date(2005, 1, 1), precision="year", doc="b"))[0]


@pytest.mark.parametrize(
    ("a", "b", "joins"),
    [
        (("173", "COERCE"), ("1731", "COERCE"), True),
        (("173", "COERCE"), ("175", "ASSAULT"), False),  # arrests are not the tear gas
        (("190", "ASSAULT"), ("1952", "ASSAULT"), True),
        (("181", "ASSAULT"), ("190", "ASSAULT"), True),  # another root, one PLOVER type
        (("040", "CONSULT"), ("036", "AGREE"), False),
    ],
)
def test_codes(a: tuple[str, str], b: tuple[str, str], joins: bool) -> None:
    x = mention(cameo=a[0], event_type=a[1])
    y = mention(cameo=b[0], event_type=b[1], doc="b")
    assert compare(x, y)[0] is joins


def test_meetings_agree_with_sides_swapped_but_arrests_do_not() -> None:
    swapped = mention(actors=mention().recipients, recipients=mention().actors, doc="b")
    ok, why = compare(mention(), swapped)
    assert ok and "sides swapped" in why
    police, crowd = (Side("KEN", "COP", None),), (Side("KEN", "CVL", None),)
    arrest = mention(cameo="173", event_type="COERCE", actors=police, recipients=crowd)
    back = replace(arrest, actors=crowd, recipients=police, doc_id="b")
    assert not compare(arrest, back)[0]


def test_a_missing_side_is_open_but_one_side_must_agree() -> None:
    no_recipient = mention(recipients=(), doc="b")
    assert compare(mention(), no_recipient)[0]
    nobody = mention(actors=(), recipients=(), doc="c")
    ok, why = compare(mention(), nobody)
    assert not ok and "no actor in common" in why


def test_country_alone_agrees_with_any_of_its_sectors_but_sectors_differ() -> None:
    japan = mention(actors=(Side("JPN", None, None),), doc="b")
    assert compare(mention(), japan)[0]
    army = mention(actors=(Side("JPN", "MIL", None),), doc="c")
    ok, why = compare(mention(), army)
    assert not ok and "actors differ" in why


def test_reports_that_it_did_not_happen_never_join_reports_that_it_did() -> None:
    ok, why = compare(mention(), mention(flagged=True, doc="b"))
    assert not ok and "negated or hypothetical" in why


def test_places_in_different_countries_do_not_join() -> None:
    a = replace(mention(), place_country="JPN")
    b = replace(mention(doc="b"), place_country="KOR")
    assert not compare(a, b)[0]


def test_undated_reports_join_only_within_their_document() -> None:
    a = mention(when=None)
    assert compare(a, replace(mention(when=None), event_id="a:2"))[0]
    assert not compare(a, mention(when=None, doc="b"))[0]


def test_actors_without_country_or_name_say_nothing() -> None:
    assert sides([{"country": None, "sector": None, "name": None}]) == ()
    assert sides([("UKR", None, None)]) == (Side("UKR", None, None),)


def test_reports_that_both_leave_out_the_actor_need_more_than_a_country() -> None:
    crowd = (Side("PAK", "CVL", None),)
    a = mention(cameo="073", event_type="AID", actors=(), recipients=crowd)
    assert compare(a, replace(a, doc_id="b"))[0]  # "passengers were rescued", twice
    states = (Side("USA", None, None),)
    vague = mention(cameo="115", event_type="ACCUSE", actors=(), recipients=states)
    ok, why = compare(vague, replace(vague, doc_id="b"))
    assert not ok and "neither names who acted" in why
    assert compare(vague, replace(vague, event_id="a:2"))[0]  # within one document they may


def test_two_different_names_never_agree_through_a_missing_sector() -> None:
    writer = mention(cameo="010", event_type=None, actors=(Side("AFG", None, "Nazeer Sahaar"),))
    taliban = mention(
        cameo="010", event_type=None, actors=(Side("AFG", "GOV", "Taliban"),), doc="b"
    )
    assert not compare(writer, taliban)[0]
    un = mention(actors=(Side("IGO", None, "United Nations"),))
    g7 = mention(actors=(Side("IGO", None, "Group of Seven"),), doc="b")
    assert not compare(un, g7)[0]
    kamikawa = mention(actors=(Side("JPN", "GOV", "Yoko Kamikawa"),), doc="c")
    assert compare(mention(), kamikawa)[0]  # the same country and sector: one government
