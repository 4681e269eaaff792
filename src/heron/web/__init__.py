"""Heron's dashboard and JSON API (``heron serve``): an interface over the library, like the CLI.

:func:`create_app` builds the FastAPI application over one store, opened read-only. The package
imports library modules only (``heron.batch``, ``heron.store``), never a stage of the coder.
"""

from heron.web.app import create_app

__all__ = ["create_app"]
