"""The rows every export selects its columns from: the store's events, filtered, with their
document, their actors and the code tables joined on.

Two shapes, both exposed to the formats as the relation ``x``:

* :func:`dyad_rows` — one row per event × actor × recipient, exactly as the store's ``dyads``
  view counts them (an event with no recipient gives one row per actor, and so on), for the
  dyadic datasets (GDELT, ICEWS, Phoenix, POLECAT) and ``--explode``;
* :func:`event_rows` — one row per event, with each actor field as a list in actor order, for
  CSV, Parquet and PLOVER.

Columns of ``x`` besides the events table's own (``e.*``, see docs/FORMAT.md):

=================  ============================================================================
``row_key``        the event id, or ``event_id/actor_idx-recipient_idx`` for the second and later
                   dyads of an event: unique per row
``a_*``, ``r_*``   (dyads) the actor's and recipient's ``idx text name country sector code
                   start``, and from the code tables ``cameo_country cameo_role cameo_type
                   known_group cameo_code country_name icews_sectors icews_first label``
``al_*``, ``rl_*`` (events) the same actor fields as lists, in actor order; ``al_struct`` and
                   ``rl_struct`` the PLOVER entity objects; ``aj_*``, ``rj_*`` the lists
                   joined with ``;`` (a missing value leaves an empty slot)
``doc_*``          the document's ``url source title published coded_at``
``geo_*``          the event's place: ``type`` (GDELT's 0 none, 1 country, 2 US state, 3 US
                   city, 4 world city, 5 world state/region) ``admin1 country_name fips
                   fullname adm1 feature city province feature_type raw``
``cameo_name``     the CAMEO code in words; ``icews_intensity``; ``quad_icews``; ``penta``;
                   ``plover_quad``
``num_mentions``,  from the counts the caller passes (the analytics' clusters), else 1
``num_sources``,
``num_articles``
=================  ============================================================================
"""

from __future__ import annotations

_SIDES = (("a", "actor"), ("r", "recipient"))

# the event's place, from the events table and the record (admin1 and the mention's offsets are
# only in the record)
_PLACE = """
    json_extract_string(ev.record, '$.location.admin1') AS geo_admin1,
    CAST(json_extract(ev.record, '$.location.start') AS INTEGER) AS geo_start,
    CAST(json_extract(ev.record, '$.location.end') AS INTEGER) AS geo_end"""

_GEO_TYPE = """CASE
        WHEN b.location_name IS NULL THEN 0
        WHEN b.location_name = lc.name THEN 1
        WHEN b.location_country = 'USA' AND b.geo_admin1 IS NOT NULL AND b.lat IS NULL THEN 2
        WHEN b.lat IS NULL AND b.geo_admin1 IS NULL THEN 5
        WHEN b.location_country = 'USA' THEN 3
        ELSE 4 END"""

# helpers computed from the code tables; {t} is the geo type expression
_GEO = """
    lc.name AS geo_country_name,
    lc.fips AS geo_fips,
    CASE g.t
        WHEN 1 THEN lc.name
        WHEN 2 THEN concat_ws(', ', b.location_name, 'United States')
        WHEN 3 THEN concat_ws(', ', b.location_name, us.name, lc.name)
        WHEN 0 THEN NULL
        ELSE concat_ws(', ', b.location_name, lc.name) END AS geo_fullname,
    CASE g.t
        WHEN 1 THEN lc.fips
        WHEN 2 THEN 'US' || b.geo_admin1
        WHEN 3 THEN 'US' || b.geo_admin1
        WHEN 4 THEN lc.fips || coalesce(b.geo_admin1, '')
        WHEN 5 THEN lc.fips END AS geo_adm1,
    CASE g.t WHEN 1 THEN lc.fips WHEN 2 THEN 'US' || b.geo_admin1 END AS geo_feature,
    CASE WHEN g.t IN (3, 4) THEN b.location_name END AS geo_city,
    CASE g.t WHEN 2 THEN b.location_name WHEN 3 THEN us.name END AS geo_province,
    CASE g.t WHEN 1 THEN 'PCLI' WHEN 2 THEN 'ADM1' WHEN 3 THEN 'PPL' WHEN 4 THEN 'PPL'
        WHEN 5 THEN 'RGN' END AS geo_feature_type,
    CASE WHEN b.geo_start >= b.sentence_start AND b.geo_end <= b.sentence_end
        THEN substr(b.sentence_text, b.geo_start - b.sentence_start + 1, b.geo_end - b.geo_start)
        END AS geo_raw"""

