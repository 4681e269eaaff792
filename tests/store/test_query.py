"""query_events: filters, compound actors, order, and a faithful round trip of the contract."""

from __future__ import annotations

from datetime import date

import pytest
from store_factories import make_event, make_result, write

from heron.records import Flags, Place
from heron.store import Store


@pytest.fixture
def filled(store: Store) -> Store:
    write(
        store,
        make_result(
            "a",
            [
                make_event(
                    "a",
                    0,
                    0,
                    cameo="036",
                    actors=["JPNGOV"],
                    recipients=["PRKGOV"],
                    when=date(2024, 3, 25),
                ),
                make_event(
                    "a",
                    1,
                    0,
                    cameo="173",
                    actors=["JPN", "KOR"],
                    recipients=["PRK"],
                    when=date(2024, 3, 20),
                    event_type="ARREST",
                ),
            ],
        ),
    )
    write(
        store,
        make_result(
            "b",
            [
                make_event(
                    "b",
                    0,
                    0,
                    cameo="17",
                    actors=["USAMIL"],
                    recipients=["JPNGOV", "KORGOV"],
                    when=date(2002, 9, 17),
                    event_type="COERCE",
                ),
                make_event(
                    "b",
                    2,
                    0,
                    cameo="190",
                    actors=["PRKMIL"],
                    recipients=[],
                    when=None,
                    flags=Flags(negated=True),
                ),
            ],
        ),
    )
    return store


def ids(events: list[dict]) -> list[str]:
    return [e["event_id"] for e in events]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["b:0:0", "a:1:0", "a:0:0", "b:2:0"]),
        ({"actor": "JPN"}, ["a:1:0", "a:0:0"]),
        ({"actor": "JPNGOV"}, ["a:0:0"]),
        ({"actor": "jpngov"}, ["a:0:0"]),
        ({"actor": "KOR"}, ["a:1:0"]),
        ({"actor": "PRK"}, ["b:2:0"]),
        ({"recipient": "KORGOV"}, ["b:0:0"]),
        ({"recipient": "KOR"}, ["b:0:0"]),
        ({"recipient": "PRK"}, ["a:1:0", "a:0:0"]),
        ({"actor": "JPN", "recipient": "PRKGOV"}, ["a:0:0"]),
        ({"since": date(2024, 3, 20)}, ["a:1:0", "a:0:0"]),
        ({"since": date(2024, 3, 21)}, ["a:0:0"]),
        ({"until": date(2024, 3, 20)}, ["b:0:0", "a:1:0"]),
        ({"since": date(2024, 1, 1), "until": date(2024, 3, 24)}, ["a:1:0"]),
        ({"cameo": "17"}, ["b:0:0", "a:1:0"]),
        ({"cameo": "173"}, ["a:1:0"]),
        ({"cameo": "0"}, ["a:0:0"]),
        ({"event_type": "ARREST"}, ["a:1:0"]),
        ({"doc_id": "b"}, ["b:0:0", "b:2:0"]),
        ({"include_flagged": False}, ["b:0:0", "a:1:0", "a:0:0"]),
        ({"limit": 2}, ["b:0:0", "a:1:0"]),
        ({"limit": None}, ["b:0:0", "a:1:0", "a:0:0", "b:2:0"]),
        ({"actor": "CHN"}, []),
    ],
)
def test_filters(filled: Store, kwargs: dict, expected: list[str]) -> None:
    assert ids(filled.query_events(**kwargs)) == expected


def test_compound_actor_is_found_by_its_second_member(filled: Store) -> None:
    (event,) = filled.query_events(actor="KOR")
    assert [a["country"] for a in event["actor"]] == ["JPN", "KOR"]


def test_query_values_are_parameters_not_sql(filled: Store) -> None:
    assert filled.query_events(actor="JPN' OR '1'='1") == []
    assert filled.query_events(cameo="%") == []
    assert filled.counts()["events"] == 4


def test_round_trip_returns_exactly_the_contract_dict(store: Store) -> None:
    events = [
        make_event(
            "r",
            0,
            0,
            actors=["JPNGOV", "KOR"],
            recipients=["PRKGOV"],
            location=Place("Pyongyang", "PRK", "Pyongyang", 39.0339, 125.7543, 5, 14),
            flags=Flags(
                negated=True, hypothetical=True, future=True, reported=True, historical=True
            ),
        ),
        make_event("r", 0, 1, actors=[], recipients=[], when=None, event_type=None, context=()),
    ]
    write(store, make_result("r", events))
    assert store.query_events(doc_id="r") == [e.to_dict() for e in events]


def test_event_columns_mirror_the_record(store: Store) -> None:
    write(
        store,
        make_result(
            "c",
            [
                make_event(
                    "c",
                    actors=["JPN", "KOR"],
                    recipients=["PRKGOV"],
                    location=Place("Seoul", "KOR", None, 37.5, 127.0, 0, 5),
                )
            ],
        ),
    )
    row = store.connection.execute(
        "SELECT cameo_root, actor_code, actor_country, recipient_code, context, location_name, "
        "lat, negated, reported, rule FROM events"
    ).fetchone()
    assert row == (
        "03",
        "JPN",
        "JPN",
        "PRKGOV",
        ["diplomatic"],
        "Seoul",
        37.5,
        False,
        True,
        "test-rule",
    )
    actors = store.connection.execute(
        "SELECT role, idx, code, start_char, end_char FROM actors ORDER BY role, idx"
    ).fetchall()
    assert actors == [
        ("actor", 0, "JPN", 0, 5),
        ("actor", 1, "KOR", 10, 21),
        ("recipient", 0, "PRKGOV", 50, 61),
    ]


def test_negative_limit_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="limit"):
        store.query_events(limit=-1)


def test_one_filter_serves_events_and_dyads(filled: Store) -> None:
    from heron.store import EventFilter

    f = EventFilter(actor="KOR")
    assert filled.query_events(f) == filled.query_events(actor="KOR")
    assert {d["event_id"] for d in filled.query_dyads(f)} <= {
        e["event_id"] for e in filled.query_events()
    }


def test_an_unknown_criterion_is_an_error(filled: Store) -> None:
    with pytest.raises(TypeError, match="colour"):
        filled.query_events(colour="red")


def test_a_wildcard_side_matches_any_actor(store: Store) -> None:
    write(store, make_result("w", [make_event("w", 0, 0)]))
    assert len(store.query_events(actor="*", recipient="PRK")) == 1
    assert len(store.query_dyads(actor="*", recipient="*")) == 1
