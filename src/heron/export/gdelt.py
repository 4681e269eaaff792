"""GDELT 2.0: the Events table (61 tab-separated columns, no header) and the Mentions table (16).

A GDELT user's loader — ``pandas.read_csv(path, sep="\\t", header=None, names=GDELT_COLUMNS)`` —
reads these files unchanged. Like GDELT, one row is one actor → recipient pair: an event with two
actors is two rows (``GLOBALEVENTID`` differs; ``SOURCEURL`` and the date are the same). Actor
codes are CAMEO's (country + role, ``JPNGOV``; CAMEO's own country codes where they differ from
ISO, ``ROM`` for Romania; media ``MED`` and health ``HLH`` as CAMEO spells them), the quad class is
GDELT's convention, geography is the gazetteer's with FIPS 10-4 country codes.

``NumMentions``, ``NumSources`` and ``NumArticles`` come from the counts the caller passes (the
analytics' event clusters); without them every event is one mention in one article of one source.
"""

from __future__ import annotations

from heron.export.query import PUBLISHER, numeric_id
from heron.export.spec import UNDATED, ExportColumn, ExportFormat, Layout, Options, Rows, col

_GID = (
    "the first 52 bits of the MD5 of Heron's event id (of `event_id/actor-recipient` for an "
    "event's second and later dyads): stable across exports (two rows share one by chance "
    "with a probability of about n² / 2⁵³: 1 in 9,000 for a million rows)"
)
_NO_ACTOR = "empty when the event has no actor on this side"


def _actor(n: int, s: str) -> tuple[ExportColumn, ...]:
    side = "actor" if s == "a" else "recipient"
    p = f"Actor{n}"
    return (
        col(f"{p}Code", "VARCHAR", f"x.{s}_cameo_code",
            f"the {side}'s CAMEO code: country (CAMEO's spelling) or international type "
            "(IGO, NGO, MNC, IGOUNO …) + CAMEO role", _NO_ACTOR),
        col(f"{p}Name", "VARCHAR", f"upper(x.{s}_label)",
            f"the {side}'s canonical name, else its country's name, else its words; in capitals",
            _NO_ACTOR),
        col(f"{p}CountryCode", "VARCHAR", f"x.{s}_cameo_country",
            f"the {side}'s country as a CAMEO country code", "empty for non-state actors"),
        col(f"{p}KnownGroupCode", "VARCHAR", f"x.{s}_known_group",
            "CAMEO known-group code: UNO for the United Nations, EEC for the European Union",
            "empty for other actors: Heron codes other organisations only as IGO/NGO/MNC"),
        col(f"{p}EthnicCode", "VARCHAR", "NULL", "—",
            "always empty: Heron does not code ethnicity"),
        col(f"{p}Religion1Code", "VARCHAR", "NULL", "—",
            "always empty: Heron does not code religion"),
        col(f"{p}Religion2Code", "VARCHAR", "NULL", "—", "always empty"),
        col(f"{p}Type1Code", "VARCHAR", f"x.{s}_cameo_type",
            "the international type of a non-state actor, else the CAMEO role of the "
            "PLOVER sector", "empty when the sector has no CAMEO role (PRM, PTY, PRE, REL, SOC, "
            "UNK) or is unknown"),
        col(f"{p}Type2Code", "VARCHAR", f"x.{s}_cameo_type2",
            "the CAMEO role of a non-state actor's sector", "empty for state actors"),
        col(f"{p}Type3Code", "VARCHAR", "NULL", "—", "always empty: Heron gives one sector"),
    )  # fmt: skip


