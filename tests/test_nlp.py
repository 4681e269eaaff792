"""Batching texts for the parse: bounded in texts and characters, order kept."""

from __future__ import annotations

import pytest

from heron.nlp import batches, pipe


@pytest.mark.parametrize(
    ("lengths", "size", "chars", "expected"),
    [
        ([10, 10, 10], 64, 25, [[10, 10], [10]]),  # cut before the characters run over
        ([10, 10, 10], 2, 1_000, [[10, 10], [10]]),  # cut at the number of texts
        ([40, 5, 5], 64, 25, [[40], [5, 5]]),  # a longer text is a batch of its own
        ([5, 40, 5], 64, 25, [[5], [40], [5]]),
        ([], 64, 25, []),
    ],
)
def test_batches_are_bounded_and_keep_order(lengths, size, chars, expected):
    texts = [str(i) * n for i, n in enumerate(lengths)]
    got = list(batches(texts, batch_size=size, batch_chars=chars))
    assert [[len(t) for t in b] for b in got] == expected
    assert [t for b in got for t in b] == texts


def test_pipe_yields_one_doc_per_text_in_order():
    import spacy

    nlp = spacy.blank("en")
    texts = ["One.", "Two words.", "Three words here.", "Four."]
    docs = list(pipe(nlp, texts, batch_size=3, batch_chars=12))
    assert [d.text for d in docs] == texts
