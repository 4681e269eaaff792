"""Every export format on hand-built events: columns as the references list them, values of the
documented types, dyads, what is left out and why, empty results, file names."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from export_factories import TOKYO, actor, event, store_with

from heron.cli.common import Format
from heron.errors import ExportError
from heron.export import FORMATS, export_events, get_format, target
from heron.export.docs import document
from heron.export.spec import Options
from heron.records import Flags
from heron.sinks import CSV_COLUMNS
from heron.store import EventFilter

ROOT = Path(__file__).resolve().parents[2]
TEXT_NAME = {"parquet": "x.parquet", "json": "x.json", "jsonl": "x.jsonl", "plover": "x.jsonl"}

REFERENCES = {
    "gdelt": ("gdelt/gdelt2_events_schema.tsv", 61),
    "gdelt-mentions": ("gdelt/gdelt2_mentions_schema.tsv", 16),
    "icews": ("schemas/icews_events_columns.tsv", 20),
    "phoenix": ("schemas/phoenix_columns.tsv", 26),
    "polecat": ("schemas/polecat_columns.tsv", 40),
}


def _names(fmt: str, options: Options | None = None) -> list[str]:
    return [c.name for c in get_format(fmt).columns(options or Options())]


def _write(tmp_path: Path, fmt: str, *events, name: str | None = None, **kw):
    path = tmp_path / (name or TEXT_NAME.get(fmt, f"x.{fmt}.tsv" if fmt != "csv" else "x.csv"))
    with store_with(*events) as store:
        return export_events(store, path, fmt, **kw), path


def _gdelt(path: Path) -> pd.DataFrame:
    """Read as a GDELT user does: tab-separated, no header, GDELT's names, codes as strings."""
    names = _names("gdelt")
    codes = {n: str for n in names if n.endswith("Code") and "Geo" not in n}
    return pd.read_csv(path, sep="\t", header=None, names=names, dtype=codes)


@pytest.mark.parametrize("fmt", sorted(REFERENCES))
def test_columns_match_the_reference_in_count_and_order(fmt, reference_columns):
    ref, count = REFERENCES[fmt]
    assert _names(fmt) == reference_columns(ref)
    assert len(_names(fmt)) == count


def test_plover_record_has_the_required_fields_and_only_plover_fields(reference_columns):
    fields = reference_columns("plover/plover_json_fields.tsv")
    names = _names("plover")
    assert set(names) <= set(fields)
    assert {"id", "date", "actor", "event"} <= set(names)


def test_csv_columns_are_heron_code_csv_columns():
    assert tuple(_names("csv")) == CSV_COLUMNS
    assert _names("csv", Options(explode=True))[-2:] == ["actor_idx", "recipient_idx"]
    assert _names("parquet")[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)


def test_the_cli_offers_every_export_format():
    assert {f.value for f in Format} - {"table"} == set(FORMATS)


def test_format_docs_are_up_to_date():
    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    assert document(text) == text, "run: uv run python -m heron.export.docs docs/FORMAT.md"


def test_gdelt_reads_with_a_gdelt_loader_and_types(tmp_path):
    result, path = _write(tmp_path, "gdelt", event(location=TOKYO))
    df = _gdelt(path)
    assert len(df) == result.rows == 1
    row = df.iloc[0]
    assert df["SQLDATE"].dtype.kind == "i" and row["SQLDATE"] == 20240325
    assert (row["MonthYear"], row["Year"]) == (202403, 2024)
    assert row["FractionDate"] == pytest.approx(2024 + (3 * 30 + 25) / 365, abs=1e-4)
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("036", "036", "03")
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "JPNGOV",
        "JPN",
        "GOV",
    )
    assert (row["Actor2Code"], row["Actor1Name"]) == ("PRKGOV", "JAPAN")
    assert (row["QuadClass"], row["GoldsteinScale"], row["NumMentions"]) == (1, 4.0, 1)
    assert row["ActionGeo_Type"] == 4 and row["ActionGeo_CountryCode"] == "JA"  # FIPS, not ISO
    assert row["ActionGeo_ADM1Code"] == "JA40" and row["ActionGeo_FullName"] == "Tokyo, Japan"
    assert row["Actor1Geo_Type"] == 0
    assert str(row["DATEADDED"]).startswith(str(date.today().year))
    assert len(str(row["DATEADDED"])) == 14
    assert row["SOURCEURL"] == "https://www.example.org/doc1"


