"""heron.schema: the event's fields declared once, the shapes derived from them, and FORMAT.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron import schema
from heron.schema import EVENT, PARTS, Kind, Output

FORMAT = Path(__file__).resolve().parents[1] / "docs" / "FORMAT.md"


def test_format_md_tables_are_generated_from_the_schema() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    assert schema.document(text) == text, (
        "docs/FORMAT.md is out of date: run `uv run python -m heron.schema docs/FORMAT.md`"
    )


def test_format_md_has_every_block() -> None:
    text = FORMAT.read_text(encoding="utf-8")
    for name in ("event", "actor", "span", "location", "flags", "csv", "events", "actors"):
        assert f"<!-- schema:{name} -->" in text


def test_unknown_doc_block_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown schema block 'nope'"):
        schema.document("<!-- schema:nope -->\nold\n<!-- /schema -->\n")


def test_document_replaces_only_the_block() -> None:
    out = schema.document("before\n<!-- schema:csv -->\nstale\n<!-- /schema -->\nafter\n")
    assert out.startswith("before\n<!-- schema:csv -->\n`event_id`, `doc_id`")
    assert out.endswith("`sentence`\n<!-- /schema -->\nafter\n")


@pytest.mark.parametrize("part", PARTS, ids=lambda p: p.name)
def test_fields_are_well_formed(part: schema.Part) -> None:
    for f in part.fields:
        assert f.doc and "\n" not in f.doc and "|" not in f.doc, f.name
        assert (f.part is not None) == (f.kind in (Kind.PART, Kind.PART_LIST)), f.name
        assert f.kind is not Kind.JSON, "JSON is the store's record column, not a field"


def test_nested_outputs_are_carried_by_their_parent() -> None:
    for f in EVENT.fields:
        if f.part is None:
            continue
        for sub in f.part.fields:
            assert sub.outputs <= f.outputs | {Output.ACTORS}, f"{f.name}.{sub.name}"


def test_flat_columns_are_unique_and_typed() -> None:
    for output in (Output.CSV, Output.EVENTS):
        cols = schema.columns(output)
        names = [c.name for c in cols]
        assert len(names) == len(set(names)), output
        assert all(c.kind.sql for c in cols), "parts are flattened, never a column"


def test_only_flat_outputs_have_columns() -> None:
    with pytest.raises(ValueError, match="not a flat output"):
        schema.columns(Output.JSON)


def test_part_refuses_duplicate_fields() -> None:
    f = schema.Field("x", Kind.TEXT, "x", frozenset({Output.JSON}))
    with pytest.raises(ValueError, match="duplicate"):
        schema.Part("p", "P", "p", (f, f))


def test_events_table_keeps_the_first_actor_and_the_whole_record() -> None:
    names = [c.name for c in schema.columns(Output.EVENTS)]
    assert names[names.index("plover_score") + 1 :][:4] == [
        "actor_code",
        "actor_country",
        "recipient_code",
        "recipient_country",
    ]
    assert schema.RECORD.name == "record" and schema.RECORD.kind is Kind.JSON
