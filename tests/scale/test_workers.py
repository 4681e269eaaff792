"""`--workers N`: the same events, in the same order, as one process; a pool only when it pays."""

from __future__ import annotations

from collections import deque
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.batch import code_documents, ingest_paths
from heron.cli import app
from heron.records import Document, ReadFailure
from heron.scale import workers as pool
from heron.settings import Settings

from .feeds import EXAMPLES, mixed_feed, stored

pytestmark = pytest.mark.model

runner = CliRunner()


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Records the size of every process pool started."""
    started: list[int] = []

    class Spy(pool._Pool):
        def __init__(self, settings: Settings, workers: int) -> None:
            started.append(workers)
            super().__init__(settings, workers)

    monkeypatch.setattr(pool, "_Pool", Spy)
    return started


def test_code_with_two_workers_writes_the_same_jsonl_bytes_as_one(
    tmp_path: Path, pools: list[int]
) -> None:
    feed = mixed_feed(tmp_path / "feed.jsonl", 160)
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"events-{n}.jsonl"
        args = ["code", str(feed), str(EXAMPLES), "--date", "2024-03-26", "-o", str(out)]
        result = runner.invoke(app, [*args, "--workers", str(n)])
        assert result.exit_code == 1, result.output  # the broken record, both times
        outputs.append(out.read_bytes())
    assert pools == [2]  # one worker codes in this process
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") > 100


def test_ingest_with_two_workers_stores_the_same_rows_as_one(
    tmp_path: Path, pools: list[int]
) -> None:
    feed = mixed_feed(tmp_path / "feed.jsonl", 160)
    summaries = []
    for n in (1, 2):
        summaries.append(
            ingest_paths(
                [EXAMPLES, feed],
                db=tmp_path / f"{n}.duckdb",
                published=date(2024, 3, 26),
                workers=n,
            )
        )
    assert pools == [2]
    one, two = summaries
    assert (one.coded, one.no_event, one.failed, one.events, one.sentences) == (
        two.coded,
        two.no_event,
        two.failed,
        two.events,
        two.sentences,
    )
    assert one.failed == 1 and one.events > 100
    assert stored(tmp_path / "1.duckdb") == stored(tmp_path / "2.duckdb")


def test_read_failures_keep_their_places_among_the_results(pools: list[int]) -> None:
    docs: list[Document | ReadFailure] = []
    for i in range(140):
        docs.append(Document(f"d{i}", f"Japan met China on day {i}.", date(2024, 1, 1)))
        if i % 50 == 7:
            docs.append(ReadFailure(f"bad{i}", f"feed:{i}", "unreadable"))
    out = list(code_documents(docs, settings=Settings(), workers=2))
    assert pools == [2]
    ids = [r.id if isinstance(r, ReadFailure) else r.doc.id for r in out]
    assert ids == [d.id for d in docs]


def test_a_few_documents_are_coded_in_this_process(pools: list[int]) -> None:
    docs = [Document(f"d{i}", "Japan met China.", date(2024, 1, 1)) for i in range(5)]
    out = list(code_documents(docs, settings=Settings(), workers=2))
    assert len(out) == 5 and pools == []


def test_the_workers_setting_is_read_like_the_others(tmp_path: Path) -> None:
    (tmp_path / "heron.toml").write_text("workers = 3\n", encoding="utf-8")
    assert Settings.load(config=tmp_path / "heron.toml").workers == 3
    assert Settings.load(environ={"HERON_WORKERS": "2"}).workers == 2
    assert pool.resolve_workers(None, Settings(workers=3)) == 3
    assert pool.resolve_workers(1, Settings(workers=3)) == 1
    assert 1 <= pool.resolve_workers(None, Settings()) <= pool.MAX_DEFAULT_WORKERS


def test_workers_that_keep_dying_stop_the_run_with_a_clear_error(monkeypatch) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from heron.errors import HeronError
    from heron.scale import workers as w

    dying = object.__new__(w._Pool)
    dying.breaks = 0
    monkeypatch.setattr(dying, "_restart", lambda out: None, raising=False)
    chunk = w._Chunk([Document("a", "Japan met China.", None)])
    broken: Future[list] = Future()
    broken.set_exception(BrokenProcessPool("died"))
    for _ in range(w.MAX_BREAKS - 1):  # a death costs its chunk; the run goes on
        [failed] = dying._results(chunk, broken, deque())
        assert failed.status == "failed" and "again" in (failed.error or "")
    with pytest.raises(HeronError, match="--workers 1"):
        dying._results(chunk, broken, deque())


def test_the_pool_server_loads_the_coder_once_for_every_worker() -> None:
    """heron.scale.preload, imported by the fork server, leaves the model and the knowledge
    loaded, so workers forked from it find them there."""
    import subprocess
    import sys

    probe = (
        "import heron.scale.preload, gc\n"
        "from heron.nlp import load\n"
        "from heron.actors.kb import default_kb\n"
        "from heron.events.codebook import default_codebook\n"
        "print(load.cache_info().currsize, default_kb.cache_info().currsize,"
        " default_codebook.cache_info().currsize, gc.get_freeze_count() > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "1", "1", "True"]


def test_a_coder_that_cannot_load_in_the_workers_is_a_clear_error(monkeypatch) -> None:
    """Settings naming a model that is not installed: the fork server's defaults load, each
    worker's own coder does not, and the run stops with the loader's reason."""
    from heron.errors import HeronError

    monkeypatch.setattr(pool, "MIN_DOCS_PER_WORKER", 1)
    docs = [Document(f"d{i}", "Japan met China.", date(2024, 3, 26)) for i in range(40)]
    with pytest.raises(HeronError, match="no_such_model_sm"):
        list(code_documents(docs, settings=Settings(model="no_such_model_sm"), workers=2))
