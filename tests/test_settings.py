"""Settings: one source, every key documented, environment overrides, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.errors import SettingsError
from heron.settings import Settings, describe

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_has_help_and_is_in_the_readme():
    for name, _default, help_ in describe():
        assert help_, f"setting {name} has no description"
        assert f"HERON_{name.upper()}" in README, f"HERON_{name.upper()} missing from README"


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("HERON_STATEMENTS", "false")
    monkeypatch.setenv("HERON_HISTORICAL_DAYS", "30")
    s = Settings.from_env()
    assert s.statements is False and s.historical_days == 30


def test_explicit_values_beat_the_environment(monkeypatch):
    monkeypatch.setenv("HERON_BATCH_SIZE", "8")
    assert Settings.from_env(batch_size=16).batch_size == 16


def test_invalid_value_is_a_settings_error(monkeypatch):
    monkeypatch.setenv("HERON_MIN_CONFIDENCE", "2.5")
    with pytest.raises(SettingsError, match="min_confidence"):
        Settings.from_env()


@pytest.fixture
def no_env(monkeypatch, tmp_path):
    for name, _default, _help in describe():
        monkeypatch.delenv(f"HERON_{name.upper()}", raising=False)
    monkeypatch.delenv("HERON_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_precedence_is_defaults_file_environment_arguments(no_env, monkeypatch):
    (no_env / "heron.toml").write_text(
        "batch_size = 8\nhistorical_days = 30\nmin_confidence = 0.5\n", encoding="utf-8"
    )
    monkeypatch.setenv("HERON_HISTORICAL_DAYS", "60")
    monkeypatch.setenv("HERON_MIN_CONFIDENCE", "0.7")
    s = Settings.load(min_confidence=0.9)
    assert (s.batch_size, s.historical_days, s.min_confidence) == (8, 60, 0.9)
    assert s.statements is True  # the default


def test_heron_config_names_the_file_and_config_beats_it(no_env, monkeypatch):
    (no_env / "a.toml").write_text("batch_size = 3\n", encoding="utf-8")
    (no_env / "b.toml").write_text("batch_size = 5\n", encoding="utf-8")
    monkeypatch.setenv("HERON_CONFIG", str(no_env / "a.toml"))
    assert Settings.load().batch_size == 3
    assert Settings.load(config=no_env / "b.toml").batch_size == 5


def test_paths_in_the_file_are_relative_to_its_folder(no_env):
    (no_env / "conf").mkdir()
    (no_env / "conf" / "h.toml").write_text(
        'db = "x.duckdb"\nactors_file = "/abs/mine.yaml"\n', encoding="utf-8"
    )
    s = Settings.load(config=no_env / "conf" / "h.toml")
    assert s.db == no_env / "conf" / "x.duckdb"
    assert s.actors_file == Path("/abs/mine.yaml")


def test_unknown_keys_are_all_reported(no_env):
    (no_env / "heron.toml").write_text("modle = 'x'\nbatchsize = 2\n", encoding="utf-8")
    with pytest.raises(SettingsError) as e:
        Settings.load()
    msg = str(e.value)
    assert "'modle'" in msg and "did you mean 'model'" in msg and "'batchsize'" in msg


def test_a_bad_value_names_where_it_came_from(no_env):
    (no_env / "heron.toml").write_text("batch_size = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"batch_size = 0 \(from heron.toml\)"):
        Settings.load()


def test_broken_toml_is_a_settings_error(no_env):
    (no_env / "heron.toml").write_text("db = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load()


def test_a_named_file_that_is_missing_is_an_error(no_env):
    with pytest.raises(SettingsError, match="does not exist"):
        Settings.load(config=no_env / "none.toml")
