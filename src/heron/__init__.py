"""Heron: political event data from news text, coded to CAMEO and PLOVER, offline.

The public surface::

    from heron import Coder, code_text, code_documents, ingest
    from heron import EventRecord, Actor, Document, Settings

Names are imported lazily, so ``import heron`` stays cheap for tools that need only a part.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "Coder": "heron.pipeline",
    "code_documents": "heron.api",
    "code_text": "heron.api",
    "ingest": "heron.api",
    "Actor": "heron.records",
    "DocResult": "heron.records",
    "Document": "heron.records",
    "EventRecord": "heron.records",
    "Settings": "heron.settings",
}
__all__ = [*sorted(_PUBLIC), "__version__"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'heron' has no attribute {name!r}")
