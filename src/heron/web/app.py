"""The FastAPI application: pages, the JSON API, static files, errors, security headers.

:func:`create_app` builds it over one store, opened read-only; ``heron serve`` runs it with
uvicorn. Pages are rendered on the server from Jinja templates (autoescaped, so article text and
user input always show as text); charts are drawn in the browser by Chart.js, served from
``/static/vendor`` like every other file, so nothing is fetched from elsewhere. The API's
OpenAPI document is at ``/api/openapi.json``, its docs at ``/api/docs`` (Swagger UI and ReDoc
from the ``fastapi-offline`` package's own files).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from heron import __version__
from heron.batch import actor_names
from heron.settings import Settings
from heron.web import errors, filters
from heron.web.access import StorePool
from heron.web.memo import Memo

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

#: pages allow only what Heron serves itself; the API docs (Swagger UI) need inline scripts
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'"
)


def templates() -> Jinja2Templates:
    """The page templates, with Heron's filters and globals."""
    t = Jinja2Templates(directory=str(TEMPLATES))
    filters.install(t.env)
    t.env.globals["version"] = __version__
    return t


def create_app(
    db: str | Path | None = None,
    *,
    settings: Settings | None = None,
    pool_size: int = 8,
    memo_size: int = 1024,
    warm: bool = False,
) -> FastAPI:
    """The dashboard and API over the store ``db`` (default: the settings' ``db``), opened
    read-only; a store that does not exist is a StoreError saying how to make one.
    ``warm`` loads the coder in the background at start-up, so the first "Try it" is quick
    (otherwise the first one loads it). The last ``memo_size`` answers are remembered
    (:mod:`heron.web.memo`)."""
    settings = settings or Settings.load()
    path = Path(db) if db is not None else settings.db
    pool = StorePool(path, size=pool_size)  # raises now, before the server binds
    actor_names(settings=settings)  # load the knowledge base once, before threads race to

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(
                target=_warm, args=(settings, app.state.coder_lock), daemon=True
            ).start()
        yield
        pool.close()

    app = FastAPIOffline(
        title="Heron",
        version=__version__,
        description="Political event data (CAMEO + PLOVER) coded from news text: the events, "
        "their provenance, dyads over time and actors of one Heron store. Every page of the "
        "dashboard reads its data from these endpoints' library functions.",
        docs_url="/api/docs",
        redoc_url="/api/redoc",
        openapi_url="/api/openapi.json",
        static_url="/static/apidocs",
        favicon_url="/static/favicon.svg",
        swagger_ui_parameters={"validatorUrl": None},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.db = path
    app.state.templates = templates()
    app.state.coder_lock = threading.Lock()
    app.state.memo = Memo(memo_size)

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        page: HTMLResponse = app.state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )
        return page

    errors.install(app, error_page)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    from heron.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


class SecurityHeaders:
    """Headers on every answer: a content security policy (only Heron's own files run), no
    sniffing, no referrer, no framing. Plain ASGI, so it costs next to nothing per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope["path"] in ("/api/docs", "/api/redoc") else _CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _warm(settings: Settings, lock: threading.Lock) -> None:
    """Load the model and knowledge once, off the request path (errors surface on use)."""
    from heron.batch import code_text

    with lock, suppress(Exception):  # a failure is reported when a request codes text
        code_text("Heron warms up.", settings=settings)


def state(request: Request) -> Any:
    """The app's state (settings, pool, templates) from a request."""
    return request.app.state
