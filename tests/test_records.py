"""EventRecord.to_dict is the output contract of DESIGN.md: same keys, same order, same values."""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from contract_example import CONTRACT, PLACE_KEYS, contract_event

from heron import records, schema
from heron.records import Actor, Place

DESIGN = Path(__file__).resolve().parents[1].parent / "shared" / "DESIGN.md"


def test_to_dict_is_the_contract_byte_for_byte() -> None:
    expected = json.loads(CONTRACT)
    got = contract_event().to_dict()
    assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_store_only_and_internal_fields_stay_out_of_the_contract() -> None:
    got = contract_event().to_dict()
    assert "story" not in got and "rule" not in got and "how" not in got["actor"][0]


def test_location_object_has_the_contract_keys_in_order() -> None:
    place = Place("Seoul", "KOR", "Seoul", 37.57, 126.98, 10, 15)
    got = contract_event(location=place).to_dict()["location"]
    assert list(got) == PLACE_KEYS
    assert got == {
        "name": "Seoul",
        "country": "KOR",
        "admin1": "Seoul",
        "lat": 37.57,
        "lon": 126.98,
        "start": 10,
        "end": 15,
    }


def test_undated_event_and_actor_without_country() -> None:
    unknown = Actor("the rebels", 0, 10, sector="REB")
    got = contract_event(date=None, actor=(unknown,), recipient=()).to_dict()
    assert got["date"] is None and got["recipient"] == []
    assert got["actor"][0]["code"] == "---REB"


@pytest.mark.shared
@pytest.mark.skipif(not DESIGN.is_file(), reason="needs ../shared/DESIGN.md")
def test_contract_here_is_design_md_s() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    block = re.search(r"## Output contract.*?```json\n(.*?)```", text, re.S)
    assert block, "DESIGN.md has no output contract example"
    assert json.dumps(json.loads(block.group(1))) == json.dumps(json.loads(CONTRACT))
    keys = re.search(r"`location` is null or `\{(.*?)\}`", text)
    assert keys and [k.strip().strip('"') for k in keys.group(1).split(",")] == PLACE_KEYS


# -- the records and the schema describe the same fields ----------------------------------------


def _expected_type(f: schema.Field) -> frozenset[Any]:
    if f.part is not None:
        cls = getattr(records, f.part.record)
        t: Any = tuple[cls, ...] if f.kind is schema.Kind.PART_LIST else cls
    else:
        t = f.kind.python
    return frozenset({t, type(None)} if f.nullable else {t})


def _declared_type(cls: type, name: str) -> frozenset[Any]:
    hints = get_type_hints(cls)
    if name in hints:
        t = hints[name]
    else:  # a derived property (cameo_root, code)
        prop = getattr(cls, name)
        assert isinstance(prop, property) and prop.fget is not None, f"{cls.__name__}.{name}"
        t = get_type_hints(prop.fget)["return"]
    return _alternatives(t)


def _alternatives(t: Any) -> frozenset[Any]:
    """The types a value may have; ``Literal["day", …]`` reads as ``str`` (values, not words)."""
    origin = typing.get_origin(t)
    if origin is typing.Literal:
        return frozenset({type(typing.get_args(t)[0])})
    if origin in (typing.Union, types.UnionType):
        return frozenset().union(*(_alternatives(a) for a in typing.get_args(t)))
    return frozenset({t})


@pytest.mark.parametrize("part", schema.PARTS, ids=lambda p: p.name)
def test_schema_types_match_the_record_class(part: schema.Part) -> None:
    cls = getattr(records, part.record)
    for f in part.fields:
        assert _declared_type(cls, f.name) == _expected_type(f), f"{part.record}.{f.name}"


@pytest.mark.parametrize("part", schema.PARTS, ids=lambda p: p.name)
def test_every_record_field_is_in_the_schema(part: schema.Part) -> None:
    cls = getattr(records, part.record)
    declared = {f.name for f in part.fields}
    assert set(cls.__dataclass_fields__) <= declared
