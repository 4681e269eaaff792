"""The dashboard on an ingested news corpus (../shared/corpus): every page answers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from heron.web import create_app

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus" / "voa_stories.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def corpus_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    if not CORPUS.exists():
        pytest.skip(f"no corpus at {CORPUS}")
    from heron.batch import ingest_paths
    from heron.settings import Settings

    folder = tmp_path_factory.mktemp("corpus")
    feed = folder / "stories.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:25]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = folder / "corpus.duckdb"
    ingest_paths([feed], db=db, published=date(2024, 1, 1), settings=Settings(db=db))
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def test_every_page_answers_on_an_ingested_corpus(corpus_client):
    overview = corpus_client.get("/api/overview").json()
    assert overview["counts"]["events"] > 50
    top = overview["top_dyads"][0]
    events = corpus_client.get("/api/events?per_page=200").json()["events"]
    urls = [
        "/",
        "/events",
        "/events?page=2",
        f"/dyads?actor={top['actor']}&recipient={top['recipient']}",
        f"/dyads?actor={top['actor']}&recipient={top['recipient']}&by=week&measure=goldstein",
        "/actors",
        f"/actors/{top['actor']}",
        *(f"/events/{quote(e['event_id'], safe='')}" for e in events[::10]),
        *(f"/documents/{quote(e['doc_id'], safe='')}" for e in events[::40]),
    ]
    for url in urls:
        response = corpus_client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
    # every event's spans land on its own words in the stored document
    for e in events[::5]:
        p = corpus_client.get(f"/api/events/{quote(e['event_id'], safe='')}").json()
        assert not [n for n in p["notes"] if "offsets" in n or "outside" in n], p["notes"]
        assert p["context"] is not None
