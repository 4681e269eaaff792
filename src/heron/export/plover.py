"""PLOVER: the PLOVER JSON event record (JSON Lines, or a JSON array for ``.json``), and the
tabular columns of POLECAT, the PLOVER-coded dataset (tab-separated with a header row).

Both carry only events with a PLOVER type: CAMEO statements (``01x``) have none, and are left
out (the export says how many). PLOVER codes countries as ISO 3166 alpha-3 and sectors with its
own codes, as Heron does, so actors are written as coded. POLECAT's Quad Code and PLOVER's
``quad_code`` follow the PLOVER type (``data/export/codes.yaml``), not the CAMEO root.
"""

from __future__ import annotations

from heron.export.query import PUBLISHER
from heron.export.spec import (
    UNDATED,
    ExportColumn,
    ExportFormat,
    Layout,
    Options,
    Requirement,
    Rows,
    col,
)

TYPED = Requirement(
    "e.event_type IS NOT NULL", "without a PLOVER type (CAMEO statements, 01x: PLOVER has none)"
)

_ENTITY = 'STRUCT("code" VARCHAR, sector VARCHAR, entity_text VARCHAR, identifier_text VARCHAR)'
_LOC = (
    "STRUCT(extracted_place VARCHAR, resolved_place VARCHAR, lat DOUBLE, lon DOUBLE, "
    "city VARCHAR, province VARCHAR, country VARCHAR, country_code VARCHAR, "
    "feature_code VARCHAR, resolution INTEGER)"
)
_LOC_SQL = """CASE WHEN x.location_name IS NOT NULL THEN {
    'extracted_place': x.geo_raw, 'resolved_place': x.location_name, 'lat': x.lat,
    'lon': x.lon, 'city': x.geo_city, 'province': x.geo_province,
    'country': x.geo_country_name, 'country_code': x.location_country,
    'feature_code': x.geo_feature_type,
    'resolution': CASE x.geo_type WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 5 THEN 2 ELSE 4 END} END"""
_CITE = (
    "STRUCT(citation VARCHAR, url VARCHAR, title VARCHAR, language VARCHAR, "
    "publication VARCHAR, coder VARCHAR, codebook VARCHAR)"
)


def json_columns(_options: Options) -> tuple[ExportColumn, ...]:
    return (
        col("id", "VARCHAR", "x.event_id", "Heron's event id"),
        col("date", "VARCHAR", "strftime(x.date, '%Y-%m-%d')", "the event date, YYYY-MM-DD"),
        col("actor", f"{_ENTITY}[]", "x.al_struct",
            "entity objects: `code` the country (ISO 3166 alpha-3) or non-state code, `sector` "
            "the PLOVER sector, `entity_text` the words, `identifier_text` the canonical name",
            "`[]` when the event has no actor; `identifier_id` (a Wikidata id) is never given: "
            "Heron's knowledge base has none"),
        col("recipient", f"{_ENTITY}[]", "x.rl_struct", "likewise", "`[]` with no recipient"),
        col("event", "VARCHAR[]", "[x.event_type]", "the PLOVER event type, as a one-item list"),
        col("event_loc", _LOC, _LOC_SQL,
            "`extracted_place` the words, `resolved_place` the gazetteer's name, `lat`, `lon`, "
            "`city`, `province` (US states only), `country` (name), `country_code` (ISO3), "
            "`feature_code` (PCLI, ADM1, PPL, RGN), `resolution` (1 country, 2 province or "
            "region, 4 city)", "null when the event has no place; no `geonameid`, `district`"),
        col("event_text", "VARCHAR[]", "[x.trigger_text]", "the trigger's words, as a list"),
        col("quad_code", "INTEGER", "x.plover_quad", "PLOVER's quad code of the type (1–4)"),
        col("event_scale", "DOUBLE", "x.plover_score", "PLOVER's score of the type and mode"),
        col("mode", "VARCHAR[]", "CASE WHEN x.mode IS NULL THEN [] ELSE [x.mode] END",
            "the PLOVER mode, as a list", "`[]` when the code implies none"),
        col("context", "VARCHAR[]", "x.context", "the PLOVER contexts", "`[]` when none"),
        col("text", "VARCHAR", "x.sentence_text",
            "the sentence (drop it before sharing texts you may not redistribute)"),
        col("text_info", "STRUCT(sequence INTEGER, start INTEGER, \"end\" INTEGER)",
            "{'sequence': x.sentence_index + 1, 'start': x.sentence_start, "
            "'end': x.sentence_end}",
            "`sequence` the sentence's position among the coded sentences (from 1), `start` and "
            "`end` its character offsets in the document", "no `text_story`"),
        col("cite_info", _CITE,
            f"{{'citation': x.doc_id, 'url': x.doc_url, 'title': x.doc_title, "
            f"'language': 'en', 'publication': {PUBLISHER}, 'coder': x.coder, "
            f"'codebook': x.codebook}}",
            "`citation` the document id, `url`, `title`, `language` (en), `publication` (the "
            "source), `coder`, `codebook`", "items are null when the document lacks them"),
        col("link", "VARCHAR", "NULL", "—",
            "null: related events are grouped by the analytics' clusters, not yet exported"),
        col("coder", "VARCHAR", "x.coder", "Heron's version"),
        col("coded_date", "VARCHAR", "strftime(x.doc_coded_at, '%Y-%m-%d')",
            "when the document was coded"),
    )  # fmt: skip


