"""ICEWS coded-event files: the 20 columns of the ICEWS Dataverse ``events.*.tab`` files.

Tab-separated with a header row, UTF-8, one row per actor → recipient pair like ICEWS. ICEWS
names countries and sectors in words: countries by their GeoNames names ("North Korea"), sectors
by the names of the nearest ICEWS sectors and their parents ("Police,Government"), from
``data/export/codes.yaml``. Intensity is ICEWS's own Goldstein variant.
"""

from __future__ import annotations

from heron.export.query import PUBLISHER, numeric_id
from heron.export.spec import UNDATED, ExportColumn, ExportFormat, Layout, Options, Rows, col


def _name(s: str) -> str:
    """ICEWS's actor name: the canonical name ("Fumio Kishida"), else "Sector (Country)" as ICEWS
    writes unnamed actors ("Police (India)"), else the country, else the words."""
    return (
        f"coalesce(x.{s}_name, CASE WHEN x.{s}_icews_first IS NOT NULL AND x.{s}_country_name "
        f"IS NOT NULL THEN x.{s}_icews_first || ' (' || x.{s}_country_name || ')' END, "
        f"x.{s}_country_name, x.{s}_text)"
    )


def _side(label: str, s: str) -> tuple[ExportColumn, ...]:
    who = "actor" if s == "a" else "recipient"
    none = f"empty when the event has no {who}"
    return (
        col(f"{label} Name", "VARCHAR", _name(s),
            f"the {who}'s canonical name, else `Sector (Country)`, else its country's name, "
            "else its words", none),
        col(f"{label} Sectors", "VARCHAR", f"x.{s}_icews_sectors",
            "ICEWS sector names for the PLOVER sector, comma-separated, parents last "
            "(`Police,Government`)", f"{none} or its sector is unknown (or PRE/UNK)"),
        col(f"{label} Country", "VARCHAR", f"x.{s}_country_name",
            "the country's name (GeoNames)", f"{none}, and for organisations (IGO, NGO, MNC …)"),
    )  # fmt: skip


def columns(_options: Options) -> tuple[ExportColumn, ...]:
    return (
        col("Event ID", "BIGINT", numeric_id("x.row_key"),
            "the first 52 bits of the MD5 of Heron's event id (of `event_id/actor-recipient` for "
            "an event's second and later dyads)"),
        col("Event Date", "DATE", "x.date", "the event date, YYYY-MM-DD"),
        *_side("Source", "a"),
        col("Event Text", "VARCHAR", "x.cameo_name",
            "the CAMEO code's name (ICEWS's codebook, else the CAMEO manual)"),
        col("CAMEO Code", "VARCHAR", "x.cameo", "the CAMEO code, a string with its leading zero"),
        col("Intensity", "DOUBLE", "coalesce(x.icews_intensity, x.goldstein)",
            "ICEWS's Goldstein value of the code (it differs from GDELT's on 016, 022, 164, 165)",
            "empty for the five codes neither table has"),
        *_side("Target", "r"),
        col("Story ID", "BIGINT", numeric_id("x.doc_id"),
            "the first 52 bits of the MD5 of the document id (ICEWS story ids are numbers; "
            "the id itself is in CSV, Parquet and JSON)"),
        col("Sentence Number", "INTEGER", "x.sentence_index + 1",
            "the sentence's position among the document's coded sentences, from 1"),
        col("Publisher", "VARCHAR", PUBLISHER, "the document's source, else its URL's host name",
            "empty when the document has neither"),
        col("City", "VARCHAR", "x.geo_city", "the place when it is a city",
            "empty otherwise"),
        col("District", "VARCHAR", "NULL", "—", "always empty: no second-level regions"),
        col("Province", "VARCHAR", "x.geo_province",
            "the US state of a US place, or the place when it is a US state",
            "empty elsewhere: Heron keeps admin1 codes, not names, outside the US"),
        col("Country", "VARCHAR", "x.geo_country_name", "the place's country (GeoNames name)",
            "empty when the event has no place"),
        col("Latitude", "DOUBLE", "x.lat", "the gazetteer's latitude",
            "empty with no place, and for US states and regions"),
        col("Longitude", "DOUBLE", "x.lon", "the gazetteer's longitude",
            "empty with no place, and for US states and regions"),
    )  # fmt: skip


ICEWS = ExportFormat(
    name="icews",
    title="ICEWS",
    summary="the 20 columns of ICEWS's coded-event files, tab-separated with a header row",
    layout=Layout.TSV,
    extensions=(".tab", ".tsv", ".txt", ".csv"),
    columns=columns,
    rows=lambda _o: Rows.DYADS,
    requires=(UNDATED,),
    reference="schemas/icews_events_columns.tsv",
    infer=False,
)
