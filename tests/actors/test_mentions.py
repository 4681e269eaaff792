"""Finding knowledge-base names in tokens: longest match, offsets, spacing, lower case."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from heron.actors.kb import default_kb
from heron.actors.mentions import find_mentions

_VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def kb():
    return default_kb(None)


def _doc(words: list[str], spaces: list[bool] | None = None) -> Doc:
    return Doc(_VOCAB, words=words, spaces=spaces)


def _named(mentions) -> list[tuple[int, int, str, str | None]]:
    seen = {id(m): m for m in mentions.values()}.values()
    return sorted((m.start, m.end, m.text, m.entity and m.entity.name) for m in seen)


def test_the_longest_name_wins_and_a_title_stays_a_title(kb):
    doc = _doc(["President", "Xi", "Jinping", "met", "Kim", "Jong", "-", "un", "."],
               [True, True, True, True, True, False, False, False, False])  # fmt: skip
    assert _named(find_mentions(doc, kb, None)) == [
        (1, 3, "Xi Jinping", "Xi Jinping"),
        (4, 8, "Kim Jong-un", "Kim Jong-un"),
    ]


def test_a_name_split_by_extra_spaces_or_written_with_a_curly_apostrophe_is_found(kb):
    # two spaces make a whitespace token: the name is still read as "Xi Jinping"; the mention
    # keeps the text as written
    doc = _doc(["Xi", " ", "Jinping", "spoke"], [True, False, True, False])
    assert _named(find_mentions(doc, kb, None)) == [(0, 3, "Xi  Jinping", "Xi Jinping")]


def test_a_sentence_span_gives_document_token_indices(kb):
    doc = _doc(["Talks", "ended", ".", "Xi", "Jinping", "left", "."],
               [True, False, True, True, True, False, False])  # fmt: skip
    second = doc[3:]
    assert _named(find_mentions(second, kb, None)) == [(3, 5, "Xi Jinping", "Xi Jinping")]


def test_a_nationality_in_lower_case_is_read_but_a_lone_lower_case_name_is_not(kb):
    doc = _doc(["kenyan", "police", "met", "xi"])
    assert [(s, e, t) for s, e, t, _n in _named(find_mentions(doc, kb, None))] == [(0, 1, "kenyan")]
