"""Web fixtures: a hand-built store (no model), a store ingested from examples/ (model), the app
over each, a live server on loopback, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_factories import build

from heron.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CHROMIUM = Path(os.environ.get("HERON_CHROMIUM", "/usr/bin/chromium"))
#: launch flags for a headless chromium in a sandboxed container, with no traffic of its own
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
#: an article written to inject HTML: each payload sets window.__pwned if it ever runs
EVIL_FEED = {
    "id": "evil-1",
    "date": "2024-03-26",
    "title": "<script>window.__pwned='title'</script>Evil title",
    "source": "<i>Wire</i>",
    "url": "javascript:window.__pwned='url'",
    "text": "Japan condemned North Korea on Monday over the "
    "<script>window.__pwned='text'</script> launch. Kenyan police arrested 12 protesters in "
    "Nairobi on Tuesday, <img src=x onerror=\"window.__pwned='img'\"> officials said.",
}


@pytest.fixture(scope="session")
def crafted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("crafted") / "crafted.duckdb")


@pytest.fixture(scope="session")
def client(crafted_db: Path) -> Iterator[TestClient]:
    """The app over the hand-built store; errors come back as responses, never raised."""
    with TestClient(create_app(crafted_db, warm=False), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store `make run` makes (examples/, published 2024-03-26) plus an injecting article."""
    from heron.batch import ingest_paths
    from heron.settings import Settings

    folder = tmp_path_factory.mktemp("sample")
    feed = folder / "evil.jsonl"
    feed.write_text(json.dumps(EVIL_FEED) + "\n", encoding="utf-8")
    db = folder / "heron.duckdb"
    summary = ingest_paths(
        [EXAMPLES, feed], db=db, published=date(2024, 3, 26), settings=Settings(db=db)
    )
    assert summary.failed == 0 and summary.events > 10
    return db


@pytest.fixture(scope="session")
def sample_client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(sample_db, warm=False), raise_server_exceptions=False) as c:
        yield c


class LiveServer:
    """The app served by uvicorn on 127.0.0.1 and a free port, in a thread."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(db), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.sock.close()


@pytest.fixture(scope="session")
def live(sample_db: Path) -> Iterator[LiveServer]:
    with LiveServer(sample_db) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, with a fresh profile, driven by Playwright (which downloads
    no browser here): a browser context that each test opens its own page in."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must run `make browser` first")
        pytest.skip(
            f"{CHROMIUM} is not installed: run `make browser` (Debian's chromium package) to "
            "run the browser tests"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    profile = tempfile.mkdtemp(prefix="heron-chromium-")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()
            shutil.rmtree(profile, ignore_errors=True)


class Tab:
    """A page that records console errors, page errors and any request that leaves loopback
    (such requests are refused before they go out)."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: {response and response.status}"
        return self.page

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def tab(browser: Any, live: LiveServer) -> Iterator[Tab]:
    t = Tab(browser, live.url)
    yield t
    t.close()