def _geo(p: str, *, action: bool) -> tuple[ExportColumn, ...]:
    if not action:
        none = "always empty: Heron places the event, not each actor"
        return (
            col(f"{p}_Type", "INTEGER", "0", "0 (no place)", none),
            *(
                col(f"{p}_{name}", t, "NULL", "—", none)
                for name, t in (
                    ("FullName", "VARCHAR"),
                    ("CountryCode", "VARCHAR"),
                    ("ADM1Code", "VARCHAR"),
                    ("ADM2Code", "VARCHAR"),
                    ("Lat", "DOUBLE"),
                    ("Long", "DOUBLE"),
                    ("FeatureID", "VARCHAR"),
                )
            ),
        )
    no_place = "empty when the event has no place"
    return (
        col(f"{p}_Type", "INTEGER", "x.geo_type",
            "the gazetteer entry's kind: 1 country, 2 US state, 3 US city, 4 world city, "
            "5 region (West Bank, Crimea …)", "0 when the event has no place"),
        col(f"{p}_FullName", "VARCHAR", "x.geo_fullname",
            "`City, State, Country` (the state for US places only), `Region, Country`, or the "
            "country", no_place),
        col(f"{p}_CountryCode", "VARCHAR", "x.geo_fips",
            "the place's country as a FIPS 10-4 code (GeoNames' table)", no_place),
        col(f"{p}_ADM1Code", "VARCHAR", "x.geo_adm1",
            "FIPS country + GeoNames admin1 code (`USTX`; for most countries GeoNames' admin1 "
            "codes are FIPS's; a few, e.g. France and the UK, use other national codes)",
            no_place),
        col(f"{p}_ADM2Code", "VARCHAR", "NULL", "—", "always empty: no second-level regions"),
        col(f"{p}_Lat", "DOUBLE", "x.lat", "the gazetteer's latitude",
            "empty with no place, and for US states and regions"),
        col(f"{p}_Long", "DOUBLE", "x.lon", "the gazetteer's longitude",
            "empty with no place, and for US states and regions"),
        col(f"{p}_FeatureID", "VARCHAR", "x.geo_feature",
            "for countries the FIPS code, for US states the ADM1 code (as GDELT writes them)",
            "empty for cities and regions: Heron keeps no GNS/GNIS feature ids"),
    )  # fmt: skip


def event_columns(_options: Options) -> tuple[ExportColumn, ...]:
    return (
        col("GLOBALEVENTID", "BIGINT", numeric_id("x.row_key"), _GID),
        col("SQLDATE", "INTEGER", "CAST(strftime(x.date, '%Y%m%d') AS INTEGER)",
            "the event date as YYYYMMDD (the first day for month and year precision)"),
        col("MonthYear", "INTEGER", "CAST(strftime(x.date, '%Y%m') AS INTEGER)", "YYYYMM"),
        col("Year", "INTEGER", "year(x.date)", "YYYY"),
        col("FractionDate", "DOUBLE",
            "round(year(x.date) + (month(x.date) * 30 + day(x.date)) / 365.0, 4)",
            "YYYY.FFFF with FFFF = (month × 30 + day) / 365, as GDELT computes it"),
        *_actor(1, "a"),
        *_actor(2, "r"),
        col("IsRootEvent", "INTEGER",
            "CASE WHEN x.story = 0 AND x.sentence_index = 0 THEN 1 ELSE 0 END",
            "1 for the first coded sentence of the page's main story (GDELT: the lead "
            "paragraph), else 0"),
        col("EventCode", "VARCHAR", "x.cameo", "the CAMEO code, a string with its leading zero"),
        col("EventBaseCode", "VARCHAR", "substr(x.cameo, 1, 3)",
            "its first three digits (`0841` → `084`)"),
        col("EventRootCode", "VARCHAR", "x.cameo_root", "its first two digits"),
        col("QuadClass", "INTEGER", "x.quad_class",
            "GDELT's convention: roots 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4"),
        col("GoldsteinScale", "DOUBLE", "x.goldstein", "GDELT's Goldstein value of the code",
            "empty for the five codes GDELT's table lacks (155, 176, 1834, 1951, 1952)"),
        col("NumMentions", "INTEGER", "x.num_mentions",
            "the mentions of the event in the counts passed by the caller (the analytics' "
            "clusters)", "1 when none are passed"),
        col("NumSources", "INTEGER", "x.num_sources", "likewise, distinct sources",
            "1 when none are passed"),
        col("NumArticles", "INTEGER", "x.num_articles", "likewise, distinct documents",
            "1 when none are passed"),
        col("AvgTone", "DOUBLE", "NULL", "—", "always empty: Heron does not measure tone"),
        *_geo("Actor1Geo", action=False),
        *_geo("Actor2Geo", action=False),
        *_geo("ActionGeo", action=True),
        col("DATEADDED", "BIGINT", "CAST(strftime(x.doc_coded_at, '%Y%m%d%H%M%S') AS BIGINT)",
            "when the document was coded, YYYYMMDDHHMMSS (UTC)"),
        col("SOURCEURL", "VARCHAR", "coalesce(x.doc_url, x.doc_id)",
            "the document's URL, else its id (the file's path)"),
    )  # fmt: skip


