"""Every CLI command, driven as a user would (through Typer's runner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.cli import app

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED = EXAMPLES / "taipei-times-page.txt"
runner = CliRunner()


def _ok(args: list[str], **kw):
    result = runner.invoke(app, args, **kw)
    assert result.exit_code == 0, result.output
    return result


def test_code_prints_a_table():
    out = _ok(["code", str(SEED), "--date", "2024-03-26"]).output
    assert "cameo" in out and "036" in out


def test_code_writes_json_lines_per_the_contract(tmp_path):
    out = tmp_path / "events.jsonl"
    _ok(["code", str(SEED), "--date", "2024-03-26", "-o", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows
    keys = {
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
        "plover_score",
        "actor",
        "recipient",
        "trigger",
        "sentence",
        "location",
        "flags",
        "confidence",
        "coder",
        "codebook",
    }
    for row in rows:
        assert set(row) == keys
        assert isinstance(row["cameo"], str)


def test_code_reads_stdin_as_json():
    text = "Police in Nairobi arrested 12 protesters on Monday."
    out = _ok(["code", "-", "--format", "json", "--date", "2024-05-08"], input=text).output
    data = json.loads(out)
    assert any(e["cameo"].startswith("17") for e in data)


def test_code_csv(tmp_path):
    out = tmp_path / "events.csv"
    _ok(["code", str(SEED), "--date", "2024-03-26", "-o", str(out)])
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("event_id,doc_id")


def test_code_reports_bad_input_and_carries_on(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a", "text": "Police arrested 12 protesters in Nairobi.", "date": "2024-05-08"}\n'
        "{not json\n"
        '{"id": "c", "text": ""}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(feed), "--format", "jsonl"])
    assert result.exit_code == 1  # the good record is still coded and printed
    assert result.output.count("feed.jsonl:2") == 1  # each failure named once
    assert '"doc_id": "a"' in result.output


def test_ingest_is_idempotent_and_events_query(tmp_path):
    db = tmp_path / "h.duckdb"
    first = _ok(["ingest", str(EXAMPLES), "--db", str(db), "--date", "2024-03-26"]).output
    assert "1 coded" in first or "coded" in first
    again = _ok(["ingest", str(EXAMPLES), "--db", str(db), "--date", "2024-03-26"]).output
    assert "already stored" in again and " 0 events" in again
    out = _ok(
        ["events", "--db", str(db), "--actor", "JPN", "--recipient", "PRK", "--format", "jsonl"]
    ).output
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert rows and all(any(a["country"] == "JPN" for a in r["actor"]) for r in rows)


def test_events_without_a_store_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "heron ingest" in result.output


def test_info_lists_versions_and_knowledge():
    out = _ok(["info", "--db", "/nonexistent/heron.duckdb"]).output
    assert "heron 0.1.0" in out and "codebook" in out and "people" in out


def test_explain_shows_the_rule_that_fired():
    out = _ok(["explain", "Cuba freed 127 prisoners on Wednesday."]).output
    assert "0841" in out and "frame" in out


def test_bad_date_is_a_clear_error():
    result = runner.invoke(app, ["code", str(SEED), "--date", "26/03/2024"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_actors_lookup_shows_the_role_on_a_date():
    out = _ok(["actors", "lookup", "Kishida", "--date", "2024-03-26"]).output
    assert "Fumio Kishida" in out and "JPN" in out and "GOV" in out


def test_actors_lookup_unknown_name_says_so():
    result = runner.invoke(app, ["actors", "lookup", "Zorblat Quenn"])
    assert result.exit_code == 1
    assert "not in the knowledge base" in result.output


def test_actors_explain_shows_resolution_reasons():
    out = _ok(["actors", "explain", "Kenyan police arrested the opposition leader."]).output
    assert "KENCOP" in out and "role noun" in out


def test_actors_overlay_file_is_used(tmp_path):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "people:\n  - {name: Alma Vostrikova, aliases: [Vostrikova], country: LTU,"
        " roles: [{title: minister, sector: GOV, start: 2020-01-01}]}\n",
        encoding="utf-8",
    )
    out = _ok(["actors", "lookup", "Vostrikova", "--actors", str(overlay)]).output
    assert "LTU" in out


def test_user_codebook_adds_a_pattern(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text('entries:\n  - {code: "0841", verbs: [unshackle]}\n', encoding="utf-8")
    text = "Cuba unshackled 12 dissidents."
    plain = _ok(["code", "-", "--format", "jsonl"], input=text).output
    assert '"0841"' not in plain
    out = _ok(["code", "-", "--format", "jsonl", "--codebook", str(extra)], input=text).output
    assert '"cameo": "0841"' in out


def test_broken_user_codebook_is_reported_with_its_entry(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text(
        'entries:\n  - {code: "999", verbs: [x]}\n'
        '  - {code: "0841", object: ["@nope"], verbs: [y]}\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", "-", "--codebook", str(extra)], input="Hello.")
    assert result.exit_code == 2
    assert "entry 1" in result.output and "entry 2" in result.output


def test_events_can_leave_out_flagged_events(tmp_path):
    db = tmp_path / "h.duckdb"
    _ok(["ingest", str(SEED), "--db", str(db), "--date", "2024-03-26"])
    every = _ok(["events", "--db", str(db), "--format", "jsonl"]).output.splitlines()
    plain = _ok(
        ["events", "--db", str(db), "--format", "jsonl", "--no-flagged"]
    ).output.splitlines()
    assert len(plain) < len(every)
    for line in plain:
        flags = json.loads(line)["flags"]
        assert not (flags["negated"] or flags["hypothetical"] or flags["future"])


def test_events_accepts_actor_names_as_well_as_codes(tmp_path):
    db = tmp_path / "h.duckdb"
    _ok(
        ["ingest", str(EXAMPLES / "taipei-times-page.txt"), "--db", str(db), "--date", "2024-03-26"]
    )
    by_code = _ok(["events", "--db", str(db), "--actor", "JPN", "--format", "jsonl"]).output
    by_name = _ok(["events", "--db", str(db), "--actor", "Japan", "--format", "jsonl"]).output
    assert by_code.strip() and by_name == by_code
    by_person = _ok(
        ["events", "--db", str(db), "--actor", "Kishida", "--format", "jsonl"]
    ).output.splitlines()
    assert by_person and all("Kishida" in line for line in by_person)


# -- analytics: copies, clusters, series, dyads, network ------------------------------------------


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    """A store made from examples/ as `make run` makes it, plus a lightly edited copy of the
    page (which must be kept as a copy, not coded)."""
    folder = tmp_path_factory.mktemp("in")
    for p in EXAMPLES.iterdir():
        if p.is_file():
            (folder / p.name).write_bytes(p.read_bytes())
    page = SEED.read_text(encoding="utf-8")
    (folder / "zz-wire-copy.txt").write_text(
        page.replace("yesterday said", "said yesterday"), encoding="utf-8"
    )
    db = tmp_path_factory.mktemp("db") / "h.duckdb"
    out = _ok(["ingest", str(folder), "--db", str(db), "--date", "2024-03-26"]).output
    assert "1 copy of other documents" in " ".join(out.split())
    return db, folder


def test_a_copy_is_not_coded_and_ingesting_again_changes_nothing(examples_db):
    db, folder = examples_db
    copies = _ok(["copies", "--db", str(db), "--format", "jsonl"]).output.splitlines()
    assert [json.loads(c)["doc_id"] for c in copies] == ["zz-wire-copy.txt"]
    before = _ok(["clusters", "list", "--db", str(db), "--format", "jsonl", "--limit", "999"])
    again = _ok(["ingest", str(folder), "--db", str(db), "--date", "2024-03-26"]).output
    assert "0 new event clusters" in " ".join(again.split())
    after = _ok(["clusters", "list", "--db", str(db), "--format", "jsonl", "--limit", "999"])
    assert after.output == before.output


def test_clusters_list_and_show_say_why_reports_joined(examples_db):
    db, _ = examples_db
    rows = [
        json.loads(line)
        for line in _ok(
            [
                "clusters",
                "list",
                "--db",
                str(db),
                "--format",
                "jsonl",
                "--actor",
                "Japan",
                "--recipient",
                "PRK",
            ]
        ).output.splitlines()
    ]
    offer = next(r for r in rows if r["cameo"] == "036" and r["n_mentions"] >= 2)
    assert offer["n_documents"] == 2  # the page and its copy
    shown = " ".join(
        _ok(["clusters", "show", str(offer["cluster_id"]), "--db", str(db)]).output.split()
    )
    assert "founded the cluster" in shown and "joined via" in shown and "same code 036" in shown
    assert "copy zz-wire-copy.txt" in shown


def test_series_table_csv_and_flag_policy(examples_db):
    db, _ = examples_db
    out = _ok(
        [
            "series",
            "--db",
            str(db),
            "--actor",
            "Japan",
            "--recipient",
            "*",
            "--by",
            "month",
            "--since",
            "2024-01-01",
            "--until",
            "2024-04-30",
        ]
    ).output
    assert "2024-02-01" in out and "█" in out
    csv = _ok(
        [
            "series",
            "--db",
            str(db),
            "--actor",
            "JPN",
            "--by",
            "month",
            "--since",
            "2024-02-01",
            "--until",
            "2024-02-29",
            "--format",
            "csv",
        ]
    ).output.splitlines()
    plain = int(csv[1].split(",")[1])
    flagged = _ok(
        [
            "series",
            "--db",
            str(db),
            "--actor",
            "JPN",
            "--by",
            "month",
            "--since",
            "2024-02-01",
            "--until",
            "2024-02-29",
            "--format",
            "csv",
            "--flagged",
        ]
    )
    # "taking issue …" with North Korea, hypothetical
    assert int(flagged.output.splitlines()[1].split(",")[1]) > plain


def test_dyads_and_network(examples_db, tmp_path):
    db, _ = examples_db
    rows = [
        json.loads(x)
        for x in _ok(
            ["dyads", "--db", str(db), "--format", "jsonl", "--top", "3"]
        ).output.splitlines()
    ]
    assert len(rows) == 3 and {"actor", "recipient", "events", "conflict"} <= set(rows[0])
    out = tmp_path / "net.graphml"
    said = _ok(["network", "--db", str(db), "-o", str(out)]).output
    assert "graphml" in said and out.read_text(encoding="utf-8").startswith("<?xml")