def _side(label: str, s: str) -> tuple[ExportColumn, ...]:
    who = "actor" if s == "a" else "recipient"
    none = f"empty when the event has no {who}"
    return (
        col(f"{label} Name", "VARCHAR", f"x.{s}_label",
            f"the {who}'s canonical name, else its country's name, else its words", none),
        col(f"{label} Country", "VARCHAR", f"coalesce(x.{s}_country_name, x.{s}_country)",
            "the country's name (GeoNames), or the non-state code (IGO, NGO, MNC …)",
            f"{none} or its country is unknown"),
        col(f"{label} COW", "INTEGER", "NULL", "—",
            "always empty: Heron has no Correlates of War code table"),
        col(f"Primary {label} Sector", "VARCHAR", f"x.{s}_sector", "its PLOVER sector",
            f"{none} or its sector is unknown"),
        col(f"{label} Sectors", "VARCHAR", f"x.{s}_sector",
            "its PLOVER sectors (Heron gives one)", f"{none} or its sector is unknown"),
        col(f"{label} Title", "VARCHAR", "NULL", "—",
            "always empty: the title is not stored apart from the words"),
        col(f"{label} Name Raw", "VARCHAR", f"x.{s}_text", "the words that name it", none),
        col(f"Wikipedia {label} ID", "VARCHAR", "NULL", "—",
            "always empty: Heron's knowledge base has no Wikipedia ids"),
    )  # fmt: skip


def polecat_columns(_options: Options) -> tuple[ExportColumn, ...]:
    none = "empty when the event has no place"
    return (
        col("Event ID", "VARCHAR", "x.row_key",
            "Heron's event id (`event_id/actor-recipient` for an event's second and later "
            "dyads)"),
        col("Event Date", "DATE", "x.date", "the event date, YYYY-MM-DD"),
        col("Event Type", "VARCHAR", "x.event_type", "the PLOVER event type"),
        col("Event Mode", "VARCHAR", "x.mode", "the PLOVER mode", "empty when none"),
        col("Intensity", "DOUBLE", "x.plover_score", "PLOVER's score of the type and mode"),
        col("Quad Code", "INTEGER", "x.plover_quad", "PLOVER's quad code of the type (1–4)"),
        col("Contexts", "VARCHAR", "nullif(array_to_string(x.context, ';'), '')",
            "the PLOVER contexts, `;`-joined", "empty when none"),
        *_side("Actor", "a"),
        *_side("Recipient", "r"),
        col("Placename", "VARCHAR", "x.location_name", "the gazetteer's name of the place", none),
        col("City", "VARCHAR", "x.geo_city", "the place when it is a city", "empty otherwise"),
        col("District", "VARCHAR", "NULL", "—", "always empty: no second-level regions"),
        col("Province", "VARCHAR", "x.geo_province",
            "the US state of a US place, or the place when it is a US state",
            "empty elsewhere: no admin1 names outside the US"),
        col("Country", "VARCHAR", "x.geo_country_name", "the place's country (GeoNames name)",
            none),
        col("Latitude", "DOUBLE", "x.lat", "the gazetteer's latitude",
            "empty with no place, and for US states and regions"),
        col("Longitude", "DOUBLE", "x.lon", "the gazetteer's longitude",
            "empty with no place, and for US states and regions"),
        col("GeoNames ID", "BIGINT", "NULL", "—", "always empty: the store keeps no GeoNames ids"),
        col("Raw Placename", "VARCHAR", "x.geo_raw", "the words that name the place", none),
        col("Feature Type", "VARCHAR", "x.geo_feature_type",
            "GeoNames feature code of the kind of place: PCLI country, ADM1 US state, PPL city, "
            "RGN region", none),
        col("Source", "VARCHAR", PUBLISHER, "the document's source, else its URL's host name",
            "empty when the document has neither"),
        col("Publication Date", "DATE", "x.doc_published", "the document's publication date",
            "empty when unknown"),
        col("Story People", "VARCHAR", "NULL", "—", "always empty: not collected per story"),
        col("Story Organizations", "VARCHAR", "NULL", "—",
            "always empty: not collected per story"),
        col("Story Locations", "VARCHAR", "NULL", "—", "always empty: not collected per story"),
        col("Language", "VARCHAR", "'en'", "`en`: Heron codes English"),
        col("Version", "VARCHAR", "x.coder", "Heron's version (`heron 0.1.0`)"),
    )  # fmt: skip


PLOVER = ExportFormat(
    name="plover",
    title="PLOVER JSON",
    summary="PLOVER's JSON event record, one per line (a JSON array when the file ends in .json)",
    layout=Layout.JSONL,
    extensions=(".jsonl", ".ndjson", ".json"),
    columns=json_columns,
    requires=(UNDATED, TYPED),
    reference="plover/plover_json_fields.tsv",
    infer=False,
)

POLECAT = ExportFormat(
    name="polecat",
    title="POLECAT",
    summary="the 40 columns of POLECAT's tabular release, tab-separated with a header row",
    layout=Layout.TSV,
    extensions=(".tsv", ".txt", ".tab", ".csv"),
    columns=polecat_columns,
    rows=lambda _o: Rows.DYADS,
    requires=(UNDATED, TYPED),
    reference="schemas/polecat_columns.tsv",
    infer=False,
)
