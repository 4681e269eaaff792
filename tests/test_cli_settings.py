"""The CLI reads settings in one place: defaults < file < HERON_* < flags, for every command."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from heron.cli import app
from heron.cli.common import reports_errors
from heron.errors import InputError

runner = CliRunner()


def _said(args: list[str], code: int) -> str:
    """Run the CLI; its output with Rich's line wrapping undone."""
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())


@pytest.fixture(autouse=True)
def _clean(monkeypatch, tmp_path):
    for var in ("HERON_DB", "HERON_CONFIG", "HERON_STATEMENTS", "HERON_INCLUDE_FLAGGED"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


# each test runs in an empty temporary folder, so the paths below are short and relative


def test_heron_db_is_read_by_events(monkeypatch):
    monkeypatch.setenv("HERON_DB", "env.duckdb")
    assert "error: env.duckdb does not exist" in _said(["events"], 2)


def test_heron_db_is_read_by_info(monkeypatch):
    monkeypatch.setenv("HERON_DB", "env.duckdb")
    assert "store env.duckdb: not created yet" in _said(["info"], 0)


def test_the_db_flag_beats_the_environment(monkeypatch):
    monkeypatch.setenv("HERON_DB", "env.duckdb")
    assert "error: flag.duckdb does not exist" in _said(["events", "--db", "flag.duckdb"], 2)


def test_heron_toml_in_the_working_folder_is_read(tmp_path):
    (tmp_path / "heron.toml").write_text('db = "file.duckdb"\n', encoding="utf-8")
    assert "error: file.duckdb does not exist" in _said(["events"], 2)


def test_the_environment_beats_the_settings_file(monkeypatch, tmp_path):
    (tmp_path / "heron.toml").write_text('db = "file.duckdb"\n', encoding="utf-8")
    monkeypatch.setenv("HERON_DB", "env.duckdb")
    assert "error: env.duckdb does not exist" in _said(["events"], 2)


def test_config_flag_names_the_settings_file(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "mine.toml").write_text('db = "there.duckdb"\n', encoding="utf-8")
    said = _said(["info", "--config", "conf/mine.toml"], 0)
    assert "store conf/there.duckdb: not created yet" in said


def test_an_unknown_key_in_the_settings_file_is_a_clear_error(tmp_path):
    (tmp_path / "heron.toml").write_text('dbb = "x.duckdb"\n', encoding="utf-8")
    said = _said(["events"], 2)
    assert "heron.toml: unknown setting" in said and "'dbb' (did you mean 'db'?)" in said


def test_a_missing_config_file_is_a_clear_error():
    said = _said(["info", "--config", "none.toml"], 2)
    assert "settings file none.toml (from --config) does not exist" in said


def test_errors_become_a_message_and_exit_code_2():
    demo = typer.Typer()

    @demo.command()
    @reports_errors
    def fail(name: str) -> None:
        raise InputError(f"bad [input] {name}: fix it")

    result = runner.invoke(demo, ["x"])
    assert result.exit_code == 2
    assert "error: bad [input] x: fix it" in result.output


@pytest.mark.model
def test_heron_statements_is_read_by_code(monkeypatch):
    text = "The French minister told Germany the economy was growing."
    plain = runner.invoke(app, ["code", "-", "--format", "jsonl"], input=text)
    assert '"cameo": "010"' in plain.output
    monkeypatch.setenv("HERON_STATEMENTS", "false")
    quiet = runner.invoke(app, ["code", "-", "--format", "jsonl"], input=text)
    assert quiet.exit_code == 0 and '"cameo": "010"' not in quiet.output
    forced = runner.invoke(app, ["code", "-", "--format", "jsonl", "--statements"], input=text)
    events = [line for line in forced.output.splitlines() if line.startswith("{")]
    assert [json.loads(line)["cameo"] for line in events] == ["010"]
    assert "had no date" in forced.output  # undated input is said, on stderr
