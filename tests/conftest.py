"""Shared fixtures: hand-built spaCy Docs for grammar rules, and the real model when asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


_VOCAB = spacy.blank("en").vocab


def make_doc(rows: list[tuple[str, int, str, str, str]], ents: list[str] | None = None) -> Doc:
    """Build a parsed Doc by hand: rows of (word, head index, dep, pos, lemma); heads absolute."""
    words = [r[0] for r in rows]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=[
            not (i + 1 < len(words) and words[i + 1] in {".", ",", "'s"}) for i in range(len(words))
        ],
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
        sent_starts=[True] + [False] * (len(words) - 1),
        ents=ents,
    )
    return doc


@pytest.fixture(name="make_doc")
def make_doc_fixture():
    return make_doc


@pytest.fixture(scope="session")
def coder():
    from heron.pipeline import Coder
    from heron.settings import Settings

    return Coder(Settings())


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip(
            f"shared data not found at {SHARED}: these tests need ../shared beside the repo"
        )
    return SHARED
