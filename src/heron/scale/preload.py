"""Imported once by the worker pool's fork server (:mod:`heron.scale.workers`): it loads the
model and the knowledge under the settings file and environment the run started with, so that
every worker forked from the server starts with them in memory instead of loading them itself.

The server lives as long as the process that started the first pool, so a second pool in the
same process (a library user coding batch after batch, a benchmark's runs) starts in
milliseconds; and the workers share the loaded pages with the server until they write to them.
A worker whose settings name another model or extra knowledge files loads those itself.
"""

from __future__ import annotations

import gc


def _warm() -> None:
    try:
        from heron.pipeline import Coder

        Coder()  # the settings file and environment the run was started with
    except Exception:
        # the server must start whatever happens here (the model not installed, a broken data
        # file): each worker then loads its coder itself and reports the error to the parent,
        # where it is raised with its reason
        pass

    # what was loaded lives as long as the server: keep it out of the collector's reach, so a
    # worker's collections never walk (and so never copy) the pages it shares with the server
    gc.freeze()


_warm()
