"""`heron clusters …` and `heron copies`: event clusters (one per happening) and copies of
documents, with why each report joined its cluster."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from heron.cli.common import (
    ActorOpt,
    CameoOpt,
    ConfigOpt,
    DbOpt,
    Format,
    FormatOpt,
    RecipientOpt,
    SinceOpt,
    TypeOpt,
    UntilOpt,
    console,
    read_settings,
    reports_errors,
    stdout,
    write_frame,
)

app = typer.Typer(
    help="Event clusters: reports of one happening, across sentences, stories and sources.",
    no_args_is_help=True,
)

_LIST_COLUMNS = [
    "cluster_id",
    "date",
    "cameo",
    "event_type",
    "actor_code",
    "recipient_code",
    "n_mentions",
    "n_documents",
    "n_sources",
    "sentence_text",
]


_SHORT_NAMES = {
    "cluster_id": "id",
    "event_type": "type",
    "actor_code": "actor",
    "recipient_code": "recipient",
    "n_mentions": "mentions",
    "n_documents": "docs",
    "n_sources": "sources",
    "sentence_text": "representative sentence",
}


@app.command("list")
@reports_errors
def list_(
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    cameo: CameoOpt = None,
    event_type: TypeOpt = None,
    min_mentions: Annotated[
        int, typer.Option(help="Only clusters reported at least this many times.")
    ] = 1,
    limit: Annotated[int, typer.Option(help="At most this many clusters.")] = 50,
    flagged: Annotated[
        Optional[bool],
        typer.Option(
            "--flagged/--no-flagged",
            help="Show clusters of negated or hypothetical reports too (default: the "
            "include_flagged setting; left out unless it is true).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Event clusters, newest first, then the most reported."""
    from heron.analytics import clusters
    from heron.batch import actor_terms
    from heron.store import EventFilter

    settings = read_settings(config, db=db, include_flagged=flagged)
    f = actor_terms(
        EventFilter(
            actor=actor,
            recipient=recipient,
            since=since,
            until=until,
            cameo=cameo,
            event_type=event_type,
            limit=limit,
            include_flagged=settings.include_flagged,
        ),
        settings=settings,
    )
    df = clusters(settings.db, f, min_mentions=min_mentions)
    if fmt is Format.table:
        df = df[_LIST_COLUMNS].rename(columns=_SHORT_NAMES)
        df["representative sentence"] = df["representative sentence"].map(lambda t: _short(t, 60))
    write_frame(df, fmt)
    if fmt is Format.table:
        console.print(f"{len(df)} clusters (heron clusters show ID: members and why)")


@app.command("show")
@reports_errors
def show(
    cluster_id: Annotated[int, typer.Argument(help="The cluster's id (heron clusters list).")],
    fmt: FormatOpt = Format.table,
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """One cluster: its best-supported code and date, its members, and why each joined."""
    import json

    from heron.analytics import cluster_detail

    settings = read_settings(config, db=db)
    detail = cluster_detail(settings.db, cluster_id)
    s = detail.summary
    if fmt is not Format.table:
        members = json.loads(detail.members.to_json(orient="records", date_format="iso"))
        copies = json.loads(detail.copies.to_json(orient="records", date_format="iso"))
        out = {**{k: _jsonable(v) for k, v in s.items()}, "members": members, "copies": copies}
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    con = stdout()
    flagged = " [yellow](negated or hypothetical reports)[/]" if s["flagged"] else ""
    con.print(
        f"[bold]cluster {s['cluster_id']}[/]: {s['cameo']} {s['event_type'] or 'statement'}"
        f"{flagged}  {_actor(s, 'actor')} → {_actor(s, 'recipient')}"
    )
    con.print(
        f"date {s['date'] or 'unknown'} ({s['date_precision'] or '—'}), "
        f"{s['n_mentions']} mentions in {s['n_documents']} documents from {s['n_sources']} "
        f"sources, seen {s['first_seen'] or '?'} … {s['last_seen'] or '?'}"
        + (f", at {s['location_name']}" if s["location_name"] else "")
    )
    con.print(f"representative ({s['representative']}): {s['sentence_text']}")
    for m in detail.members.to_dict("records"):
        head = f"\n[bold]{m['seq']}[/] {m['event_id']} {m['cameo']}"
        where = f"{m['source'] or m['doc_id']}, published {_day(m['published'])}"
        con.print(f"{head} [cyan]{m['trigger_text']}[/] ({where}; dated {_day(m['date'])})")
        con.print(f"   {_short(m['sentence_text'], 160)}")
        if m["via"] is None or (isinstance(m["via"], float)):
            con.print("   [dim]founded the cluster[/]")
        else:
            con.print(f"   [green]joined via {m['via']}[/]: {m['reason']}")
    for c in detail.copies.to_dict("records"):
        con.print(
            f"[dim]copy[/] {c['doc_id']} of {c['canonical_id']} ({c['method']}, "
            f"{c['similarity']:.2f}), {c['source'] or 'no source'}"
        )


@app.command("update")
@reports_errors
def update(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Cluster the events of documents not clustered yet (ingest does this by itself)."""
    from heron.analytics import update_clusters
    from heron.store import Store

    settings = read_settings(config, db=db)
    _exists(settings.db)
    with Store(settings.db) as store:
        done = update_clusters(store, settings=settings)
    console.print(
        f"{done.events} events of {done.documents} documents: {done.founded} new clusters, "
        f"{done.joined} joined one"
    )


@app.command("rebuild")
@reports_errors
def rebuild(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Forget every cluster and cluster the whole store again (after changing cluster_days)."""
    from heron.analytics import rebuild_clusters
    from heron.store import Store

    settings = read_settings(config, db=db)
    _exists(settings.db)
    with Store(settings.db) as store:
        done = rebuild_clusters(store, settings=settings)
    console.print(f"{done.events} events → {done.founded} clusters")


@reports_errors
def copies(fmt: FormatOpt = Format.table, db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Documents kept as copies of another document (not coded again)."""
    from heron.analytics import copies as list_copies

    settings = read_settings(config, db=db)
    df = list_copies(settings.db)
    write_frame(df, fmt)
    if fmt is Format.table:
        console.print(f"{len(df)} copies")


def _exists(db: object) -> None:
    from pathlib import Path

    from heron.errors import StoreError

    if not Path(str(db)).exists():
        raise StoreError(f"{db} does not exist: run `heron ingest … --db {db}` first")


def _actor(s: dict[str, object], side: str) -> str:
    code, name = s[f"{side}_code"], s[f"{side}_name"]
    if code is None and name is None:
        return "—"
    return f"{code or ''}" + (f" ({name})" if name else "")


def _short(text: object, n: int = 90) -> str:
    t = " ".join(str(text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _day(value: object) -> str:
    if value is None or (isinstance(value, float)):
        return "?"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10]


def _jsonable(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value
