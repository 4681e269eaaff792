"""The dyads view: one row per event × actor × recipient, nothing dropped, old stores upgraded."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from store_factories import make_event, make_result, write

from heron.errors import StoreError
from heron.records import Flags
from heron.store import Store, migrations
from heron.store.migrations import MIGRATIONS

FORMAT = Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"


def _pairs(store: Store, **filters: object) -> list[tuple[str | None, str | None]]:
    return [(d["actor_code"], d["recipient_code"]) for d in store.query_dyads(**filters)]


@pytest.mark.parametrize(
    ("actors", "recipients", "pairs"),
    [
        (["JPNGOV"], ["PRKGOV"], [("JPNGOV", "PRKGOV")]),
        (["JPN", "KOR"], ["PRK"], [("JPN", "PRK"), ("KOR", "PRK")]),
        (
            ["JPN", "KOR"],
            ["PRK", "CHN"],
            [("JPN", "PRK"), ("JPN", "CHN"), ("KOR", "PRK"), ("KOR", "CHN")],
        ),
        (["JPN"], [], [("JPN", None)]),
        ([], ["PRK"], [(None, "PRK")]),
        ([], [], [(None, None)]),
    ],
    ids=["one-one", "two-one", "two-two", "no-recipient", "no-actor", "neither"],
)
def test_every_actor_recipient_pair_is_a_row(
    store: Store, actors: list[str], recipients: list[str], pairs: list[tuple[str, str]]
) -> None:
    write(store, make_result("d", [make_event("d", actors=actors, recipients=recipients)]))
    assert _pairs(store) == pairs


def test_no_event_disappears(store: Store) -> None:
    write(
        store,
        make_result(
            "d",
            [
                make_event("d", 0, actors=["JPN", "KOR"], recipients=["PRK", "CHN"]),
                make_event("d", 1, actors=["USA"], recipients=[]),
                make_event("d", 2, actors=[], recipients=[]),
            ],
        ),
    )
    con = store.connection
    assert con.execute("SELECT count(*), count(DISTINCT event_id) FROM dyads").fetchone() == (6, 3)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (3,)


def test_a_dyad_carries_both_sides_and_the_event(store: Store) -> None:
    event = make_event(
        "d", cameo="173", actors=["JPN", "KORGOV"], recipients=["PRKMIL"], event_type="COERCE"
    )
    write(store, make_result("d", [event]))
    row = store.query_dyads(actor="KOR")[0]
    assert row == {
        "event_id": "d:0:0",
        "doc_id": "d",
        "sentence_index": 0,
        "date": date(2024, 3, 25),
        "date_precision": "day",
        "actor_idx": 1,
        "actor_code": "KORGOV",
        "actor_country": "KOR",
        "actor_sector": "GOV",
        "actor_name": "South Korea",
        "recipient_idx": 0,
        "recipient_code": "PRKMIL",
        "recipient_country": "PRK",
        "recipient_sector": "MIL",
        "recipient_name": "North Korea",
        "cameo": "173",
        "cameo_root": "17",
        "quad_class": 1,
        "goldstein": 4.0,
        "event_type": "COERCE",
        "mode": None,
        "plover_score": 2.5,
        "negated": False,
        "hypothetical": False,
        "future": False,
        "reported": True,
        "historical": False,
    }


@pytest.fixture
def filled(store: Store) -> Store:
    write(
        store,
        make_result(
            "a",
            [
                make_event("a", 0, cameo="036", actors=["JPNGOV"], recipients=["PRKGOV"]),
                make_event(
                    "a",
                    1,
                    cameo="173",
                    actors=["JPN", "KOR"],
                    recipients=["PRK"],
                    when=date(2024, 3, 20),
                    event_type="COERCE",
                ),
                make_event(
                    "a",
                    2,
                    cameo="042",
                    actors=["PRK"],
                    recipients=["JPN"],
                    when=None,
                    flags=Flags(negated=True),
                ),
            ],
        ),
    )
    write(store, make_result("b", [make_event("b", actors=["USA"], recipients=[])]))
    return store


@pytest.mark.parametrize(
    ("filters", "pairs"),
    [
        ({}, [("JPN", "PRK"), ("KOR", "PRK"), ("JPNGOV", "PRKGOV"), ("USA", None), ("PRK", "JPN")]),
        ({"actor": "jpn"}, [("JPN", "PRK"), ("JPNGOV", "PRKGOV")]),
        ({"actor": "JPNGOV"}, [("JPNGOV", "PRKGOV")]),
        ({"actor": "JPN", "recipient": "PRK"}, [("JPN", "PRK"), ("JPNGOV", "PRKGOV")]),
        ({"recipient": "JPN"}, [("PRK", "JPN")]),
        ({"since": date(2024, 3, 21)}, [("JPNGOV", "PRKGOV"), ("USA", None)]),
        ({"until": date(2024, 3, 20)}, [("JPN", "PRK"), ("KOR", "PRK")]),
        ({"cameo": "17"}, [("JPN", "PRK"), ("KOR", "PRK")]),
        ({"event_type": "coerce"}, [("JPN", "PRK"), ("KOR", "PRK")]),
        ({"doc_id": "b"}, [("USA", None)]),
        ({"include_flagged": False, "actor": "PRK"}, []),
        ({"limit": 1}, [("JPN", "PRK")]),
        ({"limit": 0}, []),
    ],
)
def test_query_dyads_filters(filled: Store, filters: dict[str, object], pairs: list) -> None:
    assert _pairs(filled, **filters) == pairs


def test_query_dyads_refuses_a_negative_limit(store: Store) -> None:
    with pytest.raises(ValueError, match="limit"):
        store.query_dyads(limit=-1)


def test_filter_values_are_parameters_not_sql(filled: Store) -> None:
    assert filled.query_dyads(actor="JPN' OR 1=1 --") == []


def test_rewritten_document_rewrites_its_dyads(store: Store) -> None:
    write(store, make_result("d", [make_event("d", actors=["JPN", "KOR"])]))
    write(store, make_result("d", [make_event("d", actors=["USA"])]))
    assert _pairs(store) == [("USA", "PRKGOV")]


# -- an existing database is upgraded in place ---------------------------------------------------


def _previous() -> tuple[migrations.Migration, ...]:
    names = [m.name for m in MIGRATIONS]
    return MIGRATIONS[: names.index("0002_dyads")]


def _old_store(path: Path) -> None:
    """A store as the previous Heron left it: migrated up to 0001, with one compound event."""
    con = duckdb.connect(str(path))
    assert migrations.migrate(con, _previous()) == ["0001_initial"]
    con.execute(
        "INSERT INTO documents (doc_id, content_hash, status, n_events) "
        "VALUES ('old', 'h', 'coded', 1)"
    )
    con.execute(
        "INSERT INTO events (event_id, doc_id, sentence_index, date, cameo, cameo_root, "
        "quad_class, goldstein, event_type, negated, hypothetical, future, reported, historical, "
        "actor_code, actor_country, recipient_code, recipient_country, record) VALUES "
        "('old:0:0', 'old', 0, DATE '2019-06-30', '040', '04', 1, 1.0, 'CONSULT', "
        "false, false, false, false, false, 'USAGOV', 'USA', 'PRKGOV', 'PRK', '{}')"
    )
    con.execute(
        "INSERT INTO actors (event_id, role, idx, text, name, country, sector, code) VALUES "
        "('old:0:0', 'actor', 0, 'Trump', 'Donald Trump', 'USA', 'GOV', 'USAGOV'), "
        "('old:0:0', 'actor', 1, 'Moon', 'Moon Jae-in', 'KOR', 'GOV', 'KORGOV'), "
        "('old:0:0', 'recipient', 0, 'Kim', 'Kim Jong-un', 'PRK', 'GOV', 'PRKGOV')"
    )
    con.close()


def test_old_store_is_upgraded_in_place_and_finds_its_dyads(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_store(path)
    with pytest.raises(StoreError, match=r"needs migrating.*0002_dyads"):
        Store(path, read_only=True)
    with Store(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert [(d["actor_name"], d["recipient_name"]) for d in store.query_dyads()] == [
            ("Donald Trump", "Kim Jong-un"),
            ("Moon Jae-in", "Kim Jong-un"),
        ]
        assert store.query_dyads(actor="KOR")[0]["date"] == date(2019, 6, 30)
        assert store.counts()["events"] == 1
    with Store(path, read_only=True) as reader:  # upgraded once, readable by all
        assert len(reader.query_dyads(recipient="PRK")) == 2


# -- the docs ------------------------------------------------------------------------------------


def test_format_md_names_every_dyads_column(store: Store) -> None:
    text = FORMAT.read_text(encoding="utf-8")
    paragraph = text[text.index("**`dyads`**") :].split("\n\n")[0]
    named = set(re.findall(r"`([a-z_]+)`", paragraph))
    columns = [d[0] for d in store.connection.execute("SELECT * FROM dyads").description]
    assert set(columns) <= named


def test_format_md_sql_example_runs(filled: Store) -> None:
    text = FORMAT.read_text(encoding="utf-8")
    sql = re.search(r"```sql\n(.*?)```", text, re.S)
    assert sql
    rows = filled.connection.execute(sql.group(1)).fetchall()
    assert [(str(month), quad, n) for month, quad, n in rows] == [("2024-03", 1, 2)]
