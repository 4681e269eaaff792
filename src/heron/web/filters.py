"""Template filters: how events, actors, flags and numbers read on a page (text only: Jinja
escapes whatever these return)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment

from heron.store.browse import FLAGS, QUADS

QUAD_LABELS = {k: v.replace("_", " ") for k, v in QUADS.items()}


def actor_label(actors: list[dict[str, Any]] | None) -> str:
    """Actors as a table shows them: "JPNGOV (Fumio Kishida)"; "—" for none."""
    if not actors:
        return "—"
    out = []
    for a in actors:
        code = a.get("code") or "uncoded"
        words = a.get("name") or a.get("text")
        out.append(f"{code} ({words})" if words and words != code else code)
    return "; ".join(out)


def set_flags(event: dict[str, Any]) -> list[str]:
    """The flags set on an event, in contract order."""
    flags = event.get("flags") or {}
    return [f for f in FLAGS if flags.get(f)]


def path_part(value: Any) -> str:
    """A value quoted for one segment of a URL path (ids may hold '/' or '?')."""
    return quote(str(value), safe="")


def web_url(value: Any) -> str | None:
    """A document's URL when it is a plain web address (http or https), else None: a link
    never runs ``javascript:`` or opens ``data:`` from article metadata."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return value.strip()
    return None


def when(value: Any) -> str:
    """A date or timestamp as text; "?" for none."""
    if value is None:
        return "?"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def install(env: Environment) -> None:
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "default": _json_default}
    env.filters.update(
        actor_label=actor_label,
        set_flags=set_flags,
        path_part=path_part,
        web_url=web_url,
        when=when,
        number=number,
    )
    env.globals.update(FLAGS=FLAGS, QUAD_LABELS=QUAD_LABELS)