def test_gdelt_writes_cameo_codes_not_iso_and_not_plover():
    path = None
    store = store_with(
        event(0, actors=("ROUJRN",), recipients=("UNO",)),
        event(1, actors=("---REB",), recipients=("IGOMED",)),
    )
    with store:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "g.tsv"
            export_events(store, path, "gdelt")
            df = _gdelt(path)
    first, second = df.iloc[0], df.iloc[1]
    assert (first["Actor1Code"], first["Actor1CountryCode"], first["Actor1Type1Code"]) == (
        "ROMMED",
        "ROM",
        "MED",
    )
    assert (first["Actor2Code"], first["Actor2KnownGroupCode"], first["Actor2Type1Code"]) == (
        "IGOUNO",
        "UNO",
        "IGO",
    )
    assert pd.isna(first["Actor2CountryCode"])
    assert (second["Actor1Code"], second["Actor1Type1Code"]) == ("REB", "REB")
    assert (second["Actor2Code"], second["Actor2Type2Code"]) == ("IGOHLH", "HLH")


def test_an_event_with_two_actors_is_two_rows_with_their_own_ids(tmp_path):
    result, path = _write(tmp_path, "gdelt", event(actors=("JPNGOV", "KORGOV")))
    df = _gdelt(path)
    assert (result.events, result.rows) == (1, 2)
    assert list(df["Actor1CountryCode"]) == ["JPN", "KOR"]
    assert df["GLOBALEVENTID"].is_unique and df["SOURCEURL"].nunique() == 1
    _, mentions = _write(tmp_path, "gdelt-mentions", event(actors=("JPNGOV", "KORGOV")))
    m = pd.read_csv(mentions, sep="\t", header=None, names=_names("gdelt-mentions"))
    assert set(m["GLOBALEVENTID"]) == set(df["GLOBALEVENTID"])
    assert list(m["Actor1CharOffset"]) == [0, 10]
    assert (m["MentionType"].iloc[0], m["MentionSourceName"].iloc[0]) == (1, "Test Wire")
    assert (m["SentenceID"].iloc[0], m["Confidence"].iloc[0]) == (1, 82)


def test_counts_fill_gdelt_mentions_columns(tmp_path):
    _, path = _write(tmp_path, "gdelt", event(0), event(1), counts={"doc1:1:0": (5, 2, 3)})
    df = _gdelt(path)
    assert list(df["NumMentions"]) == [1, 5]
    assert list(df["NumSources"]) == [1, 2] and list(df["NumArticles"]) == [1, 3]


def test_undated_and_flagged_events_are_left_out_of_flagless_formats_and_counted(tmp_path):
    evs = (
        event(0),
        event(1, when=None),
        event(2, flags=Flags(negated=True)),
        event(3, flags=Flags(future=True)),
    )
    result, _ = _write(tmp_path, "icews", *evs)
    assert result.events == 2
    assert list(result.left_out.values()) == [1, 1]
    kept, _ = _write(tmp_path, "icews", *evs, flagged=True)
    assert kept.events == 3
    strict, _ = _write(tmp_path, "icews", *evs, flagged=False)
    assert strict.events == 1
    csv_result, _ = _write(tmp_path, "csv", *evs)
    assert csv_result.events == 4 and not csv_result.left_out


