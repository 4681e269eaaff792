"""Phoenix (OEDA): the 26 columns of the Phoenix event data, tab-separated with a header row.

Phoenix writes CAMEO actor codes split into entity (country or international type) and role,
and its PentaClass: 0 for statements and appeals (roots 01–02), then the four quad classes
under the ICEWS/Phoenix convention (03–05, 06–08, 09–13, 14–20). One row per actor → recipient.
"""

from __future__ import annotations

from heron.export.query import PUBLISHER
from heron.export.spec import UNDATED, ExportColumn, ExportFormat, Layout, Options, Rows, col


def _side(label: str, s: str) -> tuple[ExportColumn, ...]:
    who = "actor" if s == "a" else "recipient"
    none = f"empty when the event has no {who}"
    return (
        col(f"{label}ActorFull", "VARCHAR", f"x.{s}_cameo_code",
            f"the {who}'s CAMEO code (`JPNGOV`, `IGOUNO`)", none),
        col(f"{label}ActorEntity", "VARCHAR",
            f"coalesce(x.{s}_cameo_country, x.{s}_cameo_type || coalesce(x.{s}_known_group, ''))",
            "its country (CAMEO code) or international type and group (`IGOUNO`)", none),
        col(f"{label}ActorRole", "VARCHAR", f"x.{s}_cameo_role",
            "the CAMEO role of its PLOVER sector", f"{none} or its sector has no CAMEO role"),
        col(f"{label}ActorAttribute", "VARCHAR", "NULL", "—",
            "always empty: Heron codes no attributes"),
    )  # fmt: skip


def columns(_options: Options) -> tuple[ExportColumn, ...]:
    return (
        col("EventID", "VARCHAR", "x.row_key",
            "Heron's event id (`event_id/actor-recipient` for an event's second and later "
            "dyads)"),
        col("Date", "INTEGER", "CAST(strftime(x.date, '%Y%m%d') AS INTEGER)",
            "the event date as YYYYMMDD"),
        col("Year", "INTEGER", "year(x.date)", "YYYY"),
        col("Month", "INTEGER", "month(x.date)", "1–12"),
        col("Day", "INTEGER", "day(x.date)", "1–31"),
        *_side("Source", "a"),
        *_side("Target", "r"),
        col("EventCode", "VARCHAR", "x.cameo", "the CAMEO code, a string with its leading zero"),
        col("EventRootCode", "VARCHAR", "x.cameo_root", "its first two digits"),
        col("PentaClass", "INTEGER", "x.penta",
            "0 roots 01–02, 1 roots 03–05, 2 roots 06–08, 3 roots 09–13, 4 roots 14–20"),
        col("GoldsteinScore", "DOUBLE", "x.goldstein", "GDELT's Goldstein value of the code",
            "empty for the five codes GDELT's table lacks"),
        col("Issues", "VARCHAR", "nullif(array_to_string(x.context, ';'), '')",
            "Heron's PLOVER contexts, `;`-joined (PLOVER's contexts, not Phoenix's issue "
            "dictionary)", "empty when the event has none"),
        col("Lat", "DOUBLE", "x.lat", "the gazetteer's latitude",
            "empty with no place, and for US states and regions"),
        col("Lon", "DOUBLE", "x.lon", "the gazetteer's longitude",
            "empty with no place, and for US states and regions"),
        col("LocationName", "VARCHAR", "x.location_name", "the place's name",
            "empty when the event has no place"),
        col("StateName", "VARCHAR", "x.geo_province",
            "the US state of a US place, or the place when it is a US state",
            "empty elsewhere: no admin1 names outside the US"),
        col("CountryCode", "VARCHAR", "x.location_country", "the place's country, ISO 3166 "
            "alpha-3", "empty when the event has no place"),
        col("SentenceID", "VARCHAR", "x.doc_id || '-' || (x.sentence_index + 1)",
            "document id `-` the sentence's position among its coded sentences, from 1"),
        col("URLs", "VARCHAR", "x.doc_url", "the document's URL", "empty when it has none"),
        col("NewsSources", "VARCHAR", PUBLISHER,
            "the document's source, else its URL's host name",
            "empty when the document has neither"),
    )  # fmt: skip


PHOENIX = ExportFormat(
    name="phoenix",
    title="Phoenix",
    summary="the 26 columns of the Phoenix/OEDA event data, tab-separated with a header row",
    layout=Layout.TSV,
    extensions=(".tsv", ".txt", ".tab", ".csv"),
    columns=columns,
    rows=lambda _o: Rows.DYADS,
    requires=(UNDATED,),
    reference="schemas/phoenix_columns.tsv",
    infer=False,
)
