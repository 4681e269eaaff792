"""Heron's knowledge, as versioned data files (YAML/TSV), loaded and validated by the stages."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
