"""The seed page, coded and exported in every format, read back as each dataset's users read it:
Kishida's offer to meet Kim Jong-un (CAMEO 036, JPN → PRK, 2024-03-25) is found in every file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from heron.cli import app
from heron.export import export_events, get_format
from heron.records import Document
from heron.store import Store

pytestmark = pytest.mark.model

SEED = Path(__file__).resolve().parents[2] / "examples" / "taipei-times-page.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def seed_store(coder):
    text = SEED.read_text(encoding="utf-8")
    doc = Document("seed", text, date(2024, 3, 26), url="https://www.taipeitimes.com/seed")
    [result] = list(coder.code_documents([doc]))
    store = Store(":memory:")
    store.write_result(result, content_hash="h")
    yield store
    store.close()


def _export(store, tmp_path, fmt, name):
    path = tmp_path / name
    result = export_events(store, path, fmt, flagged=True)
    assert result.rows > 0
    return path


def _columns(fmt):
    from heron.export.spec import Options

    return [c.name for c in get_format(fmt).columns(Options())]


def test_gdelt(seed_store, tmp_path):
    path = _export(seed_store, tmp_path, "gdelt", "seed.export.CSV")
    df = pd.read_csv(path, sep="\t", header=None, names=_columns("gdelt"), dtype={"EventCode": str})
    hit = df[(df.EventCode == "036") & (df.SQLDATE == 20240325)]
    assert ("JPN", "PRK") in set(zip(hit.Actor1CountryCode, hit.Actor2CountryCode, strict=True))
    assert set(hit.SOURCEURL) == {"https://www.taipeitimes.com/seed"}
    mentions = _export(seed_store, tmp_path, "gdelt-mentions", "seed.mentions.CSV")
    m = pd.read_csv(mentions, sep="\t", header=None, names=_columns("gdelt-mentions"))
    assert set(m.GLOBALEVENTID) == set(df.GLOBALEVENTID)


def test_icews(seed_store, tmp_path):
    path = _export(seed_store, tmp_path, "icews", "events.2024.tab")
    df = pd.read_csv(path, sep="\t", dtype={"CAMEO Code": str})
    hit = df[(df["CAMEO Code"] == "036") & (df["Event Date"] == "2024-03-25")]
    assert ("Fumio Kishida", "Japan", "Kim Jong-un", "North Korea") in set(
        zip(hit["Source Name"], hit["Source Country"], hit["Target Name"], hit["Target Country"],
            strict=True)
    )  # fmt: skip


def test_phoenix(seed_store, tmp_path):
    path = _export(seed_store, tmp_path, "phoenix", "phoenix.tsv")
    df = pd.read_csv(path, sep="\t", dtype={"EventCode": str})
    hit = df[(df.EventCode == "036") & (df.Date == 20240325)]
    assert ("JPNGOV", "PRKGOV") in set(zip(hit.SourceActorFull, hit.TargetActorFull, strict=True))


def test_polecat(seed_store, tmp_path):
    path = _export(seed_store, tmp_path, "polecat", "polecat.tsv")
    df = pd.read_csv(path, sep="\t")
    hit = df[(df["Event Type"] == "AGREE") & (df["Event Date"] == "2024-03-25")]
    assert ("Japan", "North Korea") in set(
        zip(hit["Actor Country"], hit["Recipient Country"], strict=True)
    )


def test_plover(seed_store, tmp_path):
    path = _export(seed_store, tmp_path, "plover", "plover.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    hit = [
        r
        for r in records
        if r["date"] == "2024-03-25"
        and r["event"] == ["AGREE"]
        and r["actor"][0]["code"] == "JPN"
        and r["recipient"][0]["code"] == "PRK"
    ]
    assert hit and hit[0]["actor"][0]["identifier_text"] == "Fumio Kishida"


def test_csv_and_parquet(seed_store, tmp_path):
    csv = pd.read_csv(_export(seed_store, tmp_path, "csv", "e.csv"), dtype={"cameo": str})
    hit = csv[(csv.cameo == "036") & (csv.date == "2024-03-25")]
    assert ("JPNGOV", "PRKGOV") in set(zip(hit.actor_code, hit.recipient_code, strict=True))
    pq = pd.read_parquet(_export(seed_store, tmp_path, "parquet", "e.parquet"))
    hit = pq[(pq.cameo == "036") & (pq.date == date(2024, 3, 25))]
    assert any(list(a) == ["JPNGOV"] and list(r) == ["PRKGOV"]
               for a, r in zip(hit.actor_code, hit.recipient_code, strict=True))  # fmt: skip
    assert len(pq) == len(csv)


def test_heron_code_writes_parquet_for_a_parquet_name(tmp_path):
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["code", str(SEED), "--date", "2024-03-26", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"PAR1"
    assert "036" in set(pd.read_parquet(out).cameo)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "events.tsv"], "several formats"),
        (["-o", "events.xlsx"], "cannot tell"),
        (["--format", "csv", "-o", "events.parquet"], ".parquet"),
        (["--format", "table", "-o", "events.csv"], "terminal"),
    ],
)
def test_heron_code_refuses_a_name_it_cannot_honour(tmp_path, args, message):
    args = [a if not a.startswith("events.") else str(tmp_path / a) for a in args]
    result = runner.invoke(app, ["code", str(SEED), "--date", "2024-03-26", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert not list(tmp_path.iterdir())


def test_heron_code_prints_gdelt_to_stdout():
    result = runner.invoke(app, ["code", str(SEED), "--date", "2024-03-26", "-f", "gdelt"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines() if "\t" in line]
    assert rows and all(len(r) == 61 for r in rows)


def test_heron_export_from_the_store_with_filters(tmp_path):
    db = tmp_path / "h.duckdb"
    ingest = ["ingest", str(SEED), "--db", str(db), "--date", "2024-03-26"]
    assert runner.invoke(app, ingest).exit_code == 0
    out = tmp_path / "jp.tab"
    args = ["export", "--db", str(db), "-f", "icews", "-o", str(out), "--actor", "Japan"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out, sep="\t")
    assert len(df) and set(df["Source Country"]) == {"Japan"}
    assert "left out" in result.output  # the negated or hypothetical ones, said
    parts = tmp_path / "parts"
    args = ["export", "--db", str(db), "-o", str(parts), "--partition", "year"]
    assert runner.invoke(app, args).exit_code == 0
    assert {p.name for p in parts.iterdir()} >= {"year=2024", "year=2004"}


def test_gdelt_counts_come_from_the_event_clusters(tmp_path):
    reports = Path(__file__).resolve().parents[1] / "data" / "clusters" / "reports"
    db = tmp_path / "c.duckdb"
    ingest = ["ingest", str(reports), "--db", str(db), "--date", "2025-03-05"]
    assert runner.invoke(app, ingest).exit_code == 0
    out = tmp_path / "events.tsv"
    assert (
        runner.invoke(app, ["export", "--db", str(db), "-f", "gdelt", "-o", str(out)]).exit_code
        == 0
    )
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    mentions = [int(r[31]) for r in rows]  # NumMentions, the 32nd column
    assert rows and max(mentions) > 1  # several reports of one happening are one cluster


def test_clusters_export_one_report_per_happening(tmp_path):
    reports = Path(__file__).resolve().parents[1] / "data" / "clusters" / "reports"
    db = tmp_path / "c.duckdb"
    ingest = ["ingest", str(reports), "--db", str(db), "--date", "2025-03-05"]
    assert runner.invoke(app, ingest).exit_code == 0
    every, once = tmp_path / "all.jsonl", tmp_path / "once.jsonl"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(every)]).exit_code == 0
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(once), "--clusters"])
    assert result.exit_code == 0, result.output
    n_every = len(every.read_text().splitlines())
    n_once = len(once.read_text().splitlines())
    assert 0 < n_once < n_every
    assert "other reports of a happening" in result.output
