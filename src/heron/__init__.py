"""Heron: political event data from news text, coded to CAMEO and PLOVER, offline.

The public surface (the README's "From Python" section documents each name)::

    from heron import code_text, code_documents, ingest_paths, Coder
    from heron import EventRecord, Actor, Document, DocResult, Settings, __version__

Names are imported lazily, so ``import heron`` stays cheap for tools that need only a part.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "Coder": "heron.batch",
    "code_documents": "heron.batch",
    "code_text": "heron.batch",
    "ingest_paths": "heron.batch",
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
