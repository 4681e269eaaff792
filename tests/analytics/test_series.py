"""Series, rankings and the network: the counting and the averaging, checked by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import networkx as nx
import pytest
from store_factories import make_event, make_result, write

from heron.analytics import network, series, top_dyads, update_clusters, write_network
from heron.records import Flags
from heron.store import Store


def ev(
    doc: str,
    when: date,
    *,
    s: int = 0,
    cameo: str = "036",
    goldstein: float = 4.0,
    quad: int = 1,
    actors=("JPNGOV",),
    recipients=("PRKGOV",),
    **kw,
):
    e = make_event(doc, s, 0, cameo=cameo, actors=actors, recipients=recipients, when=when, **kw)
    return replace(e, goldstein=goldstein, quad_class=quad)


@pytest.fixture
def filled(store: Store) -> Store:
    """Japan → North Korea: two reports of one meeting offer in January, none in February,
    a threat (reported twice) and a negated one in March; North Korea → Japan once in March."""
    docs = {
        "a": [ev("a", date(2024, 1, 10), goldstein=4.0)],
        "b": [ev("b", date(2024, 1, 10), goldstein=4.0)],  # the same offer, another paper
        "c": [ev("c", date(2024, 1, 20), cameo="040", goldstein=1.0, event_type="CONSULT")],
        "d": [
            ev("d", date(2024, 3, 5), cameo="138", goldstein=-7.0, quad=3, event_type="THREATEN")
        ],
        "e": [
            ev("e", date(2024, 3, 5), cameo="138", goldstein=-7.0, quad=3, event_type="THREATEN")
        ],
        "f": [
            ev(
                "f",
                date(2024, 3, 6),
                cameo="190",
                goldstein=-10.0,
                quad=4,
                event_type="ASSAULT",
                flags=Flags(negated=True),
            )
        ],
        "g": [
            ev(
                "g",
                date(2024, 3, 9),
                cameo="110",
                goldstein=-2.0,
                quad=3,
                event_type="ACCUSE",
                actors=("PRKGOV",),
                recipients=("JPNGOV",),
            )
        ],
    }
    for doc, events in docs.items():
        write(store, make_result(doc, events))
    update_clusters(store)
    return store


def test_monthly_counts_of_clusters_with_an_empty_month_as_zero(filled: Store) -> None:
    df = series(filled, actor="JPN", recipient="PRK", by="month")
    assert [str(p) for p in df["period"]] == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert list(df["events"]) == [2, 0, 1]  # the offer once, the meeting; the threat once


def test_mentions_count_every_report(filled: Store) -> None:
    df = series(filled, actor="JPN", recipient="PRK", by="month", mentions=True)
    assert list(df["events"]) == [3, 0, 2]


def test_goldstein_is_the_mean_per_period_and_zero_when_empty(filled: Store) -> None:
    df = series(filled, actor="JPN", recipient="PRK", by="month", measure="goldstein")
    assert list(df["goldstein"]) == [2.5, 0.0, -7.0]


def test_quad_classes_are_counted_apart(filled: Store) -> None:
    df = series(filled, actor="JPN", recipient="*", by="month", measure="quad")
    assert list(df["verbal_cooperation"]) == [2, 0, 0]
    assert list(df["verbal_conflict"]) == [0, 0, 1]


def test_negated_events_count_only_when_asked(filled: Store) -> None:
    plain = series(filled, actor="JPN", by="month", measure="quad")
    asked = series(filled, actor="JPN", by="month", measure="quad", include_flagged=True)
    assert list(plain["material_conflict"]) == [0, 0, 0]
    assert list(asked["material_conflict"]) == [0, 0, 1]


def test_both_directions_adds_the_reverse_dyad(filled: Store) -> None:
    one = series(filled, actor="JPN", recipient="PRK", by="month")
    both = series(filled, actor="JPN", recipient="PRK", by="month", both_directions=True)
    assert list(both["events"]) == [2, 0, 2] and list(one["events"]) == [2, 0, 1]


def test_weeks_and_days_and_a_fixed_range(filled: Store) -> None:
    weeks = series(
        filled,
        actor="JPN",
        recipient="PRK",
        by="week",
        since=date(2024, 3, 1),
        until=date(2024, 3, 17),
    )
    assert [str(p) for p in weeks["period"]] == ["2024-02-26", "2024-03-04", "2024-03-11"]
    assert list(weeks["events"]) == [0, 1, 0]
    days = series(
        filled,
        actor="PRK",
        recipient="JPN",
        by="day",
        since=date(2024, 3, 8),
        until=date(2024, 3, 10),
    )
    assert list(days["events"]) == [0, 1, 0]


def test_nothing_found_is_an_empty_frame_with_the_columns(filled: Store) -> None:
    df = series(filled, actor="USA", recipient="CHN", measure="goldstein")
    assert df.empty and list(df.columns) == ["period", "events", "goldstein"]


def test_dates_coarser_than_the_period_are_left_out_and_said(store: Store) -> None:
    e = ev("y", date(2004, 1, 1), cameo="042", event_type="CONSULT")
    write(store, make_result("y", [replace(e, date_precision="year", date_text="in 2004")]))
    update_clusters(store)
    monthly = series(store, actor="JPN", by="month")
    assert monthly.empty and monthly.attrs["left_out"] == {"dated only to the year": 1}
    yearly = series(store, actor="JPN", by="year")
    assert list(yearly["events"]) == [1]


def test_top_dyads_rank_by_volume_and_by_conflict(filled: Store) -> None:
    volume = top_dyads(filled)
    assert list(zip(volume["actor"], volume["recipient"], volume["events"], strict=True)) == [
        ("JPN", "PRK", 3),
        ("PRK", "JPN", 1),
    ]
    conflict = top_dyads(filled, rank="conflict", top=1)
    assert list(conflict["conflict"]) == [1] and len(conflict) == 1
    codes = top_dyads(filled, level="code")
    assert codes["actor"].iloc[0] == "JPNGOV"


def test_the_network_has_weighted_edges_and_exports(filled: Store, tmp_path) -> None:
    g = network(filled)
    assert g["JPN"]["PRK"]["events"] == 3 and g["PRK"]["JPN"]["conflict"] == 1
    write_network(g, tmp_path / "n.graphml")
    back = nx.read_graphml(tmp_path / "n.graphml")
    assert back["JPN"]["PRK"]["events"] == 3
    write_network(g, tmp_path / "n.csv")
    lines = (tmp_path / "n.csv").read_text().splitlines()
    assert lines[0] == "source,target,events,cooperation,conflict,goldstein"
    assert "JPN,PRK,3,2,1," in "\n".join(lines)