def mention_columns(_options: Options) -> tuple[ExportColumn, ...]:
    return (
        col("GLOBALEVENTID", "BIGINT", numeric_id("x.row_key"),
            "the event's GLOBALEVENTID in the Events file"),
        col("EventTimeDate", "BIGINT", "CAST(strftime(x.doc_coded_at, '%Y%m%d%H%M%S') AS BIGINT)",
            "the event's DATEADDED"),
        col("MentionTimeDate", "BIGINT",
            "CAST(strftime(x.doc_coded_at, '%Y%m%d%H%M%S') AS BIGINT)",
            "when this document was coded, YYYYMMDDHHMMSS (UTC)"),
        col("MentionType", "INTEGER", "CASE WHEN x.doc_url IS NULL THEN 2 ELSE 1 END",
            "1 (WEB) when the document has a URL, else 2 (CITATIONONLY: the identifier is the "
            "document's id)"),
        col("MentionSourceName", "VARCHAR", PUBLISHER,
            "the document's source, else its URL's host name (`example.org`)",
            "empty when the document has neither"),
        col("MentionIdentifier", "VARCHAR", "coalesce(x.doc_url, x.doc_id)",
            "the document's URL, else its id"),
        col("SentenceID", "INTEGER", "x.sentence_index + 1",
            "the sentence's position among the document's coded sentences, from 1"),
        col("Actor1CharOffset", "INTEGER", "coalesce(x.a_start, -1)",
            "where the actor's words start in the document", "-1 with no actor"),
        col("Actor2CharOffset", "INTEGER", "coalesce(x.r_start, -1)",
            "where the recipient's words start", "-1 with no recipient"),
        col("ActionCharOffset", "INTEGER", "x.trigger_start", "where the trigger starts"),
        col("InRawText", "INTEGER", "1",
            "1: every span Heron codes is in the text as given (offsets into the raw text)"),
        col("Confidence", "INTEGER", "CAST(round(x.confidence * 100) AS INTEGER)",
            "Heron's confidence as a percentage"),
        col("MentionDocLen", "INTEGER", "NULL", "—",
            "always empty: the store keeps no document lengths"),
        col("MentionDocTone", "DOUBLE", "NULL", "—", "always empty: Heron does not measure tone"),
        col("MentionDocTranslationInfo", "VARCHAR", "NULL", "—",
            "always empty: Heron codes English as written"),
        col("Extras", "VARCHAR", "NULL", "—", "always empty (reserved by GDELT)"),
    )  # fmt: skip


_GDELT_TEXT = (".tsv", ".csv", ".txt", ".tab")

EVENTS = ExportFormat(
    name="gdelt",
    title="GDELT 2.0 Events",
    summary="the 61 tab-separated columns of GDELT 2.0's Events table, no header row",
    layout=Layout.TSV,
    extensions=_GDELT_TEXT,
    columns=event_columns,
    rows=lambda _o: Rows.DYADS,
    header=False,
    requires=(UNDATED,),
    reference="gdelt/gdelt2_events_schema.tsv",
    infer=False,
)

MENTIONS = ExportFormat(
    name="gdelt-mentions",
    title="GDELT 2.0 Mentions",
    summary="the 16 tab-separated columns of GDELT 2.0's Mentions table, no header row: one "
    "mention per Events row",
    layout=Layout.TSV,
    extensions=_GDELT_TEXT,
    columns=mention_columns,
    rows=lambda _o: Rows.DYADS,
    header=False,
    requires=(UNDATED,),
    reference="gdelt/gdelt2_mentions_schema.tsv",
    infer=False,
)