def test_statements_are_left_out_of_plover_formats(tmp_path):
    result, path = _write(tmp_path, "polecat", event(0), event(1, cameo="010", event_type=None))
    df = pd.read_csv(path, sep="\t")
    assert result.events == 1 and list(df["Event Type"]) == ["AGREE"]
    assert any("PLOVER type" in reason for reason in result.left_out)


def test_icews_names_countries_and_sectors_in_words(tmp_path):
    police = actor("KORCOP", 0)
    police = type(police)(police.text, 0, 6, None, "KOR", "COP")
    _, path = _write(tmp_path, "icews", event(actors=(police,), location=TOKYO))
    row = pd.read_csv(path, sep="\t").iloc[0]
    assert row["Source Name"] == "Police (South Korea)"
    assert row["Source Sectors"] == "Police,Government"
    assert (row["Source Country"], row["Target Country"]) == ("South Korea", "North Korea")
    assert row["Event Text"] == "Express intent to meet or negotiate"
    assert (row["CAMEO Code"], row["Event Date"]) == (36, "2024-03-25")  # a loader's guess
    assert (row["City"], row["Country"], row["Publisher"]) == ("Tokyo", "Japan", "Test Wire")


def test_phoenix_pentaclass_follows_the_icews_convention(tmp_path):
    evs = (event(0, cameo="010", event_type=None), event(1, cameo="090"), event(2, cameo="141"))
    _, path = _write(tmp_path, "phoenix", *evs)
    df = pd.read_csv(path, sep="\t", dtype={"EventCode": str})
    assert list(df["EventCode"]) == ["010", "090", "141"]
    assert list(df["PentaClass"]) == [0, 3, 4]
    assert df["Date"].iloc[0] == 20240325 and df["SourceActorFull"].iloc[0] == "JPNGOV"


def test_plover_json_records(tmp_path):
    _, path = _write(tmp_path, "plover", event(location=TOKYO))
    [record] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert (record["id"], record["date"], record["event"]) == ("doc1:0:0", "2024-03-25", ["AGREE"])
    assert record["actor"] == [
        {"code": "JPN", "sector": "GOV", "entity_text": "Japan", "identifier_text": "Japan"}
    ]
    assert record["event_loc"]["extracted_place"] == "Tokyo"
    assert record["event_loc"]["country_code"] == "JPN" and record["quad_code"] == 1
    _, array = _write(tmp_path, "plover", event(), name="x.json")
    assert [r["id"] for r in json.loads(array.read_text(encoding="utf-8"))] == ["doc1:0:0"]


def test_csv_is_heron_csv_and_explodes_into_dyads(tmp_path):
    ev = event(actors=("JPNGOV", "KORGOV"))
    _, path = _write(tmp_path, "csv", ev)
    df = pd.read_csv(path, dtype={"cameo": str})
    assert list(df.columns) == list(CSV_COLUMNS)
    assert (df["actor_code"].iloc[0], df["cameo"].iloc[0]) == ("JPNGOV;KORGOV", "036")
    assert bool(df["negated"].iloc[0]) is False
    _, exploded = _write(tmp_path, "csv", ev, explode=True)
    rows = pd.read_csv(exploded)
    assert list(rows["actor_code"]) == ["JPNGOV", "KORGOV"] and list(rows["actor_idx"]) == [0, 1]


def test_parquet_is_typed(tmp_path):
    _, path = _write(tmp_path, "parquet", event(actors=("JPNGOV", "KORGOV"), location=TOKYO))
    schema = pq.read_schema(path)
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("actor_code").type) == "list<element: string>"
    assert str(schema.field("negated").type) == "bool"
    assert str(schema.field("sentence_index").type) == "int32"
    df = pd.read_parquet(path)
    assert list(df["actor_code"].iloc[0]) == ["JPNGOV", "KORGOV"]
    assert df["lat"].iloc[0] == pytest.approx(35.69)


