"""Word lists kept as data: loaded, validated, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from heron.data.wordlists import word_lists
from heron.errors import DataFileError
from heron.events.frames import FUTURE_MODALS, LEMMA_FIXES, MODALS, SPEECH_VERBS


def test_the_grammar_lists_load() -> None:
    assert "say" in SPEECH_VERBS and "will" in FUTURE_MODALS and "would" in MODALS
    assert LEMMA_FIXES["shelled"] == "shell"


def test_ordered_lists_keep_their_order() -> None:
    preps = word_lists("roles").ordered("recipient_prepositions")
    assert preps[:3] == ("with", "to", "against")


def test_yaml_booleans_are_not_words(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("particles:\n  words: [up, off, on]\n")
    with pytest.raises(DataFileError, match="particles"):
        word_lists("bad", tmp_path)


def test_unknown_keys_and_empty_lists_are_all_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "one:\n  wrods: [a]\ntwo:\n  note: nothing here\nthree:\n  words: [fine]\n"
    )
    with pytest.raises(DataFileError) as info:
        word_lists("bad", tmp_path)
    text = str(info.value)
    assert "one" in text and "wrods" in text and "two" in text and "three" not in text


def test_a_missing_list_is_named(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text("one:\n  words: [a]\n")
    with pytest.raises(DataFileError, match="missing list 'two'"):
        word_lists("ok", tmp_path).set("two")
