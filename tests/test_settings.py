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