def test_parquet_partitions_by_month_and_reads_back_as_one_dataset(tmp_path):
    evs = (event(0), event(1, when=date(2023, 12, 1)), event(2, when=None))
    result, path = _write(tmp_path, "parquet", *evs, name="events", partition="month")
    assert (path / "year=2024" / "month=3").is_dir() and (path / "year=2023").is_dir()
    df = pd.read_parquet(path)
    assert sorted(df["event_id"]) == ["doc1:0:0", "doc1:1:0"]
    assert result.left_out  # the undated event, counted


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_result_writes_a_valid_empty_file(tmp_path, fmt):
    result, path = _write(tmp_path, fmt, event(), criteria=EventFilter(actor="FRA", limit=None))
    assert result.rows == 0 and path.exists()
    f = get_format(fmt)
    if fmt == "parquet":
        assert pq.read_table(path).num_rows == 0
        assert pq.read_schema(path).names == _names("parquet")
    elif fmt == "json":
        assert json.loads(path.read_text(encoding="utf-8")) == []
    elif f.header and fmt != "jsonl" and fmt != "plover":
        assert pd.read_csv(path, sep=None, engine="python").columns.tolist() == _names(fmt)
    else:
        assert path.read_text(encoding="utf-8") == ""


def test_empty_partitioned_parquet_is_a_dataset_with_no_rows(tmp_path):
    result, path = _write(tmp_path, "parquet", name="p", partition="year")
    assert result.rows == 0 and pq.read_table(path).num_rows == 0


def test_filters_select_events_and_limit_counts_events(tmp_path):
    evs = (event(0), event(1, actors=("KORGOV",)), event(2, cameo="173", event_type="COERCE"))
    by_actor, _ = _write(tmp_path, "csv", *evs, criteria=EventFilter(actor="KOR", limit=None))
    assert by_actor.events == 1
    by_code, _ = _write(tmp_path, "csv", *evs, criteria=EventFilter(cameo="17", limit=None))
    assert by_code.events == 1
    first, path = _write(tmp_path, "csv", *evs, criteria=EventFilter(limit=2))
    assert first.rows == 2 and len(pd.read_csv(path)) == 2


def test_gzip_names_compress_text(tmp_path):
    _, path = _write(tmp_path, "gdelt", event(), name="x.tsv.gz")
    assert len(pd.read_csv(path, sep="\t", header=None)) == 1


@pytest.mark.parametrize(
    ("fmt", "name", "expected"),
    [
        (None, "e.parquet", "parquet"),
        (None, "e.PQ", "parquet"),
        (None, "e.csv", "csv"),
        (None, "e.json", "json"),
        (None, "e.jsonl", "jsonl"),
        (None, "e.csv.gz", "csv"),
        ("gdelt", "20240326.export.CSV", "gdelt"),
        ("icews", "events.2024.tab", "icews"),
        ("gdelt", "events", "gdelt"),
        ("plover", "events.json", "plover"),
    ],
)
def test_the_file_name_or_the_format_picks_the_format(fmt, name, expected):
    assert target(fmt, Path(name)).format.name == expected


@pytest.mark.parametrize(
    ("fmt", "name", "message"),
    [
        (None, "e.tsv", "several formats"),
        (None, "e.xlsx", "cannot tell"),
        (None, "events", "cannot tell"),
        ("csv", "e.parquet", "names a .parquet file"),
        ("parquet", "e.csv", "names a .csv file"),
        ("gdelt", "e.parquet", "names a .parquet file"),
        (None, "e.parquet.gz", "drop the .gz"),
        ("nope", "e.csv", "unknown export format"),
    ],
)
def test_a_name_heron_cannot_honour_is_an_error(fmt, name, message):
    with pytest.raises(ExportError, match=message):
        target(fmt, Path(name))


def test_options_a_format_does_not_take_are_errors(tmp_path):
    with pytest.raises(ExportError, match="--partition"):
        _write(tmp_path, "csv", event(), partition="year")
    with pytest.raises(ExportError, match="--explode"):
        _write(tmp_path, "plover", event(), explode=True)
