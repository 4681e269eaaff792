"""One error shape for the whole web layer, mapped from Heron's exception tree.

Every error the API answers is JSON of one shape, and every page shows the same message::

    {"error": {"status": 400, "type": "bad_parameter", "message": "since: 'May' is not a date
    (use YYYY-MM-DD)", "details": [{"param": "since", "message": "…"}]}}

=============================  ======  ==================
raised                         status  type
=============================  ======  ==================
BadParameter, InputError,      400     bad_parameter
SettingsError, ExportError
a request FastAPI cannot read  422     invalid_request
HTTPException(404)             404     not_found
StoreError, ModelNotFound,     503     unavailable
DataFileError, Busy
anything else                  500     internal (logged)
=============================  ======  ==================

A bad parameter is always a 4xx with a message naming it, never a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from heron.errors import (
    DataFileError,
    ExportError,
    HeronError,
    InputError,
    ModelNotFound,
    SettingsError,
    StoreError,
)
from heron.web.access import Busy

log = logging.getLogger("heron.web")


class BadParameter(InputError):
    """A query parameter or form field Heron cannot use: ``param`` names it."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        super().__init__(f"{param}: {message}")


_TYPES = {400: "bad_parameter", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def error_body(
    status: int,
    message: str,
    *,
    kind: str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON every error answers with (see the module docstring)."""
    body: dict[str, Any] = {
        "status": status,
        "type": kind or _TYPES.get(status, "unavailable" if status == 503 else "error"),
        "message": message,
    }
    if details:
        body["details"] = details
    return {"error": body}


def classify(exc: BaseException) -> tuple[int, str, str]:
    """(status, type, message) for an exception raised while answering a request."""
    if isinstance(exc, (InputError, SettingsError, ExportError)):
        return 400, "bad_parameter", str(exc)
    if isinstance(exc, (StoreError, ModelNotFound, DataFileError)):
        return 503, "unavailable", str(exc)
    if isinstance(exc, Busy):
        return 503, "busy", f"the server is busy ({exc}); try again in a moment"
    if isinstance(exc, HTTPException):
        return exc.status_code, _TYPES.get(exc.status_code, "error"), str(exc.detail)
    if isinstance(exc, HeronError):
        return 400, "bad_parameter", str(exc)
    return 500, "internal", "internal error: the server logged it; please report it"


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        where = err.get("loc", ())
        loc = [
            str(p) for p in where if p not in ("query", "path", "body") and not isinstance(p, int)
        ]
        if not loc and where and where[0] == "body":
            loc = ["body"]
        got = err.get("input")
        message = str(err.get("msg", "invalid"))
        if got is not None and not isinstance(got, dict):
            message += f" (got {str(got)[:80]!r})"
        out.append({"param": ".".join(loc) or "request", "message": message})
    return out


def install(app: FastAPI, render_page: Any) -> None:
    """Register the handlers: JSON under /api, an error page elsewhere (``render_page(request,
    status, message)`` returns it)."""

    def answer(
        request: Request, status: int, kind: str, message: str, details: Any = None
    ) -> Response:
        headers = {"Retry-After": "5"} if kind == "busy" else None
        if request.url.path.startswith("/api"):
            return JSONResponse(
                error_body(status, message, kind=kind, details=details), status, headers=headers
            )
        page: HTMLResponse = render_page(request, status, message)
        return page

    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> Response:
        details = _validation_details(exc)
        message = "; ".join(f"{d['param']}: {d['message']}" for d in details)
        return answer(request, 422, "invalid_request", message, details)

    @app.exception_handler(BadParameter)
    async def on_bad_parameter(request: Request, exc: BadParameter) -> Response:
        details = [{"param": exc.param, "message": str(exc).split(": ", 1)[-1]}]
        return answer(request, 400, "bad_parameter", str(exc), details)

    @app.exception_handler(HeronError)
    async def on_heron(request: Request, exc: HeronError) -> Response:
        status, kind, message = classify(exc)
        return answer(request, status, kind, message)

    @app.exception_handler(Busy)
    async def on_busy(request: Request, exc: Busy) -> Response:
        status, kind, message = classify(exc)
        return answer(request, status, kind, message)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> Response:
        status, kind, message = classify(exc)
        return answer(request, status, kind, message)

    @app.exception_handler(Exception)
    async def on_any(request: Request, exc: Exception) -> Response:
        status, kind, message = classify(exc)
        if status == 500:
            log.exception("error answering %s", request.url.path, exc_info=exc)
        return answer(request, status, kind, message)