_EVENT_CODES = """
    cl.name AS cameo_name,
    cl.icews_intensity AS icews_intensity,
    rt.quad_icews AS quad_icews,
    rt.penta AS penta,
    pq.quad AS plover_quad,
    coalesce(n.num_mentions, 1) AS num_mentions,
    coalesce(n.num_sources, 1) AS num_sources,
    coalesce(n.num_articles, 1) AS num_articles"""

_JOINS = """
LEFT JOIN _hx_country lc ON lc.iso3 = b.location_country
LEFT JOIN _hx_us_state us ON b.location_country = 'USA' AND us.code = b.geo_admin1
LEFT JOIN _hx_cameo cl ON cl.code = b.cameo
LEFT JOIN _hx_root rt ON rt.root = b.cameo_root
LEFT JOIN _hx_plover pq ON pq.event_type = b.event_type
LEFT JOIN _hx_counts n ON n.event_id = b.event_id
CROSS JOIN LATERAL (SELECT {geo_type} AS t) g"""

_DOC = """
    doc.url AS doc_url, doc.source AS doc_source, doc.title AS doc_title,
    doc.published AS doc_published, doc.coded_at AS doc_coded_at"""


def _side_scalars(s: str) -> str:
    """The code-table helpers of one side of a dyad (``s`` is ``a`` or ``r``)."""
    return f"""
    CASE WHEN {s}nn.code IS NULL THEN coalesce({s}cc.cameo, b.{s}_country) END AS {s}_cameo_country,
    {s}ss.cameo_role AS {s}_cameo_role,
    coalesce({s}nn.type, {s}ss.cameo_role) AS {s}_cameo_type,
    CASE WHEN {s}nn.code IS NOT NULL THEN {s}ss.cameo_role END AS {s}_cameo_type2,
    {s}nn.known_group AS {s}_known_group,
    nullif(coalesce({s}nn.type || coalesce({s}nn.known_group, ''),
                    CASE WHEN {s}nn.code IS NULL THEN coalesce({s}cc.cameo, b.{s}_country) END, '')
           || coalesce({s}ss.cameo_role, ''), '') AS {s}_cameo_code,
    {s}cc.name AS {s}_country_name,
    {s}ss.icews AS {s}_icews_sectors,
    {s}ss.icews_first AS {s}_icews_first,
    coalesce(b.{s}_name, {s}cc.name, b.{s}_text) AS {s}_label"""


def _side_joins(s: str) -> str:
    return f"""
LEFT JOIN _hx_country {s}cc ON {s}cc.iso3 = b.{s}_country
LEFT JOIN _hx_nonstate {s}nn ON {s}nn.code = b.{s}_country
LEFT JOIN _hx_sector {s}ss ON {s}ss.sector = b.{s}_sector"""


def _actor_fields(s: str, alias: str) -> str:
    return (
        f"{alias}.idx AS {s}_idx, {alias}.text AS {s}_text, {alias}.name AS {s}_name, "
        f"{alias}.country AS {s}_country, {alias}.sector AS {s}_sector, "
        f"{alias}.code AS {s}_code, {alias}.start_char AS {s}_start"
    )


def dyad_rows(where: str) -> str:
    """``WITH … x AS (…)``: one row per event × actor × recipient of the events ``where``
    selects (a condition on the events table aliased ``e``)."""
    return f"""
WITH ev AS (SELECT e.* FROM events e WHERE {where}),
b AS (
    SELECT ev.*,
        {_actor_fields("a", "a")},
        {_actor_fields("r", "r")},
        CASE WHEN coalesce(a.idx, 0) = 0 AND coalesce(r.idx, 0) = 0 THEN ev.event_id
            ELSE ev.event_id || '/' || coalesce(a.idx, 0) || '-' || coalesce(r.idx, 0)
            END AS row_key,
        {_DOC},{_PLACE}
    FROM ev
    LEFT JOIN actors a ON a.event_id = ev.event_id AND a.role = 'actor'
    LEFT JOIN actors r ON r.event_id = ev.event_id AND r.role = 'recipient'
    LEFT JOIN documents doc ON doc.doc_id = ev.doc_id
),
x AS (
    SELECT b.*, g.t AS geo_type,{_side_scalars("a")},{_side_scalars("r")},{_GEO},{_EVENT_CODES}
    FROM b{_side_joins("a")}{_side_joins("r")}{_JOINS.format(geo_type=_GEO_TYPE)}
)
"""


