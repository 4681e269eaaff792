"""CSV rows: the columns derived from heron.schema are the columns CSV users have always had."""

from __future__ import annotations

import csv
import io
import json

from contract_example import contract_event

from heron.records import Actor, Place
from heron.sinks import CSV_COLUMNS, flat, write_csv, write_json, write_jsonl

# the CSV header of Heron 0.1, before the columns were derived: names and order must not move
CSV_COLUMNS_0_1 = (
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    "date_text",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "event_type",
    "mode",
    "context",
    "actor_text",
    "actor_code",
    "actor_country",
    "actor_sector",
    "recipient_text",
    "recipient_code",
    "recipient_country",
    "recipient_sector",
    "trigger",
    "location",
    "negated",
    "hypothetical",
    "future",
    "reported",
    "historical",
    "confidence",
    "sentence",
)


def test_derived_csv_columns_are_the_old_ones() -> None:
    assert CSV_COLUMNS == CSV_COLUMNS_0_1


def test_flat_row_joins_compound_actors_position_by_position() -> None:
    unknown = Actor("the rebels", 0, 10)
    rec = contract_event(
        actor=(Actor("Japan", 0, 5, "Japan", "JPN", "GOV"), unknown),
        context=("diplomatic", "economic"),
        location=Place("Seoul", "KOR", None, 37.5, 127.0, 20, 25),
    ).to_dict()
    row = flat(rec)
    assert list(row) == list(CSV_COLUMNS_0_1)
    assert row["actor_text"] == "Japan;the rebels"
    assert row["actor_code"] == "JPNGOV;"
    assert row["actor_sector"] == "GOV;"
    assert row["recipient_country"] == "PRK"
    assert row["context"] == "diplomatic;economic"
    assert (row["trigger"], row["location"], row["sentence"]) == (
        "offered to meet",
        "Seoul",
        "North Korea yesterday said …",
    )
    assert (row["negated"], row["reported"]) == (False, True)


def test_csv_file_of_an_event_without_place_or_recipient() -> None:
    rec = contract_event(recipient=(), date=None, date_precision=None, date_text=None).to_dict()
    out = io.StringIO()
    assert write_csv([rec], out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == CSV_COLUMNS_0_1
    assert row == [
        "doc42:3:0",
        "doc42",
        "3",
        "",
        "",
        "",
        "036",
        "03",
        "4.0",
        "1",
        "AGREE",
        "",
        "diplomatic",
        "Japanese Prime Minister Fumio Kishida",
        "JPNGOV",
        "JPN",
        "GOV",
        "",
        "",
        "",
        "",
        "offered to meet",
        "",
        "False",
        "False",
        "False",
        "True",
        "False",
        "0.82",
        "North Korea yesterday said …",
    ]


def test_json_writers_keep_the_contract_order() -> None:
    rec = contract_event().to_dict()
    lines, array = io.StringIO(), io.StringIO()
    write_jsonl([rec], lines)
    write_json([rec], array)
    assert list(json.loads(lines.getvalue())) == list(rec)
    assert list(json.loads(array.getvalue())[0]) == list(rec)