DYAD_ORDER = (
    "ORDER BY x.date NULLS LAST, x.doc_id, x.sentence_index, x.event_id, "
    "x.a_idx NULLS FIRST, x.r_idx NULLS FIRST"
)
EVENT_ORDER = "ORDER BY x.date NULLS LAST, x.doc_id, x.sentence_index, x.event_id"

# the actor fields gathered as lists, in actor order, per side
_LIST_FIELDS = ("text", "name", "country", "sector", "code")


def _lists(s: str, role: str, uses: str) -> str:
    cols = [
        f"list({f} ORDER BY idx) FILTER (WHERE role = '{role}') AS {s}l_{f}" for f in _LIST_FIELDS
    ]
    cols += [
        f"string_agg(coalesce({f}, ''), ';' ORDER BY idx) FILTER (WHERE role = '{role}') "
        f"AS {s}j_{f}"
        for f in _LIST_FIELDS
    ]
    cols.append(
        f"list({{'code': country, 'sector': sector, 'entity_text': text, "
        f"'identifier_text': name}} ORDER BY idx) FILTER (WHERE role = '{role}') "
        f"AS {s}l_struct"
    )
    wanted = [c for c in cols if c.rsplit(" AS ", 1)[1] in uses]
    return "".join(f",\n        {c}" for c in wanted)


def event_rows(where: str, uses: str = "") -> str:
    """``WITH … x AS (…)``: one row per event the condition ``where`` selects, its actors as
    lists (``al_text`` …, ``rl_text`` …; an event without actors has empty lists). Only the
    actor lists named in ``uses`` (the columns' SQL) are gathered: each costs a pass."""
    lists = ""
    for s, _ in _SIDES:
        for f in (*_LIST_FIELDS, "struct"):
            if f"{s}l_{f}" in uses:
                lists += f", coalesce(ag.{s}l_{f}, []) AS {s}l_{f}"
        for f in _LIST_FIELDS:
            if f"{s}j_{f}" in uses:
                lists += f", nullif(ag.{s}j_{f}, '') AS {s}j_{f}"
    return f"""
WITH ev AS (SELECT e.* FROM events e WHERE {where}),
ag AS (
    SELECT event_id{_lists("a", "actor", uses)}{_lists("r", "recipient", uses)}
    FROM actors WHERE event_id IN (SELECT event_id FROM ev)
    GROUP BY event_id
),
b AS (
    SELECT ev.*, ev.event_id AS row_key{lists},{_DOC},{_PLACE}
    FROM ev
    LEFT JOIN ag ON ag.event_id = ev.event_id
    LEFT JOIN documents doc ON doc.doc_id = ev.doc_id
),
x AS (
    SELECT b.*, g.t AS geo_type,{_GEO},{_EVENT_CODES}
    FROM b{_JOINS.format(geo_type=_GEO_TYPE)}
)
"""


def numeric_id(expr: str) -> str:
    """SQL for a stable 52-bit integer id of a text: the first 13 hex digits of its MD5 (exact
    in every language's numbers, doubles included)."""
    return f"CAST(('0x' || substr(md5({expr}), 1, 13)) AS BIGINT)"


def one_line(expr: str) -> str:
    """SQL for a text with tabs and line breaks turned into spaces (tab-separated layouts)."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


PUBLISHER = (
    "coalesce(x.doc_source, nullif(regexp_extract(x.doc_url, "
    "'^[A-Za-z][A-Za-z0-9+.-]*://(www\\.)?([^/:?#]+)', 2), ''))"
)
